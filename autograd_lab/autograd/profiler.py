"""The profiler: which ops ran, nested how, and for how long (``torch.autograd.profiler``).

    with torch.autograd.profiler.profile(record_shapes=True) as prof:
        with torch.autograd.profiler.record_function("model_inference"):
            loss = model(x).sum()
        loss.backward()
    print(prof.key_averages().table(sort_by="cpu_time_total", row_limit=10))

prints PyTorch's table (same columns, widths, number formats and totals line) from
autograd_lab's own timings. What is timed:

* every op's ``Function.apply`` (its forward, and for a user's Function the ops inside it);
* every backward node, as PyTorch shows them: ``autograd::engine::evaluate_function: MulBackward0``
  enclosing ``MulBackward0`` enclosing the ops its derivative runs, and a leaf's
  ``torch::autograd::AccumulateGrad``;
* every ``record_function`` block.

Times are wall-clock microseconds (``time.perf_counter_ns``). Nothing is timed while no profiler
runs, at no cost: starting one puts a timing ``apply`` on ``Function`` and where the operators
call it (and timing versions of the two backward steps), stopping it puts the plain ones back.

An op's name is PyTorch's ATen name where one is obvious, made from its node's name
(``aten_name``): ``MulBackward0`` -> ``aten::mul``, ``AddmmBackward0`` -> ``aten::addmm``,
``MaxPool2DWithIndicesBackward0`` -> ``aten::max_pool2d_with_indices``, a derivative op
``TanhBackwardBackward0`` -> ``aten::tanh_backward``; the few PyTorch spells with a leading
underscore or a trailing one are in ``_ATEN_SPELLING``. A user's ``Function`` is shown by its class
name, as PyTorch shows it. Ops PyTorch runs underneath (``aten::empty``, ``aten::to``, the
``aten::matmul`` around ``aten::mm``) have no counterpart here, so a table lists fewer rows.
"""
import json
import re
import sys
import time

from .._tensor import Tensor
from .engine import _Pass
from .function import BackwardFunction, Function

__all__ = ["profile", "record_function", "EventList", "FunctionEvent", "FunctionEventAvg"]

_running = []  # the profilers recording now (normally one)
_open = []  # the events begun and not yet ended, innermost last
_clock = time.perf_counter_ns


class FunctionEvent:
    """One timed op or block: its name, start and end (microseconds), input shapes, and the
    events it encloses (``cpu_children``); ``self_cpu_time_total`` is its time outside them."""

    def __init__(self, id, name, start_us, end_us, input_shapes=None, thread=0):
        self.id, self.name, self.thread = id, name, thread
        self.start_us, self.end_us = start_us, end_us
        self.input_shapes = input_shapes if input_shapes is not None else []
        self.cpu_children = []
        self.cpu_parent = None
        self.count = 1

    key = property(lambda self: self.name)
    cpu_time_total = property(lambda self: self.end_us - self.start_us)
    cpu_time = cpu_time_total
    self_cpu_time_total = property(
        lambda self: self.cpu_time_total - sum(c.cpu_time_total for c in self.cpu_children))

    def append_cpu_child(self, child):
        self.cpu_children.append(child)
        child.cpu_parent = self

    def __repr__(self):
        return (f"<FunctionEvent id={self.id} name={self.name} cpu_time={_format_time(self.cpu_time_total)} "
                f"start_us={self.start_us} end_us={self.end_us} input_shapes={self.input_shapes}>")


class FunctionEventAvg:
    """The events of one name (and, if asked, one list of input shapes) added up."""

    def __init__(self, key, input_shapes=None):
        self.key = key
        self.input_shapes = input_shapes
        self.count = 0
        self.cpu_time_total = 0.0
        self.self_cpu_time_total = 0.0
        self.cpu_parent = None
        self.cpu_children = []

    def add(self, event):
        if self.count == 0:
            self.cpu_parent = event.cpu_parent
        self.count += event.count
        self.cpu_time_total += event.cpu_time_total
        self.self_cpu_time_total += event.self_cpu_time_total
        return self

    @property
    def cpu_time(self):
        return self.cpu_time_total / self.count if self.count else 0.0

    def __repr__(self):
        return (f"<FunctionEventAvg key={self.key} self_cpu_time={_format_time(self.self_cpu_time_total)} "
                f"cpu_time={_format_time(self.cpu_time_total)} input_shapes={self.input_shapes or ''}>")


