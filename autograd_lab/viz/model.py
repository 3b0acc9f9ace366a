"""The graph model: a plain, library-free record of an autograd graph and what happened to it.

Capture fills it (from autograd_lab or from real PyTorch); views, layout and rendering read it.
Nothing here holds a live tensor or node: values are numpy copies, nodes are named by string ids
(``t0`` for tensors, ``f0`` for function nodes), so a model can be kept, compared and drawn after
the graph it describes is gone.
"""
from dataclasses import dataclass, field

import numpy as np

# Keep at most this many elements of a value or gradient (enough to replay and to preview).
MAX_KEPT_ELEMENTS = 100_000


@dataclass
class TensorRecord:
    """A tensor of the graph: a leaf, an intermediate (named or not) or a constant (named or not)."""

    id: str
    names: list
    shape: tuple
    dtype: str
    value: object  # numpy array (a copy), or None when too large to keep
    requires_grad: bool
    is_leaf: bool
    retains_grad: bool = False
    grad: object = None  # numpy array or None
    grad_fn: str = None  # id of the function node that made it
    output_nr: int = 0

    @property
    def role(self):
        """Which colour the tensor gets: leaf, const, retained or nonleaf."""
        if self.is_leaf:
            return "leaf" if self.requires_grad else "const"
        return "retained" if self.retains_grad else "nonleaf"


@dataclass
class SavedRecord:
    """One value a function node saved for backward (``_saved_<name>``)."""

    name: str
    preview: str
    freed: bool
    tensor: str = None  # id of the tensor record, when the saved value is a named tensor


@dataclass
class FunctionRecord:
    """A node of the backward graph (what ``grad_fn`` holds)."""

    id: str
    name: str  # as PyTorch names it: AddBackward0, AccumulateGrad, ...
    next: list  # one (function id or None, output_nr) per edge, as next_functions
    saved: list = field(default_factory=list)
    variable: str = None  # for AccumulateGrad: id of the leaf tensor
    constants: list = None  # ids of the tensors needing no grad the op took (None: not recorded)


@dataclass
class Step:
    """One node run by the engine during a backward call: the gradients it received (one per
    output of the node) and those it passed on (one per next_functions edge)."""

    node: str  # function id in the model, or None when the node is not drawn
    name: str
    grads_in: list  # numpy arrays or None
    grads_out: list


@dataclass
class BackwardCall:
    """One call to backward(): its root nodes, the engine's steps (for replay) and every traced
    leaf's ``.grad`` right after it."""

    index: int
    roots: list
    signature: int
    steps: list = field(default_factory=list)  # None: not recorded (see ``GraphModel.max_stepped_calls``)
    grads_before: dict = None  # each timeline leaf's .grad as the call started (label -> array), if recorded


@dataclass
class Event:
    """Something that changed gradients: a backward call, ``zero_()``, ``zero_grad()``, ``step()``.

    ``grads`` maps a leaf's label to its ``.grad`` (numpy copy, or None) right after the event.
    """

    kind: str  # "backward", "zero_", "zero_grad", "step"
    label: str
    grads: dict
    number: int = None  # which event of the cell it was (from 1): the timeline may skip some


@dataclass
class GraphModel:
    """Everything a picture needs: tensors, function nodes, events, notes."""

    library: str = "autograd_lab"
    tensors: dict = field(default_factory=dict)  # id -> TensorRecord
    functions: dict = field(default_factory=dict)  # id -> FunctionRecord
    roots: list = field(default_factory=list)  # function ids the graph was discovered from
    notes: list = field(default_factory=list)
    events: list = field(default_factory=list)  # Event, in the order they happened
    backward_calls: list = field(default_factory=list)
    repeats: dict = field(default_factory=dict)  # root function id -> backward calls read with its graph's shape
    read_nonleaf_grad: bool = False  # the learner saw the "non-leaf .grad" UserWarning
    n_events: int = None  # events heard (``events`` may keep fewer: see ``trace.sampled_event``)
    full_events: int = None  # ... all of the first this many, then events 2**k and the last
    n_backward_calls: int = None  # backward calls the cell made
    n_read_calls: int = None  # ... of which the graph was read (``repeats`` counts among those)
    max_stepped_calls: int = None  # steps were recorded for the first this many calls only (None: all)
    # Module calls that made drawn ops (``modules.assign_modules``): group id -> ModuleGroup,
    # function id -> its innermost group, and the tensors that are a called module's parameters or buffers.
    modules: dict = field(default_factory=dict)
    module_of: dict = field(default_factory=dict)
    owned: set = field(default_factory=set)
    grad_norms: "GradientNorms" = None  # for the gradient-flow chart, when the timeline has many leaves

    def __len__(self):
        return len(self.tensors) + len(self.functions)

    @property
    def is_empty(self):
        return not self.functions and not any(t.requires_grad for t in self.tensors.values())


@dataclass
class GradientNorms:
    """The norm of each timeline leaf's ``.grad`` after backward calls: what the gradient-flow
    chart draws (``viz/flow.py``) when the timeline has many leaves (a model's parameters)."""

    names: list  # the leaves' labels, in the timeline's order (a model's parameters layer by layer)
    calls: list  # the backward calls (numbered from 1) after which the norms were taken
    norms: list  # one list per call, a float per name (None: that leaf had no .grad)
    every: int = 1  # after call 12, taken after every ``every``-th (13, 13 + every, ...; see trace.NORMS_PER_CALL)
    n_calls: int = 0  # backward calls the cell made


def copy_array(a):
    """A numpy copy of ``a`` (kept small): what the model stores instead of a live tensor."""
    if a is None:
        return None
    a = np.asarray(a)
    if a.size > MAX_KEPT_ELEMENTS:
        return a.reshape(-1)[:MAX_KEPT_ELEMENTS].copy()
    return a.copy()


def format_number(v):
    """A number the way a short preview shows it: 3., -0.5, 1.234e+05, True, 7, 2.-4.j."""
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (complex, np.complexfloating)):  # as PyTorch prints one: 2.+4.j
        imag = format_number(v.imag)
        return f"{format_number(v.real)}{'' if imag.startswith('-') else '+'}{imag}j"
    v = float(v)
    if v != v:
        return "nan"
    if v in (float("inf"), float("-inf")):
        return "inf" if v > 0 else "-inf"
    if v == int(v) and abs(v) < 1e6:
        return f"{int(v)}."
    text = f"{v:.4g}"
    return text


def format_value(a, width=28):
    """A one-line preview of an array, at most ``width`` characters, nested like the array:
    ``[[1., 2.], [3., 4.]]``; what does not fit becomes ``…`` (``[[1., 2., …], …]``)."""
    if a is None:
        return "None"
    a = np.asarray(a)
    if a.ndim == 0:
        return format_number(a.item())
    return _nested(a, width)


def _nested(a, budget):
    """``a`` as nested brackets in at most ``budget`` characters (rows cut with …)."""
    parts = []
    used = 2  # the brackets
    for i in range(min(a.shape[0], 64)):
        room = budget - used - (2 if parts else 0)
        is_last = i == a.shape[0] - 1
        if not is_last:
            room -= 3  # keep space for ", …"
        text = format_number(a[i].item()) if a.ndim == 1 else _nested(a[i], room)
        if len(text) > room or (a.ndim > 1 and text.startswith("[…")):
            parts.append("…")
            break
        parts.append(text)
        used += len(text) + (2 if len(parts) > 1 else 0)
    else:
        if a.shape[0] > 64:
            parts.append("…")
    return "[" + ", ".join(parts) + "]"

