#!/usr/bin/python3
"""Lighten a traced CJK face for embedding, every glyph checked against its source outline.

FandolFang's outlines are traced (院: 665 charstring numbers against 195 in Noto Serif SC), so a
document's FandolFang subset is twice the size of Noto's. This script:
  1. converts the CFF source to TrueType with FontForge as is ("plain"), and once more for each
     simplification tolerance given (FontForge `simplify`: merge collinear lines, smooth curves,
     drop single-point contours, keep extrema only where needed), largest first;
  2. scales every version to an em of UPEM units with fontTools `scale_upem` (outlines, advances
     and the hhea/OS/2/post metrics together), which rounds coordinates to the coarser grid;
  3. measures each glyph of each version against the source CFF outline: both are flattened to
     points at most STEP apart and the distance from every point of one to the other is taken
     both ways (a two-sided Hausdorff distance, with scipy's k-d tree); the enclosed area must
     also agree within that distance times the perimeter (a flipped contour fails). Each glyph
     takes the most simplified version within MAX_DEVIATION, else the plain one, which must pass
     too or the build fails. Nothing is trusted because FontForge produced it.
A report line gives the counts per version and the worst deviation, in 1/1000 em.

The default MAX_DEVIATION is 7.5/1000 em: one 600-dpi printer dot (0.042 mm) at 16 pt (an em of
5.64 mm), the body size of GB/T 9704.

Usage: /usr/bin/python3 scripts/lighten-face.py SOURCE.otf OUT.ttf
         [--tolerances 4,2] [--upem 250] [--max-deviation 7.5] [--jobs N]
       /usr/bin/python3 scripts/lighten-face.py --verify SOURCE.otf FONT.ttf [--every K]
         measures an existing result the same way (every K-th glyph) and checks that it maps
         exactly the source's code points; exit 1 if anything is off.
Needs Debian's python3-fontforge, python3-fonttools, python3-numpy and python3-scipy.
"""
import argparse
import math
import multiprocessing
import os
import sys
import tempfile
import time

import fontforge
import numpy as np
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from scipy.spatial import cKDTree

FLAGS = ('mergelines', 'ignoreextrema', 'smoothcurves', 'removesingletonpoints', 'choosehv')
STEP = 2.0  # sampling step along outlines, in 1/1000 em: distances are overstated by <= STEP/2


class FlattenPen(BasePen):
    """Flattens an outline into closed polylines (one numpy array of points per contour), with
    points at most `step` apart along each segment; coordinates are multiplied by `scale` first."""

    def __init__(self, glyphset, scale, step):
        super().__init__(glyphset)
        self.scale, self.step = scale, step
        self.contours, self.parts, self.start, self.last = [], [], None, None

    def _p(self, pt):
        return np.array(pt, dtype=float) * self.scale

    def _moveTo(self, pt):
        self._flush()
        self.start = self.last = self._p(pt)
        self.parts = [self.start[None, :]]

    def _lineTo(self, pt):
        self._line_to(self._p(pt))

    def _line_to(self, b):
        a = self.last
        n = max(1, math.ceil(np.hypot(*(b - a)) / self.step))
        t = (np.arange(1, n + 1) / n)[:, None]
        self.parts.append(a + (b - a) * t)
        self.last = b

    def _curveToOne(self, p1, p2, p3):
        p0, p1, p2, p3 = self.last, self._p(p1), self._p(p2), self._p(p3)
        polygon = np.hypot(*(p1 - p0)) + np.hypot(*(p2 - p1)) + np.hypot(*(p3 - p2))
        n = max(1, math.ceil(polygon / self.step))
        t = (np.arange(1, n + 1) / n)[:, None]
        u = 1 - t
        self.parts.append(u**3 * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t**3 * p3)
        self.last = p3

    def _qCurveToOne(self, p1, p2):
        p0, p1, p2 = self.last, self._p(p1), self._p(p2)
        polygon = np.hypot(*(p1 - p0)) + np.hypot(*(p2 - p1))
        n = max(1, math.ceil(polygon / self.step))
        t = (np.arange(1, n + 1) / n)[:, None]
        u = 1 - t
        self.parts.append(u * u * p0 + 2 * u * t * p1 + t * t * p2)
        self.last = p2

    def _closePath(self):
        if self.start is not None and not np.array_equal(self.start, self.last):
            self._line_to(self.start)
        self._flush()

    _endPath = _closePath

    def _flush(self):
        if len(self.parts) > 1:
            self.contours.append(np.vstack(self.parts))
        self.parts, self.start, self.last = [], None, None


