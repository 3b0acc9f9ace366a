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
from ..viz.render_svg import compose
from ..viz.views import dataflow_view
from .computation import Computation, pick_output, read_grad
from .picture import PictureWidget, add_panel, checkboxes, format_array, show_ticked, wrap


class RetainGradExplorer(PictureWidget):
    """Run a computation, call ``retain_grad()`` on the intermediates named in ``retained``, run
    backward from ``output``, and show which tensors hold a ``.grad`` (with values) and which give
    None, with the warning reading them gives (PyTorch's text).

    ``fn()`` returns its tensors by name (``return locals()``); ``from_code`` takes a cell's code.
    """

    retained = traitlets.List(traitlets.Unicode(), help="intermediates to call retain_grad() on")

    def __init__(self, fn=None, output=None, *, retained=(), direction="LR", computation=None, **kwargs):
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
        adapter, ns, named = self.computation.run()
        self.adapter = adapter
        out = dict(named)[self.output]
        for n in self.retained:
            dict(named)[n].retain_grad()
        out.backward()
        self.grads, self.warnings, self.rows = {}, {}, []
        for n, t in named:
            g, warning = read_grad(t)
            self.grads[n] = None if g is None else adapter.to_numpy(g).copy()
            if warning is not None:
                self.warnings[n] = warning
            self.rows.append((n, t))
        builder = GraphBuilder(adapter, named)
        self.model = builder.build([adapter.grad_fn(out)], [t for _, t in named if adapter.grad_fn(t) is None])
        self.model.read_nonleaf_grad = bool(self.warnings)

    def canvas(self):
        view = dataflow_view(self.model, saved=False, values=True)
        key = tuple((k, tuple(n.lines)) for k, n in view.nodes.items())
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = layered_layout(view, self.direction)
        retained = ", ".join(f"{n}.retain_grad()" for n in self.retained) or "no retain_grad()"
        canvas = compose(view, layout, header=f"{retained}; then {self.output}.backward()")
        add_panel(canvas, self.describe())
        return canvas

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
            lines.extend("  " + line for line in wrap("UserWarning: " + text, 100))
        return lines

    def summary(self):
        return f"<RetainGradExplorer ({self.library})>\n" + "\n".join(self.describe())
