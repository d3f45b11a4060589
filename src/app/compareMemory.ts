/**
 * The second run counts against the page's one memory budget (bigModelGuard.ts): A's model and
 * trace are already held, and B adds its trace (another image on A's model) or its model and trace
 * (another model). Refused when the two cannot fit; asked, like a big first model, when they are large.
 */
import type { VitConfig } from '../model/config';
import { ASK_ABOVE_BYTES, estimateMemory, formatSize } from '../model/memoryEstimate';
import { askAboutMemory, memoryBudget, ModelMemoryError } from './bigModelGuard';
import { t } from '../i18n';

export interface CompareMemoryInput {
  /** model A, as loaded */
  a: { config: VitConfig; numClasses: number };
  /** model B when it is another model; absent when B is another image on A's model */
  bModel?: { config: VitConfig; numClasses: number };
}

export interface CompareMemory {
  kind: 'fits' | 'ask' | 'refuse';
  /** A's model, trace and working space */
  heldBytes: number;
  /** what B adds */
  extraBytes: number;
  totalBytes: number;
  budgetBytes: number;
}

export function compareMemoryVerdict(
  input: CompareMemoryInput,
  budgetBytes: number,
  askAboveBytes = ASK_ABOVE_BYTES,
): CompareMemory {
  const a = estimateMemory(input.a.config, input.a.numClasses);
  const b = input.bModel ? estimateMemory(input.bModel.config, input.bModel.numClasses) : null;
  // one pass runs at a time, so B shares A's working space
  const extraBytes = b ? b.weightsBytes + b.traceBytes : a.traceBytes;
  const heldBytes = a.totalBytes;
  const totalBytes = heldBytes + extraBytes;
  const kind = !(totalBytes <= budgetBytes) ? 'refuse' : totalBytes > askAboveBytes ? 'ask' : 'fits';
  return { kind, heldBytes, extraBytes, totalBytes, budgetBytes };
}

function sizes(m: CompareMemory) {
  return {
    held: formatSize(m.heldBytes),
    extra: formatSize(m.extraBytes),
    total: formatSize(m.totalBytes),
    budget: formatSize(m.budgetBytes),
  };
}

/** Resolves when B may be made; throws ModelMemoryError when it cannot fit or the user says no. */
export async function guardCompareMemory(input: CompareMemoryInput): Promise<void> {
  const verdict = compareMemoryVerdict(input, memoryBudget());
  if (verdict.kind === 'fits') return;
  if (verdict.kind === 'refuse') throw new ModelMemoryError(t('compare.memory.refuse', sizes(verdict)));
  const b = input.bModel ?? input.a;
  // the question's button names what the page will then hold in all
  const estimate = { ...estimateMemory(b.config, b.numClasses), totalBytes: verdict.totalBytes };
  if (!(await askAboutMemory(t('compare.memory.ask', sizes(verdict)), estimate))) {
    throw new ModelMemoryError(t('compare.memory.declined'));
  }
}
