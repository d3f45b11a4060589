/** Why the camera did not start, from getUserMedia's error (or its absence), as one of a few kinds. */
export type CameraErrorKind = 'insecure' | 'denied' | 'none' | 'busy' | 'other';

/** Where getUserMedia cannot exist: an insecure page (http other than localhost) or a browser without it. */
export function cameraUnavailable(env: { isSecureContext: boolean; hasMediaDevices: boolean }): CameraErrorKind | null {
  if (!env.isSecureContext) return 'insecure';
  if (!env.hasMediaDevices) return 'none';
  return null;
}

/** getUserMedia's rejection, by the DOMException's name (also the older Chrome and Firefox names). */
export function cameraErrorKind(error: unknown): CameraErrorKind {
  const name = error && typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'SecurityError':
      return 'insecure';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'none';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'other';
  }
}
