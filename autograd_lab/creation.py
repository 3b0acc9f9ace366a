"""Making tensors: tensor(), zeros(), arange(), randn() ... with PyTorch's dtype rules."""
import math
import numbers
import operator
import warnings

import numpy as np

from . import _dtype
from .parity.fp import quiet
from .parity.bfloat16 import round_bf16
from .parity.meta import as_meta, meta_array
from .parity.ranges import arange_values
from ._tensor import DEFAULT_DEVICE, Tensor, device as _device_class
from .ops.out import refuse_grad, write


def _type_name(x):
    """The type name PyTorch's messages use: numpy scalars keep their module, tensors are Tensor."""
    if isinstance(x, Tensor):
        return "Tensor"
    t = type(x)
    return f"numpy.{t.__name__}" if t.__module__ == "numpy" else t.__name__


def _check_device(device, fname, pin_memory=False):
    """Only the CPU exists here: refuse other devices the way a CPU-only PyTorch does (and pinned
    memory, which is for copies to a GPU)."""
    if pin_memory:
        _check_device(device, fname)
        _refuse_pinned_memory()
    if device is None:
        device = _DEFAULT_DEVICE[0]  # (torch.set_default_device's)
        if device is None:
            return
    if isinstance(device, (int, np.integer)) and not isinstance(device, bool):  # an accelerator's index
        raise RuntimeError("Cannot access accelerator device when none is available.")
    if not isinstance(device, (str, _device_class)):
        raise TypeError(f"{fname}(): argument 'device' must be torch.device, not {_type_name(device)}")
    name, _, index = str(device).partition(":")
    if name not in _DEVICE_TYPES:
        raise RuntimeError(
            f"Expected one of {', '.join(_DEVICE_TYPES)} device type at start of device string: {device}"
        )
    if index and not index.isdigit():
        raise RuntimeError(f"Invalid device string: '{device}'")
    if name == "cuda":
        raise AssertionError("Torch not compiled with CUDA enabled")


_DEFAULT_DEVICE = DEFAULT_DEVICE  # (in _tensor.py, beside the device class whose `with` sets it)


def set_default_device(device):
    """The device factories use when given none. Only the CPU exists here: another device is
    taken, and refused when a tensor is made, as a CPU-only PyTorch does."""
    if device is not None:
        name = str(device).partition(":")[0]
        if name not in _DEVICE_TYPES:
            raise RuntimeError(
                f"Expected one of {', '.join(_DEVICE_TYPES)} device type at start of device string: {device}"
            )
    _DEFAULT_DEVICE[0] = None if device is None or str(device) == "cpu" else str(device)


def get_default_device():
    """``device(type='cpu')``, the device factories use when given none."""
    if _DEFAULT_DEVICE[0] is not None:
        _check_device(_DEFAULT_DEVICE[0], "get_default_device")
    return _device_class("meta" if _on_meta(None) else "cpu")


def _refuse_pinned_memory():
    raise RuntimeError("pin_memory=True requires a CUDA or other accelerator backend; no pinned memory allocator is "
                       "available on this system.")


_DEVICE_TYPES = (
    "cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga", "maia", "xla",
    "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone",
)


# -- torch.tensor(data): PyTorch's rules for nested Python data ---------------------------------------
def _is_sequence(x):
    """What PyTorch walks into when it measures data: lists, tuples, ranges and numpy arrays.
    A tensor inside a list is not walked into: it stands for one number."""
    return isinstance(x, (list, tuple, range, np.ndarray))


def _sizes(data):
    """The shape of nested data, read along the first elements (PyTorch's compute_sizes)."""
    sizes = []
    while _is_sequence(data) or isinstance(data, str):
        if isinstance(data, str):  # a string's items are strings again: PyTorch gives up at 64 dims
            raise ValueError("too many dimensions 'str'")
        n = len(data)  # (a 0-d array raises "len() of unsized object", as in PyTorch)
        sizes.append(n)
        if n == 0:
            break
        data = data[0]
    return sizes


_PLAIN = {bool: _dtype.bool_, int: _dtype.int64}


