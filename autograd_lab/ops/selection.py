"""Picking entries by index or by order: gather, scatter, index_select, sort, argsort, topk, tril,
triu, diagonals.

Each forward picks some entries of its input; each backward puts the gradient back where those
entries came from, zeros everywhere else (an entry picked twice gets both gradients).
"""
import numpy as np

from .. import _dtype
from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward, linear_jvp
from ..parity.arg_errors import no_overload, not_tensor
from ._support import as_dim, as_saved, broadcast_error, wrap_dim
from ..parity.messages import shape_str
from .indexing import Scatter
from .reduction import return_types
from .._tensor import Tensor


# -- putting a gradient back: differentiable, so second derivatives work -------------------------------
class ScatterAdd(Scatter):
    """Add a gradient into zeros at ``key`` (the backward of gather; its own backward gathers)."""

    node_name = "ScatterAddBackward0"

    jvp = staticmethod(jvp_from_backward)


class IndexAdd(Scatter):
    node_name = "IndexAddBackward0"

    jvp = staticmethod(jvp_from_backward)


class ScatterValues(Scatter):
    """Put each gradient at its own place (the backward of sort and topk: no place is picked twice)."""

    node_name = "ScatterBackward0"

    jvp = staticmethod(jvp_from_backward)


def _along(index, dim):
    """The numpy key that picks ``index``'s entries along ``dim`` (every other dim by position)."""
    if index.ndim == 0:  # (a 0-d index of a 1-d tensor)
        return (index,)
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
        return np.asarray(a[_along(index, dim)])

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

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


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

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def _index_array(fn, index, expected):
    """The int64 array behind ``index``; PyTorch takes int32 and int64 index tensors only."""
    if not isinstance(index, Tensor):
        raise not_tensor(fn, index, "index", 3)
    data = index._data
    if data.dtype not in (np.int64, np.int32):
        raise RuntimeError(f"{fn}(): Expected dtype {expected} for index")
    return data.astype(np.int64, copy=False)


def _check_bounds(index, size, dim, message, error=RuntimeError):
    if index.size and (index.min() < 0 or index.max() >= size):
        bad = index[(index < 0) | (index >= size)].flat[0]
        raise error(message.format(index=bad, dim=dim, size=size))


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
    if a.ndim <= 1:  # (PyTorch's kernel for vectors and numbers has a message of its own)
        _check_bounds(idx, size, dim, "index out of range in self", IndexError)
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

    jvp = staticmethod(jvp_from_backward)


class StableSort(Sort):
    """``sort(..., stable=...)``: PyTorch's sort.stable overload, the same derivative."""

    node_name = "SortBackward1"


class TopK(Sort):
    node_name = "TopkBackward0"


def sort(input, dim=-1, descending=False, stable=None):
    """The values along ``dim`` in order, with the indices they came from.

    >>> torch.tensor([3., 1., 2.]).sort()
    torch.return_types.sort(
    values=tensor([1., 2., 3.]),
    indices=tensor([1, 2, 0]))
    """
    dim = wrap_dim(dim, input._data.ndim)
    op = Sort if stable is None else StableSort  # (any stable= picks the other overload, as in PyTorch)
    values, indices = op.apply(input, dim, bool(descending))
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
    k = as_dim(k)  # (a 0-d tensor counts as its int, and gets no edge)
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

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


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


# -- diagonals -------------------------------------------------------------------------------------------
def _diagonal_view(a, offset, dim1, dim2):
    """The diagonal of ``a`` in the (dim1, dim2) planes as a view, the diagonal last, writeable
    when ``a`` is (np.diagonal gives the same entries, but read-only)."""
    n1, n2 = a.shape[dim1], a.shape[dim2]
    length = max(0, min(n1, n2 - offset) if offset >= 0 else min(n1 + offset, n2))
    key = [slice(None)] * a.ndim
    if length:  # start at the diagonal's first entry
        key[dim2 if offset >= 0 else dim1] = slice(abs(offset), None)
    first = a[tuple(key)]
    kept = [d for d in range(a.ndim) if d not in (dim1, dim2)]
    shape = tuple(a.shape[d] for d in kept) + (length,)
    strides = tuple(a.strides[d] for d in kept) + (a.strides[dim1] + a.strides[dim2],)
    return np.lib.stride_tricks.as_strided(first, shape, strides, writeable=a.flags.writeable)


