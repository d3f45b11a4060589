import type { analyses as en } from '../en/analyses';

export const analyses: typeof en = {
  rollout: {
    tab: '注意力展开',
    title: '注意力展开（Attention Rollout）',
    what: '经过截至所选层的所有层（把残差通路也算在内），每个图像块有多少信息流到了 [CLS] 词元（没有 [CLS] 时，取流向所有词元的平均）。',
    how: '每一层先融合各个头（取平均、最大或最小），可选地丢弃最弱的连接，再加上单位矩阵表示跳跃连接并把每行重新归一化；然后把各层逐层相乘：Â_l · … · Â_1。',
    source: 'Abnar & Zuidema 2020，"Quantifying Attention Flow in Transformers"；ViT 论文图 6 和图 13',
  },
  distance: {
    tab: '注意力距离',
    title: '每个头的平均注意力距离',
    what: '每个注意力头“看”得有多远：相当于 ViT 里的感受野。浅层既有看近处的头，也有看远处的头；深层的头都看得很远。',
    how: '对每个查询图像块，按注意力权重对它到每个键图像块中心的像素距离加权（只计图像块键，并重新归一化），再对所有查询图像块取平均。',
    source: 'Dosovitskiy 等 2021，"An Image is Worth 16x16 Words"，图 7（右）',
  },
  position: {
    tab: '位置编码',
    title: '位置编码的相似度',
    what: '对每个图像块位置（每个位置一张小图，按图像排布），它学到的位置编码与其他每个位置的位置编码有多相似。',
    how: '位置编码之间的余弦相似度；位置编码从追踪数据中读出：嵌入 − 图像块词元。',
    source: 'Dosovitskiy 等 2021，图 7（中）',
  },
  filters: {
    tab: '嵌入滤波器',
    title: '图像块嵌入滤波器的主成分',
    what: '把图像块变成词元的 D 个线性滤波器的主要方向，画成 RGB 图像块（灰色表示 0）。',
    how: '对滤波器矩阵 [D, C·P·P] 做主成分分析（PCA）：每个主成分是一个 C·P·P 维向量，显示为 P × P 的彩色图像块，并标出它解释的滤波器方差占比。',
    source: 'Dosovitskiy 等 2021，图 7（左）',
  },
  qk: {
    tab: '查询/键空间',
    title: '单个头的查询/键联合空间',
    what: '把所选头的查询和键画在同一张图里：查询会落在它所关注的键附近。把鼠标移到一个点上，可以看到它对应的图像块。',
    how: '先把 q 和 k 缩放到相同的平均范数，再把键平移到查询的质心（两者都不改变注意力），然后用 PCA 或 UMAP（umap-js）降到二维。',
    source: 'Yeh 等 2023，"AttentionViz: A Global View of Transformer Attention"',
  },
  ablation: {
    tab: '注意力头消融',
    title: '注意力头消融：关掉这些头会怎样？',
    what: '关掉一些注意力头后预测如何变化：前后的最高类别，以及哪些类别的概率上升、哪些下降。',
    how: '模型重新运行一遍，所选头的输出（注意力 · V）在输出投影之前被置零；其余一切不变。',
    source: 'Michel 等 2019，"Are Sixteen Heads Really Better than One?"',
  },
  classmap: {
    tab: '类别图',
    title: '特定类别的相关性图',
    what: '哪些图像块让模型判为所选类别——而不是模型一般地在看哪里。',
    how: '对模型做一次反向传播（引擎使用 ViT Lens 内核时在内核上完成，否则由 tfjs 自动求导），计算该类别 logit 对每一张注意力图的梯度；每层的注意力按梯度加权，取正部并对各头平均（Ā），从 R = I 开始按 R ← R + Ā·R 传播；图中显示 [CLS] 那一行。',
    source:
      'Chefer, Gur & Wolf 2021，"Generic Attention-model Explainability for Interpreting Bi-Modal and Encoder-Decoder Transformers"',
  },
  norms: {
    tab: '词元范数 · 特征',
    title: '词元范数与图像块特征的主成分',
    what: '左图：每个输出词元在图像上的长度（范数）。少数范数远大于其余的图像块就是 ViT 拿来当“草稿区”的“伪影”词元。右图：图像块特征的前三个主成分分别作为红、绿、蓝：模型表示相近的图像块颜色相近。',
    how: '所选层输出中每个词元的 L2 范数；对该层的图像块词元做 PCA，每个主成分缩放到 0…1。',
    source: 'Darcet 等 2024，"Vision Transformers Need Registers"；Oquab 等 2023，"DINOv2"，图 1',
  },
  lens: {
    tab: 'Logit 透镜',
    title: 'Logit 透镜：逐层看预测',
    what: '如果模型在每一层之后就停下，它会预测什么；以及在所选深度上，哪些图像块已经在为某个类别“投票”。',
    how: '把模型自己的最终层归一化和分类头，用在每一层之后的残差流上：作用于 [CLS]（或者按模型的池化方式，作用于归一化后词元的平均），也作用于每个图像块词元。',
    source: 'nostalgebraist 2020，"interpreting GPT: the logit lens"，这里用于 ViT',
  },
  faithfulness: {
    tab: '忠实度',
    title: '这张图可信吗？删除曲线与插入曲线',
    what: '一张图是否把真正重要的图像块排在前面：删除排名靠前的图像块时，类别概率应当下降得很快（曲线下面积小）；把它们插入一张空白图像时，概率应当上升得很快（面积大）。',
    how: '按每张图给出的顺序移除图像块（置为 0，即归一化后的平均颜色）或把它们加回来，每一步都重新运行模型，画出类别概率随图像块比例的变化；随机顺序作为基线。',
    source: 'Petsiuk 等 2018，"RISE"（删除/插入）；Chefer 等 2021（ViT 的扰动测试）',
  },
  mask: {
    tab: '遮挡图像块',
    title: '遮挡图像块：如果这些图像块被遮住会怎样？',
    what: '遮住图像的一些图像块后，预测和注意力权重如何变化：遮挡前后的前 5 个类别，以及每个头的注意力如何移到仍然可见的图像块上。',
    how: '预处理后输入中选中的图像块在像素空间中填充（平均颜色、黑色或模糊后的图像），再按预处理器的方式归一化；模型重新运行一次，得到 logits 和每一层的注意力权重。',
    source: '遮挡敏感性（Zeiler 与 Fergus 2014）；删除曲线（Petsiuk 等 2018）的交互版本',
  },
};
