/**
 * The comparison's state beside the page's run A: what B is (picked, or read once from the
 * address and checked against the gallery and the model list), B's run, and the address kept in
 * step. It draws nothing itself: src/views/compare/ComparePanel.tsx does, from these props.
 */
import { useEffect, useState } from 'react';
import { layoutMismatch } from '../analysis/compare';
import type { VitTrace } from '../model/trace';
import type { Selection } from '../state/selection';
import { compareFromParams, compareToParams, galleryName, type CompareSpec, type GalleryEntry } from '../state/compare';
import { ComparePanel } from '../views/compare/ComparePanel';
import type { ModelChoiceB } from '../views/compare/ComparePicker';
import { t } from '../i18n';
import { COMPARE_MODEL_IDS, compareModelInfo } from './compareModels';
import { galleryEntries, useCompareRun, type RunA } from './useCompareRun';

export interface CompareRunProps {
  a: RunA & { trace: VitTrace; modelLabel: string };
  selection: Selection;
  onSelect: (change: Partial<Selection>) => void;
  tokenName: (token: number) => string;
}

/** Run A beside run B at the same stage, layer, head and query. */
export function CompareRun({ a, selection, onSelect, tokenName }: CompareRunProps) {
  const [spec, setSpec] = useState<CompareSpec | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [gallery, setGallery] = useState<GalleryEntry[]>([]);
  const [models, setModels] = useState<ModelChoiceB[] | null>(null);
  const layoutA = a.trace.layout;

  useEffect(() => {
    galleryEntries().then(setGallery, () => setGallery([]));
  }, []);
  useEffect(() => {
    let live = true;
    void Promise.all(
      COMPARE_MODEL_IDS.map(async (id): Promise<ModelChoiceB | null> => {
        try {
          const info = await compareModelInfo(id);
          const mismatch = layoutMismatch(layoutA, info.layout);
          const disabled =
            id === a.model.id ? t('compare.sameModel') : mismatch ? t('compare.otherTokens', { reason: mismatch }) : null;
          return { id, label: info.label, disabled };
        } catch {
          return null;
        }
      }),
    ).then((list) => live && setModels(list.filter((m): m is ModelChoiceB => m !== null)));
    return () => {
      live = false;
    };
  }, [layoutA, a.model.id]);

  // the address's request (read when compare opens), once the lists to check it against are here; anything unknown is ignored with a notice
  const [fromAddress] = useState(() => compareFromParams(new URLSearchParams(location.search)));
  const [addressRead, setAddressRead] = useState(false);
  useEffect(() => {
    if (addressRead || !models || (fromAddress.kind === 'spec' && fromAddress.spec.kind === 'image' && gallery.length === 0))
      return;
    setAddressRead(true);
    if (fromAddress.kind === 'invalid') setNotice(t('compare.badParam', { text: fromAddress.text }));
    if (fromAddress.kind !== 'spec') return;
    const wanted = fromAddress.spec;
    const ok =
      wanted.kind === 'image'
        ? gallery.some((e) => galleryName(e) === wanted.name)
        : models.some((m) => m.id === wanted.id && m.disabled === null);
    if (ok) setSpec(wanted);
    else setNotice(t('compare.badParam', { text: `${wanted.kind}:${wanted.kind === 'image' ? wanted.name : wanted.id}` }));
  }, [addressRead, fromAddress, models, gallery]);

  // the address holds B (never the user's own file); compare off takes it out
  useEffect(() => {
    if (!addressRead) return;
    history.replaceState(history.state, '', `?${compareToParams(spec, new URLSearchParams(location.search)).toString()}`);
  }, [spec, addressRead]);
  useEffect(
    () => () =>
      history.replaceState(history.state, '', `?${compareToParams(null, new URLSearchParams(location.search)).toString()}`),
    [],
  );


  const state = useCompareRun(spec, a);
  return (
    <ComparePanel
      a={{ trace: a.trace, pixels: a.image.pixels, imageName: a.image.name, modelLabel: a.modelLabel }}
      state={state}
      spec={spec}
      onSpec={setSpec}
      notice={notice}
      gallery={gallery}
      models={models ?? []}
      selection={selection}
      onSelect={onSelect}
      tokenName={tokenName}
    />
  );
}
