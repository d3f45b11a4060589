/**
 * Which of a model folder's files a set of chosen files lacks, from their names alone: small and
 * pure, so the page can say so at once (in its language) before any file is read, and the loader
 * (loadVit.ts) checks the same in the engine.
 */

/** A path's last part: "folder/config.json" → "config.json". */
export function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export const isWeights = (name: string) => name.endsWith('.safetensors') || name.endsWith('.bin');

/** The files a model needs that `names` do not hold: config.json, and weights (model.safetensors or .bin). */
export function missingModelFiles(names: readonly string[]): string[] {
  const bases = names.map(baseName);
  return [!bases.includes('config.json') && 'config.json', !bases.some(isWeights) && 'model.safetensors'].filter(
    (x): x is string => typeof x === 'string',
  );
}
