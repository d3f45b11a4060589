import { fetchSampleIndex } from '../../platform/sampleIndex';
import { useEffect, useState } from 'react';
import { t } from '../../i18n';
import { sampleTitle, type SampleTitles } from '../common/sampleTitle';

export interface GalleryImage extends SampleTitles {
  file: string;
  group: string;
  label?: string;
}

/** Every thumbnail in one image (training/make_gallery_sprite.py): cells of `cell` px, in the images' order. */
export interface GallerySprite {
  file: string;
  cell: number;
}

export interface GalleryProps {
  /** the folder holding index.json and the images */
  baseUrl: string;
  current: string | null;
  onPick: (url: string, file: string) => void;
}

/** a thumbnail's side, CSS px */
const THUMB = 44;

/** The sample images the project ships (see public/samples/CREDITS.md). */
export function Gallery({ baseUrl, current, onPick }: GalleryProps) {
  const [images, setImages] = useState<GalleryImage[] | null>(null);
  const [sprite, setSprite] = useState<GallerySprite | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetchSampleIndex<{ images: GalleryImage[]; sprite?: GallerySprite }>(baseUrl)
      .then((index) => (setSprite(index.sprite ?? null), setImages(index.images)))
      .catch(() => setFailed(true));
  }, [baseUrl]);
  if (failed) return <p className="muted">{t('gallery.failed')}</p>;
  if (!images) return <p className="muted">{t('gallery.loading')}</p>;
  return (
    <ul className="gallery" data-testid="gallery" role="list" aria-label={t('gallery.label')}>
      {images.map((img, i) => {
        const name = img.file.split('/').pop()!;
        const title = sampleTitle(img);
        return (
          <li key={img.file}>
            <button
              type="button"
              className={current === name ? 'gallery-item active' : 'gallery-item'}
              aria-current={current === name ? 'true' : undefined}
              title={title}
              aria-label={t('gallery.sample', { title })}
              data-testid={`gallery-${name}`}
              onClick={() => onPick(`${baseUrl}${img.file}`, name)}
            >
              {sprite ? (
                // one request for every thumbnail: the sprite at its density (cell px per 44 CSS px), this image's cell shown
                <img
                  srcSet={`${baseUrl}${sprite.file} ${sprite.cell / THUMB}x`}
                  data-file={img.file}
                  alt=""
                  width={THUMB}
                  height={THUMB}
                  style={{ objectFit: 'none', objectPosition: `${-i * THUMB}px 0` }}
                />
              ) : (
                <img src={`${baseUrl}${img.file}`} data-file={img.file} alt="" width={THUMB} height={THUMB} loading="lazy" />
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
