"""``optim.Adadelta``: steps whose size is the ratio of two running root-mean-squares, so no
learning rate needs tuning (lr=1.0 by default)."""
import numpy as np

from .._dtype import get_default_dtype
from .._tensor import Tensor
from ..parity import mkl
from .optimizer import Optimizer, check_hyperparameters, _bump_version, _multiply_add, _no_grad_step


class Adadelta(Optimizer):
    """Adadelta (Zeiler), with PyTorch's defaults and update order.

    Per parameter, with gradient g::

        v = rho * v + (1 - rho) * g * g               running mean of the squared gradient
        delta = sqrt(u + eps) / sqrt(v + eps) * g     the step, in the units of p
        u = rho * u + (1 - rho) * delta * delta       running mean of the squared steps
        p = p - lr * delta

    ``weight_decay`` adds ``weight_decay * p`` to g; ``maximize`` climbs instead.
    """

    def __init__(self, params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, foreach=None, *, capturable=False,
                 maximize=False, differentiable=False):
        check_hyperparameters(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay)
        defaults = dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay, maximize=maximize, capturable=capturable,
                        foreach=foreach, differentiable=differentiable)
        super().__init__(params, defaults)

    def _init_state(self, p):
        state = self.state[p]
        state["step"] = Tensor._make(np.zeros((), get_default_dtype().numpy))
        state["square_avg"] = Tensor._make(np.zeros_like(p._data))
        state["acc_delta"] = Tensor._make(np.zeros_like(p._data))
        return state

    @_no_grad_step
    def step(self, closure=None):
        """Move every parameter that has a gradient; the others (frozen, unused) stay put."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, rho, eps, weight_decay = group["lr"], group["rho"], group["eps"], group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p] or self._init_state(p)
                state["step"]._data += 1
                _bump_version(state["step"])
                g = -p.grad._data if group["maximize"] else p.grad._data
                if weight_decay != 0:
                    g = _multiply_add(p._data, weight_decay, g)
                one = g.dtype.type(1 - rho)
                # each multiply-add rounded once, as PyTorch's addcmul_ and add_(alpha=) kernels do
                v, u = state["square_avg"], state["acc_delta"]
                v._data *= rho
                _multiply_add(g * one, g, v._data, out=v._data)
                _bump_version(v, 2)
                std = mkl.sqrt(v._data + g.dtype.type(eps))
                delta = mkl.sqrt(u._data + g.dtype.type(eps))
                delta /= std
                delta *= g
                u._data *= rho
                _multiply_add(delta * one, delta, u._data, out=u._data)
                _bump_version(u, 2)
                _multiply_add(delta, -lr, p._data, out=p._data)
                _bump_version(p)
        return loss
