"""Shape ops: views (reshape, transpose, squeeze, expand ...), flip, roll and repeat. Their
derivative moves the gradient back into the input's layout: the inverse reshape, the inverse
permutation. cat, stack, split and chunk are in ``join_split.py``."""
import functools
import operator

import numpy as np

from .. import _dtype
from .._tensor import Size, Tensor
from ..autograd.function import Function
from ..autograd.forward_ad import linear_jvp
from ._support import broadcast_error, wrap_dim, wrap_dims
from ..parity import bfloat16
from ..parity.messages import shape_str
from .pointwise import Clone


def _infer_shape(shape, numel):
    shape = list(shape)
    for i, s in enumerate(shape):
        if s < -1:
            raise RuntimeError(f"invalid shape dimension {s} at index {i} of shape {shape_str(shape)}")
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    if -1 in shape:
        known = 1
        for s in shape:
            if s != -1:
                known *= s
        if known == 0 and numel == 0:
            raise RuntimeError(
                f"cannot reshape tensor of 0 elements into shape {shape_str(shape)} because the unspecified "
                "dimension size -1 can be any value and is ambiguous"
            )
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{shape_str(shape)}' is invalid for input of size {numel}")
        shape[shape.index(-1)] = numel // known
    total = 1
    for i, s in enumerate(shape):
        if s < 0:
            raise RuntimeError(f"invalid shape dimension {s} at index {i} of shape {shape_str(shape)}")
        total *= s
    if total != numel:
        raise RuntimeError(f"shape '{shape_str(shape)}' is invalid for input of size {numel}")
    return tuple(shape)


# numpy 2.1 can be asked for a reshape that never copies; numpy 2.5 deprecates the older way,
# setting the shape of a view.
_RESHAPE_TAKES_COPY = np.lib.NumpyVersion(np.__version__) >= "2.1.0"


def _reshaped_view(arr, shape):
    """``arr`` seen with another shape, sharing its memory; None when its strides do not allow
    that (only a copy could have this shape)."""
    if _RESHAPE_TAKES_COPY:
        try:
            return arr.reshape(shape, copy=False)
        except ValueError:
            return None
    out = arr.view()
    try:
        out.shape = shape
    except AttributeError:
        return None
    return out


class View(Function):
    node_name = "ViewBackward0"
    saved_values = ('self_sym_sizes',)
    raw = True
    is_view = True

    @staticmethod
    def forward(a, shape):
        out = _reshaped_view(a, shape)
        if out is None:
            raise RuntimeError(
                "view size is not compatible with input tensor's size and stride (at least one dimension "
                "spans across two contiguous subspaces). Use .reshape(...) instead."
            )
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes = inputs[0]._data.shape

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.self_sym_sizes), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class Resize(Function):
    """``t.resize(*sizes)``, PyTorch's deprecated out-of-place resize: it can only change the
    shape. PyTorch writes it in Python as an autograd.Function, as a user would, so its node is
    ``ResizeBackward`` (no number) from torch.autograd.function; this is that code."""

    @staticmethod
    def forward(ctx, tensor, sizes):
        ctx.sizes = sizes
        ctx.numel = functools.reduce(operator.mul, sizes, 1)  # (x.resize((2, 3)) multiplies a tuple)
        if tensor.numel() != ctx.numel:
            raise RuntimeError(
                f"requested resize to {'x'.join(map(str, sizes))} ({ctx.numel} elements in total), but the given "
                f"tensor has a size of {'x'.join(map(str, tensor.size()))} ({tensor.numel()} elements). autograd's "
                "resize can only change the shape of a given tensor, while preserving the number of elements. "
            )
        ctx.input_sizes = tensor.size()
        return tensor.contiguous().view(*sizes)  # (the same memory when the tensor is contiguous)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.contiguous().view(ctx.input_sizes), None


class Alias(Function):
    """The same tensor seen again: ``t[...]``, or a move that moves nothing (PyTorch's alias)."""

    node_name = "AliasBackward0"
    raw = True
    is_view = True

    @staticmethod
    def forward(a):
        return a.view()

    @staticmethod
    def backward(ctx, grad):
        return grad

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class ReshapeAlias(View):
    """A reshape of a non-contiguous tensor whose strides still allow a view."""

    node_name = "ReshapeAliasBackward0"
    saved_values = ("self_sym_sizes",)


class UnsafeView(View):
    """A reshape that had to copy (PyTorch's _unsafe_view after a clone)."""

    node_name = "UnsafeViewBackward0"
    saved_values = ("self_sym_sizes",)
    is_view = False

    @staticmethod
    def forward(a, shape):
        return a.reshape(shape)


