#pragma once

#include "tessera/core/FrameRate.h"

#include <QJsonObject>
#include <QString>

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

    //! Empty when the settings can be stored, else the first problem in words.
    QString validationError() const;

    QJsonObject toJson() const;

    friend bool operator==(const ProjectSettings& a, const ProjectSettings& b);
};

} // namespace tessera
