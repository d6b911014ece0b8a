#include "GpuRender.h"

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
    // desktop OpenGL's 1D textures are outside QOpenGLExtraFunctions (an OpenGL ES set)
    using TexImage1D = void (*)(GLenum, GLint, GLint, GLsizei, GLint, GLenum, GLenum, const void*);
    const auto texImage1D = reinterpret_cast<TexImage1D>(context.getProcAddress("glTexImage1D"));
    const QImage rgba = cell.convertToFormat(QImage::Format_RGBA8888);

    QOpenGLShaderProgram program;
    const QString fragment = QStringLiteral("#version 120\n") + shader.shaderText()
        + QString::fromLatin1(kFragmentMain).arg(shader.functionName());
    if (!program.addShaderFromSourceCode(QOpenGLShader::Vertex, kVertex)
        || !program.addShaderFromSourceCode(QOpenGLShader::Fragment, fragment) || !program.link()) {
        result.problem = QStringLiteral("shader did not compile: ") + program.log();
        return result;
    }
    program.bind();

    // The framebuffer first: creating it binds its own texture on the active unit, which would
    // replace the cell's.
    QOpenGLFramebufferObjectFormat framebufferFormat;
    framebufferFormat.setInternalTextureFormat(GL_RGBA32F);
    QOpenGLFramebufferObject framebuffer(rgba.size(), framebufferFormat);
    if (!framebuffer.isValid() || !framebuffer.bind()) {
        result.problem = QStringLiteral("no float framebuffer");
        return result;
    }

    std::vector<GLuint> textures;
    const auto newTexture = [&](GLenum target, int unit) {
        GLuint id = 0;
        gl->glGenTextures(1, &id);
        textures.push_back(id);
        gl->glActiveTexture(GL_TEXTURE0 + GLenum(unit));
        gl->glBindTexture(target, id);
        return id;
    };
    // unit 0: the cell, sampled at texel centres
    newTexture(GL_TEXTURE_2D, 0);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl->glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, rgba.width(), rgba.height(), 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.constBits());
    program.setUniformValue("cell", 0);
    // the shader's LUTs on the next units, as OCIO's ociodisplay uploads them
    int unit = 1;
    for (const ShaderTexture& lut : shader.textures()) {
        const GLenum target = lut.depth > 1 ? GL_TEXTURE_3D : (lut.height > 1 ? GL_TEXTURE_2D : GL_TEXTURE_1D);
        newTexture(target, unit);
        const GLint filter = lut.linearInterpolation ? GL_LINEAR : GL_NEAREST;
        gl->glTexParameteri(target, GL_TEXTURE_MIN_FILTER, filter);
        gl->glTexParameteri(target, GL_TEXTURE_MAG_FILTER, filter);
        gl->glTexParameteri(target, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        gl->glTexParameteri(target, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        gl->glTexParameteri(target, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
        const GLenum format = lut.channels == 1 ? GL_RED : GL_RGB;
        const GLint internal = lut.channels == 1 ? GL_R32F : GL_RGB32F;
        if (target == GL_TEXTURE_3D)
            gl->glTexImage3D(target, 0, internal, lut.width, lut.height, lut.depth, 0, format, GL_FLOAT, lut.values.data());
        else if (target == GL_TEXTURE_2D)
            gl->glTexImage2D(target, 0, internal, lut.width, lut.height, 0, format, GL_FLOAT, lut.values.data());
        else if (texImage1D)
            texImage1D(target, 0, internal, lut.width, 0, format, GL_FLOAT, lut.values.data());
        program.setUniformValue(lut.samplerName.toUtf8().constData(), unit);
        ++unit;
    }
    for (const ShaderUniform& uniform : shader.uniforms()) {
        const QByteArray name = uniform.name.toUtf8();
        switch (uniform.type) {
        case ShaderUniform::Type::Double: program.setUniformValue(name.constData(), GLfloat(uniform.number)); break;
        case ShaderUniform::Type::Bool: program.setUniformValue(name.constData(), GLint(uniform.flag)); break;
        case ShaderUniform::Type::Float3:
            program.setUniformValue(name.constData(), uniform.float3[0], uniform.float3[1], uniform.float3[2]);
            break;
        case ShaderUniform::Type::FloatArray:
            program.setUniformValueArray(name.constData(), uniform.floats.data(), int(uniform.floats.size()), 1);
            break;
        case ShaderUniform::Type::IntArray:
            program.setUniformValueArray(name.constData(), uniform.ints.data(), int(uniform.ints.size()));
            break;
        }
    }

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
    gl->glDeleteTextures(GLsizei(textures.size()), textures.data());
    return result;
}

} // namespace tessera::testing
