// Makes the ESRGAN reference outputs with the TF.js runtime itself (@tensorflow/tfjs, its pure-JS
// CPU backend): each case's input (float32 RGB, 0..255, row-major HWC) and what UpscalerJS would
// return for it, model.predict then clipByValue(0, 255) (UpscalerJS's scaleOutput for esrgan-medium,
// whose inputRange and outputRange are both [0, 255]), without its patching.
//
//   node make_reference.mjs NPM_PREFIX PHOTO.jpg OUT_DIR
//
// NPM_PREFIX: where run.sh installed @upscalerjs/esrgan-medium and @tensorflow/tfjs (build/npm).
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
const packageDir = path.join(path.resolve(prefix), 'node_modules', '@upscalerjs', 'esrgan-medium');
const modelsDir = path.join(packageDir, 'models');
await tf.setBackend('cpu');

async function loadModel(scale) {
    const dir = path.join(modelsDir, `x${scale}`);
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

const cases = [
    { name: 'synthetic-12x12', scale: 2, height: 12, width: 12, pixels: () => synthetic(12, 12) },
    { name: 'synthetic-12x12', scale: 4, height: 12, width: 12, pixels: () => synthetic(12, 12) },
    { name: 'photo-16x10', scale: 2, height: 10, width: 16, pixels: () => photoCrop(10, 16, 1400, 1000) },
    { name: 'photo-16x10', scale: 4, height: 10, width: 16, pixels: () => photoCrop(10, 16, 1400, 1000) },
    { name: 'photo-10x8', scale: 3, height: 8, width: 10, pixels: () => photoCrop(8, 10, 2000, 1200) },
    { name: 'synthetic-8x6', scale: 8, height: 6, width: 8, pixels: () => synthetic(6, 8) },
];

mkdirSync(outDir, { recursive: true });
const manifest = [];
const models = new Map();
for (const c of cases) {
    if (!models.has(c.scale)) models.set(c.scale, await loadModel(c.scale));
    const input = c.pixels();
    const output = tf.tidy(() => {
        const x = tf.tensor4d(input, [1, c.height, c.width, 3]);
        return models.get(c.scale).predict(x).clipByValue(0, 255).dataSync();
    });
    const stem = `${c.name}-x${c.scale}`;
    writeFileSync(path.join(outDir, `${c.name}.input.f32`), Buffer.from(input.buffer));
    writeFileSync(path.join(outDir, `${stem}.output.f32`), Buffer.from(Float32Array.from(output).buffer));
    manifest.push({ model: `x${c.scale}`, scale: c.scale, height: c.height, width: c.width,
        input: `${c.name}.input.f32`, output: `${stem}.output.f32` });
    console.log(`${stem}: ${c.width}x${c.height} -> ${c.width * c.scale}x${c.height * c.scale}`);
}
writeFileSync(path.join(outDir, 'cases.json'), JSON.stringify({
    generator: `@tensorflow/tfjs ${tf.version.tfjs} (backend ${tf.getBackend()}), @upscalerjs/esrgan-medium ${JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version}`,
    layout: 'float32 little-endian, row-major height x width x RGB, 0..255',
    cases: manifest,
}, null, 2) + '\n');
