/**
 * The camera stream of the live-camera panel: asked for when the panel opens, its tracks stopped on
 * stop and on unmount (also when the answer comes after the panel has gone). Frames stay in the page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { cameraErrorKind, cameraUnavailable, type CameraErrorKind } from '../platform/cameraErrors';
import type { CameraState } from '../state/camera';


export interface Camera {
  videoRef: React.RefObject<HTMLVideoElement | null>;
  state: CameraState;
  error: CameraErrorKind | null;
  /** the browser's own words for the error, when it gave any */
  detail: string | null;
  stop: () => void;
  start: () => void;
}

const CONSTRAINTS: MediaStreamConstraints = { audio: false, video: { width: { ideal: 640 }, height: { ideal: 480 } } };

export function useCamera(): Camera {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const stream = useRef<MediaStream | null>(null);
  // each start gets a number; an answer for an older start (or after unmount) is released at once
  const attempt = useRef(0);
  const [state, setState] = useState<CameraState>('starting');
  const [error, setError] = useState<CameraErrorKind | null>(null);
  const [detail, setDetail] = useState<string | null>(null);

  const release = useCallback(() => {
    attempt.current++;
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
  }, []);

  const stop = useCallback(() => {
    release();
    setState('stopped');
  }, [release]);

  const start = useCallback(() => {
    release();
    const mine = attempt.current;
    setState('starting');
    setError(null);
    setDetail(null);
    const fail = (kind: CameraErrorKind, message: string | null) => {
      setError(kind);
      setDetail(message);
      setState('error');
    };
    const unavailable = cameraUnavailable({
      isSecureContext: window.isSecureContext,
      hasMediaDevices: !!navigator.mediaDevices?.getUserMedia,
    });
    if (unavailable) return fail(unavailable, null);
    navigator.mediaDevices.getUserMedia(CONSTRAINTS).then(
      async (media) => {
        if (attempt.current !== mine) return media.getTracks().forEach((track) => track.stop());
        stream.current = media;
        const video = videoRef.current;
        if (!video) return;
        video.srcObject = media;
        try {
          await video.play();
          if (attempt.current === mine) setState('live');
        } catch (e) {
          if (attempt.current === mine) fail('other', e instanceof Error ? e.message : String(e));
        }
      },
      (e: unknown) => {
        if (attempt.current === mine) fail(cameraErrorKind(e), e instanceof Error ? e.message : null);
      },
    );
  }, [release]);

  useEffect(() => {
    start();
    return release;
  }, [start, release]);

  return { videoRef, state, error, detail, stop, start };
}
