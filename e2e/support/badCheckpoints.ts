/**
 * Broken checkpoints, each as a Hub repository of the stand-in hub, with the words the page must
 * say about it. Built from one good generated checkpoint by cutting or editing its bytes.
 */
import { zipSync } from 'fflate';
import { randomCanonicalVit } from '../../src/model/testing/randomCheckpoint';
import { writeCheckpoint } from '../../src/model/testing/checkpointFiles';
import { HUB_SPEC, PREPROCESSOR } from './hubRepos';
import type { HubRepo } from './hubServer';

type Header = Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;

function split(bytes: Uint8Array): { header: Header; data: Uint8Array } {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  return { header, data: bytes.subarray(8 + length) };
}

function join(header: Header, data: Uint8Array): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

const editHeader = (bytes: Uint8Array, edit: (h: Header, dataLength: number) => void) => {
  const { header, data } = split(bytes);
  edit(header, data.length);
  return join(header, data);
};

const setHeaderLength = (bytes: Uint8Array, length: bigint) => {
  const out = bytes.slice();
  new DataView(out.buffer).setBigUint64(0, length, true);
  return out;
};

export interface BadCase {
  /** the case, as the issue names it */
  title: string;
  repo: HubRepo;
  /** what the page's error (or warning) must say */
  expected: RegExp;
  /** true when the model loads, with a warning */
  warning?: boolean;
}

const L0 = 'vit.encoder.layer.0';

export function badCheckpoints(): Record<string, BadCase> {
  const vit = randomCanonicalVit({ ...HUB_SPEC, seed: 31 });
  const { config, safetensors } = writeCheckpoint(vit, 'huggingface-vit');
  const repo = (files: { config?: string; weights?: Uint8Array }): HubRepo => ({
    revisions: {
      main: {
        'config.json': files.config ?? config,
        'preprocessor_config.json': PREPROCESSOR,
        'model.safetensors': files.weights ?? safetensors,
      },
    },
  });
  const configWith = (edit: (c: Record<string, unknown>) => void) => {
    const c = JSON.parse(config) as Record<string, unknown>;
    edit(c);
    return JSON.stringify(c);
  };
  const nanVit = randomCanonicalVit({ ...HUB_SPEC, seed: 32 });
  nanVit.layers[1]!.fc2.weight[7] = NaN;
  nanVit.layers[2]!.query.bias![0] = Infinity;
  return {
    'bad/truncated': {
      title: 'a truncated safetensors file',
      repo: repo({ weights: safetensors.subarray(0, safetensors.length - 100) }),
      expected: /model\.safetensors: tensor ".*" has data_offsets .* outside the data area .*; the file is truncated or corrupt/,
    },
    'bad/header-beyond-file': {
      title: 'a header length beyond the file',
      repo: repo({ weights: setHeaderLength(safetensors, BigInt(safetensors.length * 2)) }),
      expected: /model\.safetensors: header length \d+ does not fit in the file \(\d+ bytes\)/,
    },
    'bad/header-json': {
      title: 'header JSON that does not parse',
      repo: repo({ weights: (() => ((b) => ((b[8] = 0x58), b))(safetensors.slice()))() }),
      expected: /model\.safetensors: header is not well-formed JSON/,
    },
    'bad/offsets-out-of-bounds': {
      title: 'offsets out of bounds',
      repo: repo({
        weights: editHeader(safetensors, (h, n) => (h[`${L0}.output.dense.bias`]!.data_offsets = [n, n + 128])),
      }),
      expected: new RegExp(`tensor "${L0}.output.dense.bias" has data_offsets \\[\\d+, \\d+\\] outside the data area`),
    },
    'bad/offsets-overlap': {
      title: 'overlapping offsets',
      repo: repo({
        weights: editHeader(
          safetensors,
          (h) => (h[`${L0}.layernorm_before.bias`]!.data_offsets = h[`${L0}.layernorm_before.weight`]!.data_offsets),
        ),
      }),
      expected: /model\.safetensors: tensors ".*" \[\d+, \d+\] and ".*" \[\d+, \d+\] overlap in the data area/,
    },
    'bad/dtype-f8': {
      title: 'an unknown dtype (F8_E4M3)',
      repo: repo({ weights: editHeader(safetensors, (h) => (h[`${L0}.attention.attention.query.weight`]!.dtype = 'F8_E4M3')) }),
      expected: new RegExp(
        `tensor "${L0}.attention.attention.query.weight" has dtype "F8_E4M3"; ViT Lens reads F32, F16 and BF16`,
      ),
    },
    'bad/shape-vs-config': {
      title: 'a tensor whose shape disagrees with config.json',
      repo: repo({ config: configWith((c) => (c.intermediate_size = 128)) }),
      expected: new RegExp(
        `does not match config.json:[\\s\\S]*"${L0}.intermediate.dense.weight" has shape \\[64, 32\\], expected \\[128, 32\\]`,
      ),
    },
    'bad/missing-tensor': {
      title: 'a missing tensor',
      repo: repo({ weights: editHeader(safetensors, (h) => delete h['vit.encoder.layer.2.output.dense.bias']) }),
      expected:
        /does not match config\.json:[\s\S]*missing "vit\.encoder\.layer\.2\.output\.dense\.bias" \(expected shape \[32\]\)/,
    },
    'bad/config-not-json': {
      title: 'a config.json that is not JSON',
      repo: repo({ config: config.replace('{', '{,') }),
      expected: /config\.json: not valid JSON/,
    },
    'bad/config-missing-field': {
      title: 'a config.json without a required field',
      repo: repo({ config: configWith((c) => delete c.num_attention_heads) }),
      expected: /config\.json: "num_attention_heads" is missing: ViT Lens needs it to build the model/,
    },
    'bad/absurd-header': {
      title: 'a header that claims an absurd size',
      repo: repo({ weights: setHeaderLength(safetensors, 2n ** 60n) }),
      expected: /model\.safetensors: header length \d+ bytes is beyond the 100 MB a safetensors header may have/,
    },
    'bad/pickle-code': {
      title: 'a pytorch_model.bin whose pickle would run code',
      repo: {
        revisions: {
          main: {
            'config.json': config,
            // pickle.dumps of an object whose __reduce__ is (os.system, ('echo hi',))
            'pytorch_model.bin': zipSync({
              'archive/data.pkl': new Uint8Array([
                0x80,
                2,
                0x63,
                ...new TextEncoder().encode('os\nsystem\n'),
                0x58,
                7,
                0,
                0,
                0,
                ...new TextEncoder().encode('echo hi'),
                0x85,
                0x52,
                0x2e,
              ]),
            }),
          },
        },
      },
      expected: /pytorch_model\.bin: the pickle asks for os\.system, which ViT Lens never runs; this is not a plain state dict/,
    },
    'bad/nan-inf': {
      title: 'NaN or Inf among the weights',
      repo: repo({ weights: writeCheckpoint(nanVit, 'huggingface-vit').safetensors }),
      expected:
        /tensor "vit\.encoder\.layer\.1\.output\.dense\.weight" holds 1 NaN value[\s\S]*tensor "vit\.encoder\.layer\.2\.attention\.attention\.query\.bias" holds 1 infinite value/,
      warning: true,
    },
  };
}
