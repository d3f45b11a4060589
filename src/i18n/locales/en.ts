import { analyses } from './en/analyses';
import { analysisPanels } from './en/analysisPanels';
import { explainerPanels } from './en/explainerPanels';
import { comparePanels } from './en/comparePanels';
import { hubPanels } from './en/hubPanels';
import { inputErrors } from './en/inputErrors';
import { modelPanels } from './en/modelPanels';
import { stages } from './en/stages';
import { ui } from './en/ui';

export const en = {
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
