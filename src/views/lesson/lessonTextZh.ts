/** The guided lesson's words in 简体中文 (the shape: LessonText in lessonText.ts). */
import type { LessonText } from './lessonText';

export const lessonTextZh: LessonText = {
  ui: {
    start: '开始引导课程',
    title: '引导课程：Vision Transformer 如何读懂你的图像',
    stepOf: '第 {n} 步，共 {total} 步',
    prev: '← 上一步',
    next: '下一步 →',
    exit: '退出课程',
    present: '演示模式',
    leavePresent: '退出演示模式',
    skip: '跳过动画',
    replay: '再播放一次',
    look: '请看',
    tryThis: '动手试试',
    why: '为什么？',
    keys: '→ / ← 或空格键切换步骤；Esc 退出演示模式。',
    noCls: '这个模型没有 [CLS] 标记：和原文的代码一样，最后对所有标记做平均池化。',
    noPos: '这个模型没有位置编码（原文的示例代码也没有）：它无法知道一个图像块来自哪里。',
    noClassifier: '这个模型没有分类头，所以不给出预测。',
    shownOf: '显示 {shown} / {total}',
    scale: '缩放系数',
    layer: '层',
    head: '头',
    keepOnly: '只保留第 {head} 个头',
    allHeads: '全部的头',
    running: '正在重新运行模型…',
    failed: '重新运行失败：{message}',
    pointer: '指针',
    sum: '总和',
    before: '之前',
    after: '之后',
    tokenPatch: '图像块 {patch}（标记 {token}）',
    headMaps: '第 {head} 个头',
    keyRows: '键',
    analogyQ: 'q：学生的注意力',
    analogyK: 'k：这门学科的大纲',
    analogyV: 'v：这门学科教材的内容',
  },
  steps: {
    patches: {
      title: '把图像切成图像块',
      say: [
        'ViT 不是逐个像素地读图。它先把图像切成大小相同的正方形图像块（patch），这里是 {g} × {g} = {N} 个 {P} × {P} 像素的图像块。',
        '按行依次读出，这些图像块就成了一个序列，就像单词组成句子一样。',
      ],
      look: '图像块从图像中滑出，排成一行标记（token）。',
      tryThis: '点击图像上的一个图像块，比如猫的耳朵，看看它变成了哪个标记。',
      readout: '第 {row} 行、第 {col} 列的图像块变成了 {token}。',
    },
    embedding: {
      title: 'Image Token Embedding：卷积核 = 步长 = 图像块大小',
      say: [
        '每个图像块的 {P} × {P} × 3 = {raw} 个数值被线性映射成一个宽度为 D = {D} 的向量。',
        '在代码里，这就是一个卷积：卷积核大小和步长都等于图像块大小，所以窗口互不重叠；再经过 flatten 和 transpose 得到 [N, D] = [{N}, {D}]。',
      ],
      look: '左边是选中的图像块，右边是它变成的 {D} 个数。',
      tryThis: '点击另一个图像块：它的向量随之改变。',
      readout: '图像块 {patch}：{raw} 个像素值 → {D} 个数，向量长度 {norm}。',
    },
    tokens: {
      title: '标记（token）与 [CLS] 标记',
      say: [
        '每个图像块向量现在都是一个标记。ViT 还在最前面加了一个可学习的标记 [CLS]，它不对应任何图像块，负责汇总整张图像用于分类。',
        '这个模型共有 T = {T} 个标记，每个宽度为 {D}。',
      ],
      look: '这一行标记：最前面是额外的标记，后面按行排列各个图像块。',
      tryThis: '点击标记行的第一个格子。',
      readout: '你选中了 {token}。',
    },
    position: {
      title: '位置编码',
      say: [
        '注意力本身不知道标记的位置：把图像块打乱，它算出的结果一样。所以要给每个标记加上一个可学习的位置编码。',
        '训练好的位置编码在相邻图像块之间很相似：模型学会了这张网格。',
      ],
      look: '这张图：每个图像块的位置编码与选中图像块的相似程度。',
      tryThis: '先点击角落的图像块，再点击中间的图像块。',
      readout: '图像块 {patch}：位置最相似的是图像块 {best}（余弦相似度 {cos}）。',
    },
    qkv: {
      title: '线性变换：Q、K、V',
      say: [
        '三个可学习的矩阵把标记矩阵 X 变换成查询 Q、键 K 和值 V:Q = X·W_Q,K = X·W_K,V = X·W_V。',
        '每个头只处理宽度为 d = {d} 的一部分。',
      ],
      look: '选中标记在当前头里的 q、k、v 三行。',
      tryThis: '点击按钮换一个头。',
      readout: '{token}，第 {layer} 层第 {head} 个头：q、k、v 各 {d} 个数。',
    },
    analogy: {
      title: '原文的类比：学生学习一门学科',
      say: [
        '可以把 q 看作学生的注意力，k 看作这门学科的大纲，v 则代表这门学科教材的内容。',
        '通过计算 q 与 k 的相似度，得到学生的注意力在大纲各知识点上的分配权重；再用这些权重乘以 v，就得到学生学到的知识内容。',
      ],
      look: '图像上框出的图像块：选中标记的注意力最集中的地方。',
      tryThis: '点击另一个图像块：它的注意力落在别处。',
      readout: '{token} 的注意力最集中在：{top}。',
    },
    scores: {
      title: '注意力分数：一个查询遇上所有的键',
      say: [
        '选中标记的查询行与每一个键行做点积：每个标记得到一个分数，共 T = {T} 个分数组成一行。',
        '所有行合起来就是 Q·Kᵀ，每个头一个 [T, T] 矩阵。',
      ],
      look: 'q 行扫过所有的键，留下一行分数。',
      tryThis: '点击另一个图像块：它的查询得到另一行分数。',
      readout: '{token} 的分数：最高 {max}（在 {arg}），最低 {min}。',
    },
    softmax: {
      title: 'Scale 和 softmax：除以 √d，再做 softmax',
      say: [
        '分数先除以 √d = {sqrtd}，使它不随头的宽度变大；再经过 softmax，这一行就变成全为正、总和为 1 的注意力权重。',
        '缩放系数越大，softmax 越尖锐：最大的分数几乎拿走全部权重。',
      ],
      look: '柱子从分数被压缩成权重，以及它们的总和。',
      tryThis: '把缩放系数滑块从 1/√d 拖到 1。',
      readout: '缩放系数 {scale}：最大权重 {max}，熵 {bits} 比特，总和 {sum}。',
    },
    mix: {
      title: 'MatMul：注意力权重乘以 V',
      say: [
        '每个标记的输出都是所有值向量的加权和：z = Σ 权重 × v。',
        '权重大的标记贡献最多的内容，就像学生从自己用心听讲的章节学到最多。',
      ],
      look: '权重最大的几行值向量汇入一行输出。',
      tryThis: '点击另一个图像块：混合的值向量随之改变。',
      readout: '{token}：{share} 的权重落在前 {k} 个值向量上。',
    },
    heads: {
      title: '多头注意力：同时学习多门学科',
      say: [
        '多头注意力把 h = {h} 个这样的自注意力并排运行，每个头处理宽度的一部分。',
        '用原文的话说：就像一个学生同时学习多门学科，每门学科有自己的大纲和教材。',
      ],
      look: '选中标记在各个头里的注意力图并排放在一起：它们关注的地方不同。',
      tryThis: '点击“只保留第 0 个头”：其余的头都被关掉，模型重新运行。',
      readout: '每层只保留第 {head} 个头：{label}（{p}）。全部的头：{label0}（{p0}）。',
    },
    projection: {
      title: '拼接各个头，再做输出投影',
      say: [
        'h = {h} 个宽度为 d = {d} 的输出并排拼接成一行，宽度为 D = {D}。',
        '一个可学习的矩阵 W_O 把它们混合起来，让一个头发现的信息能与其他头的结合。',
      ],
      look: '上面是拼接后的各个头，下面是经过 W_O 之后的一行。',
      tryThis: '点击另一个图像块：两行都会改变。',
      readout: '{token}：{h} × {d} = {D} 个数，经 W_O 混合成 {D} 个数。',
    },
    mlp: {
      title: '前向层模块（MLP）',
      say: [
        '之后每个标记各自经过一个小网络：Linear → {act} → Linear，隐藏层宽度为 {M}（4 × D）。',
        '注意力在标记之间传递信息；MLP 处理每个标记现在所携带的信息。',
      ],
      look: '选中标记的 {M} 个隐藏单元：亮的是被激活的。',
      tryThis: '点击另一个图像块：亮起的单元不同了。',
      readout: '{token}：{M} 个隐藏单元中有 {active} 个被激活（> 0）。',
    },
    addnorm: {
      title: 'ADD NORM 模块：残差连接与层归一化',
      say: [
        '注意力和 MLP 外面各有一条捷径：模块的结果加回它的输入（x = x + attn(LN(x))，x = x + mlp(LN(x))）。',
        '每部分之前的 LayerNorm 让数值保持在合适的范围（pre-norm，与原文代码一致）。',
      ],
      look: '图像标记在所选层之前和之后的向量，以及每一层之后读出的预测。',
      tryThis: '拖动层的滑块。',
      readout: '第 {layer} 层：前后两行的余弦相似度 {cos}，长度 {a} → {b}。',
    },
    layers: {
      title: '叠加多层编码器（encoder）',
      say: [
        '编码器把同样的模块重复 {L} 次。每一层都在前面各层的基础上进一步提取和组合信息。',
        '浅层往往关注附近，深层则看向整张图像。',
      ],
      look: '各层的平均注意力距离，以及到所选深度为止的注意力展开（rollout）。',
      tryThis: '把深度滑块从第一层拖到最后一层。',
      readout: '到第 {layer} 层：平均注意力距离 {dist} 像素；注意力展开最亮的是图像块 {best}。',
    },
    prediction: {
      title: '预测',
      say: [
        '最后一层和最终的 LayerNorm 之后，用一个向量代表整张图像：[CLS] 标记，或所有标记的平均。',
        '一个全连接层把它变成每个类别一个分数，softmax 再把分数变成概率。',
      ],
      look: '概率最高的五个类别。',
      tryThis: '点击一个类别，看它的分数。',
      readout: '{label}：概率 {p}，分数（logit）{z}。',
    },
  },
  why: {
    context: {
      question: '为什么通过与上下文的相似度计算得到的新特征向量更能代表数据？',
      answer:
        '单个图像块只有几个像素；经过注意力之后，它的向量还带上了图像其他部分提供的上下文信息。每一层之后读出的预测说明了这一点：随着上下文加入，预测逐渐稳定。',
      live: '每一层之后读出的最高类别依次是：{path}。',
    },
    heads: {
      question: '为什么多头注意力比自注意力效果更好？',
      answer:
        '各个头关注的信息不同（看它们并排的注意力图）。只保留一个头，模型就失去了其他头的信息，预测随之改变。',
      live: '只保留一个头，与全部的头比较。',
    },
    layers: {
      question: '编码器叠加多层的作用是什么？',
      answer:
        '并不仅仅是更精细地求出图像与图像之间的相似度，而是逐层提取和组合信息。在许多训练好的 ViT 中，注意力的范围还会随深度变大：看看在这张图像上是否如此。',
      live: '平均注意力距离：第一层 {first} 像素，最后一层 {last} 像素。',
    },
  },
};
