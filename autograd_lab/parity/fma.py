"""Fused multiply-add, emulated exactly: ``a * b + c`` rounded once, as an FMA instruction does.

PyTorch's CPU kernels fuse some multiply-adds (``add(alpha=)``, the transforms of its random
generator); numpy has no FMA, and rounding the product first can change the last bit. These
helpers give the singly rounded result, in float32 through a float64 sum checked for the rare
double-rounding case, and in float64 through error-free transformations.
"""
import math

import numpy as np


def _two_sum(a, b):
    """s = fl(a + b) and the exact rounding error e, so that a + b == s + e."""
    s = a + b
    bb = s - a
    e = (a - (s - bb)) + (b - bb)
    return s, e


def _round_to_odd(s, e):
    """Given s = fl(x) and e = x - s exactly, return x rounded to odd (as float64).

    Rounding to odd first and to a narrower format afterwards rounds correctly,
    which is what makes the fused multiply-adds below exact.
    """
    bits = s.view(np.int64)
    inexact_even = (e != 0) & ((bits & 1) == 0)
    step = np.where(np.signbit(s) == np.signbit(e), 1, -1)
    return np.where(inexact_even, bits + step, bits).view(np.float64)


def _fma32_exact(a, b, c):
    """Slow, always correct float32 fused multiply-add (float64 inputs holding float32 values)."""
    p = a * b  # exact: 24-bit by 24-bit significands
    s, e = _two_sum(p, c)
    return _round_to_odd(s, e).astype(np.float32)


def _fma32(a, b, c, tiny_ok: bool = False) -> np.ndarray:
    """float32 ``a * b + c`` with a single rounding, like an FMA instruction.

    The product is exact in float64 and the sum is rounded once there; rounding
    that to float32 is correct unless the float64 sum landed exactly halfway
    between two float32 numbers, which is checked for (and, with
    ``tiny_ok=False``, results in float32's subnormal range, where the halfway
    test does not apply).  Those rare elements are recomputed exactly.
    """
    s = np.multiply(a, b, dtype=np.float64)
    s += c
    out = s.astype(np.float32)
    bits = s.view(np.int64)
    suspect = (bits & 0x1FFFFFFF) == 0x10000000
    if not tiny_ok:
        suspect |= (bits & 0x7FFFFFFFFFFFFFFF) < 0x3820000000000000  # |s| < 2**-125
    if suspect.any():
        a, b, c = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (a, b, c)))
        out[suspect] = _fma32_exact(a[suspect], b[suspect], c[suspect])
    return out


def _fma32_unchecked(a, b, c) -> np.ndarray:
    """float32 fused multiply-add where the float64 sum is known never to sit halfway
    between two float32 numbers, so rounding it to float32 rounds correctly."""
    s = np.multiply(a, b, dtype=np.float64)
    s += c
    return s.astype(np.float32)


_SPLITTER = 134217729.0  # 2**27 + 1, splits a double into two 26-bit halves


def _two_prod(a, b):
    """p = fl(a * b) and the exact error, by Dekker's splitting (no overflow assumed)."""
    p = a * b
    t = _SPLITTER * a
    ah = t - (t - a)
    al = a - ah
    t = _SPLITTER * b
    bh = t - (t - b)
    bl = b - bh
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    return p, e


def _fma64(a, b, c) -> np.ndarray:
    """float64 ``a * b + c`` with a single rounding (Boldo and Melquiond's emulation).

    Exact zeros take the sign plain arithmetic gives them (which is the fused
    one), and operands so small or large that the error terms would underflow
    or overflow are done in exact rational arithmetic instead.
    """
    a, b, c = np.broadcast_arrays(
        np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64), np.asarray(c, dtype=np.float64)
    )
    shape = a.shape
    a, b, c = a.ravel(), b.ravel(), c.ravel()
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        uh, ul = _two_prod(a, b)
        th, tl = _two_sum(c, uh)
        v, ve = _two_sum(tl, ul)
        out = th + _round_to_odd(v, ve)
        plain = a * b + c
    out = np.where(out == 0, plain, out)
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), np.abs(c))
    odd = ~np.isfinite(out) | ~np.isfinite(scale) | (np.abs(uh) < 2.0**-900) | (scale > 2.0**900)
    odd &= (a != 0) & (b != 0)  # with a zero factor the plain result is exact
    for i in np.nonzero(odd)[0]:
        out[i] = _fma_exact(float(a[i]), float(b[i]), float(c[i]))
    return out.reshape(shape)


