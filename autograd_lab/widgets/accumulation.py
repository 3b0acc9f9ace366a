"""Gradient accumulation across epochs: a training step run with and without resetting ``.grad``.

>>> acc = GradAccumulation("times3", epochs=3, reset="optimizer.zero_grad()")
>>> acc.history["optimizer.zero_grad()"]["grad"]["w"], acc.history["never"]["grad"]["w"]
([3.0, 3.0, 3.0], [3.0, 6.0, 9.0])
"""
import sys

import ipywidgets as w
import numpy as np
import traitlets

from ..viz.model import format_number
from ..viz.render_svg import MARGIN, Canvas
from ..viz.trace import adapter_for
from ..viz.words import count, with_article
from .chart import (AXIS_W, COLORS, LEGEND_ROW, PLOT_H, PLOT_W, SMALL, TICKS_H, legend, legend_height,
                    line_chart)
from .picture import PictureWidget

RESETS = ("never", "param.grad.zero_()", "optimizer.zero_grad()")
MAX_LINES_PER_PARAM = 4  # elements of a parameter drawn as their own line
ROWS = (("grad", ".grad after backward()"), ("value", "value after step()"), ("loss", "loss"))
LOSS_COLOR = "#b3431b"
ROW_LABEL_W = 22  # the row labels, written upwards, left of the value ticks
COLUMN_TITLE_H = 26
COL_GAP, ROW_GAP = 16, 8
EPOCH_LABEL_H = 14  # "epoch" under the bottom row


def _times3(torch):
    """loss = 3 w: the gradient is 3 every epoch, so without a reset .grad reads 3, 6, 9, ..."""
    params = {"w": torch.tensor([1.], requires_grad=True)}
    return params, lambda p: (p["w"] * 3).sum()


def _linear(torch):
    """A line fit y = w x + b to y = 2 x + 1 (mean squared error)."""
    x = torch.tensor([0., 1., 2., 3.])
    y = 2 * x + 1
    params = {"w": torch.tensor(0., requires_grad=True), "b": torch.tensor(0., requires_grad=True)}
    return params, lambda p: ((p["w"] * x + p["b"] - y) ** 2).mean()


EXAMPLES = {"times3": _times3, "linear": _linear}


