"""The stop-tracking explorer: one computation under ``requires_grad_(False)``, ``detach()`` and
``with no_grad():``, side by side: where the graph is cut and what backward still reaches.

The computation marks where each way applies through a ``Cut`` it is given; in each column only
that way is active (the others leave their tensor as it is):

>>> def fine_tune(cut):
...     w1 = cut.requires_grad_(torch.tensor([[0.5, -1.], [1., 0.5]], requires_grad=True))
...     with cut.no_grad():
...         h = (x @ w1).tanh()
...     h = cut.detach(h)
...     loss = (h @ w2).sum()
...     return locals()
>>> StopTrackingExplorer(fine_tune)                     # doctest: +SKIP
"""
import contextlib
import dataclasses
import math
import sys

import ipywidgets as w
import traitlets

import autograd_lab

from ..viz.capture import GraphBuilder
from ..viz.layout import layered_layout
from ..viz.model import format_value
from ..viz.render_svg import EDGE, MARGIN, STYLE, compose
from ..viz.views import dataflow_view
from .computation import Computation, pick_output
from .picture import PictureWidget, add_panel, checkboxes, column_width, in_rows, show_ticked, wrap

MODES = ("as written", "requires_grad_(False)", "detach()", "no_grad()")
HOW = {
    "as written": "nothing cut: every result computed from a tensor that requires grad is tracked",
    "requires_grad_(False)": "the marked leaf no longer requires grad: ops on it (and on constants) record no graph",
    "detach()": "detach() gives the same values without a grad_fn: the graph stops at that tensor",
    "no_grad()": "inside `with no_grad():` no op records a graph: its results do not require grad",
}


CUT_COLOR = STYLE["current"][1]  # the cross on the arrow where loss's graph ends
DASH, GAP = 5.0, 4.0  # an arrow outside loss's graph: dashes this long, gaps this long
KEY = ["Each column draws the computation as written. Dashed, grey: not in the graph backward walks",
       "from the output (not recorded, or cut off from it); a red cross: the arrow where that graph ends."]


class Cut:
    """What the computation calls at its marked places; only the column's own way is active."""

    def __init__(self, mode):
        if mode not in MODES:
            raise ValueError(f"unknown way to stop tracking {mode!r}: choose one of {', '.join(map(repr, MODES))}")
        self.mode = mode

    def requires_grad_(self, t):
        """``t.requires_grad_(False)`` in that column (freeze a parameter); else ``t``."""
        return t.requires_grad_(False) if self.mode == "requires_grad_(False)" else t

    def detach(self, t):
        """``t.detach()`` in that column; else ``t``."""
        return t.detach() if self.mode == "detach()" else t

    def no_grad(self):
        """``with no_grad():`` in that column (autograd_lab's and, when imported, torch's); else nothing."""
        if self.mode != "no_grad()":
            return contextlib.nullcontext()
        stack = contextlib.ExitStack()
        stack.enter_context(autograd_lab.no_grad())
        torch = sys.modules.get("torch")
        if torch is not None and hasattr(torch, "no_grad"):
            stack.enter_context(torch.no_grad())
        return stack


def freeze_first_layer(torch):
    """The built-in example: fine-tuning a 2-layer net with its first layer frozen."""

    def fine_tune(cut):
        x = torch.tensor([[1., 2.]])
        w1 = cut.requires_grad_(torch.tensor([[0.5, -1.], [1., 0.5]], requires_grad=True))
        with cut.no_grad():
            h = (x @ w1).tanh()
        h = cut.detach(h)
        w2 = torch.tensor([[1.], [-2.]], requires_grad=True)
        loss = (h @ w2).sum()
        return locals()

    return fine_tune


