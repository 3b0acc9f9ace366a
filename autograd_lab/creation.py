"""Making tensors: tensor(), zeros(), arange(), randn() ... with PyTorch's dtype rules."""
import numbers

import numpy as np

from . import _dtype
from ._tensor import Tensor


def _infer_dtype(data):
    """PyTorch's dtype for Python data: bools stay bool, ints become int64, floats the default."""
    if isinstance(data, Tensor):
        return data.dtype
    if isinstance(data, np.ndarray):
        return _dtype.from_numpy_dtype(data.dtype)
    if isinstance(data, np.generic):
        return _dtype.from_numpy_dtype(np.asarray(data).dtype)
    kinds = set()
    stack = [data]
    while stack:
        x = stack.pop()
        if isinstance(x, (list, tuple)):
            stack.extend(x)
        elif isinstance(x, Tensor):
            kinds.add("f" if x._data.dtype.kind == "f" else ("b" if x._data.dtype.kind == "b" else "i"))
        elif isinstance(x, (bool, np.bool_)):
            kinds.add("b")
        elif isinstance(x, numbers.Integral):
            kinds.add("i")
        elif isinstance(x, numbers.Real):
            kinds.add("f")
        else:
            raise TypeError(f"new(): invalid data type '{type(x).__name__}'")
    if "f" in kinds:
        return _dtype.get_default_dtype()
    if "i" in kinds:
        return _dtype.int64
    if "b" in kinds:
        return _dtype.bool_
    return _dtype.get_default_dtype()


def _to_array(data, dt):
    if isinstance(data, Tensor):
        return data._data.astype(dt.numpy)
    if isinstance(data, (list, tuple)):
        data = _unwrap(data)
    try:
        return np.array(data, dtype=dt.numpy)
    except ValueError as exc:
        raise ValueError(f"expected sequence of length {_first_len(data)} at dim 1 (got {_bad_len(data)})") from exc


def _unwrap(data):
    if isinstance(data, (list, tuple)):
        return [_unwrap(x) for x in data]
    if isinstance(data, Tensor):
        return data._data.tolist() if data._data.ndim else data._data.item()
    return data


def _first_len(data):
    return len(data[0]) if data and isinstance(data[0], (list, tuple)) else 0


def _bad_len(data):
    lengths = [len(x) if isinstance(x, (list, tuple)) else 0 for x in data]
    return next((n for n in lengths if n != lengths[0]), 0)


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """A new tensor holding a copy of ``data`` (a number, nested lists, a numpy array).

    >>> tensor([3]).dtype
    torch.int64
    >>> tensor([1., 2.], requires_grad=True)
    tensor([1., 2.], requires_grad=True)
    """
    import warnings

    if isinstance(data, Tensor):
        warnings.warn(
            "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
            "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor).",
            UserWarning, stacklevel=2,
        )
    dt = dtype or _infer_dtype(data)
    return _finish(_to_array(data, dt), requires_grad)


def as_tensor(data, dtype=None, device=None):
    if isinstance(data, Tensor) and (dtype is None or data.dtype is dtype):
        return data
    if isinstance(data, np.ndarray) and (dtype is None or dtype.numpy == data.dtype):
        return from_numpy(data)
    return tensor(data, dtype=dtype)


