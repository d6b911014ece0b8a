#!/usr/bin/env bash
# test_installed_package.sh CPACK BUILD_DIR WORK_DIR studio|no-studio
# Builds the .deb from BUILD_DIR, checks its control fields and file list, unpacks it into
# WORK_DIR/root with dpkg-deb -x and runs the installed tessera-cli there with a bare environment
# (env -i: no LD_LIBRARY_PATH, no TESSERA_PLUGIN_PATH, system data dirs pointed at an empty
# folder): --version, then the demo's first stage on the demo data inside the package, one
# generated cell (the plugin and the bundled model) and one rendered cell (the OCIO config).
# Where lintian, appstreamcli, desktop-file-validate and update-mime-database are installed, the
# package and its desktop files pass them too.
set -euo pipefail

cpack="$1"
build="$2"
work="$3"
studio="$4"

fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
step() { printf '== %s\n' "$*"; }

rm -rf "$work"
mkdir -p "$work/home" "$work/no-system-data" "$work/out"

step "cpack"
start=$SECONDS
if ! "$cpack" --config "$build/CPackConfig.cmake" -B "$work/cpack" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack failed"
fi
debs=("$work"/cpack/tessera_*.deb)
[ -f "${debs[0]}" ] || fail "cpack made no tessera_*.deb"
deb="${debs[0]}"
echo "$(basename "$deb") ($(du -h "$deb" | cut -f1)) in $((SECONDS - start)) s"

step "control fields"
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for needed in libqt6core6 libqt6widgets6 libqt6multimedia6 libtorch libopencolorio libavcodec libsqlite3 fonts-dejavu-core; do
    [[ "$depends" == *"$needed"* ]] || fail "Depends lacks $needed"
done

step "file list"
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents.txt"
expected=(
    /usr/bin/tessera-cli
    /usr/bin/tessera-train
    /usr/share/tessera/models/tessera-emoji-32/model_index.json
    /usr/share/tessera/ocio/config.ocio
    /usr/share/tessera/demo/demo-song.wav
    /usr/share/tessera/demo/demo.lrc
    /usr/share/applications/io.github.tessera.Tessera.desktop
    /usr/share/metainfo/io.github.tessera.Tessera.metainfo.xml
    /usr/share/mime/packages/io.github.tessera.Tessera.xml
    /usr/share/icons/hicolor/scalable/apps/io.github.tessera.Tessera.svg
    /usr/share/icons/hicolor/16x16/apps/io.github.tessera.Tessera.png
    /usr/share/icons/hicolor/512x512/apps/io.github.tessera.Tessera.png
    /usr/share/doc/tessera/copyright
    /usr/share/doc/tessera/changelog.Debian.gz
)
[ "$studio" = studio ] && expected+=(/usr/bin/tessera)
for path in "${expected[@]}"; do
    grep -qx "$path" "$work/contents.txt" || fail "the package lacks $path"
done
grep -q '^/usr/lib/tessera/plugins/.*\.so$' "$work/contents.txt" || fail "the package has no generator plugin"
if grep -q '^/usr/local\|^/home\|/build/' "$work/contents.txt"; then
    fail "the package holds build or /usr/local paths"
fi

if command -v lintian >/dev/null; then
    step "lintian (errors fail the test, warnings are listed)"
    lintian --allow-root --fail-on error "$deb" || fail "lintian found errors"
fi

step "metadata"
root="$work/root"
dpkg-deb -x "$deb" "$root"
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.tessera.Tessera.metainfo.xml"
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/usr/share/applications/io.github.tessera.Tessera.desktop"
fi
grep -q '^MimeType=application/x-tessera-project;' "$root/usr/share/applications/io.github.tessera.Tessera.desktop" \
    || fail "the desktop entry does not open .tessera projects"
