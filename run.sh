#!/usr/bin/env bash
# Tessera's one entry point: installs what is missing, builds, and runs a job.
#
#   ./run.sh demo       install, build (Release, ccache), run the main job on the bundled demo
#   ./run.sh test       install, build, run the whole test suite (ctest); non-zero on failure;
#                       lists the tests ctest skipped (no OpenGL, no CUDA, ...) and why
#   ./run.sh studio     install, build, open the studio (extra arguments go to it)
#   ./run.sh bench      install, build, run the benchmarks and print their figures
#   ./run.sh bench-perform [SECONDS] [HZ] [SCALE]
#                       perform mode's click-to-frame latency and frame steadiness: a PulseAudio
#                       server of its own with a null sink plays a click track into the show's
#                       input, the output window (1920x1080, Xvfb) timestamps its frames
#   ./run.sh bench-diffusers DIFFUSERS_SRC [fp32|bf16|both]
#                       install (with python3-torch), build bench_diffusion, then in one window time
#                       Tessera's SD 1.5 UNet step and VAE decode, diffusers v0.27.2 doing the same
#                       (DIFFUSERS_SRC: its extracted src/, see the README), Tessera again; prints
#                       seconds, peak memory and the ratios Tessera / diffusers (default fp32)
#   ./run.sh bench-image DIFFUSERS_SRC TRANSFORMERS_SRC
#                       install (with python3-torch), build tessera-cli, make (once) an SD 1.5-size
#                       folder with random weights, then time whole 512x512 images, process start to
#                       PNG, alternating diffusers bf16 and tessera-cli at --precision auto: 1 Euler
#                       step unguided (SD-Turbo's work), 4 guided PNDM steps, 30 guided PNDM steps
#                       (TESSERA_BENCH_QUICK=1 leaves it out); prints seconds, peak memory, ratios
#   ./run.sh bench-sdxl DIFFUSERS_SRC TRANSFORMERS_SRC
#                       install (with python3-torch), build bench_sdxl, make (once, 7 GB) a real-size
#                       SDXL folder with random weights (TESSERA_BENCH_SDXL_DIR, default under the
#                       build folder), then in one window, 2 threads each, Tessera at its auto
#                       precision and diffusers v0.27.2 at the same: a guided SDXL UNet step at
#                       1024x1024 (Tessera, diffusers, Tessera), an SDXL-Turbo 512x512 image, a
#                       LoRA's apply and switch; prints seconds, peak memory and the ratios
#   ./run.sh engine [TORCH_CMAKE_DIR]
#                       build the Qt-free diffusion engine alone (build-engine/) against a libtorch
#                       (default: Debian's; for a CUDA PyTorch: python3 -c 'import torch;
#                       print(torch.utils.cmake_prefix_path)'), run its tests (on the GPU too where
#                       libtorch has CUDA: there they fail, not skip, when wrong) and, with CUDA, its
#                       fp16 GPU figures; DIFFUSERS_SRC=DIR sets diffusers fp16 beside them
#   ./run.sh screenshots  install, build, screenshots of the studio with the demo (under Xvfb)
#   ./run.sh sanitize   install, build without libtorch, with clang, AddressSanitizer + UBSan
#                       (build-asan/), run the modules' and the CLI's tests and the studio's soak
#                       there, generating with a fake back-end plugin; TESSERA_SANITIZE_ALL=1: every
#                       test of that tree (slow)
#   ./run.sh package    install, build, make the .deb (CPack) in the build folder, run lintian
#   ./run.sh fuzz [S]   install, build the libFuzzer targets with clang (build-fuzz/), fuzz each
#                       parser of outside input for S seconds (default 60); non-zero on a crash
#   ./run.sh translations  update translations/*.ts from the studio's tr() strings (lupdate) and
#                       count each language's unfinished entries; no build
#   ./run.sh module-graph  configure, copy the graph of the modules and their links that CMake wrote
#                       from the targets (build/modules.dot) to resources/doc/modules.dot and draw
#                       resources/doc/modules.svg (Graphviz); no build. ctest's module_graph fails
#                       until this has run after a change of the modules' links
#   ./run.sh format-check [BASE]  clang-format (Debian 12's clang-format 14, the style in
#                       .clang-format, by clang-format-diff) over the changed lines of the C++
#                       files (*.cpp, *.h) since BASE (default: the commit in .clang-format-base),
#                       committed or not, new files whole; lines left untouched are not checked.
#                       Prints what clang-format would change (the first 80 lines, or
#                       TESSERA_FORMAT_DIFF_LINES) and fails if anything; no build
#   ./run.sh format [BASE]  those changed lines formatted in place (the rest of each file as is)
#   ./run.sh slurm-check  install Slurm and MUNGE (SLURM_PACKAGES), build tessera-cli, start a one-node
#                       Slurm cluster on loopback (as root, daemons by hand, state in build/slurm/),
#                       farm a small project with the bundled model as a 2-task array, as a 1-task
#                       array (seconds each), and once more with task 2 cancelled mid-run and
#                       resubmitted; checks every merged project is complete; stops the daemons
#   ./run.sh deps       only install the Debian packages that are missing
#
# The verbs that build also install the pinned npm packages (NPM_PACKAGES: the ESRGAN weights and
# the TF.js runtime) into the build folder's npm/ once, from the npm registry.
#
# Environment: TESSERA_BUILD_DIR (default ./build), TESSERA_JOBS (default: all cores),
# TESSERA_WARNINGS_AS_ERRORS=1 (default when CI=true): any compiler warning fails the build.
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
    # the studio plays songs through Qt Multimedia's GStreamer back-end: WAV, FLAC and MP3 and the
    # PulseAudio sink are in plugins-good, AAC and the rest of what FFmpeg reads in libav
    gstreamer1.0-plugins-good gstreamer1.0-libav
    qt6-declarative-dev qt6-quick3d-dev qt6-shadertools-dev qml6-module-qtquick qml6-module-qtqml-workerscript qml6-module-quick3d qml6-module-quick3d-helpers
    libopenblas0-pthread
    libtorch-dev libgtest-dev nlohmann-json3-dev
    libopencolorio-dev opencolorio-tools libgl1-mesa-dri
    libavformat-dev libavcodec-dev libswresample-dev libswscale-dev libavutil-dev ffmpeg libaubio-dev libfftw3-dev
    libopencv-video-dev libopencv-contrib-dev
    liblo-dev liblo-tools librtmidi-dev jackd2 pulseaudio pulseaudio-utils
    xvfb xauth
    clang libclang-rt-14-dev clang-format
    fonts-noto-color-emoji unicode-data fonts-dejavu-core
    file dpkg-dev
    nodejs
)
# npm comes with nodejs where Node is NodeSource's; Debian's nodejs needs Debian's npm beside it
# (install_deps adds it when no npm is on the PATH: installing it over NodeSource's would conflict).

# What `./run.sh bench` needs on top: photographs for bench_upscale (CC-BY-SA wallpapers, 16 MB).
BENCH_PACKAGES=(lomiri-wallpapers-16.04)

# npm registry packages, pinned, installed under the build folder by install_npm_packages: the
# ESRGAN weights the upscaler runs (TF.js layers format; slim 5 MB, medium 14 MB, thick 115 MB for
# all four scales), and the TF.js runtime that made the reference outputs in
# tests/diffusion/data/esrgan (the 1.0.0 models ask for tfjs ~4.11.0).
NPM_PACKAGES=(@upscalerjs/esrgan-slim@1.0.0 @upscalerjs/esrgan-medium@1.0.0 @upscalerjs/esrgan-thick@1.0.0
    @tensorflow/tfjs@4.11.0)

# What `./run.sh package` needs on top: dpkg-shlibdeps (Depends line), the AppStream and desktop
# entry validators, lintian. Not in PACKAGES, so the other verbs do not pull them in.
PACKAGING_PACKAGES=(dpkg-dev fakeroot appstream desktop-file-utils lintian)

# What `./run.sh module-graph` needs on top: Graphviz's dot draws the SVG (ctest's module_graph
# compares the .dot text and needs none).
MODULE_GRAPH_PACKAGES=(graphviz)

# What `./run.sh slurm-check` needs on top: Slurm's controller, node daemon and client tools, and
# MUNGE, its authentication (the slurm-wlm metapackage would add some twenty plugin packages).
SLURM_PACKAGES=(slurmctld slurmd slurm-client munge)

# What `./run.sh bench-diffusers` needs on top: Debian's torch and the modules diffusers imports.
DIFFUSERS_BENCH_PACKAGES=(python3-torch python3-packaging python3-filelock python3-requests python3-regex
    python3-importlib-metadata python3-yaml python3-numpy python3-tqdm)

log() { printf '\033[1m[tessera]\033[0m %s\n' "$*" >&2; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }

