import { analyses } from './zh-CN/analyses';
import { analysisPanels } from './zh-CN/analysisPanels';
import { explainerPanels } from './zh-CN/explainerPanels';
import { stages } from './zh-CN/stages';
import { ui } from './zh-CN/ui';
import type { en } from './en';

export const zhCN: typeof en = { ...ui, ...explainerPanels, ...analysisPanels, stages, analyses };
