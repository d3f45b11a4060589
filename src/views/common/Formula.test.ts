import { describe, expect, it, vi } from 'vitest';
import katex from 'katex';
import { typesetFormula } from './Formula';

type Katex = Parameters<typeof typesetFormula>[0];

describe('typesetFormula', () => {
  it("is KaTeX's HTML, typeset once per TeX and display mode", () => {
    const renderToString = vi.fn(katex.renderToString);
    const k = { renderToString } as unknown as Katex;
    const tex = String.raw`\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d}}\right)V`;
    const first = typesetFormula(k, tex, true);
    expect(first).toBe(katex.renderToString(tex, { displayMode: true, throwOnError: false, output: 'html' }));
    expect(typesetFormula(k, tex, true)).toBe(first);
    expect(renderToString).toHaveBeenCalledTimes(1);
    const inline = typesetFormula(k, tex, false);
    expect(inline).not.toBe(first);
    expect(renderToString).toHaveBeenCalledTimes(2);
  });

  it('forgets the oldest formulas once 256 are kept', () => {
    const renderToString = vi.fn((tex: string) => `<span>${tex}</span>`);
    const k = { renderToString } as unknown as Katex;
    for (let i = 0; i < 300; i++) typesetFormula(k, `x_{${i}}`, true);
    expect(renderToString).toHaveBeenCalledTimes(300);
    typesetFormula(k, 'x_{299}', true); // kept
    expect(renderToString).toHaveBeenCalledTimes(300);
    typesetFormula(k, 'x_{0}', true); // forgotten, typeset again
    expect(renderToString).toHaveBeenCalledTimes(301);
  });
});
