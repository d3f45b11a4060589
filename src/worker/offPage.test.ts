import { describe, expect, it } from 'vitest';
import { offPage } from './offPage';
import { filterComponents } from '../analysis/patchFilters';
import { umapLayout } from '../analysis/qkSpace';

describe('offPage (where there are no workers, as here: on the caller’s thread)', () => {
  const filters = Float32Array.from({ length: 8 * 12 }, (_, i) => Math.sin(i * 0.7) + ((i * 13) % 5) / 5);

  it('gives what the analysis gives', async () => {
    expect(typeof Worker).toBe('undefined');
    const got = await offPage('filterComponents', { filters, D: 8, channels: 3, patchSize: 2, k: 3 });
    expect(got).toEqual(filterComponents(filters, 8, 3, 2, 3));
  });

  it('a task cancelled before it starts does not run', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(
      offPage('filterComponents', { filters, D: 8, channels: 3, patchSize: 2, k: 3 }, { signal: stop.signal }),
    ).rejects.toThrow();
  });

  it('reports UMAP’s progress and stops on Cancel', async () => {
    const points = Float64Array.from({ length: 40 * 3 }, (_, i) => Math.cos(i * 1.3));
    const seen: number[] = [];
    const layout = await offPage('umap', { points, n: 40, d: 3 }, { onProgress: (f) => seen.push(f) });
    expect(Array.from(layout)).toEqual(Array.from(await umapLayout(points, 40, 3)));
    expect(seen.every((f) => f >= 0 && f < 1)).toBe(true);
    const stop = new AbortController();
    stop.abort();
    await expect(offPage('umap', { points, n: 40, d: 3 }, { signal: stop.signal })).rejects.toThrow();
  });
});
