"""Tracing a piece of code: what graphs it built and what happened to gradients while it ran.

``CellTracer`` knows nothing of Jupyter: it is given a namespace, started before the code runs
and finished after (always, also on an exception). While running it hears backward calls node by
node, ``zero_()``, ``zero_grad()`` and ``step()`` through the adapters' temporary wrappers (also
torch's when the code imports torch itself), and afterwards it finds the graphs from the tensors
the code left in the namespace. As a backward call starts, the constants its ops saved are noted,
so they are still drawn as inputs after backward freed the saved values. Every forward op that
records a node is noted too (a copy of its small outputs and its constant inputs), so the tensors
flowing between ops are drawn even when the code gave them no name.

How a graph is found: the tensors the code assigned or rebound are the roots; every tensor in the
namespace (also in lists, dicts and modules) names the nodes it is found at; the roots of each
backward call are kept until the end (the latest of each distinct graph shape), so a graph that
was backpropagated and dropped (``(x * x).sum().backward()``) is still drawn, and one rebuilt in
a loop is drawn once with a count.
"""
import itertools
import sys
import warnings
from collections import deque
from dataclasses import dataclass, field

from ..parity.messages import shape_str
from .adapter_lab import LabAdapter
from .adapter_torch import TorchAdapter
from .capture import GraphBuilder, graph_facts, named_tensors, saved_constants
from .live import MAX_RECORDED_OPS, walk
from .model import BackwardCall, Event, GradientNorms, Step, copy_array
from .modules import carry_calls, carry_calls_by_class, group_by_module, module_calls
from .patching import call_after_import

# IPython's own names: never roots, never labels.
NAMESPACE_SKIP = {"In", "Out", "exit", "quit", "get_ipython"}
NONLEAF_WARNING_TEXT = "is not a leaf Tensor is being accessed"
MAX_REPLAYED_CALLS = 50  # backward calls whose steps are kept for replay (the most recent)
MAX_KEPT_SHAPES = 8  # distinct graph shapes whose latest roots are kept until the end
# The timeline keeps each leaf's .grad after every event up to this one (as many as its table
# has columns, so a table that fits is complete); after it, only after events 2**k (16, 32, 64,
# ...), and at the end of the cell the .grad as the last event left it.
MAX_FULL_EVENTS = 12
MAX_TIMELINE_LEAVES = 200  # leaves whose .grad the timeline follows (the first found)
# With more leaves than this, the timeline is a gradient-flow chart (viz/flow.py): the norm of each
# leaf's .grad is taken after each of the first MAX_FULL_EVENTS backward calls, then after every
# k-th call, k the leaves / NORMS_PER_CALL rounded up (a norm costs about what a small op does:
# on average at most NORMS_PER_CALL of them a call); once MAX_NORM_CALLS calls are kept, every
# second one of those is dropped and k doubles (and again).
MAX_TABLE_LEAVES = 6
NORMS_PER_CALL = 16
MAX_NORM_CALLS = 240
# Without --step, an adapter that pays per node to hear a backward call node by node (torch)
# does so for its first ``adapter.max_stepped_calls`` calls through graphs up to this size, and
# after the first such call only while the nodes of the calls stepped stay within MAX_STEPPED_TOTAL
# (a 12-node MLP: 3 calls; a 152-node 30-layer MLP: none, its hooks would cost 2-3 ms a call,
# 3% of a 50-step training loop: stepping through a graph that large is what --step asks for).
MAX_STEPPED_NODES = 100
MAX_STEPPED_TOTAL = 300
# Such an adapter (reading a torch node from Python costs about as much as running it) also reads
# the graph of a backward call (walk, shape, leaves, constants) only for calls 1 to this one,
# then for calls 2**k (8, 16, 32, ...), and at the end of the cell for the last call: the other
# calls are counted, not read, and the picture says so (``read_call``).
MAX_FULL_READS = 4


def read_call(n):
    """Whether the graph of the ``n``-th backward call (from 1) is read as the call starts, when
    the adapter samples them (the last call's is read at the end of the cell in any case)."""
    return n <= MAX_FULL_READS or n & (n - 1) == 0


