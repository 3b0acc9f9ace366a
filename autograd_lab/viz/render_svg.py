"""Render a laid-out graph (plus notes, gradient timeline and legend) as deterministic SVG text.

Hand-written SVG: real ``<text>`` (selectable, searchable), a ``<title>`` tooltip per node, no
random ids, dates or addresses, numbers rounded to 0.1 px, so the same graph gives the same bytes.
The picture has its own white background and dark text on light or mid-tone fills (each pair at
least 4.5:1, WCAG's contrast for text), so it reads the same on JupyterLab's light and dark
themes. Its ``width`` and ``height`` are its real size in pixels: ``compose`` wraps notes, the
legend and the timeline to the output column's width, and ``fit.fit_layout`` fits the graph.
"""
from xml.sax.saxutils import escape

from . import settings
from .layout import BADGE_GAP, FONT_SIZE, LINE_HEIGHT, PAD_X, PAD_Y, box_size, text_width, uses_label
from .model import format_value
from .words import count

TEXT = "#111111"
EDGE = "#8a8a8a"
BACKGROUND = "#ffffff"  # the picture's own, so that it reads on a dark theme too
FREED_TEXT = "#7a1212"  # on the freed band (STYLE["freed"]): 8.9:1
# role -> (fill, stroke, legend text)
STYLE = {
    "leaf": ("#86b9e8", "#2f6fa8", "leaf (requires grad)"),
    "const": ("#c4c4c4", "#6e6e6e", "constant"),
    "nonleaf": ("#f0c36d", "#a0741c", "non-leaf"),
    "retained": ("#93cf8f", "#3c8a3c", "retained grad"),
    "function": ("#c6abe2", "#6f4a96", "function (grad_fn)"),
    "accumulate": ("#a8b8e8", "#44549c", "AccumulateGrad"),
    "collapsed": ("#dedede", "#777777", "collapsed chain"),
    # A module call drawn as one box (the module view, --depth).
    "module": ("#a9dccf", "#2f7d6c", "module (its ops in one box)"),
    # A module opened (--depth): a frame around its ops and the boxes of the modules it called.
    "frame": ("#f3f9f7", "#2f7d6c", "module opened: its ops inside"),
    # A saved value backward freed: its line in the function box sits on this band, struck through.
    "freed": ("#fbe3e3", "#7a1212", "freed by backward"),
    # The badge on an arrow whose input the op takes several times (y * y: "used 2×").
    "uses": ("#ffffff", "#4d4d4d", "used n×: an input the op takes n times"),
    "note": ("#ececec", "#9a9a9a", ""),
    "event": ("#f3e1a8", "#a0741c", ""),
    "header": ("#dcdcdc", "#9a9a9a", ""),
    # Used by the widgets (never by %%tracegraph's own pictures): the node a stepper is at, and
    # nodes backward has not reached yet.
    "current": ("#f29a76", "#b3431b", "running now"),
    "pending": ("#e4e4e4", "#a8a8a8", "not reached yet"),
    # The plot area of a chart: light, so dark lines and text read on it.
    "plot": ("#fafafa", "#8a8a8a", ""),
}
FONT = "DejaVu Sans Mono, Menlo, Consolas, 'Liberation Mono', monospace"
MARGIN = 8
SECTION_GAP = 14
MAX_TIMELINE_COLUMNS = 12
MAX_TIMELINE_ROWS = 10
LEGEND_ROLES = ("leaf", "const", "nonleaf", "retained", "function", "accumulate", "module", "frame", "freed",
                "collapsed", "uses")


def _n(v):
    """A coordinate as text: at most one decimal, no trailing zeros (stable across platforms)."""
    v = round(float(v), 1)
    return str(int(v)) if v == int(v) else f"{v:.1f}"


