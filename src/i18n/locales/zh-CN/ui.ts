import type { ui as en } from '../en/ui';

export const ui: typeof en = {
  app: {
    dropHere: "把图像拖放到页面任意位置：它只留在你的设备上",
    tagline: "看 Vision Transformer 如何“思考”——全部在浏览器中运行，不上传任何数据",
    starting: "正在启动…",
    samples: "示例图像：",
    nonFinite: "警告：这个检查点的权重中有非有限值（NaN 或无穷大）。",
    empty: {
      choose: "请选择一个 Hugging Face ViT 模型文件夹中的文件",
      optionally: "，以及可选的",
      andImage: "），再选择一张图像。",
    },
    lastPass: "上一次完整记录的前向传播：{{ms}} ms（{{backend}}）。",
    local: "一切都在本机运行，图像和模型都不会离开你的设备。",
  },
  models: {
    default: "默认：物体识别 ViT（本项目自行训练）",
    seedToy: "原文中的玩具 ViT",
    mhsa: "原文中的多头注意力示例",
    randomTi: "随机权重，ViT-Ti/16 结构",
    randomB: "随机权重，ViT-B/16 结构",
  },
  toolbar: {
    modelFiles: "模型文件…",
    image: "图像…（也可拖放或粘贴）",
    export: "导出 trace.npz",
    backend: "后端",
  },
  modelPicker: {
    label: "模型",
    hub: "Hub：{{id}}",
    own: "你自己的文件",
  },
  stepper: {
    label: "前向传播的各个阶段",
    loadingLabel: "前向传播的各个阶段（加载中）",
    previous: "上一个阶段（←）",
    next: "下一个阶段（→）",
    pause: "❚❚ 暂停",
    play: "▶ 播放",
    inLayer: "位于第 {{layer}} 个编码器层内（共 {{numLayers}} 层）",
  },
  common: {
    layerN: "第 {{layer}} 层",
    headN: "第 {{head}} 个头",
    layer: "层",
    head: "头",
  },
  stagePanel: {
    boundary: "“{{title}}”阶段",
    shapes: "张量形状：",
  },
  keys: {
    keys: "快捷键：",
    stage: "阶段",
    layer: "层",
    head: "头",
    click: "点击图像块即可选择查询词元",
  },
  status: {
    dismiss: "关闭错误提示",
  },
  firstView: {
    arriving: "模型权重和计算引擎正在加载。第一次前向传播在你的浏览器中运行完毕后，每个阶段就都可以打开了。",
  },
  offline: {
    version: "版本 {{build}}",
    ready: "已保存在本机：可离线使用",
    update: "ViT Lens 有新版本了——重新加载即可使用。",
    reloading: "正在重新加载…",
    reload: "重新加载",
    later: "稍后",
  },
  lang: {
    label: "语言",
  },
};
