/**
 * The point between two layers of a long pass where it gives way: the event loop runs (a click, a
 * Cancel, a paint on the page; a cancel message in a worker) and the pass stops if its signal was
 * aborted meanwhile. A MessageChannel task, not setTimeout, because nested timeouts are clamped to
 * 4 ms and a ViT-B pass crosses dozens of such points.
 */
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // in Node (the unit tests) an open port would keep the process alive
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(null);
  });
}

/** Yields to the event loop, then throws the signal's reason if it was aborted. Without a signal, only yields. */
export async function betweenLayers(signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  await nextTask();
  signal?.throwIfAborted();
}
