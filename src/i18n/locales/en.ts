import { analyses } from './en/analyses';
import { stages } from './en/stages';
import { ui } from './en/ui';

export const en = { ...ui, stages, analyses };
