import { analyses } from './en/analyses';
import { analysisPanels } from './en/analysisPanels';
import { stages } from './en/stages';
import { ui } from './en/ui';

export const en = { ...ui, ...analysisPanels, stages, analyses };
