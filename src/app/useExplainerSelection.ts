/**
 * What the explainer shows (stage, layer, head, query token, colour settings): clamped to the
 * model, mirrored in the address once the user pauses, moved by the keys (←/→, ↑/↓, [/]) and by
 * ▶ Play, which walks the stages. Each input's time to the next painted frame is recorded for the bench.
 */
import { useCallback, useEffect, useState } from 'react';
import type { VitTrace } from '../model/trace';
import { DEFAULT_HUB_URL } from '../platform/hub/hubRef';
import { clampSelection, navigate, selectionFromParams, selectionToParams, type Selection } from '../state/selection';
import { STAGES } from '../state/stages';
import { useRedrawTimer } from './useRedrawTimer';

const PLAY_STEP_MS = 2500;
const URL_DELAY_MS = 200;

/** the shown model, as the address names it */
interface ShownModel {
  id: string;
  hubUrl?: string;
}

export function useExplainerSelection(trace: VitTrace | null, model: ShownModel | null) {
  const [rawSelection, setSelection] = useState<Selection>(() => selectionFromParams(new URLSearchParams(location.search)));
  const [playing, setPlaying] = useState(false);
  const selection = trace
    ? clampSelection(rawSelection, trace.config.numLayers, trace.config.numHeads, trace.layout.numTokens)
    : rawSelection;
  // input → painted frame, for the benchmark
  const markInput = useRedrawTimer(selection);

  const select = useCallback(
    (change: Partial<Selection>) => {
      markInput(Object.keys(change).join(','));
      setSelection((old) => ({ ...old, ...change }));
    },
    [markInput],
  );

  // The URL mirrors the model and the selection, so a copied link reopens the same view. It is
  // written once the user pauses: replaceState costs a few milliseconds, too much for every key.
  const { stage, layer, head, query, colorScope, colorScale } = selection;
  useEffect(() => {
    if (!trace || !model) return;
    const timer = setTimeout(() => {
      const params = selectionToParams(
        { stage, layer, head, query, colorScope, colorScale },
        new URLSearchParams(location.search),
      );
      params.set('model', model.id);
      if (model.hubUrl && model.hubUrl !== DEFAULT_HUB_URL) params.set('hub', model.hubUrl);
      else if (model.hubUrl) params.delete('hub');
      history.replaceState(null, '', `?${params.toString()}`);
    }, URL_DELAY_MS);
    return () => clearTimeout(timer);
  }, [stage, layer, head, query, colorScope, colorScale, trace, model]);

  useEffect(() => {
    if (!trace) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if ((event.target as HTMLElement | null)?.closest?.('input, select, textarea, [contenteditable="true"]')) return;
      const next = navigate(selection, event.key, trace.config.numLayers, trace.config.numHeads);
      if (!next) return;
      event.preventDefault();
      markInput(event.key);
      setPlaying(false);
      setSelection(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection, trace, markInput]);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setSelection((old) => {
        const i = STAGES.indexOf(old.stage);
        if (i >= STAGES.length - 1) {
          setPlaying(false);
          return old;
        }
        return { ...old, stage: STAGES[i + 1]! };
      });
    }, PLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing]);

  return { selection, select, playing, setPlaying };
}
