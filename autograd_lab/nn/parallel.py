"""``nn.DataParallel`` on a machine without GPUs: the wrapped module, run as it is.

PyTorch splits each batch across the GPUs it was given; with none (the CPU build) it calls the
module directly, which is all this does. Tutorials wrap a model in it unconditionally.
"""
from .module import Module


class DataParallel(Module):
    """``DataParallel(model)(x)`` is ``model(x)``; the model is kept as ``.module`` (its parameters
    are named ``module.weight``, ...)."""

    def __init__(self, module, device_ids=None, output_device=None, dim=0):
        super().__init__()
        self.module = module
        self.device_ids = []  # no GPU: nothing to spread over

    def forward(self, *inputs, **kwargs):
        return self.module(*inputs, **kwargs)
