// Times UpscalerJS's esrgan-medium in the TF.js runtime (@tensorflow/tfjs, pure-JS cpu backend) on
// one input, for bench_upscale's ratio: reads float32 HWC 0..255 from INPUT, runs predict +
// clipByValue(0, 255) as UpscalerJS does, prints "seconds S" (the faster of two runs after a warm-up).
//   node esrgan_tfjs_time.mjs NPM_PREFIX SCALE WIDTH HEIGHT INPUT.f32
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [prefix, scale, width, height, inputPath] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(prefix), 'package.json'));
const tf = require('@tensorflow/tfjs');
await tf.setBackend('cpu');
const dir = path.join(path.resolve(prefix), 'node_modules', '@upscalerjs', 'esrgan-medium', 'models', `x${scale}`);
const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
const bytes = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(dir, p)))));
const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
}));
const raw = readFileSync(inputPath);
const input = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
const run = () => tf.tidy(() => model.predict(tf.tensor4d(input, [1, Number(height), Number(width), 3])).clipByValue(0, 255).dataSync());
run(); // warm-up
let best = Infinity;
for (let i = 0; i < 2; ++i) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
}
console.log(`seconds ${best}`);
