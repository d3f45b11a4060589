/**
 * The fuzz targets behind `npm run fuzz` (scripts/fuzz.ts, 100,000 cases each) and the unit test
 * beside this file (a few hundred each, in CI): every reader of a file a user or a hub hands the
 * page. Each takes random bytes, valid files with mutations (bytes flipped, cut, spliced) and
 * hand-made hostile values, and must end in its own error class with a message naming the file,
 * or in a result that keeps its promises (shapes match data, sizes positive, no prototype
 * pollution), within a time bound.
 */
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { ConfigError, parseVitConfig, vitSizes } from '../../src/model/config';
import { estimateMemory, memoryVerdict } from '../../src/model/memoryEstimate';
import { parsePreprocessorConfig } from '../../src/model/preprocessorConfig';
import { readSafetensors, SafetensorsError, type RawTensor } from '../../src/model/safetensors';
import { writeSafetensors } from '../../src/model/safetensorsWriter';
import { asTimmConfig } from '../../src/model/timmConfig';
import { readTorchBin, TorchBinError } from '../../src/model/torchBin';
import { writeTorchBin } from '../../src/model/testing/torchBinWriter';
import { ImageFileError, MAX_MEGAPIXELS, sniffImage } from '../../src/platform/imageSniff';

export interface FuzzTarget {
  name: string;
  /** what it reads */
  about: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each target has its own argument tuple
  property: () => fc.IPropertyWithHooks<any>;
}

/** Slower than this for one small input counts as a hang. */
const MAX_MS = 500;

class FuzzFailure extends Error {}
function check(condition: boolean, what: string): void {
  if (!condition) throw new FuzzFailure(what);
}

/** How the reader calls ended since the last reset: a result, or the reader's own refusal. */
export const outcomes = { accepted: 0, refused: 0 };

/** Runs a reader: its own error (naming the file) is a pass, anything else thrown fails. */
function guarded<T>(read: () => T, expected: new (...a: never[]) => Error, fileName: string, name = expected.name): T | null {
  const start = performance.now();
  try {
    const result = read();
    outcomes.accepted++;
    return result;
  } catch (error) {
    if (!(error instanceof expected) || (error as Error).name !== name) throw error;
    outcomes.refused++;
    check(
      error.message.startsWith(`${fileName}: `) || error.message.includes(fileName),
      `message names the file: ${error.message}`,
    );
    return null;
  } finally {
    check(performance.now() - start < MAX_MS, `finished within ${MAX_MS} ms`);
    check(Object.keys(Object.prototype).length === 0, 'Object.prototype untouched');
  }
}

const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), junk: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.nat({ max: 64 }) }),
);
type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  if (bytes.length === 0) return bytes;
  const at = m.at % (bytes.length + 1);
  if (m.kind === 'flip') {
    const out = bytes.slice();
    out[m.at % out.length] = m.value;
    return out;
  }
  if (m.kind === 'cut') return bytes.slice(0, at);
  const insert = m.kind === 'splice' ? m.junk : bytes.slice(at, at + m.length);
  const out = new Uint8Array(bytes.length + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at), at + insert.length);
  return out;
}
const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 4 });
const mutated = (bytes: Uint8Array, ms: Mutation[]) => ms.reduce((b, m) => mutate(b, m), bytes);

const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
const tensorsArb = fc
  .dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.tuple(shapeArb, fc.integer()), { maxKeys: 4 })
  .map((specs) =>
    Object.fromEntries(
      Object.entries(specs)
        .filter(([name]) => name !== '__metadata__')
        .map(([name, [shape, seed]]) => {
          const n = shape.reduce((a, b) => a * b, 1);
          return [name, { shape, data: Array.from({ length: n }, (_, i) => ((seed + i * 7919) % 1000) / 100) }];
        }),
    ),
  );

/** A result's promises: each tensor's data is its shape's size, and within what the file holds. */
function checkTensors(bytes: Uint8Array, result: Map<string, RawTensor> | null, floatBytes: (t: RawTensor) => number) {
  if (!result) return;
  let decoded = 0;
  for (const t of result.values()) {
    check(
      t.shape.every((d) => Number.isInteger(d) && d >= 0),
      `shape ${t.shape} is whole numbers`,
    );
    check(t.data.length === t.shape.reduce((a, b) => a * b, 1), 'data length is the shape size');
    decoded += t.data.length * floatBytes(t);
  }
  check(decoded <= bytes.byteLength, 'decoded no more than the file holds');
}

const hostileNumber = fc.oneof(
  fc.integer({ min: -10, max: 4096 }),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 2 ** 64, 1e300, -0, 0.5),
  fc.double(),
  fc.string({ maxLength: 4 }),
  fc.constant(null),
  fc.boolean(),
);

// ---- safetensors -------------------------------------------------------------------------------

