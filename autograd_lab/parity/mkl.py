"""Intel MKL, when it is installed, for the results PyTorch's CPU build takes from it.

PyTorch 2.13's CPU wheel is built with oneMKL 2024.2. Its float matrix products (``mm``,
``addmm``: every ``nn.Linear``) are MKL's ``sgemm``/``dgemm``, and its ``sin``, ``cos`` and
``exp`` are MKL's vector maths (VML) in high-accuracy mode. Neither is an algorithm one can
write down: MKL blocks a product differently for each shape and CPU, and its VML routines are
its own. numpy (OpenBLAS, its own float32 sin/exp) rounds differently in the last bit, and a
training loop grows that bit into visibly different losses.

So when the MKL runtime is installed (``pip install mkl==2024.2.0``: the version PyTorch links),
autograd_lab calls the same routines, the same way PyTorch does (one thread, the same
transposes and leading dimensions), and gets PyTorch's bits: checked on 5 million float32
values of each function (random bit patterns included) and on the products of the tutorials.
Without MKL everything falls back to numpy, which differs in the last bit.

Where it looks: ``$AUTOGRAD_LAB_MKL`` (a path to ``libmkl_rt.so.2``, or ``0`` to turn it off),
then the ``lib`` folder of this Python environment (where the ``mkl`` wheel puts it), then the
system's library path.
"""
import ctypes
import ctypes.util
import os
import sys

import numpy as np

_VML_MODE = 0x2 | 0x140000 | 0x100  # VML_HA | VML_FTZDAZ_OFF | VML_ERRMODE_IGNORE, as PyTorch asks
_COL_MAJOR, _NO_TRANS, _TRANS = 102, 111, 112
_SEQUENTIAL = 1  # MKL_THREADING_SEQUENTIAL: one thread, as autograd_lab compares with PyTorch on one

_lib = None
_tried = False


def _candidates():
    env = os.environ.get("AUTOGRAD_LAB_MKL")
    if env is not None:
        return [] if env in ("", "0") else [env]
    names = ["libmkl_rt.so.2", "libmkl_rt.so", "libmkl_rt.2.dylib", "mkl_rt.2.dll"]
    out = [os.path.join(sys.prefix, "lib", n) for n in names]
    found = ctypes.util.find_library("mkl_rt")
    return out + ([found] if found else [])


def library():
    """The loaded MKL runtime, or None."""
    global _lib, _tried
    if not _tried:
        _tried = True
        for path in _candidates():
            if os.path.sep in path and not os.path.exists(path):
                continue
            try:
                lib = ctypes.CDLL(path)
                lib.MKL_Set_Threading_Layer(ctypes.c_int(_SEQUENTIAL))
            except (OSError, AttributeError):
                continue
            _lib = lib
            break
    return _lib


def _ptr(a):
    return ctypes.c_void_p(a.__array_interface__["data"][0])


# PyTorch's unary kernels that go through MKL's VML for float32 and float64 (each checked
# bit-equal to PyTorch 2.13 on 3 million float32 values, random bit patterns included).
_VML_NAMES = {
    "sin": "Sin", "cos": "Cos", "tan": "Tan", "exp": "Exp", "log": "Ln", "log2": "Log2", "log10": "Log10",
    "sqrt": "Sqrt", "tanh": "Tanh", "asin": "Asin", "acos": "Acos", "atan": "Atan", "erf": "Erf",
    "erfc": "Erfc", "erfinv": "ErfInv",
}


def vml(name, x):
    """MKL's ``name`` (one of ``_VML_NAMES``) of a float32/float64 array, or None without MKL."""
    lib = library()
    # (a meta tensor's zero-stride MetaArray, a subclass, has no values for MKL to read)
    if lib is None or type(x) is not np.ndarray or x.dtype not in (np.float32, np.float64):
        return None
    src = np.ascontiguousarray(x)
    out = np.empty_like(src)
    fn = getattr(lib, ("vms" if x.dtype == np.float32 else "vmd") + _VML_NAMES[name])
    fn(ctypes.c_longlong(src.size), _ptr(src), _ptr(out), ctypes.c_longlong(_VML_MODE))
    return out.reshape(x.shape)


def _as_operand(a):
    """``(array, transpose flag, leading dimension)`` of a row-major matrix as a column-major
    BLAS reads it (it sees the transpose), without a copy when its strides allow, as PyTorch."""
    rows, cols = a.shape
    s0, s1 = (s // a.itemsize for s in a.strides)
    if (s1 == 1 or cols == 1) and (rows == 1 or s0 >= max(cols, 1)):
        return a, _NO_TRANS, max(s0 if rows > 1 else cols, 1)
    if (s0 == 1 or rows == 1) and (cols == 1 or s1 >= max(rows, 1)):
        return a, _TRANS, max(s1 if cols > 1 else rows, 1)
    a = np.ascontiguousarray(a)
    return a, _NO_TRANS, max(cols, 1)


def gemm(a, b, c=None):
    """``a @ b`` (plus ``c``, broadcast to the result, when given) for float32/float64 matrices
    by MKL's gemm, or None without MKL. PyTorch computes the row-major product as the
    column-major ``b^T a^T``, with the bias copied into the result first (beta = 1)."""
    lib = library()
    if lib is None or type(a) is not np.ndarray or type(b) is not np.ndarray or a.dtype != b.dtype \
            or a.dtype not in (np.float32, np.float64):
        return None
    m, k = a.shape
    n = b.shape[1]
    if c is None:
        out, beta = np.zeros((m, n), a.dtype), 0.0
    else:
        out, beta = np.array(np.broadcast_to(c, (m, n)), dtype=a.dtype, order="C"), 1.0
    if m == 0 or n == 0:
        return out
    if k == 0:
        return out if c is not None else np.zeros((m, n), a.dtype)
    bb, tb, ldb = _as_operand(b)
    aa, ta, lda = _as_operand(a)
    if a.dtype == np.float32:
        fn, scalar = lib.cblas_sgemm, ctypes.c_float
    else:
        fn, scalar = lib.cblas_dgemm, ctypes.c_double
    fn(_COL_MAJOR, tb, ta, n, m, k, scalar(1.0), _ptr(bb), ldb, _ptr(aa), lda, scalar(beta), _ptr(out), n)
    return out


def or_numpy(name, np_fn):
    """An element-wise function: MKL's ``name`` where MKL is installed and the dtype is float32
    or float64 (PyTorch's results), numpy's ``np_fn`` otherwise."""

    def fn(a):
        out = vml(name, a) if a.size else None
        return np_fn(a) if out is None else out

    fn.__name__ = name
    return fn


def matmul(a, b, c=None):
    """``a @ b (+ c)`` for 2-D arrays: MKL's gemm where it applies, numpy's ``@`` otherwise."""
    out = gemm(a, b, c)
    if out is not None:
        return out
    out = a @ b
    if c is not None:
        out += c
    return out


sin, cos, tan = or_numpy("sin", np.sin), or_numpy("cos", np.cos), or_numpy("tan", np.tan)
exp, log, log2, log10 = or_numpy("exp", np.exp), or_numpy("log", np.log), or_numpy("log2", np.log2), or_numpy("log10", np.log10)
sqrt, tanh = or_numpy("sqrt", np.sqrt), or_numpy("tanh", np.tanh)
asin, acos, atan = or_numpy("asin", np.arcsin), or_numpy("acos", np.arccos), or_numpy("atan", np.arctan)

# The element-wise ops ops/pointwise.py's ``_unary`` computes with MKL where it is installed.
UNARY = frozenset("sin cos tan exp log log2 log10 sqrt tanh asin acos atan erf".split())
