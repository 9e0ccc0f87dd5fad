"""Small server-side SVG charts for the HTML report: bars, a histogram, a scatter.

Hand-written rather than a plotting library: five chart shapes fit in this module, render
in microseconds, and need no JavaScript to be seen. A plotting library (matplotlib, ~40 MB)
would add more to the install than the whole project for the same pictures.

Every chart is sized by its viewBox and scales to its container; colours come from CSS
classes (`bar`, `mark`, `dot`, `hot`, `axis`) the page styles for light and dark schemes,
so no chart carries a colour of its own. Every label passes through `escape`: some are
country names from our data, but the functions take any text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

_W = 640  # viewBox width of a full-size chart; the page scales it
_LABEL = 190  # room for labels left of horizontal bars


def _n(value: float) -> str:
    """A coordinate with one decimal: crisp enough, and a 5,000-point scatter stays small."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    head = (f'<svg class="chart" viewBox="0 0 {width} {height}" role="img"'
            f'><title>{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def hbars(title: str, rows: Sequence[tuple[str, int]], *, empty: str = "nothing to show"
          ) -> Markup:
    """One horizontal bar per (label, count), in the order given."""
    if not rows:
        return _svg(_W, 30, title, [f'<text x="4" y="20">{escape(empty)}</text>'])
    step = 22
    top = max(count for _, count in rows) or 1
    span = _W - _LABEL - 60
    body = []
    for i, (label, count) in enumerate(rows):
        y = i * step + 4
        width = span * count / top
        body.append(
            f'<text x="{_LABEL - 6}" y="{y + 14}" text-anchor="end">{escape(label[:30])}</text>'
            f'<rect class="bar" x="{_LABEL}" y="{y}" width="{_n(max(width, 1))}" height="16"/>'
            f'<text x="{_n(_LABEL + width + 5)}" y="{y + 14}">{count:,}</text>')
    return _svg(_W, len(rows) * step + 8, title, body)


def vbars(title: str, rows: Sequence[tuple[str, int]], *, marked: int | None = None) -> Markup:
    """Vertical bars over labelled bins; the bar at index `marked` drawn as `hot`."""
    height, base, left = 190, 160, 40
    top = max((count for _, count in rows), default=0) or 1
    width = (_W - left - 10) / max(len(rows), 1)
    body = [f'<line class="axis" x1="{left}" y1="{base}" x2="{_W - 10}" y2="{base}"/>',
            f'<text x="{left - 4}" y="{20}" text-anchor="end">{top:,}</text>']
    for i, (label, count) in enumerate(rows):
        x = left + i * width
        bar = (base - 20) * count / top
        css = "hot" if i == marked else "bar"
        body.append(
            f'<rect class="{css}" x="{_n(x + 2)}" y="{_n(base - bar)}" width="{_n(width - 4)}"'
            f' height="{_n(bar)}"><title>{escape(label)}: {count:,}</title></rect>'
            f'<text x="{_n(x + width / 2)}" y="{base + 16}" text-anchor="middle">'
            f'{escape(label)}</text>')
    return _svg(_W, height, title, body)


def histogram(title: str, values: Sequence[float], *, bins: int = 20,
              marker: float | None = None, marker_label: str = "") -> Markup:
    """Counts of `values` (each in 0..1) over equal bins, with a vertical line at `marker`."""
    counts = [0] * bins
    for value in values:
        counts[min(max(int(value * bins), 0), bins - 1)] += 1
    height, base, left = 200, 170, 40
    top = max(counts) or 1
    width = (_W - left - 10) / bins
    body = [f'<line class="axis" x1="{left}" y1="{base}" x2="{_W - 10}" y2="{base}"/>',
            f'<text x="{left - 4}" y="24" text-anchor="end">{top:,}</text>']
    for i, count in enumerate(counts):
        bar = (base - 30) * count / top
        x = left + i * width
        css = "hot" if marker is not None and (i + 1) / bins <= marker else "bar"
        body.append(f'<rect class="{css}" x="{_n(x + 1)}" y="{_n(base - bar)}"'
                    f' width="{_n(width - 2)}" height="{_n(bar)}"><title>'
                    f'{i / bins:.2f}–{(i + 1) / bins:.2f}: {count:,}</title></rect>')
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        body.append(f'<text x="{_n(left + tick * (_W - left - 10))}" y="{base + 16}"'
                    f' text-anchor="middle">{tick:g}</text>')
    if marker is not None:
        x = left + marker * (_W - left - 10)
        body.append(f'<line class="mark" x1="{_n(x)}" y1="14" x2="{_n(x)}" y2="{base}"/>'
                    f'<text class="mark-text" x="{_n(x + 4)}" y="12">'
                    f'{escape(marker_label)}</text>')
    return _svg(_W, height, title, body)


def scatter(title: str, points: Sequence[tuple[float, float, bool]], *, x_label: str,
            y_label: str) -> Markup:
    """Points (x, y, highlighted) on log scales (log1p), highlighted ones drawn on top.

    Each point is a zero-length path segment with round caps, ~14 bytes, so a scatter of
    every followed account stays small enough for the size budget."""
    height, base, left, right = 260, 225, 44, _W - 10
    if not points:
        return _svg(_W, 30, title, ['<text x="4" y="20">nothing to show</text>'])
    xs = [math.log1p(max(x, 0.0)) for x, _, _ in points]
    ys = [math.log1p(max(y, 0.0)) for _, y, _ in points]
    x_top = max(xs) or 1.0
    y_top = max(ys) or 1.0
    plain: list[str] = []
    hot: list[str] = []
    for x, y, (_, _, highlighted) in zip(xs, ys, points, strict=True):
        px = left + (right - left) * x / x_top
        py = base - (base - 12) * y / y_top
        (hot if highlighted else plain).append(f"M{_n(px)} {_n(py)}h0")
    body = [f'<line class="axis" x1="{left}" y1="{base}" x2="{right}" y2="{base}"/>',
            f'<line class="axis" x1="{left}" y1="12" x2="{left}" y2="{base}"/>',
            f'<path class="dot" d="{"".join(plain)}"/>',
            f'<path class="dot hot-dot" d="{"".join(hot)}"/>',
            f'<text x="{right}" y="{base + 18}" text-anchor="end">{escape(x_label)} →</text>',
            f'<text x="{left - 6}" y="10" text-anchor="start">↑ {escape(y_label)}</text>',
            f'<text x="{left}" y="{base + 18}">0</text>',
            f'<text x="{_n(right - 110)}" y="{base + 18}" text-anchor="end">'
            f'(up to {math.expm1(x_top):,.0f})</text>']
    return _svg(_W, height + 8, title, body)


def components(values: Sequence[tuple[str, float]]) -> Markup:
    """A row's components as tiny bars (0..1), for the proposals table: one path, and the
    tracks behind the bars are the page's striped background of `svg.mini`, so a row costs
    ~150 bytes (a table of thousands of proposals must stay inside the size budget)."""
    step, width = 9, 60
    bars = "".join(f"M0 {i * step}h{_n(width * value)}v7H0z"
                   for i, (_, value) in enumerate(values))
    return Markup(f'<svg class="mini" viewBox="0 0 {width} {len(values) * step - 2}"'
                  f' width="{width}" height="{len(values) * step - 2}" aria-hidden="true">'
                  f'<path class="bar" d="{bars}"/></svg>')
