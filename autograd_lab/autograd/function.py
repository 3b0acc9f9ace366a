"""Graph nodes and the Function mechanism: every op, built in or written by a user, is a Function.

An op is a class with ``forward`` and ``backward``. Calling ``Op.apply(*args)`` runs forward and,
when gradients are being recorded, creates the op's graph node (its ``grad_fn``). The node is the
``ctx`` that forward's bookkeeping saved things on, as in PyTorch. Built-in ops use PyTorch 2's
split form: ``forward(*args)`` works on numpy arrays and ``setup_context(ctx, inputs, output)``
saves what ``backward`` needs, so nothing is saved when nothing is recorded.
"""
import itertools
import sys
import weakref

import numpy as _np

from ..parity import meta as _meta
from ..parity import dispatch as _dispatch
from ..parity import bfloat16 as _bf16
from ..parity.fp import quiet_reset, quiet_set
from ..parity.messages import shape_str
from ..parity.names import ShownAs, as_shown
from .._tensor import Tensor, _wrap_output
from .grad_mode import GradMode
from .hooks import RemovableHandle
from . import saved_tensors

_sequence = itertools.count()

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
    "graph a second time or if you need to access saved tensors after calling backward."
)
_HINT = (
    "Hint: enable anomaly detection to find the operation that failed to compute its gradient, "
    "with torch.autograd.set_detect_anomaly(True, check_nan=False)."
)


