/** The explainer's stages, in the order a forward pass visits them. */
export const STAGES = [
  'patches',
  'patch-embedding',
  'position',
  'norm1',
  'qkv',
  'scores',
  'context',
  'attn-out',
  'mlp',
  'classifier',
] as const;

export type StageId = (typeof STAGES)[number];

export function isStageId(value: unknown): value is StageId {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** Stages that belong to one encoder layer (the layer selector applies to them). */
export const LAYER_STAGES: ReadonlySet<StageId> = new Set(['norm1', 'qkv', 'scores', 'context', 'attn-out', 'mlp']);
