/**
 * The live camera's stream and frame loop beside the page's model: the camera asked for, each frame
 * run through the engine (one at a time), pause handing the frame to the page's image path. It draws
 * nothing itself: src/views/camera/LiveCamera.tsx does, from these props.
 */
import { useCallback, useState } from 'react';
import type { AnalysisEngine } from '../analysis/engine';
import type { PreprocessorConfig } from '../model/preprocessorConfig';
import { LiveCamera, type LiveCameraProps } from '../views/camera/LiveCamera';
import { useCamera } from './useCamera';
import { frameAsFile, useCameraFrames } from './useCameraFrames';

type ViewProps = Omit<LiveCameraProps, 'camera' | 'frames' | 'paused' | 'videoRef' | 'onTogglePause' | 'onStop' | 'onRestart'>;

export interface LiveCameraRunProps extends ViewProps {
  engine: AnalysisEngine;
  preprocessor: PreprocessorConfig;
  imageSize: number;
  /** a paused frame, as a PNG file, for the page's image path */
  onFreeze: (file: File) => void;
}

export function LiveCameraRun({ engine, preprocessor, imageSize, onFreeze, ...view }: LiveCameraRunProps) {
  const camera = useCamera();
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [paused, setPaused] = useState(false);
  const frames = useCameraFrames(video, camera.state === 'live' && !paused, engine, preprocessor, imageSize);

  const videoRef = useCallback(
    (el: HTMLVideoElement | null) => {
      camera.videoRef.current = el;
      setVideo(el);
    },
    [camera.videoRef],
  );
  const togglePause = () => {
    if (paused) {
      setPaused(false);
      void video?.play();
      return;
    }
    setPaused(true);
    video?.pause();
    // not frames.frame: a frame that finished since the last render is the one the pause shows
    const frame = frames.latest();
    if (frame) void frameAsFile(frame.decoded, `camera-${new Date().toISOString().replace(/[:.]/g, '-')}.png`).then(onFreeze);
  };

  return (
    <LiveCamera
      {...view}
      camera={{ state: camera.state, error: camera.error, detail: camera.detail }}
      frames={frames}
      paused={paused}
      videoRef={videoRef}
      onTogglePause={togglePause}
      onStop={camera.stop}
      onRestart={() => {
        setPaused(false);
        camera.start();
      }}
    />
  );
}
