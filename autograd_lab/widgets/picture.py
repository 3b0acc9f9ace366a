"""The base of every widget here: a picture (SVG) kept in a traitlet, shown live and as a static fallback.

A widget draws its state into a ``Canvas`` (the same one ``%%tracegraph`` draws into), shows the SVG
in an ``HTML`` value (never through ``clear_output`` or an ``Output`` widget), and offers the same
SVG, a PNG of the same canvas and a text summary in its mimebundle, next to the live view: a saved
notebook then shows the picture on GitHub, nbviewer and nbconvert, and in JupyterLab before it is
trusted (PNG), and nbval can compare it.

Pictures are shown at their own size (1 px of the canvas is 1 px on screen, text 12 px): a widget
chooses the arrangement of its picture so that it fits the course's column width,
``autograd_lab.viz.settings.width`` (read at each draw); what is still wider scrolls sideways
rather than shrinking.
"""
import math
import re

import ipywidgets as w
import numpy as np
import traitlets

from ..viz import settings
from ..viz.display import picture_bundle, save_picture
from ..viz.layout import LINE_HEIGHT, PAD_Y, box_size
from ..viz.model import format_number, format_value
from ..viz.render_png import render_png
from ..viz.render_svg import MARGIN, SECTION_GAP, STYLE, Canvas, compose, to_svg

STYLE_ATTRIBUTE = "max-width: none; height: auto"  # the <svg>'s own style: shown at its size
GAP = 24  # between a graph and the panel beside it, and between side-by-side pictures


class PictureWidget(w.VBox):
    """A VBox of controls and a picture; subclasses implement ``canvas()`` and ``summary()``.

    ``svg`` holds the current picture (SVG text) and ``text`` its summary; both change whenever a
    control's traitlet does, so tests and users read them straight from Python.
    """

    svg = traitlets.Unicode(read_only=True, help="the current picture, SVG text")
    text = traitlets.Unicode(read_only=True, help="the current state in words (the text/plain fallback)")

    def __init__(self, controls=(), **kwargs):
        # The picture keeps its size: wider than the output column, it scrolls (never shrinks).
        self._picture = w.HTML(layout=w.Layout(overflow="auto", max_width="100%"))
        self._picture.add_class("autograd-lab-picture")
        self._canvas = None
        super().__init__(children=[*controls, self._picture], **kwargs)

    def redraw(self, *_):
        """Draw the current state again (called on every traitlet change)."""
        self._canvas = finished(self.canvas())
        svg = unscaled(to_svg(self._canvas))
        self.set_trait("svg", svg)
        self.set_trait("text", self.summary())
        self._picture.value = svg

    def svg_text(self):
        return unscaled(to_svg(finished(self.canvas())))

    def png(self):
        """The current picture as PNG bytes (matplotlib, Agg)."""
        return render_png(self._canvas if self._canvas is not None else self.canvas())

    def save(self, path):
        """Write the current picture to ``path`` (``.svg`` or ``.png``)."""
        return save_picture(path, lambda: self.svg, self.png)

    def _repr_mimebundle_(self, **kwargs):
        """The live view (the widget-view mime type, from ipywidgets) and, for wherever widgets do not
        run, the current picture as SVG and PNG (``viz.display.picture_bundle``) and its text."""
        data = super()._repr_mimebundle_(**kwargs)
        if self._canvas is None:
            self.redraw()
        key = (self.svg, self.text)  # the PNG takes a second or two: drawn once per state shown
        if getattr(self, "_bundle", (None,))[0] != key:
            self._bundle = (key, picture_bundle(self.text, self._canvas, self.svg))
        picture, metadata = self._bundle[1]
        data.update(picture)
        return data, {k: dict(v) for k, v in metadata.items()}

    # subclasses
    def canvas(self):
        raise NotImplementedError

    def summary(self):
        raise NotImplementedError


def finished(canvas):
    """``canvas`` made ready to show: its size in whole pixels (rounded up, so the SVG's size and
    the PNG's display size agree), and the spaces that pad a text to keep its box one width across
    states taken off the text's end (the box keeps its width)."""
    canvas.width, canvas.height = math.ceil(canvas.width), math.ceil(canvas.height)
    canvas.items = [(*item[:3], item[3].rstrip(" "), *item[4:]) if item[0] == "text" and item[8] == "start" else item
                    for item in canvas.items]
    return canvas


