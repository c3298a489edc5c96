"""What a signature looks like on the page (Decree 30/2020/NĐ-CP, Appendix I, part II): the images and
the appearance streams of the visible signatures.

- The competent person's signature: the image of their handwritten signature (blue, PNG, transparent
  background) placed between their title and their name, with the signature's information beside it:
  ``Ký bởi: <họ tên> / <cơ quan>`` and ``Thời gian ký: dd/mm/yyyy HH:MM:SS +07:00`` (Vietnam's time
  zone in the ISO 8601 form).
- The agency's signature (applied by the records clerk when the document is issued): the agency's seal
  (red, actual size, PNG, transparent) covering about a third of the leader's signature image on its
  left, with the agency's name and the signing time under it.

No image is downloaded or committed: the demo's "handwritten" signature is drawn from the signer's
name, the seal from the agency's name (Pillow, DejaVu fonts from the system's fonts-dejavu, the same
family WeasyPrint uses for the documents). Each appearance is laid out as a small HTML page, rendered by
WeasyPrint to a one-page PDF of the widget's size, and imported by pyHanko as the widget's appearance
(vector text with an embedded font subset: pyHanko's own text stamps cannot draw Vietnamese without its
``opentype`` extra, decision 0007).

All sizes are in PDF points (1/72 inch); boxes are ``(x1, y1, x2, y2)`` from the page's lower left.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import html
import io
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from tinhso.core.errors import InvalidInput

MM = 72 / 25.4  # points per millimetre
Box = tuple[float, float, float, float]

# The leader's widget: the signature image on top, the information under it on the right of the seal.
LEADER_WIDTH = 62 * MM
LEADER_HEIGHT = 36 * MM
IMAGE_WIDTH = 44 * MM
IMAGE_HEIGHT = 20 * MM
IMAGE_TOP = 1 * MM  # from the top of the leader's box
SEAL_DIAMETER = 34 * MM  # a department's seal is 34–36 mm across
INFO_SIZE = 6.2  # pt, the information lines
BLUE = (22, 45, 160)  # "màu xanh"
RED = (214, 0, 28)
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
PX_PER_MM = 16  # images drawn at ~406 dpi


@functools.cache
def font_path(file_name: str) -> str:
    """The path of a DejaVu font file installed on the system (Debian's fonts-dejavu-core/-extra)."""
    for directory in FONT_DIRS:
        for path in sorted(Path(directory).rglob(file_name)) if Path(directory).is_dir() else []:
            return str(path)
    raise InvalidInput(
        f"Máy chủ thiếu phông chữ {file_name} (gói fonts-dejavu) để vẽ hình ảnh chữ ký.", code="font_missing"
    )


def _font(file_name: str, size_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(file_name), max(1, round(size_px)))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def vn_time(at: dt.datetime) -> str:
    """``27/12/2016 09:15:00 +07:00``: the signing time in Vietnam's zone, offset as in ISO 8601."""
    local = timezone.localtime(at)
    offset = local.strftime("%z")
    return f"{local:%d/%m/%Y %H:%M:%S} {offset[:3]}:{offset[3:]}"


# --- the images ----------------------------------------------------------------------------------
def _seed(text: str) -> list[int]:
    return list(hashlib.sha256(text.encode()).digest())


@functools.lru_cache(maxsize=64)
def handwriting_png(name: str) -> bytes:
    """A demo "handwritten" signature of ``name``: the initials of the family and middle names small,
    the given name large, slanted like a hand, and a flourish from under the start of the image up past
    the end of the name; blue on a transparent background, ``IMAGE_WIDTH`` × ``IMAGE_HEIGHT``. The same
    name always gives the same image; the flourish's curve varies with the name."""
    name = unicodedata.normalize("NFC", " ".join(name.split())) or "?"
    words = name.split()
    given = words[-1]
    initials = "".join(w[0] for w in words[:-1])
    seed = _seed(name)
    w, h = round(IMAGE_WIDTH / MM * PX_PER_MM), round(IMAGE_HEIGHT / MM * PX_PER_MM)
    scale = 2  # drawn at twice the size, sheared to slant, then scaled down (smooth edges)
    W, H = w * scale, h * scale
    canvas = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    ink = (*BLUE, 255)
    big = _font("DejaVuSerif-Italic.ttf", H * 0.56)
    while big.getlength(given) > W * 0.58 and big.size > H * 0.25:
        big = _font("DejaVuSerif-Italic.ttf", big.size * 0.92)
    small = _font("DejaVuSerif-Italic.ttf", H * 0.26)
    baseline = H * 0.64
    x = W * 0.34  # the seal will cover the left third: the name starts after it
    if initials:
        draw.text(
            (x - small.getlength(initials) - W * 0.05, baseline - H * 0.20),
            initials,
            font=small,
            fill=ink,
            anchor="ls",
        )
    draw.text((x, baseline), given, font=big, fill=ink, anchor="ls", stroke_width=1, stroke_fill=ink)
    end = x + big.getlength(given)
    # the flourish: from under the start, a dip under the name, rising past its end
    lift = 0.06 + seed[0] / 255 * 0.10
    points = []
    x0, x1 = W * 0.05, min(W * 0.97, end + W * 0.08)
    for i in range(81):
        t = i / 80
        px = x0 + (x1 - x0) * t
        py = baseline + H * (0.10 + lift * math.sin(math.pi * t) - 0.30 * t**3)
        points.append((px, py))
    draw.line(points, fill=ink, width=max(2, round(H * 0.030)), joint="curve")
    shear = 0.25
    canvas = canvas.transform(
        canvas.size, Image.Transform.AFFINE, (1, shear, -shear * H * 0.5, 0, 1, 0), Image.Resampling.BICUBIC
    )
    return _png(canvas.resize((w, h), Image.Resampling.LANCZOS))


def _arc_text(
    canvas: Image.Image, text: str, font: ImageFont.FreeTypeFont, radius: float, colour: tuple[int, ...]
) -> None:
    """Write ``text`` clockwise around the centre of ``canvas`` on a circle of ``radius`` (letters
    upright towards the outside), spread evenly over the whole circle."""
    cx, cy = canvas.width / 2, canvas.height / 2
    widths = [font.getlength(ch) for ch in text]
    total = sum(widths)
    circumference = 2 * math.pi * radius
    gap = max(0.0, (circumference - total) / len(text))
    angle = -math.pi / 2 - (widths[0] + gap) / 2 / radius  # start so the text is centred at the top
    size = round(font.size * 2.2)
    for ch, width in zip(text, widths, strict=True):
        step = (width + gap) / radius
        middle = angle + step / 2
        if ch.strip():
            glyph = Image.new("RGBA", (size, size), (0, 0, 0, 0))
            ImageDraw.Draw(glyph).text((size / 2, size / 2), ch, font=font, fill=colour, anchor="mm")
            glyph = glyph.rotate(-math.degrees(middle) - 90, resample=Image.Resampling.BICUBIC)
            gx = cx + radius * math.cos(middle) - size / 2
            gy = cy + radius * math.sin(middle) - size / 2
            canvas.alpha_composite(glyph, (round(gx), round(gy)))
        angle += step


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, colour: tuple[int, ...]) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.40
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    draw.polygon(points, fill=colour)


