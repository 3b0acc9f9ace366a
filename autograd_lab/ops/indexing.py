"""Indexing: ``t[...]`` as PyTorch records it (Select, Slice, Unsqueeze for basic indexing,
Index for integer arrays and masks) and ``t[...] = v`` (CopySlices)."""
import operator
import warnings

import numpy as np

from .. import _dtype
from .._tensor import Tensor
from ..autograd.engine import _call_node
from ..autograd.function import ForwardMode, Function, Node, set_tangent
from ..autograd.forward_ad import linear_jvp
from ..autograd.forward_ad import linear_jvp
from ..autograd.grad_mode import GradMode, no_grad
from ..parity.arg_errors import type_name
from ..parity.bfloat16 import round_bf16
from ._support import wrap_dim
from ..parity.messages import shape_str
from .shape import Alias, Unsqueeze, expanded_shape


class Select(Function):
    """Row ``index`` along ``dim`` (``t[i]``), a view; its gradient is the incoming gradient put
    back at that row of a zero tensor (``backward`` below)."""

    node_name = "SelectBackward0"
    raw = True
    is_view = True
    saved_values = ("dim", "index", "self_sym_sizes")

    @staticmethod
    def forward(a, dim, index, given=None, given_dim=None):
        # The trailing Ellipsis keeps a 0-d result a view (numpy would hand back a scalar copy).
        return a[(slice(None),) * dim + (index, Ellipsis)]

    @staticmethod
    def backward(ctx, grad):
        return SelectBackward.apply(grad, ctx.self_sym_sizes, ctx.axis, ctx.position), None, None, None, None

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.axis, ctx.position, ctx.self_sym_sizes = inputs[1], inputs[2], inputs[0]._data.shape
        # PyTorch keeps the index (and select()'s dim) as given, a negative one shown as an
        # unsigned 64-bit number.
        ctx.index = inputs[3] % 2**64 if len(inputs) > 3 and inputs[3] is not None else inputs[2]
        ctx.dim = inputs[4] % 2**64 if len(inputs) > 4 else inputs[1]

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class Slice(Function):
    node_name = "SliceBackward0"
    raw = True
    is_view = True
    saved_values = ("dim", "end", "self_sym_sizes", "start", "step")

    @staticmethod
    def forward(a, dim, sl):
        return a[(slice(None),) * dim + (sl,)]

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim, ctx.slice, ctx.self_sym_sizes = inputs[1], inputs[2], inputs[0]._data.shape
        sl = inputs[2]
        # PyTorch records an open end as the largest int64.
        ctx.start, ctx.end, ctx.step = sl.start, (sl.stop if sl.stop is not None else 2**63 - 1), sl.step

    @staticmethod
    def backward(ctx, grad):
        return _scatter(grad, ctx.self_sym_sizes, (slice(None),) * ctx.dim + (ctx.slice,)), None, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class SelectBackward(Function):
    """The derivative of ``t[i]`` as an op of its own (PyTorch's ``SelectBackwardBackward0``): the
    gradient put at row ``index`` along ``dim`` of a zero tensor. It is linear in the gradient, so
    its own derivative picks that row again (``Select``)."""

    node_name = "SelectBackwardBackward0"
    raw = True
    saved_values = ("dim", "index")

    @staticmethod
    def forward(g, shape, dim, index):
        out = np.zeros(shape, g.dtype)
        out[(slice(None),) * dim + (index,)] = g
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim, ctx.index = inputs[2], inputs[3]

    @staticmethod
    def backward(ctx, grad):
        return Select.apply(grad, ctx.dim, ctx.index), None, None, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class Index(Function):
    """Advanced indexing copies the picked entries; backward adds each gradient back where it
    came from (an entry picked twice gets both)."""

    node_name = "IndexBackward0"
    raw = True
    saved_values = ("indices", "self_sym_sizes")

    @staticmethod
    def forward(a, key):
        return np.asarray(a[key], order="C")  # (numpy may lay the result out otherwise; PyTorch does not; and a 0-d pick stays 0-d)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.key, ctx.self_sym_sizes = inputs[1], inputs[0]._data.shape
        ctx.indices = tuple(_index_tensor(k) for k in inputs[1])

    @staticmethod
    def backward(ctx, grad):
        return _scatter(grad, ctx.self_sym_sizes, ctx.key, accumulate=True), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def _index_tensor(k):
    if isinstance(k, np.ndarray):
        return Tensor._make(k.astype(np.int64) if k.dtype.kind in "iu" else k)
    return None