class Node(metaclass=ShownAs):
    """A node of the backward graph, what ``tensor.grad_fn`` holds.

    ``next_functions`` has one ``(node, output_nr)`` pair per differentiable input, in input
    order: the node that produced that input (``AccumulateGrad`` for a leaf), or ``(None, 0)``
    for an input that needs no gradient.
    """

    # Slots for what every node sets; rarer state defaults on the class (see Tensor).
    __slots__ = (
        "next_functions", "needs_input_grad", "_stash", "_input_meta", "_seq", "_edge_args",
        "__dict__", "__weakref__",
    )
    _freed = False
    _hooks = None
    _prehooks = None
    _tensor_prehooks = None  # hooks registered on this node's output tensors, by output_nr
    _retain_grad = None  # output_nr -> weak reference to a tensor that called retain_grad()
    _n_outputs = 1
    _out_meta = None  # (shape, dtype) of each output, for nodes with several
    _materialize = True
    _builtin = True
    _in_jvp = False  # True while a user Function's jvp runs (saved_tensors: those saved for forward)
    _kept_for_jvp = ()
    _never_saved = ()  # after backward: indices of slots that held None (PyTorch still shows None)

    def __init__(self):
        self._stash = None
        self._seq = next(_sequence)

    # -- what PyTorch shows of a node ------------------------------------------------------
    _qualname = None

    def name(self):
        return self._qualname or type(self).__name__

    def __repr__(self):
        if self._builtin:
            return f"<{type(self).__name__} object at {id(self):#x}>"
        return f"<torch.autograd.function.{type(self).__name__} object at {id(self):#x}>"

    @property
    def metadata(self):
        try:
            return self.__dict__["_metadata"]
        except KeyError:
            self.__dict__["_metadata"] = {}
            return self.__dict__["_metadata"]

    # -- saving for backward ---------------------------------------------------------------
    def save_for_backward(self, *tensors):
        """Keep tensors for backward; the version each had is kept too, so an in-place change
        made before backward is caught. One of the node's own outputs is kept without the
        tensor itself (see ``SavedOutput``)."""
        stash = []
        for t in tensors:
            if t is None:
                stash.append(None)
                continue
            if type(t) in _NUMBERS:
                # A Python number (a * 2): kept bare, shown as PyTorch's 0-d tensor on request.
                stash.append(t)
                continue
            if t._inference:
                raise RuntimeError(INFERENCE_SAVE_MESSAGE)
            if saved_tensors._stack and self._builtin:
                # (a user's Function packs once its outputs are in the graph: _keep_outputs_as_saved)
                stash.append(saved_tensors.pack(t, t._grad_fn))
                continue
            if t._grad_fn is self:
                stash.append(SavedOutput(t))
                continue
            vc = t._vcl
            stash.append((t, vc[0] if vc is not None else 0))
        self._stash = tuple(stash)

    @property
    def saved_tensors(self):
        if self._in_jvp:
            return self._kept_for_jvp
        if self._freed:
            raise RuntimeError(FREED_MESSAGE)
        if not self._stash:
            return ()
        out = []
        for entry in self._stash:
            out.append(entry if entry is None or type(entry) in _NUMBERS else _unpack(self, entry))
        return tuple(out)

    def save_for_forward(self, *tensors):
        """Keep tensors for ``jvp`` (forward mode); jvp reads them as ``ctx.saved_tensors``."""
        self._kept_for_jvp = tensors

    def mark_non_differentiable(self, *tensors):
        self.__dict__["_non_diff_ids"] = {id(t) for t in tensors}

    def mark_dirty(self, *tensors):
        self.__dict__["_dirty_ids"] = {id(t) for t in tensors}  # (changed in place: not a view, see _alias)

    def set_materialize_grads(self, value):
        self._materialize = value

    def _release(self):
        """Free what was saved: after this, backward through this node again raises."""
        stash = self._stash
        if stash is not None:
            if any(e is None for e in stash):
                self._never_saved = tuple(i for i, e in enumerate(stash) if e is None)
            self._stash = None
            self._freed = True

    # PyTorch shows what a built-in node saved as attributes named _saved_<name>: tensors
    # (``saved_names``, in save_for_backward order, freed by backward) and plain values
    # (``saved_values``, kept as ctx attributes of the same name, never freed).
    saved_names = ()
    saved_values = ()

    def __getattr__(self, attr):
        if attr.startswith("_saved_"):
            key = attr[7:]
            cls = type(self)
            if key in cls.saved_names:
                index = cls.saved_names.index(key)
                if self._freed:
                    if index in self._never_saved:
                        return None  # never saved, so nothing was freed
                    raise RuntimeError(FREED_MESSAGE)
                stash = self._stash
                if stash is None or index >= len(stash) or stash[index] is None:
                    return None
                entry = stash[index]
                if type(entry) in _NUMBERS:
                    return _wrap_number(entry)
                return _unpack(self, entry)
            if key in cls.saved_values:
                return as_shown(getattr(self, key, None))
        if attr.startswith("_raw_saved_") and attr[11:] in type(self).saved_names:
            return saved_tensors.SavedTensor(self, type(self).saved_names.index(attr[11:]))
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{attr}'")

    def __dir__(self):
        cls = type(self)
        return sorted(set(object.__dir__(self)) | {"_saved_" + n for n in cls.saved_names + cls.saved_values})

    # -- hooks ---------------------------------------------------------------------------
    def register_hook(self, fn):
        """``fn(grad_inputs, grad_outputs)`` runs after this node computed its gradients; it
        may return replacement ``grad_inputs``."""
        if self._hooks is None:
            self._hooks = {}
        handle = RemovableHandle(self._hooks)
        self._hooks[handle.id] = fn
        return handle

    def register_prehook(self, fn):
        """``fn(grad_outputs)`` runs before this node computes; it may return replacements."""
        if self._prehooks is None:
            self._prehooks = {}
        handle = RemovableHandle(self._prehooks)
        self._prehooks[handle.id] = fn
        return handle

    def _add_tensor_prehook(self, output_nr, fn):
        if self._tensor_prehooks is None:
            self._tensor_prehooks = {}
        hooks = self._tensor_prehooks.setdefault(output_nr, {})
        handle = RemovableHandle(hooks)
        hooks[handle.id] = fn
        return handle

    # -- running -------------------------------------------------------------------------
    def _backward(self, grads):
        """Gradients for this node's inputs (one per edge) from those of its outputs."""
        raise NotImplementedError


INFERENCE_SAVE_MESSAGE = (
    "Inference tensors cannot be saved for backward. Please do not use Tensors created in inference "
    "mode in computation tracked by autograd. To work around this, you can make a clone to get a normal "
    "tensor and use it in autograd, or use `torch.no_grad()` instead of `torch.inference_mode()`."
)


