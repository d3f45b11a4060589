import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useVitSession } from './app/useVitSession';
import { useImageArrivals } from './app/useImageArrivals';
import { useSampleMasks } from './app/useSampleMasks';
import { modelDimsOf, type ModelDims } from './analysis/modelDims';
import { tokenLabel } from './i18n/tokenLabel';
import { useExplainerSelection } from './app/useExplainerSelection';
import { Stepper } from './views/explainer/Stepper';
import { KeyHelp } from './views/explainer/KeyHelp';
import { StagePanel } from './views/explainer/StagePanel';
import { AttentionExplorer } from './views/attention/AttentionExplorer';
import { AnalysesSection } from './views/analyses/AnalysesSection';
import type { AnalysisContext } from './views/analyses/context';
import { analysisEngine } from './app/analysisEngine';
import { idOf } from './app/objectIds';
import { useJobs } from './app/useJobs';
import { OfflineStatus } from './views/status/OfflineStatus';
import { FirstViewPlaceholder } from './views/status/FirstViewPlaceholder';
import { useLesson } from './views/lesson/useLesson';
import { LessonStart } from './views/lesson/LessonStart';
import { isBuiltInModel } from './app/modelSources';
import { presetLabel } from './app/presetLabels';
import { traceClassNames } from './views/common/classNames';
import { FigureSubjectContext } from './views/figure/figureSubject';
import { CompareToggle } from './views/compare/CompareToggle';
import { t, useLang } from './i18n';
import { useLayerRerun } from './app/useLayerRerun';
import { isPartial, isRecorded } from './model/trace';
import { LayerRunning } from './views/partial/LayerRunning';
import { useExportDialog } from './app/useExportDialog';
import { statusWithFailures, usePanelErrors } from './app/usePanelErrors';
import { LiveCameraPanel } from './app/LiveCameraPanel';
import { CompareRunPanel } from './app/CompareRunPanel';
import { ImageAndModelColumn } from './app/ImageAndModelColumn';
import { PartialTraceNote } from './views/partial/PartialTraceNote';
import { LAYER_STAGES } from './state/stages';
import { AppHeader } from './app/AppHeader';

// the lesson's steps, animations and words load when it is opened
const LessonView = lazy(async () => ({ default: (await import('./views/lesson/LessonView')).LessonView }));

