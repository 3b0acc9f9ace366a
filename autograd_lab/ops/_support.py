"""What the op definitions share: PyTorch's result dtypes and shape errors on numpy arrays."""
import operator

import numpy as np

from .. import _dtype
from .._tensor import Tensor, _wrap_dim
from ..parity.arg_errors import not_tensor

_cache = {}


def _key(x):
    if isinstance(x, np.ndarray):
        return (x.dtype, x.ndim == 0, x.dtype.metadata is not None)  # (bfloat16's dtype equals float32's)
    return type(x)


def result_dtype(a, b):
    """The numpy dtype PyTorch gives ``a <op> b`` for arrays and Python numbers."""
    key = (_key(a), _key(b))
    out = _cache.get(key)
    if out is None:
        out = _cache[key] = _compute(a, b)
    return out


def _compute(a, b):
    return _dtype.result_type((a, b)).numpy


def clear_cache():
    """Forget cached promotions (the default dtype changed)."""
    _cache.clear()


def default_float():
    return _dtype._Defaults.float.numpy


def max_keepdims(a, dim):
    """``np.max(a, axis=dim, keepdims=True)``. numpy reduces a short last axis slowly (about
    19 us for 256 rows of 10 logits), so such rows are laid out as columns first (about 3 us)."""
    if _short_rows(a, dim):
        return np.maximum.reduce(np.ascontiguousarray(a.T), axis=0)[:, None]
    return np.maximum.reduce(a, axis=dim, keepdims=True)


def sum_keepdims(a, dim):
    """``np.sum(a, axis=dim, keepdims=True)``, short rows laid out as columns first as in
    ``max_keepdims`` (8 us -> 4.5 us for 256 rows of 10). Each row is then added up from left
    to right; numpy's pairwise order for a contiguous row rounds differently in the last bit,
    and PyTorch's vectorised kernels have an order of their own anyway."""
    if _short_rows(a, dim):
        return np.add.reduce(np.ascontiguousarray(a.T), axis=0)[:, None]
    return np.add.reduce(a, axis=dim, keepdims=True)


def _short_rows(a, dim):
    return a.ndim == 2 and (dim == 1 or dim == -1) and a.shape[1] <= 64


def as_float(a):
    """Integer and bool inputs of floating ops (exp, sqrt ...) compute in the default float dtype."""
    if isinstance(a, np.ndarray):
        return a if a.dtype.kind == "f" else a.astype(default_float())
    return np.asarray(a, default_float())


def broadcast_error(shape_a, shape_b):
    """PyTorch's message for shapes that do not broadcast, naming the first clash from the right."""
    n = max(len(shape_a), len(shape_b))
    for i in range(n - 1, -1, -1):
        offset = n - 1 - i
        sa = shape_a[len(shape_a) - 1 - offset] if offset < len(shape_a) else 1
        sb = shape_b[len(shape_b) - 1 - offset] if offset < len(shape_b) else 1
        if sa != sb and sa != 1 and sb != 1:
            return RuntimeError(
                f"The size of tensor a ({sa}) must match the size of tensor b ({sb}) at non-singleton dimension {i}"
            )
    return None


def binary(ufunc, a, b, dtype=None):
    """Apply a numpy ufunc with PyTorch's result dtype and PyTorch's broadcasting error."""
    if dtype is None:
        # Fast path for the common cases, where numpy already gives PyTorch's dtype: two
        # float arrays of one dtype, or a float array and a Python float.
        ta, tb = type(a), type(b)
        if ta is np.ndarray and a.dtype.kind == "f" and (
            tb is float or tb is int or (tb is np.ndarray and b.dtype == a.dtype)
        ):
            try:
                return ufunc(a, b)
            except ValueError:
                raise broadcast_error(a.shape, np.shape(b)) or ValueError("operands could not be broadcast") from None
    dt = dtype if dtype is not None else result_dtype(a, b)
    if dt.kind in "iu":
        a, b = wrap_int(a, dt), wrap_int(b, dt)
    try:
        # (unsafe: a 0-d int64 tensor beside a uint8 one computes in uint8, as PyTorch does)
        out = ufunc(a, b, dtype=dt, casting="unsafe") if dt.kind != "b" or ufunc in _BOOL_OK else ufunc(a, b)
    except ValueError:
        err = broadcast_error(np.shape(a), np.shape(b))
        if err is None:
            raise
        raise err from None
    return out


_BOOL_OK = {np.add, np.multiply, np.maximum, np.minimum}


def wrap_int(x, np_dtype):
    """A Python int beside an integer tensor, in that tensor's dtype: it wraps around as C's
    conversion does (``uint8 + -1`` adds 255, ``int8 * 300`` multiplies by 44), where numpy
    refuses an int out of the dtype's range."""
    if type(x) is int and np_dtype.kind in "iu":
        return np.array(x).astype(np_dtype)
    return x


def as_dim(dim):
    """A dim as a Python int: PyTorch also takes numpy integers and 0-d integer tensors."""
    return dim if type(dim) is int else operator.index(dim)


def as_saved(value):
    """An int as PyTorch shows it among a node's saved values: as given (not wrapped into range),
    a negative one read as an unsigned 64-bit number (-1 is 18446744073709551615)."""
    value = as_dim(value)
    return value % 2**64 if value < 0 else value


wrap_dim = _wrap_dim  # (a negative dim comes back as a GivenDim: its node shows it as given)


def wrap_dims(dims, ndim):
    if dims is None:
        return None
    if type(dims) is int:  # the common case: one dim
        return (wrap_dim(dims, ndim),)
    if not isinstance(dims, (list, tuple)):  # one dim as a numpy integer or a 0-d tensor
        dims = (dims,)
    out = tuple(wrap_dim(d, ndim) for d in dims)
    if len(set(out)) != len(out):
        raise RuntimeError(f"dim {out[0]} appears multiple times in the list of dims")
    return out


scalar_type = _dtype.scalar_type_name  # PyTorch's Float, Long, Byte ... of a dtype, in messages


def not_implemented(kernel, np_dtype):
    """PyTorch's error for a kernel that has no version for this dtype (integer or bool input)."""
    return NotImplementedError(f'"{kernel}" not implemented for \'{scalar_type(np_dtype)}\'')


def check_floating(input, kernel):
    # One dtype test on the fast path: PyTorch's float-only kernels refuse integer and bool input.
    if input._data.dtype.kind != "f":
        raise not_implemented(kernel, input._data.dtype)


def _is_tensor(x):
    return isinstance(x, Tensor)


# What an op takes where PyTorch takes a Scalar: Python and numpy numbers (bool is an int). numpy
# arrays are let through too: PyTorch's operators take them, and numpy scalars come as both.
NUMBERS = (int, float, complex, np.generic)


OPERANDS = (Tensor, int, float, complex, np.generic, np.ndarray)


def _is_bool(x):
    return type(x) is bool or (isinstance(x, np.ndarray) and x.dtype == np.bool_)


def _refuse_bool(a, kernel):
    if a.dtype == np.bool_:
        raise NotImplementedError(f'"{kernel}" not implemented for \'Bool\'')


def _number(x):
    return x.item() if isinstance(x, Tensor) else x


def _check_operands(fn, input, other):
    """torch.add and the like take tensors or numbers (PyTorch lets numbers stand for tensors
    in these: torch.add(1, 2) is tensor(3)), nothing else."""
    if not isinstance(input, Tensor) and not isinstance(input, NUMBERS):
        raise not_tensor(fn, input)
    if not isinstance(other, OPERANDS):
        raise not_tensor(fn, other, "other", 2)
