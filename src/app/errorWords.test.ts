import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage, t } from '../i18n';
import { inputErrors } from '../i18n/locales/en/inputErrors';
import { ImageFileError, sniffImage, type ImageProblem } from '../platform/imageSniff';
import { errorWords } from './errorWords';

const SAMPLE = { width: 12000, height: 9000, mp: 108, max: 100, format: 'PNG' };

describe("an error in the page's words", () => {
  afterEach(() => switchLanguage('en'));

  it("says each image problem in the catalogue's English exactly as the engine's message does", () => {
    const problems = Object.keys(inputErrors.imageErrors).filter((k) => k !== 'file') as ImageProblem[];
    expect(problems.length).toBeGreaterThan(15);
    for (const problem of problems) {
      const error = new ImageFileError('cat.png', problem, SAMPLE);
      expect(errorWords(error), problem).toBe(error.message);
      expect(`cat.png: ${t(`imageErrors.${problem}`, SAMPLE)}`, problem).toBe(error.message);
      expect(error.message, problem).not.toMatch(/\{\{|undefined/);
    }
  });

  it('says it in Chinese on a Chinese page, with the same numbers', async () => {
    await switchLanguage('zh-CN');
    let thrown: unknown;
    try {
      sniffImage(new TextEncoder().encode('%PDF-1.7 …'), 'paper.pdf');
    } catch (e) {
      thrown = e;
    }
    expect(errorWords(thrown)).toBe('paper.pdf：这是 PDF 文档，不是图像');
    expect(errorWords(new ImageFileError('huge.png', 'tooLarge', SAMPLE))).toMatch(/^huge\.png：图像有 12000 × 9000 像素（108 百万像素）；ViT Lens 最多接受 100 百万像素/);
    expect(errorWords(new Error('something else'))).toBe('something else');
  });
});
