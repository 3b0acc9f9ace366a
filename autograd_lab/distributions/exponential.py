"""The exponential distribution: waiting times with a constant rate."""
from .._tensor import Size
from ..creation import empty, zeros_like
from . import constraints
from .exp_family import ExponentialFamily
from .utils import NUMBERS, broadcast_all


class Exponential(ExponentialFamily):
    """``Exponential(rate)``: density rate * exp(-rate x) for x >= 0.

    >>> Exponential(2.)
    Exponential(rate: 2.0)
    """

    arg_constraints = {"rate": constraints.positive}
    support = constraints.nonnegative
    has_rsample = True

    def __init__(self, rate, validate_args=None):
        (self.rate,) = broadcast_all(rate)
        super().__init__(Size() if isinstance(rate, NUMBERS) else self.rate.size(), validate_args=validate_args)

    def expand(self, batch_shape, _instance=None):
        batch_shape = Size(batch_shape)
        return self._expanded_copy(batch_shape, rate=self.rate.expand(batch_shape))

    @property
    def mean(self):
        return self.rate.reciprocal()

    @property
    def mode(self):
        return zeros_like(self.rate)

    @property
    def stddev(self):
        return self.rate.reciprocal()

    @property
    def variance(self):
        return self.rate.pow(-2)

    def rsample(self, sample_shape=Size()):
        """E / rate with E ~ Exp(1): differentiable in the rate."""
        e = empty(self._extended_shape(sample_shape), dtype=self.rate.dtype).exponential_()
        return e / self.rate

    def log_prob(self, value):
        """log rate - rate x."""
        if self._validate_args:
            self._validate_sample(value)
        return self.rate.log() - self.rate * value

    def cdf(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return 1 - (-self.rate * value).exp()

    def icdf(self, value):
        return -(-value).log1p() / self.rate

    def entropy(self):
        """1 - log rate."""
        return 1.0 - self.rate.log()
