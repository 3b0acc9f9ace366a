"""Reductions: sum, mean, prod, max/min, amax/amin, argmax/argmin, all/any, with their
derivatives. var/std, norm, logsumexp, cumsum/cumprod and trace are in ``statistics.py``."""
import collections

import numpy as np

from .. import _dtype
from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward, linear_jvp
from ..parity.sum_order import LANES, in_memory_order, leading_dims_sum, pytorch_order_sum
from ._support import scalar_type, wrap_dims
from .clamp import maximum, minimum
from .shape import Expand, View
from .._tensor import Tensor


def _kept_shape(shape, dims):
    """The shape a reduction over ``dims`` has with keepdim=True (1 in each reduced place)."""
    if dims is None:
        return (1,) * len(shape)
    return tuple(1 if i in dims else s for i, s in enumerate(shape))


def _spread(grad, ctx):
    """Broadcast a reduction's gradient back over the input's shape."""
    shape = ctx.self_sym_sizes
    dim = getattr(ctx, "dim", None)
    if dim is not None and not getattr(ctx, "keepdim", False):
        grad = View.apply(grad, _kept_shape(shape, _as_dims(dim)))
    # (A full reduction's gradient is 0-d: it broadcasts as it is.)
    return Expand.apply(grad, shape)


def _as_dims(dim):
    return dim if isinstance(dim, (tuple, list)) else (dim,)


def _axes(dims):
    return None if dims is None else tuple(dims)


def _sum_dtype(a, dtype):
    if dtype is not None:
        return dtype
    return np.int64 if a.dtype.kind in "iub" else a.dtype


class _Reduction(Function):
    raw = True
    saved_values = ("dim", "keepdim", "self_sym_sizes")

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes = inputs[0]._data.shape
        ctx.dim = inputs[1] if len(inputs) > 1 else None
        ctx.keepdim = inputs[2] if len(inputs) > 2 else False


def _in_pytorch_order(a, dims, dtype):
    """``a``'s values in the order PyTorch adds them up (``parity/sum_order.py``), for a sum of
    the whole of a float tensor whose values are dense in memory, in its own dtype; otherwise None
    (numpy's order). Up to 4 values, numpy's order is PyTorch's too."""
    if a.size <= 4 or a.dtype not in LANES or dtype not in (None, a.dtype):
        return None
    # PyTorch's reduction drops dims of size 1, so a sum whose kept dims all have size 1 is a
    # sum of the whole tensor too (the bias gradient of a one-output linear layer, (n, 1) -> (1,)).
    reduced = set(range(a.ndim)) if dims is None else {d % a.ndim for d in dims}
    if not [d for d in range(a.ndim) if d not in reduced and a.shape[d] != 1]:
        return in_memory_order(a)
    return None


def _leading_sum(a, dims, keepdim, dtype):
    """The sum over the leading dims of a contiguous float tensor in PyTorch's order for such an
    "outer" reduction (``parity/sum_order.py``: ``leading_dims_sum``); otherwise None (numpy's)."""
    if dims is None or a.dtype not in LANES or dtype not in (None, a.dtype) or not a.size:
        return None
    k = len(dims)
    if sorted(d % a.ndim for d in dims) != list(range(k)) or k >= a.ndim:
        return None
    # the kept dims dense in memory (rows of a slice like g[:5, :7] too, for one summed dim)
    if not (a.flags.c_contiguous or k == 1 and a[0].flags.c_contiguous and a.strides[0] > 0):
        return None
    out = leading_dims_sum(a, k)
    return out.reshape((1,) * k + out.shape) if keepdim else out


class Sum(_Reduction):
    """sum(x): d/dx_i = grad for every i, the incoming gradient expanded back over the summed
    dims (``_spread``, in ``backward`` below)."""

    node_name = "SumBackward0"
    saved_values = ("self_sym_sizes",)

    @staticmethod
    def forward(a, dims=None, keepdim=False, dtype=None):
        values = _in_pytorch_order(a, dims, dtype)
        if values is not None:
            return np.full((1,) * a.ndim if keepdim else (), pytorch_order_sum(values), a.dtype)
        leading = _leading_sum(a, dims, keepdim, dtype)
        if leading is not None:
            return leading
        return np.add.reduce(a, axis=_axes(dims), keepdims=keepdim, dtype=_sum_dtype(a, dtype))

    @staticmethod
    def backward(ctx, grad):
        return _spread(grad, ctx), None, None, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class SumDim(Sum):
    """sum over some dims: the same derivative as ``Sum`` (``Sum.backward``)."""

    node_name = "SumBackward1"
    saved_values = ("dim", "keepdim", "self_sym_sizes")


