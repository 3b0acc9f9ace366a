"""Views: from a ``GraphModel`` to the boxes and arrows to draw (``DrawGraph``).

Two views of the same model: the data-flow picture (tensors and the ops between them, arrows as
data flows) and the autograd picture (function nodes only, ``AccumulateGrad`` for leaves, arrows
along ``next_functions``, as PyTorch keeps the graph). Long repeated chains, and runs of repeated
blocks along the main chain (a deep model's layers), are collapsed here
when the picture would be too large.
"""
from dataclasses import dataclass, field

from ..parity.messages import shape_str
from .model import format_value
from .words import count

DEFAULT_MAX_NODES = 150


@dataclass
class DrawNode:
    id: str
    kind: str  # "tensor", "function", "collapsed", "more"
    role: str  # colour: leaf, const, nonleaf, retained, function, accumulate, collapsed
    lines: list  # text lines; the first is the title
    title: str  # the full details, shown as a tooltip
    freed_lines: tuple = ()  # indexes of lines that describe freed saved values
    # What repeats when a block repeats: the op's name, or a tensor's role, shape and dtype (its
    # name differs from layer to layer: model.0.weight, model.2.weight). None: the first line.
    pattern: str = None


@dataclass
class DrawGraph:
    nodes: dict = field(default_factory=dict)  # id -> DrawNode, in drawing order
    edges: list = field(default_factory=list)  # (source id, target id, count)
    notes: list = field(default_factory=list)
    _where: dict = field(default_factory=dict, repr=False, compare=False)  # (source, target) -> index
    # The module view's opened modules, each drawn as a frame around what it holds:
    # frame id -> (label, the frame it is in or None, tooltip); and node id -> its innermost frame.
    frames: dict = field(default_factory=dict)
    frame_of: dict = field(default_factory=dict)
    # (node id, frame id): a constant the opened module was called with and no op in its frame is
    # drawn taking (PyTorch's multi-op functions hide it): an arrow to the frame's border.
    frame_inputs: list = field(default_factory=list)

    def add_edge(self, src, dst):
        """An arrow from ``src`` to ``dst``, or one more on it (``a + a``)."""
        where = self._where
        if len(where) != len(self.edges):  # edges were appended directly: index them anew
            where.clear()
            where.update(((s, d), i) for i, (s, d, _) in enumerate(self.edges))
        i = where.get((src, dst))
        if i is None:
            where[(src, dst)] = len(self.edges)
            self.edges.append((src, dst, 1))
        else:
            self.edges[i] = (src, dst, self.edges[i][2] + 1)


def _tensor_label(rec):
    return ", ".join(rec.names) if rec.names else "(unnamed)"


def _grad_line(rec, model, backward_ran):
    if not rec.requires_grad:
        return None
    if rec.is_leaf or rec.retains_grad:
        if rec.grad is None:
            return "grad: None"
        return "grad: " + format_value(rec.grad, 26)
    if not backward_ran:
        return None
    return "grad: None ⚠" if model.read_nonleaf_grad else "grad: None"


def _tensor_node(rec, model, values, backward_ran):
    if rec.names:
        lines = [_tensor_label(rec), f"{shape_str(rec.shape)} {rec.dtype}"]
    else:  # a tensor the code gave no name: its shape is its title (no .grad to show, none is kept)
        lines = [f"{shape_str(rec.shape)} {rec.dtype}"]
    if values and rec.value is not None:
        lines.append(format_value(rec.value, 28))
    grad = _grad_line(rec, model, backward_ran) if rec.names or rec.is_leaf else None
    if grad:
        lines.append(grad)
    fn = model.functions.get(rec.grad_fn)
    title = [
        f"name: {_tensor_label(rec)}", f"shape: {shape_str(rec.shape)}", f"dtype: {rec.dtype}",
        f"value: {format_value(rec.value, 200)}",
        f"requires_grad: {rec.requires_grad}", f"is_leaf: {rec.is_leaf}",
    ]
    if rec.requires_grad:
        title.append(f"grad: {format_value(rec.grad, 200)}")
    title.append(f"grad_fn: {fn.name if fn else None}")
    pattern = f"{rec.role} {shape_str(rec.shape)} {rec.dtype}"
    return DrawNode(rec.id, "tensor", rec.role, lines, "\n".join(title), pattern=pattern)


