import { describe, expect, it } from 'vitest';
import { MODEL_CHOICES, modelSearch } from './modelChoices';

describe("another built-in model's address", () => {
  it('keeps the backend, hub, language, colours, theme and lesson, in that order, and drops the rest', () => {
    const search = '?layer=3&model=seed-toy&lang=fr&backend=wasm&head=2&present=1&hub=https%3A%2F%2Fh.example&record=shown';
    expect(modelSearch(search, 'mhsa')).toBe('backend=wasm&hub=https%3A%2F%2Fh.example&lang=fr&present=1&model=mhsa');
  });

  it('is the model alone from an empty address, and skips empty values', () => {
    expect(modelSearch('', 'default')).toBe('model=default');
    expect(modelSearch('?theme=&palette=viridis', 'random-vit-b')).toBe('palette=viridis&model=random-vit-b');
  });
});

describe('the picker', () => {
  it('offers the five built-in models, labelled from the catalogue', () => {
    expect(MODEL_CHOICES.map((c) => c.id)).toEqual(['default', 'seed-toy', 'mhsa', 'random-vit-ti', 'random-vit-b']);
    const labels = MODEL_CHOICES.map((c) => c.label);
    expect(labels[1]).toBe("The seed article's toy ViT");
    expect(labels[4]).toBe('Random weights, ViT-B/16 shape');
  });
});