class Mean(_Reduction):
    """sum(x) / n: the derivative is grad / n at every element (``backward`` below)."""

    node_name = "MeanBackward0"
    saved_values = ("self_sym_numel", "self_sym_sizes")

    @staticmethod
    def forward(a, dims=None, keepdim=False, dtype=None):
        _check_mean_dtype(a, dtype)
        # np.mean is slow for small arrays; a sum and a division give the same float result.
        axes = _axes(dims)
        n = a.size if axes is None else int(np.prod([a.shape[d] for d in axes]))
        values = _in_pytorch_order(a, dims, dtype)
        if values is not None:
            total = np.full((1,) * a.ndim if keepdim else (), pytorch_order_sum(values), a.dtype)
        else:
            total = _leading_sum(a, dims, keepdim, dtype)
            if total is None:
                total = np.add.reduce(a, axis=axes, keepdims=keepdim, dtype=dtype or a.dtype)
        return np.true_divide(total, n, dtype=dtype or a.dtype)

    @staticmethod
    def backward(ctx, grad):
        return _spread(grad, ctx) / ctx.count, None, None, None

    @staticmethod
    def setup_context(ctx, inputs, output):
        _Reduction.setup_context(ctx, inputs, output)
        a = inputs[0]._data
        ctx.self_sym_numel = a.size
        ctx.count = a.size if ctx.dim is None else int(np.prod([a.shape[d] for d in ctx.dim]))

    jvp = staticmethod(linear_jvp)  # linear: the mean of the tangent


def _check_mean_dtype(a, dtype):
    """PyTorch's mean takes floating point only (an integer input needs ``dtype=``)."""
    if (a.dtype if dtype is None else np.dtype(dtype)).kind != "f":
        which = "Input" if dtype is None else "Optional"
        raise RuntimeError(
            f"mean(): could not infer output dtype. {which} dtype must be either a floating point or "
            f"complex dtype. Got: {scalar_type(a.dtype if dtype is None else np.dtype(dtype))}"
        )


class MeanDim(Mean):
    """mean over some dims: the same derivative as ``Mean`` (``Mean.backward``)."""

    node_name = "MeanBackward1"
    saved_values = ("dim", "keepdim", "self_sym_numel", "self_sym_sizes")


class Prod(_Reduction):
    """d/dx_i of a product is the product of all the other entries."""

    node_name = "ProdBackward0"
    saved_names = ("self", "result")
    saved_values = ()

    @staticmethod
    def forward(a, dims=None, keepdim=False):
        return np.prod(a, axis=_axes(dims), keepdims=keepdim, dtype=_sum_dtype(a, None))

    @staticmethod
    def setup_context(ctx, inputs, output):
        _Reduction.setup_context(ctx, inputs, output)
        ctx.save_for_backward(inputs[0], output)

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        grad = _spread(grad, ctx)
        if not (a._data == 0).any():
            return grad * _spread(result, ctx) / a, None, None
        # With zeros, result / x fails: multiply out the other entries of each group
        # directly (O(n^2), but differentiable again, so higher derivatives stay right).
        if ctx.dim is None:
            others = _product_of_others(a.reshape(-1)).reshape(ctx.self_sym_sizes)
        else:
            d = _as_dims(ctx.dim)[0]
            others = _product_of_others(a.movedim(d, -1)).movedim(-1, d)
        return grad * others, None, None

    jvp = staticmethod(jvp_from_backward)


def _product_of_others(x):
    """For each entry along the last dim, the product of all the other entries there."""
    n = x.shape[-1]
    copies = x.unsqueeze(-2).expand(*x.shape[:-1], n, n)  # row i holds the whole group
    return copies.masked_fill(Tensor._make(np.eye(n, dtype=bool)), 1.0).prod(-1)


class ProdDim(Prod):
    node_name = "ProdBackward1"
    saved_values = ("dim", "keepdim")

    @staticmethod
    def setup_context(ctx, inputs, output):
        Prod.setup_context(ctx, inputs, output)
        if ctx.dim is not None:  # (None: the one dim of a 0-d tensor)
            ctx.dim = ctx.dim[0]  # prod takes one dim, and PyTorch saves it as an int


class MaxAll(Function):
    """The largest entry; when several tie, PyTorch shares the gradient evenly between them."""

    node_name = "MaxBackward1"
    raw = True
    saved_names = ("self", "result")
    saved_values = ()
    _np = staticmethod(np.max)

    @classmethod
    def forward(cls, a):
        if a.size == 0:
            raise RuntimeError(
                f"{cls._name()}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."
            )
        return cls._np(a)

    @classmethod
    def _name(cls):
        return cls.node_name[: cls.node_name.index("Backward")].lower()  # max, min, amax, amin

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], output)

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        # The entries equal to the result share its gradient; a nan result came from the nans.
        hit = Tensor._make(np.isnan(a._data)) if np.isnan(result._data).any() else a == result
        return hit * (grad / hit.sum())

    jvp = staticmethod(jvp_from_backward)


