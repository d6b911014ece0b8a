#include "internal/GradeTransform.h"

#include <cmath>

namespace tessera::internal {

namespace {
constexpr double kRec709Luma[3] = {0.2126, 0.7152, 0.0722};
}

void checkGrade(const Grade& grade)
{
    if (!std::isfinite(grade.exposureStops) || std::abs(grade.exposureStops) > 64.0)
        throw ColorError(QStringLiteral("grade"), QStringLiteral("exposure %1 stops is out of range").arg(grade.exposureStops));
    if (!std::isfinite(grade.gamma) || grade.gamma <= 0.0)
        throw ColorError(QStringLiteral("grade"), QStringLiteral("gamma %1 must be above 0").arg(grade.gamma));
    if (!std::isfinite(grade.saturation) || grade.saturation < 0.0)
        throw ColorError(QStringLiteral("grade"), QStringLiteral("saturation %1 must be 0 or more").arg(grade.saturation));
}

OCIO::GroupTransformRcPtr makeGradeTransform(const Grade& grade, bool dynamic)
{
    auto group = OCIO::GroupTransform::Create();
    group->appendTransform(makeExposureGammaTransform(grade, dynamic));
    group->appendTransform(makeSaturationTransform(grade));
    return group;
}

OCIO::GroupTransformRcPtr makeExposureGammaTransform(const Grade& grade, bool dynamic)
{
    checkGrade(grade);
    auto group = OCIO::GroupTransform::Create();
    if (dynamic || grade.exposureStops != 0.0 || grade.gamma != 1.0) {
        auto exposure = OCIO::ExposureContrastTransform::Create();
        exposure->setStyle(OCIO::EXPOSURE_CONTRAST_LINEAR);
        exposure->setExposure(grade.exposureStops);
        exposure->setContrast(1.0);
        // OCIO raises (v / pivot) to contrast * gamma; Tessera's gamma brightens as it grows
        // (like a viewer's gamma control), so OCIO's gamma is its reciprocal.
        exposure->setGamma(1.0 / grade.gamma);
        exposure->setPivot(kGammaPivot);
        if (dynamic) {
            exposure->makeExposureDynamic();
            exposure->makeGammaDynamic();
        }
        group->appendTransform(exposure);
    }
    return group;
}

OCIO::GroupTransformRcPtr makeSaturationTransform(const Grade& grade)
{
    checkGrade(grade);
    auto group = OCIO::GroupTransform::Create();
    if (grade.saturation != 1.0) {
        double matrix[16];
        double offset[4];
        OCIO::MatrixTransform::Sat(matrix, offset, grade.saturation, kRec709Luma);
        auto saturation = OCIO::MatrixTransform::Create();
        saturation->setMatrix(matrix);
        saturation->setOffset(offset);
        group->appendTransform(saturation);
        // Saturation above 1 pushes colours past the gamut into negative light; they are
        // clipped here, in the working space, so every path (exact, baked, GPU) sees the same
        // non-negative values.
        auto noNegativeLight = OCIO::RangeTransform::Create();
        noNegativeLight->setMinInValue(0.0);
        noNegativeLight->setMinOutValue(0.0);
        group->appendTransform(noNegativeLight);
    }
    return group;
}

} // namespace tessera::internal
