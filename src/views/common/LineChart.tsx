import { scaleLinear } from 'd3-scale';
import { CHART_MARGIN, ChartAxes } from './ChartAxes';

export interface Series {
  name: string;
  color: string;
  xs: number[];
  ys: number[];
  dashed?: boolean;
}

export interface LineChartProps {
  series: Series[];
  xLabel: string;
  yLabel: string;
  /** the y range; the data's extent when absent */
  yDomain?: [number, number];
  xIntegers?: boolean;
  width: number;
  height: number;
  label: string;
  testId?: string;
}

/** Lines with dots on d3 scales and axes, and a legend of the series' names. */
export function LineChart({ series, xLabel, yLabel, yDomain, xIntegers, width, height, label, testId }: LineChartProps) {
  const innerW = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const innerH = height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const allX = series.flatMap((s) => s.xs);
  const allY = series.flatMap((s) => s.ys);
  const x = scaleLinear()
    .domain([Math.min(...allX), Math.max(...allX)])
    .range([0, innerW]);
  const y = scaleLinear()
    .domain(yDomain ?? [Math.min(0, ...allY), Math.max(...allY)])
    .nice()
    .range([innerH, 0]);
  return (
    <figure className="chart" data-testid={testId}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="chart-svg" role="img" aria-label={label}>
        <g transform={`translate(${CHART_MARGIN.left},${CHART_MARGIN.top})`}>
          <ChartAxes x={x} y={y} width={width} height={height} xLabel={xLabel} yLabel={yLabel} xIntegers={xIntegers} />
          {series.map((s) => (
            <g key={s.name}>
              <path
                d={s.xs.map((xv, i) => `${i ? 'L' : 'M'}${x(xv).toFixed(1)},${y(s.ys[i]!).toFixed(1)}`).join('')}
                fill="none"
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '5 4' : undefined}
              />
              {s.xs.length <= 40 &&
                s.xs.map((xv, i) => (
                  <circle key={i} cx={x(xv)} cy={y(s.ys[i]!)} r={2.5} fill={s.color}>
                    <title>{`${s.name}: ${xLabel} ${xv.toFixed(2)}, ${yLabel} ${s.ys[i]!.toFixed(3)}`}</title>
                  </circle>
                ))}
            </g>
          ))}
        </g>
      </svg>
      <figcaption className="chart-legend">
        {series.map((s) => (
          <span key={s.name}>
            <i style={{ background: s.color }} className={s.dashed ? 'dashed' : undefined} /> {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