# install_deps [extra packages...]
install_deps() {
    local missing=()
    local wanted=("${PACKAGES[@]}" "$@")
    command -v npm >/dev/null || wanted+=(npm)
    for package in "${wanted[@]}"; do
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

# install_npm_packages DIR: NPM_PACKAGES into DIR/npm (once; again when the list changes). The build
# reads the ESRGAN models from there (TESSERA_ESRGAN_PACKAGES_DIR's default), as do its tests.
install_npm_packages() {
    local prefix="$1/npm"
    if [ "$(cat "$prefix/installed-packages" 2>/dev/null)" = "${NPM_PACKAGES[*]}" ]; then
        return
    fi
    command -v npm >/dev/null || die "no npm to install ${NPM_PACKAGES[*]} with (./run.sh deps installs it)"
    log "installing npm packages into $prefix: ${NPM_PACKAGES[*]}"
    mkdir -p "$prefix"
    # no install scripts: these are weights and a pure-JS runtime, nothing to compile
    npm install --prefix "$prefix" --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error "${NPM_PACKAGES[@]}" >&2 \
        || die "npm install of ${NPM_PACKAGES[*]} into $prefix failed"
    printf '%s\n' "${NPM_PACKAGES[*]}" >"$prefix/installed-packages"
}

# CI builds warning-free code (TESSERA_WARNINGS_AS_ERRORS). The sanitizer tree compiles with
# -Werror; the main tree is held to it by its build output instead (any "warning:" fails the
# build; cached compiles replay theirs), because -Werror there would change every compile command
# and miss the compiler cache that keeps a CI run of the libtorch engine within its time.
WARNINGS_AS_ERRORS=()
FAIL_ON_WARNINGS=0
if [ "${TESSERA_WARNINGS_AS_ERRORS:-$([ "${CI:-}" = true ] && echo 1)}" = 1 ]; then
    WARNINGS_AS_ERRORS=(-DTESSERA_WARNINGS_AS_ERRORS=ON)
    FAIL_ON_WARNINGS=1
fi

# configure DIR [cmake args...]: configures a new tree (Release unless the arguments say
# otherwise); an existing one keeps its settings, except -Werror when asked for.
configure() {
    local dir="$1"
    shift
    if [ "$dir" = "$BUILD_DIR" ]; then
        local WARNINGS_AS_ERRORS=() # checked from the build output (see above)
    fi
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        log "configuring $dir"
        cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" "${WARNINGS_AS_ERRORS[@]}" >/dev/null
    elif [ ${#WARNINGS_AS_ERRORS[@]} -gt 0 ]; then
        cmake -B "$dir" "${WARNINGS_AS_ERRORS[@]}" >/dev/null
    fi
}

# configure_and_build DIR [cmake args...]
configure_and_build() {
    local dir="$1"
    shift
    local start=$SECONDS
    configure "$dir" "$@"
    log "building in $dir with $JOBS jobs"
    if [ "$FAIL_ON_WARNINGS" = 1 ] && [ "$dir" = "$BUILD_DIR" ]; then
        local output="$dir/build-output.log"
        cmake --build "$dir" --parallel "$JOBS" 2>&1 | tee "$output"
        local status=${PIPESTATUS[0]}
        [ "$status" -eq 0 ] || exit "$status"
        if grep -q "warning:" "$output"; then
            grep "warning:" "$output" | head -20 >&2
            die "the build printed compiler warnings (treated as errors here; whole output in $output)"
        fi
    else
        cmake --build "$dir" --parallel "$JOBS"
    fi
    log "build took $((SECONDS - start)) s"
}

# summarise_skipped JUNIT_XML: how many ctest entries did not run, which, and why: the skip
# message the test printed (QtTest's "SKIP   :" line, GoogleTest's line after "Skipped", a
# wrapper's "SKIP:" line), else ctest's own reason.
summarise_skipped() {
    local junit="$1"
    [ -f "$junit" ] || return 0
    local lines
    lines="$(awk '
        function unescape(text) {
            gsub(/&lt;/, "<", text); gsub(/&gt;/, ">", text); gsub(/&quot;/, "\"", text)
            gsub(/&apos;/, "'"'"'", text); gsub(/&amp;/, "\\&", text); return text
        }
        /<testcase / {
            name = ""; skipped = 0; reason = ""; nextIsReason = 0; inOutput = 0
            if (match($0, /name="[^"]*"/)) name = substr($0, RSTART + 6, RLENGTH - 7)
            if ($0 ~ /status="notrun"/) skipped = 1
        }
        skipped && /<skipped message="/ && match($0, /message="[^"]*"/) { ctestReason = substr($0, RSTART + 9, RLENGTH - 10) }
        skipped && /<system-out>/ { inOutput = 1; sub(/.*<system-out>/, "") }
        skipped && inOutput {
            line = $0; sub(/<\/system-out>.*/, "", line)
            if (reason == "" && nextIsReason && line != "") reason = line
            else if (reason == "" && line ~ /^SKIP +: /) { sub(/^SKIP +: +/, "", line); reason = line }
            else if (reason == "" && line ~ /^SKIP: /) { sub(/^SKIP: +/, "", line); reason = line }
            else if (reason == "" && line ~ /: Skipped$/) nextIsReason = 1
            if ($0 ~ /<\/system-out>/) inOutput = 0
        }
        /<\/testcase>/ && skipped {
            if (reason == "") reason = ctestReason
            printf "  %s: %s\n", name, unescape(reason)
            skipped = 0; ctestReason = ""
        }' "$junit")"
    if [ -z "$lines" ]; then
        log "no test was skipped"
        return 0
    fi
    log "$(printf '%s\n' "$lines" | wc -l) test(s) skipped (not run here):"
    printf '%s\n' "$lines" >&2
}

run_tests() {
    local dir="$1"
    shift
    log "running the test suite"
    local junit="$dir/ctest-results.xml" status=0
    rm -f "$junit"
    (cd "$dir" && ctest --output-on-failure --timeout 900 -j "$JOBS" --output-junit "$junit" "$@") || status=$?
    summarise_skipped "$junit"
    return $status
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
    # the guidance that the highs drive; the cells morph into each other (a new segment's default)
    # and the camera's zoom pulses 8% on every onset.
    local count
    count=$("$cli" info --json "$project" | grep -o '"startMs"' | wc -l)
    [ "$count" -gt 0 ] || die "the demo project has no segments"
    for ((n = 1; n <= count; n++)); do
        "$cli" segment "$project" "$n" --grid 3x3 \
            --axis-x "seed:0:0.6:feature=low:attack=30:release=300" \
            --axis-y "guidance:2:6:feature=high:attack=20:release=200" \
            --camera "zoom:0:0.08:feature=onset:attack=0:release=180" >/dev/null
    done
    # auto: bf16 where the CPU has it (the bundled model keeps its quality there: tst_model_quality)
    stage "generation of every grid (${count} segments, 3x3) with the bundled model" \
        "$cli" generate --precision auto "$project"
    # The 32 px cells are enlarged by ESRGAN thick (x8, once per cell, kept in the project)
    # before the frame scales them: crisper edges than smooth scaling alone.
    "$cli" render-settings "$project" --upscale thick >/dev/null
    stage "export of the music-synced video with burned-in lyrics, cells upscaled by ESRGAN" \
        "$cli" export --captions --preset veryfast "$project" "$out/demo.mp4"
    log "demo: done in $((SECONDS - start)) s"
    log "demo: project $project, analysis plot $out/demo-analysis.png, video $out/demo.mp4"
}

# One studio screenshot of the copy of the demo project, under Xvfb: PNG, then tessera's options.
studio_screenshot() {
    local png="$1"
    shift
    xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD_DIR/bin/tessera" --screenshot "$png" "$@" \
        "$BUILD_DIR/screenshots/demo.tessera" 2>&1 | grep -v "^QStandardPaths\|PulseAudio"
}

# The studio's screenshots for the README, under Xvfb with the demo project (made first when
# missing): the main window at three moments of the song, the grid browser and the Export dialog.
# Prints how long opening took.
run_screenshots() {
    local project="$BUILD_DIR/demo/demo.tessera"
    local out="$BUILD_DIR/screenshots"
    [ -f "$project" ] || run_demo
    mkdir -p "$out"
    # A copy: the studio may write to the project (the analysis cache), the demo stays as made.
    cp "$project" "$out/demo.tessera"
    local moment
    for moment in 25.3 33.0 57.5; do
        studio_screenshot "$out/studio-$moment.png" --at "$moment"
    done
    # The grid browser on the first segment (it has suspects, outlined) and the Export dialog.
    studio_screenshot "$out/grid-8.0.png" --at 8.0 --panel gridDock
    studio_screenshot "$out/export-dialog.png" --at 33.0 --export-dialog
    # The translations in place: the main window in German.
    studio_screenshot "$out/studio-de-33.0.png" --at 33.0 --language de
    # The tesseract view mid-playback (the marker and its trail in the fourth grid), by its test's
    # screenshot mode (saveTesseractScreenshot) until the studio has an option for it.
    TESSERA_TESSERACT_PNG="$out/tesseract-25.3.png" TESSERA_TESSERACT_PROJECT="$out/demo.tessera" TESSERA_TESSERACT_AT=25.3 \
        QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD_DIR/tests/tst_tesseract" screenshot 2>&1 \
        | grep "screenshot\|FAIL" || true
    log "screenshots in $out"
}

# lupdate over the studio's sources (modules/ui, modules/studio, modules/project, app/tessera) into every translations/*.ts:
# new strings arrive unfinished, strings gone from the code are dropped (-no-obsolete), and no
# line numbers are kept (-locations none) so that moving code does not touch the .ts files.
# Then, per language, how many entries still need a translator (tst_translations fails on any).
update_translations() {
    local bin
    bin="$(qtpaths6 --query QT_HOST_BINS 2>/dev/null || echo /usr/lib/qt6/bin)"
    local ts_files=("$ROOT"/translations/tessera_*.ts)
    (cd "$ROOT" && "$bin/lupdate" -no-obsolete -locations none modules/ui modules/studio modules/project app/tessera \
        -ts "${ts_files[@]/#$ROOT\//}")
    local ts
    for ts in "${ts_files[@]}"; do
        printf '%s: %s messages, %s unfinished\n' "$(basename "$ts")" \
            "$(grep -c '<source>' "$ts")" "$(grep -c 'type="unfinished"' "$ts")"
    done
}

# update_module_graph: the graph every configure writes from the CMake targets
# (modules/ModuleGraph.cmake, into the build folder's modules.dot) into resources/doc/, with its
# SVG. Configures again first, so the graph is that of the CMake files as they are now.
update_module_graph() {
    local generated="$BUILD_DIR/modules.dot" doc="$ROOT/resources/doc"
    if [ -f "$BUILD_DIR/CMakeCache.txt" ]; then
        cmake -S "$ROOT" -B "$BUILD_DIR" >/dev/null
    else
        configure "$BUILD_DIR"
    fi
    [ -f "$generated" ] || die "configuring wrote no $generated (tessera_write_module_graph, at the end of CMakeLists.txt)"
    if grep -q '^// Configuration: .*=OFF' "$generated"; then
        die "$BUILD_DIR is configured with $(sed -n 's|^// Configuration: ||p' "$generated"): the committed graph is of the default configuration (all ON); set TESSERA_BUILD_DIR to a tree configured so"
    fi
    mkdir -p "$doc"
    cp "$generated" "$doc/modules.dot"
    dot -Tsvg "$doc/modules.dot" -o "$doc/modules.svg"
    log "module graph: $doc/modules.dot and modules.svg ($(grep -c -- ' -> ' "$doc/modules.dot") links)"
}

# The C++ files held to .clang-format: not the fuzzers' corpus and regression inputs, test data or
# third-party code, whatever their names.
FORMAT_PATHSPEC=('*.cpp' '*.h' ':(exclude)tests/fuzz/corpus' ':(exclude)tests/fuzz/regressions'
    ':(exclude,glob)**/data/**' ':(exclude,glob)**/third_party/**' ':(exclude,glob)**/3rdparty/**')

# format_changes BASE: the changed lines of those files, a unified diff without context (-U0) from
# commit BASE to the working tree: lines committed after it, staged, unstaged, and every line of
# the files new and not ignored. Renames are followed (-M), so a file moved unchanged has no lines
# here; deleted files and hunks that only delete (they leave no line to check) are left out.
format_changes() {
    local base="$1" file status
    local options=(-U0 --no-color --no-ext-diff --src-prefix=a/ --dst-prefix=b/)
    cd "$ROOT"
    {
        git -c core.quotePath=false diff "${options[@]}" --no-relative -M --diff-filter=d "$base" \
            -- "${FORMAT_PATHSPEC[@]}" || exit
        git ls-files -z --others --exclude-standard -- "${FORMAT_PATHSPEC[@]}" \
            | while IFS= read -r -d '' file; do
                status=0
                git diff --no-index "${options[@]}" -- /dev/null "$file" || status=$?
                [ $status -le 1 ] || exit $status # 1: they differ
            done
    } | awk '!/^@@ -[0-9]+(,[0-9]+)? \+[0-9]+,0 @@/'
}

# format_lines check|fix [BASE]: clang-format over the lines of the C++ files changed since BASE
# (default: the commit in .clang-format-base; format_changes), by clang-format-diff, which formats
# only those lines (clang-format --lines). The code before that commit was written without
# clang-format and is not reformatted wholesale, and lines left untouched since keep their form,
# but every line added or changed after it must follow .clang-format. check: prints what
# clang-format would change (the first FORMAT_DIFF_LINES lines of that diff) and fails if
# anything; fix: formats those lines in place. Without the base commit in the clone (a shallow
# one) it checks nothing, and says so.
FORMAT_DIFF_LINES="${TESSERA_FORMAT_DIFF_LINES:-80}"
format_lines() {
    local mode="$1" base="${2:-}" clang_format clang_format_diff version
    [ -z "$base" ] || git -C "$ROOT" cat-file -e "$base^{commit}" 2>/dev/null || die "format: '$base' is no commit here"
    clang_format="$(command -v clang-format-14 || command -v clang-format)" \
        || die "no clang-format (./run.sh deps installs it)"
    clang_format_diff="$(command -v clang-format-diff-14 || command -v clang-format-diff)" \
        || die "no clang-format-diff (./run.sh deps installs it, with clang-format)"
    version="$("$clang_format" --version | sed -n 's/.*clang-format version \([0-9.]*\).*/\1/p')"
    [ -n "$base" ] || base="$(sed 's/#.*//' "$ROOT/.clang-format-base" 2>/dev/null | tr -d '[:space:]' || true)"
    if [ -z "$base" ] || ! git -C "$ROOT" cat-file -e "$base^{commit}" 2>/dev/null; then
        log "format: the base commit '$base' is not in this clone (shallow?): no line checked"
        return 0
    fi
    base="$(git -C "$ROOT" rev-parse "$base^{commit}")"
    local changes files lines diff
    changes="$(format_changes "$base")" || die "format: git diff against ${base:0:12} failed"
    files="$(awk '/^\+\+\+ b\// { file = $0 } /^@@ / && !(file in seen) { seen[file] = 1; n++ } END { print n + 0 }' \
        <<<"$changes")"
    lines="$(sed -n 's/^@@ -[0-9,]* +[0-9]*\(,\([0-9]*\)\)\? @@.*/\2/p' <<<"$changes" \
        | awk '{ n += ($0 == "" ? 1 : $0) } END { print n + 0 }')"
    log "format: $lines lines in $files C++ files changed since ${base:0:12} (clang-format $version)"
    [ "$lines" -gt 0 ] || return 0
    # clang-format-diff: -p1 strips git's b/; it prints the diff clang-format would make
    diff="$(cd "$ROOT" && PYTHONUTF8=1 "$clang_format_diff" -p1 -binary "$clang_format" <<<"$changes")" \
        || die "format: clang-format-diff failed"
    local failed=() count
    mapfile -t failed < <(sed -n 's/^+++ \(.*\)\t(after formatting)$/\1/p' <<<"$diff")
    if [ "$mode" = fix ]; then
        [ -z "$diff" ] || (cd "$ROOT" && PYTHONUTF8=1 "$clang_format_diff" -p1 -i -binary "$clang_format" <<<"$changes") \
            || die "format: clang-format-diff -i failed"
        log "format: formatted the changed lines of ${#failed[@]} of $files files${failed[*]:+: ${failed[*]}}"
        return 0
    fi
    if [ -n "$diff" ]; then
        count="$(wc -l <<<"$diff")"
        head -n "$FORMAT_DIFF_LINES" <<<"$diff" >&2
        [ "$count" -le "$FORMAT_DIFF_LINES" ] || printf '... %s more lines of the diff (all of it: TESSERA_FORMAT_DIFF_LINES=%s ./run.sh format-check)\n' \
            "$((count - FORMAT_DIFF_LINES))" "$count" >&2
        die "changed lines in ${#failed[@]} of the $files C++ files changed since ${base:0:12} do not follow .clang-format ($(grep -c '^@@' <<<"$diff") places to change):
  ${failed[*]}
  Fix them (only the changed lines) with: ./run.sh format
  (clang-format $version, Debian 12's; other versions format differently)"
    fi
    log "format: the $lines changed lines follow .clang-format"
}

run_benchmarks() {
    # libtorch's OpenMP threads and OpenBLAS's own would fight for the cores (training ran at 100%
    # system time, several times slower, until OpenBLAS got one thread).
    export OPENBLAS_NUM_THREADS=1
    local found=0
    for bench in "$BUILD_DIR"/benchmarks/bench_*; do
        [ -x "$bench" ] || continue
        found=1
        # perform mode's needs a sound server and a screen of its own
        [ "$(basename "$bench")" = bench_perform ] && continue
        log "benchmark $(basename "$bench")"
        "$bench"
    done
    [ $found -eq 1 ] || die "no benchmarks were built in $BUILD_DIR/benchmarks"
    run_perform_benchmark
}

# start_show_audio: a PulseAudio server of this run's own (as root there is no user session to
# have one) with a null sink 'tessera_show' whose monitor perform mode can listen to (remapped as
# a source of its own: Qt Multimedia lists no monitors); no sound hardware needed.
# stop_show_audio ends it.
SHOW_AUDIO_PID=
start_show_audio() {
    export XDG_RUNTIME_DIR="$BUILD_DIR/pulse-runtime"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    pulseaudio -n --daemonize=no --exit-idle-time=-1 --disallow-exit --disable-shm=yes \
        -L module-native-protocol-unix -L "module-null-sink sink_name=tessera_show" \
        -L "module-remap-source master=tessera_show.monitor source_name=tessera_show_monitor" \
        >"$BUILD_DIR/pulseaudio.log" 2>&1 &
    SHOW_AUDIO_PID=$!
    for _ in $(seq 50); do
        pactl list short sinks 2>/dev/null | grep -q tessera_show && return 0
        sleep 0.2
    done
    die "PulseAudio did not start (see $BUILD_DIR/pulseaudio.log)"
}
stop_show_audio() {
    [ -n "$SHOW_AUDIO_PID" ] && kill "$SHOW_AUDIO_PID" 2>/dev/null && wait "$SHOW_AUDIO_PID" 2>/dev/null
    SHOW_AUDIO_PID=
}

# run_perform_benchmark [SECONDS] [HZ]: bench_perform with the null sink and a 1920x1080 Xvfb.
run_perform_benchmark() {
    local bench="$BUILD_DIR/benchmarks/bench_perform"
    [ -x "$bench" ] || die "bench_perform was not built in $BUILD_DIR/benchmarks"
    start_show_audio
    log "benchmark bench_perform"
    local status=0
    xvfb-run -a -s "-screen 0 1920x1080x24" "$bench" "$@" || status=$?
    stop_show_audio
    [ $status -eq 0 ] || die "bench_perform failed ($status)"
}

# sd15_figures LOG: the SD 1.5 figures in a log of bench_diffusion (TESSERA_BENCH_SD15=only) or of
# diffusers_sd15_step.py, one "key seconds peak-GB" line each: unet-b<batch>-r<run> and vae.
sd15_figures() {
    awk '
        function number_before(text, unit,    at) {
            if (!match(text, "[0-9]+[.]?[0-9]* " unit)) return ""
            at = substr(text, RSTART, RLENGTH); sub(" " unit "$", "", at); return at
        }
        /UNet step,? batch [0-9]+ \(run [0-9]+\)/ {
            match($0, /batch [0-9]+/); batch = substr($0, RSTART + 6, RLENGTH - 6)
            match($0, /run [0-9]+/); run = substr($0, RSTART + 4, RLENGTH - 4)
            rest = $0; sub(/^[^:]*: /, "", rest)
            print "unet-b" batch "-r" run, number_before(rest, "s"), number_before(rest, "GB")
        }
        /VAE decode/ {
            rest = $0; sub(/^[^:]*: /, "", rest)
            print "vae", number_before(rest, "s"), number_before(rest, "GB")
        }
        # Tessera bf16, printed by bench_diffusion after each fp32 figure on the same weights
        /bf16 UNet, batch [0-9]+, call [0-9]+:/ {
            match($0, /batch [0-9]+/); batch = substr($0, RSTART + 6, RLENGTH - 6)
            match($0, /call [0-9]+/); run = substr($0, RSTART + 5, RLENGTH - 5)
            rest = $0; sub(/^[^:]*: /, "", rest)
            print "bf16-unet-b" batch "-r" run, number_before(rest, "s/step")
        }
        /bf16 VAE, .*second calls: bf16 / {
            rest = $0; sub(/^.*second calls: bf16 /, "", rest)
            print "bf16-vae", number_before(rest, "s")
        }' "$1"
}

# run_diffusers_comparison DIFFUSERS_SRC PRECISIONS: one window, alternating, Tessera's bench_diffusion
# (SD 1.5 part) and diffusers_sd15_step.py per precision, then Tessera again; then the table.
run_diffusers_comparison() {
    local diffusers_src="$1"
    shift
    local precisions=("$@")
    local reference="${TESSERA_BENCH_REFERENCE_DIR:-$ROOT/../shared/bench}"
    local configs="$ROOT/tests/diffusion/data/configs/sd15"
    local bench="$BUILD_DIR/benchmarks/bench_diffusion"
    local out="$BUILD_DIR/bench-diffusers"
    mkdir -p "$out"
    # diffusers must import before the window opens, not after Tessera's first run
    /usr/bin/python3 - "$diffusers_src" "$reference/stubs" <<'PYTHON' || die "diffusers does not import from $diffusers_src with $reference/stubs (above: the missing module)"
import sys
sys.path[:0] = sys.argv[1:3]
import torch
from diffusers import UNet2DConditionModel, AutoencoderKL
PYTHON
    # Both sides on the same two threads (diffusers_sd15_step.py sets torch to 2), OpenBLAS on one.
    export OPENBLAS_NUM_THREADS=1
    log "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores; other jobs inflate every figure)"
    local runs=(tessera-1) precision
    for precision in "${precisions[@]}"; do runs+=("diffusers-$precision"); done
    runs+=(tessera-2)
    local name
    for name in "${runs[@]}"; do
        log "$name (log: $out/$name.log)"
        case "$name" in
            tessera-*)
                TESSERA_COMPUTE_THREADS=2 TESSERA_BENCH_SD15=only "$bench" | tee "$out/$name.log" ;;
            diffusers-*)
                /usr/bin/python3 "$reference/diffusers_sd15_step.py" "$diffusers_src" "$reference/stubs" "$configs" \
                    "${name#diffusers-}" 2>&1 | tee "$out/$name.log" \
                    || die "diffusers_sd15_step.py failed: see $out/$name.log" ;;
        esac
    done
    log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    print_diffusers_comparison "$out" "${runs[@]}"
}

# run_image_comparison DIFFUSERS_SRC TRANSFORMERS_SRC: whole images, alternating diffusers bf16 and
# tessera-cli --precision auto on an SD 1.5-size random-weight folder (made once with
# ../shared/bench/sd15_random.py); each run is a fresh process timed from start to PNG.
run_image_comparison() {
    local diffusers_src="$1" transformers_src="$2"
    local reference="${TESSERA_BENCH_REFERENCE_DIR:-$ROOT/../shared/bench}"
    local model="${TESSERA_BENCH_MODEL_DIR:-$BUILD_DIR/bench-sd15-random}"
    local out="$BUILD_DIR/bench-image"
    local cli="$BUILD_DIR/bin/tessera-cli"
    mkdir -p "$out"
    export OPENBLAS_NUM_THREADS=1
    if [ ! -f "$model/model_index.json" ]; then
        log "making the SD 1.5-size random-weight folder $model (once, 2 GB)"
        /usr/bin/python3 "$reference/sd15_random.py" make "$diffusers_src" "$transformers_src" "$reference/stubs" \
            "$ROOT/tests/diffusion/data" "$model" >"$out/make.log" 2>&1 || die "making $model failed: see $out/make.log"
    fi
    # name steps guidance sampler rounds
    local workloads=("turbo 1 0 euler 2" "guided-4 4 7.5 pndm 2")
    [ "${TESSERA_BENCH_QUICK:-}" = 1 ] || workloads+=("guided-30 30 7.5 pndm 1")
    log "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores; other jobs inflate every figure)"
    local work name steps guidance sampler rounds round side
    declare -A seconds memory
    for work in "${workloads[@]}"; do
        read -r name steps guidance sampler rounds <<<"$work"
        for ((round = 1; round <= rounds; round++)); do
            for side in diffusers tessera; do
                log "$name, $side, round $round"
                local timing="$out/$name-$side-$round.time"
                if [ "$side" = diffusers ]; then
                    /usr/bin/time -o "$timing" -f '%e %M' /usr/bin/python3 "$ROOT/tests/benchmarks/diffusers_image.py" \
                        "$diffusers_src" "$transformers_src" "$reference/stubs" "$model" bf16 "$steps" "$guidance" \
                        "$sampler" "$out/$name-$side.png" >"$out/$name-$side-$round.log" 2>&1 \
                        || die "diffusers failed: see $out/$name-$side-$round.log"
                else
                    TESSERA_COMPUTE_THREADS=2 /usr/bin/time -o "$timing" -f '%e %M' "$cli" sample --model "$model" \
                        --prompt "a lighthouse in a storm" --negative "" --steps "$steps" --guidance "$guidance" \
                        --sampler "$sampler" --seed 0 --size 512x512 --precision auto --out "$out/$name-$side.png" \
                        >"$out/$name-$side-$round.log" 2>&1 || die "tessera-cli failed: see $out/$name-$side-$round.log"
                fi
                read -r seconds[$name/$side/$round] memory[$name/$side/$round] <"$timing"
            done
        done
    done
    log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "Whole 512x512 images, process start to PNG, SD 1.5-size random weights, 2 threads each, alternating"
    printf '%-40s %-22s %-22s %-12s %s\n' "work" "diffusers bf16" "Tessera auto" "ratio" "peak memory (diffusers / Tessera)"
    local d t dm tm label
    for work in "${workloads[@]}"; do
        read -r name steps guidance sampler rounds <<<"$work"
        case "$name" in
            turbo) label="1 Euler step, unguided (SD-Turbo's work)" ;;
            guided-4) label="4 PNDM steps, guidance 7.5" ;;
            guided-30) label="30 PNDM steps, guidance 7.5" ;;
        esac
        d="" t="" dm=0 tm=0
        for ((round = 1; round <= rounds; round++)); do
            d+="${d:+ / }${seconds[$name/diffusers/$round]} s"
            t+="${t:+ / }${seconds[$name/tessera/$round]} s"
            dm=$(( memory[$name/diffusers/$round] > dm ? memory[$name/diffusers/$round] : dm ))
            tm=$(( memory[$name/tessera/$round] > tm ? memory[$name/tessera/$round] : tm ))
        done
        local ratio
        ratio=$(for ((round = 1; round <= rounds; round++)); do echo "${seconds[$name/tessera/$round]} ${seconds[$name/diffusers/$round]}"; done \
            | awk '{ t += $1; d += $2 } END { printf "%.2fx", t / d }')
        printf '%-40s %-22s %-22s %-12s %.1f / %.1f GB\n' "$label" "$d" "$t" "$ratio" \
            "$(awk -v k="$dm" 'BEGIN { print k / 1048576 }')" "$(awk -v k="$tm" 'BEGIN { print k / 1048576 }')"
    done
    echo "(ratio: Tessera's summed seconds over diffusers' in the same rounds; below 1 is faster)"
}

# sdxl_figures LOG: the figures in a log of bench_sdxl or of diffusers_sdxl.py, one "key seconds
# peak-GB" line each: unet-r<run>, turbo, lora-apply, lora-switch; "lora-none" where the side says
# it measured nothing.
sdxl_figures() {
    awk '
        function number_before(text, unit,    at) {
            if (!match(text, "[0-9]+[.]?[0-9]* " unit)) return ""
            at = substr(text, RSTART, RLENGTH); sub(" " unit "$", "", at); return at
        }
        { rest = $0; sub(/^[^:]*: /, "", rest) }
        /SDXL UNet step .*\(run [0-9]+\):/ {
            match($0, /run [0-9]+/); print "unet-r" substr($0, RSTART + 4, RLENGTH - 4), number_before(rest, "s"), number_before(rest, "GB")
        }
        /SDXL-Turbo image/ { print "turbo", number_before(rest, "s"), number_before(rest, "GB") }
        /SDXL LoRA apply:/ { print "lora-apply", number_before(rest, "s"), number_before(rest, "GB") }
        /SDXL LoRA switch:/ { print "lora-switch", number_before(rest, "s"), number_before(rest, "GB") }
        /LoRA: not measured/ { print "lora-none" }' "$1"
}

# make_sdxl_turbo_view MODEL VIEW: MODEL's weights and tokenizers (links) with the bundled
# sdxl-turbo family's configs (Euler ancestral, trailing timesteps, sample size 64): SDXL-Turbo's
# settings on the same random weights, for both sides.
make_sdxl_turbo_view() {
    local model="$1" view="$2" family="$ROOT/resources/model-families/sdxl-turbo"
    rm -rf "$view"
    mkdir -p "$view/unet" "$view/vae"
    cp "$family/model_index.json" "$view/"
    cp -r "$family/scheduler" "$view/"
    local network
    for network in unet vae; do
        cp "$family/$network/config.json" "$view/$network/"
        ln -s "$model/$network/diffusion_pytorch_model.safetensors" "$view/$network/"
    done
    for network in text_encoder text_encoder_2 tokenizer tokenizer_2; do
        ln -s "$model/$network" "$view/$network"
    done
}

# print_sdxl_comparison OUT PRECISION: the table of run_sdxl_comparison's logs and /usr/bin/time
# files in OUT.
print_sdxl_comparison() {
    local out="$1" precision="$2"
    declare -A figure memory
    local name key seconds peak
    for name in unet-tessera-1 unet-diffusers unet-tessera-2 turbo-tessera turbo-diffusers lora-tessera lora-diffusers; do
        while read -r key seconds peak; do
            figure[$name/$key]="$seconds"
        done < <(sdxl_figures "$out/$name.log")
        read -r _ memory[$name] <"$out/$name.time"
    done
    local gb='{ printf "%.1f", $1 / 1048576 }' unet_size=1024 turbo_size=512
    [ "${TESSERA_BENCH_SDXL_SMOKE:-}" != 1 ] || unet_size=512 turbo_size=256
    echo
    echo "SDXL, real-size random weights, 2 threads each, Tessera at auto ($precision) and diffusers $precision"
    [ "${TESSERA_BENCH_SDXL_SMOKE:-}" != 1 ] || echo "SMOKE RUN (64x64 latents, one call, 256x256 turbo image): the figures compare with nothing"
    printf '%-44s %-20s %-16s %-8s %s\n' "work" "Tessera" "diffusers" "ratio" "peak memory, whole process (Tessera / diffusers)"
    local t d
    for key in unet-r1 unet-r2; do
        t="${figure[unet-tessera-1/$key]:-}" d="${figure[unet-diffusers/$key]:-}"
        [ -n "$t" ] || continue
        local t2="${figure[unet-tessera-2/$key]:-$t}"
        printf '%-44s %-20s %-16s %-8s %s / %s GB\n' \
            "UNet step ${unet_size}x${unet_size} guided, $([ "$key" = unet-r1 ] && echo "first call" || echo "warm")" \
            "$t s / $t2 s" "${d:-?} s" "$(awk -v a="$t" -v b="$t2" -v d="${d:-0}" 'BEGIN { if (d > 0) printf "%.2fx", (a + b) / 2 / d; else print "-" }')" \
            "$(echo "${memory[unet-tessera-1]}" | awk "$gb")" "$(echo "${memory[unet-diffusers]}" | awk "$gb")"
    done
    t="${figure[turbo-tessera/turbo]:-}" d="${figure[turbo-diffusers/turbo]:-}"
    printf '%-44s %-20s %-16s %-8s %s / %s GB\n' "SDXL-Turbo image ${turbo_size}x${turbo_size}, 1 step" "$t s" "$d s" \
        "$(awk -v t="$t" -v d="$d" 'BEGIN { printf "%.2fx", t / d }')" \
        "$(echo "${memory[turbo-tessera]}" | awk "$gb")" "$(echo "${memory[turbo-diffusers]}" | awk "$gb")"
    local reference_lora="not measured (see $out/lora-diffusers.log)"
    [ -z "${figure[lora-diffusers/lora-none]+set}" ] || reference_lora="no PEFT here"
    for key in lora-apply lora-switch; do
        printf '%-44s %-20s %-16s %-8s %s GB\n' \
            "$([ "$key" = lora-apply ] && echo "LoRA rank 64: add + merge at strength 1" || echo "LoRA rank 64: switch to another")" \
            "${figure[lora-tessera/$key]:-?} s" "$reference_lora" "-" "$(echo "${memory[lora-tessera]}" | awk "$gb")"
    done
    echo "(ratio: Tessera over diffusers, the UNet's two Tessera runs averaged; below 1 is faster. Peak: /usr/bin/time's"
    echo " maximum resident set of each process, loading included. Logs: $out)"
}

# run_sdxl_comparison DIFFUSERS_SRC TRANSFORMERS_SRC: one window, 2 threads each, Tessera's
# bench_sdxl and tests/benchmarks/diffusers_sdxl.py in turn on a real-size random-weight SDXL
# folder (made once), then the table. TESSERA_BENCH_SDXL_SMOKE=1: small sizes, to check that it runs.
run_sdxl_comparison() {
    local diffusers_src="$1" transformers_src="$2"
    local reference="${TESSERA_BENCH_REFERENCE_DIR:-$ROOT/../shared/bench}"
    local model="${TESSERA_BENCH_SDXL_DIR:-$BUILD_DIR/bench-sdxl-random}"
    local out="$BUILD_DIR/bench-sdxl"
    local bench="$BUILD_DIR/benchmarks/bench_sdxl"
    local script="$ROOT/tests/benchmarks/diffusers_sdxl.py"
    [ -d "$reference/stubs" ] || die "no stubs/ in $reference (set TESSERA_BENCH_REFERENCE_DIR)"
    mkdir -p "$out"
    model="$(cd "$(dirname "$model")" && pwd)/$(basename "$model")"
    if [ ! -f "$model/model_index.json" ]; then
        log "making the real-size SDXL random-weight folder $model (once: 7 GB on disk, 11 GB of memory, minutes)"
        /usr/bin/python3 "$script" "$diffusers_src" "$transformers_src" "$reference/stubs" make "$model" \
            >"$out/make.log" 2>&1 || die "making $model failed: see $out/make.log"
    fi
    make_sdxl_turbo_view "$model" "$out/turbo-view"
    export OPENBLAS_NUM_THREADS=1
    log "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores; other jobs inflate every figure)"
    local precision=""
    # name side mode folder
    local runs=("unet-tessera-1 tessera unet $model" "unet-diffusers diffusers unet $model"
        "unet-tessera-2 tessera unet $model" "turbo-tessera tessera turbo $out/turbo-view"
        "turbo-diffusers diffusers turbo $out/turbo-view" "lora-tessera tessera lora $model"
        "lora-diffusers diffusers lora $model")
    local run name side mode folder
    for run in "${runs[@]}"; do
        read -r name side mode folder <<<"$run"
        log "$name (log: $out/$name.log)"
        if [ "$side" = tessera ]; then
            TESSERA_COMPUTE_THREADS=2 TESSERA_BENCH_SDXL="$mode" TESSERA_BENCH_SDXL_DIR="$folder" \
                /usr/bin/time -o "$out/$name.time" -f '%e %M' "$bench" 2>&1 | tee "$out/$name.log"
            [ "${PIPESTATUS[0]}" -eq 0 ] || die "bench_sdxl failed: see $out/$name.log"
            # diffusers computes in what Tessera's auto picked (bf16 with bf16 instructions, else fp32)
            [ -n "$precision" ] || precision=$(grep -q "compute type BFloat16" "$out/$name.log" && echo bf16 || echo fp32)
        else
            /usr/bin/time -o "$out/$name.time" -f '%e %M' /usr/bin/python3 "$script" "$diffusers_src" \
                "$transformers_src" "$reference/stubs" "$mode" "$folder" "$precision" "$out/$name.png" 2>&1 \
                | tee "$out/$name.log"
            [ "${PIPESTATUS[0]}" -eq 0 ] || die "diffusers_sdxl.py failed: see $out/$name.log"
        fi
    done
    log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    print_sdxl_comparison "$out" "$precision"
}

# run_engine_alone [TORCH_CMAKE_DIR]: the diffusion engine built alone (no Qt) against a libtorch,
# its tests, and on a GPU its fp16 figures beside diffusers' (DIFFUSERS_SRC) on the same GPU.
run_engine_alone() {
    local torch_dir="$1"
    local engine_dir="${TESSERA_ENGINE_BUILD_DIR:-$ROOT/build-engine}"
    # Debian's libtorch and the test libraries; a machine with its own CUDA PyTorch and no apt (the
    # GPU machine) must already have cmake, a compiler, GoogleTest, nlohmann-json and zlib
    if command -v apt-get >/dev/null && [ -z "$torch_dir" ]; then install_deps; fi
    # the ESRGAN models its tests run (a machine without npm: copy build/npm here, or set
    # -DTESSERA_ESRGAN_PACKAGES_DIR)
    if command -v npm >/dev/null; then install_npm_packages "$engine_dir"; fi
    local generator=()
    if command -v ninja >/dev/null; then generator=(-G Ninja); fi
    cmake -S "$ROOT/modules/diffusion" -B "$engine_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
        ${torch_dir:+-DCMAKE_PREFIX_PATH="$torch_dir"} || die "configuring the engine alone failed (above: what is missing)"
    cmake --build "$engine_dir" --parallel "$JOBS" || die "building the engine alone failed"
    # both entries: "diffusion-cuda" runs where libtorch has CUDA and is reported Skipped elsewhere
    (cd "$engine_dir" && OPENBLAS_NUM_THREADS=1 ctest --output-on-failure) || die "the engine's tests failed"
    OPENBLAS_NUM_THREADS=1 TESSERA_BENCH_SD15=cuda "$engine_dir/bench_diffusion" | tee "$engine_dir/bench-cuda.log"
    grep -q "CUDA fp16 UNet step" "$engine_dir/bench-cuda.log" || return 0
    [ -n "${DIFFUSERS_SRC:-}" ] || { log "set DIFFUSERS_SRC=DIR (diffusers v0.27.2's src) for diffusers fp16 beside these"; return 0; }
    local reference="${TESSERA_BENCH_REFERENCE_DIR:-$ROOT/../shared/bench}"
    python3 "$ROOT/tests/benchmarks/diffusers_cuda.py" "$DIFFUSERS_SRC" "$reference/stubs" \
        "$ROOT/tests/diffusion/data/configs/sd15" | tee "$engine_dir/diffusers-cuda.log" || die "diffusers_cuda.py failed"
    OPENBLAS_NUM_THREADS=1 TESSERA_BENCH_SD15=cuda "$engine_dir/bench_diffusion" | tee "$engine_dir/bench-cuda-2.log"
    echo
    echo "On the GPU, same run: Tessera (before / after diffusers) and diffusers fp16"
    awk -F': ' 'FNR == 1 { file++ } /CUDA/ { split($2, v, " "); label[$1] = $1; value[file, $1] = v[1]; unit[$1] = v[2] }
        END { for (l in label) printf "%-52s %8s / %-8s %8s %s  ratio %.2fx\n", l, value[1, l], value[3, l], value[2, l], unit[l],
              (value[1, l] + value[3, l]) / 2 / value[2, l] }' \
        "$engine_dir/bench-cuda.log" "$engine_dir/diffusers-cuda.log" "$engine_dir/bench-cuda-2.log"
}

# print_diffusers_comparison DIR RUN...: the table of the runs' logs DIR/RUN.log, in their order
# (tessera-1, diffusers-<precision>..., tessera-2).
print_diffusers_comparison() {
    local out="$1"
    shift
    local runs=("$@") precisions=() name
    for name in "${runs[@]}"; do
        if [[ "$name" == diffusers-* ]]; then precisions+=("${name#diffusers-}"); fi
    done
    declare -A seconds peak
    local key value memory
    for name in "${runs[@]}"; do
        while read -r key value memory; do
            seconds[$name/$key]="$value"
            peak[$name/$key]="$memory"
        done < <(sd15_figures "$out/$name.log")
        for key in unet-b1-r1 unet-b1-r2 unet-b2-r1 unet-b2-r2 vae; do
            [ -n "${seconds[$name/$key]:-}" ] || die "no '$key' figure in $out/$name.log"
        done
    done

    # ratio TESSERA_A TESSERA_B DIFFUSERS: the mean of Tessera's two runs over diffusers', and the
    # range from each run alone (they bracket the diffusers runs, so the spread shows the drift).
    tessera_ratio() { awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN {
        lo = (a < b ? a : b) / d; hi = (a < b ? b : a) / d
        printf "%.2fx (%.2f-%.2f)", (a + b) / 2 / d, lo, hi }'; }
    local header row label
    printf -v header '%-34s %-19s' "work" "Tessera fp32 A / B"
    for precision in "${precisions[@]}"; do
        printf -v header '%s %-15s %-19s' "$header" "diffusers $precision" "Tessera/$precision"
    done
    echo
    echo "SD 1.5 layout, random weights, 64x64 latents (512x512), 2 threads each; one window, in order: ${runs[*]}"
    echo "${header%"${header##*[! ]}"}"
    local items=(unet-b1-r1 unet-b1-r2 unet-b2-r1 unet-b2-r2 vae peak-unet peak-end) precision
    for key in "${items[@]}"; do
        case "$key" in
            unet-b1-r1) label="UNet step, batch 1, first call" ;;
            unet-b1-r2) label="UNet step, batch 1, warm" ;;
            unet-b2-r1) label="UNet step, batch 2, first call" ;;
            unet-b2-r2) label="UNet step, batch 2, warm" ;;
            vae) label="VAE decode 64x64 -> 512x512" ;;
            peak-unet) label="peak memory after the UNet steps" ;;
            peak-end) label="peak memory, whole process" ;;
        esac
        local -A value_of=()
        for name in "${runs[@]}"; do
            case "$key" in
                peak-unet) value_of[$name]="${peak[$name/unet-b2-r2]}" ;;
                peak-end) value_of[$name]="${peak[$name/vae]}" ;;
                *) value_of[$name]="${seconds[$name/$key]}" ;;
            esac
        done
        local unit=s
        [[ "$key" == peak-* ]] && unit=GB
        printf -v row '%-34s %-19s' "$label" "${value_of[tessera-1]} / ${value_of[tessera-2]} $unit"
        for precision in "${precisions[@]}"; do
            printf -v row '%s %-15s %-19s' "$row" "${value_of[diffusers-$precision]} $unit" \
                "$(tessera_ratio "${value_of[tessera-1]}" "${value_of[tessera-2]}" "${value_of[diffusers-$precision]}")"
        done
        echo "${row%"${row##*[! ]}"}"
    done
    # Tessera's own bf16 beside diffusers bf16, when both ran (the warm calls; bf16 peak memory is
    # not separable: the benchmark holds the fp32 and bf16 weights at once).
    if [[ " ${precisions[*]} " == *" bf16 "* ]] && [ -n "${seconds[tessera-1/bf16-unet-b2-r2]:-}" ] \
        && [ -n "${seconds[tessera-2/bf16-unet-b2-r2]:-}" ]; then
        echo
        printf '%-34s %-19s %-15s %s\n' "work, Tessera in bf16" "Tessera bf16 A / B" "diffusers bf16" "Tessera/bf16"
        for key in unet-b1-r2 unet-b2-r2 vae; do
            case "$key" in
                unet-b1-r2) label="UNet step, batch 1, warm" ;;
                unet-b2-r2) label="UNet step, batch 2, warm" ;;
                vae) label="VAE decode 64x64 -> 512x512" ;;
            esac
            local a="${seconds[tessera-1/bf16-$key]:-}" b="${seconds[tessera-2/bf16-$key]:-}"
            [ -n "$a" ] && [ -n "$b" ] || continue
            printf '%-34s %-19s %-15s %s\n' "$label" "$a / $b s" "${seconds[diffusers-bf16/$key]} s" \
                "$(tessera_ratio "$a" "$b" "${seconds[diffusers-bf16/$key]}")"
        done
    fi
    echo "Tessera/diffusers: the mean of Tessera's runs A and B over diffusers' figure (each run alone in brackets);"
    echo "below 1 is Tessera faster or smaller. Peak memory is the process's maximum resident set (diffusers frees"
    echo "its UNet before the VAE, Tessera's benchmark keeps it). Logs: $out"
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

