import { analyses } from './en/analyses';
import { analysisPanels } from './en/analysisPanels';
import { explainerPanels } from './en/explainerPanels';
import { comparePanels } from './en/comparePanels';
import { hubPanels } from './en/hubPanels';
import { modelPanels } from './en/modelPanels';
import { stages } from './en/stages';
import { ui } from './en/ui';

export const en = {
  ...ui,
  ...modelPanels,
  ...comparePanels,
  ...hubPanels,
  ...explainerPanels,
  ...analysisPanels,
  stages,
  analyses,
};
