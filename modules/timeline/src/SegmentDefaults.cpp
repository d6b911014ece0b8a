#include "tessera/timeline/SegmentDefaults.h"

#include "tessera/core/AxisSpec.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace tessera {

QString promptFromLyric(const QString& lyric)
{
    return lyric.simplified();
}

bool hasDerivedPrompt(const Segment& segment)
{
    return segment.prompt == promptFromLyric(segment.lyric);
}

quint32 deriveSeed(const QString& lyric, qint64 startMs)
{
    const QByteArray key = lyric.toUtf8() + '\0' + QByteArray::number(startMs);
    const QByteArray digest = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
    return qFromBigEndian<quint32>(digest.constData());
}

AxisDefinition defaultAxisX()
{
    return *parseAxisSpec(QStringLiteral("seed:0:0.6:feature=low:attack=30:release=300"));
}

AxisDefinition defaultAxisY()
{
    return *parseAxisSpec(QStringLiteral("guidance:2:6:feature=high:attack=20:release=200"));
}

Segment makeSegment(const TimeRange& range, const QString& lyric, const QVector<TimedWord>& words)
{
    Segment segment;
    // Without axes every cell of a grid would be the same image: a new segment moves.
    segment.grid = GridGeometry(3, 3);
    segment.axisX = defaultAxisX();
    segment.axisY = defaultAxisY();
    segment.range = range;
    segment.lyric = lyric;
    segment.words = words;
    segment.prompt = promptFromLyric(lyric);
    segment.seed = deriveSeed(lyric, range.startMs);
    return segment;
}

bool sameSegment(const Segment& a, const Segment& b)
{
    return a.id == b.id && a.range == b.range && a.lyric == b.lyric && a.words == b.words
        && a.prompt == b.prompt && a.seed == b.seed && a.grid == b.grid && a.axisX == b.axisX
        && a.axisY == b.axisY && a.transition == b.transition;
}

} // namespace tessera
