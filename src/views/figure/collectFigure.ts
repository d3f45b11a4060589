import { MARGIN, TITLE_BAND, TITLE_SIZE, type Box, type Figure, type FigureLayer, type TextLayer } from './figure';

/** Text that belongs to a figure: captions, axis labels, the overview's head and layer names, legend entries. */
const TEXT_SELECTOR = 'figcaption, .axis-label, .overview-heads > span, .overview-layers > span, [data-figure-text]';
/** Parts of a panel that are never drawn into its figure: controls, formulas, the export control itself. */
const SKIP_SELECTOR = '.figure-export, .katex, button:not(:has(canvas)), select, input, .zoom-bar, [data-figure-skip]';
/** Presentation properties copied onto each cloned SVG element, so the file looks as the page does without its CSS. */
const SVG_STYLE = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-size',
  'font-weight',
  'font-family',
  'text-anchor',
  'dominant-baseline',
  'display',
  'visibility',
];

const skipped = (el: Element) => el.closest(SKIP_SELECTOR) !== null;

function relative(rect: DOMRect, origin: DOMRect): Box {
  return { x: rect.left - origin.left, y: rect.top - origin.top, width: rect.width, height: rect.height };
}

function contentBox(outer: Box, style: CSSStyleDeclaration): Box {
  const px = (v: string) => parseFloat(v) || 0;
  const left = px(style.borderLeftWidth) + px(style.paddingLeft);
  const top = px(style.borderTopWidth) + px(style.paddingTop);
  const right = px(style.borderRightWidth) + px(style.paddingRight);
  const bottom = px(style.borderBottomWidth) + px(style.paddingBottom);
  return { x: outer.x + left, y: outer.y + top, width: outer.width - left - right, height: outer.height - top - bottom };
}

function visible(rect: DOMRect): boolean {
  return rect.width > 0 && rect.height > 0;
}

function inlineSvg(svg: SVGSVGElement, box: Box): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((el, i) => {
    const copy = copies[i]!;
    const style = getComputedStyle(el);
    for (const prop of SVG_STYLE) {
      const value = style.getPropertyValue(prop);
      if (value) copy.setAttribute(prop, value);
    }
    copy.removeAttribute('class');
    copy.removeAttribute('style');
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  clone.setAttribute('overflow', 'visible');
  for (const attr of ['role', 'aria-label', 'aria-hidden', 'data-testid', 'tabindex']) clone.removeAttribute(attr);
  return new XMLSerializer().serializeToString(clone);
}

/** Runs of adjacent text nodes (React writes `h{j}` as two): each run is one piece of text. */
function textRuns(holder: Element): Text[][] {
  const runs: Text[][] = [];
  for (const el of [holder, ...holder.querySelectorAll('*')]) {
    let run: Text[] = [];
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) run.push(node as Text);
      else if (run.length) {
        runs.push(run);
        run = [];
      }
    }
    if (run.length) runs.push(run);
  }
  return runs;
}

function textLayers(root: HTMLElement, origin: DOMRect): { layer: TextLayer; box: Box }[] {
  const out: { layer: TextLayer; box: Box }[] = [];
  const seen = new Set<Element>();
  for (const holder of root.querySelectorAll(TEXT_SELECTOR)) {
    if (skipped(holder) || [...seen].some((s) => s.contains(holder))) continue;
    seen.add(holder);
    for (const run of textRuns(holder)) {
      const text = run.map((n) => n.data).join('').replace(/\s+/g, ' ').trim();
      const parent = run[0]!.parentElement;
      if (!text || !parent || skipped(parent) || parent.closest('svg')) continue;
      const range = document.createRange();
      range.setStartBefore(run[0]!);
      range.setEndAfter(run[run.length - 1]!);
      const rect = range.getBoundingClientRect();
      if (!visible(rect)) continue;
      const style = getComputedStyle(parent);
      const fontSize = parseFloat(style.fontSize) || 12;
      const box = relative(rect, origin);
      const vertical = style.writingMode.startsWith('vertical');
      out.push({
        box,
        layer: {
          kind: 'text',
          x: box.x + (vertical ? box.width / 2 + fontSize * 0.35 : box.width / 2),
          y: vertical ? box.y + box.height / 2 : box.y + box.height / 2 + fontSize * 0.35,
          text,
          fontSize,
          fontWeight: style.fontWeight,
          fontFamily: style.fontFamily,
          color: style.color,
          anchor: 'middle',
          rotate: vertical ? -90 : 0,
        },
      });
    }
  }
  return out;
}

