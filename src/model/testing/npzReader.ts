/** Reads the .npz files ViT Lens writes, as numpy would, for tests. */
import { unzipSync } from 'fflate';

export interface NpyArray {
  shape: number[];
  descr: string;
  fortranOrder: boolean;
  data: Float32Array;
}

export function decodeNpy(bytes: Uint8Array): NpyArray {
  const magic = String.fromCharCode(...bytes.subarray(1, 6));
  if (bytes[0] !== 0x93 || magic !== 'NUMPY') throw new Error('not an .npy file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint16(8, true);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)![1]!;
  const fortranOrder = /'fortran_order':\s*True/.test(header);
  const shape = /'shape':\s*\(([^)]*)\)/
    .exec(header)![1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const start = 10 + headerLength;
  const data = new Float32Array(bytes.slice(start).buffer);
  return { shape, descr, fortranOrder, data };
}

export function decodeNpz(bytes: Uint8Array): Map<string, NpyArray> {
  const files = unzipSync(bytes);
  return new Map(Object.entries(files).map(([name, content]) => [name.replace(/\.npy$/, ''), decodeNpy(content)]));
}
