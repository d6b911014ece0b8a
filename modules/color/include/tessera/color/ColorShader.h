#pragma once

#include "tessera/color/ColorConfig.h"
#include "tessera/core/Grade.h"
#include "tessera/core/ProjectSettings.h"

#include <QString>
#include <QVector>

#include <array>
#include <memory>
#include <vector>

namespace tessera {

namespace internal { struct ColorShaderPrivate; }

//! One LUT texture the shader samples: upload it as given, under samplerName.
struct ShaderTexture
{
    QString textureName;
    QString samplerName;
    int width = 0;
    int height = 1;              //!< 1 for a 1D texture
    int depth = 1;               //!< > 1 only for a 3D texture (width = height = depth)
    int channels = 3;            //!< 3 (RGB) or 1 (red only)
    bool linearInterpolation = true; //!< else nearest
    std::vector<float> values;   //!< width * height * depth * channels floats
};

//! One uniform the shader declares, with its current value.
struct ShaderUniform
{
    enum class Type { Double, Bool, Float3, FloatArray, IntArray };
    QString name;
    Type type = Type::Double;
    double number = 0.0;              //!< Double
    bool flag = false;                //!< Bool
    std::array<float, 3> float3{};    //!< Float3
    std::vector<float> floats;        //!< FloatArray
    std::vector<int> ints;            //!< IntArray
};

//! The GPU description of the same chain ColorProcessor runs on the CPU (cell encoding ->
//! working space -> grade -> display/view), for the viewer: GLSL text with one function, the LUT
//! textures to upload, and uniforms. Exposure and gamma are OCIO dynamic properties: dragging
//! a slider calls setExposure()/setGamma() and re-reads uniforms(); the shader text and
//! textures stay the same. Saturation, display and view changes need a new ColorShader.
class ColorShader
{
public:
    enum class Language { Glsl12, Glsl40, GlslEs30 };

    //! Throws ColorError like ColorProcessor for an unknown working space, display or view.
    ColorShader(std::shared_ptr<const ColorConfig> config, const ColorSettings& settings,
        const Grade& grade = {}, Language language = Language::Glsl40);
    ~ColorShader();
    ColorShader(const ColorShader&) = delete;
    ColorShader& operator=(const ColorShader&) = delete;

    //! The function to call from the fragment shader: vec4 f(vec4 cellPixel), the cell's
    //! sRGB-encoded texel in, display values out.
    QString functionName() const;
    //! Uniform and sampler declarations, helpers and the function (no main()).
    QString shaderText() const;
    //! The 1D/2D and 3D LUT textures the function samples.
    const QVector<ShaderTexture>& textures() const;
    //! The uniforms with their current values (they follow setExposure / setGamma).
    QVector<ShaderUniform> uniforms() const;

    void setExposure(double stops); //!< dynamic, x 2^stops in scene-linear light
    void setGamma(double gamma);    //!< dynamic, > 0, pivoting on middle grey like ColorProcessor
    Grade grade() const;

private:
    std::unique_ptr<internal::ColorShaderPrivate> d;
};

} // namespace tessera