def _modified_message(t, version, maker=None):
    desc = f"[torch.{t.dtype._legacy} {shape_str(t.shape)}]"
    fn = maker if maker is not None else t.grad_fn  # (the property: a stale view reads its base anew)
    if fn is not None:
        name = fn.name()
        short = name[: name.rfind("Backward")] if "Backward" in name else name
        desc += f", which is output {t._output_nr} of {short},"
    return (
        "one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: {desc} is at version {t._vc[0]}; expected version {version} instead. {_HINT}"
    )


def _unpack(node, entry):
    """A saved tensor as backward gets it, after checking nobody changed it in place since."""
    if type(entry) is SavedOutput:
        return entry.unpack(node)
    if type(entry) is saved_tensors.Packed:
        return entry.unpack()
    t, version = entry  # an input: the tensor and its version when saved
    vc = t._vcl
    if (vc[0] if vc is not None else 0) != version:
        raise RuntimeError(_modified_message(t, version))
    return t


class SavedOutput:
    """What a node keeps of one of its own outputs (``exp`` and ``relu`` save their result).

    Keeping the tensor itself would make a reference cycle (tensor -> grad_fn -> tensor), so
    every such output would wait for the garbage collector instead of being freed as soon as
    the user drops it. As PyTorch does, the node keeps the values and the version counter and
    builds a new tensor from them when backward asks: same data, ``grad_fn`` this node.
    """

    __slots__ = ("data", "version", "counter", "output_nr", "base", "graph_version", "tangent")

    def __init__(self, t):
        self.data = t._data
        self.counter = t._vc  # shared with t, so a later in-place change to t is seen
        self.version = self.counter[0]
        self.output_nr = t._output_nr
        self.base = t._base
        self.graph_version = t._graph_version
        self.tangent = None  # forward mode: (dual level's number, the output's tangent)

    def unpack(self, node):
        t = Tensor._make(self.data, True)
        t._grad_fn = node
        if self.tangent is not None and self.tangent[0] == ForwardMode.entered:
            t._tangent = self.tangent[1]  # (differentiating a backward in forward mode needs it)
        t._vcl = self.counter
        if self.output_nr:
            t._output_nr = self.output_nr
        if self.base is not None:
            t._base, t._graph_version = self.base, self.graph_version
        if self.counter[0] != self.version:
            raise RuntimeError(_modified_message(t, self.version, node))
        return t


class AccumulateGrad(Node):
    """The node behind a leaf that requires grad: backward adds what reaches it into ``.grad``."""

    __slots__ = ("variable",)

    def __init__(self, variable):
        Node.__init__(self)
        self.variable = variable
        self.next_functions = ()
        # PyTorch runs a leaf's AccumulateGrad as soon as it is ready, before any other node.
        self._seq = sys.maxsize

    @property
    def _tensor_prehooks(self):
        # Hooks registered on the leaf tensor run first, as for any tensor's gradient.
        hooks = self.variable._hooks
        return {0: hooks} if hooks else None

    _qualname = "torch::autograd::AccumulateGrad"
    _shown_as = "AccumulateGrad"


def leaf_accumulator(leaf):
    """The AccumulateGrad node of a leaf, shared by every graph that uses the leaf (while one of
    them lives). Tensor's ``_accumulator`` method."""
    acc = leaf._acc() if leaf._acc is not None else None
    if acc is None:
        acc = AccumulateGrad(leaf)
        leaf._acc = weakref.ref(acc)
    return acc


class BackwardFunction(Node):
    """The node type of a Function: runs the Function's ``backward`` with this node as ctx."""

    __slots__ = ()
    _forward_cls = None

    def _backward(self, grads):
        fn = self._forward_cls
        if self._freed:
            raise RuntimeError(FREED_MESSAGE)
        result = fn.backward(self, *grads)
        if not isinstance(result, tuple):
            result = (result,)
        return result


class FunctionMeta(type):
    """Gives every Function subclass its node class: ``AddBackward0`` for a built-in op named
    so, ``<Name>Backward`` for a user's Function, as PyTorch names them."""

    def __init__(cls, name, bases, namespace):
        super().__init__(name, bases, namespace)
        if bases == (object,) or name == "Function":
            return
        builtin = "node_name" in namespace
        node_name = namespace.get("node_name", name + "Backward")
        attrs = {
            "__slots__": (),
            "_forward_cls": cls,
            "_builtin": builtin,
            "saved_names": tuple(getattr(cls, "saved_names", ())),
            "saved_values": tuple(getattr(cls, "saved_values", ())),
            "_qualname": namespace.get("node_qualname"),
            **getattr(cls, "ctx_defaults", {}),
            "__module__": cls.__module__ if builtin else "torch.autograd.function",
            "__qualname__": node_name,
        }
        if builtin:
            attrs["_shown_as"] = node_name  # PyTorch's built-in nodes have no module: <class 'MulBackward0'>
        else:
            del attrs["__slots__"]  # a user's ctx takes arbitrary attributes
        cls._node_cls = ShownAs(node_name, (BackwardFunction,), attrs)


