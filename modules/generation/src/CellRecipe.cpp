#include "tessera/generation/CellRecipe.h"

#include "tessera/diffusion/DiffusionPipeline.h" // cpuHasNativeBf16: no libtorch (modelfiles)

#include "tessera/core/FileHash.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/generation/ModelAddOns.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

const QString kOptSteps = QStringLiteral("steps");
const QString kOptSampler = QStringLiteral("sampler");
const QString kOptGuidance = QStringLiteral("guidance");
const QString kOptWidth = QStringLiteral("width");
const QString kOptHeight = QStringLiteral("height");
const QString kOptModel = QStringLiteral("model");
const QString kOptModelHash = QStringLiteral("modelHash");
const QString kOptBackend = QStringLiteral("backend");
const QString kOptBatchSize = QStringLiteral("batchSize");
const QString kOptPrecision = QStringLiteral("precision");

//! The prompt with term rewritten as "(term:w)": every whole-word occurrence (case-insensitive)
//! is wrapped, or the weighted term is appended when the prompt lacks it.
QString withTermWeight(const QString& prompt, const QString& term, double weight)
{
    const QRegularExpression pattern(QStringLiteral("(?<![\\w])") + QRegularExpression::escape(term)
            + QStringLiteral("(?![\\w])"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    if (!prompt.contains(pattern))
        return prompt.isEmpty() ? weightedTerm(term, weight) : prompt + QStringLiteral(", ") + weightedTerm(term, weight);
    QString result;
    qsizetype last = 0;
    auto matches = pattern.globalMatch(prompt);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        result += prompt.mid(last, match.capturedStart() - last);
        result += weightedTerm(match.captured(), weight);
        last = match.capturedEnd();
    }
    result += prompt.mid(last);
    return result;
}

QString withStyle(const QString& prompt, const QString& style)
{
    const QString trimmedStyle = style.trimmed();
    if (trimmedStyle.isEmpty())
        return prompt;
    if (prompt.trimmed().isEmpty())
        return trimmedStyle;
    return prompt + QStringLiteral(", ") + trimmedStyle;
}

quint32 seedWalkTarget(const AxisDefinition& axis, quint32 baseSeed)
{
    const QString text = axis.term.trimmed();
    if (text.isEmpty())
        return baseSeed + 1u; // wraps at 2^32 like every seed
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok);
    if (!ok || value > 0xffffffffULL)
        throw GenerationError({}, QStringLiteral("seed walk target \"%1\" is not a seed (0..4294967295)").arg(text));
    return quint32(value);
}

//! The LoRAs and embeddings a cell is made with: the project's, with each LoRA-strength axis's
//! LoRA at its parameter for the cell (added when the project does not list it). No hashes yet.
struct CellAddOns
{
    QVector<LoraChoice> loras;
    QVector<EmbeddingChoice> embeddings;
};

CellAddOns addOnsForCell(const Segment& segment, const ProjectSettings& settings, CellIndex cell)
{
    CellAddOns addOns;
    for (const ProjectLora& lora : settings.loras)
        addOns.loras.append(LoraChoice{lora.file, lora.strength, {}});
    for (const ProjectEmbedding& embedding : settings.embeddings)
        addOns.embeddings.append(EmbeddingChoice{embedding.file, embedding.token, {}});
    QStringList varied;
    const auto vary = [&](const AxisDefinition& axis, double parameter) {
        if (axis.variation != AxisVariation::LoraStrength || axis.term.trimmed().isEmpty())
            return; // an axis without a LoRA varies nothing, like one without a term
        const QString file = axisLoraFile(axis, settings);
        if (varied.contains(file))
            throw GenerationError(file, QStringLiteral("both axes vary this LoRA's strength; give one of them another variation"));
        varied.append(file);
        const auto listed = std::find_if(addOns.loras.begin(), addOns.loras.end(),
            [&](const LoraChoice& lora) { return lora.file == file; });
        if (listed != addOns.loras.end())
            listed->scale = parameter;
        else
            addOns.loras.append(LoraChoice{file, parameter, {}});
    };
    vary(segment.axisX, segment.axisX.parameterAt(cell.col, segment.grid.cols()));
    vary(segment.axisY, segment.axisY.parameterAt(cell.row, segment.grid.rows()));
    return addOns;
}

QString hashOfAddOn(const QString& file, const QString& what)
{
    if (!QFileInfo(file).isFile())
        throw GenerationError(file, QStringLiteral("no such %1 file; the project lists it (tessera-cli settings)").arg(what));
    QString error;
    const auto hash = sha256OfFile(file, &error);
    if (!hash)
        throw GenerationError(file, error);
    return *hash;
}

} // namespace

