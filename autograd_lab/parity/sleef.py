"""PyTorch's float pow, bit for bit: SLEEF's vectorised pow ported to numpy, and which elements
PyTorch's CPU loop hands to it.

PyTorch 2.13 on an AVX2 CPU computes ``x ** y`` of float32 (float64) tensors, for an exponent
without a shortcut of its own (``ops/powers.py``), eight (four) elements at a time with SLEEF
3.8's ``Sleef_powf8_u10`` (``Sleef_powd4_u10``), and the elements its loop leaves over with the
C library's ``pow``. SLEEF's result differs from the C library's in the last bit for about 1.8%
of float32 elements (1.6% in float64), and for a number exponent the vectorised path takes it
rounded to float32 where the C library's gets a double (``x ** 0.3``: 25% of elements differ),
so both are needed, each where PyTorch uses it.

SLEEF (Boost licence) computes ``pow(x, y) = exp(y * log|x|)`` in double-single (double-double)
arithmetic: a number held as an unevaluated sum ``hi + lo`` of two floats, which carries twice
the precision; then patches the special cases (zeros, infinities, nan, negative bases). Each
float operation here is the one SLEEF performs, with the same rounding: float32 arithmetic is
numpy's float32 arithmetic, a fused multiply-add (``fma``, ``x * y - z`` as ``fms``) is
rounded once (``parity/fma.py``). Written from SLEEF's algorithm, not copied.
"""
import threading
from collections import OrderedDict

import numpy as np

from .fma import _fma32_exact, _fma64, _two_prod

_F = np.float32
_I = np.int32
_D = np.float64


# -- building blocks -----------------------------------------------------------------------------
# A float32 fused multiply-add is done in float64, where the product is exact and the sum is
# rounded once; rounding that to float32 is right unless it sits exactly halfway between two
# float32 numbers. powf_u10 keeps each call's float64 sums and checks them all in one pass at the
# end, redoing the rare elements that had such a sum with every multiply-add exact.
# (parity/fma.py's _fma32 also redoes sums in float32's subnormal range: here only correction
# terms many orders below the result get that small, and a last-bit change there cannot reach
# the result.)
_pending = threading.local()  # .sums: the float64 sums of the float32 call under way, or None


def _fma(a, b, c, exact_in_double=False):
    """``a * b + c``, rounded once, in the operands' precision. ``exact_in_double``: float32
    operands whose float64 sum is exact, as in the error terms of double-single products (a
    product's low part times a number, plus a rounding error: at most 47 bits from the top
    one down), so the sum needs no check."""
    if np.result_type(a, b, c) != _F:
        return _fma64(a, b, c)
    sums = getattr(_pending, "sums", None)
    if sums is None:  # the exact pass
        a, b, c = np.broadcast_arrays(*(np.asarray(v, _D) for v in (a, b, c)))
        return _fma32_exact(a, b, c)
    s = np.multiply(a, b, dtype=_D)
    s += c
    if not exact_in_double:
        sums.append((s, a, b, c))
    return s.astype(_F)


def _rounded_twice(sums):
    """Which elements had a float32 multiply-add whose float64 sum, inexact, sat exactly halfway
    between two float32 numbers (so rounding it to float32 may differ from rounding once)."""
    halfway = (np.stack([s for s, *_ in sums]).view(np.int64) & 0x1FFFFFFF) == 0x10000000
    wrong = np.zeros(halfway.shape[1], bool)
    for k in np.flatnonzero(halfway.any(axis=1)):  # (an exact sum at a halfway point is fine)
        s, a, b, c = sums[k]
        i = np.flatnonzero(halfway[k])
        p = np.multiply(*(v[i] if np.ndim(v) else v for v in (a, b)), dtype=_D)
        c = c[i] if np.ndim(c) else c
        s = s[i]
        v = s - p
        wrong[i[((p - (s - v)) + (c - v)) != 0]] = True  # 2Sum: the error of p + c
    return wrong


