/** The guided lesson's words in English (the shape: LessonText in lessonText.ts). */
import type { LessonText } from './lessonText';

export const lessonTextEn: LessonText = {
  ui: {
    start: 'Take the guided lesson',
    title: 'Guided lesson: how a Vision Transformer reads your image',
    stepOf: 'Step {n} of {total}',
    prev: '← Back',
    next: 'Next →',
    exit: 'Leave the lesson',
    present: 'Presenter mode',
    leavePresent: 'Leave presenter mode',
    skip: 'Skip animation',
    replay: 'Play again',
    look: 'Look at',
    tryThis: 'Try this',
    why: 'Why?',
    keys: '→ / ← or space walk the lesson; Esc leaves presenter mode.',
    noCls: 'This model has no [CLS] token: like the article’s own code, it averages all tokens at the end.',
    noPos: 'This model has no position embeddings (the article’s toy code has none either): it cannot tell where a patch came from.',
    noClassifier: 'This model has no classifier, so it makes no prediction.',
    shownOf: 'showing {shown} of {total}',
    scale: 'Scale on the scores',
    layer: 'Layer',
    head: 'Head',
    keepOnly: 'Keep only head {head}',
    allHeads: 'All heads',
    running: 'Running the model again…',
    failed: 'The re-run failed: {message}',
    pointer: 'Pointer',
    sum: 'sum',
    before: 'before',
    after: 'after',
    tokenPatch: 'patch {patch} (token {token})',
    headMaps: 'Head {head}',
    keyRows: 'keys',
    analogyQ: 'q: where the student’s attention goes',
    analogyK: 'k: the subject’s syllabus',
    analogyV: 'v: the content of the textbook',
  },
  steps: {
    patches: {
      title: 'Cut the image into patches',
      say: [
        'A ViT does not read pixels one by one. It cuts the image into a grid of equal square patches, {g} × {g} = {N} patches of {P} × {P} pixels here.',
        'Read row by row, the patches become a sequence, exactly as words form a sentence.',
      ],
      look: 'the patches sliding out of the image into one row of tokens.',
      tryThis: 'click a patch of the image, for example the cat’s ear, and see which token it becomes.',
      readout: 'Patch row {row}, column {col} becomes {token}.',
    },
    embedding: {
      title: 'Patch embedding: a convolution with kernel = stride = patch',
      say: [
        'Each patch’s {P} × {P} × 3 = {raw} numbers are projected to one vector of width D = {D}.',
        'In code this is a single convolution whose kernel and stride are both the patch size, so the windows never overlap; flatten and transpose give [N, D] = [{N}, {D}].',
      ],
      look: 'the picked patch on the left and the {D} numbers it became on the right.',
      tryThis: 'click another patch: its vector changes.',
      readout: 'Patch {patch}: {raw} pixel values → {D} numbers, length {norm}.',
    },
    tokens: {
      title: 'Tokens, and the [CLS] token',
      say: [
        'Every patch vector is now a token. ViT puts one extra learned token in front, [CLS], which owns no patch and gathers the whole image for the prediction.',
        'This model has T = {T} tokens of width {D}.',
      ],
      look: 'the row of tokens: the first ones are the extra tokens, then the patches row by row.',
      tryThis: 'click the first cell of the token row.',
      readout: 'You picked {token}.',
    },
    position: {
      title: 'Position embeddings',
      say: [
        'Attention itself does not know where a token sits: shuffle the patches and it computes the same thing. So a learned position embedding is added to each token.',
        'Trained position embeddings end up similar for neighbouring patches: the model has learned the grid.',
      ],
      look: 'the map: how similar every patch’s position embedding is to the picked patch’s.',
      tryThis: 'click a patch in a corner, then one in the middle.',
      readout: 'Patch {patch}: the most similar position is patch {best} (cosine {cos}).',
    },
    qkv: {
      title: 'Q, K and V: three views of every token',
      say: [
        'Three learned matrices turn the token matrix X into a query Q, a key K and a value V: Q = X·W_Q, K = X·W_K, V = X·W_V.',
        'Each head works on its own slice of width d = {d}.',
      ],
      look: 'the picked token’s q, k and v rows in the selected head.',
      tryThis: 'pick another head with its button.',
      readout: '{token} in layer {layer}, head {head}: q, k and v of {d} numbers each.',
    },
    analogy: {
      title: 'The article’s analogy: a student studying',
      say: [
        'Think of q as where a student’s attention goes, k as a subject’s syllabus, and v as the content of its textbook.',
        'q · k says which points of the syllabus the attention falls on; those weights times v are what the student actually learns.',
      ],
      look: 'the patches the picked token’s attention goes to most, outlined on the image.',
      tryThis: 'click another patch: its attention goes elsewhere.',
      readout: '{token} attends most to: {top}.',
    },
    scores: {
      title: 'Scores: one query meets every key',
      say: [
        'The picked token’s query row meets every key row in a dot product: one score per token, a row of T = {T} scores.',
        'All rows together are Q·Kᵀ, a [T, T] matrix for each head.',
      ],
      look: 'the q row sweeping over the keys, leaving a row of scores behind it.',
      tryThis: 'click another patch: its query makes another row of scores.',
      readout: 'Scores of {token}: highest {max} at {arg}, lowest {min}.',
    },
    softmax: {
      title: 'Divide by √d, then softmax',
      say: [
        'The scores are divided by √d = {sqrtd}, so they do not grow with the head width; then softmax turns the row into weights that are positive and sum to 1.',
        'A larger scale makes softmax sharper: the biggest score takes almost everything.',
      ],
      look: 'the bars squeezed from scores into weights, and their sum.',
      tryThis: 'drag the scale slider from 1/√d to 1.',
      readout: 'Scale {scale}: the largest weight is {max}, the entropy {bits} bits, the sum {sum}.',
    },
    mix: {
      title: 'A · V: the weights mix the values',
      say: [
        'Each token’s output is a weighted mix of all value rows: z = Σ weight × v.',
        'Tokens with big weights give most of their content, as a student learns most from the chapters they paid attention to.',
      ],
      look: 'the value rows with the largest weights flowing into one output row.',
      tryThis: 'click another patch: other values are mixed.',
      readout: '{token}: {share} of its weight goes to its top {k} values.',
    },
    heads: {
      title: 'Several heads: several subjects at once',
      say: [
        'Multi-head attention runs h = {h} such attentions side by side, each on its own slice of the width.',
        'In the article’s words: one student studying several subjects at once, each with its own syllabus and textbook.',
      ],
      look: 'the heads’ attention maps for the picked token, side by side: they look at different things.',
      tryThis: 'press “Keep only head 0”: every other head is switched off and the model runs again.',
      readout: 'Only head {head} in every layer: {label} ({p}). All heads: {label0} ({p0}).',
    },
    projection: {
      title: 'Concatenate the heads, then the output projection',
      say: [
        'The h = {h} outputs of width d = {d} are put side by side into one row of width D = {D}.',
        'A learned matrix W_O mixes them, so that what one head found can be combined with what the others found.',
      ],
      look: 'the concatenated heads (top) and the row after W_O (bottom).',
      tryThis: 'click another patch: both rows change.',
      readout: '{token}: {h} × {d} = {D} numbers, mixed by W_O into {D} numbers.',
    },
    mlp: {
      title: 'The feed-forward block (MLP)',
      say: [
        'Each token then passes on its own through a small network: Linear → {act} → Linear, with a hidden width of {M} (4 × D).',
        'Attention moves information between tokens; the MLP works on what each token now holds.',
      ],
      look: 'the picked token’s {M} hidden units: the bright ones are active.',
      tryThis: 'click another patch: other units light up.',
      readout: '{token}: {active} of {M} hidden units are active (> 0).',
    },
    addnorm: {
      title: 'Add & Norm',
      say: [
        'Around attention and around the MLP there is a shortcut: the block’s result is added to its input (x = x + attn(LN(x)), x = x + mlp(LN(x))).',
        'LayerNorm before each part keeps the numbers in range (pre-norm, as in the article’s code).',
      ],
      look: 'the image token’s row before and after the selected layer, and the prediction read out after every layer.',
      tryThis: 'drag the layer slider.',
      readout: 'Layer {layer}: cosine of the row before and after {cos}, length {a} → {b}.',
    },
    layers: {
      title: 'Stacking layers',
      say: [
        'The encoder repeats the same block {L} times. Each layer refines and combines what the layers before it found.',
        'Early layers often look near; later ones look across the whole image.',
      ],
      look: 'mean attention distance by layer, and attention rollout up to the selected depth.',
      tryThis: 'drag the depth slider from the first to the last layer.',
      readout: 'Up to layer {layer}: mean attention distance {dist} px; the rollout’s brightest patch is {best}.',
    },
    prediction: {
      title: 'The prediction',
      say: [
        'After the last layer and a final LayerNorm, one vector stands for the image: the [CLS] token, or the mean of all tokens.',
        'A linear layer turns it into one score per class, and softmax into probabilities.',
      ],
      look: 'the five most probable classes.',
      tryThis: 'click a class to see its score.',
      readout: '{label}: probability {p}, score (logit) {z}.',
    },
  },
  why: {
    context: {
      question: 'Why does mixing in context give a better feature?',
      answer:
        'A patch alone is a few pixels; after attention its vector also carries what the rest of the image says about it. The prediction read out after each layer shows it: it settles as context is added.',
      live: 'Read out after each layer, the top class goes: {path}.',
    },
    heads: {
      question: 'Why do several heads beat one?',
      answer:
        'The heads look at different things (see their maps side by side). With only one head kept, the model loses the others’ information and its prediction changes.',
      live: 'Keep only one head and compare with all heads.',
    },
    layers: {
      question: 'Why are layers stacked?',
      answer:
        'Not only to compute image-to-image similarity ever more finely: each layer extracts and combines information. In many trained ViTs the range of attention also grows with depth: see whether it does on this image.',
      live: 'Mean attention distance: first layer {first} px, last layer {last} px.',
    },
  },
};