class StopTrackingExplorer(PictureWidget):
    """``fn(cut)`` run once per way of stopping tracking (``modes``), side by side.

    Each column shows the graph that was recorded, which named tensors require grad, and what
    ``backward()`` from ``output`` reaches (or PyTorch's error when the output requires no grad).
    """

    modes = traitlets.List(traitlets.Unicode(), default_value=list(MODES), help="the columns shown")

    def __init__(self, fn=None, output=None, *, modes=MODES, library=None, computation=None, **kwargs):
        if fn is None and computation is None:
            fn = freeze_first_layer(library if library is not None else sys.modules["autograd_lab"])
        self.computation = computation if computation is not None else Computation(fn)
        adapter, _, named = self.computation.run(Cut("as written"))
        self.output, _ = pick_output(adapter, named, output)
        self.library = adapter.library
        self._layouts = {}
        self.modes = list(modes)
        self.checkboxes = checkboxes(MODES, self.modes, self._ticked)
        super().__init__(controls=[w.HBox(list(self.checkboxes.values()))], **kwargs)
        self.observe(self._changed, names="modes")
        self.redraw()

    @classmethod
    def from_code(cls, code, output=None, namespace=None, **kwargs):
        """An explorer over ``code`` that uses ``cut`` (a ``Cut``) at its marked places."""
        return cls(output=output, computation=Computation(code=code, namespace=namespace), **kwargs)

    @traitlets.validate("modes")
    def _valid_modes(self, proposal):
        for m in proposal["value"]:
            if m not in MODES:
                raise traitlets.TraitError(f"unknown way to stop tracking {m!r}: choose among "
                                           + ", ".join(map(repr, MODES)))
        if not proposal["value"]:
            raise traitlets.TraitError("show at least one column")
        return [m for m in MODES if m in proposal["value"]]

    def _ticked(self, mode, on):
        now = set(self.modes) | {mode} if on else set(self.modes) - {mode}
        if now:
            self.modes = [m for m in MODES if m in now]
        else:
            self.checkboxes[mode].value = True

    def _changed(self, change):
        show_ticked(self.checkboxes, change["new"])
        self.redraw()

    # -- the runs -------------------------------------------------------------------------------
    def column(self, mode):
        """Run the computation with ``Cut(mode)``: ``{"requires_grad": {name: bool}, "grads":
        {leaf: numpy or None}, "reached": [...], "error": text or None, "model": GraphModel}``."""
        adapter, _, named = self.computation.run(Cut(mode))
        tensors = dict(named)
        if self.output not in tensors:
            raise ValueError(f"unknown tensor {self.output!r}: the computation's tensors are {', '.join(tensors)}")
        out = tensors[self.output]
        result = {"requires_grad": {n: bool(adapter.requires_grad(t)) for n, t in named}, "error": None}
        try:
            out.backward()
        except RuntimeError as e:
            result["error"] = f"RuntimeError: {e}"
        leaves = [(n, t) for n, t in named if adapter.grad_fn(t) is None]
        result["grads"] = {n: (None if adapter.grad_of(t) is None else adapter.to_numpy(adapter.grad_of(t)).copy())
                           for n, t in leaves}
        result["reached"] = [n for n, g in result["grads"].items() if g is not None]
        root = adapter.grad_fn(out)
        result["model"] = GraphBuilder(adapter, named).build([root] if root is not None else [],
                                                              [t for _, t in named if adapter.grad_fn(t) is None])
        return result

    def canvas(self):
        """One column per mode, each the graph as written with what that mode leaves out of the
        output's graph dashed and grey and a cross where it ends; columns in rows that fit the
        course's width, and a key under them."""
        self._runs = {m: self.column(m) for m in self.modes}
        base = self._runs.get("as written") or self.column("as written")
        width = column_width()
        canvases = []
        for m, run in self._runs.items():
            view, outside, cut = self._cut_view(base, run)
            key = tuple((k, n.kind, tuple(n.lines)) for k, n in view.nodes.items()) + (tuple(view.edges), width)
            layout = self._layouts.get(key)
            if layout is None:  # top to bottom, wide layers split to fit the column
                layout = self._layouts[key] = layered_layout(view, "TB", max_width=width - 2 * MARGIN)
            c = compose(view, layout, header=_title(m), legend=False)
            _draw_cut(c, layout, outside, cut)
            add_panel(c, self._describe(m, run))
            canvases.append(c)
        canvas = in_rows(canvases, width)
        if any(m != "as written" for m in self._runs):
            add_panel(canvas, KEY, bold_first=False)
        return canvas

    def _cut_view(self, base, run):
        """The graph as written (``base``'s model) as this run (``run``) sees it: the nodes outside
        the output's graph in this run (dashed and grey), the arrows outside it, and the arrows where
        it ends (``cut``); each tensor with its ``.grad`` in this run."""
        view = dataflow_view(base["model"], saved=False, values=False)
        inside_fns, cut_fns = _matched(base["model"], run["model"])
        model = base["model"]
        acc = {f.variable: f.id for f in model.functions.values() if f.variable is not None}
        inside = set()
        for nid in view.nodes:
            if nid in model.functions:
                if nid in inside_fns:
                    inside.add(nid)
            else:
                rec = model.tensors[nid]
                if (acc.get(nid) if rec.is_leaf else rec.grad_fn) in inside_fns:
                    inside.add(nid)
        produced = {}
        for rec in model.tensors.values():
            if rec.grad_fn is not None:
                produced.setdefault((rec.grad_fn, rec.output_nr), rec.id)
        # the arrow's source in the picture: the leaf (AccumulateGrad), the named output, or the op
        cut = {(model.functions[f].variable or produced.get((f, nr)) or f, dst) for f, nr, dst in cut_fns}
        nodes = {}
        for nid, node in view.nodes.items():
            node = dataclasses.replace(node, lines=list(node.lines))
            if nid in model.tensors:
                rec = model.tensors[nid]
                name = rec.names[0] if rec.names else None
                requires = run["requires_grad"].get(name, rec.requires_grad) if name else rec.requires_grad
                node.lines = [line for line in node.lines if not line.startswith("grad:")]
                if requires and name in run["grads"]:
                    g = run["grads"][name]
                    node.lines.append("grad: " + ("None" if g is None else format_value(g, 26)))
                elif requires and not rec.is_leaf:
                    node.lines.append("grad: None")
                if not requires:
                    node.role = "const"
            if nid not in inside:
                node.kind = "more"  # drawn dashed
                if nid in model.functions:
                    node.role = "pending"
            nodes[nid] = node
        view.nodes = nodes
        outside = {(s, d) for s, d, _ in view.edges if s not in inside or d not in inside} - cut
        return view, outside, cut

    def _describe(self, mode, run):
        base = self._runs.get("as written") or self.column("as written")
        lines = wrap(HOW[mode], 44)
        req = run["requires_grad"]
        cut = [n for n, r in req.items() if not r and base["requires_grad"].get(n)]
        lines.append("cut: " + (", ".join(cut) + " (no longer require grad)" if cut else "nothing"))
        lines.append("requires grad: " + (", ".join(n for n, r in req.items() if r) or "nothing"))
        if run["error"]:
            lines.append(f"{self.output}.backward() raises:")
            lines.extend("  " + s for s in wrap(run["error"], 44))
        else:
            lines.append(f"{self.output}.backward() reaches: " + (", ".join(run["reached"]) or "no leaf"))
            missed = [n for n, g in run["grads"].items() if g is None and n in base["reached"]]
            if missed:
                lines.append("no .grad any more: " + ", ".join(missed))
        return lines

    def summary(self):
        if not hasattr(self, "_runs"):
            self.canvas()
        parts = [f"<StopTrackingExplorer ({self.library})>"]
        for m, run in self._runs.items():
            parts.append(f"[{_title(m)}]")
            parts.extend("  " + line for line in self._describe(m, run))
        return "\n".join(parts)


