"""Small line charts drawn on a ``Canvas``: a framed plot area, round tick values, a line per series.

>>> canvas = Canvas()
>>> plot = line_chart(canvas, 80, 40, 3, [("w", COLORS[0], [3., 6., 9.])], value_labels=True)
>>> plot.py(9.) < plot.py(3.)            # larger values higher up
True
"""
import math

from ..viz.layout import FONT_SIZE, text_width
from ..viz.render_svg import TEXT

PLOT_W, PLOT_H = 320, 150  # the framed plot area
AXIS_W = 64  # room left of the plot for the value ticks
LEGEND_ROW = 17  # one row of legend entries, above the plot
TICKS_H = 20  # room under the plot for the epoch ticks
SMALL = FONT_SIZE  # font size of ticks, legend and value labels: 12 px, like every text of the pictures
SMALL_CHAR = text_width("0")  # width of a character at SMALL (monospace): the renderer's own measure
LABEL_H = 12  # a value label's box: from its baseline up 9 px (digits), down 3
X_PAD = 18  # the first and last epoch sit this far inside the frame
Y_PAD = 10  # so do the largest and smallest value ...
LABEL_PAD = 16  # ... and this much further in when value labels sit above (below) them
LINE_WIDTH, MARKER_R = 1.6, 3
GRID = "#dedede"
MISSING = "#8b1a1a"  # the count of values left out
# Mid-tone lines on the light plot area (which keeps them legible on dark themes too).
COLORS = ("#2f6fa8", "#3c8a3c", "#6f4a96", "#a0741c", "#44549c", "#8b1a1a")


def nice_ticks(lo, hi, count=4):
    """About ``count`` round values between ``lo`` and ``hi`` (``lo < hi``): multiples of 1, 2,
    2.5 or 5 times a power of ten.

    >>> nice_ticks(-0.8, 0.75)
    [-0.5, 0.0, 0.5]
    """
    raw = hi / count - lo / count  # not (hi - lo) / count, which overflows near the float limit
    step = 10.0 ** math.floor(math.log10(raw))
    step = next(m * step for m in (1, 2, 2.5, 5, 10) if m * step >= raw)
    # 12 digits drop the float noise of k * step (0.30000000000000004 is 0.3)
    return [float(f"{k * step:.12g}") for k in range(math.ceil(lo / step), math.floor(hi / step) + 1)]


def number_text(v):
    """A tick or a value label: a whole number without a point (``0``, ``20``, ``-17``), else at most
    4 significant digits (``0.25``, ``-0.5484``, ``1.2e+06``).

    >>> [number_text(v) for v in (0.0, 20.0, -0.54843, 2.5e8, 0.30000000000000004)]
    ['0', '20', '-0.5484', '2.5e+08', '0.3']
    """
    if not math.isfinite(v):
        return "nan" if v != v else ("inf" if v > 0 else "-inf")
    if v == int(v) and abs(v) < 1e6:
        return str(int(v))
    return f"{v:.4g}"


def value_range(values):
    """The smallest and largest finite value; a constant (or empty) series gets a range around it.

    >>> value_range([3., float("nan"), 3.])
    (2.7, 3.3)
    """
    finite = [v for v in values if math.isfinite(v)]
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 0.0)
    if not hi - lo > 1e-12 * max(abs(lo), abs(hi), 1e-300):  # equal up to rounding: constant
        d = abs(lo) * 0.1 or 1.0
        lo, hi = lo - d, hi + d
    return lo, hi


def epoch_ticks(n):
    """Every epoch up to 12 of them, else about 6 spread evenly from the first to the last."""
    if n <= 12:
        return list(range(1, n + 1))
    return sorted({round(1 + i * (n - 1) / 5) for i in range(6)})


class PlotArea:
    """Where values go in the plot whose top-left corner is (x, y): epochs 1 .. n left to right,
    values lo .. hi from ``bottom`` up to ``top`` (pixels)."""

    def __init__(self, x, y, n, lo, hi, labels_above=False, labels_below=False):
        self.x, self.y, self.n, self.lo, self.hi = x, y, n, lo, hi
        self.top = y + Y_PAD + (LABEL_PAD if labels_above else 0)
        self.bottom = y + PLOT_H - Y_PAD - (LABEL_PAD if labels_below else 0)

    def px(self, epoch):
        if self.n == 1:
            return self.x + PLOT_W / 2
        return self.x + X_PAD + (epoch - 1) / (self.n - 1) * (PLOT_W - 2 * X_PAD)

    def py(self, value):
        # halves, so that hi - lo cannot overflow
        return self.bottom - (value / 2 - self.lo / 2) / (self.hi / 2 - self.lo / 2) * (self.bottom - self.top)

    def value_at(self, py):
        """The value at height ``py``, clamped to finite floats (the frame's edges lie past lo .. hi)."""
        v = self.lo + (self.bottom - py) / (self.bottom - self.top) * 2 * (self.hi / 2 - self.lo / 2)
        return max(-1.7e308, min(1.7e308, v))


