"""The retain_grad explorer: tick ``retain_grad()`` on intermediates, see which tensors get a ``.grad``.

>>> ex = RetainGradExplorer(forward)       # forward() builds x -> h -> loss and returns locals()
>>> ex.retained = ["h"]
>>> ex.grads["h"], ex.warnings["loss"][:40]
(array([...]), 'The .grad attribute of a Tensor that is n')
"""
import ipywidgets as w
import traitlets

from ..viz.capture import GraphBuilder
from ..viz.layout import layered_layout
from ..viz.render_svg import MARGIN
from ..viz.views import dataflow_view
from .computation import Computation, pick_output, read_grad
from .picture import (PictureWidget, checkboxes, choose_arrangement, column_width, format_array, graph_and_panel,
                      legend_roles, show_ticked, wrap)

LEGEND = legend_roles(["leaf", "const", "nonleaf", "retained", "function"])
WARNING_CHARS = 84  # the warning's text is wrapped to this: the panel fits beside a TB graph in 960 px


class RetainGradExplorer(PictureWidget):
    """Run a computation, call ``retain_grad()`` on the intermediates named in ``retained``, run
    backward from ``output``, and show which tensors hold a ``.grad`` (with values) and which give
    None, with the warning reading them gives (PyTorch's text).

    ``fn()`` returns its tensors by name (``return locals()``); ``from_code`` takes a cell's code.
    """

    retained = traitlets.List(traitlets.Unicode(), help="intermediates to call retain_grad() on")

    def __init__(self, fn=None, output=None, *, retained=(), direction=None, computation=None, **kwargs):
        self.computation = computation if computation is not None else Computation(fn)
        self.direction = direction
        adapter, ns, named = self.computation.run()
        self.output, _ = pick_output(adapter, named, output)
        self.intermediates = [n for n, t in named if adapter.grad_fn(t) is not None]
        self.library = adapter.library
        self._layouts = {}
        self.retained = list(retained)
        self.checkboxes = checkboxes(self.intermediates, self.retained, self._ticked,
                                     label=lambda n: f"{n}.retain_grad()")
        super().__init__(controls=[w.HBox(list(self.checkboxes.values()))], **kwargs)
        self.observe(self._changed, names="retained")
        self.redraw()

    @classmethod
    def from_code(cls, code, output=None, namespace=None, **kwargs):
        """An explorer over ``code`` (a cell's text, e.g. of a ``%%tracegraph`` cell), run in a copy
        of ``namespace`` each time."""
        return cls(output=output, computation=Computation(code=code, namespace=namespace), **kwargs)

    @traitlets.validate("retained")
    def _valid_retained(self, proposal):
        for n in proposal["value"]:
            if n not in self.intermediates:
                raise traitlets.TraitError(f"unknown intermediate tensor {n!r}: retain_grad() can be ticked for "
                                           + ", ".join(self.intermediates))
        return [n for n in self.intermediates if n in proposal["value"]]

    def _ticked(self, name, on):
        now = set(self.retained) | {name} if on else set(self.retained) - {name}
        self.retained = [n for n in self.intermediates if n in now]

    def _changed(self, change):
        show_ticked(self.checkboxes, change["new"])
        self.redraw()

    # -- the run --------------------------------------------------------------------------------
    def redraw(self, *_):
        self._run()
        super().redraw()

    def _run(self):
        state = self._collect(self.retained)
        self.adapter, self.grads, self.warnings, self.rows, self.model = state

    def _collect(self, retained):
        """Run the computation with ``retain_grad()`` on ``retained``, then backward: ``(adapter,
        grads, warnings, rows, model)``."""
        adapter, ns, named = self.computation.run()
        out = dict(named)[self.output]
        for n in retained:
            dict(named)[n].retain_grad()
        out.backward()
        grads, warnings, rows = {}, {}, []
        for n, t in named:
            g, warning = read_grad(t)
            grads[n] = None if g is None else adapter.to_numpy(g).copy()
            if warning is not None:
                warnings[n] = warning
            rows.append((n, t))
        builder = GraphBuilder(adapter, named)
        model = builder.build([adapter.grad_fn(out)], [t for _, t in named if adapter.grad_fn(t) is None])
        model.read_nonleaf_grad = bool(warnings)
        return adapter, grads, warnings, rows, model

    def canvas(self):
        """The graph with the panel under it (LR) or beside it (TB), whichever fits the column; the
        choice is made once per column width with every intermediate retained (the widest boxes)
        and the warning shown (the longest panel), so ticking a box never rearranges the picture."""
        view = dataflow_view(self.model, saved=False, values=True)
        retained = ", ".join(f"{n}.retain_grad()" for n in self.retained) or "no retain_grad()"
        header = f"{retained}; then {self.output}.backward()"
        direction, beside = self.arrangement()
        return graph_and_panel(view, self._layout(view, direction), header, self.describe(), beside, LEGEND)

    def _layout(self, view, direction):
        """``view`` laid out in ``direction``; top to bottom, wide layers split to fit the column."""
        width = column_width()
        key = (direction, width) + tuple((k, tuple(n.lines)) for k, n in view.nodes.items())
        if key not in self._layouts:
            fit = {"max_width": width - 2 * MARGIN} if direction == "TB" else {}
            self._layouts[key] = layered_layout(view, direction, **fit)
        return self._layouts[key]

    def arrangement(self):
        """``(direction, beside)`` for the current column width (``viz.settings.width``)."""
        width = column_width()
        key = ("arrangement", width)
        if key not in self._layouts:
            # Sized for the widest boxes (every intermediate retained, so every .grad written out),
            # the longest panel (nothing retained: the warning shown) and the longest header.
            shown = (self.adapter, self.grads, self.warnings, self.rows, self.model)
            try:
                self.adapter, self.grads, self.warnings, self.rows, model = self._collect(self.intermediates)
                view = dataflow_view(model, saved=False, values=True)
                panel = self.describe()
                self.adapter, self.grads, self.warnings, self.rows, _ = self._collect([])
                panel = [" " * max(len(line) for line in panel + self.describe())] * max(
                    len(panel), len(self.describe()))
            finally:
                self.adapter, self.grads, self.warnings, self.rows, self.model = shown
            header = " " * len(f"{', '.join(f'{n}.retain_grad()' for n in self.intermediates)}; then "
                               f"{self.output}.backward()")
            directions = (self.direction,) if self.direction else ("LR", "TB")
            layouts = {d: self._layout(view, d) for d in directions}
            order = [(d, b) for d in directions for b in (False, True)] if self.direction else \
                [("LR", False), ("TB", True), ("TB", False)]
            self._layouts[key] = choose_arrangement(view, layouts, header, panel, LEGEND, width, order)
        return self._layouts[key]

    def describe(self):
        """Each named tensor's ``.grad`` after backward, why, and the warning text when it warns."""
        a = self.adapter
        lines = [f".grad of each tensor after {self.output}.backward():"]
        width = max(len(n) for n, _ in self.rows)
        for n, t in self.rows:
            if a.grad_fn(t) is None:
                kind = "leaf, requires_grad=True" if a.requires_grad(t) else "leaf, requires_grad=False"
            else:
                kind = "non-leaf, retain_grad()" if n in self.retained else "non-leaf"
            g = self.grads[n]
            if g is not None:
                what = format_array(g, 44)
            elif n in self.warnings:
                what = "None, and reading it warns (UserWarning below)"
            elif a.requires_grad(t):
                what = "None (backward did not reach it)"
            else:
                what = "None (a constant: nothing asks for its gradient)"
            lines.append(f"  {n.ljust(width)}  {kind.ljust(25)}  .grad = {what}")
        if self.warnings:
            names = ", ".join(f"{n}.grad" for n in self.warnings)
            lines.append("")
            lines.append(f"reading {names} gives None and warns:")
            text = next(iter(self.warnings.values()))
            lines.extend("  " + line for line in wrap("UserWarning: " + text, WARNING_CHARS))
        return lines

    def summary(self):
        return f"<RetainGradExplorer ({self.library})>\n" + "\n".join(self.describe())