def _function_node(rec, model, saved, role="function", extra=()):
    lines = [rec.name, *extra]
    freed = []
    if rec.id in model.repeats:
        n, read, total = model.repeats[rec.id], model.n_read_calls, model.n_backward_calls
        if read is None or total is None or read >= total:
            lines.append(f"built and backpropagated ×{n}")
        else:  # only some calls' graphs were read (trace.read_call): say what was seen
            lines += [f"{total:,} backward calls:", f"{read} read, {'all' if n == read else n} of this shape"]
    if saved:
        for s in rec.saved:
            if s.freed:
                freed.append(len(lines))
            lines.append(f"{s.name}: {s.preview}")
    title = [f"op: {rec.name}"] + [f"{s.name}: {'freed by backward' if s.freed else s.preview}" for s in rec.saved]
    title += list(extra)
    return DrawNode(rec.id, "function", role, lines, "\n".join(title), tuple(freed))


def dataflow_view(model, saved=False, values=True):
    """Tensors and ops, arrows as data flows: leaves -> ops -> outputs."""
    g = DrawGraph()
    backward_ran = bool(model.backward_calls or model.events) or any(
        t.grad is not None for t in model.tensors.values())
    produced = {}  # (function id, output_nr) -> tensor id
    for rec in model.tensors.values():
        if rec.grad_fn is not None:
            produced.setdefault((rec.grad_fn, rec.output_nr), rec.id)
    acc_var = {f.id: f.variable for f in model.functions.values() if f.variable is not None}
    # Leaves first, so the picture reads from its inputs.
    for rec in model.tensors.values():
        if rec.is_leaf:
            g.nodes[rec.id] = _tensor_node(rec, model, values, backward_ran)
    for f in model.functions.values():
        if f.variable is None:
            g.nodes[f.id] = _function_node(f, model, saved)
    for rec in model.tensors.values():
        if not rec.is_leaf:
            g.nodes[rec.id] = _tensor_node(rec, model, values, backward_ran)
            g.add_edge(rec.grad_fn, rec.id)
    for f in model.functions.values():
        if f.variable is not None:
            continue
        for nxt, nr in f.next:
            if nxt is None:
                continue
            src = acc_var.get(nxt) or produced.get((nxt, nr)) or nxt
            g.add_edge(src, f.id)
        if f.constants is not None:  # every constant the op took, as the traced code ran it
            for tid in f.constants:
                g.add_edge(tid, f.id)
            continue
        for s in f.saved:  # else those it saved (the picture of one tensor, %tracegraph x)
            if s.tensor is not None and model.tensors[s.tensor].role == "const":
                g.add_edge(s.tensor, f.id)
    # A constant is drawn as an input; one no drawn op took (indices an op saved) is left out.
    sources = {s for s, _, _ in g.edges}
    for rec in model.tensors.values():
        if rec.role == "const" and rec.id not in sources:
            del g.nodes[rec.id]
    return g


def autograd_view(model, saved=False, values=True):
    """Function nodes only, as PyTorch keeps them: arrows from a node to its next_functions."""
    g = DrawGraph()
    for f in model.functions.values():
        if f.variable is not None:
            var = model.tensors[f.variable]
            extra = [f"variable: {_tensor_label(var)} {shape_str(var.shape)}"]
            if values and var.grad is not None:
                extra.append("grad: " + format_value(var.grad, 26))
            g.nodes[f.id] = _function_node(f, model, saved, "accumulate", extra)
        else:
            g.nodes[f.id] = _function_node(f, model, saved)
    for f in model.functions.values():
        for nxt, _ in f.next:
            if nxt is not None:
                g.add_edge(f.id, nxt)
    return g