class Scatter(Function):
    """Put a gradient into a zero tensor of the input's shape at ``key``: the backward of
    indexing, itself differentiable (its backward is indexing again)."""

    node_name = "IndexPutBackward0"
    raw = True

    @staticmethod
    def forward(g, shape, key, accumulate):
        out = np.zeros(shape, g.dtype)
        if accumulate:
            np.add.at(out, key, g)
        else:
            out[key] = g
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.key = inputs[2]

    @staticmethod
    def backward(ctx, grad):
        return Index.apply(grad, ctx.key), None, None, None

    jvp = staticmethod(linear_jvp)


def _scatter(grad, shape, key, accumulate=False):
    return Scatter.apply(grad, shape, key, accumulate)


class KeyRegion:
    """The entries ``t[key]`` picks, for writing into and reading from a tensor's values."""

    def __init__(self, key):
        self.key = key

    def fresh(self, shape, dtype, fill):
        return np.full(shape, fill, dtype)

    def read(self, arr):
        return arr[self.key]

    def write(self, arr, values):
        arr[self.key] = values


class StridedRegion:
    """Where a view lies inside its base's memory: shape, strides and offset, in elements.
    Arrays shaped like the base are read and written through it in the base's memory order
    (row-major, or column-major for a base that came out of a transposed computation)."""

    def __init__(self, view, base):
        if base.flags.c_contiguous:
            self.order = "C"
        elif base.flags.f_contiguous:
            self.order = "F"
        else:
            raise NotImplementedError(
                "autograd_lab records in-place changes to views only for bases laid out contiguously; "
                "call .contiguous() on the base first"
            )
        item = base.itemsize
        self.shape = view.shape
        self.strides = tuple(s // item for s in view.strides)
        self.offset = (view.__array_interface__["data"][0] - base.__array_interface__["data"][0]) // item

    def _window(self, flat):
        item = flat.itemsize
        return np.lib.stride_tricks.as_strided(flat[self.offset:], self.shape, tuple(s * item for s in self.strides))

    def fresh(self, shape, dtype, fill):
        """A new base-shaped array in the base's memory order, filled with ``fill``."""
        return np.full(shape, fill, dtype, order=self.order)

    def read(self, arr):
        return np.array(self._window(np.ravel(arr, order=self.order)))

    def write(self, arr, values):
        flat = np.ravel(arr, order=self.order)
        if not np.shares_memory(flat, arr):
            raise AssertionError("StridedRegion.write needs an array laid out like the base")
        self._window(flat)[...] = values


class CopySlices(Function):
    """Writing into part of a tensor in the graph (``t[key] = v``, or an in-place op on a
    view): the old entries there get no gradient, the new values get the gradient of the
    entries they filled."""

    node_name = "CopySlices"
    node_qualname = "torch::autograd::CopySlices"
    raw = True

    @staticmethod
    def forward(a, value, region):
        out = region.fresh(a.shape, a.dtype, 0)
        out[...] = a
        region.write(out, value)
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.region = inputs[2]

    @staticmethod
    def backward(ctx, grad):
        region = ctx.region
        keep = region.fresh(grad._data.shape, bool, True)
        region.write(keep, False)
        return grad * Tensor._make(keep), RegionRead.apply(grad, ctx.region), None

    jvp = staticmethod(linear_jvp)  # linear in the tensor and the values written


class IndexPut(CopySlices):
    """``t[mask] = v`` or ``t[indices] = v`` (only index arrays in the key): PyTorch's index_put_."""

    node_name = "IndexPutBackward0"
    saved_values = ("accumulate", "indices")
    ctx_defaults = {"accumulate": False}

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.region = inputs[2]
        key = inputs[2].key
        ctx.indices = tuple(Tensor._make(np.asanyarray(k)) for k in (key if type(key) is tuple else (key,)))


class Fill(CopySlices):
    """``t[:] = 2.5`` or ``t[...] = v`` with a 0-d v: every entry filled, PyTorch's fill_."""

    node_name = "FillBackward3"


class CopyWhole(CopySlices):
    """``t[:] = values``: every entry copied from a tensor of values, PyTorch's copy_."""

    node_name = "CopyBackwards"
    node_qualname = "torch::autograd::CopyBackwards"


def _setitem_op(key, value):
    """The op PyTorch records for ``t[key] = value``: which depends on the form of the key."""
    if all(k is Ellipsis or (isinstance(k, slice) and k == slice(None)) for k in key):
        return Fill if value._data.ndim == 0 else CopyWhole
    if all(isinstance(k, np.ndarray) and k.ndim > 0 for k in key):
        return IndexPut
    return CopySlices


class CopySlicesNode(Node):
    """The node an in-place op on a view gives the view's base (PyTorch's CopySlices).

    It holds the op's own node: backward reads the view's region out of the base's
    gradient, runs the op's backward on it, writes the gradient for the view's old values
    back into the region and passes the op's other gradients on. Its edges are the base's
    old history plus the op's other inputs, as in PyTorch.
    """

    _qualname = "torch::autograd::CopySlices"
    _shown_as = "CopySlices"

    def __init__(self, base, op_node, region):
        Node.__init__(self)
        if base._grad_fn is not None:
            base_edge = (base._grad_fn, base._output_nr)
        else:
            base_edge = (base._accumulator(), 0) if base._requires_grad else (None, 0)
        self.next_functions = (base_edge,) + op_node.next_functions[1:]
        self.needs_input_grad = (base._requires_grad,) + tuple(op_node.needs_input_grad[1:])
        self._input_meta = (base._data.shape,) + tuple(op_node._input_meta[1:])
        self._edge_args = tuple(range(len(self.next_functions)))
        self.op_node = op_node
        self.region = region

    def _backward(self, grads):
        grad = grads[0]
        op_grads = _call_node(self.op_node, [RegionRead.apply(grad, self.region)])
        view_grad = op_grads[0]
        if view_grad is None:
            view_grad = Tensor._make(np.zeros(self.region.shape, grad._data.dtype))
        return [CopySlices.apply(grad, view_grad, self.region)] + list(op_grads[1:])

    def _release(self):
        Node._release(self)
        self.op_node._release()


CopySlicesNode.__name__ = CopySlicesNode.__qualname__ = "CopySlices"


class RegionRead(Function):
    """Read a region out of a tensor (the view of a base after an in-place change: PyTorch's
    AsStrided); its gradient is scattered back into a zero tensor of the base's shape."""

    node_name = "AsStridedBackward0"
    raw = True

    @staticmethod
    def forward(a, region):
        return region.read(a)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.region, ctx.self_sym_sizes = inputs[1], inputs[0]._data.shape

    @staticmethod
    def backward(ctx, grad):
        return RegionWrite.apply(grad, ctx.self_sym_sizes, ctx.region), None

    jvp = staticmethod(linear_jvp)


class RegionWrite(Function):
    node_name = "AsStridedScatterBackward0"
    raw = True

    @staticmethod
    def forward(g, shape, region):
        out = region.fresh(shape, g.dtype, 0)
        region.write(out, g)
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.region = inputs[2]

    @staticmethod
    def backward(ctx, grad):
        return RegionRead.apply(grad, ctx.region), None, None

    jvp = staticmethod(linear_jvp)


# -- the functional API -------------------------------------------------------------------------
def _normalise_key(t, key):
    """Split a key into basic steps (int, slice, None, ...) and an advanced part (arrays)."""
    if isinstance(key, list) and _sequence_as_tuple(key):
        key = tuple(key)
    if not isinstance(key, tuple):
        if t._data.ndim == 0:
            _check_zero_dim_key(key)
        key = (key,)
    out = []
    for k in key:
        if isinstance(k, Tensor):
            k = k._data
            if k.dtype == np.uint8:  # a byte tensor is a mask, as a bool one
                if k.ndim:
                    _warn_uint8_index()
                k = k.astype(bool)
            elif k.ndim == 0 and k.dtype.kind in "iu":
                k = int(k)
        elif isinstance(k, list):
            k = _index_array_from_list(k)
        elif isinstance(k, range):  # a sequence of indices, as a list of them is
            k = _index_array_from_list(list(k))
        elif isinstance(k, (bool, np.bool_)):
            k = np.asarray(k)
        elif isinstance(k, slice):
            _check_step(k.step)
        elif not (k is None or k is Ellipsis or isinstance(k, (int, np.integer, np.ndarray))):
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices "
                f"(got {type(k).__name__})"
            )
        out.append(k)
    return out


