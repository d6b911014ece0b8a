#pragma once

#include <QColor>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <array>
#include <deque>

namespace tessera {

//! The live features' last seconds as curves, one colour each, newest at the right, with their
//! names and current values: what the operator reads to see what the room's sound is doing.
class LiveCurvesView : public QWidget
{
    Q_OBJECT
public:
    explicit LiveCurvesView(QWidget* parent = nullptr);

    //! names and colours per curve; each history entry holds one value (0..1) per curve.
    void setCurves(const QStringList& names, const QVector<QColor>& colours);
    void setHistory(const std::deque<std::array<float, 7>>& history, const QVector<int>& indices, int capacity);

    QSize sizeHint() const override { return {420, 150}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QStringList m_names;
    QVector<QColor> m_colours;
    QVector<QVector<float>> m_values; //!< per curve, oldest first
    int m_capacity = 500;
};

} // namespace tessera
