/**
 * The side-by-side race of `npm run bench`: the same checkpoint (random weights, real shapes) run by
 * ViT Lens's engine with the full trace and by onnxruntime-web (wasm, SIMD, threads) as a plain
 * forward pass, in one page, their warm runs taken in turn. Both are checked to give the same logits
 * before their times count.
 */
import * as ort from 'onnxruntime-web/wasm';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
// The glue as its own file: its pthread workers load it by URL, which must not be a bundle chunk.
import ortGlueUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import { releaseTrace, runTrace } from '../model/forward';
import { loadVit } from '../model/loadVit';
import { traceBytes } from '../model/trace';
import { disposeVitModel } from '../model/vitModel';
import { chooseBackend, type BackendName } from '../platform/backend';
import { vitKernelsInfo, vitKernelsReady } from '../model/wasmKernels/tfjsKernels';

export interface RaceRequest {
  /** folder served by the bench runner, holding config.json, model.safetensors, model.onnx, torch_logits.json */
  base: string;
  backend: BackendName;
  runs: number;
  budgetSeconds: number;
}

export interface EngineTiming {
  detail: string;
  /** first run after the weights are in place */
  coldMs: number;
  warmMs: number[];
}

export interface RaceResult {
  ours: EngineTiming & { traceMB: number };
  ort: EngineTiming & { sessionMs: number };
  /** max |ours − onnxruntime-web| and |ours − PyTorch| over the logits */
  maxDiffOrt: number;
  maxDiffTorch: number;
  sameTop1: boolean;
}

const argmax = (xs: ArrayLike<number>) => {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[best]!) best = i;
  return best;
};
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

const fetchBytes = async (url: string) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Each engine's first run, then warm runs taken in turn (ours, ort, ours, …), so both see the same
 * moments of a noisy machine; a short pause between runs lets the other engine's threads go idle.
 */
async function alternate(engines: (() => Promise<unknown>)[], runs: number, budgetSeconds: number) {
  const timed = async (run: () => Promise<unknown>) => {
    await pause(50);
    const start = performance.now();
    await run();
    return performance.now() - start;
  };
  const coldMs: number[] = [];
  for (const run of engines) coldMs.push(await timed(run));
  const warmMs: number[][] = engines.map(() => []);
  const began = performance.now();
  for (let i = 0; i < runs && (performance.now() - began) / 1000 < budgetSeconds; i++) {
    for (const [e, run] of engines.entries()) warmMs[e]!.push(await timed(run));
  }
  return engines.map((_, e) => ({ coldMs: coldMs[e]!, warmMs: warmMs[e]! }));
}

export async function raceOrt(request: RaceRequest): Promise<RaceResult> {
  const torchLogits = (await (await fetch(`${request.base}/torch_logits.json`)).json()) as number[];

  const info = await chooseBackend(request.backend);

  await vitKernelsReady(); // time with every thread
  if (info.name !== request.backend) throw new Error(`${request.backend} is not available here (${info.reason})`);
  const file = (name: string) => ({ name, arrayBuffer: () => fetchBytes(`${request.base}/${name}`) });
  const { model } = await loadVit([file('config.json'), file('model.safetensors')]);
  const S = model.config.imageSize;
  const input = new Float32Array(model.config.numChannels * S * S).map((_, i) => Math.sin(i) * 0.9);
  let oursLogits: Float32Array = new Float32Array();
  let ortLogits: Float32Array = new Float32Array();
  let traceMB = 0;
  let session: ort.InferenceSession | null = null;
  try {
    ort.env.wasm.wasmPaths = { wasm: ortWasmUrl, mjs: ortGlueUrl };
    ort.env.wasm.numThreads = navigator.hardwareConcurrency;
    const sessionStart = performance.now();
    session = await ort.InferenceSession.create(new Uint8Array(await fetchBytes(`${request.base}/model.onnx`)), {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    });
    const sessionMs = performance.now() - sessionStart;
    const feeds = { pixel_values: new ort.Tensor('float32', input, [1, model.config.numChannels, S, S]) };
    const [ours, ortTimes] = await alternate(
      [
        async () => {
          // as the page does: the trace stays in tfjs's memory until released
          const trace = await runTrace(model, input, { zeroCopy: true });
          oursLogits = trace.logits!.data.slice();
          traceMB = traceBytes(trace) / 2 ** 20;
          releaseTrace(trace);
        },
        async () => {
          const out = await session!.run(feeds);
          ortLogits = (out.logits!.data as Float32Array).slice();
          out.logits!.dispose();
        },
      ],
      request.runs,
      request.budgetSeconds,
    );
    // a kernel worker's failed jobs are run again on the calling thread: correct numbers, slower; said if any
    const failures = vitKernelsInfo()?.workerFailures ?? 0;
    const rerun = failures > 0 ? ` · ${failures} kernel jobs rerun after a worker failed` : '';
    return {
      ours: { detail: info.detail + rerun, traceMB, ...ours! },
      ort: {
        detail: `onnxruntime-web ${ort.env.versions.web ?? ''} · wasm · SIMD · ${ort.env.wasm.numThreads} threads`,
        sessionMs,
        ...ortTimes!,
      },
      maxDiffOrt: maxAbsDiff(oursLogits, ortLogits),
      maxDiffTorch: maxAbsDiff(oursLogits, torchLogits),
      sameTop1: argmax(oursLogits) === argmax(ortLogits) && argmax(oursLogits) === argmax(torchLogits),
    };
  } finally {
    await session?.release();
    disposeVitModel(model);
  }
}
