"""Special functions the distributions use: ``erfinv`` (the normal distribution's quantiles), ``lgamma``,
``digamma`` and ``polygamma`` (log Gamma and its derivatives)."""
import math

import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import elementwise_jvp
from ._support import as_float
from .pointwise import _unary

_SQRT_PI = math.sqrt(math.pi)
_erf = np.vectorize(math.erf, otypes=[np.float64])


def _erfinv_np(y):
    """x with erf(x) = y: Giles' polynomial guess, then two Newton steps x -= (erf x - y) / erf'(x),
    in double precision, rounded once to the input's dtype."""
    y64 = y.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = -np.log((1.0 - y64) * (1.0 + y64))
        central, tail = w - 2.5, np.sqrt(w) - 3.0
        p_c = np.polyval([2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087,
                          -0.00125372503, -0.00417768164, 0.246640727, 1.50140941], central)
        p_t = np.polyval([-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
                          -0.0076224613, 0.00943887047, 1.00167406, 2.83297682], tail)
        x = np.where(w < 5.0, p_c, p_t) * y64
        inside = np.abs(y64) < 1
        for _ in range(2):
            step = (_erf(np.where(inside, x, 0.0)) - y64) / (2 / _SQRT_PI * np.exp(-x * x))
            x = np.where(inside, x - step, x)
        x = np.where(np.abs(y64) == 1, np.copysign(np.inf, y64), x)
        x = np.where(np.abs(y64) > 1, np.nan, x)
    return x.astype(y.dtype)


# d/dy erfinv(y) = 1 / erf'(x) = sqrt(pi) / 2 * exp(x^2) at x = erfinv(y) (PyTorch keeps y, not x).
Erfinv = _unary("Erfinv", _erfinv_np, lambda g, y: 0.5 * _SQRT_PI * erfinv(y).pow(2).exp() * g)


def erfinv(input):
    """The inverse of ``erf`` on (-1, 1): ``erfinv(erf(x)) == x``; +-inf at +-1, nan outside.

    >>> torch.erfinv(torch.tensor([0., 0.5, -1.]))
    tensor([ 0.0000,  0.4769,    -inf])
    """
    return Erfinv.apply(input)


# -- the gamma function's logarithm and its derivatives ----------------------------------------------
def _lgamma_np(x):
    """log |Gamma(x)|, exact to double precision (math.lgamma), inf at 0 and the negative integers."""
    def one(v):
        try:
            return math.lgamma(v)
        except ValueError:  # (a pole)
            return math.inf
    return np.vectorize(one, otypes=[np.float64])(x.astype(np.float64)).astype(x.dtype)


# Bernoulli numbers B_2, B_4, ..., B_14, for the asymptotic series of digamma and Hurwitz's zeta.
_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6)


def _digamma_np(x):
    """psi(x) = d/dx log Gamma(x), as PyTorch computes it in the input's precision: psi(x) =
    psi(x + 1) - 1/x moves x up to 10 or more (psi(10) is a known constant), then
    psi(x) ~ log x - 1/(2x) - sum_k B_2k / (2k x^2k); for x < 0, psi(1 - x) - pi / tan(pi x)."""
    x = as_float(x)
    t = x.dtype.type
    with np.errstate(divide="ignore", invalid="ignore"):
        negative = x < 0
        fraction = np.asarray(x, np.float64) - np.trunc(x)  # (tan(pi r) of the fraction r: more exact)
        reflection = (np.pi / np.tan(np.pi * fraction)).astype(x.dtype)
        v = np.where(negative, t(1) - x, x)
        result = np.zeros_like(v)
        while np.any(small := v < t(10)):
            result = np.where(small, result - t(1) / np.where(small, v, t(1)), result)
            v = np.where(small, v + t(1), v)
        z = t(1) / (v * v)
        series = t(0)
        for k in range(len(_BERNOULLI) - 1, -1, -1):  # (Horner's rule, highest power first)
            series = series * z + t(_BERNOULLI[k] / (2 * k + 2))
        series = z * series
        result = np.where(v == t(10), result + t(_PSI_10), result + np.log(v) - t(0.5) / v - series)
        result = np.where(negative, result - reflection, result)
        result = np.where(x == 0, np.copysign(t(np.inf), -x), result)
        result = np.where(negative & (fraction == 0), t(np.nan), result)
    return result.astype(x.dtype)