def line_chart(canvas, x, y, n, series, value_labels=False, tooltip=""):
    """A framed plot at (x, y) of ``series`` (``[(name, color, values)]``, a value per epoch 1 .. n),
    with value ticks to its left and epoch ticks under it; returns its ``PlotArea``. Non-finite
    values are left out (the line breaks there). ``value_labels`` writes each value above its
    point, or below it where it is the lowest of several series, to keep clear of the others.
    Each point's tooltip reads ``"{tooltip}{name} at epoch {e}: {value}"``."""
    lo, hi = value_range([v for _, _, values in series for v in values])
    below = _lowest(series) if value_labels and len(series) > 1 else set()
    plot = PlotArea(x, y, n, lo, hi, labels_above=value_labels, labels_below=bool(below))
    canvas.rect(x, y, PLOT_W, PLOT_H, "plot", rx=0)
    for t in nice_ticks(plot.value_at(y + PLOT_H), plot.value_at(y)):
        ty = plot.py(t)
        canvas.polyline([(x + 1, ty), (x + PLOT_W - 1, ty)], GRID)
        canvas.polyline([(x - 4, ty), (x, ty)], TEXT)
        canvas.text(x - 6, ty + 4, number_text(t), size=SMALL, anchor="end")
    for e in epoch_ticks(n):
        ex = plot.px(e)
        canvas.polyline([(ex, y + PLOT_H), (ex, y + PLOT_H + 4)], TEXT)
        canvas.text(ex, y + PLOT_H + 16, str(e), size=SMALL, anchor="middle")
    r = MARKER_R if n <= 20 else MARKER_R - 1
    skipped = 0
    wanted = []  # value labels: (name, epoch, px, py, text), placed after every line is drawn
    for name, color, values in series:
        points = [(e, v) for e, v in enumerate(values, 1) if math.isfinite(v)]
        skipped += len(values) - len(points)
        for run in _consecutive(points):
            if len(run) > 1:
                canvas.polyline([(plot.px(e), plot.py(v)) for e, v in run], color, LINE_WIDTH)
        for e, v in points:
            px, py, text = plot.px(e), plot.py(v), number_text(round(v, 4))
            canvas.items.append(("group", f"{tooltip}{name} at epoch {e}: {text}"))
            canvas.circle(px, py, r, color, color)
            canvas.items.append(("end",))
            if value_labels:
                wanted.append((name, e, px, py, text))
    for lx, ly, text in place_labels(wanted, below, x, y):
        canvas.text(lx, ly, text, size=SMALL, anchor="middle")
    if skipped:
        canvas.text(x + PLOT_W - 4, y + PLOT_H - 4, f"{skipped} nan/inf not drawn", size=SMALL, anchor="end",
                    color=MISSING)
    return plot


def label_box(lx, ly, text):
    """The box ``(left, top, right, bottom)`` of a value label centred at ``lx``, baseline ``ly``
    (its width measured as the renderer measures text, 1 px of room each side)."""
    half = text_width(text) / 2 + 1
    return (lx - half, ly - LABEL_H + 3, lx + half, ly + 3)


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(wanted, below, x, y):
    """Where each value label goes, ``[(lx, ly, text)]``: above its point (below it for the series
    lowest there), else on the other side, else left out, so that no two labels overlap, none
    covers a point and each stays inside the plot at (x, y). The first and last epoch of each series are placed first,
    then the others left to right, so the ends of a line always say their value (the tooltips
    and the text summary give every value)."""
    def priority(item):
        name, e, *_ = item
        ends = {min(w[1] for w in wanted if w[0] == name), max(w[1] for w in wanted if w[0] == name)}
        return (0 if e in ends else 1, e)

    placed = []
    boxes = [(px - MARKER_R, py - MARKER_R, px + MARKER_R, py + MARKER_R) for _, _, px, py, _ in wanted]
    for name, e, px, py, text in sorted(wanted, key=priority):
        half = text_width(text) / 2 + 2  # keep the label inside the frame
        lx = min(max(px, x + half), x + PLOT_W - half)
        sides = (15, -7) if (name, e) in below else (-7, 15)
        for dy in sides:
            ly = py + dy
            box = label_box(lx, ly, text)
            if box[1] < y or box[3] > y + PLOT_H:
                continue
            if not any(_overlap(box, b) for b in boxes):
                boxes.append(box)
                placed.append((lx, ly, text))
                break
    return placed


def _lowest(series):
    """``{(name, epoch)}`` of the series lowest at each epoch (by finite value)."""
    lowest = set()
    for e in range(1, max(len(values) for _, _, values in series) + 1):
        here = [(values[e - 1], name) for name, _, values in series
                if e <= len(values) and math.isfinite(values[e - 1])]
        if here:
            lowest.add((min(here)[1], e))
    return lowest


def _consecutive(points):
    """``points`` ``[(epoch, value)]`` split where an epoch is missing."""
    runs = []
    for p in points:
        if runs and runs[-1][-1][0] == p[0] - 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def legend_layout(names):
    """Each legend entry's (dx, row) above a plot, in as many rows as the plot's width needs."""
    places, dx, row = [], 0.0, 0
    for name in names:
        w = 20 + text_width(name)
        if dx and dx + w > PLOT_W:
            dx, row = 0.0, row + 1
        places.append((dx, row))
        dx += w + 12
    return places


def legend_height(names):
    return LEGEND_ROW * (1 + max((row for _, row in legend_layout(names)), default=0))


def legend(canvas, x, y, entries):
    """A sample line and the name of each ``(name, color)``, the first row's baseline at ``y``."""
    for (name, color), (dx, row) in zip(entries, legend_layout([n for n, _ in entries])):
        ex, ey = x + dx, y + row * LEGEND_ROW
        canvas.polyline([(ex, ey - 4), (ex + 14, ey - 4)], color, LINE_WIDTH)
        canvas.circle(ex + 7, ey - 4, MARKER_R - 0.5, color, color)
        canvas.text(ex + 19, ey, name, size=SMALL)