const safetensorsBytes = fc.oneof(
  fc.uint8Array({ maxLength: 256 }),
  fc
    .tuple(tensorsArb, fc.constantFrom('F32' as const, 'F16' as const, 'BF16' as const), mutations)
    .map(([t, dtype, ms]) => mutated(writeSafetensors(t, dtype), ms)),
  fc
    .tuple(
      fc.dictionary(
        fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', '__metadata__')),
        fc.record({
          dtype: fc.constantFrom('F32', 'F16', 'BF16', 'F8_E4M3', 'I64', '__proto__', 'constructor'),
          shape: fc.array(hostileNumber, { maxLength: 4 }),
          data_offsets: fc.array(hostileNumber, { maxLength: 3 }),
        }),
        { maxKeys: 4 },
      ),
      fc.nat({ max: 96 }),
    )
    .map(([header, dataBytes]) => {
      const text = strToU8(JSON.stringify(header));
      const bytes = new Uint8Array(8 + text.length + dataBytes);
      new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length), true);
      bytes.set(text, 8);
      return bytes;
    }),
);

// ---- pytorch_model.bin ---------------------------------------------------------------------------

/** A valid torch.save zip whose data.pkl (or a storage) is mutated, rezipped so the zip itself is sound. */
const torchBinBytes = fc.oneof(
  fc.uint8Array({ maxLength: 256 }).map((b) => (b.length >= 2 ? ((b[0] = 0x50), (b[1] = 0x4b), b) : b)),
  fc.tuple(tensorsArb, mutations).map(([t, ms]) => mutated(writeTorchBin(t), ms)),
  fc.tuple(tensorsArb, mutations, fc.boolean()).map(([t, ms, pickle]) => {
    const entries = unzipSync(writeTorchBin(t));
    const names = Object.keys(entries).filter((n) => (pickle ? n.endsWith('data.pkl') : n.includes('/data/')));
    const name = names[0];
    if (name) entries[name] = mutated(entries[name]!, ms);
    return zipSync(entries, { level: 0 });
  }),
  fc
    .uint8Array({ maxLength: 200 })
    .map((pkl) => zipSync({ 'archive/data.pkl': pkl, 'archive/version': strToU8('3\n') }, { level: 0 })),
);

// ---- config.json / preprocessor_config.json ---------------------------------------------------------

const VALID_CONFIG = {
  hidden_size: 32,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  intermediate_size: 64,
  image_size: 32,
  patch_size: 8,
  hidden_act: 'gelu',
  layer_norm_eps: 1e-12,
  id2label: { '0': 'a', '1': 'b' },
  architecture: undefined as unknown,
};
const VALID_PRE = {
  do_resize: true,
  size: { height: 32, width: 32 },
  resample: 2,
  do_center_crop: false,
  crop_size: 32,
  do_rescale: true,
  rescale_factor: 1 / 255,
  do_normalize: true,
  image_mean: [0.5, 0.5, 0.5],
  image_std: [0.5, 0.5, 0.5],
};

/** Text of a JSON object: a valid one with keys replaced by hostile values, random JSON, or mutated text. */
function jsonText(valid: Record<string, unknown>, extraKeys: string[]) {
  const keys = [...Object.keys(valid), ...extraKeys, '__proto__', 'constructor'];
  const hostile = fc.oneof(hostileNumber, fc.jsonValue({ maxDepth: 2 }), fc.array(hostileNumber, { maxLength: 4 }));
  return fc.oneof(
    fc.dictionary(fc.constantFrom(...keys), hostile, { maxKeys: 5 }).map((changes) => JSON.stringify({ ...valid, ...changes })),
    fc.dictionary(fc.constantFrom(...keys), hostile, { maxKeys: 8 }).map((o) => JSON.stringify(o)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.tuple(mutations).map(([ms]) => new TextDecoder().decode(mutated(strToU8(JSON.stringify(valid)), ms))),
    fc.string({ maxLength: 40 }),
  );
}

// ---- images ------------------------------------------------------------------------------------

const MAGIC: number[][] = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0xff, 0xd8, 0xff],
  [...strToU8('GIF89a')],
  [...strToU8('RIFF'), 0, 0, 0, 0, ...strToU8('WEBPVP8X')],
  [...strToU8('RIFF'), 0, 0, 0, 0, ...strToU8('WEBPVP8L')],
  [...strToU8('BM')],
  [0, 0, 0, 0, ...strToU8('ftypavif')],
  [0, 0, 1, 0],
  [...strToU8('<svg ')],
  [...strToU8('%PDF-')],
  [0x50, 0x4b, 3, 4],
];
const imageBytes = fc.oneof(
  fc.uint8Array({ maxLength: 256 }),
  fc.tuple(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 200 }), fc.boolean()).map(([magic, rest, end]) => {
    const tail = end ? (magic[0] === 0x89 ? [0, 0, 0, 0, ...strToU8('IEND'), 0xae, 0x42, 0x60, 0x82] : [0xff, 0xd9]) : [];
    return new Uint8Array([...magic, ...rest, ...tail]);
  }),
  fc
    .tuple(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 64 }), mutations)
    .map(([magic, rest, ms]) => mutated(new Uint8Array([...magic, ...rest]), ms)),
);

