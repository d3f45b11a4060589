/** The preprocessing in words, in the interface's language (src/model/preprocessorConfig.ts's describePreprocessor, localised). */
import type { PreprocessorConfig } from '../../model/preprocessorConfig';
import type { Resample } from '../../model/pilResize';
import { t } from '../../i18n';

/** The resampling filter's name (Pillow's): bilinear, 双线性 … */
export const resampleWord = (resample: Resample): string => t(`preprocess.filter.${resample}`);

export function preprocessWords(p: PreprocessorConfig): string {
  const steps: string[] = [];
  if (p.doResize) {
    steps.push(
      p.size.kind === 'exact'
        ? t('preprocess.steps.resize', { w: p.size.width, h: p.size.height, resample: resampleWord(p.resample) })
        : t('preprocess.steps.shortest', { edge: p.size.shortestEdge, resample: resampleWord(p.resample) }),
    );
  }
  if (p.doCenterCrop) steps.push(t('preprocess.steps.crop', { w: p.cropSize.width, h: p.cropSize.height }));
  if (p.doRescale) steps.push(t('preprocess.steps.rescale', { factor: p.rescaleFactor === 1 / 255 ? '1/255' : p.rescaleFactor }));
  if (p.doNormalize) steps.push(t('preprocess.steps.normalise', { mean: p.imageMean.join(', '), std: p.imageStd.join(', ') }));
  const text = steps.join(t('preprocess.steps.then')) || t('preprocess.steps.none');
  return p.isDefault ? t('preprocess.steps.defaults', { text }) : text;
}
