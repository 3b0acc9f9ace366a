"""Statistics of order: ``kthvalue``, ``median`` (and ``nanmedian``), ``mode``, the running
``cummax``/``cummin``, ``unique``; and the sums that skip nan, ``nansum``/``nanmean``.

Each op along a dim picks entries of its input (the k-th smallest, the most frequent, the
largest so far) and says where it found them; its derivative puts the gradient back at those
places, zeros elsewhere.
"""
import numpy as np

from .. import _dtype
from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward
from ..parity.quickselect import kth_index
from ..parity.stl_sort import mode_of_row
from ._support import wrap_dim
from .indexing import Scatter
from .reduction import return_types
from .rounding import _NoDerivative
from .selection import _along
from .._tensor import Tensor

for _name in ("kthvalue", "nanmedian", "cummax", "cummin"):
    setattr(return_types, _name, type(_name, (return_types._Pair,), {"_name": _name}))


class _PickAlongDim(Function):
    """values = x at ``indices`` along ``dim`` (one per row); d/dx: the gradient put back at them."""

    raw = True
    saved_names = ("indices",)
    saved_values = ("dim", "keepdim", "self_sym_sizes")
    non_differentiable_outputs = (1,)

    @staticmethod
    def forward(a, dim, keepdim, indices):
        if a.ndim == 0:
            return a.copy(), np.zeros((), np.int64)
        values = np.take_along_axis(a, indices, axis=dim)
        if not keepdim:
            values, indices = values.squeeze(dim), indices.squeeze(dim)
        return values, indices

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes, ctx.dim, ctx.keepdim = inputs[0]._data.shape, inputs[1], inputs[2]
        ctx.save_for_backward(output[1])

    @staticmethod
    def backward(ctx, grad, _grad_indices=None):
        (indices,) = ctx.saved_tensors
        if not ctx.self_sym_sizes:
            return grad, None, None, None
        idx = indices._data if ctx.keepdim else np.expand_dims(indices._data, ctx.dim)
        g = grad if ctx.keepdim else grad.unsqueeze(ctx.dim)
        return Scatter.apply(g, ctx.self_sym_sizes, _along(idx, ctx.dim), False), None, None, None

    jvp = staticmethod(jvp_from_backward)  # the tangent at the picked entries


def _picker(name):
    return type(name, (_PickAlongDim,), {"node_name": name + "Backward0" if name[-1] != "1" else name[:-1] + "Backward1",
                                         "__module__": __name__})


Kthvalue, Mode, MedianDim, NanmedianDim = (_picker(n) for n in ("Kthvalue", "Mode", "Median1", "Nanmedian1"))