def _fms(a, b, c):
    """``a * b - c``, rounded once, where ``c`` is ``a * b`` rounded: the product's rounding
    error, which is exact (in float64 for float32 operands; by Dekker's splitting in float64)."""
    if np.result_type(a, b, c) == _F:
        return (np.multiply(a, b, dtype=_D) - c).astype(_F)
    return _two_prod(a, b)[1]


def _bits(x):
    return x.view(_I)


def _float(bits):
    return bits.view(_F)


def _rint_i32(u):
    """float -> int32, rounding half to even (``cvtps2dq``); out of range or nan gives INT_MIN."""
    ok = np.abs(u) < _F(2.0**31)
    return np.where(ok, np.rint(np.where(ok, u, 0)), -(2**31)).astype(_I)


def _trunc_i32(u):
    ok = np.abs(u) < _F(2.0**31)
    return np.where(ok, np.trunc(np.where(ok, u, 0)), -(2**31)).astype(_I)


# double-single (double-double) arithmetic: a pair (hi, lo) of float32 (float64) arrays, hi + lo
# unevaluated
def _df_add2_ff(x, y):
    """x + y as a pair, any magnitudes (2Sum)."""
    s = x + y
    v = s - x
    return s, (x - (s - v)) + (y - v)


def _df_add2_pf(x, y):
    s = x[0] + y
    v = s - x[0]
    return s, ((x[0] - (s - v)) + (y - v)) + x[1]


def _df_add_fp(x, y):
    s = x + y[0]
    return s, ((x - s) + y[0]) + y[1]


def _df_add_pp(x, y):
    """x + y when |x| >= |y|."""
    s = x[0] + y[0]
    return s, (((x[0] - s) + y[0]) + x[1]) + y[1]


def _df_add2_pp(x, y):
    s = x[0] + y[0]
    v = s - x[0]
    t = (x[0] - (s - v)) + (y[0] - v)
    return s, t + (x[1] + y[1])


def _df_normalize(x):
    s = x[0] + x[1]
    return s, (x[0] - s) + x[1]


def _df_scale(x, s):
    return x[0] * s, x[1] * s


def _df_mul_pf(x, y):
    s = x[0] * y
    return s, _fma(x[1], y, _fms(x[0], y, s), exact_in_double=True)


def _df_mul_pp(x, y):
    s = x[0] * y[0]
    return s, _fma(x[0], y[1], _fma(x[1], y[0], _fms(x[0], y[0], s), True), True)


def _df_sqr(x):
    s = x[0] * x[0]
    return s, _fma(x[0] + x[0], x[1], _fms(x[0], x[0], s), exact_in_double=True)


def _df_div(n, d):
    t = 1 / d[0]
    s = n[0] * t
    u = _fms(t, n[0], s)
    v = _fma(-d[1], t, _fma(-d[0], t, 1, True), True)  # 1 - d t, about 2**-24
    return s, _fma(s, v, _fma(n[1], t, u, True), True)


def _ldexp_f(x, q):  # (float32)
    """x * 2**q for int32 q, in SLEEF's steps (four multiplications by a clamped power of two,
    then one by the rest), which round as SLEEF does where the result is subnormal."""
    m = q >> 31
    m = (((m + q) >> 6) - m) << 4
    q = q - (m << 2)
    m = m + 0x7F
    m = np.where(m > 0, m, 0)
    m = np.where(m > 0xFF, 0xFF, m).astype(_I)
    u = _float(m << 23)
    x = x * u * u * u * u
    return x * _float(((q + 0x7F) << 23).astype(_I))


_LN2_HI, _LN2_LO = _F(0.69314718246459960938), _F(-1.904654323148236017e-09)


