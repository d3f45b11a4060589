"""Image files for the end-to-end tests of image input: odd but valid images, and broken files.

    /usr/bin/python3 training/make_image_fixtures.py   (writes e2e/fixtures/images/)
"""
import io
import os
import zipfile

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "e2e", "fixtures", "images")
os.makedirs(OUT, exist_ok=True)


def path(name):
    return os.path.join(OUT, name)


# a portrait picture, red above blue, stored on its side with EXIF orientation 6 (rotate 90° clockwise to show)
upright = Image.new("RGB", (40, 80), (220, 30, 30))
upright.paste(Image.new("RGB", (40, 40), (30, 30, 220)), (0, 40))
stored = upright.rotate(90, expand=True)  # 80 × 40, as the camera wrote it
exif = Image.Exif()
exif[0x0112] = 6
stored.save(path("exif-rotated.jpg"), quality=95, exif=exif.tobytes())

# transparent, with an opaque black square in the middle
rgba = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
rgba.paste(Image.new("RGBA", (32, 32), (0, 0, 0, 255)), (16, 16))
rgba.save(path("alpha.png"))

Image.new("L", (50, 30), 90).save(path("grayscale.png"))
Image.new("RGB", (1, 1), (10, 200, 30)).save(path("one-pixel.png"))

# an animation whose first frame is red and second green
frames = [Image.new("RGB", (32, 32), (255, 0, 0)), Image.new("RGB", (32, 32), (0, 255, 0))]
frames[0].save(path("animated.gif"), save_all=True, append_images=frames[1:], duration=100, loop=0)

with open(path("scripted.svg"), "w") as f:
    f.write('<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60"><script>window.__svgScriptRan = true;</script>'
            '<rect width="60" height="60" fill="rgb(0,0,255)"/></svg>')

# a large but acceptable image, scaled down by the browser
Image.new("RGB", (6000, 3000), (200, 200, 50)).save(path("large-6000x3000.png"), optimize=True)

# broken or wrong files
buf = io.BytesIO()
Image.new("RGB", (64, 64), (100, 150, 200)).save(buf, "JPEG", quality=90)
jpeg = buf.getvalue()
with open(path("truncated.jpg"), "wb") as f:
    f.write(jpeg[: len(jpeg) // 2])
buf = io.BytesIO()
Image.effect_noise((64, 64), 60).convert("RGB").save(buf, "PNG")
png = buf.getvalue()
with open(path("truncated.png"), "wb") as f:
    f.write(png[: len(png) // 2])
open(path("empty.png"), "wb").close()
with open(path("notes.png"), "w") as f:
    f.write("These are my notes, not a picture.\n" * 5)
Image.new("RGB", (16, 16), (1, 2, 3)).save(path("photo.tiff"))
with open(path("paper.pdf"), "wb") as f:
    f.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
with zipfile.ZipFile(path("archive.zip"), "w") as z:
    z.writestr("readme.txt", "hello")
# a PNG whose header claims 16000 × 16000 (256 megapixels)
buf = io.BytesIO()
Image.new("1", (16000, 16000), 1).save(buf, "PNG", optimize=True)
with open(path("huge-16000x16000.png"), "wb") as f:
    f.write(buf.getvalue())
print("wrote", sorted(os.listdir(OUT)))
