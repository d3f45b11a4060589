"""Trains ViT Lens's default model on the objects task and exports it in Hugging Face format.

    /usr/bin/python3 training/train_default.py [--steps 3600]

Writes public/models/default/ (config.json, model.safetensors as float16, preprocessor_config.json,
model_card.json), the held-out sample images with their object masks (public/samples/objects/),
and the fixtures of the export-faithfulness test (training/fixtures/). Seeds are fixed; the
held-out set (seed 1) is never trained on. The weights ship as float16 (half the bytes of the page's
first view): the held-out numbers, the model card and the fixtures are those of the rounded weights.
training/round_default_f16.py redoes that last step on the shipped weights without retraining.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import time

import numpy as np
import torch
from PIL import Image

from objects_data import CLASSES, SIZE, make_split
from vit_torch import ViT, load_safetensors, save_safetensors

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "public", "models", "default")
SAMPLES = os.path.join(ROOT, "public", "samples", "objects")
FIXTURES = os.path.join(ROOT, "training", "fixtures")
PATCH = 8
MEAN = STD = 0.5
WEIGHTS_DTYPE = "F16"


@torch.no_grad()
def round_to_f16(model: ViT) -> None:
    """Rounds every weight to the nearest float16 (kept as float32), so the model computes what the page will."""
    for p in model.state_dict().values():
        p.copy_(p.half().float())


def to_input(images: np.ndarray) -> torch.Tensor:
    """uint8 [n, H, W, 3] → the model's normalised [n, 3, H, W], as preprocessor_config.json says."""
    x = torch.from_numpy(images).permute(0, 3, 1, 2).float() / 255.0
    return (x - MEAN) / STD


def patch_coverage(masks: np.ndarray) -> np.ndarray:
    """Share of each patch the object covers: [n, g*g]."""
    n = masks.shape[0]
    g = SIZE // PATCH
    return masks.reshape(n, g, PATCH, g, PATCH).mean(axis=(2, 4)).reshape(n, g * g)