def _logkf(d):
    """log(d) for d >= 0 as a double-single pair (SLEEF's ``logkf``)."""
    tiny = d < _F(1.17549435e-38)
    d = np.where(tiny, d * _F(2.0**64), d)
    e = ((_bits(d * _F(1 / 0.75)) >> 23) & 0xFF) - 0x7F  # exponent of d / 0.75
    m = _float(_bits(d) - (e << 23))  # d / 2**e, in [0.75, 1.5)
    e = np.where(tiny, e - 64, e).astype(_I)
    x = _df_div(_df_add2_ff(_F(-1), m), _df_add2_ff(_F(1), m))  # (m - 1) / (m + 1)
    x2 = _df_sqr(x)
    t = _fma(_F(0.240320354700088500976562), x2[0], _F(0.285112679004669189453125))
    t = _fma(t, x2[0], _F(0.400007992982864379882812))
    c = (_F(0.66666662693023681640625), _F(3.69183861259614332084311e-09))
    s = _df_mul_pf((_LN2_HI, _LN2_LO), e.astype(_F))
    s = _df_add_pp(s, _df_scale(x, _F(2)))
    return _df_add_pp(s, _df_mul_pp(_df_mul_pp(x2, x), _df_add2_pp(_df_mul_pf(x2, t), c)))


def _expkf(d):
    """exp of a double-single pair, as float32 (SLEEF's ``expkf``)."""
    q = _rint_i32((d[0] + d[1]) * _F(1.442695040888963407359924681001892137426645954152985934135449406931))
    qf = q.astype(_F)
    s = _df_add2_pf(d, qf * _F(-0.693145751953125))
    s = _df_add2_pf(s, qf * _F(-1.428606765330187045e-06))
    s = _df_normalize(s)
    u = _F(0.00136324646882712841033936)
    for c in (0.00836596917361021041870117, 0.0416710823774337768554688,
              0.166665524244308471679688, 0.499999850988388061523438):
        u = _fma(u, s[0], _F(c))
    t = _df_add_pp(s, _df_mul_pf(_df_sqr(s), u))
    t = _df_add_fp(_F(1), t)
    u = _ldexp_f(t[0] + t[1], q)
    return np.where(d[0] < _F(-104), _F(0), u)


def _mulsign(x, y):
    """x with its sign flipped where y's sign bit is set."""
    return _float(_bits(x) ^ (_bits(y) & _I(-(2**31))))


def powf_u10(x, y):
    """``Sleef_powf8_u10``: float32 x ** y, element-wise (1-d arrays of one length)."""
    x, y = np.asarray(x, _F), np.asarray(y, _F)
    with np.errstate(all="ignore"):
        _pending.sums = []
        try:
            result = _powf(x, y)
            sums = _pending.sums
        finally:
            _pending.sums = None
        redo = np.flatnonzero(_rounded_twice(sums))
        if redo.size:
            result[redo] = _powf(x[redo], y[redo])  # every multiply-add exact
        return result


def _powf(x, y):
    ay = np.abs(y)
    result = _expkf(_df_mul_pf(_logkf(np.abs(x)), y))
    result[np.isnan(result)] = np.inf
    if (x > 0).all() and (x < np.inf).all() and (ay < np.inf).all():
        return result  # (y == 0 and x == 1 gave 1 already)
    # the special cases, each patched where it occurs, in SLEEF's order
    not_positive = ~(x > 0)
    if not_positive.any():  # a negative base: -1 for an odd y, 1 for an even one, nan otherwise
        yisint = (np.trunc(y) == y) | (ay > _F(2**24))
        yisodd = ((_trunc_i32(y) & 1) == 1) & yisint & (ay < _F(2**24))
        sign = np.where(yisint, np.where(yisodd, _F(-1), _F(1)), _F(np.nan))
        result = result * np.where(not_positive, sign, _F(1))
    else:
        yisodd = np.zeros(y.shape, bool)
    at_inf_y = np.isinf(y)
    if at_inf_y.any():
        efx = _mulsign(np.abs(x) - _F(1), y)  # |x| - 1, negated for a negative y
        limit = np.where(efx < 0, _F(0), np.where(efx == 0, _F(1), _F(np.inf)))
        result = np.where(at_inf_y, limit, result)
    edge = np.isinf(x) | (x == 0)
    if edge.any():
        zero_or_inf = np.where(np.signbit(y) ^ (x == 0), _F(0), _F(np.inf))
        result = np.where(edge, _mulsign(zero_or_inf, np.where(yisodd, x, _F(1))), result)
    nan = np.isnan(x) | np.isnan(y)
    if nan.any():
        result = np.where(nan, _float(np.full(result.shape, -1, _I)), result)
    return np.where((y == 0) | (x == 1), _F(1), result)


