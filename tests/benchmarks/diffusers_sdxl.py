"""The reference side of `./run.sh bench-sdxl`: diffusers v0.27.2 on a real-size SDXL with random weights,
the same work as tests/benchmarks/bench_diffusion (TESSERA_BENCH_SDXL=unet|turbo|lora) beside it.

usage: diffusers_sdxl.py DIFFUSERS_SRC TRANSFORMERS_SRC STUBS make MODEL_DIR
       diffusers_sdxl.py DIFFUSERS_SRC TRANSFORMERS_SRC STUBS unet  MODEL_DIR fp32|bf16
       diffusers_sdxl.py DIFFUSERS_SRC TRANSFORMERS_SRC STUBS turbo MODEL_DIR fp32|bf16 OUT.png
       diffusers_sdxl.py DIFFUSERS_SRC TRANSFORMERS_SRC STUBS lora  MODEL_DIR

make:  writes MODEL_DIR once: the SDXL base configs of tests/diffusion/data/sd-reference-2/manifests/configs/sdxl-base,
       random weights saved F16 (about 6.9 GB), the tiny tokenizers of sd-reference-2/tiny-sdxl (their ids stay below
       the real vocabulary size). One module at a time, each freed before the next: the UNet's 10.3 GB in fp32 is the peak.
unet:  one guided UNet step (batch 2, 128x128 latents, text_embeds [2,1280], time_ids [2,6]), twice: the first step is
       what Tessera times, the second is warm. TESSERA_BENCH_SDXL_SMOKE=1 uses 64x64 latents and one step.
turbo: one 512x512 SDXL-Turbo-style image with StableDiffusionXLPipeline: 1 step, guidance 0, on a folder with
       SDXL-Turbo's configs (run.sh links the random weights under the bundled sdxl-turbo family's configs:
       EulerAncestral with trailing timesteps, UNet sample size 64).
lora:  diffusers 0.27.2's load_lora_weights needs PEFT (USE_PEFT_BACKEND); Debian 12 packages no PEFT (nor
       accelerate), so where it does not import the mode says so and measures nothing.
Each timed line reads 'diffusers WORK: N s, peak M GB' (peak: the process's maximum resident set, ru_maxrss).

Loading: the offline safetensors stand-in in STUBS reads a whole file into memory, and without `accelerate`
diffusers' from_pretrained builds the model in fp32 before loading; with the real packages a user gets neither
(mmap, low_cpu_mem_usage). So the modules are built here in the target dtype without random initialisation and
filled tensor by tensor from the files, which is what that user's peak looks like.
The offline import set-up is that of diffusers_image.py beside this file."""
import json
import os
import re
import resource
import shutil
import struct
import sys
import time

src_d, src_t, stubs, mode, model = sys.argv[1:6]


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
import numpy as np
import torch

torch.set_num_threads(2)
from transformers import tokenization_utils_base as tub

if not tub.is_tokenizers_available():  # the slow tokenizer's AddedToken, as sd15_random.py patches it
    tub.AddedToken.__hash__ = lambda self: hash(self.content)
    tub.AddedToken.__eq__ = lambda self, o: isinstance(o, tub.AddedToken) and self.content == o.content
    tub.AddedToken.__setstate__ = lambda self, s: self.__dict__.update(s)
    tub.AddedToken.__getstate__ = lambda self: dict(self.__dict__)
from diffusers import AutoencoderKL, UNet2DConditionModel
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "diffusion", "data", "sd-reference-2")
SMOKE = os.environ.get("TESSERA_BENCH_SDXL_SMOKE") == "1"


def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def clip_config(path):
    fields = {k: v for k, v in json.load(open(path)).items() if not k.startswith("_") and k != "architectures"}
    return CLIPTextConfig(**fields)