def _title(mode):
    return {"as written": "as written (nothing cut)", "no_grad()": "with no_grad():"}.get(mode, mode)


def _matched(base, other):
    """Walk ``base``'s and ``other``'s graphs from their roots side by side (``other`` is ``base``
    with some edges missing: the same computation with tracking stopped somewhere). Returns the
    function ids of ``base`` that ``other`` has too, and ``(function, output_nr, consumer)`` of each
    of ``base``'s edges that ``other`` lacks."""
    inside, cut = set(), []
    if not base.roots or not other.roots:
        return inside, cut
    stack = [(base.roots[0], other.roots[0])]
    while stack:
        b, o = stack.pop()
        if b in inside:
            continue
        inside.add(b)
        bf, of = base.functions[b], other.functions[o]
        for (bn, nr), (on, _) in zip(bf.next, of.next if bf.name == of.name else [(None, 0)] * len(bf.next)):
            if bn is None:
                continue
            if on is None:
                cut.append((bn, nr, b))
            else:
                stack.append((bn, on))
    return inside, cut


def _draw_cut(canvas, layout, outside, cut):
    """Redraw the arrows ``compose`` drew: those in ``outside`` dashed, those in ``cut`` dashed with
    a red cross at their middle (the k-th path of the canvas is the k-th edge of the layout)."""
    edges = iter(layout.edges)
    items = []
    for item in canvas.items:
        if item[0] != "path":
            items.append(item)
            continue
        s, d, _, _ = next(edges)
        if (s, d) not in outside and (s, d) not in cut:
            items.append(item)
            continue
        points = _points(item[1])
        items.extend(_dashes(points))
        items.append(("path", [("M", _along(points, _length(points) - 2)), ("L", points[-1])]))  # the arrowhead
        if (s, d) in cut:
            mx, my = _along(points, _length(points) / 2)
            items.append(("polyline", [(mx - 6, my - 6), (mx + 6, my + 6)], CUT_COLOR, 2.2))
            items.append(("polyline", [(mx - 6, my + 6), (mx + 6, my - 6)], CUT_COLOR, 2.2))
    canvas.items = items


def _points(segments):
    """The path's segments as a polyline (a curve sampled at 16 points)."""
    pts = [segments[0][1]]
    for seg in segments[1:]:
        if seg[0] in ("M", "L"):
            pts.append(seg[1])
            continue
        p0, (p1, p2, p3) = pts[-1], seg[1:]
        for i in range(1, 17):
            t = i / 16
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
            pts.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return pts


def _length(points):
    return sum(math.dist(p, q) for p, q in zip(points, points[1:]))


def _along(points, at):
    """The point ``at`` pixels along the polyline."""
    for p, q in zip(points, points[1:]):
        seg = math.dist(p, q)
        if at <= seg and seg > 0:
            t = at / seg
            return (round(p[0] + t * (q[0] - p[0]), 1), round(p[1] + t * (q[1] - p[1]), 1))
        at -= seg
    return points[-1]


def _dashes(points):
    """Polylines for a dashed line along ``points`` (the arrow's colour)."""
    total, out, at = _length(points), [], 0.0
    while at < total - 2:
        end = min(at + DASH, total - 2)
        out.append(("polyline", [_along(points, at), _along(points, end)], EDGE, 1.4))
        at = end + GAP
    return out
