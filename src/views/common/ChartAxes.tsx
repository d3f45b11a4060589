import { useEffect, useRef } from 'react';
import { axisBottom, axisLeft } from 'd3-axis';
import type { ScaleLinear } from 'd3-scale';
import { select } from 'd3-selection';

export const CHART_MARGIN = { top: 10, right: 12, bottom: 38, left: 50 };

export interface ChartAxesProps {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  /** integer ticks only on x (layers, epochs) */
  xIntegers?: boolean;
  yFormat?: string;
}

/** Bottom and left d3 axes with their labels, inside an SVG translated by CHART_MARGIN. */
export function ChartAxes({ x, y, width, height, xLabel, yLabel, xIntegers, yFormat }: ChartAxesProps) {
  const xRef = useRef<SVGGElement>(null);
  const yRef = useRef<SVGGElement>(null);
  const innerW = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const innerH = height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  useEffect(() => {
    const [x0, x1] = x.domain() as [number, number];
    const xAxis = axisBottom(x).tickSizeOuter(0);
    if (xIntegers) {
      const first = Math.ceil(x0);
      const step = Math.max(1, Math.ceil((x1 - first) / 12));
      xAxis
        .tickValues(Array.from({ length: Math.floor((x1 - first) / step) + 1 }, (_, i) => first + i * step))
        .tickFormat((v) => String(v));
    } else xAxis.ticks(6);
    select(xRef.current!).call(xAxis);
    const yAxis = axisLeft(y).ticks(5).tickSizeOuter(0);
    if (yFormat) yAxis.ticks(5, yFormat);
    select(yRef.current!).call(yAxis);
  });
  return (
    <g className="chart-axes">
      <g ref={xRef} transform={`translate(0,${innerH})`} />
      <g ref={yRef} />
      <text className="axis-label" x={innerW / 2} y={innerH + 32} textAnchor="middle">
        {xLabel}
      </text>
      <text className="axis-label" transform={`translate(${-38},${innerH / 2}) rotate(-90)`} textAnchor="middle">
        {yLabel}
      </text>
    </g>
  );
}