def _sequence_as_tuple(key):
    """PyTorch's (and numpy's old) rule: a short list holding a tensor, a sequence, a slice, None or
    ``...`` is read as a tuple of indices, with a deprecation warning; other lists are one index."""
    if len(key) >= 32:
        return False
    for k in key:
        if isinstance(k, (Tensor, list, tuple, slice, str)):
            line = 349
        elif k is None or k is Ellipsis:
            line = 359
        else:
            continue
        warnings.warn(
            "Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed in "
            "pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be interpreted as tensor "
            "index, x[torch.tensor(seq)], which will result either in an error or a different result (Triggered "
            f"internally at /__w/pytorch/pytorch/torch/csrc/autograd/python_variable_indexing.cpp:{line}.)",
            UserWarning, stacklevel=4,
        )
        return True
    return False


def _index_array_from_list(k):
    """A list used as one index: a bool mask if it holds bools, else int64 (floats truncated, an
    empty list picks nothing), as PyTorch's indexing_tensor_from_data."""
    arr = np.asarray([x._data if isinstance(x, Tensor) else x for x in k])
    return arr if arr.dtype == bool else arr.astype(np.int64)


def _check_step(step):
    if step is not None:
        if step == 0:
            raise ValueError("slice step cannot be zero")
        if step < 0:
            raise ValueError("step must be greater than zero")


