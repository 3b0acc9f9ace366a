"""``optim.ASGD``: stochastic gradient descent with a shrinking step, which also keeps the running
average of the parameters it visited (Polyak & Juditsky's averaging)."""
import numpy as np

from .._dtype import get_default_dtype
from .._tensor import Tensor
from .optimizer import Optimizer, check_hyperparameters, _bump_version, _multiply_add, _no_grad_step


class ASGD(Optimizer):
    """Averaged SGD, with PyTorch's defaults and update order.

    Per parameter, with gradient g at step t (eta starts at ``lr``, mu at 1)::

        p = p * (1 - lambd * eta)                  decay
        p = p - eta * g                            the SGD step
        ax = ax + mu * (p - ax)                    running average of p (ax = p while mu is 1)
        eta = lr / (1 + lambd * lr * t) ** alpha   the next step size
        mu = 1 / max(1, t - t0)                    averaging starts after t0 steps

    The average ``ax`` is kept in ``optimizer.state[p]["ax"]``; the parameters themselves follow
    plain (decaying-step) SGD. ``weight_decay`` adds ``weight_decay * p`` to g; ``maximize``
    climbs instead. eta, mu and the step count are 0-d tensors of the default dtype.
    """

    def __init__(self, params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0, foreach=None,
                 maximize=False, differentiable=False, capturable=False):
        check_hyperparameters(lr=lr, weight_decay=weight_decay)
        defaults = dict(lr=lr, lambd=lambd, alpha=alpha, t0=t0, weight_decay=weight_decay, foreach=foreach,
                        maximize=maximize, differentiable=differentiable, capturable=capturable)
        super().__init__(params, defaults)

    def _init_state(self, p, lr):
        scalar = get_default_dtype().numpy
        state = self.state[p]
        state["step"] = Tensor._make(np.zeros((), scalar))
        state["eta"] = Tensor._make(np.array(lr, scalar))
        state["mu"] = Tensor._make(np.ones((), scalar))
        state["ax"] = Tensor._make(np.zeros_like(p._data))
        return state

    @_no_grad_step
    def step(self, closure=None):
        """Move every parameter that has a gradient; the others (frozen, unused) stay put."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, lambd, alpha, t0 = group["lr"], group["lambd"], group["alpha"], group["t0"]
            weight_decay = group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p] or self._init_state(p, lr)
                step_t, eta, mu, ax = state["step"], state["eta"], state["mu"], state["ax"]
                step_t._data += 1
                _bump_version(step_t)
                g = -p.grad._data if group["maximize"] else p.grad._data
                if weight_decay != 0:
                    g = _multiply_add(p._data, weight_decay, g)
                eta_now = float(eta._data)  # (a number of the default dtype, used as a Python float)
                p._data *= p._data.dtype.type(1 - lambd * eta_now)
                _multiply_add(g, -eta_now, p._data, out=p._data)
                _bump_version(p, 2)
                if float(mu._data) != 1:
                    ax._data += (p._data - ax._data) * mu._data.astype(p._data.dtype)
                else:
                    ax._data[...] = p._data
                _bump_version(ax)
                t = float(step_t._data)
                # the next eta and mu: computed in Python floats, stored in the default dtype
                eta._data[...] = lr / ((1 + lambd * lr * t) ** alpha)
                mu._data[...] = 1 / max(1, t - t0)
                _bump_version(eta)
                _bump_version(mu)
        return loss