# run_fuzzers DIR SECONDS: each fuzz target for SECONDS from its seeds (new inputs it finds go to
# DIR/fuzz-work/<name>/corpus, crashes to .../artifacts), then a table: executions, crashes.
run_fuzzers() {
    local dir="$1" seconds="$2"
    local corpus="$ROOT/tests/fuzz/corpus" dictionaries="$ROOT/tests/fuzz/dictionaries"
    local summary=() failed=0
    for fuzzer in "$dir"/fuzz/fuzz_*; do
        [ -x "$fuzzer" ] || continue
        local name work log dict=() regressions=() runs crashes
        name="$(basename "$fuzzer")"
        name="${name#fuzz_}"
        work="$dir/fuzz-work/$name"
        log="$work/last-run.log"
        mkdir -p "$work/corpus" "$work/artifacts"
        [ -f "$dictionaries/$name.dict" ] && dict=("-dict=$dictionaries/$name.dict")
        # the inputs that once crashed it, when it has any
        [ -d "$ROOT/tests/fuzz/regressions/$name" ] && regressions=("$ROOT/tests/fuzz/regressions/$name")
        log "fuzzing $name for $seconds s"
        touch "$log.start"
        # -timeout: one input running 10 s is a hang; leaks are findings too
        ASAN_OPTIONS="abort_on_error=1:detect_leaks=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
            "$fuzzer" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 "${dict[@]}" \
            -artifact_prefix="$work/artifacts/" "$work/corpus" "$corpus/$name" "${regressions[@]}" \
            >"$log" 2>&1 || failed=1
        runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
        crashes="$(find "$work/artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \
            -o -name 'timeout-*' -o -name 'oom-*' \) -newer "$log.start" 2>/dev/null | wc -l)"
        # no statistics: the fuzzer did not run (a bad dictionary, a missing corpus): see the log
        [ -n "$runs" ] || runs="failed"
        summary+=("$(printf '%-16s %12s %8s' "$name" "$runs" "$crashes")")
        if [ "$crashes" -gt 0 ]; then
            log "$name: $crashes finding(s) in $work/artifacts (log: $log)"
        fi
    done
    [ ${#summary[@]} -gt 0 ] || die "no fuzz targets were built in $dir/fuzz"
    printf '%-16s %12s %8s\n' target executions crashes
    printf '%s\n' "${summary[@]}"
    return $failed
}

# The sanitizer tree is built without libtorch (TESSERA_WITH_LIBTORCH=OFF): libtorch is not
# instrumented, and under ASan a libtorch-linked test takes many minutes. Generation goes through
# the fake back-end plugin (tests/support/fake-generator), which makes images from the recipe
# alone, so Tessera's own code around the engine (grid jobs, shards, repair, the CLI, the
# catalog, the compositor and exporter) runs under the sanitizers. CI runs the suites below.
# Never sanitized, as they test libtorch itself or its numbers: tst_diffusion (the engine against
# diffusers' reference outputs), tst_train (the training tool), the CLI's
# sampleReproducesDiffusersTxt2imgOnBothTinyModels (skipped with the fake back-end), and the
# benchmarks. TESSERA_SANITIZE_ALL=1 builds and runs every test of that tree (the studio's too).
SANITIZED_TESTS=(core catalog audio lyrics timeline color motion export generation generation_modelsurvey render live cli)
# And the studio's soak (ctest entry soak-gpu, target tst_soak): the real main window with every
# dock open, generating through the fake plugin, playing, seeking and undoing for two minutes
# under Xvfb, tessera-cli curating beside it. Mesa's leaks at exit are not checked (see
# tessera_add_gpu_test); every other ASan and UBSan finding fails it.
SANITIZED_STUDIO_TESTS=(soak-gpu:tst_soak)

run_sanitized() {
    local dir="$1"
    local start=$SECONDS
    # clang, AddressSanitizer + UndefinedBehaviorSanitizer, no libtorch
    CXX=clang++ CC=clang configure "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DTESSERA_SANITIZE=ON -DTESSERA_WITH_LIBTORCH=OFF -DTESSERA_BUILD_BENCHMARKS=OFF
    if [ "${TESSERA_SANITIZE_ALL:-0}" = 1 ]; then
        cmake --build "$dir" --parallel "$JOBS"
        log "sanitizer build took $((SECONDS - start)) s"
        run_tests "$dir"
        return
    fi
    local targets=() names=("${SANITIZED_TESTS[@]}") pattern entry
    for name in "${SANITIZED_TESTS[@]}"; do targets+=("tst_$name"); done
    for entry in "${SANITIZED_STUDIO_TESTS[@]}"; do
        names+=("${entry%%:*}")
        targets+=("${entry#*:}")
    done
    cmake --build "$dir" --parallel "$JOBS" --target "${targets[@]}"
    log "sanitizer build took $((SECONDS - start)) s"
    pattern="^($(IFS='|'; echo "${names[*]}"))\$"
    log "running the sanitized tests: ${names[*]}"
    run_tests "$dir" -R "$pattern"
}

# --- slurm-check: a real one-node Slurm cluster running tessera-cli's farm ----------------------
SLURM_DIR="$BUILD_DIR/slurm"
SLURM_STARTED_MUNGED=0

# stop_slurm: cancels this cluster's jobs and stops the daemons slurm-check started (found by
# their pid files in build/slurm/, also those a killed earlier run left); munged only when this
# run started it.
stop_slurm() {
    if [ -f "$SLURM_DIR/slurm.conf" ] && command -v scancel >/dev/null; then
        SLURM_CONF="$SLURM_DIR/slurm.conf" timeout 10 scancel --me 2>/dev/null || true
        # until slurmd has stopped their processes (only a live slurmctld answers at all)
        for _ in $(seq 30); do
            [ -z "$(SLURM_CONF="$SLURM_DIR/slurm.conf" timeout 10 squeue --me --noheader --states=PENDING,RUNNING,COMPLETING 2>/dev/null)" ] && break
            sleep 1
        done
    fi
    local pidfile pid
    for pidfile in "$SLURM_DIR/slurmd.pid" "$SLURM_DIR/slurmctld.pid"; do
        [ -f "$pidfile" ] || continue
        pid="$(cat "$pidfile")"
        if [ -n "$pid" ] && grep -q slurm "/proc/$pid/comm" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
        fi
        rm -f "$pidfile"
    done
    if [ "$SLURM_STARTED_MUNGED" = 1 ] && [ -f /run/munge/munged.pid ]; then
        kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
        SLURM_STARTED_MUNGED=0
    fi
}

# start_slurm: MUNGE (a key if there is none, munged if none answers), then slurmctld and slurmd
# of a one-node cluster on loopback (build/slurm/slurm.conf); waits for the node to be idle.
start_slurm() {
    local node cpus
    node="$(hostname -s)"
    cpus=$(( $(nproc) < 2 ? $(nproc) : 2 ))
    stop_slurm # daemons a killed earlier run left behind
    rm -rf "$SLURM_DIR/state" "$SLURM_DIR/spool"
    mkdir -p "$SLURM_DIR/state" "$SLURM_DIR/spool" "$SLURM_DIR/log"
    # Root runs everything (SlurmUser=root), no cgroups (containers rarely delegate them), no
    # accounting database: farm status reads squeue, which keeps finished jobs for MinJobAge.
    cat >"$SLURM_DIR/slurm.conf" <<SLURMCONF
ClusterName=tessera-check
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$SLURM_DIR/state
SlurmdSpoolDir=$SLURM_DIR/spool
SlurmctldPidFile=$SLURM_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_DIR/log/slurmctld.log
SlurmdLogFile=$SLURM_DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
MinJobAge=900
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=check Nodes=$node Default=YES MaxTime=INFINITE State=UP
SLURMCONF
    export SLURM_CONF="$SLURM_DIR/slurm.conf"
    if [ ! -s /etc/munge/munge.key ]; then
        log "creating a MUNGE key"
        mkdir -p /etc/munge
        mungekey --create --keyfile=/etc/munge/munge.key
        chown munge:munge /etc/munge/munge.key
        chmod 0400 /etc/munge/munge.key
    fi
    if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
        mkdir -p /run/munge
        chown munge:munge /run/munge
        runuser -u munge -- /usr/sbin/munged
        SLURM_STARTED_MUNGED=1
        for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.2; done
        munge -n | unmunge >/dev/null || die "munged does not answer"
    fi
    /usr/sbin/slurmctld -f "$SLURM_CONF" || die "slurmctld did not start: see $SLURM_DIR/log/slurmctld.log"
    /usr/sbin/slurmd -f "$SLURM_CONF" -N "$node" || die "slurmd did not start: see $SLURM_DIR/log/slurmd.log"
    local state=""
    for _ in $(seq 120); do
        state="$(sinfo --noheader --nodes="$node" --format=%T 2>/dev/null || true)"
        [ "$state" = idle ] && break
        sleep 0.5
    done
    [ "$state" = idle ] || die "the Slurm node is '$state', not idle, after 60 s: see $SLURM_DIR/log/"
    log "Slurm: one node ($node, $cpus CPUs) idle; $(sinfo --version)"
}

# slurm_job_state ID: the job's or array task's state as squeue has it (empty when it has none).
slurm_job_state() {
    squeue --me --noheader --array --states=all --format='%i %T' | awk -v id="$1" '$1 == id { print $2 }'
}

# wait_for_job ID SECONDS: waits until the job has left the live states; prints its last state
# (TIMEOUT when SECONDS passed first).
wait_for_job() {
    local id="$1" limit="$2" start=$SECONDS state
    while :; do
        state="$(slurm_job_state "$id")"
        case "$state" in
            PENDING | CONFIGURING | RUNNING | COMPLETING | SUSPENDED | REQUEUED) ;;
            *) echo "$state"; return 0 ;;
        esac
        [ $((SECONDS - start)) -lt "$limit" ] || { echo TIMEOUT; return 0; }
        sleep 1
    done
}