class Function(metaclass=FunctionMeta):
    """Base of every differentiable op, and of users' custom ones (``torch.autograd.Function``).

    A user writes ``forward(ctx, *args)`` on tensors and ``backward(ctx, *grads)``; built-in ops
    set ``node_name`` and write ``forward(*arrays)`` on numpy arrays plus ``setup_context``.
    """

    node_name = None
    saved_names = ()
    saved_values = ()
    scalars_are_inputs = 0  # how many leading args PyTorch wraps as inputs when they are numbers (a + 2)
    raw = False  # True for built-in ops whose forward takes and returns numpy arrays
    inputs = None  # which args get an edge, when not every tensor arg does (where's condition)
    is_view = False  # the output shares the first input's data and version counter

    @staticmethod
    def forward(*args):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        pass

    @staticmethod
    def backward(ctx, *grads):
        raise NotImplementedError("You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.")

    # Forward mode (``torch.autograd.forward_ad``): ``jvp(ctx, *tangents)`` gives the output's
    # tangent from one tangent per argument, the change of the output along the inputs' changes.
    # A built-in op reads its arguments as ``ctx.inputs`` and its result as ``ctx.output``.
    jvp = None

    # ``Op.apply(*args)``: run the op on ``args``, recording it in the graph when an input
    # requires grad. (Set below to ``_apply`` itself, one call less for every op.)
    apply = None


_op_listeners = []


def add_op_listener(listener):
    """Be told of every op recorded in the graph from now on (what %%tracegraph draws tensors from).

    ``listener(node, args, outputs)`` is called right after an op created its node: ``node`` is
    the new ``grad_fn``, ``args`` the op's positional arguments (tensors, numbers, ...) and
    ``outputs`` its result (a tensor or a tuple). Ops that record nothing (no input requires
    grad, or under ``no_grad``) are not reported. The listener must not raise. Returns a
    function that removes the listener.
    """
    _op_listeners.append(listener)
    return lambda: _op_listeners.remove(listener) if listener in _op_listeners else None


def unreported(fn, *args):
    """``fn(*args)`` with the op listeners not told of the ops it records: the inner steps of a
    function PyTorch runs as one call (``linear``'s ``weight.t()``), so that %%tracegraph draws
    what it draws of PyTorch's (no tensor between the two ops)."""
    if not _op_listeners:
        return fn(*args)
    listeners = _op_listeners[:]
    _op_listeners.clear()
    try:
        return fn(*args)
    finally:
        _op_listeners[:] = listeners


