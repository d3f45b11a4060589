/** What the live camera's panel is shown of the camera and of the frames run through the model. */
import type { DecodedImage } from '../platform/imageInput';

export type CameraState = 'starting' | 'live' | 'stopped' | 'error';

export interface CameraFrame {
  /** the frame as decoded, before preprocessing (what a pause hands to the explainer) */
  decoded: DecodedImage;
  /** the pixels the model saw */
  pixels: ImageData;
  logits: Float32Array | null;
  /** each layer's attention [h, T, T] */
  attention: Float32Array[];
  /** this frame's time from grab to result */
  ms: number;
}

export interface CameraFrames {
  frame: CameraFrame | null;
  /** frames per second, a moving average; null before two frames */
  fps: number | null;
  /** frames classified since the panel opened */
  count: number;
  error: unknown;
}
