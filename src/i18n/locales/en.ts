import { analyses } from './en/analyses';
import { analysisPanels } from './en/analysisPanels';
import { explainerPanels } from './en/explainerPanels';
import { hubPanels } from './en/hubPanels';
import { stages } from './en/stages';
import { ui } from './en/ui';

export const en = { ...ui, ...hubPanels, ...explainerPanels, ...analysisPanels, stages, analyses };