def _warn_uint8_index():
    warnings.warn(
        "indexing with dtype torch.uint8 is now deprecated, please use a dtype torch.bool instead. (Triggered "
        "internally at /__w/pytorch/pytorch/aten/src/ATen/native/IndexingUtils.h:37.)",
        UserWarning, stacklevel=4,
    )


def _check_zero_dim_key(key):
    """A lone int or slice on a 0-d tensor: PyTorch has a message of its own for each."""
    if isinstance(key, slice):
        raise IndexError("slice() cannot be applied to a 0-dim tensor.")
    if isinstance(key, (int, np.integer)) and not isinstance(key, (bool, np.bool_)):
        if key != 0:
            raise IndexError(f"index {key} is out of bounds for dimension 0 with size 0")
        raise IndexError(
            "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to "
            "convert a 0-dim tensor to a number"
        )


def _expand_ellipsis(key, ndim):
    used = sum(1 for k in key if k is not None and k is not Ellipsis and not (isinstance(k, np.ndarray) and k.dtype == bool))
    used += sum(k.ndim for k in key if isinstance(k, np.ndarray) and k.dtype == bool)
    if any(k is Ellipsis for k in key):
        i = next(i for i, k in enumerate(key) if k is Ellipsis)
        fill = [slice(None)] * max(ndim - used, 0)
        key = key[:i] + fill + [k for k in key[i + 1:] if k is not Ellipsis]
    if used > ndim:
        raise IndexError(f"too many indices for tensor of dimension {ndim}")
    return key


