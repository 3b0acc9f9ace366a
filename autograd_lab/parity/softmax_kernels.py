"""PyTorch's CPU softmax, log_softmax and sigmoid (float32 and float64), bit for bit.

PyTorch 2.13 on an AVX2 CPU computes these with its ``Vectorized`` code, not MKL: 8 floats
(4 doubles) at a time, ``exp`` and ``log`` from SLEEF 3.8 (``Sleef_expf8_u10``,
``Sleef_logf8_u10``, ``Sleef_expd4_u10``, ``Sleef_logd4_u10``), whose results differ from
numpy's in the last bit now and then, and sums in an order of their own. Over the last dim,
per row:

- the row's sum runs in lane accumulators (element i goes to lane i % lanes; a row shorter
  than the lanes is added left to right), then the lanes are combined: for float as a tree,
  ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)); for double one after the other;
- softmax: e = exp(x - max), then e * (1 / sum(e)) (a reciprocal, then a product);
- log_softmax: (x - max) - log(sum(exp(x - max))), two subtractions.
Over another dim the sum runs down each column, left to right; columns in whole groups of
lanes use SLEEF's exp, the rest the C library's; softmax divides by the sum. sigmoid is
1 / (1 + exp(-x)) with SLEEF's exp on blocks of twice the lanes of each contiguous run (the
whole tensor when dense) and the C library's exp on the elements left over. The gradients:
``softmax_backward`` and ``log_softmax_backward`` below, each saying where a multiply-add is
fused.

SLEEF's algorithms (Boost licence) are written here from their description, with every float
operation SLEEF performs and its rounding (a fused multiply-add rounds once: ``parity/fma.py``).
"""
import math
import os

import numpy as np

from . import mkl
from .fma import _fma32, _fma32_exact, _fma64 as _fma64_exact

_F = np.float32
_D = np.float64
_I = np.int32
_LANES = 8  # float32 lanes of an AVX2 register


# -- SLEEF's float32 exp and log (u10: within 1 ulp) ---------------------------------------------
def _pow2(q):
    """2**q as float32 for int32 q in float32's normal range."""
    return ((q + 0x7F) << 23).astype(_I).view(_F)


def sleef_expf(d):
    """e**d as ``Sleef_expf8_u10`` rounds it: d = q ln2 + s (ln2 in two parts, each step an
    FMA), a degree-7 polynomial in s, then scaled by 2**q in two halves."""
    d = np.asarray(d, _F)
    if d.size > _BLOCK:  # block by block: the temporaries stay in the processor's cache
        flat = np.ascontiguousarray(d).reshape(-1)
        out = np.empty_like(flat)
        for i in range(0, flat.size, _BLOCK):
            out[i:i + _BLOCK] = sleef_expf(flat[i:i + _BLOCK])
        return out.reshape(d.shape)
    with np.errstate(all="ignore"):
        doubtful = np.zeros(d.shape, bool)
        u = _expf(d, lambda a, b, c: _fma32_noted(a, b, c, doubtful))
        if doubtful.any():  # a multiply-add rounded twice: redo those elements, each one exact
            u[doubtful] = _expf(d[doubtful], _fma32_always_exact)
    return u


_BLOCK = 16384  # elements


def _fma32_noted(a, b, c, doubtful):
    """float32 a * b + c through a float64 sum, noting in ``doubtful`` where that sum, rounded
    (inexact), sits exactly halfway between two float32 numbers: rounding it again may then
    be wrong."""
    s = np.multiply(a, b, dtype=np.float64)
    s += c
    halfway = (s.view(np.int64) & 0x1FFFFFFF) == 0x10000000
    if halfway.any():
        i = np.flatnonzero(halfway.reshape(-1))
        a, b, c = (np.broadcast_to(v, s.shape).reshape(-1)[i] for v in (a, b, c))
        p = np.multiply(a, b, dtype=np.float64)
        t = s.reshape(-1)[i]
        v = t - p
        inexact = ((p - (t - v)) + (c - v)) != 0  # 2Sum: the error of p + c
        doubtful.reshape(-1)[i[inexact]] = True
    return s.astype(_F)


