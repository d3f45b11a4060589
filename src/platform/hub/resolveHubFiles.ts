/**
 * Which files make a checkpoint on the Hub, and where they are: config.json and
 * preprocessor_config.json, then model.safetensors or the shards its index lists. When the
 * revision has no safetensors, look (as the transformers library does) for the conversion bot's
 * pull request and take the weights from its ref, refs/pr/N; failing that, pytorch_model.bin,
 * which ViT Lens reads without running its pickle (model/torchBin.ts).
 */
import type { FileDownloadInfoOutput } from '@huggingface/hub';
import { explainHubFailure, HubError } from './hubErrors';
import { resolveUrl, type HubRef } from './hubRef';

export interface HubContext {
  hubUrl: string;
  accessToken?: string;
  fetch: typeof fetch;
}

export interface PlannedFile {
  path: string;
  revision: string;
  size: number;
  info: FileDownloadInfoOutput;
}

export interface HubPlan {
  files: PlannedFile[];
  /** where the weights came from, when not the revision asked for */
  note: string | null;
}

/** The conversion bot's pull requests carry this title (transformers' safetensors_conversion.py). */
export const CONVERSION_PR_TITLE = 'Adding `safetensors` variant of this model';
export const CONVERSION_BOT = 'SFconvertbot';

/** Above this a single file is refused before download: a browser cannot hold it. */
export const MAX_FILE_BYTES = 4 * 2 ** 30;

async function info(ctx: HubContext, ref: HubRef, path: string, revision = ref.revision): Promise<FileDownloadInfoOutput | null> {
  try {
    // the Hub client loads with the first Hub request, not with the page
    const { fileDownloadInfo } = await import('@huggingface/hub');
    return await fileDownloadInfo({
      repo: ref.id,
      path,
      revision,
      hubUrl: ctx.hubUrl,
      accessToken: ctx.accessToken,
      fetch: ctx.fetch,
    });
  } catch (error) {
    throw explainHubFailure(error, {
      id: ref.id,
      file: path,
      url: resolveUrl(ctx.hubUrl, ref.id, revision, path),
      hubUrl: ctx.hubUrl,
      token: !!ctx.accessToken,
    });
  }
}

function planned(path: string, revision: string, i: FileDownloadInfoOutput): PlannedFile {
  if (!(i.size >= 0) || i.size > MAX_FILE_BYTES) {
    throw new HubError(
      `${path}: the hub says it is ${(i.size / 2 ** 30).toFixed(1)} GB; ViT Lens loads files up to ${MAX_FILE_BYTES / 2 ** 30} GB in the browser.`,
    );
  }
  return { path, revision, size: i.size, info: i };
}

/** model.safetensors, or the shards of model.safetensors.index.json, at one revision; null if neither. */
async function safetensorsAt(ctx: HubContext, ref: HubRef, revision: string): Promise<PlannedFile[] | null> {
  const single = await info(ctx, ref, 'model.safetensors', revision);
  if (single) return [planned('model.safetensors', revision, single)];
  const index = await info(ctx, ref, 'model.safetensors.index.json', revision);
  if (!index) return null;
  const { downloadFile } = await import('@huggingface/hub');
  const blob = await downloadFile({
    repo: ref.id,
    path: 'model.safetensors.index.json',
    revision,
    hubUrl: ctx.hubUrl,
    accessToken: ctx.accessToken,
    fetch: ctx.fetch,
    downloadInfo: index,
    xet: false,
  });
  let shards: string[];
  try {
    const json = JSON.parse(await blob!.text()) as { weight_map?: Record<string, unknown> };
    shards = [...new Set(Object.values(json.weight_map ?? {}).map(String))].sort();
  } catch (error) {
    throw new HubError(`${ref.id}: model.safetensors.index.json is not valid JSON (${(error as Error).message}).`);
  }
  if (shards.length === 0) throw new HubError(`${ref.id}: model.safetensors.index.json lists no shards in "weight_map".`);
  const bad = shards.find((s) => !/^[\w.-]+\.safetensors$/.test(s));
  if (bad)
    throw new HubError(
      `${ref.id}: model.safetensors.index.json names a shard "${bad}" that is not a .safetensors file in the repository.`,
    );
  const files: PlannedFile[] = [];
  for (const shard of shards) {
    const i = await info(ctx, ref, shard, revision);
    if (!i)
      throw new HubError(
        `${ref.id}: model.safetensors.index.json lists ${shard}, which the repository does not have at ${revision}.`,
      );
    files.push(planned(shard, revision, i));
  }
  return files;
}