def unscaled(svg):
    """``svg`` shown at its own size: the ``max-width: 100%`` that lets a picture shrink to the
    column is replaced by ``max-width: none`` on the ``<svg>`` element (an inline style, so the
    notebook's own ``svg { max-width: 100% }`` rules do not apply either). A text that starts with
    a space or holds two in a row (a panel's indented or aligned lines) gets
    ``xml:space="preserve"``: a browser collapses them otherwise (Chromium ignores ``white-space`` set on the ``<svg>`` for its texts)."""
    head, sep, rest = svg.partition(">")
    head = re.sub(r' style="[^"]*"', "", head) + f' style="{STYLE_ATTRIBUTE}"'
    rest = re.sub(r'<text ([^>]*)>([^<]*)</text>', _keep_spaces, rest)
    return head + sep + rest


def _keep_spaces(match):
    attrs, text = match.groups()
    if text.startswith(" ") or "  " in text:
        attrs += ' xml:space="preserve"'
    return f"<text {attrs}>{text}</text>"


def column_width():
    """The width pictures are laid out to fit: ``autograd_lab.viz.settings.width`` (960 px unless a
    course set another)."""
    return settings.width


def checkboxes(choices, ticked, on_tick, label=str):
    """``{choice: Checkbox}``, one box a choice (``label(choice)`` its text, on the box's own
    clickable label, right of it), ticked for those in ``ticked``; a click calls
    ``on_tick(choice, on)``. Each box keeps a wide gap to the next one, so it reads with its own
    label. ``show_ticked`` puts them in step again."""
    boxes = {c: w.Checkbox(value=c in ticked, description=label(c), indent=False,
                           style={"description_width": "initial"},
                           layout=w.Layout(width="auto", margin="2px 28px 2px 2px")) for c in choices}
    for c, box in boxes.items():
        box.observe(lambda change, c=c: on_tick(c, change["new"]), names="value")
    return boxes


def show_ticked(boxes, ticked):
    """Tick the boxes of ``checkboxes`` whose choice is in ``ticked``, untick the others."""
    for c, box in boxes.items():
        box.value = c in ticked


def add_panel(canvas, lines, role="note", bold_first=True):
    """Put a box of ``lines`` under what ``canvas`` holds, growing it to fit."""
    y = canvas.height - MARGIN + (SECTION_GAP if canvas.items else 0)
    if not canvas.items:
        y = MARGIN
    w, h = canvas.lines_box(MARGIN, y, lines, role, bold_first=bold_first)
    canvas.width = round(max(canvas.width, w + 2 * MARGIN), 1)
    canvas.height = round(y + h + MARGIN, 1)
    return canvas


def add_legend(canvas, roles):
    """A row of coloured boxes naming ``roles`` (``[(role, label)]``) under the picture."""
    y = canvas.height - MARGIN + SECTION_GAP
    x = MARGIN
    h = LINE_HEIGHT + 2 * PAD_Y
    for role, label in roles:
        bw, h = canvas.lines_box(x, y, [label], role, bold_first=False)
        x += bw + 6
    canvas.width = round(max(canvas.width, x - 6 + MARGIN), 1)
    canvas.height = round(y + h + MARGIN, 1)
    return canvas


def side_by_side(canvases, gap=GAP):
    """One canvas holding ``canvases`` next to each other, tops aligned."""
    out = Canvas()
    x = 0.0
    for c in canvases:
        out.items.extend(_shifted(item, x) for item in c.items)
        x += c.width + gap
        out.height = max(out.height, c.height)
    out.width = round(x - gap, 1) if canvases else 0
    return out


def in_rows(canvases, width, gap=GAP):
    """One canvas holding ``canvases`` left to right, starting a new row where the next would make
    the row wider than ``width`` (a row holds at least one); each row's tops aligned."""
    rows, row = [], []
    for c in canvases:
        if row and sum(r.width for r in row) + gap * len(row) + c.width > width:
            rows.append(row)
            row = []
        row.append(c)
    if row:
        rows.append(row)
    out = Canvas()
    y = 0.0
    for row in rows:
        line = side_by_side(row, gap)
        out.items.extend(_shifted(item, 0, y) for item in line.items)
        out.width = max(out.width, line.width)
        y += line.height
    out.height = round(y, 1)
    return out


