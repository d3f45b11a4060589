import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage } from '../../i18n';
import { makeTokenLayout } from '../../model/tokenLayout';
import { curveLabel, headMapLabel, imageRowLabel } from './mapNames';

describe("the analyses' names for rows and orderings", () => {
  afterEach(() => switchLanguage('en'));

  it('name the head of a curve from its layer and head, not from the name the analysis gave it', async () => {
    const curve = { name: 'layer 2 head 1 [CLS] attention', head: { layer: 3, head: 0, row: 'cls' as const } };
    expect(curveLabel(curve)).toBe('layer 3 head 0 [CLS] attention');
    expect(headMapLabel({ layer: 1, head: 2, row: 'mean' })).toBe('layer 1 head 2 mean attention');
    await switchLanguage('zh-CN');
    expect(curveLabel(curve)).toBe('第 3 层第 0 头的 [CLS] 注意力');
    expect(headMapLabel({ layer: 1, head: 2, row: 'mean' })).toBe('第 1 层第 2 头的平均注意力');
  });

  it('translate the known orderings and keep an unknown one as it is', async () => {
    expect(['rollout', 'class map', 'random', 'my map'].map((name) => curveLabel({ name }))).toEqual([
      'rollout',
      'class map',
      'random',
      'my map',
    ]);
    await switchLanguage('zh-CN');
    expect(['rollout', 'class map', 'random', 'my map'].map((name) => curveLabel({ name }))).toEqual([
      '注意力展开',
      '类别图',
      '随机',
      'my map',
    ]);
  });

  it("name the image row [CLS]'s with a [CLS] token and the mean without", async () => {
    const withCls = makeTokenLayout([{ kind: 'cls', name: '[CLS]' }], 2, 2);
    const without = makeTokenLayout([], 2, 2);
    expect([imageRowLabel(withCls), imageRowLabel(without)]).toEqual(['[CLS] row', 'mean row']);
    await switchLanguage('zh-CN');
    expect([imageRowLabel(withCls), imageRowLabel(without)]).toEqual(['[CLS] 行', '平均行']);
  });
});