class Permute(Function):
    node_name = "PermuteBackward0"
    saved_values = ('dims',)
    raw = True
    is_view = True

    @staticmethod
    def forward(a, dims):
        return a.transpose(dims)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dims = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        return grad.permute(*np.argsort(ctx.dims).tolist()), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class Transpose(Function):
    node_name = "TransposeBackward0"
    saved_values = ('dim0', 'dim1')
    raw = True
    is_view = True

    @staticmethod
    def forward(a, dim0, dim1):
        return np.swapaxes(a, dim0, dim1) if a.ndim else a.view()

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim0, ctx.dim1 = inputs[1], inputs[2]

    @staticmethod
    def backward(ctx, grad):
        return grad.transpose(ctx.dim0, ctx.dim1), None, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class T(Function):
    node_name = "TBackward0"
    raw = True
    is_view = True

    @staticmethod
    def forward(a):
        return a.T

    @staticmethod
    def backward(ctx, grad):
        return grad.t()

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def broadcast_view(a, shape):
    """``a`` seen as ``shape`` without copying (stride 0 along new and size-1 dims), read-only
    like an expanded PyTorch tensor. Same as np.broadcast_to, at half the cost for the small
    arrays backward passes make many of."""
    if not a.flags.c_contiguous:
        return np.broadcast_to(a, shape)
    lead = len(shape) - a.ndim
    strides = [0] * lead
    for size, own, stride in zip(shape[lead:], a.shape, a.strides):
        strides.append(stride if own == size else 0)
    out = np.ndarray(shape, a.dtype, a, 0, tuple(strides))
    out.flags.writeable = False
    return out


class Expand(Function):
    """The gradient of a broadcast copy is the sum over the copies (done by the engine)."""

    node_name = "ExpandBackward0"
    saved_values = ('self_sym_sizes',)
    raw = True
    is_view = True

    @staticmethod
    def forward(a, shape):
        return broadcast_view(a, shape)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes = inputs[0]._data.shape

    @staticmethod
    def backward(ctx, grad):
        return grad, None  # the engine sums it back to the input's shape

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class Squeeze(Function):
    node_name = "SqueezeBackward0"
    saved_values = ('self_sym_sizes',)
    raw = True
    is_view = True

    @staticmethod
    def forward(a, dims=None):
        if dims is None:
            return a.reshape(tuple(s for s in a.shape if s != 1))
        keep = tuple(s for i, s in enumerate(a.shape) if not (i in dims and s == 1))
        return a.reshape(keep)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes = inputs[0]._data.shape

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.self_sym_sizes), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class SqueezeDim(Squeeze):
    node_name = "SqueezeBackward1"

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes = inputs[0]._data.shape
        ctx.dim = inputs[1][0]
    saved_values = ('dim', 'self_sym_sizes')


class SqueezeDims(Squeeze):
    node_name = "SqueezeBackward4"

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes = inputs[0]._data.shape
        ctx.dim = inputs[1]
    saved_values = ('dim', 'self_sym_sizes')


class SqueezeList(SqueezeDims):
    """``x.squeeze((0, 2))``: PyTorch's squeeze.dims (SqueezeBackward4 is what its matmul records)."""

    node_name = "SqueezeBackward2"


class Unsqueeze(Function):
    node_name = "UnsqueezeBackward0"
    saved_values = ('dim',)
    raw = True
    is_view = True

    @staticmethod
    def forward(a, dim):
        return np.expand_dims(a, dim)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        return grad.squeeze(ctx.dim), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class Flip(Function):
    node_name = "FlipBackward0"
    saved_values = ('dims',)
    raw = True

    @staticmethod
    def forward(a, dims):
        return np.flip(a, dims).copy(order="K") if a.ndim else a.copy()  # (keeps the input's memory order, as PyTorch)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dims = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        return grad.flip(ctx.dims), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class Roll(Function):
    """Shift entries along dims, wrapping around; the gradient shifts back."""

    node_name = "RollBackward0"
    raw = True
    saved_values = ("dims", "shifts")

    @staticmethod
    def forward(a, shifts, dims):
        if not dims:  # no dims: roll the flattened tensor
            return np.roll(a.reshape(-1), shifts).reshape(a.shape)
        return np.roll(a, shifts, dims)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.shifts, ctx.dims = inputs[1], inputs[2]

    @staticmethod
    def backward(ctx, grad):
        return Roll.apply(grad, tuple(-s for s in ctx.shifts), ctx.dims), None, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


# -- the functional API -------------------------------------------------------------------------
def _shape_args(shape):
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        return tuple(shape[0])
    return tuple(int(s) for s in shape)


