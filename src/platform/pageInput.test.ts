import { describe, expect, it } from 'vitest';
import { watchPageInputs } from './pageInput';

describe('the page’s last input, shared with the engine', () => {
  it('is the time of the last pointer, key, wheel or touch input; a moving pointer writes at most every 100 ms', () => {
    let clock = 1_000;
    const target = new EventTarget();
    const buffer = watchPageInputs(target, true, () => clock)!;
    const last = () => new Float64Array(buffer)[0];
    expect(last()).toBe(1_000); // the page's opening counts as use
    clock = 5_000;
    target.dispatchEvent(new Event('pointerdown'));
    expect(last()).toBe(5_000);
    clock = 5_050;
    target.dispatchEvent(new Event('pointermove'));
    expect(last()).toBe(5_000);
    clock = 5_200;
    target.dispatchEvent(new Event('keydown'));
    expect(last()).toBe(5_200);
    for (const type of ['wheel', 'touchstart']) {
      clock += 1_000;
      target.dispatchEvent(new Event(type));
      expect(last()).toBe(clock);
    }
    clock += 1_000;
    target.dispatchEvent(new Event('scroll')); // not an input of a person's own
    expect(last()).toBe(clock - 1_000);
  });

  it('is not there where memory cannot be shared', () => {
    expect(watchPageInputs(new EventTarget(), false)).toBeNull();
  });
});
