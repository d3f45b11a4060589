import { describe, expect, it } from 'vitest';
import { compareFromParams, compareToParams, sameCompare } from './compare';

const parse = (search: string) => compareFromParams(new URLSearchParams(search));

describe('the compare request in the address', () => {
  it('reads an image or a model', () => {
    expect(parse('?compare=image:cat.jpg')).toEqual({ kind: 'spec', spec: { kind: 'image', name: 'cat.jpg' } });
    expect(parse('?compare=model:random-default')).toEqual({ kind: 'spec', spec: { kind: 'model', id: 'random-default' } });
    expect(parse('?model=default')).toEqual({ kind: 'none' });
  });

  it('rejects anything else, shortened for the notice', () => {
    for (const bad of ['file:x.png', 'image:', 'image:../secret', 'image:a/b.png', 'model:<script>', 'image:.hidden', 'cat.jpg'])
      expect(parse(`?compare=${encodeURIComponent(bad)}`).kind, bad).toBe('invalid');
    const long = parse(`?compare=image:${'x'.repeat(500)}`);
    expect(long.kind === 'invalid' && long.text.length).toBe(60);
  });

  it('round-trips, keeps the other parameters, and never writes a file', () => {
    const base = new URLSearchParams('model=default&layer=2');
    const withImage = compareToParams({ kind: 'image', name: 'tree.jpg' }, base);
    expect(withImage.get('layer')).toBe('2');
    expect(compareFromParams(withImage)).toEqual({ kind: 'spec', spec: { kind: 'image', name: 'tree.jpg' } });
    const withModel = compareToParams({ kind: 'model', id: 'random-default' }, withImage);
    expect(withModel.get('compare')).toBe('model:random-default');
    const file = new File([new Uint8Array(1)], 'mine.png');
    expect(compareToParams({ kind: 'file', file }, withModel).has('compare')).toBe(false);
    expect(compareToParams(null, withModel).has('compare')).toBe(false);
  });

  it('tells equal requests apart from different ones', () => {
    const file = new File([new Uint8Array(1)], 'mine.png');
    expect(sameCompare({ kind: 'image', name: 'a' }, { kind: 'image', name: 'a' })).toBe(true);
    expect(sameCompare({ kind: 'image', name: 'a' }, { kind: 'model', id: 'a' })).toBe(false);
    expect(sameCompare({ kind: 'file', file }, { kind: 'file', file })).toBe(true);
    expect(sameCompare({ kind: 'file', file }, { kind: 'file', file: new File([], 'mine.png') })).toBe(false);
    expect(sameCompare(null, null)).toBe(true);
  });
});
