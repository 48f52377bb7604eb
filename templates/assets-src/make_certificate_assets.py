#!/usr/bin/env python3
"""Draws the image assets of the certificate templates (full-design mode) as palette PNGs.

Standard library only (zlib + struct), so that the assets can be rebuilt on any machine:
    python3 templates/assets-src/make_certificate_assets.py
writes templates/certificate-*/{emblem,corner}.png. The corner is drawn once, for the top-left
corner; the templates mirror it into the other three (<image flip="h|v|hv">), so that each PDF
embeds one corner image instead of four.

The emblem is a generic decorative seal (red disc, gold ring and five-pointed star, a ring of
gold rays), not a reproduction of the national emblem: the real Quốc huy artwork is supplied by
the issuing office when it has the right to print it. PDF/A-1 forbids transparency, so the
images have no alpha channel; their background is the paper white of the certificate.
Files written by earlier versions of this script (corner-tl/-tr/-bl/-br.png) are removed.

Every image is written with a palette (PNG colour type 3) because libharu embeds PNG pixels as
they decode, deflated without a predictor, and every one-PDF-per-certificate file carries all
two images: the corner has three colours (one byte a pixel instead of three), and the emblem's
colours are rounded to multiples of 8 per channel (at most 4/255 from the drawn value, below
what a screen or a printer shows) so that its palette has 84 entries instead of 243: 2.6 KB
with its palette instead of 5.0 KB (RGB) in each certificate file.
"""
import math
import os
import struct
import zlib

WHITE = (255, 255, 255)
RED = (192, 0, 0)
GOLD = (184, 134, 11)
LIGHT_GOLD = (230, 190, 90)


def png(path, width, height, pixel, step=1):
    """Writes an indexed PNG; each channel is rounded to a multiple of `step` first."""

    def quantize(v):
        return min(255, int(round(v / step)) * step)

    pixels = [tuple(quantize(v) for v in pixel(x, y)) for y in range(height) for x in range(width)]
    # Palette in order of first use, so the same drawing always gives the same bytes.
    palette = list(dict.fromkeys(pixels))
    if len(palette) > 256:
        raise ValueError("%s: %d colours do not fit a palette" % (path, len(palette)))
    # 8 bits a pixel even for the three-colour corners: libharu embeds the rows unpredicted, and
    # whole-byte indices deflate smaller there than 2-bit packed ones (414 vs 472 bytes).
    index = {colour: i for i, colour in enumerate(palette)}
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        rows.extend(index[c] for c in pixels[y * width:(y + 1) * width])

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    data = b"\x89PNG\r\n\x1a\n"
    data += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
    data += chunk(b"PLTE", b"".join(bytes(c) for c in palette))
    data += chunk(b"IDAT", zlib.compress(bytes(rows), 9))
    data += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def blend(a, b, t):
    return tuple(int(round(a[i] * (1 - t) + b[i] * t)) for i in range(3))


def star_inside(px, py, cx, cy, r_outer, r_inner):
    """True when (px, py) is inside a five-pointed star pointing up."""
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        r = r_outer if i % 2 == 0 else r_inner
        pts.append((cx + r * math.cos(ang), cy + r * math.sin(ang)))
    inside = False
    j = len(pts) - 1
    for i in range(len(pts)):
        xi, yi = pts[i]
        xj, yj = pts[j]
        if (yi > py) != (yj > py) and px < (xj - xi) * (py - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def emblem(size):
    c = (size - 1) / 2.0
    r = size / 2.0

    def pixel(x, y):
        # 3x3 supersampling for smooth edges
        acc = [0, 0, 0]
        for sy in (-1 / 3, 0, 1 / 3):
            for sx in (-1 / 3, 0, 1 / 3):
                px, py = x + sx, y + sy
                d = math.hypot(px - c, py - c) / r
                ang = math.atan2(py - c, px - c)
                if d > 0.98:
                    col = WHITE
                elif d > 0.80:  # ring of rays
                    ray = math.cos(ang * 24) > 0.2
                    col = GOLD if ray else WHITE
                elif d > 0.74:
                    col = GOLD
                elif d > 0.70:
                    col = WHITE
                elif star_inside(px, py, c, c + r * 0.04, r * 0.52, r * 0.21):
                    col = blend(GOLD, LIGHT_GOLD, max(0.0, 1 - d * 1.6))
                else:
                    col = blend(RED, (150, 0, 0), d / 0.7)
                for i in range(3):
                    acc[i] += col[i]
        return bytes(int(v / 9) for v in acc)

    return pixel


def corner(size):
    """A gold quarter ornament for the top-left corner: two arcs and a leaf."""

    def pixel(x, y):
        d = math.hypot(x, y) / size
        band1 = 0.55 < d < 0.60
        band2 = 0.72 < d < 0.74
        leaf = abs(x - y) < size * 0.05 and x + y < size * 0.9
        dot = math.hypot(x - size * 0.28, y - size * 0.28) < size * 0.08
        if band1 or dot:
            return bytes(GOLD)
        if band2 or leaf:
            return bytes(LIGHT_GOLD)
        return bytes(WHITE)

    return pixel


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    templates = os.path.dirname(here)
    for name in ("certificate-bang-khen", "certificate-giay-khen"):
        out = os.path.join(templates, name)
        os.makedirs(out, exist_ok=True)
        png(os.path.join(out, "emblem.png"), 128, 128, emblem(128), step=8)
        png(os.path.join(out, "corner.png"), 120, 120, corner(120))
        for old in ("corner-tl.png", "corner-tr.png", "corner-bl.png", "corner-br.png"):
            if os.path.exists(os.path.join(out, old)):
                os.remove(os.path.join(out, old))


if __name__ == "__main__":
    main()
