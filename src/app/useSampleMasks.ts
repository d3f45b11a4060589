/** The object masks of the gallery's samples (public/samples/objects/masks.json), by file name. */
import { useEffect, useState } from 'react';

export interface SampleMask {
  label: string;
  grid: number;
  coverage: number[];
}

export function useSampleMasks(url: string): Record<string, SampleMask> {
  const [masks, setMasks] = useState<Record<string, SampleMask>>({});
  useEffect(() => {
    fetch(url)
      .then((r) => (r.ok ? (r.json() as Promise<Record<string, SampleMask>>) : {}))
      .then(setMasks)
      .catch(() => setMasks({}));
  }, [url]);
  return masks;
}
