#pragma once

#include "tessera/studio/ViewerModel.h"

#include <QOpenGLWidget>
#include <memory>

namespace tessera {

class CellViewer;
class ColorShader;
class GlColorShader;

//! The viewer's GPU path: draws the cells through OpenColorIO's GPU shader for the same chain the
//! CPU path runs (decode, grade, display/view). Exposure and gamma are dynamic uniforms, so
//! nudging them recompiles and re-uploads nothing. Lies over the CellViewer, which keeps the
//! input, the geometry and the overlay.
class GpuCellSurface : public QOpenGLWidget
{
    Q_OBJECT
public:
    GpuCellSurface(CellViewer& viewer, ViewerModel& model);
    ~GpuCellSurface() override;

    //! How many times a colour shader was compiled: nudges must not add to it.
    int shaderBuilds() const { return m_shaderBuilds; }
    //! Why the GPU path gave up (then the viewer draws on the CPU); empty while it works.
    QString problem() const { return m_problem; }

Q_SIGNALS:
    void failed(const QString& problem);

protected:
    void initializeGL() override;
    void paintGL() override;

private:
    struct SlotGpu;
    bool prepare(ViewerModel::Slot slot);
    void drawSlot(ViewerModel::Slot slot, const QRect& clipDevicePixels);
    void fail(const QString& problem);
    void releaseGl();

    CellViewer& m_viewer;
    ViewerModel& m_model;
    std::unique_ptr<SlotGpu> m_slots[2];
    int m_shaderBuilds = 0;
    QString m_problem;
};

} // namespace tessera
