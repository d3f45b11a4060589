"""Rounds the shipped default model's weights to float16 and re-exports it, without retraining.

    /usr/bin/python3 training/round_default_f16.py

The page's first view downloads the default model's weights; as float16 they are half the bytes
(0.64 MB instead of 1.28 MB). The page then shows what the rounded weights compute, so this
re-measures the held-out accuracy and the [CLS]-on-object statistic with them, rewrites the model
card, and rewrites the export-faithfulness fixture with PyTorch's logits for the rounded weights
(the same 20 held-out inputs). Re-runnable: float16 weights round to themselves, so a second run
writes the same files. Needs python3-torch, python3-pil and fonts-noto-color-emoji (Debian).
"""
from __future__ import annotations

import json
import os

import numpy as np
import torch
from PIL import Image

from objects_data import CLASSES, make_split
from train_default import FIXTURES, OUT, PATCH, SAMPLES, SIZE, evaluate, export, round_to_f16
from vit_torch import ViT, load_safetensors


def main() -> None:
    torch.set_num_threads(os.cpu_count() or 2)
    with open(os.path.join(OUT, "config.json")) as f:
        config = json.load(f)
    with open(os.path.join(OUT, "model_card.json")) as f:
        card = json.load(f)
    model = ViT(config["image_size"], config["patch_size"], dim=config["hidden_size"], depth=config["num_hidden_layers"],
                heads=config["num_attention_heads"], mlp=config["intermediate_size"], num_classes=len(CLASSES),
                eps=config["layer_norm_eps"], qkv_bias=config["qkv_bias"])
    model.load_state_dict(load_safetensors(os.path.join(OUT, "model.safetensors")))
    model.eval()
    test_x, test_y, test_m = make_split(2000, seed=1)
    # the held-out set this machine generates is the one the model was measured and exported on
    with open(os.path.join(SAMPLES, "masks.json")) as f:
        for name in json.load(f):
            shipped = np.asarray(Image.open(os.path.join(SAMPLES, name)).convert("RGB"))
            index = int(name.rsplit("-", 1)[1].split(".")[0])
            if not np.array_equal(shipped, test_x[index]):
                raise SystemExit(f"held-out image {index} differs from public/samples/objects/{name}: another font or Pillow version")
    before = evaluate(model, test_x, test_y, test_m)
    round_to_f16(model)
    after = evaluate(model, test_x, test_y, test_m)
    for label, m in (("as shipped", before), ("float16", after)):
        print(f"{label}: held-out accuracy {m['accuracy']:.4f}; [CLS] attention on the object {m['attention_on_object']:.4f} vs its area {m['object_area']:.4f}")
    params = sum(p.numel() for p in model.parameters())
    export(model, params, after, card["training_minutes"], card["training_images_seen"], test_x, test_y, test_m)


if __name__ == "__main__":
    assert PATCH == 8 and SIZE == 64
    main()
