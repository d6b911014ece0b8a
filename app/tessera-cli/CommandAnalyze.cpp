#include "CliContext.h"

#include "tessera/audio/AnalysisPlot.h"
#include "tessera/catalog/Catalog.h"
#include "tessera/project/ProjectAudio.h"
#include "tessera/timeline/SegmentDefaults.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

namespace tessera::cli {

namespace {

QJsonArray toJsonArray(const std::vector<double>& values)
{
    QJsonArray array;
    for (double value : values)
        array.append(value);
    return array;
}

void writePlot(const QImage& plot, const QString& path)
{
    // QSaveFile: a failed write never leaves a half-written PNG at the target path.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !plot.save(&file, "PNG") || !file.commit())
        throw std::runtime_error(QString(path + QStringLiteral(": cannot write the plot (") + file.errorString() + QLatin1Char(')')).toStdString());
}

} // namespace

int runAnalyze(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption stemOption(QStringLiteral("stem"), QStringLiteral("Analyse this stem instead of the song."), QStringLiteral("NAME"));
    const QCommandLineOption plotOption(QStringLiteral("plot"),
        QStringLiteral("Write a PNG with waveform, band curves, onsets, beats and segment boundaries."), QStringLiteral("FILE.png"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report as JSON (with beat and onset times)."));
    parser.addOptions({stemOption, plotOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("A .tessera project file."));
    if (const int handled = context.parse(parser, QStringLiteral("analyze"), arguments,
            QStringLiteral("Analyses the project's song (or a stem): tempo, beats, onsets and the feature\n"
                           "curves (RMS, low/mid/high bands, onset strength, spectral centroid) that drive\n"
                           "the grids. Results are cached in the project, keyed by the audio's contents."));
        handled >= 0) {
        return handled;
    }
    if (parser.positionalArguments().size() != 1)
        return context.usageError(QStringLiteral("analyze"), QStringLiteral("expected exactly one project file"));

    return context.guarded([&] {
        const auto catalog = Catalog::open(parser.positionalArguments().constFirst());
        const ProjectAudioAnalysis result = analyzeProjectAudio(*catalog, parser.value(stemOption));
        const AudioAnalysis& analysis = result.analysis;
        const QVector<Segment> segments = catalog->segments();

        if (parser.isSet(plotOption)) {
            QVector<PlotSegment> marks;
            for (const Segment& segment : segments)
                marks.append({segment.range, segment.isInstrumental() ? QStringLiteral("(instrumental)") : segment.lyric});
            PlotOptions options;
            options.title = QFileInfo(result.audioPath).fileName();
            writePlot(renderAnalysisPlot(analysis, result.peaks, marks, options), parser.value(plotOption));
        }

        if (parser.isSet(jsonOption)) {
            QJsonArray segmentList;
            for (const Segment& segment : segments) {
                segmentList.append(QJsonObject{{QStringLiteral("id"), segment.id}, {QStringLiteral("startMs"), segment.range.startMs},
                    {QStringLiteral("endMs"), segment.range.endMs}, {QStringLiteral("lyric"), segment.lyric}});
            }
            context.printJson({
                {QStringLiteral("audio"), result.audioPath},
                {QStringLiteral("fromCache"), result.fromCache},
                {QStringLiteral("durationSeconds"), analysis.durationSeconds()},
                {QStringLiteral("sampleRate"), analysis.sampleRate},
                {QStringLiteral("channels"), analysis.channels},
                {QStringLiteral("tempoBpm"), analysis.tempoBpm},
                {QStringLiteral("tempoConfidence"), analysis.tempoConfidence},
                {QStringLiteral("beats"), toJsonArray(analysis.beatTimes)},
                {QStringLiteral("onsets"), toJsonArray(analysis.onsetTimes)},
                {QStringLiteral("segments"), segmentList},
                {QStringLiteral("messages"), QJsonArray::fromStringList(result.messages)},
                {QStringLiteral("plot"), parser.value(plotOption)},
            });
            return int(Success);
        }

        QTextStream& out = context.out();
        for (const QString& message : result.messages)
            out << "note: " << message << "\n";
        out << "Audio:     " << result.audioPath << (result.fromCache ? " (cached analysis)" : "") << "\n";
        out << "Duration:  " << formatSongTime(millisecondsFromSeconds(analysis.durationSeconds())) << ", "
            << analysis.sampleRate << " Hz, " << analysis.channels << " channel(s)\n";
        out << "Tempo:     " << QString::number(analysis.tempoBpm, 'f', 1) << " BPM (confidence "
            << QString::number(analysis.tempoConfidence, 'f', 2) << ")\n";
        out << "Beats:     " << analysis.beatTimes.size() << "\n";
        out << "Onsets:    " << analysis.onsetTimes.size() << "\n";
        out << "Segments:  " << segments.size() << "\n";
        for (int i = 0; i < segments.size(); ++i) {
            const Segment& segment = segments[i];
            out << QStringLiteral("  %1  %2-%3  %4\n")
                       .arg(i + 1, 3)
                       .arg(formatSongTime(segment.range.startMs), formatSongTime(segment.range.endMs),
                           segment.isInstrumental() ? QStringLiteral("(instrumental)") : segment.lyric.simplified());
        }
        if (parser.isSet(plotOption))
            out << "Plot:      " << parser.value(plotOption) << "\n";
        out.flush();
        return int(Success);
    });
}

} // namespace tessera::cli
