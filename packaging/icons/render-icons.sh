#!/bin/sh
# Renders the PNG sizes of the application icon from its SVG (the only hand-made source) into
# hicolor/<size>x<size>/apps/, where packaging/CMakeLists.txt installs them from. The PNGs are
# committed, so building the package needs no SVG renderer; run this after editing the SVG.
# Needs rsvg-convert (Debian package librsvg2-bin).
set -eu
cd "$(dirname "$0")"
icon=io.github.tessera.Tessera
for size in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert --width "$size" --height "$size" --output "hicolor/${size}x${size}/apps/$icon.png" "$icon.svg"
done
