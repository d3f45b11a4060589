import type { stages as en } from '../en/stages';

export const stages: typeof en = {
  prefix: {
    one: '{{name}} 词元',
    registers: '{{count}} 个寄存器词元',
    aRegister: '1 个寄存器词元',
    list: '{{head}} 和 {{last}}',
    comma: '、',
    semicolon: '；',
    before: '；在它们前面还有：{{list}}',
    role: '第 {{index}} 个词元是{{role}}',
    roles: {
      cls: '额外学习的 [CLS] 分类词元，它汇总整张图像的信息，交给分类头',
      dist: 'DeiT 的蒸馏词元 [DIST]，它向教师网络学习',
      reg: '寄存器词元，一块自身不对应任何像素的“草稿区”',
    },
  },
  patches: {
    title: '预处理并切分图像块',
    short: '图像块',
    summary:
      '图像先缩放到 {{S}} × {{S}}，像素值经过缩放和归一化，再切成 {{g}} × {{g}} 个 {{P}} × {{P}} 的图像块（patch）。每个图像块成为一个词元（token），按行依次编号{{prefix}}。点击一个图像块，就可以把它作为查询词元，逐层跟踪它。',
    /** the words inside the stage's formula: "64 patches of 3 × 8 × 8" */
    formulaPatchesOf: '个图像块，每块',
  },
  'patch-embedding': {
    title: '图像块嵌入',
    short: '嵌入',
    summary:
      '每个图像块的 {{n}} 个像素值乘以同一个可学习矩阵 E，再加上偏置，得到一个 {{D}} 维的词元向量。这恰好就是一次卷积：卷积核大小和步长都等于图像块大小，所有图像块共用同一个 E。',
  },
  position: {
    title: '分类词元与位置编码',
    short: '位置',
    summary: '注意力机制本身不考虑顺序，所以每个词元都要加上一个可学习的位置向量：模型由此学到每个图像块在图中的位置。{{front}}',
    front_one: '先在序列最前面放上{{names}}，共 {{T}} 个词元。',
    front_many: '先在序列最前面放上 {{names}}，共 {{T}} 个词元。',
    summaryNoPos: '这个模型没有位置编码：{{front}}词元原样送入编码器，因此注意力无法分辨图像块原本的位置。',
    frontNoPos_one: '在最前面放上{{names}}，',
    frontNoPos_many: '在最前面放上 {{names}}，',
  },
  norm1: {
    title: '注意力之前的层归一化（LayerNorm）',
    short: '归一化',
    summary:
      '每个词元各自做归一化：先把它的各个分量平移到均值 0、缩放到方差 1，再乘以可学习的缩放 γ、加上平移 β。这里采用 Pre-Norm 结构：残差通路绕过归一化，传递未归一化的词元。',
  },
  qkv: {
    title: '查询、键和值（Q、K、V）',
    short: 'Q K V',
    summary:
      '三个可学习的矩阵把每个归一化后的词元分别变换为查询 q（它要找什么）、键 k（它能提供什么）和值 v（它要传递的内容）。{{D}} 列被分成 {{h}} 个头，每个头 {{d}} 维：多头注意力中每个头只处理属于自己的那一段。',
    shapeNote: '（头 × 词元 × 每头维度）',
  },
  scores: {
    title: '注意力分数、缩放与 softmax',
    short: 'Softmax',
    summary:
      '每个查询与所有键做点积：方向越一致，分数越大。分数再除以 √d = √{{d}} ≈ {{sqrt}}，使其不随每个头的维度增大而变大；最后 softmax 把每一行变成全为正、总和为 1 的注意力权重。',
  },
  context: {
    title: '加权求和：上下文向量',
    short: 'A·V',
    summary:
      '每个词元的新向量，是所有值向量按注意力权重的加权和：它关注得越多的词元，贡献越大。最后把 {{h}} 个头的结果重新拼接起来。',
  },
  'attn-out': {
    title: '输出投影与第一次残差相加',
    short: '残差',
    summary: '再用一个可学习矩阵把各个头的结果融合起来，并与该层的输入相加（残差连接）。这样注意力只需要学习对输入的修正量。',
  },
  mlp: {
    title: '层归一化、MLP（前馈网络）与第二次残差相加',
    short: 'MLP',
    summary:
      '每个词元各自通过一个小的两层前馈网络：先升维到 {{M}}，经过 {{act}} 激活，再降回 {{D}} 维。注意力负责在词元之间交换信息，MLP 则对每个词元单独做变换。结果再加回残差：这就是该编码器层的输出，也是下一层的输入。',
  },
  classifier: {
    title: '最终归一化、池化与分类头',
    short: '预测',
    summary: '最后一个编码器层之后再做一次层归一化，然后用一个向量代表整张图像：{{pooled}}。{{head}}',
    pooledCls: '[CLS] 词元',
    pooledMean: '所有词元的平均值',
    head: '一个线性层把它变成 {{C}} 个类别分数（logits），再经 softmax 得到各类别的概率。',
    noHead: '这个检查点没有分类头：池化后的向量就是图像特征。',
  },
};
