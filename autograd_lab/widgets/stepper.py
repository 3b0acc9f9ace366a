"""The backward stepper: replay backward one node at a time, with the chain rule written out at each.

>>> stepper = BackwardStepper(out)        # out = (3 * (x + 2) ** 2).mean(), x = ones(2, 2)
>>> stepper.step = stepper.n_steps        # the last step: AccumulateGrad adds 4.5 into x.grad
>>> stepper.leaf_grads["x"].tolist()
[[4.5, 4.5], [4.5, 4.5]]

Play is kernel-side: the ``Play`` button is a toggle bound to ``playing``, and the kernel moves
``step`` on every ``interval`` ms (asyncio's loop, which a Jupyter kernel runs) until the last
step. An ``ipywidgets.Play`` animates in the browser instead, in each of its views, and with two
views (the stepper shown in two cells) the second view's ``change:playing`` handler sees
``playing`` already true (the first view's step has reset Backbone's previous values) and pauses:
play stopped after one step (ipywidgets issue 3967). Here the number of views does not matter.
"""
import asyncio
import sys

import ipywidgets as w
import traitlets

from ..viz.layout import layered_layout
from ..viz.render_svg import MARGIN
from ..viz.views import autograd_view
from .picture import (PictureWidget, choose_arrangement, column_width, format_array, graph_and_panel, pad_lines,
                      wrap_lines)
from .replay import replay_output, replay_trace

VALUE_WIDTH = 30
PANEL_VALUE_WIDTH = 44
PANEL_CHARS = 80  # the panel's lines are wrapped to this (80 x 7.3 px: beside a TB graph in 960 px)
LEGEND = [("current", "running now"), ("function", "has run"), ("accumulate", "AccumulateGrad: has run"),
          ("pending", "not reached yet")]


