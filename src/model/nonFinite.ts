/** Finds NaN and ±Inf among a checkpoint's weights, for a warning that names each tensor. */
import type { RawTensor } from './safetensors';

export function nonFiniteWarnings(tensors: Map<string, RawTensor>, fileName: string): string[] {
  const warnings: string[] = [];
  for (const t of tensors.values()) {
    let nan = 0;
    let inf = 0;
    for (let i = 0; i < t.data.length; i++) {
      const v = t.data[i]!;
      if (v !== v) nan++;
      else if (v === Infinity || v === -Infinity) inf++;
    }
    if (nan + inf > 0) {
      const what = [nan && `${nan} NaN`, inf && `${inf} infinite`].filter(Boolean).join(' and ');
      warnings.push(
        `${fileName}: tensor "${t.name}" holds ${what} value${nan + inf > 1 ? 's' : ''} of ${t.data.length}; results that depend on it are meaningless`,
      );
    }
  }
  return warnings;
}