class Canvas:
    """The picture as primitives (rectangles, texts, arrows, polylines, circles, tooltip groups)
    in drawing order: the SVG writer and the PNG renderer both draw from it, so the two pictures
    agree."""

    def __init__(self):
        self.items = []
        self.width = self.height = 0

    def rect(self, x, y, w, h, role, rx=4, dashed=False):
        fill, stroke, _ = STYLE[role]
        self.items.append(("rect", x, y, w, h, fill, stroke, rx, dashed))

    def text(self, x, y, s, bold=False, color=TEXT, strike=False, size=FONT_SIZE, anchor="start", angle=0):
        """``s`` with its baseline at ``y``; ``anchor`` ("start", "middle", "end") says where ``x``
        is, ``angle`` turns it clockwise about (x, y) in degrees (-90: reads upwards)."""
        self.items.append(("text", x, y, s, bold, color, strike, size, anchor, angle))

    def path(self, segments):
        """An arrow along ``segments`` (``("M", (x, y))``, ``("L", (x, y))``, ``("C", p1, p2, p3)``)."""
        self.items.append(("path", segments))

    def polyline(self, points, color, width=1.0):
        """Straight lines through ``points`` (``[(x, y), ...]``), no arrowhead."""
        self.items.append(("polyline", list(points), color, width))

    def circle(self, x, y, r, fill, stroke):
        self.items.append(("circle", x, y, r, fill, stroke))

    def lines_box(self, x, y, lines, role, bold_first=True, freed=(), title=None, dashed=False):
        w, h = box_size(lines)
        if title is not None:
            self.items.append(("group", title))
        self.rect(x, y, w, h, role, dashed=dashed)
        for i, line in enumerate(lines):
            ty = y + PAD_Y + LINE_HEIGHT * i + FONT_SIZE
            if i in freed and role != "freed":  # a light band behind the line: dark red reads on it
                band = STYLE["freed"][0]
                self.items.append(("rect", x + 3, ty - FONT_SIZE, w - 6, LINE_HEIGHT, band, band, 2, False))
            self.text(x + PAD_X, ty, line, bold=bold_first and i == 0,
                      color=FREED_TEXT if i in freed else TEXT, strike=i in freed)
        if title is not None:
            self.items.append(("end",))
        return w, h


def to_svg(canvas):
    """The canvas as SVG text."""
    W, H = _n(canvas.width), _n(canvas.height)
    out = [
        # max-width lets a wide graph shrink to the notebook's width instead of being cut off.
        # Its real size: laid out to fit the output column, never shrunk (JupyterLab shows an SVG
        # as an <img> at this size, whatever CSS says).
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}">',
        '<defs><marker id="autograd-lab-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{EDGE}"/></marker></defs>',
        f'<rect width="{W}" height="{H}" fill="{BACKGROUND}"/>',
    ]
    for item in canvas.items:
        kind = item[0]
        if kind == "rect":
            _, x, y, w, h, fill, stroke, rx, dashed = item
            dash = ' stroke-dasharray="4 3"' if dashed else ""
            out.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{rx}" '
                       f'fill="{fill}" stroke="{stroke}" stroke-width="1.2"{dash}/>')
        elif kind == "text":
            _, x, y, s, bold, color, strike, size, anchor, angle = item
            attrs = ' font-weight="bold"' if bold else ""
            if strike:
                attrs += ' text-decoration="line-through"'
            if size != FONT_SIZE:
                attrs += f' font-size="{size}"'
            if anchor != "start":
                attrs += f' text-anchor="{anchor}"'
            if angle:
                attrs += f' transform="rotate({angle} {_n(x)} {_n(y)})"'
            out.append(f'<text x="{_n(x)}" y="{_n(y)}" fill="{color}"{attrs}>{escape(s)}</text>')
        elif kind == "path":
            d = []
            for seg in item[1]:
                if seg[0] == "M" or seg[0] == "L":
                    d.append(f"{seg[0]}{_n(seg[1][0])},{_n(seg[1][1])}")
                else:
                    d.append("C" + " ".join(f"{_n(px)},{_n(py)}" for px, py in seg[1:]))
            out.append(f'<path d="{" ".join(d)}" fill="none" stroke="{EDGE}" stroke-width="1.4" '
                       'marker-end="url(#autograd-lab-arrow)"/>')
        elif kind == "polyline":
            _, points, color, width = item
            pts = " ".join(f"{_n(px)},{_n(py)}" for px, py in points)
            out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="{_n(width)}" '
                       'stroke-linejoin="round"/>')
        elif kind == "circle":
            _, x, y, r, fill, stroke = item
            out.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{fill}" stroke="{stroke}"/>')
        elif kind == "group":
            out.append(f"<g><title>{escape(item[1])}</title>")
        else:
            out.append("</g>")
    return "\n".join(out) + "\n</svg>\n"


