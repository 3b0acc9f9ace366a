"""Box-Muller as PyTorch's CPU kernels compute it, so that ``randn`` gives PyTorch's numbers bit
for bit: float64 through the C library's log, cos and sin; float32 in blocks of 16 through
PyTorch's AVX2 polynomial log and sincos (written out below in numpy, fused multiply-adds where the
compiled kernel fuses them). Used by random.py's normal fill (see its docstring for the rules).
"""
import math

import numpy as np

from .fma import _fma32, _fma32_unchecked, _fma64


# --------------------------------------------------------- C library log, log1p, cos and sin

_NP_TRIG_IS_LIBM = None


def _np_trig_is_libm() -> bool:
    """Whether numpy's float64 cos/sin give exactly the C library's results on this machine."""
    global _NP_TRIG_IS_LIBM
    if _NP_TRIG_IS_LIBM is None:
        x = np.linspace(0.0, 2 * np.pi, 4099)[1:-1] + 1e-9
        xs = x.tolist()
        same = np.array_equal(np.cos(x), [math.cos(v) for v in xs]) and np.array_equal(
            np.sin(x), [math.sin(v) for v in xs]
        )
        _NP_TRIG_IS_LIBM = bool(same)
    return _NP_TRIG_IS_LIBM


def _libm(fn, x: np.ndarray) -> np.ndarray:
    """Apply a ``math`` function (the C library's) elementwise; numpy's own differ in the last bit."""
    flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
    return np.fromiter(map(fn, flat.tolist()), dtype=np.float64, count=flat.size).reshape(np.shape(x))


def _cos_sin64(theta: np.ndarray):
    if _np_trig_is_libm():
        return np.cos(theta), np.sin(theta)
    return _libm(math.cos, theta), _libm(math.sin, theta)


# ------------------------------------------------- float32 log and sincos (PyTorch's AVX2 kernel)

_F = np.float32
_LOG_POLY = [_F(v) for v in (
    7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
    -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
)]
_LOG_Q1 = _F(-2.12194440e-4)
_LOG_Q2 = _F(0.693359375)
_SQRT_HALF = _F(0.707106781186547524)
_FOUR_OVER_PI = _F(1.27323954473516)
_DP1, _DP2, _DP3 = _F(-0.78515625), _F(-2.4187564849853515625e-4), _F(-3.77489497744594108e-8)
_COS_POLY = [_F(2.443315711809948e-5), _F(-1.388731625493765e-3), _F(4.166664568298827e-2)]
_SIN_POLY = [_F(-1.9515295891e-4), _F(8.3321608736e-3), _F(-1.6666654611e-1)]
_TWO_PI_F32 = _F(2.0 * math.pi)
_ONE, _HALF = _F(1.0), _F(0.5)


_LOG_POLY64 = [float(v) for v in _LOG_POLY]
# Indexed by j = trunc(x * 4/pi), 0..8 for angles in [0, 2 pi]: the multiple of pi/4 the
# kernel reduces by ((j + 1) & ~1), whether the sine polynomial gives the sine, and the
# signs it applies to sin and cos.
_OCTANT_Y = np.array([0, 2, 2, 4, 4, 6, 6, 8, 8], dtype=np.float32)
_OCTANT_SIN_POLY = np.array([True, False, False, True, True, False, False, True, True])
_OCTANT_SIN_SIGN = np.array([1, 1, 1, -1, -1, -1, -1, 1, 1], dtype=np.float32)
_OCTANT_COS_SIGN = np.array([1, -1, -1, -1, -1, 1, 1, 1, 1], dtype=np.float32)


def _log_avx(x: np.ndarray) -> np.ndarray:
    """Natural log of float32 values in (0, 1], rounding exactly like PyTorch's AVX2 ``log256_ps``.

    x = m * 2**e with m in [sqrt(1/2), sqrt(2)), t = m - 1, and
    log x = t - t**2/2 + t**3 P(t) + e*q1 + e*q2 with q1 + q2 = log 2.

    The fused multiply-adds are done in float64 and rounded once to float32
    without a test for float64 sums that sit exactly halfway between two
    float32 numbers: for the 2**24 inputs 1 - k/2**24 that the normal kernel
    can produce this was checked to give the correctly rounded fma every time
    (and for the Horner steps it holds for any input: t is a multiple of 2**-24
    and |y| > 2**-5, so the float64 sum is exact).
    """
    bits = x.view(np.int32)
    e = ((bits >> 23) - 126).astype(np.float32)
    m = ((bits & 0x007FFFFF) | 0x3F000000).view(np.float32)  # significand scaled into [0.5, 1)
    small = m < _SQRT_HALF  # then use 2m - 1 and one less in the exponent
    e -= small
    t = np.where(small, m + m, m)
    t -= _ONE  # exact either way
    t64 = t.astype(np.float64)
    s = t64 * _LOG_POLY64[0]
    s += _LOG_POLY64[1]
    y = s.astype(np.float32)
    for coef in _LOG_POLY64[2:]:
        np.multiply(y, t64, out=s)
        s += coef
        np.copyto(y, s, casting="unsafe")
    y *= t
    z = t * t
    y = _fma32_unchecked(y, z, e * _LOG_Q1)  # the compiler fused y*z with the e*q1 add
    z *= _HALF
    y -= z  # z*0.5 is exact: fused or not is the same
    t += y
    e *= _LOG_Q2  # fused in the binary, but e*q2 is exact in float32 (5 by 9 bits)
    t += e
    return t