def _infer_dtype(data):
    """PyTorch's dtype for Python data: every item's own type, promoted together (bools stay bool,
    ints become int64, floats the default dtype, tensors and numpy values keep theirs)."""
    if isinstance(data, Tensor):
        return data.dtype
    if isinstance(data, (np.ndarray, np.generic)):
        return _dtype.from_numpy_dtype(data.dtype)
    if isinstance(data, (list, tuple, range)):
        if len(data) == 0:
            return _dtype.get_default_dtype()
        if isinstance(data, range):
            return _dtype.int64
        kinds = set(map(type, data))
        if kinds <= {bool, int, float}:  # the common case, without a Python-level loop
            return _dtype.get_default_dtype() if float in kinds else _dtype.int64 if int in kinds else _dtype.bool_
        out = None
        for x in data:
            d = _infer_dtype(x)
            out = d if out is None else _dtype.promote(out, d)
        return out
    if type(data) in _PLAIN:
        return _PLAIN[type(data)]
    if isinstance(data, float):
        return _dtype.get_default_dtype()
    if isinstance(data, str):
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    raise RuntimeError(f"Could not infer dtype of {type(data).__name__}")


# numpy's bool is no numbers.Real; PyTorch reads it for a float or bool tensor, not an integer one.
_REAL_OR_NUMPY_BOOL = (numbers.Real, np.bool_)


def _scalar_converter(dt):
    """How PyTorch reads one item for a dtype: floats go through float(), which a one-element tensor
    supports; integers and bools through the index protocol, which only integer tensors support."""
    if dt.is_floating_point:
        def convert(x):
            if isinstance(x, Tensor):
                return float(x)
            if isinstance(x, _REAL_OR_NUMPY_BOOL):
                return x
            raise TypeError(f"must be real number, not {_type_name(x)}")
    else:
        real = _REAL_OR_NUMPY_BOOL if dt is _dtype.bool_ else numbers.Real

        def convert(x):
            if isinstance(x, Tensor):
                return operator.index(x)
            if isinstance(x, real):
                return x
            raise TypeError(f"'{_type_name(x)}' object cannot be interpreted as an integer")
    return convert


_warned_ndarrays = False


def _store(data, sizes, dim, convert):
    """``data`` as nested lists of plain numbers, checked against ``sizes`` (PyTorch's recursive_store)."""
    global _warned_ndarrays
    if dim == len(sizes):
        return convert(data)
    if isinstance(data, Tensor):
        data = list(data)  # a tensor where a sequence is due is iterated, as Python would
    elif not _is_sequence(data):
        raise TypeError("not a sequence")
    if len(data) != sizes[dim]:
        raise ValueError(f"expected sequence of length {sizes[dim]} at dim {dim} (got {len(data)})")
    if dim + 1 == len(sizes) and set(map(type, data)) <= {bool, int, float}:
        return data  # a row of plain numbers: numpy converts it
    out = []
    for x in data:
        if isinstance(x, np.ndarray) and not _warned_ndarrays:
            _warned_ndarrays = True  # PyTorch warns once per process
            warnings.warn(
                "Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting "
                "the list to a single numpy.ndarray with numpy.array() before converting to a tensor. (Triggered "
                "internally at /__w/pytorch/pytorch/torch/csrc/utils/tensor_new.cpp:252.)",
                UserWarning, stacklevel=4,
            )
        out.append(_store(x, sizes, dim + 1, convert))
    return out


def _to_array(data, dt, sizes=None):
    """A new numpy array of dtype ``dt`` holding ``data``, with PyTorch's checks and messages."""
    with quiet():  # (tensor([1e40]) is inf, silently, as in PyTorch)
        return _converted(data, dt, sizes)


def _converted(data, dt, sizes):
    if isinstance(data, Tensor):
        return data._data.astype(dt.numpy)
    if isinstance(data, np.ndarray):
        return data.astype(dt.numpy)
    if isinstance(data, str):
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    nested = _store(data, _sizes(data) if sizes is None else sizes, 0, _scalar_converter(dt))
    if dt.is_floating_point or dt is _dtype.bool_:
        return np.array(nested, dtype=dt.numpy)
    try:  # through int64, so that narrower integer types wrap around as in PyTorch
        return np.array(nested, dtype=np.int64).astype(dt.numpy)
    except OverflowError:
        raise ValueError("Overflow when unpacking long long") from None


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """A new tensor holding a copy of ``data`` (a number, nested lists, a numpy array).

    >>> tensor([3]).dtype
    torch.int64
    >>> tensor([1., 2.], requires_grad=True)
    tensor([1., 2.], requires_grad=True)
    """
    dtype = _dtype.as_dtype(dtype, "tensor")
    _check_device(device, "tensor")
    if isinstance(data, Tensor):
        warnings.warn(
            "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
            "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor).",
            UserWarning, stacklevel=2,
        )
    if isinstance(data, str):
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    if pin_memory:
        _refuse_pinned_memory()
    # PyTorch measures Python data before it infers the dtype: the errors come in that order.
    sizes = None if isinstance(data, (Tensor, np.ndarray)) else _sizes(data)
    return _finish(_to_array(data, dtype or _infer_dtype(data), sizes), requires_grad, device)