def _apply(cls, *args, **kwargs):
    """Run ``cls`` forward on ``args``; record a graph node when any input requires grad."""
    if ForwardMode.level is not None and not ForwardMode.paused and _any_tangent(args):
        return _apply_with_tangents(cls, args, kwargs)  # forward mode: see the end of this file
    record = False
    if cls.raw:
        if _dispatch.USED[0] and _dispatch.has_wrapper(args):  # a __torch_dispatch__ subclass answers
            return _dispatch.dispatch(cls, args, kwargs)
        if GradMode.enabled:
            arrays = []
            for a in args:
                if isinstance(a, Tensor):
                    if a._requires_grad:
                        record = True
                    arrays.append(a._data)
                elif isinstance(a, _np_scalar):
                    args = _plain_numbers(args)
                    return _apply(cls, *args, **kwargs)
                else:
                    arrays.append(a)
        else:  # the common case inside backward: nothing is recorded
            arrays = [
                a._data if isinstance(a, Tensor) else (a.item() if isinstance(a, _np_scalar) else a) for a in args
            ]
        token = quiet_set()  # (inf and nan come silently, as in PyTorch: see parity/fp.py)
        try:
            if _meta.USED[0] and _meta.has_meta(arrays):  # shapes only: see parity/meta.py
                out = _meta.forward(cls, arrays, kwargs)
            else:
                out = cls.forward(*arrays, **kwargs) if kwargs else cls.forward(*arrays)
            if _bf16.USED[0] and _bf16.involved(arrays, kwargs):  # rounded as PyTorch's bfloat16
                out = _bf16.finish(arrays, kwargs, out)
        finally:
            quiet_reset(token)
        if record and type(out) is not tuple and out.dtype.kind in "biu":
            record = False  # integer and bool results have no gradient (x.long(), x.sign() > 0)
        if not record:
            outputs = tuple(_wrap_output(o) for o in out) if type(out) is tuple else _wrap_output(out)
        else:
            ctx = cls._node_cls()
            outputs = _connect(ctx, cls, args, out)
            cls.setup_context(ctx, args if not kwargs else args + (kwargs,), outputs)
            if _op_listeners:
                for listener in _op_listeners:
                    listener(ctx, args, outputs)
        if cls.is_view:
            _share_view(args[0], outputs)
        return outputs

    return _apply_user(cls, args, kwargs)[1]


def _apply_user(cls, args, kwargs):
    """A user's Function: forward(ctx, *tensors) runs without recording, like PyTorch. Returns
    the ctx too (forward mode hands it to ``jvp``)."""
    record = GradMode.enabled and any(isinstance(a, Tensor) and a._requires_grad for a in args)
    ctx = cls._node_cls()
    ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a._requires_grad for a in args)
    prev = GradMode.enabled
    GradMode.enabled = False
    try:
        if cls.setup_context is Function.setup_context:
            out = cls.forward(ctx, *args, **kwargs)
        else:
            out = cls.forward(*args, **kwargs)
            cls.setup_context(ctx, args, out)
    finally:
        GradMode.enabled = prev
    if not record:
        return ctx, out
    outputs = _connect(ctx, cls, args, out, user=True)
    if _op_listeners:
        for listener in _op_listeners:
            listener(ctx, args, outputs)
    return ctx, outputs


Function.apply = classmethod(_apply)


def _plain_numbers(args):
    """numpy scalars (``np.sqrt(2.0)``, ``np.float32(0.5)``) as the Python numbers PyTorch takes
    them for: ``x * np.float64(2)`` is ``x * 2.0``, a float32 tensor times a number."""
    return tuple(a.item() if isinstance(a, _np_scalar) else a for a in args)


_np_scalar = _np.generic
_NUMBERS = (float, int, bool)  # what an op may save instead of a tensor (a * 2)


def _connect(ctx, cls, args, out, user=False):
    """Make the outputs of an op children of ``ctx`` and link ``ctx`` to its inputs' nodes."""
    edges = []
    meta = []
    needs = []
    edge_args = []
    scalars = cls.scalars_are_inputs
    chosen = cls.inputs
    i = -1
    for a in args:
        i += 1
        if chosen is not None and i not in chosen:
            needs.append(False)
        elif isinstance(a, Tensor):
            if a._base is not None and a._vcl[0] != a._graph_version:
                a._refresh_history()
            if a._requires_grad:
                needs.append(True)
                fn = a._grad_fn
                edges.append((fn, a._output_nr) if fn is not None else (a._accumulator(), 0))
            else:
                needs.append(False)
                edges.append(_NO_EDGE)
            meta.append(a._data.shape)
            edge_args.append(i)
        else:
            needs.append(False)
            if chosen is not None or (i < scalars and isinstance(a, (int, float))):
                edges.append(_NO_EDGE)
                meta.append(None)
                edge_args.append(i)
    ctx.next_functions = tuple(edges)
    # A long graph keeps these per node; they repeat across nodes, so one shared copy of each
    # combination is kept (fewer objects for the garbage collector to walk as graphs grow).
    signature = (tuple(meta), tuple(edge_args), tuple(needs))
    if len(_SHARED) < 10000:  # (many distinct shapes: stop interning rather than grow)
        signature = _SHARED.setdefault(signature, signature)
    ctx._input_meta, ctx._edge_args, needs = signature
    if not user:
        ctx.needs_input_grad = needs

    if type(out) is not tuple:
        t = _alias(out, ctx) if user and any(out is a for a in args) else (out if user else _wrap_output(out))
        t._requires_grad = True
        t._grad_fn = ctx
        if user and ctx._stash:
            _keep_outputs_as_saved(ctx, (t,))
        return t

    non_diff = ctx.__dict__.get("_non_diff_ids", ()) if user else getattr(cls, "non_differentiable_outputs", ())
    result = []
    for nr, o in enumerate(out):
        if user:
            if not isinstance(o, Tensor) or id(o) in non_diff:
                result.append(o)
                continue
            t = _alias(o, ctx) if any(o is a for a in args) else o
        else:
            t = _wrap_output(o)
            if nr in non_diff:
                result.append(t)
                continue
        t._requires_grad = True
        t._grad_fn = ctx
        t._output_nr = nr
        result.append(t)
    ctx._n_outputs = len(out)
    ctx._out_meta = tuple((r._data.shape, r._data.dtype) if isinstance(r, Tensor) else None for r in result)
    if user and ctx._stash:
        _keep_outputs_as_saved(ctx, result)
    return tuple(result)


