"""Views: from a ``GraphModel`` to the boxes and arrows to draw (``DrawGraph``).

Two views of the same model: the data-flow picture (tensors and the ops between them, arrows as
data flows) and the autograd picture (function nodes only, ``AccumulateGrad`` for leaves, arrows
along ``next_functions``, as PyTorch keeps the graph). Long repeated chains are collapsed here
when the picture would be too large.
"""
from dataclasses import dataclass, field

from .model import format_value, shape_text

DEFAULT_MAX_NODES = 150


@dataclass
class DrawNode:
    id: str
    kind: str  # "tensor", "function", "collapsed", "more"
    role: str  # colour: leaf, const, nonleaf, retained, function, accumulate, collapsed
    lines: list  # text lines; the first is the title
    title: str  # the full details, shown as a tooltip
    freed_lines: tuple = ()  # indexes of lines that describe freed saved values


@dataclass
class DrawGraph:
    nodes: dict = field(default_factory=dict)  # id -> DrawNode, in drawing order
    edges: list = field(default_factory=list)  # (source id, target id, count)
    notes: list = field(default_factory=list)
    _where: dict = field(default_factory=dict, repr=False, compare=False)  # (source, target) -> index

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
        lines = [_tensor_label(rec), f"{shape_text(rec.shape)} {rec.dtype}"]
    else:  # a tensor the code gave no name: its shape is its title (no .grad to show, none is kept)
        lines = [f"{shape_text(rec.shape)} {rec.dtype}"]
    if values and rec.value is not None:
        lines.append(format_value(rec.value, 28))
    grad = _grad_line(rec, model, backward_ran) if rec.names or rec.is_leaf else None
    if grad:
        lines.append(grad)
    fn = model.functions.get(rec.grad_fn)
    title = [
        f"name: {_tensor_label(rec)}", f"shape: {shape_text(rec.shape)}", f"dtype: {rec.dtype}",
        f"value: {format_value(rec.value, 200)}",
        f"requires_grad: {rec.requires_grad}", f"is_leaf: {rec.is_leaf}",
    ]
    if rec.requires_grad:
        title.append(f"grad: {format_value(rec.grad, 200)}")
    title.append(f"grad_fn: {fn.name if fn else None}")
    return DrawNode(rec.id, "tensor", rec.role, lines, "\n".join(title))


def _function_node(rec, model, saved, role="function", extra=()):
    lines = [rec.name, *extra]
    freed = []
    if rec.id in model.repeats:
        lines.append(f"built and backpropagated ×{model.repeats[rec.id]}")
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
            extra = [f"variable: {_tensor_label(var)} {shape_text(var.shape)}"]
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
            best = (1, 1)
            for p in (1, 2, 3):
                reps = 1
                while keys[i + reps * p: i + (reps + 1) * p] == keys[i: i + p] and i + (reps + 1) * p <= len(chain):
                    reps += 1
                if reps >= min_repeats and reps * p > best[0] * best[1]:
                    best = (reps, p)
            reps, p = best
            if reps >= min_repeats:
                members = chain[i: i + reps * p]
                cid = f"c{len(new_nodes)}"
                # The tensors between repeated ops are in the run; the ops name the pattern.
                ops = [k for k, m in zip(keys[i: i + p], chain[i: i + p]) if g.nodes[m].kind != "tensor"]
                pattern = " → ".join(ops or keys[i: i + p])
                n_tensors = sum(g.nodes[m].kind == "tensor" for m in members)
                what = (f"{len(members) - n_tensors} ops and {n_tensors} tensors" if ops and n_tensors
                        else f"{len(members)} nodes")
                new_nodes[cid] = (members, DrawNode(
                    cid, "collapsed", "collapsed", [f"{pattern} × {reps}", f"({what} collapsed)"],
                    f"{reps} repetitions of {pattern} collapsed into this node ({len(members)} nodes)"))
                for m in members:
                    replaced[m] = cid
                i += reps * p
            else:
                i += 1
    if replaced:
        out = DrawGraph(notes=list(g.notes))
        for k, node in g.nodes.items():
            if k in replaced:
                cid = replaced[k]
                if cid not in out.nodes:
                    out.nodes[cid] = new_nodes[cid][1]
            else:
                out.nodes[k] = node
        for s, d, n in g.edges:
            s2, d2 = replaced.get(s, s), replaced.get(d, d)
            if s2 != d2:
                for _ in range(n):
                    out.add_edge(s2, d2)
        total = sum(len(m) for m, _ in new_nodes.values())
        out.notes.append(f"{total} nodes in {len(new_nodes)} repeated chain(s) are collapsed into one node each "
                         f"(graph larger than --max-nodes {max_nodes}).")
        g = out
    if len(g.nodes) > max_nodes:
        g = _keep_nearest_outputs(g, max_nodes)
    return g


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
    out.nodes["more"] = DrawNode("more", "more", "collapsed", [f"… {dropped} more nodes", "not drawn"],
                                 f"{dropped} nodes nearest the inputs are not drawn (--max-nodes {max_nodes})")
    for s, d, n in g.edges:
        if s in keep and d in keep:
            out.edges.append((s, d, n))
        elif d in keep and s not in keep:
            out.add_edge("more", d)
    out.notes.append(f"{dropped} nodes nearest the inputs are not drawn (--max-nodes {max_nodes}).")
    return out