def _shifted(item, dx, dy=0.0):
    kind = item[0]
    if kind in ("rect", "text", "circle"):
        return (kind, item[1] + dx, item[2] + dy, *item[3:])
    if kind == "polyline":
        return (kind, [(px + dx, py + dy) for px, py in item[1]], *item[2:])
    if kind == "path":
        segs = []
        for seg in item[1]:
            segs.append((seg[0], *[(px + dx, py + dy) for px, py in seg[1:]]))
        return (kind, segs)
    return item


def graph_top(graph, header):
    """Where ``compose(graph, layout, header=header)`` puts the graph's top edge."""
    top = ([header] if header else []) + list(graph.notes)
    y = MARGIN + sum(box_size([t])[1] + 6 for t in top)
    return y + (SECTION_GAP - 6 if top else 0)


def graph_and_panel(graph, layout, header, lines, beside, legend=()):
    """The graph under its ``header`` with a box of ``lines`` under it, or ``beside`` it (right of
    the graph, tops aligned), and a row of ``legend`` boxes (``[(role, label)]``) under both."""
    canvas = compose(graph, layout, header=header, legend=False)
    if beside:
        y = graph_top(graph, header)
        x = MARGIN + layout.width + GAP
        pw, ph = canvas.lines_box(x, y, lines, "note")
        canvas.width = round(max(canvas.width, x + pw + MARGIN), 1)
        canvas.height = round(max(canvas.height, y + ph + MARGIN), 1)
    else:
        add_panel(canvas, lines)
    if legend:
        add_legend(canvas, legend)
    return canvas


def choose_arrangement(graph, layouts, header, lines, legend=(), width=None,
                       order=(("LR", False), ("TB", True), ("TB", False))):
    """The first ``(direction, beside)`` of ``order`` whose picture (``graph_and_panel`` with
    ``layouts[direction]``) is at most ``width`` wide (the column, by default), else the narrowest.
    Only sizes are compared: what the boxes say does not matter, so give the widest ``lines``."""
    width = column_width() if width is None else width
    sizes = []
    for direction, beside in order:
        canvas = graph_and_panel(graph, layouts[direction], header, lines, beside, legend)
        if canvas.width <= width:
            return direction, beside
        sizes.append((canvas.width, direction, beside))
    return min(sizes)[1:]


def legend_roles(roles):
    """``[(role, label)]`` of the renderer's colours, for ``add_legend``."""
    return [(r, STYLE[r][2]) for r in roles]


def pad_lines(lines, width):
    """``lines`` with the first padded by spaces to ``width`` characters: boxes keep one size while
    their text changes, so the layout (computed once) fits every state."""
    if not lines:
        return lines
    widest = max(len(line) for line in lines)
    if widest >= width:
        return lines
    return [lines[0] + " " * (width - len(lines[0])), *lines[1:]]


def wrap_lines(lines, width):
    """``lines`` with each one longer than ``width`` characters broken at spaces; the lines it
    continues onto are indented 4 more than it."""
    out = []
    for line in lines:
        pad = " " * (len(line) - len(line.lstrip(" ")) + 4)
        while len(line) > width:
            start = len(line) - len(line.lstrip(" "))
            cut = line.rfind(" ", start + 1, width + 1)
            if cut <= start:
                break
            out.append(line[:cut])
            line = pad + line[cut + 1:].lstrip(" ")
        out.append(line)
    return out


def wrap(text, width=100):
    """``text`` split at spaces into lines of at most ``width`` characters."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


__all__ = ["PictureWidget", "checkboxes", "show_ticked", "add_panel", "add_legend", "side_by_side", "in_rows",
           "graph_and_panel", "choose_arrangement", "legend_roles", "unscaled", "column_width", "pad_lines", "wrap",
           "box_size"]


def format_array(a, width=40):
    """A value for a panel: small arrays written out with their nesting (``[[4.5, 4.5], [4.5, 4.5]]``),
    larger ones as ``viz.model.format_value`` previews them."""
    if a is None:
        return "None"
    a = np.asarray(a)
    if a.ndim == 0 or a.size > 16:
        return format_value(a, width)

    def nest(x):
        if x.ndim == 0:
            return format_number(x.item())
        return "[" + ", ".join(nest(sub) for sub in x) + "]"

    text = nest(a)
    return text if len(text) <= width else format_value(a, width)
