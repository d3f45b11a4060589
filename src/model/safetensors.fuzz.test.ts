/**
 * Property-based fuzzing of the safetensors reader: random bytes and mutated valid files never
 * crash it with anything but its own SafetensorsError, never hang, never decode more than the
 * file holds, and a file that parses gives back exactly the bytes its header points at.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSafetensors, SafetensorsError, type RawTensor } from './safetensors';
import { writeSafetensors } from './safetensorsWriter';

/** Runs the reader; anything thrown other than a SafetensorsError fails the property. */
function tryRead(bytes: Uint8Array): Map<string, RawTensor> | SafetensorsError {
  try {
    return readSafetensors(bytes, 'fuzz.safetensors');
  } catch (error) {
    if (error instanceof SafetensorsError) return error;
    throw error;
  }
}

/** What a successful parse must satisfy: decoded floats fit in the file (F16/BF16 → F32 doubles them). */
function checkResult(bytes: Uint8Array, result: Map<string, RawTensor> | SafetensorsError) {
  if (result instanceof SafetensorsError) {
    expect(result.message.startsWith('fuzz.safetensors: ')).toBe(true);
    return;
  }
  let decoded = 0;
  for (const t of result.values()) {
    expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    decoded += t.data.length * (t.storedDtype === 'F32' ? 4 : 2);
  }
  expect(decoded).toBeLessThanOrEqual(bytes.byteLength);
}

const tensorArb = fc.record({
  shape: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
  seed: fc.integer(),
});

const validFileArb = fc
  .tuple(
    fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), tensorArb, { maxKeys: 5 }),
    fc.constantFrom('F32' as const, 'F16' as const, 'BF16' as const),
  )
  .map(([specs, dtype]) => {
    const tensors = Object.fromEntries(
      Object.entries(specs)
        .filter(([name]) => name !== '__metadata__')
        .map(([name, { shape, seed }]) => {
          const n = shape.reduce((a, b) => a * b, 1);
          return [name, { shape, data: Array.from({ length: n }, (_, i) => ((seed + i * 7919) % 1000) / 100) }];
        }),
    );
    return { bytes: writeSafetensors(tensors, dtype), tensors };
  });

/** A mutation of a valid file: flip bytes, cut it, splice random bytes, or rewrite the header length. */
const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), junk: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant('length' as const), value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }),
);

type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const out = bytes.slice();
  if (m.kind === 'flip') out[m.at % out.length] = m.value;
  if (m.kind === 'cut') return out.subarray(0, m.at % (out.length + 1));
  if (m.kind === 'splice') {
    const at = m.at % (out.length + 1);
    return new Uint8Array([...out.subarray(0, at), ...m.junk, ...out.subarray(at)]);
  }
  if (m.kind === 'length' && out.length >= 8) new DataView(out.buffer).setBigUint64(0, m.value, true);
  return out;
}

describe('readSafetensors under fuzzing', () => {
  it('random bytes end in a SafetensorsError or a consistent result', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => checkResult(bytes, tryRead(bytes))),
      { numRuns: 2000 },
    );
  });

  it('random bytes behind a plausible header length end the same way', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.string({ maxLength: 120 }), (tail, text) => {
        const header = new TextEncoder().encode(text);
        const bytes = new Uint8Array(8 + header.length + tail.length);
        new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
        bytes.set(header, 8);
        bytes.set(tail, 8 + header.length);
        checkResult(bytes, tryRead(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('valid files read back exactly what was written', () => {
    fc.assert(
      fc.property(validFileArb, ({ bytes, tensors }) => {
        const result = tryRead(bytes);
        expect(result).toBeInstanceOf(Map);
        const read = result as Map<string, RawTensor>;
        expect([...read.keys()].sort()).toEqual(Object.keys(tensors).sort());
        for (const [name, t] of Object.entries(tensors)) expect(read.get(name)!.shape).toEqual(t.shape);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated valid files never crash, hang or over-allocate', () => {
    fc.assert(
      fc.property(validFileArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), ({ bytes }, mutations) => {
        const mutated = mutations.reduce((b, m) => mutate(b, m), bytes);
        const start = performance.now();
        checkResult(mutated, tryRead(mutated));
        expect(performance.now() - start).toBeLessThan(1000);
      }),
      { numRuns: 1500 },
    );
  });

  it('header JSON with hostile values (huge shapes, fractional, negative or overlapping offsets) is refused', () => {
    const value = fc.oneof(fc.integer({ min: -10, max: 64 }), fc.constant(2 ** 53), fc.constant(1e300), fc.double(), fc.string());
    const entry = fc.record({
      dtype: fc.constantFrom('F32', 'F16', 'BF16', 'F8_E4M3', 'I64', '__proto__', 'constructor'),
      shape: fc.array(value, { maxLength: 4 }),
      data_offsets: fc.array(value, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), entry, { maxKeys: 4 }), fc.nat({ max: 64 }), (header, dataBytes) => {
        const text = new TextEncoder().encode(JSON.stringify(header));
        const bytes = new Uint8Array(8 + text.length + dataBytes);
        new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length), true);
        bytes.set(text, 8);
        checkResult(bytes, tryRead(bytes));
      }),
      { numRuns: 1500 },
    );
  });
});
