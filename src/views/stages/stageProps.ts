import type { VitTrace } from '../../model/trace';
import type { Selection } from '../../state/selection';
import type { ModelDims } from '../../analysis/modelDims';

export interface StageProps {
  trace: VitTrace;
  dims: ModelDims;
  selection: Selection;
  onSelect: (change: Partial<Selection>) => void;
  /** the pixels the model saw, for image views */
  pixels: ImageData;
  /** names token t: "token 0 · [CLS]", "token 6 · patch 5 (row 0, col 5)" (the layout's tokenLabel) */
  tokenName: (t: number) => string;
}
