#include "tessera/project/ProjectAudio.h"

#include "tessera/audio/AudioAnalyzer.h"
#include "tessera/audio/AudioError.h"
#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/MediaLink.h"
#include "tessera/project/ProjectError.h"

#include <QFileInfo>

#include <functional>

namespace tessera {

namespace {

// Peaks do not depend on the analysis parameters; they share the audio's hash.
const QString kPeaksKey = QStringLiteral("waveform-peaks/1");

struct LinkedAudio
{
    MediaLink link;
    qint64 stemId = 0; //!< 0 for the song
    QString name;      //!< "song" or the stem's name, for messages
};

LinkedAudio findLinkedAudio(const Catalog& catalog, const QString& source)
{
    if (source.isEmpty()) {
        const ProjectSettings settings = catalog.settings();
        if (settings.audioPath.isEmpty())
            throw ProjectError(catalog.path(), QStringLiteral("has no song yet; link one with tessera-cli new --audio"));
        return {{settings.audioPath, settings.audioHash}, 0, QStringLiteral("song")};
    }
    for (const Stem& stem : catalog.stems()) {
        if (stem.name == source)
            return {{stem.path, stem.hash}, stem.id, stem.name};
    }
    throw ProjectError(catalog.path(), QStringLiteral("has no stem named \"%1\"").arg(source));
}

void storeInCache(Catalog& catalog, const QString& hash, const AnalysisParameters& parameters,
    const ProjectAudioAnalysis& result)
{
    catalog.storeAnalysis(hash, parameters.key(), result.analysis.toBytes());
    catalog.storeAnalysis(hash, kPeaksKey, result.peaks.toBytes());
}

// Stores where the audio is now (after a move) or what it holds now (after a change).
void updateLink(Catalog& catalog, const LinkedAudio& linked, const MediaLink& now)
{
    if (catalog.isReadOnly())
        return;
    if (linked.stemId == 0) {
        ProjectSettings settings = catalog.settings();
        settings.audioPath = now.storedPath;
        settings.audioHash = now.hash;
        catalog.setSettings(settings);
    } else {
        catalog.updateStem({linked.stemId, linked.name, now.storedPath, now.hash});
    }
}

// Analyses a file about to be linked, and stores link and analysis in one transaction.
ProjectAudioAnalysis analyzeAndLink(Catalog& catalog, const QString& path, const AnalysisParameters& parameters,
    const ProgressCallback& progress, const std::function<void(const MediaLink&)>& storeLink)
{
    AudioFileAnalysis analysed = analyzeAudioFile(path, parameters, progress);
    const MediaLink link = MediaLink::make(catalog.path(), path);
    ProjectAudioAnalysis result;
    result.analysis = std::move(analysed.analysis);
    result.peaks = std::move(analysed.peaks);
    result.audioPath = QFileInfo(path).absoluteFilePath();
    if (!analysed.warning.isEmpty())
        result.messages.append(analysed.warning);
    catalog.transact([&] {
        storeLink(link);
        storeInCache(catalog, link.hash, parameters, result);
    });
    return result;
}

} // namespace

ProjectAudioAnalysis linkSong(Catalog& catalog, const QString& songPath, const AnalysisParameters& parameters,
    const ProgressCallback& progress)
{
    return analyzeAndLink(catalog, songPath, parameters, progress, [&](const MediaLink& link) {
        ProjectSettings settings = catalog.settings();
        settings.audioPath = link.storedPath;
        settings.audioHash = link.hash;
        catalog.setSettings(settings);
    });
}

ProjectAudioAnalysis linkStem(Catalog& catalog, const QString& name, const QString& path,
    const AnalysisParameters& parameters, const ProgressCallback& progress)
{
    for (const Stem& stem : catalog.stems()) {
        if (stem.name == name)
            throw ProjectError(catalog.path(), QStringLiteral("a stem named \"%1\" already exists").arg(name));
    }
    return analyzeAndLink(catalog, path, parameters, progress,
        [&](const MediaLink& link) { catalog.addStem({0, name, link.storedPath, link.hash}); });
}

ProjectAudioAnalysis analyzeProjectAudio(Catalog& catalog, const QString& source,
    const AnalysisParameters& parameters, const ProgressCallback& progress)
{
    const LinkedAudio linked = findLinkedAudio(catalog, source);
    const ResolvedMedia resolved = resolveMedia(catalog.path(), linked.link);
    ProjectAudioAnalysis result;
    switch (resolved.status) {
    case MediaStatus::Missing:
        throw ProjectError(catalog.path(), QStringLiteral("the %1 is missing: %2").arg(linked.name, resolved.message));
    case MediaStatus::Relinked:
        updateLink(catalog, linked, MediaLink::make(catalog.path(), resolved.absolutePath));
        result.messages.append(resolved.message);
        break;
    case MediaStatus::Changed:
        updateLink(catalog, linked, {linked.link.storedPath, resolved.newHash});
        result.messages.append(resolved.message);
        break;
    case MediaStatus::Found:
        break;
    }
    result.audioPath = resolved.absolutePath;
    const QString hash = resolved.status == MediaStatus::Changed ? resolved.newHash : linked.link.hash;

    const auto cachedAnalysis = catalog.cachedAnalysis(hash, parameters.key());
    const auto cachedPeaks = catalog.cachedAnalysis(hash, kPeaksKey);
    if (cachedAnalysis && cachedPeaks) {
        try {
            result.analysis = AudioAnalysis::fromBytes(*cachedAnalysis, catalog.path());
            result.peaks = WaveformPeaks::fromBytes(*cachedPeaks, catalog.path());
            result.fromCache = true;
            return result;
        } catch (const AudioError& error) {
            // A damaged or outdated cache entry is not an error: analyse again and replace it.
            result.messages.append(QStringLiteral("cached analysis unreadable (%1); analysing again").arg(error.message()));
        }
    }

    AudioFileAnalysis analysed = analyzeAudioFile(resolved.absolutePath, parameters, progress);
    result.analysis = std::move(analysed.analysis);
    result.peaks = std::move(analysed.peaks);
    if (!analysed.warning.isEmpty())
        result.messages.append(analysed.warning);
    if (!catalog.isReadOnly())
        catalog.transact([&] { storeInCache(catalog, hash, parameters, result); });
    return result;
}

} // namespace tessera
