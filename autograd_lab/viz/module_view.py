"""The module view: the ops of a ``DrawGraph`` grouped by the ``nn.Module`` call that made them.

A module call below the opened depth is one box, labelled with its path and class
(``layer.self_attn: MultiheadAttention``), its parameters and how many ops it holds; arrows
between boxes follow the graph. ``depth`` opens that many levels of modules (0: every top-level
module a box). Consecutive sibling calls of the same structure (a 30-layer Linear/Tanh stack)
are one box with a count, ``(Linear, Tanh) × 30``. A module's parameters and buffers, and unnamed
constants, go into the box of every op that takes them; named tensors (the model's input, a
named output) stay drawn.

>>> g = module_view(dataflow_view(model), model, depth=default_depth(dataflow_view(model), model))
"""
from dataclasses import replace

from ..parity.messages import shape_str
from .views import DrawGraph, DrawNode
from .words import count

# The default depth is the deepest whose picture has at most this many boxes (tensors included).
MAX_DEFAULT_BOXES = 20
MIN_REPEATS = 3  # consecutive sibling blocks of one structure drawn as one box from this many
MAX_PERIOD = 4  # modules in one repeated block (Linear, Tanh: 2)


def check_depth(depth):
    """``depth`` if it is a module depth a picture can be drawn at (None, "all" or a whole number
    from 0), else a ValueError saying why."""
    if depth is None or depth == "all" or (type(depth) is int and depth >= 0):
        return depth
    raise ValueError(f"depth must be a whole number of module levels to open (0, 1, 2, ...), 'all' "
                     f"(every op) or None (chosen to fit), not {depth!r}")


def levels(model):
    """How many levels of modules nest in ``model`` (0: no module call made a drawn op)."""
    return max((len(_chain(model, g)) for g in model.modules), default=0)


def default_depth(g, model):
    """The deepest depth (``levels(model)``: every op drawn) whose module view of ``g`` has at
    most ``MAX_DEFAULT_BOXES`` boxes; 0 when none has."""
    for depth in range(levels(model), 0, -1):
        if len(module_view(g, model, depth).nodes) <= MAX_DEFAULT_BOXES:
            return depth
    return 0


def module_view(g, model, depth):
    """``g`` (from ``dataflow_view`` or ``autograd_view`` of ``model``) with every module call
    more than ``depth`` levels down drawn as the box of its ancestor at level ``depth``."""
    if not model.modules:
        return g
    group = _groups_of_nodes(g, model)
    box_of = {}  # node id -> the group id of its box
    within = {}  # node id drawn as it is -> the modules it is in (for its tooltip)
    for nid, gid in group.items():
        if gid is not None:
            chain = _chain(model, gid)
            if len(chain) > depth:
                box_of[nid] = chain[depth]
            else:
                within[nid] = " > ".join(model.modules[k].label for k in chain)
    g = _with_module_tooltips(g, within)
    frame_of = {nid: gid for nid, gid in group.items() if gid is not None and nid not in box_of}
    if not box_of:
        return _framed(g, model, frame_of)
    members = {}
    for nid, gid in box_of.items():
        members.setdefault(gid, []).append(nid)
    runs = _repeated_runs(g, model, members)
    runs = [piece for run in runs for piece in _without_cycle(g, box_of, run)]
    merged = {}  # group id -> the id of the box it is drawn in
    boxes = {}
    for run, period in runs:
        bid = run[0]
        for gid in run:
            merged[gid] = bid
        boxes[bid] = _box(g, model, run, period, [m for gid in run for m in members[gid]])
    replaced = {nid: merged[gid] for nid, gid in box_of.items()}
    hidden = _shared_in_boxes(g, model, group, replaced)
    out = DrawGraph(notes=list(g.notes))
    for nid, node in g.nodes.items():
        bid = replaced.get(nid)
        if nid in hidden:
            continue
        if bid is None:
            out.nodes[nid] = node
        elif bid not in out.nodes:
            out.nodes[bid] = boxes[bid]
    touching = set()
    for s, d, n in g.edges:
        s2, d2 = replaced.get(s, s), replaced.get(d, d)
        if s2 == d2 or s in hidden or d in hidden:
            continue
        if s2 in boxes or d2 in boxes:  # one arrow between a box and what it touches
            if (s2, d2) not in touching:
                touching.add((s2, d2))
                out.add_edge(s2, d2)
        else:
            for _ in range(n):
                out.add_edge(s2, d2)
    # A constant the module was called with reaches its box, even when no drawn op of it shows
    # taking it (PyTorch's multi-op functions hide their constants: src -> self_attn).
    for bid in boxes:
        for tid in model.modules[bid].inputs:
            rec = model.tensors.get(tid)
            if tid in out.nodes and rec.is_leaf and not rec.requires_grad and (tid, bid) not in touching:
                touching.add((tid, bid))
                out.add_edge(tid, bid)
    for bid in boxes:
        if model.modules[bid].parent is not None:
            frame_of[bid] = model.modules[bid].parent
    out = _framed(out, model, frame_of)
    opened = "no module opened" if depth == 0 else f"{count(depth, 'level')} of modules opened"
    out.notes.append(f"Ops are grouped by the module that ran them, {opened} (--depth {depth}; "
                     f"--depth all draws every op).")
    return out


