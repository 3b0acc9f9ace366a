"""Layout of a graph whose boxes sit in nested frames: the modules the module view opened.

Each frame is laid out on its own, from the innermost out (``layered_layout`` on what it holds:
its boxes, and each frame inside it as one box of that frame's size), so no box of another
module ever falls inside a frame. Its first layer holds its label and one invisible port per box
outside that sends an arrow in; its last layer one port per box inside that sends an arrow out.
An arrow that crosses frames is drawn as one path: inside its source's frames to their ports,
between the frames, then inside its target's frames from their ports.

>>> lay = framed_layout(module_view(view, model, 2), "TB", max_width=944)
>>> lay.frames[0][4]
'layer: TransformerEncoderLayer'
"""
from dataclasses import replace

from .layout import CHAR_WIDTH, LINE_HEIGHT, PAD_X, Layout, box_size, layered_layout
from .views import DrawGraph, DrawNode

FRAME_PAD = 8  # between a frame's border and what it holds
PORT = 6  # an invisible port's size
LABEL_HEIGHT = LINE_HEIGHT + 2  # a frame's label: one line of bold text


def framed_layout(graph, direction="TB", max_width=None):
    """A ``Layout`` of ``graph`` (with ``graph.frames``) like ``layered_layout``'s, and
    ``frames``: ``(x, y, w, h, label, tooltip, (label box x, y))`` of each frame, outer first.
    ``max_width`` (top to bottom): the width each frame's layout must fit, less its borders."""
    frames = graph.frames
    frame_of = {n: f if f in frames else None for n, f in graph.frame_of.items()}
    chain = {None: []}

    def chain_of(f):  # the frames from the outermost down to f
        if f not in chain:
            chain[f] = chain_of(frames[f][1] if frames[f][1] in frames else None) + [f]
        return chain[f]

    node_chain = {n: chain_of(frame_of.get(n)) for n in graph.nodes}
    # An arrow into a frame itself ends at its place in the frame around it.
    edges = list(graph.edges)
    for s, f in graph.frame_inputs:
        if f in frames and s in node_chain:
            node_chain[_frame_id(f)] = chain_of(frames[f][1] if frames[f][1] in frames else None)
            edges.append((s, _frame_id(f), 1))
    children = {}
    for f in frames:
        parent = frames[f][1] if frames[f][1] in frames else None
        children.setdefault(parent, []).append(f)
    used = {f for c in node_chain.values() for f in c}

    def item(n, f):
        """What stands for node ``n`` in frame ``f``'s layout (n itself, or the frame inside f
        that holds it), None when ``n`` is not in ``f``."""
        c = node_chain[n]
        depth = 0 if f is None else (c.index(f) + 1 if f in c else None)
        if depth is None:
            return None
        return n if depth == len(c) else _frame_id(c[depth])

    lays, sizes, labels = {}, {}, {}

    def lay(f, budget):
        inner = [k for k in children.get(f, []) if k in used]
        for k in inner:
            lay(k, None if budget is None else budget - 2 * FRAME_PAD)
        sub = DrawGraph()
        size, pinned = {}, {}
        if f is not None:
            labels[f] = _fit_label(frames[f][0], budget)
            sub.nodes[_label_id(f)] = DrawNode(_label_id(f), "label", "note", [labels[f]], "")
            pinned[_label_id(f)] = "first"
            size[_label_id(f)] = (box_size([labels[f]])[0], LABEL_HEIGHT)
        for n in graph.nodes:
            if frame_of.get(n) == f:
                sub.nodes[n] = graph.nodes[n]
        for k in inner:
            sub.nodes[_frame_id(k)] = DrawNode(_frame_id(k), "frame", "note", [""], "")
            size[_frame_id(k)] = sizes[k]
        counts = {}
        for s, d, times in edges:
            a, b = item(s, f), item(d, f)
            if a is None and b is None or a == b:
                continue
            if a is None:
                a = _port_id("in", s)
                pinned[a] = "first"
            elif b is None:
                b = _port_id("out", s)
                pinned[b] = "last"
            for p in (a, b):
                if p not in sub.nodes:
                    sub.nodes[p] = DrawNode(p, "port", "note", [""], "")
                    size[p] = (PORT, PORT)
            direct = a in graph.nodes and b in graph.nodes
            counts[(a, b)] = times if direct else 1
        sub.edges = [(a, b, times) for (a, b), times in counts.items()]
        out = layered_layout(sub, direction, max_width=budget, sizes=size, pinned=pinned)
        lays[f] = out
        if f is not None:
            sizes[f] = (round(out.width + 2 * FRAME_PAD, 1), round(out.height + 2 * FRAME_PAD, 1))

    lay(None, max_width)
    return _place(graph, edges, lays, frames, labels, children, used, item, node_chain, direction)


def _frame_id(f):
    return f"\x00frame {f}"