# -- float64: Sleef_powd4_u10, the same steps in double-double ------------------------------------
def _logk(d):
    """log(d) for d >= 0 as a double-double pair (SLEEF's ``logk``)."""
    tiny = d < 2.0**-1022
    d = np.where(tiny, d * 2.0**64, d)
    bits = d.view(np.int64)
    e = (((d * (1 / 0.75)).view(np.int64) >> 52) & 0x7FF) - 0x3FF
    m = (bits - (e << 52)).view(_D)
    e = np.where(tiny, e - 64, e)
    x = _df_div(_df_add2_ff(_D(-1), m), _df_add2_ff(_D(1), m))
    x2 = _df_sqr(x)
    x1, x4 = x2[0], x2[0] * x2[0]
    x8 = x4 * x4
    x16 = x8 * x8
    c = [0.116255524079935043668677, 0.103239680901072952701192, 0.117754809412463995466069,
         0.13332981086846273921509, 0.153846227114512262845736, 0.181818180850050775676507,
         0.222222222230083560345903, 0.285714285714249172087875, 0.400000000000000077715612]
    t = _fma(x16, _D(c[0]), _estrin8(x1, x4, x8, c[1:]))
    s = _df_mul_pf((_D(0.693147180559945286226764), _D(2.319046813846299558417771e-17)), e.astype(_D))
    s = _df_add_pp(s, _df_scale(x, _D(2)))
    x = _df_mul_pp(x2, x)
    s = _df_add_pp(s, _df_mul_pp(x, (_D(0.666666666666666629659233), _D(3.80554962542412056336616e-17))))
    x = _df_mul_pp(x2, x)
    return _df_add_pp(s, _df_mul_pf(x, t))


def _estrin2(x, c):
    return _fma(x, np.full_like(x, c[0]), _D(c[1]))


def _estrin4(x, x2, c):
    return _fma(x2, _estrin2(x, c[:2]), _estrin2(x, c[2:]))


def _estrin8(x, x2, x4, c):
    """c[0] x^7 + ... + c[7] by Estrin's scheme, SLEEF's grouping of its multiply-adds."""
    return _fma(x4, _estrin4(x, x2, c[:4]), _estrin4(x, x2, c[4:]))


def _expk(d):
    """exp of a double-double pair (SLEEF's ``expk``)."""
    u = (d[0] + d[1]) * _D(1.442695040888963407359924681001892137426645954152985934135449406931)
    dq = np.rint(u)
    ok = np.abs(dq) < 2.0**31
    q = np.where(ok, dq, -(2.0**31)).astype(np.int64)  # (cvtpd2dq: INT_MIN when out of range)
    s = _df_add2_pf(d, dq * _D(-0.69314718055966295651160180568695068359375))
    s = _df_add2_pf(s, dq * _D(-0.28235290563031577122588448175013436025525412068e-12))
    s = _df_normalize(s)
    s1 = s[0]
    s2 = s1 * s1
    s4 = s2 * s2
    s8 = s4 * s4
    c = [2.51069683420950419527139e-08, 2.76286166770270649116855e-07, 2.75572496725023574143864e-06,
         2.48014973989819794114153e-05, 0.000198412698809069797676111, 0.0013888888939977128960529,
         0.00833333333332371417601081, 0.0416666666665409524128449, 0.166666666666666740681535,
         0.500000000000000999200722]
    u = _fma(s8, _estrin2(s1, c[:2]), _estrin8(s1, s2, s4, c[2:]))
    t = _df_add_fp(_D(1), s)
    t = _df_add_pp(t, _df_mul_pf(_df_sqr(s), u))
    u = t[0] + t[1]
    half = q >> 1  # ldexp in two steps, 2**(q//2) * 2**(q - q//2)
    u = u * ((half + 0x3FF) << 52).view(_D) * ((q - half + 0x3FF) << 52).view(_D)
    return np.where(d[0] < -1000, _D(0), u)