@functools.lru_cache(maxsize=32)
def seal_png(around: str, centre: str = "") -> bytes:
    """A demo round seal, red on a transparent background, ``SEAL_DIAMETER`` across: two rings, the
    agency's name (``around``, in capitals) along the ring, a star and ``centre`` in the middle."""
    size = round(SEAL_DIAMETER / MM * PX_PER_MM)
    colour = (*RED, 235)
    canvas = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    c = size / 2
    outer = size * 0.485
    draw.ellipse((c - outer, c - outer, c + outer, c + outer), outline=colour, width=round(size * 0.022))
    inner = size * 0.335
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=colour, width=round(size * 0.010))
    text = " ".join(unicodedata.normalize("NFC", around).upper().split()) + " ★ "
    font_size = size * 0.085
    font = _font("DejaVuSans-Bold.ttf", font_size)
    while font.getlength(text) > 2 * math.pi * size * 0.405 * 0.93 and font_size > size * 0.04:
        font_size *= 0.95
        font = _font("DejaVuSans-Bold.ttf", font_size)
    _arc_text(canvas, text, font, size * 0.405, colour)
    _star(draw, c, c - size * 0.09 if centre else c, size * 0.09, colour)
    if centre:
        lines = centre.upper().split("\n")
        cf = _font("DejaVuSans-Bold.ttf", size * 0.062)
        y = c + size * 0.05
        for line in lines:
            draw.text((c, y), line, font=cf, fill=colour, anchor="mm")
            y += size * 0.075
    return _png(canvas)


