"""The base of every widget here: a picture (SVG) kept in a traitlet, shown live and as a static fallback.

A widget draws its state into a ``Canvas`` (the same one ``%%tracegraph`` draws into), shows the SVG
in an ``HTML`` value (never through ``clear_output`` or an ``Output`` widget), and offers the same
SVG plus a text summary in its mimebundle, next to the live view: a saved notebook then shows the
picture on GitHub, nbviewer and nbconvert, and nbval can compare it.
"""
import ipywidgets as w
import numpy as np
import traitlets

from ..viz.display import save_picture
from ..viz.layout import LINE_HEIGHT, PAD_Y, box_size
from ..viz.model import format_number, format_value
from ..viz.render_png import render_png
from ..viz.render_svg import MARGIN, SECTION_GAP, Canvas, to_svg


class PictureWidget(w.VBox):
    """A VBox of controls and a picture; subclasses implement ``canvas()`` and ``summary()``.

    ``svg`` holds the current picture (SVG text) and ``text`` its summary; both change whenever a
    control's traitlet does, so tests and users read them straight from Python.
    """

    svg = traitlets.Unicode(read_only=True, help="the current picture, SVG text")
    text = traitlets.Unicode(read_only=True, help="the current state in words (the text/plain fallback)")

    def __init__(self, controls=(), **kwargs):
        self._picture = w.HTML(layout=w.Layout(overflow="auto", max_width="100%"))
        super().__init__(children=[*controls, self._picture], **kwargs)

    def redraw(self, *_):
        """Draw the current state again (called on every traitlet change)."""
        svg = self.svg_text()
        self.set_trait("svg", svg)
        self.set_trait("text", self.summary())
        self._picture.value = svg

    def svg_text(self):
        return to_svg(self.canvas())

    def png(self):
        """The current picture as PNG bytes (matplotlib, Agg)."""
        return render_png(self.canvas())

    def save(self, path):
        """Write the current picture to ``path`` (``.svg`` or ``.png``)."""
        return save_picture(path, lambda: self.svg, self.png)

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        data["image/svg+xml"] = self.svg
        data["text/plain"] = self.text
        return data

    # subclasses
    def canvas(self):
        raise NotImplementedError

    def summary(self):
        raise NotImplementedError


def checkboxes(choices, ticked, on_tick, label=str):
    """``{choice: Checkbox}``, one box a choice (``label(choice)`` its text), ticked for those in
    ``ticked``; a click calls ``on_tick(choice, on)``. ``show_ticked`` puts them in step again."""
    boxes = {c: w.Checkbox(value=c in ticked, description=label(c), indent=False,
                           layout=w.Layout(width="auto")) for c in choices}
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


def side_by_side(canvases, gap=24):
    """One canvas holding ``canvases`` next to each other, tops aligned."""
    out = Canvas()
    x = 0.0
    for c in canvases:
        out.items.extend(_shifted(item, x) for item in c.items)
        x += c.width + gap
        out.height = max(out.height, c.height)
    out.width = round(x - gap, 1) if canvases else 0
    return out


def _shifted(item, dx):
    kind = item[0]
    if kind in ("rect", "text", "circle"):
        return (kind, item[1] + dx, *item[2:])
    if kind == "polyline":
        return (kind, [(px + dx, py) for px, py in item[1]], *item[2:])
    if kind == "path":
        segs = []
        for seg in item[1]:
            segs.append((seg[0], *[(px + dx, py) for px, py in seg[1:]]))
        return (kind, segs)
    return item


def pad_lines(lines, width):
    """``lines`` with the first padded by spaces to ``width`` characters: boxes keep one size while
    their text changes, so the layout (computed once) fits every state."""
    if not lines:
        return lines
    widest = max(len(line) for line in lines)
    if widest >= width:
        return lines
    return [lines[0] + " " * (width - len(lines[0])), *lines[1:]]


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


__all__ = ["PictureWidget", "checkboxes", "show_ticked", "add_panel", "add_legend", "side_by_side", "pad_lines", "wrap",
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