class Diagonal(Function):
    """``x.diagonal()``: a view of the entries x[..., i, i + offset]; the gradient goes back onto
    the same diagonal of a zero tensor."""

    node_name = "DiagonalBackward0"
    raw = True
    is_view = True
    saved_values = ("dim1", "dim2", "offset", "self_sym_sizes")

    @staticmethod
    def forward(a, offset, dim1, dim2, given):
        return _diagonal_view(a, offset, dim1, dim2)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes = inputs[0]._data.shape
        _keep_diagonal_args(ctx, inputs)

    @staticmethod
    def backward(ctx, grad):
        return DiagonalScatter.apply(grad, ctx.self_sym_sizes, *ctx.axes), None, None, None, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def _keep_diagonal_args(ctx, inputs):
    """The (offset, dim1, dim2) backward uses, and the same as the caller gave them, which is how
    PyTorch shows them (_saved_dim1 of ``diagonal(0, -2, -1)`` is -2 as an unsigned number)."""
    ctx.axes = tuple(inputs[1:4])
    ctx.offset, ctx.dim1, ctx.dim2 = (as_saved(v) for v in inputs[4])


class DiagonalCopy(Diagonal):
    """``torch.diag(matrix)``: the same entries as diagonal(), copied (PyTorch's diagonal_copy)."""

    node_name = "DiagonalBackward0_copy"
    is_view = False

    @staticmethod
    def forward(a, offset, dim1, dim2, given):
        return _diagonal_view(a, offset, dim1, dim2).copy()


class DiagonalScatter(Function):
    """A zero tensor of ``shape`` with ``g`` on a diagonal (the backward of diagonal; its own
    backward reads the diagonal again)."""

    node_name = "DiagonalBackwardBackward0"
    raw = True

    @staticmethod
    def forward(g, shape, offset, dim1, dim2):
        out = np.zeros(shape, g.dtype)
        _diagonal_view(out, offset, dim1, dim2)[...] = g
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.offset, ctx.dim1, ctx.dim2 = inputs[2], inputs[3], inputs[4]

    @staticmethod
    def backward(ctx, grad):
        return diagonal(grad, ctx.offset, ctx.dim1, ctx.dim2), None, None, None, None

    jvp = staticmethod(jvp_from_backward)


class DiagEmbed(Function):
    """Put the last dim of ``a`` on a diagonal of new (dim1, dim2) planes, zeros elsewhere; the
    gradient is that diagonal of the incoming one."""

    node_name = "DiagEmbedBackward0"
    raw = True
    saved_values = ("dim1", "dim2", "offset")

    @staticmethod
    def forward(a, offset, dim1, dim2, given):
        n = a.shape[-1] + abs(offset) if a.ndim else 1 + abs(offset)
        rest = iter(a.shape[:-1])
        shape = tuple(n if d in (dim1, dim2) else next(rest) for d in range(a.ndim + 1))
        out = np.zeros(shape, a.dtype)
        _diagonal_view(out, offset, dim1, dim2)[...] = a
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        _keep_diagonal_args(ctx, inputs)

    @staticmethod
    def backward(ctx, grad):
        return diagonal(grad, *ctx.axes), None, None, None, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def _diagonal_dims(input, dim1, dim2, ndim):
    d1, d2 = wrap_dim(dim1, ndim), wrap_dim(dim2, ndim)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return d1, d2


def diagonal(input, offset=0, dim1=0, dim2=1):
    """The entries ``input[..., i, i + offset]`` of the (dim1, dim2) planes, as a view, the
    diagonal as the last dim.

    >>> torch.tensor([[1., 2.], [3., 4.]]).diagonal()
    tensor([1., 4.])
    """
    d1, d2 = _diagonal_dims(input, dim1, dim2, input._data.ndim)
    return Diagonal.apply(input, as_dim(offset), d1, d2, (as_dim(offset), as_dim(dim1), as_dim(dim2)))


def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    """A tensor whose (dim1, dim2) planes hold ``input``'s last dim on diagonal ``offset``."""
    d1, d2 = _diagonal_dims(input, dim1, dim2, input._data.ndim + 1)
    return DiagEmbed.apply(input, as_dim(offset), d1, d2, (as_dim(offset), as_dim(dim1), as_dim(dim2)))


