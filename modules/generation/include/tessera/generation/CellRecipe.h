#pragma once

#include "tessera/core/GridGeometry.h"
#include "tessera/core/ProjectSettings.h"
#include "tessera/core/Segment.h"

#include <QHash>
#include <QJsonObject>

#include <optional>
#include <QString>
#include <QVector>

namespace tessera {

//! Generation settings shared by every cell of a job (not part of the segment).
struct GenerationOptions
{
    int steps = 30;
    QString sampler;         //!< "ddim", "euler", "euler_a", "dpmpp_2m", "dpmpp_2m_karras"...; empty: the model's
    //! unless an axis varies it; empty: the model's recommended guidance (the back-end resolves it)
    std::optional<double> guidance;
    int width = 0;           //!< 0: the model's native size
    int height = 0;
    QString model;           //!< the model folder
    QString modelHash;       //!< GeneratorBackend::modelHash()
    QString backend;         //!< GeneratorPlugin::backendName()
    int batchSize = 0;       //!< cells per back-end call; 0: the back-end's preference (not part of recipes)
    //! The networks' number type (recipe::kPrecision): "auto", "bf16", "fp16" or "fp32"; empty or
    //! "fp32" is float32 and stays out of the recipes, so their bytes are those of before.
    QString precision;
    //! SHA-256 of the LoRA and embedding files the recipes name, by absolute path
    //! (hashModelAddOns), so a job hashes each file once and not once per cell; planCellRecipe
    //! hashes a file missing here itself. Not stored: every run hashes the files afresh.
    QHash<QString, QString> addOnHashes;

    //! The names precision takes ("auto", "fp32", "bf16", "fp16"); the engine resolves "auto".
    static const QStringList& precisionNames();
    //! What "auto" computes in on this machine's CPU: "bf16" where it has bf16 instructions
    //! (AVX-512-BF16 or AMX), else "fp32" (a CUDA build makes it "fp16" on the GPU).
    static QString autoPrecisionOnThisCpu();

    static constexpr int kMaxSteps = 1000;      //!< tessera-cli's --steps range is 1..kMaxSteps
    static constexpr int kMaxImageSide = 99999; //!< --size takes up to five digits a side

