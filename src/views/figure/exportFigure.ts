/** What the export buttons load on first use: collecting the figure and writing SVG or PNG. */
import { downloadBytes } from '../../platform/download';
import { collectFigure } from './collectFigure';
import { figureFileName } from './figure';
import { renderPng, type PngScale } from './pngRenderer';
import { writeSvg } from './svgWriter';

export interface FigureRequest {
  root: HTMLElement;
  title: string;
  /** model, image, panel, layer, head: the file's name, sanitised */
  nameParts: readonly (string | null | undefined)[];
}

/** Downloads the panel's figure; returns the file's name. */
export async function exportFigure(request: FigureRequest, format: 'svg' | 'png', scale: PngScale = 1): Promise<string> {
  const figure = collectFigure(request.root, request.title);
  const parts = format === 'png' ? [...request.nameParts, `${scale}x`] : request.nameParts;
  const fileName = figureFileName(parts, format);
  if (format === 'svg') downloadBytes(new TextEncoder().encode(writeSvg(figure)), fileName, 'image/svg+xml');
  else downloadBytes(await renderPng(figure, scale), fileName, 'image/png');
  return fileName;
}