class EventList(list):
    """A list of events (or of their averages) that prints as PyTorch's profiler table."""

    def key_averages(self, group_by_input_shapes=False, group_by_stack_n=0):
        groups = {}
        for e in self:
            key = (e.key, str(e.input_shapes)) if group_by_input_shapes else e.key
            if key not in groups:
                groups[key] = FunctionEventAvg(e.key, e.input_shapes if group_by_input_shapes else None)
            groups[key].add(e)
        averages = EventList(groups.values())
        averages._all_events = getattr(self, "_all_events", self)
        return averages

    @property
    def self_cpu_time_total(self):
        return sum(e.self_cpu_time_total for e in getattr(self, "_all_events", self))

    def total_average(self):
        total = FunctionEventAvg("Total")
        for e in self:
            total.add(e)
        total.cpu_parent = None
        return total

    def table(self, sort_by=None, row_limit=100, max_src_column_width=75, max_name_column_width=55,
              max_shapes_column_width=80, header=None, top_level_events_only=False, **_ignored):
        """PyTorch's table: the rows sorted by ``sort_by`` (an attribute: ``cpu_time_total``,
        ``self_cpu_time_total``, ``cpu_time``, ``count``; largest first), at most ``row_limit``."""
        return _table(self, sort_by, row_limit, max_name_column_width, max_shapes_column_width,
                      header, top_level_events_only)

    def __str__(self):
        return self.table()

    def export_chrome_trace(self, path):
        """The events as a Chrome trace (``chrome://tracing``, Perfetto): one complete event each."""
        trace = [{"name": e.name, "ph": "X", "ts": e.start_us, "dur": e.cpu_time_total, "pid": 0,
                  "tid": e.thread, "cat": "cpu_op", "args": {"Input Dims": e.input_shapes}} for e in self]
        with open(path, "w") as f:
            json.dump({"traceEvents": trace}, f)


# ---- the table -------------------------------------------------------------------------------

_COLUMN = 12  # every column but the name and the input shapes
_GAP = "  "
_TOP_LEVEL_NOTE = "This report only display top-level ops statistics"


def _format_time(us):
    if us >= 1e6:
        return f"{us / 1e6:.3f}s"
    if us >= 1e3:
        return f"{us / 1e3:.3f}ms"
    return f"{us:.3f}us"


def _percent(part, whole):
    return f"{part / whole * 100:.2f}%" if whole else "0.00%"


