#include "GpuCellSurface.h"

#include "tessera/color/ColorError.h"
#include "tessera/color/ColorShader.h"
#include "tessera/color/GlColorShader.h"
#include "tessera/ui/CellViewer.h"

#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QOpenGLShaderProgram>
#include <QPainter>

namespace tessera {

namespace {

const char* const kVertex = R"(#version 120
attribute vec2 position;
attribute vec2 texCoord;
varying vec2 uv;
void main()
{
    uv = texCoord;
    gl_Position = vec4(position, 0.0, 1.0);
}
)";

// %1 is the OCIO function. Clipping marks what the display cannot show, as the CPU mask does:
// a channel at the top code value red, all channels at 0 blue.
const char* const kFragmentMain = R"(
uniform sampler2D cell;
uniform bool showClipping;
varying vec2 uv;
void main()
{
    vec4 shown = %1(texture2D(cell, uv));
    vec3 display = clamp(shown.rgb, 0.0, 1.0);
    if (showClipping) {
        if (any(greaterThanEqual(display, vec3(254.5 / 255.0))))
            display = mix(display, vec3(200.0 / 255.0, 0.0, 0.0), 200.0 / 255.0);
        else if (all(lessThanEqual(display, vec3(0.5 / 255.0))))
            display = mix(display, vec3(0.0, 0.0, 200.0 / 255.0), 200.0 / 255.0);
    }
    gl_FragColor = vec4(display, 1.0);
}
)";

int slotIndex(ViewerModel::Slot slot)
{
    return slot == ViewerModel::Slot::A ? 0 : 1;
}

} // namespace

struct GpuCellSurface::SlotGpu
{
    std::unique_ptr<ColorShader> shader;
    std::unique_ptr<GlColorShader> gl;
    GLuint texture = 0;
    QSize size;
    bool needsShader = true;
    bool needsTexture = true;
};

GpuCellSurface::GpuCellSurface(CellViewer& viewer, ViewerModel& model)
    : QOpenGLWidget(&viewer)
    , m_viewer(viewer)
    , m_model(model)
{
    m_slots[0] = std::make_unique<SlotGpu>();
    m_slots[1] = std::make_unique<SlotGpu>();
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setFocusPolicy(Qt::NoFocus);
    connect(&m_model, &ViewerModel::imageChanged, this, [this](ViewerModel::Slot slot) {
        m_slots[slotIndex(slot)]->needsShader = true;
        m_slots[slotIndex(slot)]->needsTexture = true;
    });
    connect(&m_model, &ViewerModel::lookChanged, this, [this] {
        m_slots[0]->needsShader = true;
        m_slots[1]->needsShader = true;
    });
    connect(&m_model, &ViewerModel::changed, this, qOverload<>(&QWidget::update));
}

GpuCellSurface::~GpuCellSurface()
{
    if (context()) {
        makeCurrent();
        releaseGl();
        doneCurrent();
    }
}

void GpuCellSurface::releaseGl()
{
    for (auto& slot : m_slots) {
        slot->gl.reset();
        if (slot->texture)
            context()->extraFunctions()->glDeleteTextures(1, &slot->texture);
        slot->texture = 0;
    }
}

void GpuCellSurface::initializeGL()
{
    if (!context() || !context()->isValid())
        fail(tr("no OpenGL context"));
}

void GpuCellSurface::fail(const QString& problem)
{
    if (!m_problem.isEmpty())
        return;
    m_problem = problem;
    Q_EMIT failed(problem);
}

bool GpuCellSurface::prepare(ViewerModel::Slot slot)
{
    SlotGpu& gpu = *m_slots[slotIndex(slot)];
    QOpenGLExtraFunctions* gl = context()->extraFunctions();
    if (gpu.needsShader) {
        gpu.gl.reset();
        try {
            gpu.shader = std::make_unique<ColorShader>(m_model.config().config, m_model.config().settings,
                m_model.cellGrade(slot), ColorShader::Language::Glsl12);
        } catch (const ColorError& error) {
            fail(error.message());
            return false;
        }
        gpu.gl = std::make_unique<GlColorShader>();
        QString problem;
        if (!gpu.gl->build(*gpu.shader, QString::fromLatin1(kVertex), QString::fromLatin1(kFragmentMain), 1, &problem)) {
            fail(problem);
            return false;
        }
        ++m_shaderBuilds;
        gpu.needsShader = false;
    }
    if (gpu.needsTexture) {
        const QImage cell = m_model.cellImage(slot);
        if (!gpu.texture)
            gl->glGenTextures(1, &gpu.texture);
        gl->glActiveTexture(GL_TEXTURE0);
        gl->glBindTexture(GL_TEXTURE_2D, gpu.texture);
        gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        gl->glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, cell.width(), cell.height(), 0, GL_RGBA, GL_UNSIGNED_BYTE, cell.constBits());
        gpu.size = cell.size();
        gpu.needsTexture = false;
    }
    // The only per-frame change: exposure and gamma as uniform values.
    const Grade shown = m_model.shownGrade(slot);
    gpu.shader->setExposure(shown.exposureStops);
    gpu.shader->setGamma(shown.gamma);
    gpu.gl->bind();
    gpu.gl->setUniforms(*gpu.shader);
    return true;
}

