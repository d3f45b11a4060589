/** What the page's session with the engine (useVitSession.ts) holds and offers, and its hooks for tests. */
import type { VitTrace } from '../model/trace';
import type { ModelCardInfo } from '../model/modelCard';
import type { PreprocessorConfig } from '../model/preprocessorConfig';
import type { BackendInfo } from '../platform/backendName';
import type { PreparedImage } from '../platform/imageInput';
import type { AppState } from '../state/appState';
import type { EngineClient } from '../worker/engineClient';
import type { ModelInfo, ModelSource } from '../worker/protocol';
import type { HubDownload, HubLoadRequest } from './useHubLoad';

/** The loaded model as the page knows it: plain data; its tensors live in the engine's worker. */
export interface SessionModel {
  /** names the model in the engine's calls */
  handle: number;
  /** what the views read: config, labels, token layout, naming, size */
  model: ModelInfo;
  preprocessor: PreprocessorConfig;
  fileNames: string[];
  warnings?: string[];
  /** where the model came from, in words */
  source: string;
  /** 'demo', a preset id, or 'files' for the user's own: mirrored in the URL */
  id: string;
  /** what the engine builds it from again (e.g. on another backend) without asking the user for files */
  origin: ModelSource;
  /** the model_card.json of a built-in model */
  card: ModelCardInfo | null;
  /** the hub a Hub model came from */
  hubUrl?: string;
}

export interface VitSession {
  state: AppState;
  message: string;
  error: string | null;
  backend: BackendInfo | null;
  model: SessionModel | null;
  image: PreparedImage | null;
  trace: VitTrace | null;
  traceMs: number | null;
  /** the engine (in its worker), for the analyses; null until it has started */
  engine: EngineClient | null;
  loadModelFiles: (files: File[]) => void;
  loadImageFile: (file: File) => void;
  /** a sample image the project ships, by URL */
  loadSample: (url: string, name: string) => void;
  /** a problem found outside the session (e.g. a paste without an image), shown like any error */
  reportError: (message: string) => void;
  switchBackend: (name: string) => void;
  dismissError: () => void;
  hub: HubDownload;
  loadHubModel: (request: HubLoadRequest) => void;
  cancelHubDownload: () => void;
  answerHubConfirm: (yes: boolean) => void;
}

declare global {
  interface Window {
    /** for tests and the benchmark (a page driven by automation only): the number of live tensors */
    __vitlensTensors?: () => Promise<number>;
    /** for the tests (automation only): a file prepared for the current model on the page and in the engine's worker */
    __vitlensPrepareTwice?: (file: File) => Promise<{ page: PreparedImage; worker: PreparedImage }>;
  }
}
