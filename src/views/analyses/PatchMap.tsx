import type { ReactNode } from 'react';
import { ImageOverlay } from '../attention/ImageOverlay';
import type { AnalysisContext } from './context';

export const OVERLAY_SIZE = 240;

export interface PatchMapProps {
  ctx: AnalysisContext;
  /** one value per patch, [N], or null for the bare image */
  values: Float32Array | null;
  /** the patch to outline */
  selected?: { row: number; col: number } | null;
  label: string;
  caption: ReactNode;
  testId?: string;
  captionTestId?: string;
}

/** The image with one value per patch as a heat overlay, and a caption under it. */
export function PatchMap({ ctx, values, selected = null, label, caption, testId, captionTestId }: PatchMapProps) {
  return (
    <figure>
      <ImageOverlay
        pixels={ctx.pixels}
        grid={ctx.dims.g}
        values={values}
        selected={selected}
        size={OVERLAY_SIZE}
        label={label}
        testId={testId}
      />
      <figcaption data-testid={captionTestId}>{caption}</figcaption>
    </figure>
  );
}