def _table(events, sort_by, row_limit, max_name_width, max_shapes_width, header, top_level_only):
    all_events = getattr(events, "_all_events", events)
    total = sum(e.self_cpu_time_total for e in all_events)
    rows = list(events)
    if sort_by is not None:
        rows.sort(key=lambda e: getattr(e, sort_by), reverse=True)  # stable: ties keep their order
    if top_level_only:
        rows = [e for e in rows if e.cpu_parent is None]
    if row_limit is not None and row_limit > 0:
        rows = rows[:row_limit]
    # Column widths come from every event listed, shown or not.
    name_width = min(max((len(e.key) for e in events), default=0) + 4, max_name_width)
    with_shapes = any(e.input_shapes for e in events)
    shapes_width = min(max(len(str(e.input_shapes)) for e in events) + 4, max_shapes_width) if with_shapes else 0
    titles = ["Self CPU %", "Self CPU", "CPU total %", "CPU total", "CPU time avg", "# of Calls"]
    widths = [name_width] + [_COLUMN] * len(titles) + ([shapes_width] if with_shapes else [])
    titles = ["Name"] + titles + (["Input Shapes"] if with_shapes else [])

    def line(cells):
        return "".join(f"{c:>{w}}{_GAP}" for c, w in zip(cells, widths))

    separator = "".join("-" * w + _GAP for w in widths)
    out = []
    if header is not None or top_level_only:
        out.append("=" * (len(separator) - len(_GAP)))
        out.append(header if header is not None else _TOP_LEVEL_NOTE)
    out += [separator, line(titles), separator]
    for e in rows:
        name = e.key if len(e.key) <= name_width else e.key[: name_width - 3] + "..."
        cells = [name, _percent(e.self_cpu_time_total, total), _format_time(e.self_cpu_time_total),
                 _percent(e.cpu_time_total, total), _format_time(e.cpu_time_total),
                 _format_time(e.cpu_time_total / e.count if e.count else 0.0), str(e.count)]
        if with_shapes:
            shapes = str(e.input_shapes)
            cells.append(shapes if len(shapes) <= shapes_width else shapes[: shapes_width - 3] + "...")
        out.append(line(cells))
    out.append(separator)
    out.append(f"Self CPU time total: {_format_time(total)}")
    return "\n".join(out) + "\n"


# ---- names -----------------------------------------------------------------------------------

_ATEN_SPELLING = {  # where PyTorch's ATen name is not the node's name in snake case
    "to_copy": "_to_copy", "unsafe_view": "_unsafe_view", "reshape_alias": "_reshape_alias",
    "softmax": "_softmax", "log_softmax": "_log_softmax",
    "softmax_backward_data": "_softmax_backward_data", "log_softmax_backward_data": "_log_softmax_backward_data",
    "copy_backwards": "copy_", "copy_slices": "copy_", "zero": "zero_", "fill": "fill_",
}
_names = {}


def aten_name(cls):
    """The name a profiler shows for ``cls.apply``: ``Mul`` (node ``MulBackward0``) -> ``aten::mul``."""
    name = _names.get(cls)
    if name is None:
        node = cls.node_name
        if not node:  # a user's Function: its class name, as PyTorch records it
            name = cls.__name__
        else:
            stem = re.sub(r"Backward\d*$", "", node) or node
            stem = re.sub(r"([123])D", r"\1d", stem)
            snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", stem).lower()
            name = "aten::" + _ATEN_SPELLING.get(snake, snake)
        _names[cls] = name
    return name


def _shapes(args):
    return [list(a.shape) if isinstance(a, Tensor) else [] for a in args]


# ---- recording -------------------------------------------------------------------------------

def _begin(name, shapes=None):
    event = FunctionEvent(len(_running[-1]._events), name, _clock() / 1e3, 0.0, shapes)
    if _open:
        _open[-1].append_cpu_child(event)
    for p in _running:
        p._events.append(event)
    _open.append(event)
    return event


def _end(event):
    event.end_us = _clock() / 1e3
    if _open and _open[-1] is event:
        _open.pop()
    elif event in _open:
        _open.remove(event)


_plain = {}  # while a profiler runs: what the timing versions stand in for, to call and put back


def _timed_apply(cls, *args, **kwargs):
    event = _begin(aten_name(cls), _shapes(args) if _running[-1].record_shapes else None)
    try:
        return _plain["apply"].__func__(cls, *args, **kwargs)
    finally:
        _end(event)


def _timed_operator(cls, *args):
    event = _begin(aten_name(cls), _shapes(args) if _running[-1].record_shapes else None)
    try:
        return _plain["operator"](cls, *args)
    finally:
        _end(event)


def _timed_backward(node, grads):
    name = type(node).__name__
    outer = _begin("autograd::engine::evaluate_function: " + name)
    inner = _begin(name)
    try:
        return _plain["backward"](node, grads)
    finally:
        _end(inner)
        _end(outer)