def reshape(input, *sizes, shape=None):
    """A view when the memory allows it (as PyTorch: View if contiguous, ReshapeAlias if the
    strides still fit), else a copy (Clone then UnsafeView)."""
    shape = _infer_shape(_shape_args(sizes if shape is None else (shape,)), input._data.size)
    if input._data.flags.c_contiguous:
        return View.apply(input, shape)
    if _viewable(input._data, shape):
        return ReshapeAlias.apply(input, shape)
    return UnsafeView.apply(clone(input), shape)


def _viewable(arr, shape):
    return _reshaped_view(arr, shape) is not None


def view(input, *shape, size=None, dtype=None):
    if size is not None:
        shape = (size,)
    if dtype is not None or (len(shape) == 1 and isinstance(shape[0], _dtype.dtype)):
        return _view_as_dtype(input, dtype if dtype is not None else shape[0])
    return View.apply(input, _infer_shape(_shape_args(shape), input._data.size))


def _view_as_dtype(input, dtype):
    """The same bytes read as another dtype (the last dim grows or shrinks when the sizes of
    the two differ). Outside the graph, as in PyTorch."""
    a = input._data
    old, new = input.dtype.itemsize, dtype.itemsize
    name = _dtype.scalar_type_name
    if new > old:
        if a.ndim == 0:
            raise RuntimeError(f"self.dim() cannot be 0 to view {name(a.dtype)} as {name(dtype.numpy)} "
                               "(different element sizes)")
        if a.shape[-1] % (new // old):
            raise RuntimeError(f"self.size(-1) must be divisible by {new // old} to view {name(a.dtype)} as "
                               f"{name(dtype.numpy)} (different element sizes), but got {a.shape[-1]}")
    if a.dtype.metadata is not None:  # bfloat16's bytes are its float32's top two (a copy: parity/bfloat16.py)
        a = bfloat16.to_bits(a)
    target = np.uint16 if dtype is _dtype.bfloat16 else dtype.numpy
    arr = np.ascontiguousarray(a).view(target) if a.ndim else a.reshape(1).view(target).reshape(())
    out = Tensor._make(bfloat16.from_bits(arr) if dtype is _dtype.bfloat16 else arr)
    out._vc = input._vc  # (the same memory: a change through one is a change of the other)
    return out


def clone(input, *, memory_format=None):
    return Clone.apply(input)


def flatten(input, start_dim=0, end_dim=-1):
    nd = input._data.ndim
    s, e = wrap_dim(start_dim, nd), wrap_dim(end_dim, nd)
    if nd == 0:
        return reshape(input, 1)
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if s == e:
        return input
    shape = input._data.shape
    return reshape(input, shape[:s] + (-1,) + shape[e + 1:])


def permute(input, *dims_given, dims=None):
    dims = _shape_args(dims_given if dims is None else (dims,))
    nd = input._data.ndim
    if len(dims) != nd:
        raise RuntimeError(
            f"permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = {nd} is not equal to len(dims) = {len(dims)}"
        )
    wrapped = tuple(wrap_dim(d, nd) for d in dims)
    if len(set(wrapped)) != nd:
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return Permute.apply(input, wrapped)


def transpose(input, dim0, dim1):
    nd = input._data.ndim
    return Transpose.apply(input, wrap_dim(dim0, nd), wrap_dim(dim1, nd))


swapaxes = transpose


def t(input):
    if input._data.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {input._data.ndim}D")
    return T.apply(input)


def expand(input, *sizes, size=None, implicit=False):
    """``t.expand(4, 3)``: size-1 dims repeated without copying (``implicit`` is PyTorch's flag
    for expansions it made itself; it changes nothing here)."""
    sizes = _shape_args(sizes if size is None else (size,))
    return Expand.apply(input, expanded_shape(input._data.shape, sizes, input._data.dtype))


def expanded_shape(shape, sizes, dtype):
    """The shape an array of ``shape`` takes when expanded to ``sizes`` (-1 keeps a size), or
    PyTorch's error. Like PyTorch, the sizes are checked from the last one back."""
    if len(sizes) < len(shape):
        raise RuntimeError(
            f"expand(torch.{_dtype.from_numpy_dtype(dtype)._legacy}{{{shape_str(shape)}}}, size={shape_str(sizes)}): the number "
            f"of sizes provided ({len(sizes)}) must be greater or equal to the number of dimensions in the tensor ({len(shape)})"
        )
    lead = len(sizes) - len(shape)
    target = list(sizes)
    for i in reversed(range(len(sizes))):
        own = shape[i - lead] if i >= lead else None
        if sizes[i] == -1:
            if own is None:
                raise RuntimeError(f"The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension {i}")
            target[i] = own
        elif own is not None and own != 1 and own != sizes[i]:
            raise RuntimeError(
                f"The expanded size of the tensor ({sizes[i]}) must match the existing size ({own}) at non-singleton dimension {i}.  Target sizes: {shape_str(sizes)}.  Tensor sizes: {shape_str(shape)}"
            )
    return tuple(target)


def squeeze(input, dim=None):
    nd = input._data.ndim
    if dim is None:
        return Squeeze.apply(input, None)
    if isinstance(dim, (tuple, list)):
        return SqueezeList.apply(input, wrap_dims(tuple(dim), nd))
    return SqueezeDim.apply(input, (wrap_dim(dim, nd),))


def unsqueeze(input, dim):
    return Unsqueeze.apply(input, wrap_dim(dim, input._data.ndim + 1))


class Repeat(Function):
    """Tiling: each input entry appears in several places, so its gradient is their sum."""

    node_name = "RepeatBackward0"
    raw = True
    saved_values = ("repeats", "self_sym_sizes")

    @staticmethod
    def forward(a, repeats):
        lead = len(repeats) - a.ndim
        return np.tile(a.reshape((1,) * lead + a.shape), repeats)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.repeats, ctx.self_sym_sizes = inputs[1], inputs[0]._data.shape

    @staticmethod
    def backward(ctx, grad):
        # View the result as (r0, s0, r1, s1, ...) blocks and sum over the repeat axes.
        shape = (1,) * (len(ctx.repeats) - len(ctx.self_sym_sizes)) + tuple(ctx.self_sym_sizes)
        split = []
        for r, s in zip(ctx.repeats, shape):
            split += [r, s]
        g = grad.reshape(split).sum(tuple(range(0, len(split), 2)))
        return g.reshape(ctx.self_sym_sizes), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def repeat(input, *sizes, repeats=None):
    sizes = _shape_args(sizes if repeats is None else (repeats,))
    if len(sizes) < input._data.ndim:
        raise RuntimeError(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"
        )
    shape = (1,) * (len(sizes) - input._data.ndim) + input._data.shape
    result = [r * s for r, s in zip(sizes, shape)]
    bad = next((n for n in result if n < 0), None)
    if bad is not None:
        raise RuntimeError(f"Trying to create tensor with negative dimension {bad}: {shape_str(result)}")
    return Repeat.apply(input, sizes)


def broadcast_shapes(*shapes):
    """The shape that tensors of these shapes broadcast to, checked from the last dim back and
    worded as PyTorch's (torch._refs): the error shows the offending shape as it was given."""
    shapes = tuple((s,) if isinstance(s, int) else s for s in shapes if s is not None)
    if not shapes:
        return Size(())
    for shape in shapes:
        if not isinstance(shape, (tuple, list)):
            raise RuntimeError(f"Input shapes should be of type ints, a tuple of ints, or a list of ints, got {shape}")
    common = [1] * max(len(shape) for shape in shapes)
    for arg, shape in enumerate(shapes):
        for idx in range(-1, -1 - len(shape), -1):
            size = shape[idx]
            if size == common[idx] or size == 1:
                continue
            if common[idx] != 1:
                raise RuntimeError(
                    f"Attempting to broadcast a dimension of length {size} at {idx}! Mismatching argument at "
                    f"index {arg} had {shape}; but expected shape should be broadcastable to {common}"
                )
            if size < 0:
                raise ValueError("Attempting to broadcast a dimension with negative length!")
            common[idx] = size
    return Size(common)


def broadcast_tensors(*tensors):
    """The tensors expanded to one common shape; a tensor already of that shape is returned as it is.

    >>> [t.shape for t in torch.broadcast_tensors(torch.ones(2), torch.ones(3, 1))]
    [torch.Size([3, 2]), torch.Size([3, 2])]
    """
    shape = ()
    for t in tensors:
        err = broadcast_error(shape, t._data.shape)
        if err is not None:
            raise err
        shape = np.broadcast_shapes(shape, t._data.shape)
    return tuple(t if t._data.shape == shape else t.expand(shape) for t in tensors)


def flip(input, *dims_given, dims=None):
    """``dims`` reversed; given as a list or one by one (``x.flip(0, 1)``)."""
    if dims is None:
        dims = dims_given[0] if len(dims_given) == 1 else dims_given
    return Flip.apply(input, wrap_dims(_ints(dims), input._data.ndim))


def movedim(input, source, destination):
    """Move dims ``source`` to positions ``destination``; the others keep their order."""
    nd = input._data.ndim
    given_src, given_dst = list(_ints(source)), list(_ints(destination))
    if len(given_src) != len(given_dst):
        raise RuntimeError(
            f"movedim: Invalid source or destination dims: source ({given_src} dims) should contain the same "
            f"number of dims as destination ({given_dst} dims)"
        )
    src = [wrap_dim(d, nd) for d in given_src]
    dst = [wrap_dim(d, nd) for d in given_dst]
    for name, given, wrapped in (("source", given_src, src), ("destination", given_dst, dst)):
        if len(set(wrapped)) != len(wrapped):
            raise RuntimeError(f"movedim: repeated dim in `{name}` ({given})")
    if nd == 0:
        return Alias.apply(input)
    order = [None] * nd
    for s_, d_ in zip(src, dst):
        order[d_] = s_
    rest = iter(d for d in range(nd) if d not in src)
    order = [o if o is not None else next(rest) for o in order]
    return permute(input, *order)


def _ints(value):
    """An int or a list of ints (0-d integer tensors among them) as a tuple of Python ints."""
    if isinstance(value, (list, tuple)):
        return tuple(operator.index(v) for v in value)
    return (operator.index(value),)


def roll(input, shifts, dims=None):
    """Shift entries ``shifts`` places along ``dims`` (the flattened tensor without dims), wrapping around.

    >>> torch.arange(4).roll(1)
    tensor([3, 0, 1, 2])
    """
    shifts = _ints(shifts)
    dims = () if dims is None else _ints(dims)
    if not shifts:
        raise RuntimeError("`shifts` required")
    if len(shifts) != len(dims) and not (len(dims) == 0 and len(shifts) == 1):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:{len(dims)}")
    return Roll.apply(input, shifts, tuple(wrap_dim_of_scalar(d, input._data.ndim) for d in dims))


def wrap_dim_of_scalar(dim, ndim):
    """``wrap_dim`` for the ops that take no dim of a 0-d tensor (unbind, roll), in PyTorch's words."""
    if ndim == 0:
        raise IndexError(f"Dimension specified as {operator.index(dim)} but tensor has no dimensions")
    return wrap_dim(dim, ndim)


def tile(input, dims):
    """``input`` repeated ``dims[i]`` times along each dim; fewer dims than the tensor has count
    for its last dims (``repeat`` with ones in front)."""
    dims = _shape_args((dims,)) if not isinstance(dims, int) else (dims,)
    dims = (1,) * (input._data.ndim - len(dims)) + tuple(dims)
    return repeat(input, dims)


def unflatten(input, dim, sizes):
    """``dim`` split into several of the given ``sizes`` (one may be -1), as a view."""
    d = wrap_dim(dim, input._data.ndim)
    shape = input._data.shape
    if len(sizes) == 0:
        raise RuntimeError("unflatten: sizes must be non-empty")
    inner = _infer_shape(tuple(sizes), shape[d]) if -1 in sizes else tuple(sizes)
    if int(np.prod(inner)) != shape[d]:
        raise RuntimeError(
            f"unflatten: Provided sizes {shape_str(sizes)} don't multiply up to the size of dim {d} "
            f"({shape[d]}) in the input tensor"
        )
    return view(input, shape[:d] + tuple(inner) + shape[d + 1:])


def repeat_interleave(input, repeats=None, dim=None, *, output_size=None):
    """Each entry (or slice along ``dim``) repeated ``repeats`` times in a row: [a, b] -> [a, a, b, b].
    ``repeats`` a tensor: a count for each; ``torch.repeat_interleave(counts)`` alone: the indices
    repeated by their counts."""
    if repeats is None:  # torch.repeat_interleave(tensor of counts)
        counts = input._data
        return Tensor._make(np.repeat(np.arange(counts.size, dtype=np.int64), counts))
    x = flatten(input) if dim is None else input
    d = 0 if dim is None else wrap_dim(dim, input._data.ndim)
    if isinstance(repeats, Tensor) and repeats._data.ndim:
        if repeats._data.size != x._data.shape[d]:
            raise RuntimeError("repeats must have the same size as input along dim, but got repeats.size(0) = "
                               f"{repeats._data.size} and input.size({d}) = {x._data.shape[d]}")
        index = Tensor._make(np.repeat(np.arange(x._data.shape[d], dtype=np.int64), repeats._data))
        return x.index_select(d, index)
    n = int(repeats)
    if n < 0:
        raise RuntimeError("repeats can not be negative")
    shape = x._data.shape
    wide = unsqueeze(x, d + 1).expand(shape[:d + 1] + (n,) + shape[d + 1:])
    return view(clone(wide), shape[:d] + (shape[d] * n,) + shape[d + 1:])