def _keep_outputs_as_saved(ctx, outputs):
    """A user's forward saves its outputs before they belong to ``ctx``; now that they do, keep
    them as ``SavedOutput`` (no reference cycle; backward gets a new tensor, as in PyTorch)."""
    mine = {id(o) for o in outputs if isinstance(o, Tensor) and o._grad_fn is ctx}
    stash = []
    if saved_tensors._stack:  # torch.autograd.graph.saved_tensors_hooks: pack hooks decide what is kept
        for entry in ctx._stash:
            stash.append(saved_tensors.pack(entry[0], entry[0]._grad_fn) if type(entry) is tuple else entry)
        ctx._stash = tuple(stash)
        return
    for entry in ctx._stash:
        if type(entry) is tuple and id(entry[0]) in mine:
            saved = SavedOutput(entry[0])
            saved.version = entry[1]  # the version it had when forward saved it
            entry = saved
        stash.append(entry)
    ctx._stash = tuple(stash)


_SHARED = {}
_NO_EDGE = (None, 0)  # the edge of an input that needs no gradient


def _wrap_number(x):
    """A Python number as PyTorch shows it in a node: a 0-d float64, bool or int64 tensor."""
    return Tensor._make(_np.asarray(x, _np.float64 if type(x) is float else _np.bool_ if type(x) is bool else _np.int64))


def _share_view(base, outputs):
    """Views share data with their base, and so its version counter: an in-place change
    through either is seen by both."""
    root = base._base if base._base is not None else base
    vc = base._vcl
    if vc is None:
        vc = base._vcl = [0]
    for o in outputs if type(outputs) is tuple else (outputs,):
        o._vcl = vc
        o._base = root
        o._graph_version = vc[0]  # the base's version when this view's history was recorded


def _alias(t, ctx):
    """A new tensor sharing ``t``'s data, for a Function that returns one of its inputs. PyTorch
    treats it as a view that may not be changed in place (ops/inplace.py checks ``_returned_by``)."""
    out = Tensor._make(t._data)
    out._vc = t._vc
    if id(t) not in ctx.__dict__.get("_dirty_ids", ()):
        out.__dict__["_returned_by"] = ctx
    return out


CUSTOM_VIEW_INPLACE_MESSAGE = (
    "Output {} of {} is a view and is being modified inplace. This view was created inside a custom Function "
    "(or because an input was returned as-is) and the autograd logic to handle view+inplace would override the "
    "custom backward associated with the custom Function, leading to incorrect gradients. This behavior is "
    "forbidden. You can fix this by cloning the output of the custom Function."
)


FunctionCtx = Node  # what PyTorch calls the ctx type; here the ctx is the node itself


# -- forward mode: tangents carried beside the values --------------------------------------------
class ForwardMode:
    """The state of ``torch.autograd.forward_ad``: the dual level in use (None outside
    ``dual_level()``) and the tensors given a tangent at that level, forgotten when it ends.
    ``paused`` is True while a tangent is being computed (the ops inside carry no tangent)."""

    level = None
    entered = 0  # how many dual levels were entered so far (a saved tangent from an ended one is stale)
    paused = False
    duals = []  # weak references to the tensors holding a tangent