def _framed(g, model, frame_of):
    """``g`` with the frames of the opened modules: ``frame_of`` (node id -> the group it is drawn
    in) for the nodes drawn, and each of those groups and the groups around them a frame."""
    g.frame_of = {nid: gid for nid, gid in frame_of.items() if nid in g.nodes}
    g.frames = {}
    for gid in sorted(set(g.frame_of.values()), key=lambda k: model.modules[k].order):  # the same every run
        while gid is not None and gid not in g.frames:
            m = model.modules[gid]
            title = [m.label] + [f"{name}: {shape_str(shape)}" for name, shape in m.params]
            g.frames[gid] = (m.label, m.parent, "\n".join(title))
            gid = m.parent
    # A constant the module was called with, that no drawn op inside its frame takes: an arrow
    # to the frame (src -> layer.self_attn opened: multi_head_attention_forward hides it).
    within = {}
    for nid, gid in g.frame_of.items():
        while gid is not None:
            within.setdefault(gid, set()).add(nid)
            gid = model.modules[gid].parent
    into = {}
    for s, d, _ in g.edges:
        into.setdefault(s, set()).add(d)
    g.frame_inputs = []
    for gid in g.frames:
        for tid in model.modules[gid].inputs:
            rec = model.tensors.get(tid)
            if tid in g.nodes and tid not in within.get(gid, ()) and rec.is_leaf and not rec.requires_grad \
                    and not into.get(tid, set()) & within.get(gid, set()) and (tid, gid) not in g.frame_inputs:
                g.frame_inputs.append((tid, gid))
    return g


def _with_module_tooltips(g, within):
    """``g`` with a last tooltip line on each node of ``within`` naming the modules it is in."""
    nodes = {k: replace(n, title=f"{n.title}\nin module: {within[k]}") if k in within else n
             for k, n in g.nodes.items()}
    return DrawGraph(nodes=nodes, edges=list(g.edges), notes=list(g.notes))


def _chain(model, gid):
    """The group ids from the top-level call down to ``gid``."""
    chain = []
    while gid is not None:
        chain.append(gid)
        gid = model.modules[gid].parent
    return chain[::-1]


def _common(model, groups):
    """The deepest group holding all of ``groups`` (None when one is None or they share none)."""
    chains = [_chain(model, gid) for gid in groups if gid is not None]
    if not chains or len(chains) < len(groups):
        return None
    common = None
    for level in zip(*chains):
        if any(gid != level[0] for gid in level):
            break
        common = level[0]
    return common


def _shared_in_boxes(g, model, group, replaced):
    """The parameters and buffers in no group because calls of their module in different places
    took them (a model run twice: in a loop and after it) whose every taker is drawn inside a box:
    not drawn (each box's line counts its module's parameters), instead of one node each outside
    with an arrow into every box (a 30-layer MLP run twice: 60 nodes down the picture)."""
    takers = {}
    for s, d, _ in g.edges:
        takers.setdefault(s, []).append(d)
    hidden = set()
    for nid in g.nodes:
        if group.get(nid) is not None or nid in replaced:
            continue
        f = model.functions.get(nid)
        tid = f.variable if f is not None else nid  # (AccumulateGrad: as its leaf)
        if tid not in model.owned:
            continue
        users = takers.get(nid) or [s for s, d, _ in g.edges if d == nid]  # (autograd view: arrows to inputs)
        if users and all(u in replaced for u in users):
            hidden.add(nid)
    return hidden


def _groups_of_nodes(g, model):
    """``{node id: innermost group id or None}`` for every node of ``g``."""
    group = {}
    consumers, producers = {}, {}
    for s, d, _ in g.edges:
        consumers.setdefault(s, []).append(d)
        producers.setdefault(d, []).append(s)
    pending = []
    for nid, node in g.nodes.items():
        f = model.functions.get(nid)
        if f is not None and f.variable is None:
            group[nid] = model.module_of.get(nid)
            continue
        tid = f.variable if f is not None else nid  # AccumulateGrad: as its leaf
        rec = model.tensors.get(tid)
        if rec is None:
            group[nid] = None
        elif not rec.is_leaf:  # made by an op: in its box, unless the code named it
            group[nid] = None if rec.names and tid not in model.owned else model.module_of.get(rec.grad_fn)
        elif tid in model.owned or not rec.names:
            pending.append(nid)
        else:
            group[nid] = None
    # A parameter, buffer or unnamed constant goes where every op that takes it is.
    for nid in pending:
        # (In the autograd view arrows run from an op to its inputs.)
        users = consumers.get(nid) or producers.get(nid, [])
        group[nid] = _common(model, [group.get(u) for u in users]) if users else None
    return group


