"""Files for the demo, made here: portraits (a coloured square with the person's initials; nothing is
downloaded, and no real face stands for a made-up person) and one-page PDF leaflets."""

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


def leaflet(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a title and a few lines of text (Helvetica, Latin-1), written out by hand
    the way the PDF specification lays it out: objects, then a cross-reference table of their offsets."""

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = [f"BT /F1 20 Tf 72 760 Td ({escaped(title)}) Tj ET"]
    text += [f"BT /F1 12 Tf 72 {720 - 18 * row} Td ({escaped(line)}) Tj ET" for row, line in enumerate(lines)]
    stream = "\n".join(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(out)
