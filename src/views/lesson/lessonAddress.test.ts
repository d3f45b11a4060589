import { describe, expect, it } from 'vitest';
import { LESSON_LENGTH, lessonStepFromParams, lessonToParams, presentFromParams } from './lessonAddress';

describe('the lesson in the address', () => {
  it('reads ?lesson=N, clamped, and ignores what is not a step number', () => {
    const step = (q: string) => lessonStepFromParams(new URLSearchParams(q));
    expect(step('')).toBeNull();
    expect(step('lesson=1')).toBe(1);
    expect(step('lesson=4')).toBe(4);
    expect(step('lesson=0')).toBe(1);
    expect(step('lesson=999')).toBe(LESSON_LENGTH);
    expect(step('lesson=abc')).toBeNull();
    expect(step('lesson=-2')).toBeNull();
    expect(step('lesson=<script>')).toBeNull();
    expect(presentFromParams(new URLSearchParams('present=1'))).toBe(true);
    expect(presentFromParams(new URLSearchParams('present=yes'))).toBe(false);
  });

  it('writes the step and presenter mode, keeping the other parameters', () => {
    const base = new URLSearchParams('model=default&stage=qkv');
    expect(lessonToParams(3, true, base).toString()).toBe('model=default&stage=qkv&lesson=3&present=1');
    expect(lessonToParams(null, true, new URLSearchParams('model=x&lesson=3&present=1')).toString()).toBe('model=x');
    expect(lessonToParams(2, false, new URLSearchParams('lesson=3&present=1')).toString()).toBe('lesson=2');
  });
});
