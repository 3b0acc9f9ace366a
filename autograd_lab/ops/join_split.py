"""Joining tensors and splitting them: cat, stack, unbind, split and chunk, with their
derivatives (the gradient of a join is split back; the gradient of a split is joined). The
Function classes come first; the torch.* functions after them."""
import operator

import numpy as np

from .. import _dtype
from .._tensor import Tensor
from ..autograd.function import Function
from ..autograd.forward_ad import linear_jvp
from ..parity.arg_errors import type_name
from ._support import wrap_dim
from ..parity.messages import shape_str
from .shape import wrap_dim_of_scalar


class Cat(Function):
    """Joining along a dim; each input gets back its own slice of the gradient."""

    node_name = "CatBackward0"
    saved_values = ('dim',)
    raw = True

    @staticmethod
    def forward(dim, *arrays):
        joined = [a for a in arrays if not _skipped_by_cat(a)]
        if not joined:  # (only empty 1-d tensors)
            return np.zeros(0, arrays[0].dtype)
        return np.ascontiguousarray(np.concatenate(joined, axis=dim))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim = inputs[0]
        ctx.sizes = [None if _skipped_by_cat(t._data) else t._data.shape[ctx.dim] for t in inputs[1:]]

    @staticmethod
    def backward(ctx, grad):
        out, start = [None], 0
        for size in ctx.sizes:
            if size is None:
                out.append(grad.new_zeros(0))
                continue
            out.append(grad.narrow(ctx.dim, start, size))
            start += size
        return tuple(out)

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def _skipped_by_cat(a):
    """PyTorch's legacy rule: cat passes over empty 1-d tensors whatever the other shapes are."""
    return a.ndim == 1 and a.size == 0


def _stack_grads(grads, ctx):
    """The gradient of unbind: the pieces' gradients stacked back, zeros where a piece got none."""
    return stack(_filled(grads, ctx), ctx.dim)


def _cat_grads(grads, ctx):
    """The gradient of split: the pieces' gradients joined back, zeros where a piece got none."""
    return cat(_filled(grads, ctx), ctx.dim)


def _filled(grads, ctx):
    return [g if g is not None else Tensor._make(np.zeros(shape, dtype))
            for g, (shape, dtype) in zip(grads, ctx._out_meta)]


class Stack(Function):
    node_name = "StackBackward0"
    saved_values = ('dim',)
    raw = True

    @staticmethod
    def forward(dim, *arrays):
        return np.stack(arrays, axis=dim)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim = inputs[0]

    @staticmethod
    def backward(ctx, grad):
        return (None,) + tuple(grad.unbind(ctx.dim))

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class Unbind(Function):
    node_name = "UnbindBackward0"
    saved_values = ('dim',)
    raw = True
    is_view = True

    @staticmethod
    def forward(a, dim):
        return tuple(a[(slice(None),) * dim + (i,)] for i in range(a.shape[dim]))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim = inputs[1]

    @staticmethod
    def backward(ctx, *grads):
        return _stack_grads(grads, ctx), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class Split(Function):
    node_name = "SplitBackward0"
    saved_values = ('dim', 'split_size', 'self_sym_sizes')
    raw = True
    is_view = True

    @staticmethod
    def forward(a, sizes, dim):
        out, start = [], 0
        for s in sizes:
            out.append(a[(slice(None),) * dim + (slice(start, start + s),)])
            start += s
        return tuple(out)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim = inputs[2]
        ctx.split_size = inputs[1][0]
        ctx.self_sym_sizes = inputs[0]._data.shape

    @staticmethod
    def backward(ctx, *grads):
        return _cat_grads(grads, ctx), None, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class SplitWithSizes(Split):
    """``t.split([1, 2])``, and chunks of an empty dim: the sizes are given one by one."""

    node_name = "SplitWithSizesBackward0"
    saved_values = ("dim", "self_sym_sizes", "split_sizes")

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim, ctx.split_sizes = inputs[2], tuple(inputs[1])
        ctx.self_sym_sizes = inputs[0]._data.shape


# -- torch.cat, torch.stack, torch.split, ...: checks, then the op above ----------------------
def _tensor_list(fn, tensors):
    """The tensors given to cat or stack, or PyTorch's error for something else."""
    if not isinstance(tensors, (list, tuple)):
        raise TypeError(f"{fn}(): argument 'tensors' (position 1) must be tuple of Tensors, not {type_name(tensors)}")
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got {type_name(t)}")
    return list(tensors)