void GpuCellSurface::drawSlot(ViewerModel::Slot slot, const QRect& clip)
{
    if (!m_model.hasImage(slot) || !prepare(slot))
        return;
    SlotGpu& gpu = *m_slots[slotIndex(slot)];
    QOpenGLExtraFunctions* gl = context()->extraFunctions();
    QOpenGLShaderProgram& program = gpu.gl->program();
    gl->glActiveTexture(GL_TEXTURE0);
    gl->glBindTexture(GL_TEXTURE_2D, gpu.texture);
    // Magnified cells show their pixels as squares, as a grading viewer must; reduced ones filter.
    const GLint filter = m_viewer.zoom() < 1.0 ? GL_LINEAR : GL_NEAREST;
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    program.setUniformValue("cell", 0);
    program.setUniformValue("showClipping", GLint(m_viewer.showsClipping()));

    const qreal ratio = devicePixelRatioF();
    const int deviceHeight = int(height() * ratio);
    gl->glEnable(GL_SCISSOR_TEST);
    gl->glScissor(clip.left(), deviceHeight - clip.bottom() - 1, clip.width(), clip.height());
    const QRectF rect = m_viewer.imageRectF();
    auto ndcX = [&](qreal x) { return GLfloat(2.0 * x / width() - 1.0); };
    auto ndcY = [&](qreal y) { return GLfloat(1.0 - 2.0 * y / height()); };
    const GLfloat positions[] = {ndcX(rect.left()), ndcY(rect.top()), ndcX(rect.right()), ndcY(rect.top()),
        ndcX(rect.left()), ndcY(rect.bottom()), ndcX(rect.right()), ndcY(rect.bottom())};
    // The cell was uploaded top row first, so v = 0 is its top.
    const GLfloat texCoords[] = {0, 0, 1, 0, 0, 1, 1, 1};
    program.enableAttributeArray("position");
    program.setAttributeArray("position", positions, 2);
    program.enableAttributeArray("texCoord");
    program.setAttributeArray("texCoord", texCoords, 2);
    gl->glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    program.disableAttributeArray("position");
    program.disableAttributeArray("texCoord");
    gl->glDisable(GL_SCISSOR_TEST);
    program.release();
}

void GpuCellSurface::paintGL()
{
    QOpenGLExtraFunctions* gl = context()->extraFunctions();
    gl->glClearColor(38 / 255.0f, 38 / 255.0f, 40 / 255.0f, 1.0f);
    gl->glClear(GL_COLOR_BUFFER_BIT);
    const qreal ratio = devicePixelRatioF();
    const QRect full(0, 0, int(width() * ratio), int(height() * ratio));
    const bool hasB = m_model.hasImage(ViewerModel::Slot::B);
    switch (hasB ? m_model.compare() : ViewerModel::Compare::Off) {
    case ViewerModel::Compare::Off:
        drawSlot(ViewerModel::Slot::A, full);
        break;
    case ViewerModel::Compare::Toggle:
        drawSlot(m_model.shown(), full);
        break;
    case ViewerModel::Compare::Split: {
        const int split = int(m_viewer.splitX() * ratio);
        drawSlot(ViewerModel::Slot::A, QRect(0, 0, qMax(0, split), full.height()));
        drawSlot(ViewerModel::Slot::B, QRect(split, 0, qMax(0, full.width() - split), full.height()));
        break;
    }
    }
    if (!m_problem.isEmpty())
        return; // the viewer takes over on the CPU
    QPainter painter(this);
    m_viewer.paintOverlay(painter);
}

} // namespace tessera