def getitem(t, key):
    """``t[key]`` with PyTorch's graph: one node per basic step, then one Index node.

    ``t[i]`` is ``Select`` (at the top of this file), whose derivative puts the incoming gradient
    back at row i of a zero tensor (``Select.backward``); a slice is ``Slice``, None is an
    Unsqueeze, tensors of indices are ``Index``.
    """
    lone_slice = isinstance(key, slice)
    key = _expand_ellipsis(_normalise_key(t, key), t._data.ndim)
    out, dim = t, 0
    rest = []  # what is left for one advanced-indexing step
    applied = False
    for k, orig_dim in _with_source_dims(key):
        if isinstance(k, (int, np.integer)):
            out = Select.apply(out, dim, _checked_index(k, out._data.shape[dim], orig_dim), int(k))
            applied = True
        elif isinstance(k, slice):
            size = out._data.shape[dim]
            if k != slice(None) and k.indices(size) != (0, size, 1):
                out = Slice.apply(out, dim, slice(*k.indices(size)))
                applied = True
            rest.append(slice(None))
            dim += 1
        elif k is None:
            out = Unsqueeze_apply(out, dim)
            rest.append(slice(None))
            dim += 1
            applied = True
        else:  # a tensor of indices or a mask: kept for the Index step
            out, k = _checked_index_tensor(out, dim, k, orig_dim)
            rest.append(k)
            dim += k.ndim if k.dtype == bool else 1
    if any(isinstance(k, np.ndarray) for k in key):
        while rest and isinstance(rest[-1], slice):
            rest.pop()
        _check_broadcast(rest)
        return Index.apply(out, tuple(rest))
    if not applied:
        # t[:] is sliced all the same; a key that changes nothing (t[...], t[:, :]) gives an alias.
        return Slice.apply(t, 0, slice(0, t._data.shape[0], 1)) if lone_slice else Alias_apply(t)
    return out


def _with_source_dims(key):
    """Each part of the key with the dim of ``t`` it indexes (for PyTorch's error messages)."""
    orig = 0
    for k in key:
        yield k, orig
        if k is not None:
            orig += k.ndim if isinstance(k, np.ndarray) and k.dtype == bool else 1


def _checked_index(k, size, orig_dim):
    """An int index, wrapped to [0, size), after PyTorch's bounds check."""
    if k < -size or k >= size:
        raise IndexError(f"index {k} is out of bounds for dimension {orig_dim} with size {size}")
    return int(k) + size if k < 0 else int(k)


def _checked_index_tensor(out, dim, k, orig_dim):
    """PyTorch's checks of a mask or a tensor of indices at ``dim``; a 0-d mask (one True or False)
    first adds a dim, as PyTorch records it. Returns ``(out, k)``."""
    if k.dtype == bool:
        if k.ndim == 0:
            out = Unsqueeze_apply(out, dim)
            k = k.reshape(1)
        expected = out._data.shape[dim:dim + k.ndim]
        if k.shape != expected:
            for j, (a, b) in enumerate(zip(k.shape, expected)):
                if a != b:
                    raise IndexError(
                        f"The shape of the mask [{', '.join(map(str, k.shape))}] at index {j} does not match the shape of the indexed tensor [{', '.join(map(str, out._data.shape))}] at index {dim + j}"
                    )
        return out, k
    if k.dtype.kind not in "iu":
        raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
    size = out._data.shape[dim]
    bad = k[(k >= size) | (k < -size)]
    if bad.size:
        raise IndexError(f"index {int(bad.flat[0])} is out of bounds for dimension {orig_dim} with size {size}")
    return out, k


