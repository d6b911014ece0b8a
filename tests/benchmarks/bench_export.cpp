// Export speed: 600 frames of 1920x1080 at 30 fps through exportVideo (H.264 crf 18, preset
// medium, BT.709 limited range, MP4 with faststart), against the ffmpeg program encoding the
// identical raw RGB frames piped to its stdin with the same x264, scaler and colour settings,
// measured in the same run. Wall time, CPU time (all threads; ffmpeg's from its rusage) and fps
// for both, and the ratio ours / ffmpeg. Target: wall-time ratio at most 1.15.
// TESSERA_BENCH_FRAMES shortens the run. Frames are synthesised once (a scrolling textured
// gradient, 60 distinct frames cycled) so neither side pays for producing them.
#include "tessera/export/VideoExporter.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace tessera;

namespace {

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;
constexpr int kDistinctFrames = 60;

std::vector<QImage> makeFrames()
{
    std::mt19937 random(7);
    std::uniform_int_distribution<int> grain(-12, 12);
    std::vector<int> texture(size_t(kWidth) * kHeight);
    for (int& t : texture)
        t = grain(random);
    std::vector<QImage> frames;
    for (int f = 0; f < kDistinctFrames; ++f) {
        QImage image(kWidth, kHeight, QImage::Format_RGB888);
        for (int y = 0; y < kHeight; ++y) {
            uchar* line = image.scanLine(y);
            for (int x = 0; x < kWidth; ++x) {
                const int t = texture[size_t(y) * kWidth + size_t((x + 6 * f) % kWidth)];
                line[3 * x] = uchar(std::clamp((x + 6 * f) * 255 / kWidth / 2 + 60 + t, 0, 255));
                line[3 * x + 1] = uchar(std::clamp(y * 200 / kHeight + 30 + t, 0, 255));
                line[3 * x + 2] = uchar(std::clamp(128 + ((x + y + 9 * f) % 256) / 4 + t, 0, 255));
            }
        }
        frames.push_back(image);
    }
    return frames;
}

class CycledFrames : public FrameSource
{
public:
    explicit CycledFrames(const std::vector<QImage>& frames)
        : m_frames(frames)
    { }
    QImage frame(qint64 index) override { return m_frames[size_t(index % qint64(m_frames.size()))]; }

private:
    const std::vector<QImage>& m_frames;
};

double cpuSeconds(const rusage& usage)
{
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Run
{
    double wall = 0.0;
    double cpu = 0.0;
    qint64 bytes = 0;
};

Run runOurs(const std::vector<QImage>& frames, qint64 count, const QString& output)
{
    ExportSettings settings;
    settings.outputPath = output;
    settings.width = kWidth;
    settings.height = kHeight;
    settings.frameRate = FrameRate { 30, 1 };
    settings.frameCount = count;
    CycledFrames source(frames);
    rusage before {};
    rusage after {};
    getrusage(RUSAGE_SELF, &before);
    QElapsedTimer clock;
    clock.start();
    exportVideo(settings, source);
    Run run;
    run.wall = clock.nsecsElapsed() / 1e9;
    getrusage(RUSAGE_SELF, &after);
    run.cpu = cpuSeconds(after) - cpuSeconds(before);
    run.bytes = QFileInfo(output).size();
    return run;
}

Run runFfmpeg(const std::vector<QImage>& frames, qint64 count, const QString& output)
{
    const QByteArray path = QFile::encodeName(output);
    std::vector<const char*> args { TESSERA_FFMPEG, "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt",
        "rgb24", "-s", "1920x1080", "-r", "30", "-i", "-", "-vf",
        "scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd", "-c:v", "libx264", "-crf",
        "18", "-preset", "medium", "-profile:v", "high", "-pix_fmt", "yuv420p", "-color_primaries", "bt709",
        "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "tv", "-movflags", "+faststart",
        path.constData(), nullptr };
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        std::exit(2);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[0], STDIN_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipeFds[1]);
    QElapsedTimer clock;
    clock.start();
    pid_t child = 0;
    if (posix_spawn(&child, TESSERA_FFMPEG, &actions, nullptr, const_cast<char* const*>(args.data()), environ)
        != 0) {
        std::fprintf(stderr, "cannot start %s\n", TESSERA_FFMPEG);
        std::exit(2);
    }
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[0]);
    for (qint64 i = 0; i < count; ++i) {
        const QImage& image = frames[size_t(i % qint64(frames.size()))];
        const char* data = reinterpret_cast<const char*>(image.constBits());
        qint64 left = image.sizeInBytes(); // 1920 * 3 bytes a line: no padding between lines
        while (left > 0) {
            const ssize_t wrote = write(pipeFds[1], data, size_t(left));
            if (wrote <= 0)
                std::exit(2);
            data += wrote;
            left -= wrote;
        }
    }
    close(pipeFds[1]);
    int status = 0;
    rusage usage {};
    wait4(child, &status, 0, &usage);
    Run run;
    run.wall = clock.nsecsElapsed() / 1e9;
    run.cpu = cpuSeconds(usage);
    run.bytes = QFileInfo(output).size();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        std::fprintf(stderr, "ffmpeg failed\n");
    return run;
}

void print(const char* name, const Run& run, qint64 count)
{
    std::printf("%-8s wall %7.2f s   cpu %7.2f s   %6.2f fps   %8.2f MB\n", name, run.wall, run.cpu,
        double(count) / run.wall, double(run.bytes) / 1e6);
}

} // namespace

int main()
{
    qint64 count = 600;
    if (const char* frames = std::getenv("TESSERA_BENCH_FRAMES"))
        count = std::max(1LL, std::atoll(frames));
    setExportLogging(false);
    QTemporaryDir dir;
    std::printf("bench_export: %lld frames of %dx%d at 30 fps, x264 crf 18 preset medium, %ld cores\n",
        static_cast<long long>(count), kWidth, kHeight, sysconf(_SC_NPROCESSORS_ONLN));
    const std::vector<QImage> frames = makeFrames();
    const Run ours = runOurs(frames, count, dir.filePath(QStringLiteral("ours.mp4")));
    const Run ffmpeg = runFfmpeg(frames, count, dir.filePath(QStringLiteral("ffmpeg.mp4")));
    print("tessera", ours, count);
    print("ffmpeg", ffmpeg, count);
    std::printf("ratio ours/ffmpeg: wall %.3f, cpu %.3f (target wall <= 1.15)\n", ours.wall / ffmpeg.wall,
        ours.cpu / ffmpeg.cpu);
    return 0;
}
