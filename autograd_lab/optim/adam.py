"""``optim.Adam`` and ``optim.AdamW``: steps scaled by running averages of the gradient and its square."""
import numpy as np

from .._dtype import get_default_dtype
from .._tensor import Tensor
from ..parity import mkl
from .optimizer import Optimizer, check_hyperparameters, _bump_version, _multiply_add, _no_grad_step


class Adam(Optimizer):
    """Adam (Kingma & Ba), with PyTorch's defaults and update order.

    Per parameter, with gradient g at step t::

        m = beta1 * m + (1 - beta1) * g              running mean of the gradient
        v = beta2 * v + (1 - beta2) * g * g          running mean of its square
        p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)

    The two ``1 - beta^t`` factors undo the pull towards zero of averages that start at zero.
    ``weight_decay`` adds ``weight_decay * p`` to g (L2 penalty); AdamW instead shrinks p
    directly, ``p = p * (1 - lr * weight_decay)``, before the step.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
                 foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
                 decoupled_weight_decay=False):
        check_hyperparameters(lr=lr, eps=eps, betas=betas, weight_decay=weight_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad, maximize=maximize,
                        foreach=foreach, capturable=capturable, differentiable=differentiable, fused=fused,
                        decoupled_weight_decay=decoupled_weight_decay)
        super().__init__(params, defaults)

    def _init_state(self, p, amsgrad):
        state = self.state[p]
        # The step count is a float tensor, as in PyTorch ('step': tensor(3.) in state_dict).
        state["step"] = Tensor._make(np.zeros((), get_default_dtype().numpy))
        state["exp_avg"] = Tensor._make(np.zeros_like(p._data))
        state["exp_avg_sq"] = Tensor._make(np.zeros_like(p._data))
        if amsgrad:
            state["max_exp_avg_sq"] = Tensor._make(np.zeros_like(p._data))
        return state

    @_no_grad_step
    def step(self, closure=None):
        """Move every parameter that has a gradient; the others (frozen, unused) stay put."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, eps, weight_decay = group["lr"], group["eps"], group["weight_decay"]
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:  # the first step of this parameter
                    state = self._init_state(p, group["amsgrad"])
                step_t, m, v = state["step"], state["exp_avg"], state["exp_avg_sq"]
                # numpy arithmetic in place on the tensors' arrays: nothing here is recorded.
                step_t._data += 1
                _bump_version(step_t)
                g = -p.grad._data if group["maximize"] else p.grad._data
                if weight_decay != 0:
                    if group["decoupled_weight_decay"]:
                        p._data *= 1 - lr * weight_decay
                        _bump_version(p)
                    else:
                        g = _multiply_add(p._data, weight_decay, g)
                # m moves a fraction 1 - beta1 of the way to g; v likewise towards g * g. Written
                # as PyTorch's kernels compute them (lerp, addcmul: multiply-adds rounded once).
                m._data[...] = _lerp(m._data, g, 1 - beta1)
                v._data *= beta2
                _multiply_add(g * g.dtype.type(1 - beta2), g, v._data, out=v._data)
                _bump_version(m)
                _bump_version(v, 2)

                t = step_t.item()
                step_size = lr / (1 - beta1**t)
                bias_correction2_sqrt = (1 - beta2**t) ** 0.5
                if group["amsgrad"]:
                    vmax = state["max_exp_avg_sq"]
                    np.maximum(vmax._data, v._data, out=vmax._data)
                    _bump_version(vmax)
                    v = vmax  # the denominator never shrinks
                denom = mkl.sqrt(v._data) / bias_correction2_sqrt + eps
                p._data += (-step_size * m._data) / denom  # (addcdiv's order: value * m first)
                _bump_version(p)
        return loss


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter): ``p *= 1 - lr * weight_decay`` at
    each step, instead of adding an L2 term to the gradient. ``weight_decay`` defaults to 0.01."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
                 maximize=False, foreach=None, capturable=False, differentiable=False, fused=None):
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                         foreach=foreach, maximize=maximize, capturable=capturable, differentiable=differentiable,
                         fused=fused, decoupled_weight_decay=True)


def _lerp(start, end, weight):
    """``start + weight * (end - start)`` as PyTorch's lerp computes it: one multiply-add, taken
    from whichever end is nearer to the weight (so weight 1 gives ``end`` exactly)."""
    diff = end - start
    weight = start.dtype.type(weight)
    if abs(weight) < 0.5:
        return _multiply_add(weight, diff, start)
    return _multiply_add(weight - 1, diff, end)
