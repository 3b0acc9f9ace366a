"""gradcheck and gradgradcheck: compare backward's gradients with finite differences."""
import numpy as np


def _inputs_to_check(inputs):
    from .._tensor import Tensor

    return [t for t in inputs if isinstance(t, Tensor) and t._requires_grad]


def _numerical_jacobian(fn, inputs, target, eps):
    """d(outputs)/d(target) by central differences, one input entry at a time."""
    flat = target._data.reshape(-1)
    columns = []
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        plus = _flat_outputs(fn(*inputs))
        flat[i] = old - eps
        minus = _flat_outputs(fn(*inputs))
        flat[i] = old
        columns.append((plus - minus) / (2 * eps))
    return np.stack(columns, axis=0) if columns else np.zeros((0, 0))


def _flat_outputs(out):
    from .._tensor import Tensor

    outs = out if isinstance(out, (tuple, list)) else (out,)
    return np.concatenate([o._data.reshape(-1).astype(np.float64) for o in outs if isinstance(o, Tensor)])


def _analytical_jacobian(fn, inputs, checked):
    """d(outputs)/d(inputs) from backward, one output entry at a time (vector-Jacobian products)."""
    from .._tensor import Tensor
    from . import grad

    out = fn(*inputs)
    outs = [o for o in (out if isinstance(out, (tuple, list)) else (out,)) if isinstance(o, Tensor) and o._requires_grad]
    n_out = sum(o._data.size for o in outs)
    jac = [np.zeros((t._data.size, n_out)) for t in checked]
    col = 0
    for o in outs:
        for j in range(o._data.size):
            seed = np.zeros(o._data.size, o._data.dtype)
            seed[j] = 1
            gs = grad([o], checked, [Tensor._make(seed.reshape(o._data.shape))], retain_graph=True, allow_unused=True)
            for k, g in enumerate(gs):
                if g is not None:
                    jac[k][:, col] = g._data.reshape(-1)
            col += 1
    return jac


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **_ignored):
    """True when ``func``'s backward agrees with finite differences on ``inputs`` (use float64)."""
    from .._tensor import Tensor

    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    checked = _inputs_to_check(inputs)
    if not checked:
        raise ValueError("gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.")
    analytical = _analytical_jacobian(func, inputs, checked)
    for k, t in enumerate(checked):
        numerical = _numerical_jacobian(func, inputs, t, eps)
        if numerical.shape != analytical[k].shape or not np.allclose(analytical[k], numerical, rtol=rtol, atol=atol):
            if raise_exception:
                raise GradcheckError(
                    f"Jacobian mismatch for output 0 with respect to input {k},\n"
                    f"numerical:{numerical}\nanalytical:{analytical[k]}\n"
                )
            return False
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **_ignored):
    """gradcheck of the gradient itself: checks second derivatives (needs create_graph support)."""
    from .._tensor import Tensor
    from . import grad

    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    out = func(*inputs)
    outs = out if isinstance(out, (tuple, list)) else (out,)
    if grad_outputs is None:
        rng = np.random.default_rng(0)
        grad_outputs = [Tensor._make(rng.standard_normal(o._data.shape).astype(o._data.dtype), requires_grad=True) for o in outs]
    checked = _inputs_to_check(inputs)

    def first_derivative(*args):
        ins = args[: len(inputs)]
        gouts = args[len(inputs):]
        o = func(*ins)
        o = o if isinstance(o, (tuple, list)) else (o,)
        diff = [t for t in ins if isinstance(t, Tensor) and t._requires_grad]
        gs = grad(list(o), diff, list(gouts), create_graph=True, allow_unused=True)
        return tuple(g for g in gs if g is not None)

    del checked
    return gradcheck(first_derivative, tuple(inputs) + tuple(grad_outputs), eps=eps, atol=atol, rtol=rtol, raise_exception=raise_exception)


class GradcheckError(RuntimeError):
    pass
