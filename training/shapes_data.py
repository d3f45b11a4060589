"""Procedurally drawn shapes on cluttered backgrounds: the task of ViT Lens's default model.

Ten classes of shapes a person recognises at a glance. Position, size, rotation, colour and
background vary, with distracting lines and dots, so a good model has to find the object. The
generator knows where the object is: every image comes with its object mask.

Everything is seeded: `make_split(n, seed)` returns the same images every time.
"""
from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

CLASSES = ["circle", "square", "triangle", "star", "cross", "heart", "ring", "hexagon", "crescent", "arrow"]
SIZE = 64


def _polygon(cx: float, cy: float, points: list[tuple[float, float]], scale: float, angle: float) -> list[tuple[float, float]]:
    c, s = math.cos(angle), math.sin(angle)
    return [(cx + scale * (x * c - y * s), cy + scale * (x * s + y * c)) for x, y in points]


def _regular(n: int, phase: float = 0.0) -> list[tuple[float, float]]:
    return [(math.cos(phase + 2 * math.pi * i / n), math.sin(phase + 2 * math.pi * i / n)) for i in range(n)]


STAR = [(math.cos(-math.pi / 2 + math.pi * i / 5) * (1 if i % 2 == 0 else 0.42), math.sin(-math.pi / 2 + math.pi * i / 5) * (1 if i % 2 == 0 else 0.42)) for i in range(10)]
CROSS = [(-0.33, -1), (0.33, -1), (0.33, -0.33), (1, -0.33), (1, 0.33), (0.33, 0.33), (0.33, 1), (-0.33, 1), (-0.33, 0.33), (-1, 0.33), (-1, -0.33), (-0.33, -0.33)]
ARROW = [(-1, -0.28), (0.2, -0.28), (0.2, -0.75), (1, 0), (0.2, 0.75), (0.2, 0.28), (-1, 0.28)]
HEART = [(16 * math.sin(t) ** 3 / 17, -(13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)) / 17) for t in np.linspace(0, 2 * math.pi, 40)]


def draw_shape(draw: ImageDraw.ImageDraw, name: str, cx: float, cy: float, r: float, angle: float, fill) -> None:
    """Draws one shape of radius r centred on (cx, cy)."""
    if name == "circle":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill)
    elif name == "ring":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=fill, width=max(3, int(r * 0.38)))
    elif name == "square":
        draw.polygon(_polygon(cx, cy, _regular(4, math.pi / 4), r * 1.1, angle), fill=fill)
    elif name == "triangle":
        draw.polygon(_polygon(cx, cy, _regular(3, -math.pi / 2), r * 1.15, angle), fill=fill)
    elif name == "hexagon":
        draw.polygon(_polygon(cx, cy, _regular(6), r, angle), fill=fill)
    elif name == "star":
        draw.polygon(_polygon(cx, cy, STAR, r * 1.1, angle), fill=fill)
    elif name == "cross":
        draw.polygon(_polygon(cx, cy, CROSS, r * 0.95, angle), fill=fill)
    elif name == "arrow":
        draw.polygon(_polygon(cx, cy, ARROW, r, angle), fill=fill)
    elif name == "heart":
        draw.polygon(_polygon(cx, cy, HEART, r * 1.05, angle * 0.3), fill=fill)
    elif name == "crescent":
        # a disc minus an offset disc, drawn on the mask-aware layer by the caller
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill)
    else:
        raise ValueError(name)


def _random_colour(rng: random.Random) -> tuple[int, int, int]:
    return tuple(int(v) for v in np.array([rng.random(), rng.random(), rng.random()]) * 255)


def _background(rng: random.Random, easy: bool = False) -> Image.Image:
    if easy:  # a plain colour and no distractors: the easy part of the training mix
        return Image.new("RGB", (SIZE, SIZE), _random_colour(rng))
    kind = rng.randrange(4)
    img = Image.new("RGB", (SIZE, SIZE), _random_colour(rng))
    d = ImageDraw.Draw(img)
    if kind == 0:  # vertical gradient
        a, b = np.array(_random_colour(rng)), np.array(_random_colour(rng))
        for y in range(SIZE):
            d.line([(0, y), (SIZE, y)], fill=tuple(int(v) for v in a + (b - a) * y / SIZE))
    elif kind == 1:  # stripes
        w = rng.randint(3, 9)
        c = _random_colour(rng)
        for x in range(-SIZE, 2 * SIZE, 2 * w):
            d.polygon([(x, 0), (x + w, 0), (x + w + SIZE * 0.5, SIZE), (x + SIZE * 0.5, SIZE)], fill=c)
    elif kind == 2:  # soft blobs
        for _ in range(rng.randint(4, 9)):
            r = rng.uniform(6, 20)
            x, y = rng.uniform(0, SIZE), rng.uniform(0, SIZE)
            d.ellipse([x - r, y - r, x + r, y + r], fill=_random_colour(rng))
        img = img.filter(ImageFilter.GaussianBlur(2.5))
    # kind 3: plain colour
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(2, 6)):  # distractors: lines and dots, never whole shapes
        if rng.random() < 0.5:
            d.line([(rng.uniform(0, SIZE), rng.uniform(0, SIZE)), (rng.uniform(0, SIZE), rng.uniform(0, SIZE))], fill=_random_colour(rng), width=rng.randint(1, 2))
        else:
            x, y, r = rng.uniform(0, SIZE), rng.uniform(0, SIZE), rng.uniform(1, 2.5)
            d.ellipse([x - r, y - r, x + r, y + r], fill=_random_colour(rng))
    return img


def make_image(label: int, rng: random.Random, easy: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """One image [64, 64, 3] uint8 and its object mask [64, 64] bool."""
    img = _background(rng, easy)
    r = rng.uniform(8, 20)
    cx, cy = rng.uniform(r + 1, SIZE - r - 1), rng.uniform(r + 1, SIZE - r - 1)
    angle = rng.uniform(0, 2 * math.pi)
    bg = np.asarray(img, dtype=np.float32)[int(cy), int(cx)]
    for _ in range(20):  # an object colour that stands out from the background under it
        colour = _random_colour(rng)
        if np.abs(np.array(colour, dtype=np.float32) - bg).sum() > 160:
            break
    mask = Image.new("L", (SIZE, SIZE), 0)
    md = ImageDraw.Draw(mask)
    name = CLASSES[label]
    draw_shape(md, name, cx, cy, r, angle, 255)
    if name == "crescent":
        off = r * 0.55
        ox, oy = cx + off * math.cos(angle), cy + off * math.sin(angle)
        md.ellipse([ox - r * 0.85, oy - r * 0.85, ox + r * 0.85, oy + r * 0.85], fill=0)
    img.paste(Image.new("RGB", (SIZE, SIZE), colour), (0, 0), mask)
    return np.asarray(img, dtype=np.uint8), np.asarray(mask) > 127


def make_split(n: int, seed: int, easy_fraction: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """n images [n, 64, 64, 3] uint8, labels [n] int64 (balanced), masks [n, 64, 64] bool.
    A share `easy_fraction` of them (training only) has a plain background and no distractors."""
    rng = random.Random(seed)
    labels = np.array([i % len(CLASSES) for i in range(n)], dtype=np.int64)
    random.Random(seed + 1).shuffle(labels)
    images = np.empty((n, SIZE, SIZE, 3), dtype=np.uint8)
    masks = np.empty((n, SIZE, SIZE), dtype=bool)
    for i, label in enumerate(labels):
        images[i], masks[i] = make_image(int(label), rng, easy=rng.random() < easy_fraction)
    return images, labels, masks
