/** What each stage does, in plain words, with its formula and this model's tensor shapes. */
import type { ModelDims } from '../../analysis/modelDims';
import { prefixDescription } from '../../analysis/modelDims';
import type { StageId } from '../../state/stages';

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
  if (p.length === 1) return `The ${p[0]!.name} token`;
  return prefixDescription(m.layout)
    .replace(/ \+ /g, ', ')
    .replace(/, ([^,]*)$/, ' and $1');
}

/** What comes before the patches, for the patches stage's summary. */
function prefixSentence(m: ModelDims): string {
  const p = m.layout.prefix;
  if (p.length === 0) return '';
  const roles: Record<string, string> = {
    cls: 'an extra learned [CLS] token that gathers the whole image for the classifier',
    dist: "DeiT's distillation token [DIST], which learns from a teacher network",
    reg: 'a register, scratch space with no pixels of its own',
  };
  return '; before them come ' + p.map((t, i) => `token ${i}, ${roles[t.kind]}`).join('; ');
}

export const STAGE_TEXT: Record<StageId, StageText> = {
  patches: {
    title: 'Preprocess and cut into patches',
    short: 'Patches',
    summary: (m) =>
      `The image is resized to ${m.S} × ${m.S}, its pixels rescaled and normalised, then cut into a ${m.g} × ${m.g} grid of ${m.P} × ${m.P} patches. ` +
      `Each patch becomes one token, numbered row by row${prefixSentence(m)}. ` +
      'Click a patch to follow it as the query token through the layers.',
    formula: (m) =>
      `x \\in \\mathbb{R}^{3 \\times ${m.S} \\times ${m.S}} \\;\\to\\; ${m.N} \\text{ patches of } 3 \\times ${m.P} \\times ${m.P}`,
    shapes: (m) => `input [3, ${m.S}, ${m.S}] → patches [${m.N}, ${3 * m.P * m.P}]`,
  },
  'patch-embedding': {
    title: 'Patch embedding',
    short: 'Embed',
    summary: (m) =>
      `Each patch's ${3 * m.P * m.P} pixel values are multiplied by one learned matrix E and a bias is added, giving a ${m.D}-dimensional token. ` +
      `This is exactly a convolution whose kernel and stride equal the patch size: the same E is applied to every patch.`,
    formula: (m) => `z_p = \\operatorname{flatten}(x_p)\\,E + b, \\quad E \\in \\mathbb{R}^{${3 * m.P * m.P} \\times ${m.D}}`,
    shapes: (m) => `patches [${m.N}, ${3 * m.P * m.P}] · E [${3 * m.P * m.P}, ${m.D}] → patch tokens [${m.N}, ${m.D}]`,
  },
  position: {
    title: 'Class token and position embeddings',
    short: 'Position',
    summary: (m) =>
      m.hasPos
        ? `Attention by itself ignores order, so each token gets a learned position vector added: the model learns where each patch sits. ` +
          (m.layout.prefix.length
            ? `${prefixNames(m)} ${m.layout.prefix.length > 1 ? 'are' : 'is'} put in front first, giving ${m.T} tokens.`
            : '')
        : `This model has no position embeddings: ${m.layout.prefix.length ? `${prefixNames(m)} ${m.layout.prefix.length > 1 ? 'are' : 'is'} put in front, and ` : ''}the tokens go into the encoder as they are, so attention cannot tell where a patch was.`,
    formula: (m) =>
      `X_0 = [${m.layout.prefix.map((p) => `x_{\\text{${p.kind === 'reg' ? p.name.slice(1, -1).toLowerCase() : p.kind}}};\\;`).join('')}z_1; \\dots; z_{${m.N}}]${m.hasPos ? ' + E_{\\text{pos}}' : ''}`,
    shapes: (m) => `patch tokens [${m.N}, ${m.D}] → embeddings [${m.T}, ${m.D}]`,
  },
  norm1: {
    title: 'LayerNorm before attention',
    short: 'Norm',
    summary: () =>
      'Each token is normalised on its own: its values are shifted to mean 0 and scaled to variance 1, then a learned scale γ and shift β are applied. ' +
      'The block is pre-norm: the residual path carries the un-normalised tokens around it.',
    formula: () => `\\operatorname{LN}(x) = \\gamma \\odot \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}} + \\beta`,
    shapes: (m) => `[${m.T}, ${m.D}] → [${m.T}, ${m.D}]`,
  },
  qkv: {
    title: 'Queries, keys and values',
    short: 'Q K V',
    summary: (m) =>
      `Three learned matrices turn every normalised token into a query (what it looks for), a key (what it offers) and a value (what it passes on). ` +
      `The ${m.D} columns are split into ${m.h} heads of ${m.d}: each head works on its own slice.`,
    formula: () => `Q = \\operatorname{LN}(X) W_Q,\\quad K = \\operatorname{LN}(X) W_K,\\quad V = \\operatorname{LN}(X) W_V`,
    shapes: (m) => `[${m.T}, ${m.D}] · [${m.D}, ${m.D}] → Q, K, V [${m.h}, ${m.T}, ${m.d}] (heads × tokens × head width)`,
  },
  scores: {
    title: 'Scores, scaling and softmax',
    short: 'Softmax',
    summary: (m) =>
      `Each query is compared with every key by a dot product: large when they point the same way. The scores are divided by √d = √${m.d} ≈ ${Math.sqrt(m.d).toFixed(2)} ` +
      'so they do not grow with the head width, then softmax turns each row into weights that are positive and sum to 1.',
    formula: () => `A = \\operatorname{softmax}\\!\\left(\\frac{Q K^{\\top}}{\\sqrt{d}}\\right)`,
    shapes: (m) => `Q [${m.h}, ${m.T}, ${m.d}] · Kᵀ → scores, scaled, attention [${m.h}, ${m.T}, ${m.T}]`,
  },
  context: {
    title: 'Weighted values: the context',
    short: 'A·V',
    summary: (m) =>
      `Each token's new vector is the attention-weighted mix of all value vectors: it takes most from the tokens it attends to. ` +
      `The ${m.h} heads' results are put side by side again.`,
    formula: () => `\\text{head}_i = A_i V_i,\\qquad \\operatorname{concat}(\\text{head}_1, \\dots, \\text{head}_h)`,
    shapes: (m) =>
      `A [${m.h}, ${m.T}, ${m.T}] · V [${m.h}, ${m.T}, ${m.d}] → context [${m.h}, ${m.T}, ${m.d}] → concat [${m.T}, ${m.D}]`,
  },
  'attn-out': {
    title: 'Output projection and the first residual add',
    short: 'Add',
    summary: () =>
      'One more learned matrix mixes the heads together; the result is added to the block input (the residual connection), so attention only has to learn a correction.',
    formula: () => `X' = X + \\operatorname{concat}(\\text{heads})\\,W_O + b_O`,
    shapes: (m) => `[${m.T}, ${m.D}] · W_O [${m.D}, ${m.D}] → attn_out [${m.T}, ${m.D}]; + input → residual [${m.T}, ${m.D}]`,
  },
  mlp: {
    title: 'LayerNorm, MLP and the second residual add',
    short: 'MLP',
    summary: (m) =>
      `Each token, on its own, goes through a small two-layer network: widen to ${m.M}, apply ${m.act}, narrow back to ${m.D}. ` +
      "Attention mixed information between tokens; the MLP transforms each token. The result is added back: this is the block output, the next layer's input.",
    formula: (m) => `X'' = X' + W_2\\,${m.actTex}(W_1 \\operatorname{LN}(X') + b_1) + b_2`,
    shapes: (m) => `[${m.T}, ${m.D}] → hidden [${m.T}, ${m.M}] → out [${m.T}, ${m.D}]`,
  },
  classifier: {
    title: 'Final norm, pooling and the classifier',
    short: 'Predict',
    summary: (m) =>
      `After the last block a final LayerNorm is applied, then one vector stands for the image: ${
        m.pooling === 'cls' ? 'the [CLS] token' : 'the mean of all tokens'
      }. ${m.C > 0 ? `A linear layer turns it into ${m.C} class scores (logits) and softmax into probabilities.` : 'This checkpoint has no classifier: the pooled vector is the image feature.'}`,
    formula: (m) =>
      `p = \\operatorname{softmax}(${m.pooling === 'cls' ? '\\operatorname{LN}(X_L)_{\\text{cls}}' : '\\operatorname{mean}_t \\operatorname{LN}(X_L)_t'}\\, W_c + b_c)`,
    shapes: (m) => `[${m.T}, ${m.D}] → pooled [${m.D}]${m.C > 0 ? ` → logits, probabilities [${m.C}]` : ''}`,
  },
};
