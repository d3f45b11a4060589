import { analyses } from './en/analyses';
import { analysisPanels } from './en/analysisPanels';
import { explainerPanels } from './en/explainerPanels';
import { stages } from './en/stages';
import { ui } from './en/ui';

export const en = { ...ui, ...explainerPanels, ...analysisPanels, stages, analyses };
