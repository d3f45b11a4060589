export const stages = {
  prefix: {
    one: 'The {{name}} token',
    registers: '{{count}} registers',
    aRegister: 'a register',
    list: '{{head}} and {{last}}',
    comma: ', ',
    semicolon: '; ',
    before: '; before them come {{list}}',
    role: 'token {{index}}, {{role}}',
    roles: {
      cls: 'an extra learned [CLS] token that gathers the whole image for the classifier',
      dist: "DeiT's distillation token [DIST], which learns from a teacher network",
      reg: 'a register, scratch space with no pixels of its own',
    },
  },
  patches: {
    title: 'Preprocess and cut into patches',
    short: 'Patches',
    summary:
      'The image is resized to {{S}} × {{S}}, its pixels rescaled and normalised, then cut into a {{g}} × {{g}} grid of {{P}} × {{P}} patches. Each patch becomes one token, numbered row by row{{prefix}}. Click a patch to follow it as the query token through the layers.',
    /** the words inside the stage's formula: "64 patches of 3 × 8 × 8" */
    formulaPatchesOf: 'patches of',
  },
  'patch-embedding': {
    title: 'Patch embedding',
    short: 'Embed',
    summary:
      "Each patch's {{n}} pixel values are multiplied by one learned matrix E and a bias is added, giving a {{D}}-dimensional token. This is exactly a convolution whose kernel and stride equal the patch size: the same E is applied to every patch.",
  },
  position: {
    title: 'Class token and position embeddings',
    short: 'Position',
    summary:
      'Attention by itself ignores order, so each token gets a learned position vector added: the model learns where each patch sits. {{front}}',
    front_one: '{{names}} is put in front first, giving {{T}} tokens.',
    front_many: '{{names}} are put in front first, giving {{T}} tokens.',
    summaryNoPos:
      'This model has no position embeddings: {{front}}the tokens go into the encoder as they are, so attention cannot tell where a patch was.',
    frontNoPos_one: '{{names}} is put in front, and ',
    frontNoPos_many: '{{names}} are put in front, and ',
  },
  norm1: {
    title: 'LayerNorm before attention',
    short: 'Norm',
    summary:
      'Each token is normalised on its own: its values are shifted to mean 0 and scaled to variance 1, then a learned scale γ and shift β are applied. The block is pre-norm: the residual path carries the un-normalised tokens around it.',
  },
  qkv: {
    title: 'Queries, keys and values',
    short: 'Q K V',
    summary:
      'Three learned matrices turn every normalised token into a query (what it looks for), a key (what it offers) and a value (what it passes on). The {{D}} columns are split into {{h}} heads of {{d}}: each head works on its own slice.',
    shapeNote: '(heads × tokens × head width)',
  },
  scores: {
    title: 'Scores, scaling and softmax',
    short: 'Softmax',
    summary:
      'Each query is compared with every key by a dot product: large when they point the same way. The scores are divided by √d = √{{d}} ≈ {{sqrt}} so they do not grow with the head width, then softmax turns each row into weights that are positive and sum to 1.',
  },
  context: {
    title: 'Weighted values: the context',
    short: 'A·V',
    summary:
      "Each token's new vector is the attention-weighted mix of all value vectors: it takes most from the tokens it attends to. The {{h}} heads' results are put side by side again.",
  },
  'attn-out': {
    title: 'Output projection and the first residual add',
    short: 'Add',
    summary:
      'One more learned matrix mixes the heads together; the result is added to the block input (the residual connection), so attention only has to learn a correction.',
  },
  mlp: {
    title: 'LayerNorm, MLP and the second residual add',
    short: 'MLP',
    summary:
      "Each token, on its own, goes through a small two-layer network: widen to {{M}}, apply {{act}}, narrow back to {{D}}. Attention mixed information between tokens; the MLP transforms each token. The result is added back: this is the block output, the next layer's input.",
  },
  classifier: {
    title: 'Final norm, pooling and the classifier',
    short: 'Predict',
    summary: 'After the last block a final LayerNorm is applied, then one vector stands for the image: {{pooled}}. {{head}}',
    pooledCls: 'the [CLS] token',
    pooledMean: 'the mean of all tokens',
    head: 'A linear layer turns it into {{C}} class scores (logits) and softmax into probabilities.',
    noHead: 'This checkpoint has no classifier: the pooled vector is the image feature.',
  },
};