_LOG_DBL_MAX = float.fromhex("0x1.62e42fefa39efp+9")  # log of the largest double


def powd_u10(x, y):
    """``Sleef_powd4_u10``: float64 x ** y, element-wise (arrays of one shape)."""
    x, y = np.asarray(x, _D), np.asarray(y, _D)
    with np.errstate(all="ignore"):
        yisint = np.rint(y) == y
        yisodd = (np.rint(y * 0.5) != y * 0.5) & yisint
        # (zeros, infinities and nan are patched below: 1 in their place keeps the arithmetic
        # on ordinary numbers, where the emulated multiply-adds are fast)
        odd_x = ~np.isfinite(x) | (x == 0)
        odd_y = ~np.isfinite(y)
        d = _df_mul_pf(_logk(np.where(odd_x, _D(1), np.abs(x))), np.where(odd_y, _D(1), y))
        far = np.abs(d[0]) > 2000  # exp overflows or underflows whatever the low bits
        result = _expk((np.where(far, _D(0), d[0]), np.where(far, _D(0), d[1])))
        result = np.where(far & (d[0] < 0), _D(0), result)
        result = np.where(d[0] > _LOG_DBL_MAX, _D(np.inf), result)
        sign = np.where(yisint, np.where(yisodd, _D(-1), _D(1)), _D(np.nan))
        result = result * np.where(x > 0, _D(1), sign)
        efx = _mulsign_d(np.abs(x) - 1, y)
        at_inf_y = np.where(efx < 0, _D(0), np.where(efx == 0, _D(1), _D(np.inf)))
        result = np.where(np.isinf(y), at_inf_y, result)
        zero_or_inf = np.where(np.signbit(y) ^ (x == 0), _D(0), _D(np.inf))
        edge = _mulsign_d(zero_or_inf, np.where(yisodd, x, _D(1)))
        result = np.where(np.isinf(x) | (x == 0), edge, result)
        result = np.where(np.isnan(x) | np.isnan(y), np.full(result.shape, -1, np.int64).view(_D), result)
        return np.where((y == 0) | (x == 1), _D(1), result)


def _mulsign_d(x, y):
    return (x.view(np.int64) ^ (y.view(np.int64) & np.int64(-(2**63)))).view(_D)


# -- which elements PyTorch's loop gives SLEEF ---------------------------------------------------
# PyTorch's element-wise CPU loop (TensorIterator, aten/src/ATen/native/cpu/Loops.h) orders the
# dimensions by stride, merges those that are contiguous with each other into rows, and runs
# the vectorised function over each row two vectors (16 float32 or 8 float64 numbers on AVX2)
# at a time when every operand steps one element along the row (or one operand is a single
# number); the last row % 16 elements, and every element of a row that is not contiguous, go
# through the scalar function: the C library's pow. One thread (autograd_lab's
# get_num_threads), so rows are not split between threads.
_BLOCK_ELEMENTS = {np.dtype(np.float32): 16, np.dtype(np.float64): 8}


def _c_contiguous(shape, strides, itemsize):
    step = itemsize
    for size, stride in zip(reversed(shape), reversed(strides)):
        if size != 1 and stride != step:
            return False
        step *= size
    return True


def _loop_dims(shape, strides):
    """The dimension order PyTorch's loop runs (innermost first): by increasing stride, an
    operand broadcast along one of two dimensions giving no opinion on them."""
    perm = list(range(len(shape)))[::-1]

    def should_swap(d0, d1):
        for st in strides:
            s0, s1 = st[d0], st[d1]
            if s0 == 0 or s1 == 0:
                continue
            if s0 != s1:
                return 1 if s0 > s1 else -1
            if shape[d0] > shape[d1]:
                return 1
        return 0

    for i in range(1, len(perm)):
        d1 = i
        for d0 in range(i - 1, -1, -1):
            c = should_swap(perm[d0], perm[d1])
            if c > 0:
                perm[d0], perm[d1] = perm[d1], perm[d0]
                d1 = d0
            elif c < 0:
                break
    return perm


