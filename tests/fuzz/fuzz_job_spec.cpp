// libFuzzer target: arbitrary text as a stored job payload (a project file's jobs table, which a
// later run resumes): GridJobSpec::fromJson, GenerationOptions::fromJson (CellRecipe.h) on the
// payload and on its "options", and ShardManifest::fromJson (a shard file's one job). Each must
// throw GenerationError or return what toJson could have written: reading it back gives the same
// JSON, its options are ones tessera-cli generate accepts, and the recipes planned from them carry
// them. The seeds are payloads as GridJobSpec and ShardManifest write them (whole grids, chosen
// cells, rerolls, repairs, forced cells, a shard).
#include "Require.h"

#include "tessera/generation/CellRecipe.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GridJob.h"
#include "tessera/generation/ShardMerge.h"

#include <QJsonDocument>

#include <cmath>
#include <cstdint>

namespace {

using namespace tessera;

const Segment& plannedSegment()
{
    static const Segment segment = [] {
        Segment s;
        s.range = {0, 4000};
        s.lyric = QStringLiteral("Neon rivers");
        s.prompt = QStringLiteral("(neon:1.3) rivers at night");
        s.seed = 42;
        s.grid = GridGeometry{2, 3};
        s.axisX.variation = AxisVariation::TermWeight;
        s.axisX.term = QStringLiteral("neon");
        s.axisX.from = 0.5;
        s.axisX.to = 1.5;
        s.axisY.variation = AxisVariation::Guidance;
        s.axisY.from = 4.0;
        s.axisY.to = 9.0;
        return s;
    }();
    return segment;
}

void checkOptions(const GenerationOptions& options)
{
    FUZZ_REQUIRE(options.steps >= 1 && options.steps <= GenerationOptions::kMaxSteps);
    FUZZ_REQUIRE(!options.guidance || (std::isfinite(*options.guidance) && *options.guidance >= 0.0));
    FUZZ_REQUIRE(options.width >= 0 && options.width <= GenerationOptions::kMaxImageSide);
    FUZZ_REQUIRE(options.height >= 0 && options.height <= GenerationOptions::kMaxImageSide);
    FUZZ_REQUIRE(options.batchSize >= 0);
    FUZZ_REQUIRE(GenerationOptions::fromJson(options.toJson()).toJson() == options.toJson());
}

void planWith(const GenerationOptions& options, quint32 reroll)
{
    const Segment& segment = plannedSegment();
    ProjectSettings settings;
    settings.stylePrompt = QStringLiteral("oil painting");
    for (int row = 0; row < segment.grid.rows(); ++row) {
        for (int col = 0; col < segment.grid.cols(); ++col) {
            const QJsonObject recipe = planCellRecipe(segment, settings, CellIndex{row, col}, options, reroll);
            FUZZ_REQUIRE(recipe.value(recipe::kSteps).toInt() == options.steps);
            FUZZ_REQUIRE(!isRecipeOutOfDate(recipe, segment, settings, CellIndex{row, col}));
        }
    }
}

void readGridJob(const QJsonObject& payload)
{
    try {
        const GridJobSpec spec = GridJobSpec::fromJson(payload);
        FUZZ_REQUIRE(spec.segmentId > 0);
        FUZZ_REQUIRE(!spec.repairStrength || (*spec.repairStrength > 0.0 && *spec.repairStrength <= 1.0));
        FUZZ_REQUIRE(spec.repairCandidates >= 1 && spec.repairCandidates <= kMaxRepairCandidates);
        checkOptions(spec.options);
        FUZZ_REQUIRE(GridJobSpec::fromJson(spec.toJson()).toJson() == spec.toJson());
        planWith(spec.options, spec.rerollFor(CellIndex{0, 0}, 0));
    } catch (const GenerationError&) {
    }
}

void readOptions(const QJsonObject& json)
{
    try {
        const GenerationOptions options = GenerationOptions::fromJson(json);
        checkOptions(options);
        planWith(options, 0);
    } catch (const GenerationError&) {
    }
}

void readShardManifest(const QJsonObject& payload)
{
    try {
        const ShardManifest manifest = ShardManifest::fromJson(payload);
        FUZZ_REQUIRE(manifest.shard >= 1 && manifest.shard <= manifest.shardCount);
        FUZZ_REQUIRE(ShardManifest::fromJson(manifest.toJson()).toJson() == manifest.toJson());
        FUZZ_REQUIRE(manifest.isSameCut(ShardManifest::fromJson(manifest.toJson())));
        (void)manifest.cellCount();
        (void)shardJobSpecs(manifest, GenerationOptions{});
    } catch (const GenerationError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (!document.isObject())
        return 0; // the catalog stores payloads as JSON objects and refuses anything else
    const QJsonObject payload = document.object();
    readGridJob(payload);
    readOptions(payload);
    if (payload.value(QStringLiteral("options")).isObject())
        readOptions(payload.value(QStringLiteral("options")).toObject());
    readShardManifest(payload);
    return 0;
}
