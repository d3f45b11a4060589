"""Draws the gallery's scene pictures (public/samples/scenes/) and writes the gallery's index
and CREDITS. Every picture is drawn by this script, so ViT Lens may redistribute it (CC0).

    /usr/bin/python3 training/make_sample_images.py [--index-only]
"""
import json
import math
import os
import random

import make_gallery_sprite
from PIL import Image, ImageDraw, ImageFilter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "public", "samples")
S = 256


def sky(d, top, bottom, horizon=S):
    for y in range(horizon):
        t = y / max(1, horizon - 1)
        d.line([(0, y), (S, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))


def house(d):
    sky(d, (110, 180, 240), (215, 240, 255), 170)
    d.rectangle([0, 170, S, S], fill=(90, 160, 70))
    d.ellipse([190, 25, 235, 70], fill=(255, 210, 60))
    d.rectangle([50, 110, 150, 185], fill=(190, 60, 50))
    d.polygon([(40, 112), (100, 60), (160, 112)], fill=(120, 35, 25))
    d.rectangle([88, 145, 112, 185], fill=(245, 230, 200))
    d.rectangle([60, 125, 80, 142], fill=(200, 230, 255))


def sunset(d):
    sky(d, (40, 30, 90), (250, 140, 70), 150)
    d.ellipse([98, 110, 158, 170], fill=(255, 200, 80))
    for y in range(150, S):
        t = (y - 150) / (S - 150)
        d.line([(0, y), (S, y)], fill=(int(30 + 40 * t), int(50 + 30 * t), int(110 + 40 * t)))
    for i in range(8):
        y = 160 + i * 11
        d.line([(110 - i * 6, y), (146 + i * 6, y)], fill=(250, 170, 80), width=2)


def tree(d):
    sky(d, (150, 200, 250), (230, 245, 255), 190)
    d.rectangle([0, 190, S, S], fill=(120, 170, 60))
    d.rectangle([118, 120, 138, 200], fill=(110, 70, 40))
    for cx, cy, r in [(128, 95, 55), (90, 115, 35), (166, 115, 35), (128, 60, 35)]:
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(40, 130, 50))


def fish(d):
    sky(d, (20, 110, 170), (10, 50, 100))
    d.ellipse([70, 100, 180, 160], fill=(255, 140, 30))
    d.polygon([(175, 130), (220, 100), (220, 160)], fill=(240, 110, 20))
    d.ellipse([90, 117, 104, 131], fill=(255, 255, 255))
    d.ellipse([94, 121, 100, 127], fill=(0, 0, 0))
    for x, y, r in [(60, 60, 6), (45, 85, 4), (70, 35, 5)]:
        d.ellipse([x - r, y - r, x + r, y + r], outline=(200, 230, 255), width=2)


def car(d):
    sky(d, (160, 210, 250), (230, 240, 250), 180)
    d.rectangle([0, 180, S, S], fill=(70, 70, 75))
    for x in range(0, S, 40):
        d.rectangle([x + 5, 214, x + 25, 218], fill=(240, 240, 240))
    d.rounded_rectangle([40, 130, 216, 185], radius=12, fill=(30, 90, 200))
    d.polygon([(75, 130), (100, 100), (170, 100), (195, 130)], fill=(30, 90, 200))
    d.polygon([(85, 128), (104, 106), (133, 106), (133, 128)], fill=(200, 230, 255))
    d.polygon([(140, 128), (140, 106), (166, 106), (185, 128)], fill=(200, 230, 255))
    for cx in (85, 175):
        d.ellipse([cx - 20, 165, cx + 20, 205], fill=(20, 20, 20))
        d.ellipse([cx - 8, 177, cx + 8, 193], fill=(180, 180, 180))


