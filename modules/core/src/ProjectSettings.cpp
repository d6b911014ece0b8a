#include "tessera/core/ProjectSettings.h"

namespace tessera {

QString ProjectSettings::validationError() const
{
    if (!frameRate.isValid())
        return QStringLiteral("frame rate %1 is not positive").arg(frameRate.toString());
    if (frameRate.fps() > 240.0)
        return QStringLiteral("frame rate %1 is above 240 fps").arg(frameRate.toString());
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
        return QStringLiteral("frame size %1x%2 must be positive and even").arg(width).arg(height);
    if (width > 7680 || height > 4320)
        return QStringLiteral("frame size %1x%2 is larger than 7680x4320").arg(width).arg(height);
    return {};
}

QJsonObject ProjectSettings::toJson() const
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("fps"), frameRate.toString()},
        {QStringLiteral("width"), width},
        {QStringLiteral("height"), height},
        {QStringLiteral("audioPath"), audioPath},
        {QStringLiteral("audioHash"), audioHash},
        {QStringLiteral("color"), QJsonObject{
            {QStringLiteral("ocioConfig"), color.ocioConfig},
            {QStringLiteral("workingSpace"), color.workingSpace},
            {QStringLiteral("display"), color.display},
            {QStringLiteral("view"), color.view},
        }},
        {QStringLiteral("model"), model},
        {QStringLiteral("stylePrompt"), stylePrompt},
        {QStringLiteral("negativePrompt"), negativePrompt},
    };
}

bool operator==(const ProjectSettings& a, const ProjectSettings& b)
{
    return a.name == b.name && a.frameRate == b.frameRate && a.width == b.width
        && a.height == b.height && a.audioPath == b.audioPath && a.audioHash == b.audioHash
        && a.color == b.color && a.model == b.model && a.stylePrompt == b.stylePrompt
        && a.negativePrompt == b.negativePrompt;
}

} // namespace tessera
