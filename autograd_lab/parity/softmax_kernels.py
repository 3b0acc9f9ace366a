"""PyTorch's CPU softmax, log_softmax and sigmoid (float32), bit for bit.

PyTorch 2.13 on an AVX2 CPU computes these with its ``Vectorized<float>`` code, not MKL: eight
lanes at a time, ``exp`` and ``log`` from SLEEF 3.8 (``Sleef_expf8_u10``, ``Sleef_logf8_u10``),
whose results differ from numpy's (correctly rounded or nearly) in the last bit now and then,
and sums in an order of their own. Over the last dim, per row:

- the row's sum runs in 8 lane accumulators (element i goes to lane i % 8; a row shorter than
  8 is added left to right), then the lanes are combined as a tree:
  ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7));
- softmax: e = exp(x - max), then e * (1 / sum(e)) (a reciprocal, then a product);
- log_softmax: (x - max) - log(sum(exp(x - max))), two subtractions.
Over another dim the sum runs down each column, left to right; columns in whole groups of 8
(from each row's start) use SLEEF's exp, the rest the C library's; softmax divides by the sum.
sigmoid is 1 / (1 + exp(-x)) with SLEEF's exp on blocks of 16 elements of the flattened
tensor and the C library's exp on the elements left over.

SLEEF's algorithms (Boost licence) are written here from their description, with every float
operation SLEEF performs and its rounding (a fused multiply-add rounds once: ``parity/fma.py``).
"""
import numpy as np

from .fma import _fma32

_F = np.float32
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
    with np.errstate(all="ignore"):
        doubtful = np.zeros(d.shape, bool)
        u = _expf(d, lambda a, b, c: _fma32_noted(a, b, c, doubtful))
        if doubtful.any():  # a multiply-add rounded twice: redo those elements, each one exact
            u[doubtful] = _expf(d[doubtful], _fma32)
    return u


def _fma32_noted(a, b, c, doubtful):
    """float32 a * b + c through a float64 sum, noting in ``doubtful`` where that sum sits
    exactly halfway between two float32 numbers (rounding it again may then be wrong)."""
    s = np.multiply(a, b, dtype=np.float64)
    s += c
    low = s.view(np.int64) & 0x1FFFFFFF
    doubtful |= low == 0x10000000
    return s.astype(_F)


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
        tiny = d < _F(1.17549435e-38)
        dd = np.where(tiny, d * _F(2.0 ** 64), d)
        e = ((((dd * _F(1 / 0.75)).view(_I) >> 23) & 0xFF) - 0x7F).astype(_I)
        m = (dd.view(_I) - (e << 23)).astype(_I).view(_F)
        e = np.where(tiny, e - 64, e).astype(_I)
        ef = e.astype(_F)
        # s = ln2 * e as a pair (ln2 held in two floats): product, then its FMA correction
        s_hi = _F(0.69314718246459960938) * ef
        s_lo = _fma32(_F(-1.904654323148236017e-09), ef, _fma32(_F(0.69314718246459960938), ef, -s_hi))
        # x = (m - 1) / (m + 1) as a pair (SLEEF's dfdiv with FMAs)
        n_hi, n_lo = _two_sum(_F(-1), m)
        q_hi, q_lo = _two_sum(_F(1), m)
        t = _F(1) / q_hi
        x_hi = n_hi * t
        u = _fma32(t, n_hi, -x_hi)
        v = -_fma32(q_lo, t, -(-_fma32(q_hi, t, _F(-1))))  # 1 - q_hi t - q_lo t, each an FMA
        x_lo = _fma32(x_hi, v, _fma32(n_lo, t, u))
        x2 = x_hi * x_hi
        p = _fma32(_F(0.3027294874), x2, _F(0.3996108174))
        p = _fma32(p, x2, _F(0.6666694880))
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


# -- sums in the kernels' order -------------------------------------------------------------------
def _lane_tree(lanes):
    """The 8 lane accumulators (last axis) combined as PyTorch's AVX2 horizontal reduction does."""
    a = lanes[..., :4] + lanes[..., 4:]
    b = a[..., :2] + a[..., 2:]
    return b[..., 0] + b[..., 1]


