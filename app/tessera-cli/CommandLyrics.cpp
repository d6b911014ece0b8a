#include "CliContext.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/project/ProjectAudio.h"
#include "tessera/project/ProjectLyrics.h"

namespace tessera::cli {

int runLyrics(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption replaceOption(QStringLiteral("replace"),
        QStringLiteral("Import even when the current timeline has generated cells (they are removed)."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report as JSON."));
    parser.addOptions({replaceOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    parser.addPositionalArgument(QStringLiteral("import|export"), QStringLiteral("What to do."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
        QStringLiteral("Lyrics to import (LRC with optional word timing, SRT, or plain text) or the\n"
                       "file to export (.lrc or .srt, from the extension)."));
    if (const int handled = context.parse(parser, QStringLiteral("lyrics"), arguments,
            QStringLiteral("Imports lyrics as the project's timeline (one segment per line, instrumental\n"
                           "gaps between), or exports the timeline's lines as LRC or SRT."));
        handled >= 0) {
        return handled;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 3 || (positional[1] != QLatin1String("import") && positional[1] != QLatin1String("export")))
        return context.usageError(QStringLiteral("lyrics"), QStringLiteral("expected PROJECT import|export FILE"));

    return context.guarded([&] {
        const auto catalog = Catalog::open(positional[0]);
        if (positional[1] == QLatin1String("export")) {
            exportProjectLyrics(*catalog, positional[2]);
            if (parser.isSet(jsonOption))
                context.printJson({{QStringLiteral("exported"), positional[2]}});
            else
                context.out() << "Exported the lyrics to " << positional[2] << Qt::endl;
            return int(Success);
        }
        const ProjectAudioAnalysis song = analyzeProjectAudio(*catalog);
        const qint64 durationMs = millisecondsFromSeconds(song.analysis.durationSeconds());
        const LyricsImport result = importProjectLyrics(*catalog, positional[2], durationMs, parser.isSet(replaceOption));
        if (parser.isSet(jsonOption)) {
            context.printJson({{QStringLiteral("segments"), result.segmentCount},
                {QStringLiteral("warnings"), QJsonArray::fromStringList(result.warnings)},
                {QStringLiteral("notes"), QJsonArray::fromStringList(result.notes)}});
        } else {
            context.out() << "Imported " << positional[2] << ": " << CliContext::count(result.segmentCount, QStringLiteral("segment")) << Qt::endl;
            for (const QString& warning : result.warnings)
                context.out() << "  warning: " << positional[2] << ": " << warning << Qt::endl;
            for (const QString& note : result.notes)
                context.out() << "  note: " << note << Qt::endl;
        }
        return int(Success);
    });
}

} // namespace tessera::cli
