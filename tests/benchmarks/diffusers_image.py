"""The reference side of `./run.sh bench-image`: one whole txt2img image with diffusers v0.27.2's
StableDiffusionPipeline, in the same settings Tessera's `tessera-cli sample` gets beside it.

usage: diffusers_image.py DIFFUSERS_SRC TRANSFORMERS_SRC STUBS MODEL fp32|bf16 STEPS GUIDANCE SAMPLER OUT.png
SAMPLER: pndm (the model's scheduler) or euler. Prints 'load N' and 'seconds N' (the pipeline call).
The offline import set-up is that of ../shared/bench/sd15_random.py, which makes MODEL."""
import os, re, sys, time

src_d, src_t, stubs, model, precision, steps, guidance, sampler, png = sys.argv[1:10]


def dist_info(src, package):
    """a dist-info folder, so that importlib.metadata finds the source-only package's version"""
    version = re.search(r'^__version__ = "([^"]+)"', open(os.path.join(src, package, "__init__.py")).read(), re.M).group(1)
    folder = f"/tmp/tessera-bench-distinfo/{package}-{version}.dist-info"
    os.makedirs(folder, exist_ok=True)
    open(folder + "/METADATA", "w").write(f"Metadata-Version: 2.1\nName: {package}\nVersion: {version}\n")
    return os.path.dirname(folder)


sys.path[:0] = [stubs, src_d, src_t, dist_info(src_t, "transformers"), dist_info(src_d, "diffusers")]
for key in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "DIFFUSERS_OFFLINE"):
    os.environ[key] = "1"
import torch

torch.set_num_threads(2)
from transformers import tokenization_utils_base as tub

if not tub.is_tokenizers_available():  # the slow tokenizer's AddedToken, as sd15_random.py patches it
    tub.AddedToken.__hash__ = lambda self: hash(self.content)
    tub.AddedToken.__eq__ = lambda self, o: isinstance(o, tub.AddedToken) and self.content == o.content
    tub.AddedToken.__setstate__ = lambda self, s: self.__dict__.update(s)
    tub.AddedToken.__getstate__ = lambda self: dict(self.__dict__)
from diffusers import EulerDiscreteScheduler, StableDiffusionPipeline

dtype = torch.bfloat16 if precision == "bf16" else torch.float32
start = time.time()
pipe = StableDiffusionPipeline.from_pretrained(model, safety_checker=None, feature_extractor=None,
                                               requires_safety_checker=False).to(dtype=dtype)
if sampler == "euler":
    pipe.scheduler = EulerDiscreteScheduler.from_config(pipe.scheduler.config)
print(f"load {time.time() - start:.1f}", flush=True)
start = time.time()
with torch.inference_mode():
    image = pipe("a lighthouse in a storm", negative_prompt="", guidance_scale=float(guidance),
                 num_inference_steps=int(steps), height=512, width=512,
                 generator=torch.Generator().manual_seed(0)).images[0]
print(f"seconds {time.time() - start:.1f}", flush=True)
image.save(png)