def sampled_event(n):
    """Whether the ``n``-th event (from 1) gets its snapshot of the leaves' ``.grad``."""
    return n <= MAX_FULL_EVENTS or n & (n - 1) == 0


def available_adapters():
    """The adapters for the libraries already imported (torch is never imported here)."""
    adapters = [LabAdapter()]
    if "torch" in sys.modules and hasattr(sys.modules["torch"], "autograd"):
        adapters.append(TorchAdapter())
    return adapters


def adapter_for(obj):
    """The adapter of the library ``obj`` (a tensor) belongs to, or None."""
    for adapter in available_adapters():
        if adapter.is_tensor(obj):
            return adapter
    return None


class _Call:
    """A backward call in progress: hears each node the engine runs."""

    def __init__(self, recorder, index, roots, stepped=True):
        self.recorder = recorder
        self.index = index
        self.roots = roots
        self.order = ()  # the graph's nodes, outputs first (kept while the call runs)
        self.stepped = stepped  # whether its steps are recorded (else ``steps`` stays None)
        self.steps = [] if stepped else None
        self.grads_before = None  # {leaf index: .grad copy} as the call started, when stepped
        self.raised = False  # the backward call raised midway

    def observe(self, node, grads_in, grads_out):
        if self.steps is not None:
            self.steps.append((node, grads_in, grads_out))


