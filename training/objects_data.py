"""The default model's task: ten everyday things (emoji from the Noto Color Emoji font) placed at
random positions, sizes, angles and tints on cluttered backgrounds, with distracting lines and
dots. A good model has to find the object. The generator knows where the object is: every image
comes with its object mask.

Everything is seeded: `make_split(n, seed)` returns the same images every time. Needs Debian's
fonts-noto-color-emoji (SIL Open Font License 1.1).
"""
from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
CLASSES = ["cat", "dog", "car", "apple", "tree", "fish", "house", "star", "sunflower", "rocket"]
EMOJI = ["\U0001F431", "\U0001F436", "\U0001F697", "\U0001F34E", "\U0001F333", "\U0001F41F", "\U0001F3E0", "\u2B50", "\U0001F33B", "\U0001F680"]
SIZE = 64

_sprites: list[Image.Image] = []


def sprites() -> list[Image.Image]:
    """Each emoji once, as a tightly cropped RGBA image."""
    if not _sprites:
        font = ImageFont.truetype(FONT, 109)  # the size the font's bitmaps are drawn at
        for e in EMOJI:
            img = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
            ImageDraw.Draw(img).text((10, 10), e, font=font, embedded_color=True)
            _sprites.append(img.crop(img.getbbox()))
    return _sprites


def _random_colour(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randrange(256), rng.randrange(256), rng.randrange(256))


def _background(rng: random.Random, easy: bool = False) -> Image.Image:
    img = Image.new("RGB", (SIZE, SIZE), _random_colour(rng))
    if easy:  # a plain colour and no distractors: the easy part of the training mix
        return img
    kind = rng.randrange(4)
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
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(2, 6)):  # distractors: lines and dots, never objects
        if rng.random() < 0.5:
            d.line([(rng.uniform(0, SIZE), rng.uniform(0, SIZE)), (rng.uniform(0, SIZE), rng.uniform(0, SIZE))], fill=_random_colour(rng), width=rng.randint(1, 2))
        else:
            x, y, r = rng.uniform(0, SIZE), rng.uniform(0, SIZE), rng.uniform(1, 2.5)
            d.ellipse([x - r, y - r, x + r, y + r], fill=_random_colour(rng))
    return img


def make_image(label: int, rng: random.Random, easy: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """One image [64, 64, 3] uint8 and its object mask [64, 64] bool."""
    img = _background(rng, easy)
    sprite = sprites()[label]
    if rng.random() < 0.5:
        sprite = sprite.transpose(Image.FLIP_LEFT_RIGHT)
    sprite = sprite.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC, expand=True)
    side = rng.uniform(20, 46)
    scale = side / max(sprite.size)
    sprite = sprite.resize((max(1, round(sprite.width * scale)), max(1, round(sprite.height * scale))), Image.LANCZOS)
    rgb, alpha = sprite.convert("RGB"), sprite.getchannel("A")
    # the object's tint varies: brightness, saturation and a small colour cast
    rgb = ImageEnhance.Brightness(rgb).enhance(rng.uniform(0.75, 1.25))
    rgb = ImageEnhance.Color(rgb).enhance(rng.uniform(0.6, 1.3))
    cast = np.array([rng.uniform(0.85, 1.15) for _ in range(3)], dtype=np.float32)
    rgb = Image.fromarray(np.clip(np.asarray(rgb, dtype=np.float32) * cast, 0, 255).astype(np.uint8))
    x = rng.randint(0, SIZE - sprite.width)
    y = rng.randint(0, SIZE - sprite.height)
    img.paste(rgb, (x, y), alpha)
    mask = Image.new("L", (SIZE, SIZE), 0)
    mask.paste(alpha, (x, y))
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