if command -v update-mime-database >/dev/null; then
    # What the package's trigger does on install, into a copy: *.tessera must map to the type.
    mkdir -p "$work/mime"
    cp -r "$root/usr/share/mime/packages" "$work/mime/"
    update-mime-database "$work/mime" 2>/dev/null
    grep -qx 'application/x-tessera-project:\*.tessera' "$work/mime/globs" \
        || fail "update-mime-database did not map *.tessera to application/x-tessera-project"
fi

# The installed tools with nothing but what the package holds: no inherited environment, and the
# system data dirs (where an installed Tessera would also be found) pointed at an empty folder.
installed_cli() {
    env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 OPENBLAS_NUM_THREADS=1 \
        XDG_DATA_HOME="$work/home/.local/share" XDG_DATA_DIRS="$work/no-system-data" \
        XDG_RUNTIME_DIR="$work/runtime" \
        "$root/usr/bin/tessera-cli" "$@"
}
mkdir -p -m 700 "$work/runtime"

step "tessera-cli --version"
version=$(installed_cli --version)
echo "$version"
[[ "$version" == "tessera-cli "* ]] || fail "unexpected --version output: $version"

if [ "$studio" = studio ]; then
    step "tessera --version (the studio's libraries resolve)"
    env -i HOME="$work/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work/runtime" \
        "$root/usr/bin/tessera" --version
fi

step "the demo's first stage: a project from the demo song and lyrics in the package"
demo="$root/usr/share/tessera/demo"
project="$work/out/demo.tessera"
installed_cli new --name "Packaging test" --audio "$demo/demo-song.wav" --lyrics "$demo/demo.lrc" "$project"
installed_cli check "$project"
segments=$(installed_cli info --json "$project" | grep -o '"startMs"' | wc -l)
[ "$segments" -gt 0 ] || fail "the demo project has no segments"
echo "$segments segments"

step "without the installed plugin folder generation fails, so the one found next is the package's"
installed_cli segment "$project" 1 --grid 1x1 >/dev/null
mv "$root/usr/lib/tessera/plugins" "$root/usr/lib/tessera/plugins.away"
if installed_cli generate --segment 1 "$project" >"$work/no-plugin.log" 2>&1; then
    cat "$work/no-plugin.log"
    fail "generation succeeded without the packaged plugin: a plugin folder outside the package was found"
fi
grep -q "no generator back-end plugin" "$work/no-plugin.log" || { cat "$work/no-plugin.log"; fail "unexpected error without the plugin"; }
mv "$root/usr/lib/tessera/plugins.away" "$root/usr/lib/tessera/plugins"

step "one cell generated by the installed plugin with the installed model"
installed_cli generate --segment 1 "$project" 2>&1 | tee "$work/generate.log"
grep -q "loading $root/usr/share/tessera/models/tessera-emoji-32" "$work/generate.log" \
    || fail "generation did not load the model installed by the package"

step "the cell rendered through the installed OCIO config"
render_json=$(installed_cli render-cell --segment 1 --cell 0,0 --json "$project" "$work/out/cell.png")
echo "$render_json"
[ -s "$work/out/cell.png" ] || fail "render-cell wrote no PNG"
[[ "$render_json" == *"$root/usr/share/tessera/ocio/config.ocio"* ]] || fail "render-cell did not use the installed OCIO config"

if [ "$studio" = studio ]; then
    # What a double-click on the project does (the desktop entry's Exec=tessera %f), with
    # --screenshot so the studio saves its window once the project has painted, then quits.
    step "the installed studio opens the project"
    env -i HOME="$work/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work/runtime" \
        XDG_DATA_DIRS="$work/no-system-data" OPENBLAS_NUM_THREADS=1 \
        "$root/usr/bin/tessera" --screenshot "$work/out/studio.png" --window-size 1200x800 "$project" 2>&1 \
        | grep -v "propagateSizeHints\|PulseAudio" | tee "$work/studio.log"
    [ -s "$work/out/studio.png" ] || fail "the studio saved no screenshot"
    grep -q "^opened $project" "$work/studio.log" || fail "the studio did not open the project"
fi

echo "PASS: the package installs and its tools run from $root"
