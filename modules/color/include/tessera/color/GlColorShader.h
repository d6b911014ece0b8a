#pragma once

#include "tessera/color/ColorShader.h"

#include <QString>
#include <memory>

class QOpenGLShaderProgram;

namespace tessera {

//! A ColorShader made real in OpenGL: the compiled program plus its LUT textures and uniforms,
//! uploaded the way OCIO's ociodisplay does. Shared by the viewer and the GPU tests so both run
//! the same code. Every call needs the OpenGL context it was built in to be current.
class GlColorShader
{
public:
    GlColorShader();
    ~GlColorShader(); //!< deletes the textures: the context must be current
    GlColorShader(const GlColorShader&) = delete;
    GlColorShader& operator=(const GlColorShader&) = delete;

    //! Compiles the program: vertexSource, and a fragment shader made of the colour shader's text
    //! followed by fragmentMain, in which %1 stands for the colour function's name. LUTs go to
    //! texture units from firstLutUnit on. False (with the reason) when it cannot compile.
    bool build(const ColorShader& shader, const QString& vertexSource, const QString& fragmentMain,
        int firstLutUnit, QString* problem);
    bool isValid() const;
    QOpenGLShaderProgram& program();

    //! Binds the program and the LUT textures to their units.
    void bind();
    //! Sends the shader's current uniform values (exposure and gamma are dynamic): the program
    //! must be bound. Nothing is recompiled or re-uploaded.
    void setUniforms(const ColorShader& shader);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tessera
