import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage } from '../../i18n';
import { classNames, traceClassNames } from './classNames';

describe("the classes' names", () => {
  afterEach(() => switchLanguage('en'));

  it("are the checkpoint's labels, and 'class n' in the interface's language where it has none", async () => {
    expect(classNames(['cat', 'dog'], 2)).toEqual(['cat', 'dog']);
    expect(classNames([], 3)).toEqual(['class 0', 'class 1', 'class 2']);
    await switchLanguage('zh-CN');
    expect(classNames([], 2)).toEqual(['类别 0', '类别 1']);
    expect(classNames(['cat'], 2)).toEqual(['cat', '类别 1']);
  });

  it('are as many as the trace has probabilities', () => {
    expect(traceClassNames({ config: { labels: [] }, probs: { data: new Float32Array(4) } })).toHaveLength(4);
    expect(traceClassNames({ config: { labels: [] }, probs: null })).toEqual([]);
  });
});