    QJsonObject toJson() const;
    //! Reads toJson(), missing keys taking their defaults (a negative batch size reads as 0);
    //! throws GenerationError for options no run takes: steps outside 1..kMaxSteps, a guidance
    //! below 0 or not finite, a width or height below 0 or above kMaxImageSide, an unknown precision.
    static GenerationOptions fromJson(const QJsonObject& json);
};

//! The recipe of one cell as JSON, the form stored with every version and read by back-ends.
//! Keys: "prompt" (with "(term:w)" weights and the style prompt), "negativePrompt" (absent when
//! there is none),
//! "blendPrompt" + "blendWeight" (PromptBlend axis), "seed" (the segment's base seed, shared by
//! every cell so neighbours look alike, plus "reroll" for regenerated cells), "blendSeed" +
//! "seedBlend" (SeedWalk axis: spherical interpolation towards another seed), "guidance",
//! "steps", "sampler", "width", "height", "model", "modelHash", "backend", "row", "col", "loras" and
//! "embeddings" (ModelAddOns.h; absent when the project has none); a repaired cell adds
//! "repairFrom" and "strength".
namespace recipe {
inline const QString kPrompt = QStringLiteral("prompt");
inline const QString kNegativePrompt = QStringLiteral("negativePrompt");
inline const QString kBlendPrompt = QStringLiteral("blendPrompt");
inline const QString kBlendWeight = QStringLiteral("blendWeight");
inline const QString kSeed = QStringLiteral("seed");
inline const QString kReroll = QStringLiteral("reroll");
inline const QString kBlendSeed = QStringLiteral("blendSeed");
inline const QString kSeedBlend = QStringLiteral("seedBlend");
inline const QString kGuidance = QStringLiteral("guidance");
inline const QString kSteps = QStringLiteral("steps");
inline const QString kSampler = QStringLiteral("sampler");
inline const QString kWidth = QStringLiteral("width");
inline const QString kHeight = QStringLiteral("height");
inline const QString kModel = QStringLiteral("model");
inline const QString kModelHash = QStringLiteral("modelHash");
inline const QString kBackend = QStringLiteral("backend");
inline const QString kRow = QStringLiteral("row");
inline const QString kCol = QStringLiteral("col");
inline const QString kTimings = QStringLiteral("timings");
//! The networks' number type: "bf16", "fp16" (CUDA), "auto" (the machine's best, resolved to one
//! of them); absent means float32, so recipes made before precisions existed keep their bytes.
inline const QString kPrecision = QStringLiteral("precision");
// one-off images (tessera-cli sample), not stored in grid recipes
inline const QString kClipSkip = QStringLiteral("clipSkip");     //!< layers skipped from the text encoder's end
//! SDXL's micro-conditioning: the size the picture should look cropped from and the crop's corner
inline const QString kOriginalWidth = QStringLiteral("originalWidth");
inline const QString kOriginalHeight = QStringLiteral("originalHeight");
inline const QString kCropTop = QStringLiteral("cropTop");
inline const QString kCropLeft = QStringLiteral("cropLeft");
inline const QString kInitImage = QStringLiteral("initImage");   //!< img2img: path of the start image ...
inline const QString kStrength = QStringLiteral("strength");     //!< ... and how far it is noised (0..1)
inline const QString kFloatOutput = QStringLiteral("floatOutput"); //!< true: fill GeneratedImage::floatRgb
// repair from neighbours (grid jobs with GridJobSpec::repairStrength): img2img from the neighbours' blend
inline const QString kInitImagePng = QStringLiteral("initImagePng"); //!< the start image, base64 PNG; not stored
inline const QString kRepairFrom = QStringLiteral("repairFrom");     //!< stored: the blended neighbours' version ids
inline const QString kRepairCandidates = QStringLiteral("repairCandidates"); //!< seeds tried; this one was kept ...
inline const QString kRepairDistance = QStringLiteral("repairDistance");     //!< ... for its mean distance to the neighbours
} // namespace recipe

//! Writes a prompt term with an emphasis weight, "(term:0.75)", or the bare term at weight 1.
QString weightedTerm(const QString& term, double weight);

//! The full recipe of one cell: the segment prompt (the lyric when the prompt is empty) with the
//! project's style prompt appended, the project's negative prompt, and each axis's parameter at
//! the cell (X along columns, Y along rows): TermWeight rewrites the term in the prompt as
//! "(term:w)" (appending it when absent), PromptBlend blends towards the axis's prompt, Guidance
//! sets the scale, SeedWalk slerps the base noise towards the seed in the axis's term (default:
//! base seed + 1), LoraStrength sets its LoRA's strength (ProjectSettings::loraNamed, else the
//! term is a LoRA file's path, added to the project's for the cell; no term varies nothing). The recipe lists the
//! project's LoRAs (with their strengths) and embeddings, each with its file's SHA-256 from
//! options.addOnHashes (hashed here when missing). reroll > 0 (regenerating a cell that already has versions) offsets the seed so
//! the new image differs (both seeds, wrapping at 2^32: any seed S is reroll S - base seed).
//! Throws GenerationError when both axes blend prompts, walk seeds, set guidance or vary one
//! LoRA (one recipe holds one of each), for an invalid cell or seed, for a LoRA axis naming
//! neither a project LoRA nor a file, and (naming it) for a LoRA or embedding file it cannot hash.
QJsonObject planCellRecipe(const Segment& segment, const ProjectSettings& settings, CellIndex cell,
    const GenerationOptions& options, quint32 reroll = 0);

//! Throws what planCellRecipe throws for the segment's first cell, except for LoRA and embedding
//! files it would hash (it reads none): whether the segment's settings can make a grid at all.
void checkPlannable(const Segment& segment, const ProjectSettings& settings);

//! The SHA-256 of every LoRA and embedding file the segment's recipes name (the project's and its
//! LoRA-strength axes'), by absolute path: what GenerationOptions::addOnHashes holds for a job.
//! Throws GenerationError naming the first file that is missing or cannot be read, or an axis's
//! LoRA that is neither one of the project's nor a file.
QHash<QString, QString> hashModelAddOns(const Segment& segment, const ProjectSettings& settings);

//! The absolute path of the LoRA a LoraStrength axis varies: the project's LoRA it names, else
//! its term as a file's path. Throws GenerationError when the term is neither.
QString axisLoraFile(const AxisDefinition& axis, const ProjectSettings& settings);

//! True when a stored version's recipe was made from another prompt, negative prompt, seed,
//! axis value, set of LoRAs or their strengths, or set of embeddings than the segment and project
//! give the cell now (the artist edited the prompt, an axis or the project's LoRAs since; a LoRA
//! file's contents are not hashed again here): the cell is out of date and a grid job makes it again. Recipes without a prompt
//! (imported images) and cells the segment cannot plan any more are never out of date.
bool isRecipeOutOfDate(const QJsonObject& recipe, const Segment& segment, const ProjectSettings& settings, CellIndex cell);

} // namespace tessera
