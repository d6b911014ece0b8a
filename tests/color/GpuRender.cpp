#include "GpuRender.h"

#include "tessera/color/GlColorShader.h"

#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QOpenGLFramebufferObject>
#include <QOpenGLShaderProgram>

#include <vector>


namespace tessera::testing {

namespace {

const char* const kVertex = R"(#version 120
attribute vec2 position;
varying vec2 uv;
void main()
{
    uv = position * 0.5 + 0.5;
    gl_Position = vec4(position, 0.0, 1.0);
}
)";

const char* const kFragmentMain = R"(
uniform sampler2D cell;
varying vec2 uv;
void main()
{
    gl_FragColor = %1(texture2D(cell, uv));
}
)";

} // namespace

GpuRenderResult renderWithOpenGl(const ColorShader& shader, const QImage& cell)
{
    GpuRenderResult result;
    QOffscreenSurface surface;
    surface.create();
    QOpenGLContext context;
    if (!context.create() || !context.makeCurrent(&surface)) {
        result.problem = QStringLiteral("no OpenGL context on this platform (run under Xvfb with QT_QPA_PLATFORM=xcb)");
        return result;
    }
    QOpenGLExtraFunctions* gl = context.extraFunctions();
    const QImage rgba = cell.convertToFormat(QImage::Format_RGBA8888);

    // The framebuffer first: creating it binds its own texture on the active unit, which would
    // replace the cell's.
    QOpenGLFramebufferObjectFormat framebufferFormat;
    framebufferFormat.setInternalTextureFormat(GL_RGBA32F);
    QOpenGLFramebufferObject framebuffer(rgba.size(), framebufferFormat);
    if (!framebuffer.isValid() || !framebuffer.bind()) {
        result.problem = QStringLiteral("no float framebuffer");
        return result;
    }
    // The shader's LUTs on units 1.., uploaded by the same code the viewer uses.
    GlColorShader glShader;
    if (!glShader.build(shader, QString::fromLatin1(kVertex), QString::fromLatin1(kFragmentMain), 1, &result.problem))
        return result;
    glShader.bind();
    QOpenGLShaderProgram& program = glShader.program();

    // unit 0: the cell, sampled at texel centres
    GLuint cellTexture = 0;
    gl->glGenTextures(1, &cellTexture);
    gl->glActiveTexture(GL_TEXTURE0);
    gl->glBindTexture(GL_TEXTURE_2D, cellTexture);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl->glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, rgba.width(), rgba.height(), 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.constBits());
    program.setUniformValue("cell", 0);

    gl->glViewport(0, 0, rgba.width(), rgba.height());
    const GLfloat quad[] = {-1, -1, 1, -1, -1, 1, 1, 1};
    program.enableAttributeArray("position");
    program.setAttributeArray("position", quad, 2);
    gl->glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    std::vector<float> pixels(std::size_t(rgba.width()) * rgba.height() * 4);
    gl->glReadPixels(0, 0, rgba.width(), rgba.height(), GL_RGBA, GL_FLOAT, pixels.data());
    const GLenum error = gl->glGetError();
    if (error != GL_NO_ERROR) {
        result.problem = QStringLiteral("OpenGL error 0x%1").arg(error, 0, 16);
        return result;
    }
    result.display = LinearImage(rgba.width(), rgba.height());
    for (int y = 0; y < rgba.height(); ++y) {
        // OpenGL's rows run bottom-up and the cell was uploaded top row first: row y is row y
        for (int x = 0; x < rgba.width(); ++x) {
            for (int c = 0; c < 3; ++c)
                result.display.pixel(x, y)[c] = pixels[(std::size_t(y) * rgba.width() + x) * 4 + c];
        }
    }
    gl->glDeleteTextures(1, &cellTexture);
    return result;
}

} // namespace tessera::testing
