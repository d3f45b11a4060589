import { useMemo, useState } from 'react';
import { BACKENDS } from './platform/backend';
import { useVitSession } from './app/useVitSession';
import { topK } from './analysis/topK';
import { clampSelection, INITIAL_SELECTION, type Selection } from './state/selection';
import { StatusBar } from './views/status/StatusBar';
import { Toolbar } from './views/controls/Toolbar';
import { InputPreview } from './views/input/InputPreview';
import { PredictionPanel } from './views/prediction/PredictionPanel';
import { AttentionPanel } from './views/attention/AttentionPanel';
import { ModelSummary } from './views/model/ModelSummary';

function preprocessorNote(isDefault: boolean, mean: number[], std: number[]): string {
  const what = `rescale to 0…1, normalise with mean [${mean.join(', ')}], std [${std.join(', ')}]`;
  return isDefault ? `no preprocessor_config.json: ViTImageProcessor defaults (${what})` : what;
}

export function App() {
  const session = useVitSession();
  const { trace, model, image } = session;
  const [rawSelection, setSelection] = useState<Selection>(INITIAL_SELECTION);
  const selection = trace ? clampSelection(rawSelection, trace.config.numLayers, trace.config.numHeads) : rawSelection;
  const top = useMemo(() => (trace ? (trace.probs ? topK(trace.probs.data, trace.config.labels, 5) : null) : undefined), [trace]);
  const busy = session.state === 'loading' || session.state === 'running';

  return (
    <div className="app">
      <header>
        <h1>
          ViT Lens <span className="tagline">watch a Vision Transformer think — in your browser, nothing uploaded</span>
        </h1>
        <Toolbar
          busy={busy}
          canExport={!!trace}
          backendNames={BACKENDS}
          backend={session.backend?.name ?? null}
          backendDetail={session.backend ? session.backend.detail : 'starting…'}
          backendReason={session.backend?.reason ?? ''}
          onModelFiles={session.loadModelFiles}
          onImageFile={session.loadImageFile}
          onBackend={session.switchBackend}
          onExport={session.exportTrace}
        />
        <StatusBar state={session.state} message={session.message} error={session.error} onDismissError={session.dismissError} />
      </header>
      {trace && model && image ? (
        <main className="grid">
          <div className="column">
            <InputPreview
              pixels={image.pixels}
              name={image.name}
              originalSize={[image.originalWidth, image.originalHeight]}
              patchSize={trace.config.patchSize}
              size={256}
            />
            {top !== undefined && <PredictionPanel top={top} numClasses={trace.probs?.shape[0] ?? 0} />}
            <ModelSummary
              config={trace.config}
              source={model.source}
              naming={model.model.naming}
              numParameters={model.model.numParameters}
              preprocessorNote={preprocessorNote(
                model.preprocessor.isDefault,
                model.preprocessor.imageMean,
                model.preprocessor.imageStd,
              )}
            />
          </div>
          <div className="column wide">
            <AttentionPanel
              trace={trace}
              selection={selection}
              onSelect={(change) => setSelection({ ...selection, ...change })}
            />
          </div>
        </main>
      ) : (
        <main className="empty">
          <p>
            Choose the files of a Hugging Face ViT folder (<code>config.json</code>, <code>model.safetensors</code>, optionally{' '}
            <code>preprocessor_config.json</code>) and an image.
          </p>
        </main>
      )}
      <footer className="muted">
        {session.traceMs !== null &&
          `Last forward pass with full trace: ${session.traceMs.toFixed(0)} ms on ${session.backend?.name}. `}
        Everything runs on this device; no image or model leaves it.
      </footer>
    </div>
  );
}
