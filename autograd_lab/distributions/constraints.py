"""What a distribution's parameters and values must satisfy: ``constraints.positive.check(x)`` is a
bool tensor, True where x is allowed. Each constraint prints as PyTorch's does (``GreaterThan(lower_bound=0.0)``),
since the messages of invalid arguments show it."""
import numpy as np

from ..creation import tensor


class Constraint:
    """``check(value)``: a bool tensor over the batch, True where ``value`` is valid.
    ``event_dim`` is how many rightmost dims one event has (checked together)."""

    is_discrete = False
    event_dim = 0

    def check(self, value):
        raise NotImplementedError

    def __repr__(self):
        return type(self).__name__[1:] + "()"


class _Real(Constraint):
    def check(self, value):
        return value == value  # (False only for nan)


class _Boolean(Constraint):
    is_discrete = True

    def check(self, value):
        return (value == 0) | (value == 1)


class _GreaterThan(Constraint):
    def __init__(self, lower_bound):
        self.lower_bound = lower_bound

    def check(self, value):
        return self.lower_bound < value

    def __repr__(self):
        return f"GreaterThan(lower_bound={self.lower_bound})"


class _GreaterThanEq(_GreaterThan):
    def check(self, value):
        return self.lower_bound <= value

    def __repr__(self):
        return f"GreaterThanEq(lower_bound={self.lower_bound})"


class _LessThan(Constraint):
    def __init__(self, upper_bound):
        self.upper_bound = upper_bound

    def check(self, value):
        return value < self.upper_bound

    def __repr__(self):
        return f"LessThan(upper_bound={self.upper_bound})"


class _Interval(Constraint):
    def __init__(self, lower_bound, upper_bound):
        self.lower_bound, self.upper_bound = lower_bound, upper_bound

    def check(self, value):
        return (self.lower_bound <= value) & (value <= self.upper_bound)

    def __repr__(self):
        return f"Interval(lower_bound={self.lower_bound}, upper_bound={self.upper_bound})"


class _IntegerInterval(_Interval):
    is_discrete = True

    def check(self, value):
        return (value % 1 == 0) & super().check(value)

    def __repr__(self):
        return "Integer" + super().__repr__()


class _IndependentConstraint(Constraint):
    """A constraint on each entry, required of all entries of the last ``n`` dims together."""

    def __init__(self, base, n):
        self.base, self.event_dim = base, n

    def check(self, value):
        ok = self.base.check(value)
        for _ in range(self.event_dim):
            ok = ok.all(-1)
        return ok

    def __repr__(self):
        return f"IndependentConstraint({self.base!r}, {self.event_dim})"


class _Simplex(Constraint):
    """Non-negative entries summing to 1 along the last dim."""

    event_dim = 1

    def check(self, value):
        return (value >= 0).all(-1) & ((value.sum(-1) - 1).abs() < 1e-6)


class _PositiveDefinite(Constraint):
    """Symmetric (to 1e-6) with a Cholesky factor."""

    event_dim = 2

    def check(self, value):
        symmetric = value.isclose(value.mT, atol=1e-6).all(-1).all(-1)
        if not symmetric.all():
            return symmetric
        matrices = value.detach().numpy()
        return tensor(_has_cholesky(matrices.reshape((-1,) + matrices.shape[-2:]))).reshape(matrices.shape[:-2])


def _has_cholesky(matrices):
    ok = []
    for m in matrices:
        try:
            np.linalg.cholesky(m)
            ok.append(True)
        except np.linalg.LinAlgError:
            ok.append(False)
    return np.array(ok, dtype=bool)


class _LowerCholesky(Constraint):
    """Lower triangular with a positive diagonal."""

    event_dim = 2

    def check(self, value):
        lower = (value.tril() == value).all(-1).all(-1)
        return lower & (value.diagonal(dim1=-2, dim2=-1) > 0).all(-1)


class _Dependent(Constraint):
    """A constraint that depends on other parameters (not checked on its own)."""


real = _Real()
boolean = _Boolean()
positive = _GreaterThan(0.0)
nonnegative = _GreaterThanEq(0.0)
unit_interval = _Interval(0.0, 1.0)
real_vector = _IndependentConstraint(real, 1)
simplex = _Simplex()
positive_definite = _PositiveDefinite()
lower_cholesky = _LowerCholesky()
dependent = _Dependent()
greater_than, greater_than_eq, less_than, interval, integer_interval = _GreaterThan, _GreaterThanEq, _LessThan, _Interval, _IntegerInterval
independent = _IndependentConstraint