def collapse_chains(g, max_nodes=DEFAULT_MAX_NODES, min_repeats=3):
    """Above ``max_nodes``, replace runs of a repeated pattern along a chain (one arrow in, one
    out) by one node with a count; if still too large, keep the nodes nearest the outputs."""
    if len(g.nodes) <= max_nodes:
        return g
    ins, outs = {k: [] for k in g.nodes}, {k: [] for k in g.nodes}
    for s, d, n in g.edges:
        for _ in range(n):
            outs[s].append(d)
            ins[d].append(s)
    inner = {k for k in g.nodes if len(ins[k]) == 1 and len(outs[k]) == 1}
    replaced = {}  # node id -> collapsed node id
    new_nodes = {}
    seen = set()
    for start in g.nodes:
        if start not in inner or start in seen:
            continue
        # Walk to the head of this chain, then collect it in data-flow order.
        head = start
        while ins[head][0] in inner and ins[head][0] != start:
            head = ins[head][0]
        chain = [head]
        seen.add(head)
        while outs[chain[-1]][0] in inner and outs[chain[-1]][0] not in seen:
            chain.append(outs[chain[-1]][0])
            seen.add(chain[-1])
        keys = [g.nodes[k].lines[0] for k in chain]
        i = 0
        while i < len(chain):
            reps, p = _repeat_at(keys, i, 3, min_repeats)
            if reps >= min_repeats:
                members = chain[i: i + reps * p]
                cid = f"c{len(new_nodes)}"
                # The tensors between repeated ops are in the run; the ops name the pattern.
                ops = [k for k, m in zip(keys[i: i + p], chain[i: i + p]) if g.nodes[m].kind != "tensor"]
                pattern = " → ".join(ops or keys[i: i + p])
                n_tensors = sum(g.nodes[m].kind == "tensor" for m in members)
                what = (f"{count(len(members) - n_tensors, 'op')} and {count(n_tensors, 'tensor')}"
                        if ops and n_tensors else count(len(members), "node"))
                new_nodes[cid] = (members, DrawNode(
                    cid, "collapsed", "collapsed", [f"{pattern} × {reps}", f"({what} collapsed)"],
                    f"{reps} repetitions of {pattern} collapsed into this node ({count(len(members), 'node')})"))
                for m in members:
                    replaced[m] = cid
                i += reps * p
            else:
                i += 1
    if replaced:
        out = _with_collapsed(g, replaced, new_nodes)
        total = sum(len(m) for m, _ in new_nodes.values())
        out.notes.append(f"{count(total, 'node')} in {count(len(new_nodes), 'repeated chain')} are collapsed into "
                         f"one node each (graph larger than --max-nodes {max_nodes}).")
        g = out
    if len(g.nodes) > max_nodes:
        g = collapse_blocks(g, max_nodes, min_repeats)
    if len(g.nodes) > max_nodes:
        g = _keep_nearest_outputs(g, max_nodes)
    return g


MAX_BLOCK = 16  # spine nodes in one repeated block (a Linear + ReLU layer has 4: op, tensor, op, tensor)
KEEP_BLOCKS = 1  # repetitions drawn in full on each side of a collapsed run


def collapse_blocks(g, max_nodes=DEFAULT_MAX_NODES, min_repeats=3):
    """Above ``max_nodes``, draw a run of repeated blocks along the graph's main chain (a deep
    model's layers, an unrolled loop's steps) as its first and last two blocks and one node with
    the count between them.

    The main chain is the longest path. Every other node hangs off the chain: the nodes around
    it that touch the chain only within one block (a layer's weight, bias and ``TBackward0``, a
    constant input) belong to that block, those that touch it far apart (one weight used by
    every step of a loop) stay drawn, with one arrow and a count into the collapsed node. Blocks
    repeat when their ops, the tensors hanging off them (by role, shape and dtype, not by name)
    and their arrows along the chain (a skip connection) are the same.
    """
    if len(g.nodes) <= max_nodes:
        return g
    spine, keys, hanging = _blocks_along_spine(g)
    if not spine:
        return g
    runs = _repeated_runs(keys, min_repeats)
    if not runs:
        return g
    # A block is named from its op with the most inputs (a layer's op, with its weight and bias),
    # so the collapsed node reads "AddmmBackward0 → ReluBackward0", not "ReluBackward0 → Addmm...".
    inputs = {k: 0 for k in g.nodes}
    for _, d, n in g.edges:
        inputs[d] += n
    shifts = []
    for i, p, reps in runs:
        score = [inputs[spine[i + r]] if g.nodes[spine[i + r]].kind != "tensor" else -1 for r in range(p)]
        shifts.append(score.index(max(score)))
    for keep in range(KEEP_BLOCKS, -1, -1):
        middles = [(i + keep * p + r, p, reps - 2 * keep - (r > 0))
                   for (i, p, reps), r in zip(runs, shifts) if reps - 2 * keep - (r > 0) >= 2]
        out = _collapse_runs(g, spine, hanging, middles, keep, max_nodes)
        if len(out.nodes) <= max_nodes:
            break
    return out


def _pattern(node):
    return node.pattern if node.pattern is not None else node.lines[0]