interface Discussion {
  num: number;
  title: string;
  status: string;
  isPullRequest: boolean;
  author?: { name?: string };
}

/** The conversion bot's open pull request, as `refs/pr/N`, or null. */
export async function conversionRef(ctx: HubContext, ref: HubRef): Promise<string | null> {
  const url = `${ctx.hubUrl}/api/models/${ref.id}/discussions?author=${CONVERSION_BOT}&type=pull_request&status=open`;
  try {
    const response = await ctx.fetch(url, {
      headers: { accept: 'application/json', ...(ctx.accessToken ? { Authorization: `Bearer ${ctx.accessToken}` } : {}) },
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { discussions?: Discussion[] };
    const pr = (body.discussions ?? [])
      .filter(
        (d) => d.isPullRequest && d.status === 'open' && d.title === CONVERSION_PR_TITLE && d.author?.name === CONVERSION_BOT,
      )
      .sort((a, b) => b.num - a.num)[0];
    return pr ? `refs/pr/${pr.num}` : null;
  } catch {
    return null;
  }
}

export async function resolveHubFiles(ctx: HubContext, ref: HubRef): Promise<HubPlan> {
  const config = await info(ctx, ref, 'config.json');
  if (!config) {
    throw new HubError(
      `${ref.id}: the repository has no config.json at ${ref.revision}, so ViT Lens cannot tell the model's shape.`,
    );
  }
  const files = [planned('config.json', ref.revision, config)];
  const pre = await info(ctx, ref, 'preprocessor_config.json');
  if (pre) files.push(planned('preprocessor_config.json', ref.revision, pre));
  let weights = await safetensorsAt(ctx, ref, ref.revision);
  let note: string | null = null;
  if (!weights) {
    const pr = await conversionRef(ctx, ref);
    if (pr) {
      weights = await safetensorsAt(ctx, ref, pr);
      if (weights)
        note = `${ref.revision} has no safetensors; the weights come from the conversion bot's pull request ${pr}, as the transformers library would take them.`;
    }
  }
  if (!weights) {
    const bin = await info(ctx, ref, 'pytorch_model.bin');
    if (bin) {
      weights = [planned('pytorch_model.bin', ref.revision, bin)];
      note = `${ref.revision} has only pytorch_model.bin and no safetensors conversion; it is read by ViT Lens's own reader, which never runs the pickle's code.`;
    } else if (await info(ctx, ref, 'pytorch_model.bin.index.json')) {
      throw new HubError(
        `${ref.id} has only a sharded pytorch_model.bin at ${ref.revision}, and no safetensors conversion (refs/pr/N by ${CONVERSION_BOT}) was found; ViT Lens reads a single pytorch_model.bin, not its shards. Convert it with the Hub's conversion space (huggingface.co/spaces/safetensors/convert, which opens that pull request) or locally: python -c "from transformers import AutoModel; AutoModel.from_pretrained('${ref.id}').save_pretrained('out', safe_serialization=True)", then choose the files with Model files….`,
      );
    } else {
      throw new HubError(
        `${ref.id}: no model.safetensors, model.safetensors.index.json or pytorch_model.bin at ${ref.revision}.`,
      );
    }
  }
  return { files: [...files, ...weights], note };
}
