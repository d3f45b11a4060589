/**
 * Animation: the patches slide out of the image into one row of tokens (the prefix tokens first).
 * The tiles are drawn at their place in the row; the animation starts them at their place in the image.
 */
import { useMemo, useRef } from 'react';
import type { TokenLayout } from '../../model/tokenLayout';
import { imageSource } from './LessonImage';
import { useLessonAnimation } from './useLessonAnimation';
import { AnimationControls } from './AnimationControls';
import { fill, type LessonText } from './lessonText';

const MAX_TILES = 64;
const SLIDE_MS = 900;
const STAGGER_MS = 500;

export interface PatchSlideProps {
  pixels: ImageData;
  layout: TokenLayout;
  size: number;
  width: number;
  text: LessonText;
  picked: number | null;
  onPickToken?: (token: number) => void;
  tokenWord: (token: number) => string;
}

export function PatchSlide({ pixels, layout, size, width, text, picked, onPickToken, tokenWord }: PatchSlideProps) {
  const box = useRef<HTMLDivElement>(null);
  const url = useMemo(() => imageSource(pixels).toDataURL(), [pixels]);
  const prefix = layout.prefix.length;
  const shownPatches = Math.min(layout.numPatches, MAX_TILES - prefix);
  const count = prefix + shownPatches;
  const cw = size / layout.gridCols;
  const ch = size / layout.gridRows;
  // the token row wraps like a line of text, so each token stays big enough to see and click
  const tile = 24;
  const perLine = Math.max(1, Math.floor(width / tile));
  const lines = Math.ceil(count / perLine);
  const rowTop = size + 16;
  const at = (t: number) => `translate(${(t % perLine) * tile}px, ${rowTop + Math.floor(t / perLine) * tile}px)`; // i18n-ignore
  const { skip, replay, active } = useLessonAnimation(() => {
    const tiles = box.current?.querySelectorAll<HTMLElement>('[data-patch]') ?? [];
    return [...tiles].map((el, i) => {
      const p = Number(el.dataset.patch);
      const x = (p % layout.gridCols) * cw;
      const y = Math.floor(p / layout.gridCols) * ch;
      const end = el.style.transform;
      return el.animate(
        [{ transform: `translate(${x}px, ${y}px) scale(${cw / tile}, ${ch / tile})` }, { transform: end }], // i18n-ignore
        { duration: SLIDE_MS, delay: (i / Math.max(1, tiles.length)) * STAGGER_MS, easing: 'ease-in-out', fill: 'backwards' },
      );
    });
  }, [pixels, layout]);
  const tokenTile = (t: number, content: React.ReactNode, style: React.CSSProperties) => (
    <button
      key={t}
      type="button"
      className={`lesson-tile${picked === t ? ' picked' : ''}`}
      data-testid={`lesson-token-${t}`}
      data-patch={t >= prefix ? t - prefix : undefined}
      title={tokenWord(t)}
      aria-label={tokenWord(t)}
      onClick={onPickToken ? () => onPickToken(t) : undefined}
      disabled={!onPickToken}
      style={{ width: tile, height: tile, ...style }}
    >
      {content}
    </button>
  );
  return (
    <div className="lesson-slide">
      <div ref={box} className="lesson-slide-box" style={{ width, height: rowTop + lines * tile + 22 }}>
        <img src={url} alt="" width={size} height={size} className="lesson-slide-image" />
        {Array.from({ length: prefix }, (_, t) =>
          tokenTile(t, layout.prefix[t]!.name.replace(/[[\]]/g, ''), { transform: at(t) }),
        )}
        {Array.from({ length: shownPatches }, (_, p) =>
          tokenTile(p + prefix, null, {
            transform: at(p + prefix),
            backgroundImage: `url(${url})`,
            backgroundSize: `${(size / cw) * tile}px ${(size / ch) * tile}px`,
            backgroundPosition: `${-(p % layout.gridCols) * tile}px ${-Math.floor(p / layout.gridCols) * tile}px`,
          }),
        )}
        <span className="muted lesson-slide-note" style={{ top: rowTop + lines * tile + 4 }}>
          {layout.numTokens > count ? fill(text.ui.shownOf, { shown: count, total: layout.numTokens }) : `T = ${layout.numTokens}`}
        </span>
      </div>
      <AnimationControls text={text} active={active} onSkip={skip} onReplay={replay} />
    </div>
  );
}