def _fma32_always_exact(a, b, c):
    """float32 a * b + c rounded once, by the slow exact method (for the few doubtful elements)."""
    shape = np.broadcast_shapes(np.shape(a), np.shape(b), np.shape(c))
    a, b, c = (np.broadcast_to(np.asarray(v, np.float64), shape) for v in (a, b, c))
    return _fma32_exact(a, b, c)


def _fma32_exact_sum(a, b, c):
    """float32 a * b + c where the float64 sum is exact (so rounding it to float32 rounds once)."""
    s = np.multiply(a, b, dtype=np.float64)
    s += c
    return s.astype(_F)


def _expf(d, fma):
    qf = np.rint(d * _F(1.442695040888963407359924681001892137426645954152985934135449406931))
    q = np.clip(qf, -256, 256).astype(_I)  # (beyond, the result is 0 or inf below)
    qf = q.astype(_F)
    # q * ln2's upper part (16 bits) is exact, and both sums fit a double: one rounding each
    s = _fma32_exact_sum(qf, _F(-0.693145751953125), d)
    s = _fma32_exact_sum(qf, _F(-1.428606765330187045e-06), s)
    u = _F(0.000198527617612853646278381)
    for c in (0.00139304355252534151077271, 0.00833336077630519866943359,
              0.0416664853692054748535156, 0.166666671633720397949219, 0.5):
        u = fma(u, s, _F(c))
    u = fma(s * s, u, s)
    u += _F(1)
    half = q >> 1
    u *= _pow2(half)
    u *= _pow2(q - half)
    special = ~(np.abs(d) <= _F(104))  # beyond +-104 (or nan)
    if special.any():
        u[special] = np.where(d[special] < 0, _F(0), _F(np.inf))
        nan = np.isnan(d)
        u[nan] = d[nan]  # (the nan itself, sign included, as the vector arithmetic passes it on)
    return u


def _fma64(a, b, c):
    a, b, c = np.broadcast_arrays(np.asarray(a, _D), np.asarray(b, _D), np.asarray(c, _D))
    return _fma64_exact(a, b, c)


def _pow2d(q):
    """2**q as float64 for int64 q in float64's normal range."""
    return ((q + 0x3FF) << 52).view(_D)


# SLEEF's double exp polynomial, highest power first, evaluated in Estrin's scheme
_EXPD_POLY = (0.2081276378237164457e-8, 0.2511210703042288022e-7, 0.2755762628169491192e-6,
              0.2755723402025388239e-5, 0.2480158687479686264e-4, 0.1984126989855865850e-3,
              0.1388888888914497797e-2, 0.8333333333314938210e-2, 0.4166666666666602598e-1,
              0.1666666666666669072e+0)


def sleef_expd(d):
    """e**d as ``Sleef_expd4_u10`` rounds it: d = q ln2 + s, a degree-12 polynomial in s (its
    upper terms in Estrin's order, every step an FMA), scaled by 2**q in two halves."""
    d = np.asarray(d, _D)
    with np.errstate(all="ignore"):
        qf = np.rint(d * 1.442695040888963407359924681001892137426645954152985934135449406931)
        q = np.clip(qf, -3000, 3000).astype(np.int64)
        s = _fma64(qf, -0.693145751953125, d)
        s = _fma64(qf, -1.42860682030941723212e-06, s)
        s2 = s * s
        s4 = s2 * s2
        c = _EXPD_POLY
        pair = [_fma64(s, c[i], c[i + 1]) for i in range(0, 10, 2)]  # c9 s + c8, c7 s + c6, ...
        low = _fma64(s4, _fma64(s2, pair[1], pair[2]), _fma64(s2, pair[3], pair[4]))
        u = _fma64(s4 * s4, pair[0], low)
        for k in (0.5, 1.0, 1.0):
            u = _fma64(u, s, k)
        half = q >> 1
        u = u * _pow2d(half) * _pow2d(q - half)
        u = np.where(d < -1000, 0.0, u)
        u = np.where(d > 709.78271114955742909217217426, np.inf, u)
    return np.where(np.isnan(d), d, u)


