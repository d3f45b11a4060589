/**
 * A numeric id per object, new for every object it is asked about: a trace's id changes with every
 * new trace (image, model or backend), which is what on-demand results are keyed by.
 */
let next = 1;
const ids = new WeakMap<object, number>();

export function idOf(value: object | null | undefined): number {
  if (!value) return 0;
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = next++));
  return id;
}
