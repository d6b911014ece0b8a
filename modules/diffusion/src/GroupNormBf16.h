#pragma once

#include <ATen/ATen.h>

namespace tessera::detail {

//! True where groupNormBf16ChannelsLast can take x: a CPU bfloat16 [N, C, H, W] tensor laid out
//! channels-last (NHWC), as the convolutions give it in bf16.
bool fitsGroupNormBf16ChannelsLast(const at::Tensor& x);

//! GroupNorm of such a tensor, optionally followed by SiLU, in one pass over the output: the
//! statistics in float/double (float sums of shifted values per block, combined in double, so a
//! large mean costs no precision), weight and
//! bias float32, the result bfloat16 in the same layout. Deterministic: the sums run over fixed
//! blocks of pixels and are combined in one order, whatever the thread count.
//!
//! Written by hand because torch 1.13's own bf16 channels-last group_norm gives wrong results (a
//! mean error of 3.8 on a unit-variance input, measured) and the float32 round trip around it plus
//! a separate SiLU cost twice to three times the convolution that follows (1.5 s of a 512x512 VAE
//! decode).
at::Tensor groupNormBf16ChannelsLast(const at::Tensor& x, int64_t groups, const at::Tensor& weight,
                                     const at::Tensor& bias, double eps, bool silu);

} // namespace tessera::detail
