"""torch.normal with tensor arguments as PyTorch records it: a sample has a node in the graph
(NormalBackward1/2/3) whose gradient is zero for the mean and the std."""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward
from .._dtype import scalar_type_name
from .._tensor import Tensor
from .out import write


class NormalMean(Function):
    """``torch.normal(mean_tensor, std=1.)``: a sample around each mean."""

    node_name = "NormalBackward1"
    raw = True
    inputs = (0,)
    saved_values = ("mean_sym_sizes",)

    @staticmethod
    def forward(mean, std, generator):
        from ..parity import random as _random

        return _random.normal(mean, std, None, generator=generator)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.mean_sym_sizes = inputs[0]._data.shape

    @staticmethod
    def backward(ctx, grad):
        # The sample moves with the mean, but PyTorch defines this derivative as zero.
        return _zeros(ctx.mean_sym_sizes, grad), None, None

    jvp = staticmethod(jvp_from_backward)


class NormalStd(Function):
    """``torch.normal(mean_number, std_tensor)``."""

    node_name = "NormalBackward2"
    raw = True
    inputs = (1,)
    saved_values = ("std_sym_sizes",)

    @staticmethod
    def forward(mean, std, generator):
        from ..parity import random as _random

        return _random.normal(mean, std, None, generator=generator)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.std_sym_sizes = inputs[1]._data.shape

    @staticmethod
    def backward(ctx, grad):
        return None, _zeros(ctx.std_sym_sizes, grad), None

    jvp = staticmethod(jvp_from_backward)


class NormalBoth(Function):
    """``torch.normal(mean_tensor, std_tensor)``."""

    node_name = "NormalBackward3"
    raw = True
    inputs = (0, 1)
    saved_values = ("mean_sym_sizes", "std_sym_sizes")

    @staticmethod
    def forward(mean, std, generator):
        from ..parity import random as _random

        return _random.normal(mean, std, None, generator=generator)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.mean_sym_sizes, ctx.std_sym_sizes = inputs[0]._data.shape, inputs[1]._data.shape

    @staticmethod
    def backward(ctx, grad):
        return _zeros(ctx.mean_sym_sizes, grad), _zeros(ctx.std_sym_sizes, grad), None

    jvp = staticmethod(jvp_from_backward)


class Bernoulli(Function):
    """``torch.bernoulli(p)``: 1 with probability p, else 0. PyTorch gives p a zero gradient."""

    node_name = "BernoulliBackward0"
    raw = True

    @staticmethod
    def forward(p, generator):
        from ..parity import random as _random

        return _random.bernoulli(p, generator=generator)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.p_shape = inputs[0]._data.shape

    @staticmethod
    def backward(ctx, grad):
        return _zeros(ctx.p_shape, grad), None

    jvp = staticmethod(jvp_from_backward)  # a sample: zero tangent, as PyTorch gives


def _refuse_integers(*values):
    for v in values:
        if isinstance(v, Tensor) and v._data.dtype.kind != "f":
            name = scalar_type_name(v._data.dtype)
            raise NotImplementedError(f'"normal_kernel_cpu" not implemented for \'{name}\'')


def _zeros(shape, like):
    return Tensor._make(np.zeros(shape, like._data.dtype))


def normal(mean, std=None, size=None, *, generator=None, out=None, dtype=None, layout=None, device=None,
           pin_memory=False, requires_grad=False):
    """Samples from normal distributions: one per entry of a ``mean`` and/or ``std`` tensor (std
    defaults to 1 with a mean tensor), or ``size`` samples of N(mean, std**2) for two numbers.

    >>> torch.manual_seed(0); torch.normal(torch.zeros(2))
    tensor([ 1.5410, -0.2934])
    """
    from ..creation import _check_device, normal as sample_numbers

    mean_t, std_t = isinstance(mean, Tensor), isinstance(std, Tensor)
    _refuse_integers(mean, std)
    if mean_t and std_t:
        return NormalBoth.apply(mean, std, generator)
    if mean_t:
        std = 1.0 if std is None else std
        if std < 0:
            raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
        return NormalMean.apply(mean, float(std), generator)
    if std_t:
        return NormalStd.apply(float(mean), std, generator)
    if std is None:
        raise TypeError("normal(): argument 'mean' (position 1) must be Tensor, not " + type(mean).__name__)
    _check_device(device, "normal", pin_memory)
    result = sample_numbers(mean, std, size, generator=generator)
    if dtype is not None and result.dtype != dtype:
        result = result.to(dtype)
    return result.requires_grad_() if requires_grad else result


def multinomial(input, num_samples, replacement=False, *, generator=None, out=None):
    """Indices of categories drawn from each row of ``input`` (weights, not necessarily summing to
    1): ``num_samples`` per row, with or without replacement. Drawn from the seeded generator as
    PyTorch draws them (``parity/random.py``), so the same seed gives the same indices.

    >>> torch.manual_seed(0); torch.multinomial(torch.tensor([0., 1., 0.]), 2, replacement=True)
    tensor([1, 1])
    """
    from ..parity import random as _random

    if input._data.dtype.kind != "f" and input._data.ndim in (1, 2):
        raise RuntimeError(
            f"multinomial only supports floating-point dtypes for input, got: {scalar_type_name(input._data.dtype)}"
        )
    values = _random.multinomial(input._data, num_samples, replacement, generator=generator)
    return Tensor._make(values) if out is None else write(out, values)


def bernoulli(input, p=None, *, generator=None, out=None):
    """0/1 draws, 1 with probability ``input`` (or with the number ``p`` for every entry).

    >>> torch.manual_seed(0); torch.bernoulli(torch.tensor([0.2, 0.9]))
    tensor([0., 1.])
    """
    if p is not None:
        result = Tensor._make(np.empty(input._data.shape, input._data.dtype))
        result.bernoulli_(p, generator=generator)
    else:
        result = Bernoulli.apply(input, generator)
    return result if out is None else write(out, result._data)