def _check_broadcast(key):
    """The index tensors of a key must broadcast together (a mask counts as one index per dim)."""
    shapes = []
    for k in key:
        if isinstance(k, np.ndarray):
            shapes += [(int(np.count_nonzero(k)),)] * k.ndim if k.dtype == bool else [k.shape]
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        raise IndexError(
            "shape mismatch: indexing tensors could not be broadcast together with shapes "
            + ", ".join(shape_str(s) for s in shapes)
        ) from None


def Unsqueeze_apply(t, dim):
    return Unsqueeze.apply(t, dim)


def Alias_apply(t):
    return Alias.apply(t)


def setitem(t, key, value):
    """``t[key] = value``: in place, recorded as CopySlices when gradients flow."""
    if not isinstance(value, _ASSIGNABLE):
        raise TypeError(f"can't assign a {type_name(value)} to a torch.{t.dtype._legacy}")
    parts = _normalise_key(t, key)
    np_key = parts[0] if len(parts) == 1 else tuple(parts)
    v = value._data if isinstance(value, Tensor) else _dtype.checked_scalar(value, t._data.dtype)
    if t._data.dtype.metadata is not None:  # bfloat16: what is written is rounded to it (parity/bfloat16.py)
        v = round_bf16(v)
    records = GradMode.enabled and (t._requires_grad or (isinstance(value, Tensor) and value._requires_grad))
    if GradMode.enabled and t._grad_fn is None and t._requires_grad:
        # PyTorch writes through a view of t, so it names the view in its complaint.
        raise RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.")
    try:
        if not records:
            t._check_inplace()
            if t._data.flags.writeable:
                t._data[np_key] = v
            else:
                _write_expanded(t, parts, np_key, v)
            t._vc[0] += 1
            _carry_tangent(t, key, value)
            return
        if not isinstance(value, Tensor):
            value = Tensor._make(np.asanyarray(value, t._data.dtype))
        t._check_inplace()
        op = _setitem_op(parts, value)
        t._inplace_result(lambda snap: op.apply(snap, value, KeyRegion(np_key)))
        return
    except (IndexError, ValueError, TypeError) as e:
        numpy_error = e
    _raise_setitem_error(t, key, parts, v)  # (outside the except clause: no "during handling" chain)
    raise numpy_error


def _carry_tangent(t, key, value):
    """Forward mode: after ``t[key] = value``, t's tangent is its old one (or zeros) with the
    value's tangent (or zeros: a constant) written at ``key``."""
    value_tangent = value._tangent if isinstance(value, Tensor) else None
    if ForwardMode.level is None or ForwardMode.paused or (t._tangent is None and value_tangent is None):
        return
    tangent = t._tangent.clone() if t._tangent is not None else t.new_zeros(t._data.shape)
    setitem(tangent, key, value_tangent if value_tangent is not None else 0)
    set_tangent(t, tangent)


def _write_expanded(t, parts, np_key, v):
    """``t[key] = v`` on an expanded tensor: PyTorch fills the region with a number or a 0-d
    tensor, and index_put_ writes anyway (with a deprecation warning); copying a tensor into a
    region where several elements share memory is refused."""
    arrays = [k for k in parts if isinstance(k, np.ndarray)]
    if not arrays:
        if np.ndim(v):
            refuse_overlap(t._data[np_key])
    else:
        # The index arrays apply to what the basic part of the key selects, as in PyTorch.
        basic = []
        for k in parts:
            basic.extend([slice(None)] * (k.ndim if k.dtype == bool else 1) if isinstance(k, np.ndarray) else [k])
        if _overlaps(t._data[tuple(basic)]):
            _warn_expanded("index_put_", "tensor[indices] = tensor", 976)
            if len(arrays) == 1 and arrays[0].dtype == bool and np.ndim(v) == 0:
                _warn_expanded("masked_fill_", "tensor[mask] = scalar", 2450)
    writeable(t._data)[np_key] = v


