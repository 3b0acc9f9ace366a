"""The dtypes of autograd_lab tensors, named and promoted the way PyTorch does it."""
import numpy as np


class dtype:
    """A tensor element type; ``repr`` is ``torch.float32`` as in PyTorch."""

    __slots__ = ("name", "numpy", "is_floating_point", "is_signed", "itemsize", "_legacy")

    def __init__(self, name, numpy_type, legacy):
        self.name = name
        self.numpy = np.dtype(numpy_type)
        self.is_floating_point = self.numpy.kind == "f"
        self.is_signed = self.numpy.kind in "fi"
        self.itemsize = self.numpy.itemsize
        self._legacy = legacy  # the old type name PyTorch uses in some messages: FloatTensor

    def __repr__(self):
        return "torch." + self.name

    def __reduce__(self):
        return (_by_name, (self.name,))

    @property
    def is_complex(self):
        return False


float16 = dtype("float16", np.float16, "HalfTensor")
float32 = dtype("float32", np.float32, "FloatTensor")
float64 = dtype("float64", np.float64, "DoubleTensor")
uint8 = dtype("uint8", np.uint8, "ByteTensor")
int8 = dtype("int8", np.int8, "CharTensor")
int16 = dtype("int16", np.int16, "ShortTensor")
int32 = dtype("int32", np.int32, "IntTensor")
int64 = dtype("int64", np.int64, "LongTensor")
bool_ = dtype("bool", np.bool_, "BoolTensor")
# numpy has no bfloat16: its values are kept as float32 rounded to bfloat16 after every op
# (parity/bfloat16.py), the array's dtype marked as float32 with metadata saying "bfloat16".
bfloat16 = dtype("bfloat16", np.dtype(np.float32, metadata={"torch": "bfloat16"}), "BFloat16Tensor")
bfloat16.itemsize = 2
BFLOAT16_USED = [False]  # set once bfloat16 is asked for (``torch.bfloat16``): ops check for it from then on


def _bfloat16():
    BFLOAT16_USED[0] = True
    return bfloat16

ALL = (float16, float32, float64, uint8, int8, int16, int32, int64, bool_, bfloat16)
_FROM_NUMPY = {d.numpy: d for d in ALL if d is not bfloat16}  # (bfloat16's numpy dtype equals float32's)
_NAMES = {d.name: d for d in ALL}


def _by_name(name):
    return _NAMES[name] if name != "bfloat16" else _bfloat16()


# PyTorch's argument parser takes Python's own types as dtypes too: float means float64,
# int int64 and bool bool (whatever the default dtype is).
_PYTHON_TYPES = {float: float64, int: int64, bool: bool_}


def as_dtype(d, fname):
    """The dtype a ``dtype=`` argument of ``fname()`` names: None, a dtype, or float/int/bool.
    Anything else (a string, a numpy type) is refused with PyTorch's message."""
    if d is None or isinstance(d, dtype):
        return d
    if isinstance(d, type) and d in _PYTHON_TYPES:
        return _PYTHON_TYPES[d]
    raise TypeError(f"{fname}(): argument 'dtype' must be torch.dtype, not {type(d).__name__}")


def from_numpy_dtype(np_dtype):
    """The autograd_lab dtype holding numpy's ``np_dtype`` (TypeError for unsupported ones)."""
    np_dtype = np.dtype(np_dtype)
    if np_dtype.metadata is not None and np_dtype.metadata.get("torch") == "bfloat16":
        return bfloat16
    try:
        return _FROM_NUMPY[np_dtype]
    except KeyError:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{np.dtype(np_dtype).name}. The only supported types are: "
            "float64, float32, float16, int64, int32, int16, int8, uint8, and bool."
        ) from None


# PyTorch's ScalarType name of each dtype, as its messages print it: Float, Double, Long, Byte, Bool.
SCALAR_TYPE_NAMES = {d: d._legacy[: -len("Tensor")] for d in ALL}


def scalar_type_name(d):
    """PyTorch's ScalarType name of ``d`` (a dtype, or a numpy dtype it holds), as its messages
    print it: ``scalar_type_name(float32)`` and ``scalar_type_name(np.float32)`` are "Float"."""
    return SCALAR_TYPE_NAMES[d if isinstance(d, dtype) else from_numpy_dtype(d)]


class _Defaults:
    float = float32


def get_default_dtype():
    return _Defaults.float


def set_default_dtype(d):
    if d not in (float32, float64, float16):
        raise TypeError("only floating-point types are supported as the default type")
    _Defaults.float = d


def category(d):
    """0 for bool, 1 for integers, 2 for floating point: PyTorch promotes across these in order."""
    if d is bool_:
        return 0
    return 2 if d.is_floating_point else 1


def promote(a, b):
    """PyTorch's promoteTypes: the higher category wins; within a category, the wider type."""
    if a is b:
        return a
    ca, cb = category(a), category(b)
    if ca != cb:
        return a if ca > cb else b
    return _FROM_NUMPY[np.promote_types(a.numpy, b.numpy)]  # (bfloat16 with float16 or float32: float32)