QString axisLoraFile(const AxisDefinition& axis, const ProjectSettings& settings)
{
    if (const ProjectLora* lora = settings.loraNamed(axis.term))
        return lora->file;
    const QString term = axis.term.trimmed();
    const QFileInfo file(term);
    if (term.isEmpty() || !file.isFile()) {
        QStringList names;
        for (const ProjectLora& lora : settings.loras)
            names.append(lora.name());
        throw GenerationError(term, QStringLiteral("the LoRA-strength axis names neither one of the project's LoRAs (%1) nor a file")
                                        .arg(names.isEmpty() ? QStringLiteral("it has none") : names.join(QStringLiteral(", "))));
    }
    return file.absoluteFilePath();
}

QHash<QString, QString> hashModelAddOns(const Segment& segment, const ProjectSettings& settings)
{
    QHash<QString, QString> hashes;
    const auto add = [&](const QString& file, const QString& what) {
        if (!hashes.contains(file))
            hashes.insert(file, hashOfAddOn(file, what));
    };
    for (const ProjectLora& lora : settings.loras)
        add(lora.file, QStringLiteral("LoRA"));
    for (const AxisDefinition* axis : {&segment.axisX, &segment.axisY}) {
        if (axis->variation == AxisVariation::LoraStrength && !axis->term.trimmed().isEmpty())
            add(axisLoraFile(*axis, settings), QStringLiteral("LoRA"));
    }
    for (const ProjectEmbedding& embedding : settings.embeddings)
        add(embedding.file, QStringLiteral("embedding"));
    return hashes;
}

QJsonObject GenerationOptions::toJson() const
{
    QJsonObject json{{kOptSteps, steps}, {kOptSampler, sampler}, {kOptWidth, width}, {kOptHeight, height},
        {kOptModel, model}, {kOptModelHash, modelHash}, {kOptBackend, backend}, {kOptBatchSize, batchSize}};
    if (guidance)
        json.insert(kOptGuidance, *guidance);
    if (!precision.isEmpty())
        json.insert(kOptPrecision, precision);
    return json;
}

QString GenerationOptions::autoPrecisionOnThisCpu()
{
    return cpuHasNativeBf16() ? QStringLiteral("bf16") : QStringLiteral("fp32");
}

const QStringList& GenerationOptions::precisionNames()
{
    // The engine's names (ComputePrecision in the diffusion module, which this module does not
    // link): checked here so that a stored job never reaches a back-end with one it refuses.
    static const QStringList names{QStringLiteral("auto"), QStringLiteral("fp32"), QStringLiteral("bf16"), QStringLiteral("fp16")};
    return names;
}

GenerationOptions GenerationOptions::fromJson(const QJsonObject& json)
{
    GenerationOptions options;
    options.steps = json.value(kOptSteps).toInt(options.steps);
    options.sampler = json.value(kOptSampler).toString();
    if (json.value(kOptGuidance).isDouble())
        options.guidance = json.value(kOptGuidance).toDouble();
    options.width = json.value(kOptWidth).toInt(0);
    options.height = json.value(kOptHeight).toInt(0);
    options.model = json.value(kOptModel).toString();
    options.modelHash = json.value(kOptModelHash).toString();
    options.backend = json.value(kOptBackend).toString();
    options.batchSize = qMax(0, json.value(kOptBatchSize).toInt(0));
    options.precision = json.value(kOptPrecision).toString();
    if (!options.precision.isEmpty() && !precisionNames().contains(options.precision))
        throw GenerationError({}, QStringLiteral("the options ask for precision \"%1\" (%2)")
                                      .arg(options.precision, precisionNames().join(QStringLiteral(", "))));
    // Stored options reach the back-end unchecked: hold them to what tessera-cli generate accepts.
    if (options.steps < 1 || options.steps > kMaxSteps)
        throw GenerationError({}, QStringLiteral("the options ask for %1 sampler steps (1 to %2)").arg(options.steps).arg(kMaxSteps));
    if (options.guidance && !(*options.guidance >= 0.0 && std::isfinite(*options.guidance)))
        throw GenerationError({}, QStringLiteral("the options ask for a guidance of %1 (0 or more)").arg(*options.guidance));
    if (options.width < 0 || options.width > kMaxImageSide || options.height < 0 || options.height > kMaxImageSide)
        throw GenerationError({}, QStringLiteral("the options ask for %1x%2 images (0 for the model's size, else up to %3)")
                                      .arg(options.width)
                                      .arg(options.height)
                                      .arg(kMaxImageSide));
    return options;
}

