"""Trains the seed article's own toy ViT on the default model's task, at 224 px, and exports it.

    /usr/bin/python3 training/train_seed_toy.py [--minutes 28]

The architecture is exactly the article's `ViT()`: PatchEmbedding(224, 7, 3, 16), i.e. 32 × 32 = 1024
tokens of width 16; 5 pre-norm encoder layers with MLP ratio 4; final LayerNorm; mean pooling over
tokens; Linear(16, 10). No [CLS] token and no position embedding, as in the article. The article
does not give the head count: 4 heads (head width 4). Writes public/models/seed-toy/.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import time

import numpy as np
import torch

from objects_data import CLASSES, make_split
from vit_torch import ViT, save_safetensors

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "public", "models", "seed-toy")
SIZE = 224

FIXES = [
    "EncoderLayer builds Attention() without arguments; here it gets the layer's width (16) and head count (4).",
    "EncoderLayer adds Attention's (output, weights) tuple to a tensor; here the output is added and the weights are kept for the views.",
    "The article does not say how many heads the toy uses; 4 heads of width 4 divide its width of 16.",
    "The article's code has no training loop; this one trains with AdamW on ViT Lens's objects task, upscaled to 224 px.",
]


def to_input(images: np.ndarray) -> torch.Tensor:
    """uint8 [n, 64, 64, 3] → normalised [n, 3, 224, 224], resized with bilinear interpolation."""
    x = torch.from_numpy(images).permute(0, 3, 1, 2).float() / 255.0
    x = torch.nn.functional.interpolate(x, size=(SIZE, SIZE), mode="bilinear", align_corners=False, antialias=False)
    return (x - 0.5) / 0.5


@torch.no_grad()
def accuracy(model, x, y, batch=50):
    model.eval()
    correct = sum(int((model(to_input(x[i : i + batch])).argmax(1).numpy() == y[i : i + batch]).sum()) for i in range(0, len(x), batch))
    model.train()
    return correct / len(x)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=28)
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(os.cpu_count() or 2)
    train_x, train_y, _ = make_split(20_000, seed=0, easy_fraction=0.25)
    test_x, test_y, _ = make_split(500, seed=1)
    model = ViT(SIZE, 7, dim=16, depth=5, heads=4, mlp=64, num_classes=10, class_token=False, position_embeddings=False)
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.05)
    start, step, seen, batch = time.time(), 0, 0, 16
    budget = args.minutes * 60
    rng = np.random.default_rng(0)
    while time.time() - start < budget:
        idx = rng.integers(0, len(train_x), batch)
        progress = (time.time() - start) / budget
        for g in opt.param_groups:
            g["lr"] = 2e-3 * min(1.0, (step + 1) / 50) * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
        loss = torch.nn.functional.cross_entropy(model(to_input(train_x[idx])), torch.from_numpy(train_y[idx]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        seen += batch
        if step % 50 == 0:
            print(f"{(time.time() - start) / 60:5.1f} min  step {step}  seen {seen}  loss {loss.item():.3f}  {seen / (time.time() - start):.1f} img/s", flush=True)
    minutes = (time.time() - start) / 60
    acc = accuracy(model, test_x, test_y)
    print(f"held-out accuracy {acc:.4f} (chance {1 / len(CLASSES):.2f}) after {minutes:.1f} min, {seen} images", flush=True)
    os.makedirs(OUT, exist_ok=True)
    config = {"architectures": ["ViTForImageClassification"], "model_type": "vit", **model.config, "hidden_act": "gelu", "num_channels": 3,
              "vitlens_class_token": False, "vitlens_position_embeddings": False, "vitlens_pooling": "mean",
              "id2label": {str(i): c for i, c in enumerate(CLASSES)}, "label2id": {c: i for i, c in enumerate(CLASSES)}}
    with open(os.path.join(OUT, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    with open(os.path.join(OUT, "preprocessor_config.json"), "w") as f:
        json.dump({"do_resize": True, "size": {"height": SIZE, "width": SIZE}, "resample": 2, "do_rescale": True, "rescale_factor": 1 / 255,
                   "do_normalize": True, "image_mean": [0.5] * 3, "image_std": [0.5] * 3}, f, indent=2)
    save_safetensors(model.state_dict(), os.path.join(OUT, "model.safetensors"))
    card = {"name": "The seed article's toy ViT", "task": "ViT Lens's objects task, upscaled to 224 px", "classes": CLASSES, "parameters": params,
            "heldout_images": len(test_x), "heldout_accuracy": round(acc, 4), "chance_accuracy": 0.1, "training_minutes": round(minutes, 1),
            "training_images_seen": seen, "heads_note": "4 heads (the article does not say; 4 divides the width 16)", "fixes": FIXES,
            "no_position_note": "No position embedding: attention cannot tell where a patch was, so the model sees the image as a bag of patches.",
            "trained_with": f"PyTorch {torch.__version__}, training/train_seed_toy.py"}
    with open(os.path.join(OUT, "model_card.json"), "w") as f:
        json.dump(card, f, indent=2)
    # export-faithfulness fixtures: two held-out inputs and PyTorch's logits
    fixtures = os.path.join(ROOT, "training", "fixtures")
    os.makedirs(fixtures, exist_ok=True)
    with torch.no_grad():
        model.eval()
        x = to_input(test_x[:2])
        logits = model(x)
    x.numpy().astype("<f4").tofile(os.path.join(fixtures, "seed_toy_heldout_inputs.f32"))
    with open(os.path.join(fixtures, "seed_toy_heldout_logits.json"), "w") as f:
        json.dump({"shape": list(x.shape), "labels": [int(v) for v in test_y[:2]], "logits": logits.numpy().round(7).tolist()}, f)
    print("exported to", OUT)


if __name__ == "__main__":
    main()
