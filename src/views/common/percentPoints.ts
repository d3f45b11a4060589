import { t } from '../../i18n';

/** A change of probability in percentage points, signed ("+1.2 pts", "−0.4 pts"); one that rounds to 0.0 has no sign. */
export function signedPoints(change: number): string {
  const magnitude = Math.abs(change * 100).toFixed(1);
  const value = magnitude === '0.0' ? magnitude : `${change > 0 ? '+' : '−'}${magnitude}`;
  return t('frame.points', { value });
}
