/** A short list of real Hub checkpoints ViT Lens reads, with the size of their weights. */
export interface CuratedModel {
  id: string;
  /** what it is, in a few words */
  about: string;
  /** the weights' download size in bytes (safetensors, F32) */
  bytes: number;
}

export const CURATED_MODELS: CuratedModel[] = [
  { id: 'facebook/deit-tiny-patch16-224', about: 'DeiT-Ti/16, ImageNet-1k (weights on refs/pr/N)', bytes: 22.9e6 },
  { id: 'facebook/deit-tiny-distilled-patch16-224', about: 'DeiT-Ti/16 + distillation token', bytes: 23.7e6 },
  { id: 'timm/deit_tiny_patch16_224.fb_in1k', about: "DeiT-Ti/16 in timm's layout", bytes: 22.9e6 },
  { id: 'facebook/deit-small-patch16-224', about: 'DeiT-S/16, ImageNet-1k', bytes: 88.3e6 },
  { id: 'facebook/dino-vits16', about: 'DINO ViT-S/16: self-supervised, no classifier', bytes: 86.7e6 },
  {
    id: 'facebook/dinov2-small',
    about: 'DINOv2 ViT-S/14: LayerScale, 518 px positions run at 224 px, no classifier',
    bytes: 88.2e6,
  },
  {
    id: 'facebook/dinov2-with-registers-small',
    about: 'DINOv2 ViT-S/14 with 4 register tokens, no classifier',
    bytes: 88.2e6,
  },
  { id: 'google/vit-base-patch16-224', about: 'ViT-B/16, ImageNet-21k → 1k', bytes: 346e6 },
  { id: 'facebook/dino-vitb16', about: 'DINO ViT-B/16, no classifier', bytes: 343e6 },
  { id: 'google/vit-base-patch16-384', about: 'ViT-B/16 at 384 px (577 tokens)', bytes: 347e6 },
  {
    id: 'openai/clip-vit-base-patch32',
    about: "CLIP ViT-B/32's image tower (the file holds the text tower too, not read), no classifier",
    bytes: 605e6,
  },
];
