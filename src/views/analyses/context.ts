import type { AnalysisEngine } from '../../analysis/engine';
import type { ModelDims } from '../../analysis/modelDims';
import type { PreprocessorConfig } from '../../model/preprocessorConfig';
import type { VitTrace } from '../../model/trace';
import type { Jobs } from '../../state/jobs';

/** What every analysis panel is given. */
export interface AnalysisContext {
  trace: VitTrace;
  dims: ModelDims;
  /** the pixels the model saw */
  pixels: ImageData;
  /** how those pixels became the input (rescale, mean/std): a mask fills in pixel space through it */
  preprocessor: PreprocessorConfig;
  engine: AnalysisEngine;
  /** the explainer's selected layer and head */
  layer: number;
  head: number;
  labels: readonly string[];
  /** the model, in words, for a failure's message */
  modelName: string;
  /** a number that changes with every new trace (image, model or backend): on-demand results are keyed by it */
  traceId: number;
  /** the on-demand work: results live there, keyed by traceId (or the model), not in the panels */
  jobs: Jobs;
}

/** The explanation every panel carries: what it shows, how it is computed, where it comes from. */
export interface AnalysisText {
  id: string;
  tab: string;
  title: string;
  what: string;
  how: string;
  source: string;
}
