#pragma once

#include "tessera/export/ExportProgress.h"
#include "tessera/export/ExportSettings.h"
#include "tessera/export/VideoExporter.h"

#include <QString>

#include <optional>

#include <QImage>

#include <functional>

namespace tessera {

//! Runs a super-resolution network: `cell` enlarged `factor` times (2, 3, 4 or 8) by `network`
//! (RenderSettings::upscaleNetworks()). Throws on failure. The render module cannot run one
//! (no libtorch here): the CLI and the studio pass the engine's.
using CellUpscaler = std::function<QImage(const QImage& cell, int factor, const QString& network)>;

//! What to export from a project. Zero sizes and an unset rate take the project's.
struct ProjectExportRequest
{
    QString projectPath;
    QString outputPath;
    ExportFormat format = ExportFormat::H264Mp4;
    int width = 0;
    int height = 0;
    std::optional<FrameRate> frameRate;
    int crf = 18;
    QString x264Preset = QStringLiteral("medium");
    double rangeStart = 0.0; //!< seconds into the song
    double rangeEnd = -1.0;  //!< seconds; <= 0: the song's end
    std::optional<bool> captions; //!< unset: the project's render settings decide
    //! The network cells smaller than the frame are upscaled with (RenderSettings::upscale);
    //! unset: the project's render settings decide, empty: none.
    std::optional<QString> upscale;
    //! Runs the network. Cells are upscaled once per version (kept in the project, reused by later
    //! exports and shown by the preview); without it, an export that needs a new upscale fails.
    CellUpscaler upscaler;
};

struct ProjectExportResult
{
    ExportResult video;
    ExportSettings settings; //!< as resolved from the request and the project
    QString display;         //!< the OCIO display / view the frames went through
    QString view;
    QString colorNote;       //!< a note when the colour settings fell back
    QString upscale;         //!< the network cells were upscaled with; empty: none
    int cellsUpscaled = 0;   //!< versions upscaled by this export
    int upscalesReused = 0;  //!< versions whose stored upscale this export used
};

//! Checks the request against the project (song present, range inside it, settings valid) and
//! returns the settings it would export with, without writing anything. Throws CatalogError,
//! ProjectError or ExportError naming the file and the problem.
ExportSettings resolveProjectExport(const ProjectExportRequest& request);

//! Renders the project to request.outputPath: every frame composed from the grids as the song
//! drives them, the song as soundtrack, recorded in the project's export history (done, failed or
//! cancelled, with the error). Opens its own catalog connection, so it may run on any thread;
//! blocks until done. progress returning false cancels (ExportCancelled: no partial file).
//! Shared by `tessera-cli export` and the studio's Export dialog.
ProjectExportResult exportProject(const ProjectExportRequest& request, const ExportProgressCallback& progress);

} // namespace tessera
