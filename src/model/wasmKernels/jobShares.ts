/**
 * How kernelRuntime.ts shares a job between threads: its range [0, total) of work items (column
 * panels, rows, heads) is cut into chunks, and every thread, the calling one included, claims the
 * next chunk with an atomic compare-and-swap until none is left. A thread that wakes late, or is
 * descheduled on a busy machine, simply claims fewer: no thread waits for a fixed share of another.
 */

/** Below this many multiply-adds per thread (~25 µs of work) a job uses fewer threads: waking one costs more. */
export const MIN_WORK_PER_THREAD = 1_000_000;
/** A chunk is at least this much work (~10 µs), so claiming it (~1 µs) stays cheap beside it. */
export const MIN_WORK_PER_CHUNK = 400_000;
/**
 * Chunks shrink as a job goes (guided scheduling): each holds 1/(GUIDED_SHARE·threads) of the items still
 * unclaimed, and at least the job's smallest chunk. None is bigger than a twelfth of the job on two
 * threads, so a thread descheduled in the middle of one holds up little; the last are one item, so
 * the threads finish within an item of each other however late one started.
 */
export const GUIDED_SHARE = 6;

export interface JobShares {
  /** threads worth using (1: the calling thread runs the whole range itself) */
  threads: number;
  /** work items the smallest chunk holds (the last may hold fewer) */
  chunk: number;
  chunks: number;
}

/** Items of the chunk that starts with `left` items unclaimed. */
function chunkSize(left: number, { threads, chunk }: JobShares): number {
  return Math.min(left, Math.max(chunk, Math.ceil(left / (GUIDED_SHARE * threads))));
}

/** The chunks of a job of `total` work items and `work` multiply-adds, with up to `threads` threads. */
export function jobShares(total: number, work: number, threads: number): JobShares {
  const useful = Math.max(1, Math.min(threads, total, Math.floor(work / MIN_WORK_PER_THREAD)));
  if (useful === 1) return { threads: 1, chunk: Math.max(total, 1), chunks: total > 0 ? 1 : 0 };
  const shares = { threads: useful, chunk: Math.max(1, Math.ceil((total * MIN_WORK_PER_CHUNK) / work)), chunks: 0 };
  for (let start = 0; start < total; start += chunkSize(total - start, shares)) shares.chunks++;
  return shares;
}

/** Chunk `index`'s work items [start, end). */
export function chunkRange(index: number, shares: JobShares, total: number): [number, number] {
  let start = 0;
  for (let c = 0; c < index; c++) start += chunkSize(total - start, shares);
  return [start, start + chunkSize(total - start, shares)];
}

/**
 * The claim word: one 64-bit word holding the job's number (high half) and its next unclaimed chunk
 * (low half). Claiming checks the job number in the same compare-and-swap, so a thread that read an
 * earlier job's arguments and was held up can never take a chunk of a later job with them.
 */
export function openClaims(claims: BigInt64Array, at: number, job: number): void {
  Atomics.store(claims, at, BigInt(job) << 32n);
}

/** Claims the next chunk of job `job` (of `chunks`): its index, or −1 when none is left or the job is over. */
export function claimChunk(claims: BigInt64Array, at: number, job: number, chunks: number): number {
  for (;;) {
    const seen = Atomics.load(claims, at);
    const next = Number(seen & 0xffffffffn);
    if (Number(seen >> 32n) !== job || next >= chunks) return -1;
    if (Atomics.compareExchange(claims, at, seen, seen + 1n) === seen) return next;
  }
}

/** Claims every chunk still unclaimed (after a failure): how many that was. */
export function claimRest(claims: BigInt64Array, at: number, job: number, chunks: number): number {
  let taken = 0;
  while (claimChunk(claims, at, job, chunks) >= 0) taken++;
  return taken;
}