QString weightedTerm(const QString& term, double weight)
{
    if (qFuzzyCompare(weight, 1.0))
        return term;
    // Three decimals without trailing zeros ("0.2", "1.25"): never an exponent the prompt parser
    // would not read.
    QString number = QString::number(weight, 'f', 3);
    while (number.endsWith(QLatin1Char('0')))
        number.chop(1);
    if (number.endsWith(QLatin1Char('.')))
        number.chop(1);
    if (number == QLatin1String("-0"))
        number = QStringLiteral("0");
    return QStringLiteral("(%1:%2)").arg(term, number);
}

namespace {

//! planCellRecipe; without hashAddOns, the recipe leaves out the LoRAs and embeddings (whose
//! files it would hash) and only checks that the cell can have them.
QJsonObject planRecipe(const Segment& segment, const ProjectSettings& settings, CellIndex cell,
    const GenerationOptions& options, quint32 reroll, bool hashAddOns)
{
    if (!segment.grid.contains(cell)) {
        throw GenerationError({}, QStringLiteral("cell %1,%2 is outside the %3x%4 grid")
                                      .arg(cell.row)
                                      .arg(cell.col)
                                      .arg(segment.grid.rows())
                                      .arg(segment.grid.cols()));
    }
    if (options.steps < 1)
        throw GenerationError({}, QStringLiteral("%1 sampler steps are too few").arg(options.steps));

    QString prompt = segment.prompt.trimmed().isEmpty() ? segment.lyric.trimmed() : segment.prompt.trimmed();
    QString blendPrompt;
    double blendWeight = 0.0;
    std::optional<quint32> blendSeed;
    double seedBlend = 0.0;
    std::optional<double> guidance = options.guidance;
    bool guidanceSet = false;
    const quint32 seed = segment.seed + reroll; // wraps at 2^32 like every seed

    // X varies along columns, Y along rows; each axis's parameter is evenly spaced over its cells.
    const struct {
        const AxisDefinition& axis;
        double parameter;
    } axes[] = {
        {segment.axisX, segment.axisX.parameterAt(cell.col, segment.grid.cols())},
        {segment.axisY, segment.axisY.parameterAt(cell.row, segment.grid.rows())},
    };
    for (const auto& [axis, parameter] : axes) {
        switch (axis.variation) {
        case AxisVariation::TermWeight:
            if (!axis.term.trimmed().isEmpty()) // an axis without a term varies nothing
                prompt = withTermWeight(prompt, axis.term.trimmed(), parameter);
            break;
        case AxisVariation::PromptBlend:
            if (axis.term.trimmed().isEmpty())
                break;
            if (!blendPrompt.isEmpty())
                throw GenerationError({}, QStringLiteral("both axes blend prompts; a grid can blend towards one prompt only"));
            blendPrompt = withStyle(axis.term.trimmed(), settings.stylePrompt);
            blendWeight = parameter;
            break;
        case AxisVariation::Guidance:
            if (guidanceSet)
                throw GenerationError({}, QStringLiteral("both axes vary the guidance; give one of them another variation"));
            guidance = parameter;
            guidanceSet = true;
            break;
        case AxisVariation::SeedWalk:
            if (blendSeed)
                throw GenerationError({}, QStringLiteral("both axes walk the seed; give one of them another variation"));
            blendSeed = seedWalkTarget(axis, segment.seed) + reroll;
            seedBlend = parameter;
            break;
        case AxisVariation::LoraStrength: // addOnsForCell
            break;
        }
    }
    const auto hashOf = [&](const QString& file, const QString& what) {
        const auto known = options.addOnHashes.constFind(file);
        return known != options.addOnHashes.constEnd() ? *known : hashOfAddOn(file, what);
    };
    CellAddOns addOns = addOnsForCell(segment, settings, cell);
    if (hashAddOns) {
        for (LoraChoice& lora : addOns.loras)
            lora.sha256 = hashOf(lora.file, QStringLiteral("LoRA"));
        for (EmbeddingChoice& embedding : addOns.embeddings)
            embedding.sha256 = hashOf(embedding.file, QStringLiteral("embedding"));
    }

    QJsonObject json{
        {recipe::kPrompt, withStyle(prompt, settings.stylePrompt)},
        {recipe::kSeed, qint64(seed)},
        {recipe::kSteps, options.steps},
        {recipe::kSampler, options.sampler},
        {recipe::kWidth, options.width},
        {recipe::kHeight, options.height},
        {recipe::kModel, options.model},
        {recipe::kModelHash, options.modelHash},
        {recipe::kBackend, options.backend},
        {recipe::kRow, cell.row},
        {recipe::kCol, cell.col},
    };
    // a blank negative prompt is none at all: SDXL then guides away from zero embeddings, as
    // diffusers does with negative_prompt=None (SD 1.x/2.x encode the empty prompt either way)
    if (!settings.negativePrompt.isEmpty())
        json.insert(recipe::kNegativePrompt, settings.negativePrompt);
    if (guidance) // else the back-end uses the model's own and records it with the version
        json.insert(recipe::kGuidance, *guidance);
    if (!options.precision.isEmpty() && options.precision != QLatin1String("fp32"))
        json.insert(recipe::kPrecision, options.precision);
    if (reroll > 0)
        json.insert(recipe::kReroll, qint64(reroll));
    if (!blendPrompt.isEmpty()) {
        json.insert(recipe::kBlendPrompt, blendPrompt);
        json.insert(recipe::kBlendWeight, blendWeight);
    }
    if (blendSeed) {
        json.insert(recipe::kBlendSeed, qint64(*blendSeed));
        json.insert(recipe::kSeedBlend, seedBlend);
    }
    // absent without any, so recipes of projects without LoRAs keep their bytes
    if (hashAddOns && !addOns.loras.isEmpty())
        json.insert(recipe::kLoras, lorasJson(addOns.loras));
    if (hashAddOns && !addOns.embeddings.isEmpty())
        json.insert(recipe::kEmbeddings, embeddingsJson(addOns.embeddings));
    return json;
}

//! The same LoRAs at the same strengths and the same embeddings with the same tokens, in any order.
bool sameAddOns(const CellAddOns& planned, const QJsonObject& recipe)
{
    const QVector<LoraChoice> loras = lorasOf(recipe);
    const QVector<EmbeddingChoice> embeddings = embeddingsOf(recipe);
    if (loras.size() != planned.loras.size() || embeddings.size() != planned.embeddings.size())
        return false;
    for (const LoraChoice& lora : planned.loras) {
        if (std::none_of(loras.begin(), loras.end(), [&](const LoraChoice& made) {
                return made.file == lora.file && std::abs(made.scale - lora.scale) <= 1e-9;
            }))
            return false;
    }
    for (const EmbeddingChoice& embedding : planned.embeddings) {
        if (std::none_of(embeddings.begin(), embeddings.end(), [&](const EmbeddingChoice& made) {
                return made.file == embedding.file && made.token == embedding.token;
            }))
            return false;
    }
    return true;
}

} // namespace

