"""Ops that write or read along an index: ``index_add``, ``index_copy``, ``index_fill`` (whole
slices along a dim), ``scatter_reduce`` (entry by entry, combining what lands on one place),
``masked_select`` and ``take`` (entries picked by a mask, or by their flat position).

The derivative of a write: the entries overwritten get no gradient from the old tensor, and the
written values get the gradient of the place they went to (``index_select`` / ``gather``).
"""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward, linear_jvp
from ..parity.messages import shape_str
from .. import _dtype
from ._support import wrap_dim
from .indexing import Scatter
from .selection import _along, _check_bounds, gather, index_select
from .._tensor import Tensor


def _slices(dim, index):
    """The numpy key of the slices ``index`` numbers along ``dim``."""
    return (slice(None),) * dim + (index,)


# -- whole slices along a dim ------------------------------------------------------------------------
class IndexAdd(Function):
    """out = x, with alpha * source[j] added to slice index[j] of dim (twice if named twice).
    d/dx = grad; d/dsource = alpha * the slices of grad that source was added to."""

    node_name = "IndexAddBackward0"
    raw = True
    inputs = (0, 3)
    saved_names = ("index",)
    saved_values = ("alpha", "dim", "source_dim")

    @staticmethod
    def forward(x, dim, index, source, alpha):
        out = x.copy()
        scaled = source if alpha == 1 else source * source.dtype.type(alpha)
        if x.ndim == 0:
            out += scaled.reshape(())
        else:
            np.add.at(out, _slices(dim, index), scaled if source.ndim else scaled.reshape(1))
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim, ctx.alpha, ctx.source_dim = inputs[1], inputs[4], inputs[3]._data.ndim
        ctx.save_for_backward(inputs[2])

    @staticmethod
    def backward(ctx, grad):
        (index,) = ctx.saved_tensors
        picked = index_select(grad, ctx.dim, index)
        picked = picked.reshape(()) if ctx.source_dim == 0 else picked
        return grad, None, None, picked if ctx.alpha == 1 else picked * ctx.alpha, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class IndexCopy(Function):
    """out = x with slice index[j] of dim replaced by source[j]. d/dx: grad with those slices
    zeroed; d/dsource: those slices of grad."""

    node_name = "IndexCopyBackward0"
    raw = True
    inputs = (0, 3)
    saved_names = ("index",)
    saved_values = ("dim",)

    @staticmethod
    def forward(x, dim, index, source):
        out = x.copy()
        if x.ndim == 0:
            out[...] = source.reshape(())
        else:
            out[_slices(dim, index)] = source if source.ndim else source.reshape(1)
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim, ctx.source_shape = inputs[1], inputs[3]._data.shape
        ctx.save_for_backward(inputs[2])

    @staticmethod
    def backward(ctx, grad):
        (index,) = ctx.saved_tensors
        return (index_fill(grad, ctx.dim, index, 0), None, None,
                index_select(grad, ctx.dim, index).reshape(ctx.source_shape))

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class IndexFill(Function):
    """out = x with slice index[j] of dim set to ``value``. d/dx: grad with those slices zeroed."""

    node_name = "IndexFillBackward0"
    raw = True
    inputs = (0,)
    saved_names = ("index",)
    saved_values = ("dim",)

    @staticmethod
    def forward(x, dim, index, value):
        out = x.copy()
        out[_slices(dim, index) if x.ndim else ()] = value
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim = inputs[1]
        ctx.save_for_backward(inputs[2])

    @staticmethod
    def backward(ctx, grad):
        (index,) = ctx.saved_tensors
        return index_fill(grad, ctx.dim, index, 0), None, None, None

    @staticmethod
    def jvp(ctx, tx, *_):  # x's tangent, the filled slices 0 (the number filled in is a constant)
        return IndexFill.apply(tx, ctx.inputs[1], ctx.inputs[2], 0)


