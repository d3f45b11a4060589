/**
 * What a result's arrays cost on the way to the page: nothing. Arrays in shared memory (the wasm
 * heap of a cross-origin isolated page) are posted as views of it; the others' buffers are moved
 * (transferred). A buffer is moved only when the result's views cover all of it (a trace's q, k
 * and v share one); a view of a larger buffer (memory the engine still uses) is copied out first.
 */
type Typed = Float32Array | Int32Array | Uint8Array;

function isTyped(value: unknown): value is Typed {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** Visits every typed array in a plain result; `swap` may replace one in its parent. */
function walk(value: unknown, visit: (array: Typed) => Typed, seen = new Set<object>()): void {
  if (!value || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    if (isTyped(child)) {
      const swapped = visit(child);
      if (swapped !== child) (value as Record<string | number, unknown>)[key] = swapped;
    } else walk(child, visit, seen);
  }
}

/** Makes `result` movable in place and returns the buffers to transfer with it. */
export function transferablesOf(result: unknown): ArrayBuffer[] {
  const views = new Map<ArrayBufferLike, Typed[]>();
  walk(result, (array) => {
    const list = views.get(array.buffer);
    if (list) {
      if (!list.includes(array)) list.push(array);
    } else views.set(array.buffer, [array]);
    return array;
  });
  const moved = new Set<ArrayBuffer>();
  const copies = new Map<Typed, Typed>();
  for (const [buffer, list] of views) {
    if (typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer) continue;
    const covered = list.reduce((n, v) => n + v.byteLength, 0);
    if (covered === buffer.byteLength) moved.add(buffer as ArrayBuffer);
    else
      for (const view of list) {
        const copy = view.slice() as Typed;
        copies.set(view, copy);
        moved.add(copy.buffer as ArrayBuffer);
      }
  }
  if (copies.size > 0) walk(result, (array) => copies.get(array) ?? array);
  return [...moved];
}
