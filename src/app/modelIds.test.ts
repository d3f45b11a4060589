import { describe, expect, it } from 'vitest';
import { isBuiltInModel } from './modelSources';
import { isPreset } from './presets';

describe('model ids from the address', () => {
  it("name a built-in model or a preset only by the table's own keys", () => {
    expect([isBuiltInModel('default'), isBuiltInModel('seed-toy'), isPreset('random-vit-b')]).toEqual([true, true, true]);
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(isBuiltInModel(id), id).toBe(false);
      expect(isPreset(id), id).toBe(false);
    }
  });
});