class Recorder:
    """Collects one library's events while the traced code runs.

    The leaves the timeline follows are those of the graphs the code backpropagated through
    (the ``AccumulateGrad`` variables found as each backward call starts), in the order found:
    a leaf of an earlier cell that this cell never used gets no row.
    """

    def __init__(self, adapter, step_all=True, max_stepped_calls=None):
        self.adapter = adapter
        self.calls = deque(maxlen=MAX_REPLAYED_CALLS)
        self.n_calls = 0
        self.events = []
        self.n_events = 0  # events heard; ``events`` holds the sampled ones (``sampled_event``)
        self.last_event = None  # (kind, label, leaf) of the latest event, sampled or not
        self.kept = {}  # signature -> roots of its latest backward call
        self.constants = {}  # signature -> saved_constants of those roots, read before backward
        self.freed = {}  # signature -> that call's nodes, when it frees them (no retain_graph, no inputs=)
        self.held = {}  # signature -> what those nodes' saved attributes held as the call started (``adapter.saved``)
        self.counts = {}  # signature -> how many of the backward calls read had that graph
        self.n_read = 0  # backward calls whose graph was read (all, unless ``read_all`` is False)
        self.unread = None  # (call, roots, frees) of the latest call, when its graph was not read
        self.saved_places = {}  # signature -> {place in the walk: constants} of the latest read as it started
        # signature -> {place in the walk: what that node's saved attributes held} of the latest read
        # as a freeing call started: a graph of that shape read after its call freed it is drawn
        # from it, node for node, instead of asking each freed attribute (see ``_read``)
        self.held_places = {}
        # signature -> {place in the walk: the constants its op took} of the first call of that
        # shape whose ops were noted (None: its ops were not), for later graphs of the same shape
        # whose ops went unnoted: ``Y`` in ``(model(X) - Y) ** 2`` is saved by no node.
        self.op_constants = {}
        self.leaves = []  # the leaves whose .grad the timeline follows (strong: they are in graphs)
        self._leaf_index = {}  # id(leaf) -> index in ``leaves``
        self._busy = 0
        # Steps (node by node) of every backward call when ``step_all``, else of the first
        # ``max_stepped_calls`` only (the adapter may have a cost per node to hear them).
        self.step_all = step_all
        self.max_stepped_calls = max_stepped_calls
        self.stepped_nodes = 0  # nodes of the calls stepped so far
        # Graphs of every backward call read as it starts (an adapter that steps every call
        # anyway, or --step), else of the calls ``read_call`` picks and the last.
        self.read_all = step_all
        # Forward ops the code ran, by node key: ({output_nr: preview}, constant inputs or None),
        # so the picture can draw the tensors between ops (see ``op``).
        self.ops = {}
        self.ops_stopped = False
        self.ops_budget_spent = None  # the adapter's limit on followed calls, once reached
        self.norms = []  # [(backward call, [norm of each leaf's .grad or None])], see ``_note_norms``
        self.norm_every = 1  # (0: taking them failed)
        self.norms_thinned = False
        self.norms_pending = None  # the last backward call, when its norms were not taken (see ``close``)
        self.backward_stopped = False
        self.module_calls = module_calls()  # (module, first node number, number after), see modules.py
        # signature -> the walk of the latest graph of that shape read as its call started: a graph
        # of that shape read after its call ran, whose module calls were not noted, is given that
        # one's (``wants_module_calls``, ``modules.carry_calls``)
        self.read_orders = {}
        # The number of the first node made since the adapter stopped noting module calls (None:
        # it notes them), moved past a graph that was given the calls of one read (``_read``).
        self.unnoted_from = None

    def op(self, key, outputs, constants):
        """Note a forward op: its node's key (``adapter.node_key``), ``{output_nr: preview}``
        and its constant inputs ``((weakref, preview), ...)`` in argument order (None when not
        known). Kept as ``(*preview of output 0, constants)`` when the op has one output (the
        lab's listener writes that itself), else as ``(outputs, None, None, constants)``."""
        ops = self.ops
        if len(outputs) == 1 and 0 in outputs:
            ops[key] = (*outputs[0], constants)
        else:
            ops[key] = (outputs, None, None, constants)
        if len(ops) > MAX_RECORDED_OPS:
            self.forget_old_ops()

    def forget_old_ops(self):
        """Keep the newer half of the op records (the graphs drawn are the latest ones), in place
        (the lab's listener holds the dict)."""
        ops = self.ops
        for key in list(itertools.islice(ops, len(ops) - MAX_RECORDED_OPS // 2)):
            del ops[key]

    def op_failed(self, error):
        """Tracing an op went wrong: stop noting ops (the cell goes on) and say so once."""
        if not self.ops_stopped:
            self.ops_stopped = True
            warnings.warn(f"%%tracegraph stopped following ops ({type(error).__name__}: {error}); "
                          "tensors between ops may be missing from the picture", RuntimeWarning, stacklevel=3)

    def backward_failed(self, error):
        """Following a backward call went wrong: stop following backward calls (the learner's
        backward runs on untouched) and say so once."""
        if not self.backward_stopped:
            self.backward_stopped = True
            warnings.warn(f"%%tracegraph stopped following backward ({type(error).__name__}: {error}); "
                          "the gradient timeline and steps may be incomplete", RuntimeWarning, stacklevel=3)

    def track(self, t):
        if id(t) in self._leaf_index or len(self.leaves) >= MAX_TIMELINE_LEAVES:
            return
        self._leaf_index[id(t)] = len(self.leaves)
        self.leaves.append(t)

    def backward_started(self, roots, frees=False):
        """A backward call through the graph of ``roots`` starts (``frees``: it will free every
        node's saved tensors: no ``retain_graph``, no ``inputs=``); returns its ``_Call``.
        A call whose graph is not read (``read_call``) is only counted; its roots are kept
        until the next call, so the last call's graph can be read at the end of the cell."""
        self.n_calls += 1
        if not self.read_all and not read_call(self.n_calls):
            call = _Call(self, self.n_calls, (), stepped=False)
            call.signature = None
            self.unread = (call, roots, frees)
            self._busy += 1
            return call
        self.unread = None
        order, sig, truncated = self._read(roots, frees)
        # A graph larger than what is read has nodes no step could be drawn on: never stepped.
        # Without --step, a hook per node costs about 13 us: the first calls are stepped while the
        # nodes hooked stay within MAX_STEPPED_TOTAL (the first stepped call's graph up to MAX_STEPPED_NODES).
        stepped = not truncated and (self.step_all or (
            self.n_calls <= (self.max_stepped_calls or 0) and len(order) <= MAX_STEPPED_NODES
            and (not self.stepped_nodes or self.stepped_nodes + len(order) <= MAX_STEPPED_TOTAL)))
        if stepped:
            self.stepped_nodes += len(order)
        call = _Call(self, self.n_calls, roots, stepped)
        call.signature = sig
        if stepped:
            call.order = order
            call.grads_before = self._grads()
        self._busy += 1
        return call

    def _read(self, roots, frees, late=False, raised=False):
        """Read the graph of a backward call's ``roots``: its leaves join the timeline, and it is
        the latest of its shape (kept to be drawn, with the constants its nodes saved).
        ``late``: read after the call ran (what it saved may be freed: the constants are then
        those the latest graph of its shape read as it started saved, node for node, and so is
        what its saved attributes held, unless ``raised``: the call stopped midway, so nodes it
        did not reach hold theirs still, and each is asked).
        Returns ``(order, signature, truncated)``."""
        held = {}
        # Read late, what a freeing call's nodes saved is freed: asking raises (about 25 us a
        # tensor), and the constants are an earlier graph's of the same shape when there is one.
        order, sig, leaves, constants, truncated = graph_facts(
            self.adapter, roots, self.adapter.max_captured_functions, held, read_constants=not (late and frees))
        if late and frees and sig not in self.saved_places:
            constants = saved_constants(self.adapter, roots, order)
        if not late:
            place = {id(n): i for i, n in enumerate(order)}
            self.saved_places[sig] = {place[k]: v for k, v in constants.items()}
            if frees:  # (what a call that frees nothing held says nothing of one that frees)
                self.held_places[sig] = {place[k]: v for k, v in held.items()}
        elif frees and sig in self.saved_places:
            constants = {id(order[p]): v for p, v in self.saved_places[sig].items() if p < len(order)}
        if late:
            self._carry_module_calls(order, self.read_orders.get(sig))
        self.read_orders[sig] = order
        if late and frees and not raised and sig in self.held_places:
            # The same node classes at the same places (the signature says so): a slot that held
            # a tensor there is freed here, one that read None reads None here.
            held = {id(order[p]): v for p, v in self.held_places[sig].items() if p < len(order)}
        for var in leaves:
            self.track(var)
        self.n_read += 1
        self.counts[sig] = self.counts.get(sig, 0) + 1
        self.kept.pop(sig, None)
        self.kept[sig] = roots
        self.constants[sig] = constants
        self.freed[sig] = order if frees else ()
        self.held[sig] = held if frees else {}
        if sig not in self.op_constants and self.ops:
            self.op_constants[sig] = self._op_constants(order)
        while len(self.kept) > MAX_KEPT_SHAPES:
            oldest = next(iter(self.kept))
            del self.kept[oldest], self.constants[oldest], self.freed[oldest], self.held[oldest]
            self.op_constants.pop(oldest, None)
            self.saved_places.pop(oldest, None)
            self.held_places.pop(oldest, None)
            self.read_orders.pop(oldest, None)
        return order, sig, truncated

    def wants_module_calls(self):
        """Whether the module calls of the next backward call's forward ops are worth noting:
        when its graph will be read as it starts (``read_call``). An adapter that pays per module
        call (torch: a wrapper of every call, 1-2 us) notes them only then; the last graph of a
        loop, read after it ran, takes its grouping from the graph of its shape read last
        (``_carry_module_calls``)."""
        return self.read_all or read_call(self.n_calls + 1)

    def _carry_module_calls(self, order, template):
        """Give a graph read after its call ran (``order``) the module calls of ``template``, the
        graph of its shape read as an earlier call started, when its own were not noted."""
        if not template or not self.module_calls:
            return
        key_of = self.adapter.node_key
        keys = [key_of(n) for n in order]
        if carry_calls(self.module_calls, [key_of(n) for n in template], keys) and self.unnoted_from is not None:
            self.unnoted_from = max(self.unnoted_from, 1 + max(k for k, n in zip(keys, order)
                                                               if self.adapter.variable(n) is None))

    def carry_module_calls_after(self, nodes):
        """Give the drawn ``nodes`` made after the last module call noted (a forward run after a
        loop whose last iterations' calls were not noted) the module calls of the same ops in the
        graphs read (``modules.carry_calls_by_class``). Returns how many of them matched none."""
        calls, start = self.module_calls, self.unnoted_from
        if start is None or not calls:
            return 0
        key_of, variable = self.adapter.node_key, self.adapter.variable
        after = [(k, type(n)) for n in nodes if variable(n) is None and (k := key_of(n)) >= start]
        if not after:
            return 0
        templates = [[(key_of(n), type(n)) for n in order if variable(n) is None]
                     for order in reversed(self.read_orders.values())]
        return carry_calls_by_class(calls, templates, after)

    def _op_constants(self, order):
        """``{place in order: constants}`` of the nodes whose op was noted with its constants, or
        None when this graph's ops were not noted (its root's op has no record)."""
        ops, key_of, variable = self.ops, self.adapter.node_key, self.adapter.variable
        if not order or variable(order[0]) is not None or key_of(order[0]) not in ops:
            return None
        found = {}
        for place, node in enumerate(order):
            if variable(node) is None:
                op = ops.get(key_of(node))
                if op is not None and op[3]:
                    found[place] = op[3]
        return found

    def backward_raised(self, call):
        """``call`` raised: the nodes it did not reach still hold what they saved, so what its
        read found them holding no longer says what is freed (``adapter.saved`` asks each)."""
        if call.signature in self.held:
            self.held[call.signature] = {}
        call.raised = True  # (a call not read as it started: read at the end, asking each slot)

    def backward_finished(self, call):
        self._busy -= 1
        call.order = ()
        if not call.stepped:  # its roots keep its whole graph alive; only stepped calls need them
            call.roots = ()
        self.calls.append(call)
        chart = self.norm_every and len(self.leaves) > MAX_TABLE_LEAVES
        norms = chart and self._wants_norms(call.index)
        self._event("backward", f"backward #{call.index}", None, norms_of=call.index if norms else None)
        if chart and not norms:
            self.norms_pending = call.index  # taken at the cell's end if no .grad changes first

    def _wants_norms(self, index):
        """Whether the norms are taken after backward call ``index`` (see ``NORMS_PER_CALL``)."""
        if index <= MAX_FULL_EVENTS and not self.norms_thinned:
            return True
        if index == MAX_FULL_EVENTS + 1 and not self.norms_thinned:
            self.norm_every = -(-len(self.leaves) // NORMS_PER_CALL)
        return (index - 1) % self.norm_every == 0

    def _note_norms(self, index, norms=None):
        """Take the norm of each leaf's .grad after backward call ``index`` (for the chart),
        unless ``norms`` are those, taken with the event's snapshot (``_grads``)."""
        try:
            self.norms.append((index, norms if norms is not None else self.adapter.grad_norms(self.leaves)))
        except Exception as e:  # noqa: BLE001 - never break the learner's backward
            self.norm_every, self.norms = 0, []  # no chart; the table instead
            warnings.warn(f"%%tracegraph could not take the gradients' norms ({type(e).__name__}: {e}); "
                          "the timeline is a table", RuntimeWarning, stacklevel=3)
            return
        if len(self.norms) > MAX_NORM_CALLS:
            self.norms_thinned = True
            self.norm_every *= 2
            self.norms = [(i, n) for i, n in self.norms if (i - 1) % self.norm_every == 0]

    def zeroed(self, t):
        if self._busy:
            return
        grad_of = self.adapter.leaf_grad
        for leaf in self.leaves:
            if grad_of(leaf) is t:
                self._event("zero_", ".grad.zero_()", leaf)
                return

    def event(self, kind, owner):
        if not self._busy:
            self._event(kind, f"{type(owner).__name__}.{kind}()", None)

    def _event(self, kind, label, leaf, norms_of=None):
        """``norms_of``: the backward call after which the chart takes the norms now."""
        if kind != "step":  # (a step leaves .grad as it is; a zero_grad or a backward changes it)
            self.norms_pending = None
        if not self.leaves:
            return
        self.n_events += 1
        self.last_event = (kind, label, leaf)
        if sampled_event(self.n_events):
            self.events.append((kind, label, leaf, self._grads(norms_of), self.n_events))
        elif norms_of is not None:
            self._note_norms(norms_of)

    def _grads(self, norms_of=None):
        """``{leaf index: copy of its .grad or None}`` now; ``norms_of``: also take the norms
        for the chart (``_note_norms``), in the same reading when the adapter can."""
        copies = getattr(self.adapter, "grad_copies", None)
        if copies is not None and norms_of is not None:
            try:
                copied, norms = copies(self.leaves, norms=True)
            except Exception:  # noqa: BLE001 - the norms alone, with their warning (below)
                self._note_norms(norms_of)
                return dict(enumerate(copies(self.leaves)))
            self._note_norms(norms_of, norms)
            return dict(enumerate(copied))
        if norms_of is not None:
            self._note_norms(norms_of)
        if copies is not None:
            return dict(enumerate(copies(self.leaves)))
        grad_of, to_numpy = self.adapter.leaf_grad, self.adapter.to_numpy
        grads = {}
        for i, t in enumerate(self.leaves):
            g = grad_of(t)
            grads[i] = copy_array(to_numpy(g)) if g is not None else None
        return grads

    def close(self):
        """At the end of the cell: read the last backward call's graph when it was not read as
        it started (what its nodes saved is freed by then: its constants are those an earlier
        graph of its shape took, see ``CellTracer._carried_constants``); when the last event had
        no snapshot, take it now (the .grad it left, unless the code changed a .grad by hand
        after it); and the norms of the last backward call, for the chart, when they were not
        taken and no .grad changed since."""
        if self.unread is not None:
            call, roots, frees = self.unread
            self.unread = None
            try:
                _, call.signature, _ = self._read(roots, frees, late=True, raised=call.raised)
            except Exception as e:  # noqa: BLE001 - the picture is drawn without that graph
                warnings.warn(f"%%tracegraph could not read the last backward call's graph "
                              f"({type(e).__name__}: {e})", RuntimeWarning, stacklevel=2)
        if self.norms_pending and self.norm_every:
            self._note_norms(self.norms_pending)
            self.norms_pending = None
        if self.last_event is not None and (not self.events or self.events[-1][-1] != self.n_events):
            kind, label, leaf = self.last_event
            self.events.append((kind, label, leaf, self._grads(), self.n_events))


@dataclass
class Trace:
    """What tracing a cell found: one graph model per library used (usually one), and a note
    when there was nothing to draw or the code raised."""

    graphs: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    error: str = None

    @property
    def graph(self):
        """The first (usually the only) graph model, or None."""
        return self.graphs[0] if self.graphs else None


class CellTracer:
    """Trace code run in ``namespace``: ``start()``, run the code, ``finish()`` (always).

    >>> tracer = CellTracer(ns); tracer.start()
    >>> try: exec(code, ns)
    ... finally: trace = tracer.finish()
    """

    def __init__(self, namespace, adapters=None, step=False):
        self.namespace = namespace
        self.adapters = adapters
        self.step = step  # record every backward call node by node (``--step``), at its cost
        self._before = None
        self._uninstall = []
        self.recorders = []
        self._saw_nonleaf_warning = False
        self._showwarning = None

    def start(self):
        ns = self.namespace
        # Keep the old values alive during the cell so an id cannot be reused by a new object.
        self._before = {k: v for k, v in ns.items() if not k.startswith("_") and k not in NAMESPACE_SKIP}
        watch_torch = self.adapters is None and "torch" not in sys.modules
        if self.adapters is None:
            self.adapters = available_adapters()
        try:
            for adapter in list(self.adapters):
                self._record(adapter)
            if watch_torch:  # the code may import torch itself: record it from then on
                self._uninstall.append(call_after_import("torch", self._torch_imported))
            self._showwarning = warnings.showwarning

            def showwarning(message, category, *args, **kwargs):
                if NONLEAF_WARNING_TEXT in str(message):
                    self._saw_nonleaf_warning = True
                return self._showwarning(message, category, *args, **kwargs)

            warnings.showwarning = showwarning
        except BaseException:
            self._remove_hooks()
            raise
        return self

    def _record(self, adapter):
        rec = Recorder(adapter, step_all=self.step or adapter.max_stepped_calls is None,
                       max_stepped_calls=adapter.max_stepped_calls)
        self.recorders.append(rec)
        self._uninstall.append(adapter.install(rec))

    def _torch_imported(self, torch):
        if not self._uninstall:  # already stopped
            return
        try:
            adapter = TorchAdapter()
            self.adapters.append(adapter)
            self._record(adapter)
        except Exception as e:  # noqa: BLE001 - never break the learner's `import torch`
            warnings.warn(f"%%tracegraph could not follow torch imported in the cell: {e}")

    def _remove_hooks(self):
        while self._uninstall:
            self._uninstall.pop()()
        if self._showwarning is not None:
            warnings.showwarning = self._showwarning
            self._showwarning = None

    def stop(self):
        """Take every hook out (safe to call twice)."""
        self._remove_hooks()

    def finish(self, error=None, max_functions=None):
        """Remove the hooks, then build the models. ``error`` is the exception the code raised;
        ``max_functions``: read at most that many nodes of each graph (None: the adapter's
        ``max_captured_functions``)."""
        self._remove_hooks()
        trace = Trace()
        if error is not None:
            trace.error = f"{type(error).__name__}: {error}"
        before = self._before or {}
        for rec in self.recorders:
            rec.close()
            model = self._model(rec, before, max_functions)
            if model is not None:
                trace.graphs.append(model)
        self._before = None
        self.recorders = []
        if not trace.graphs:
            trace.notes.append("This cell built no autograd graph (no tensor that requires grad).")
        return trace

    def _model(self, rec, before, max_functions=None):
        adapter = rec.adapter
        named = named_tensors(self.namespace, adapter, NAMESPACE_SKIP)
        touched = {k for k, v in self.namespace.items() if k not in before or before[k] is not v}
        roots, leaves = [], []
        for label, t in named:
            if label.split(".")[0].split("[")[0] not in touched:
                continue
            fn = adapter.grad_fn(t)
            if fn is not None:
                roots.append(fn)
            elif adapter.requires_grad(t):
                leaves.append(t)
        roots.extend(r for kept in rec.kept.values() for r in kept)
        if not roots and not leaves and not rec.n_calls:
            return None
        # The kept roots keep their nodes alive, so these node ids cannot have been reused.
        if len(rec.kept) == 1:  # (a loop's graphs share a shape) the recorder's own dicts: the builder only reads them
            (sig,) = rec.kept
            constants, held = rec.constants[sig], rec.held[sig]
        else:
            constants = {k: v for sig in rec.kept for k, v in rec.constants[sig].items()}
            held = {k: v for sig in rec.kept for k, v in rec.held[sig].items()}  # (those nodes are alive too)
        # The nodes of graphs backward freed (kept alive by their roots, so ids hold).
        freed = {id(n) for sig in rec.kept for n in rec.freed[sig]}
        builder = GraphBuilder(adapter, named, max_functions, constants=constants, ops=rec.ops, freed=freed,
                               carried=self._carried_constants(rec), held=held)
        model = builder.build(_unique(roots), leaves)
        if rec.module_calls:
            try:
                unmatched = rec.carry_module_calls_after(builder.nodes)
            except Exception as e:  # noqa: BLE001 - never lose the picture for its grouping
                unmatched = 0
                model.notes.append(f"The ops run after the last module call noted could not be given their "
                                   f"modules ({type(e).__name__}: {e}).")
            group_by_module(model, rec.module_calls, builder, self.namespace, NAMESPACE_SKIP)
            if unmatched:
                model.notes.append(
                    f"Module calls were noted in the iterations whose graphs were read; {unmatched:,} "
                    f"{'op' if unmatched == 1 else 'ops'} run after the last of them matched no graph read "
                    "and are drawn outside any module box.")
        if rec.ops_budget_spent:
            model.notes.append(
                f"Tensors between ops are drawn for the ops this cell ran {rec.ops_budget_spent} only; "
                "%%tracegraph then let it run at full speed, so later ops are drawn joined directly, with "
                "the constants the same ops took in the first graph of their shape.")
        model.read_nonleaf_grad = self._saw_nonleaf_warning
        unread = rec.n_calls - rec.n_read
        for sig, kept in rec.kept.items():
            n = rec.counts.get(sig, 0)
            for r in kept:
                fid = builder.fid.get(id(r))
                if fid is not None and (n > 1 or unread):
                    model.repeats[fid] = n
        model.n_read_calls = rec.n_read
        if unread:
            model.notes.append(
                f"Graphs read: {rec.n_read} of the cell's {rec.n_calls:,} backward calls (calls 1-{MAX_FULL_READS}, "
                f"then {2 * MAX_FULL_READS}, {4 * MAX_FULL_READS}, {8 * MAX_FULL_READS}, …, and the last); the "
                f"other {unread:,} were counted, not read: a graph of another shape among them is not drawn.")
        # Replay: map live nodes to the model's ids (None for nodes no longer drawn).
        labels, rows = self._leaf_labels(rec, builder, model, named)
        for call in rec.calls:
            steps = None
            if call.steps is not None:
                steps = [Step(builder.fid.get(id(node)), adapter.node_name(node), gi, go)
                         for node, gi, go in call.steps]
            before = None
            if call.grads_before is not None:
                before = {labels[i]: call.grads_before[i] for i in rows if i in call.grads_before}
            model.backward_calls.append(BackwardCall(
                call.index, [builder.fid.get(id(r)) for r in call.roots], call.signature, steps, before))
        model.n_backward_calls = rec.n_calls
        model.max_stepped_calls = None if rec.step_all else rec.max_stepped_calls
        for kind, label, leaf, grads, number in rec.events:
            if leaf is not None:
                label = labels.get(rec._leaf_index.get(id(leaf)), "leaf") + label
            model.events.append(Event(kind, label, {labels[i]: grads[i] for i in rows if i in grads}, number))
        model.n_events = rec.n_events
        model.full_events = MAX_FULL_EVENTS
        if rec.norms:
            model.grad_norms = GradientNorms(
                [labels[i] for i in rows], [i for i, _ in rec.norms],
                [[norms[i] if i < len(norms) else None for i in rows] for _, norms in rec.norms],
                rec.norm_every, rec.n_calls)
        return model

    @staticmethod
    def _carried_constants(rec):
        """``{id(node): constants}`` for the nodes of the drawn graphs whose ops were not noted
        (the budget was spent), from the first graph of the same shape whose ops were: node for
        node, the same op took constants at the same place."""
        adapter, carried = rec.adapter, {}
        for sig, roots in rec.kept.items():
            template = rec.op_constants.get(sig)
            if not template:
                continue
            order = rec.freed[sig] or walk(adapter, roots, adapter.max_captured_functions)
            if not order or adapter.node_key(order[0]) in rec.ops:  # this graph's own ops were noted
                continue
            for place, constants in template.items():
                if place < len(order):
                    carried[id(order[place])] = constants
        return carried

    @staticmethod
    def _leaf_labels(rec, builder, model, named):
        """A label for each followed leaf (its name, or ``leaf [shape]`` when it has none), and
        the timeline's order of them: named leaves in the namespace's order (a model's
        parameters layer by layer), then the others in the order backward found them."""
        labels = {}
        used = set()
        for i, t in enumerate(rec.leaves):
            names = builder.names.get(id(t))
            label = names[0] if names else None
            if label is None:
                tid = builder.tid.get(id(t))
                shape = model.tensors[tid].shape if tid else tuple(rec.adapter.to_numpy(t).shape)
                label = "leaf " + shape_str(shape)
            base, k = label, 2
            while label in used:
                label = f"{base} ({k})"
                k += 1
            used.add(label)
            labels[i] = label
        place = {}
        for k, (_, t) in enumerate(named):
            place.setdefault(id(t), k)
        rows = sorted(labels, key=lambda i: (place.get(id(rec.leaves[i]), len(place)), i))
        return labels, rows


def _unique(nodes):
    seen, out = set(), []
    for n in nodes:
        if id(n) not in seen:
            seen.add(id(n))
            out.append(n)
    return out


def trace_tensor(t, namespace=None):
    """The model of the graph behind one tensor (``%tracegraph EXPR``), named from ``namespace``."""
    adapter = adapter_for(t)
    if adapter is None:
        raise TypeError(f"expected a tensor, got {type(t).__name__}")
    named = named_tensors(namespace or {}, adapter, NAMESPACE_SKIP)
    builder = GraphBuilder(adapter, named)
    fn = adapter.grad_fn(t)
    return builder.build([fn] if fn is not None else [], [] if fn is not None else [t])

