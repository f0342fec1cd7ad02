#!/usr/bin/python3
"""Subset a CFF-outline OpenType face (optionally one face of a TTC), keeping CFF or converting to glyf.

zhixing embeds CFF faces as CFF (CIDFontType0, /FontFile3), so scripts/build-fonts.sh normally only
cuts the Noto CJK faces down to the code points a role needs (--outline cff: step 1 alone, about a
second). The TrueType conversion (--outline glyf, steps 1-3) remains for faces a manifest embeds
as TrueType ("pdf_program": "truetype"; libharu's own TTF loader reads only glyf fonts: a CFF face
fails with HPDF_TTF_MISSING_TABLE, no loca table); build-fonts.sh --ttf builds those.

Steps:
  1. Optionally subset the face first with HarfBuzz (libharfbuzz-subset.so.0 through ctypes;
     0.3-1.6 s instead of minutes in fontTools.subset) to a code-point set: gb2312 (GB 2312 plus
     ASCII, Latin-1, general/CJK/full-width punctuation and 〇), bmp (every BMP code point but
     Hangul) or sip (ASCII and U+20000-U+3FFFF: CJK Extension B and beyond, for the rare-name
     faces BabelStone Han and HanaMinB, which are glyf already: --outline keep).
     Glyph ids are renumbered (no retain-gids); hinting and layout tables are dropped.
  2. Draw every glyph through Cu2QuPen (cubic -> quadratic, max error 1 font unit, contours
     reversed to TrueType's clockwise order) into a TTGlyphPen, replace 'CFF '/'VORG' with
     'glyf'/'loca', set maxp 1.0, post format 3, head.glyphDataFormat 0, sfnt version 0x00010000.
  3. Save without touching head.modified, so the same input always gives the same bytes.

Must run under /usr/bin/python3 (Debian's python3-fonttools); the pyenv python3 has no fontTools.
"""
import argparse
import ctypes
import ctypes.util
import io
import sys
import time


MAX_ERR = 1.0  # font units


def gb2312_code_points():
    """GB 2312 (all 7,445 characters, decoded by Python's codec) plus what titles need around it."""
    cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    cps |= set(range(0x2000, 0x2070))  # general punctuation: — ‘’ “” … ‰ ※
    cps |= set(range(0x2160, 0x2180))  # Roman numerals Ⅰ–Ⅻ
    cps |= set(range(0x2460, 0x24A0))  # circled digits ①–⑳
    cps |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation: 、。〇《》「」【】〔〕
    cps |= set(range(0xFF00, 0xFFF0))  # full-width forms: （），：；？！％ ￥
    cps.add(0x3007)  # 〇, used in every court date (二〇二四年)
    return cps


def supplementary_han_code_points():
    """ASCII and the Supplementary and Tertiary Ideographic Planes (U+20000-U+3FFFF: CJK Extension B
    to H and the compatibility supplement), nothing else: the faces that draw rare name characters
    such as 𠮷 (U+20BB7) behind the BMP faces, without their private-use glyphs."""
    return set(range(0x20, 0x7F)) | set(range(0x20000, 0x40000))


def bmp_code_points():
    """Every BMP code point except Hangul (11,172 syllables + jamo): no Korean in court documents,
    and leaving it out saves a quarter of the glyphs, the size and the conversion time."""
    hangul = set(range(0x1100, 0x1200)) | set(range(0x3130, 0x3190)) | set(range(0xA960, 0xA980))
    hangul |= set(range(0xAC00, 0xD800))
    return set(range(0x0, 0x10000)) - hangul


