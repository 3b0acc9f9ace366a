"""``torch.nn.functional``: activations and losses as functions."""
from ..ops.nn_ops import (  # noqa: F401
    binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy, linear, log_softmax,
    mse_loss, nll_loss, softmax,
)
from ..ops.pointwise import relu as _relu, sigmoid, tanh  # noqa: F401


def relu(input, inplace=False):
    return input.relu_() if inplace else _relu(input)
