import { useEffect, useRef } from 'react';
import { axisBottom } from 'd3-axis';
import { scaleLinear, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { logFloor, paintValues, type Interpolator, type ScaleKind } from './colorLut';
import { lutOf } from './palette';
import { t } from '../../i18n';

export interface ColorLegendProps {
  domain: [number, number];
  interpolator: Interpolator;
  width: number;
  title: string;
  scale?: ScaleKind;
}

/** A colour bar with a d3 axis underneath. */
export function ColorLegend({ domain, interpolator, width, title, scale: kind = 'linear' }: ColorLegendProps) {
  const barRef = useRef<HTMLCanvasElement>(null);
  const axisRef = useRef<SVGGElement>(null);

  useEffect(() => {
    const canvas = barRef.current!;
    // one pixel of the bar per device pixel: crisp on high-density screens
    const pixels = Math.max(2, Math.round(width * (window.devicePixelRatio || 1)));
    canvas.width = pixels;
    canvas.height = 1;
    const ctx = canvas.getContext('2d')!;
    const bar = ctx.createImageData(pixels, 1);
    const ramp = Array.from({ length: pixels }, (_, x) => (x / (pixels - 1)) * 255);
    paintValues(ramp, [0, 255], lutOf(interpolator), bar.data);
    ctx.putImageData(bar, 0, 0);
  }, [interpolator, width]);

  useEffect(() => {
    const axis =
      kind === 'log'
        ? axisBottom(
            scaleLog()
              .domain([logFloor(domain), domain[1]])
              .range([0, width - 1]),
          ).ticks(4, '.0e')
        : axisBottom(
            scaleLinear()
              .domain(domain)
              .range([0, width - 1]),
          ).ticks(Math.max(2, Math.floor(width / 50)));
    select(axisRef.current!).call(axis.tickSizeOuter(0));
    // the domain's two numbers, not the array object, decide a redraw
  }, [domain[0], domain[1], width, kind]);

  return (
    <figure className="legend" data-domain={`${domain[0]},${domain[1]}`} aria-label={t('legend.label', { title, lo: domain[0], hi: domain[1] })}>
      {title && <figcaption>{title}</figcaption>}
      <canvas ref={barRef} aria-hidden style={{ width, height: 12, display: 'block' }} />
      <svg width={width + 20} height={22} style={{ overflow: 'visible' }} aria-hidden>
        <g ref={axisRef} />
      </svg>
    </figure>
  );
}
