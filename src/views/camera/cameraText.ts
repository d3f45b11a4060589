/**
 * The live camera's words in both languages. They load with the camera's chunk, not the first view
 * (the lesson does the same; src/views/lesson/lessonText.ts); cameraText.test.ts keeps them in step.
 */
import type { Lang } from '../../i18n';
import type { CameraErrorKind } from '../../platform/cameraErrors';

export interface CameraText {
  title: string;
  intro: string;
  local: string;
  view: string;
  viewHead: (layer: number, head: number) => string;
  viewMean: (layer: number) => string;
  viewRollout: string;
  starting: string;
  waiting: string;
  pause: string;
  resume: string;
  stop: string;
  restart: string;
  stopped: string;
  paused: string;
  fps: (fps: string, ms: string) => string;
  fpsUnknown: string;
  prediction: string;
  noClassifier: string;
  overlayLabel: (view: string) => string;
  videoLabel: string;
  keys: string;
  errors: Record<CameraErrorKind, string>;
  runFailed: string;
  browserSaid: (detail: string) => string;
}

export const CAMERA_TEXT: Record<Lang, CameraText> = {
  en: {
    title: 'Live camera',
    intro:
      'Each new frame is preprocessed like an image and run through the model; the newest frame is taken whenever the last run ends.',
    local: 'Frames never leave this device.',
    view: 'Overlay',
    viewHead: (layer, head) => `[CLS] attention, layer ${layer}, head ${head}`,
    viewMean: (layer) => `[CLS] attention, layer ${layer}, mean of heads`,
    viewRollout: 'Attention rollout (all layers)',
    starting: 'Asking for the camera…',
    waiting: 'Waiting for the first frame…',
    pause: 'Pause and explain this frame',
    resume: 'Resume',
    stop: 'Stop the camera',
    restart: 'Start the camera again',
    stopped: 'The camera is off (its light goes out).',
    paused: 'Paused: this frame is now the image of the explainer below.',
    fps: (fps, ms) => `${fps} frames/s (last frame ${ms} ms)`,
    fpsUnknown: '… frames/s',
    prediction: 'Prediction',
    noClassifier: 'This model has no classifier: no prediction.',
    overlayLabel: (view) => `The frame as the model sees it, with ${view}`,
    videoLabel: 'The camera',
    keys: 'Space pauses and resumes.',
    errors: {
      denied:
        'Camera permission was denied. Allow the camera for this site in the browser (the icon in the address bar) and start it again.',
      none: 'No camera was found. Connect one and start it again.',
      busy: 'The camera is in use by another program or tab, or could not be started. Close it there and start it again.',
      insecure: 'The camera is only available on a secure page (https:// or localhost).',
      other: 'The camera could not be started.',
    },
    runFailed: 'The model failed on a camera frame; the loop stopped.',
    browserSaid: (detail) => `The browser said: ${detail}`,
  },
  'zh-CN': {
    title: '实时摄像头',
    intro: '每一帧新画面都像图像一样预处理后送入模型；上一次运行结束时，总是取最新的一帧。',
    local: '画面不会离开本设备。',
    view: '叠加显示',
    viewHead: (layer, head) => `[CLS] 注意力，第 ${layer} 层，第 ${head} 个头`,
    viewMean: (layer) => `[CLS] 注意力，第 ${layer} 层，各头平均`,
    viewRollout: '注意力展开（全部层）',
    starting: '正在请求摄像头…',
    waiting: '正在等待第一帧…',
    pause: '暂停并讲解这一帧',
    resume: '继续',
    stop: '关闭摄像头',
    restart: '重新打开摄像头',
    stopped: '摄像头已关闭（指示灯熄灭）。',
    paused: '已暂停：这一帧已成为下方讲解器的图像。',
    fps: (fps, ms) => `每秒 ${fps} 帧（上一帧 ${ms} 毫秒）`,
    fpsUnknown: '每秒 … 帧',
    prediction: '预测',
    noClassifier: '这个模型没有分类头：没有预测。',
    overlayLabel: (view) => `模型看到的这一帧，叠加${view}`,
    videoLabel: '摄像头画面',
    keys: '按空格键暂停或继续。',
    errors: {
      denied: '摄像头权限被拒绝。请在浏览器中允许本网站使用摄像头（地址栏中的图标），然后重新打开。',
      none: '没有找到摄像头。请连接摄像头后重新打开。',
      busy: '摄像头正被其他程序或标签页占用，或无法启动。请在那里关闭后重新打开。',
      insecure: '摄像头只能在安全页面（https:// 或 localhost）上使用。',
      other: '无法启动摄像头。',
    },
    runFailed: '模型处理摄像头画面时出错，循环已停止。',
    browserSaid: (detail) => `浏览器的说明：${detail}`,
  },
};
