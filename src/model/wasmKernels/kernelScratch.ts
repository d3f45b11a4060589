/**
 * The kernels' working memory in tfjs-wasm's heap: attention's packing space per thread, the dense
 * kernel's packed x, and two slots taking turns for an output written as tiles too (pack_a's layout),
 * so that the product that reads that output next skips pack_a. Each slot grows as needed and is
 * kept between calls.
 */
import { CONTROL } from './kernelSignatures';

/** rows of x a tile of the dense kernel holds (pack_a) */
export const ROWS = 6;
/** scratch slots: one per thread for attention, then this one for the dense kernel's packed x */
export const PACKED_A_SLOT = CONTROL.maxThreads;
/** two more, taking turns: a dense (or LayerNorm) output written as tiles too, for the product that reads it next */
export const TILE_SLOTS = [CONTROL.maxThreads + 1, CONTROL.maxThreads + 2] as const;
/** Tiles are written beside an output of at most this many floats (16 MB): a batch's would hold a large scratch for little. */
const MAX_TILED_FLOATS = 1 << 22;

export interface HeapAllocator {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

/** Where an output's tiles lie: its slot, and their address. */
export interface Tiles {
  slot: number;
  at: number;
}

export class KernelScratch {
  /** per slot: [pointer, floats] */
  private readonly slots: [number, number][] = [];
  /** the last output written as tiles too (its data id and width), and where they are */
  private tiled: ({ id: object; cols: number } & Tiles) | null = null;

  constructor(private readonly heap: HeapAllocator) {}

  /** The address of `slot`'s space, at least `floats` floats. */
  at(slot: number, floats: number): number {
    const have = this.slots[slot];
    if (have && have[1] >= floats) return have[0];
    if (have) this.heap._free(have[0]);
    const p = this.heap._malloc(floats * 4) >>> 0;
    this.slots[slot] = [p, floats];
    return p;
  }

  /** Where the output `id` ([rows, cols]) writes its tiles in `slot`, when they are wanted and it is small enough (else 0). */
  tilesFor(id: object, rows: number, cols: number, slot: number, wanted: unknown): number {
    const floats = Math.ceil(rows / ROWS) * ROWS * cols;
    if (!wanted || floats > MAX_TILED_FLOATS) return 0;
    const at = this.at(slot, floats);
    this.tiled = { id, cols, slot, at };
    return at;
  }

  /** The tiles of the tensor `id` read at width `cols`, if the last tiled output was that very tensor (a reshape to another width shares the data, not the tiles). */
  tilesOf(id: object, cols: number): Tiles | null {
    return this.tiled?.id === id && this.tiled.cols === cols ? this.tiled : null;
  }

  /** The other tile slot than `tiles`' (a product reading one output's tiles writes its own in the other). */
  static otherTileSlot(tiles: Tiles | null): number {
    return tiles?.slot === TILE_SLOTS[0] ? TILE_SLOTS[1] : TILE_SLOTS[0];
  }

  /** Frees every slot (the heap must still be there). */
  free(): void {
    this.slots.forEach(([p]) => this.heap._free(p));
    this.slots.length = 0;
    this.tiled = null;
  }
}
