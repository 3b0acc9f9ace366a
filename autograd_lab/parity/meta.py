"""The meta device: tensors with a shape and a dtype but no values (``device="meta"``).

PyTorch uses them to learn what shapes a model produces without computing anything
(``torch.rand(1024, 3, 2**16, 2**16, device="meta")`` costs nothing). Here a meta tensor's
``_data`` is a ``MetaArray``: a numpy array whose every element is the same single zero (all
strides 0), so it has the shape and dtype and holds one element's memory.

An op with a meta input (``forward`` below, called by the op mechanism) runs its own numpy
code on these arrays: ``MetaArray`` answers numpy's element-wise functions and reductions with a
new ``MetaArray`` of the result's shape and dtype, computing nothing. The ops whose numpy code
would build large intermediate arrays (convolution, max pooling) have a shape rule in ``RULES``
instead. Any other numpy function runs on the zero-stride arrays and its result is reduced to a
``MetaArray``: right, but it costs the memory of its result, so a very large meta tensor through
such an op can run out of memory where PyTorch would not.
"""
import numpy as np

USED = [False]  # set when the first meta tensor is made: until then ops skip the check


class MetaArray(np.ndarray):
    """A meta tensor's data: the shape and dtype, one shared zero for every element."""

    def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
        arrays = [x for x in inputs if isinstance(x, np.ndarray)]
        if out is not None:  # written in place: a meta tensor has nothing to write
            return out[0] if len(out) == 1 else out
        if method == "__call__" and ufunc.signature is None:
            shape = np.broadcast_shapes(*(x.shape for x in arrays))
            return _like(_on_one_element(ufunc, inputs, kwargs), shape)
        if method == "reduce" and len(inputs) == 1:
            return _reduced(ufunc, inputs[0], kwargs)
        return _computed(getattr(ufunc, method), inputs, dict(kwargs, **({"out": out} if out else {})))

    def __array_function__(self, func, types, args, kwargs):
        if func in (np.zeros_like, np.ones_like, np.empty_like, np.full_like):
            a = args[0]
            return meta_array(kwargs.get("shape", a.shape), kwargs.get("dtype") or a.dtype)
        if func is np.copyto:
            return None
        if func is np.broadcast_to:
            return meta_array(args[1] if len(args) > 1 else kwargs["shape"], args[0].dtype)
        if func in _REDUCTIONS and len(args) <= 2 and "out" not in kwargs and "where" not in kwargs:
            axis = args[1] if len(args) > 1 else kwargs.pop("axis", None)
            return _reduced(_REDUCTIONS[func], args[0], dict(kwargs, axis=axis))
        return _computed(func, args, kwargs)

    def copy(self, order="C"):
        return meta_array(self.shape, self.dtype)

    def astype(self, dtype, *args, **kwargs):
        return meta_array(self.shape, dtype)

    def __setitem__(self, index, value):
        pass  # no values to write

    def __reduce__(self):  # (pickled as its shape and dtype: torch.save keeps a meta tensor meta)
        return meta_array, (self.shape, self.dtype)


def meta_array(shape, dtype):
    """The data of a meta tensor of this shape and dtype."""
    USED[0] = True
    shape = tuple(int(s) for s in shape)
    one = np.zeros((), dtype)
    return np.lib.stride_tricks.as_strided(one, shape, (0,) * len(shape), writeable=True).view(MetaArray)


def as_meta(arr):
    """``arr``'s shape and dtype as a meta tensor's data."""
    return arr if type(arr) is MetaArray and not any(arr.strides) else meta_array(arr.shape, arr.dtype)


def is_meta(arr):
    return type(arr) is MetaArray


def _plain(x):
    return x.view(np.ndarray) if type(x) is MetaArray else x


def _on_one_element(ufunc, inputs, kwargs):
    """The ufunc on one element of each input: its result dtype(s), with numpy's rules for
    Python numbers (which do not widen an array's dtype)."""
    ones = [np.zeros((), x.dtype) if isinstance(x, np.ndarray) else x for x in inputs]
    kwargs = {k: v for k, v in kwargs.items() if k != "where"}
    with np.errstate(all="ignore"):
        return ufunc(*ones, **kwargs)


