#pragma once

#include "tessera/core/AxisDefinition.h"
#include "tessera/core/GridGeometry.h"
#include "tessera/core/TimeRange.h"

#include <QJsonObject>
#include <QString>
#include <QVector>
#include <QJsonArray>

namespace tessera {

//! One sung word with its start time, from lyrics with word timing (enhanced LRC).
struct TimedWord
{
    qint64 startMs = 0;
    QString text;
    friend bool operator==(const TimedWord& a, const TimedWord& b)
    {
        return a.startMs == b.startMs && a.text == b.text;
    }
};

//! How a segment hands over to the next one near their boundary.
struct Transition
{
    int crossfadeMs = 500;    //!< length of the crossfade centred on the boundary
    bool alignToBeat = false; //!< move the crossfade to the nearest beat

    QJsonObject toJson() const;
    static Transition fromJson(const QJsonObject& json);
    friend bool operator==(const Transition& a, const Transition& b)
    {
        return a.crossfadeMs == b.crossfadeMs && a.alignToBeat == b.alignToBeat;
    }
};

//! One lyric segment of the song and everything that defines its grid of images.
struct Segment
{
    qint64 id = 0;            //!< catalog id; 0 until stored
    TimeRange range;
    QString lyric;            //!< the lyric line; empty for an instrumental gap
    QVector<TimedWord> words; //!< word timing when the lyrics have it, else empty
    QString prompt;           //!< the image prompt, starting from the lyric
    quint32 seed = 0;         //!< noise seed shared by every cell, so neighbours look alike
    GridGeometry grid{4, 4};
    AxisDefinition axisX;     //!< varies along columns
    AxisDefinition axisY;     //!< varies along rows
    Transition transition;

    bool isInstrumental() const { return lyric.trimmed().isEmpty(); }

    static QJsonArray wordsToJson(const QVector<TimedWord>& words);
    static QVector<TimedWord> wordsFromJson(const QJsonArray& json);
};

} // namespace tessera