def make(out):
    import gc
    configs = os.path.join(REFERENCE, "manifests", "configs", "sdxl-base")
    tiny = os.path.join(REFERENCE, "tiny-sdxl")
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    builders = {
        "text_encoder": lambda: CLIPTextModel(clip_config(configs + "/text_encoder/config.json")),
        "text_encoder_2": lambda: CLIPTextModelWithProjection(clip_config(configs + "/text_encoder_2/config.json")),
        "vae": lambda: AutoencoderKL.from_config(json.load(open(configs + "/vae/config.json"))),
        "unet": lambda: UNet2DConditionModel.from_config(json.load(open(configs + "/unet/config.json"))),
    }
    for name, build in builders.items():
        start = time.time()
        module = build().half()
        module.save_pretrained(os.path.join(out, name), safe_serialization=True)
        del module
        gc.collect()
        print(f"made {name} in {time.time() - start:.0f} s, peak {peak():.2f} GB", flush=True)
    for name in ("tokenizer", "tokenizer_2"):
        shutil.copytree(os.path.join(tiny, name), os.path.join(out, name), dirs_exist_ok=True)
    os.makedirs(os.path.join(out, "scheduler"), exist_ok=True)
    shutil.copy(configs + "/scheduler/scheduler_config.json", os.path.join(out, "scheduler"))
    shutil.copy(os.path.join(tiny, "model_index.json"), out)
    print("made", out, flush=True)


SAFETENSORS_DTYPES = {"F16": np.float16, "F32": np.float32, "BF16": np.int16}


def fill_from_safetensors(module, path, dtype):
    """copies each tensor of the file into the module's parameter or buffer of that name, reading one at a time"""
    targets = dict(module.named_parameters())
    targets.update(dict(module.named_buffers()))
    with open(path, "rb") as f:
        (header_size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_size))
        header.pop("__metadata__", None)
        base = 8 + header_size
        for name, info in header.items():
            if name not in targets:
                continue
            begin, end = info["data_offsets"]
            f.seek(base + begin)
            array = np.frombuffer(f.read(end - begin), dtype=SAFETENSORS_DTYPES[info["dtype"]])
            tensor = torch.from_numpy(array.copy())
            if info["dtype"] == "BF16":
                tensor = tensor.view(torch.bfloat16)
            with torch.no_grad():
                target = targets.pop(name)
                target.copy_(tensor.reshape(info["shape"]).to(target.dtype))
    missing = [name for name in targets if not name.endswith("position_ids")]
    if missing:
        raise RuntimeError(f"{path}: no weights for {missing[:5]}")
    return module


def build_uninitialised(build, dtype):
    """the module in `dtype`, its random initialisation skipped (the file fills every weight)"""
    init = torch.nn.init
    saved = {name: getattr(init, name) for name in dir(init) if name.endswith("_") and not name.startswith("_")}
    resets = {cls: cls.reset_parameters for cls in (torch.nn.Linear, torch.nn.Conv2d, torch.nn.Embedding,
                                                    torch.nn.LayerNorm, torch.nn.GroupNorm)}
    previous_dtype = torch.get_default_dtype()
    try:
        for name in saved:
            setattr(init, name, lambda tensor, *a, **k: tensor)
        for cls in resets:
            cls.reset_parameters = lambda self: None
        torch.set_default_dtype(dtype)
        return build()
    finally:
        torch.set_default_dtype(previous_dtype)
        for cls, reset in resets.items():
            cls.reset_parameters = reset
        for name, function in saved.items():
            setattr(init, name, function)


def load_unet(dtype):
    config = json.load(open(os.path.join(model, "unet", "config.json")))
    unet = build_uninitialised(lambda: UNet2DConditionModel.from_config(config), dtype)
    return fill_from_safetensors(unet, os.path.join(model, "unet", "diffusion_pytorch_model.safetensors"), dtype).eval()


def load_clip(cls, folder, dtype):
    module = build_uninitialised(lambda: cls(clip_config(os.path.join(model, folder, "config.json"))), dtype)
    return fill_from_safetensors(module, os.path.join(model, folder, "model.safetensors"), dtype).eval()


