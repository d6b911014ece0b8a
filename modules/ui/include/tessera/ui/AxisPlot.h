#pragma once

#include "tessera/studio/PromptEditorModel.h"

#include <QWidget>

namespace tessera {

//! A small plot of an axis's grid position over its segment's time: the motion the audio will
//! give it at playback, so the artist sees it before generating. Paints what it is given.
class AxisPlot : public QWidget
{
    Q_OBJECT
public:
    explicit AxisPlot(QWidget* parent = nullptr);

    //! The data and how to label the ends of the axis (the generation parameter at each end).
    void setPlot(const AxisPlotData& plot, const QString& firstLabel, const QString& lastLabel);
    const AxisPlotData& plot() const { return m_plot; }

    QSize sizeHint() const override { return {320, 72}; }
    QSize minimumSizeHint() const override { return {160, 56}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    AxisPlotData m_plot;
    QString m_firstLabel;
    QString m_lastLabel;
};

} // namespace tessera
