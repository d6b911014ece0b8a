// tessera-cli models: the models (diffusers folders, single .safetensors checkpoints) found in the
// given folders, the studio's model folders and the bundled one.
#include "CliContext.h"

#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/generation/ModelSurvey.h"

#include <QJsonArray>
#include <algorithm>
#include <QLocale>
#include <QSettings>

namespace tessera::cli {

int runModels(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the models as JSON."));
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("DIR"),
        QStringLiteral("Model folders or .safetensors checkpoints, or folders holding them (the studio's model folders and the bundled model are always listed)."),
        QStringLiteral("[DIR ...]"));
    if (const int handled = context.parse(parser, QStringLiteral("models"), arguments,
            QStringLiteral("Lists models: diffusers folders and single-file .safetensors Stable Diffusion checkpoints "
                           "(family from the header, configs from the bundled family): name, family, resolution, "
                           "prediction type, precision, size; then the kohya LoRAs and textual-inversion embeddings "
                           "found there, with the family and text width they fit. Pickle checkpoints (.ckpt, .bin, .pt, .pth) are listed "
                           "as refused and never opened; so is any model that cannot be read, with its problem."));
        handled >= 0) {
        return handled;
    }
    return context.guarded([&] {
        QStringList folders = parser.positionalArguments();
        // The studio's Preferences > Model folders (its QSettings, key models/folders), so the
        // command line and the studio list the same models.
        const QSettings studio(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("Tessera"), QStringLiteral("Tessera"));
        folders.append(studio.value(QStringLiteral("models/folders")).toStringList());
        const QString bundled = bundledModelFolder();
        if (!bundled.isEmpty())
            folders.append(bundled);
        const QVector<ModelSummary> models = surveyModels(folders);
        const QVector<AddOnSummary> addOns = surveyAddOns(folders);
        if (parser.isSet(jsonOption)) {
            QJsonArray list;
            for (const ModelSummary& model : models)
                list.append(model.toJson());
            QJsonArray loras;
            QJsonArray embeddings;
            for (const AddOnSummary& addOn : addOns)
                (addOn.kind == QStringLiteral("lora") ? loras : embeddings).append(addOn.toJson());
            context.printJson(QJsonObject{{QStringLiteral("models"), list}, {QStringLiteral("loras"), loras},
                                          {QStringLiteral("embeddings"), embeddings}});
            return int(Success);
        }
        for (const ModelSummary& model : models) {
            if (!model.isUsable()) {
                context.out() << model.name << "  refused: " << model.problem << "\n";
                continue;
            }
            context.out() << model.name << "  " << model.family << "  " << model.resolution << "px  " << model.prediction
                          << "  " << model.precision << "  " << QLocale::c().formattedDataSize(model.bytes) << "  "
                          << model.path << "\n";
        }
        for (const AddOnSummary& addOn : addOns) {
            context.out() << addOn.name << "  " << addOn.kind << " for " << addOn.family << " (text width "
                          << addOn.contextWidth << ")  "
                          << (addOn.kind == QStringLiteral("lora") ? QStringLiteral("rank ") : QStringLiteral("vectors "))
                          << addOn.size << "  " << QLocale::c().formattedDataSize(addOn.bytes) << "  " << addOn.path;
            if (!addOn.problem.isEmpty())
                context.out() << "  refused: " << addOn.problem;
            context.out() << "\n";
        }
        const auto refusedCount = std::count_if(models.begin(), models.end(), [](const ModelSummary& model) { return !model.isUsable(); });
        context.out() << CliContext::count(int(models.size() - refusedCount), QStringLiteral("model"));
        if (refusedCount > 0)
            context.out() << ", " << refusedCount << " refused";
        context.out() << "\n" << Qt::flush;
        return int(Success);
    });
}

} // namespace tessera::cli
