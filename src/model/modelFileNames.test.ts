import { describe, expect, it } from 'vitest';
import { missingModelFiles } from './modelFileNames';

describe("a model folder's files, by name", () => {
  it('lack config.json, or weights, or both', () => {
    expect(missingModelFiles(['config.json', 'model.safetensors'])).toEqual([]);
    expect(missingModelFiles(['my/folder/config.json', 'pytorch_model.bin'])).toEqual([]);
    expect(missingModelFiles(['config.json', 'model-00001-of-00002.safetensors'])).toEqual([]);
    expect(missingModelFiles(['config.json'])).toEqual(['model.safetensors']);
    expect(missingModelFiles(['model.safetensors', 'preprocessor_config.json'])).toEqual(['config.json']);
    expect(missingModelFiles([])).toEqual(['config.json', 'model.safetensors']);
  });
});
