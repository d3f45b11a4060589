/** The explorer's first column: the image and its preprocessing, the prediction, and the model's card. */
import { useMemo } from 'react';
import { forwardMacs, formatMacs } from '../analysis/flops';
import { topK } from '../analysis/topK';
import { t, useLang } from '../i18n';
import type { VitTrace } from '../model/trace';
import type { PreparedImage } from '../platform/imageInput';
import { PreprocessPanel } from '../views/input/PreprocessPanel';
import { preprocessWords } from '../views/input/preprocessWords';
import { ModelSummary } from '../views/model/ModelSummary';
import { PredictionPanel } from '../views/prediction/PredictionPanel';
import type { SessionModel } from './sessionTypes';
import { traceClassNames } from '../views/common/classNames';

export interface ImageAndModelColumnProps {
  image: PreparedImage;
  model: SessionModel;
  trace: VitTrace;
  numClasses: number;
  /** where the model came from, in words */
  source: string;
}

export function ImageAndModelColumn({ image, model, trace, numClasses, source }: ImageAndModelColumnProps) {
  // null: a model without a classifier head
  const lang = useLang(); // the unnamed classes' names follow the language
  const top = useMemo(() => (trace.probs ? topK(trace.probs.data, traceClassNames(trace), 5) : null), [trace, lang]);
  return (
    <div className="column">
      <PreprocessPanel
        name={image.name}
        original={image.decoded.pixels}
        decodeNote={image.decoded.note}
        steps={image.steps}
        description={preprocessWords(model.preprocessor)}
        resample={model.preprocessor.resample}
        patchSize={trace.config.patchSize}
      />
      <PredictionPanel top={top} numClasses={numClasses} />
      <ModelSummary
        config={trace.config}
        layout={trace.layout}
        source={source}
        naming={model.model.naming}
        numParameters={model.model.numParameters}
        preprocessorNote={preprocessWords(model.preprocessor)}
        cost={t('card.macs', {
          n: formatMacs(forwardMacs(trace.config, trace.layout, numClasses)).replace(/ multiply-adds$/, ''),
        })}
        card={model.card}
      />
    </div>
  );
}