def _signature(g, model, gid, nids):
    m = model.modules[gid]
    return (m.cls, tuple(shape for _, shape in m.params),
            tuple(sorted(g.nodes[n].pattern or g.nodes[n].lines[0] for n in nids
                         if g.nodes[n].kind != "tensor")))


def _repeated_runs(g, model, members):
    """The boxes to draw, each ``(group ids, period)``: runs of ``MIN_REPEATS`` or more consecutive
    sibling blocks of one structure are one box, every other group a box of its own."""
    siblings = {}
    for gid in sorted(members, key=lambda k: model.modules[k].order):
        siblings.setdefault(model.modules[gid].parent, []).append(gid)
    runs = []
    for row in siblings.values():
        keys = [_signature(g, model, gid, members[gid]) for gid in row]
        i = 0
        while i < len(row):
            reps, p = 1, 1
            for period in range(1, MAX_PERIOD + 1):
                r = 1
                while keys[i + r * period: i + (r + 1) * period] == keys[i: i + period] and \
                        i + (r + 1) * period <= len(keys):
                    r += 1
                if r >= MIN_REPEATS and r * period > reps * p:
                    reps, p = r, period
            if reps >= MIN_REPEATS:
                runs.append((row[i: i + reps * p], p))
                i += reps * p
            else:
                runs.append(([row[i]], 1))
                i += 1
    runs.sort(key=lambda run: model.modules[run[0][0]].order)
    return runs


def _without_cycle(g, box_of, run):
    """``[run]`` when drawing the run's blocks as one box leaves the graph without a cycle, else
    each block a box of its own: one cell called in a loop with ops of the loop between its
    calls (``h = tanh(cell(h))``) is not drawn as one box with arrows out of it and back in."""
    blocks, period = run
    if len(blocks) == 1:
        return [run]
    merged = set(blocks)
    where = {nid: ("run" if gid in merged else gid) for nid, gid in box_of.items()}
    succs = {}
    for s, d, _ in g.edges:
        s2, d2 = where.get(s, s), where.get(d, d)
        if s2 != d2:
            succs.setdefault(s2, set()).add(d2)
    # Kahn's algorithm: a cycle leaves nodes that never become free.
    nodes = set(succs) | {d for ds in succs.values() for d in ds}
    waiting = dict.fromkeys(nodes, 0)
    for ds in succs.values():
        for d in ds:
            waiting[d] += 1
    free = [n for n in nodes if not waiting[n]]
    seen = 0
    while free:
        n = free.pop()
        seen += 1
        for d in succs.get(n, ()):
            waiting[d] -= 1
            if not waiting[d]:
                free.append(d)
    if seen == len(nodes):
        return [run]
    return [([gid], 1) for gid in blocks]


def _params_line(params):
    if not params:
        return None
    if len(params) <= 2:
        return ", ".join(f"{name} {shape_str(shape)}" for name, shape in params)
    values = 0
    for _, shape in params:
        n = 1
        for s in shape:
            n *= s
        values += n
    return f"{count(len(params), 'parameter')}, {values:,} values"


def _box(g, model, run, period, nids):
    """The box of the groups ``run`` (one group, or consecutive repeated blocks)."""
    # An op: a function node other than AccumulateGrad (the autograd view's node of a leaf).
    ops_in = [n for n in nids
              if g.nodes[n].kind != "tensor" and getattr(model.functions.get(n), "variable", None) is None]
    n_ops = len(ops_in)
    first = model.modules[run[0]]
    block = [model.modules[gid] for gid in run]
    if len(run) == 1:
        lines = [first.label]
        params = _params_line(first.params)
        title = [first.label] + [f"{name}: {shape_str(shape)}" for name, shape in first.params]
    else:
        reps = len(run) // period
        classes = [m.cls for m in block[:period]]
        last = block[-1]
        if len({m.path for m in block}) == 1:  # one module called again and again (an RNN cell)
            head = first.label
        else:
            head = f"{first.path} … {last.path}" if first.path and last.path else first.cls
        what = classes[0] if period == 1 else "(" + ", ".join(classes) + ")"
        lines = [head, f"{what} × {reps}"]
        params = _params_line([p for m in block[:period] for p in m.params])
        params = f"each: {params}" if params else None
        title = [f"{reps} consecutive blocks of the same structure ({', '.join(classes)}):"]
        title += [m.label for m in block]
    if params:
        lines.append(params)
    lines.append(count(n_ops, "op"))
    ops = {}
    for n in ops_in:
        name = g.nodes[n].lines[0]
        ops[name] = ops.get(name, 0) + 1
    title.append("ops: " + ", ".join(f"{name} ×{k}" if k > 1 else name for name, k in ops.items()))
    return DrawNode(run[0], "module", "module", lines, "\n".join(title))

