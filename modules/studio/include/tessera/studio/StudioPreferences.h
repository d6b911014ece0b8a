#pragma once

#include <QString>
#include <QStringList>

class QSettings;

namespace tessera {

//! What the Preferences dialog sets, kept in the studio's QSettings. Pure data plus load/save,
//! so tests and the command line read the same keys.
struct StudioPreferences
{
    QStringList modelFolders;   //!< folders searched for diffusers-layout models (models/folders)
    QString ocioConfig;         //!< the colour config for projects that name none; empty: $OCIO, else the bundled one
    int computeThreads = 0;     //!< generation threads; 0: one per core
    int cacheMegabytes = 256;   //!< decoded, graded cells the preview keeps
    QString language;           //!< "de", "ja", "en"; empty: the system's
    //! The networks' number type for new cells (GenerationOptions::precision): "auto" (the
    //! default: bf16 on a CPU with bf16 instructions, where the bundled model keeps its quality,
    //! tst_model_quality), "fp32" or "bf16".
    QString precision = QStringLiteral("auto");

    static StudioPreferences load(const QSettings& settings);
    void save(QSettings& settings) const;

    //! Puts the process-wide settings into effect: the colour config ($OCIO, read whenever a
    //! project's colour is resolved) and the generation threads ($TESSERA_COMPUTE_THREADS, read
    //! when a generation worker starts). Call at start-up and after the dialog is accepted.
    void applyToProcess() const;

    friend bool operator==(const StudioPreferences& a, const StudioPreferences& b)
    {
        return a.modelFolders == b.modelFolders && a.ocioConfig == b.ocioConfig && a.computeThreads == b.computeThreads
            && a.cacheMegabytes == b.cacheMegabytes && a.language == b.language && a.precision == b.precision;
    }
};

} // namespace tessera
