"""What the distributions share: parameters broadcast to one shape, probabilities <-> logits,
standard normal noise, and properties computed on first use."""
import numpy as np

from .._dtype import get_default_dtype
from .._tensor import Tensor
from ..autograd.grad_mode import enable_grad
from ..creation import empty, tensor
from ..ops.shape import broadcast_tensors

NUMBERS = (int, float)


def broadcast_all(*values):
    """Tensors of one shape from tensors and numbers; numbers take the dtype of the first tensor
    (the default dtype if there is none)."""
    if not all(isinstance(v, (Tensor,) + NUMBERS) for v in values):
        raise ValueError(
            "Input arguments must all be instances of Number, torch.Tensor or objects implementing "
            "__torch_function__."
        )
    dtype = next((v.dtype for v in values if isinstance(v, Tensor)), get_default_dtype())
    return broadcast_tensors(*(v if isinstance(v, Tensor) else tensor(v, dtype=dtype) for v in values))


def standard_normal(shape, dtype):
    """N(0, 1) noise: ``empty(shape).normal_()``, the same draws as PyTorch's."""
    return empty(shape, dtype=dtype).normal_()


def clamp_probs(probs):
    eps = float(np.finfo(probs.detach().numpy().dtype).eps)
    return probs.clamp(min=eps, max=1 - eps)


def probs_to_logits(probs, is_binary=False):
    """log p (is_binary: log p - log(1 - p)), p kept one float eps away from 0 and 1."""
    p = clamp_probs(probs)
    return p.log() - (-p).log1p() if is_binary else p.log()


def logits_to_probs(logits, is_binary=False):
    return logits.sigmoid() if is_binary else logits.softmax(-1)


class lazy_property:
    """A property computed once, on first use, with gradients recorded (even under no_grad),
    then kept on the instance: a Bernoulli made from ``probs`` gets its ``logits`` this way."""

    def __init__(self, compute):
        self.compute = compute
        self.__doc__ = compute.__doc__
        self.__name__ = compute.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        with enable_grad():
            value = self.compute(instance)
        setattr(instance, self.__name__, value)
        return value