def _common_dtype(tensors):
    """PyTorch's promotion over the list (an int64 and a float32 tensor give float32, not
    numpy's float64), as a numpy dtype."""
    dt = tensors[0].dtype
    for t in tensors[1:]:
        dt = _dtype.promote(dt, t.dtype)
    return dt.numpy


def cat(tensors, dim=0):
    tensors = _tensor_list("cat", tensors)
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    for i, t in enumerate(tensors):
        if t._data.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be concatenated")
    parts = [t for t in tensors if not _skipped_by_cat(t._data)]
    d = wrap_dim(dim, parts[0]._data.ndim if parts else 1)
    dt = _common_dtype(tensors)
    ref = parts[0]._data.shape if parts else None
    for i, t in enumerate(parts):
        s = t._data.shape
        if len(s) != len(ref):
            raise RuntimeError(
                f"Tensors must have same number of dimensions: got {len(ref)} and {len(s)}"
            )
        for k in range(len(s)):
            if k != d and s[k] != ref[k]:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {d}. Expected size {ref[k]} but got size {s[k]} for tensor number {i} in the list."
                )
    tensors = [t if t._data.dtype == dt else t.to(_dtype.from_numpy_dtype(dt)) for t in tensors]
    return Cat.apply(d, *tensors)


concat = concatenate = cat


def stack(tensors, dim=0):
    tensors = _tensor_list("stack", tensors)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    ref = tensors[0]._data.shape
    for i, t in enumerate(tensors):
        if t._data.shape != ref:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {shape_str(ref)} at entry 0 and {shape_str(t._data.shape)} at entry {i}"
            )
    d = wrap_dim(dim, len(ref) + 1)
    dt = _common_dtype(tensors)
    tensors = [t if t._data.dtype == dt else t.to(_dtype.from_numpy_dtype(dt)) for t in tensors]
    return Stack.apply(d, *tensors)


def unbind(input, dim=0):
    return Unbind.apply(input, wrap_dim_of_scalar(dim, input._data.ndim))


def split(tensor, split_size_or_sections=None, dim=0, *, split_size=None):
    """Pieces of ``split_size`` along ``dim`` (the last one may be shorter), or pieces of the
    listed sizes, all views."""
    if split_size is not None:  # (the method's name for it)
        split_size_or_sections = split_size
    if tensor._data.ndim == 0:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    d = wrap_dim(dim, tensor._data.ndim)
    n = tensor._data.shape[d]
    if isinstance(split_size_or_sections, Tensor):  # (a one-element tensor counts as its int)
        try:
            split_size_or_sections = int(split_size_or_sections)
        except (ValueError, RuntimeError):
            pass
    if isinstance(split_size_or_sections, int):
        step = split_size_or_sections
        if step < 0:
            raise RuntimeError(f"split expects split_size be non-negative, but got split_size={step}")
        if step == 0 and n:
            raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got dimension size of {n}")
        sizes = [min(step, n - i) for i in range(0, n, step)] if n else [0]
        return Split.apply(tensor, tuple(sizes), d)
    if not isinstance(split_size_or_sections, (list, tuple)):  # (PyTorch's split() takes only an int here)
        raise TypeError(
            "split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, not "
            f"{type_name(split_size_or_sections)}"
        )
    return split_with_sizes(tensor, split_size_or_sections, d)


def split_with_sizes(tensor, split_sizes, dim=0):
    if tensor._data.ndim == 0:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    d = wrap_dim(dim, tensor._data.ndim)
    n = tensor._data.shape[d]
    sizes = [operator.index(s) for s in split_sizes]
    if any(s < 0 for s in sizes):
        raise RuntimeError(
            f"split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes={sizes}"
        )
    if sum(sizes) != n:
        raise RuntimeError(
            f"split_with_sizes expects split_sizes to sum exactly to {n} (input tensor's size at dimension {d}), but got split_sizes={sizes}"
        )
    return SplitWithSizes.apply(tensor, tuple(sizes), d)


