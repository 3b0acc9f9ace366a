"""softmax and log_softmax, with their derivatives.

Each op's gradient is a second op (``SoftmaxBackwardData``, ``LogSoftmaxBackwardData``, just
below it), so that differentiating it again records one node, as PyTorch does.
"""
import numpy as np

from .. import _dtype
from ..parity import softmax_kernels
from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward
from ._support import as_float, max_keepdims, not_implemented, sum_keepdims, wrap_dim


class Softmax(Function):
    """y = exp(x) / sum(exp(x)); dx = y * (dy - sum(dy * y)), computed by ``SoftmaxBackwardData``
    just below (a second op, so that a double backward records PyTorch's node)."""

    node_name = "SoftmaxBackward0"
    raw = True
    saved_names = ("result",)
    saved_values = ("dim",)

    @staticmethod
    def forward(a, dim):
        if a.size == 0:  # nothing to normalise (numpy's max of nothing would raise)
            return a.copy()
        if a.dtype == np.float16:  # PyTorch's half kernels compute in float32, rounding once
            return Softmax.forward(a.astype(np.float32), dim).astype(np.float16)
        if softmax_kernels.supports(a):  # the same formula, with PyTorch's exp and order of sums (parity/)
            return softmax_kernels.softmax(a, dim)
        a = as_float(a)
        shifted = np.exp(a - max_keepdims(a, dim))
        return shifted / sum_keepdims(shifted, dim)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)
        ctx.dim = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return SoftmaxBackwardData.apply(grad, y, ctx.dim), None

    @staticmethod
    def jvp(ctx, tangent, _):
        # The Jacobian diag(y) - y y^T is symmetric: J t is backward's formula with t for the gradient.
        return SoftmaxBackwardData.apply(tangent, ctx.output, ctx.inputs[1])


class _GradientOfSoftmax(Function):
    """The gradient of softmax or log_softmax as one op on ``(grad_output, output, dim)``, so
    that differentiating it again (create_graph) records one node, as PyTorch does."""

    raw = True
    saved_names = ("grad_output", "output")
    saved_values = ("dim",)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], inputs[1])
        ctx.dim = inputs[2]

    jvp = staticmethod(jvp_from_backward)


class SoftmaxBackwardData(_GradientOfSoftmax):
    """dx = y * (g - sum(g * y))"""

    node_name = "SoftmaxBackwardDataBackward0"

    @staticmethod
    def forward(g, y, dim):
        if softmax_kernels.supports(g, y):  # rounded as PyTorch's kernel rounds it (parity/)
            return softmax_kernels.softmax_backward(g, y, dim)
        return y * (g - sum_keepdims(g * y, dim))

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        dim = ctx.dim
        gg_y = (gg * y).sum(dim, keepdim=True)
        grad_g = y * (gg - gg_y)  # d/dg_k: y_k (gg_k - sum_i gg_i y_i)
        grad_y = gg * (g - (g * y).sum(dim, keepdim=True)) - g * gg_y  # gg_k (g_k - sum(g y)) - g_k sum(gg y)
        return grad_g, grad_y, None


class LogSoftmax(Function):
    """y = x - log(sum(exp(x))); dx = dy - exp(y) * sum(dy), computed by
    ``LogSoftmaxBackwardData`` just below (a second op, for PyTorch's double-backward node)."""

    node_name = "LogSoftmaxBackward0"
    raw = True
    saved_names = ("result",)
    saved_values = ("dim",)

    @staticmethod
    def forward(a, dim):
        if a.size == 0:
            return a.copy()
        if softmax_kernels.supports(a):  # the same formula, with PyTorch's exp, log and sums (parity/)
            return softmax_kernels.log_softmax(a, dim)
        a = as_float(a)
        shifted = a - max_keepdims(a, dim)
        return shifted - np.log(sum_keepdims(np.exp(shifted), dim))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)
        ctx.dim = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return LogSoftmaxBackwardData.apply(grad, y, ctx.dim), None

    @staticmethod
    def jvp(ctx, tangent, _):
        # dy_i = dx_i - sum_j softmax_j dx_j, with softmax = exp(y)
        y, dim = ctx.output, ctx.inputs[1]
        return tangent - (y.exp() * tangent).sum(dim, keepdim=True)


class LogSoftmaxBackwardData(_GradientOfSoftmax):
    """dx = g - exp(y) * sum(g)"""

    node_name = "LogSoftmaxBackwardDataBackward0"

    @staticmethod
    def forward(g, y, dim):
        if softmax_kernels.supports(g, y):  # rounded as PyTorch's kernel rounds it (parity/)
            return softmax_kernels.log_softmax_backward(g, y, dim)
        return g - np.exp(y) * sum_keepdims(g, dim)

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        e = y.exp()
        grad_g = gg - (gg * e).sum(ctx.dim, keepdim=True)  # d/dg_k: gg_k - sum_i gg_i e_i
        grad_y = -gg * e * g.sum(ctx.dim, keepdim=True)  # d/dy_k: -gg_k e_k sum(g)
        return grad_g, grad_y, None


# -- torch.softmax / F.softmax and friends: checks, then the op above --------------------------
def softmax(input, dim=None, _stacklevel=3, dtype=None):
    """``Softmax`` above; its derivative is ``SoftmaxBackwardData.forward``."""
    input, dim = _softmax_args(input, dim, _stacklevel, dtype, "softmax")
    return Softmax.apply(input, dim)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """``LogSoftmax`` above; its derivative is ``LogSoftmaxBackwardData.forward``."""
    input, dim = _softmax_args(input, dim, _stacklevel, dtype, "log_softmax")
    return LogSoftmax.apply(input, dim)


def _softmax_args(input, dim, _stacklevel, dtype, name):
    """The input (cast to ``dtype`` first, a ToCopyBackward0 node, as in PyTorch) and the dim,
    checked. torch.softmax(x, dim, dtype) has no _stacklevel: a dtype there is the dtype."""
    if isinstance(_stacklevel, _dtype.dtype):
        dtype = _stacklevel
    if dtype is not None:
        input = input.to(dtype)
    if dim is None:
        dim = implicit_dim(input._data.ndim)
    return input, _softmax_checks(input, dim, name)


def implicit_dim(ndim):
    """The dim a softmax without one takes (PyTorch's legacy rule; F.softmax warns about it)."""
    return 0 if ndim in (0, 1, 3) else 1


def _softmax_checks(input, dim, name):
    """PyTorch's softmax kernels exist for floating dtypes only, and are named after the dim."""
    a = input._data
    dim = wrap_dim(dim, a.ndim)
    if a.dtype.kind != "f" and a.size:
        kernel = f"{name}_lastdim_kernel_impl" if dim == max(a.ndim - 1, 0) else f"{name}_kernel_impl"
        raise not_implemented(kernel, a.dtype)
    return dim