def diag(input, diagonal=0):
    """A vector on the diagonal ``diagonal`` of a square matrix, or a matrix's diagonal as a vector.

    >>> torch.diag(torch.tensor([1., 2.]))
    tensor([[1., 0.],
            [0., 2.]])
    """
    nd = input._data.ndim
    if nd not in (1, 2):
        raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {nd}D")
    k = as_dim(diagonal)
    if nd == 1:  # (PyTorch's diag_embed, with its default dims -2 and -1)
        return DiagEmbed.apply(input, k, 0, 1, (k, -2, -1))
    return DiagonalCopy.apply(input, k, 0, 1, (k, 0, 1))


# -- scatter: the inverse of gather -----------------------------------------------------------------------
class ScatterSrc(Function):
    """``x.scatter(dim, index, src)``: a copy of x with src's entries written where index says.
    The overwritten entries of x get no gradient; each src entry gets the gradient of its place."""

    node_name = "ScatterBackward0"
    raw = True
    inputs = (0, 3)  # (index gets no edge)
    saved_names = ("index",)
    saved_values = ("dim",)

    @staticmethod
    def forward(a, dim, index, src, given_dim):
        out = a.copy()
        if a.ndim == 0:
            out[...] = np.reshape(src, -1)[0] if index.size else a
            return out
        out[_along(index, dim)] = src[tuple(slice(0, s) for s in index.shape)]
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.axis, ctx.dim = inputs[1], as_saved(inputs[4])
        ctx.save_for_backward(inputs[2])

    @staticmethod
    def backward(ctx, grad):
        (index,) = ctx.saved_tensors
        return grad.scatter(ctx.axis, index, 0), None, None, grad.gather(ctx.axis, index), None

    jvp = staticmethod(jvp_from_backward)


class ScatterValue(ScatterSrc):
    """``x.scatter(dim, index, value)``: one number written at the indexed places."""

    node_name = "ScatterBackward1"
    inputs = (0,)

    @staticmethod
    def forward(a, dim, index, value, given_dim):
        out = a.copy()
        if a.ndim == 0:
            out[...] = value if index.size else a
            return out
        out[_along(index, dim)] = value
        return out

    @staticmethod
    def backward(ctx, grad):
        (index,) = ctx.saved_tensors
        return grad.scatter(ctx.axis, index, 0), None, None, None, None


class ScatterAddSrc(ScatterSrc):
    """``x.scatter_add(dim, index, src)``: src's entries added into a copy of x (repeated places add up)."""

    node_name = "ScatterAddBackward0"

    @staticmethod
    def forward(a, dim, index, src, given_dim):
        out = a.copy()
        part = src[tuple(slice(0, s) for s in index.shape)]
        if a.ndim == 0:
            out[...] = a + part.sum()
            return out
        np.add.at(out, _along(index, dim), part)
        return out

    @staticmethod
    def backward(ctx, grad):
        (index,) = ctx.saved_tensors
        return grad, None, None, grad.gather(ctx.axis, index), None


def _scatter_args(fn, input, dim, index, src):
    """Check scatter's arguments as PyTorch does; returns (dim, index as int64 tensor)."""
    a = input._data
    dim = wrap_dim(dim, a.ndim)
    idx = _index_array(fn, index, "int32/int64")
    if isinstance(src, Tensor):
        if src._data.dtype != a.dtype:
            raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    if max(idx.ndim, 1) != max(a.ndim, 1):
        raise RuntimeError("Index tensor must have the same number of dimensions as self tensor")
    if isinstance(src, Tensor) and max(idx.ndim, 1) != max(src._data.ndim, 1):
        raise RuntimeError("Index tensor must have the same number of dimensions as src tensor")
    if a.ndim:
        for d in range(a.ndim):
            too_big_self = d != dim and idx.shape[d] > a.shape[d]
            too_big_src = isinstance(src, Tensor) and idx.shape[d] > src._data.shape[d]
            if too_big_self or too_big_src:
                message = (f"Expected index {shape_str(idx.shape)} to be no larger than self {shape_str(a.shape)} "
                           f"apart from dimension {dim}")
                if isinstance(src, Tensor):
                    message += f" and to be no larger size than src {shape_str(src._data.shape)}"
                raise RuntimeError(message)
    size = a.shape[dim] if a.ndim else 1
    _check_bounds(idx, size, dim, "index {index} is out of bounds for dimension {dim} with size {size}")
    return dim, Tensor._make(idx)


