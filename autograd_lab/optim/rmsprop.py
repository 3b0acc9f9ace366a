"""``optim.RMSprop``: steps divided by a running root-mean-square of the gradient."""
import numpy as np

from .._dtype import get_default_dtype
from .._tensor import Tensor
from ..parity import mkl
from .adam import _lerp
from .optimizer import Optimizer, check_hyperparameters, _bump_version, _multiply_add, _no_grad_step


class RMSprop(Optimizer):
    """RMSprop (Hinton), with PyTorch's defaults and update order.

    Per parameter, with gradient g::

        v = alpha * v + (1 - alpha) * g * g        running mean of the squared gradient
        p = p - lr * g / (sqrt(v) + eps)

    ``centered=True`` also keeps the running mean m of g and divides by sqrt(v - m * m) + eps
    (an estimate of the gradient's variance); ``momentum`` > 0 makes the step follow a buffer
    ``buf = momentum * buf + g / (sqrt(v) + eps)``; ``weight_decay`` adds ``weight_decay * p`` to g.
    """

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False,
                 capturable=False, foreach=None, maximize=False, differentiable=False):
        check_hyperparameters(lr=lr, eps=eps, momentum=momentum, weight_decay=weight_decay, alpha=alpha)
        defaults = dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered, weight_decay=weight_decay,
                        capturable=capturable, foreach=foreach, maximize=maximize, differentiable=differentiable)
        super().__init__(params, defaults)

    def _init_state(self, p, group):
        state = self.state[p]
        state["step"] = Tensor._make(np.zeros((), get_default_dtype().numpy))
        state["square_avg"] = Tensor._make(np.zeros_like(p._data))
        if group["momentum"] > 0:
            state["momentum_buffer"] = Tensor._make(np.zeros_like(p._data))
        if group["centered"]:
            state["grad_avg"] = Tensor._make(np.zeros_like(p._data))
        return state

    @_no_grad_step
    def step(self, closure=None):
        """Move every parameter that has a gradient; the others (frozen, unused) stay put."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, alpha, eps = group["lr"], group["alpha"], group["eps"]
            momentum, weight_decay = group["momentum"], group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state = self._init_state(p, group)
                state["step"]._data += 1
                _bump_version(state["step"])
                g = -p.grad._data if group["maximize"] else p.grad._data
                if weight_decay != 0:
                    g = _multiply_add(p._data, weight_decay, g)
                # numpy in place on the state's arrays, each multiply-add rounded once as
                # PyTorch's addcmul and lerp kernels round it.
                v = state["square_avg"]
                v._data *= alpha
                _multiply_add(g * g.dtype.type(1 - alpha), g, v._data, out=v._data)
                _bump_version(v, 2)
                if group["centered"]:
                    m = state["grad_avg"]
                    m._data[...] = _lerp(m._data, g, 1 - alpha)
                    _bump_version(m)
                    avg = mkl.sqrt(_multiply_add(-m._data, m._data, v._data))
                else:
                    avg = mkl.sqrt(v._data)
                avg += eps
                if momentum > 0:
                    buf = state["momentum_buffer"]
                    buf._data *= momentum
                    buf._data += g / avg
                    _bump_version(buf, 2)
                    _multiply_add(buf._data, -lr, p._data, out=p._data)
                else:
                    p._data += (-lr * g) / avg  # (addcdiv's order: value * g first)
                _bump_version(p)
        return loss
