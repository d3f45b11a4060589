import { describe, expect, it } from 'vitest';
import { KernelScratch, PACKED_A_SLOT, ROWS, TILE_SLOTS } from './kernelScratch';

/** A heap that hands out increasing addresses and records what is freed. */
function fakeHeap() {
  let next = 1024;
  const freed: number[] = [];
  const sizes = new Map<number, number>();
  return {
    freed,
    sizes,
    _malloc(bytes: number) {
      const p = next;
      next += bytes;
      sizes.set(p, bytes);
      return p;
    },
    _free(p: number) {
      freed.push(p);
    },
  };
}

describe('KernelScratch', () => {
  it('keeps a slot while it is big enough and replaces it (freeing the old one) when it is not', () => {
    const heap = fakeHeap();
    const scratch = new KernelScratch(heap);
    const a = scratch.at(PACKED_A_SLOT, 100);
    expect(scratch.at(PACKED_A_SLOT, 60)).toBe(a);
    const b = scratch.at(PACKED_A_SLOT, 200);
    expect(b).not.toBe(a);
    expect(heap.freed).toEqual([a]);
    expect(heap.sizes.get(b)).toBe(800);
    expect(scratch.at(0, 10)).not.toBe(b);
  });

  it('finds an output’s tiles only for that tensor at that width, and only the last tiled output', () => {
    const scratch = new KernelScratch(fakeHeap());
    const [x, y] = [{}, {}];
    const at = scratch.tilesFor(x, 197, 768, TILE_SLOTS[0], true);
    expect(at).toBeGreaterThan(0);
    expect(scratch.tilesOf(x, 768)).toEqual({ id: x, cols: 768, slot: TILE_SLOTS[0], at });
    expect(scratch.tilesOf(x, 384)).toBeNull();
    expect(scratch.tilesOf(y, 768)).toBeNull();
    expect(KernelScratch.otherTileSlot(scratch.tilesOf(x, 768))).toBe(TILE_SLOTS[1]);
    expect(KernelScratch.otherTileSlot(null)).toBe(TILE_SLOTS[0]);
    scratch.tilesFor(y, 197, 768, TILE_SLOTS[1], true);
    expect(scratch.tilesOf(x, 768)).toBeNull();
  });

  it('writes no tiles when they are not wanted or the output is too big, and rounds rows up to whole tiles', () => {
    const heap = fakeHeap();
    const scratch = new KernelScratch(heap);
    expect(scratch.tilesFor({}, 197, 768, TILE_SLOTS[0], false)).toBe(0);
    expect(scratch.tilesFor({}, 32 * 197, 3072, TILE_SLOTS[0], true)).toBe(0);
    const at = scratch.tilesFor({}, 7, 8, TILE_SLOTS[1], true);
    expect(heap.sizes.get(at)).toBe(2 * ROWS * 8 * 4);
  });

  it('frees every slot and forgets the tiles', () => {
    const heap = fakeHeap();
    const scratch = new KernelScratch(heap);
    const x = {};
    const pointers = [scratch.at(0, 4), scratch.at(PACKED_A_SLOT, 4), scratch.tilesFor(x, 6, 8, TILE_SLOTS[0], true)];
    scratch.free();
    expect(heap.freed.sort()).toEqual(pointers.sort());
    expect(scratch.tilesOf(x, 8)).toBeNull();
  });
});