_LOGD_POLY = (0.1532076988502701353e+0, 0.1525629051003428716e+0, 0.1818605932937785996e+0,
              0.2222214519839380009e+0, 0.2857142932794299317e+0, 0.3999999999635251990e+0,
              0.6666666666667333541e+0)  # in x**2, highest power first


def sleef_logd(d):
    """log(d) as ``Sleef_logd4_u10`` rounds it: d = m 2**e with m in [0.75, 1.5), then
    log m = 2 atanh((m - 1) / (m + 1)) in double-double arithmetic, its series in x**2 in
    Estrin's order."""
    d = np.asarray(d, _D)
    with np.errstate(all="ignore"):
        tiny = d < 2.2250738585072014e-308
        dd = np.where(tiny, d * 2.0 ** 64, d)
        e = (((dd * (1 / 0.75)).view(np.int64) >> 52) & 0x7FF) - 0x3FF
        m = (dd.view(np.int64) - (e << 52)).view(_D)
        e = np.where(tiny, e - 64, e).astype(_D)
        # x = (m - 1) / (m + 1) as a pair (SLEEF's dddiv with FMAs)
        n_hi, n_lo = _two_sum(_D(-1), m)
        q_hi, q_lo = _two_sum(_D(1), m)
        t = 1 / q_hi
        x_hi = n_hi * t
        u = _fma64(t, n_hi, -x_hi)
        v = -_fma64(q_lo, t, _fma64(q_hi, t, -1.0))  # 1 - q_hi t - q_lo t, each an FMA
        x_lo = _fma64(x_hi, v, _fma64(n_lo, t, u))
        x2 = x_hi * x_hi
        x4 = x2 * x2
        c = _LOGD_POLY
        p = _fma64(x4 * x4, _fma64(x4, c[0], _fma64(x2, c[1], c[2])),
                   _fma64(x4, _fma64(x2, c[3], c[4]), _fma64(x2, c[5], c[6])))
        # s = ln2 * e as a pair, then + 2x, then + x^3 p (double-double additions)
        s_hi = 0.693147180559945286226764 * e
        s_lo = _fma64(2.319046813846299558417771e-17, e, _fma64(0.693147180559945286226764, e, -s_hi))
        hi = s_hi + 2 * x_hi
        lo = (((s_hi - hi) + 2 * x_hi) + s_lo) + 2 * x_lo
        w = x2 * x_hi * p
        hi2 = hi + w
        lo2 = ((hi - hi2) + w) + lo
        r = hi2 + lo2
        r = np.where(np.isposinf(d), np.inf, r)
        r = np.where((d < 0) | np.isnan(d), np.nan, r)
        r = np.where(d == 0, -np.inf, r)
    return r


def libc_exp(d):
    """The C library's (double) exp, element by element (only for the few a loop leaves over)."""
    d = np.asarray(d, _D)
    out = np.empty(d.shape, _D)
    flat = out.reshape(-1)
    for i, v in enumerate(d.reshape(-1).tolist()):
        try:
            flat[i] = math.exp(v)
        except OverflowError:
            flat[i] = math.inf
    return out


def _two_sum(x, y):
    """x + y as a float32 pair (sum, error), SLEEF's dfadd2."""
    s = x + y
    v = s - x
    return s, (x - (s - v)) + (y - v)


def sleef_logf(d):
    """log(d) as ``Sleef_logf8_u10`` rounds it: d = m 2**e with m in [0.75, 1.5), then
    log m = 2 atanh((m - 1) / (m + 1)) in double-single arithmetic."""
    d = np.asarray(d, _F)
    with np.errstate(all="ignore"):
        doubtful = np.zeros(d.shape, bool)
        r = _logf(d, lambda a, b, c: _fma32_noted(a, b, c, doubtful))
        if doubtful.any():  # a multiply-add rounded twice: redo those elements, each one exact
            r[doubtful] = _logf(d[doubtful], _fma32_always_exact)
    return r


