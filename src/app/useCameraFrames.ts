/**
 * Runs the model on the camera's frames while `running`: each frame decoded and preprocessed exactly
 * like an image, then one pass for its logits and attention. One frame at a time (frameLoop.ts);
 * stopping, pausing or unmounting aborts the pass under way.
 */
import { useEffect, useRef, useState } from 'react';
import type { AnalysisEngine } from '../analysis/engine';
import type { PreprocessorConfig } from '../model/preprocessorConfig';
import { decodedFromVideo, prepareImage, type DecodedImage } from '../platform/imageInput';
import type { CameraFrame, CameraFrames } from '../state/camera';
import { startFrameLoop, videoFrameScheduler } from './frameLoop';
import { FrameRate } from './frameRate';

export interface CameraFramesRun extends CameraFrames {
  /** the newest finished frame, even before a render shows it */
  latest: () => CameraFrame | null;
}

export function useCameraFrames(
  video: HTMLVideoElement | null,
  running: boolean,
  engine: AnalysisEngine,
  preprocessor: PreprocessorConfig,
  imageSize: number,
): CameraFramesRun {
  const [frame, setFrame] = useState<CameraFrame | null>(null);
  const [fps, setFps] = useState<number | null>(null);
  const [count, setCount] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const rate = useRef(new FrameRate());
  // the newest finished frame, which a render may not show yet: pausing freezes this one, and the
  // render that shows the pause shows it too
  const latest = useRef<CameraFrame | null>(null);

  useEffect(() => {
    if (!video || !running) return;
    rate.current.reset();
    setError(null);
    const loop = startFrameLoop(
      videoFrameScheduler(video),
      async (signal) => {
        if (video.videoWidth === 0) return;
        const start = performance.now();
        const decoded = decodedFromVideo(video);
        const prepared = prepareImage(decoded, preprocessor, imageSize);
        const { logits, attention } = await engine.logitsAndAttention(prepared.input, { signal });
        signal.throwIfAborted();
        const end = performance.now();
        rate.current.tick(end);
        latest.current = { decoded, pixels: prepared.pixels, logits, attention, ms: end - start };
        setFrame(latest.current);
        setFps(rate.current.fps);
        setCount((n) => n + 1);
      },
      setError,
    );
    return loop.stop;
  }, [video, running, engine, preprocessor, imageSize]);

  return { frame, fps, count, error, latest: () => latest.current };
}

/** A frame as a PNG file (lossless), to load through the page's image path like a chosen file. */
export async function frameAsFile(decoded: DecodedImage, name: string): Promise<File> {
  const { width, height, data } = decoded.pixels;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(data), width, height), 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the frame could not be encoded as PNG');
  return new File([blob], name, { type: 'image/png' });
}