def flatten(glyphset, name, scale):
    pen = FlattenPen(glyphset, scale, STEP)
    glyphset[name].draw(pen)
    pen._flush()
    return pen.contours


def signed_area(contours):
    """Sum of the contours' signed areas (shoelace): a contour whose direction flipped (a hole
    filled, a stroke emptied) changes it by twice its own area."""
    total = 0.0
    for c in contours:
        x, y = c[:, 0], c[:, 1]
        total += 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))
    return total


def perimeter(contours):
    return sum(float(np.hypot(*np.diff(c, axis=0).T).sum()) for c in contours)


def deviation(a, b):
    """Two-sided Hausdorff distance between two flattened outlines (inf if one is empty)."""
    if not a and not b:
        return 0.0
    if not a or not b:
        return math.inf
    pa, pb = np.vstack(a), np.vstack(b)
    if not (np.isfinite(pa).all() and np.isfinite(pb).all()):
        return math.inf
    da = cKDTree(pb).query(pa)[0].max()
    db = cKDTree(pa).query(pb)[0].max()
    return float(max(da, db))


# Worker state for the parallel check (fork: set before the pool starts).
CHECK = {}


def check_glyphs(pairs):
    """For each (glyph, source glyph): the index of the first version within the limit (the last
    version is the plain one), and its distance from the source, in 1/1000 em."""
    source, versions = CHECK['source'], CHECK['versions']
    to_1000_source = 1000.0 / CHECK['source_upem']
    to_1000 = 1000.0 / CHECK['upem']
    limit = CHECK['max_deviation']
    results = []
    for name, source_name in pairs:
        ref = flatten(source, source_name, to_1000_source)
        ref_area, ref_perimeter = abs(signed_area(ref)), perimeter(ref)
        choice = (len(versions) - 1, math.inf)
        for i, glyphs in enumerate(versions):
            outline = flatten(glyphs, name, to_1000)
            d = deviation(ref, outline)
            # Moving every point by at most d changes the area by at most d x perimeter. The
            # magnitudes are compared: TrueType runs outer contours clockwise, CFF anticlockwise.
            area_ok = abs(abs(signed_area(outline)) - ref_area) <= limit * ref_perimeter
            if d <= limit and area_ok:
                choice = (i, d)
                break
            if i == len(versions) - 1:
                choice = (i, d if area_ok else math.inf)
        results.append((name,) + choice)
    return results


def source_names(result, source):
    """(result glyph, source glyph) pairs: FontForge names a CID-keyed face's glyphs 'GB1.N' where
    fontTools says 'cid0000N'; glyphs mapped by the cmap are paired through it."""
    by_code = source.getBestCmap()
    pairs = {name: by_code[cp] for cp, name in result.getBestCmap().items() if cp in by_code}
    source_glyphs = set(source.getGlyphOrder())
    for name in result.getGlyphOrder():
        if name in pairs:
            continue
        if name in source_glyphs:
            pairs[name] = name
        elif name.startswith('GB1.') and f'cid{int(name[4:]):05d}' in source_glyphs:
            pairs[name] = f'cid{int(name[4:]):05d}'
    return sorted(pairs.items())


def convert(source, path, tolerance):
    """The source as TrueType by FontForge, simplified within `tolerance`/1000 em unless 0."""
    font = fontforge.open(source)
    if tolerance > 0:
        for g in font.glyphs():
            if not g.foreground.isEmpty():
                g.simplify(tolerance * font.em / 1000.0, FLAGS)
    font.generate(path, flags=('omit-instructions',))
    font.close()


def run_check(pairs, jobs):
    chunks = [pairs[i::jobs * 8] for i in range(jobs * 8)]
    with multiprocessing.get_context('fork').Pool(jobs) as pool:
        return [r for part in pool.map(check_glyphs, chunks) for r in part]


