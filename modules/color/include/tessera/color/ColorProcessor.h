#pragma once

#include "tessera/color/ColorConfig.h"
#include "tessera/color/LinearImage.h"
#include "tessera/core/Grade.h"
#include "tessera/core/ProjectSettings.h"

#include <QImage>

#include <array>
#include <memory>

namespace tessera {

namespace internal { struct ColorProcessorPrivate; }

//! How the 8-bit display paths (toDisplay, linearToDisplay8) are evaluated.
enum class DisplayPathMode {
    Auto,  //!< toDisplay: three exact 256-entry tables when no step mixes channels, else Baked
    Exact, //!< OCIO's optimised float CPU processor on every pixel (slow for tone-mapped views)
    Baked  //!< exact per-channel decode/exposure/gamma tables, then a 3D LUT (tetrahedral) baked
           //!< from the exact processor for the rest, refined until 99.5% of channels are within
           //!< one code of the exact chain (exact OCIO where no grid up to 129 gets there)
};

//! Options for the CPU paths; the defaults suit the exporter.
struct ColorProcessorOptions
{
    int threads = 0;                             //!< 0: one per core
    DisplayPathMode displayPath = DisplayPathMode::Auto;
    int lutSize = 65;                            //!< starting grid points per axis of the baked 3D LUT (2..129)
};

//! The colour pipeline of one look: cell encoding (sRGB) -> working space (scene-linear) ->
//! grade (exposure in stops, gamma, saturation) -> display/view. Built once per config,
//! settings and grade (OCIO processors are compiled and optimised here), then applied from any
//! number of threads. Construction throws ColorError for an unknown working space, display or view.
class ColorProcessor
{
public:
    //! settings: working space, display and view, empty names meaning the config's defaults
    //! (its ocioConfig is ignored: the config is given).
    ColorProcessor(std::shared_ptr<const ColorConfig> config, const ColorSettings& settings,
        const Grade& grade = {}, const ColorProcessorOptions& options = {});
    ~ColorProcessor();
    ColorProcessor(const ColorProcessor&) = delete;
    ColorProcessor& operator=(const ColorProcessor&) = delete;

    const ColorConfig& config() const;
    QString workingSpace() const; //!< the colour space grades apply in
    QString display() const;      //!< the display in use (a default filled in)
    QString view() const;         //!< the view in use (a default filled in)
    Grade grade() const;

    //! The export path: an 8-bit sRGB cell (any QImage format; alpha kept) through grade and
    //! display/view to 8-bit display values, RGBA8888, multi-threaded over rows.
    QImage toDisplay(const QImage& cell) const;
    //! Whether toDisplay() uses the baked 3D LUT (rather than exact tables or exact OCIO).
    bool usesBakedDisplayPath() const;
    //! The baked LUT's grid size (refined past options.lutSize where the chain clips hard), or 0.
    int bakedLutSize() const;

    //! The compositor's input: an 8-bit sRGB cell decoded to scene-linear working space, graded.
    LinearImage toLinear(const QImage& cell) const;
    //! The compositor's output: graded working-space light through the display/view (no grade
    //! applied here) as display-encoded floats, exact OCIO, multi-threaded over rows.
    LinearImage linearToDisplay(const LinearImage& linear) const;
    //! The compositor's frame out: graded working-space light to 8-bit display RGBA8888
    //! (opaque). Through a 3D LUT baked on first use (log2 shaper from 2^-12 to 2^8, refined
    //! until 99.5% of channels are within one code of OCIO, exact OCIO where no grid gets
    //! there), or exact OCIO in Exact mode.
    QImage linearToDisplay8(const LinearImage& linear) const;
    //! The grid size of the LUT linearToDisplay8() uses, or 0 (exact OCIO, or not yet used).
    int linearLutSize() const;

    //! The 8-bit cell decode of grey code values -> working-space value (no grade), from OCIO
    //! (per channel exactly when the working space shares the cells' primaries).
    const std::array<float, 256>& decodeTable() const;
    //! Working-space RGB back to the cells' 8-bit encoding (no grade): the inverse of the decode.
    QImage encodeToCell(const LinearImage& linear) const;

private:
    std::unique_ptr<internal::ColorProcessorPrivate> d;
};

} // namespace tessera
