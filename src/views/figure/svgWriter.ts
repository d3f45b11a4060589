import { asVectorCells, MARGIN, TITLE_BASELINE, TITLE_SIZE, type Figure, type RasterLayer, type TextLayer } from './figure';
import { pngDataUrl } from './pngEncode';

/** Text as XML character data or an attribute value: markup characters escaped, characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const num = (v: number) => String(Math.round(v * 100) / 100);

function hex(data: Uint8ClampedArray, i: number): string {
  return `#${((1 << 24) | (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!).toString(16).slice(1)}`;
}

/** A small heatmap as one <rect> per run of equal cells in a row: vector cells that stay sharp at any zoom. */
function vectorCells({ box, pixels }: RasterLayer): string {
  const { width: cols, height: rows, data } = pixels;
  const cw = box.width / cols;
  const ch = box.height / rows;
  const rects: string[] = [];
  for (let r = 0; r < rows; r++) {
    let c = 0;
    while (c < cols) {
      const i = (r * cols + c) * 4;
      let run = 1;
      while (c + run < cols && data.subarray(i, i + 4).every((v, k) => data[i + run * 4 + k] === v)) run++;
      const alpha = data[i + 3]!;
      if (alpha > 0)
        rects.push(
          `<rect x="${num(box.x + c * cw)}" y="${num(box.y + r * ch)}" width="${num(run * cw)}" height="${num(ch)}" fill="${hex(data, i)}"${
            alpha < 255 ? ` fill-opacity="${num(alpha / 255)}"` : ''
          }/>`,
        );
      c += run;
    }
  }
  return `<g shape-rendering="crispEdges">${rects.join('')}</g>`;
}

function embeddedImage(layer: RasterLayer): string {
  const { box, cells } = layer;
  // a heatmap keeps one image pixel per cell; the viewer enlarges it without blurring cells together
  const rendering = cells ? ' style="image-rendering:pixelated;image-rendering:crisp-edges" image-rendering="optimizeSpeed"' : '';
  return `<image x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" preserveAspectRatio="none"${rendering} href="${pngDataUrl(
    layer.pixels,
  )}"/>`;
}

function text(layer: TextLayer): string {
  const rotate = layer.rotate ? ` transform="rotate(${num(layer.rotate)} ${num(layer.x)} ${num(layer.y)})"` : '';
  return `<text x="${num(layer.x)}" y="${num(layer.y)}" font-size="${num(layer.fontSize)}" font-weight="${escapeXml(layer.fontWeight)}" font-family="${escapeXml(layer.fontFamily)}" fill="${escapeXml(
    layer.color,
  )}" text-anchor="${layer.anchor}"${rotate}>${escapeXml(layer.text)}</text>`;
}

/** The figure as a standalone SVG document, sized for Inkscape and Illustrator (width, height and viewBox in CSS px). */
export function writeSvg(figure: Figure): string {
  const { width, height } = figure;
  const body = figure.layers.map((layer) => {
    if (layer.kind === 'text') return text(layer);
    if (layer.kind === 'vector') return `<g transform="translate(${num(layer.box.x)},${num(layer.box.y)})">${layer.svg}</g>`;
    return asVectorCells(layer) ? vectorCells(layer) : embeddedImage(layer);
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${num(width)}" height="${num(
      height,
    )}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${escapeXml(figure.fontFamily)}">`,
    `<title>${escapeXml(figure.title)}</title>`,
    `<rect width="${num(width)}" height="${num(height)}" fill="${escapeXml(figure.background)}"/>`,
    `<text x="${MARGIN}" y="${TITLE_BASELINE}" font-size="${TITLE_SIZE}" font-weight="600" fill="${escapeXml(figure.foreground)}" data-figure-title="">${escapeXml(
      figure.title,
    )}</text>`,
    ...body,
    '</svg>',
  ].join('\n');
}
