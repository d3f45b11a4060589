/**
 * The page's side of the engine: one promise per job id, an AbortSignal becomes a cancel message,
 * progress reaches a callback, and the memory guard's questions are answered on the page. A worker
 * that dies fails every job under way with a clear error (never a silent hang); the session then
 * starts a fresh one.
 */
import type { VitConfig } from '../model/config';
import type { BackendInfo } from '../platform/backendName';
import {
  CANCELLED,
  type CallName,
  type EngineCalls,
  type EngineRequest,
  type FromEngine,
  type ResultOf,
  type ToEngine,
} from './protocol';

/** What the client talks to: a Worker, or the main-thread fallback (pageEngine.ts). */
export interface Endpoint {
  postMessage(message: ToEngine, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<FromEngine>) => void) | null;
  onerror?: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface CallControl {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** the memory guard: resolves to go on, rejects to refuse the model */
  guard?: (config: VitConfig, numClasses: number) => Promise<void>;
  /** buffers among the arguments to move to the engine instead of copying (the caller gives them up) */
  transfer?: Transferable[];
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  control: CallControl;
}

export class EngineCrashed extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'EngineCrashed';
  }
}

export class EngineClient {
  private pending = new Map<number, Pending>();
  private nextId = 1;
  /** set once the endpoint has died: every later call fails at once */
  crashed: EngineCrashed | null = null;

  constructor(
    private readonly endpoint: Endpoint,
    /** where the engine runs, for the backend line: 'worker' or 'main thread' */
    readonly where: 'worker' | 'main thread',
    /** what the backend line adds: why the engine runs on the main thread, or nothing */
    readonly note = '',
    private readonly onCrash: (error: EngineCrashed) => void = () => {},
  ) {
    endpoint.onmessage = (event) => this.receive(event.data);
    endpoint.onerror = (event) => {
      event.preventDefault?.();
      this.crash(event.message || 'the engine stopped');
    };
  }

  call<K extends CallName>(call: K, args: EngineCalls[K]['args'], control: CallControl = {}): Promise<ResultOf<K>> {
    if (this.crashed) return Promise.reject(this.crashed);
    if (control.signal?.aborted) return Promise.reject(control.signal.reason as Error);
    const id = this.nextId++;
    return new Promise<ResultOf<K>>((resolve, reject) => {
      const cancel = () => this.endpoint.postMessage({ kind: 'cancel', id });
      control.signal?.addEventListener('abort', cancel, { once: true });
      const settle = () => control.signal?.removeEventListener('abort', cancel);
      this.pending.set(id, {
        resolve: (value) => (settle(), resolve(value as ResultOf<K>)),
        reject: (error) => (settle(), reject(error)),
        control,
      });
      this.endpoint.postMessage({ kind: 'job', id, request: { call, ...args } as EngineRequest }, control.transfer);
    });
  }

  /** Gives the engine the page's input clock (platform/pageInput.ts), for its kernels' thread limit. */
  sharePageInput(buffer: SharedArrayBuffer): void {
    if (!this.crashed) this.endpoint.postMessage({ kind: 'pageInput', buffer });
  }

  private receive(message: FromEngine): void {
    const job = this.pending.get(message.id);
    if (!job) return;
    if (message.kind === 'progress') job.control.onProgress?.(message.fraction);
    else if (message.kind === 'ask') void this.answer(message.id, job.control, message.config, message.numClasses);
    else {
      this.pending.delete(message.id);
      if (message.kind === 'done') job.resolve(message.result);
      else {
        const error = new Error(message.error.message);
        error.name = message.cancelled ? CANCELLED : message.error.name;
        job.reject(message.cancelled && job.control.signal?.aborted ? (job.control.signal.reason as Error) : error);
      }
    }
  }

  private async answer(id: number, control: CallControl, config: VitConfig, numClasses: number): Promise<void> {
    try {
      await control.guard?.(config, numClasses);
      this.endpoint.postMessage({ kind: 'answer', id, refusal: null });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      this.endpoint.postMessage({ kind: 'answer', id, refusal: { name: error.name, message: error.message } });
    }
  }

  private crash(detail: string): void {
    if (this.crashed) return;
    this.crashed = new EngineCrashed(detail);
    for (const job of this.pending.values()) job.reject(this.crashed);
    this.pending.clear();
    this.endpoint.terminate();
    this.onCrash(this.crashed);
  }

  /**
   * Starts the engine's backend (or switches to another, disposing every model first): its line
   * then says where the engine runs when that is not its worker.
   */
  async startBackend(call: 'startBackend' | 'switchBackend', args: EngineCalls['startBackend']['args']): Promise<BackendInfo> {
    const info = await this.call(call, args);
    return { ...info, detail: info.detail + this.note };
  }

  /** Tells whether an error is a cancelled job's. */
  static cancelled(error: unknown): boolean {
    return error instanceof Error && error.name === CANCELLED;
  }

  terminate(): void {
    this.crash('the engine was stopped');
  }
}
