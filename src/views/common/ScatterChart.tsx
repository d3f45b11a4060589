import { scaleLinear } from 'd3-scale';
import { CHART_MARGIN, ChartAxes } from './ChartAxes';

export interface ScatterPoint {
  x: number;
  y: number;
  color: string;
  /** radius in pixels */
  r?: number;
  /** drawn as a ring */
  hollow?: boolean;
  title: string;
}

export interface ScatterChartProps {
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  xDomain?: [number, number];
  yDomain?: [number, number];
  xIntegers?: boolean;
  width: number;
  height: number;
  /** the point under the pointer, or null */
  onHover?: (index: number | null) => void;
  /** the point to ring */
  highlighted?: number | null;
  label: string;
  testId?: string;
  /** legend entries: colour and name */
  legend?: { color: string; name: string; hollow?: boolean }[];
}

/** Points on d3 scales and axes; hovering one reports its index. */
export function ScatterChart(props: ScatterChartProps) {
  const { points, xLabel, yLabel, width, height, onHover, highlighted, label, testId, legend } = props;
  const innerW = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const innerH = height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const pad = (lo: number, hi: number): [number, number] => {
    const m = (hi - lo) * 0.05 || 1;
    return [lo - m, hi + m];
  };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = scaleLinear()
    .domain(props.xDomain ?? pad(Math.min(...xs), Math.max(...xs)))
    .range([0, innerW]);
  const y = scaleLinear()
    .domain(props.yDomain ?? pad(Math.min(...ys), Math.max(...ys)))
    .nice()
    .range([innerH, 0]);
  const h = highlighted !== null && highlighted !== undefined ? points[highlighted] : null;
  return (
    <figure className="chart" data-testid={testId}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        className="chart-svg"
        role="img"
        aria-label={label}
        onMouseLeave={() => onHover?.(null)}
      >
        <g transform={`translate(${CHART_MARGIN.left},${CHART_MARGIN.top})`}>
          <ChartAxes x={x} y={y} width={width} height={height} xLabel={xLabel} yLabel={yLabel} xIntegers={props.xIntegers} />
          {points.map((p, i) => (
            <circle
              key={i}
              cx={x(p.x)}
              cy={y(p.y)}
              r={p.r ?? 3}
              fill={p.hollow ? 'none' : p.color}
              stroke={p.color}
              strokeWidth={p.hollow ? 1.5 : 0.5}
              fillOpacity={0.8}
              onMouseEnter={() => onHover?.(i)}
            >
              <title>{p.title}</title>
            </circle>
          ))}
          {h && (
            <circle
              cx={x(h.x)}
              cy={y(h.y)}
              r={(h.r ?? 3) + 4}
              fill="none"
              stroke="currentColor"
              strokeWidth={2}
              pointerEvents="none"
            />
          )}
        </g>
      </svg>
      {legend && (
        <figcaption className="chart-legend">
          {legend.map((l) => (
            <span key={l.name}>
              <i
                style={l.hollow ? { border: `2px solid ${l.color}`, background: 'none' } : { background: l.color }}
                className="dot"
              />{' '}
              {l.name}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