def _any_tangent(args):
    for a in args:
        if isinstance(a, Tensor) and a._tangent is not None:
            return True
    return False


def set_tangent(t, tangent):
    t._tangent = tangent
    ForwardMode.duals.append(weakref.ref(t))


def _tangent_of(a, user):
    """The tangent an op's jvp gets for an argument: its own, if it has one. A user's jvp gets
    zeros for a floating-point tensor without one and None for anything else, as in PyTorch. A
    built-in op's jvp gets None for every argument without a tangent (a number, a plain tensor):
    the input is constant, and the formula leaves its term out (``plus`` in forward_ad.py) rather
    than adding zeros, as PyTorch does (x * b for a plain b keeps the sign of a tangent's -0.)."""
    if isinstance(a, Tensor) and a._tangent is not None:
        return a._tangent
    if user and isinstance(a, Tensor) and a._data.dtype.kind in "fc":
        return Tensor._make(_np.zeros_like(a._data))
    return None


class JvpContext:
    """What a built-in op's ``jvp`` reads: the op, its arguments and its result."""

    def __init__(self, op, inputs, kwargs, output):
        self.op, self.inputs, self.kwargs, self.output = op, inputs, kwargs, output


NO_JVP_MESSAGE = (
    "Trying to use forward AD with {} that does not support it because it has not been implemented yet.\n"
    "Please file an issue to PyTorch at https://github.com/pytorch/pytorch/issues/new?template=feature-request.yml "
    "so that we can prioritize its implementation or submit a PR adding the implementation to derivatives.yaml"
)
USER_NO_JVP_MESSAGE = "You must implement the jvp function for custom autograd.Function to use it with forward mode AD."


def _apply_with_tangents(cls, args, kwargs):
    """An op on an input that carries a tangent: the op as usual, then ``cls.jvp`` for the
    output's tangent (the ops it runs are recorded for backward like any other)."""
    user = not cls.raw
    if cls.jvp is None:
        if user:
            raise NotImplementedError(USER_NO_JVP_MESSAGE)
        raise NotImplementedError(NO_JVP_MESSAGE.format(_op_name(cls)))
    ForwardMode.paused = True
    try:
        tangents = tuple(_tangent_of(a, user) for a in args)
        if user:
            ctx, output = _apply_user(cls, args, kwargs)
            ctx._in_jvp = True
            try:
                out_tangent = cls.jvp(ctx, *tangents)
            finally:
                ctx._in_jvp = False
        else:
            output = _apply(cls, *args, **kwargs)
            out_tangent = cls.jvp(JvpContext(cls, args, kwargs, output), *tangents)
    finally:
        ForwardMode.paused = False
    if type(output) is tuple:
        if type(out_tangent) is not tuple:
            out_tangent = (out_tangent,)
        for o, t in zip(output, out_tangent):
            if t is not None and isinstance(o, Tensor) and o._data.dtype.kind in "fc":
                set_tangent(o, t)
    elif out_tangent is not None and output._data.dtype.kind in "fc":
        if out_tangent._data.shape != output._data.shape:  # (a term left out of a broadcasting sum)
            out_tangent = out_tangent.expand(output._data.shape).contiguous()
        set_tangent(output, out_tangent)
    _tangents_of_saved_outputs(output)
    return output


def _tangents_of_saved_outputs(output):
    """A node that saved its output (tanh, exp) keeps the values only (see SavedOutput): give it
    the output's tangent too, for a backward run in forward mode (forward over reverse)."""
    outputs = output if type(output) is tuple else (output,)
    for o in outputs:
        node = o._grad_fn if isinstance(o, Tensor) else None
        if node is not None and node._stash and o._tangent is not None:
            for entry in node._stash:
                if type(entry) is SavedOutput and entry.data is o._data:
                    entry.tangent = (ForwardMode.entered, o._tangent)


def _op_name(cls):
    """PyTorch's name of a built-in op, from its node's name: ``NativeLayerNormBackward0`` ->
    ``native_layer_norm`` (or its ``aten`` name when the node's does not give it)."""
    if getattr(cls, "aten", None):
        return cls.aten
    name = (cls.node_name or cls.__name__).split("Backward")[0]
    return "".join("_" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))