QJsonObject planCellRecipe(const Segment& segment, const ProjectSettings& settings, CellIndex cell,
    const GenerationOptions& options, quint32 reroll)
{
    return planRecipe(segment, settings, cell, options, reroll, true);
}

void checkPlannable(const Segment& segment, const ProjectSettings& settings)
{
    planRecipe(segment, settings, CellIndex{0, 0}, GenerationOptions{}, 0, false);
}

bool isRecipeOutOfDate(const QJsonObject& recipe, const Segment& segment, const ProjectSettings& settings, CellIndex cell)
{
    if (!recipe.contains(recipe::kPrompt))
        return false;
    // Planned with the version's own options and reroll, so only what the segment and project
    // decide can differ; steps, sampler, size and model are the job's, not the prompt's.
    GenerationOptions options;
    options.steps = std::max(1, recipe.value(recipe::kSteps).toInt(1));
    options.sampler = recipe.value(recipe::kSampler).toString();
    if (recipe.contains(recipe::kGuidance))
        options.guidance = recipe.value(recipe::kGuidance).toDouble();
    const qint64 reroll = recipe.value(recipe::kReroll).toInteger(0);
    QJsonObject planned;
    CellAddOns addOns;
    try {
        planned = planRecipe(segment, settings, cell, options, quint32(reroll), false);
        addOns = addOnsForCell(segment, settings, cell);
    } catch (const GenerationError&) {
        return false; // the job reports why when it runs
    }
    try {
        if (!sameAddOns(addOns, recipe))
            return true;
    } catch (const GenerationError&) {
        return true; // malformed entries are no LoRAs the project asks for
    }
    for (const QString& key : {recipe::kPrompt, recipe::kNegativePrompt, recipe::kBlendPrompt})
        if (recipe.value(key).toString() != planned.value(key).toString())
            return true;
    for (const QString& key : {recipe::kSeed, recipe::kBlendSeed})
        if (recipe.value(key).toInteger(-1) != planned.value(key).toInteger(-1))
            return true;
    const auto differs = [&](const QString& key) {
        if (recipe.contains(key) != planned.contains(key))
            return true;
        return std::abs(recipe.value(key).toDouble() - planned.value(key).toDouble()) > 1e-9;
    };
    const bool guidanceAxis = segment.axisX.variation == AxisVariation::Guidance || segment.axisY.variation == AxisVariation::Guidance;
    return differs(recipe::kBlendWeight) || differs(recipe::kSeedBlend) || (guidanceAxis && differs(recipe::kGuidance));
}

} // namespace tessera
