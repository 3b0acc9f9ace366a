"""In-place ops: ``x.add_(y)``, ``x.zero_()``, ``x.copy_(src)``, ``x[i] = v`` on a view.

PyTorch records an in-place op as the out-of-place op applied to the tensor's old values, then
makes the tensor itself the result: the same object, new values, a new ``grad_fn``, its version
counter one higher (so a node that saved the old values can tell they are gone). On a view the
base's history changes too (a ``CopySlices`` node), and the view reads its region of the base
anew. The ops that exist only in place come first; Tensor's methods are attached in
_tensor_methods.py.
"""
import weakref

import numpy as np

from .. import _dtype
from .._tensor import Tensor
from ..autograd.function import CUSTOM_VIEW_INPLACE_MESSAGE, ForwardMode, SavedOutput, _any_tangent, set_tangent
from ..autograd.forward_ad import jvp_from_backward
from ..autograd.grad_mode import GradMode
from . import indexing, pointwise as pw, shape
from ..parity.arg_errors import no_overload
from ..parity.bfloat16 import round_bf16
from ..parity import dispatch as _dispatch
from ._support import OPERANDS, broadcast_error, wrap_dim, wrap_dims
from ..parity.messages import shape_str
from .indexing import CopySlicesNode, RegionRead, StridedRegion


# -- ops that exist only in place ------------------------------------------------------------------
class Zero(pw.Function):
    node_name = "ZeroBackward0"
    raw = True

    @staticmethod
    def forward(a):
        return np.zeros_like(a)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0

    jvp = staticmethod(jvp_from_backward)


class Fill(pw.Function):
    node_name = "FillBackward2"
    raw = True

    @staticmethod
    def forward(a, value):
        return np.full_like(a, value)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, None

    jvp = staticmethod(jvp_from_backward)


