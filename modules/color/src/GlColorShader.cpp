#include "tessera/color/GlColorShader.h"

#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QOpenGLShaderProgram>

#include <vector>

namespace tessera {

struct GlColorShader::Private
{
    QOpenGLShaderProgram program;
    struct Lut
    {
        GLuint id = 0;
        GLenum target = 0;
        int unit = 0;
    };
    std::vector<Lut> luts;
    bool valid = false;
};

GlColorShader::GlColorShader()
    : d(std::make_unique<Private>())
{
}

GlColorShader::~GlColorShader()
{
    QOpenGLContext* context = QOpenGLContext::currentContext();
    if (!context)
        return;
    for (const Private::Lut& lut : d->luts)
        context->extraFunctions()->glDeleteTextures(1, &lut.id);
}

bool GlColorShader::isValid() const
{
    return d->valid;
}

QOpenGLShaderProgram& GlColorShader::program()
{
    return d->program;
}

bool GlColorShader::build(const ColorShader& shader, const QString& vertexSource, const QString& fragmentMain,
    int firstLutUnit, QString* problem)
{
    QOpenGLContext* context = QOpenGLContext::currentContext();
    if (!context) {
        if (problem)
            *problem = QStringLiteral("no current OpenGL context");
        return false;
    }
    QOpenGLExtraFunctions* gl = context->extraFunctions();
    const QString fragment = QStringLiteral("#version 120\n") + shader.shaderText() + fragmentMain.arg(shader.functionName());
    if (!d->program.addShaderFromSourceCode(QOpenGLShader::Vertex, vertexSource)
        || !d->program.addShaderFromSourceCode(QOpenGLShader::Fragment, fragment) || !d->program.link()) {
        if (problem)
            *problem = QStringLiteral("the colour shader did not compile: ") + d->program.log();
        return false;
    }
    // Desktop OpenGL's 1D textures are outside QOpenGLExtraFunctions (an OpenGL ES set).
    using TexImage1D = void (*)(GLenum, GLint, GLint, GLsizei, GLint, GLenum, GLenum, const void*);
    const auto texImage1D = reinterpret_cast<TexImage1D>(context->getProcAddress("glTexImage1D"));
    d->program.bind();
    int unit = firstLutUnit;
    for (const ShaderTexture& lut : shader.textures()) {
        Private::Lut uploaded;
        uploaded.target = lut.depth > 1 ? GL_TEXTURE_3D : (lut.height > 1 ? GL_TEXTURE_2D : GL_TEXTURE_1D);
        uploaded.unit = unit;
        gl->glGenTextures(1, &uploaded.id);
        gl->glActiveTexture(GL_TEXTURE0 + GLenum(unit));
        gl->glBindTexture(uploaded.target, uploaded.id);
        const GLint filter = lut.linearInterpolation ? GL_LINEAR : GL_NEAREST;
        gl->glTexParameteri(uploaded.target, GL_TEXTURE_MIN_FILTER, filter);
        gl->glTexParameteri(uploaded.target, GL_TEXTURE_MAG_FILTER, filter);
        gl->glTexParameteri(uploaded.target, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        gl->glTexParameteri(uploaded.target, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        gl->glTexParameteri(uploaded.target, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
        const GLenum format = lut.channels == 1 ? GL_RED : GL_RGB;
        const GLint internal = lut.channels == 1 ? GL_R32F : GL_RGB32F;
        if (uploaded.target == GL_TEXTURE_3D)
            gl->glTexImage3D(uploaded.target, 0, internal, lut.width, lut.height, lut.depth, 0, format, GL_FLOAT, lut.values.data());
        else if (uploaded.target == GL_TEXTURE_2D)
            gl->glTexImage2D(uploaded.target, 0, internal, lut.width, lut.height, 0, format, GL_FLOAT, lut.values.data());
        else if (texImage1D)
            texImage1D(uploaded.target, 0, internal, lut.width, 0, format, GL_FLOAT, lut.values.data());
        d->program.setUniformValue(lut.samplerName.toUtf8().constData(), unit);
        d->luts.push_back(uploaded);
        ++unit;
    }
    gl->glActiveTexture(GL_TEXTURE0);
    const GLenum error = gl->glGetError();
    if (error != GL_NO_ERROR) {
        if (problem)
            *problem = QStringLiteral("OpenGL error 0x%1 while uploading the colour LUTs").arg(error, 0, 16);
        return false;
    }
    setUniforms(shader);
    d->valid = true;
    return true;
}

void GlColorShader::bind()
{
    d->program.bind();
    QOpenGLExtraFunctions* gl = QOpenGLContext::currentContext()->extraFunctions();
    for (const Private::Lut& lut : d->luts) {
        gl->glActiveTexture(GL_TEXTURE0 + GLenum(lut.unit));
        gl->glBindTexture(lut.target, lut.id);
    }
    gl->glActiveTexture(GL_TEXTURE0);
}

void GlColorShader::setUniforms(const ColorShader& shader)
{
    for (const ShaderUniform& uniform : shader.uniforms()) {
        const QByteArray name = uniform.name.toUtf8();
        switch (uniform.type) {
        case ShaderUniform::Type::Double:
            d->program.setUniformValue(name.constData(), GLfloat(uniform.number));
            break;
        case ShaderUniform::Type::Bool:
            d->program.setUniformValue(name.constData(), GLint(uniform.flag));
            break;
        case ShaderUniform::Type::Float3:
            d->program.setUniformValue(name.constData(), uniform.float3[0], uniform.float3[1], uniform.float3[2]);
            break;
        case ShaderUniform::Type::FloatArray:
            d->program.setUniformValueArray(name.constData(), uniform.floats.data(), int(uniform.floats.size()), 1);
            break;
        case ShaderUniform::Type::IntArray:
            d->program.setUniformValueArray(name.constData(), uniform.ints.data(), int(uniform.ints.size()));
            break;
        }
    }
}

} // namespace tessera
