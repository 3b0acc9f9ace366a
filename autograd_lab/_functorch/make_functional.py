"""functorch's ``make_functional``: a module turned into a function of its parameters (and
buffers), ``func(params, buffers, x)``. Written here on ``torch.func.functional_call``.

    >>> func, params, buffers = make_functional_with_buffers(nn.Linear(3, 3))
    >>> func(params, buffers, torch.ones(1, 3))   # the model's output, from the given params

``params`` are a copy's parameters (the model is deep-copied, as PyTorch does); the function
reads whatever tensors it is given, so forward-mode duals and ``torch.func`` transforms go
through it.
"""
import copy

from .. import nn
from ..func import functional_call


class FunctionalModuleWithBuffers(nn.Module):
    """``func(params, buffers, *args)``: the model with these parameters and buffers, in the
    order of ``named_parameters()`` / ``named_buffers()``."""

    def __init__(self, stateless_model, param_names, buffer_names):
        super().__init__()
        self.stateless_model = stateless_model
        self.param_names = param_names
        self.buffer_names = buffer_names

    def forward(self, params, buffers, *args, **kwargs):
        named = dict(zip(self.param_names, params))
        named.update(zip(self.buffer_names, buffers))
        return functional_call(self.stateless_model, named, args, kwargs)


class FunctionalModule(nn.Module):
    """``func(params, *args)``: the model with these parameters (its buffers as they are)."""

    def __init__(self, stateless_model, param_names):
        super().__init__()
        self.stateless_model = stateless_model
        self.param_names = param_names

    def forward(self, params, *args, **kwargs):
        return functional_call(self.stateless_model, dict(zip(self.param_names, params)), args, kwargs)


def _copy_and_state(model, disable_autograd_tracking):
    model_copy = copy.deepcopy(model)
    names, params = zip(*model_copy.named_parameters()) if list(model_copy.parameters()) else ((), ())
    if disable_autograd_tracking:
        for p in params:
            p.requires_grad_(False)
    return model_copy, tuple(names), tuple(params)


def make_functional(model, disable_autograd_tracking=False):
    """``(func, params)`` with ``func(params, *args)`` the model's output for those parameters."""
    if list(model.buffers()):
        raise RuntimeError("make_functional(model): `model` has buffers. Please use "
                           "make_functional_with_buffers(model) instead.")
    model_copy, names, params = _copy_and_state(model, disable_autograd_tracking)
    return FunctionalModule(model_copy, names), params


def make_functional_with_buffers(model, disable_autograd_tracking=False):
    """``(func, params, buffers)`` with ``func(params, buffers, *args)`` the model's output."""
    model_copy, names, params = _copy_and_state(model, disable_autograd_tracking)
    named_buffers = list(model_copy.named_buffers())
    buffer_names = tuple(n for n, _ in named_buffers)
    buffers = tuple(b for _, b in named_buffers)
    return FunctionalModuleWithBuffers(model_copy, names, buffer_names), params, buffers
