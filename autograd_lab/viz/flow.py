"""The gradient-flow chart: the norm of each parameter's ``.grad`` after each backward call.

With many leaves (a model's parameters) the gradient timeline is this chart instead of a table of
previews: x is the backward call, y the 2-norm of the ``.grad`` on a log scale, one line per
parameter, or per module when there are more than ``MAX_LINES`` (its parameters' norms combined,
``sqrt(sum of squares)``), evenly spaced modules from the first to the last when there are still
too many. It is the classic picture for vanishing gradients (the first layers' lines far below the
last ones') and exploding ones (lines climbing decades).

It draws on the same ``render_svg.Canvas`` as the graph, inside the picture's white background
(so it reads on light and dark themes alike), text at 12 px, numbers written the same way on every
run. ``gradient_flow_chart(model)`` gives None when the table suits better (few leaves).
"""
import math

from .layout import FONT_SIZE, text_width
from . import settings
from .render_svg import MARGIN, TEXT, Canvas, wrap
from .words import count

MAX_LINES = 12
# Twelve line colours, each at least 3:1 against the plot area (WCAG's contrast for graphics),
# told apart by hue, in the order lines get them (neighbouring layers differ most).
COLORS = ("#1f5fa0", "#c0282d", "#2a7d2a", "#7a4aa8", "#b35900", "#00808a",
          "#c2388f", "#5f5f5f", "#7a7a00", "#2b3a8c", "#8c564b", "#8b1a1a")
GRID = "#dedede"
PLOT_H = 220
AXIS_W = 76  # left of the plot: tick labels and the turned axis title
TICKS_H = 38  # under the plot: tick labels and the axis title
LEGEND_ROW = 18
POINTS_MARKED = 40  # lines with at most this many points get a dot (with a tooltip) at each
LINE_WIDTH = 1.6


def gradient_flow_chart(model):
    """The chart for ``model`` (a ``GraphModel``), or None when its timeline is a table (few
    leaves, fewer than two backward calls with norms taken)."""
    norms = model.grad_norms
    if norms is None or len(norms.calls) < 2:
        return None
    return GradientFlowChart(norms)


def chart_lines(norms):
    """``(lines, what, left_out)``: the lines to draw as ``[(name, [(call, norm or None)])]``,
    what a line is ("parameter" or "module") and how many were left out.

    More than ``MAX_LINES`` parameters are grouped by module (the name up to its last dot:
    ``model.0.weight`` -> ``model.0``), a module's norm being its parameters' combined; more than
    ``MAX_LINES`` modules: that many of them, evenly spaced from the first to the last."""
    names = norms.names
    if len(names) <= MAX_LINES:
        return [(name, [(c, row[i]) for c, row in zip(norms.calls, norms.norms)]) for i, name in enumerate(names)], \
            "parameter", 0
    groups = {}
    for i, name in enumerate(names):
        groups.setdefault(name.rsplit(".", 1)[0], []).append(i)
    what = "module" if len(groups) < len(names) else "parameter"  # (leaves of no module: w1, w2, ...)
    modules = list(groups.items())
    left_out = 0
    if len(modules) > MAX_LINES:
        keep = sorted({round(k * (len(modules) - 1) / (MAX_LINES - 1)) for k in range(MAX_LINES)})
        left_out = len(modules) - len(keep)
        modules = [modules[k] for k in keep]
    lines = []
    for module, members in modules:
        points = []
        for c, row in zip(norms.calls, norms.norms):
            present = [row[i] for i in members if row[i] is not None]
            points.append((c, math.sqrt(sum(v * v for v in present)) if present else None))
        lines.append((module, points))
    return lines, what, left_out


def decade_text(k):
    """The tick label of 10**k: ``0.001`` .. ``1000`` written out, else ``1e-07``, ``1e+05``."""
    if -3 <= k <= 3:
        return f"{10.0 ** k:.{max(0, -k)}f}"
    return f"{10.0 ** k:.0e}"


def drawable(v):
    """Whether a norm has a place on the log scale (not None, 0, inf or nan)."""
    return v is not None and 0 < v < math.inf


