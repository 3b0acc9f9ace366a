"""PyTorch's float32 batch norm on the CPU, step by step, so its results agree to the last bit.

``(x - mean) / sqrt(var + eps) * weight + bias`` has many roundings; PyTorch 2.13's CPU kernel
(one thread, AVX2 build) makes them in this order, found by comparing with it on random inputs:

* Statistics, training (input ``(N, C, *)`` with ``L`` values per sample and channel):
  - ``L > 1``: per channel, the values are added in memory order in float64, ``mean`` is that
    sum / ``N*L`` rounded to float32; ``var_sum`` adds ``(x - mean) ** 2`` (a float32 product)
    in float64, rounded to float32 at the end.
  - ``L == 1`` (``(N, C)`` input, treated as channels-last): per channel, a float32 running sum
    over the rows; ``mean`` = that sum / ``N`` in float64, rounded to float32; ``var_sum`` is a
    float32 running sum of ``d * d`` (``d = x - mean``) with one rounding per step (a fused
    multiply-add).
* ``invstd = 1 / sqrt(float32(var_sum / n) + eps)`` in float64, rounded to float32.
* Running estimates (float32, ``m`` = momentum as float32):
  ``running_mean = m * mean + (1 - m) * running_mean`` (rounded after each operation),
  ``running_var = fma(m, float32(var_sum / (n - 1)), (1 - m) * running_var)``.
* Output: ``alpha = invstd * weight``, ``beta = fma(-mean, alpha, bias)``, ``out = fma(x, alpha,
  beta)``. In evaluation ``invstd = 1 / sqrt(running_var + eps)`` in float32.
"""
import numpy as np

from .fma import _fma32
from .fp import quiet

F32 = np.float32

# Up to this many elements a float32 input follows these roundings; a larger one (an image
# batch for BatchNorm2d) is normalised with numpy's, in float64 rounded once, which is 1.5-3x
# faster and can differ in the last bit (as the optimizers' updates of large parameters).
EXACT_UP_TO = 65_536


def follows(x):
    """Whether batch norm of the numpy array ``x`` takes PyTorch's roundings here."""
    return x.dtype == F32 and x.size <= EXACT_UP_TO


def _by_channel(x):
    """``(N, C, *)`` -> ``(C, N*L)``, each row a channel's values in memory order."""
    n, c = x.shape[0], x.shape[1]
    return np.ascontiguousarray(x).reshape(n, c, -1).transpose(1, 0, 2).reshape(c, -1)


def batch_stats(x):
    """``(mean, var_sum, n)`` of a float32 ``(N, C, *)`` input, as PyTorch's training kernel."""
    c = x.shape[1]
    n = x.size // c if c else 0
    per_sample = int(np.prod(x.shape[2:]))
    with quiet():
        if per_sample != 1:
            rows = _by_channel(x)
            total = np.cumsum(rows, axis=1, dtype=np.float64)[:, -1] if rows.shape[1] else np.zeros(c)
            mean = (total / n).astype(F32)
            d = rows - mean[:, None]
            sq = np.cumsum(d * d, axis=1, dtype=np.float64)[:, -1] if rows.shape[1] else np.zeros(c)
            return mean, sq.astype(F32), n
        rows = np.ascontiguousarray(x).reshape(x.shape[0], c)
        total = np.cumsum(rows, axis=0, dtype=F32)[-1] if rows.shape[0] else np.zeros(c, F32)
        mean = (total.astype(np.float64) / n).astype(F32)
        return mean, _running_square_sum(rows - mean), n


def _running_square_sum(d):
    """``acc = fma(d[i], d[i], acc)`` row after row, in float32. Each square is exact in float64
    and the float64 sum is rounded once more to float32, which is the fused result unless that
    sum sits exactly halfway between two float32 numbers (or is tiny). The rows are added so
    first (two numpy calls a row); from the first row where such a sum occurs, they are added
    again with those sums redone exactly."""
    squares = np.multiply(d, d, dtype=np.float64)
    sums = np.empty_like(squares)
    prev = np.zeros(d.shape[1], F32)
    for i in range(d.shape[0]):
        np.add(prev, squares[i], out=sums[i])
        prev = sums[i].astype(F32)
    suspect = _halfway_or_tiny(sums)
    if not suspect.any():
        return prev
    first = int(np.argmax(suspect.any(axis=1)))
    prev = sums[first - 1].astype(F32) if first else np.zeros(d.shape[1], F32)
    s = np.empty(d.shape[1], np.float64)
    for i in range(first, d.shape[0]):
        np.add(prev, squares[i], out=s)
        cur = s.astype(F32)
        bad = _halfway_or_tiny(s)
        if bad.any():
            cur[bad] = _fma32(d[i][bad], d[i][bad], prev[bad])
        prev = cur
    return prev


def _halfway_or_tiny(s):
    """Where a float64 ``s`` rounds to float32 differently from the exact sum it came from:
    exactly halfway between two float32 numbers, or below float32's normal range."""
    bits = s.view(np.uint64)
    magnitude = bits & 0x7FFFFFFFFFFFFFFF
    return ((bits & 0x1FFFFFFF) == 0x10000000) | ((magnitude < 0x3820000000000000) & (magnitude != 0))


def invstd_from(var_sum, n, eps):
    """1 / sqrt(biased variance + eps) in float64 from float32 ``var_sum / n``, rounded to float32."""
    with quiet():
        var = (var_sum / F32(n)).astype(np.float64)
        return (1.0 / np.sqrt(var + eps)).astype(F32)


def invstd_eval(running_var, eps):
    """1 / sqrt(running_var + eps) in float32."""
    with quiet():
        return F32(1) / np.sqrt(running_var.astype(F32) + F32(eps))


def update_running(mean, var_sum, n, running_mean, running_var, momentum):
    """The new float32 running mean and variance (either may be None)."""
    m = F32(momentum)
    keep = F32(1) - m
    new_mean = new_var = None
    with quiet():
        if running_mean is not None:
            new_mean = m * mean + keep * running_mean.astype(F32)
        if running_var is not None:
            unbiased = var_sum / F32(n - 1)
            new_var = _fma32(m, unbiased, keep * running_var.astype(F32))
    return new_mean, new_var


def normalize(x, mean, invstd, weight, bias):
    """``x * alpha + beta`` per channel (dim 1), fused, with ``alpha = invstd * weight`` and
    ``beta = bias - mean * alpha`` (fused)."""
    alpha = invstd * (weight.astype(F32) if weight is not None else F32(1))
    b = bias.astype(F32) if bias is not None else np.zeros_like(alpha)
    with quiet():
        beta = _fma32(-mean, alpha, b)
        shape = (1, -1) + (1,) * (x.ndim - 2)
        return _fma32(x, alpha.reshape(shape), beta.reshape(shape))
