#include "CliContext.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/project/ProjectAudio.h"

#include <QJsonArray>

namespace tessera::cli {

int runStem(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report as JSON."));
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    parser.addPositionalArgument(QStringLiteral("add|list|remove"), QStringLiteral("What to do."));
    parser.addPositionalArgument(QStringLiteral("[NAME [FILE]]"),
        QStringLiteral("add NAME FILE: link an audio file aligned to the song (drums, bass, vocals...);\n"
                       "remove NAME; list."));
    if (const int handled = context.parse(parser, QStringLiteral("stem"), arguments,
            QStringLiteral("Manages stems: audio files aligned to the song whose features can drive an axis\n"
                           "(an axis can follow the kick drum alone). The export always plays the song."));
        handled >= 0) {
        return handled;
    }
    const QStringList positional = parser.positionalArguments();
    const QString verb = positional.value(1);
    const bool valid = (verb == QLatin1String("add") && positional.size() == 4)
        || (verb == QLatin1String("remove") && positional.size() == 3)
        || (verb == QLatin1String("list") && positional.size() == 2);
    if (!valid)
        return context.usageError(QStringLiteral("stem"), QStringLiteral("expected PROJECT add NAME FILE | remove NAME | list"));

    return context.guarded([&] {
        const auto catalog = Catalog::open(positional[0], verb == QLatin1String("list") ? Catalog::Access::ReadOnly : Catalog::Access::ReadWrite);
        if (verb == QLatin1String("add")) {
            const ProjectAudioAnalysis analysis = linkStem(*catalog, positional[2], positional[3]);
            context.out() << "Added stem " << positional[2] << " (" << analysis.audioPath << ", "
                          << QString::number(analysis.analysis.durationSeconds(), 'f', 1) << " s)" << Qt::endl;
        } else if (verb == QLatin1String("remove")) {
            for (const Stem& stem : catalog->stems()) {
                if (stem.name == positional[2]) {
                    catalog->removeStem(stem.id);
                    context.out() << "Removed stem " << stem.name << Qt::endl;
                    return int(Success);
                }
            }
            return context.fail(QStringLiteral("%1: has no stem named \"%2\"").arg(positional[0], positional[2]));
        }
        const QVector<Stem> stems = catalog->stems();
        if (parser.isSet(jsonOption)) {
            QJsonArray list;
            for (const Stem& stem : stems)
                list.append(QJsonObject{{QStringLiteral("name"), stem.name}, {QStringLiteral("path"), stem.path}, {QStringLiteral("hash"), stem.hash}});
            context.printJson({{QStringLiteral("stems"), list}});
        } else if (verb == QLatin1String("list")) {
            for (const Stem& stem : stems)
                context.out() << stem.name << "\t" << stem.path << Qt::endl;
        }
        return int(Success);
    });
}

} // namespace tessera::cli
