import type { AnalysisEngine } from '../../app/analysisEngine';
import type { VitTrace } from '../../model/trace';
import type { ModelDims } from '../explainer/stageText';

/** What every analysis panel is given. */
export interface AnalysisContext {
  trace: VitTrace;
  dims: ModelDims;
  /** the pixels the model saw */
  pixels: ImageData;
  engine: AnalysisEngine;
  /** the explainer's selected layer and head */
  layer: number;
  head: number;
  labels: readonly string[];
  /** changes with every new trace (image, model or backend): on-demand results are dropped then */
  traceKey: unknown;
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
