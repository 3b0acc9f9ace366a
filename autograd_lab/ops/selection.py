"""Picking entries by index or by order: gather, index_select, sort, argsort, topk, tril, triu.

Each forward picks some entries of its input; each backward puts the gradient back where those
entries came from, zeros everywhere else (an entry picked twice gets both gradients).
"""
import numpy as np

from ..autograd.function import Function
from ._support import shape_str, wrap_dim
from .indexing import Scatter
from .reduction import return_types
from .._tensor import Tensor


# -- putting a gradient back: differentiable, so second derivatives work -------------------------------
class ScatterAdd(Scatter):
    """Add a gradient into zeros at ``key`` (the backward of gather; its own backward gathers)."""

    node_name = "ScatterAddBackward0"


class IndexAdd(Scatter):
    node_name = "IndexAddBackward0"


class ScatterValues(Scatter):
    """Put each gradient at its own place (the backward of sort and topk: no place is picked twice)."""

    node_name = "ScatterBackward0"


def _along(index, dim):
    """The numpy key that picks ``index``'s entries along ``dim`` (every other dim by position)."""
    grids = list(np.indices(index.shape, sparse=True))
    grids[dim] = index
    return tuple(grids)


# -- gather and index_select -----------------------------------------------------------------------------
class Gather(Function):
    """``out[i][j] = x[i][index[i][j]]`` for dim=1: the gradient goes back to ``x[i][index[i][j]]``."""

    node_name = "GatherBackward0"
    raw = True
    inputs = (0,)  # the index tensor gets no edge
    saved_names = ("index", "self")
    saved_values = ("dim", "sparse_grad")
    ctx_defaults = {"sparse_grad": False}

    @staticmethod
    def forward(a, dim, index, sparse_grad=False):
        if a.ndim == 0:  # its one entry, as often as the index asks for it
            return np.full(index.shape, a)
        return a[_along(index, dim)]

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, dim, index = inputs[0], inputs[1], inputs[2]
        ctx.dim, ctx.shape = dim, a._data.shape
        ctx.sparse_grad = bool(inputs[3]) if len(inputs) > 3 else False
        ctx.save_for_backward(index, a)  # (PyTorch keeps self as well, shown as _saved_self)

    @staticmethod
    def backward(ctx, grad):
        index, _ = ctx.saved_tensors
        if not ctx.shape:
            return grad.sum(), None, None, None
        return ScatterAdd.apply(grad, ctx.shape, _along(index._data, ctx.dim), True), None, None, None


class IndexSelect(Function):
    node_name = "IndexSelectBackward0"
    raw = True
    inputs = (0,)
    saved_names = ("index",)
    saved_values = ("dim", "self_sym_sizes")

    @staticmethod
    def forward(a, dim, index):
        return np.take(a, index, axis=dim) if a.ndim else a.copy()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes, ctx.dim = inputs[0]._data.shape, inputs[1]
        ctx.save_for_backward(inputs[2])

    @staticmethod
    def backward(ctx, grad):
        (index,) = ctx.saved_tensors
        if not ctx.self_sym_sizes:
            return grad.reshape(()), None, None
        key = (slice(None),) * ctx.dim + (index._data,)
        return IndexAdd.apply(grad, ctx.self_sym_sizes, key, True), None, None


def _index_array(fn, index, expected):
    """The int64 array behind ``index``; PyTorch takes int32 and int64 index tensors only."""
    if not isinstance(index, Tensor):
        from .pointwise import not_tensor

        raise not_tensor(fn, index, "index", 3)
    data = index._data
    if data.dtype not in (np.int64, np.int32):
        raise RuntimeError(f"{fn}(): Expected dtype {expected} for index")
    return data.astype(np.int64, copy=False)


def _check_bounds(index, size, dim, message):
    if index.size and (index.min() < 0 or index.max() >= size):
        bad = index[(index < 0) | (index >= size)].flat[0]
        raise RuntimeError(message.format(index=bad, dim=dim, size=size))


def gather(input, dim, index, *, sparse_grad=False):
    """Pick ``input``'s entries along ``dim`` at ``index`` (same number of dims as ``input``).

    >>> torch.tensor([[1., 2.], [3., 4.]]).gather(1, torch.tensor([[1], [0]]))
    tensor([[2.],
            [3.]])
    """
    a = input._data
    dim = wrap_dim(dim, a.ndim)
    idx = _index_array("gather", index, "int32/int64")
    if idx.ndim != a.ndim and max(idx.ndim, 1) != max(a.ndim, 1):
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    for d in range(a.ndim):
        if d != dim and idx.shape[d] > a.shape[d]:
            raise RuntimeError(
                f"Size does not match at dimension {d} expected index {shape_str(idx.shape)} to be no "
                f"larger than self {shape_str(a.shape)} apart from dimension {dim}"
            )
    size = a.shape[dim] if a.ndim else 1
    _check_bounds(idx, size, dim, "index {index} is out of bounds for dimension {dim} with size {size}")
    return Gather.apply(input, dim, Tensor._make(idx), sparse_grad)