def ordinal(n):
    """``2nd``, ``4th``, ``32nd``, ``1,024th``."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def value_text(v):
    """A norm as a tooltip gives it: 4 significant digits."""
    return f"{v:.4g}"


def call_ticks(first, last):
    """Round backward-call numbers to mark along x: every call up to 12 of them, else multiples
    of 1, 2 or 5 times a power of ten (at most 7 steps), the first and last call included."""
    if last - first < 12:
        return list(range(first, last + 1))
    power = 10 ** math.floor(math.log10((last - first) / 7))
    step = next(m * power for m in (1, 2, 5, 10) if (last - first) / (m * power) <= 7)
    ticks = [first] + [t for t in range(step * math.ceil(first / step), last, step)
                       if t - first >= step / 2 and last - t >= step / 2] + [last]
    return ticks


class GradientFlowChart:
    """The chart of a ``GradientNorms``, drawn by ``draw`` (``render_svg.compose`` calls it
    where the timeline table would go)."""

    def __init__(self, norms):
        self.norms = norms
        self.lines, self.what, self.left_out = chart_lines(norms)

    def title(self):
        n = self.norms
        whose = ("each parameter's .grad" if self.what == "parameter"
                 else "each module's .grad (its parameters' norms combined)")
        text = f"gradient flow: the norm of {whose} after each backward call, on a log scale"
        if self.left_out:
            text += (f"; {len(self.lines)} of {len(self.lines) + self.left_out} {self.what}s drawn, evenly spaced "
                     f"from {self.lines[0][0]} to {self.lines[-1][0]}")
        # (after call 12 the recorder takes calls 1 + a multiple of ``every``, and the last call)
        last = " and the last" if n.every > 1 and n.calls[-1] == n.n_calls and (n.n_calls - 1) % n.every else ""
        if n.every > 1 and n.calls[:12] == list(range(1, 13)):  # (not thinned yet)
            first = 1 + n.every * -(-12 // n.every)
            text += (f"; after calls 1 to 12, then every {ordinal(n.every)} call ({first}, {first + n.every}, …)"
                     f"{last} of the {n.n_calls:,}")
        elif n.every > 1:
            text += (f"; after every {ordinal(n.every)} of the {n.n_calls:,} calls (1, {1 + n.every}, "
                     f"{1 + 2 * n.every}, …){last}")
        missing = sum(1 for _, points in self.lines for _, v in points if not drawable(v))
        if missing:
            text += f"; {count(missing, 'norm')} not drawn (0, inf or nan, or no .grad)"
        return text

    def draw(self, canvas, x0, y0, width):
        """Draw at (x0, y0), at most ``width`` px wide; returns the size drawn."""
        _, th = canvas.lines_box(x0, y0, wrap(self.title(), width), "header")
        y = y0 + th + 8
        y += self._legend(canvas, x0, y, width) + 6
        plot_x, plot_w = x0 + AXIS_W, width - AXIS_W - 8
        self._plot(canvas, plot_x, y, plot_w)
        return width, y + PLOT_H + TICKS_H - y0

    def _legend(self, canvas, x0, y0, width):
        """A sample line and the name of each line, in rows; returns its height."""
        x, row = x0, 0
        for k, (name, _) in enumerate(self.lines):
            w = 22 + text_width(name)
            if x > x0 and x + w > x0 + width:
                x, row = x0, row + 1
            ty = y0 + row * LEGEND_ROW + FONT_SIZE
            canvas.polyline([(x, ty - 4), (x + 16, ty - 4)], COLORS[k], 2.4)
            canvas.text(x + 22, ty, name)
            x += w + 16
        return (row + 1) * LEGEND_ROW

    def _plot(self, canvas, x, y, w):
        values = [v for _, points in self.lines for _, v in points if drawable(v)]
        lo = math.floor(math.log10(min(values))) if values else -1
        hi = math.ceil(math.log10(max(values))) if values else 1
        if hi == lo:
            hi += 1
        calls = self.norms.calls
        first, last = calls[0], calls[-1]
        pad = 14

        def px(call):
            return x + pad + (call - first) / (last - first) * (w - 2 * pad)

        def py(decades):  # (log10 of the norm: 10.0 ** -324 is 0)
            return y + PLOT_H - 8 - (decades - lo) / (hi - lo) * (PLOT_H - 16)

        canvas.rect(x, y, w, PLOT_H, "plot", rx=0)
        step = max(1, math.ceil((hi - lo) / 8))  # at most about 8 decades labelled
        for k in range(lo, hi + 1):
            ty = py(k)
            canvas.polyline([(x + 1, ty), (x + w - 1, ty)], GRID)
            if (k - lo) % step == 0:
                canvas.polyline([(x - 4, ty), (x, ty)], TEXT)
                canvas.text(x - 6, ty + 4, decade_text(k), anchor="end")
        for c in call_ticks(first, last):
            cx = px(c)
            canvas.polyline([(cx, y + PLOT_H), (cx, y + PLOT_H + 4)], TEXT)
            canvas.text(cx, y + PLOT_H + 17, str(c), anchor="middle")
        canvas.text(x + w / 2, y + PLOT_H + 33, "backward call", anchor="middle")
        canvas.text(x - AXIS_W + 14, y + PLOT_H / 2, ".grad norm", anchor="middle", angle=-90)
        for k, (name, points) in enumerate(self.lines):
            color = COLORS[k]
            run = []
            for c, v in points + [(None, None)]:
                if drawable(v):
                    run.append((px(c), py(math.log10(v))))
                    continue
                if len(run) > 1:
                    canvas.items.append(("group", name))
                    canvas.polyline(run, color, LINE_WIDTH)
                    canvas.items.append(("end",))
                run = []
            if len(points) <= POINTS_MARKED:
                for c, v in points:
                    if drawable(v):
                        canvas.items.append(("group", f"{name} after backward #{c}: {value_text(v)}"))
                        canvas.circle(px(c), py(math.log10(v)), 2.5, color, color)
                        canvas.items.append(("end",))


def chart_canvas(model, width=None):
    """The chart of ``model`` alone, as a ``render_svg.Canvas`` ``width`` px wide (None:
    ``settings.width``), for ``to_svg`` / ``render_png``; None when ``model`` has no chart.

    >>> canvas = chart_canvas(trace.graph)               # doctest: +SKIP
    >>> open("flow.svg", "w").write(to_svg(canvas))       # doctest: +SKIP
    """
    chart = gradient_flow_chart(model)
    if chart is None:
        return None
    canvas = Canvas()
    w, h = chart.draw(canvas, MARGIN, MARGIN, (settings.width if width is None else width) - 2 * MARGIN)
    canvas.width, canvas.height = w + 2 * MARGIN, h + 2 * MARGIN
    return canvas