def load_vae(dtype):
    config = json.load(open(os.path.join(model, "vae", "config.json")))
    vae = build_uninitialised(lambda: AutoencoderKL.from_config(config), dtype)
    return fill_from_safetensors(vae, os.path.join(model, "vae", "diffusion_pytorch_model.safetensors"), dtype).eval()


def precision_dtype(name):
    return torch.bfloat16 if name == "bf16" else torch.float32


def unet_step(precision):
    dtype = precision_dtype(precision)
    start = time.time()
    unet = load_unet(dtype)
    print(f"dtype {dtype}; diffusers SDXL UNet loaded in {time.time() - start:.1f} s, peak {peak():.2f} GB", flush=True)
    size = 64 if SMOKE else 128
    torch.manual_seed(0)
    latents = torch.randn(2, 4, size, size).to(dtype)
    context = torch.randn(2, 77, 2048).to(dtype)
    added = {"text_embeds": torch.randn(2, 1280).to(dtype),
             "time_ids": torch.tensor([[size * 8.0, size * 8.0, 0.0, 0.0, size * 8.0, size * 8.0]] * 2).to(dtype)}
    with torch.inference_mode():
        for run in (1,) if SMOKE else (1, 2):  # the first step is what Tessera's benchmark times; the second is warm
            start = time.time()
            unet(latents, torch.tensor([500.0]), context, added_cond_kwargs=added)
            seconds = time.time() - start
            print(f"diffusers SDXL UNet step {size}x{size} batch 2 (run {run}): {seconds:.1f} s, peak {peak():.2f} GB",
                  flush=True)


def turbo_image(precision, png):
    from diffusers import EulerAncestralDiscreteScheduler, StableDiffusionXLPipeline
    from transformers import CLIPTokenizer
    dtype = precision_dtype(precision)
    start = time.time()
    scheduler_config = json.load(open(os.path.join(model, "scheduler", "scheduler_config.json")))
    if scheduler_config["_class_name"] != "EulerAncestralDiscreteScheduler":
        sys.exit(f"{model}: not an SDXL-Turbo folder (run.sh's turbo view of the random model has Euler ancestral)")
    pipe = StableDiffusionXLPipeline(
        vae=load_vae(dtype),
        text_encoder=load_clip(CLIPTextModel, "text_encoder", dtype),
        text_encoder_2=load_clip(CLIPTextModelWithProjection, "text_encoder_2", dtype),
        tokenizer=CLIPTokenizer.from_pretrained(os.path.join(model, "tokenizer")),
        tokenizer_2=CLIPTokenizer.from_pretrained(os.path.join(model, "tokenizer_2")),
        unet=load_unet(dtype),
        scheduler=EulerAncestralDiscreteScheduler.from_config(scheduler_config))
    print(f"dtype {dtype}; diffusers SDXL pipeline loaded in {time.time() - start:.1f} s, peak {peak():.2f} GB",
          flush=True)
    size = 256 if SMOKE else 512
    start = time.time()
    with torch.inference_mode():
        image = pipe("a lighthouse in a storm", guidance_scale=0.0, num_inference_steps=1, height=size, width=size,
                     generator=torch.Generator().manual_seed(0)).images[0]
    seconds = time.time() - start
    print(f"diffusers SDXL-Turbo image {size}x{size} 1 step: {seconds:.1f} s, peak {peak():.2f} GB", flush=True)
    image.save(png)


def lora():
    from diffusers.utils import USE_PEFT_BACKEND
    if not USE_PEFT_BACKEND:
        print("diffusers LoRA: not measured: load_lora_weights in diffusers 0.27.2 needs PEFT, which does not "
              "import here (Debian 12 packages none)", flush=True)
        return
    print("diffusers LoRA: PEFT is present, but this script has no measurement for it yet", flush=True)


if mode == "make":
    make(model)
elif mode == "unet":
    unet_step(sys.argv[6])
elif mode == "turbo":
    turbo_image(sys.argv[6], sys.argv[7])
elif mode == "lora":
    lora()
else:
    sys.exit(__doc__)
