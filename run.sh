#!/usr/bin/env bash
# Tessera's one entry point: installs what is missing, builds, and runs a job.
#
#   ./run.sh demo       install, build (Release, ccache), run the main job on the bundled demo
#   ./run.sh test       install, build, run the whole test suite (ctest); non-zero on failure
#   ./run.sh studio     install, build, open the studio (extra arguments go to it)
#   ./run.sh bench      install, build, run the benchmarks and print their figures
#   ./run.sh screenshots  install, build, screenshots of the studio with the demo (under Xvfb)
#   ./run.sh sanitize   install, build with AddressSanitizer + UBSan, run the test suite
#   ./run.sh package    install, build, make the .deb (CPack) in the build folder, run lintian
#   ./run.sh deps       only install the Debian packages that are missing
#
# Environment: TESSERA_BUILD_DIR (default ./build), TESSERA_JOBS (default: all cores).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${TESSERA_BUILD_DIR:-$ROOT/build}"
JOBS="${TESSERA_JOBS:-$(nproc)}"
# ccache keys on paths relative to the checkout, so every clone shares one warm cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}"

# Debian 12 packages the build, the tests and the demo need. One list, kept with the code.
PACKAGES=(
    build-essential cmake ninja-build pkg-config ccache git
    sqlite3 libsqlite3-dev
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins libgl-dev
    qt6-multimedia-dev
    libopenblas0-pthread
    libtorch-dev libgtest-dev nlohmann-json3-dev
    libopencolorio-dev opencolorio-tools libgl1-mesa-dri
    libavformat-dev libavcodec-dev libswresample-dev libswscale-dev libavutil-dev ffmpeg libaubio-dev libfftw3-dev
    xvfb xauth
    fonts-noto-color-emoji unicode-data fonts-dejavu-core
)

# What `./run.sh package` needs on top: dpkg-shlibdeps (Depends line), the AppStream and desktop
# entry validators, lintian. Not in PACKAGES, so the other verbs do not pull them in.
PACKAGING_PACKAGES=(dpkg-dev fakeroot appstream desktop-file-utils lintian)

log() { printf '\033[1m[tessera]\033[0m %s\n' "$*" >&2; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }

# install_deps [extra packages...]
install_deps() {
    local missing=()
    for package in "${PACKAGES[@]}" "$@"; do
        if [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" != "installed" ]; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
        sudo=(sudo)
    fi
    log "installing ${#missing[@]} Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

# configure_and_build DIR [cmake args...]
configure_and_build() {
    local dir="$1"
    shift
    local start=$SECONDS
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        log "configuring $dir"
        cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
    fi
    log "building in $dir with $JOBS jobs"
    cmake --build "$dir" --parallel "$JOBS"
    log "build took $((SECONDS - start)) s"
}

run_tests() {
    local dir="$1"
    log "running the test suite"
    (cd "$dir" && ctest --output-on-failure --timeout 900 -j "$JOBS")
}

# stage NAME COMMAND...: runs one stage of the demo and prints how long it took.
stage() {
    local name="$1"
    shift
    local start=$SECONDS
    log "demo: $name"
    "$@"
    log "demo: $name took $((SECONDS - start)) s"
}

run_demo() {
    local cli="$BUILD_DIR/bin/tessera-cli"
    local data="$BUILD_DIR/share/tessera/demo"
    local out="$BUILD_DIR/demo"
    local project="$out/demo.tessera"
    mkdir -p "$out"
    rm -f "$project" "$project-wal" "$project-shm"
    local start=$SECONDS
    stage "project from the synthesised song and its lyrics" \
        "$cli" new --name "Neon Rivers (Tessera demo)" --fps 30 --size 1280x720 \
        --audio "$data/demo-song.wav" --lyrics "$data/demo.lrc" "$project"
    stage "analysis (tempo, beats, feature curves) and its plot" \
        "$cli" analyze --plot "$out/demo-analysis.png" "$project"
    stage "integrity check" "$cli" check "$project"
    # Grids that move with the music: along X a walk in noise space that the bass drives, along Y
    # the guidance that the highs drive.
    local count
    count=$("$cli" info --json "$project" | grep -o '"startMs"' | wc -l)
    [ "$count" -gt 0 ] || die "the demo project has no segments"
    for ((n = 1; n <= count; n++)); do
        "$cli" segment "$project" "$n" --grid 3x3 \
            --axis-x "seed:0:0.6:feature=low:attack=30:release=300" \
            --axis-y "guidance:2:6:feature=high:attack=20:release=200" >/dev/null
    done
    stage "generation of every grid (${count} segments, 3x3) with the bundled model" "$cli" generate "$project"
    stage "export of the music-synced video with burned-in lyrics" \
        "$cli" export --captions --preset veryfast "$project" "$out/demo.mp4"
    log "demo: done in $((SECONDS - start)) s"
    log "demo: project $project, analysis plot $out/demo-analysis.png, video $out/demo.mp4"
}

# The studio's screenshots for the README, under Xvfb with the demo project (made first when
# missing): the main window at three moments of the song. Prints how long opening took.
run_screenshots() {
    local project="$BUILD_DIR/demo/demo.tessera"
    local out="$BUILD_DIR/screenshots"
    [ -f "$project" ] || run_demo
    mkdir -p "$out"
    # A copy: the studio may write to the project (the analysis cache), the demo stays as made.
    cp "$project" "$out/demo.tessera"
    local moment
    for moment in 25.3 33.0 57.5; do
        xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD_DIR/bin/tessera" --screenshot "$out/studio-$moment.png" \
            --at "$moment" "$out/demo.tessera" 2>&1 | grep -v "^QStandardPaths\|PulseAudio"
    done
    log "screenshots in $out"
}

run_benchmarks() {
    # libtorch's OpenMP threads and OpenBLAS's own would fight for the cores (see DESIGN.md).
    export OPENBLAS_NUM_THREADS=1
    local found=0
    for bench in "$BUILD_DIR"/benchmarks/bench_*; do
        [ -x "$bench" ] || continue
        found=1
        log "benchmark $(basename "$bench")"
        "$bench"
    done
    [ $found -eq 1 ] || die "no benchmarks were built in $BUILD_DIR/benchmarks"
}

make_package() {
    local dir="$1"
    log "making the .deb"
    rm -f "$dir"/tessera_*.deb
    (cd "$dir" && cpack --config CPackConfig.cmake -B "$dir" >/dev/null)
    local deb
    deb=$(ls "$dir"/tessera_*.deb)
    appstreamcli validate --no-net "$ROOT/packaging/io.github.tessera.Tessera.metainfo.xml" >&2
    desktop-file-validate "$ROOT/packaging/io.github.tessera.Tessera.desktop"
    log "lintian (no errors expected; warnings are listed)"
    # lintian refuses to run as root unless told it may.
    lintian --allow-root "$deb" || die "lintian found errors in $deb"
    log "package: $deb"
    dpkg-deb --field "$deb" Package Version Architecture Depends Recommends Suggests >&2
}

verb="${1:-}"
shift || true
case "$verb" in
    deps)
        install_deps ;;
    demo)
        install_deps
        configure_and_build "$BUILD_DIR"
        run_demo ;;
    test)
        install_deps
        configure_and_build "$BUILD_DIR"
        run_tests "$BUILD_DIR" ;;
    studio)
        install_deps
        configure_and_build "$BUILD_DIR"
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
            die "no display: run it on a desktop, or under Xvfb with: xvfb-run -a ./run.sh studio"
        fi
        exec "$BUILD_DIR/bin/tessera" "$@" ;;
    screenshots)
        install_deps
        configure_and_build "$BUILD_DIR"
        run_screenshots ;;
    bench)
        install_deps
        configure_and_build "$BUILD_DIR"
        run_benchmarks ;;
    sanitize)
        install_deps
        configure_and_build "${BUILD_DIR}-asan" -DTESSERA_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
        run_tests "${BUILD_DIR}-asan" ;;
    package)
        install_deps "${PACKAGING_PACKAGES[@]}"
        configure_and_build "$BUILD_DIR"
        make_package "$BUILD_DIR" ;;
    *)
        awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
        [ -z "$verb" ] || die "unknown verb '$verb'"
        exit 2 ;;
esac