def _vector_lanes(shape, strides, itemsize, block):
    """Which elements (of the broadcast ``shape``; ``strides`` in bytes, 0 where broadcast, one
    tuple per input) PyTorch's loop computes with the vectorised function: an int k, meaning the
    first k in C order, or a boolean array."""
    n = int(np.prod(shape, dtype=np.int64))
    if all(_c_contiguous(shape, st, itemsize) for st in strides):
        return n // block * block  # one row of n elements
    perm = _loop_dims(shape, strides)
    if len(set(strides)) == 1 and all(s > 0 for s in strides[0]):
        # non-overlapping and dense, every input alike (a transposed tensor): one row in memory order
        st = strides[0]
        dense = sorted((st[d], shape[d]) for d in range(len(shape)) if shape[d] != 1)
        step = itemsize
        for s, size in dense:
            if s != step:
                break
            step *= size
        else:
            return _positions(shape, [d for d in perm if shape[d] != 1]) < n // block * block
    # merge the inner dimensions into a row while each steps on from the one inside it
    row, length, inner = [perm[0]], shape[perm[0]], [st[perm[0]] for st in strides]
    for d in perm[1:]:
        prev = row[-1]
        if shape[prev] != 1 and shape[d] != 1 and any(
            st[prev] * shape[prev] != st[d] for st in strides
        ):
            break
        if length == 1:
            inner = [st[d] for st in strides]
        row.append(d)
        length *= shape[d]
    contiguous = [s == itemsize for s in inner]
    if not (all(contiguous) or (sum(s == 0 for s in inner) == 1 and sum(contiguous) == len(inner) - 1)):
        return 0
    return _positions(shape, row) < length // block * block


def _positions(shape, dims):
    """Each element's place along the row made of ``dims`` (innermost first)."""
    pos = np.zeros(shape, np.int64)
    step = 1
    for d in dims:
        view = [1] * len(shape)
        view[d] = shape[d]
        pos = pos + (np.arange(shape[d], dtype=np.int64) * step).reshape(view)
        step *= shape[d]
    return pos


# The port costs about 0.3 us an element and 0.5 ms a call (some 250 numpy operations), where
# numpy's pow costs a few ns an element. Programs often raise one fixed tensor to a power at every
# step (a polynomial's features, `x ** 4` in a 30,000-step loop), so the last few small results
# are kept, keyed by their inputs' exact bytes and layout: a repeated call copies the result.
_MEMO = OrderedDict()
_MEMO_ENTRIES, _MEMO_MAX_ELEMENTS = 8, 1 << 14


def _memo_key(shape, operands, dtype, c_order_out, vectorised, scalar):
    scalar_name = getattr(scalar, "__qualname__", scalar.__name__)  # (pow in double, or powf)
    key = [vectorised.__name__, scalar_name, np.dtype(dtype).str, shape, c_order_out]
    for x in operands:
        if isinstance(x, np.ndarray):
            key += [x.dtype.str, x.shape, x.strides, x.tobytes()]
        else:
            key.append((type(x), x))  # (a nan never matches: a miss, not a wrong answer)
    return tuple(key)


def _route(shape, operands, dtype, vectorised, scalar, c_order_out=False):
    """``_routed`` below, its recent small results remembered."""
    if int(np.prod(shape, dtype=np.int64)) > _MEMO_MAX_ELEMENTS:
        return _routed(shape, operands, dtype, vectorised, scalar, c_order_out)
    key = _memo_key(shape, operands, dtype, c_order_out, vectorised, scalar)
    out = _MEMO.pop(key, None)
    if out is None:
        out = _routed(shape, operands, dtype, vectorised, scalar, c_order_out)
    _MEMO[key] = out  # (now the most recent)
    while len(_MEMO) > _MEMO_ENTRIES:
        try:
            _MEMO.popitem(last=False)
        except KeyError:  # (emptied meanwhile by another thread)
            break
    return out.copy(order="K")