def _like(result, shape):
    if isinstance(result, tuple):
        return tuple(meta_array(shape, np.asarray(r).dtype) for r in result)
    return meta_array(shape, np.asarray(result).dtype)


def _reduced(ufunc, a, kwargs):
    axis = kwargs.get("axis", 0)
    axes = range(a.ndim) if axis is None else (axis,) if np.ndim(axis) == 0 else axis
    axes = {ax % a.ndim for ax in axes} if a.ndim else set()
    keep = kwargs.get("keepdims", False)
    shape = tuple(1 if i in axes else s for i, s in enumerate(a.shape) if keep or i not in axes)
    small = {k: v for k, v in kwargs.items() if k in ("dtype", "initial")}
    with np.errstate(all="ignore"):
        return meta_array(shape, np.asarray(ufunc.reduce(np.zeros(1, a.dtype), **small)).dtype)


def _computed(func, args, kwargs):
    """``func`` run on the zero-stride arrays; whatever arrays it returns, as meta arrays."""
    args = [_plain(a) if not isinstance(a, (list, tuple)) else type(a)(_plain(x) for x in a) for a in args]
    kwargs = {k: _plain(v) for k, v in kwargs.items()}
    with np.errstate(all="ignore"):
        out = func(*args, **kwargs)
    return _metas(out)


_REDUCTIONS = {np.sum: np.add, np.prod: np.multiply, np.max: np.maximum, np.amax: np.maximum,
               np.min: np.minimum, np.amin: np.minimum, np.any: np.logical_or, np.all: np.logical_and}


def _metas(out):
    if isinstance(out, (np.ndarray, np.generic)):  # (a reduction to one number gives a numpy scalar)
        return as_meta(np.asarray(out))
    if isinstance(out, tuple):
        return tuple(_metas(o) for o in out)
    return out


# -- ops with a meta input ------------------------------------------------------------------------

def has_meta(arrays):
    return any(type(a) is MetaArray for a in arrays)


# Which arguments PyTorch 2.13 compares, the expected device's first, where not all of them: its
# mm and bmm take a meta and a CPU matrix together; addmm compares the bias with mat1 only.
_COMPARED = {"Mm": (), "Bmm": (), "Addmm": (1, 0)}


def check_devices(cls, arrays):
    """PyTorch's refusal to mix a meta tensor with a CPU one (a 0-d CPU tensor is let in, as a
    number would be). The expected device is the first tensor's."""
    chosen = _COMPARED.get(cls.__name__)
    if chosen is not None:
        arrays = [arrays[i] for i in chosen]
    tensors = [a for a in arrays if isinstance(a, np.ndarray) and (type(a) is MetaArray or a.ndim)]
    if not tensors:
        return
    first = "meta" if type(tensors[0]) is MetaArray else "cpu"
    for a in tensors[1:]:
        other = "meta" if type(a) is MetaArray else "cpu"
        if other != first:
            raise RuntimeError(f"Tensor on device {other} is not on the expected device {first}!")


def forward(cls, arrays, kwargs):
    """``cls.forward`` on inputs of which some are meta: the result's shapes and dtypes only."""
    check_devices(cls, arrays)
    rule = RULES.get(cls.__name__)
    if rule is not None:
        return rule(*arrays, **kwargs)
    return _metas(cls.forward(*arrays, **kwargs))


def _conv_size(size, k, s, p, d):
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def _convolution(x, w, b, stride, padding, dilation, groups):
    out = tuple(_conv_size(*a) for a in zip(x.shape[2:], w.shape[2:], stride, padding, dilation))
    return meta_array((x.shape[0], w.shape[0]) + out, np.result_type(x, w))


def _convolution_backward(grad, x, w, *params):
    return meta_array(x.shape, x.dtype), meta_array(w.shape, w.dtype)


def _max_pool2d(x, kernel, stride, padding, dilation, ceil_mode, out, stride_given):
    shape = x.shape[:-2] + tuple(out)
    return meta_array(shape, x.dtype), meta_array(shape, np.int64)


RULES = {
    "Convolution": _convolution,
    "ConvolutionBackward": _convolution_backward,
    "MaxPool2d": _max_pool2d,
}