def row_sums(a):
    """Sum of each row (last axis) of a 2-D float32 array, in ``vec::reduce_all``'s order."""
    rows, n = a.shape
    if n < _LANES:
        total = a[:, 0].copy()
        for i in range(1, n):
            total += a[:, i]
        return total
    acc = a[:, :_LANES].copy()
    whole = n - n % _LANES
    for k in range(_LANES, whole, _LANES):
        acc += a[:, k:k + _LANES]
    if whole < n:
        acc[:, : n - whole] += a[:, whole:]
    return _lane_tree(acc)


def _rows(a):
    """a as (rows, n) with the last axis as rows' elements (a copy only where needed)."""
    return np.ascontiguousarray(a).reshape(-1, a.shape[-1])


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
    """PyTorch's float32 softmax of ``a`` along ``dim``."""
    if dim != a.ndim - 1:
        return _softmax_other_dim(a, dim, log=False)
    x = _rows(a)
    with np.errstate(invalid="ignore"):
        e = sleef_expf(x - np.max(x, axis=1, keepdims=True))
        inv = _F(1) / row_sums(e)
    return (e * inv[:, None]).reshape(a.shape)


@_one_dim_at_least
def log_softmax(a, dim):
    """PyTorch's float32 log_softmax of ``a`` along ``dim``."""
    if dim != a.ndim - 1:
        return _softmax_other_dim(a, dim, log=True)
    x = _rows(a)
    with np.errstate(invalid="ignore"):
        shifted = x - np.max(x, axis=1, keepdims=True)
        log_sum = sleef_logf(row_sums(sleef_expf(shifted)))
    return (shifted - log_sum[:, None]).reshape(a.shape)


