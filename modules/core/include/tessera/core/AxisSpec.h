#pragma once

#include "tessera/core/AxisDefinition.h"

#include <QString>
#include <optional>

namespace tessera {

// An axis written as one line of text, for the command line and prompt fields:
//
//   SPEC    := KIND [":" OPTION]...
//   KIND    := "term:" TERM ":" FROM ":" TO         weight of TERM in the prompt, e.g. term:storm:0.2:1.4
//            | "blend:" PROMPT ":" FROM ":" TO      blend towards PROMPT (0 = segment prompt, 1 = PROMPT)
//            | "guidance:" FROM ":" TO              classifier-free guidance scale (0 or more)
//            | "seed" [":" TARGET] ":" FROM ":" TO  walk from the segment's seed towards TARGET
//                                                   (default: the segment's seed + 1), 0..1
//            | "lora:" NAME ":" FROM ":" TO         strength of a LoRA, -10..10: NAME is one of the
//                                                   project's LoRAs (its file's name without extension)
//                                                   or a file's path
//            | "none"                               the axis varies nothing
//   OPTION  := "feature=" rms|low|mid|high|onset|centroid|none   what drives the axis at playback
//            | "source=" STEM                       the stem the feature follows (default: the mix)
//            | "curve=" linear|ease-in|ease-out|smoothstep
//            | "range=" MIN "-" MAX                 feature values mapped to the first..last cell (0..1;
//                                                   MIN > MAX inverts the axis)
//            | "attack=" MS | "release=" MS         smoothing when the feature rises / falls
//
// TERM, PROMPT and NAME may contain ':' themselves: the numbers are read from the right, after the
// options. A SPEC describes the whole axis; options left out take their defaults (feature none,
// the mix, linear, range 0-1, attack 20 ms, release 250 ms).

//! Parses an axis SPEC; std::nullopt with the reason in *error when it is malformed.
std::optional<AxisDefinition> parseAxisSpec(const QString& spec, QString* error = nullptr);

//! The canonical SPEC of an axis, default options left out: parseAxisSpec(axisSpecText(a))
//! gives a back for every axis parseAxisSpec makes.
QString axisSpecText(const AxisDefinition& axis);

//! The grammar above in a few lines, for --help texts and tooltips.
QString axisSpecHelp();

} // namespace tessera
