/**
 * The engine's side of the protocol: answers each request against tfjs and ViT Lens's engine. Pure
 * (no Worker API): the worker entry feeds it messages, the main-thread fallback calls it directly,
 * and the unit tests drive it through the protocol in Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadVit, type LoadedVit } from '../model/loadVit';
import { releaseTrace, runBlock, runTrace } from '../model/forward';
import { disposeVitModel } from '../model/vitModel';
import { runAttention, runLogitsAndAttention } from '../model/tensorForward';
import { runLogits } from '../model/batchedLogitsPass';
import { readPatchFilters, readReadout } from '../model/weightArrays';
import type { VitConfig } from '../model/config';
import type { VitTrace } from '../model/trace';
import { buildPreset, buildRandom } from './buildPreset';
import type { BackendInfo, BackendName } from '../platform/backendName';
import { transferablesOf } from './transfer';
import { leaveCoreToPage, watchPageInput } from '../model/wasmKernels/threadLimit';
import type { BuiltModel, CallName, EngineRequest, FromEngine, ModelSource, ResultOf, ToEngine } from './protocol';

export type Post = (message: FromEngine, transfer?: Transferable[]) => void;

/** Starts a backend: the real one (backend.ts, loaded lazily so the tests can pass tfjs-cpu's). */
export type StartBackend = (requested: BackendName | null) => Promise<BackendInfo>;

interface Job {
  id: number;
  signal: AbortSignal;
  post: Post;
  onProgress: (fraction: number) => void;
}

/**
 * The analyses' long runs (curves, ablation, attention of many images, gradients): while any runs,
 * the kernels leave one core to the page (threads − 1), so that a click during them is served at
 * once; the pass a user waits for (runTrace, block) has every thread when nothing else runs.
 */
const BACKGROUND: ReadonlySet<CallName> = new Set(['logits', 'logitsAndAttention', 'attention', 'gradients']);

/** Calls whose results are fresh arrays that nothing else in the worker reads: moved, not copied. */
const MOVED: ReadonlySet<CallName> = new Set([
  'prepareImage',
  'runTrace',
  'trace',
  'logits',
  'logitsAndAttention',
  'attention',
  'gradients',
  'block',
]);

const defaultStart: StartBackend = async (requested) => (await import('../platform/backend')).chooseBackend(requested);

export class EngineHost {
  private models = new Map<number, LoadedVit>();
  private traces = new Map<number, VitTrace>();
  private jobs = new Map<number, AbortController>();
  private questions = new Map<number, (refusal: { name: string; message: string } | null) => void>();
  private nextHandle = 1;

  constructor(
    private readonly post: Post,
    private readonly startBackend: StartBackend = defaultStart,
  ) {}

  receive(message: ToEngine): void {
    if (message.kind === 'cancel') this.jobs.get(message.id)?.abort(new DOMException('cancelled', 'AbortError'));
    else if (message.kind === 'answer') this.questions.get(message.id)?.(message.refusal);
    else if (message.kind === 'pageInput') watchPageInput(message.buffer);
    else void this.run(message.id, message.request);
  }

  private async run(id: number, request: EngineRequest): Promise<void> {
    const controller = new AbortController();
    this.jobs.set(id, controller);
    const job: Job = {
      id,
      signal: controller.signal,
      post: this.post,
      onProgress: (fraction) => this.post({ kind: 'progress', id, fraction }),
    };
    const release = BACKGROUND.has(request.call) ? leaveCoreToPage() : null;
    try {
      const result = await this.answer(request, job);
      const transfer = MOVED.has(request.call) ? transferablesOf(result) : [];
      this.post({ kind: 'done', id, result }, transfer);
    } catch (e) {
      const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
      this.post({ kind: 'failed', id, error, cancelled: controller.signal.aborted });
    } finally {
      this.jobs.delete(id);
      release?.();
    }
  }

  private model(handle: number): LoadedVit['model'] {
    const loaded = this.models.get(handle);
    if (!loaded) throw new Error(`no model with handle ${handle} (it was disposed)`);
    return loaded.model;
  }

