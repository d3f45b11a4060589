import { describe, expect, it } from 'vitest';
import { parseVitConfig } from '../model/config';
import { activationNames } from './modelDims';

const config = (extra: Record<string, unknown>) =>
  parseVitConfig(JSON.stringify({ hidden_size: 8, num_attention_heads: 2, num_hidden_layers: 1, image_size: 8, patch_size: 4, ...extra }));

describe('activationNames', () => {
  it('names each activation the engine runs, and SwiGLU for a gated MLP', () => {
    expect(activationNames(config({})).act).toBe('GELU');
    expect(activationNames(config({ hidden_act: 'gelu_pytorch_tanh' })).act).toBe('GELU (tanh)');
    expect(activationNames(config({ hidden_act: 'relu' })).actTex).toBe('\\operatorname{ReLU}');
    expect(activationNames({ ...config({}), activation: 'quick_gelu' }).act).toBe('QuickGELU');
    expect(activationNames({ ...config({}), gatedMlp: true }).act).toBe('SwiGLU');
  });
});
