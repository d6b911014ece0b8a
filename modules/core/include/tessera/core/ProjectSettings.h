#pragma once

#include "tessera/core/FrameRate.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace tessera {

//! Colour management choices, a plain value the colour module builds its processors from.
struct ColorSettings
{
    QString ocioConfig;   //!< path to a config.ocio; empty means $OCIO, else the bundled one
    QString workingSpace; //!< scene-linear working space; empty means the config's scene_linear role
    QString display;      //!< empty means the config's default display
    QString view;         //!< empty means the display's default view

    friend bool operator==(const ColorSettings& a, const ColorSettings& b)
    {
        return a.ocioConfig == b.ocioConfig && a.workingSpace == b.workingSpace
            && a.display == b.display && a.view == b.view;
    }
};

//! A LoRA every cell of the project is generated with, at this strength (a LoraStrength axis
//! varies it per cell).
struct ProjectLora
{
    QString file;          //!< absolute path of the kohya .safetensors file
    double strength = 1.0; //!< from -kMaxStrength to kMaxStrength

    static constexpr double kMaxStrength = 10.0;

    //! The name axes and the command line call it by: the file's name without its extension.
    QString name() const;

    friend bool operator==(const ProjectLora& a, const ProjectLora& b) { return a.file == b.file && a.strength == b.strength; }
};

//! A textual-inversion embedding the project's prompts can use by its token.
struct ProjectEmbedding
{
    QString file;  //!< absolute path of the .safetensors / .pt file
    QString token; //!< what prompts write to use it

    friend bool operator==(const ProjectEmbedding& a, const ProjectEmbedding& b) { return a.file == b.file && a.token == b.token; }
};

//! Project-wide settings: output format, the song, colour, the model and global prompts.
struct ProjectSettings
{
    QString name;
    FrameRate frameRate;
    int width = 1920;
    int height = 1080;
    QString audioPath;      //!< relative to the project file when possible
    QString audioHash;      //!< content hash of the audio file, to re-link and cache analysis
    ColorSettings color;
    QString model;          //!< model folder or name; empty means the bundled default model
    QString stylePrompt;    //!< appended to every segment's prompt
    QString negativePrompt;
    QVector<ProjectLora> loras;           //!< in the order they are listed; each file once
    QVector<ProjectEmbedding> embeddings; //!< each file and each token once

    //! The LoRA an axis term names: one whose name() or file is term; nullptr when none is.
    const ProjectLora* loraNamed(const QString& term) const;

    //! {"loras": [{"file", "strength"}], "embeddings": [{"file", "token"}]}, as the catalog stores them.
    QJsonObject addOnsJson() const;
    //! Reads addOnsJson() into loras and embeddings; false with the reason in *error when an entry
    //! is malformed (missing keys read as their defaults).
    bool readAddOnsJson(const QJsonObject& json, QString* error);

    //! Empty when the settings can be stored, else the first problem in words.
    QString validationError() const;

    QJsonObject toJson() const;

    friend bool operator==(const ProjectSettings& a, const ProjectSettings& b);
};

} // namespace tessera
