"""``optim.Adamax``: Adam with the running root-mean-square replaced by a running maximum of |g|."""
import numpy as np

from .._dtype import get_default_dtype
from .._tensor import Tensor
from .adam import _lerp
from .optimizer import Optimizer, check_hyperparameters, _bump_version, _multiply_add, _no_grad_step


class Adamax(Optimizer):
    """Adamax (Kingma and Ba), with PyTorch's defaults and update order.

    Per parameter, with gradient g at step t::

        m = beta1 * m + (1 - beta1) * g               running mean of the gradient
        u = max(beta2 * u, |g| + eps)                 running maximum of its size
        p = p - lr / (1 - beta1^t) * m / u

    ``weight_decay`` adds ``weight_decay * p`` to g; ``maximize`` climbs instead.
    """

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, foreach=None, *,
                 maximize=False, differentiable=False, capturable=False):
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, foreach=foreach, maximize=maximize,
                        differentiable=differentiable, capturable=capturable)
        super().__init__(params, defaults)

    def _init_state(self, p):
        state = self.state[p]
        state["step"] = Tensor._make(np.zeros((), get_default_dtype().numpy))
        state["exp_avg"] = Tensor._make(np.zeros_like(p._data))
        state["exp_inf"] = Tensor._make(np.zeros_like(p._data))
        return state

    @_no_grad_step
    def step(self, closure=None):
        """Move every parameter that has a gradient; the others (frozen, unused) stay put."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, (beta1, beta2), eps, weight_decay = group["lr"], group["betas"], group["eps"], group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p] or self._init_state(p)
                g = -p.grad._data if group["maximize"] else p.grad._data
                state["step"]._data += 1
                _bump_version(state["step"])
                if weight_decay != 0:
                    g = _multiply_add(p._data, weight_decay, g)
                m, u = state["exp_avg"], state["exp_inf"]
                m._data[...] = _lerp(m._data, g, 1 - beta1)
                _bump_version(m)
                u._data *= beta2
                np.maximum(u._data, np.abs(g) + g.dtype.type(eps), out=u._data)
                _bump_version(u, 2)
                step_size = lr / (1 - beta1 ** state["step"].item())
                p._data += (m._data * p._data.dtype.type(-step_size)) / u._data  # (addcdiv's order)
                _bump_version(p)
        return loss
