import type { comparePanels as en } from '../en/comparePanels';

export const comparePanels: typeof en = {
  compare: {
    toggle: '对比两次运行',
    imageOf: '运行 {{side}} 的图像：{{name}}',
    predicts: '预测为 {{label}}（{{p}} %）',
    title: '两次运行并排对比',
    loading: '正在加载对比…',
    explain:
      '运行 A 是上方的图像和模型；运行 B 是同一模型上的另一张图像，或同一图像在另一个词元排布与 A 相同的模型上。两者都跟随上方所选的阶段、层、注意力头和查询（在任一图上点击图像块即可更换查询）。A 与 B 共用一个色标；B − A 使用以 0 为中心的发散色标。',
    image: 'B：图库中的图像',
    pickImage: '选择图像…',
    file: '或你自己的图像',
    chooseFile: '选择图像…',
    model: '或 A 的图像在另一个模型上',
    pickModel: '选择模型…',
    disabledWhy: '词元与 A 不能一一对应的模型（图像块网格不同或前缀词元不同）不可选：它们的数组无法逐位置比较。',
    sameModel: '运行 A 的模型',
    otherTokens: '词元不同：{{reason}}',
    copyLink: '复制此视图的链接',
    copied: '链接已复制',
    linkNote: '你自己的图像无法放进链接（它从不离开本设备）：链接打开时没有运行 B。',
    badParam: '?compare={{text}} 不是图库中的图像，也不是词元相同的模型；已忽略。',
    pick: '选择运行 B：图库中的图像、你自己的图像，或另一个模型。',
    running: '正在运行 B…',
    failed: '运行 B 失败：{{message}}',
    bMissing: 'B 没有第 {{layer}} 层或第 {{head}} 个注意力头。',
    attnTitle: '{{query}} 在图像上的注意力（第 {{layer}} 层，第 {{head}} 个头）',
    patchN: '图像块 {{patch}}',
    sharedLegend: 'A 与 B（同一色标）',
    diffLegend: 'B − A（0 居中）',
    noDiff: '无差异图：形状不同（{{reason}}）。',
    memory: {
      refuse:
        '运行 B 放不下：运行 A 占用 {{held}}，B 还需 {{extra}}，共 {{total}}，超过本页面可用的 {{budget}}。未创建任何内容。',
      ask: '运行 B 较大：运行 A 占用 {{held}}，B 还需 {{extra}}，共 {{total}}（本页面可用 {{budget}}）。可能较慢，浏览器也可能内存不足。',
      declined: '你选择了不创建运行 B。',
    },
  },
};
