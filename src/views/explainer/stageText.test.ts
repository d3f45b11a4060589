import { describe, expect, it } from 'vitest';
import { prefixDescription, type ModelDims } from '../../analysis/modelDims';
import { makeTokenLayout, type PrefixToken } from '../../model/tokenLayout';
import { STAGE_TEXT } from './stageText';

const dimsWith = (prefix: PrefixToken[], hasPos = true): ModelDims => {
  const layout = makeTokenLayout(prefix, 2, 2, hasPos);
  return { layout, S: 8, P: 4, g: 2, N: 4, T: layout.numTokens, D: 8, h: 2, d: 4, M: 16, C: 3, hasPos, pooling: 'cls', act: 'GELU', actTex: '\\operatorname{GELU}' };
};
const CLS: PrefixToken = { kind: 'cls', name: '[CLS]' };
const DIST: PrefixToken = { kind: 'dist', name: '[DIST]' };
const regs = [1, 2, 3, 4].map((i): PrefixToken => ({ kind: 'reg', name: `[REG${i}]` }));

describe('the stage texts name the prefix tokens from the layout', () => {
  it('no prefix, [CLS], [CLS] + [DIST], [CLS] + 4 registers', () => {
    expect(STAGE_TEXT.patches.summary(dimsWith([]))).not.toContain('token 0');
    expect(STAGE_TEXT.patches.summary(dimsWith([CLS, DIST]))).toContain(
      "token 0, an extra learned [CLS] token that gathers the whole image for the classifier; token 1, DeiT's distillation token [DIST]",
    );
    expect(STAGE_TEXT.position.summary(dimsWith([CLS]))).toContain('The [CLS] token is put in front first, giving 5 tokens.');
    expect(STAGE_TEXT.position.summary(dimsWith([CLS, DIST]))).toContain(
      '[CLS] and [DIST] are put in front first, giving 6 tokens.',
    );
    expect(STAGE_TEXT.position.summary(dimsWith([CLS, ...regs], false))).toContain('[CLS] and 4 registers are put in front');
    expect(STAGE_TEXT.position.formula(dimsWith([CLS, ...regs]))).toContain('x_{\\text{reg4}};\\;z_1');
    expect(STAGE_TEXT.position.formula(dimsWith([]))).toMatch(/^X_0 = \[z_1/);
    expect(prefixDescription(makeTokenLayout([CLS, regs[0]!], 1, 1))).toBe('[CLS] + a register');
  });

  it("the MLP stage names the model's own activation", () => {
    const m = { ...dimsWith([CLS]), act: 'SwiGLU', actTex: '\\operatorname{SwiGLU}' };
    expect(STAGE_TEXT.mlp.summary(m)).toContain('apply SwiGLU');
    expect(STAGE_TEXT.mlp.formula(m)).toContain('\\operatorname{SwiGLU}(W_1');
  });
});
