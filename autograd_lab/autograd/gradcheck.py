"""gradcheck and gradgradcheck: compare backward's gradients with finite differences."""
import warnings

import numpy as np

from .._tensor import Tensor
from .engine import grad


class GradcheckError(RuntimeError):
    """Raised by gradcheck when backward disagrees with finite differences."""


def _tensor_outputs(out):
    outs = out if isinstance(out, (tuple, list)) else (out,)
    return [o for o in outs if isinstance(o, Tensor)]


def _numerical_jacobians(fn, inputs, target, eps, n_outputs):
    """d(output o)/d(target) by central differences: one (target.numel, output.numel) array per output."""
    flat = target._data.reshape(-1)
    columns = [[] for _ in range(n_outputs)]
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        plus = [o._data.astype(np.float64).reshape(-1) for o in _tensor_outputs(fn(*inputs))]
        flat[i] = old - eps
        minus = [o._data.astype(np.float64).reshape(-1) for o in _tensor_outputs(fn(*inputs))]
        flat[i] = old
        for o in range(n_outputs):
            columns[o].append((plus[o] - minus[o]) / (2 * eps))
    return [np.stack(c, axis=0) if c else np.zeros((0, 0)) for c in columns]


def _analytical_jacobians(outputs, checked):
    """d(output o)/d(input k) from backward, one output entry at a time (vector-Jacobian products)."""
    jac = {}
    for o, out in enumerate(outputs):
        for k, t in enumerate(checked):
            jac[o, k] = np.zeros((t._data.size, out._data.size))
        if not out._requires_grad:
            continue
        for j in range(out._data.size):
            seed = np.zeros(out._data.size, out._data.dtype)
            seed[j] = 1
            grads = grad([out], checked, [Tensor._make(seed.reshape(out._data.shape))], retain_graph=True, allow_unused=True)
            for k, g in enumerate(grads):
                if g is not None:
                    jac[o, k][:, j] = g._data.reshape(-1)
    return jac


def _forward_jacobians(func, inputs, checked, n_outputs):
    """d(output o)/d(input k) from forward mode, one input entry at a time (Jacobian-vector
    products: the input carries a one-hot tangent, each output's tangent is a column)."""
    from . import forward_ad as fwAD  # (forward_ad imports the engine, as this module does)

    jac = {}
    for k, t in enumerate(checked):
        for i in range(t._data.size):
            tangent = np.zeros(t._data.size, t._data.dtype)
            tangent[i] = 1
            with fwAD.dual_level():
                dual = fwAD.make_dual(t, Tensor._make(tangent.reshape(t._data.shape)))
                args = [dual if a is t else a for a in inputs]
                for o, out in enumerate(_tensor_outputs(func(*args))):
                    column = fwAD.unpack_dual(out).tangent
                    jac.setdefault((o, k), np.zeros((t._data.size, out._data.size)))
                    if column is not None:
                        jac[o, k][i, :] = column._data.reshape(-1)
    return jac


def _as_tensor_text(arr, dtype):
    return repr(Tensor._make(arr.astype(dtype.numpy)))


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, check_forward_ad=False,
              check_backward_ad=True, **_ignored):
    """True when ``func``'s backward agrees with finite differences on ``inputs`` (use float64).

    >>> x = tensor([1., 2.], dtype=float64, requires_grad=True)
    >>> gradcheck(lambda t: (t * t).sum(), (x,))
    True
    """
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    checked = [t for t in inputs if isinstance(t, Tensor) and t._requires_grad]
    if not checked:
        raise ValueError(
            "gradcheck expects at least one input tensor to require gradient, but none of them have requires_grad=True."
        )
    for i, t in enumerate(inputs):
        if isinstance(t, Tensor) and t._requires_grad and t._data.dtype != np.float64:
            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point or complex. This check "
                "will likely fail if all the inputs are not of double precision floating point or complex. ",
                UserWarning, stacklevel=2,
            )
    outputs = _tensor_outputs(func(*inputs))
    checks = []  # (mode text, jacobians)
    if check_backward_ad:
        checks.append(("", _analytical_jacobians(outputs, checked)))
    if check_forward_ad:
        checks.append(("computed with forward mode ", _forward_jacobians(func, inputs, checked, len(outputs))))
    for k, t in enumerate(checked):
        numerical = _numerical_jacobians(func, inputs, t, eps, len(outputs))
        for mode, analytical in checks:
            for o, out in enumerate(outputs):
                got = analytical.get((o, k), np.zeros((t._data.size, out._data.size)))
                if numerical[o].shape != got.shape or not np.allclose(got, numerical[o], rtol=rtol, atol=atol):
                    if not raise_exception:
                        return False
                    raise GradcheckError(
                        f"Jacobian {mode}mismatch for output {o} with respect to input {k},\n"
                        f"numerical:{_as_tensor_text(numerical[o], t.dtype)}\n"
                        f"analytical:{_as_tensor_text(got, t.dtype)}\n"
                    )
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **_ignored):
    """gradcheck of the gradient itself: checks second derivatives (through create_graph=True)."""
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    outs = _tensor_outputs(func(*inputs))
    if grad_outputs is None:
        # Fixed random vectors: the check must give the same verdict on every run.
        rng = np.random.default_rng(0)
        grad_outputs = [Tensor._make(rng.standard_normal(o._data.shape).astype(o._data.dtype), requires_grad=True) for o in outs]

    def first_derivative(*args):
        ins = args[: len(inputs)]
        gouts = args[len(inputs):]
        o = _tensor_outputs(func(*ins))
        diff = [t for t in ins if isinstance(t, Tensor) and t._requires_grad]
        gs = grad(o, diff, list(gouts), create_graph=True, allow_unused=True)
        return tuple(g for g in gs if g is not None)

    return gradcheck(first_derivative, tuple(inputs) + tuple(grad_outputs), eps=eps, atol=atol, rtol=rtol, raise_exception=raise_exception)
