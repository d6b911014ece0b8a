#include "tessera/audio/AnalysisParameters.h"

#include <QStringList>

namespace tessera {

namespace {

QString number(double value)
{
    return QString::number(value, 'g', 10);
}

const QStringList& onsetMethods()
{
    static const QStringList methods{QStringLiteral("hfc"), QStringLiteral("energy"), QStringLiteral("complex"),
        QStringLiteral("phase"), QStringLiteral("specflux"), QStringLiteral("kl"), QStringLiteral("mkl"),
        QStringLiteral("specdiff"), QStringLiteral("wphase")};
    return methods;
}

} // namespace

QString AnalysisParameters::key() const
{
    return QStringLiteral("audio-analysis/%1;rate=%2;bands=%3,%4;pct=%5,%6;onset=%7,%8,%9")
        .arg(kAlgorithmVersion)
        .arg(number(kFrameRateHz), number(lowMaxHz), number(highMinHz), number(lowerPercentile),
            number(upperPercentile), onsetMethod, number(onsetThreshold), number(onsetMinIntervalMs));
}

QString AnalysisParameters::validationError() const
{
    if (!(lowMaxHz > 0.0) || !(highMinHz > lowMaxHz))
        return QStringLiteral("band edges must satisfy 0 < low (%1 Hz) < high (%2 Hz)").arg(lowMaxHz).arg(highMinHz);
    if (!(lowerPercentile >= 0.0) || !(upperPercentile <= 100.0) || !(lowerPercentile < upperPercentile))
        return QStringLiteral("percentiles must satisfy 0 <= lower (%1) < upper (%2) <= 100")
            .arg(lowerPercentile)
            .arg(upperPercentile);
    if (!onsetMethods().contains(onsetMethod))
        return QStringLiteral("unknown onset method \"%1\" (known: %2)").arg(onsetMethod, onsetMethods().join(QStringLiteral(", ")));
    if (!(onsetThreshold >= 0.0) || !(onsetMinIntervalMs >= 0.0))
        return QStringLiteral("the onset threshold and minimum interval must not be negative");
    return {};
}

} // namespace tessera
