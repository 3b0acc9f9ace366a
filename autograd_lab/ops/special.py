"""Special functions the distributions use: ``erfinv`` (the normal distribution's quantiles)."""
import math

import numpy as np

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
