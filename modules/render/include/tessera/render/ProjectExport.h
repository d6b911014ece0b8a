#pragma once

#include "tessera/export/ExportProgress.h"
#include "tessera/export/ExportSettings.h"
#include "tessera/export/VideoExporter.h"

#include <QString>

#include <optional>

namespace tessera {

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
};

struct ProjectExportResult
{
    ExportResult video;
    ExportSettings settings; //!< as resolved from the request and the project
    QString display;         //!< the OCIO display / view the frames went through
    QString view;
    QString colorNote;       //!< a note when the colour settings fell back
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
