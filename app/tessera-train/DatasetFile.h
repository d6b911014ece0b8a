#pragma once

// The rendered training data as one file, so that a machine without Qt or the emoji font (a GPU
// box with libtorch only) can train on exactly the images and captions rendered here.
// Plain std types in the interface: the Qt side writes it, the libtorch side implements it.

#include "EmojiDataset.h"

#include <string>
#include <vector>

namespace tessera::train {

struct DatasetFile
{
    int size = 0;                       //!< images are size x size RGB8
    std::string note;                   //!< where the data came from (for the model card)
    std::vector<CaptionedImage> images;
};

//! Writes a safetensors file: "images" uint8 [N, size, size, 3] and the captions and note as
//! metadata. Throws DiffusionError naming the file when it cannot be written.
void saveDatasetFile(const DatasetFile& dataset, const std::string& path);
//! Reads what saveDatasetFile wrote; throws DiffusionError naming the file on any inconsistency.
DatasetFile loadDatasetFile(const std::string& path);

} // namespace tessera::train