class Copy(pw.Function):
    """``dst.copy_(src)``: dst's old values get no gradient; src gets all of it."""

    node_name = "CopyBackwards"
    node_qualname = "torch::autograd::CopyBackwards"
    raw = True

    @staticmethod
    def forward(a, src):
        if src.shape != a.shape:
            err = broadcast_error(a.shape, src.shape)
            if err is not None:
                raise err
            if np.broadcast_shapes(a.shape, src.shape) != a.shape:
                raise RuntimeError(
                    f"output with shape {shape_str(a.shape)} doesn't match the broadcast shape "
                    f"{shape_str(np.broadcast_shapes(a.shape, src.shape))}"
                )
        return np.broadcast_to(src, a.shape).astype(a.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, grad

    jvp = staticmethod(jvp_from_backward)


def _fill(self, value):
    if isinstance(value, Tensor):
        if value._data.ndim:
            raise RuntimeError(
                f"fill_ only supports 0-dimension value tensor but got tensor with {value._data.ndim} dimensions."
            )
        value = value.item()
    elif not isinstance(value, pw.NUMBERS):
        raise no_overload("fill_", (value,), [("Tensor value", (False,)), ("Number value", (False,))])
    else:
        value = _dtype.checked_scalar(value, self._data.dtype)
    return Fill.apply(self, value)


def _copy(self, src, non_blocking=False):
    if not isinstance(src, Tensor):
        if not isinstance(src, pw.NUMBERS):
            raise pw.not_tensor("copy_", src, "other")
        src = Tensor._make(np.asanyarray(src))
    return Copy.apply(self, src)


# -- the mechanism: x.op_(...) as an out-of-place op whose result becomes x ---------------------------------------------------------------------------------------------
def _check_inplace(self):
    """PyTorch refuses to change a leaf that requires grad in place while recording."""
    if not GradMode.inference and "_inference" in self.__dict__:
        raise RuntimeError(
            "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to "
            "get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for "
            "more details."
        )
    if GradMode.enabled:
        if self._grad_fn is None and self._requires_grad:
            raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
        maker = self.__dict__.get("_returned_by")  # an input a custom Function returned as it was
        if maker is not None and maker is self._grad_fn:
            raise RuntimeError(CUSTOM_VIEW_INPLACE_MESSAGE.format(self._output_nr, maker._forward_cls.__name__))
        base = self._base
        if base is not None and base._grad_fn is None and base._requires_grad:
            raise RuntimeError(
                "a view of a leaf Variable that requires grad is being used in an in-place operation."
            )


def _inplace_result(self, compute):
    """Run ``compute`` out of place on a copy of this tensor, then make this tensor the result:
    same object, new values, new ``grad_fn``, version + 1 (what PyTorch does for ``x.add_(1)``)."""
    if self._base is not None:
        return _inplace_on_view(self, compute)
    out = compute(_snapshot(self))
    _store(self, out._data)
    if out._tangent is not None or self._tangent is not None:  # forward mode: the result's tangent
        set_tangent(self, out._tangent)
    if out._grad_fn is not None:
        node = out._grad_fn
        _set_history(self, node, out._output_nr)
        # A node that saved its output saved `out`: point it at this tensor, at the new version.
        if node._stash:
            node._stash = tuple(
                SavedOutput(self) if (type(e) is SavedOutput and e.data is out._data) else e for e in node._stash
            )
    return self


def _inplace_on_view(view, compute):
    """An in-place op on a view changes its base too, so the base's history must say so:
    the base gets a CopySlices node wrapping the op, and the view becomes a fresh read of
    its region of the base (AsStridedBackward0), as in PyTorch."""
    base = view._base
    region = StridedRegion(view._data, base._data)
    new_values = compute(_snapshot(view))
    node = CopySlicesNode(base, new_values._grad_fn, region)
    _store(view, new_values._data)  # writes into the base's memory and bumps the shared version
    _set_history(base, node, 0)
    reread = RegionRead.apply(base, region)
    view._grad_fn, view._output_nr, view._requires_grad = reread._grad_fn, 0, True
    view._graph_version = view._vc[0]
    if new_values._tangent is not None or base._tangent is not None:
        _write_tangent_through_view(view, base, region, new_values._tangent)
    return view


def _write_tangent_through_view(view, base, region, tangent):
    """Forward mode: the view takes the result's tangent, and the base's tangent gets it in the
    view's region (the base's old tangent, or zeros, elsewhere)."""
    old = base._tangent if base._tangent is not None else base.new_zeros(base._data.shape)
    if tangent is None:
        tangent = view.new_zeros(view._data.shape)
    ForwardMode.paused = True
    try:
        set_tangent(base, indexing.CopySlices.apply(old, tangent, region))
    finally:
        ForwardMode.paused = False
    set_tangent(view, tangent)


def refresh_view_history(view):
    """A view whose base was changed in place after the view was made must read the base
    anew: PyTorch gives such a view a fresh AsStridedBackward0 history the next time it is
    used. Called by the op mechanism before it records an edge from a view."""
    base = view._base
    view._graph_version = view._vc[0]
    if not base._requires_grad:
        return
    prev = GradMode.enabled
    GradMode.enabled = True
    try:
        reread = RegionRead.apply(base, StridedRegion(view._data, base._data))
    finally:
        GradMode.enabled = prev
    view._grad_fn, view._output_nr, view._requires_grad = reread._grad_fn, 0, True


def _set_history(t, node, output_nr):
    """Make ``node`` the producer of ``t`` after an in-place change; a retained .grad
    follows the tensor to its new history, as in PyTorch."""
    old, old_nr = t._grad_fn, t._output_nr
    t._grad_fn, t._output_nr, t._requires_grad = node, output_nr, True
    if t._retains_grad and old is not None:
        old._retain_grad.pop(old_nr, None)
        t._retains_grad = False
        t.retain_grad()


def _snapshot(t):
    """A copy of t's current values that stands for t in the graph (same grad_fn or leaf node)."""
    snap = Tensor._make(t._data.copy(), t._requires_grad)
    snap._grad_fn, snap._output_nr, snap._acc = t._grad_fn, t._output_nr, t._acc
    if t._tangent is not None:
        snap._tangent = t._tangent
    if t._grad_fn is None and t._requires_grad:
        snap._acc = weakref.ref(t._accumulator())
    return snap


def _store(self, values):
    """Write ``values`` into this tensor's memory (shared with its views) and bump the version."""
    if values.dtype != self._data.dtype and not np.can_cast(values.dtype, self._data.dtype, "same_kind"):
        raise RuntimeError(f"result type {_dtype.scalar_type_name(values.dtype)} can't be cast to the desired "
                           f"output type {_dtype.scalar_type_name(self._data.dtype)}")
    if values.shape != self._data.shape:
        try:
            np.broadcast_to(values, self._data.shape)
        except ValueError:
            raise RuntimeError(
                f"output with shape {shape_str(self._data.shape)} doesn't match the broadcast shape {shape_str(values.shape)}"
            ) from None
    if not self.is_meta:  # (a meta tensor has no values to write)
        if self._data.dtype.metadata is not None:  # bfloat16: what is written is rounded to it (parity/bfloat16.py)
            values = round_bf16(values)
        indexing.writeable(self._data)[...] = values
    self._vc[0] += 1


_UFUNCS = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.true_divide}


