/** What each stage does, in plain words, with its formula and this model's tensor shapes.
 *  The words come from the catalogue (src/i18n/locales/…/stages.ts); formulas and shapes stay as they are. */
import type { ModelDims } from '../../analysis/modelDims';
import type { StageId } from '../../state/stages';
import { t } from '../../i18n';

export interface StageText {
  title: string;
  /** a short label for the stepper */
  short: string;
  /** what happens and why, in plain words */
  summary: (m: ModelDims) => string;
  /** KaTeX source */
  formula: (m: ModelDims) => string;
  shapes: (m: ModelDims) => string;
}

/** The prefix tokens by name: "the [CLS] token", "[CLS] and [DIST]", "[CLS] and 4 registers". */
function prefixNames(m: ModelDims): string {
  const p = m.layout.prefix;
  if (p.length === 1) return t('stages.prefix.one', { name: p[0]!.name });
  const registers = p.filter((x) => x.kind === 'reg').length;
  const named = p.filter((x) => x.kind !== 'reg').map((x) => x.name);
  if (registers > 1) named.push(t('stages.prefix.registers', { count: registers }));
  else if (registers === 1) named.push(t('stages.prefix.aRegister'));
  if (named.length === 1) return named[0]!;
  return t('stages.prefix.list', { head: named.slice(0, -1).join(t('stages.prefix.comma')), last: named[named.length - 1] });
}

/** What comes before the patches, for the patches stage's summary. */
function prefixSentence(m: ModelDims): string {
  const p = m.layout.prefix;
  if (p.length === 0) return '';
  return t('stages.prefix.before', {
    list: p
      .map((x, i) => t('stages.prefix.role', { index: i, role: t(`stages.prefix.roles.${x.kind}`) }))
      .join(t('stages.prefix.semicolon')),
  });
}

/** A stage's words, read from the catalogue each time, so they follow the chosen language. */
function stage(id: string, rest: Omit<StageText, 'title' | 'short'>): StageText {
  return {
    get title() {
      return t(`stages.${id}.title`);
    },
    get short() {
      return t(`stages.${id}.short`);
    },
    ...rest,
  };
}

const isAre = (m: ModelDims) => (m.layout.prefix.length > 1 ? 'many' : 'one');