function opaqueBackground(el: HTMLElement | null): string {
  for (let at = el; at; at = at.parentElement) {
    const bg = getComputedStyle(at).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

/**
 * A panel's figure, read from what it drew: its canvases (pixels as they are on the page), its SVG
 * charts and axes (cloned with their computed styles), its legend swatches and captions, laid out as
 * on the page below a title band.
 */
export function collectFigure(root: HTMLElement, title: string): Figure {
  const origin = root.getBoundingClientRect();
  const items: { layer: FigureLayer; box: Box }[] = [];
  for (const canvas of root.querySelectorAll('canvas')) {
    const rect = canvas.getBoundingClientRect();
    if (skipped(canvas) || !visible(rect) || canvas.width === 0 || canvas.height === 0) continue;
    const ctx = canvas.getContext('2d');
    if (!ctx) continue;
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const style = getComputedStyle(canvas);
    const border = parseFloat(style.borderTopWidth) || 0;
    const outer = relative(rect, origin);
    // the pixels fill the content box; the page's frame around it is drawn as a vector line
    const box = contentBox(outer, style);
    if (border > 0)
      items.push({
        box: outer,
        layer: {
          kind: 'vector',
          box: outer,
          svg: `<rect x="${border / 2}" y="${border / 2}" width="${outer.width - border}" height="${outer.height - border}" fill="none" stroke="${style.borderTopColor}" stroke-width="${border}"/>`,
        },
      });
    // a canvas enlarged without smoothing shows its pixels as cells (the heatmaps)
    const cells = style.imageRendering === 'pixelated' && canvas.width <= box.width && canvas.height <= box.height;
    items.push({
      box,
      layer: { kind: 'raster', box, pixels: { width: image.width, height: image.height, data: image.data }, cells, source: canvas },
    });
  }
  for (const svg of root.querySelectorAll('svg')) {
    const rect = svg.getBoundingClientRect();
    if (skipped(svg) || !visible(rect) || svg.parentElement?.closest('svg')) continue;
    const box = relative(rect, origin);
    // the figure's edge takes in what reaches outside the SVG's box (a legend's first and last tick labels)
    const reach = [rect, ...[...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect()).filter(visible)];
    const left = Math.min(...reach.map((r) => r.left));
    const top = Math.min(...reach.map((r) => r.top));
    const extent = {
      x: left - origin.left,
      y: top - origin.top,
      width: Math.max(...reach.map((r) => r.right)) - left,
      height: Math.max(...reach.map((r) => r.bottom)) - top,
    };
    items.push({ box: extent, layer: { kind: 'vector', box, svg: inlineSvg(svg, box) } });
  }
  for (const swatch of root.querySelectorAll<HTMLElement>('.chart-legend i')) {
    const rect = swatch.getBoundingClientRect();
    if (!visible(rect)) continue;
    const box = relative(rect, origin);
    const style = getComputedStyle(swatch);
    const fill = style.backgroundColor.startsWith('rgba(0, 0, 0, 0)') ? style.color : style.backgroundColor;
    const rx = parseFloat(style.borderTopLeftRadius) || 0;
    items.push({
      box,
      layer: { kind: 'vector', box, svg: `<rect width="${box.width}" height="${box.height}" rx="${rx}" fill="${fill}"/>` },
    });
  }
  items.push(...textLayers(root, origin));
  if (items.length === 0) throw new Error('this panel has nothing drawn to export');

  const left = Math.min(...items.map((i) => i.box.x));
  const top = Math.min(...items.map((i) => i.box.y));
  const right = Math.max(...items.map((i) => i.box.x + i.box.width));
  const bottom = Math.max(...items.map((i) => i.box.y + i.box.height));
  const dx = MARGIN - left;
  const dy = TITLE_BAND - top;
  const style = getComputedStyle(root);
  const titleWidth = measure(title, `600 ${TITLE_SIZE}px ${style.fontFamily}`);
  return {
    title,
    width: Math.ceil(Math.max(right - left, titleWidth) + 2 * MARGIN),
    height: Math.ceil(bottom - top + TITLE_BAND + MARGIN),
    background: opaqueBackground(root),
    foreground: style.color,
    fontFamily: style.fontFamily,
    layers: items.map(({ layer }) => shift(layer, dx, dy)),
  };
}

function shift(layer: FigureLayer, dx: number, dy: number): FigureLayer {
  if (layer.kind === 'text') return { ...layer, x: layer.x + dx, y: layer.y + dy };
  return { ...layer, box: { ...layer.box, x: layer.box.x + dx, y: layer.box.y + dy } };
}

function measure(text: string, font: string): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return text.length * 7;
  ctx.font = font;
  return ctx.measureText(text).width;
}