def _logf(d, fma):
    """``sleef_logf`` with the given float32 multiply-add (none of its results is subnormal)."""
    tiny = d < _F(1.17549435e-38)
    dd = np.where(tiny, d * _F(2.0 ** 64), d)
    e = ((((dd * _F(1 / 0.75)).view(_I) >> 23) & 0xFF) - 0x7F).astype(_I)
    m = (dd.view(_I) - (e << 23)).astype(_I).view(_F)
    e = np.where(tiny, e - 64, e).astype(_I)
    ef = e.astype(_F)
    # s = ln2 * e as a pair (ln2 held in two floats): product, then its FMA correction
    s_hi = _F(0.69314718246459960938) * ef
    s_lo = fma(_F(-1.904654323148236017e-09), ef, fma(_F(0.69314718246459960938), ef, -s_hi))
    # x = (m - 1) / (m + 1) as a pair (SLEEF's dfdiv with FMAs)
    n_hi, n_lo = _two_sum(_F(-1), m)
    q_hi, q_lo = _two_sum(_F(1), m)
    t = _F(1) / q_hi
    x_hi = n_hi * t
    u = fma(t, n_hi, -x_hi)
    v = -fma(q_lo, t, -(-fma(q_hi, t, _F(-1))))  # 1 - q_hi t - q_lo t, each an FMA
    x_lo = fma(x_hi, v, fma(n_lo, t, u))
    x2 = x_hi * x_hi
    p = fma(_F(0.3027294874), x2, _F(0.3996108174))
    p = fma(p, x2, _F(0.6666694880))
    # s += 2x, then += x^3 p (each a double-single addition), then rounded to one float
    hi, lo = _two_sum(s_hi, x_hi * _F(2))
    lo = lo + (s_lo + x_lo * _F(2))
    hi2, lo2 = _two_sum(hi, x2 * x_hi * p)
    r = hi2 + (lo2 + lo)
    r = np.where(np.isposinf(d), _F(np.inf), r)
    r = np.where((d < 0) | np.isnan(d), _F(np.nan), r)
    r = np.where(d == 0, _F(-np.inf), r)
    return r


# The C library's expf (glibc 2.27 on): exp(x) = 2**(k/32) 2**(r/32), k an integer, in double,
# 2**(k/32) from a table of 32 powers (each stored less its exponent bits), a cubic in r.
_EXPF_N = 32
_EXPF_TABLE = np.array([float(2 ** (i / _EXPF_N)) for i in range(_EXPF_N)]).view(np.uint64) - (
    np.arange(_EXPF_N, dtype=np.uint64) << np.uint64(47))
_EXPF_SHIFT = float.fromhex("0x1.8p+52")
_EXPF_INV_LN2 = float.fromhex("0x1.71547652b82fep+0") * _EXPF_N
_EXPF_POLY = (float.fromhex("0x1.c6af84b912394p-5") / _EXPF_N ** 3,
              float.fromhex("0x1.ebfce50fac4f3p-3") / _EXPF_N ** 2,
              float.fromhex("0x1.62e42ff0c52d6p-1") / _EXPF_N)


def libc_expf(d):
    """e**d as the C library's ``expf`` rounds it (PyTorch's scalar loops call it)."""
    xd = np.asarray(d, _F).astype(np.float64)
    with np.errstate(all="ignore"):
        z = _EXPF_INV_LN2 * xd
        kd = z + _EXPF_SHIFT  # k in the low bits
        ki = kd.view(np.uint64)
        r = z - (kd - _EXPF_SHIFT)
        s = (_EXPF_TABLE[(ki % _EXPF_N).astype(np.intp)] + (ki << np.uint64(47))).view(np.float64)
        c0, c1, c2 = _EXPF_POLY
        y = ((c0 * r + c1) * (r * r) + (c2 * r + 1)) * s
        y = np.where(xd > float.fromhex("0x1.62e42ep6"), np.inf, y)
        y = np.where(xd < float.fromhex("-0x1.9fe368p6"), 0.0, y)
        return np.where(np.isnan(xd), xd, y).astype(_F)