def index_select(input, dim, index):
    """The slices of ``input`` along ``dim`` numbered by the 1-D ``index``, in its order.

    >>> torch.tensor([[1., 2.], [3., 4.]]).index_select(0, torch.tensor([1, 1]))
    tensor([[3., 4.],
            [3., 4.]])
    """
    a = input._data
    dim = wrap_dim(dim, a.ndim)
    idx = _index_array("index_select", index, "int32 or int64")
    if idx.ndim > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    idx = idx.reshape(-1)
    if a.ndim == 0 and idx.size != 1:
        raise RuntimeError(f"index_select(): Index to scalar can have only 1 value, got {idx.size} value(s)")
    size = a.shape[dim] if a.ndim else 1
    _check_bounds(idx, size, dim, "INDICES element is out of DATA bounds, id={index} axis_dim={size}")
    return IndexSelect.apply(input, dim, Tensor._make(idx))


# -- sort, argsort, topk ------------------------------------------------------------------------------------
def _order(a, dim, descending):
    """Where each entry of the sorted result comes from, ties in their original order, NaN
    counted as the largest value (as PyTorch sorts)."""
    if not descending:
        return np.argsort(a, axis=dim, kind="stable")
    # Descending and still stable: sort the reversed array, read the answer backwards.
    n = a.shape[dim]
    backwards = np.argsort(np.flip(a, dim), axis=dim, kind="stable")
    return (n - 1) - np.flip(backwards, dim)


class Sort(Function):
    node_name = "SortBackward0"
    raw = True
    saved_names = ("indices",)
    saved_values = ("dim", "self_sym_sizes")
    non_differentiable_outputs = (1,)

    @staticmethod
    def forward(a, dim, descending, k=None):
        if a.ndim == 0:
            return a.copy(), np.zeros((), np.int64)
        order = _order(a, dim, descending)
        if k is not None:
            order = np.take(order, np.arange(k), axis=dim)
        return np.take_along_axis(a, order, axis=dim), order.astype(np.int64)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes, ctx.dim = inputs[0]._data.shape, inputs[1]
        ctx.save_for_backward(output[1])

    @staticmethod
    def backward(ctx, grad, _grad_indices=None):
        (indices,) = ctx.saved_tensors
        if not ctx.self_sym_sizes:
            return grad, None, None, None
        key = _along(indices._data, ctx.dim)
        return ScatterValues.apply(grad, ctx.self_sym_sizes, key, False), None, None, None


class TopK(Sort):
    node_name = "TopkBackward0"


def sort(input, dim=-1, descending=False, stable=False):
    """The values along ``dim`` in order, with the indices they came from.

    >>> torch.tensor([3., 1., 2.]).sort()
    torch.return_types.sort(
    values=tensor([1., 2., 3.]),
    indices=tensor([1, 2, 0]))
    """
    dim = wrap_dim(dim, input._data.ndim)
    values, indices = Sort.apply(input, dim, bool(descending))
    return return_types.sort(values, indices)


def argsort(input, dim=-1, descending=False, stable=False):
    """Only the indices of ``sort``: no gradient flows through them."""
    dim = wrap_dim(dim, input._data.ndim)
    a = input._data
    return Tensor._make(np.zeros((), np.int64) if a.ndim == 0 else _order(a, dim, descending).astype(np.int64))


def topk(input, k, dim=-1, largest=True, sorted=True):
    """The ``k`` largest (or, with ``largest=False``, smallest) values along ``dim``.

    Ties: PyTorch's partial sort may pick equal values from other places than the first ones;
    here the first ones in the tensor win, so an index can differ where values are equal.
    """
    a = input._data
    dim = wrap_dim(dim, a.ndim)
    size = a.shape[dim] if a.ndim else 1
    if not 0 <= k <= size:
        raise RuntimeError("selected index k out of range")
    values, indices = TopK.apply(input, dim, bool(largest), k)
    return return_types.topk(values, indices)


# -- tril and triu ---------------------------------------------------------------------------------------
class Tril(Function):
    """Keep the lower triangle (on and below diagonal ``diagonal``); the gradient keeps it too."""

    node_name = "TrilBackward0"
    raw = True
    saved_values = ("diagonal",)
    _keep = staticmethod(np.tril)

    @classmethod
    def forward(cls, a, diagonal):
        return cls._keep(a, diagonal)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.diagonal = inputs[1]

    @classmethod
    def backward(cls, ctx, grad):
        return cls.apply(grad, ctx.diagonal), None


class Triu(Tril):
    node_name = "TriuBackward0"
    _keep = staticmethod(np.triu)


def _triangle(cls, name, input, diagonal):
    if input._data.ndim < 2:
        raise RuntimeError(f"{name}: input tensor must have at least 2 dimensions")
    return cls.apply(input, int(diagonal))


def tril(input, diagonal=0):
    """The lower triangle of the last two dims; the rest zero.

    >>> torch.ones(2, 2).tril()
    tensor([[1., 0.],
            [1., 1.]])
    """
    return _triangle(Tril, "tril", input, diagonal)


def triu(input, diagonal=0):
    """The upper triangle of the last two dims; the rest zero."""
    return _triangle(Triu, "triu", input, diagonal)
