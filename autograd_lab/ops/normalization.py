"""layer_norm and batch_norm, with their derivatives."""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward
from ._support import check_floating
from ..parity import batch_norm as bn_parity
from ..parity.fp import quiet
from .._tensor import Tensor


class NativeLayerNorm(Function):
    """y = (x - mean) / sqrt(var + eps) * weight + bias, mean and (biased) var taken over the
    last ``len(normalized_shape)`` dims of each sample."""

    node_name = "NativeLayerNormBackward0"
    raw = True
    saved_names = ("input", "result1", "result2", "weight", "bias")  # result1/2: the mean and rstd
    saved_values = ("normalized_shape",)
    inputs = (0, 2, 3)

    @staticmethod
    def forward(x, normalized_shape, weight, bias, eps, moments):
        mean, rstd = moments
        out = (x.astype(np.float64) - mean) * rstd
        if weight is not None:
            out = out * weight
        if bias is not None:
            out = out + bias
        return out.astype(x.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, normalized_shape, weight, bias, eps, (mean, rstd) = inputs
        dtype = x._data.dtype
        ctx.save_for_backward(x, Tensor._make(mean.astype(dtype)), Tensor._make(rstd.astype(dtype)), weight, bias)
        ctx.normalized_shape = tuple(normalized_shape)
        ctx.eps = eps

    @staticmethod
    def backward(ctx, grad):
        x, _, _, weight, _ = ctx.saved_tensors
        n_norm = len(ctx.normalized_shape)
        dims = tuple(range(x.dim() - n_norm, x.dim()))
        batch = tuple(range(x.dim() - n_norm))
        mean, rstd = _moments_in_graph(x, dims, ctx.eps)
        needs = ctx.needs_input_grad
        grad_x = grad_w = grad_b = None
        if needs[0]:
            # The mean and the variance depend on x too. In PyTorch's CPU kernel's terms, with
            # g = grad * weight and n the size of a sample: dx = rstd g + b x + c, where
            # b = (sum(g) mean - sum(g x)) rstd^3 / n and c = -b mean - sum(g) rstd / n.
            g = grad * weight if weight is not None else grad
            n = int(np.prod(ctx.normalized_shape))
            sum_g, sum_gx = g.sum(dims, keepdim=True), (g * x).sum(dims, keepdim=True)
            b = (sum_g * mean - sum_gx) * rstd * rstd * rstd / n
            c = -b * mean - sum_g * rstd / n
            grad_x = rstd * g + b * x + c
        if needs[2] or needs[3]:
            x_hat = (x - mean) * rstd
            if needs[2]:
                grad_w = (grad * x_hat).sum(batch) if batch else grad * x_hat
            if needs[3]:
                grad_b = grad.sum(batch) if batch else grad
        return grad_x, None, grad_w, grad_b, None, None

    jvp = staticmethod(jvp_from_backward)


class NativeBatchNorm(Function):
    """y = (x - mean) / sqrt(var + eps) * weight + bias per channel (dim 1): with the batch's
    mean and biased var in training, with the running estimates in evaluation."""

    node_name = "NativeBatchNormBackward0"
    raw = True
    saved_names = ("input", "weight", "result1", "result2")  # result1/2: the batch mean and invstd
    saved_values = ("eps", "running_mean", "running_var", "training")
    inputs = (0, 1, 2)

    @staticmethod
    def forward(x, weight, bias, running_mean, running_var, training, eps, stats):
        mean, invstd = stats
        if bn_parity.follows(x):  # PyTorch's roundings, in parity/batch_norm.py
            return bn_parity.normalize(x, mean, invstd, weight, bias)
        shape = (1, -1) + (1,) * (x.ndim - 2)
        out = (x.astype(np.float64) - mean.reshape(shape)) * invstd.reshape(shape)
        if weight is not None:
            out = out * weight.reshape(shape)
        if bias is not None:
            out = out + bias.reshape(shape)
        return out.astype(x.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, weight, bias, running_mean, running_var, training, eps, (mean, invstd) = inputs
        dtype = x._data.dtype
        if training:
            result1, result2 = Tensor._make(mean.astype(dtype)), Tensor._make(invstd.astype(dtype))
        else:  # PyTorch keeps nothing of its own in evaluation mode
            result1, result2 = Tensor._make(np.zeros(0, dtype)), Tensor._make(np.zeros(0, dtype))
        ctx.save_for_backward(x, weight, result1, result2)
        ctx.running_mean, ctx.running_var = running_mean, running_var
        ctx.training, ctx.eps = training, eps
        ctx.eval_stats = None if training else (mean, invstd)

    @staticmethod
    def backward(ctx, grad):
        x, weight, _, _ = ctx.saved_tensors
        dims = (0,) + tuple(range(2, x.dim()))
        shape = (1, -1) + (1,) * (x.dim() - 2)
        needs = ctx.needs_input_grad
        if ctx.training:
            mean, invstd = _moments_in_graph(x, dims, ctx.eps)
        else:  # the running estimates are constants
            mean, invstd = (Tensor._make(a.astype(x._data.dtype).reshape(shape)) for a in ctx.eval_stats)
        centered = x - mean
        grad_x = grad_w = grad_b = None
        if needs[0]:
            scale = invstd * weight.reshape(shape) if weight is not None else invstd
            if ctx.training:
                # The batch's mean and variance depend on x too: remove grad's mean and its
                # part along the centred input (in the order of PyTorch's CPU kernel).
                n = x.numel() // x.shape[1]
                k = (centered * grad).sum(dims, keepdim=True) * invstd * invstd / n
                grad_x = (grad - grad.sum(dims, keepdim=True) / n - centered * k) * scale
            else:
                grad_x = grad * scale
        if needs[1]:
            grad_w = (grad * centered * invstd).sum(dims)
        if needs[2]:
            grad_b = grad.sum(dims)
        return grad_x, grad_w, grad_b, None, None, None, None, None

    jvp = staticmethod(jvp_from_backward)


# -- F.layer_norm, F.batch_norm: checks, then the op above ---------------------------------------
def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalise each sample over its last dims (``normalized_shape``) to mean 0 and variance 1,
    then scale by ``weight`` and shift by ``bias`` (both of shape ``normalized_shape``).

    >>> F.layer_norm(torch.tensor([[1., 2., 3.]]), (3,))
    tensor([[-1.2247,  0.0000,  1.2247]])
    """
    if isinstance(normalized_shape, int) or not all(isinstance(s, int) for s in normalized_shape):
        raise TypeError(
            "layer_norm(): argument 'normalized_shape' (position 2) must be tuple of ints, "
            f"not {type(normalized_shape).__name__}"
        )
    shape = list(normalized_shape)
    if not shape:
        raise RuntimeError(
            "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, "
            f"but got normalized_shape = {shape}"
        )
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and list(t._data.shape) != shape:
            raise RuntimeError(
                f"Expected {name} to be of same shape as normalized_shape, but got {name} of shape "
                f"{list(t._data.shape)} and normalized_shape = {shape}"
            )
    x = input._data
    if x.ndim < len(shape) or list(x.shape[x.ndim - len(shape):]) != shape:
        raise RuntimeError(
            f"Given normalized_shape={shape}, expected input with shape [*, {', '.join(map(str, shape))}], "
            f"but got input of size{list(x.shape)}"
        )
    check_floating(input, "LayerNormKernelImpl")
    dims = tuple(range(x.ndim - len(shape), x.ndim))
    return NativeLayerNorm.apply(input, tuple(shape), weight, bias, eps, _float_moments(x, dims, eps))


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    """Normalise each channel (dim 1) over the batch and every other dim, then scale and shift.

    In training the batch's own mean and variance are used, and ``running_mean`` /
    ``running_var`` (when given) move towards them by ``momentum``:
    ``running = (1 - momentum) * running + momentum * batch`` (the unbiased variance). In
    evaluation the running estimates are used instead.
    """
    x = input._data
    if training:
        size = x.shape[0] * int(np.prod(x.shape[2:]))
        if size == 1:
            raise ValueError(f"Expected more than 1 value per channel when training, got input size {input.shape}")
    channels = x.shape[1] if x.ndim > 1 else 1
    for name, t in (("running_mean", running_mean), ("running_var", running_var), ("weight", weight), ("bias", bias)):
        if t is not None and t._data.size != channels:
            raise RuntimeError(f"{name} should contain {channels} elements not {t._data.size}")
    if not training:
        for name, t in (("running_mean", running_mean), ("running_var", running_var)):
            if t is None:
                raise RuntimeError(f"{name} must be defined in evaluation mode")
    check_floating(input, "batch_norm")
    if bn_parity.follows(x):
        mean, invstd = _float32_stats(x, running_mean, running_var, training, momentum, eps)
        return NativeBatchNorm.apply(input, weight, bias, running_mean, running_var, bool(training), eps, (mean, invstd))
    if training:
        dims = (0,) + tuple(range(2, x.ndim))
        mean, invstd = (a.reshape(-1) for a in _float_moments(x, dims, eps))
        if running_mean is not None or running_var is not None:
            _update_running_stats(x, dims, mean, running_mean, running_var, momentum)
    else:
        mean = running_mean._data.astype(np.float64)
        invstd = 1.0 / np.sqrt(running_var._data.astype(np.float64) + eps)
    return NativeBatchNorm.apply(input, weight, bias, running_mean, running_var, bool(training), eps, (mean, invstd))


def _float32_stats(x, running_mean, running_var, training, momentum, eps):
    """The float32 mean and invstd batch_norm uses, updating the running estimates in training,
    with PyTorch's roundings (parity/batch_norm.py)."""
    if not training:
        return running_mean._data.astype(np.float32), bn_parity.invstd_eval(running_var._data, eps)
    mean, var_sum, n = bn_parity.batch_stats(x)
    rm = running_mean._data if running_mean is not None else None
    rv = running_var._data if running_var is not None else None
    new_mean, new_var = bn_parity.update_running(mean, var_sum, n, rm, rv, momentum)
    for t, new in ((running_mean, new_mean), (running_var, new_var)):
        if t is not None:
            t._data[...] = new
            t._vc[0] += 1
    return mean, bn_parity.invstd_from(var_sum, n, eps)


def _float_moments(x, dims, eps):
    """Mean and 1 / sqrt(biased variance + eps) of ``x`` over ``dims`` (kept as size-1 dims),
    computed in float64 so that float32 results are rounded once."""
    wide = x.astype(np.float64)
    with quiet():  # (an empty input: nan, as in PyTorch)
        mean = wide.mean(axis=dims, keepdims=True)
        centered = wide - mean
        var = (centered * centered).mean(axis=dims, keepdims=True)
        rstd = 1.0 / np.sqrt(var + eps)
    return mean, rstd


def _moments_in_graph(x, dims, eps):
    """The mean and 1 / sqrt(biased variance + eps) over ``dims`` (kept), recomputed with
    differentiable ops for the backward formulas, so gradients of gradients need no code of
    their own."""
    mean = x.mean(dims, keepdim=True)
    centered = x - mean
    return mean, ((centered * centered).mean(dims, keepdim=True) + eps).rsqrt()


def _update_running_stats(x, dims, mean, running_mean, running_var, momentum):
    """Move the running estimates towards this batch's mean and unbiased variance, in place."""
    n = x.size // mean.size if mean.size else 0
    shape = (1, -1) + (1,) * (x.ndim - 2)
    with quiet():
        centered = x.astype(np.float64) - mean.reshape(shape)
        unbiased_var = (centered * centered).sum(axis=dims) / (n - 1)
    if running_mean is not None:
        rm = running_mean._data
        rm[...] = momentum * mean + (1 - momentum) * rm.astype(np.float64)
        running_mean._vc[0] += 1
    if running_var is not None:
        rv = running_var._data
        rv[...] = momentum * unbiased_var + (1 - momentum) * rv.astype(np.float64)
        running_var._vc[0] += 1