def _label_id(f):
    return f"\x00label {f}"


def _port_id(kind, n):
    return f"\x00{kind} {n}"


def _fit_label(label, budget):
    if budget is None:
        return label
    most = max(1, int((budget - 2 * PAD_X) // CHAR_WIDTH))
    return label if len(label) <= most else label[: most - 1] + "…"


def _place(graph, edges, lays, frames, labels, children, used, item, node_chain, direction):
    """The frames' layouts put together in the root's coordinates."""
    tb = direction == "TB"
    root = lays[None]
    out = Layout(width=root.width, height=root.height, direction=direction)
    origin = {None: (0.0, 0.0)}
    rects = {}
    order = [None]
    for f in order:  # outer first
        ox, oy = origin[f]
        for k in children.get(f, []):
            if k not in used:
                continue
            b = lays[f].boxes[_frame_id(k)]
            rects[k] = (round(ox + b.x, 1), round(oy + b.y, 1), b.w, b.h)
            origin[k] = (ox + b.x + FRAME_PAD, oy + b.y + FRAME_PAD)
            order.append(k)
    for f in order[1:]:
        x, y, w, h = rects[f]
        lb = lays[f].boxes[_label_id(f)]
        ox, oy = origin[f]
        out.frames.append((x, y, w, h, labels[f], frames[f][2], (round(ox + lb.x, 1), round(oy + lb.y, 1))))
    for n in graph.nodes:
        f = node_chain[n][-1] if node_chain[n] else None
        ox, oy = origin[f]
        b = lays[f].boxes[n]
        out.boxes[n] = replace(b, x=round(ox + b.x, 1), y=round(oy + b.y, 1))
    paths = {f: {(s, d): pts for s, d, _, pts in lay.edges} for f, lay in lays.items()}

    def along(p):
        return p[0] if tb else p[1]

    def across(p):
        return p[1] if tb else p[0]

    def point(a, c):
        return (round(a, 1), round(c, 1)) if tb else (round(c, 1), round(a, 1))

    def seg(f, a, b):
        ox, oy = origin[f]
        return [(x + ox, y + oy) for x, y in paths[f][(a, b)]]

    def band(f, n):
        lo, hi = lays[f].bands[n]
        shift = origin[f][1] if tb else origin[f][0]
        return lo + shift, hi + shift

    def moved_start(pts, f, n, to):
        """``pts`` with its run inside the band of ``n`` (its start) moved along to ``to``."""
        _, hi = band(f, n)
        out_pts = list(pts)
        for i, p in enumerate(out_pts):
            if across(p) > hi + 0.05:
                break
            out_pts[i] = point(to, across(p))
        return out_pts

    def moved_end(pts, f, n, to):
        lo, _ = band(f, n)
        out_pts = list(pts)
        for i in range(len(out_pts) - 1, -1, -1):
            if across(out_pts[i]) < lo - 0.05:
                break
            out_pts[i] = point(to, across(out_pts[i]))
        return out_pts

    def inner_frame(f, s):
        k = item(s, f)
        return k[len("\x00frame "):] if k != s and k.startswith("\x00frame ") else None

    def leaving(s, k):
        """From ``s`` to the far border of frame ``k`` (which holds it), through its port."""
        a = item(s, k)
        pts = seg(k, a, _port_id("out", s))
        c = inner_frame(k, s)
        if c is not None:
            before = leaving(s, c)
            pts = before + moved_start(pts, k, a, along(before[-1]))
        x, y, w, h = rects[k]
        return pts + [point(along(pts[-1]), y + h if tb else x + w)]

    def entering(s, d, k):
        """From the near border of frame ``k`` (which holds ``d``) through the port of ``s`` to ``d``."""
        b = item(d, k)
        pts = seg(k, _port_id("in", s), b)
        c = inner_frame(k, d)
        if c is not None:
            after = entering(s, d, c)
            pts = moved_end(pts, k, b, along(after[0])) + after
        x, y, w, h = rects[k]
        return [point(along(pts[0]), y if tb else x)] + pts

    for s, d, times in edges:
        if s == d:  # (never from autograd)
            continue
        cs, cd = node_chain[s], node_chain[d]
        common = None
        for a, b in zip(cs, cd):
            if a != b:
                break
            common = a
        a, b = item(s, common), item(d, common)
        pts = seg(common, a, b)
        if a != s:
            before = leaving(s, inner_frame(common, s))
            pts = before + moved_start(pts, common, a, along(before[-1]))
        if b != d:
            after = entering(s, d, inner_frame(common, d))
            pts = moved_end(pts, common, b, along(after[0])) + after
        clean = []
        for p in pts:
            p = (round(p[0], 1), round(p[1], 1))
            if not clean or clean[-1] != p:
                clean.append(p)
        out.edges.append((s, d, times, clean))
    return out