class IndexFillTensor(IndexFill):
    """The same with a 0-d tensor ``value``: its gradient is the sum of the filled slices' gradients."""

    node_name = "IndexFillBackward1"
    inputs = (0, 3)

    @staticmethod
    def forward(x, dim, index, value):
        return IndexFill.forward(x, dim, index, value.astype(x.dtype))

    @staticmethod
    def backward(ctx, grad):
        (index,) = ctx.saved_tensors
        return index_fill(grad, ctx.dim, index, 0), None, None, index_select(grad, ctx.dim, index).sum()

    jvp = staticmethod(linear_jvp)  # linear in (x, value): the same op on the tangents


def _index_arguments(fn, input, dim, index, source=None):
    """PyTorch's checks of index_add / index_copy / index_fill, in its words; the dim wrapped."""
    d = wrap_dim(dim, input._data.ndim)
    if not isinstance(index, Tensor) or index._data.dtype not in (np.int64, np.int32):
        got = _dtype.scalar_type_name(index._data.dtype) if isinstance(index, Tensor) else type(index).__name__
        raise RuntimeError(f"{fn}(): Expected dtype int32/int64 for index but got: {got}"
                           if fn != "index_fill_" else f"{fn}(): Expected dtype int64 for index.")
    if index._data.ndim > 1:
        raise IndexError(f"{fn}(): Index is supposed to be a vector, but got dim: {index._data.ndim} with type: "
                         f"{_dtype.scalar_type_name(index._data.dtype)} and size: {shape_str(index._data.shape)}")
    idx = index._data.reshape(-1).astype(np.int64)
    size = input._data.shape[d] if input._data.ndim else 1
    if source is not None:
        if not isinstance(source, Tensor):
            raise TypeError(f"{fn[:-1]}(): argument 'source' (position 3) must be Tensor, not {type(source).__name__}")
        n = source._data.shape[d] if source._data.ndim else 1
        if idx.size != n:
            raise RuntimeError(f"{fn}(): Number of indices ({idx.size}) should be equal to source.size(dim): ({n}), "
                               f"for dim: {d}")
        if source._data.dtype != input._data.dtype:
            raise RuntimeError(f"{fn}(): self ({_dtype.scalar_type_name(input._data.dtype)}) and source "
                               f"({_dtype.scalar_type_name(source._data.dtype)}) must have the same scalar type")
    if fn == "index_fill_":  # (negative indices count from the end here)
        bad = idx[(idx < -size) | (idx >= size)]
        if bad.size:
            raise IndexError(f"index {bad[0]} is out of bounds for dimension {d} with size {size}")
        idx = idx % size if size else idx
    elif fn == "index_copy_":
        _check_bounds(idx, size, d, "index_copy_(): index {index} is out of bounds for dimension {dim} with size "
                      "{size}", IndexError)
    else:
        _check_bounds(idx, size, d, "index {index} is out of bounds for dimension {dim} with size {size}")
    return d, Tensor._make(idx)


def index_add(input, dim, index, source, *, alpha=1):
    """``input`` with ``alpha * source[j]`` added to its slice ``index[j]`` along ``dim``.

    >>> torch.zeros(3).index_add(0, torch.tensor([0, 0, 2]), torch.tensor([1., 2., 3.]))
    tensor([3., 0., 3.])
    """
    d, idx = _index_arguments("index_add_", input, dim, index, source)
    return IndexAdd.apply(input, d, idx, source, alpha)


def index_copy(input, dim, index, source):
    """``input`` with its slice ``index[j]`` along ``dim`` replaced by ``source[j]``."""
    d, idx = _index_arguments("index_copy_", input, dim, index, source)
    return IndexCopy.apply(input, d, idx, source)