def chunk(input, chunks, dim=0):
    """``chunks`` pieces of equal size along ``dim`` (the last smaller; fewer when the size is small)."""
    chunks = operator.index(chunks)
    if input._data.ndim == 0:
        raise RuntimeError("chunk expects at least a 1-dimensional tensor")
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    d = wrap_dim(dim, input._data.ndim)
    n = input._data.shape[d]
    if n == 0:  # every chunk of an empty dim is empty
        return split_with_sizes(input, [0] * chunks, d)
    return split(input, -(-n // chunks), d)


# -- stacking along a given axis (numpy's names), and splitting at given places ----------------------------
def atleast_1d(*tensors):
    """A 0-d tensor as a 1-d one of one entry; others as they are."""
    return _each(tensors, lambda t: t.reshape(1) if t._data.ndim == 0 else t)


def atleast_2d(*tensors):
    """At least 2 dims: a 1-d tensor becomes one row."""
    return _each(tensors, lambda t: t.reshape(1, 1) if t._data.ndim == 0 else t.unsqueeze(0) if t._data.ndim == 1 else t)


def atleast_3d(*tensors):
    """At least 3 dims: (n,) becomes (1, n, 1), (m, n) becomes (m, n, 1)."""
    def three(t):
        if t._data.ndim == 0:
            return t.reshape(1, 1, 1)
        if t._data.ndim == 1:
            return t.unsqueeze(0).unsqueeze(-1)
        return t.unsqueeze(-1) if t._data.ndim == 2 else t

    return _each(tensors, three)


def _each(tensors, fn):
    if len(tensors) == 1 and isinstance(tensors[0], Tensor):
        return fn(tensors[0])
    if len(tensors) == 1:
        tensors = tensors[0]
    return tuple(fn(t) for t in tensors)


def _non_empty(fn, tensors):
    tensors = _tensor_list(fn, tensors)
    if not tensors:
        raise RuntimeError(f"{fn} expects a non-empty TensorList")
    return tensors


def hstack(tensors):
    """Side by side: 1-d tensors joined end to end, others along dim 1."""
    tensors = atleast_1d(_non_empty("hstack", tensors))
    return cat(tensors, 0 if tensors[0]._data.ndim == 1 else 1)


def vstack(tensors):
    """One below the other: 1-d tensors become rows, then joined along dim 0."""
    return cat(atleast_2d(_non_empty("vstack", tensors)), 0)


def row_stack(tensors):
    """vstack's other name."""
    return cat(atleast_2d(_non_empty("vstack", tensors)), 0)


def dstack(tensors):
    """One behind the other: joined along dim 2 (after atleast_3d)."""
    return cat(atleast_3d(_non_empty("dstack", tensors)), 2)


def column_stack(tensors):
    """1-d (and 0-d) tensors as columns, side by side with the other tensors' columns."""
    tensors = _non_empty("column_stack", tensors)
    return hstack([t.reshape(t._data.size, 1) if t._data.ndim <= 1 else t for t in tensors])


def tensor_split(input, indices_or_sections=None, dim=0, *, sections=None, indices=None,
                 tensor_indices_or_sections=None):
    """Views of ``input`` split along ``dim``: into n nearly equal pieces (the first ones one
    longer), or at the given indices (``[1, 4]``: ``[:1]``, ``[1:4]``, ``[4:]``)."""
    from .indexing import Slice

    for given in (sections, indices, tensor_indices_or_sections):
        indices_or_sections = given if given is not None else indices_or_sections

    if input._data.ndim == 0:
        raise RuntimeError("tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims")
    d = wrap_dim(dim, input._data.ndim)
    n = input._data.shape[d]
    split_at = indices_or_sections
    if isinstance(split_at, Tensor):
        if split_at._data.dtype != np.int64:
            raise RuntimeError(f"tensor_split expected tensor_indices_or_sections to have dtype of long, but got "
                               f"{_dtype.scalar_type_name(split_at._data.dtype)}")
        if split_at._data.ndim > 1:
            raise RuntimeError("tensor_split expected tensor_indices_or_sections to be a zero-dimensional or "
                               f"one-dimensional tensor, but got a tensor with {split_at._data.ndim} dims")
        split_at = split_at._data.item() if split_at._data.ndim == 0 else split_at._data.tolist()
    if isinstance(split_at, (int, np.integer)):
        sections = operator.index(split_at)
        if sections <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {sections}")
        size, extra = divmod(n, sections)
        starts = [i * size + min(i, extra) for i in range(sections + 1)]
    else:
        starts = [0] + [operator.index(i) for i in split_at] + [n]
    pieces = []
    for lo, hi in zip(starts, starts[1:]):
        lo, hi = min(max(lo + n if lo < 0 else lo, 0), n), min(max(hi + n if hi < 0 else hi, 0), n)
        pieces.append(Slice.apply(input, d, slice(lo, max(lo, hi), 1)))
    return tuple(pieces)


def hsplit(input, indices_or_sections):
    return tensor_split(input, indices_or_sections, 1 if input._data.ndim > 1 else 0)


def vsplit(input, indices_or_sections):
    return tensor_split(input, indices_or_sections, 0)