def as_tensor(data, dtype=None, device=None):
    dtype = _dtype.as_dtype(dtype, "as_tensor")
    _check_device(device, "as_tensor")
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


# -- sizes ----------------------------------------------------------------------------------------------
_NO_SIZE = object()  # marks a ``size=`` keyword that was not given


def _is_int(x):
    """An int as PyTorch's parser sees one: anything with __index__ except a bool."""
    if isinstance(x, bool):
        return False
    try:
        operator.index(x)
    except TypeError:
        return False
    return True


def _unpack_ints(fname, seq):
    out = []
    for pos, s in enumerate(seq, 1):
        try:
            out.append(operator.index(s))
        except TypeError:
            raise TypeError(
                f"{fname}(): argument 'size' failed to unpack the object at pos {pos} with error "
                f"\"type must be tuple of ints,but got {_type_name(s)}\""
            ) from None
    return out


def _size(args, fname="empty", size=_NO_SIZE, negative=None):
    """The shape from ``f(2, 3)``, ``f((2, 3))`` or ``f(size=(2, 3))``, with the messages of
    PyTorch's argument parser; ``negative`` is the message for a negative size, if not the usual."""
    if size is not _NO_SIZE:
        if args:
            raise TypeError(f"{fname}() got multiple values for argument 'size'")
        if not isinstance(size, (tuple, list)) or (size and not _is_int(size[0])):
            raise TypeError(f"{fname}(): argument 'size' must be tuple of ints, not {_type_name(size)}")
        shape = _unpack_ints(fname, size)
    elif not args:
        raise TypeError(f'{fname}() missing 1 required positional arguments: "size"')
    elif len(args) == 1 and isinstance(args[0], (tuple, list)):
        # The parser checks only the first element; the others fail while being unpacked.
        if args[0] and not _is_int(args[0][0]):
            raise TypeError(
                f"{fname}(): argument 'size' (position 1) must be tuple of ints, but found element of type "
                f"{_type_name(args[0][0])} at pos 0"
            )
        shape = _unpack_ints(fname, args[0])
    elif not _is_int(args[0]):
        if len(args) > 1:
            raise TypeError(f"{fname}() takes 1 positional argument but {len(args)} were given")
        raise TypeError(f"{fname}(): argument 'size' (position 1) must be tuple of ints, not {_type_name(args[0])}")
    else:
        shape = _unpack_ints(fname, args)
    for s in shape:
        if s < 0:
            raise RuntimeError(negative or f"Trying to create tensor with negative dimension {s}: [{', '.join(map(str, shape))}]")
    return tuple(shape)


def _on_meta(device):
    """Whether a factory given ``device`` (or none, under ``set_default_device`` or ``with
    torch.device(...)``) makes a meta tensor: a shape and a dtype, no values (parity/meta.py)."""
    d = device if device is not None else _DEFAULT_DEVICE[0]
    return d is not None and str(d) == "meta"


def _make(fill, shape, dt, device):
    """``fill(shape, dt)``, or on the meta device the shape and dtype alone (nothing drawn)."""
    return meta_array(shape, dt) if _on_meta(device) else fill(shape, dt)


def _like_device(input, device):
    return device if device is not None else ("meta" if input.is_meta else None)


def _finish(arr, requires_grad, device=None):
    if _on_meta(device):
        arr = as_meta(arr)
    elif arr.dtype.metadata is not None:  # bfloat16: the values rounded to it (parity/bfloat16.py)
        arr = round_bf16(arr)
    t = Tensor._make(arr)
    if requires_grad:
        t._set_requires_grad(True, "Only Tensors of floating point and complex dtype can require gradients")
    return t


