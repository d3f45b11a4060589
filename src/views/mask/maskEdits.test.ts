import { describe, expect, it } from 'vitest';
import { editMask, MAX_UNDO, maskedIndices, noEdits } from './maskEdits';

describe('mask edits', () => {
  it('a stroke is one edit however many patches it paints; undo goes back a stroke', () => {
    let s = noEdits(new Array<boolean>(6).fill(false));
    s = editMask(s, { type: 'stroke', patch: 1, value: true });
    s = editMask(s, { type: 'paint', patch: 2, value: true });
    s = editMask(s, { type: 'paint', patch: 3, value: true });
    expect(maskedIndices(s.masked)).toEqual([1, 2, 3]);
    s = editMask(s, { type: 'toggle', patch: 5 });
    s = editMask(s, { type: 'stroke', patch: 2, value: false });
    expect(maskedIndices(s.masked)).toEqual([1, 3, 5]);
    s = editMask(s, { type: 'undo' });
    expect(maskedIndices(s.masked)).toEqual([1, 2, 3, 5]);
    s = editMask(s, { type: 'undo' });
    expect(maskedIndices(s.masked)).toEqual([1, 2, 3]);
    s = editMask(s, { type: 'clear' });
    expect(maskedIndices(s.masked)).toEqual([]);
    s = editMask(s, { type: 'undo' });
    s = editMask(s, { type: 'undo' });
    expect(maskedIndices(s.masked)).toEqual([]);
    expect(editMask(s, { type: 'undo' })).toBe(s);
  });

  it('keeps at most MAX_UNDO earlier masks', () => {
    let s = noEdits(new Array<boolean>(2).fill(false));
    for (let i = 0; i < MAX_UNDO + 20; i++) s = editMask(s, { type: 'toggle', patch: 0 });
    expect(s.undo.length).toBe(MAX_UNDO);
  });
});