def _timed_accumulate(run, node):
    outer = _begin("autograd::engine::evaluate_function: torch::autograd::AccumulateGrad")
    inner = _begin("torch::autograd::AccumulateGrad")
    try:
        return _plain["accumulate"](run, node)
    finally:
        _end(inner)
        _end(outer)


def _switch(on):
    """Put the timing versions where the engine calls them, or the plain ones back."""
    # The operators (``a * b``) call the op mechanism without ``.apply`` (see _tensor_methods.py);
    # that module is loaded by ``import autograd_lab``, before any profiler can start.
    operators = sys.modules["autograd_lab._tensor_methods"]
    if on:
        _plain.update(apply=Function.__dict__["apply"], operator=operators._apply,
                      backward=BackwardFunction.__dict__["_backward"], accumulate=_Pass.__dict__["accumulate"])
        Function.apply = classmethod(_timed_apply)
        operators._apply = _timed_operator
        BackwardFunction._backward = _timed_backward
        _Pass.accumulate = _timed_accumulate
    else:
        Function.apply = _plain["apply"]
        operators._apply = _plain["operator"]
        BackwardFunction._backward = _plain["backward"]
        _Pass.accumulate = _plain["accumulate"]
        _plain.clear()


class profile:
    """Record the ops run inside ``with profile() as prof:``; ``prof.key_averages().table()``.

    The keyword arguments of PyTorch's are taken; only ``enabled`` and ``record_shapes`` change
    what is recorded (this profiler times the CPU only and does not follow memory or stacks).
    """

    def __init__(self, enabled=True, *, use_cuda=False, use_device=None, record_shapes=False,
                 with_flops=False, profile_memory=False, with_stack=False, with_modules=False,
                 use_kineto=True, use_cpu=True, experimental_config=None, acc_events=False,
                 custom_trace_id_callback=None):
        self.enabled = enabled
        self.record_shapes = record_shapes
        self._events = EventList()
        self.function_events = None
        self.entered = False

    def __enter__(self):
        if not self.enabled:
            return self
        if self.entered:
            raise RuntimeError("Profiler context manager is not reentrant")
        self.entered = True
        self._events = EventList()
        self.function_events = None
        if not _running:
            _switch(True)
        _running.append(self)
        return self

    def __exit__(self, *exc):
        if not self.enabled or self not in _running:
            return False
        _running.remove(self)
        if not _running:
            _switch(False)
        self.entered = False
        self.function_events = self._events
        return False

    def _results(self):
        if self.function_events is None:
            raise RuntimeError("Profiler didn't finish running")
        return self.function_events

    def key_averages(self, group_by_input_shape=False, group_by_stack_n=0, group_by_overload_name=False):
        return self._results().key_averages(group_by_input_shape, group_by_stack_n)

    def events(self):
        return self._results()

    def table(self, sort_by=None, row_limit=100, max_src_column_width=75, max_name_column_width=55,
              max_shapes_column_width=80, header=None, top_level_events_only=False):
        return self._results().table(sort_by, row_limit, max_src_column_width, max_name_column_width,
                                     max_shapes_column_width, header, top_level_events_only)

    @property
    def self_cpu_time_total(self):
        return self._results().self_cpu_time_total

    def total_average(self):
        return self._results().total_average()

    def export_chrome_trace(self, path):
        return self._results().export_chrome_trace(path)

    def __str__(self):
        return self.table()

    __repr__ = __str__


class record_function:
    """``with record_function("name"):`` shows the block as one row enclosing its ops."""

    def __init__(self, name, args=None):
        self.name = name
        self.args = args
        self._event = None

    def __enter__(self):
        if _running:
            self._event = _begin(self.name)
        return self

    def __exit__(self, *exc):
        if self._event is not None:
            _end(self._event)
            self._event = None
        return False

    def __call__(self, fn):  # as a decorator
        import functools

        @functools.wraps(fn)
        def wrapped(*args, **kwargs):
            with record_function(self.name, self.args):
                return fn(*args, **kwargs)
        return wrapped
