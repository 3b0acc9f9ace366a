"""``optim.Adagrad``: each coordinate's step shrinks with the sum of its squared gradients so far."""
import numpy as np

from .._dtype import get_default_dtype
from .._tensor import Tensor
from ..parity import mkl
from .optimizer import Optimizer, check_hyperparameters, _bump_version, _multiply_add, _no_grad_step


class Adagrad(Optimizer):
    """Adagrad (Duchi et al.), with PyTorch's defaults and update order.

    Per parameter, with gradient g at step t::

        s = s + g * g                                sum of squared gradients (starts at
                                                     ``initial_accumulator_value``)
        p = p - lr / (1 + (t - 1) * lr_decay) * g / (sqrt(s) + eps)

    Coordinates with large gradients so far take small steps. ``weight_decay`` adds
    ``weight_decay * p`` to g. The state is created for every parameter at construction, as in
    PyTorch (so ``state_dict()`` shows it before the first step).
    """

    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10,
                 foreach=None, *, maximize=False, differentiable=False, fused=None):
        check_hyperparameters(lr=lr, lr_decay=lr_decay, weight_decay=weight_decay,
                              initial_accumulator_value=initial_accumulator_value, eps=eps)
        defaults = dict(lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
                        initial_accumulator_value=initial_accumulator_value, foreach=foreach, maximize=maximize,
                        differentiable=differentiable, fused=fused)
        super().__init__(params, defaults)
        if fused:
            if differentiable:
                raise RuntimeError("`fused` does not support `differentiable`")
            if foreach:
                raise RuntimeError("`fused` and `foreach` cannot be `True` together.")
        for group in self.param_groups:
            for p in group["params"]:
                self._init_state(p, initial_accumulator_value)

    def _init_state(self, p, initial_value):
        state = self.state[p]
        state["step"] = Tensor._make(np.zeros((), get_default_dtype().numpy))
        state["sum"] = Tensor._make(np.full_like(p._data, initial_value))
        return state

    @_no_grad_step
    def step(self, closure=None):
        """Move every parameter that has a gradient; the others (frozen, unused) stay put."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, lr_decay, eps, weight_decay = group["lr"], group["lr_decay"], group["eps"], group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:  # a group added after construction
                    state = self._init_state(p, self.defaults["initial_accumulator_value"])
                step_t, s = state["step"], state["sum"]
                step_t._data += 1
                _bump_version(step_t)
                g = -p.grad._data if group["maximize"] else p.grad._data
                if weight_decay != 0:
                    g = _multiply_add(p._data, weight_decay, g)
                clr = lr / (1 + (step_t.item() - 1) * lr_decay)
                _multiply_add(g, g, s._data, out=s._data)  # (addcmul: one rounding)
                _bump_version(s)
                std = mkl.sqrt(s._data)
                std += eps
                p._data += (-clr * g) / std  # (addcdiv's order: value * g first)
                _bump_version(p)
        return loss