# farm_field PROJECT NAME: a top-level number of `farm status --json` (done, total, merged).
farm_field() {
    "$BUILD_DIR/bin/tessera-cli" farm status --json "$1" | sed -n "s/^    \"$2\": \([0-9]*\),\{0,1\}\$/\1/p"
}

# farm_job_id OUTPUT WHICH: the array or merge job id in what farm submit/resubmit printed.
farm_job_id() {
    case "$2" in
        array) printf '%s\n' "$1" | sed -n 's/.* array job \([0-9]*\) .*/\1/p' ;;
        merge) printf '%s\n' "$1" | sed -n 's/.* merge job \([0-9]*\) after it.*/\1/p' ;;
    esac
}

# check_complete PROJECT CELLS: all CELLS cells of the project are done, merged from the farm.
check_complete() {
    local project="$1" cells="$2" info
    info="$("$BUILD_DIR/bin/tessera-cli" info "$project" | sed -n 's/^Cells: *//p')"
    [ "$info" = "$cells ($cells done), $cells versions" ] || die "$project: cells '$info', expected all $cells done"
    [ "$(farm_field "$project" merged)" = "$cells" ] || die "$project: farm status does not count $cells cells merged"
}

# farm_run NAME TASKS: farms a fresh copy of the check project in TASKS tasks and waits (10 min at
# most) for its merge job; prints the wall seconds from submission to the merge's end.
farm_run() {
    local name="$1" tasks="$2" project="$SLURM_DIR/work/$1.tessera"
    local output merge state start end
    cp "$SLURM_DIR/work/template.tessera" "$project"
    start=$(date +%s.%N)
    output="$("$BUILD_DIR/bin/tessera-cli" farm submit --slurm "$project" --tasks "$tasks")"
    printf '%s\n' "$output" >&2
    merge="$(farm_job_id "$output" merge)"
    [ -n "$merge" ] || die "farm submit printed no merge job"
    state="$(wait_for_job "$merge" 600)"
    end=$(date +%s.%N)
    [ "$state" = COMPLETED ] || die "$name: the merge job ended $state: see $project.farm/*/"
    check_complete "$project" "$SLURM_CELLS"
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", b - a }'
}

