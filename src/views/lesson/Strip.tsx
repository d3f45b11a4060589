/** One row of numbers as a strip of coloured cells (diverging around 0), with its name and shape. */
import { interpolateRdBu } from 'd3-scale-chromatic';
import { symmetricDomain } from '../../analysis/rows';
import { HeatmapCanvas } from '../common/HeatmapCanvas';

const diverging = (t: number) => interpolateRdBu(1 - t);

export function Strip({ values, label, width, height = 22, testId }: { values: Float32Array; label: string; width: number; height?: number; testId?: string }) {
  return (
    <figure className="lesson-strip">
      <figcaption>
        {label} <span className="muted">[{values.length}]</span>
      </figcaption>
      <HeatmapCanvas
        values={values}
        rows={1}
        cols={values.length}
        domain={symmetricDomain(values)}
        interpolator={diverging}
        width={width}
        height={height}
        label={label}
        testId={testId}
      />
    </figure>
  );
}
