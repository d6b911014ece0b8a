#pragma once

// Untrusted models: only safetensors are read. PyTorch's pickle checkpoints (.ckpt, .bin, .pt,
// .pth) are refused, never opened, because unpickling one can run any code its author put in it.

#include <string>

namespace tessera {

//! True for a path whose extension is a PyTorch pickle checkpoint's (.ckpt, .bin, .pt, .pth; any case).
bool isPickleCheckpointPath(const std::string& path);
//! Throws DiffusionError "<path>: <why it is refused and what to do>" for such a path.
void refusePickleCheckpoint(const std::string& path);
//! Throws for the first pickle checkpoint named `stem` + a pickle extension in `folder` (where
//! weights were expected but no safetensors file was found).
void refusePickleCheckpointIn(const std::string& folder, const std::string& stem);

} // namespace tessera
