"""The reference side of `./run.sh engine`'s GPU figures: diffusers v0.27.2 doing what
bench_diffusion's TESSERA_BENCH_SD15=cuda does, on the same GPU, with the same labels.

usage: diffusers_cuda.py DIFFUSERS_SRC STUBS SD15_CONFIGS
SD 1.5 UNet with random weights in fp16, VAE in float32 (diffusers upcasts it: force_upcast)."""
import json, sys, time

sys.path[:0] = sys.argv[1:3]
import torch
from diffusers import AutoencoderKL, UNet2DConditionModel

configs = sys.argv[3]
gpu = torch.device("cuda")
torch.backends.cuda.matmul.allow_tf32 = False  # as Tessera: float32 means float32
torch.backends.cudnn.allow_tf32 = False
torch.manual_seed(0)
unet = UNet2DConditionModel.from_config(json.load(open(configs + "/unet/config.json"))).to(gpu, torch.float16).eval()
vae = AutoencoderKL.from_config(json.load(open(configs + "/vae/config.json"))).to(gpu, torch.float32).eval()


def finished(t):
    return t.float().sum().item()


with torch.inference_mode():
    for batch in (1, 2):
        latents = torch.randn(batch, 4, 64, 64, device=gpu, dtype=torch.float16)
        context = torch.randn(batch, 77, 768, device=gpu, dtype=torch.float16)
        t = torch.tensor([500.0], device=gpu)
        finished(unet(latents, t, context).sample)
        calls = 10
        start = time.time()
        for _ in range(calls):
            eps = unet(latents, t, context).sample
        finished(eps)
        print(f"  CUDA fp16 UNet step, batch {batch}: {1000 * (time.time() - start) / calls:.1f} ms", flush=True)
    latents = torch.randn(1, 4, 64, 64, device=gpu)
    finished(vae.decode(latents).sample)
    start = time.time()
    finished(vae.decode(latents).sample)
    print(f"  CUDA VAE decode (float32), 64x64 latents to 512x512: {1000 * (time.time() - start):.1f} ms", flush=True)
    context = torch.randn(2, 77, 768, device=gpu, dtype=torch.float16)
    start = time.time()
    x = torch.randn(1, 4, 64, 64, device=gpu)
    for step in range(30):
        both = unet(torch.cat([x, x]).half(), torch.tensor([999.0 - 33.0 * step], device=gpu), context).sample.float().chunk(2)
        x = x - 0.03 * (both[0] + 7.5 * (both[1] - both[0]))
    finished(vae.decode(x).sample)
    print(f"  CUDA 30 guided steps + VAE decode, 512x512: {time.time() - start:.2f} s", flush=True)