class HarfBuzzSubsetter:
    """The few hb-subset calls we need, via ctypes (no hb-subset binary in Debian's -dev packages)."""

    def __init__(self):
        name = ctypes.util.find_library("harfbuzz-subset") or "libharfbuzz-subset.so.0"
        try:
            self.hb = ctypes.CDLL(name)
        except OSError as e:
            raise SystemExit(f"cff2ttf: cannot load {name} (install libharfbuzz-subset0): {e}")
        hb = self.hb
        vp, u, c = ctypes.c_void_p, ctypes.c_uint, ctypes.c_char_p
        hb.hb_blob_create_from_file_or_fail.restype = vp
        hb.hb_blob_create_from_file_or_fail.argtypes = [c]
        hb.hb_face_create.restype = vp
        hb.hb_face_create.argtypes = [vp, u]
        hb.hb_subset_input_create_or_fail.restype = vp
        hb.hb_subset_input_unicode_set.restype = vp
        hb.hb_subset_input_unicode_set.argtypes = [vp]
        hb.hb_subset_input_set.restype = vp
        hb.hb_subset_input_set.argtypes = [vp, u]
        hb.hb_subset_input_set_flags.argtypes = [vp, u]
        hb.hb_set_add.argtypes = [vp, u]
        hb.hb_set_add_range.argtypes = [vp, u, u]
        hb.hb_subset_or_fail.restype = vp
        hb.hb_subset_or_fail.argtypes = [vp, vp]
        hb.hb_face_reference_blob.restype = vp
        hb.hb_face_reference_blob.argtypes = [vp]
        hb.hb_blob_get_data.restype = ctypes.POINTER(ctypes.c_char)
        hb.hb_blob_get_data.argtypes = [vp, ctypes.POINTER(u)]
        hb.hb_blob_destroy.argtypes = [vp]
        hb.hb_face_destroy.argtypes = [vp]
        hb.hb_subset_input_destroy.argtypes = [vp]

    def subset(self, path, face_index, code_points):
        hb = self.hb
        blob = hb.hb_blob_create_from_file_or_fail(path.encode())
        if not blob:
            raise SystemExit(f"cff2ttf: cannot read {path}")
        face = hb.hb_face_create(blob, face_index)
        inp = hb.hb_subset_input_create_or_fail()
        unicodes = hb.hb_subset_input_unicode_set(inp)
        for cp in sorted(code_points):
            hb.hb_set_add(unicodes, cp)
        HB_SUBSET_FLAGS_NO_HINTING = 0x1
        hb.hb_subset_input_set_flags(inp, HB_SUBSET_FLAGS_NO_HINTING)
        HB_SUBSET_SETS_DROP_TABLE_TAG = 3
        drop = hb.hb_subset_input_set(inp, HB_SUBSET_SETS_DROP_TABLE_TAG)
        # Layout tables are dropped too: nothing in zhixing shapes text (libharu draws by cmap), the
        # per-document subset drops them anyway, and their closure (vert, locl J/K/TW forms) would
        # double the glyph count and the conversion time.
        for tag in (b"GSUB", b"GPOS", b"GDEF", b"BASE", b"VORG", b"EBDT", b"EBLC"):
            hb.hb_set_add(drop, int.from_bytes(tag, "big"))
        sub = hb.hb_subset_or_fail(face, inp)
        hb.hb_subset_input_destroy(inp)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)
        if not sub:
            raise SystemExit(f"cff2ttf: hb-subset failed for {path}#{face_index}")
        out = hb.hb_face_reference_blob(sub)
        n = ctypes.c_uint(0)
        data = hb.hb_blob_get_data(out, ctypes.byref(n))
        result = ctypes.string_at(data, n.value)
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(sub)
        return result


def convert(font):
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    if "CFF " not in font:
        raise SystemExit("cff2ttf: the face has no 'CFF ' table (already TrueType? CFF2 is unsupported)")
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)  # computes bounding boxes

    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, attr, 0)
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0

    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\0\1\0\0"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--face-index", type=int, default=0, help="face number inside a .ttc")
    ap.add_argument("--subset", choices=("none", "gb2312", "bmp", "sip"), default="none",
                    help="sip: ASCII and U+20000-U+3FFFF (CJK Extension B and beyond)")
    ap.add_argument("--outline", choices=("glyf", "cff", "keep"), default="glyf",
                    help="cff or keep: write the hb-subset as is, CFF or glyf (no fontTools "
                         "needed); glyf: convert CFF to glyf")
    args = ap.parse_args()

    t0 = time.monotonic()
    subsets = {"gb2312": gb2312_code_points, "bmp": bmp_code_points,
               "sip": supplementary_han_code_points}
    if args.outline in ("cff", "keep"):
        if args.subset == "none":
            with open(args.input, "rb") as f:
                data = f.read()
            if data[:4] == b"ttcf":
                raise SystemExit("cff2ttf: --outline cff --subset none needs a single-face file")
        else:
            data = HarfBuzzSubsetter().subset(args.input, args.face_index, subsets[args.subset]())
        with open(args.output, "wb") as f:
            f.write(data)
        print(f"cff2ttf: {args.output}: {len(data)} bytes, outlines kept "
              f"({time.monotonic() - t0:.1f} s)")
        return 0

    from fontTools.ttLib import TTFont
    if args.subset == "none":
        font = TTFont(args.input, fontNumber=args.face_index, recalcTimestamp=False)
    else:
        data = HarfBuzzSubsetter().subset(args.input, args.face_index, subsets[args.subset]())
        font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    t1 = time.monotonic()
    convert(font)
    font.save(args.output)
    t2 = time.monotonic()
    print(f"cff2ttf: {args.output}: {len(font.getGlyphOrder())} glyphs "
          f"(load/subset {t1 - t0:.1f} s, convert+save {t2 - t1:.1f} s)")


if __name__ == "__main__":
    sys.exit(main())