def _fma_exact(a: float, b: float, c: float) -> float:
    """One correctly rounded a*b + c through exact fractions (slow; for rare operands)."""
    from fractions import Fraction  # (rarely needed; slow to import)

    if not (math.isfinite(a) and math.isfinite(b) and math.isfinite(c)):
        return a * b + c
    exact = Fraction(a) * Fraction(b) + Fraction(c)
    if exact == 0:
        return a * b + c
    try:
        return float(exact)  # Fraction -> float rounds correctly, subnormals included
    except OverflowError:
        return math.inf if exact > 0 else -math.inf


def fma(a, b, c, out=None):
    """``a * b + c`` rounded once, in the floating dtype of ``c`` (an array); ``a`` and ``b`` may
    be arrays or numbers and broadcast against it. What PyTorch's multiply-add kernels give.
    ``out`` (which may be ``c`` itself) receives the result."""
    dt = c.dtype
    if dt == np.float32:  # an optimizer's step, p + lr * g: by far the most common call
        if np.ndim(b) == 0:
            a, b = b, a
        if np.ndim(a) == 0 and np.shape(b) == c.shape:
            b = np.asarray(b, dt)
            if a == 1:
                return np.add(b, c, out=out)  # one rounding already (momentum without dampening)
            if out is None or out.flags.c_contiguous:
                return _fma32_by_number(a, b, c, out)
    a, b, c = np.broadcast_arrays(np.asarray(a, dt), np.asarray(b, dt), c)
    shape = c.shape
    a, b, c = a.reshape(-1), b.reshape(-1), c.reshape(-1)  # (the helpers need at least one dim)
    with np.errstate(all="ignore"):  # inf and nan pass through silently, as in PyTorch
        result = (_fma32(a, b, c) if dt == np.float32 else _fma64(a, b, c)).reshape(shape)
    if out is None:
        return result
    out[...] = result
    return out


_BLOCK = 1 << 15  # elements: a block's float64 scratch (256 KiB) stays in the cache


def _fma32_by_number(a, b, c, out=None):
    """float32 ``a * b + c`` for a number ``a`` and float32 arrays of one shape: ``_fma32``'s
    method, done block by block in reused scratch memory (for large parameters, allocating the
    float64 temporaries costs more than the arithmetic). ``out`` may be ``c``."""
    a = np.float64(np.float32(a))
    result = np.empty(c.shape, np.float32) if out is None else out
    b, c, flat_out = b.reshape(-1), c.reshape(-1), result.reshape(-1)
    s = np.empty(min(c.size, _BLOCK), np.float64)
    low = np.empty(s.size, np.uint64)
    with np.errstate(all="ignore"):
        for i in range(0, c.size, _BLOCK):
            j = min(i + _BLOCK, c.size)
            ss, lo = s[: j - i], low[: j - i]
            np.multiply(b[i:j], a, out=ss)  # exact
            ss += c[i:j]  # rounded once, in float64
            # Rounding to float32 afterwards is right unless the float64 sum sits exactly halfway
            # between two float32 numbers, or is a nonzero number in float32's subnormal range.
            bits = ss.view(np.uint64)
            np.bitwise_and(bits, 0x1FFFFFFF, out=lo)
            suspect = lo == 0x10000000
            np.bitwise_and(bits, 0x7FFFFFFFFFFFFFFF, out=lo)
            lo -= 1  # (so that an exact zero, now the largest value, is not taken as tiny)
            suspect |= lo < 0x3820000000000000 - 1
            where = i + np.nonzero(suspect)[0] if suspect.any() else None
            if where is not None:  # (computed before the block is written: out may be c)
                exact = _fma32_exact(a, b[where].astype(np.float64), c[where].astype(np.float64))
            flat_out[i:j] = ss
            if where is not None:
                flat_out[where] = exact
    return result
