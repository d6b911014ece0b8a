#pragma once

#include <QObject>
#include <QString>
#include <QVariantList>
#include <QVector3D>

namespace tessera {

//! What TesseractScene.qml reads: the layout's planes and what draws them as plain lists (a tile
//! per cell, and one mosaic quad for each big plane), the marker, its trail and the playhead at the
//! current time, and the selection. The QML binds to it and calls
//! tileTapped(); TesseractView fills it. Private to the view.
class TesseractScene : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QVariantList planes READ planes NOTIFY layoutChanged)
    Q_PROPERTY(QVariantList tiles READ tiles NOTIFY layoutChanged)
    Q_PROPERTY(QVariantList mosaics READ mosaics NOTIFY layoutChanged)
    Q_PROPERTY(double railStart READ railStart NOTIFY layoutChanged)
    Q_PROPERTY(double railEnd READ railEnd NOTIFY layoutChanged)
    Q_PROPERTY(QVector3D marker READ marker NOTIFY timeChanged)
    Q_PROPERTY(bool hasMarker READ hasMarker NOTIFY timeChanged)
    Q_PROPERTY(QVariantList trail READ trail NOTIFY timeChanged)
    Q_PROPERTY(int trailCount READ trailCount CONSTANT)
    Q_PROPERTY(int currentPlane READ currentPlane NOTIFY timeChanged)
    Q_PROPERTY(double playheadX READ playheadX NOTIFY timeChanged)
    Q_PROPERTY(QVector3D focus READ focus NOTIFY timeChanged)
    Q_PROPERTY(bool followSmoothly READ followSmoothly NOTIFY timeChanged)
    Q_PROPERTY(QString caption READ caption NOTIFY timeChanged)
    Q_PROPERTY(int selectedTile READ selectedTile NOTIFY selectionChanged)
    Q_PROPERTY(QVector3D selectionCentre READ selectionCentre NOTIFY selectionChanged)
    Q_PROPERTY(double selectionSize READ selectionSize NOTIFY selectionChanged)
    Q_PROPERTY(QString hint READ hint CONSTANT)

public:
    static constexpr int kTrailCount = 30;
    static constexpr double kTrailSpacing = 0.05; //!< seconds between trail points

    using QObject::QObject;

    QVariantList planes() const { return m_planes; }
    QVariantList tiles() const { return m_tiles; }
    //! The big planes, each one quad with a mosaic of its cells (see TesseractMosaic).
    QVariantList mosaics() const { return m_mosaics; }
    double railStart() const { return m_railStart; }
    double railEnd() const { return m_railEnd; }
    QVector3D marker() const { return m_marker; }
    bool hasMarker() const { return m_hasMarker; }
    QVariantList trail() const { return m_trail; }
    int trailCount() const { return kTrailCount; }
    int currentPlane() const { return m_currentPlane; }
    double playheadX() const { return m_playheadX; }
    QVector3D focus() const { return m_focus; }
    bool followSmoothly() const { return m_followSmoothly; }
    QString caption() const { return m_caption; }
    //! The selected cell's tile in the layout, or -1; where it stands (a mosaic has no model per tile).
    int selectedTile() const { return m_selectedTile; }
    QVector3D selectionCentre() const { return m_selectionCentre; }
    double selectionSize() const { return m_selectionSize; }
    //! How to move around, translated by the view (the QML holds no strings of its own).
    QString hint() const { return m_hint; }
    void setHint(const QString& hint) { m_hint = hint; }

    void setLayout(QVariantList planes, QVariantList tiles, QVariantList mosaics, double railStart, double railEnd)
    {
        m_planes = std::move(planes);
        m_tiles = std::move(tiles);
        m_mosaics = std::move(mosaics);
        m_railStart = railStart;
        m_railEnd = railEnd;
        Q_EMIT layoutChanged();
    }

    struct Moment
    {
        QVector3D marker;
        bool hasMarker = false;
        QVariantList trail; //!< QVector4D: position and opacity, newest first
        int currentPlane = -1;
        double playheadX = 0.0;
        QVector3D focus;
        bool followSmoothly = false;
        QString caption;
    };
    void setMoment(Moment moment)
    {
        m_marker = moment.marker;
        m_hasMarker = moment.hasMarker;
        m_trail = std::move(moment.trail);
        m_currentPlane = moment.currentPlane;
        m_playheadX = moment.playheadX;
        m_focus = moment.focus;
        m_followSmoothly = moment.followSmoothly;
        m_caption = std::move(moment.caption);
        Q_EMIT timeChanged();
    }

    void setSelection(int tile, const QVector3D& centre, double size)
    {
        if (tile == m_selectedTile && centre == m_selectionCentre && size == m_selectionSize)
            return;
        m_selectedTile = tile;
        m_selectionCentre = centre;
        m_selectionSize = size;
        Q_EMIT selectionChanged();
    }

    //! Called by the QML on a click: two points of the ray through the clicked pixel.
    Q_INVOKABLE void rayTapped(const QVector3D& nearPoint, const QVector3D& farPoint)
    {
        Q_EMIT tapped(nearPoint, farPoint - nearPoint);
    }

Q_SIGNALS:
    void layoutChanged();
    void timeChanged();
    void selectionChanged();
    void tapped(const QVector3D& origin, const QVector3D& direction);

private:
    QVariantList m_planes;
    QVariantList m_tiles;
    QVariantList m_mosaics;
    double m_railStart = 0.0;
    double m_railEnd = 0.0;
    QVector3D m_marker;
    bool m_hasMarker = false;
    QVariantList m_trail;
    int m_currentPlane = -1;
    double m_playheadX = 0.0;
    QVector3D m_focus;
    bool m_followSmoothly = false;
    QString m_caption;
    int m_selectedTile = -1;
    QVector3D m_selectionCentre;
    double m_selectionSize = 0.0;
    QString m_hint;
};

} // namespace tessera
