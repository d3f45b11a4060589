import { describe, expect, it } from 'vitest';
import { statusWithFailures, withPanelError } from './usePanelErrors';

describe('the failed panels', () => {
  it('adds a failure by name with its title, and removes it when the panel recovers', () => {
    const none: ReadonlyMap<string, string> = new Map();
    const one = withPanelError(none, 'stage:scores', 'Scores', 'boom');
    expect([...one]).toEqual([['stage:scores', 'Scores']]);
    expect(none.size).toBe(0);
    const two = withPanelError(one, 'compare', 'Compare', 'bad');
    expect([...two.values()]).toEqual(['Scores', 'Compare']);
    expect([...withPanelError(two, 'stage:scores', 'Scores', null).values()]).toEqual(['Compare']);
  });

  it('is the same map when nothing changes: a second failure of a failed panel, or a recovery of a working one', () => {
    const one = withPanelError(new Map(), 'camera', 'Camera', 'x');
    expect(withPanelError(one, 'camera', 'Camera', 'y')).toBe(one);
    expect(withPanelError(one, 'compare', 'Compare', null)).toBe(one);
  });
});

describe("the status bar's message", () => {
  it("is the session's own with no failures, and names the failed panels after it otherwise", () => {
    expect(statusWithFailures('Ready.', [])).toBe('Ready.');
    expect(statusWithFailures('Ready.', ['Scores'])).toBe('Ready. One panel failed: Scores (the error is shown in that panel).');
    expect(statusWithFailures('Ready.', ['Scores', 'Compare'])).toBe(
      'Ready. 2 panels failed: Scores; Compare (the error is shown in each).',
    );
  });
});
