/** The `model_card.json` that ViT Lens's own models ship beside their weights (all keys optional). */
export interface ModelCardInfo {
  name?: string;
  task?: string;
  heldout_images?: number;
  heldout_accuracy?: number;
  chance_accuracy?: number;
  cls_attention_on_object?: number;
  object_area_share?: number;
  training_minutes?: number;
  training_images_seen?: number;
  trained_with?: string;
  heads_note?: string;
  no_position_note?: string;
  fixes?: string[];
}

export function parseModelCard(text: string): ModelCardInfo {
  try {
    const raw = JSON.parse(text) as unknown;
    return typeof raw === 'object' && raw !== null ? (raw as ModelCardInfo) : {};
  } catch {
    return {};
  }
}