def _dt(dtype, fname, device=None, pin_memory=False):
    """The numpy dtype for a factory's ``dtype=`` argument (the default float dtype if None)."""
    _check_device(device, fname, pin_memory)
    return (_dtype.as_dtype(dtype, fname) or _dtype.get_default_dtype()).numpy


def _into_out(out, fname, shape, dtype, requires_grad):
    """A factory's ``out=``: PyTorch's checks; the dtype of the values to make (``out``'s)."""
    given = _dtype.as_dtype(dtype, fname)
    if given is not None and given.numpy != out._data.dtype:
        raise RuntimeError(
            f"dtype {_dtype.scalar_type_name(given)} does not match dtype of out parameter "
            f"({_dtype.scalar_type_name(out._data.dtype)})"
        )
    if fname in ("randn", "empty"):  # (these resize out first; empty even to the shape it has)
        if out._requires_grad and (out._data.shape != tuple(shape) or fname == "empty"):
            raise RuntimeError("cannot resize variables that require grad")
    else:
        refuse_grad("aten::" + fname, out)
    kernel = {"rand": "check_uniform_bounds", "randn": "normal_kernel_cpu"}.get(fname)
    if kernel and out._data.dtype.kind != "f":
        raise NotImplementedError(f'"{kernel}" not implemented for \'{_dtype.scalar_type_name(out._data.dtype)}\'')
    return _dtype.from_numpy_dtype(out._data.dtype)


def _filled_out(out, values, requires_grad):
    write(out, values, warn_resize=False)  # (factories resize ``out`` without a warning)
    if out.is_leaf:  # (out takes the factory's requires_grad, whatever it had)
        out.requires_grad_(bool(requires_grad))
    return out


def zeros(*args, size=_NO_SIZE, out=None, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False):
    shape = _size(args, "zeros", size, negative="zeros: Dimension size must be non-negative.")
    if out is not None:
        dtype = _into_out(out, "zeros", shape, dtype, requires_grad)
        return _filled_out(out, np.zeros(shape, _dt(dtype, "zeros", device, pin_memory)), requires_grad)
    return _finish(_make(np.zeros, shape, _dt(dtype, "zeros", device, pin_memory), device), requires_grad)


def ones(*args, size=_NO_SIZE, out=None, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False):
    shape = _size(args, "ones", size)
    if out is not None:
        dtype = _into_out(out, "ones", shape, dtype, requires_grad)
        return _filled_out(out, np.ones(shape, _dt(dtype, "ones", device, pin_memory)), requires_grad)
    return _finish(_make(np.ones, shape, _dt(dtype, "ones", device, pin_memory), device), requires_grad)


def empty(*args, size=_NO_SIZE, out=None, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False,
          memory_format=None):
    shape = _size(args, "empty", size)
    if out is not None:  # out resized (resize_: its memory kept, the values in it stay), nothing written
        dtype = _into_out(out, "empty", shape, dtype, requires_grad)
        _dt(dtype, "empty", device, pin_memory)
        out.resize_(shape)
        if out.is_leaf:
            out.requires_grad_(bool(requires_grad))
        return out
    return _finish(_make(np.zeros, shape, _dt(dtype, "empty", device, pin_memory), device), requires_grad)


def full(size, fill_value, *, out=None, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False):
    if not isinstance(size, (tuple, list)):
        raise TypeError(f"full(): argument 'size' (position 1) must be tuple of ints, not {_type_name(size)}")
    shape = _size((size,), "full")
    if isinstance(fill_value, Tensor) and fill_value._data.ndim == 0:
        fill_value = fill_value.item()  # a 0-d tensor is a number here
    if not _is_number(fill_value):
        raise TypeError(f"full(): argument 'fill_value' (position 2) must be Number, not {_type_name(fill_value)}")
    dtype = _dtype.as_dtype(dtype, "full")
    if dtype is None:  # the number's kind decides, not its numpy width: np.float64(1.) gives float32
        dtype = (_dtype.bool_ if type(fill_value) is bool else
                 _dtype.int64 if isinstance(fill_value, numbers.Integral) else _dtype.get_default_dtype())
    if out is not None:
        dtype = _into_out(out, "full", shape, dtype, requires_grad)
    np_dtype = _dt(dtype, "full", device, pin_memory)
    if out is not None:
        return _filled_out(out, np.full(shape, _dtype.checked_scalar(fill_value, np_dtype), np_dtype), requires_grad)
    value = _dtype.checked_scalar(fill_value, np_dtype)
    return _finish(_make(lambda s, d: np.full(s, value, d), shape, np_dtype, device), requires_grad)