def main_chain(ids, pairs):
    """The longest path through the graph of nodes ``ids`` and arrows ``pairs``, in data-flow
    order, with a topological order and the inputs and outputs of each node:
    ``(chain, order, preds, succs)``; ``([], ...)`` when the graph has a cycle.

    A tie goes to the input with the fewest uses, so a chain starts at its own input rather
    than at a weight shared by every step.

    >>> main_chain(["w", "x", "f", "y"], [("x", "f"), ("w", "f"), ("f", "y")])[0]
    ['x', 'f', 'y']
    """
    preds = {k: [] for k in ids}
    succs = {k: [] for k in ids}
    for s, d in pairs:
        if s != d:
            succs[s].append(d)
            preds[d].append(s)
    waiting = {k: len(preds[k]) for k in ids}
    order = [k for k in ids if not waiting[k]]  # Kahn's order: deterministic
    depth, best_pred = {}, {}
    i = 0
    while i < len(order):
        k = order[i]
        i += 1
        if preds[k]:
            top = max(depth[p] for p in preds[k])
            best_pred[k] = min((p for p in preds[k] if depth[p] == top), key=lambda p: len(succs[p]))
            depth[k] = top + 1
        else:
            depth[k] = 0
        for d in succs[k]:
            waiting[d] -= 1
            if not waiting[d]:
                order.append(d)
    if len(depth) != len(ids) or not ids:
        return [], order, preds, succs
    chain = [max(ids, key=lambda k: depth[k])]
    while chain[-1] in best_pred:
        chain.append(best_pred[chain[-1]])
    chain.reverse()
    return chain, order, preds, succs


def _blocks_along_spine(g):
    """The main chain (node ids, data-flow order), a key per chain position that is equal for
    positions that repeat, and ``{chain position: [ids hanging off it]}``."""
    spine, order, preds, succs = main_chain(list(g.nodes), [(s, d) for s, d, _ in g.edges])
    if not spine:  # a cycle: never from autograd; draw the graph as it is
        return [], [], {}
    at = {k: i for i, k in enumerate(spine)}

    # Every other node hangs off the chain positions it reaches without crossing the chain:
    # forwards (a weight into its layer's op), or else backwards (a side output). Those that
    # reach positions a block or more apart (one weight used by every step) are shared.
    order = [k for k in order if k not in at]
    far = None

    def reach(k, nbrs, seen):
        found = set()
        for o in nbrs[k]:
            got = {at[o]} if o in at else seen.get(o, set())
            if got is far:
                return far
            found |= got
        if found and max(found) - min(found) >= MAX_BLOCK:
            return far
        return found

    ahead, behind = {}, {}
    for k in reversed(order):
        ahead[k] = reach(k, succs, ahead)
    for k in order:
        behind[k] = reach(k, preds, behind)
    anchor = {}
    for k in order:
        where = ahead[k] if ahead[k] or ahead[k] is far else behind[k]
        if where:  # not far (None) and not empty (a graph of its own)
            anchor[k] = (max(where), where)

    def seen_from(pos, o):
        if o in at:
            return min(at[o] - pos, MAX_BLOCK) if at[o] > pos else -min(pos - at[o], MAX_BLOCK)
        return _pattern(g.nodes[o]) if o in anchor else ("node", o)

    hanging = {}
    extra = [[] for _ in spine]  # per position: how each node hanging off it is wired
    for k in order:
        if k in anchor:
            pos, where = anchor[k]
            hanging.setdefault(pos, []).append(k)
            extra[pos].append((_pattern(g.nodes[k]), tuple(sorted(w - pos for w in where)),
                               tuple(sorted((repr(seen_from(pos, o)) for o in succs[k]))),
                               tuple(sorted((repr(seen_from(pos, o)) for o in preds[k])))))
    keys = []
    for pos, k in enumerate(spine):
        wiring = tuple(sorted(repr(seen_from(pos, o)) for o in preds[k] if o in at or o not in anchor))
        keys.append((_pattern(g.nodes[k]), wiring, tuple(sorted(extra[pos]))))
    return spine, keys, hanging


def _repeated_runs(keys, min_repeats):
    """``[(start, period, repeats)]``: runs of a block of keys repeated at least ``min_repeats``
    times, found left to right, the run covering most positions first."""
    runs = []
    i = 0
    while i < len(keys):
        reps, p = _repeat_at(keys, i, MAX_BLOCK, min_repeats)
        if reps >= min_repeats:
            runs.append((i, p, reps))
            i += reps * p
        else:
            i += 1
    return runs


