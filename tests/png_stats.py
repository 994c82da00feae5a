"""Decodes an 8-bit RGB/RGBA PNG with the standard library only and prints its size,
the number of distinct colours, the share of pixels that are not white, and how many
pixels have each colour asked on the command line.

Usage: python3 tests/png_stats.py FILE.png [#rrggbb ...]
Output: "WIDTHxHEIGHT colours=N nonwhite=0.123 #rrggbb=COUNT ..."
"""
import struct
import sys
import zlib


def decode(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace != 0:
        raise SystemExit(f"{path}: only 8-bit RGB/RGBA non-interlaced PNGs (got {ihdr})")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def main():
    w, h, bpp, rows = decode(sys.argv[1])
    counts = {}
    for row in rows:
        for x in range(0, len(row), bpp):
            px = row[x : x + 3]
            counts[px] = counts.get(px, 0) + 1
    white = counts.get(b"\xff\xff\xff", 0)
    out = [f"{w}x{h}", f"colours={len(counts)}", f"nonwhite={1 - white / (w * h):.3f}"]
    for want in sys.argv[2:]:
        out.append(f"{want}={counts.get(bytes.fromhex(want[1:]), 0)}")
    print(" ".join(out))


main()
