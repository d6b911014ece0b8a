#pragma once

// The bundled model's training data: Noto Color Emoji glyphs rendered with Qt at the model's
// resolution on a fixed background, captioned with their CLDR names from emoji-test.txt.
// Plain std types in the interface so the libtorch side of the tool never includes Qt.

#include <cstdint>
#include <string>
#include <vector>

namespace tessera::train {

//! One training image: its caption and size x size RGB8 pixels, rows top to bottom.
struct CaptionedImage
{
    std::string caption;
    std::vector<std::uint8_t> rgb;
};

//! Where the glyphs and names come from and how they are drawn.
struct EmojiDatasetOptions
{
    std::string emojiTestPath = "/usr/share/unicode/emoji/emoji-test.txt";
    std::string fontPath = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";
    int size = 32;                      //!< output images are size x size
    std::uint32_t background = 0xffffff; //!< RGB of the fixed background
    bool skinToneVariants = false;      //!< the skin-tone variants are near duplicates at 32x32
    int limit = 0;                      //!< keep at most this many images (0: all), for smoke tests
};

//! What rendering found, for the log and the model card.
struct EmojiDatasetReport
{
    int fullyQualified = 0;  //!< fully-qualified entries considered (after the skin-tone filter)
    int rendered = 0;        //!< images kept
    int skippedEmpty = 0;    //!< drew nothing (glyph missing from the font)
    int skippedSequence = 0; //!< drew as several glyphs (a sequence the font does not ligate)
};

//! Renders the data set; needs a QGuiApplication. Throws DiffusionError "<file>: <problem>" when
//! the font or emoji-test.txt cannot be read. Deterministic: same files, same images and order.
std::vector<CaptionedImage> renderEmojiDataset(const EmojiDatasetOptions& options, EmojiDatasetReport* report = nullptr);

//! A contact sheet of the first images (for checking the data by eye), written as PNG.
void writeDatasetSheet(const std::vector<CaptionedImage>& images, int size, int columns, int count,
                       const std::string& path);

} // namespace tessera::train