export const STAGE_TEXT: Record<StageId, StageText> = {
  patches: stage('patches', {
    summary: (m) => t('stages.patches.summary', { S: m.S, g: m.g, P: m.P, prefix: prefixSentence(m) }),
    formula: (m) =>
      `x \\in \\mathbb{R}^{3 \\times ${m.S} \\times ${m.S}} \\;\\to\\; ${m.N} \\text{ ${t('stages.patches.formulaPatchesOf')} } 3 \\times ${m.P} \\times ${m.P}`,
    shapes: (m) => `input [3, ${m.S}, ${m.S}] → patches [${m.N}, ${3 * m.P * m.P}]`,
  }),
  'patch-embedding': stage('patch-embedding', {
    summary: (m) => t('stages.patch-embedding.summary', { n: 3 * m.P * m.P, D: m.D }),
    formula: (m) => `z_p = \\operatorname{flatten}(x_p)\\,E + b, \\quad E \\in \\mathbb{R}^{${3 * m.P * m.P} \\times ${m.D}}`,
    shapes: (m) => `patches [${m.N}, ${3 * m.P * m.P}] · E [${3 * m.P * m.P}, ${m.D}] → patch tokens [${m.N}, ${m.D}]`,
  }),
  position: stage('position', {
    summary: (m) => {
      const front = m.layout.prefix.length ? t(`stages.position.front_${isAre(m)}`, { names: prefixNames(m), T: m.T }) : '';
      if (m.hasPos) return t('stages.position.summary', { front });
      const frontNoPos = m.layout.prefix.length ? t(`stages.position.frontNoPos_${isAre(m)}`, { names: prefixNames(m) }) : '';
      return t('stages.position.summaryNoPos', { front: frontNoPos });
    },
    formula: (m) =>
      `X_0 = [${m.layout.prefix.map((p) => `x_{\\text{${p.kind === 'reg' ? p.name.slice(1, -1).toLowerCase() : p.kind}}};\\;`).join('')}z_1; \\dots; z_{${m.N}}]${m.hasPos ? ' + E_{\\text{pos}}' : ''}`,
    shapes: (m) => `patch tokens [${m.N}, ${m.D}] → embeddings [${m.T}, ${m.D}]`,
  }),
  norm1: stage('norm1', {
    summary: () => t('stages.norm1.summary'),
    formula: () => `\\operatorname{LN}(x) = \\gamma \\odot \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}} + \\beta`,
    shapes: (m) => `[${m.T}, ${m.D}] → [${m.T}, ${m.D}]`,
  }),
  qkv: stage('qkv', {
    summary: (m) => t('stages.qkv.summary', { D: m.D, h: m.h, d: m.d }),
    formula: () => `Q = \\operatorname{LN}(X) W_Q,\\quad K = \\operatorname{LN}(X) W_K,\\quad V = \\operatorname{LN}(X) W_V`,
    shapes: (m) => `[${m.T}, ${m.D}] · [${m.D}, ${m.D}] → Q, K, V [${m.h}, ${m.T}, ${m.d}] ${t('stages.qkv.shapeNote')}`,
  }),
  scores: stage('scores', {
    summary: (m) => t('stages.scores.summary', { d: m.d, sqrt: Math.sqrt(m.d).toFixed(2) }),
    formula: () => `A = \\operatorname{softmax}\\!\\left(\\frac{Q K^{\\top}}{\\sqrt{d}}\\right)`,
    shapes: (m) => `Q [${m.h}, ${m.T}, ${m.d}] · Kᵀ → scores, scaled, attention [${m.h}, ${m.T}, ${m.T}]`,
  }),
  context: stage('context', {
    summary: (m) => t('stages.context.summary', { h: m.h }),
    formula: () => `\\text{head}_i = A_i V_i,\\qquad \\operatorname{concat}(\\text{head}_1, \\dots, \\text{head}_h)`,
    shapes: (m) =>
      `A [${m.h}, ${m.T}, ${m.T}] · V [${m.h}, ${m.T}, ${m.d}] → context [${m.h}, ${m.T}, ${m.d}] → concat [${m.T}, ${m.D}]`,
  }),
  'attn-out': stage('attn-out', {
    summary: () => t('stages.attn-out.summary'),
    formula: () => `X' = X + \\operatorname{concat}(\\text{heads})\\,W_O + b_O`,
    shapes: (m) => `[${m.T}, ${m.D}] · W_O [${m.D}, ${m.D}] → attn_out [${m.T}, ${m.D}]; + input → residual [${m.T}, ${m.D}]`,
  }),
  mlp: stage('mlp', {
    summary: (m) => t('stages.mlp.summary', { M: m.M, act: m.act, D: m.D }),
    formula: (m) => `X'' = X' + W_2\\,${m.actTex}(W_1 \\operatorname{LN}(X') + b_1) + b_2`,
    shapes: (m) => `[${m.T}, ${m.D}] → hidden [${m.T}, ${m.M}] → out [${m.T}, ${m.D}]`,
  }),
  classifier: stage('classifier', {
    summary: (m) =>
      t('stages.classifier.summary', {
        pooled: t(m.pooling === 'cls' ? 'stages.classifier.pooledCls' : 'stages.classifier.pooledMean'),
        head: m.C > 0 ? t('stages.classifier.head', { C: m.C }) : t('stages.classifier.noHead'),
      }),
    formula: (m) =>
      `p = \\operatorname{softmax}(${m.pooling === 'cls' ? '\\operatorname{LN}(X_L)_{\\text{cls}}' : '\\operatorname{mean}_t \\operatorname{LN}(X_L)_t'}\\, W_c + b_c)`,
    shapes: (m) => `[${m.T}, ${m.D}] → pooled [${m.D}]${m.C > 0 ? ` → logits, probabilities [${m.C}]` : ''}`,
  }),
};
