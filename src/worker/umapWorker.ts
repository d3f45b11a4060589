/// <reference lib="webworker" />
/**
 * One UMAP layout (analysis/qkSpace.ts) off the page's thread: umap-js builds its neighbour graph in
 * one go (about a second for the seed toy's 2,048 points) and then runs hundreds of epochs, which on
 * the page held it for seconds. Started per layout by umapClient.ts and ended when it answers or is
 * cancelled.
 */
import { umapLayout } from '../analysis/qkSpace';
import type { UmapReply, UmapRequest } from './umapClient';

const post = (reply: UmapReply, transfer: Transferable[] = []) => self.postMessage(reply, transfer);

self.onmessage = async ({ data: { points, n, d } }: MessageEvent<UmapRequest>) => {
  try {
    const layout = await umapLayout(points, n, d, { onProgress: (fraction) => post({ kind: 'progress', fraction }) });
    post({ kind: 'done', layout }, [layout.buffer]);
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