class MinAll(MaxAll):
    node_name = "MinBackward1"
    _np = staticmethod(np.min)


class AmaxAll(MaxAll):
    node_name = "AmaxBackward0"

    @staticmethod
    def backward(ctx, grad):
        # No special case for nan, unlike max(): a nan result matches no entry, and the
        # gradient is 0/0 = nan everywhere, as PyTorch's amax gives.
        a, result = ctx.saved_tensors
        hit = a == result
        return hit * (grad / hit.sum())


class AminAll(AmaxAll):
    node_name = "AminBackward0"
    _np = staticmethod(np.min)


class MaxDim(Function):
    """``max(dim)``: values and the indices where they were found; the gradient goes there."""

    node_name = "MaxBackward0"
    raw = True
    saved_names = ("indices",)
    saved_values = ("dim", "keepdim", "self_sym_sizes")
    non_differentiable_outputs = (1,)
    _arg = staticmethod(np.argmax)

    @classmethod
    def forward(cls, a, dim, keepdim=False):
        if a.ndim == 0:  # a 0-d tensor is its own max, at index 0
            return a.copy(), np.zeros((), np.int64)
        idx = cls._arg(a, axis=dim, keepdims=True)
        values = np.take_along_axis(a, idx, axis=dim)
        if not keepdim:
            values, idx = values.squeeze(dim), idx.squeeze(dim)
        return values, idx.astype(np.int64)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, dim = inputs[0], inputs[1]
        keepdim = inputs[2] if len(inputs) > 2 else False
        ctx.self_sym_sizes, ctx.dim, ctx.keepdim = a._data.shape, dim, keepdim
        ctx.save_for_backward(output[1])

    @staticmethod
    def backward(ctx, grad, _grad_indices=None):
        (indices,) = ctx.saved_tensors
        if not ctx.self_sym_sizes:
            return grad, None, None
        idx = indices._data if ctx.keepdim else np.expand_dims(indices._data, ctx.dim)
        mask = np.zeros(ctx.self_sym_sizes, dtype=bool)
        np.put_along_axis(mask, idx, True, axis=ctx.dim)
        return _spread(grad, ctx) * Tensor._make(mask), None, None

    jvp = staticmethod(jvp_from_backward)


class MinDim(MaxDim):
    node_name = "MinBackward0"
    _arg = staticmethod(np.argmin)


# -- the functional API -------------------------------------------------------------------------
MinMax = collections.namedtuple("MinMax", ["values", "indices"])


class return_types:
    """Named pairs like PyTorch's ``torch.return_types.max(values=..., indices=...)``."""

    class _Pair(tuple):
        _name = "max"

        def __new__(cls, values, indices):
            return tuple.__new__(cls, (values, indices))

        @property
        def values(self):
            return self[0]

        @property
        def indices(self):
            return self[1]

        def __repr__(self):
            return f"torch.return_types.{self._name}(\nvalues={self[0]!r},\nindices={self[1]!r})"

    max = type("max", (_Pair,), {"_name": "max"})
    min = type("min", (_Pair,), {"_name": "min"})
    sort = type("sort", (_Pair,), {"_name": "sort"})
    topk = type("topk", (_Pair,), {"_name": "topk"})
    mode = type("mode", (_Pair,), {"_name": "mode"})
    median = type("median", (_Pair,), {"_name": "median"})


def _dims_arg(input, dim):
    """The dims a reduction's ``dim`` names; None (all of them) also for an empty list."""
    if dim is None or (isinstance(dim, (list, tuple)) and len(dim) == 0):
        return None
    dims = wrap_dims(dim, input._data.ndim)
    return None if input._data.ndim == 0 else dims  # (a 0-d tensor's dim 0 is all there is)


_ALL = object()  # ``dim`` not given: x.sum() is SumBackward0, x.sum(dim=None) SumBackward1


def sum(input, dim=_ALL, keepdim=False, *, dtype=None):
    """``Sum`` / ``SumDim`` above: the derivative copies the incoming gradient back over the summed
    dims (``Sum.backward``)."""
    dtype = _dtype.as_dtype(dtype, "sum")
    npdt = dtype.numpy if dtype is not None else None
    if dim is _ALL:
        return Sum.apply(input, None, False, npdt)
    return SumDim.apply(input, _dims_arg(input, dim), keepdim, npdt)


def mean(input, dim=_ALL, keepdim=False, *, dtype=None):
    """``Mean`` / ``MeanDim`` above: the derivative copies the incoming gradient back over the
    reduced dims, divided by their number of elements (``Mean.backward``)."""
    dtype = _dtype.as_dtype(dtype, "mean")
    npdt = dtype.numpy if dtype is not None else None
    if dim is _ALL:
        return Mean.apply(input, None, False, npdt)
    return MeanDim.apply(input, _dims_arg(input, dim), keepdim, npdt)


