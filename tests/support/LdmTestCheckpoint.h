#pragma once

// Writes a tiny diffusers model folder (tiny-sd) as one single-file checkpoint in the original
// "ldm" naming, torch-free: each tensor's bytes are copied under its LDM key (the engine's own
// inverse name map; 1x1 convs get their two trailing 1-dims back). Used by the generation, CLI and
// ui tests; the engine's tests (tests/diffusion/tst_ldm_checkpoint.cpp) check that such a file
// gives the folder's image.

#include "tessera/diffusion/LdmCheckpointNames.h"
#include "tessera/diffusion/ModelConfig.h"
#include "tessera/diffusion/SafetensorsFile.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>
#include <vector>

namespace tessera::test {

//! Writes `folder`'s weights (a diffusers folder with SD 1.x CLIP text encoder names) to `file`;
//! throws std::runtime_error on any failure.
inline void writeLdmCheckpoint(const QString& folder, const QString& file)
{
    const QDir dir(folder);
    const auto read = [&](const char* name) { return readTextFile(dir.filePath(QString::fromLatin1(name)).toStdString()); };
    const LdmLayout layout = ldmLayoutOf(parseUNetConfig(read("unet/config.json"), "unet"),
        parseVaeConfig(read("vae/config.json"), "vae"), parseTextEncoderConfig(read("text_encoder/config.json"), "te"),
        folder.toStdString());
    QJsonObject header;
    QByteArray data;
    std::vector<SafetensorsFile> files;
    for (const auto& [network, weights] : {std::pair{"unet", "unet/diffusion_pytorch_model.safetensors"},
             {"vae", "vae/diffusion_pytorch_model.safetensors"}, {"text_encoder", "text_encoder/model.safetensors"}}) {
        const SafetensorsFile source(dir.filePath(QString::fromLatin1(weights)).toStdString());
        for (const SafetensorsTensor& tensor : source.tensors()) {
            const auto ldm = ldmSourceOfDiffusersName(std::string(network) + "/" + tensor.name, layout,
                LdmTextEncoder::ClipTransformers);
            if (!ldm || ldm->parts != 1)
                throw std::runtime_error("no single LDM key for " + std::string(network) + "/" + tensor.name);
            QJsonArray shape;
            for (const std::int64_t side : tensor.shape)
                shape.append(qint64(side));
            if (ldm->squeezeToLinear) {
                shape.append(1);
                shape.append(1);
            }
            header.insert(QString::fromStdString(ldm->key),
                QJsonObject{{QStringLiteral("dtype"), QString::fromStdString(safetensorsDTypeName(tensor.dtype))},
                    {QStringLiteral("shape"), shape},
                    {QStringLiteral("data_offsets"), QJsonArray{qint64(data.size()), qint64(data.size() + qint64(tensor.byteSize))}}});
            data.append(reinterpret_cast<const char*>(tensor.data), qsizetype(tensor.byteSize));
        }
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    json.append(QByteArray((8 - json.size() % 8) % 8, ' '));
    QByteArray length(8, '\0');
    for (int i = 0; i < 8; ++i)
        length[i] = char((quint64(json.size()) >> (8 * i)) & 0xff);
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(length + json + data) != 8 + json.size() + data.size())
        throw std::runtime_error(file.toStdString() + ": cannot be written");
}

} // namespace tessera::test
