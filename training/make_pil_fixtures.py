"""Pillow's own resize output, for the test that ViT Lens resamples exactly as Pillow does.

    /usr/bin/python3 training/make_pil_fixtures.py   (writes src/model/testing/fixtures/pil_resize.json)
"""
import base64
import json
import os

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = np.random.default_rng(3)
cases = []
for (w, h), (ow, oh) in [((37, 23), (64, 64)), ((200, 150), (64, 64)), ((121, 41), (96, 96)), ((64, 64), (40, 52))]:
    # smooth structure plus noise, so both the filter shape and the rounding are exercised
    yy, xx = np.mgrid[0:h, 0:w]
    base = np.stack([128 + 100 * np.sin(xx / 5.0), 128 + 100 * np.cos(yy / 7.0), (xx * 3 + yy * 5) % 256], axis=-1)
    src = np.clip(base + rng.normal(0, 25, base.shape), 0, 255).astype(np.uint8)
    for name, code in [("bilinear", Image.BILINEAR), ("bicubic", Image.BICUBIC)]:
        out = np.asarray(Image.fromarray(src).resize((ow, oh), code))
        cases.append({"w": w, "h": h, "outW": ow, "outH": oh, "resample": name,
                      "src": base64.b64encode(src.tobytes()).decode(), "out": base64.b64encode(out.tobytes()).decode()})
path = os.path.join(ROOT, "src", "model", "testing", "fixtures", "pil_resize.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump({"pillow": Image.__version__, "cases": cases}, f)
print("wrote", path)
