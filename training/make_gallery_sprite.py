"""The gallery's thumbnails as one image: public/samples/thumbs.webp, and its entry in index.json.

    /usr/bin/python3 training/make_gallery_sprite.py

The page's first view shows every sample's thumbnail; as 30 files they were 30 requests and 133 kB
(PNGs of noisy images hardly compress), as one WebP sprite they are one request of ~32 kB. Each
thumbnail is a CELL-pixel square (twice the gallery's 44 CSS px, for high-density screens), in the
order of index.json's images, left to right. index.json records the sprite's sha-256 of its sources,
so a unit test (src/views/input/gallerySprite.test.ts) fails when a sample changes without a new
sprite. Run after make_sample_images.py or train_default.py (which write the samples).
"""
from __future__ import annotations

import hashlib
import json
import os

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "public", "samples")
CELL = 88
SPRITE = "thumbs.webp"


def sources_sha256(files: list[str]) -> str:
    """sha-256 over each sample's path and bytes, in order (what the unit test recomputes)."""
    h = hashlib.sha256()
    for file in files:
        with open(os.path.join(SAMPLES, file), "rb") as f:
            h.update(file.encode() + b"\n" + f.read())
    return h.hexdigest()


def main() -> None:
    path = os.path.join(SAMPLES, "index.json")
    with open(path) as f:
        index = json.load(f)
    files = [e["file"] for e in index["images"]]
    sprite = Image.new("RGB", (CELL * len(files), CELL))
    for i, file in enumerate(files):
        img = Image.open(os.path.join(SAMPLES, file)).convert("RGB")
        # small pixel images (the 64 px objects) scale up as the gallery drew them (pixelated), larger ones down smoothly
        img = img.resize((CELL, CELL), Image.NEAREST if img.width < CELL else Image.LANCZOS)
        sprite.paste(img, (i * CELL, 0))
    sprite.save(os.path.join(SAMPLES, SPRITE), "WEBP", quality=75, method=6)
    index["sprite"] = {"file": SPRITE, "cell": CELL, "sources_sha256": sources_sha256(files)}
    with open(path, "w") as f:
        json.dump(index, f, indent=1, ensure_ascii=False)
    print(f"{SPRITE}: {len(files)} thumbnails, {os.path.getsize(os.path.join(SAMPLES, SPRITE))} bytes")


if __name__ == "__main__":
    main()
