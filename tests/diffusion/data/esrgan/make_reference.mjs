// Makes the ESRGAN reference outputs with the TF.js runtime itself (@tensorflow/tfjs, its pure-JS
// CPU backend): each case's input (float32 RGB, 0..255, row-major HWC) and what UpscalerJS would
// return for it, without its patching: its scaleIncomingPixels (times 1/255 where the model's
// inputRange is [0, 1]), model.predict, its scaleOutput (clipByValue(0, top of outputRange), times
// 255 where that is 1). esrgan-slim and esrgan-medium (RDN) have both ranges [0, 255]; esrgan-thick
// (RRDN) [0, 1], and its custom layers (MultiplyBeta, PixelShuffle<N>x) are registered by the
// package's own model definition's setup(tf), as UpscalerJS does.
//
//   node make_reference.mjs NPM_PREFIX PHOTO.jpg OUT_DIR
//
// NPM_PREFIX: where run.sh installed @upscalerjs/esrgan-* and @tensorflow/tfjs (build/npm).
// PHOTO.jpg: the photograph a crop is taken from (ffmpeg decodes it). See README.md.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [prefix, photo, outDir] = process.argv.slice(2);
if (!prefix || !photo || !outDir) {
    console.error('usage: node make_reference.mjs NPM_PREFIX PHOTO.jpg OUT_DIR');
    process.exit(2);
}
const require = createRequire(path.join(path.resolve(prefix), 'package.json'));
const tf = require('@tensorflow/tfjs');
const packagesDir = path.join(path.resolve(prefix), 'node_modules', '@upscalerjs');
const versionOf = (pkg) => JSON.parse(readFileSync(path.join(packagesDir, pkg, 'package.json'), 'utf8')).version;
await tf.setBackend('cpu');

// The package's UpscalerJS model definition for a scale (inputRange, outputRange, setup).
function definitionOf(pkg, scale) {
    return require(`@upscalerjs/${pkg}/${scale}x`);
}

async function loadModel(pkg, scale) {
    const definition = definitionOf(pkg, scale);
    if (definition.setup) definition.setup(tf);
    const dir = path.join(packagesDir, pkg, 'models', `x${scale}`);
    const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
    const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
    const buffers = json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(path.join(dir, p))));
    const bytes = Buffer.concat(buffers);
    const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
}

// A smooth gradient with a hard-edged square and a one-pixel line: flat areas, edges and a thin
// feature, all in one small deterministic image.
function synthetic(height, width) {
    const data = new Float32Array(height * width * 3);
    for (let y = 0; y < height; ++y) {
        for (let x = 0; x < width; ++x) {
            const inSquare = x >= width / 4 && x < (3 * width) / 4 && y >= height / 3 && y < (2 * height) / 3;
            const onLine = x === y;
            const i = (y * width + x) * 3;
            data[i] = Math.round((255 * x) / (width - 1));
            data[i + 1] = inSquare ? 230 : Math.round((255 * y) / (height - 1));
            data[i + 2] = onLine ? 255 : 40;
        }
    }
    return data;
}

// A crop of the photograph, decoded and cropped by ffmpeg to 8-bit RGB.
function photoCrop(height, width, left, top) {
    const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', photo, '-vf', `crop=${width}:${height}:${left}:${top}`,
        '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 20 });
    if (raw.length !== height * width * 3) throw new Error(`ffmpeg gave ${raw.length} bytes for the crop`);
    return Float32Array.from(raw);
}

const synthetic12 = { name: 'synthetic-12x12', height: 12, width: 12, pixels: () => synthetic(12, 12) };
const photo16 = { name: 'photo-16x10', height: 10, width: 16, pixels: () => photoCrop(10, 16, 1400, 1000) };
const photo10 = { name: 'photo-10x8', height: 8, width: 10, pixels: () => photoCrop(8, 10, 2000, 1200) };
const synthetic8 = { name: 'synthetic-8x6', height: 6, width: 8, pixels: () => synthetic(6, 8) };
const cases = [
    { pkg: 'esrgan-medium', scale: 2, ...synthetic12 },
    { pkg: 'esrgan-medium', scale: 4, ...synthetic12 },
    { pkg: 'esrgan-medium', scale: 2, ...photo16 },
    { pkg: 'esrgan-medium', scale: 4, ...photo16 },
    { pkg: 'esrgan-medium', scale: 3, ...photo10 },
    { pkg: 'esrgan-medium', scale: 8, ...synthetic8 },
    // the other networks: their outputs are named after the package (esrgan-medium's are not, older)
    { pkg: 'esrgan-thick', scale: 2, ...photo16 },
    { pkg: 'esrgan-thick', scale: 3, ...photo10 },
    { pkg: 'esrgan-thick', scale: 4, ...synthetic12 },
    { pkg: 'esrgan-thick', scale: 4, ...photo16 },
    { pkg: 'esrgan-thick', scale: 8, ...synthetic8 },
    { pkg: 'esrgan-slim', scale: 4, ...photo16 },
];

mkdirSync(outDir, { recursive: true });
const manifest = [];
const models = new Map();
const packages = new Set();
for (const c of cases) {
    const key = `${c.pkg}/x${c.scale}`;
    if (!models.has(key)) models.set(key, await loadModel(c.pkg, c.scale));
    packages.add(c.pkg);
    const { inputRange, outputRange } = definitionOf(c.pkg, c.scale);
    const input = c.pixels();
    const output = tf.tidy(() => {
        let x = tf.tensor4d(input, [1, c.height, c.width, 3]);
        if (inputRange[1] === 1) x = tf.mul(x, 1 / 255); // UpscalerJS's scaleIncomingPixels
        const top = outputRange[1];
        return models.get(key).predict(x).clipByValue(0, top).mul(top === 1 ? 255 : 1).dataSync(); // scaleOutput
    });
    const stem = `${c.pkg === 'esrgan-medium' ? '' : `${c.pkg.replace('esrgan-', '')}-`}${c.name}-x${c.scale}`;
    writeFileSync(path.join(outDir, `${c.name}.input.f32`), Buffer.from(input.buffer));
    writeFileSync(path.join(outDir, `${stem}.output.f32`), Buffer.from(Float32Array.from(output).buffer));
    manifest.push({ package: c.pkg, model: `x${c.scale}`, scale: c.scale, height: c.height, width: c.width,
        range: inputRange[1], input: `${c.name}.input.f32`, output: `${stem}.output.f32` });
    console.log(`${stem}: ${c.width}x${c.height} -> ${c.width * c.scale}x${c.height * c.scale}`);
}
writeFileSync(path.join(outDir, 'cases.json'), JSON.stringify({
    generator: `@tensorflow/tfjs ${tf.version.tfjs} (backend ${tf.getBackend()}), `
        + [...packages].map((pkg) => `@upscalerjs/${pkg} ${versionOf(pkg)}`).join(', '),
    layout: 'float32 little-endian, row-major height x width x RGB, 0..255',
    cases: manifest,
}, null, 2) + '\n');
