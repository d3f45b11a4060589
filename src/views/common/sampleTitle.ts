import { currentLang, type Lang } from '../../i18n';

/** A gallery image's words as index.json gives them: its English title, and the others by language. */
export interface SampleTitles {
  title: string;
  titles?: Partial<Record<Lang, string>>;
}

/** The sample's title in the interface's language, or its English one where index.json has no other. */
export const sampleTitle = (sample: SampleTitles, lang: Lang = currentLang()): string => sample.titles?.[lang] ?? sample.title;