# run_slurm_check: the farm on a real one-node Slurm cluster (see the verb's line at the top).
run_slurm_check() {
    [ "$(id -u)" -eq 0 ] || die "slurm-check starts munged, slurmctld and slurmd by hand: run it as root (CI, a container)"
    local cli="$BUILD_DIR/bin/tessera-cli" work="$SLURM_DIR/work"
    trap stop_slurm EXIT
    start_slurm
    rm -rf "$work"
    mkdir -p "$work"
    # The check project: the demo song, three lyric segments with 4x4, 4x4 and 3x4 grids: 44 cells
    # for the bundled model.
    printf '[00:01.00]neon rivers\n[00:04.00]glass birds\n[00:07.00]\n' >"$work/check.lrc"
    "$cli" new --audio "$BUILD_DIR/share/tessera/demo/demo-song.wav" --lyrics "$work/check.lrc" "$work/template.tessera" >/dev/null
    "$cli" segment "$work/template.tessera" 1 --grid 4x4 >/dev/null
    "$cli" segment "$work/template.tessera" 2 --grid 4x4 >/dev/null
    "$cli" segment "$work/template.tessera" 3 --grid 3x4 >/dev/null
    SLURM_CELLS=44

    log "slurm-check: the scripts of a 2-task farm (--dry-run)"
    "$cli" farm submit --slurm "$work/template.tessera" --tasks 2 --dry-run >&2
    local two one
    log "slurm-check: a 2-task array"
    two="$(farm_run two-tasks 2)"
    log "slurm-check: a 1-task array"
    one="$(farm_run one-task 1)"
    log "slurm-check: $SLURM_CELLS cells from submission to merged: 2 tasks $two s, 1 task $one s (a CPU each, $(nproc) cores)"

    log "slurm-check: a 2-task array whose task 2 is cancelled mid-run, then resubmitted"
    local project="$work/resumed.tessera" output array merge state done_cells="" start=$SECONDS
    cp "$work/template.tessera" "$project"
    output="$("$cli" farm submit --slurm "$project" --tasks 2)"
    printf '%s\n' "$output" >&2
    array="$(farm_job_id "$output" array)"
    merge="$(farm_job_id "$output" merge)"
    # "task 2 (7_2): RUNNING, 3/22 cells": cancel it once its shard holds two cells
    while :; do
        done_cells="$("$cli" farm status "$project" | sed -n 's|^task 2 ([^)]*): [A-Z]*, \([0-9]*\)/.*|\1|p')"
        [ "${done_cells:-0}" -ge 2 ] && break
        [ $((SECONDS - start)) -lt 300 ] || die "task 2 made no two cells in 300 s"
        sleep 0.3
    done
    scancel "${array}_2"
    log "slurm-check: cancelled task ${array}_2 with $done_cells cells in its shard"
    state="$(wait_for_job "${array}_2" 120)"
    [ "$state" = CANCELLED ] || die "task ${array}_2 ended $state, not CANCELLED"
    state="$(wait_for_job "${array}_1" 600)"
    [ "$state" = COMPLETED ] || die "task ${array}_1 ended $state"
    state="$(wait_for_job "$merge" 60)"
    [ "$state" != COMPLETED ] || die "the merge job ran although task 2 was cancelled"
    "$cli" farm status "$project" | tee "$work/status-after-cancel.txt" >&2
    grep -q "^did not finish: task 2, " "$work/status-after-cancel.txt" || die "farm status does not report task 2 unfinished"
    output="$("$cli" farm resubmit "$project")"
    printf '%s\n' "$output" >&2
    merge="$(farm_job_id "$output" merge)"
    [ -n "$merge" ] || die "farm resubmit printed no merge job"
    state="$(wait_for_job "$merge" 600)"
    [ "$state" = COMPLETED ] || die "the resubmitted farm's merge job ended $state"
    grep -h "resuming shard 2/2" "$project.farm"/*/task-2.log >&2 || die "the re-run task 2 did not resume its shard"
    check_complete "$project" "$SLURM_CELLS"
    "$cli" farm status "$project" >&2
    log "slurm-check: passed (2 tasks $two s, 1 task $one s; task 2 cancelled at $done_cells cells, resumed, merged)"
}

verb="${1:-}"
shift || true
case "$verb" in
    deps)
        install_deps ;;
    translations)
        install_deps
        update_translations ;;
    module-graph)
        install_deps "${MODULE_GRAPH_PACKAGES[@]}"
        update_module_graph ;;
    format-check)
        command -v clang-format-diff-14 >/dev/null || command -v clang-format-diff >/dev/null || install_deps
        format_lines check "${1:-}" ;;
    format)
        command -v clang-format-diff-14 >/dev/null || command -v clang-format-diff >/dev/null || install_deps
        format_lines fix "${1:-}" ;;
    demo)
        install_deps
        install_npm_packages "$BUILD_DIR"
        configure_and_build "$BUILD_DIR"
        run_demo ;;
    test)
        install_deps
        install_npm_packages "$BUILD_DIR"
        configure_and_build "$BUILD_DIR"
        run_tests "$BUILD_DIR" ;;
    studio)
        install_deps
        install_npm_packages "$BUILD_DIR"
        configure_and_build "$BUILD_DIR"
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
            die "no display: run it on a desktop, or under Xvfb with: xvfb-run -a ./run.sh studio"
        fi
        exec "$BUILD_DIR/bin/tessera" "$@" ;;
    screenshots)
        install_deps
        install_npm_packages "$BUILD_DIR"
        configure_and_build "$BUILD_DIR"
        run_screenshots ;;
    bench)
        install_deps "${BENCH_PACKAGES[@]}"
        install_npm_packages "$BUILD_DIR"
        configure_and_build "$BUILD_DIR"
        run_benchmarks ;;
    bench-diffusers)
        diffusers_src="${1:-}"
        precision="${2:-fp32}"
        [ -n "$diffusers_src" ] || die "bench-diffusers needs diffusers v0.27.2's source: ./run.sh bench-diffusers DIR [fp32|bf16|both]
  with DIR made by: git clone https://github.com/huggingface/diffusers && mkdir -p DIR && git -C diffusers archive v0.27.2 src | tar -x -C DIR"
        # the folder that holds diffusers/ (the archive's src/), or the archive's root above it
        [ -f "$diffusers_src/diffusers/__init__.py" ] || diffusers_src="$diffusers_src/src"
        [ -f "$diffusers_src/diffusers/__init__.py" ] || die "no diffusers source in '${1}' (expected ${1}/src/diffusers/__init__.py):
  git clone https://github.com/huggingface/diffusers && mkdir -p '${1}' && git -C diffusers archive v0.27.2 src | tar -x -C '${1}'"
        grep -q '^__version__ = "0.27.2"' "$diffusers_src/diffusers/__init__.py" \
            || die "$diffusers_src/diffusers is not diffusers 0.27.2 (the version the comparison is written for)"
        reference="${TESSERA_BENCH_REFERENCE_DIR:-$ROOT/../shared/bench}"
        [ -f "$reference/diffusers_sd15_step.py" ] && [ -d "$reference/stubs" ] \
            || die "no diffusers_sd15_step.py and stubs/ in $reference (set TESSERA_BENCH_REFERENCE_DIR)"
        case "$precision" in
            fp32 | bf16) precisions=("$precision") ;;
            both) precisions=(fp32 bf16) ;;
            *) die "bench-diffusers: precision is fp32, bf16 or both, not '$precision'" ;;
        esac
        install_deps "${DIFFUSERS_BENCH_PACKAGES[@]}"
        if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
            cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
        fi
        cmake --build "$BUILD_DIR" --parallel "$JOBS" --target bench_diffusion
        run_diffusers_comparison "$diffusers_src" "${precisions[@]}" ;;
    bench-image)
        diffusers_src="${1:-}"
        transformers_src="${2:-}"
        [ -f "$diffusers_src/diffusers/__init__.py" ] || diffusers_src="$diffusers_src/src"
        [ -f "$transformers_src/transformers/__init__.py" ] || transformers_src="$transformers_src/src"
        [ -f "$diffusers_src/diffusers/__init__.py" ] && [ -f "$transformers_src/transformers/__init__.py" ] \
            || die "bench-image needs diffusers v0.27.2's and transformers' extracted src/ folders:
  ./run.sh bench-image DIFFUSERS_DIR TRANSFORMERS_DIR (see ../shared/bench/README.md for the commits)"
        install_deps "${DIFFUSERS_BENCH_PACKAGES[@]}"
        configure_and_build "$BUILD_DIR"
        run_image_comparison "$diffusers_src" "$transformers_src" ;;
    bench-perform)
        install_deps
        configure_and_build "$BUILD_DIR"
        run_perform_benchmark "$@" ;;
    bench-sdxl)
        diffusers_src="${1:-}"
        transformers_src="${2:-}"
        [ -f "$diffusers_src/diffusers/__init__.py" ] || diffusers_src="$diffusers_src/src"
        [ -f "$transformers_src/transformers/__init__.py" ] || transformers_src="$transformers_src/src"
        [ -f "$diffusers_src/diffusers/__init__.py" ] && [ -f "$transformers_src/transformers/__init__.py" ] \
            || die "bench-sdxl needs diffusers v0.27.2's and transformers' extracted src/ folders:
  ./run.sh bench-sdxl DIFFUSERS_DIR TRANSFORMERS_DIR (see ../shared/bench/README.md for the commits)"
        grep -q '^__version__ = "0.27.2"' "$diffusers_src/diffusers/__init__.py" \
            || die "$diffusers_src/diffusers is not diffusers 0.27.2 (the version the comparison is written for)"
        install_deps "${DIFFUSERS_BENCH_PACKAGES[@]}"
        if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
            cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
        fi
        cmake --build "$BUILD_DIR" --parallel "$JOBS" --target bench_sdxl
        run_sdxl_comparison "$diffusers_src" "$transformers_src" ;;
    engine)
        run_engine_alone "${1:-}" ;;
    sanitize)
        install_deps
        run_sanitized "${BUILD_DIR}-asan" ;;
    slurm-check)
        install_deps "${SLURM_PACKAGES[@]}"
        configure "$BUILD_DIR"
        cmake --build "$BUILD_DIR" --parallel "$JOBS" --target tessera-cli tessera-demo-data
        run_slurm_check ;;
    package)
        install_deps "${PACKAGING_PACKAGES[@]}"
        install_npm_packages "$BUILD_DIR"
        configure_and_build "$BUILD_DIR"
        make_package "$BUILD_DIR" ;;
    fuzz)
        install_deps
        seconds="${1:-60}"
        [[ "$seconds" =~ ^[0-9]+$ ]] || die "fuzz takes a number of seconds, not '$seconds'"
        # -Werror covers the main and the sanitizer trees; the fuzz tree's clang flags are their own
        WARNINGS_AS_ERRORS=()
        CXX=clang++ CC=clang configure_and_build "${TESSERA_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}" \
            -DTESSERA_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo
        run_fuzzers "${TESSERA_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}" "$seconds" ;;
    *)
        awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
        [ -z "$verb" ] || die "unknown verb '$verb'"
        exit 2 ;;
esac
