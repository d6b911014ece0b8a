// Writes the analysis cache fuzz target's seeds: the two cache entries ProjectAudio stores for a
// song, an AudioAnalysis and its WaveformPeaks, of two seconds of clicks at 120 BPM over a low hum
// (so every curve moves and there are onsets and beats), plus the analysis of silence. Run by hand
// when the cache format changes:
//   build-fuzz/tests/fuzz/make_analysis_cache_seed tests/fuzz/corpus/analysis_cache
#include "tessera/audio/AudioAnalyzer.h"
#include "tessera/audio/WaveformPeaks.h"

#include <QDir>
#include <QFile>

#include <cmath>
#include <cstdio>

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char** argv)
{
    using namespace tessera;
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_analysis_cache_seed OUTPUT-DIR\n");
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    AudioBuffer clicks;
    clicks.sampleRate = 8000;
    clicks.channels = 1;
    clicks.samples.resize(2 * 8000);
    for (size_t i = 0; i < clicks.samples.size(); ++i) {
        const double t = double(i) / clicks.sampleRate;
        const double sinceBeat = std::fmod(t, 0.5);
        clicks.samples[i] = float(0.1 * std::sin(2 * M_PI * 60 * t) + (sinceBeat < 0.01 ? 0.8 * std::sin(2 * M_PI * 2000 * t) : 0.0));
    }
    AudioBuffer silence;
    silence.sampleRate = 8000;
    silence.channels = 2;
    silence.samples.assign(2 * 4000, 0.0f);
    const bool ok = writeFile(out.filePath(QStringLiteral("clicks.analysis")), analyzeAudio(clicks).toBytes())
        && writeFile(out.filePath(QStringLiteral("clicks.peaks")), WaveformPeaks::compute(clicks).toBytes())
        && writeFile(out.filePath(QStringLiteral("silence.analysis")), analyzeAudio(silence).toBytes());
    if (!ok) {
        std::fprintf(stderr, "cannot write the seeds into %s\n", argv[1]);
        return 1;
    }
    return 0;
}
