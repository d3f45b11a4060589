/**
 * The colour maps of every heatmap and legend, from the reader's palette choice: a sequential map
 * (perceptually uniform, colour-blind safe: the viridis family) for values from 0 (attention, norms,
 * relevance), and a diverging map centred on 0 for signed values (Q, K, V, scores, similarities).
 */
import {
  interpolateCividis,
  interpolateInferno,
  interpolateMagma,
  interpolatePlasma,
  interpolatePuOr,
  interpolateRdBu,
  interpolateViridis,
} from 'd3-scale-chromatic';
import { useMemo } from 'react';
import { useDisplaySettings, type PaletteId, type Theme } from '../../platform/displaySettings';
import { colorLut, type Interpolator } from './colorLut';

export interface Palette {
  id: PaletteId;
  sequential: Interpolator;
  diverging: Interpolator;
}

const SEQUENTIAL: Record<PaletteId, Interpolator> = {
  viridis: interpolateViridis,
  cividis: interpolateCividis,
  magma: interpolateMagma,
  inferno: interpolateInferno,
  plasma: interpolatePlasma,
};

/** Blue for negative, red for positive (RdBu reversed); cividis pairs with purple–orange, also safe for red–green blindness. */
const rdBu: Interpolator = (t) => interpolateRdBu(1 - t);
const puOr: Interpolator = interpolatePuOr; // already purple (negative) to orange (positive)

/** Magma and inferno start at near-black: on the dark page their lowest cells would vanish, so there they start a little lighter. */
const DARK_FLOOR: Partial<Record<PaletteId, number>> = { magma: 0.22, inferno: 0.22 };

const cache = new Map<string, Palette>();
export function paletteOf(id: PaletteId, theme: Theme): Palette {
  const key = `${id}:${theme}`;
  let palette = cache.get(key);
  if (!palette) {
    const base = SEQUENTIAL[id];
    const floor = theme === 'dark' ? (DARK_FLOOR[id] ?? 0) : 0;
    palette = {
      id,
      sequential: floor > 0 ? (t) => base(floor + (1 - floor) * t) : base,
      diverging: id === 'cividis' ? puOr : rdBu,
    };
    cache.set(key, palette);
  }
  return palette;
}

/** The current palette; the same functions while it does not change, so canvases repaint only on a change. */
export function usePalette(): Palette {
  const { palette, theme } = useDisplaySettings();
  return paletteOf(palette, theme);
}

const lutCache = new WeakMap<Interpolator, Uint8ClampedArray>();
/** The 256-entry table of an interpolator, made once per interpolator. */
export function lutOf(interpolator: Interpolator): Uint8ClampedArray {
  let lut = lutCache.get(interpolator);
  if (!lut) {
    lut = colorLut(interpolator);
    lutCache.set(interpolator, lut);
  }
  return lut;
}

/** The table of the current sequential map. */
export function useSequentialLut(): Uint8ClampedArray {
  const { sequential } = usePalette();
  return useMemo(() => lutOf(sequential), [sequential]);
}
