"""The base class of every distribution: shapes, argument checks, sampling shapes, the printed form."""
import warnings

from .._tensor import Size, Tensor
from ..autograd.grad_mode import no_grad
from ..ops.reduction import all as all_


class Distribution:
    """A batch of distributions of one family.

    ``batch_shape`` is the shape of the batch (one distribution per entry of the parameters),
    ``event_shape`` the shape of one draw (``()`` for a number, ``(n,)`` for a vector).
    ``sample(sample_shape)`` has shape ``sample_shape + batch_shape + event_shape``.

    With ``validate_args`` (on by default, as in PyTorch when Python runs without ``-O``) the
    parameters are checked against ``arg_constraints`` and the values given to ``log_prob``
    against ``support``, with PyTorch's ValueError messages.
    """

    has_rsample = False
    has_enumerate_support = False
    _validate_args = __debug__
    arg_constraints = {}
    support = None

    @staticmethod
    def set_default_validate_args(value):
        if value not in [True, False]:
            raise ValueError
        Distribution._validate_args = value

    def __init__(self, batch_shape=Size(), event_shape=Size(), validate_args=None):
        self._batch_shape, self._event_shape = Size(batch_shape), Size(event_shape)
        if validate_args is not None:
            self._validate_args = validate_args
        if self._validate_args:
            self._check_parameters()

    def _check_parameters(self):
        for name, constraint in self.arg_constraints.items():
            if name not in self.__dict__:  # (not given: computed later from the one that was)
                continue
            value = getattr(self, name)
            if not all_(constraint.check(value)):
                raise ValueError(
                    f"Expected parameter {name} ({type(value).__name__} of shape {tuple(value.shape)}) "
                    f"of distribution {self!r} to satisfy the constraint {constraint!r}, "
                    f"but found invalid values:\n{value}"
                )

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def event_shape(self):
        return self._event_shape

    @property
    def mean(self):
        raise NotImplementedError

    @property
    def variance(self):
        raise NotImplementedError

    @property
    def stddev(self):
        return self.variance.sqrt()

    def sample(self, sample_shape=Size()):
        """A draw, without gradient (for a reparameterised family: ``rsample`` under no_grad)."""
        with no_grad():
            return self.rsample(sample_shape)

    def rsample(self, sample_shape=Size()):
        raise NotImplementedError

    def log_prob(self, value):
        raise NotImplementedError

    def entropy(self):
        raise NotImplementedError

    def cdf(self, value):
        raise NotImplementedError

    def icdf(self, value):
        raise NotImplementedError

    def enumerate_support(self, expand=True):
        raise NotImplementedError

    def perplexity(self):
        return self.entropy().exp()

    def expand(self, batch_shape, _instance=None):
        raise NotImplementedError

    def _extended_shape(self, sample_shape=Size()):
        return Size(tuple(sample_shape) + self._batch_shape + self._event_shape)

    def _expanded_copy(self, batch_shape, **params):
        """``expand``'s common part: a new instance holding ``params``, unchecked."""
        new = type(self).__new__(type(self))
        new.__dict__.update(params)
        Distribution.__init__(new, batch_shape, self._event_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def _validate_sample(self, value):
        """``log_prob``'s check of ``value``: a tensor, of a shape that broadcasts with
        batch_shape + event_shape, inside the support."""
        if not isinstance(value, Tensor):
            raise ValueError("The value argument to log_prob must be a Tensor")
        shape, events = value.size(), self._event_shape
        if shape[len(shape) - len(events):] != events:
            raise ValueError(f"The right-most size of value must match event_shape: {shape} vs {events}.")
        expected = self._batch_shape + events
        for i, j in zip(reversed(shape), reversed(expected)):
            if i != 1 and j != 1 and i != j:
                raise ValueError(f"Value is not broadcastable with batch_shape+event_shape: {shape} vs {expected}.")
        if self.support is None:
            warnings.warn(
                f"{self.__class__} does not define `support` to enable sample validation. Please initialize "
                "the distribution with `validate_args=False` to turn off validation.", stacklevel=2,
            )
            return
        if not all_(self.support.check(value)):
            raise ValueError(
                f"Expected value argument ({type(value).__name__} of shape {tuple(value.shape)}) "
                f"to be within the support ({self.support!r}) of the distribution {self!r}, "
                f"but found invalid values:\n{value}"
            )

    def __repr__(self):
        # A parameter with one value shows it, a larger one its size: Normal(loc: 0.0, scale: 1.0).
        shown = [
            f"{name}: {v if v.numel() == 1 else v.size()}"
            for name, v in ((n, self.__dict__[n]) for n in self.arg_constraints if n in self.__dict__)
        ]
        return f"{type(self).__name__}({', '.join(shown)})"
