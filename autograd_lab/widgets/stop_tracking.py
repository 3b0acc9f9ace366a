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
import sys

import ipywidgets as w
import traitlets

import autograd_lab

from ..viz.capture import GraphBuilder
from ..viz.layout import layered_layout
from ..viz.render_svg import compose
from ..viz.views import dataflow_view
from .computation import Computation, pick_output
from .picture import PictureWidget, add_panel, checkboxes, show_ticked, side_by_side, wrap

MODES = ("as written", "requires_grad_(False)", "detach()", "no_grad()")
HOW = {
    "as written": "nothing cut: every result computed from a tensor that requires grad is tracked",
    "requires_grad_(False)": "the marked leaf no longer requires grad: ops on it (and on constants) record no graph",
    "detach()": "detach() gives the same values without a grad_fn: the graph stops at that tensor",
    "no_grad()": "inside `with no_grad():` no op records a graph: its results do not require grad",
}


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
        self._runs = {m: self.column(m) for m in self.modes}
        canvases = []
        for m, run in self._runs.items():
            view = dataflow_view(run["model"], saved=False, values=False)
            key = tuple((k, tuple(n.lines)) for k, n in view.nodes.items()) + (tuple(view.edges),)
            layout = self._layouts.get(key)
            if layout is None:
                layout = self._layouts[key] = layered_layout(view, "TB")
            c = compose(view, layout, header=_title(m), legend=False)
            add_panel(c, self._describe(m, run))
            canvases.append(c)
        return side_by_side(canvases)

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