def _warn_expanded(op, example, line):
    warnings.warn(
        f"Use of {op} on expanded tensors is deprecated. Please clone() the tensor before performing this "
        f"operation. This also applies to advanced indexing e.g. {example} (Triggered internally at "
        f"/__w/pytorch/pytorch/aten/src/ATen/native/TensorAdvancedIndexing.cpp:{line}.)",
        UserWarning, stacklevel=4,
    )


def _overlaps(arr):
    return any(stride == 0 and size > 1 for stride, size in zip(arr.strides, arr.shape))


def writeable(arr):
    """``arr``, or for an expanded tensor's read-only array (stride 0 along the expanded dims) a
    writeable alias of the same memory. The ops that reach a write with one are those PyTorch
    allows there (fill_, zero_, ``t[0] = 5``): every copy of an element gets the same value."""
    if arr.flags.writeable:
        return arr
    alias = arr.view()
    alias.flags.writeable = True
    return alias


def refuse_overlap(arr):
    """PyTorch refuses in-place ops that write different values into memory several elements share."""
    if _overlaps(arr):
        raise RuntimeError(
            "unsupported operation: more than one element of the written-to tensor refers to a single memory "
            "location. Please clone() the tensor before performing the operation."
        )


# What ``t[key] = value`` takes: a tensor or a number (numpy's scalars count as numbers).
_ASSIGNABLE = (Tensor, int, float, complex, np.generic)


def _raise_setitem_error(t, key, parts, v):
    """numpy refused a write: raise what PyTorch says instead. Reading ``t[key]`` raises
    PyTorch's indexing errors (out of bounds, a mask of the wrong shape); then the value must
    broadcast to what was read, leading 1s of its shape dropped first as PyTorch does. Returns
    when no PyTorch error applies (the caller re-raises numpy's)."""
    with no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the assignment warned already)
        target = getitem(t, key)._data.shape
    shape = np.shape(v)
    while shape and shape[0] == 1:
        shape = shape[1:]
    if not any(isinstance(k, np.ndarray) for k in parts):  # basic indexing: copy_ into a view
        expanded_shape(shape, target, v.dtype if isinstance(v, np.ndarray) else t._data.dtype)
        return
    try:
        fits = np.broadcast_shapes(shape, target) == target  # (the value must broadcast to the target)
    except ValueError:
        fits = False
    if not fits:
        raise RuntimeError(
            f"shape mismatch: value tensor of shape {shape_str(shape)} cannot be broadcast to indexing result "
            f"of shape {shape_str(target)}"
        )


def select(input, dim, index):
    """The slice ``index`` along ``dim``, that dim removed: ``x.select(1, 0)`` is ``x[:, 0]``, a view."""
    nd = input._data.ndim
    if nd == 0:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    d = wrap_dim(dim, nd)
    index = operator.index(index)
    size = input._data.shape[d]
    if not -size <= index < size:
        raise IndexError(
            f"select(): index {index} out of range for tensor of size {shape_str(input._data.shape)} at dimension {d}"
        )
    return Select.apply(input, d, index + size if index < 0 else index, index, operator.index(dim))


def narrow(input, dim, start, length):
    """``length`` entries of ``dim`` from ``start`` (which may count from the end), as a view."""
    if input._data.ndim == 0:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    d = wrap_dim(dim, input._data.ndim)
    size, start, length = input._data.shape[d], operator.index(start), operator.index(length)
    if length < 0:
        raise RuntimeError("narrow(): length must be non-negative.")
    if not -size <= start <= size:
        raise IndexError(f"start out of range (expected to be in range of [{-size}, {size}], but got {start})")
    start = start + size if start < 0 else start
    if start + length > size:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size ({size}).")
    return Slice.apply(input, d, slice(start, start + length, 1))