@torch.no_grad()
def evaluate(model: ViT, images: np.ndarray, labels: np.ndarray, masks: np.ndarray, batch: int = 250) -> dict:
    model.eval()
    correct, share, chance = 0, 0.0, 0.0
    for i in range(0, len(images), batch):
        logits, attns = model(to_input(images[i : i + batch]), return_attention=True)
        correct += int((logits.argmax(1).numpy() == labels[i : i + batch]).sum())
        cls = attns[-1].mean(dim=1)[:, 0, 1:]  # last layer, mean of heads, [CLS] row, patch columns
        cls = cls / cls.sum(dim=1, keepdim=True)
        cov = torch.from_numpy(patch_coverage(masks[i : i + batch])).float()
        share += float((cls * cov).sum(dim=1).sum())
        chance += float(cov.mean(dim=1).sum())
    model.train()
    n = len(images)
    return {"accuracy": correct / n, "attention_on_object": share / n, "object_area": chance / n}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=55, help="a cap on training time, so data + training + export stay within an hour")
    parser.add_argument("--steps", type=int, default=3600, help="optimizer steps (batch 64); the schedule follows steps, so a busy machine changes the time, not the result")
    parser.add_argument("--train-size", type=int, default=80_000)
    parser.add_argument("--resume", action="store_true", help="continue from the exported public/models/default weights")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--previous-minutes", type=float, default=0, help="training time already spent, for the model card")
    parser.add_argument("--previous-seen", type=int, default=0, help="images already seen, for the model card")
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(os.cpu_count() or 2)
    started = time.time()
    train_x, train_y, _ = make_split(args.train_size, seed=0, easy_fraction=0.25)
    test_x, test_y, test_m = make_split(2000, seed=1)
    print(f"data: {len(train_x)} train, {len(test_x)} held out, {time.time() - started:.0f} s", flush=True)

    model = ViT(SIZE, PATCH, dim=64, depth=6, heads=4, mlp=256, num_classes=len(CLASSES))
    if args.resume:
        model.load_state_dict(load_safetensors(os.path.join(OUT, "model.safetensors")))
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    batch, warmup = 64, 200
    budget = args.minutes * 60
    step, seen, best, best_state = 0, 0, -1.0, None
    train_start = time.time()
    next_eval = train_start + 180
    order = np.random.default_rng(0).permutation(len(train_x))
    cursor = 0
    while step < args.steps and time.time() - train_start < budget:
        if cursor + batch > len(order):
            order, cursor = np.random.default_rng(step).permutation(len(train_x)), 0
        idx = order[cursor : cursor + batch]
        cursor += batch
        progress = step / args.steps
        lr = args.lr * min(1.0, (step + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
        for group in opt.param_groups:
            group["lr"] = lr
        x = to_input(train_x[idx])
        if step % 2:  # horizontal flips keep every class a member of its own class
            x = x.flip(3)
        loss = torch.nn.functional.cross_entropy(model(x), torch.from_numpy(train_y[idx]), label_smoothing=0.1)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        seen += len(idx)
        if time.time() > next_eval:
            m = evaluate(model, test_x[:500], test_y[:500], test_m[:500])
            print(f"{(time.time() - train_start) / 60:5.1f} min  step {step}  seen {seen}  loss {loss.item():.3f}  lr {lr:.2e}  held-out(500) acc {m['accuracy']:.3f}", flush=True)
            if m["accuracy"] > best:
                best, best_state = m["accuracy"], {k: v.clone() for k, v in model.state_dict().items()}
            next_eval = time.time() + 180
    train_minutes = (time.time() - train_start) / 60
    final = evaluate(model, test_x[:500], test_y[:500], test_m[:500])
    if best_state is not None and best > final["accuracy"]:
        model.load_state_dict(best_state)
    round_to_f16(model)
    metrics = evaluate(model, test_x, test_y, test_m)
    print(f"held-out accuracy {metrics['accuracy']:.4f}; [CLS] attention on the object {metrics['attention_on_object']:.3f} vs its area {metrics['object_area']:.3f}", flush=True)
    export(model, params, metrics, train_minutes + args.previous_minutes, seen + args.previous_seen, test_x, test_y, test_m)


def export(model: ViT, params: int, metrics: dict, train_minutes: float, seen: int, test_x, test_y, test_m) -> None:
    os.makedirs(OUT, exist_ok=True)
    config = {
        "architectures": ["ViTForImageClassification"],
        "model_type": "vit",
        **model.config,
        "hidden_act": "gelu",
        "num_channels": 3,
        "id2label": {str(i): c for i, c in enumerate(CLASSES)},
        "label2id": {c: i for i, c in enumerate(CLASSES)},
    }
    with open(os.path.join(OUT, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    with open(os.path.join(OUT, "preprocessor_config.json"), "w") as f:
        json.dump({"image_processor_type": "ViTImageProcessor", "do_resize": True, "size": {"height": SIZE, "width": SIZE}, "resample": 2,
                   "do_rescale": True, "rescale_factor": 1 / 255, "do_normalize": True, "image_mean": [MEAN] * 3, "image_std": [STD] * 3}, f, indent=2)
    save_safetensors(model.state_dict(), os.path.join(OUT, "model.safetensors"), dtype=WEIGHTS_DTYPE)
    card = {
        "name": "ViT Lens objects ViT",
        "task": f"{len(CLASSES)} everyday objects (Noto Color Emoji) at random places, sizes, angles and tints on cluttered backgrounds ({SIZE} px)",
        "classes": CLASSES,
        "parameters": params,
        "weights_dtype": {"F16": "float16", "F32": "float32"}[WEIGHTS_DTYPE],
        "heldout_images": int(len(test_x)),
        "heldout_accuracy": round(metrics["accuracy"], 4),
        "cls_attention_on_object": round(metrics["attention_on_object"], 4),
        "object_area_share": round(metrics["object_area"], 4),
        "training_minutes": round(train_minutes, 1),
        "training_images_seen": seen,
        "trained_with": f"PyTorch {torch.__version__}, training/train_default.py, seeds 0 (train) and 1 (held out)",
    }
    with open(os.path.join(OUT, "model_card.json"), "w") as f:
        json.dump(card, f, indent=2)
    # two held-out images per class for the gallery, with their object masks per patch
    os.makedirs(SAMPLES, exist_ok=True)
    picked = [int(i) for c in range(len(CLASSES)) for i in np.where(test_y == c)[0][:2]]
    masks = {}
    for i in picked:
        name = f"{CLASSES[test_y[i]]}-{i}.png"
        Image.fromarray(test_x[i]).save(os.path.join(SAMPLES, name))
        masks[name] = {"label": CLASSES[test_y[i]], "grid": SIZE // PATCH, "coverage": [round(float(v), 4) for v in patch_coverage(test_m[i : i + 1])[0]]}
    with open(os.path.join(SAMPLES, "masks.json"), "w") as f:
        json.dump(masks, f)
    # the export-faithfulness fixtures: inputs and PyTorch's logits on 20 held-out images
    os.makedirs(FIXTURES, exist_ok=True)
    with torch.no_grad():
        model.eval()
        x = to_input(test_x[picked])
        logits = model(x)
    x.numpy().astype("<f4").tofile(os.path.join(FIXTURES, "default_heldout_inputs.f32"))
    with open(os.path.join(FIXTURES, "default_heldout_logits.json"), "w") as f:
        json.dump({"shape": list(x.shape), "labels": [int(test_y[i]) for i in picked], "logits": logits.numpy().round(7).tolist()}, f)
    print("exported to", OUT, flush=True)


if __name__ == "__main__":
    main()
