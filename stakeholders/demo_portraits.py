"""Portraits for the demo speakers, drawn here: a coloured square with the person's initials. Nothing is
downloaded, and no real face stands for a made-up person."""

import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

SIZE = 480
# Calm colours with enough contrast for white initials (WCAG AA for large text).
BACKGROUNDS = ["#1f5f8b", "#7a3e9d", "#2e7d32", "#a23b2a", "#5d4037", "#00695c", "#ad1457", "#37474f"]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def initials(name: str) -> str:
    return "".join(word[0] for word in name.split()[:2]).upper()


def portrait(name: str) -> bytes:
    """A JPEG of `name`'s initials, the same colour for the same name every time."""
    colour = BACKGROUNDS[hashlib.sha256(name.encode()).digest()[0] % len(BACKGROUNDS)]
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(FONT, SIZE // 3)
    except OSError:  # a machine without DejaVu: Pillow's own scalable font
        font = ImageFont.load_default(size=SIZE // 3)
    draw.text((SIZE / 2, SIZE / 2), initials(name), fill="white", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
