/**
 * The gallery's index.json, fetched once per folder: the gallery, the opening sample and the
 * gallery-wide analyses all read it (the first view asked for it twice).
 */
const pending = new Map<string, Promise<unknown>>();

export function fetchSampleIndex<T>(folder: string): Promise<T> {
  let index = pending.get(folder);
  if (!index) {
    index = fetch(`${folder}index.json`).then((r) =>
      r.ok ? r.json() : Promise.reject(new Error(`${folder}index.json: HTTP ${r.status}`)),
    );
    // a failed fetch is not kept: the next caller tries again
    index.catch(() => pending.delete(folder));
    pending.set(folder, index);
  }
  return index as Promise<T>;
}