def _routed(shape, operands, dtype, vectorised, scalar, c_order_out=False):
    """``vectorised`` where PyTorch's loop uses SLEEF, ``scalar`` elsewhere, both called on
    flat arrays of the broadcast operands. ``c_order_out``: PyTorch made the output before the
    loop, C-contiguous (it then has the first say in the order of dimensions)."""
    dtype = np.dtype(dtype)
    arrays = [np.broadcast_to(np.asarray(x, dtype), shape) for x in operands]
    # (a number, or a 0-d tensor, steps nowhere: the loop takes it as its one scalar operand)
    strides = [a.strides for x, a in zip(operands, arrays) if np.ndim(x)]
    if c_order_out and strides:
        strides.insert(0, tuple(int(np.prod(shape[i + 1:])) * dtype.itemsize for i in range(len(shape))))
    lanes = _vector_lanes(shape, strides, dtype.itemsize, _BLOCK_ELEMENTS[dtype]) if strides else 0
    if c_order_out or not strides or all(_c_contiguous(shape, st, dtype.itemsize) for st in strides):
        out = np.empty(shape, dtype)
    else:  # laid out as the loop runs (a transposed input gives a transposed result)
        outer_first = _loop_dims(shape, strides)[::-1]
        out = np.empty([shape[d] for d in outer_first], dtype).transpose(np.argsort(outer_first))
    if isinstance(lanes, (int, np.integer)):  # the first `lanes` elements in C order
        flat = out.reshape(-1) if out.flags.c_contiguous else np.empty(out.size, dtype)
        cols = [a.reshape(-1) for a in arrays]
        if lanes:
            _in_blocks(vectorised, [c[:lanes] for c in cols], flat[:lanes])
        if lanes < flat.size:
            flat[lanes:] = scalar(*(c[lanes:] for c in cols))
        if not out.flags.c_contiguous:
            out[...] = flat.reshape(shape)
        return out
    if lanes.any():
        columns = [a[lanes] for a in arrays]
        out[lanes] = _in_blocks(vectorised, columns, np.empty(columns[0].size, dtype))
    rest = ~lanes
    if rest.any():
        out[rest] = scalar(*(a[rest] for a in arrays))
    return out


_BLOCK = 8192  # elements: a block's temporaries stay in the processor's cache


def _in_blocks(f, columns, out):
    """out[:] = f(*columns), block by block (1-d arrays)."""
    for i in range(0, out.size, _BLOCK):
        out[i : i + _BLOCK] = f(*(c[i : i + _BLOCK] for c in columns))
    return out


def pow_number(a, exponent):
    """PyTorch's ``a ** exponent`` for a float32 or float64 array and a number without a
    shortcut: SLEEF with the exponent in the array's dtype, the C library's pow in double (the
    scalar path converts x to double: ``(float) pow((double) x, exponent)``)."""
    vectorised = powf_u10 if a.dtype == np.float32 else powd_u10
    e = float(exponent)

    def scalar(x, y):
        return np.power(x.astype(np.float64), e).astype(a.dtype)

    with np.errstate(all="ignore"):
        return _route(a.shape, [a, e], a.dtype, vectorised, scalar)


def pow_arrays(base, exponent, dtype):
    """PyTorch's ``base ** exponent`` of arrays (or a number and an array) with a float32 or
    float64 result ``dtype``: both converted to it, SLEEF or the C library's powf/pow. (For a
    number ``base``, PyTorch's ``pow(Scalar, Tensor)`` makes a C-contiguous output first.)"""
    shape = np.broadcast_shapes(np.shape(base), np.shape(exponent))
    vectorised = powf_u10 if np.dtype(dtype) == np.float32 else powd_u10
    number_base = not isinstance(base, np.ndarray)
    with np.errstate(all="ignore"):
        return _route(shape, [base, exponent], dtype, vectorised, np.power, c_order_out=number_base)