def from_numpy(array):
    """A tensor sharing memory with a numpy array: changing one changes the other."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    _dtype.from_numpy_dtype(array.dtype)
    return Tensor._make(array)


def _size(size):
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    for s in size:
        if not isinstance(s, (int, np.integer)):
            raise TypeError(f"empty(): argument 'size' (position 1) must be tuple of ints, but found element of type {type(s).__name__} at pos 0")
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: [{', '.join(map(str, size))}]")
    return tuple(int(s) for s in size)


def _finish(arr, requires_grad):
    t = Tensor._make(arr)
    if requires_grad:
        t._set_requires_grad(True, "Only Tensors of floating point and complex dtype can require gradients")
    return t


def _dt(dtype):
    return (dtype or _dtype.get_default_dtype()).numpy


def zeros(*size, dtype=None, device=None, requires_grad=False, out=None):
    flat = size[0] if len(size) == 1 and isinstance(size[0], (tuple, list)) else size
    if any(isinstance(s, (int, np.integer)) and s < 0 for s in flat):
        raise RuntimeError("zeros: Dimension size must be non-negative.")
    return _finish(np.zeros(_size(size), _dt(dtype)), requires_grad)


def ones(*size, dtype=None, device=None, requires_grad=False, out=None):
    return _finish(np.ones(_size(size), _dt(dtype)), requires_grad)


def empty(*size, dtype=None, device=None, requires_grad=False, memory_format=None):
    return _finish(np.zeros(_size(size), _dt(dtype)), requires_grad)


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False):
    if dtype is None:
        dtype = _infer_dtype(fill_value)
    return _finish(np.full(_size((size,)), fill_value, dtype.numpy), requires_grad)


def _like(input, dtype):
    return (dtype or input.dtype).numpy


def zeros_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    return _finish(np.zeros(input._data.shape, _like(input, dtype)), requires_grad)


def ones_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    return _finish(np.ones(input._data.shape, _like(input, dtype)), requires_grad)


def empty_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    return zeros_like(input, dtype=dtype, requires_grad=requires_grad)


def full_like(input, fill_value, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    return _finish(np.full(input._data.shape, fill_value, _like(input, dtype)), requires_grad)


def rand_like(input, *, dtype=None, device=None, requires_grad=False, generator=None):
    return rand(*input._data.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randn_like(input, *, dtype=None, device=None, requires_grad=False, generator=None):
    return randn(*input._data.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def eye(n, m=None, *, dtype=None, device=None, requires_grad=False):
    return _finish(np.eye(n, n if m is None else m, dtype=_dt(dtype)), requires_grad)


def arange(start, end=None, step=1, *, dtype=None, device=None, requires_grad=False):
    """Values from ``start`` up to (not including) ``end``; int64 unless a bound is a float."""
    if end is None:
        start, end = 0, start
    vals = [v.item() if isinstance(v, Tensor) else v for v in (start, end, step)]
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if dtype is None:
        dtype = _dtype.int64 if all(isinstance(v, (int, np.integer)) for v in vals) else _dtype.get_default_dtype()
    n = int(np.ceil((vals[1] - vals[0]) / vals[2]))
    if n < 0:
        raise RuntimeError("upper bound and larger bound inconsistent with step sign")
    # PyTorch computes start + i * step in double, then casts.
    arr = (vals[0] + np.arange(n, dtype=np.float64) * vals[2]) if dtype.is_floating_point else np.arange(vals[0], vals[1], vals[2])
    return _finish(arr.astype(dtype.numpy), requires_grad)


def linspace(start, end, steps, *, dtype=None, device=None, requires_grad=False):
    dt = _dt(dtype)
    if steps == 1:
        return _finish(np.array([start], dt), requires_grad)
    # PyTorch fills the first half from the start and the second half from the end.
    step = (end - start) / (steps - 1)
    i = np.arange(steps, dtype=np.float64)
    half = steps // 2
    vals = np.where(i < half, start + step * i, end - step * (steps - 1 - i))
    return _finish(vals.astype(dt), requires_grad)


def logspace(start, end, steps, base=10.0, *, dtype=None, requires_grad=False):
    lin = linspace(start, end, steps, dtype=_dtype.float64)
    return _finish((base ** lin._data).astype(_dt(dtype)), requires_grad)


# -- random tensors ---------------------------------------------------------------------------------
def rand(*size, generator=None, dtype=None, device=None, requires_grad=False):
    from . import _random

    return _finish(_random.rand(_size(size), _dt(dtype), generator=generator), requires_grad)


def randn(*size, generator=None, dtype=None, device=None, requires_grad=False):
    from . import _random

    return _finish(_random.randn(_size(size), _dt(dtype), generator=generator), requires_grad)


def randint(low=0, high=None, size=None, *, generator=None, dtype=None, device=None, requires_grad=False):
    from . import _random

    if isinstance(high, (tuple, list)) and size is None:  # randint(high, size)
        low, high, size = 0, low, high
    if high is None:
        low, high = 0, low
    if size is None:
        raise TypeError("randint() missing 1 required positional arguments: \"size\"")
    arr = _random.randint(int(low), int(high), _size((size,)), (dtype or _dtype.int64).numpy, generator=generator)
    return _finish(arr, requires_grad)


def randperm(n, *, generator=None, dtype=None, device=None, requires_grad=False):
    from . import _random

    return _finish(_random.randperm(int(n), generator=generator).astype((dtype or _dtype.int64).numpy), requires_grad)


def normal(mean, std, size=None, *, generator=None):
    from . import _random

    m = mean._data if isinstance(mean, Tensor) else mean
    s = std._data if isinstance(std, Tensor) else std
    return Tensor._make(_random.normal(m, s, None if size is None else _size((size,)), generator=generator))


# -- the legacy typed constructors ------------------------------------------------------------------
def _legacy_new(args, dt):
    if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
        data = args[0]
        if isinstance(data, Tensor):
            return data
        return Tensor._make(_to_array(data, dt))
    return Tensor._make(np.zeros(_size(args), dt.numpy))


class _TypedTensorMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj.dtype is cls._dtype

    def __call__(cls, *args):
        return _legacy_new(args, cls._dtype)


class FloatTensor(metaclass=_TypedTensorMeta):
    _dtype = _dtype.float32


class DoubleTensor(metaclass=_TypedTensorMeta):
    _dtype = _dtype.float64


class LongTensor(metaclass=_TypedTensorMeta):
    _dtype = _dtype.int64


class IntTensor(metaclass=_TypedTensorMeta):
    _dtype = _dtype.int32


class BoolTensor(metaclass=_TypedTensorMeta):
    _dtype = _dtype.bool_


class ByteTensor(metaclass=_TypedTensorMeta):
    _dtype = _dtype.uint8
