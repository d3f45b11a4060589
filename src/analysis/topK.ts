export interface RankedClass {
  index: number;
  label: string;
  probability: number;
}

/** The k most probable classes, most probable first. Labels fall back to "class i". */
export function topK(probs: ArrayLike<number>, labels: readonly string[], k: number): RankedClass[] {
  const order = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b]! - probs[a]! || a - b);
  return order.slice(0, k).map((index) => ({ index, label: labels[index] ?? `class ${index}`, probability: probs[index]! }));
}