export function App() {
  const lang = useLang(); // the whole page re-renders in the chosen language
  const session = useVitSession();
  const { model, image } = session;
  const { selection, select, playing, setPlaying } = useExplainerSelection(session.trace, model);
  // a partial trace (a big model, or ?record=shown): the layer on screen is re-run when it was not recorded
  const rerun = useLayerRerun(session.trace, session.engine, model?.handle ?? null, selection.layer);
  const trace = rerun.trace;
  // "Export trace.npz": the dialog asks which layers; those not recorded are re-run in the engine's worker
  const exportDialog = useExportDialog(session.trace, trace, session.engine, model?.handle ?? null);
  const partial = !!session.trace && isPartial(session.trace);
  const layerShown = !trace || isRecorded(trace, selection.layer);
  const lesson = useLesson();
  const dragging = useImageArrivals(session.loadImageFile, session.reportError);
  const masks = useSampleMasks(`${import.meta.env.BASE_URL}samples/objects/masks.json`);

  const dims: ModelDims | null = useMemo(() => (trace ? modelDimsOf(trace) : null), [trace]);
  const tokenName = useCallback((t: number) => (trace ? tokenLabel(trace.layout, t) : ''), [trace]);
  const engine = useMemo(
    () => (model && session.engine ? analysisEngine(model, import.meta.env.BASE_URL, session.engine) : null),
    [model, session.engine],
  );
  // every new trace gets a new number: the analyses' results are keyed by it
  const traceId = idOf(trace);
  const jobs = useJobs(traceId, idOf(model));
  // a built-in model or a preset is named in the interface's language; a user's or the Hub's by its source
  const modelSource = model
    ? isBuiltInModel(model.id)
      ? t(`models.source.${model.id}`)
      : (presetLabel(model.id) ?? model.source)
    : null;
  const modelName = modelSource ?? t('app.thisModel');
  const { failed, onPanelError } = usePanelErrors();
  const statusMessage = statusWithFailures(session.message, failed);
  const analysisContext: AnalysisContext | null = useMemo(
    () =>
      trace && dims && image && engine && model
        ? {
            trace,
            dims,
            pixels: image.pixels,
            preprocessor: model.preprocessor,
            engine,
            layer: selection.layer,
            head: selection.head,
            labels: traceClassNames(trace),
            modelName,
            traceId,
            jobs,
          }
        : null,
    // lang: the unnamed classes' names follow the language
    [trace, dims, image, engine, model, selection.layer, selection.head, modelName, traceId, jobs, lang],
  );
  const pickHead = useCallback((l: number, h: number) => select({ layer: l, head: h }), [select]);
  const busy = session.state === 'loading' || session.state === 'running';
  const [compareOn, setCompareOn] = useState(() => new URLSearchParams(location.search).has('compare'));
  const [cameraOpen, setCameraOpen] = useState(false);

  return (
    <div className="app">
      {dragging && (
        <div className="drop-target" data-testid="drop-target">
          <span>{t('app.dropHere')}</span>
        </div>
      )}
      <AppHeader
        session={session}
        busy={busy}
        canExport={!!trace}
        onExport={exportDialog.open}
        exportDialog={exportDialog.dialog}
        cameraOpen={cameraOpen}
        onCamera={model ? () => setCameraOpen((open) => !open) : undefined}
        statusMessage={statusMessage}
        degraded={failed.length > 0}
      />
      {cameraOpen && model && engine && trace && (
        <LiveCameraPanel
          lang={lang}
          model={model}
          engine={engine}
          trace={trace}
          layer={selection.layer}
          head={selection.head}
          modelName={modelName}
          onPanelError={onPanelError}
          onFreeze={session.loadImageFile}
        />
      )}
      {trace && model && image && dims ? (
        <FigureSubjectContext.Provider
          value={{ model: isBuiltInModel(model.id) ? model.id : model.source, image: image.name }}
        >
          {partial && <PartialTraceNote trace={trace} base={session.trace!} />}
          {analysisContext && !partial && lesson.step === null && <LessonStart onStart={() => lesson.setStep(1)} />}
          {analysisContext && !partial && lesson.step !== null && (
            <Suspense
              fallback={
                <p className="panel-loading" role="status">
                  {t('lessonLabels.loading')}
                </p>
              }
            >
              <LessonView
                lang={lang}
                ctx={analysisContext}
                step={lesson.step}
                onStep={lesson.setStep}
                present={lesson.present}
                onPresent={lesson.setPresent}
                onExit={() => lesson.setStep(null)}
              />
            </Suspense>
          )}
          <Stepper
            stage={selection.stage}
            layer={selection.layer}
            numLayers={trace.config.numLayers}
            playing={playing}
            onStage={(stage) => {
              setPlaying(false);
              select({ stage });
            }}
            onPlay={() => setPlaying((p) => !p)}
          />
          <KeyHelp />
          <main className="grid">
            <ImageAndModelColumn
              image={image}
              model={model}
              trace={trace}
              numClasses={dims.C}
              source={modelSource ?? model.source}
            />
            <div className="column wide">
              {!partial && <CompareToggle on={compareOn} onToggle={() => setCompareOn((on) => !on)} />}
              {!layerShown && (
                <LayerRunning
                  layer={selection.layer}
                  numLayers={trace.config.numLayers}
                  running={rerun.running === selection.layer}
                  failed={rerun.failed}
                  onCancel={rerun.cancel}
                  onRun={rerun.retry}
                  onLayer={(layer) => select({ layer })}
                />
              )}
              {(layerShown || !LAYER_STAGES.has(selection.stage)) && (
                <StagePanel
                  trace={trace}
                  dims={dims}
                  selection={selection}
                  onSelect={select}
                  pixels={image.pixels}
                  tokenName={tokenName}
                  modelName={modelName}
                  onPanelError={onPanelError}
                />
              )}
              {compareOn && !partial && engine && session.engine && (
                <CompareRunPanel
                  a={{ model, image, engine, client: session.engine, trace, modelLabel: modelName }}
                  selection={selection}
                  onSelect={select}
                  tokenName={tokenName}
                  onPanelError={onPanelError}
                />
              )}
              {layerShown && (
                <AttentionExplorer
                  hideOverview={partial}
                  trace={trace}
                  dims={dims}
                  selection={selection}
                  onSelect={select}
                  pixels={image.pixels}
                  tokenName={tokenName}
                  onPickHead={pickHead}
                  objectMask={partial ? null : (masks[image.name] ?? null)}
                  modelName={modelName}
                  onPanelError={onPanelError}
                />
              )}
            </div>
          </main>
          {analysisContext && !partial && <AnalysesSection ctx={analysisContext} onPanelError={onPanelError} />}
        </FigureSubjectContext.Provider>
      ) : busy ? (
        <FirstViewPlaceholder />
      ) : (
        <main className="empty">
          <p>
            {t('app.empty.choose')} (<code>config.json</code>, <code>model.safetensors</code>
            {t('app.empty.optionally')} <code>preprocessor_config.json</code>){t('app.empty.andImage')}
          </p>
        </main>
      )}
      <footer className="muted">
        {session.traceMs !== null && t('app.lastPass', { ms: session.traceMs.toFixed(0), backend: session.backend?.name }) + ' '}
        {t('app.local')} <OfflineStatus firstViewDone={!!trace} />
      </footer>
    </div>
  );
}