def render_svg(graph, layout, notes=(), timeline=None, legend=True, header=None, width=None):
    """SVG text for ``graph`` (a ``DrawGraph``) placed by ``layout``, with optional ``notes``
    above, a gradient ``timeline`` (see ``timeline_table``) and the colour legend below.

    >>> svg = render_svg(view, layered_layout(view))
    >>> svg.startswith("<svg")
    True
    """
    return to_svg(compose(graph, layout, notes, timeline, legend, header, width=width))


def compose(graph, layout, notes=(), timeline=None, legend=True, header=None, width=None):
    """The whole picture as a ``Canvas``: header and notes, the graph, the timeline, the legend.

    Notes, the timeline and the legend wrap to fit ``width`` px (None: ``settings.width``, the
    course's output column); the graph is as ``layout`` placed it (``fit.fit_layout`` fits it).
    """
    column = (settings.width if width is None else width) - 2 * MARGIN
    svg = Canvas()
    y = MARGIN
    right = layout.width
    top = []
    if header:
        top.append((header, "header"))
    top += [(n, "note") for n in list(notes) + list(graph.notes)]
    for text, role in top:
        w, h = svg.lines_box(MARGIN, y, wrap(text, column), role, bold_first=role == "header")
        right = max(right, w)
        y += h + 6
    if top:
        y += SECTION_GAP - 6
    gx, gy = MARGIN, y
    # The opened modules' frames first (outer before inner), then edges, so boxes sit on top of the arrow ends.
    for x, fy, w, h, label, title, (lx, ly) in layout.frames:
        svg.items.append(("group", title))
        svg.rect(gx + x, gy + fy, w, h, "frame", rx=6)
        svg.text(gx + lx + PAD_X, gy + ly + FONT_SIZE + 1, label, bold=True)
        svg.items.append(("end",))
    for s, d, times, pts in layout.edges:
        svg.path(_path(pts, gx, gy, layout.direction))
    for s, d, times, pts in layout.edges:
        if times > 1:
            # "used 2×" beside the arrow's start, clear of the target box and arrowhead (in LR the
            # layout leaves the gap wide enough).
            (x1, y1) = pts[0]
            dx, dy = (BADGE_GAP, -30) if layout.direction == "LR" else (8, 4)
            svg.lines_box(gx + x1 + dx, gy + y1 + dy, [uses_label(times)], "uses", bold_first=False)
    for nid, node in graph.nodes.items():
        box = layout.boxes[nid]
        svg.lines_box(gx + box.x, gy + box.y, node.lines, node.role, freed=node.freed_lines,
                      title=node.title, dashed=node.kind in ("collapsed", "more"))
    y = gy + layout.height + SECTION_GAP
    if timeline:  # a table (``timeline_table``), or a chart that draws itself (``flow.GradientFlowChart``)
        draw = getattr(timeline, "draw", None)
        w, h = draw(svg, MARGIN, y, column) if draw else _timeline(svg, MARGIN, y, timeline, column)
        right = max(right, w)
        y += h + SECTION_GAP
    if legend:
        used = {n.role for n in graph.nodes.values()}
        if any(n.freed_lines for n in graph.nodes.values()):
            used.add("freed")
        if any(times > 1 for _, _, times in graph.edges):
            used.add("uses")
        if layout.frames:
            used.add("frame")
        x, h = MARGIN, 0
        for role in (r for r in LEGEND_ROLES if r in used):
            label = STYLE[role][2]
            w = box_size([label])[0]
            if x > MARGIN and x + w > MARGIN + column:  # the next row
                x, y = MARGIN, y + h + 6
            w, h = svg.lines_box(x, y, [label], role, bold_first=False, freed=(0,) if role == "freed" else ())
            x += w + 6
            right = max(right, x - 6 - MARGIN)
        y += h
    svg.width = round(right + 2 * MARGIN, 1)
    svg.height = round(y + MARGIN, 1)
    return svg