def cat(d):
    d.rectangle([0, 0, S, S], fill=(245, 225, 190))
    d.polygon([(60, 110), (75, 35), (120, 85)], fill=(230, 140, 50))
    d.polygon([(196, 110), (181, 35), (136, 85)], fill=(230, 140, 50))
    d.ellipse([50, 70, 206, 220], fill=(235, 150, 60))
    for cx in (100, 156):
        d.ellipse([cx - 14, 120, cx + 14, 150], fill=(120, 200, 80))
        d.ellipse([cx - 4, 124, cx + 4, 146], fill=(10, 10, 10))
    d.polygon([(120, 165), (136, 165), (128, 175)], fill=(230, 100, 120))
    for s in (-1, 1):
        for dy in (-6, 4):
            d.line([(128 + s * 20, 172 + dy / 2), (128 + s * 75, 160 + dy * 2)], fill=(60, 40, 20), width=2)


def boat(d):
    sky(d, (140, 200, 245), (220, 240, 255), 160)
    for y in range(160, S):
        d.line([(0, y), (S, y)], fill=(40, 110 + (y - 160) // 3, 170))
    d.polygon([(70, 160), (190, 160), (170, 185), (90, 185)], fill=(150, 80, 40))
    d.line([(130, 60), (130, 160)], fill=(90, 60, 30), width=4)
    d.polygon([(134, 65), (134, 150), (185, 150)], fill=(250, 250, 245))
    d.polygon([(126, 80), (126, 150), (85, 150)], fill=(235, 80, 60))


def mountain(d):
    sky(d, (100, 150, 220), (210, 230, 250), 200)
    d.polygon([(-20, 210), (90, 70), (200, 210)], fill=(110, 110, 130))
    d.polygon([(90, 210), (180, 100), (280, 210)], fill=(90, 95, 115))
    d.polygon([(68, 97), (90, 70), (112, 97), (100, 92), (90, 100), (80, 92)], fill=(250, 250, 255))
    d.polygon([(163, 121), (180, 100), (197, 121), (186, 116), (175, 123)], fill=(250, 250, 255))
    d.rectangle([0, 205, S, S], fill=(70, 130, 60))


def flower(d):
    d.rectangle([0, 0, S, S], fill=(200, 235, 200))
    d.line([(128, 140), (128, 250)], fill=(40, 130, 40), width=8)
    d.ellipse([128, 180, 178, 205], fill=(60, 150, 60))
    for i in range(8):
        a = i * math.pi / 4
        cx, cy = 128 + 45 * math.cos(a), 105 + 45 * math.sin(a)
        d.ellipse([cx - 28, cy - 28, cx + 28, cy + 28], fill=(235, 80, 140))
    d.ellipse([98, 75, 158, 135], fill=(250, 200, 40))


def rocket(d):
    d.rectangle([0, 0, S, S], fill=(15, 15, 45))
    rng = random.Random(4)
    for _ in range(60):
        x, y = rng.uniform(0, S), rng.uniform(0, S)
        d.ellipse([x - 1, y - 1, x + 1, y + 1], fill=(255, 255, 230))
    d.ellipse([103, 40, 153, 200], fill=(230, 230, 240))
    d.polygon([(103, 150), (80, 200), (108, 185)], fill=(220, 60, 50))
    d.polygon([(153, 150), (176, 200), (148, 185)], fill=(220, 60, 50))
    d.ellipse([116, 85, 140, 109], fill=(80, 160, 230))
    d.polygon([(112, 198), (144, 198), (128, 245)], fill=(255, 170, 40))


# (file name, drawing, title, title in 简体中文)
SCENES = [("house", house, "a red house under the sun", "阳光下的红房子"), ("sunset", sunset, "a sunset over the sea", "海上日落"),
          ("tree", tree, "a tree in a field", "田野里的一棵树"), ("fish", fish, "an orange fish", "一条橙色的鱼"),
          ("car", car, "a blue car on a road", "路上的一辆蓝色汽车"), ("cat", cat, "a cat's face", "一张猫脸"),
          ("boat", boat, "a sailing boat", "一艘帆船"), ("mountain", mountain, "snowy mountains", "雪山"),
          ("flower", flower, "a pink flower", "一朵粉色的花"), ("rocket", rocket, "a rocket in space", "太空中的火箭")]

# the default model's classes in 简体中文, for the held-out images' titles
OBJECTS_ZH = {"apple": "苹果", "car": "汽车", "cat": "猫", "dog": "狗", "fish": "鱼", "house": "房子", "rocket": "火箭",
              "star": "星星", "sunflower": "向日葵", "tree": "树"}


def scene_file(i, name):
    return f"scenes/{name}.{'jpg' if i % 3 == 2 else 'png'}"


def index_entries():
    """The gallery's entries: each image's file, title (English, and 简体中文 under titles), group and label."""
    entries = [{"file": scene_file(i, name), "title": title, "titles": {"zh-CN": zh}, "group": "scenes"}
               for i, (name, _, title, zh) in enumerate(SCENES)]
    masks_path = os.path.join(OUT, "objects", "masks.json")
    if os.path.exists(masks_path):
        with open(masks_path) as f:
            masks = json.load(f)
        for file, info in masks.items():
            label = info["label"]
            article = "an" if label[0] in "aeiou" else "a"
            entries.append({"file": f"objects/{file}", "title": f"{article} {label} (held-out test image of the default model)",
                            "titles": {"zh-CN": f"{OBJECTS_ZH[label]}（默认模型的留出测试图像）"}, "group": "objects", "label": label})
    return entries


def write_index(entries):
    """index.json with these entries, keeping the thumbnails' sprite that make_gallery_sprite wrote."""
    path = os.path.join(OUT, "index.json")
    index = {"images": entries}
    if os.path.exists(path):
        with open(path) as f:
            old = json.load(f)
        if "sprite" in old and [e["file"] for e in old["images"]] == [e["file"] for e in entries]:
            index["sprite"] = old["sprite"]
    with open(path, "w") as f:
        json.dump(index, f, indent=1, ensure_ascii=False)


def main():
    os.makedirs(os.path.join(OUT, "scenes"), exist_ok=True)
    for i, (name, draw, _, _) in enumerate(SCENES):
        img = Image.new("RGB", (S, S))
        draw(ImageDraw.Draw(img))
        img = img.filter(ImageFilter.GaussianBlur(0.6))
        path = os.path.join(OUT, scene_file(i, name))
        img.save(path, quality=92) if path.endswith(".jpg") else img.save(path)
    entries = index_entries()
    write_index(entries)
    with open(os.path.join(OUT, "CREDITS.md"), "w") as f:
        f.write("# Sample images: sources and licences\n\n"
                "Every image in this folder was made by ViT Lens's own scripts; none comes from elsewhere.\n"
                "They are dedicated to the public domain (CC0 1.0): use them for anything.\n\n"
                "| files | made by | licence |\n|---|---|---|\n"
                "| `scenes/*` | drawn by `training/make_sample_images.py` (Pillow) | CC0 1.0 |\n"
                "| `objects/*` | held-out test images of the default model's task, made by `training/objects_data.py` (seed 1) and written by `training/train_default.py` with their object masks (`objects/masks.json`). The objects are emoji rendered with Google's Noto Color Emoji font (Debian's fonts-noto-color-emoji; the font under the SIL Open Font License 1.1, its artwork also published under the Apache License 2.0) on generated backgrounds | backgrounds and composition CC0 1.0; the emoji artwork Apache 2.0 |\n")
    print(f"{len(entries)} gallery images")
    make_gallery_sprite.main()  # index.json's thumbnails, in one image


if __name__ == "__main__":
    import sys
    if "--index-only" in sys.argv:  # the titles only: no picture redrawn, the sprite kept
        write_index(index_entries())
        sys.exit(0)
    main()
