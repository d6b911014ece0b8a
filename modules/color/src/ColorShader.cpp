#include "tessera/color/ColorShader.h"

#include "internal/GradeTransform.h"
#include "internal/OcioConfig.h"

namespace tessera {

using internal::toStd;
using internal::withOcioErrors;

namespace internal {

struct ColorShaderPrivate
{
    std::shared_ptr<const ColorConfig> config;
    Grade grade;
    OCIO::GpuShaderDescRcPtr shader;
    OCIO::DynamicPropertyDoubleRcPtr exposure;
    OCIO::DynamicPropertyDoubleRcPtr gamma;
    QVector<ShaderTexture> textures;
};

} // namespace internal

namespace {

OCIO::GpuLanguage ocioLanguage(ColorShader::Language language)
{
    switch (language) {
    case ColorShader::Language::Glsl12: return OCIO::GPU_LANGUAGE_GLSL_1_2;
    case ColorShader::Language::Glsl40: return OCIO::GPU_LANGUAGE_GLSL_4_0;
    case ColorShader::Language::GlslEs30: return OCIO::GPU_LANGUAGE_GLSL_ES_3_0;
    }
    return OCIO::GPU_LANGUAGE_GLSL_4_0;
}

} // namespace

ColorShader::ColorShader(std::shared_ptr<const ColorConfig> config, const ColorSettings& settings, const Grade& grade,
    Language language)
    : d(std::make_unique<internal::ColorShaderPrivate>())
{
    if (!config)
        throw ColorError(QString(), QStringLiteral("no OpenColorIO config"));
    d->config = std::move(config);
    d->grade = grade;
    const ColorConfig& cfg = *d->config;
    const QString working = settings.workingSpace.isEmpty() ? cfg.workingSpace() : settings.workingSpace;
    const QString display = settings.display.isEmpty() ? cfg.defaultDisplay() : settings.display;
    const QString view = settings.view.isEmpty() ? cfg.defaultView(display) : settings.view;
    if (!cfg.hasColorSpace(working))
        throw ColorError(cfg.path(), QStringLiteral("no colour space \"%1\" for the working space").arg(working));
    if (!cfg.displays().contains(display))
        throw ColorError(cfg.path(), QStringLiteral("no display \"%1\" (it offers %2)").arg(display, cfg.displays().join(QStringLiteral(", "))));
    if (!cfg.views(display).contains(view))
        throw ColorError(cfg.path(), QStringLiteral("display \"%1\" has no view \"%2\" (it offers %3)")
            .arg(display, view, cfg.views(display).join(QStringLiteral(", "))));
    const QString cellSpace = cfg.cellSpace();

    withOcioErrors(cfg.path(), [&] {
        auto chain = OCIO::GroupTransform::Create();
        auto toWorking = OCIO::ColorSpaceTransform::Create();
        toWorking->setSrc(toStd(cellSpace).c_str());
        toWorking->setDst(toStd(working).c_str());
        chain->appendTransform(toWorking);
        chain->appendTransform(internal::makeGradeTransform(grade, true));
        auto toDisplay = OCIO::DisplayViewTransform::Create();
        toDisplay->setSrc(toStd(working).c_str());
        toDisplay->setDisplay(toStd(display).c_str());
        toDisplay->setView(toStd(view).c_str());
        chain->appendTransform(toDisplay);
        const auto gpu = cfg.ocio().config->getProcessor(chain)->getDefaultGPUProcessor();

        d->shader = OCIO::GpuShaderDesc::CreateShaderDesc();
        d->shader->setLanguage(ocioLanguage(language));
        d->shader->setFunctionName("tesseraColor");
        d->shader->setResourcePrefix("tessera_");
        gpu->extractGpuShaderInfo(d->shader);

        auto exposure = d->shader->getDynamicProperty(OCIO::DYNAMIC_PROPERTY_EXPOSURE);
        d->exposure = OCIO::DynamicPropertyValue::AsDouble(exposure);
        auto gamma = d->shader->getDynamicProperty(OCIO::DYNAMIC_PROPERTY_GAMMA);
        d->gamma = OCIO::DynamicPropertyValue::AsDouble(gamma);

        for (unsigned i = 0; i < d->shader->getNumTextures(); ++i) {
            const char* textureName = nullptr;
            const char* samplerName = nullptr;
            unsigned width = 0;
            unsigned height = 0;
            OCIO::GpuShaderDesc::TextureType channel = OCIO::GpuShaderDesc::TEXTURE_RGB_CHANNEL;
            OCIO::Interpolation interpolation = OCIO::INTERP_LINEAR;
            d->shader->getTexture(i, textureName, samplerName, width, height, channel, interpolation);
            const float* values = nullptr;
            d->shader->getTextureValues(i, values);
            ShaderTexture texture;
            texture.textureName = QString::fromUtf8(textureName);
            texture.samplerName = QString::fromUtf8(samplerName);
            texture.width = int(width);
            texture.height = int(height);
            texture.channels = channel == OCIO::GpuShaderDesc::TEXTURE_RED_CHANNEL ? 1 : 3;
            texture.linearInterpolation = interpolation != OCIO::INTERP_NEAREST;
            if (values)
                texture.values.assign(values, values + std::size_t(width) * height * std::size_t(texture.channels));
            d->textures.append(std::move(texture));
        }
        for (unsigned i = 0; i < d->shader->getNum3DTextures(); ++i) {
            const char* textureName = nullptr;
            const char* samplerName = nullptr;
            unsigned edge = 0;
            OCIO::Interpolation interpolation = OCIO::INTERP_LINEAR;
            d->shader->get3DTexture(i, textureName, samplerName, edge, interpolation);
            const float* values = nullptr;
            d->shader->get3DTextureValues(i, values);
            ShaderTexture texture;
            texture.textureName = QString::fromUtf8(textureName);
            texture.samplerName = QString::fromUtf8(samplerName);
            texture.width = texture.height = texture.depth = int(edge);
            texture.linearInterpolation = interpolation != OCIO::INTERP_NEAREST;
            if (values)
                texture.values.assign(values, values + std::size_t(edge) * edge * edge * 3);
            d->textures.append(std::move(texture));
        }
    });
}

ColorShader::~ColorShader() = default;

QString ColorShader::functionName() const { return QString::fromUtf8(d->shader->getFunctionName()); }
QString ColorShader::shaderText() const { return QString::fromUtf8(d->shader->getShaderText()); }
const QVector<ShaderTexture>& ColorShader::textures() const { return d->textures; }
Grade ColorShader::grade() const { return d->grade; }

QVector<ShaderUniform> ColorShader::uniforms() const
{
    QVector<ShaderUniform> uniforms;
    for (unsigned i = 0; i < d->shader->getNumUniforms(); ++i) {
        OCIO::GpuShaderDesc::UniformData data;
        ShaderUniform uniform;
        uniform.name = QString::fromUtf8(d->shader->getUniform(i, data));
        switch (data.m_type) {
        case OCIO::UNIFORM_DOUBLE:
            uniform.type = ShaderUniform::Type::Double;
            uniform.number = data.m_getDouble();
            break;
        case OCIO::UNIFORM_BOOL:
            uniform.type = ShaderUniform::Type::Bool;
            uniform.flag = data.m_getBool();
            break;
        case OCIO::UNIFORM_FLOAT3:
            uniform.type = ShaderUniform::Type::Float3;
            uniform.float3 = data.m_getFloat3();
            break;
        case OCIO::UNIFORM_VECTOR_FLOAT: {
            uniform.type = ShaderUniform::Type::FloatArray;
            const float* values = data.m_vectorFloat.m_getVector();
            if (values)
                uniform.floats.assign(values, values + data.m_vectorFloat.m_getSize());
            break;
        }
        case OCIO::UNIFORM_VECTOR_INT: {
            uniform.type = ShaderUniform::Type::IntArray;
            const int* values = data.m_vectorInt.m_getVector();
            if (values)
                uniform.ints.assign(values, values + data.m_vectorInt.m_getSize());
            break;
        }
        case OCIO::UNIFORM_UNKNOWN:
            continue;
        }
        uniforms.append(std::move(uniform));
    }
    return uniforms;
}

void ColorShader::setExposure(double stops)
{
    Grade next = d->grade;
    next.exposureStops = stops;
    internal::checkGrade(next);
    d->exposure->setValue(stops);
    d->grade = next;
}

void ColorShader::setGamma(double gamma)
{
    Grade next = d->grade;
    next.gamma = gamma;
    internal::checkGrade(next);
    d->gamma->setValue(1.0 / gamma); // OCIO's gamma is the reciprocal of Tessera's (GradeTransform)
    d->grade = next;
}

} // namespace tessera
