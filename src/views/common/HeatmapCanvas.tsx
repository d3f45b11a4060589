import { useEffect, useRef, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { useZoom, ZoomBar } from './useZoom';
import { arrayKey } from './arrayKey';
import { paintValues, type Interpolator, type ScaleKind } from './colorLut';
import { lutOf } from './palette';

export interface Cell {
  row: number;
  col: number;
}

export interface HeatmapCanvasProps {
  /** row-major values, rows × cols */
  values: Float32Array;
  rows: number;
  cols: number;
  /** value range mapped onto the colour map; values outside are clamped */
  domain: [number, number];
  interpolator: Interpolator;
  /** displayed width and height in CSS pixels (cells are stretched to fit) */
  width: number;
  height: number;
  /** linear or log colour scale */
  scale?: ScaleKind;
  /** the cell under the pointer (or keyboard cursor), null when it leaves */
  onHoverCell?: (cell: Cell | null) => void;
  /** a click (or Enter) locks a cell so its numbers can be read; clicking it again unlocks */
  onSelectCell?: (cell: Cell) => void;
  /** the cell to outline */
  marked?: Cell | null;
  /** a row to mark across the whole map (e.g. the selected query token) */
  highlightRow?: number | null;
  label: string;
  testId?: string;
  /** the id of the element that reads the marked cell out (the text alternative of the map) */
  describedBy?: string;
  /** offer zoom and pan (by default for maps of 100 rows or columns and more, e.g. 197 or 1024 tokens) */
  zoomable?: boolean;
}

export const ZOOM_FROM = 100;

/** A dense heatmap on one persistent canvas: one pixel per cell, scaled up without smoothing. */
export function HeatmapCanvas({
  values,
  rows,
  cols,
  domain,
  interpolator,
  width,
  height,
  scale = 'linear',
  onHoverCell,
  onSelectCell,
  marked,
  highlightRow,
  label,
  testId,
  describedBy,
  zoomable = Math.max(rows, cols) >= ZOOM_FROM,
}: HeatmapCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const imageRef = useRef<ImageData | null>(null);
  const lut = lutOf(interpolator);
  const zoom = useZoom();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // resizing a canvas reallocates it: only when the shape changes
    if (canvas.width !== cols || canvas.height !== rows) {
      canvas.width = cols;
      canvas.height = rows;
    }
    const ctx = canvas.getContext('2d')!;
    if (imageRef.current?.width !== cols || imageRef.current.height !== rows) imageRef.current = ctx.createImageData(cols, rows);
    paintValues(values, domain, lut, imageRef.current.data, scale);
    ctx.putImageData(imageRef.current, 0, 0);
    // keyed on the array's memory (see arrayKey), not on the view object
  }, [arrayKey(values), rows, cols, domain[0], domain[1], lut, scale]);

  const cellAt = (event: MouseEvent<HTMLCanvasElement>): Cell | null => {
    const box = event.currentTarget.getBoundingClientRect();
    const col = Math.floor(((event.clientX - box.left) / box.width) * cols);
    const row = Math.floor(((event.clientY - box.top) / box.height) * rows);
    return row >= 0 && row < rows && col >= 0 && col < cols ? { row, col } : null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const current = marked ?? { row: 0, col: 0 };
    const moves: Record<string, Cell> = {
      ArrowUp: { row: Math.max(0, current.row - 1), col: current.col },
      ArrowDown: { row: Math.min(rows - 1, current.row + 1), col: current.col },
      ArrowLeft: { row: current.row, col: Math.max(0, current.col - 1) },
      ArrowRight: { row: current.row, col: Math.min(cols - 1, current.col + 1) },
    };
    const next = moves[event.key];
    if (next) {
      event.preventDefault();
      onSelectCell?.(next);
    }
  };

  // sizes in percent of the drawn map, so it can shrink to the width it is given (and grow when zoomed)
  const pct = (part: number, whole: number) => `${(part / whole) * 100}%`;
  const map = (
    <div className="heatmap" style={zoomable ? { width: `${zoom.factor * 100}%` } : { width, maxWidth: '100%' }}>
      <canvas
        ref={canvasRef}
        data-testid={testId}
        role="img"
        aria-label={label}
        aria-describedby={describedBy}
        tabIndex={0}
        style={{ width: '100%', aspectRatio: `${width} / ${height}` }}
        // a mouse or pen hovers; a finger taps (the click below), which locks the cell as a click does
        onPointerMove={(e: PointerEvent<HTMLCanvasElement>) => {
          if (e.pointerType !== 'touch') onHoverCell?.(cellAt(e));
        }}
        onPointerLeave={(e: PointerEvent<HTMLCanvasElement>) => {
          if (e.pointerType !== 'touch') onHoverCell?.(null);
        }}
        onClick={(e) => {
          const cell = cellAt(e);
          if (cell) onSelectCell?.(cell);
        }}
        onKeyDown={onKeyDown}
      />
      {marked && (
        <div
          className="heatmap-mark"
          style={{
            left: pct(marked.col, cols),
            top: pct(marked.row, rows),
            width: `max(${pct(1, cols)}, 3px)`,
            height: `max(${pct(1, rows)}, 3px)`,
          }}
        />
      )}
      {highlightRow !== undefined && highlightRow !== null && (
        <div
          className="heatmap-row"
          style={{ top: pct(highlightRow, rows), height: `max(${pct(1, rows)}, 2px)`, width: '100%' }}
        />
      )}
    </div>
  );
  if (!zoomable) return map;
  return (
    <div className="heatmap-zoom" style={{ width, maxWidth: '100%' }}>
      <ZoomBar zoom={zoom} testId={testId} />
      <div
        ref={zoom.viewportRef}
        className="heatmap-viewport"
        data-testid={testId ? `${testId}-viewport` : undefined}
        style={{ aspectRatio: `${width} / ${height}` }}
        {...zoom.handlers}
      >
        {map}
      </div>
    </div>
  );
}
