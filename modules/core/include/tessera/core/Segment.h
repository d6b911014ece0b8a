#pragma once

#include "tessera/core/AxisDefinition.h"
#include "tessera/core/CameraMotion.h"
#include "tessera/core/GridGeometry.h"
#include "tessera/core/TimeRange.h"

#include <QJsonObject>
#include <QString>
#include <QVector>
#include <QJsonArray>

#include <optional>

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

//! How the images of neighbouring cells give way to each other as the axes move between them.
enum class CellBlend
{
    Dissolve, //!< the cells' light mixed in place: a subject that moved shows twice, half bright
    Morph,    //!< each cell's content moved along the optical flow toward the blend position first
};
QString cellBlendName(CellBlend blend);
//! The blend a name stands for; nullopt for an unknown name.
std::optional<CellBlend> cellBlendFromName(const QString& name);

//! How images hand over: a segment to the next near their boundary, a cell to its neighbours.
struct Transition
{
    int crossfadeMs = 500;    //!< length of the crossfade centred on the boundary
    bool alignToBeat = false; //!< move the crossfade to the nearest beat
    //! Morph for new segments: it never does worse than the dissolve (motion that does not
    //! explain the change is dropped, CellFlow.h). Projects stored before it read as Dissolve.
    CellBlend cellBlend = CellBlend::Morph;

    QJsonObject toJson() const;
    static Transition fromJson(const QJsonObject& json);
    friend bool operator==(const Transition& a, const Transition& b)
    {
        return a.crossfadeMs == b.crossfadeMs && a.alignToBeat == b.alignToBeat && a.cellBlend == b.cellBlend;
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
    CameraMotion camera;      //!< zoom, shake, rotation and pan driven by the music

    bool isInstrumental() const { return lyric.trimmed().isEmpty(); }

    static QJsonArray wordsToJson(const QVector<TimedWord>& words);
    static QVector<TimedWord> wordsFromJson(const QJsonArray& json);
};

} // namespace tessera
