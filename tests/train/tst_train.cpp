#include "BpeLearner.h"
#include "EmojiDataset.h"
#include "Trainer.h"

#include "tessera/diffusion/ClipTokenizer.h"
#include "tessera/diffusion/DiffusionPipeline.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace tessera;
using namespace tessera::train;

namespace {

// A network small enough for a few steps in seconds: two levels, attention at 16x16.
TrainRecipe tinyRecipe()
{
    TrainRecipe recipe;
    recipe.makeTiny();
    recipe.seed = 7;
    recipe.totalSteps = 1000;
    recipe.learningRate = 2e-3;
    recipe.imageLimit = 8;
    return recipe;
}

std::vector<CaptionedImage> glyphs(int count)
{
    EmojiDatasetOptions options;
    options.limit = count;
    return renderEmojiDataset(options);
}

std::string makeTokenizer(const std::vector<CaptionedImage>& data, const QTemporaryDir& dir, const TrainRecipe& recipe)
{
    std::vector<std::string> captions;
    for (const auto& item : data)
        captions.push_back(item.caption);
    const auto folder = dir.filePath(QStringLiteral("model/tokenizer")).toStdString();
    writeTokenizerFolder(learnBpe(captions, recipe.vocabSize), folder, recipe.contextLength);
    return folder;
}

} // namespace

class TestTrain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersCaptionedGlyphs()
    {
        // given the first emoji of emoji-test.txt
        EmojiDatasetOptions options;
        options.limit = 6;
        EmojiDatasetReport report;

        // when they are rendered
        const auto data = renderEmojiDataset(options, &report);

        // then each is a 32x32 image that is not just background, captioned with its name
        QCOMPARE(static_cast<int>(data.size()), 6);
        QCOMPARE(report.rendered, 6);
        QCOMPARE(data.front().caption, std::string("grinning face"));
        for (const auto& item : data) {
            QCOMPARE(item.rgb.size(), std::size_t(32 * 32 * 3));
            const auto foreground = std::count_if(item.rgb.begin(), item.rgb.end(), [](auto v) { return v < 200; });
            QVERIFY2(foreground > 100, item.caption.c_str());
            QCOMPARE(int(item.rgb[0]), 255); // the corner is the white background
        }
    }

    void learnsBpeTheEngineTokenizerReads()
    {
        // given captions where "face" is frequent
        const std::vector<std::string> captions{"grinning face", "smiling face", "winking face", "red heart",
                                                "face with tears of joy", "heart on fire"};
        QTemporaryDir dir;

        // when a vocabulary is learned and written
        const auto vocabulary = learnBpe(captions, 1000);
        const auto folder = dir.filePath(QStringLiteral("tokenizer")).toStdString();
        writeTokenizerFolder(vocabulary, folder, 16);
        const auto tokenizer = ClipTokenizer::fromFolder(folder);

        // then the engine's tokenizer reads it, frequent words are one token, rare ones split
        QCOMPARE(tokenizer.vocabSize(), static_cast<int>(vocabulary.tokens.size()));
        QCOMPARE(tokenizer.maxLength(), 16);
        QCOMPARE(tokenizer.tokens("Face"), std::vector<std::string>{"face</w>"});
        QCOMPARE(tokenizer.tokens("heart"), std::vector<std::string>{"heart</w>"});
        QVERIFY(tokenizer.tokens("joy").size() > 1); // seen once: no merge learned for it
        const auto ids = tokenizer.encode("heart face");
        QCOMPARE(ids.front(), tokenizer.bosId());
        QCOMPARE(ids[3], tokenizer.eosId());
        QCOMPARE(static_cast<int>(ids.size()), 16);
    }

    void trainsExportsAndGeneratesDeterministically()
    {
        // given a tiny network and eight glyphs
        QTemporaryDir dir;
        const auto recipe = tinyRecipe();
        const auto data = glyphs(recipe.imageLimit);
        Trainer trainer(recipe, data, makeTokenizer(data, dir, recipe));
        const float before = trainer.evaluate(false);

        // when it trains a few steps and exports
        for (int i = 0; i < 20; ++i)
            trainer.step();
        const float after = trainer.evaluate(false);
        const auto folder = dir.filePath(QStringLiteral("model")).toStdString();
        trainer.exportModel(folder);

        // then the losses are finite and the fixed-set loss went down
        QCOMPARE(trainer.stepsDone(), 20);
        QCOMPARE(static_cast<int>(trainer.losses().size()), 20);
        for (float loss : trainer.losses())
            QVERIFY(std::isfinite(loss));
        QVERIFY2(after < 0.9f * before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));

        // and the engine loads the folder and samples the same image for the same seed
        const DiffusionPipeline pipeline(folder, ComputeDevice::Cpu);
        QCOMPARE(pipeline.nativeWidth(), 32);
        QVERIFY(!pipeline.latentSpace());
        GenerationRequest request;
        request.prompt = data.front().caption;
        request.steps = 8;
        request.guidance = 3.0;
        request.seed = 11;
        const auto first = pipeline.generate(request);
        const auto again = pipeline.generate(request);
        request.seed = 12;
        const auto other = pipeline.generate(request);
        QCOMPARE(first.width, 32);
        QCOMPARE(first.pixels, again.pixels);
        QVERIFY(first.pixels != other.pixels);
    }

    void resumesExactlyFromACheckpoint()
    {
        // given a run checkpointed after 3 steps that then went on for 3 more
        QTemporaryDir dir;
        auto recipe = tinyRecipe();
        recipe.imageLimit = 4;
        const auto data = glyphs(recipe.imageLimit);
        const auto tokenizer = makeTokenizer(data, dir, recipe);
        const auto checkpoint = dir.filePath(QStringLiteral("checkpoint.safetensors")).toStdString();
        Trainer original(recipe, data, tokenizer);
        for (int i = 0; i < 3; ++i)
            original.step();
        original.saveCheckpoint(checkpoint);
        std::vector<float> continued;
        for (int i = 0; i < 3; ++i)
            continued.push_back(original.step());

        // when a new trainer resumes from the checkpoint
        std::map<std::string, std::string> files;
        const auto stored = Trainer::checkpointRecipe(checkpoint, &files);
        QCOMPARE(stored.toJson(), recipe.toJson());
        QCOMPARE(files.size(), std::size_t(4));
        Trainer resumed(stored, data, tokenizer);
        resumed.loadCheckpoint(checkpoint);
        QCOMPARE(resumed.stepsDone(), 3);
        std::vector<float> again;
        for (int i = 0; i < 3; ++i)
            again.push_back(resumed.step());

        // then it continues with the same batches, weights and optimiser state: the same losses
        QCOMPARE(again, continued);
        QCOMPARE(resumed.evaluate(true), original.evaluate(true));

        // and a run may be lengthened on resume, but a checkpoint of another recipe is refused
        auto longer = recipe;
        longer.totalSteps = 5000;
        Trainer lengthened(longer, data, tokenizer);
        lengthened.loadCheckpoint(checkpoint);
        QCOMPARE(lengthened.stepsDone(), 3);
        auto other = recipe;
        other.learningRate = 1e-4;
        Trainer mismatched(other, data, tokenizer);
        QVERIFY_THROWS_EXCEPTION(DiffusionError, mismatched.loadCheckpoint(checkpoint));
    }
};

QTEST_MAIN(TestTrain)
#include "tst_train.moc"
