import { FigureExport } from '../figure/FigureExport';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cameraMap, cameraTop, cameraViewKey, parseCameraView, type CameraView } from '../../analysis/cameraMap';
import type { TokenLayout } from '../../model/tokenLayout';
import type { CameraErrorKind } from '../../platform/cameraErrors';
import type { CameraFrames, CameraState } from '../../state/camera';
import type { Lang } from '../../i18n';
import { ImageOverlay } from '../attention/ImageOverlay';
import { PredictionPanel } from '../prediction/PredictionPanel';
import { CAMERA_TEXT } from './cameraText';
import './camera.css';

export interface LiveCameraProps {
  lang: Lang;
  layout: TokenLayout;
  numLayers: number;
  numHeads: number;
  labels: readonly string[];
  /** the explainer's layer and head: the overlay starts there */
  layer: number;
  head: number;
  camera: { state: CameraState; error: CameraErrorKind | null; detail: string | null };
  frames: CameraFrames;
  paused: boolean;
  /** where the camera's stream plays */
  videoRef: (el: HTMLVideoElement | null) => void;
  onTogglePause: () => void;
  onStop: () => void;
  onRestart: () => void;
}

const OVERLAY_SIZE = 320;

/** The camera's frames run through the model live: the chosen attention over the frame, the top 3 and the frame rate. */
export function LiveCamera(props: LiveCameraProps) {
  const words = CAMERA_TEXT[props.lang];
  const { camera, frames, paused, videoRef, onTogglePause } = props;
  const [view, setView] = useState<CameraView>({ kind: 'head', layer: props.layer, head: props.head });
  const { frame } = frames;
  const panel = useRef<HTMLElement>(null);

  // the panel takes the focus when it opens, so Space pauses at once
  useEffect(() => panel.current?.focus(), []);

  const values = useMemo(
    () => (frame ? cameraMap(frame.attention, props.numHeads, props.layout, view) : null),
    [frame, props.numHeads, props.layout, view],
  );
  const top = useMemo(() => (frame ? cameraTop(frame.logits, props.labels) : undefined), [frame, props.labels]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // a focused control keeps Space for itself
    const inControl = (event.target as HTMLElement).closest('button,select,input,textarea'); // i18n-ignore
    if (event.key !== ' ' || inControl || camera.state !== 'live') return;
    event.preventDefault();
    onTogglePause();
  };

  const viewName = (v: CameraView) =>
    v.kind === 'rollout' ? words.viewRollout : v.kind === 'mean' ? words.viewMean(v.layer) : words.viewHead(v.layer, v.head);
  const options: CameraView[] = [{ kind: 'rollout' }];
  for (let l = 0; l < props.numLayers; l++) {
    options.push({ kind: 'mean', layer: l });
    for (let h = 0; h < props.numHeads; h++) options.push({ kind: 'head', layer: l, head: h });
  }
  const failed = camera.state === 'error' ? words.errors[camera.error ?? 'other'] : frames.error ? words.runFailed : null;
  const detail =
    camera.state === 'error' ? camera.detail : frames.error ? String((frames.error as Error).message ?? frames.error) : null;

  return (
    <section
      className="panel live-camera"
      data-testid="camera-panel"
      aria-labelledby="camera-title"
      tabIndex={-1}
      ref={panel}
      onKeyDown={onKeyDown}
    >
      <h2 id="camera-title">{words.title}</h2>
      <FigureExport name={words.title} layer={view.kind === 'rollout' ? undefined : view.layer} head={view.kind === 'head' ? view.head : undefined} />
      <p className="explain">
        {words.intro} <strong>{words.local}</strong> {words.keys}
      </p>
      {failed && (
        <div className="camera-error" role="alert" data-testid="camera-error" data-kind={camera.error ?? 'run'}>
          <p>{failed}</p>
          {detail && <p className="muted">{words.browserSaid(detail)}</p>}
        </div>
      )}
      <div className="camera-controls">
        <button
          type="button"
          data-testid="camera-pause"
          disabled={camera.state !== 'live'}
          aria-pressed={paused}
          onClick={onTogglePause}
        >
          {paused ? words.resume : words.pause}
        </button>
        {camera.state === 'live' || camera.state === 'starting' ? (
          <button type="button" data-testid="camera-stop" onClick={props.onStop}>
            {words.stop}
          </button>
        ) : (
          <button
            type="button"
            data-testid="camera-start"
            onClick={props.onRestart}
          >
            {words.restart}
          </button>
        )}
        <label>
          {words.view}{' '}
          <select
            data-testid="camera-view"
            value={cameraViewKey(view)}
            onChange={(e) => setView(parseCameraView(e.target.value, props.numLayers, props.numHeads) ?? view)}
          >
            {options.map((v) => (
              <option key={cameraViewKey(v)} value={cameraViewKey(v)}>
                {viewName(v)}
              </option>
            ))}
          </select>
        </label>
        <span
          className="camera-fps"
          data-testid="camera-fps"
          data-frames={frames.count}
          data-fps={frames.fps?.toFixed(2) ?? ''}
          aria-live="off"
        >
          {frames.fps !== null && frame ? words.fps(frames.fps.toFixed(1), frame.ms.toFixed(0)) : words.fpsUnknown}
        </span>
      </div>
      <p className="muted camera-state" data-testid="camera-state" data-state={camera.state} role="status">
        {camera.state === 'starting'
          ? words.starting
          : camera.state === 'stopped'
            ? words.stopped
            : paused
              ? words.paused
              : camera.state === 'live' && !frame
                ? words.waiting
                : ''}
      </p>
      <div className="camera-body" hidden={camera.state === 'error'}>
        <div className="camera-views">
          {frame && values ? (
            <ImageOverlay
              pixels={frame.pixels}
              grid={props.layout.gridRows}
              values={values}
              selected={null}
              size={OVERLAY_SIZE}
              label={words.overlayLabel(viewName(view))}
              testId="camera-overlay"
            />
          ) : (
            <div className="camera-placeholder" style={{ width: OVERLAY_SIZE, height: OVERLAY_SIZE }} />
          )}
          <video
            ref={videoRef}
            className="camera-video"
            data-testid="camera-video"
            muted
            playsInline
            aria-label={words.videoLabel}
          />
        </div>
        <div className="camera-prediction" data-testid="camera-prediction" data-label={top?.[0]?.label ?? ''}>
          {top !== undefined && (
            <>
              <h3>{words.prediction}</h3>
              <PredictionPanel top={top} numClasses={props.labels.length} compact />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