def _like(input, dtype, fname, device, pin_memory):
    _check_device(device, fname, pin_memory)
    return (_dtype.as_dtype(dtype, fname) or input.dtype).numpy


def zeros_like(input, *, dtype=None, layout=None, device=None, pin_memory=False, requires_grad=False,
               memory_format=None):
    device = _like_device(input, device)
    return _finish(_make(np.zeros, input._data.shape, _like(input, dtype, "zeros_like", device, pin_memory), device), requires_grad)


def ones_like(input, *, dtype=None, layout=None, device=None, pin_memory=False, requires_grad=False,
              memory_format=None):
    device = _like_device(input, device)
    return _finish(_make(np.ones, input._data.shape, _like(input, dtype, "ones_like", device, pin_memory), device), requires_grad)


def empty_like(input, *, dtype=None, layout=None, device=None, pin_memory=False, requires_grad=False,
               memory_format=None):
    device = _like_device(input, device)
    return _finish(_make(np.zeros, input._data.shape, _like(input, dtype, "empty_like", device, pin_memory), device), requires_grad)


def full_like(input, fill_value, *, dtype=None, layout=None, device=None, pin_memory=False, requires_grad=False,
              memory_format=None):
    device = _like_device(input, device)
    np_dtype = _like(input, dtype, "full_like", device, pin_memory)
    value = _dtype.checked_scalar(fill_value, np_dtype)
    return _finish(_make(lambda s, d: np.full(s, value, d), input._data.shape, np_dtype, device), requires_grad)


def rand_like(input, *, dtype=None, layout=None, device=None, pin_memory=False, requires_grad=False, memory_format=None,
              generator=None):
    dtype = _dtype.as_dtype(dtype, "rand_like") or input.dtype
    return rand(*input._data.shape, dtype=dtype, device=_like_device(input, device), pin_memory=pin_memory, requires_grad=requires_grad,
                generator=generator)


def randn_like(input, *, dtype=None, layout=None, device=None, pin_memory=False, requires_grad=False, memory_format=None,
               generator=None):
    dtype = _dtype.as_dtype(dtype, "randn_like") or input.dtype
    return randn(*input._data.shape, dtype=dtype, device=_like_device(input, device), pin_memory=pin_memory, requires_grad=requires_grad,
                 generator=generator)


def _invalid_args(fname, args, signatures, kwargs=None):
    """PyTorch's message when no overload of ``fname`` takes the positional ``args`` and the keyword
    ``kwargs``. ``signatures``: (leading parameters, whether ``out=`` follows)."""
    options = "".join(
        f" * ({sig}, {'' if '*' in sig else '*, '}{'Tensor out = None, ' if out else ''}torch.dtype dtype = None, torch.layout layout = None, "
        "torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n"
        for sig, out in signatures
    )
    got = [_type_name(a) for a in args] + [f"{k}={_type_name(v)}" for k, v in (kwargs or {}).items()]
    got = ", ".join(got) if args else "".join(g + ", " for g in got)
    return TypeError(f"{fname}() received an invalid combination of arguments - got ({got}), but expected one of:\n{options}")


def _overloaded_dtype(dtype, fname, args, signatures):
    """as_dtype for the functions with several overloads: PyTorch lists them when dtype is wrong."""
    try:
        return _dtype.as_dtype(dtype, fname)
    except TypeError:
        raise _invalid_args(fname, args, signatures, {"dtype": dtype}) from None


_EYE_SIGNATURES = (("int n", True), ("int n, int m", True))


def eye(n, m=None, *, out=None, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False):
    if not _is_int(n):
        raise TypeError(f"eye(): argument 'n' (position 1) must be int, not {_type_name(n)}")
    if m is not None and not _is_int(m):
        raise _invalid_args("eye", (n, m), _EYE_SIGNATURES)
    dtype = _overloaded_dtype(dtype, "eye", (n,) if m is None else (n, m), _EYE_SIGNATURES)
    _check_device(device, "eye", pin_memory)
    n = operator.index(n)
    m = n if m is None else operator.index(m)
    for name, v in (("n", n), ("m", m)):
        if v < 0:
            raise RuntimeError(f"{name} must be greater or equal to 0, got {v}")
    return _finish(np.eye(n, m, dtype=_dt(dtype, "eye", device)), requires_grad, device)


