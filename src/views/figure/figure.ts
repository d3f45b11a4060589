/** A figure as plain data: what svgWriter and pngRenderer draw, independent of the page it came from. */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A raster of RGBA pixels (a heatmap at one pixel per cell, or an image at the canvas's resolution). */
export interface Pixels {
  width: number;
  height: number;
  /** row-major RGBA, width × height × 4 */
  data: Uint8ClampedArray;
}

/** A canvas's pixels stretched over a box; `cells` marks a heatmap whose pixels are its cells (no smoothing). */
export interface RasterLayer {
  kind: 'raster';
  box: Box;
  pixels: Pixels;
  cells: boolean;
  /** the source canvas, when there is one: the PNG draws it directly */
  source?: CanvasImageSource;
}

/** Vector markup already positioned in its own box: an axis, a chart, a legend's ticks (self-contained SVG). */
export interface VectorLayer {
  kind: 'vector';
  box: Box;
  svg: string;
}

export interface TextLayer {
  kind: 'text';
  /** left, baseline */
  x: number;
  y: number;
  text: string;
  fontSize: number;
  fontWeight: string;
  /** the page's font for this text (a tensor name in monospace), as CSS font-family */
  fontFamily: string;
  color: string;
  anchor: 'start' | 'middle' | 'end';
  /** degrees, about (x, y) */
  rotate: number;
}

export type FigureLayer = RasterLayer | VectorLayer | TextLayer;

export interface Figure {
  /** one line naming the panel, model, image, layer, head and colour range */
  title: string;
  /** CSS pixels */
  width: number;
  height: number;
  background: string;
  foreground: string;
  fontFamily: string;
  layers: FigureLayer[];
}

/** A heatmap drawn as vector cells when it is small; above this many cells it is embedded as one image. */
export const VECTOR_CELL_LIMIT = 4096;

export const TITLE_BAND = 38;
/** the title's baseline and size, in the band above the panel's drawings */
export const TITLE_BASELINE = 22;
export const TITLE_SIZE = 13;
export const MARGIN = 12;

/** Whether a raster layer is written as <rect> cells rather than an embedded PNG. */
export function asVectorCells(layer: RasterLayer): boolean {
  return layer.cells && layer.pixels.width * layer.pixels.height <= VECTOR_CELL_LIMIT;
}

/** A file name from the figure's subject: letters, digits, dot, dash and underscore only, at most 120 characters. */
export function figureFileName(parts: readonly (string | null | undefined)[], extension: 'svg' | 'png'): string {
  const stem = parts
    .filter((p): p is string => !!p && p.trim() !== '')
    .join('-')
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120)
    .replace(/[-.]+$/g, '');
  return `${stem || 'figure'}.${extension}`;
}
