#include "CliContext.h"
#include "ProjectArguments.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/ProjectSummary.h"
#include "tessera/project/ProjectCreation.h"

#include <QFileInfo>

namespace tessera::cli {

int runNew(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption nameOption(QStringLiteral("name"), QStringLiteral("Project name (default: the file's base name)."), QStringLiteral("NAME"));
    const QCommandLineOption fpsOption(QStringLiteral("fps"), QStringLiteral("Frame rate: 24, 25, 30, 60 or a fraction such as 30000/1001 (default 30)."), QStringLiteral("FPS"), QStringLiteral("30"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Output size WIDTHxHEIGHT, even numbers (default 1920x1080)."), QStringLiteral("WxH"), QStringLiteral("1920x1080"));
    const QCommandLineOption audioOption(QStringLiteral("audio"), QStringLiteral("The song: any audio file FFmpeg reads. Linked, not copied."), QStringLiteral("SONG"));
    const QCommandLineOption lyricsOption(QStringLiteral("lyrics"), QStringLiteral("Lyrics (LRC, SRT or plain text) that become the timeline's segments."), QStringLiteral("FILE"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the new project's summary as JSON."));
    parser.addOptions({nameOption, fpsOption, sizeOption, audioOption, lyricsOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("OUT.tessera"), QStringLiteral("The project file to create; it must not exist."));
    if (const int handled = context.parse(parser, QStringLiteral("new"), arguments,
            QStringLiteral("Creates a new Tessera project file, optionally from a song and its lyrics\n"
                           "(without lyrics the whole song is one instrumental segment)."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("new"), QStringLiteral("expected exactly one project file"));

    const QString path = parser.positionalArguments().constFirst();
    ProjectSettings settings;
    settings.name = parser.isSet(nameOption) ? parser.value(nameOption) : QFileInfo(path).completeBaseName();
    const std::optional<FrameRate> rate = FrameRate::fromString(parser.value(fpsOption));
    if (!rate || !rate->isValid())
        return context.usageError(QStringLiteral("new"), QStringLiteral("--fps \"%1\" is not a frame rate").arg(parser.value(fpsOption)));
    settings.frameRate = *rate;
    const std::optional<QSize> size = parseSize(parser.value(sizeOption));
    if (!size)
        return context.usageError(QStringLiteral("new"), QStringLiteral("--size \"%1\" is not WIDTHxHEIGHT").arg(parser.value(sizeOption)));
    settings.width = size->width();
    settings.height = size->height();

    if (parser.isSet(lyricsOption) && !parser.isSet(audioOption))
        return context.usageError(QStringLiteral("new"), QStringLiteral("--lyrics needs --audio (segments are timed against the song)"));

    QStringList report;
    const int result = context.guarded([&] {
        report = createProjectFromSong(path, settings, parser.value(audioOption), parser.value(lyricsOption));
        const std::unique_ptr<Catalog> catalog = Catalog::open(path);
        if (parser.isSet(jsonOption)) {
            context.printJson(ProjectSummary::of(*catalog).toJson());
        } else {
            context.out() << "Created " << path << Qt::endl;
            for (const QString& line : report)
                context.out() << "  " << line << Qt::endl;
        }
        return int(Success);
    });
    return result;
}

} // namespace tessera::cli