def _sincos_avx(x: np.ndarray):
    """sin and cos of float32 angles in [0, 2 pi], rounding exactly like PyTorch's AVX2 ``sincos256_ps``.

    Its fused multiply-adds are rounded without the halfway test (see
    ``_log_avx``): checked to be exact for all 2**24 angles the kernel can get.
    """
    j = (x * _FOUR_OVER_PI).astype(np.intp)  # truncation, as cvttps2dq (x >= 0 here)
    y = _OCTANT_Y[j]
    # Extended-precision reduction r = x - y * pi/4 in three fused steps.  y is an even
    # integer up to 8, so y*DP1 and y*DP2 are exact in float32 and those need no fma.
    r = y * _DP1
    r += x
    r += y * _DP2
    r = _fma32_unchecked(y, _DP3, r)
    z = r * r
    c = _fma32_unchecked(_COS_POLY[0], z, _COS_POLY[1])
    c = _fma32_unchecked(c, z, _COS_POLY[2])
    c *= z
    c = _fma32_unchecked(z, c, z * -_HALF)  # z*c*z - z/2 with the last product fused
    c += _ONE
    s = _fma32_unchecked(_SIN_POLY[0], z, _SIN_POLY[1])
    s = _fma32_unchecked(s, z, _SIN_POLY[2])
    s *= z
    s = _fma32_unchecked(s, r, r)
    use_sin_poly = _OCTANT_SIN_POLY[j]
    sin = np.where(use_sin_poly, s, c)
    cos = np.where(use_sin_poly, c, s)
    sin *= _OCTANT_SIN_SIGN[j]  # multiplying by -1 flips the sign bit, as the kernel's xor
    cos *= _OCTANT_COS_SIGN[j]
    return sin, cos


def _scale_into(v: np.ndarray, std: np.float32, mean: np.float32, dest: np.ndarray) -> None:
    """dest = fma(v, std, mean) in float32, with cheap exact shortcuts for the usual std=1 / mean=0."""
    if std == _ONE:
        np.add(v, mean, out=dest)  # v*1 is exact, so the fused result is one rounded add
    elif mean == 0 and abs(std) >= 2.0**-100:
        v *= std
        np.add(v, mean, out=dest)  # adding zero rounds nothing (and turns -0 into +0, as fma does)
    else:
        dest[...] = _fma32(v, std, mean)


def _box_muller16_f32(d: np.ndarray, mean: np.float32, std: np.float32, out: np.ndarray) -> None:
    """PyTorch's AVX2 Box-Muller over blocks of 16 float32 uniforms d (len(d) % 16 == 0) into out."""
    blocks = d.reshape(-1, 16)
    dest = out.reshape(-1, 16)
    u1 = np.subtract(_ONE, blocks[:, :8])  # [0, 1) -> (0, 1], exact
    theta = np.multiply(_TWO_PI_F32, blocks[:, 8:])
    radius = _log_avx(u1)
    radius *= _F(-2.0)
    np.sqrt(radius, out=radius)
    sin, cos = _sincos_avx(theta)
    cos *= radius
    sin *= radius
    _scale_into(cos, std, mean, dest[:, :8])
    _scale_into(sin, std, mean, dest[:, 8:])


def _box_muller16_f64(d: np.ndarray, mean: float, std: float) -> np.ndarray:
    """PyTorch's scalar Box-Muller over blocks of 16 float64 uniforms (C library log/cos/sin)."""
    blocks = d.reshape(-1, 16)
    u1 = 1.0 - blocks[:, :8]
    theta = (2.0 * math.pi) * blocks[:, 8:]
    radius = np.sqrt(-2.0 * _libm(math.log, u1))
    cos, sin = _cos_sin64(theta)
    out = np.empty_like(blocks)
    if std == 1.0:  # x*1 is exact, so the fused result is one rounded add
        out[:, :8] = radius * cos + mean
        out[:, 8:] = radius * sin + mean
    else:
        out[:, :8] = _fma64(radius * cos, std, mean)
        out[:, 8:] = _fma64(radius * sin, std, mean)
    return out.reshape(-1)
