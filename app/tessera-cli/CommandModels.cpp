// tessera-cli models: the diffusers models found in the given folders and the bundled one.
#include "CliContext.h"
#include "ModelSurvey.h"

#include "tessera/generation/GeneratorPlugins.h"

#include <QJsonArray>
#include <QLocale>
#include <QSettings>

namespace tessera::cli {

int runModels(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the models as JSON."));
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("DIR"),
        QStringLiteral("Model folders, or folders holding model folders (the studio's model folders and the bundled model are always listed)."),
        QStringLiteral("[DIR ...]"));
    if (const int handled = context.parse(parser, QStringLiteral("models"), arguments,
            QStringLiteral("Lists diffusers-layout models: name, family, resolution, prediction type, precision, size."));
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
        if (parser.isSet(jsonOption)) {
            QJsonArray list;
            for (const ModelSummary& model : models)
                list.append(model.toJson());
            context.printJson(QJsonObject{{QStringLiteral("models"), list}});
            return int(Success);
        }
        for (const ModelSummary& model : models) {
            context.out() << model.name << "  " << model.family << "  " << model.resolution << "px  " << model.prediction
                          << "  " << model.precision << "  " << QLocale::c().formattedDataSize(model.bytes) << "  "
                          << model.path << "\n";
        }
        context.out() << CliContext::count(models.size(), QStringLiteral("model")) << "\n" << Qt::flush;
        return int(Success);
    });
}

} // namespace tessera::cli