_PSI_10 = 2.25175258906672110764  # psi(10)


def _polygamma_np(n, x):
    """The n-th derivative of psi for n >= 1: (-1)^(n+1) n! zeta(n + 1, x), Hurwitz's zeta
    zeta(s, x) = sum_k (x + k)^-s summed while x + k < 10, the rest by the Euler-Maclaurin formula."""
    if n == 0:
        return _digamma_np(x)
    if n == 1:
        return _trigamma_np(as_float(x))
    s, v = n + 1, x.astype(np.float64)
    pole = (v <= 0) & (v == np.trunc(v))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        zeta, a = np.zeros_like(v), np.where(pole, 10.0, v)
        while np.any(small := a < 10):
            zeta = zeta + np.where(small, a, np.inf) ** -s
            a = np.where(small, a + 1, a)
        zeta = zeta + a ** (1 - s) / (s - 1) + 0.5 * a ** -s
        rising = float(s)  # s (s + 1) ... (s + 2j - 2)
        factorial = 2.0  # (2j)!
        for j, b in enumerate(_BERNOULLI, start=1):
            zeta = zeta + b / factorial * rising * a ** (-s - 2 * j + 1)
            rising *= (s + 2 * j - 1) * (s + 2 * j)
            factorial *= (2 * j + 1) * (2 * j + 2)
        zeta = np.where(pole, np.inf, zeta)
        result = (-1) ** (n + 1) * math.factorial(n) * zeta
    return result.astype(x.dtype)


def _trigamma_np(x):
    """psi'(x) as PyTorch computes it, in the input's precision: below 1/2 by the reflection
    psi'(x) = pi^2 / sin^2(pi x) - psi'(1 - x); then six steps of psi'(x) = psi'(x + 1) + 1/x^2
    and the asymptotic series 1/x + 1/(2x^2) + 1/(6x^3) - 1/(30x^5) + 1/(42x^7)."""
    t = x.dtype.type
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        reflect = x < t(0.5)
        pi = t(np.pi)
        sin_pi_x = np.sin(pi * x)
        result = np.where(reflect, -(pi * pi) / (sin_pi_x * sin_pi_x), t(0))
        v = np.where(reflect, t(1) - x, x)
        for _ in range(6):
            result = result + t(1) / (v * v)
            v = v + t(1)
        ixx = t(1) / (v * v)
        result = result + (t(1) + t(1) / (t(2) * v) + ixx * (t(1) / t(6) - ixx * (t(1) / t(30) - ixx * (t(1) / t(42))))) / v
    return np.where(reflect, -result, result).astype(x.dtype)


Lgamma = _unary("Lgamma", _lgamma_np, lambda g, x: g * digamma(x))  # d/dx log Gamma = psi
Digamma = _unary("Digamma", _digamma_np, lambda g, x: g * polygamma(1, x))  # d/dx psi = psi'


class Polygamma(Function):
    """psi^(n)(x), the n-th derivative of digamma; its derivative is psi^(n+1)(x)."""

    node_name = "PolygammaBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("n",)
    inputs = (1,)

    @staticmethod
    def forward(n, x):
        return _polygamma_np(n, as_float(x))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.n = inputs[0]
        ctx.save_for_backward(inputs[1])

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return None, grad * polygamma(ctx.n + 1, x)

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


def lgamma(input):
    """log |Gamma(x)|: ``torch.lgamma(torch.tensor(5.))`` is log 24."""
    return Lgamma.apply(input)


def digamma(input):
    """psi(x), the derivative of lgamma: ``torch.digamma(torch.tensor(1.))`` is minus Euler's gamma."""
    return Digamma.apply(input)


def polygamma(n, input):
    """psi^(n)(x), the n-th derivative of digamma (n = 1: the trigamma function)."""
    if n < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    return Polygamma.apply(int(n), input)


def polygamma_method(input, n):
    """``x.polygamma(n)``: the method takes n after the tensor."""
    return polygamma(n, input)
