#include "tessera/catalog/ProjectSummary.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/core/TimeFormat.h"

#include <QJsonArray>

namespace tessera {


ProjectSummary ProjectSummary::of(const Catalog& catalog)
{
    ProjectSummary summary;
    summary.path = catalog.path();
    summary.schemaVersion = catalog.schemaVersion();
    summary.settings = catalog.settings();
    summary.segments = catalog.segments();
    for (const Segment& segment : summary.segments) {
        for (const Cell& cell : catalog.cells(segment.id)) {
            ++summary.cellsByState[cell.state];
            ++summary.cellCount;
            summary.versionCount += int(catalog.versions(cell.id).size());
        }
    }
    summary.jobCount = int(catalog.jobs().size());
    summary.exportCount = int(catalog.exports().size());
    return summary;
}

qint64 ProjectSummary::timelineEndMs() const
{
    qint64 end = 0;
    for (const Segment& segment : segments)
        end = qMax(end, segment.range.endMs);
    return end;
}

QJsonObject segmentJson(const Segment& segment)
{
    return QJsonObject{
        {QStringLiteral("id"), segment.id},
        {QStringLiteral("startMs"), segment.range.startMs},
        {QStringLiteral("endMs"), segment.range.endMs},
        {QStringLiteral("lyric"), segment.lyric},
        {QStringLiteral("prompt"), segment.prompt},
        {QStringLiteral("seed"), qint64(segment.seed)},
        {QStringLiteral("rows"), segment.grid.rows()},
        {QStringLiteral("cols"), segment.grid.cols()},
        {QStringLiteral("axisX"), segment.axisX.toJson()},
        {QStringLiteral("axisY"), segment.axisY.toJson()},
        {QStringLiteral("transition"), segment.transition.toJson()},
        {QStringLiteral("camera"), segment.camera.toJson()},
    };
}

QJsonObject ProjectSummary::toJson() const
{
    QJsonArray segmentList;
    for (int number = 1; number <= segments.size(); ++number) {
        QJsonObject json = segmentJson(segments[number - 1]);
        json.insert(QStringLiteral("number"), number); // place in timeline order, from 1
        segmentList.append(json);
    }
    QJsonObject states;
    for (auto it = cellsByState.cbegin(); it != cellsByState.cend(); ++it)
        states.insert(cellStateName(it.key()), it.value());
    return QJsonObject{
        {QStringLiteral("path"), path},
        {QStringLiteral("schemaVersion"), schemaVersion},
        {QStringLiteral("settings"), settings.toJson()},
        {QStringLiteral("segments"), segmentList},
        {QStringLiteral("cells"), QJsonObject{
            {QStringLiteral("total"), cellCount},
            {QStringLiteral("byState"), states},
        }},
        {QStringLiteral("versions"), versionCount},
        {QStringLiteral("jobs"), jobCount},
        {QStringLiteral("exports"), exportCount},
    };
}

QString ProjectSummary::toText() const
{
    QString text;
    text += QStringLiteral("Project:   %1\n").arg(settings.name.isEmpty() ? path : settings.name);
    text += QStringLiteral("File:      %1 (schema %2)\n").arg(path).arg(schemaVersion);
    text += QStringLiteral("Output:    %1x%2 at %3 fps\n")
                .arg(settings.width)
                .arg(settings.height)
                .arg(settings.frameRate.toString());
    text += QStringLiteral("Song:      %1\n").arg(settings.audioPath.isEmpty() ? QStringLiteral("(none)") : settings.audioPath);
    text += QStringLiteral("Model:     %1\n").arg(settings.model.isEmpty() ? QStringLiteral("(bundled default)") : settings.model);
    if (!settings.stylePrompt.isEmpty())
        text += QStringLiteral("Style:     %1\n").arg(settings.stylePrompt);
    if (!settings.loras.isEmpty()) {
        QStringList loras;
        for (const ProjectLora& lora : settings.loras)
            loras.append(QStringLiteral("%1 at %2").arg(lora.name()).arg(lora.strength));
        text += QStringLiteral("LoRAs:     %1\n").arg(loras.join(QStringLiteral(", ")));
    }
    if (!settings.embeddings.isEmpty()) {
        QStringList tokens;
        for (const ProjectEmbedding& embedding : settings.embeddings)
            tokens.append(embedding.token);
        text += QStringLiteral("Tokens:    %1\n").arg(tokens.join(QStringLiteral(", ")));
    }
    QStringList stateParts;
    for (auto it = cellsByState.cbegin(); it != cellsByState.cend(); ++it)
        stateParts.append(QStringLiteral("%1 %2").arg(it.value()).arg(cellStateName(it.key())));
    text += QStringLiteral("Segments:  %1, ending at %2\n").arg(segments.size()).arg(formatSongTime(timelineEndMs()));
    text += QStringLiteral("Cells:     %1%2, %3 versions\n")
                .arg(cellCount)
                .arg(stateParts.isEmpty() ? QString() : QStringLiteral(" (") + stateParts.join(QStringLiteral(", ")) + QLatin1Char(')'))
                .arg(versionCount);
    // Numbered by place in timeline order, as every panel and command says them (ids are not:
    // they keep gaps after merges, splits and undo).
    for (int number = 1; number <= segments.size(); ++number) {
        const Segment& segment = segments[number - 1];
        text += QStringLiteral("  %1  %2-%3  %4x%5  %6\n")
                    .arg(number, 3)
                    .arg(formatSongTime(segment.range.startMs), formatSongTime(segment.range.endMs))
                    .arg(segment.grid.rows())
                    .arg(segment.grid.cols())
                    .arg(segment.isInstrumental() ? QStringLiteral("(instrumental)") : segment.lyric);
    }
    return text;
}

} // namespace tessera
