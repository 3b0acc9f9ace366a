"""``arange``'s float values as PyTorch's one-thread CPU kernel (AVX2 build) rounds them.

Element i is ``start + i * step``, but not computed the same way for every i. The kernel fills the
output in vectors (8 float32 or 4 float64 lanes), two vectors a turn, while whole turns fit, and
the rest one element at a time:

* in a vector starting at index b: the base ``start + b * step`` is one fused multiply-add in
  double, rounded to the output dtype; lane l is then ``base + l * step``, again one fused
  multiply-add in double, rounded to the output dtype;
* the rest: ``start + i * step``, one fused multiply-add in double, rounded.

So a float32 ``arange(-1, 1, 0.3)`` can differ from ``float32(start + i * step)`` in the last bit.
float16 goes the same way with 16 lanes, its start and step and each sum in float (PyTorch's
accumulation type for it), each rounded to float16 after float.
Checked against PyTorch 2.13 on 500 random ranges per dtype of 1 to 70,000 values
(tests/parity/programs_ranges.py keeps some, recorded). Several threads split long ranges, each part
starting its vectors afresh; an AVX-512 build uses 16/8 lanes.
"""
import numpy as np

from .fma import _fma64

_LANES = {np.dtype(np.float32): 8, np.dtype(np.float64): 4, np.dtype(np.float16): 16}


def arange_values(start, step, n, dtype):
    """n values of ``arange(start, ..., step)`` in ``dtype`` (float16, float32 or float64), as
    PyTorch's kernel computes them."""
    dtype = np.dtype(dtype)
    lanes = _LANES[dtype]
    if dtype == np.float16:  # computed in float, then rounded to float16
        start, step = np.float32(start), np.float32(step)

        def rounded(x):
            return x.astype(np.float32).astype(np.float16)
    else:
        def rounded(x):
            return x.astype(dtype)
    i = np.arange(n, dtype=np.float64)
    s, st = np.full(n, float(start)), np.full(n, float(step))
    in_vectors = i < (n // (2 * lanes)) * 2 * lanes
    b = i - i % lanes
    with np.errstate(over="ignore", invalid="ignore"):  # (past float32's range: inf, silently, as in PyTorch)
        base = rounded(_fma64(st, b, s)).astype(np.float64)
        # (a base past the dtype's range stays inf; the emulated fma would make it nan)
        by_vector = np.where(np.isfinite(base), rounded(_fma64(st, i - b, base)), rounded(base))
        one_by_one = rounded(_fma64(st, i, s))
    return np.where(in_vectors, by_vector, one_by_one)