_ARANGE_SIGNATURES = (
    ("Number end", True), ("Number start, Number end", False), ("Number start, Number end, Number step = 1", True),
)
_NO = object()  # marks an argument that was not given


def _is_number(x, tensors=False):
    """A Number for PyTorch's parser: a real number or a 0-d tensor (any tensor if ``tensors``)."""
    if isinstance(x, Tensor):
        return tensors or x._data.ndim == 0
    return isinstance(x, (numbers.Real, np.bool_))


def arange(*args, start=_NO, end=_NO, step=_NO, out=None, dtype=None, layout=None, device=None, requires_grad=False,
           pin_memory=False):
    """Values from ``start`` up to (not including) ``end``; int64 unless a bound is a float.

    PyTorch's overloads are ``arange(end)``, ``arange(start, end)`` and ``arange(start, end, step)``,
    each argument also by keyword.
    """
    kwargs = {k: v for k, v in (("start", start), ("end", end), ("step", step)) if v is not _NO}
    if (len(args) == 1 and not kwargs) or (not args and list(kwargs) == ["end"]):  # arange(end)
        end = args[0] if args else end
        if not _is_number(end):
            raise TypeError(f"arange(): argument 'end' (position 1) must be Number, not {_type_name(end)}")
        start, step = 0, 1
    else:
        given = dict(zip(("start", "end", "step"), args), **kwargs)
        if "end" not in given and (not args or "step" not in kwargs) and (args or kwargs):
            raise TypeError('arange() missing 1 required positional arguments: "end"')
        if len(args) > 3 or "start" not in given or "end" not in given or not all(map(_is_number, given.values())):
            raise _invalid_args("arange", args, _ARANGE_SIGNATURES, kwargs)
        start, end, step = given["start"], given["end"], given.get("step", 1)
    dtype = _overloaded_dtype(dtype, "arange", args, _ARANGE_SIGNATURES)
    start, end, step = (v.item() if isinstance(v, Tensor) else v for v in (start, end, step))
    _check_device(device, "arange", pin_memory)
    if dtype is None:
        integral = all(isinstance(v, numbers.Integral) for v in (start, end, step))
        dtype = _dtype.int64 if integral else _dtype.get_default_dtype()
    if dtype is _dtype.bool_:
        raise NotImplementedError("\"arange_cpu\" not implemented for 'Bool'")
    start, end, step = float(start), float(end), float(step)  # PyTorch checks the bounds as doubles
    if not (step > 0 or step < 0):
        raise RuntimeError("step must be nonzero")
    if not (math.isfinite(start) and math.isfinite(end)):
        raise RuntimeError(f"unsupported range: {start:g} -> {end:g}")
    if (step > 0 and end < start) or (step < 0 and end > start):
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    if dtype is _dtype.int64:
        # int64 works on the bounds cut to integers: arange(1.5, dtype=int64) is [0], not [0, 1].
        start, end, step = int(start), int(end), int(step)
        if step == 0:
            raise ValueError("step must be nonzero")
        n = -(-(end - start) // step)
        return _finish(start + np.arange(n, dtype=np.int64) * step, requires_grad, device)
    n = math.ceil((end - start) / step)  # the other dtypes count in doubles
    if dtype in (_dtype.float16, _dtype.float32, _dtype.float64):
        # start + i * step, rounded as PyTorch's vectorised kernel rounds it (parity/ranges.py)
        return _finish(arange_values(start, step, n, dtype.numpy), requires_grad, device)
    if dtype.is_floating_point:
        # start + i * step in the accumulation type
        arr = np.float32(start) + np.arange(n, dtype=np.float32) * np.float32(step)
    else:
        arr = int(start) + np.arange(n, dtype=np.int64) * int(step)
    with quiet():  # (steps past float32's range are inf, silently, as in PyTorch)
        arr = arr.astype(dtype.numpy)
    return _finish(arr, requires_grad, device)


_LINSPACE_SIGNATURES = (
    ("Tensor start, Tensor end, int steps", True), ("Number start, Tensor end, int steps", True),
    ("Tensor start, Number end, int steps", True), ("Number start, Number end, int steps", True),
)


def _linspace_bound(x, name):
    if isinstance(x, Tensor):
        if x._data.ndim:
            raise RuntimeError(
                f"linspace only supports 0-dimensional start and end tensors, but got {name} with "
                f"{x._data.ndim} dimension(s)."
            )
        return x.item()
    return x


def _linspace_values(start, end, steps, dt):
    """PyTorch's CPU linspace kernel, bit for bit: step = (end - start) / (steps - 1) in the output
    dtype (in double for integer outputs); the first half is start + step * i and the second half
    end - step * (steps - 1 - i), each one fused multiply-add (the kernel is built with FMA)."""
    from .parity import fma as _fma

    halfway = steps // 2
    i = np.arange(steps)
    left = i < halfway
    count = np.where(left, i, steps - 1 - i)
    if dt == np.float16:  # c10::Half rounds after every operation: no fused multiply-add
        h = np.float16
        s, e = h(start), h(end)
        step = (e - s) / h(steps - 1)
        with np.errstate(all="ignore"):
            return np.where(left, s + step * count.astype(h), e - step * count.astype(h)).astype(h)
    if dt.metadata is not None:  # c10::BFloat16 too, each operation in float32 rounded to bfloat16
        r = round_bf16
        s, e = r(start), r(end)
        step = r((e - s) / r(steps - 1))
        with np.errstate(all="ignore"):
            return r(np.where(left, r(s + r(step * count)), r(e - r(step * count))))
    if dt.kind == "f":
        s, e = dt.type(start), dt.type(end)
        with np.errstate(all="ignore"):
            step = (e - s) / dt.type(steps - 1)
        base = np.where(left, s, e).astype(dt)
        return _fma.fma(np.where(left, step, -step).astype(dt), count.astype(dt), base)
    # Integer outputs: the bounds are cut to the dtype, the step and values computed in double.
    s, e = (int(np.array(int(v)).astype(dt)) for v in (start, end))
    step = (float(e) - float(s)) / (steps - 1)
    base = np.where(left, float(s), float(e))
    values = _fma.fma(np.where(left, step, -step), count.astype(np.float64), base)
    return np.trunc(values).astype(np.int64).astype(dt)


def linspace(*args, start=_NO, end=_NO, steps=_NO, out=None, dtype=None, layout=None, device=None,
             requires_grad=False, pin_memory=False):
    given = dict(zip(("start", "end", "steps"), args))
    for name, value in (("start", start), ("end", end), ("steps", steps)):
        if value is not _NO:
            given[name] = value
    if len(args) > 3 or len(given) < 3 or not _is_int(given["steps"]) or not all(
            _is_number(given[k], tensors=True) for k in ("start", "end")):
        raise _invalid_args("linspace", args, _LINSPACE_SIGNATURES)
    start, end = _linspace_bound(given["start"], "start"), _linspace_bound(given["end"], "end")
    steps = operator.index(given["steps"])
    dt = _dt(_overloaded_dtype(dtype, "linspace", args, _LINSPACE_SIGNATURES), "linspace", device)
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    _check_device(device, "linspace", pin_memory)
    if dt == np.bool_:
        raise NotImplementedError("\"linspace_cpu\" not implemented for 'Bool'")
    if steps <= 1:
        return _finish(np.array([start] * steps, dt), requires_grad)
    return _finish(_linspace_values(start, end, steps, dt), requires_grad)


def logspace(start, end, steps, base=10.0, *, out=None, dtype=None, layout=None, device=None, requires_grad=False,
             pin_memory=False):
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    lin = linspace(start, end, steps, dtype=_dtype.float64, pin_memory=pin_memory)
    return _finish((base ** lin._data).astype(_dt(dtype, "logspace", device)), requires_grad)


# -- random tensors ---------------------------------------------------------------------------------
_RANDOM_SIGNATURES = {
    name: ((f"{params}, *, torch.Generator generator", True), (params, True))
    for name, params in (("rand", "tuple of ints size"), ("randn", "tuple of ints size"), ("randperm", "int n"))
}
_RANDOM_SIGNATURES["randint"] = (
    ("int high, tuple of ints size, *, torch.Generator generator", True), ("int high, tuple of ints size", True),
    ("int low, int high, tuple of ints size, *, torch.Generator generator", True),
    ("int low, int high, tuple of ints size", True),
)


def _no_size(fname, size, kwargs):
    """rand() and randn() without a size: with no argument at all, PyTorch lists its overloads."""
    if size is _NO_SIZE and all(v is None or v is False for v in kwargs):
        raise _invalid_args(fname, (), _RANDOM_SIGNATURES[fname])


def rand(*args, size=_NO_SIZE, generator=None, out=None, dtype=None, layout=None, device=None, requires_grad=False,
         pin_memory=False):
    from .parity import random as _random

    if not args:
        _no_size("rand", size, (generator, dtype, device, requires_grad))
    dtype = _overloaded_dtype(dtype, "rand", args, _RANDOM_SIGNATURES["rand"])
    shape = _size(args, "rand", size)
    if out is not None:
        dtype = _into_out(out, "rand", shape, dtype, requires_grad)
        values = _random.rand(shape, _dt(dtype, "rand", device, pin_memory), generator=generator)
        return _filled_out(out, values, requires_grad)
    draw = lambda s, d: _random.rand(s, d, generator=generator)  # noqa: E731
    return _finish(_make(draw, shape, _dt(dtype, "rand", device, pin_memory), device), requires_grad)


def randn(*args, size=_NO_SIZE, generator=None, out=None, dtype=None, layout=None, device=None, requires_grad=False,
          pin_memory=False):
    from .parity import random as _random

    if not args:
        _no_size("randn", size, (generator, dtype, device, requires_grad))
    dtype = _overloaded_dtype(dtype, "randn", args, _RANDOM_SIGNATURES["randn"])
    shape = _size(args, "randn", size)
    if out is not None:
        dtype = _into_out(out, "randn", shape, dtype, requires_grad)
        values = _random.randn(shape, _dt(dtype, "randn", device, pin_memory), generator=generator)
        return _filled_out(out, values, requires_grad)
    draw = lambda s, d: _random.randn(s, d, generator=generator)  # noqa: E731
    return _finish(_make(draw, shape, _dt(dtype, "randn", device, pin_memory), device), requires_grad)


def randint(low=0, high=None, size=None, *, generator=None, out=None, dtype=None, layout=None, device=None,
            pin_memory=False, requires_grad=False):
    from .parity import random as _random

    given = tuple(a for a in (low, high, size) if a is not None)  # (for a message)
    if isinstance(high, (tuple, list)) and size is None:  # randint(high, size)
        low, high, size = 0, low, high
    if high is None:
        low, high = 0, low
    if size is None:
        raise TypeError("randint() missing 1 required positional arguments: \"size\"")
    npdt = (_overloaded_dtype(dtype, "randint", given, _RANDOM_SIGNATURES["randint"]) or _dtype.int64).numpy
    _check_device(device, "randint", pin_memory)
    arr = _random.randint(int(low), int(high), _size((size,), "randint"), npdt, generator=generator)
    return _finish(arr, requires_grad)


def randperm(n, *, generator=None, out=None, dtype=None, layout=None, device=None, pin_memory=False,
             requires_grad=False):
    from .parity import random as _random

    npdt = (_overloaded_dtype(dtype, "randperm", (n,), _RANDOM_SIGNATURES["randperm"]) or _dtype.int64).numpy
    _check_device(device, "randperm", pin_memory)
    return _finish(_random.randperm(int(n), generator=generator).astype(npdt), requires_grad)


def normal(mean, std, size=None, *, generator=None):
    from .parity import random as _random

    m = mean._data if isinstance(mean, Tensor) else mean
    s = std._data if isinstance(std, Tensor) else std
    return Tensor._make(_random.normal(m, s, None if size is None else _size((size,), "normal"), generator=generator))


# -- the legacy typed constructors ------------------------------------------------------------------
def _legacy_new(args, dt):
    """``torch.FloatTensor(data)`` copies data; ``torch.FloatTensor(2, 3)`` makes a (2, 3) tensor."""
    if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
        data = args[0]
        if isinstance(data, Tensor):
            return data
        if isinstance(data, str):
            raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
        if not _is_sequence(data):
            raise TypeError(f"new(): data must be a sequence (got {_type_name(data)})")
        return Tensor._make(_to_array(data, dt))
    return Tensor._make(np.zeros(_size(args) if args else (0,), dt.numpy))


def tensor_init(self, *args):
    """``torch.Tensor(2, 3)``: an uninitialised float tensor of that size; ``torch.Tensor([1, 2])``
    copies the data (as the default dtype). Tensor's ``__init__``."""
    self._init(_legacy_new(args, _dtype.get_default_dtype())._data)


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
