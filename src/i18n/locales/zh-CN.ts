import { analyses } from './zh-CN/analyses';
import { analysisPanels } from './zh-CN/analysisPanels';
import { explainerPanels } from './zh-CN/explainerPanels';
import { comparePanels } from './zh-CN/comparePanels';
import { hubPanels } from './zh-CN/hubPanels';
import { inputErrors } from './zh-CN/inputErrors';
import { modelPanels } from './zh-CN/modelPanels';
import { stages } from './zh-CN/stages';
import { ui } from './zh-CN/ui';
import type { en } from './en';

export const zhCN: typeof en = {
  ...ui,
  ...modelPanels,
  ...comparePanels,
  ...hubPanels,
  ...inputErrors,
  ...explainerPanels,
  ...analysisPanels,
  stages,
  analyses,
};
