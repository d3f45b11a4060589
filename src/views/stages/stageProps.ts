import type { VitTrace } from '../../model/trace';
import type { Selection } from '../../state/selection';
import type { ModelDims } from '../explainer/stageText';

export interface StageProps {
  trace: VitTrace;
  dims: ModelDims;
  selection: Selection;
  onSelect: (change: Partial<Selection>) => void;
  /** the pixels the model saw, for image views */
  pixels: ImageData;
  /** names token t: "[CLS]" or "patch 5 (row 0, col 5)" */
  tokenName: (t: number) => string;
}
