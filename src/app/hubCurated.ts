import { t } from '../i18n';
import type { CuratedModel } from '../state/hub';
export type { CuratedModel };

/** A short list of real Hub checkpoints ViT Lens reads, with the size of their weights. */

/** Each checkpoint's words come from the catalogue (hubAbout.*), so they follow the language. */
export const CURATED_MODELS: CuratedModel[] = [
  {
    id: 'facebook/deit-tiny-patch16-224',
    get about() {
      return t('hubAbout.facebook_deit_tiny_patch16_224');
    },
    bytes: 22.9e6,
  },
  {
    id: 'facebook/deit-tiny-distilled-patch16-224',
    get about() {
      return t('hubAbout.facebook_deit_tiny_distilled_patch16_224');
    },
    bytes: 23.7e6,
  },
  {
    id: 'timm/deit_tiny_patch16_224.fb_in1k',
    get about() {
      return t('hubAbout.timm_deit_tiny_patch16_224_fb_in1k');
    },
    bytes: 22.9e6,
  },
  {
    id: 'facebook/deit-small-patch16-224',
    get about() {
      return t('hubAbout.facebook_deit_small_patch16_224');
    },
    bytes: 88.3e6,
  },
  {
    id: 'facebook/dino-vits16',
    get about() {
      return t('hubAbout.facebook_dino_vits16');
    },
    bytes: 86.7e6,
  },
  {
    id: 'facebook/dinov2-small',
    get about() {
      return t('hubAbout.facebook_dinov2_small');
    },
    bytes: 88.2e6,
  },
  {
    id: 'facebook/dinov2-with-registers-small',
    get about() {
      return t('hubAbout.facebook_dinov2_with_registers_small');
    },
    bytes: 88.2e6,
  },
  {
    id: 'google/vit-base-patch16-224',
    get about() {
      return t('hubAbout.google_vit_base_patch16_224');
    },
    bytes: 346e6,
  },
  {
    id: 'facebook/dino-vitb16',
    get about() {
      return t('hubAbout.facebook_dino_vitb16');
    },
    bytes: 343e6,
  },
  {
    id: 'google/vit-base-patch16-384',
    get about() {
      return t('hubAbout.google_vit_base_patch16_384');
    },
    bytes: 347e6,
  },
  {
    id: 'openai/clip-vit-base-patch32',
    get about() {
      return t('hubAbout.openai_clip_vit_base_patch32');
    },
    bytes: 605e6,
  },
];
