"""A plain PyTorch ViT whose parameter names are Hugging Face's ViTForImageClassification names,
so its state dict is written to model.safetensors as it is and read by ViT Lens's own loader."""
from __future__ import annotations

import json
import math
import struct

import torch
from torch import nn


class Attention(nn.Module):
    def __init__(self, dim: int, heads: int, qkv_bias: bool = True):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(dim, dim, bias=qkv_bias)
        self.key = nn.Linear(dim, dim, bias=qkv_bias)
        self.value = nn.Linear(dim, dim, bias=qkv_bias)

    def forward(self, x):
        b, t, dim = x.shape
        d = dim // self.heads
        split = lambda y: y.view(b, t, self.heads, d).transpose(1, 2)  # noqa: E731
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        attn = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d), dim=-1)
        return (attn @ v).transpose(1, 2).reshape(b, t, dim), attn


class Layer(nn.Module):
    def __init__(self, dim: int, heads: int, mlp: int, eps: float, qkv_bias: bool = True):
        super().__init__()
        self.layernorm_before = nn.LayerNorm(dim, eps=eps)
        self.attention = nn.Module()
        self.attention.attention = Attention(dim, heads, qkv_bias)
        self.attention.output = nn.Module()
        self.attention.output.dense = nn.Linear(dim, dim)
        self.layernorm_after = nn.LayerNorm(dim, eps=eps)
        self.intermediate = nn.Module()
        self.intermediate.dense = nn.Linear(dim, mlp)
        self.output = nn.Module()
        self.output.dense = nn.Linear(mlp, dim)

    def forward(self, x):
        context, attn = self.attention.attention(self.layernorm_before(x))
        x = x + self.attention.output.dense(context)
        x = x + self.output.dense(nn.functional.gelu(self.intermediate.dense(self.layernorm_after(x))))
        return x, attn


class ViT(nn.Module):
    def __init__(self, image_size: int, patch_size: int, dim: int, depth: int, heads: int, mlp: int, num_classes: int,
                 class_token: bool = True, position_embeddings: bool = True, eps: float = 1e-6, qkv_bias: bool = True):
        super().__init__()
        n = (image_size // patch_size) ** 2
        self.vit = nn.Module()
        e = self.vit.embeddings = nn.Module()
        e.patch_embeddings = nn.Module()
        e.patch_embeddings.projection = nn.Conv2d(3, dim, patch_size, patch_size)
        self.class_token = class_token
        if class_token:
            e.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        if position_embeddings:
            e.position_embeddings = nn.Parameter(torch.randn(1, n + int(class_token), dim) * 0.02)
        self.position_embeddings = position_embeddings
        self.vit.encoder = nn.Module()
        self.vit.encoder.layer = nn.ModuleList([Layer(dim, heads, mlp, eps, qkv_bias) for _ in range(depth)])
        self.vit.layernorm = nn.LayerNorm(dim, eps=eps)
        self.classifier = nn.Linear(dim, num_classes)
        self.config = dict(image_size=image_size, patch_size=patch_size, hidden_size=dim, num_hidden_layers=depth,
                           num_attention_heads=heads, intermediate_size=mlp, layer_norm_eps=eps, qkv_bias=qkv_bias)

    def forward(self, pixels, return_attention: bool = False):
        e = self.vit.embeddings
        x = e.patch_embeddings.projection(pixels).flatten(2).transpose(1, 2)
        if self.class_token:
            x = torch.cat([e.cls_token.expand(x.shape[0], -1, -1), x], dim=1)
        if self.position_embeddings:
            x = x + e.position_embeddings
        attns = []
        for layer in self.vit.encoder.layer:
            x, attn = layer(x)
            attns.append(attn)
        x = self.vit.layernorm(x)
        pooled = x[:, 0] if self.class_token else x.mean(dim=1)
        logits = self.classifier(pooled)
        return (logits, attns) if return_attention else logits


SAFETENSORS_DTYPES = {"F32": (torch.float32, "<f4"), "F16": (torch.float16, "<f2")}


def save_safetensors(state: dict[str, torch.Tensor], path: str, dtype: str = "F32") -> None:
    """Writes the tensors as float32 or float16 ("F32", "F16") in the safetensors format (no extra package needed)."""
    header, blobs, offset = {}, [], 0
    for name, tensor in state.items():
        data = tensor.detach().to(SAFETENSORS_DTYPES[dtype][0]).contiguous().numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * (-(8 + len(text)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text.encode())
        for blob in blobs:
            f.write(blob)


def load_safetensors(path: str) -> dict[str, torch.Tensor]:
    """Reads a float32 or float16 safetensors file (as written by save_safetensors) as float32 tensors."""
    import numpy as np

    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        values = np.frombuffer(data[begin:end], dtype=SAFETENSORS_DTYPES[info["dtype"]][1]).astype("<f4")
        out[name] = torch.from_numpy(values).reshape(info["shape"])
    return out
