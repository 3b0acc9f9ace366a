"""Activation layers: element-wise non-linearities (ReLU, Sigmoid, Tanh) and softmaxes."""
from ..ops.pointwise import sigmoid, tanh
from . import functional as F
from .module import Module


class ReLU(Module):
    """max(0, x), element-wise."""

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace

    def forward(self, input):
        return F.relu(input, inplace=self.inplace)

    def extra_repr(self):
        return "inplace=True" if self.inplace else ""


class Sigmoid(Module):
    """1 / (1 + exp(-x)), element-wise."""

    def forward(self, input):
        return sigmoid(input)


class Tanh(Module):
    """tanh(x), element-wise."""

    def forward(self, input):
        return tanh(input)


class Softmax(Module):
    """exp(x) / sum(exp(x)) along ``dim``: turns scores into probabilities that sum to 1."""

    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.softmax(input, self.dim, _stacklevel=5)

    def extra_repr(self):
        return f"dim={self.dim}"


class LogSoftmax(Module):
    """log(softmax(x)) along ``dim``, computed stably."""

    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.log_softmax(input, self.dim, _stacklevel=5)

    def extra_repr(self):
        return f"dim={self.dim}"
