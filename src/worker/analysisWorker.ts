/// <reference lib="webworker" />
/**
 * Pure analyses (src/analysis/) that hold the page's thread too long, run off it (the list is
 * offPageTasks.ts): UMAP (umap-js builds its neighbour graph in one go, about a second for the seed
 * toy's 2,048 points), the PCA of a ViT-B's 768 patch filters (~0.5 s), the logit lens's readout of every
 * patch (~0.3 s) and the token norms' feature PCA (0.1–0.2 s). One worker per job, started by
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
