"""``optim.NAdam`` and ``optim.RAdam``: Adam with Nesterov momentum, and Adam whose adaptive step is
switched on gradually ("rectified") while the running variance is still unreliable."""
import math

import numpy as np

from .._dtype import get_default_dtype
from .._tensor import Tensor
from ..parity import mkl
from .adam import _lerp
from .optimizer import Optimizer, check_hyperparameters, _bump_version, _multiply_add, _no_grad_step


def _moments(p, g, state, group):
    """The step count, weight decay and Adam's two running means, as NAdam and RAdam share them;
    the gradient (with weight decay) and the step number."""
    lr, (beta1, beta2), weight_decay = group["lr"], group["betas"], group["weight_decay"]
    state["step"]._data += 1
    _bump_version(state["step"])
    if weight_decay != 0:
        if group["decoupled_weight_decay"]:
            p._data *= 1 - lr * weight_decay
            _bump_version(p)
        else:
            g = _multiply_add(p._data, weight_decay, g)
    m, v = state["exp_avg"], state["exp_avg_sq"]
    m._data[...] = _lerp(m._data, g, 1 - beta1)
    _bump_version(m)
    v._data *= beta2
    _multiply_add(g * g.dtype.type(1 - beta2), g, v._data, out=v._data)  # (addcmul_: rounded once)
    _bump_version(v, 2)
    return g, state["step"].item()


def _new_state(p, *extra):
    state = {"step": Tensor._make(np.zeros((), get_default_dtype().numpy))}
    for name in extra:
        state[name] = Tensor._make(np.ones((), get_default_dtype().numpy))
    state["exp_avg"] = Tensor._make(np.zeros_like(p._data))
    state["exp_avg_sq"] = Tensor._make(np.zeros_like(p._data))
    return state


class NAdam(Optimizer):
    """NAdam (Dozat), with PyTorch's defaults and update order. Adam's step, with the momentum
    looked one step ahead: mu_t = beta1 (1 - 0.96^(t * momentum_decay) / 2), and::

        p = p - lr (1 - mu_t) / (1 - prod mu) * g / d - lr mu_(t+1) / (1 - prod mu * mu_(t+1)) * m / d

    with d = sqrt(v / (1 - beta2^t)) + eps.
    """

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False):
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay, momentum_decay=momentum_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, momentum_decay=momentum_decay,
                        decoupled_weight_decay=decoupled_weight_decay, maximize=maximize, foreach=foreach,
                        capturable=capturable, differentiable=differentiable)
        super().__init__(params, defaults)

    @_no_grad_step
    def step(self, closure=None):
        """Move every parameter that has a gradient; the others (frozen, unused) stay put."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, (beta1, beta2), eps, decay = group["lr"], group["betas"], group["eps"], group["momentum_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                if not self.state[p]:
                    self.state[p].update(_new_state(p, "mu_product"))
                state = self.state[p]
                g, t = _moments(p, -p.grad._data if group["maximize"] else p.grad._data, state, group)
                mu = beta1 * (1.0 - 0.5 * (0.96 ** (t * decay)))
                mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((t + 1) * decay)))
                product = state["mu_product"]
                product._data *= mu
                _bump_version(product)
                dt = p._data.dtype.type
                denom = mkl.sqrt(state["exp_avg_sq"]._data / dt(1 - beta2 ** t)) + dt(eps)
                # two addcdiv_: p + (value * x) / denom
                p._data += (g * dt(-lr * (1.0 - mu) / (1.0 - product.item()))) / denom
                product_next = product.item() * mu_next
                p._data += (state["exp_avg"]._data * dt((-lr * mu_next) / (1.0 - product_next))) / denom
                _bump_version(p, 2)
        return loss


class RAdam(Optimizer):
    """RAdam (Liu et al.), with PyTorch's defaults and update order. While the variance estimate
    is young (rho_t <= 5) the step is momentum SGD's, lr * m / (1 - beta1^t); after that Adam's
    adaptive step, scaled by the rectification r_t (which grows towards 1)."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, decoupled_weight_decay=False,
                 *, foreach=None, maximize=False, capturable=False, differentiable=False):
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, maximize=maximize, foreach=foreach,
                        capturable=capturable, decoupled_weight_decay=decoupled_weight_decay,
                        differentiable=differentiable)
        super().__init__(params, defaults)

    @_no_grad_step
    def step(self, closure=None):
        """Move every parameter that has a gradient; the others (frozen, unused) stay put."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                if not self.state[p]:
                    self.state[p].update(_new_state(p))
                state = self.state[p]
                g, t = _moments(p, -p.grad._data if group["maximize"] else p.grad._data, state, group)
                dt = p._data.dtype.type
                corrected = state["exp_avg"]._data / dt(1 - beta1 ** t)
                bias_correction2 = 1 - beta2 ** t
                rho_inf = 2 / (1 - beta2) - 1
                rho_t = rho_inf - 2 * t * (beta2 ** t) / bias_correction2
                if rho_t > 5.0:
                    rect = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
                    # (number / tensor is the tensor's reciprocal times the number, in PyTorch too)
                    adaptive = np.reciprocal(mkl.sqrt(state["exp_avg_sq"]._data) + dt(eps)) * dt(bias_correction2 ** 0.5)
                    p._data -= corrected * dt(lr) * adaptive * dt(rect)
                else:
                    p._data -= corrected * dt(lr)
                _bump_version(p)
        return loss
