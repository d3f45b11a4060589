"""Writes one ViT with random weights twice: as a Hugging Face checkpoint (config.json +
model.safetensors, read by ViT Lens's own loader) and as ONNX (run by onnxruntime-web), so
`npm run bench` races both engines on identical weights.

    /usr/bin/python3 bench/make_onnx_checkpoint.py --hidden 768 --layers 12 --heads 12 --image 224 --patch 16 \
        --classes 1000 --out bench/.cache/vit-b

Needs Debian's python3-torch (torch.onnx ships with it). Seeded: the same arguments give the same weights.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "training"))
from vit_torch import ViT, save_safetensors  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    for name in ("hidden", "layers", "heads", "image", "patch", "classes"):
        p.add_argument(f"--{name}", type=int, required=True)
    p.add_argument("--eps", type=float, default=1e-12)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    torch.manual_seed(0)
    model = ViT(a.image, a.patch, dim=a.hidden, depth=a.layers, heads=a.heads, mlp=4 * a.hidden, num_classes=a.classes, eps=a.eps)
    with torch.no_grad():  # LayerNorm and the [CLS] token away from their trivial initial values
        for name, t in model.named_parameters():
            if "layernorm" in name or "cls_token" in name:
                t.add_(torch.randn_like(t) * 0.1)
    model.eval()
    os.makedirs(a.out, exist_ok=True)
    config = {"architectures": ["ViTForImageClassification"], "model_type": "vit", **model.config, "hidden_act": "gelu",
              "num_channels": 3, "id2label": {str(i): f"class {i}" for i in range(a.classes)}}
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(config, f)
    save_safetensors(model.state_dict(), os.path.join(a.out, "model.safetensors"))
    # the bench's fixed input, as benchMain.ts makes it: sin(i) * 0.9 over [1, 3, S, S]
    n = 3 * a.image * a.image
    x = (torch.sin(torch.arange(n, dtype=torch.float64)) * 0.9).float().reshape(1, 3, a.image, a.image)
    with torch.no_grad():
        logits = model(x)
    torch.onnx.export(model, (x,), os.path.join(a.out, "model.onnx"), input_names=["pixel_values"], output_names=["logits"],
                      opset_version=14, do_constant_folding=True)
    with open(os.path.join(a.out, "torch_logits.json"), "w") as f:
        json.dump(logits[0].tolist(), f)
    print("wrote", a.out)


if __name__ == "__main__":
    main()