def result_type(operands):
    """The dtype of an op's result, PyTorch-style, from its operands: tensors' numpy arrays and
    Python numbers. Tensors with dimensions decide first, then 0-d tensors and then Python
    numbers may only raise the category, never the width."""
    dim_t = zero_t = wrapped = None
    for x in operands:
        if isinstance(x, np.ndarray):
            d = from_numpy_dtype(x.dtype)
            if x.ndim:
                dim_t = d if dim_t is None else promote(dim_t, d)
            else:
                zero_t = d if zero_t is None else promote(zero_t, d)
        elif isinstance(x, bool):
            d = bool_
            wrapped = d if wrapped is None else promote(wrapped, d)
        elif isinstance(x, int):
            wrapped = int64 if wrapped is None else promote(wrapped, int64)
        elif isinstance(x, float):
            wrapped = _Defaults.float if wrapped is None else promote(wrapped, _Defaults.float)
    out = dim_t
    for extra in (zero_t, wrapped):
        if extra is None:
            continue
        if out is None:
            out = extra
        elif category(extra) > category(out):
            out = extra if extra is not wrapped else promote(out, extra)
    return out


# The C++ type names PyTorch's overflow message uses.
_C_NAMES = {"float16": "c10::Half", "bfloat16": "c10::BFloat16", "float32": "float", "float64": "double", "uint8": "uint8_t", "int8": "int8_t",
            "int16": "int16_t", "int32": "int", "int64": "int64_t"}


def checked_scalar(value, np_dtype):
    """``value`` (a Python number) if ``np_dtype`` can hold it, as PyTorch checks a number it
    writes into a tensor (``fill_``, ``full``, ``t[i] = v``, ``masked_fill``, clamp bounds):
    ``zeros(2).fill_(1e40)`` raises, where ``zeros(2) + 1e40`` quietly gives inf.

    inf and nan fit any float type. A float must lie within the type's range (compared as
    doubles). A negative int may wrap into an unsigned type if its size fits: -1 becomes 255."""
    if type(value) is bool or np_dtype.kind == "b" or isinstance(value, complex):
        return value
    if isinstance(value, int) and not -2**63 <= value < 2**64:  # what PyTorch's number type can hold
        raise OverflowError("int too big to convert" if value > 0 else "can't convert negative int to unsigned")
    if np_dtype.kind == "f":
        if value != value or value in (float("inf"), float("-inf")):
            return value
        top = float(np.finfo(np_dtype).max) if np_dtype.metadata is None else 3.3895313892515355e+38  # (bfloat16)
        if -top <= value <= top:
            return value
    else:
        info = np.iinfo(np_dtype)
        if isinstance(value, float):
            if float(info.min) <= value <= float(info.max):
                return value
        elif info.min <= value <= info.max:
            return value
        elif np_dtype.kind == "u" and value < 0 and -value <= info.max:
            return value % (int(info.max) + 1)  # (numpy refuses what PyTorch wraps)
    raise RuntimeError(f"value cannot be converted to type {_C_NAMES[from_numpy_dtype(np_dtype).name]} without overflow")


class memory_format:
    """How a tensor's entries are laid out in memory (``torch.contiguous_format``, ...). Every
    autograd_lab tensor is in row-major (contiguous) order: these names are accepted and change
    nothing."""

    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return f"torch.{self._name}"


memory_format.__module__ = "torch"
contiguous_format, preserve_format = memory_format("contiguous_format"), memory_format("preserve_format")
channels_last, channels_last_3d = memory_format("channels_last"), memory_format("channels_last_3d")


class layout:
    """How a tensor is stored: ``torch.strided`` (dense) is the only layout here."""

    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return f"torch.{self._name}"


layout.__module__ = "torch"
strided = layout("strided")



class finfo:
    """``torch.finfo(dtype)``: the limits of a floating point dtype (the default one if none).

    >>> finfo(bfloat16).eps
    0.0078125
    """

    def __init__(self, type=None):
        type = type or get_default_dtype()
        if not type.is_floating_point:
            raise TypeError("torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'")
        if type is bfloat16:  # 8 exponent bits as float32, 7 fraction bits
            self.bits, self.eps, self.max = 16, 2.0 ** -7, 3.3895313892515355e+38
            self.tiny, self.resolution = 2.0 ** -126, 0.01
        else:
            info = np.finfo(type.numpy)
            self.bits, self.eps, self.max = info.bits, float(info.eps), float(info.max)
            self.tiny, self.resolution = float(info.smallest_normal), 10.0 ** -info.precision
        self.min, self.smallest_normal, self.dtype = -self.max, self.tiny, type.name

    def __repr__(self):
        return (f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, eps={self.eps:g}, "
                f"smallest_normal={self.smallest_normal:g}, tiny={self.tiny:g}, dtype={self.dtype})")


class iinfo:
    """``torch.iinfo(dtype)``: the limits of an integer dtype."""

    def __init__(self, type):
        if type.is_floating_point or type is bool_:
            raise TypeError("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'")
        info = np.iinfo(type.numpy)
        self.bits, self.min, self.max, self.dtype = info.bits, int(info.min), int(info.max), type.name

    def __repr__(self):
        return f"iinfo(min={self.min:g}, max={self.max:g}, dtype={self.dtype})"
