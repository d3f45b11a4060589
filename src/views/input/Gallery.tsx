import { useEffect, useState } from 'react';
import { t } from '../../i18n';

export interface GalleryImage {
  file: string;
  title: string;
  group: string;
  label?: string;
}

export interface GalleryProps {
  /** the folder holding index.json and the images */
  baseUrl: string;
  current: string | null;
  onPick: (url: string, file: string) => void;
}

/** The sample images the project ships (see public/samples/CREDITS.md). */
export function Gallery({ baseUrl, current, onPick }: GalleryProps) {
  const [images, setImages] = useState<GalleryImage[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch(`${baseUrl}index.json`)
      .then((r) => (r.ok ? (r.json() as Promise<{ images: GalleryImage[] }>) : Promise.reject(new Error(String(r.status)))))
      .then((index) => setImages(index.images))
      .catch(() => setFailed(true));
  }, [baseUrl]);
  if (failed) return <p className="muted">{t('gallery.failed')}</p>;
  if (!images) return <p className="muted">{t('gallery.loading')}</p>;
  return (
    <div className="gallery" data-testid="gallery" role="list" aria-label={t('gallery.label')}>
      {images.map((img) => {
        const name = img.file.split('/').pop()!;
        return (
          <button
            key={img.file}
            type="button"
            role="listitem"
            className={current === name ? 'gallery-item active' : 'gallery-item'}
            title={img.title}
            aria-label={t('gallery.sample', { title: img.title })}
            data-testid={`gallery-${name}`}
            onClick={() => onPick(`${baseUrl}${img.file}`, name)}
          >
            <img src={`${baseUrl}${img.file}`} alt="" width={44} height={44} loading="lazy" />
          </button>
        );
      })}
    </div>
  );
}
