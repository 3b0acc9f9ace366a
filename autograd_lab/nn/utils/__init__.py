"""``torch.nn.utils``: clipping gradients before an optimizer step; ``rnn``: padding and packing sequences."""
import math

import numpy as np

from ..._tensor import Tensor
from . import rnn  # noqa: F401


def _grads(parameters):
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    return [p.grad for p in parameters if p.grad is not None]


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    """Scale all gradients together so that their joint norm is at most ``max_norm``.

    The norm is taken over every gradient as if they were one vector; when it exceeds
    ``max_norm`` each ``.grad`` is multiplied in place by ``max_norm / (norm + 1e-6)``.
    Returns the norm before clipping, as a tensor.
    """
    grads = _grads(parameters)
    if not grads:
        return Tensor._make(np.asanyarray(0.0, np.float32))
    norm_type = float(norm_type)
    if norm_type == math.inf:
        norms = [np.abs(g._data).max() for g in grads]
        total = np.max(norms)
    else:
        # Per-gradient norms, then the norm of those, in the gradients' dtype as PyTorch does.
        dt = grads[0]._data.dtype
        norms = np.array([_p_norm(g._data, norm_type) for g in grads], dt)
        total = _p_norm(norms, norm_type)
    total = np.asarray(total, grads[0]._data.dtype)
    if error_if_nonfinite and not np.isfinite(total):
        raise RuntimeError(
            f"The total norm of order {norm_type} for gradients from `parameters` is non-finite, so it cannot be "
            "clipped. To disable this error and scale the gradients by the non-finite norm anyway, set "
            "`error_if_nonfinite=False`"
        )
    coef = grads[0]._data.dtype.type(max_norm) / (total + grads[0]._data.dtype.type(1e-6))
    if coef < 1:
        for g in grads:
            g._data *= coef
            g._vc[0] += 1
    return Tensor._make(total)


def _p_norm(a, p):
    a = np.abs(a)
    if p == 2.0:
        return np.sqrt(np.sum(a * a, dtype=a.dtype))
    return np.sum(a ** p, dtype=a.dtype) ** (1 / p)


def clip_grad_value_(parameters, clip_value, foreach=None):
    """Clamp every gradient entry into ``[-clip_value, clip_value]``, in place."""
    for g in _grads(parameters):
        np.clip(g._data, -clip_value, clip_value, out=g._data)
        g._vc[0] += 1