def scatter(input, dim, index, src=None, *, value=None, reduce=None):
    """A copy of ``input`` with ``src``'s entries (or one ``value``) written at ``index`` along ``dim``:
    ``out[i][index[i][j]] = src[i][j]`` for dim=1.

    >>> torch.zeros(2, 3).scatter(1, torch.tensor([[2], [0]]), 1.)
    tensor([[0., 0., 1.],
            [1., 0., 0.]])
    """
    if src is None:
        src = value
    if reduce is not None:
        raise NotImplementedError("autograd_lab: scatter(reduce=...) is not supported; use scatter_add")
    axis, idx = _scatter_args("scatter", input, dim, index, src)
    if isinstance(src, Tensor):
        return ScatterSrc.apply(input, axis, idx, src, as_dim(dim))
    if isinstance(src, (bool, int, float, np.generic)):
        return ScatterValue.apply(input, axis, idx, src, as_dim(dim))
    raise no_overload("scatter", (input, dim, index, src), [])


def scatter_add(input, dim, index, src):
    """A copy of ``input`` with ``src``'s entries added in at ``index`` along ``dim`` (places named
    more than once get every addition).

    >>> torch.zeros(3).scatter_add(0, torch.tensor([0, 0, 2]), torch.tensor([1., 2., 3.]))
    tensor([3., 0., 3.])
    """
    if not isinstance(src, Tensor):
        raise not_tensor("scatter_add", src, "src", 3)
    axis, idx = _scatter_args("scatter", input, dim, index, src)
    return ScatterAddSrc.apply(input, axis, idx, src, as_dim(dim))


# -- masked_fill: a number (or a 0-d tensor) wherever a mask holds ------------------------------------------
class MaskedFill(Function):
    """``x.masked_fill(mask, 2.)``: the filled entries get no gradient, the others all of it."""

    node_name = "MaskedFillBackward0"
    raw = True
    inputs = (0,)  # (the mask gets no edge)
    saved_names = ("mask",)

    @staticmethod
    def forward(a, mask, value):
        return np.where(mask, np.asarray(value, a.dtype), a)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[1])

    @staticmethod
    def backward(ctx, grad):
        (mask,) = ctx.saved_tensors
        return grad.masked_fill(mask, 0), None, None

    jvp = staticmethod(jvp_from_backward)


class MaskedFillTensor(MaskedFill):
    """``x.masked_fill(mask, v)`` with a 0-d tensor ``v``: v gets the gradient of every entry it filled."""

    node_name = "MaskedFillBackward1"
    inputs = (0, 2)

    @staticmethod
    def forward(a, mask, value):
        return np.where(mask, value.astype(a.dtype), a)

    @staticmethod
    def backward(ctx, grad):
        (mask,) = ctx.saved_tensors
        return grad.masked_fill(mask, 0), None, grad.masked_fill(mask.logical_not(), 0).sum()


_C_TYPE_NAMES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int", "int32": "int",
                 "int16": "short int", "int8": "signed char", "uint8": "unsigned char"}


def masked_fill(input, mask, value):
    """``input`` with ``value`` wherever the bool ``mask`` (broadcast against it) is True.

    >>> torch.tensor([1., 2., 3.]).masked_fill(torch.tensor([True, False, True]), 0.)
    tensor([0., 2., 0.])
    """
    m = mask._data
    if m.dtype != np.bool_:
        raise RuntimeError(
            f"masked_fill_ only supports boolean masks, but got mask with dtype {_C_TYPE_NAMES.get(m.dtype.name, m.dtype.name)}"
        )
    err = broadcast_error(m.shape, input._data.shape)
    if err is not None:
        raise err
    if isinstance(value, Tensor):
        if value._data.ndim != 0:
            raise RuntimeError("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                               f"{value._data.ndim} dimension(s).")
        return MaskedFillTensor.apply(input, mask, value)
    return MaskedFill.apply(input, mask, _dtype.checked_scalar(value, input._data.dtype))
