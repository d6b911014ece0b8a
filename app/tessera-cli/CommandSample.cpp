// tessera-cli sample: one image from a model, outside any project (through the generator
// plug-in like generate, so libtorch stays in the back-end).
#include "CliContext.h"
#include "ProjectArguments.h"
#include "SafetensorsWriter.h"

#include "tessera/diffusion/DiffusionPipeline.h"
#include "tessera/generation/CellRecipe.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/generation/GeneratorBackend.h"
#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/generation/ModelAddOns.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <limits>

namespace tessera::cli {

namespace {

QCommandLineOption option(const QString& name, const QString& help, const QString& value = {})
{
    return value.isEmpty() ? QCommandLineOption(name, help) : QCommandLineOption(name, help, value);
}

} // namespace

int runSample(CliContext& context, const QStringList& arguments)
{
    const QString verb = QStringLiteral("sample");
    QCommandLineParser parser;
    const auto model = option(QStringLiteral("model"), QStringLiteral("A diffusers model folder or a single .safetensors checkpoint (default: the bundled model)."), QStringLiteral("DIR|FILE"));
    const auto prompt = option(QStringLiteral("prompt"), QStringLiteral("The prompt (\"(word:1.3)\" emphasis allowed)."), QStringLiteral("TEXT"));
    const auto negative = option(QStringLiteral("negative"), QStringLiteral("The negative prompt. Without it there is none, as in diffusers: SD 1.x/2.x guide away from the empty prompt, SDXL from zero embeddings; --negative \"\" encodes the empty prompt."), QStringLiteral("TEXT"));
    const auto steps = option(QStringLiteral("steps"), QStringLiteral("Sampling steps (default 30)."), QStringLiteral("N"));
    const auto sampler = option(QStringLiteral("sampler"),
        QStringLiteral("ddim, pndm, euler, euler_a, dpmpp_2m, dpmpp_2m_karras or lcm (default: the model's scheduler)."), QStringLiteral("NAME"));
    const auto guidance = option(QStringLiteral("guidance"), QStringLiteral("Classifier-free guidance; 1 turns it off (default: the model's)."), QStringLiteral("G"));
    const auto seed = option(QStringLiteral("seed"), QStringLiteral("Seed of torch's CPU generator, as diffusers (default 0)."), QStringLiteral("S"));
    const auto size = option(QStringLiteral("size"), QStringLiteral("Image size (default: the model's, or the --init image's)."), QStringLiteral("WxH"));
    const auto init = option(QStringLiteral("init"), QStringLiteral("img2img: start from this image."), QStringLiteral("IMAGE"));
    const auto strength = option(QStringLiteral("strength"), QStringLiteral("img2img: how far the start image is noised, 0..1 (default 0.8)."), QStringLiteral("S"));
    const auto clipSkip = option(QStringLiteral("clip-skip"), QStringLiteral("Text-encoder layers skipped from the end (1 = penultimate)."), QStringLiteral("N"));
    const auto out = option(QStringLiteral("out"), QStringLiteral("The PNG to write."), QStringLiteral("OUT.png"));
    const auto tensor = option(QStringLiteral("tensor"),
        QStringLiteral("Also write the image before 8-bit quantisation: float32 tensor \"image\" [H, W, 3] in [0, 1]."),
        QStringLiteral("OUT.safetensors"));
    const auto precision = option(QStringLiteral("precision"),
        QStringLiteral("The networks' number type: fp32 (default), bf16, fp16 (CUDA only) or auto (bf16 on a CPU with bf16 instructions, fp16 on CUDA, else fp32)."),
        QStringLiteral("NAME"));
    const auto lora = option(QStringLiteral("lora"),
        QStringLiteral("A kohya LoRA (.safetensors) and its strength (default 1); repeatable."), QStringLiteral("FILE[:SCALE]"));
    const auto embedding = option(QStringLiteral("embedding"),
        QStringLiteral("A textual-inversion embedding (.safetensors) and the prompt token that uses it (default: the file's name); repeatable."),
        QStringLiteral("FILE[:TOKEN]"));
    const auto originalSize = option(QStringLiteral("original-size"),
        QStringLiteral("SDXL micro-conditioning: the size the picture should look cropped from (default: the image's size)."),
        QStringLiteral("WxH"));
    const auto crop = option(QStringLiteral("crop"),
        QStringLiteral("SDXL micro-conditioning: the crop's top-left corner in that size (default 0,0)."), QStringLiteral("TOP,LEFT"));
    parser.addOptions({lora, embedding, originalSize, crop});
    parser.addOptions({model, prompt, negative, steps, sampler, guidance, seed, size, init, strength, clipSkip, out, tensor, precision});
    if (const int handled = context.parse(parser, verb, arguments,
            QStringLiteral("Samples one image from a model, outside any project."));
        handled >= 0) {
        return handled;
    }
    if (!parser.positionalArguments().isEmpty())
        return context.usageError(verb, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    if (!parser.isSet(prompt) || !parser.isSet(out))
        return context.usageError(verb, QStringLiteral("--prompt and --out are required"));

    QJsonObject recipe{{recipe::kPrompt, parser.value(prompt)}};
    if (parser.isSet(negative))
        recipe.insert(recipe::kNegativePrompt, parser.value(negative));
    bool ok = true;
    const auto readInt = [&](const QCommandLineOption& o, const QString& key, int low, int high) {
        if (!parser.isSet(o))
            return;
        const int value = parser.value(o).toInt(&ok);
        ok = ok && value >= low && value <= high;
        if (ok)
            recipe.insert(key, value);
    };
    const auto readDouble = [&](const QCommandLineOption& o, const QString& key, double low, double high) {
        if (!parser.isSet(o))
            return;
        const double value = parser.value(o).toDouble(&ok);
        ok = ok && value >= low && value <= high;
        if (ok)
            recipe.insert(key, value);
    };
    readInt(steps, recipe::kSteps, 1, 1000);
    if (!ok)
        return context.usageError(verb, QStringLiteral("--steps must be 1 to 1000"));
    readDouble(guidance, recipe::kGuidance, 0.0, 100.0);
    if (!ok)
        return context.usageError(verb, QStringLiteral("--guidance must be a number from 0 to 100"));
    readInt(clipSkip, recipe::kClipSkip, 0, 100);
    if (!ok)
        return context.usageError(verb, QStringLiteral("--clip-skip must be 0 or more"));
    readDouble(strength, recipe::kStrength, 0.0, 1.0);
    if (!ok)
        return context.usageError(verb, QStringLiteral("--strength must be from 0 to 1"));
    if (parser.isSet(strength) && !parser.isSet(init))
        return context.usageError(verb, QStringLiteral("--strength needs --init"));
    const qulonglong seedValue = parser.value(seed).isEmpty() ? 0 : parser.value(seed).toULongLong(&ok);
    if (!ok || seedValue > qulonglong(std::numeric_limits<qint64>::max()))
        return context.usageError(verb, QStringLiteral("--seed must be a non-negative integer"));
    recipe.insert(recipe::kSeed, qint64(seedValue));
    if (parser.isSet(size)) {
        const auto parsed = parseSize(parser.value(size));
        if (!parsed)
            return context.usageError(verb, QStringLiteral("--size must be WIDTHxHEIGHT"));
        recipe.insert(recipe::kWidth, parsed->width());
        recipe.insert(recipe::kHeight, parsed->height());
    }
    if (parser.isSet(originalSize)) {
        const auto parsed = parseSize(parser.value(originalSize));
        if (!parsed)
            return context.usageError(verb, QStringLiteral("--original-size must be WIDTHxHEIGHT"));
        recipe.insert(recipe::kOriginalWidth, parsed->width());
        recipe.insert(recipe::kOriginalHeight, parsed->height());
    }
    if (parser.isSet(crop)) {
        const QStringList corner = parser.value(crop).split(QLatin1Char(','));
        bool topOk = false;
        bool leftOk = false;
        const int top = corner.size() == 2 ? corner[0].trimmed().toInt(&topOk) : -1;
        const int left = corner.size() == 2 ? corner[1].trimmed().toInt(&leftOk) : -1;
        if (!topOk || !leftOk || top < 0 || left < 0)
            return context.usageError(verb, QStringLiteral("--crop must be TOP,LEFT (two numbers of 0 or more)"));
        recipe.insert(recipe::kCropTop, top);
        recipe.insert(recipe::kCropLeft, left);
    }
    if (parser.isSet(sampler))
        recipe.insert(recipe::kSampler, parser.value(sampler));
    if (parser.isSet(init))
        recipe.insert(recipe::kInitImage, QFileInfo(parser.value(init)).absoluteFilePath());
    if (parser.isSet(tensor))
        recipe.insert(recipe::kFloatOutput, true);
    QVector<LoraChoice> loras;
    for (const QString& argument : parser.values(lora)) {
        QString problem;
        const auto choice = parseLoraArgument(argument, &problem);
        if (!choice)
            return context.usageError(verb, QStringLiteral("--lora %1").arg(problem));
        loras.append(*choice);
    }
    QVector<EmbeddingChoice> embeddings;
    for (const QString& argument : parser.values(embedding)) {
        QString problem;
        const auto choice = parseEmbeddingArgument(argument, &problem);
        if (!choice)
            return context.usageError(verb, QStringLiteral("--embedding %1").arg(problem));
        embeddings.append(*choice);
    }
    const QString precisionName = parser.isSet(precision) ? parser.value(precision) : QStringLiteral("fp32");
    try {
        parseComputePrecision(precisionName.toStdString());
    } catch (const DiffusionError&) {
        return context.usageError(verb, QStringLiteral("--precision must be auto, fp32, bf16 or fp16"));
    }
    // part of the recipe; float32 is said by its absence (the bytes of every earlier recipe)
    if (precisionName != QLatin1String("fp32"))
        recipe.insert(recipe::kPrecision, precisionName);

    return context.guarded([&] {
        QString folder = parser.value(model);
        if (folder.isEmpty()) {
            folder = bundledModelFolder();
            if (folder.isEmpty())
                throw GenerationError({}, QStringLiteral("the bundled model is not installed; pass --model DIR|FILE"));
        }
        if (!loras.isEmpty())
            recipe.insert(recipe::kLoras, lorasJson(loras));
        if (!embeddings.isEmpty())
            recipe.insert(recipe::kEmbeddings, embeddingsJson(embeddings));
        auto backend = createGenerator();
        backend->preferPrecision(precisionName);
        backend->load(QFileInfo(folder).absoluteFilePath());
        const GeneratedImage image = backend->generate({recipe}).constFirst();

        QSaveFile png(parser.value(out));
        if (!png.open(QIODevice::WriteOnly) || png.write(image.png) != image.png.size() || !png.commit())
            throw GenerationError(parser.value(out), QStringLiteral("cannot be written (%1)").arg(png.errorString()));
        if (parser.isSet(tensor))
            writeFloatSafetensors(parser.value(tensor), QStringLiteral("image"), {image.height, image.width, 3}, image.floatRgb);
        context.out() << parser.value(out) << ": " << image.width << "x" << image.height << ", "
                      << image.generationMs << " ms, "
                      << image.resolved.value(QStringLiteral("precision")).toString(QStringLiteral("fp32")) << "\n"
                      << Qt::flush;
        return int(Success);
    });
}

} // namespace tessera::cli
