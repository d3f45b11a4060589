import { describe, expect, it } from 'vitest';
import { figureFileName, type Figure, type Pixels } from './figure';
import { escapeXml, writeSvg } from './svgWriter';
import { decodePng } from './pngDecode.testing';

const HOSTILE = `ViT"/><script>alert(1)</script><svg onload='x()'>&amp; \u0000\u0007 –]]> 模型`;

function grid(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

function figure(layers: Figure['layers'], title = 'Attention weights · default · cat.png'): Figure {
  return { title, width: 300, height: 200, background: '#ffffff', foreground: '#222222', fontFamily: 'system-ui, sans-serif', layers };
}

/** Every tag the document holds, and every attribute name on it. */
function tags(svg: string): { name: string; attrs: string[] }[] {
  return [...svg.matchAll(/<([/?]?[\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*\/?\??>/g)].map((m) => ({
    name: m[1]!,
    attrs: [...m[2]!.matchAll(/([\w:-]+)="/g)].map((a) => a[1]!),
  }));
}

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

describe('writeSvg', () => {
  it('states width, height and viewBox, and names the figure in a <title> and visible text', () => {
    const svg = writeSvg(figure([]));
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('width="300" height="200" viewBox="0 0 300 200"');
    expect(svg).toContain('<title>Attention weights · default · cat.png</title>');
    expect(svg).toMatch(/<text [^>]*data-figure-title="">Attention weights · default · cat.png<\/text>/);
  });

  it('writes user-named text (model, file names) as text: no element, attribute or entity gets in', () => {
    const svg = writeSvg(
      figure(
        [{ kind: 'text', x: 10, y: 20, text: HOSTILE, fontSize: 12, fontWeight: '400" onclick="x()', fontFamily: 'mono"><script>', color: 'red"/><script>', anchor: 'middle', rotate: -90 }],
        HOSTILE,
      ),
    );
    const found = tags(svg);
    // the whole document is accounted for by well-formed tags: nothing half-open was injected
    expect(svg.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]/);
    expect(new Set(found.map((t) => t.name.replace(/^\//, '')))).toEqual(new Set(['?xml', 'svg', 'title', 'rect', 'text']));
    expect(found.flatMap((t) => t.attrs).filter((a) => /^on/i.test(a))).toEqual([]);
    expect(svg).not.toMatch(/<script/i);
    const clean = HOSTILE.replace(/[\u0000\u0007]/g, '');
    const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!));
    expect(texts).toEqual([clean, clean]);
    expect(unescape(/<title>([^<]*)<\/title>/.exec(svg)![1]!)).toBe(clean);
  });

  it('escapes markup and drops characters XML 1.0 forbids', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(escapeXml('x\u0000\u001f\uFFFEy\n\tz')).toBe('xy\n\tz');
    expect(escapeXml('lone \uD800 surrogate, pair 😀')).toBe('lone  surrogate, pair 😀');
  });

  it('draws a small heatmap as vector cells, one rect per run of equal cells, in its colours', () => {
    const pixels = grid(4, 2, (x, y) => (y === 0 ? [255, 0, 0, 255] : x < 2 ? [0, 0, 255, 255] : [0, 255, 0, 128]));
    const svg = writeSvg(figure([{ kind: 'raster', box: { x: 10, y: 30, width: 80, height: 40 }, pixels, cells: true }]));
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#\w+)"( fill-opacity="[\d.]+")?\/>/g)];
    expect(rects.map((m) => m.slice(1, 7).map((v) => v ?? ''))).toEqual([
      ['10', '30', '80', '20', '#ff0000', ''],
      ['10', '50', '40', '20', '#0000ff', ''],
      ['50', '50', '40', '20', '#00ff00', ' fill-opacity="0.5"'],
    ]);
    expect(svg).not.toContain('<image');
  });

  it('embeds a dense heatmap as one PNG at one pixel per cell, shown pixelated', () => {
    const pixels = grid(65, 65, (x, y) => [x * 3, y * 3, (x * y) % 256, 255]);
    const svg = writeSvg(figure([{ kind: 'raster', box: { x: 12, y: 30, width: 260, height: 260 }, pixels, cells: true }]));
    const image = /<image x="12" y="30" width="260" height="260" preserveAspectRatio="none" style="image-rendering:pixelated[^"]*"[^>]* href="data:image\/png;base64,([^"]+)"\/>/.exec(svg);
    expect(image).not.toBeNull();
    const back = decodePng(new Uint8Array(Buffer.from(image![1]!, 'base64')));
    expect([back.width, back.height]).toEqual([65, 65]);
    expect(Buffer.from(back.data).equals(Buffer.from(pixels.data))).toBe(true);
    expect(svg).not.toMatch(/<rect x=/);
  });

  it('places vector parts (axes, charts) where they were', () => {
    const svg = writeSvg(figure([{ kind: 'vector', box: { x: 5, y: 6, width: 10, height: 10 }, svg: '<line x2="10"/>' }]));
    expect(svg).toContain('<g transform="translate(5,6)"><line x2="10"/></g>');
  });
});

describe('figureFileName', () => {
  it('keeps letters and digits, turns everything else into single dashes, no path or dot-dot', () => {
    expect(figureFileName(['default', 'cat.png', 'Attention weights', 'L3', 'H1'], 'svg')).toBe('default-cat.png-Attention-weights-L3-H1.svg');
    expect(figureFileName(['../../etc/passwd', '<script>', null, '模型 A'], 'png')).toBe('etc-passwd-script-模型-A.png');
    expect(figureFileName(['', '   '], 'png')).toBe('figure.png');
    expect(figureFileName(['x'.repeat(300)], 'svg')).toBe(`${'x'.repeat(120)}.svg`);
  });
});
