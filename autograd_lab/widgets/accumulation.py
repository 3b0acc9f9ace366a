"""Gradient accumulation across epochs: a training step run with and without resetting ``.grad``.

>>> acc = GradAccumulation("times3", epochs=3, reset="optimizer.zero_grad()")
>>> acc.history["optimizer.zero_grad()"]["grad"]["w"], acc.history["never"]["grad"]["w"]
([3.0, 3.0, 3.0], [3.0, 6.0, 9.0])
"""
import io
import sys

import ipywidgets as w
import numpy as np
import traitlets

from ..viz.model import format_number
from ..viz.trace import adapter_for
from .picture import PictureWidget

RESETS = ("never", "param.grad.zero_()", "optimizer.zero_grad()")
MAX_LINES_PER_PARAM = 4  # elements of a parameter drawn as their own line


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
                raise TypeError(f"parameter {name!r} is a {type(p).__name__}, not a tensor")
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
                raise ValueError(f"{self.title} returned {type(loss).__name__} that does not require grad: "
                                 "the loss must be computed from the parameters (it built no graph)")
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
    def figure(self):
        """The matplotlib figure: rows .grad / value / loss, one column per reset."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        cols = self.columns
        runs = [self.run(m) for m in cols]
        fig = Figure(figsize=(9, 6.6), dpi=100)
        fig.subplots_adjust(left=0.09, right=0.98, top=0.9, bottom=0.08, hspace=0.12, wspace=0.22)
        FigureCanvasAgg(fig)
        axes = fig.subplots(3, 2, sharex=True, squeeze=False)
        epochs = np.arange(1, self.epochs + 1)
        for c, (mode, rec) in enumerate(zip(cols, runs)):
            title = "never reset" if mode == "never" else f"reset: {mode}"
            for r, (key, label) in enumerate([("grad", ".grad after backward()"), ("value", "value after step()")]):
                ax = axes[r][c]
                for name, series in rec[key].items():
                    arr = np.array(series, dtype=float).reshape(len(series), -1)
                    for i in range(min(arr.shape[1], MAX_LINES_PER_PARAM)):
                        line_name = name if arr.shape[1] == 1 else f"{name}[{i}]"
                        ax.plot(epochs, arr[:, i], marker="o", label=line_name)
                        if self.epochs <= 8:
                            for e, v in zip(epochs, arr[:, i]):
                                ax.annotate(format_number(round(float(v), 4)), (e, v), textcoords="offset points",
                                            xytext=(0, 6), ha="center", fontsize=8)
                ax.set_ylabel(label, fontsize=9)
                if r == 0:
                    ax.set_title(title, fontsize=11, fontweight="bold")
                ax.legend(fontsize=8, loc="upper left")
                ax.margins(y=0.25)
            ax = axes[2][c]
            ax.plot(epochs, rec["loss"], marker="o", color="#b3431b")
            ax.set_ylabel("loss", fontsize=9)
            ax.set_xlabel("epoch", fontsize=9)
            ax.set_xticks(epochs if self.epochs <= 12 else np.linspace(1, self.epochs, 6).round().astype(int))
        fig.suptitle(f"{self.title}: SGD(lr={format_number(self.lr)}), {self.epochs} epochs", fontsize=11)
        return fig

    def svg_text(self):
        import matplotlib

        with matplotlib.rc_context({"svg.hashsalt": "autograd_lab", "svg.fonttype": "none"}):
            buf = io.StringIO()
            self.figure().savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        return buf.getvalue()

    def png(self):
        buf = io.BytesIO()
        self.figure().savefig(buf, format="png", metadata={"Software": None})
        return buf.getvalue()

    def summary(self):
        lines = [f"<GradAccumulation {self.title}: SGD(lr={format_number(self.lr)}), {self.epochs} epochs>"]
        for mode in self.columns:
            rec = self.run(mode)
            lines.append("never reset:" if mode == "never" else f"reset with {mode}:")
            for name, series in rec["grad"].items():
                lines.append(f"  {name}.grad per epoch: " + ", ".join(_text(v) for v in series))
            for name, series in rec["value"].items():
                lines.append(f"  {name} per epoch: " + ", ".join(_text(v) for v in series))
            lines.append("  loss per epoch: " + ", ".join(_text(v) for v in rec["loss"]))
        return "\n".join(lines)


def _plain(a):
    a = np.asarray(a, dtype=float)
    return float(a.item()) if a.size == 1 else a.tolist()


def _text(v):
    if isinstance(v, list):
        return "[" + ", ".join(_text(x) for x in v) + "]"
    return format_number(round(float(v), 4))
