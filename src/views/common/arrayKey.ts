/**
 * A key that is equal for two views of the same memory. Trace arrays never change, and views of
 * them (one head, one row) are new objects on every render; effects keyed on this skip repainting
 * a canvas whose numbers are the same.
 */
const ids = new WeakMap<ArrayBufferLike, number>();
let next = 1;

export function arrayKey(values: ArrayBufferView | null): string {
  if (!values) return 'none';
  let id = ids.get(values.buffer);
  if (id === undefined) {
    id = next++;
    ids.set(values.buffer, id);
  }
  return `${id}:${values.byteOffset}:${values.byteLength}`;
}