# -- what differs between float32 and float64 ---------------------------------------------------
class _Kind:
    """One dtype's kernel: its lanes (floats per AVX2 register), its vector and scalar exp and
    vector log, its fused multiply-add, how the lane accumulators are combined at the end, and
    whether the compiled softmax gradient fuses the product into the sum in a row's last,
    partial group of lanes (it does for float, not for double)."""

    def __init__(self, lanes, vector_exp, scalar_exp, vector_log, fma, combine, tail_fused):
        self.lanes, self.vector_exp, self.scalar_exp = lanes, vector_exp, scalar_exp
        self.vector_log, self.fma, self.combine = vector_log, fma, combine
        self.tail_fused = tail_fused


def _lane_tree(lanes):
    """8 float lanes (last axis) combined as PyTorch's AVX2 horizontal reduction does."""
    a = lanes[..., :4] + lanes[..., 4:]
    b = a[..., :2] + a[..., 2:]
    return b[..., 0] + b[..., 1]


def _lanes_in_turn(lanes):
    """4 double lanes (last axis) added one after the other, as PyTorch's generic reduction does."""
    total = lanes[..., 0].copy()
    for i in range(1, lanes.shape[-1]):
        total += lanes[..., i]
    return total


_KINDS = {
    np.dtype(_F): _Kind(8, sleef_expf, libc_expf, sleef_logf, _fma32, _lane_tree, True),
    np.dtype(_D): _Kind(4, sleef_expd, libc_exp, sleef_logd, _fma64, _lanes_in_turn, False),
}


_FLOAT64_LIMIT = 8192  # elements: above, float64 goes to numpy (emulating double FMAs is slow)


def enabled():
    """Whether to use the kernels here at all. They cost about ten times numpy's formula (a
    (256, 1000) float32 softmax 6 ms instead of 0.6 ms; a training step with cross_entropy
    about 0.8 ms more), which would put autograd_lab's training loops well behind PyTorch's. So
    they run where a user asked for PyTorch's bits: with the MKL runtime installed (the ``mkl``
    extra, ``parity/mkl.py``) or ``AUTOGRAD_LAB_EXACT=1``; ``AUTOGRAD_LAB_EXACT=0`` turns them
    off. Otherwise numpy's formula, which differs from PyTorch's in the last bit."""
    switch = os.environ.get("AUTOGRAD_LAB_EXACT")
    if switch is not None:
        return switch == "1"
    return mkl.library() is not None


def supports(*arrays):
    """Whether the kernels here compute for these arrays: when ``enabled()``, float32, or float64
    up to 8,192 elements (a double fused multiply-add costs about ten numpy operations here: a
    float64 softmax of 8,000 elements takes about 5 ms; numpy's formula, some 50 times faster,
    differs from PyTorch's in the last bit of 2-60% of the values, depending on the op)."""
    if not enabled():
        return False
    dtype = arrays[0].dtype
    if dtype not in _KINDS or any(a.dtype != dtype for a in arrays):
        return False
    return dtype == _F or arrays[0].size <= _FLOAT64_LIMIT


# -- sums in the kernels' order -------------------------------------------------------------------
def row_sums(a, kind=None):
    """Sum of each row (last axis) of a 2-D array, in ``vec::reduce_all``'s order: lane
    accumulators (element i into lane i % lanes), then combined; a row shorter than the
    lanes is added left to right."""
    kind = kind or _KINDS[a.dtype]
    lanes = kind.lanes
    rows, n = a.shape
    if n < lanes:
        return _left_to_right(a)
    acc = a[:, :lanes].copy()
    whole = n - n % lanes
    for k in range(lanes, whole, lanes):
        acc += a[:, k:k + lanes]
    if whole < n:
        acc[:, : n - whole] += a[:, whole:]
    return kind.combine(acc)


def _left_to_right(a):
    """Each row of a 2-D array (the middle axis of a 3-D one) added from its first element on."""
    total = a[:, 0].copy()
    for i in range(1, a.shape[1]):
        total += a[:, i]
    return total


def _rows(a):
    """a as (rows, n) with the last axis as rows' elements (a copy only where needed)."""
    return np.ascontiguousarray(a).reshape(-1, a.shape[-1])


