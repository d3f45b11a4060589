import { memo, useEffect, useRef } from 'react';
import type { VitTrace } from '../../model/trace';
import { headMatrix } from '../../analysis/attention';
import { extent } from '../../analysis/rows';
import { paintValues, type ScaleKind } from '../common/colorLut';
import { useSequentialLut } from '../common/palette';
import { t, useLang } from '../../i18n';
import { useNearScreen } from '../common/useNearScreen';

const GAP = 4;
/** painting time per task, ms */
const SLICE_MS = 12;

export interface OverviewGridProps {
  trace: VitTrace;
  layer: number;
  head: number;
  scale: ScaleKind;
  onPick: (layer: number, head: number) => void;
}

/**
 * Every layer × head attention map, small, each on its own colour range; a click opens one in the
 * detail views. All maps share one canvas (painted once per trace), so a ViT-B's 144 maps cost one
 * layer on the page, not 144; the buttons over it give keyboard and screen-reader access. It paints only
 * while on or near the screen (a new image costs nothing here until the grid scrolls in), a few maps
 * per task, and not again for what it has already painted.
 */
export const OverviewGrid = memo(function OverviewGrid({ trace, layer, head, scale, onPick }: OverviewGridProps) {
  useLang(); // memo: re-render on its own when the language changes
  const ref = useRef<HTMLCanvasElement>(null);
  const near = useNearScreen(ref);
  const painted = useRef<unknown[]>([]);
  const LUT = useSequentialLut();
  const T = trace.layers[0]!.attn.shape[1]!;
  const L = trace.layers.length;
  const H = trace.config.numHeads;
  const cell = Math.max(28, Math.min(64, Math.floor(560 / H)));
  const width = H * (cell + GAP);
  const height = L * (cell + GAP);

  // the paint under way: its inputs, and how to stop it
  const running = useRef<{ inputs: unknown[]; stop: () => void } | null>(null);

  useEffect(() => {
    const inputs = [trace, scale, T, H, cell, width, height, LUT];
    const same = (other: unknown[] | undefined) => !!other && inputs.every((x, i) => x === other[i]);
    if (!near || same(painted.current) || same(running.current?.inputs)) return;
    running.current?.stop();
    const canvas = ref.current!;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    // Both canvases in the CPU's memory (the hint gives a software canvas): 144 small draws onto a GPU
    // canvas held each frame 151–221 ms on software GL while ViT-B's grid filled in, on the CPU 52–107 ms.
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.imageSmoothingEnabled = T > cell * ratio; // smooth when shrinking a large map, crisp when enlarging
    const tile = document.createElement('canvas');
    tile.width = T;
    tile.height = T;
    const tileCtx = tile.getContext('2d', { willReadFrequently: true })!;
    const image = tileCtx.createImageData(T, T);
    // A few maps per task (ViT-B's 144 took half a second in one): a click that brought the grid
    // near the screen is answered first, and the page stays responsive while the maps fill in.
    let next = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const paintSome = () => {
      const start = performance.now();
      do {
        const i = Math.floor(next / H);
        const j = next % H;
        const values = headMatrix(trace.layers[i]!.attn, j);
        paintValues(values, [0, extent(values)[1] || 1], LUT, image.data, scale);
        tileCtx.putImageData(image, 0, 0);
        ctx.drawImage(tile, j * (cell + GAP) * ratio, i * (cell + GAP) * ratio, cell * ratio, cell * ratio);
        next++;
      } while (next < L * H && performance.now() - start < SLICE_MS);
      if (next < L * H) {
        timer = setTimeout(paintSome, 0);
        return;
      }
      painted.current = inputs;
      running.current = null;
      canvas.dataset.paints = String(Number(canvas.dataset.paints ?? 0) + 1); // for the tests: how many whole paints
    };
    running.current = { inputs, stop: () => clearTimeout(timer) };
    timer = setTimeout(paintSome, 0);
  }, [near, trace, scale, T, H, L, cell, width, height, LUT]);
  useEffect(() => () => running.current?.stop(), []);

  return (
    <div className="overview" data-testid="overview-grid">
      <div className="overview-heads" style={{ marginLeft: 28, width }}>
        {Array.from({ length: H }, (_, j) => (
          <span key={j} style={{ width: cell + GAP }}>
            h{j}
          </span>
        ))}
      </div>
      <div className="overview-body">
        <div className="overview-layers">
          {trace.layers.map((_, i) => (
            <span key={i} style={{ height: cell + GAP }}>
              L{i}
            </span>
          ))}
        </div>
        <div className="overview-maps" style={{ width, height }}>
          <canvas ref={ref} style={{ width, height }} aria-hidden />
          {trace.layers.map((_, i) =>
            Array.from({ length: H }, (_, j) => (
              <button
                key={`${i}-${j}`}
                type="button"
                className={i === layer && j === head ? 'overview-cell active' : 'overview-cell'}
                style={{ left: j * (cell + GAP) - 2, top: i * (cell + GAP) - 2, width: cell + 4, height: cell + 4 }}
                onClick={() => onPick(i, j)}
                aria-label={t('attention.openCell', { layer: i, head: j })}
                data-testid={`overview-${i}-${j}`}
              />
            )),
          )}
        </div>
      </div>
    </div>
  );
});
