/// <reference lib="webworker" />
/**
 * Pure analyses (src/analysis/) that hold the page's thread too long, run off it: UMAP (umap-js builds
 * its neighbour graph in one go, about a second for the seed toy's 2,048 points, then runs hundreds of
 * epochs) and the PCA of a ViT-B's 768 patch filters (~0.5 s). One worker per job, started by
 * offPage.ts and ended when it answers or is cancelled.
 */
import { OFF_PAGE_TASKS, type OffPageReply, type OffPageRequest } from './offPageTasks';

const post = (reply: OffPageReply, transfer: Transferable[] = []) => self.postMessage(reply, transfer);

self.onmessage = async ({ data }: MessageEvent<OffPageRequest>) => {
  try {
    const { result, transfer } = await OFF_PAGE_TASKS[data.task](data.args as never, {
      onProgress: (fraction) => post({ kind: 'progress', fraction }),
    });
    post({ kind: 'done', result }, transfer);
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