  /** The page's memory guard, asked before a model from files is built. */
  private ask(job: Job, config: VitConfig, numClasses: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.questions.set(job.id, (refusal) => {
        this.questions.delete(job.id);
        if (!refusal) return resolve();
        const error = new Error(refusal.message);
        error.name = refusal.name;
        reject(error);
      });
      job.post({ kind: 'ask', id: job.id, config, numClasses });
    });
  }

  private async build(source: ModelSource, job: Job): Promise<LoadedVit> {
    if (source.kind === 'preset') return buildPreset(source.id);
    if (source.kind === 'random') return buildRandom(source.config, source.numClasses);
    const files = source.files.map((f) => ({ name: f.name, arrayBuffer: async () => f.bytes }));
    return loadVit(files, { beforeBuild: (config, numClasses) => this.ask(job, config, numClasses) });
  }

  private disposeAll(): void {
    for (const trace of this.traces.values()) releaseTrace(trace);
    this.traces.clear();
    for (const loaded of this.models.values()) disposeVitModel(loaded.model);
    this.models.clear();
  }

  private async answer(request: EngineRequest, job: Job): Promise<ResultOf<CallName>> {
    const { signal, onProgress } = job;
    switch (request.call) {
      case 'startBackend':
        if (request.halfFloatWebgl) (globalThis as { __vitlensHalfFloatWebgl?: boolean }).__vitlensHalfFloatWebgl = true;
        return this.startBackend(request.requested);
      case 'switchBackend':
        this.disposeAll();
        return this.startBackend(request.requested);
      case 'buildModel': {
        const loaded = await this.build(request.source, job);
        const handle = this.nextHandle++;
        this.models.set(handle, loaded);
        const { config, naming, numClasses, numParameters } = loaded.model;
        return {
          handle,
          model: { config, naming, numClasses, numParameters },
          preprocessor: loaded.preprocessor,
          fileNames: loaded.fileNames,
          warnings: loaded.warnings,
        } satisfies BuiltModel;
      }
      case 'disposeModel': {
        const loaded = this.models.get(request.handle);
        this.models.delete(request.handle);
        if (loaded) disposeVitModel(loaded.model);
        return null;
      }
      case 'runTrace': {
        // in shared memory (cross-origin isolated) the page reads the engine's arrays in place until it releases them
        const zeroCopy = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
        const trace = await runTrace(this.model(request.handle), request.input, {
          zeroCopy,
          signal,
          recordLayers: request.recordLayers,
        });
        const traceId = this.nextHandle++;
        if (zeroCopy) this.traces.set(traceId, trace);
        return { traceId, trace };
      }
      case 'releaseTrace': {
        releaseTrace(this.traces.get(request.traceId) ?? null);
        this.traces.delete(request.traceId);
        return null;
      }
      case 'block':
        return runBlock(this.model(request.handle), request.layer, request.input);
      case 'prepareImage':
        return (await import('./imagePrep')).prepareImageBytes(request);
      case 'trace':
        return runTrace(this.model(request.handle), request.input, { headMask: request.headMask, signal });
      case 'logits':
        return runLogits(this.model(request.handle), request.inputs, {
          headMask: request.headMask,
          signal,
          onProgress: (done) => onProgress(done / request.inputs.length),
        });
      case 'logitsAndAttention':
        return runLogitsAndAttention(this.model(request.handle), request.input, { headMask: request.headMask, signal });
      case 'attention':
        return runAttention(this.model(request.handle), request.input, undefined, signal);
      case 'gradients':
        // the gradient code (tfjs's gradients of every op) loads with the first analysis that needs it
        return (await import('../model/attentionGradients')).attentionGradients(
          this.model(request.handle),
          request.input,
          request.classIndex,
          undefined,
          signal,
          onProgress,
        );
      case 'patchFilters':
        return readPatchFilters(this.model(request.handle));
      case 'readout':
        return readReadout(this.model(request.handle));
      case 'gpuFacts': {
        const { webglRenderer, webglSummary } = await import('../platform/backend');
        const { webglHalfFloat } = await import('../platform/precision');
        return { webgl: webglSummary(webglRenderer()), halfFloat: webglHalfFloat() };
      }
      case 'calibrate': {
        // loads with the first calibration (most machines have one candidate, wasm, and never calibrate)
        const { calibrate } = await import('../platform/calibration');
        const started = async (name: BackendName) => {
          try {
            return (await this.startBackend(name)).name === name;
          } catch {
            return false;
          }
        };
        const timings = await calibrate(request.candidates, request.size, started);
        // calibration left the last candidate running: back to where the models were built
        if (tf.getBackend() !== request.current) await this.startBackend(request.current);
        return timings;
      }
      case 'webglError': {
        const { measureWebglError } = await import('./measureWebglError');
        return measureWebglError(this.model(request.handle), () => this.build(request.source, job));
      }
      case 'tensors':
        return tf.memory().numTensors;
    }
  }
}