def _softmax_other_dim(a, dim, log):
    """Over a dim that is not the last: columns of (outer, dim, inner), summed down the dim.
    softmax: whole groups of 8 columns from each outer block's start use SLEEF's exp, the
    rest the C library's. log_softmax: the same, its groups of 8 counted within chunks of
    columns (128 KiB of the block each)."""
    outer = int(np.prod(a.shape[:dim], dtype=np.int64))
    size, inner = a.shape[dim], int(np.prod(a.shape[dim + 1:], dtype=np.int64))
    x = np.ascontiguousarray(a).reshape(outer, size, inner)
    vector = np.zeros(inner, bool)
    if log:
        chunk = max(128 * 1024 // size // 4, _LANES) // _LANES * _LANES
        for start in range(0, inner, chunk):
            width = min(chunk, inner - start)
            vector[start:start + width - width % _LANES] = True
    else:
        vector[: inner - inner % _LANES] = True
    with np.errstate(invalid="ignore"):
        shifted = x - np.max(x, axis=1, keepdims=True)
        e = np.empty_like(shifted)
        e[..., vector] = sleef_expf(shifted[..., vector])
        e[..., ~vector] = libc_expf(shifted[..., ~vector])
        total = e[:, 0].copy()
        for i in range(1, size):
            total += e[:, i]
        if log:
            out = shifted - sleef_logf(total)[:, None]
        else:
            out = e / total[:, None]
    return out.reshape(a.shape)


def sigmoid(a):
    """PyTorch's float32 sigmoid, 1 / (1 + exp(-x)): SLEEF's exp on blocks of 16 elements of each
    run its loop goes through contiguously (the whole tensor when it is dense), the C library's
    exp on the elements after a run's last whole block (every element, when the innermost
    stride is not 1)."""
    if a.flags.c_contiguous or a.flags.f_contiguous:
        runs = a.T if not a.flags.c_contiguous else a  # in memory order
        e = _sigmoid_exp(np.ascontiguousarray(runs).reshape(1, -1)).reshape(runs.shape)
        e = e.T if runs is not a else e
    elif a.ndim and a.strides[-1] == a.itemsize:  # rows of the last dim, each a run
        e = _sigmoid_exp(np.ascontiguousarray(a).reshape(-1, a.shape[-1])).reshape(a.shape)
    else:
        e = libc_expf(-a)
    with np.errstate(over="ignore"):
        return _F(1) / (e + _F(1))


def _sigmoid_exp(runs):
    """exp(-x) for each row of ``runs`` as PyTorch's loop computes it."""
    whole = runs.shape[1] - runs.shape[1] % (2 * _LANES)
    e = np.empty_like(runs)
    e[:, :whole] = sleef_expf(-runs[:, :whole])
    e[:, whole:] = libc_expf(-runs[:, whole:])
    return e


# -- the gradients ------------------------------------------------------------------------------
def _vector_columns(size, inner):
    """Which of ``inner`` columns a kernel over a dim that is not the last hands to its 8-lane
    code: whole groups of 8 within chunks of columns (128 KiB of the block each)."""
    vector = np.zeros(inner, bool)
    chunk = max(128 * 1024 // size // 4, _LANES) // _LANES * _LANES
    for start in range(0, inner, chunk):
        width = min(chunk, inner - start)
        vector[start:start + width - width % _LANES] = True
    return vector


def _columns(a, dim):
    outer = int(np.prod(a.shape[:dim], dtype=np.int64))
    return np.ascontiguousarray(a).reshape(outer, a.shape[dim], -1)


@_one_dim_at_least
def softmax_backward(g, y, dim):
    """PyTorch's float32 gradient of softmax: y * (g - sum(g * y)). Over the last dim the sum's
    lane accumulators add each product (a multiply, then an add) except in the row's last
    partial group of 8, where product and sum are one fused multiply-add."""
    if dim != y.ndim - 1:
        return _softmax_backward_other_dim(g, y, dim)
    gr, yr = _rows(g), _rows(y)
    rows, n = gr.shape
    if n < _LANES:
        total = row_sums(gr * yr)
    else:
        acc = gr[:, :_LANES] * yr[:, :_LANES]
        whole = n - n % _LANES
        for k in range(_LANES, whole, _LANES):
            acc += gr[:, k:k + _LANES] * yr[:, k:k + _LANES]
        if whole < n:
            acc[:, : n - whole] = _fma32(gr[:, whole:], yr[:, whole:], acc[:, : n - whole])
        total = _lane_tree(acc)
    return ((gr - total[:, None]) * yr).reshape(y.shape)


@_one_dim_at_least
def log_softmax_backward(g, y, dim):
    """PyTorch's float32 gradient of log_softmax: g - exp(y) * sum(g), the product and the
    difference one fused multiply-add, exp SLEEF's."""
    if dim != y.ndim - 1:
        return _log_softmax_backward_other_dim(g, y, dim)
    gr, yr = _rows(g), _rows(y)
    total = np.broadcast_to(row_sums(gr)[:, None], gr.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        return _fma32(-sleef_expf(yr), total, gr).reshape(y.shape)


def _column_sum(a):
    total = a[:, 0].copy()
    for i in range(1, a.shape[1]):
        total += a[:, i]
    return total


def _softmax_backward_other_dim(g, y, dim):
    gc, yc = _columns(g, dim), _columns(y, dim)
    total = np.zeros_like(gc[:, 0])
    for i in range(gc.shape[1]):  # each step one fused multiply-add
        total = _fma32(gc[:, i], yc[:, i], total)
    return (yc * (gc - total[:, None])).reshape(y.shape)


def _log_softmax_backward_other_dim(g, y, dim):
    gc, yc = _columns(g, dim), _columns(y, dim)
    vector = _vector_columns(yc.shape[1], yc.shape[2])
    total = np.broadcast_to(_column_sum(gc)[:, None], gc.shape)
    e = np.empty_like(yc)
    with np.errstate(over="ignore", invalid="ignore"):
        e[..., vector] = sleef_expf(yc[..., vector])
        e[..., ~vector] = libc_expf(yc[..., ~vector])
        return _fma32(-e, total, gc).reshape(y.shape)
