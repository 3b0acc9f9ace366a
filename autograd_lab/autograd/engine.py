"""The backward pass: walk the graph from the outputs to the leaves, one node at a time.

The walk is iterative (no recursion, so a million-node chain is fine) and visits nodes in the
order PyTorch's engine does: a node runs once every node that feeds it a gradient has run, and
among ready nodes the most recently created goes first.
"""
import heapq
import itertools
import sys
import warnings

import numpy as np

from .._tensor import Tensor
from ..parity.fp import quiet_reset, quiet_set
from ..parity.messages import shape_str
from .function import AccumulateGrad
from .grad_mode import GradMode


# -- the entry points: check what the caller gave, then run the pass -------------------------------------

def tensor_backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    """``x.backward()``: compute the gradient of this tensor with respect to the graph's leaves,
    adding it into their ``.grad``; ``gradient`` is needed unless ``x`` is a scalar."""
    backward(self, gradient, retain_graph, create_graph, inputs=inputs)


CREATE_GRAPH_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the parameter and its "
    "gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to "
    "avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters "
    "to None after use to break the cycle and avoid the leak. (Triggered internally at "
    "/__w/pytorch/pytorch/torch/csrc/autograd/engine.cpp:1307.)"
)


_create_graph_warned = False


def _called_from_method():
    """Whether ``backward()`` was called by ``x.backward()`` (the warning then names the caller's line)."""
    return sys._getframe(2).f_code is tensor_backward.__code__


def _size_str(shape):
    return f"torch.Size({shape_str(shape)})"


def _make_grads(outputs, grad_outputs):
    """The gradients backward starts from: given ones, checked, or ones for a scalar output."""
    out = []
    for i, (t, g) in enumerate(zip(outputs, grad_outputs)):
        if g is None:
            if t._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            if t._data.dtype.kind != "f":
                raise RuntimeError(
                    f"grad can be implicitly created only for real scalar outputs but got {t.dtype}"
                )
            g = np.empty_like(t._data)  # (a meta output's is meta too: parity/meta.py)
            g.fill(1)
            g = Tensor._make(g)
        else:
            if not isinstance(g, Tensor):
                g = Tensor._make(np.asanyarray(g, t._data.dtype))
            if g._data.shape != t._data.shape:
                raise RuntimeError(
                    f"Mismatch in shape: grad_output[{i}] has a shape of {_size_str(g._data.shape)} and "
                    f"output[{i}] has a shape of {_size_str(t._data.shape)}."
                )
            if g._data.dtype != t._data.dtype:
                g = g.to(t.dtype)
        out.append(g)
    return out


def _as_tuple(x):
    if x is None:
        return None
    if isinstance(x, Tensor):
        return (x,)
    return tuple(x)


def _grads_for(tensors, grad_tensors):
    """One starting gradient (a tensor, or None for "ones") per output tensor; extra ones are
    ignored and missing ones are an error, as in PyTorch."""
    grads = _as_tuple(grad_tensors) or (None,) * len(tensors)
    for g in grads:
        if g is not None and not isinstance(g, Tensor):
            raise TypeError(f"gradients can be either Tensors or None, but got {type(g).__name__}")
    grads = grads[: len(tensors)]
    if len(grads) != len(tensors):
        raise RuntimeError(f"got {len(tensors)} tensors and {len(grads)} gradients")
    return grads


def _check_roots(tensors):
    for i, t in enumerate(tensors):
        if not t._requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )


def _target(t):
    """Where a tensor's gradient can be caught in the graph: its grad_fn slot, or its leaf node."""
    if t._grad_fn is not None:
        return (t._grad_fn, t._output_nr)
    return (t._accumulator(), 0)


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None, inputs=None):
    """Add the gradients of ``tensors`` into the ``.grad`` of the leaves they depend on.

    ``grad_tensors`` are the vectors of the vector-Jacobian product (needed unless each tensor
    is a scalar); ``retain_graph`` keeps saved values for another backward; ``inputs``
    restricts which tensors receive a ``.grad``.
    """
    tensors = _as_tuple(tensors)
    grads = _grads_for(tensors, grad_tensors)
    if retain_graph is None:
        retain_graph = create_graph
    _check_roots(tensors)
    root_grads = _make_grads(tensors, grads)
    global _create_graph_warned
    if create_graph and inputs is None and not _create_graph_warned:
        _create_graph_warned = True  # PyTorch gives this warning once per process
        warnings.warn(CREATE_GRAPH_WARNING, UserWarning, stacklevel=3 if _called_from_method() else 2)
    if inputs is None:
        run_backward(tensors, root_grads, retain_graph, create_graph)
        return
    inputs = _as_tuple(inputs)
    if not inputs:
        raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    for t in inputs:
        if not t._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
    found = run_backward(tensors, root_grads, retain_graph, create_graph, targets=[_target(t) for t in inputs])
    for i, t in enumerate(inputs):
        g = found.get(i)
        if g is None:
            continue
        if t._grad_fn is None:
            _accumulate(t, g, create_graph)
        else:
            _retain(t, g, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """The gradients of ``outputs`` with respect to ``inputs``, returned instead of stored.

    >>> x = tensor(2., requires_grad=True)
    >>> (dy,) = grad(x ** 3, x, create_graph=True)   # 3x^2 = 12
    >>> grad(dy, x)                                  # 6x = 12
    (tensor(12.),)
    """
    outputs = _as_tuple(outputs)
    inputs = _as_tuple(inputs)
    if not inputs:
        raise RuntimeError("`inputs` argument to `grad()` cannot be empty.")
    grads = _grads_for(outputs, grad_outputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    if retain_graph is None:
        retain_graph = create_graph
    _check_roots(outputs)
    for t in inputs:
        if not t._requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    root_grads = _make_grads(outputs, grads)
    found = run_backward(outputs, root_grads, retain_graph, create_graph, targets=[_target(t) for t in inputs])
    result = []
    for i, t in enumerate(inputs):
        g = found.get(i)
        if g is None:
            if not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in the graph. "
                    "Set allow_unused=True if this is the desired behavior."
                )
            if materialize_grads:
                g = Tensor._make(np.zeros(t._data.shape, t._data.dtype))
        elif not create_graph:
            g = g.detach()
        result.append(g)
    return tuple(result)



# -- the pass ---------------------------------------------------------------------------------------------



def _walk(root_nodes, keep_order=False):
    """How many edges point at each node reachable from the roots (an iterative depth-first
    walk): a node may run once that many gradients have reached it. With ``keep_order``, also
    every node in the order found."""
    deps = {}
    seen = set(root_nodes)
    stack = list(seen)  # (a node given twice, for two of its outputs, is walked once)
    order = [] if keep_order else None
    while stack:
        node = stack.pop()
        if keep_order:
            order.append(node)
        for nxt, _ in node.next_functions:
            if nxt is not None:
                if nxt in deps:
                    deps[nxt] += 1
                else:
                    deps[nxt] = 1
                    if nxt not in seen:
                        seen.add(nxt)
                        stack.append(nxt)
    return order, deps


def _needed(order, targets):
    """The nodes from which some target can be reached: only these need to run."""
    needed = set(targets)
    changed = True
    # Discovery order puts a node before (most of) its inputs, so a reverse sweep settles in a
    # pass or two; repeat until nothing changes to be exact for any graph shape.
    while changed:
        changed = False
        for node in reversed(order):
            if node in needed:
                continue
            if any(n is not None and n in needed for n, _ in node.next_functions):
                needed.add(node)
                changed = True
    deps = {}
    for node in order:
        if node in needed:
            for nxt, _ in node.next_functions:
                if nxt is not None and nxt in needed:
                    deps[nxt] = deps.get(nxt, 0) + 1
    return needed, deps


_listeners = []


def add_backward_listener(listener):
    """Be told of every ``backward()`` from now on (what %%tracegraph records).

    ``listener.backward_started(root_nodes)`` is called as a backward pass begins and returns
    a callable ``on_node(node, grads_in, grads_out)`` called for each node as it runs, in
    order; ``listener.backward_finished(on_node)`` follows when the pass ends, even on an
    error. ``autograd.grad`` is not reported: it changes no ``.grad``. Returns a function
    that removes the listener.
    """
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def run_backward(roots, root_grads, retain_graph, create_graph, targets=None, observer=None):
    """Propagate ``root_grads`` from ``roots`` (tensors) back through the graph.

    With ``targets`` (a list of ``(node, output_nr)``), nothing is accumulated into ``.grad``:
    the gradient arriving at each target is returned instead (what ``autograd.grad`` needs).
    ``observer``, when given, is told of every node as it runs.
    """
    if _listeners and targets is None and observer is None:
        return _run_listened(roots, root_grads, retain_graph, create_graph)
    return _run(roots, root_grads, retain_graph, create_graph, targets, observer)


def _run_listened(roots, root_grads, retain_graph, create_graph):
    root_nodes = [t._grad_fn if t._grad_fn is not None else t._accumulator() for t in roots]
    calls = [(listener, listener.backward_started(root_nodes)) for listener in list(_listeners)]

    def observer(node, grads_in, grads_out):
        for _, on_node in calls:
            on_node(node, grads_in, grads_out)

    try:
        return _run(roots, root_grads, retain_graph, create_graph, None, observer)
    finally:
        for listener, on_node in calls:
            listener.backward_finished(on_node)


def _run(roots, root_grads, retain_graph, create_graph, targets, observer):
    """One backward pass, as PyTorch's engine runs it:

    1. count, for every node reachable from the roots, how many gradients it waits for;
    2. put each root's gradient into its node's input buffer;
    3. take the ready node created last, run its backward formula, and add each gradient it
       returns into the buffer of the node that edge points to; a node is ready once every
       gradient it waits for has arrived;
    4. at a leaf's ``AccumulateGrad`` node, add the gradient into the leaf's ``.grad``.

    The bookkeeping around those steps (hooks, ``retain_grad``, ``autograd.grad``'s targets,
    handing a gradient to ``.grad`` without a copy, the observer) is in ``_Pass``.
    """
    run = _Pass(roots, root_grads, create_graph, targets, observer)
    ready, needed = run.ready, run.needed
    arrived, accumulate, call, send, heappop = run.arrived, run.accumulate, run.call, run.send, heapq.heappop
    prev_mode = GradMode.enabled
    GradMode.enabled = create_graph
    # PyTorch never warns about inf or nan in arithmetic; numpy would, for example where a
    # gradient through torch.where meets the inf of the branch not taken (0 * inf).
    token = quiet_set()
    try:
        while ready:
            node = heappop(ready)[2]
            if type(node) is AccumulateGrad:
                accumulate(node)
                continue
            grads = arrived(node)
            if needed is not None and node not in needed:
                continue
            grad_inputs = call(node, grads)
            if not retain_graph:
                node._release()
            send(node, grad_inputs)
    finally:
        quiet_reset(token)
        GradMode.enabled = prev_mode
    return run.captured


class _Pass:
    """The state of one backward pass: what each node still waits for, the gradients that
    reached it so far, the ready nodes, and the bookkeeping the steps in ``_run`` call."""

    __slots__ = ("create_graph", "observer", "deps", "needed", "captured", "target_slots", "deliveries",
                 "handover", "buffers", "tiebreak", "ready")

    def __init__(self, roots, root_grads, create_graph, targets, observer):
        self.create_graph = create_graph
        self.observer = observer
        root_edges = [
            (t._grad_fn, t._output_nr) if t._grad_fn is not None else (t._accumulator(), 0) for t in roots
        ]
        order, self.deps = _walk([n for n, _ in root_edges], keep_order=targets is not None)
        # autograd.grad: only nodes leading to a target run; what reaches a target is captured.
        self.needed = self.captured = self.target_slots = None
        if targets is not None:
            self.needed, self.deps = _needed(order, [n for n, _ in targets if n is not None])
            self.captured = {}
            self.target_slots = {}
            for i, (node, nr) in enumerate(targets):
                if node is not None:
                    self.target_slots.setdefault(node, []).append((i, nr))
        # A gradient the engine made and delivered to exactly one place may be kept by a leaf
        # without a copy. Counted per memory buffer, so two views of one buffer count twice.
        # Roots (the caller's tensors), what a user's Function returned and anything a hook or
        # observer could have kept are never handed over.
        self.deliveries = {}  # id(memory buffer of a gradient) -> how many buffer slots received it
        self.handover = observer is None
        self.buffers = {}  # node -> the gradients that reached each of its outputs so far
        for (node, nr), g in zip(root_edges, root_grads):
            slots = self.buffers.setdefault(node, [None] * node._n_outputs)
            slots[nr] = g if slots[nr] is None else slots[nr] + g
            self.deliveries[_buffer_id(g)] = 2  # the caller's: never handed over
        # Ready nodes wait in a heap, the most recently created first (as PyTorch orders them).
        self.tiebreak = itertools.count()  # equal priorities leave in arrival order
        self.ready = [(-node._seq, next(self.tiebreak), node) for node in self.buffers
                      if self.deps.get(node, 0) == 0]
        heapq.heapify(self.ready)

    def arrived(self, node):
        """The gradients that reached a function node, after its pre-hooks and ``retain_grad``;
        the ones ``autograd.grad`` asked for are captured here."""
        grads = self.buffers.pop(node)
        if node._tensor_prehooks or node._retain_grad or node._prehooks:
            grads = _run_prehooks(node, grads)
            self.handover = False
        if self.target_slots and node in self.target_slots:
            for i, nr in self.target_slots[node]:
                self.captured[i] = grads[nr]
        return grads

    def accumulate(self, node):
        """Step 4: the gradient that reached a leaf's ``AccumulateGrad``, after its pre-hooks, into
        the leaf's ``.grad`` (captured instead for ``autograd.grad``), then the node's hooks."""
        grads = self.buffers.pop(node)
        if node.variable._hooks or node._prehooks:
            grads = _run_prehooks(node, grads)
            self.handover = False
        g = grads[0]
        if self.target_slots is None:
            owned = self.handover and self.deliveries.get(_buffer_id(g)) == 1
            _accumulate(node.variable, g, self.create_graph, owned)
        elif node in self.target_slots:
            for i, _ in self.target_slots[node]:
                self.captured[i] = g
        if node._hooks:
            for hook in list(node._hooks.values()):
                hook((), (g,))
        if self.observer is not None:
            self.observer(node, grads, ())

    def call(self, node, grads):
        """Step 3: ``node``'s backward formula on the gradients it received, then its hooks."""
        if self.handover:
            # This node uses up what it received: only what it passes on (maybe the same
            # buffer, or a view of it) is counted again in send().
            for g in grads:
                if g is not None:
                    self.deliveries[_buffer_id(g)] -= 1
        grad_inputs = _call_node(node, grads)
        if node._hooks:
            self.handover = False
            for hook in list(node._hooks.values()):
                out = hook(tuple(grad_inputs), tuple(grads))
                if out is not None:
                    grad_inputs = tuple(out)
        if self.observer is not None:
            self.observer(node, grads, grad_inputs)
        return grad_inputs

    def send(self, node, grad_inputs):
        """Step 3, continued: each gradient into the buffer of the node its edge points to, summed
        with what reached the same output before; a node whose last gradient arrived is ready."""
        buffers, deps, needed = self.buffers, self.deps, self.needed
        # (What a user's backward returned it may still hold: counted as shared.)
        count = 1 if node._builtin else 2
        for (nxt, nr), g in zip(node.next_functions, grad_inputs):
            if nxt is None or (needed is not None and nxt not in needed):
                continue
            if g is not None:
                slots = buffers.get(nxt)
                if slots is None:
                    slots = buffers[nxt] = [None] * nxt._n_outputs
                elif slots[nr] is not None:
                    g = slots[nr] + g
                slots[nr] = g
                if self.handover:
                    key = _buffer_id(g)
                    self.deliveries[key] = self.deliveries.get(key, 0) + count
            remaining = deps[nxt] - 1
            deps[nxt] = remaining
            if remaining == 0 and nxt in buffers:
                heapq.heappush(self.ready, (-nxt._seq, next(self.tiebreak), nxt))


def _run_prehooks(node, grads):
    if node._tensor_prehooks:
        for nr, hooks in node._tensor_prehooks.items():
            for hook in list(hooks.values()):
                if grads[nr] is None:
                    continue
                out = hook(grads[nr])
                if out is not None:
                    grads[nr] = _checked(hook, grads[nr], out)
    if node._retain_grad:
        for nr, ref in node._retain_grad.items():
            t = ref()
            if t is not None and grads[nr] is not None:
                _retain(t, grads[nr], GradMode.enabled)
    if node._prehooks:
        for hook in list(node._prehooks.values()):
            out = hook(tuple(grads))
            if out is not None:
                grads = [g if g is None or new is None else _checked(hook, g, new) for g, new in zip(grads, out)]
    return grads


def _checked(hook, old, new):
    """What a hook returned in place of a gradient must be a tensor like it, as PyTorch insists."""
    if not isinstance(new, Tensor):
        raise TypeError(f"expected Variable, but hook returned '{type(new).__name__}'")
    name = getattr(hook, "__name__", type(hook).__name__)
    if new._data.shape != old._data.shape:
        raise RuntimeError(f"hook '{name}' has changed the size of value")
    if new._data.dtype != old._data.dtype:
        raise RuntimeError(
            f"hook '{name}' has changed the type of value (was {old.type()} got {new.type()})"
        )
    return new


def _call_node(node, grads):
    """Run one node's backward and shape its answer into one gradient per edge."""
    if node._out_meta is not None and node._materialize:
        for i, g in enumerate(grads):
            if g is None and node._out_meta[i] is not None:
                shape, dtype = node._out_meta[i]
                grads[i] = Tensor._make(np.zeros(shape, dtype))
    result = node._backward(grads)
    if not node._builtin and len(result) != len(node.needs_input_grad):
        raise RuntimeError(
            f"function {node.name()} returned an incorrect number of gradients "
            f"(expected {len(node.needs_input_grad)}, got {len(result)})"
        )
    out = []
    n = len(result)
    for (nxt, _), i, shape in zip(node.next_functions, node._edge_args, node._input_meta):
        g = result[i] if i < n else None
        if g is None or nxt is None:
            out.append(None)
            continue
        if type(g) is not Tensor and not isinstance(g, Tensor):
            g = Tensor._make(np.asanyarray(g))
        if shape is not None and g._data.shape != shape:
            g = _fit(node, i, g, shape)
        out.append(g)
    return out


def _fit(node, index, g, shape):
    """Reduce a broadcast gradient back to its input's shape, as every op needs (done once here)."""
    gshape = g._data.shape
    lead = len(gshape) - len(shape)
    ok = lead >= 0 and all(s == 1 or s == gs for s, gs in zip(shape, gshape[lead:]))
    if not ok:
        raise RuntimeError(
            f"Function {node.name()} returned an invalid gradient at index {index} - got "
            f"{shape_str(gshape)} but expected shape compatible with {shape_str(shape)}"
        )
    return g.sum_to_size(shape) if shape else g.sum()


def _accumulate(var, g, create_graph, owned=False):
    """Add ``g`` into a leaf's ``.grad``: the first time it is stored, after that added in
    place, so gradients pile up across backward calls until someone zeroes them.

    ``owned`` says the engine made ``g`` and handed it to this leaf only: then it becomes
    ``.grad`` as it is (PyTorch steals such buffers too); otherwise ``.grad`` gets a copy.
    """
    if g._data.dtype != var._data.dtype:
        g = g.to(var.dtype)
    if var._grad is None:
        # With create_graph the stored gradient stays in the graph (PyTorch records a copy).
        if create_graph:
            var._grad = _recorded_copy(g)
        elif owned and _plain_buffer(g._data):
            var._grad = Tensor._make(g._data)
        else:
            var._grad = g.detach().clone()
    elif create_graph:
        var._grad = var._grad + g
    else:
        var._grad._data += g._data
        var._grad._vc[0] += 1
    if var._post_accumulate_hooks:
        for hook in list(var._post_accumulate_hooks.values()):
            hook(var)


def _buffer_id(g):
    """Which memory a gradient's values live in (a view and its base share one)."""
    arr = g._data
    base = arr.base
    return id(arr) if base is None else id(base)


def _plain_buffer(arr):
    """Memory a .grad can own and add into in place: writable, contiguous, and the whole of
    its buffer (a transposed product handed back as ``.t()`` still counts)."""
    flags = arr.flags
    if not (flags.writeable and flags.c_contiguous):
        return False
    base = arr.base
    return base is None or (type(base) is np.ndarray and base.nbytes == arr.nbytes)


def _recorded_copy(g):
    if not g._requires_grad:
        return g.detach().clone()
    return Tensor._make(np.zeros_like(g._data)).copy_(g)  # recorded as CopyBackwards


def _retain(t, g, create_graph):
    if t._grad is None:
        t._grad = g if create_graph else g.detach().clone()
    else:
        t._grad = t._grad + g if create_graph else (t._grad + g.detach())
