import { memoryGeneration } from '../../model/memoryGeneration';

/**
 * A key that is equal for two views of the same memory holding the same numbers. Trace arrays do not
 * change while shown (a trace held in tfjs's memory bumps that memory's generation), and views of
 * them (one head, one row) are new objects on every render; effects keyed on this skip repainting a
 * canvas whose numbers are the same.
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
  return `${id}.${memoryGeneration(values.buffer)}:${values.byteOffset}:${values.byteLength}`;
}
