import { describe, expect, it } from 'vitest';
import { cameraErrorKind, cameraUnavailable } from './cameraErrors';

const domError = (name: string) => new DOMException('message', name);

describe('camera errors', () => {
  it('name permission denied, no camera and camera busy from getUserMedia’s error', () => {
    expect(cameraErrorKind(domError('NotAllowedError'))).toBe('denied');
    expect(cameraErrorKind(domError('PermissionDeniedError'))).toBe('denied');
    expect(cameraErrorKind(domError('NotFoundError'))).toBe('none');
    expect(cameraErrorKind(domError('OverconstrainedError'))).toBe('none');
    expect(cameraErrorKind(domError('NotReadableError'))).toBe('busy');
    expect(cameraErrorKind(domError('AbortError'))).toBe('busy');
    expect(cameraErrorKind(domError('SecurityError'))).toBe('insecure');
  });

  it('anything else is "other", never a throw', () => {
    expect(cameraErrorKind(new TypeError('x'))).toBe('other');
    expect(cameraErrorKind('a string')).toBe('other');
    expect(cameraErrorKind(null)).toBe('other');
  });

  it('an insecure page or a browser without mediaDevices cannot ask at all', () => {
    expect(cameraUnavailable({ isSecureContext: false, hasMediaDevices: false })).toBe('insecure');
    expect(cameraUnavailable({ isSecureContext: true, hasMediaDevices: false })).toBe('none');
    expect(cameraUnavailable({ isSecureContext: true, hasMediaDevices: true })).toBeNull();
  });
});