def prod(input, dim=None, keepdim=False, *, dtype=None):
    dtype = _dtype.as_dtype(dtype, "prod")
    if dtype is not None and dtype.numpy != input._data.dtype:
        input = input.to(dtype)  # the product is taken in ``dtype``
    if dim is None:
        return Prod.apply(input)
    return ProdDim.apply(input, _dims_arg(input, dim), keepdim)


def _max_min(input, dim, keepdim, other, all_cls, dim_cls, pair, binary):
    if isinstance(dim, Tensor):
        return binary(input, dim)
    if other is not None:
        return binary(input, other)
    if dim is None:
        return all_cls.apply(input)
    d = wrap_dims(dim, input._data.ndim)[0]
    if input._data.shape and input._data.shape[d] == 0:
        raise IndexError(f"{pair._name}(): Expected reduction dim {d} to have non-zero size.")
    values, indices = dim_cls.apply(input, d, keepdim)
    return pair(values, indices)


def max(input, dim=None, keepdim=False, *, other=None):
    return _max_min(input, dim, keepdim, other, MaxAll, MaxDim, return_types.max, maximum)


def min(input, dim=None, keepdim=False, *, other=None):
    return _max_min(input, dim, keepdim, other, MinAll, MinDim, return_types.min, minimum)


class Amax(Function):
    """Largest entries over some dims; ties share the gradient evenly, as PyTorch does."""

    node_name = "AmaxBackward0"
    raw = True
    saved_names = ("self", "result")
    saved_values = ("dim", "keepdim")
    _np = staticmethod(np.max)

    @classmethod
    def forward(cls, a, dims, keepdim):
        for d in dims or ():
            if a.shape[d] == 0:
                raise IndexError(f"{cls.node_name[:4].lower()}(): Expected reduction dim {d} to have non-zero size.")
        return cls._np(a, axis=dims, keepdims=keepdim)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, ctx.dim, ctx.keepdim = inputs
        ctx.self_sym_sizes = a._data.shape
        ctx.save_for_backward(a, output)

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        hit = a == _spread(result, ctx)
        count = hit.sum(ctx.dim, keepdim=True)
        return _spread(grad, ctx) * hit / count, None, None

    jvp = staticmethod(jvp_from_backward)


class Amin(Amax):
    node_name = "AminBackward0"
    _np = staticmethod(np.min)


def _no_dims(dim):
    return dim is None or (isinstance(dim, (list, tuple)) and len(dim) == 0)


def amax(input, dim=(), keepdim=False):
    if _no_dims(dim):
        return AmaxAll.apply(input)
    return Amax.apply(input, _dims_arg(input, dim), keepdim)


def amin(input, dim=(), keepdim=False):
    if _no_dims(dim):
        return AminAll.apply(input)
    return Amin.apply(input, _dims_arg(input, dim), keepdim)


def argmax(input, dim=None, keepdim=False):
    return _arg_extreme(np.argmax, "argmax", input, dim, keepdim)


def argmin(input, dim=None, keepdim=False):
    return _arg_extreme(np.argmin, "argmin", input, dim, keepdim)


def _arg_extreme(np_fn, name, input, dim, keepdim):
    """Where the largest (smallest) entry is: over everything, or along one dim."""
    a = input._data
    if a.dtype == np.bool_:
        raise RuntimeError(f"{name}(): does not support bool input")
    d = None if dim is None else _dims_arg(input, dim)
    if a.size == 0:
        if d is None:
            raise IndexError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0.")
        if a.shape[d[0]] == 0:
            raise IndexError(f"{name}(): Expected reduction dim {d[0]} to have non-zero size.")
    if d is None:  # (also dim 0 of a 0-d tensor)
        return Tensor._make(np.asanyarray(np_fn(a), np.int64))
    return Tensor._make(np_fn(a, axis=d[0], keepdims=keepdim).astype(np.int64))


def _logical_reduction(np_fn, input, dim, keepdim):
    """all / any: bool results (uint8 for a uint8 input), over one dim, a list of dims or all."""
    a = input._data
    out_dtype = np.uint8 if a.dtype == np.uint8 else np.bool_
    if isinstance(dim, (list, tuple)) and len(dim) == 0:  # no dims named: nothing is reduced
        return Tensor._make((a != 0).astype(out_dtype))
    axes = wrap_dims(dim, a.ndim)
    if a.ndim == 0:
        axes = None
    return Tensor._make(np.asanyarray(np_fn(a, axis=axes, keepdims=keepdim)).astype(out_dtype, copy=False))


def all(input, dim=None, keepdim=False):
    return _logical_reduction(np.all, input, dim, keepdim)


def any(input, dim=None, keepdim=False):
    return _logical_reduction(np.any, input, dim, keepdim)