def _collapse_runs(g, spine, hanging, middles, keep, max_nodes):
    """``g`` with each ``(start, period, repeats)`` of chain positions, and what hangs off
    them, drawn as one node."""
    if not middles:
        return g
    replaced, boxes = {}, {}
    for i, p, reps in middles:
        members = []
        for pos in range(i, i + reps * p):
            members.append(spine[pos])
            members.extend(hanging.get(pos, ()))
        bid = f"b{len(boxes)}"
        ops = [_pattern(g.nodes[k]) for k in spine[i: i + p] if g.nodes[k].kind != "tensor"]
        pattern = " → ".join(ops or [_pattern(g.nodes[k]) for k in spine[i: i + p]])
        n_tensors = sum(g.nodes[m].kind == "tensor" for m in members)
        n_ops = len(members) - n_tensors
        what = (f"{count(n_ops, 'op')} and {count(n_tensors, 'tensor')}" if n_ops and n_tensors
                else count(len(members), "node"))
        boxes[bid] = (members, DrawNode(
            bid, "collapsed", "collapsed", [f"{pattern} × {reps}", f"({what} collapsed)"],
            f"{reps} repetitions of a block ({pattern}, {count(len(members) // reps, 'node')} each) collapsed "
            f"into this node ({count(len(members), 'node')})"))
        for m in members:
            replaced[m] = bid
    out = _with_collapsed(g, replaced, boxes)
    total = sum(len(m) for m, _ in boxes.values())
    drawn = f", with {count(keep, 'block')} before and after it drawn in full" if keep else ""
    out.notes.append(f"{count(total, 'node')} in {count(len(boxes), 'run')} of repeated blocks are collapsed into "
                     "one node each"
                     f"{drawn} (graph larger than --max-nodes {max_nodes}).")
    return out


def _keep_nearest_outputs(g, max_nodes):
    """The ``max_nodes - 1`` nodes nearest the outputs, and one node saying how many were left out."""
    outs = {k: 0 for k in g.nodes}
    ins = {k: [] for k in g.nodes}
    for s, d, _ in g.edges:
        outs[s] += 1
        ins[d].append(s)
    queue = [k for k in g.nodes if outs[k] == 0]
    keep, i = set(), 0
    while i < len(queue) and len(keep) < max_nodes - 1:
        k = queue[i]
        i += 1
        if k in keep:
            continue
        keep.add(k)
        queue.extend(ins[k])
    dropped = len(g.nodes) - len(keep)
    out = DrawGraph(notes=list(g.notes))
    for k, node in g.nodes.items():
        if k in keep:
            out.nodes[k] = node
    left_out = (f"{count(dropped, 'node')} nearest the inputs {'is' if dropped == 1 else 'are'} not drawn "
                f"(--max-nodes {max_nodes})")
    out.nodes["more"] = DrawNode("more", "more", "collapsed", [f"… {count(dropped, 'more node')}", "not drawn"],
                                 left_out)
    for s, d, n in g.edges:
        if s in keep and d in keep:
            out.edges.append((s, d, n))
        elif d in keep and s not in keep:
            out.add_edge("more", d)
    out.notes.append(left_out + ".")
    return out


def _with_collapsed(g, replaced, collapsed):
    """``g`` with each node of ``replaced`` (node id -> collapsed id) drawn as its collapsed node
    (``collapsed``: id -> (members, DrawNode)), in the place of the first member, and the edges
    redirected (edges inside one collapsed node are dropped)."""
    out = DrawGraph(notes=list(g.notes))
    for k, node in g.nodes.items():
        if k in replaced:
            if replaced[k] not in out.nodes:
                out.nodes[replaced[k]] = collapsed[replaced[k]][1]
        else:
            out.nodes[k] = node
    for s, d, n in g.edges:
        s2, d2 = replaced.get(s, s), replaced.get(d, d)
        if s2 != d2:
            for _ in range(n):
                out.add_edge(s2, d2)
    return out


def _repeat_at(keys, i, max_period, min_repeats):
    """``(reps, period)`` of the longest run starting at ``i`` that repeats ``keys[i:i + period]``
    at least ``min_repeats`` times (period up to ``max_period``); ``(1, 1)`` when there is none."""
    best = (1, 1)
    for p in range(1, max_period + 1):
        reps = 1
        while keys[i + reps * p: i + (reps + 1) * p] == keys[i: i + p] and i + (reps + 1) * p <= len(keys):
            reps += 1
        if reps >= min_repeats and reps * p > best[0] * best[1]:
            best = (reps, p)
    return best
