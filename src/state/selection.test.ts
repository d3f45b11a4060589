import { describe, expect, it } from 'vitest';
import { clampSelection, INITIAL_SELECTION, navigate, selectionFromParams, selectionToParams } from './selection';

describe('selection', () => {
  it('round-trips through the URL', () => {
    const s = {
      ...INITIAL_SELECTION,
      stage: 'scores' as const,
      layer: 3,
      head: 2,
      query: 17,
      colorScale: 'log' as const,
      colorScope: 'model' as const,
    };
    const params = selectionToParams(s, new URLSearchParams('backend=wasm&model=demo'));
    expect(params.get('backend')).toBe('wasm');
    expect(params.get('model')).toBe('demo');
    expect(selectionFromParams(params)).toEqual(s);
  });

  it('ignores nonsense in the URL', () => {
    expect(selectionFromParams(new URLSearchParams('stage=nope&layer=-3&head=x&scale=cubic'))).toEqual(INITIAL_SELECTION);
  });

  it('clamps to the model', () => {
    expect(clampSelection({ ...INITIAL_SELECTION, layer: 20, head: 9, query: 500 }, 12, 3, 197)).toMatchObject({
      layer: 11,
      head: 2,
      query: 196,
    });
  });

  it('follows the keyboard map and stops at the ends', () => {
    expect(navigate(INITIAL_SELECTION, 'ArrowRight', 4, 4)!.stage).toBe('patch-embedding');
    expect(navigate(INITIAL_SELECTION, 'ArrowLeft', 4, 4)!.stage).toBe('patches');
    expect(navigate({ ...INITIAL_SELECTION, stage: 'classifier' }, 'ArrowRight', 4, 4)!.stage).toBe('classifier');
    expect(navigate(INITIAL_SELECTION, 'ArrowDown', 4, 4)!.layer).toBe(1);
    expect(navigate({ ...INITIAL_SELECTION, layer: 3 }, 'ArrowDown', 4, 4)!.layer).toBe(3);
    expect(navigate(INITIAL_SELECTION, ']', 4, 4)!.head).toBe(1);
    expect(navigate(INITIAL_SELECTION, '[', 4, 4)!.head).toBe(0);
    expect(navigate(INITIAL_SELECTION, 'x', 4, 4)).toBeNull();
  });
});
