"""``optim.SGD``: stochastic gradient descent, with momentum, dampening, Nesterov and weight decay."""
from .._tensor import Tensor
from .optimizer import Optimizer, _bump_version, _multiply_add, _no_grad_step


class SGD(Optimizer):
    """p <- p - lr * g, where g is the gradient, optionally with L2 weight decay and momentum.

    With momentum m the step follows a running buffer instead of the raw gradient:
    ``buf = m * buf + (1 - dampening) * g`` (the first step sets ``buf = g``), and the step uses
    ``buf``, or ``g + m * buf`` with ``nesterov=True``. The numbers are PyTorch's.

    >>> opt = SGD(model.parameters(), lr=0.1, momentum=0.9)
    >>> opt.zero_grad(); loss_fn(model(x), y).backward(); opt.step()
    """

    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
                 maximize=False, foreach=None, differentiable=False, fused=None):
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
                        nesterov=nesterov, maximize=maximize, foreach=foreach, differentiable=differentiable,
                        fused=fused)
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super().__init__(params, defaults)

    @_no_grad_step
    def step(self, closure=None):
        """Move every parameter that has a gradient one step; parameters whose ``.grad`` is
        None (frozen, or unused by the loss) stay where they are."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, momentum, dampening = group["lr"], group["momentum"], group["dampening"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                # The arithmetic runs on the numpy arrays, in place: the update is not recorded,
                # and writing into the parameter's own memory keeps every view of it in step.
                # Each `a + alpha * b` is rounded once, as PyTorch's add(alpha=) kernel fuses it
                # (see _multiply_add).
                g = p.grad._data
                if group["maximize"]:
                    g = -g
                if group["weight_decay"] != 0:
                    g = _multiply_add(p._data, group["weight_decay"], g)
                if momentum != 0:
                    state = self.state[p]
                    buf = state.get("momentum_buffer")
                    if buf is None:
                        buf = state["momentum_buffer"] = Tensor._make(g.copy())
                    else:
                        buf._data *= momentum
                        _multiply_add(g, 1 - dampening, buf._data, out=buf._data)
                        _bump_version(buf, 2)
                    g = _multiply_add(buf._data, momentum, g) if group["nesterov"] else buf._data
                _multiply_add(g, -lr, p._data, out=p._data)
                _bump_version(p)
        return loss