def verify(args):
    source, font = TTFont(args.source), TTFont(args.out)
    problems = []
    source_cmap, font_cmap = source.getBestCmap(), font.getBestCmap()
    if set(source_cmap) != set(font_cmap):
        problems.append(f'code points differ: {len(set(source_cmap) ^ set(font_cmap))}')
    CHECK.update(source=source.getGlyphSet(), versions=[font.getGlyphSet()],
                 source_upem=source['head'].unitsPerEm, upem=font['head'].unitsPerEm,
                 max_deviation=args.max_deviation)
    results = run_check(source_names(font, source)[::args.every], args.jobs)
    worst = max(results, key=lambda r: r[2])
    over = [r for r in results if r[2] > args.max_deviation]
    if over:
        problems.append(f'{len(over)} glyphs further than {args.max_deviation:g}/1000 em from the '
                        f'source (or with a changed area), e.g. ' +
                        ', '.join(f'{r[0]} {r[2]:.2f}' for r in over[:5]))
    print(f'lighten-face: verified {len(results)} glyphs of {args.out} (em '
          f'{font["head"].unitsPerEm}, {len(font_cmap)} code points): worst {worst[2]:.2f}/1000 em '
          f'({worst[0]}), limit {args.max_deviation:g}' + ''.join(f'; PROBLEM: {p}' for p in problems))
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('source')
    ap.add_argument('out')
    ap.add_argument('--tolerances', default='4,2',
                    help='simplification tolerances to try, in 1/1000 em, largest first')
    ap.add_argument('--upem', type=int, default=250, help='em square of the result, in units')
    ap.add_argument('--max-deviation', type=float, default=7.5,
                    help='largest distance from the source outline a glyph may have, 1/1000 em')
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--verify', action='store_true', help='check OUT instead of building it')
    ap.add_argument('--every', type=int, default=1, help='with --verify: every K-th glyph')
    args = ap.parse_args()
    if args.verify:
        sys.exit(verify(args))
    tolerances = [float(t) for t in args.tolerances.split(',') if t] + [0.0]
    started = time.monotonic()

    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, f'v{i}.ttf') for i in range(len(tolerances))]
        with multiprocessing.get_context('fork').Pool(args.jobs) as pool:
            pool.starmap(convert, [(args.source, p, t) for p, t in zip(paths, tolerances)])
        converted_at = time.monotonic()
        versions = [TTFont(p, recalcTimestamp=False) for p in paths]
        plain = versions[-1]
        for v in versions:
            if v.getGlyphOrder() != plain.getGlyphOrder():
                sys.exit('lighten-face: FontForge gave the versions different glyph orders')
            scale_upem(v, args.upem)
        source = TTFont(args.source)

        CHECK.update(source=source.getGlyphSet(), versions=[v.getGlyphSet() for v in versions],
                     source_upem=source['head'].unitsPerEm, upem=args.upem,
                     max_deviation=args.max_deviation)
        results = run_check(source_names(plain, source), args.jobs)

        failed = [r for r in results if r[2] > args.max_deviation]
        if failed:
            sys.exit('lighten-face: even the unsimplified conversion strays from the source: ' +
                     ', '.join(f'{r[0]} {r[2]:.2f}/1000 em' for r in failed[:10]))
        # The result is the plain font with each glyph replaced by its chosen version.
        glyf, hmtx = plain['glyf'], plain['hmtx']
        for name, i, _ in results:
            if i == len(versions) - 1:
                continue
            glyph = versions[i]['glyf'][name]
            glyph.recalcBounds(versions[i]['glyf'])
            glyf[name] = glyph
            hmtx[name] = (hmtx[name][0], getattr(glyph, 'xMin', 0))
        # Same inputs, same bytes: FontForge stamps the build time into head, FFTM and the
        # unique name (ID 3); take the source's instead.
        if 'FFTM' in plain:
            del plain['FFTM']
        plain['head'].created = source['head'].created
        plain['head'].modified = source['head'].modified
        unique = source['name'].getDebugName(3)
        if unique:
            for record in plain['name'].names:
                if record.nameID == 3:
                    record.string = unique
        plain.save(args.out)

    counts = [sum(1 for r in results if r[1] == i) for i in range(len(versions))]
    chosen = ', '.join(f'{n} simplified within {t:g}/1000 em' if t else f'{n} unsimplified'
                       for n, t in zip(counts, tolerances))
    print(f'lighten-face: {len(results)} glyphs on an em of {args.upem}: {chosen}; every glyph '
          f'within {max(r[2] for r in results):.2f}/1000 em of the source (limit '
          f'{args.max_deviation:g}); FontForge {converted_at - started:.0f} s, check '
          f'{time.monotonic() - converted_at:.0f} s')


if __name__ == '__main__':
    main()
