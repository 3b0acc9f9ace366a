"""Layered layout of a ``DrawGraph``: layers by data-flow depth, fewer crossings, sized boxes.

The classic Sugiyama steps, kept short: networkx orders the nodes topologically, each node goes
one layer past its deepest input, an edge spanning several layers gets a waypoint in each layer
it passes (so it runs between boxes, not through them), a few barycenter sweeps reduce the
crossings, and boxes are packed along each layer with a gap, so no two boxes overlap.

``fit_layout`` chooses the arrangement for a notebook's output column: left to right when the
graph fits the width, else top to bottom, a layer too wide for the column split into several
(see ``layered_layout``'s ``max_width``), and text lines too long for any box cut short. Text is
never made smaller: a large graph grows downwards.
"""
from dataclasses import dataclass, field, replace

from .views import main_chain

FONT_SIZE = 12
CHAR_WIDTH = 7.3  # monospace at 12px: every glyph the same width, so text width is exact
LINE_HEIGHT = 16
PAD_X, PAD_Y = 10, 7
NODE_GAP = 18  # between boxes of one layer
LAYER_GAP = {"TB": 44, "LR": 56}  # between layers
DUMMY_SIZE = 6
# Fitting a column, arrows passing a layer run this far apart (boxes keep NODE_GAP): a waypoint
# then takes WAYPOINT_PITCH - NODE_GAP along its layer, so that with the gap after it, it takes 8 px.
WAYPOINT_PITCH = 8
SWEEPS = 6
DEEP_LAYERS = 16  # above this many layers the main chain is drawn straight (see layered_layout)
PINNED_GAP = 20  # between a frame's first or last layer (its ports) and the next
BADGE_GAP = 16  # in LR, room on each side of the badge an arrow taken several times carries


@dataclass
class Box:
    x: float  # top-left corner
    y: float
    w: float
    h: float

    @property
    def cx(self):
        return self.x + self.w / 2

    @property
    def cy(self):
        return self.y + self.h / 2


@dataclass
class Layout:
    boxes: dict = field(default_factory=dict)  # node id -> Box
    edges: list = field(default_factory=list)  # (source, target, count, [(x, y), ...])
    width: float = 0
    height: float = 0
    direction: str = "TB"
    # node id -> (start, end) of its layer's band across the layers (y in TB, x in LR)
    bands: dict = field(default_factory=dict)
    # the opened modules' frames, outer first: (x, y, w, h, label, tooltip, (label x, y)) (frame_layout)
    frames: list = field(default_factory=list)


def text_width(text):
    return len(text) * CHAR_WIDTH


def box_size(lines):
    """The width and height of a box that fits ``lines`` with padding."""
    w = max(text_width(line) for line in lines) + 2 * PAD_X
    h = len(lines) * LINE_HEIGHT + 2 * PAD_Y
    return round(w, 1), float(h)


def uses_label(times):
    """The badge on an arrow whose input an op takes ``times`` times (``y * y``)."""
    return f"used {times}×"