def _inplace(op, name=None, fills=False, aten=None):
    """Make ``t.op_(...)`` from the out-of-place ``op``; ``fills``: it writes one value everywhere
    (allowed on an expanded tensor); ``aten``: the op's ATen name, when not ``name``."""
    ufunc = _UFUNCS.get(name)
    aten = aten or name

    def method(self, *args, **kwargs):
        if _dispatch.USED[0] and _dispatch.has_wrapper((self,) + args):  # a __torch_dispatch__ subclass answers
            return _dispatch.dispatch_inplace(aten, self, args, kwargs)
        if ufunc is not None and args and not isinstance(args[0], OPERANDS):
            raise pw.not_tensor(name + "_", args[0], "other")
        self._check_inplace()
        if not fills and not self._data.flags.writeable:
            indexing.refuse_overlap(self._data)
        records = GradMode.enabled and (
            self._requires_grad or any(isinstance(a, Tensor) and a._requires_grad for a in args)
        )
        dual = ForwardMode.level is not None and _any_tangent((self,) + args)
        if not records and not dual and ufunc is not None and _fast_inplace(self, ufunc, args, kwargs):
            return self
        if not records:
            prev = GradMode.enabled
            GradMode.enabled = False
            try:
                out = op(self, *args, **kwargs)
            finally:
                GradMode.enabled = prev
            _store(self, out._data)
            if dual and self._base is not None:  # forward mode: the tensor takes the result's tangent too
                _write_tangent_through_view(self, self._base, StridedRegion(self._data, self._base._data), out._tangent)
            elif dual:
                set_tangent(self, out._tangent)
            return self
        return self._inplace_result(lambda snap: op(snap, *args, **kwargs))

    return method


def _fast_inplace(self, ufunc, args, kwargs):
    """``p.add_(g, alpha=-lr)`` outside the graph, straight into p's memory (what optimizer
    steps do on every parameter). Only for float tensors whose shape and dtype the result
    keeps; returns False to leave other cases to the general path."""
    if len(args) != 1 or set(kwargs) - {"alpha"} or self._data.dtype.kind != "f" or self._data.dtype.metadata:
        return False
    other = args[0]
    b = other._data if isinstance(other, Tensor) else other
    if isinstance(b, np.ndarray):
        if b.dtype.kind not in ("fiu" if ufunc is np.subtract else "fiub") or b.ndim > self._data.ndim:
            return False
        try:
            if np.broadcast_shapes(b.shape, self._data.shape) != self._data.shape:
                return False
        except ValueError:
            return False  # the general path raises PyTorch's error
    elif type(b) not in (int, float):
        return False
    alpha = kwargs.get("alpha", 1)
    if isinstance(alpha, (bool, np.bool_)):
        return False  # (True == 1, but PyTorch refuses a bool alpha here: the general path says so)
    if alpha != 1:
        if ufunc not in (np.add, np.subtract):
            return False
        # One rounding for self + alpha * other, as PyTorch's fused kernel.
        fused = pw._add_scaled(self._data, b, alpha if ufunc is np.add else -alpha)
        np.copyto(self._data, fused, casting="same_kind")
    else:
        with np.errstate(all="ignore"):
            ufunc(self._data, b, out=self._data, casting="same_kind")
    self._vc[0] += 1
    return True



def _random_fill(fill, aten=None):
    def method(self, *args, generator=None, **kwargs):
        if _dispatch.USED[0] and _dispatch.has_wrapper((self,)):  # a __torch_dispatch__ subclass answers
            return _dispatch.dispatch_inplace(aten, self, args, dict(kwargs, **({"generator": generator} if generator else {})))
        self._check_inplace()
        if self.is_meta:  # no values to draw (and the generator is left as it was)
            return self
        if not self._data.flags.writeable:
            indexing.refuse_overlap(self._data)
        out = self._data.copy(order="K")  # same memory order: PyTorch fills in memory order
        fill(out, *args, generator=generator, **kwargs)
        _store(self, out)
        return self

    return method


def _rng(name):
    def call(out, *args, **kwargs):
        from ..parity import random as _random

        return getattr(_random, name)(out, *args, **kwargs)

    return call


