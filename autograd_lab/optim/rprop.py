"""``optim.Rprop``: each weight keeps its own step size, grown while its gradient keeps its sign
and shrunk when the sign flips; only the sign of the gradient is used, never its size."""
import numpy as np

from .._dtype import get_default_dtype
from .._tensor import Tensor
from .optimizer import Optimizer, check_hyperparameters, _bump_version, _no_grad_step


class Rprop(Optimizer):
    """Resilient backpropagation (Riedmiller & Braun), with PyTorch's defaults and update order.

    Per element of a parameter, with gradient g, the previous step's gradient g_prev and a step
    size s that starts at ``lr``::

        if g * g_prev > 0:  s = min(s * etaplus, step_size_max)     same direction: speed up
        if g * g_prev < 0:  s = max(s * etaminus, step_size_min)    overshot: slow down, and
                            g = 0                                   skip this element once
        p = p - sign(g) * s
        g_prev = g

    ``etas = (etaminus, etaplus)``, ``step_sizes = (step_size_min, step_size_max)``.
    ``maximize`` climbs instead. Rprop has no weight decay. Meant for full-batch training: the
    signs of noisy mini-batch gradients flip too often for the step sizes to settle.
    """

    def __init__(self, params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *, capturable=False, foreach=None,
                 maximize=False, differentiable=False):
        check_hyperparameters(lr=lr)
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        defaults = dict(lr=lr, etas=etas, step_sizes=step_sizes, foreach=foreach, maximize=maximize,
                        differentiable=differentiable, capturable=capturable)
        super().__init__(params, defaults)

    def _init_state(self, p, lr):
        state = self.state[p]
        state["step"] = Tensor._make(np.zeros((), get_default_dtype().numpy))
        state["prev"] = Tensor._make(np.zeros_like(p._data))
        state["step_size"] = Tensor._make(np.full_like(p._data, lr))
        return state

    @_no_grad_step
    def step(self, closure=None):
        """Move every parameter that has a gradient; the others (frozen, unused) stay put."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            etaminus, etaplus = group["etas"]
            smallest, largest = group["step_sizes"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p] or self._init_state(p, group["lr"])
                state["step"]._data += 1
                _bump_version(state["step"])
                g = -p.grad._data if group["maximize"] else p.grad._data
                prev, size = state["prev"], state["step_size"]
                dt = g.dtype.type
                # the factor for each step size: etaplus, etaminus or 1
                agreement = _sign(g * prev._data)
                factor = np.where(agreement > 0, dt(etaplus), agreement)
                factor = np.where(factor < 0, dt(etaminus), factor)
                factor = np.where(factor == 0, dt(1), factor)
                size._data *= factor
                np.clip(size._data, dt(smallest), dt(largest), out=size._data)
                _bump_version(size, 2)
                g = np.where(factor == dt(etaminus), dt(0), g)  # a flipped sign: no move this time
                p._data += -_sign(g) * size._data  # (one rounding: sign(g) * s is exact)
                _bump_version(p)
                prev._data[...] = g
                _bump_version(prev)
        return loss


def _sign(x):
    """-1, 0 or 1 in x's dtype, as PyTorch's sign: 0 for nan too (numpy's sign keeps the nan), so a
    nan gradient leaves its step size and its weight as they are."""
    return (x > 0).astype(x.dtype) - (x < 0).astype(x.dtype)