def _layers(nodes, edges):
    """Layer of each node: one past its deepest input (longest path from the sources)."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from((s, d) for s, d in edges if s != d)
    if not nx.is_directed_acyclic_graph(g):  # never from autograd; be safe for hand-made graphs
        g.remove_edges_from(list(nx.find_cycle(g)))
        while not nx.is_directed_acyclic_graph(g):
            g.remove_edges_from(list(nx.find_cycle(g)))
    layer = {}
    for n in nx.topological_sort(g):
        preds = list(g.predecessors(n))
        layer[n] = max((layer[p] + 1 for p in preds), default=0)
    return layer, g


def narrowed(graph, max_width):
    """``graph`` with every text line that would make its box wider than ``max_width`` cut short
    with "…" (the tooltip keeps the whole text); ``graph`` itself when none is."""
    most = max(1, int((max_width - 2 * PAD_X) // CHAR_WIDTH))
    if all(len(line) <= most for n in graph.nodes.values() for line in n.lines):
        return graph
    nodes = {k: replace(n, lines=[line if len(line) <= most else line[: most - 1] + "…" for line in n.lines])
             for k, n in graph.nodes.items()}
    return replace(graph, nodes=nodes, edges=list(graph.edges), notes=list(graph.notes), _where={})


def layered_layout(graph, direction="TB", max_width=None, sizes=None, pinned=None):
    """Positions for every node of ``graph`` (a ``DrawGraph``) and a path for every edge.

    With ``max_width`` (top to bottom only), a layer whose boxes would be wider than that is
    split into several layers one below the other, until the whole layout fits (or each such
    layer holds one box). ``sizes``: ``{node id: (w, h)}`` for boxes not sized by their text (a
    frame's place); ``pinned``: ``{node id: "first" | "last"}``: nodes put in a first and a last
    layer of their own (where arrows enter and leave a frame).

    >>> lay = layered_layout(dataflow_view(model), "LR")
    >>> lay.boxes["t0"]
    Box(x=..., y=..., w=..., h=...)
    """
    if direction not in ("TB", "LR"):
        raise ValueError(f"direction must be 'TB' or 'LR', not {direction!r}")
    if max_width is None or direction != "TB":
        return _layered_layout(graph, direction, None, None, sizes, pinned)
    budget = max_width
    for _ in range(6):
        out = _layered_layout(graph, direction, budget, max_width, sizes, pinned)
        if out.width <= max_width:
            return out
        # Boxes are placed off centre to sit below their inputs: leave them more room.
        budget *= 0.9
    return out


def _layered_layout(graph, direction, budget, window, sizes=None, pinned=None):
    ids = list(graph.nodes)
    pairs = [(s, d) for s, d, _ in graph.edges]
    layer, _ = _layers(ids, pairs)
    pinned = pinned or {}
    # Pull sources towards their consumers: a leaf sits just before its first use.
    succ = {n: [] for n in ids}
    for s, d in pairs:
        if s != d:
            succ[s].append(d)
    for n in reversed(ids):
        if succ[n] and n not in pinned and all(layer[d] > layer[n] for d in succ[n]):
            layer[n] = max(layer[n], min(layer[d] for d in succ[n]) - 1)
    if pinned:
        _pin(ids, layer, pinned)
    sizes = sizes or {}
    size = {n: sizes[n] if n in sizes else box_size(graph.nodes[n].lines) for n in ids}
    if budget is not None:
        layer = _split_wide_layers(ids, layer, pairs, size, budget)

    # Waypoints: an edge over k layers becomes k segments through k - 1 dummy nodes. Fitting a
    # column (a budget), the arrows from one box share their waypoints in a layer, one bundle.
    chains = []  # per edge: list of node ids from source to target
    n_layers = max(layer.values(), default=-1) + 1
    rows = [[] for _ in range(n_layers)]
    for n in ids:
        rows[layer[n]].append(n)
    for i, (s, d) in enumerate(pairs):
        path = [s]
        for k in range(layer[s] + 1, layer[d]):
            dummy = ("dummy", i if budget is None else s, k)
            if dummy not in layer:
                layer[dummy] = k
                size[dummy] = (DUMMY_SIZE if budget is None else WAYPOINT_PITCH - NODE_GAP, DUMMY_SIZE)
                rows[k].append(dummy)
            path.append(dummy)
        path.append(d)
        chains.append(path)
    up = {}
    down = {}
    linked = set()
    for path in chains:
        for a, b in zip(path, path[1:]):
            if budget is not None and (a, b) in linked:  # a segment to or from a shared waypoint, once
                continue
            linked.add((a, b))
            down.setdefault(a, []).append(b)
            up.setdefault(b, []).append(a)
    _reduce_crossings(rows, up, down)

    # Coordinates: "along" runs across a layer, "across" from one layer to the next.
    tb = direction == "TB"
    along = lambda n: size[n][0] if tb else size[n][1]  # noqa: E731
    across = lambda n: size[n][1] if tb else size[n][0]  # noqa: E731
    pos = {}
    for row in rows:
        x = 0.0
        for n in row:
            pos[n] = x + along(n) / 2
            x += along(n) + NODE_GAP
    # A box wants the middle of its neighbours. Along a deep graph that drifts: an op sits between
    # its input on the chain and its weight and bias, the next op between that and its own side
    # inputs, and so on, a box further per layer. There the main chain (the longest path) goes
    # straight and is placed first, then the long arrows, then the side inputs around them (also
    # in a collapsed deep graph, which has few layers left but the same side inputs).
    deep = len(rows) > DEEP_LAYERS or any(graph.nodes[n].kind == "collapsed" for n in ids)
    lead = _chain_leads(ids, pairs, chains) if deep else None
    for sweep in range(SWEEPS):
        order = range(1, len(rows)) if sweep % 2 == 0 else range(len(rows) - 2, -1, -1)
        nbrs = up if sweep % 2 == 0 else down
        for r in order:
            if lead is None:
                _place_row(rows[r], pos, along, nbrs)
            else:
                _place_row_by_priority(rows[r], pos, along, nbrs, lead[sweep % 2])
    if window is not None:
        _into_window(rows, pos, along, window)
    lo = min((pos[n] - along(n) / 2 for row in rows for n in row), default=0)
    depth = []
    for row in rows:
        depth.append(max((across(n) for n in row), default=0))
    gaps = [LAYER_GAP[direction]] * len(rows)
    if pinned and len(rows) > 1:  # a frame's ports (and label): close to what they join
        if all(pinned.get(n) == "first" for n in rows[0] if not isinstance(n, tuple)):
            gaps[0] = PINNED_GAP
        if all(pinned.get(n) == "last" for n in rows[-1] if not isinstance(n, tuple)):
            gaps[-2] = PINNED_GAP
    if not tb:  # room for the badge of an arrow taken several times, beside its start
        for (s, d, times) in graph.edges:
            if times > 1 and s in layer:
                badge = text_width(uses_label(times)) + 2 * PAD_X + 2 * BADGE_GAP
                gaps[layer[s]] = max(gaps[layer[s]], badge)
    start = []
    c = 0.0
    for d, gap in zip(depth, gaps):
        start.append(c)
        c += d + gap
    out = Layout(direction=direction)
    centre = {}
    for r, row in enumerate(rows):
        mid = start[r] + depth[r] / 2
        for n in row:
            a = pos[n] - lo
            centre[n] = (a, mid)
            if not isinstance(n, tuple):
                out.bands[n] = (round(start[r], 1), round(start[r] + depth[r], 1))
            if not isinstance(n, tuple):
                w, h = size[n]
                cx, cy = (a, mid) if tb else (mid, a)
                out.boxes[n] = Box(round(cx - w / 2, 1), round(cy - h / 2, 1), w, h)
    for (s, d, count), path in zip(graph.edges, chains):
        pts = []
        for j, n in enumerate(path):
            a, mid = centre[n]
            r = layer[n]
            half = depth[r] / 2
            if j > 0:  # enter at this layer's near edge, then straight to the box
                pts.append((a, mid - half))
            if j == 0 or j == len(path) - 1:
                half_n = across(n) / 2
                if j == len(path) - 1:
                    pts.append((a, mid - half_n))
                if j == 0:
                    pts.append((a, mid + half_n))
            if j < len(path) - 1:
                pts.append((a, mid + half))
        if not tb:
            pts = [(m, a) for a, m in pts]
        out.edges.append((s, d, count, _dedupe([(round(x, 1), round(y, 1)) for x, y in pts])))
    extent = max((pos[n] - lo + along(n) / 2 for row in rows for n in row), default=0)
    total = start[-1] + depth[-1] if rows else 0
    out.width, out.height = (extent, total) if tb else (total, extent)
    return out


def _pin(ids, layer, pinned):
    """Put the ``pinned`` nodes alone in a first layer ("first") and a last layer ("last")."""
    first = [n for n in ids if pinned.get(n) == "first"]
    rest = [n for n in ids if n not in pinned]
    shift = 1 if first else 0
    for n in rest:
        layer[n] += shift
    for n in first:
        layer[n] = 0
    end = max((layer[n] for n in rest), default=shift - 1) + 1
    for n in ids:
        if pinned.get(n) == "last":
            layer[n] = end


def _split_wide_layers(ids, layer, pairs, size, budget):
    """Layers renumbered so that no layer is wider than ``budget``: its boxes, their gaps and the
    waypoints of the arrows passing through it (one per box they come from). A wide layer is split
    into consecutive layers, which keeps every arrow pointing to a later layer: boxes with inputs
    first (their arrows in stay short), boxes without (leaves, constants) last, just before their
    ops. A box wider than ``budget`` gets a layer of its own."""
    rows = {}
    for n in ids:
        rows.setdefault(layer[n], []).append(n)
    preds = {n: set() for n in ids}
    succs = {n: set() for n in ids}
    for s, d in pairs:
        if s != d:
            preds[d].add(s)
            succs[s].add(d)
    out, next_layer = {}, 0
    for r in sorted(rows):
        row = sorted(rows[r], key=lambda n: not preds[n])  # stable: keeps the order within each
        over = {s for s, d in pairs if layer[s] < r < layer[d]}
        subs = _split_row(row, r, layer, preds, succs, size, over, budget)
        for sub in subs:
            for n in sub:
                out[n] = next_layer
            next_layer += 1
    return out


def _split_row(row, r, layer, preds, succs, size, over, budget):
    """The boxes of layer ``r`` in as few consecutive rows as keep each row, waypoints included,
    within ``budget`` (fewer boxes a row until they do, down to one)."""
    def widest(subs):
        most = 0
        for j, sub in enumerate(subs):
            ways = set(over)
            for later in subs[j + 1:]:
                for n in later:
                    ways |= preds[n]  # arrows into a later row pass this one
            for earlier in subs[:j]:
                ways |= {n for n in earlier if any(layer[d] > r for d in succs[n])}
            w = sum(size[n][0] for n in sub) + NODE_GAP * (len(sub) - 1)
            most = max(most, w + len(ways) * WAYPOINT_PITCH + (NODE_GAP if ways else 0))
        return most

    cap = budget
    while True:
        subs, used = [], None
        for n in row:
            w = size[n][0]
            if used is None or used + NODE_GAP + w > cap:
                subs.append([n])
                used = w
            else:
                subs[-1].append(n)
                used += NODE_GAP + w
        if all(len(sub) == 1 for sub in subs) or widest(subs) <= budget:
            return subs
        cap *= 0.85


def _into_window(rows, pos, along, window):
    """Move each row (whole, its gaps kept) into one band ``window`` wide, centred on the middle
    row's centre: rows that sit each below its inputs can drift apart wider than the column."""
    spans = []
    for row in rows:
        if row:
            spans.append((pos[row[0]] - along(row[0]) / 2, pos[row[-1]] + along(row[-1]) / 2))
    if not spans:
        return
    lo = min(a for a, _ in spans)
    hi = max(b for _, b in spans)
    if hi - lo <= window:
        return
    centres = sorted((a + b) / 2 for a, b in spans)
    left = centres[len(centres) // 2] - window / 2
    for row in rows:
        if not row:
            continue
        a, b = pos[row[0]] - along(row[0]) / 2, pos[row[-1]] + along(row[-1]) / 2
        if b - a > window:  # spread wider than the band: packed, its boxes a gap apart
            x = a
            for n in row:
                pos[n] = x + along(n) / 2
                x += along(n) + NODE_GAP
            b = x - NODE_GAP
        shift = left - a if a < left or b - a > window else (left + window - b if b > left + window else 0)
        for n in row:
            pos[n] += shift


def _dedupe(points):
    out = []
    for p in points:
        if not out or out[-1] != p:
            out.append(p)
    return out


def _reduce_crossings(rows, up, down):
    """Barycenter sweeps: sort each layer by the mean position of its neighbours in the layer
    before (down sweeps) or after (up sweeps); keep the order with the fewest crossings."""
    best = [list(r) for r in rows]
    best_cost = _crossings(rows, down)
    for sweep in range(SWEEPS):
        if sweep % 2 == 0:
            order, nbrs = range(1, len(rows)), up
        else:
            order, nbrs = range(len(rows) - 2, -1, -1), down
        for r in order:
            ref = rows[r - 1] if sweep % 2 == 0 else rows[r + 1]
            index = {n: i for i, n in enumerate(ref)}
            current = {n: i for i, n in enumerate(rows[r])}

            def key(n):
                ps = [index[p] for p in nbrs.get(n, ()) if p in index]
                return (sum(ps) / len(ps) if ps else current[n], current[n])

            rows[r].sort(key=key)
        cost = _crossings(rows, down)
        if cost < best_cost:
            best, best_cost = [list(r) for r in rows], cost
    rows[:] = best


def _crossings(rows, down):
    """How many pairs of edges cross between consecutive layers (counted by merging)."""
    total = 0
    for r in range(len(rows) - 1):
        index = {n: i for i, n in enumerate(rows[r + 1])}
        ends = []
        for n in rows[r]:
            ends.extend(sorted(index[d] for d in down.get(n, ()) if d in index))
        total += _inversions(ends)
    return total


def _inversions(seq):
    """Pairs out of order in ``seq`` (merge sort, n log n)."""
    if len(seq) < 2:
        return 0
    mid = len(seq) // 2
    left, right = seq[:mid], seq[mid:]
    count = _inversions(left) + _inversions(right)
    left.sort()
    right.sort()
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            i += 1
        else:
            count += len(left) - i
            j += 1
    return count


def _chain_leads(ids, pairs, chains):
    """For the boxes and waypoints of the main chain, the one neighbour each follows:
    ``(leader in the layer before, leader in the layer after)``; a waypoint of any other long
    arrow follows its arrow (``None``), every other box is missing from both."""
    chain = main_chain(ids, pairs)[0]
    on_chain = set(zip(chain, chain[1:]))
    before, after = {}, {}
    for (s, d), path in zip(pairs, chains):
        main = (s, d) in on_chain
        for a, b in zip(path, path[1:]):
            if main:
                before[b], after[a] = a, b
            else:
                for n in (a, b):
                    if isinstance(n, tuple):
                        before.setdefault(n, None)
                        after.setdefault(n, None)
    for n in chain:  # the chain's ends follow nothing, yet come first
        before.setdefault(n, n)
        after.setdefault(n, n)
    return before, after


def _place_row_by_priority(row, pos, along, nbrs, lead):
    """Place the boxes of a row one by one, chain first, then waypoints, then the rest, each as
    near its wish as the boxes already placed allow (with room kept for those between)."""
    def rank(i):
        n = row[i]
        if n not in lead:
            return (2, i)
        return (0 if lead[n] is not None else 1, i)

    placed = {}
    for i in sorted(range(len(row)), key=rank):
        n = row[i]
        leader = lead.get(n)
        if leader is not None and leader != n and leader in pos:
            x = pos[leader]
        else:
            ps = [pos[p] for p in nbrs.get(n, ()) if p in pos]
            x = sum(ps) / len(ps) if ps else pos[n]
        for j in range(i - 1, -1, -1):
            if j in placed:
                x = max(x, placed[j] + _span(row, j, i, along))
                break
        for j in range(i + 1, len(row)):
            if j in placed:
                x = min(x, placed[j] - _span(row, i, j, along))
                break
        placed[i] = x
    for i, n in enumerate(row):
        pos[n] = placed[i]


def _span(row, i, j, along):
    """The least distance between the centres of boxes ``i`` < ``j`` of a row, room for those between."""
    return along(row[i]) / 2 + sum(along(row[k]) for k in range(i + 1, j)) + along(row[j]) / 2 + (j - i) * NODE_GAP


def _place_row(row, pos, along, nbrs):
    """Move each box of a row towards the mean of its neighbours, keeping order and gaps."""
    if not row:
        return
    want = []
    for n in row:
        ps = [pos[p] for p in nbrs.get(n, ()) if p in pos]
        want.append(sum(ps) / len(ps) if ps else pos[n])
    # Left to right, then right to left, each time only as far as the gap allows; the mean of
    # the two keeps the row centred on what it wants without any overlap.
    fwd = []
    for i, n in enumerate(row):
        x = want[i]
        if i:
            x = max(x, fwd[-1] + (along(row[i - 1]) + along(n)) / 2 + NODE_GAP)
        fwd.append(x)
    bwd = [0.0] * len(row)
    for i in range(len(row) - 1, -1, -1):
        x = want[i]
        if i < len(row) - 1:
            x = min(x, bwd[i + 1] - (along(row[i + 1]) + along(row[i])) / 2 - NODE_GAP)
        bwd[i] = x
    for i, n in enumerate(row):
        pos[n] = (fwd[i] + bwd[i]) / 2