# --- the appearance pages ------------------------------------------------------------------------
@dataclass(frozen=True)
class Stamp:
    """A visible signature: the widget's page and box, and the one-page PDF drawn in it."""

    page: int
    box: Box
    pdf: bytes


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _render(width: float, height: float, body: str) -> bytes:
    from weasyprint import HTML  # heavy import: only when a signature is drawn

    page = (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>"
        f"@page {{ size: {width:.3f}pt {height:.3f}pt; margin: 0; }}"
        "html, body { margin: 0; padding: 0; }"
        "body { position: relative; width: 100%; height: 100%; font-family: 'DejaVu Sans Condensed',"
        f" 'DejaVu Sans'; font-size: {INFO_SIZE}pt; line-height: 1.2; color: #000; }}"
        ".abs { position: absolute; } img { display: block; } .nw { white-space: nowrap; }"
        "</style></head><body>" + body + "</body></html>"
    )
    return bytes(HTML(string=page).write_pdf())


def seal_box(leader: Box) -> Box:
    """The agency's widget for a leader's widget ``leader``: the seal covering the left third of the
    signature image, centred on the image's height; the agency's lines under the seal."""
    x1, _, _, y2 = leader
    image_left = x1 + (LEADER_WIDTH - IMAGE_WIDTH) / 2
    image_middle = y2 - IMAGE_TOP - IMAGE_HEIGHT / 2
    right = image_left + IMAGE_WIDTH / 3
    top = image_middle + SEAL_DIAMETER / 2
    return (right - SEAL_DIAMETER, top - SEAL_DIAMETER - 9 * MM, right, top)


def leader_stamp(*, page: int, box: Box, name: str, organization: str, at: dt.datetime) -> Stamp:
    """The leader's visible signature in ``box`` (``LEADER_WIDTH`` × ``LEADER_HEIGHT``, or larger)."""
    width, height = box[2] - box[0], box[3] - box[1]
    image_left = (width - IMAGE_WIDTH) / 2
    text_left = image_left + IMAGE_WIDTH / 3 + 1.5 * MM  # right of the seal that will cover the left third
    esc = html.escape
    body = (
        f"<img class='abs' src='{_data_uri(handwriting_png(name))}' style='left:{image_left:.2f}pt;"
        f" top:{IMAGE_TOP:.2f}pt; width:{IMAGE_WIDTH:.2f}pt; height:{IMAGE_HEIGHT:.2f}pt'>"
        f"<div class='abs' style='left:{text_left:.2f}pt; top:{IMAGE_TOP + IMAGE_HEIGHT + 0.5 * MM:.2f}pt;"
        f" right:0'>Ký bởi: <b>{esc(name)}</b> / {esc(organization)}<br>"
        f"Thời gian ký: <span class='nw'>{esc(vn_time(at))}</span></div>"
    )
    return Stamp(page=page, box=box, pdf=_render(width, height, body))


def agency_stamp(*, page: int, box: Box, agency_name: str, seal: bytes, at: dt.datetime) -> Stamp:
    """The agency's visible signature in ``box`` (from ``seal_box``): the seal, then its lines."""
    width, height = box[2] - box[0], box[3] - box[1]
    esc = html.escape
    body = (
        f"<img class='abs' src='{_data_uri(seal)}' style='left:0; top:0; width:{SEAL_DIAMETER:.2f}pt;"
        f" height:{SEAL_DIAMETER:.2f}pt'>"
        f"<div class='abs' style='left:0; right:0; top:{SEAL_DIAMETER + 0.5 * MM:.2f}pt; text-align:center;"
        f" color:#8a0010'>{esc(agency_name)}<br><span class='nw'>{esc(vn_time(at))}</span></div>"
    )
    return Stamp(page=page, box=box, pdf=_render(width, height, body))