class GradAccumulation(PictureWidget):
    """Train a few epochs twice, resetting gradients each epoch (``reset``) and never, and plot
    each parameter's ``.grad``, its value and the loss per epoch side by side.

    ``example`` is a built-in name (``"times3"``, ``"linear"``) or a function ``loss_fn(params)``
    with ``params`` a dict of leaf tensors (autograd_lab or torch); each run starts from copies of
    them, so the learner's tensors do not change. The optimizer is SGD with learning rate ``lr``.
    """

    epochs = traitlets.Int(3, help="epochs per run, 1 .. 50")
    reset = traitlets.Unicode("optimizer.zero_grad()", help="how .grad is reset each epoch: " + ", ".join(RESETS))
    lr = traitlets.Float(0.1, help="SGD learning rate")

    def __init__(self, example="times3", params=None, *, epochs=3, reset="optimizer.zero_grad()", lr=0.1,
                 library=None, **kwargs):
        if isinstance(example, str):
            if example not in EXAMPLES:
                raise ValueError(f"unknown example {example!r}: choose one of {', '.join(map(repr, EXAMPLES))} "
                                 "or pass a function loss_fn(params) and params={name: tensor}")
            if params is not None:
                raise ValueError("params= goes with your own loss function, not with a built-in example")
            library = library if library is not None else sys.modules["autograd_lab"]
            params, loss_fn = EXAMPLES[example](library)
            self.title = example
        else:
            if not callable(example):
                raise TypeError(f"expected a built-in example's name or a function loss_fn(params), "
                                f"got {type(example).__name__}")
            if not params:
                raise ValueError("pass the parameters the loss function trains: params={'w': tensor, ...}")
            loss_fn = example
            self.title = getattr(example, "__name__", "loss_fn")
        self.loss_fn = loss_fn
        self.params = dict(params)
        self._check_params()
        self._runs = {}
        self.epochs, self.reset, self.lr = epochs, reset, lr  # validated before anything is drawn
        epochs_w = w.IntSlider(value=epochs, min=1, max=50, description="epochs")
        reset_w = w.Dropdown(options=list(RESETS), value=reset, description="reset",
                             layout=w.Layout(width="320px"))
        lr_w = w.FloatLogSlider(value=lr, base=10, min=-3, max=0, step=0.1, description="lr")
        self.controls = {"epochs": epochs_w, "reset": reset_w, "lr": lr_w}
        super().__init__(controls=[w.HBox([epochs_w, reset_w, lr_w])], **kwargs)
        self._links = [traitlets.link((self, name), (c, "value")) for name, c in self.controls.items()]
        self.observe(self.redraw, names=["epochs", "reset", "lr"])
        self.redraw()

    # -- state ----------------------------------------------------------------------------------
    @traitlets.validate("epochs")
    def _valid_epochs(self, proposal):
        if not 1 <= proposal["value"] <= 50:
            raise traitlets.TraitError(f"epochs must be between 1 and 50, got {proposal['value']}")
        return proposal["value"]

    @traitlets.validate("reset")
    def _valid_reset(self, proposal):
        if proposal["value"] not in RESETS:
            raise traitlets.TraitError(f"unknown reset {proposal['value']!r}: choose one of "
                                       + ", ".join(map(repr, RESETS)))
        return proposal["value"]

    @traitlets.validate("lr")
    def _valid_lr(self, proposal):
        if not proposal["value"] >= 0:
            raise traitlets.TraitError(f"Invalid learning rate: {proposal['value']}")
        return proposal["value"]

    def _check_params(self):
        for name, p in self.params.items():
            adapter = adapter_for(p)
            if adapter is None:
                raise TypeError(f"parameter {name!r} is {with_article(type(p).__name__)}, not a tensor")
            if adapter.grad_fn(p) is not None or not adapter.requires_grad(p):
                raise ValueError(f"parameter {name!r} must be a leaf tensor with requires_grad=True "
                                 "(what an optimizer can train)")
        self.adapter = adapter_for(next(iter(self.params.values())))
        self.lib = sys.modules[self.adapter.library]

    @property
    def columns(self):
        """The two runs drawn side by side: the chosen reset, and never (or, when the chosen one is
        never, ``optimizer.zero_grad()``)."""
        other = "never" if self.reset != "never" else "optimizer.zero_grad()"
        return [self.reset, other]

    @property
    def history(self):
        """``{reset: {"grad": {name: [...]}, "value": {name: [...]}, "loss": [...]}}`` per epoch, for
        both columns: ``.grad`` right after ``backward()``, the value after ``optimizer.step()``."""
        return {mode: self.run(mode) for mode in self.columns}

    def run(self, mode):
        """Train ``epochs`` epochs with reset ``mode``; the record of each epoch."""
        key = (mode, self.epochs, self.lr)
        if key in self._runs:
            return self._runs[key]
        lib, adapter = self.lib, self.adapter
        params = {n: p.detach().clone().requires_grad_(True) for n, p in self.params.items()}
        opt = lib.optim.SGD(list(params.values()), lr=self.lr)
        rec = {"grad": {n: [] for n in params}, "value": {n: [] for n in params}, "loss": []}
        for _ in range(self.epochs):
            if mode == "optimizer.zero_grad()":
                opt.zero_grad()
            elif mode == "param.grad.zero_()":
                for p in params.values():
                    if p.grad is not None:
                        p.grad.zero_()
            loss = self.loss_fn(params)
            if adapter_for(loss) is None or not adapter.requires_grad(loss):
                raise ValueError(f"{self.title} returned {with_article(type(loss).__name__)} that does not require "
                                 "grad: the loss must be computed from the parameters (it built no graph)")
            loss.backward()
            for n, p in params.items():
                rec["grad"][n].append(_plain(adapter.to_numpy(p.grad)))
            opt.step()
            for n, p in params.items():
                rec["value"][n].append(_plain(adapter.to_numpy(p)))
            rec["loss"].append(float(adapter.to_numpy(loss)))
        self._runs = {key: rec} | {k: v for k, v in self._runs.items() if k[1:] == key[1:]}
        return rec

    # -- picture --------------------------------------------------------------------------------
    def canvas(self):
        """Rows .grad / value / loss per epoch, one column per reset, each a small line chart."""
        cols = self.columns
        runs = [self.run(m) for m in cols]
        c = Canvas()
        title = f"{self.title}: SGD(lr={format_number(self.lr)}), {count(self.epochs, 'epoch')}"
        _, h = c.lines_box(MARGIN, MARGIN, [title], "header")
        top = MARGIN + h + 6
        cells = [[_series(run, key) for run in runs] for key, _ in ROWS]
        legend_h = [max(legend_height([n for n, _, _ in series]) for series in row) for row in cells]
        plot_x = [MARGIN + ROW_LABEL_W + AXIS_W + i * (PLOT_W + COL_GAP + AXIS_W) for i in range(2)]
        width = plot_x[1] + PLOT_W + 12 - MARGIN
        height = COLUMN_TITLE_H + sum(legend_h) + len(ROWS) * (PLOT_H + TICKS_H + ROW_GAP) + EPOCH_LABEL_H
        c.rect(MARGIN, top, width, height, "note")
        for x, mode in zip(plot_x, cols):
            c.text(x + PLOT_W / 2, top + 17, _column_title(mode), bold=True, anchor="middle")
        y = top + COLUMN_TITLE_H
        for r, (key, label) in enumerate(ROWS):
            y += legend_h[r]
            c.text(MARGIN + 17, y + PLOT_H / 2, label, anchor="middle", angle=-90)
            for x, mode, series in zip(plot_x, cols, cells[r]):
                legend(c, x, y - legend_h[r] + LEGEND_ROW - 4, [(n, color) for n, color, _ in series])
                line_chart(c, x, y, self.epochs, series, value_labels=self.epochs <= 8,
                           tooltip=f"{_column_title(mode)}, {label}: ")
            y += PLOT_H + TICKS_H + ROW_GAP
        for x in plot_x:
            c.text(x + PLOT_W / 2, y - ROW_GAP + EPOCH_LABEL_H, "epoch", size=SMALL, anchor="middle")
        c.width = round(width + 2 * MARGIN, 1)
        c.height = round(top + height + MARGIN, 1)
        return c

    def summary(self):
        lines = [f"<GradAccumulation {self.title}: SGD(lr={format_number(self.lr)}), {count(self.epochs, 'epoch')}>"]
        for mode in self.columns:
            rec = self.run(mode)
            lines.append("never reset:" if mode == "never" else f"reset with {mode}:")
            for name, series in rec["grad"].items():
                lines.append(f"  {name}.grad per epoch: " + ", ".join(_text(v) for v in series))
            for name, series in rec["value"].items():
                lines.append(f"  {name} per epoch: " + ", ".join(_text(v) for v in series))
            lines.append("  loss per epoch: " + ", ".join(_text(v) for v in rec["loss"]))
        return "\n".join(lines)


def _column_title(mode):
    return "never reset" if mode == "never" else f"reset: {mode}"


def _series(rec, key):
    """The lines of one chart, ``[(name, color, values per epoch)]``: the loss, or each parameter
    (up to ``MAX_LINES_PER_PARAM`` of its elements, each its own line)."""
    if key == "loss":
        return [("loss", LOSS_COLOR, rec["loss"])]
    lines = []
    for name, per_epoch in rec[key].items():
        arr = np.array(per_epoch, dtype=float).reshape(len(per_epoch), -1)
        for i in range(min(arr.shape[1], MAX_LINES_PER_PARAM)):
            label = name if arr.shape[1] == 1 else f"{name}[{i}]"
            lines.append((label, COLORS[len(lines) % len(COLORS)], arr[:, i].tolist()))
    return lines


def _plain(a):
    a = np.asarray(a, dtype=float)
    return float(a.item()) if a.size == 1 else a.tolist()


def _text(v):
    if isinstance(v, list):
        return "[" + ", ".join(_text(x) for x in v) + "]"
    return format_number(round(float(v), 4))