def wrap(text, width):
    """``text`` as lines that fit a box ``width`` px wide, broken at spaces (a word longer than
    a line is broken where it must)."""
    most = max(1, int((width - 2 * PAD_X) // text_width("x")))
    lines = []
    for word in text.split(" "):
        while len(word) > most:
            if lines and len(lines[-1]) + 1 < most:
                room = most - len(lines[-1]) - 1
                lines[-1] += " " + word[:room]
                word = word[room:]
            else:
                lines.append(word[:most])
                word = word[most:]
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _path(pts, gx, gy, direction):
    """A smooth path through the edge's points: straight runs inside a layer's band, S-curves
    across the gap between layers (the curve's handles stay in the gap)."""
    pts = [(gx + x, gy + y) for x, y in pts]
    d = [("M", pts[0])]
    for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
        if direction == "TB" and x1 != x2:
            m = (y1 + y2) / 2
            d.append(("C", (x1, m), (x2, m), (x2, y2)))
        elif direction == "LR" and y1 != y2:
            m = (x1 + x2) / 2
            d.append(("C", (m, y1), (m, y2), (x2, y2)))
        else:
            d.append(("L", (x2, y2)))
    return d


def timeline_table(events, width=22, n_events=None, full_events=None):
    """The gradient timeline as rows of text: a header of events, then one row per leaf with its
    ``.grad`` after each event. Long runs keep the first and last columns. ``n_events``: how many
    events the cell had, when ``events`` keeps only some (``trace.sampled_event``: all of the
    first ``full_events``, then events 2**k and the last): each column then says which event it is."""
    if sum(1 for e in events if e.kind == "backward") < 2 and not (n_events or 0) > len(events):
        return None
    sampled = n_events is not None and n_events > len(events)
    columns = list(events)
    if len(columns) > MAX_TIMELINE_COLUMNS:
        columns = columns[: MAX_TIMELINE_COLUMNS - 4] + [None] + columns[-3:]
    leaves = []
    for e in events:
        for name in e.grads:
            if name not in leaves:
                leaves.append(name)
    hidden = max(0, len(leaves) - MAX_TIMELINE_ROWS)
    leaves = leaves[:MAX_TIMELINE_ROWS]
    header = [("leaf .grad after", "header")]
    for e in columns:
        label = None if e is None else e.label if not sampled else f"#{e.number} {e.label}"
        header.append(("…", "header") if e is None else (label, "header" if e.kind == "backward" else "event"))
    rows = [header]
    for name in leaves:
        row = [(name, "leaf")]
        for e in columns:
            if e is None:
                row.append(("…", "note"))
            elif name in e.grads:
                row.append((format_value(e.grads[name], width), "note" if e.kind == "backward" else "event"))
            else:
                row.append(("", "note"))
        rows.append(row)
    omitted = (n_events if sampled else len(events)) - (len(columns) - (1 if None in columns else 0))
    return {"rows": rows, "omitted_events": omitted, "hidden_leaves": hidden, "sampled": sampled,
            "full_events": full_events}


def _timeline(svg, x0, y0, table, width):
    """Draw the timeline table at (x0, y0): its title, then its columns in as many blocks, one
    below the other, as ``width`` px need (each block repeats the leaf names). Returns its size."""
    rows = table["rows"]
    ncol = len(rows[0])
    col_w = [max(text_width(r[c][0]) for r in rows) + 2 * PAD_X for c in range(ncol)]
    h = LINE_HEIGHT + 2 * PAD_Y - 4
    title = "gradient timeline: each leaf's .grad after each event"
    if table.get("sampled"):
        full = table.get("full_events") or 0
        powers = [2 ** k for k in range(1, 12) if 2 ** k > full][:3]
        title += (f" ({count(table['omitted_events'], 'event')} not shown: the .grad was copied after the first "
                  f"{full} events, then after events {', '.join(map(str, powers))}, …, and at the end after the last)")
    elif table["omitted_events"]:
        title += f" ({count(table['omitted_events'], 'event')} in the middle not shown)"
    if table["hidden_leaves"]:
        title += f", {count(table['hidden_leaves'], 'more leaf', 'more leaves')} not shown"
    tw, th = svg.lines_box(x0, y0, wrap(title, width), "header")
    blocks, block = [], []
    for c in range(1, ncol):
        if block and col_w[0] + sum(col_w[k] + 2 for k in block) + 2 + col_w[c] > width:
            blocks.append(block)
            block = []
        block.append(c)
    blocks.append(block)
    y = y0 + th + 4
    right = tw
    for b, block in enumerate(blocks):
        if b:
            y += 6
        for r, row in enumerate(rows):
            x = x0
            for c in [0] + block:
                text, role = row[c]
                svg.rect(x, y, col_w[c], h, role, rx=2)
                svg.text(x + PAD_X, y + h / 2 + FONT_SIZE / 2 - 2, text, bold=r == 0 or c == 0)
                x += col_w[c] + 2
            right = max(right, x - 2 - x0)
            y += h + 2
    return right, y - y0
