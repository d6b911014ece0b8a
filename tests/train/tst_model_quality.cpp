// The bundled model's quality as a threshold, so that the figure the model card quotes cannot
// silently drop: on a fixed subset of bench_model_quality's images (every one of its 40 prompts,
// seeds 0 and 1, the CLI's defaults) the share whose 5 nearest training images include one whose
// caption names the prompt. Same judge as the benchmark (app/tessera-train/ModelQuality.h).
// Deterministic: fixed prompts, seeds, batches, and one thread (TESSERA_COMPUTE_THREADS=1,
// OPENBLAS_NUM_THREADS=1 in the ctest entry); another CPU's float rounding may move an image or two.
#include "EmojiDataset.h"
#include "ModelQuality.h"

#include "tessera/diffusion/DiffusionPipeline.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QtTest>

using namespace tessera;
using namespace tessera::train;

namespace {

const std::vector<std::uint64_t> kSeeds = {0, 1};
// Measured: 62 of 80 (77.5%) on this machine's CPU in float32, the 9 prompts missed with both seeds;
// the limit (56 of 80) leaves three prompts' margin for another CPU's rounding. In bf16 (auto here):
// 62 of 80 too, the same prompts missed.
constexpr double kMinimumHitRate = 0.70;
// The judge must be far from trivially satisfied: random training images score 0.8% here (10 draws
// per prompt) and 1.5% in the benchmark (100 draws).
constexpr double kMaximumChance = 0.05;

} // namespace

class TestModelQuality : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theBundledModelDrawsWhatItsPromptNames_data()
    {
        // the demo and the studio generate at "auto" (bf16 on a CPU with bf16 instructions, float32
        // elsewhere): it must keep the quality float32 has
        QTest::addColumn<int>("precision");
        QTest::newRow("fp32") << int(ComputePrecision::Fp32);
        QTest::newRow("auto") << int(ComputePrecision::Auto);
    }

    void theBundledModelDrawsWhatItsPromptNames()
    {
        QFETCH(int, precision);
        // given the training images, judged by their 16x16 thumbnails and captions, and the
        // bundled model at the CLI's defaults (its sampler and guidance, 30 steps)
        QElapsedTimer timer;
        timer.start();
        EmojiDatasetOptions options;
        const std::vector<CaptionedImage> data = renderEmojiDataset(options);
        qInfo("rendered %zu training images in %.1f s", data.size(), double(timer.restart()) / 1000.0);
        QVERIFY2(data.size() > 1000, qPrintable(QString::number(data.size())));
        const RetrievalJudge judge(data, options.size);
        const DiffusionPipeline pipeline(TESSERA_BUNDLED_MODEL, ComputeDevice::Cpu, {}, ComputePrecision(precision));
        qInfo("precision %s", pipeline.precisionName().c_str());
        GenerationRequest settings;
        settings.steps = 30;
        // when every prompt is drawn with each fixed seed and judged
        timer.restart();
        const std::vector<JudgedImage> images = generateAndJudge(pipeline, judge, qualityPrompts(), kSeeds, settings);
        qInfo("sampled and judged %zu images in %.1f s", images.size(), double(timer.elapsed()) / 1000.0);
        // then most images have a training image naming the prompt among their 5 nearest
        QStringList misses;
        for (const JudgedImage& image : images) {
            if (!image.hit)
                misses << QStringLiteral("%1/%2").arg(QString::fromStdString(image.prompt)).arg(image.seed);
        }
        const double rate = hitRate(images);
        qInfo("quality on the fixed subset: %lld of %zu images (%.1f%%) hit, threshold %.0f%%; missed: %s",
            qlonglong(images.size() - std::size_t(misses.size())), images.size(), 100.0 * rate,
            100.0 * kMinimumHitRate, qPrintable(misses.join(QStringLiteral(", "))));
        QCOMPARE(images.size(), qualityPrompts().size() * kSeeds.size());
        QVERIFY2(rate >= kMinimumHitRate, qPrintable(QStringLiteral("%1%").arg(100.0 * rate, 0, 'f', 1)));
        // and random training images in their place mostly miss, so the figure means something
        const double chance = judge.chance(qualityPrompts(), 10, 20261202);
        qInfo("chance (random training images, 10 draws per prompt): %.1f%%", 100.0 * chance);
        QVERIFY2(chance < kMaximumChance, qPrintable(QString::number(chance)));
    }

    void theJudgeMatchesWholeWordsAndPlurals()
    {
        QVERIFY(captionNames("sun with face", "sun"));
        QVERIFY(captionNames("Two Hearts", "heart"));
        QVERIFY(captionNames("crossed fingers: boxes", "box"));
        QVERIFY(!captionNames("sunflower", "sun"));
        QVERIFY(!captionNames("", "sun"));
    }
};

QTEST_MAIN(TestModelQuality)
#include "tst_model_quality.moc"