def index_fill(input, dim, index, value):
    """``input`` with the slices ``index`` along ``dim`` set to ``value`` (a number or a 0-d tensor)."""
    if isinstance(value, Tensor) and value._data.ndim:
        raise RuntimeError("index_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                           f"{value._data.ndim} dimension(s).")
    d, idx = _index_arguments("index_fill_", input, dim, index)
    if isinstance(value, Tensor):
        return IndexFillTensor.apply(input, d, idx, value)
    return IndexFill.apply(input, d, idx, value)


# -- entry by entry: scatter_reduce ------------------------------------------------------------------------
_REDUCTIONS = ("sum", "prod", "mean", "amax", "amin")


class ScatterReduce(Function):
    """out = x, where src[i][j] is combined into out[i][index[i][j]] (dim=1) by ``reduce``; with
    include_self=False the places written to start from the first value written instead of x.
    d/dsrc is grad gathered at index (sum); divided by the count (mean); for amax/amin, shared
    between the values equal to the result; for prod, grad * result / value."""

    node_name = "ScatterReduceBackward0"
    raw = True
    inputs = (0, 3)
    saved_names = ("index", "self", "src", "result")
    saved_values = ("dim", "include_self", "reduce")

    @staticmethod
    def forward(x, dim, index, src, reduce, include_self):
        key = _along(index, dim)
        ufunc = {"sum": np.add, "mean": np.add, "prod": np.multiply, "amax": np.maximum, "amin": np.minimum}[reduce]
        out = x.copy()
        if not include_self:
            out[key] = {"sum": 0, "mean": 0, "prod": 1, "amax": -np.inf, "amin": np.inf}[reduce] \
                if x.dtype.kind == "f" else _int_start(reduce, x.dtype)
        ufunc.at(out, key, src[_crop(index.shape)])
        if reduce == "mean":
            count = np.full(x.shape, 1 if include_self else 0, np.int64)
            np.add.at(count, key, 1)
            out = out / np.maximum(count, 1).astype(x.dtype) if x.dtype.kind == "f" else out // np.maximum(count, 1)
        return out.astype(x.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, dim, index, src, reduce, include_self = inputs
        ctx.dim, ctx.reduce, ctx.include_self = dim, reduce, include_self
        ctx.save_for_backward(index, x, src, output)

    @staticmethod
    def backward(ctx, grad):
        index, x, src_whole, result = ctx.saved_tensors
        dim, reduce = ctx.dim, ctx.reduce
        src = src_whole[_crop(index._data.shape)]  # (src may be larger than index: the rest is not read)
        written = Tensor._make(np.zeros(x.shape, bool))
        written._data[_along(index._data, dim)] = True
        grad_x = grad if ctx.include_self else grad.masked_fill(written, 0)
        if reduce == "sum":
            grad_src = gather(grad, dim, index)
        elif reduce == "mean":
            count = Tensor._make(np.full(x.shape, 1 if ctx.include_self else 0, x._data.dtype))
            np.add.at(count._data, _along(index._data, dim), 1)
            count = count.clamp(min=1)
            grad_x = grad_x / count
            grad_src = gather(grad / count, dim, index)
        elif reduce == "prod":
            grad_x = grad_x * result / x if ctx.include_self else grad_x
            grad_src = gather(grad * result, dim, index) / src
        else:  # amax, amin: shared between the values that equal the result
            x_hit = (x == result) & written if ctx.include_self else written & False
            src_hit = src == gather(result, dim, index)
            count = x_hit.to(grad.dtype)
            np.add.at(count._data, _along(index._data, dim), src_hit._data)
            grad_x = grad.masked_fill(written, 0) + grad * x_hit / count.clamp(min=1)
            grad_src = gather(grad / count.clamp(min=1), dim, index) * src_hit
        if src.shape != src_whole.shape:
            grad_src = Scatter.apply(grad_src, src_whole._data.shape, _crop(index._data.shape), False)
        return grad_x, None, None, grad_src, None, None

    @staticmethod
    def jvp(ctx, *tangents):  # (PyTorch gives the result of 'prod' no tangent)
        return None if ctx.inputs[4] == "prod" else jvp_from_backward(ctx, *tangents)


def _crop(shape):
    return tuple(slice(0, s) for s in shape)


def _int_start(reduce, dtype):
    info = np.iinfo(dtype) if dtype.kind in "iu" else None
    return {"sum": 0, "mean": 0, "prod": 1, "amax": info.min if info else False, "amin": info.max if info else True}[reduce]


def scatter_reduce(input, dim, index, src, reduce, *, include_self=True):
    """``input`` with each ``src`` value combined into the place ``index`` names along ``dim``,
    by ``reduce``: 'sum', 'prod', 'mean', 'amax' or 'amin'.

    >>> torch.zeros(2).scatter_reduce(0, torch.tensor([0, 0, 1]), torch.tensor([1., 5., 2.]), "amax")
    tensor([5., 2.])
    """
    reduce = {"max": "amax", "min": "amin"}.get(reduce, reduce)
    if reduce not in _REDUCTIONS:
        raise RuntimeError(f"reduce argument must be either sum, prod, mean, amax or amin, got {reduce}")
    d = wrap_dim(dim, input._data.ndim)
    if index._data.dtype != np.int64:
        raise RuntimeError("scatter_reduce(): Expected dtype int64 for index")
    if src._data.dtype != input._data.dtype:
        raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    size = input._data.shape[d] if input._data.ndim else 1
    _check_bounds(index._data, size, d, "index {index} is out of bounds for dimension {dim} with size {size}")
    return ScatterReduce.apply(input, d, index, src, reduce, include_self)


# -- picking entries: by a mask, by flat position ---------------------------------------------------------
class MaskedSelect(Function):
    """The entries where the mask (broadcast with x) is True, in order, as a 1-d tensor. d/dx:
    each gradient back at its entry, zeros elsewhere (summed over broadcast dims by the engine)."""

    node_name = "MaskedSelectBackward0"
    raw = True
    inputs = (0,)
    saved_names = ("mask", "self")

    @staticmethod
    def forward(x, mask):
        shape = np.broadcast_shapes(x.shape, mask.shape)
        return np.broadcast_to(x, shape)[np.broadcast_to(mask, shape)]

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[1], inputs[0])

    @staticmethod
    def backward(ctx, grad):
        mask, x = ctx.saved_tensors
        shape = np.broadcast_shapes(x._data.shape, mask._data.shape)
        return Scatter.apply(grad, shape, np.broadcast_to(mask._data, shape), False), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def masked_select(input, mask):
    """The entries of ``input`` where ``mask`` (a bool tensor, broadcast) is True, as a 1-d tensor."""
    if mask._data.dtype != np.bool_:
        raise RuntimeError("masked_select: expected BoolTensor for mask")
    try:
        np.broadcast_shapes(input._data.shape, mask._data.shape)
    except ValueError:
        from ._support import broadcast_error

        raise broadcast_error(mask._data.shape, input._data.shape) from None
    return MaskedSelect.apply(input, mask)


class Take(Function):
    """x's entries at the given positions counted over the flattened tensor, in index's shape.
    d/dx: each gradient added back at its position."""

    node_name = "TakeBackward0"
    raw = True
    inputs = (0,)
    saved_names = ("index", "self")

    @staticmethod
    def forward(x, index):
        return x.reshape(-1)[index]

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[1], inputs[0])

    @staticmethod
    def backward(ctx, grad):
        index, x = ctx.saved_tensors
        key = np.unravel_index(index._data % max(x._data.size, 1), x._data.shape)
        return Scatter.apply(grad, x._data.shape, key, True), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def take(input, index):
    """``input`` as if flattened, read at ``index`` (negative positions count from the end)."""
    n = input._data.size
    idx = index._data
    if idx.dtype != np.int64:
        raise RuntimeError(f"take(): Expected a long tensor for index, but got {_dtype.scalar_type_name(idx.dtype)}")
    bad = idx[(idx < -n) | (idx >= n)]
    if bad.size:
        raise IndexError(f"out of range: tried to access index {bad.flat[0]} on a tensor of {n} elements.")
    return Take.apply(input, index)