def _columns(a, dim):
    """a as (outer, size, inner), ``dim`` in the middle."""
    outer = int(np.prod(a.shape[:dim], dtype=np.int64))
    return np.ascontiguousarray(a).reshape(outer, a.shape[dim], -1)


def _vector_columns(kind, size, inner, itemsize, chunked=True):
    """Which of ``inner`` columns a kernel over a dim that is not the last hands to its vector
    code: whole groups of lanes, counted from the start of each chunk of columns (128 KiB of
    the block each; softmax's forward has one chunk)."""
    vector = np.zeros(inner, bool)
    lanes = kind.lanes
    chunk = max(128 * 1024 // size // itemsize, lanes) // lanes * lanes if chunked else max(inner, 1)
    for start in range(0, inner, chunk):
        width = min(chunk, inner - start)
        vector[start:start + width - width % lanes] = True
    return vector


def _exp_by_column(kind, x, vector):
    """exp of a (outer, size, inner) array: vector columns by the vector exp, the rest scalar."""
    e = np.empty_like(x)
    e[..., vector] = kind.vector_exp(x[..., vector])
    e[..., ~vector] = kind.scalar_exp(x[..., ~vector])
    return e


# -- the kernels ----------------------------------------------------------------------------------
def _one_dim_at_least(f):
    """Run a kernel on a 0-d array as on one element, and with ``dim`` counted from the front."""
    def kernel(*arrays_and_dim):
        *arrays, dim = arrays_and_dim
        if arrays[0].ndim == 0:
            return f(*(a.reshape(1) for a in arrays), 0).reshape(())
        return f(*arrays, dim % arrays[0].ndim)
    kernel.__doc__, kernel.__name__ = f.__doc__, f.__name__
    return kernel


@_one_dim_at_least
def softmax(a, dim):
    """PyTorch's softmax of ``a`` along ``dim``: exp(x - max) * (1 / sum) over the last dim,
    exp(x - max) / sum over another."""
    kind = _KINDS[a.dtype]
    with np.errstate(invalid="ignore", over="ignore"):
        if dim != a.ndim - 1:
            x = _columns(a, dim)
            vector = _vector_columns(kind, x.shape[1], x.shape[2], a.itemsize, chunked=False)
            e = _exp_by_column(kind, x - np.max(x, axis=1, keepdims=True), vector)
            return (e / _left_to_right(e)[:, None]).reshape(a.shape)
        x = _rows(a)
        e = kind.vector_exp(x - np.max(x, axis=1, keepdims=True))
        inv = a.dtype.type(1) / row_sums(e, kind)
    return (e * inv[:, None]).reshape(a.shape)


@_one_dim_at_least
def log_softmax(a, dim):
    """PyTorch's log_softmax of ``a`` along ``dim``: (x - max) - log(sum(exp(x - max)))."""
    kind = _KINDS[a.dtype]
    with np.errstate(invalid="ignore", over="ignore"):
        if dim != a.ndim - 1:
            x = _columns(a, dim)
            shifted = x - np.max(x, axis=1, keepdims=True)
            vector = _vector_columns(kind, x.shape[1], x.shape[2], a.itemsize)
            total = _left_to_right(_exp_by_column(kind, shifted, vector))
            return (shifted - kind.vector_log(total)[:, None]).reshape(a.shape)
        x = _rows(a)
        shifted = x - np.max(x, axis=1, keepdims=True)
        log_sum = kind.vector_log(row_sums(kind.vector_exp(shifted), kind))
    return (shifted - log_sum[:, None]).reshape(a.shape)


def sigmoid(a):
    """PyTorch's sigmoid, 1 / (1 + exp(-x)): the vector exp on blocks of twice the lanes (16
    floats, 8 doubles) of each run its loop goes through contiguously (the whole tensor when it
    is dense), the C library's exp on the elements after a run's last whole block (every
    element, when the innermost stride is not 1)."""
    one = a.dtype.type(1)
    with np.errstate(over="ignore"):
        return one / (_exp_of_negated(a) + one)


def silu(a):
    """PyTorch's silu, x / (1 + exp(-x)), exp taken as in ``sigmoid``."""
    with np.errstate(over="ignore", invalid="ignore"):
        return a / (_exp_of_negated(a) + a.dtype.type(1))


def _exp_of_negated(a):
    """exp(-a), each element by the exp PyTorch's element-wise loop gives it."""
    kind = _KINDS[a.dtype]
    if a.flags.c_contiguous or a.flags.f_contiguous:
        runs = a.T if not a.flags.c_contiguous else a  # in memory order
        e = _sigmoid_exp(kind, np.ascontiguousarray(runs).reshape(1, -1)).reshape(runs.shape)
        return e.T if runs is not a else e
    if a.ndim and a.strides[-1] == a.itemsize:  # rows of the last dim, each a run
        return _sigmoid_exp(kind, np.ascontiguousarray(a).reshape(-1, a.shape[-1])).reshape(a.shape)
    with np.errstate(over="ignore"):
        return kind.scalar_exp(-a)


def _sigmoid_exp(kind, runs):
    """exp(-x) for each row of ``runs`` as PyTorch's loop computes it."""
    whole = runs.shape[1] - runs.shape[1] % (2 * kind.lanes)
    e = np.empty_like(runs)
    with np.errstate(over="ignore"):
        e[:, :whole] = kind.vector_exp(-runs[:, :whole])
        e[:, whole:] = kind.scalar_exp(-runs[:, whole:])
    return e


# -- the gradients ------------------------------------------------------------------------------
@_one_dim_at_least
def softmax_backward(g, y, dim):
    """PyTorch's gradient of softmax: y * (g - sum(g * y)). Over the last dim the sum's lane
    accumulators add each product (a multiply, then an add) except, in float32, in the row's
    last partial group of lanes, where product and sum are one fused multiply-add; over another dim each
    step down a column is one fused multiply-add."""
    kind = _KINDS[y.dtype]
    if dim != y.ndim - 1:
        gc, yc = _columns(g, dim), _columns(y, dim)
        total = np.zeros_like(gc[:, 0])
        for i in range(gc.shape[1]):
            total = kind.fma(gc[:, i], yc[:, i], total)
        return (yc * (gc - total[:, None])).reshape(y.shape)
    gr, yr = _rows(g), _rows(y)
    lanes, n = kind.lanes, gr.shape[1]
    if n < lanes:
        total = _left_to_right(gr * yr)
    else:
        acc = gr[:, :lanes] * yr[:, :lanes]
        whole = n - n % lanes
        for k in range(lanes, whole, lanes):
            acc += gr[:, k:k + lanes] * yr[:, k:k + lanes]
        if whole < n and kind.tail_fused:
            acc[:, : n - whole] = kind.fma(gr[:, whole:], yr[:, whole:], acc[:, : n - whole])
        elif whole < n:
            acc[:, : n - whole] += gr[:, whole:] * yr[:, whole:]
        total = kind.combine(acc)
    return ((gr - total[:, None]) * yr).reshape(y.shape)


@_one_dim_at_least
def log_softmax_backward(g, y, dim):
    """PyTorch's gradient of log_softmax: g - exp(y) * sum(g), the product and the difference
    one fused multiply-add; exp the vector one (over another dim: the scalar one for the
    columns left over from groups of lanes)."""
    kind = _KINDS[y.dtype]
    with np.errstate(over="ignore", invalid="ignore"):
        if dim != y.ndim - 1:
            gc, yc = _columns(g, dim), _columns(y, dim)
            vector = _vector_columns(kind, yc.shape[1], yc.shape[2], y.itemsize)
            total = np.broadcast_to(_left_to_right(gc)[:, None], gc.shape)
            return kind.fma(-_exp_by_column(kind, yc, vector), total, gc).reshape(y.shape)
        gr, yr = _rows(g), _rows(y)
        total = np.broadcast_to(row_sums(gr, kind)[:, None], gr.shape)
        return kind.fma(-kind.vector_exp(yr), total, gr).reshape(y.shape)