export const FUZZ_TARGETS: FuzzTarget[] = [
  {
    name: 'safetensors',
    about: 'readSafetensors: random bytes, mutated valid files, hostile header JSON',
    property: () =>
      fc.property(safetensorsBytes, (bytes) => {
        const result = guarded(() => readSafetensors(bytes, 'fuzz.safetensors'), SafetensorsError, 'fuzz.safetensors');
        checkTensors(bytes, result, (t) => (t.storedDtype === 'F32' ? 4 : 2));
      }),
  },
  {
    name: 'torch-bin',
    about: 'readTorchBin (.bin): random bytes, mutated archives, sound zips around mutated pickles and storages',
    property: () =>
      fc.property(torchBinBytes, (bytes) => {
        const result = guarded(() => readTorchBin(bytes, 'fuzz.bin'), TorchBinError, 'fuzz.bin');
        // a stored (uncompressed) zip holds each float in 4 bytes; compressed ones can hold more
        if (result)
          for (const t of result.values()) check(t.data.length === t.shape.reduce((a, b) => a * b, 1), 'data is the shape size');
      }),
  },
  {
    name: 'config-json',
    about: 'parseVitConfig, asTimmConfig and the memory estimate on config.json text',
    property: () =>
      fc.property(
        jsonText(VALID_CONFIG, [
          'qkv_bias',
          'num_channels',
          'vitlens_class_token',
          'vitlens_pooling',
          'vitlens_position_embeddings',
          'architectures',
          'model_args',
        ]),
        (text) => {
          const timm = guarded(() => asTimmConfig(text), ConfigError, 'config.json');
          check(timm === null || typeof timm.architecture === 'string', 'a timm config names its architecture');
          const c = guarded(() => parseVitConfig(text, 'config.json'), ConfigError, 'config.json');
          if (!c) return;
          for (const v of [c.hiddenSize, c.numLayers, c.numHeads, c.intermediateSize, c.imageSize, c.patchSize, c.numChannels])
            check(Number.isInteger(v) && v > 0, `sizes are positive integers (${v})`);
          check(c.hiddenSize % c.numHeads === 0 && c.imageSize % c.patchSize === 0, 'heads divide the width, patches the image');
          check(
            c.labels.every((l) => typeof l === 'string') && c.labels.length === Object.keys(c.labels).length,
            'labels are dense strings',
          );
          check(vitSizes(c).numTokens > 0, 'at least one token');
          const e = estimateMemory(c);
          check(
            [e.weightsBytes, e.traceBytes, e.totalBytes].every((n) => n > 0 && !Number.isNaN(n)),
            'the estimate is a positive size',
          );
          check(['fits', 'ask', 'refuse'].includes(memoryVerdict(c).kind), 'a verdict');
        },
      ),
  },
  {
    name: 'preprocessor-config-json',
    about: 'parsePreprocessorConfig on preprocessor_config.json text',
    property: () =>
      fc.property(
        jsonText(VALID_PRE, ['shortest_edge', 'image_processor_type']),
        fc.integer({ min: 1, max: 1024 }),
        (text, imageSize) => {
          const p = guarded(
            () => parsePreprocessorConfig(text, imageSize, 'preprocessor_config.json'),
            Error,
            'preprocessor_config.json',
            'PreprocessorError',
          );
          if (!p) return;
          check(p.imageMean.length === 3 && p.imageStd.length === 3, 'three channels');
          check(
            [...p.imageMean, ...p.imageStd, p.rescaleFactor].every((v) => typeof v === 'number'),
            'numbers',
          );
          check(
            p.imageStd.every((s) => s !== 0),
            'no division by zero',
          );
          const sizes = p.size.kind === 'exact' ? [p.size.height, p.size.width] : [p.size.shortestEdge];
          check(
            sizes.every((s) => typeof s === 'number' && s > 0),
            `a positive resize target (${sizes})`,
          );
        },
      ),
  },
  {
    name: 'image-sniff',
    about: 'sniffImage: random bytes, every format magic with random or mutated rest',
    property: () =>
      fc.property(imageBytes, (bytes) => {
        const s = guarded(() => sniffImage(bytes, 'fuzz.img'), ImageFileError, 'fuzz.img');
        if (!s) return;
        for (const d of [s.width, s.height])
          check(d === null || (Number.isInteger(d) && d > 0), `a size is a positive integer or unknown (${d})`);
        if (s.width && s.height) check(s.width * s.height <= MAX_MEGAPIXELS * 1e6, 'no more than the megapixel limit passes');
      }),
  },
];

export { FuzzFailure };