class BackwardStepper(PictureWidget):
    """Step through backward from ``output`` (autograd_lab or PyTorch), node by node.

    ``step`` (1 .. ``n_steps``) is the node being run: highlighted in the graph, with the gradient
    arriving at it (and the gradients it is the sum of), the local rule it applies, what it sends
    to each input, and for ``AccumulateGrad`` the ``+=`` into the leaf's ``.grad``. Backward is run
    with ``autograd.grad``: the learner's ``.grad`` values do not change.
    """

    step = traitlets.Int(1, help="the node being run, 1 .. n_steps")
    playing = traitlets.Bool(False, help="True while Play moves the step on, every `interval` ms, to the last")
    interval = traitlets.Int(900, help="milliseconds between two steps when playing")

    def __init__(self, output=None, gradient=None, *, namespace=None, direction=None, replay=None, interval=900,
                 **kwargs):
        if replay is None:
            if namespace is None:
                namespace = sys._getframe(1).f_globals
            replay = replay_output(output, gradient, namespace)
        if not replay.steps:
            raise ValueError("backward ran no node: nothing to step through")
        self.replay = replay
        self.n_steps = len(replay.steps)
        if direction not in (None, "LR", "TB"):
            raise ValueError(f"direction must be 'LR', 'TB' or None (chosen to fit the column), not {direction!r}")
        self.direction = direction
        self.interval = interval
        self._timer = None
        self._prepare()
        play = w.ToggleButton(value=False, description="Play", icon="play", tooltip="play the steps to the last one",
                              layout=w.Layout(width="90px"))
        play.add_class("autograd-lab-play")
        prev = w.Button(description="Prev", icon="step-backward", layout=w.Layout(width="80px"))
        nxt = w.Button(description="Next", icon="step-forward", layout=w.Layout(width="80px"))
        slider = w.IntSlider(value=1, min=1, max=self.n_steps, description="step",
                             continuous_update=True, style={"description_width": "initial"},
                             layout=w.Layout(width="320px"))
        of = w.Label(f"of {self.n_steps}")
        prev.on_click(lambda _: self._move(-1))
        nxt.on_click(lambda _: self._move(+1))
        self.controls = {"play": play, "prev": prev, "next": nxt, "slider": slider}
        super().__init__(controls=[w.HBox([play, prev, nxt, slider, of])], **kwargs)
        self._links = [traitlets.link((self, "step"), (slider, "value"))]
        play.observe(lambda change: setattr(self, "playing", change["new"]), names="value")
        self.observe(self.redraw, names="step")
        self.observe(self._play_changed, names="playing")
        self.redraw()

    @classmethod
    def from_trace(cls, trace, call_index=-1, graph_index=0, **kwargs):
        """A stepper over a backward call a ``%%tracegraph`` cell recorded (``-o NAME``)."""
        return cls(replay=replay_trace(trace, call_index, graph_index), **kwargs)

    # -- state ----------------------------------------------------------------------------------
    @traitlets.validate("step")
    def _valid_step(self, proposal):
        value = proposal["value"]
        if not 1 <= value <= self.n_steps:
            raise traitlets.TraitError(f"step must be between 1 and {self.n_steps}, got {value}")
        return value

    def _move(self, delta):
        self.step = min(max(self.step + delta, 1), self.n_steps)

    # -- play -----------------------------------------------------------------------------------
    def _play_changed(self, change):
        play = self.controls["play"]
        play.value = change["new"]
        play.description, play.icon = ("Pause", "pause") if change["new"] else ("Play", "play")
        if not change["new"]:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop runs here (a plain script): nothing would ever tick
            self.playing = False
            return
        if self.step == self.n_steps:  # from the end, play starts again at the first step
            self.step = 1
        if self._timer is None:
            self._timer = loop.call_later(self.interval / 1000, self._tick)

    def _tick(self):
        """One step on while playing; at the last step, playing stops."""
        self._timer = None
        if not self.playing:
            return
        if self.step < self.n_steps:
            self.step += 1
        if self.step >= self.n_steps:
            self.playing = False
        else:
            self._timer = asyncio.get_running_loop().call_later(self.interval / 1000, self._tick)

    @property
    def current(self):
        """The ``ReplayStep`` being shown: name, grads_in, grads_out, arrivals, rules."""
        return self.replay.steps[self.step - 1]

    @property
    def leaf_grads(self):
        """Each leaf's ``.grad`` (numpy, or None) once the current step has run."""
        return self.replay.leaf_grads(self.step)

    # -- picture --------------------------------------------------------------------------------
    def _prepare(self):
        """The graph (only the nodes this backward reaches) and its layouts, computed once; each
        node's text in its two states (waiting, run) is padded to one width, and the header and the
        panel to the widest and longest of all steps, so boxes never move and the picture keeps
        one size from step to step."""
        model = self.replay.model
        full = autograd_view(model, saved=False, values=False)
        keep = set(self.replay.nodes)
        self._view = full
        full.nodes = {k: v for k, v in full.nodes.items() if k in keep}
        full.edges = [(s, d, n) for s, d, n in full.edges if s in keep and d in keep]
        self._states = {}
        for s in self.replay.steps:
            node = full.nodes[s.node]
            head = node.lines[:1] if s.leaf is None else node.lines[:2]
            if s.leaf is None:
                waiting = head + ["grad in: (waiting)"]
                done = head + ["grad in: " + _grads_text(s.grads_in, VALUE_WIDTH)]
            else:
                waiting = head + [f"{s.leaf}.grad: " + format_array(s.grad_before, VALUE_WIDTH)]
                done = head + [f"{s.leaf}.grad: " + format_array(s.grad_after, VALUE_WIDTH)]
            width = max(len(line) for line in waiting + done)
            self._states[s.node] = (pad_lines(waiting, width), pad_lines(done, width))
        for nid, (waiting, _) in self._states.items():
            full.nodes[nid].lines = waiting
        self._order = {s.node: s.number for s in self.replay.steps}
        headers = [self._header(k) for k in range(1, self.n_steps + 1)]
        panels = [wrap_lines(self.describe(k), PANEL_CHARS) for k in range(1, self.n_steps + 1)]
        self._header_width = max(len(h) for h in headers)
        self._panel_size = (max(len(line) for p in panels for line in p), max(len(p) for p in panels))
        self._layouts = {}  # column width -> {direction: Layout}
        self._arrangements = {}

    def arrangement(self):
        """``(direction, beside)``: the graph's direction and whether the panel sits beside it (else
        under it), the first of LR with the panel under it, TB with it beside, TB with it under, that
        fits the column (``viz.settings.width``, read at each draw)."""
        width = column_width()
        if width not in self._arrangements:
            if self.direction:  # the panel beside a top-to-bottom graph, under a left-to-right one, if it fits
                tb = self.direction == "TB"
                order = ((self.direction, tb), (self.direction, not tb))
            else:
                order = (("LR", False), ("TB", True), ("TB", False))
            self._arrangements[width] = choose_arrangement(
                self._view, self.layouts(width), " " * self._header_width, self._panel(["x"]), LEGEND, width, order)
        return self._arrangements[width]

    def layouts(self, width):
        """The graph laid out left to right, and top to bottom with its wide layers split to fit
        ``width`` (``layered_layout``'s ``max_width``), computed once per width."""
        if width not in self._layouts:
            directions = (self.direction,) if self.direction else ("LR", "TB")
            self._layouts[width] = {d: layered_layout(self._view, d, **({"max_width": width - 2 * MARGIN}
                                                                        if d == "TB" else {}))
                                    for d in directions}
        return self._layouts[width]

    def _header(self, k):
        s = self.replay.steps[k - 1]
        return f"backward from {self.replay.output_label}: step {k} of {self.n_steps}, {_title(s)}"

    def _panel(self, lines):
        """``lines`` padded to the widest and longest panel of all steps."""
        width, count = self._panel_size
        lines = wrap_lines(lines, PANEL_CHARS)
        return pad_lines(lines + [""] * (count - len(lines)), width)

    def canvas(self):
        view, k = self._view, self.step
        for nid, node in view.nodes.items():
            waiting, done = self._states[nid]
            n = self._order[nid]
            node.lines = done if n <= k else waiting
            if n == k:
                node.role = "current"
            elif n > k:
                node.role = "pending"
            else:
                node.role = "accumulate" if self.replay.model.functions[nid].variable else "function"
        direction, beside = self.arrangement()
        header = self._header(k).ljust(self._header_width)
        layout = self.layouts(column_width())[direction]
        return graph_and_panel(view, layout, header, self._panel(self.describe()), beside, LEGEND)

    def describe(self, step=None):
        """The current step (or ``step``) in words: arriving gradient, local rule, gradients sent, ``+=``."""
        s = self.current if step is None else self.replay.steps[step - 1]
        model = self.replay.model
        lines = [f"step {s.number} of {self.n_steps}: {_title(s)}"]
        arriving = _grads_text(s.grads_in, PANEL_VALUE_WIDTH)
        if s.number == 1 and not s.arrivals:
            lines.append(f"gradient arriving: {arriving}   (backward starts here: d {self.replay.output_label}"
                         f" / d {self.replay.output_label} = 1)")
        elif len(s.arrivals) > 1:
            lines.append(f"gradient arriving: {arriving}, the sum of {len(s.arrivals)} gradients:")
        else:
            lines.append(f"gradient arriving: {arriving}")
        if s.arrivals:
            for a in s.arrivals:
                lines.append(f"  {format_array(a.value, PANEL_VALUE_WIDTH)} from {a.source_name} "
                             f"(step {a.source_step}), for its input {a.input_name}")
        if s.leaf is not None:
            lines.append(f"local rule: {s.leaf}.grad += grad")
            if s.grad_before is None:
                lines.append(f"{s.leaf}.grad was None, so it becomes grad: "
                             f"{s.leaf}.grad = {format_array(s.grad_after, PANEL_VALUE_WIDTH)}")
            else:
                lines.append(f"{s.leaf}.grad: {format_array(s.grad_before, PANEL_VALUE_WIDTH)} + grad = "
                             f"{format_array(s.grad_after, PANEL_VALUE_WIDTH)}")
            return lines
        lines.append("local rule, and the gradient it sends along each edge:")
        width = max((len(f"{name}: {rule}") for name, rule in s.rules), default=0)
        for e, ((name, rule), (target, _)) in enumerate(zip(s.rules, s.edges)):
            head = f"{name}: {rule}".ljust(width)
            if target is None:
                lines.append(f"  {head}   (not needed: this input does not require grad)")
                continue
            g = s.grads_out[e] if e < len(s.grads_out) else None
            lines.append(f"  {head} = {format_array(g, PANEL_VALUE_WIDTH)}  -> {_target(model, target)}")
        saved = [f"{v.name} = {v.preview}" for v in model.functions[s.node].saved if not v.freed]
        if saved:
            lines.append("saved for backward: " + "; ".join(saved))
        return lines

    def summary(self):
        return f"<BackwardStepper ({self.replay.model.library})>\n" + "\n".join(self.describe())


def _title(s):
    return s.name if s.leaf is None else f"{s.name} ({s.leaf})"


def _target(model, fid):
    f = model.functions[fid]
    if f.variable is not None:
        rec = model.tensors[f.variable]
        return f"AccumulateGrad ({rec.names[0] if rec.names else 'leaf'})"
    return f.name


def _grads_text(grads, width):
    if len(grads) == 1:
        return format_array(grads[0], width)
    return "(" + ", ".join(format_array(g, width) for g in grads) + ")"