class MedianAll(Function):
    """The lower median of all entries (nan if there is one). d/dx: the gradient shared evenly
    between the entries equal to it."""

    node_name = "MedianBackward0"
    raw = True
    saved_names = ("self", "result")

    @staticmethod
    def forward(a, skip_nan):
        flat = a.reshape(-1)
        if skip_nan:
            flat = flat[~np.isnan(flat)] if flat.dtype.kind == "f" else flat
            if flat.size == 0:
                return np.array(np.nan, a.dtype)
        elif flat.dtype.kind == "f" and np.isnan(flat).any():
            return np.array(np.nan, a.dtype)
        return np.sort(flat)[(flat.size - 1) // 2].copy()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], output)

    @staticmethod
    def backward(ctx, grad):
        x, result = ctx.saved_tensors
        hit = (x == result) | (x.isnan() & result.isnan())
        return grad * hit / hit.sum(), None

    jvp = staticmethod(jvp_from_backward)  # the tangent at the picked entry


class NanmedianAll(MedianAll):
    node_name = "NanmedianBackward0"


def _sorted_order(a, dim):
    """The stable order along ``dim`` with nan last (numpy's sort puts nan last too)."""
    return np.argsort(a, axis=dim, kind="stable")


def _dim_args(name, input, dim):
    d = wrap_dim(dim, input._data.ndim)
    if input._data.ndim and input._data.shape[d] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")
    return d


def kthvalue(input, k, dim=-1, keepdim=False):
    """The k-th smallest entry along ``dim`` and its index (k counts from 1). Of several equal
    entries, the index is the one PyTorch's selection algorithm ends at (``parity/quickselect.py``)."""
    a = input._data
    d = wrap_dim(dim, a.ndim)
    n = a.shape[d] if a.ndim else 1
    if not 1 <= k <= n:
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {d}")
    if a.ndim == 0:
        return return_types.kthvalue(*Kthvalue.apply(input, 0, keepdim, None))
    rows = np.moveaxis(a, d, -1).reshape(-1, n)
    picks = np.array([kth_index(row.tolist(), k - 1) for row in rows], np.int64)
    idx = np.moveaxis(picks.reshape(np.moveaxis(a, d, -1).shape[:-1] + (1,)), -1, d)
    return return_types.kthvalue(*Kthvalue.apply(input, d, keepdim, idx))


def _median(input, dim, keepdim, skip_nan):
    name = "nanmedian" if skip_nan else "median"
    pair = return_types.nanmedian if skip_nan else return_types.median
    if dim is None:
        if input._data.size == 0:
            return Tensor._make(np.array(np.nan, input._data.dtype))
        return (NanmedianAll if skip_nan else MedianAll).apply(input, skip_nan)
    cls = NanmedianDim if skip_nan else MedianDim
    a = input._data
    d = _dim_args(name, input, dim)
    if a.ndim == 0:
        return pair(*cls.apply(input, 0, keepdim, None))
    order = _sorted_order(a, d)
    if a.dtype.kind == "f":
        nans = np.isnan(a).sum(axis=d, keepdims=True)
        if skip_nan:  # the lower median of what is not nan
            at = np.maximum(a.shape[d] - nans - 1, 0) // 2
        else:  # a row with a nan has nan as its median: the first nan, last in the order
            at = np.where(nans > 0, a.shape[d] - nans, (a.shape[d] - 1) // 2)
    else:
        at = np.full(a.shape[:d] + (1,) + a.shape[d + 1:], (a.shape[d] - 1) // 2)
    idx = np.take_along_axis(order, at, axis=d)
    return pair(*cls.apply(input, d, keepdim, idx))


def median(input, dim=None, keepdim=False):
    """The lower of the two middle values (of all entries, or along ``dim`` with its index); nan
    if there is a nan.

    >>> torch.tensor([3., 1., 2., 4.]).median()
    tensor(2.)
    """
    return _median(input, dim, keepdim, False)


def nanmedian(input, dim=None, keepdim=False):
    """``median`` leaving nan out."""
    return _median(input, dim, keepdim, True)


def mode(input, dim=-1, keepdim=False):
    """The most frequent value along ``dim`` (the smallest of those equally frequent) and an index
    where it is found: the one PyTorch's sort leaves last among them (``parity/stl_sort.py``)."""
    a = input._data
    d = _dim_args("mode", input, dim)
    if a.ndim == 0:
        return return_types.mode(*Mode.apply(input, 0, keepdim, None))
    rows = np.moveaxis(a, d, -1).reshape(-1, a.shape[d])
    picks = np.array([mode_of_row(row.tolist())[1] for row in rows], np.int64)
    idx = np.moveaxis(picks.reshape(np.moveaxis(a, d, -1).shape[:-1] + (1,)), -1, d)
    return return_types.mode(*Mode.apply(input, d, keepdim, idx))


# -- running maximum and minimum ----------------------------------------------------------------------------
class Cummax(Function):
    """values[i] = the largest of x[0..i] along dim (nan once a nan was met), indices: where it is
    (the last of equal ones). d/dx: each gradient added at the index it came from."""

    node_name = "CummaxBackward0"
    raw = True
    saved_names = ("indices", "self")
    saved_values = ("dim",)
    non_differentiable_outputs = (1,)
    better = staticmethod(np.greater_equal)

    @classmethod
    def forward(cls, a, dim):
        if a.ndim == 0:
            return a.copy(), np.zeros((), np.int64)
        x = np.moveaxis(a, dim, 0)
        values, indices = np.empty_like(x), np.empty(x.shape, np.int64)
        best, where = x[0].copy(), np.zeros(x.shape[1:], np.int64)
        for i in range(x.shape[0]):
            with np.errstate(invalid="ignore"):
                take = cls.better(x[i], best) | np.isnan(x[i]) if x.dtype.kind == "f" else cls.better(x[i], best)
            if x.dtype.kind == "f":
                take &= ~np.isnan(best) | (i == 0)
            best = np.where(take, x[i], best)
            where = np.where(take, i, where)
            values[i], indices[i] = best, where
        return np.moveaxis(values, 0, dim).copy(), np.moveaxis(indices, 0, dim).copy()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim = inputs[1]
        ctx.save_for_backward(output[1], inputs[0])

    @staticmethod
    def backward(ctx, grad, _grad_indices=None):
        indices, x = ctx.saved_tensors
        if x._data.ndim == 0:
            return grad, None
        return Scatter.apply(grad, x._data.shape, _along(indices._data, ctx.dim), True), None

    jvp = staticmethod(jvp_from_backward)  # the tangent at the running maximum's entries


class Cummin(Cummax):
    node_name = "CumminBackward0"
    better = staticmethod(np.less_equal)


def cummax(input, dim):
    """The running maximum along ``dim`` and where each was found."""
    return return_types.cummax(*Cummax.apply(input, wrap_dim(dim, input._data.ndim)))


def cummin(input, dim):
    """The running minimum along ``dim`` and where each was found."""
    return return_types.cummin(*Cummin.apply(input, wrap_dim(dim, input._data.ndim)))


# -- sums that skip nan ----------------------------------------------------------------------------------
class Nansum(Function):
    """The sum of the entries that are not nan. d/dx = grad where x is not nan, 0 where it is."""

    node_name = "NansumBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("dim", "keepdim", "self_sym_sizes")

    @staticmethod
    def forward(a, dims, keepdim, dtype):
        out = np.nansum(a, axis=dims, keepdims=keepdim, dtype=dtype)
        return np.asarray(out, dtype or (a.dtype if a.dtype.kind == "f" else np.int64))

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, ctx.dim, ctx.keepdim = inputs[0], inputs[1], inputs[2]
        ctx.self_sym_sizes = a._data.shape
        ctx.save_for_backward(a)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        if ctx.dim is not None and not ctx.keepdim:
            for d in sorted(ctx.dim):
                grad = grad.unsqueeze(d)
        return grad.expand(ctx.self_sym_sizes).masked_fill(x.isnan(), 0), None, None, None

    @staticmethod
    def jvp(ctx, tx, *_):  # the sum of the tangents where x is not nan
        a, dims, keepdim, dtype = ctx.inputs
        return Nansum.apply(tx.masked_fill(a.isnan(), 0), dims, keepdim, dtype)


def _dims(input, dim):
    if dim is None or (isinstance(dim, (list, tuple)) and len(dim) == 0):
        return None
    dims = dim if isinstance(dim, (list, tuple)) else (dim,)
    return tuple(sorted(wrap_dim(d, input._data.ndim) for d in dims)) if input._data.ndim else None


def nansum(input, dim=None, keepdim=False, *, dtype=None):
    """The sum, with nan taken as 0."""
    dtype = _dtype.as_dtype(dtype, "nansum")
    return Nansum.apply(input, _dims(input, dim), keepdim, dtype.numpy if dtype is not None else None)


def nanmean(input, dim=None, keepdim=False, *, dtype=None):
    """The mean of the entries that are not nan (composed, as in PyTorch: nansum / their count)."""
    if input._data.dtype.kind != "f":
        raise RuntimeError("nanmean(): expected input to have floating point or complex dtype but got "
                           f"{_dtype.scalar_type_name(input._data.dtype)}")
    count = (~input.isnan()).sum(dim, keepdim=keepdim) if dim is not None else (~input.isnan()).sum()
    return nansum(input, dim, keepdim, dtype=dtype) / count


# -- unique ---------------------------------------------------------------------------------------------
class Unique2(_NoDerivative):
    """The distinct values, sorted; PyTorch has no derivative for it."""

    node_name = "Unique2Backward0"
    non_differentiable_outputs = (1, 2)
    aten = "_unique2"
    jvp = None  # (PyTorch has no forward-mode formula for unique: it raises)

    @classmethod
    def backward(cls, ctx, *grads):
        raise NotImplementedError("the derivative for '_unique2' is not implemented.")

    @staticmethod
    def forward(a, dim):
        if dim is None:
            flat = a.reshape(-1)
            order = np.argsort(flat, kind="stable")
            s = flat[order]
            new = np.ones(s.size, bool)
            if s.size:
                new[1:] = s[1:] != s[:-1]  # (nan != nan: each nan stays, as in PyTorch)
            group = np.cumsum(new) - 1
            inverse = np.empty(flat.size, np.int64)
            inverse[order] = group
            counts = np.bincount(group, minlength=int(new.sum())).astype(np.int64) if s.size else np.zeros(0, np.int64)
            return s[new], inverse.reshape(a.shape), counts
        rows = np.moveaxis(a, dim, 0).reshape(a.shape[dim], -1)
        values, inverse, counts = np.unique(rows, axis=0, return_inverse=True, return_counts=True)
        values = np.moveaxis(values.reshape((values.shape[0],) + np.moveaxis(a, dim, 0).shape[1:]), 0, dim)
        return np.ascontiguousarray(values), inverse.reshape(-1).astype(np.int64), counts.astype(np.int64)


class UniqueDim(Unique2):
    node_name = "UniqueDimBackward0"
    aten = "unique_dim"

    @classmethod
    def backward(cls, ctx, *grads):
        raise NotImplementedError("the derivative for 'unique_dim' is not implemented.")


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """The distinct values of ``input`` (or its distinct slices along ``dim``), in ascending order;
    ``return_inverse``: where each entry went, ``return_counts``: how often each value occurs.

    >>> torch.unique(torch.tensor([3, 1, 3]), return_counts=True)
    (tensor([1, 3]), tensor([2, 1]))
    """
    if dim is not None:
        dim = wrap_dim(dim, input._data.ndim)
    values, inverse, counts = (UniqueDim if dim is not None else Unique2).apply(input, dim)
    out = (values,) + ((inverse,) if return_inverse else ()) + ((counts,) if return_counts else ())
    return out[0] if len(out) == 1 else out