# -- in-place changes of shape: x.unsqueeze_(0), x.squeeze_(), x.t_(), x.transpose_(0, 1) ----------------
def _in_place_node(cls, name):
    """The shape op ``cls`` recorded under PyTorch's name for its in-place form, not as a view."""
    return type(cls.__name__ + "InPlace", (cls,), {"node_name": name, "is_view": False, "__module__": __name__})


_UnsqueezeInPlace = _in_place_node(shape.Unsqueeze, "UnsqueezeBackward1")
_SqueezeInPlace = _in_place_node(shape.Squeeze, "SqueezeBackward3")
_SqueezeDimInPlace = _in_place_node(shape.SqueezeDims, "SqueezeBackward4")
_SqueezeDimsInPlace = _in_place_node(shape.SqueezeDims, "SqueezeBackward5")
_TransposeInPlace = _in_place_node(shape.Transpose, "TransposeBackward1")
_TInPlace = _in_place_node(shape.T, "TBackward1")


def _reshape_in_place(self, cls, *args):
    """The same tensor, seen with the new shape (the same memory); its history is the op's node."""
    self._check_inplace()
    out = cls.apply(self, *args)
    self._data = out._data
    if out._tangent is not None:  # forward mode: the tangent takes the new shape too
        set_tangent(self, out._tangent)
    if out._grad_fn is not None:
        _set_history(self, out._grad_fn, 0)
    self._vc[0] += 1
    return self


def unsqueeze_(self, dim):
    return _reshape_in_place(self, _UnsqueezeInPlace, wrap_dim(dim, self._data.ndim + 1))


def squeeze_(self, dim=None):
    nd = self._data.ndim
    if dim is None:
        return _reshape_in_place(self, _SqueezeInPlace, None)
    if isinstance(dim, (tuple, list)):
        return _reshape_in_place(self, _SqueezeDimsInPlace, wrap_dims(tuple(dim), nd))
    return _reshape_in_place(self, _SqueezeDimInPlace, (wrap_dim(dim, nd),))


def transpose_(self, dim0, dim1):
    nd = self._data.ndim
    return _reshape_in_place(self, _TransposeInPlace, wrap_dim(dim0, nd), wrap_dim(dim1, nd))


def t_(self):
    if self._data.ndim > 2:
        raise RuntimeError(f"t_() expects a tensor with <= 2 dimensions, but self is {self._data.ndim}D")
    return _reshape_in_place(self, _TInPlace)


# -- resize_: a new shape over the same memory, grown when it must be --------------------------------------
def resize_(self, *sizes, memory_format=None):
    """The tensor given ``sizes``, its entries read from the start of its memory: shrinking keeps
    the memory (growing back shows the old values again), growing past it moves to new memory
    whose new entries are not set (zeros here; PyTorch leaves whatever was there)."""
    if self._requires_grad:
        raise RuntimeError("cannot resize variables that require grad")
    if not sizes:
        raise TypeError('resize_() missing 1 required positional arguments: "size"')
    given = sizes[0] if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)) else sizes
    for s in given:
        if not isinstance(s, (int, np.integer)) and not (isinstance(s, Tensor) and s._data.dtype.kind in "iu"):
            raise TypeError(f"resize_(): argument 'size' (position 1) must be tuple of ints, not {type(s).__name__}")
    shape = tuple(int(s) for s in given)
    if any(s < 0 for s in shape):
        raise RuntimeError("numel: integer multiplication overflow")
    if shape == self._data.shape:
        return self  # (nothing changes: the version stays)
    n = int(np.prod(shape))
    a = root = self._data
    while isinstance(root.base, np.ndarray):
        root = root.base
    kept = a.reshape(-1) if a.flags.c_contiguous else a.copy().reshape(-1)
    if a.flags.c_contiguous and root.flags.c_contiguous and root.dtype == a.dtype:
        offset = (a.ctypes.data - root.ctypes.data) // a.itemsize
        kept = root.reshape(-1)[offset:]  # (the memory from this tensor's first entry on)
    if n <= kept.size:
        self._data = kept[:n].reshape(shape)
    else:
        grown = np.zeros(n, a.dtype)
        grown[:kept.size] = kept
        self._data = grown.reshape(shape)
    self._vc[0] += 1
    return self


def resize_as_(self, the_template, *, memory_format=None):
    return resize_(self, the_template._data.shape)
