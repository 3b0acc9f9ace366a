"""The activation functions of ``nn.functional`` beyond relu/sigmoid/tanh (those are in
``unary.py``): each a ``Function`` with its derivative in ``backward``."""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import elementwise_jvp
from ._support import check_floating
from ..parity.fp import quiet
from .pointwise import _sigmoid_np, erf, erf_array
from .._tensor import Tensor


class LeakyRelu(Function):
    """x where x > 0, slope * x elsewhere; the gradient is 1 or slope."""

    node_name = "LeakyReluBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("negative_slope",)

    @staticmethod
    def forward(a, slope):
        return np.where(a > 0, a, a * a.dtype.type(slope))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.negative_slope = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        positive = a > 0
        return grad * positive + grad * ~positive * ctx.negative_slope, None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Gelu(Function):
    """x * Phi(x), Phi the standard normal CDF ('none'), or its tanh approximation ('tanh')."""

    node_name = "GeluBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("approximate",)

    @staticmethod
    def forward(a, approximate):
        x = a.astype(np.float64)
        if approximate == "tanh":
            inner = np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)
            out = 0.5 * x * (1 + np.tanh(inner))
        else:
            out = 0.5 * x * (1 + erf_array(x / np.sqrt(2)))
        return out.astype(a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.approximate = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        if ctx.approximate == "tanh":
            k = float(np.sqrt(2 / np.pi))
            t = (k * (x + 0.044715 * x ** 3)).tanh()
            local = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x)
        else:
            cdf = 0.5 * (1 + erf(x * float(1 / np.sqrt(2))))
            pdf = (-0.5 * x * x).exp() * float(1 / np.sqrt(2 * np.pi))
            local = cdf + x * pdf  # d/dx x Phi(x) = Phi(x) + x phi(x)
        return grad * local, None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Softplus(Function):
    """log(1 + exp(beta x)) / beta, linear above ``threshold``; the gradient is sigmoid(beta x)."""

    node_name = "SoftplusBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("beta", "threshold")

    @staticmethod
    def forward(a, beta, threshold):
        z = a * a.dtype.type(beta)
        soft = (np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0)) / a.dtype.type(beta)
        return np.where(z > threshold, a, soft).astype(a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.beta, ctx.threshold = inputs[1], inputs[2]

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        z = a * ctx.beta
        return grad * (z * 1.0).sigmoid().masked_fill(z > ctx.threshold, 1.0), None, None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Hardtanh(Function):
    """x clipped to [min_val, max_val]; the gradient is 1 strictly inside, 0 at and beyond the bounds."""

    node_name = "HardtanhBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("max_val", "min_val")

    @staticmethod
    def forward(a, min_val, max_val):
        return np.clip(a, a.dtype.type(min_val), a.dtype.type(max_val))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.min_val, ctx.max_val = inputs[1], inputs[2]

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        # PyTorch zeroes where x <= min or x >= max: a nan input lets the gradient through.
        return grad * ~((a <= ctx.min_val) | (a >= ctx.max_val)), None, None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class LogSigmoid(Function):
    """log(sigmoid(x)), computed as -softplus(-x) so it does not overflow; the gradient is sigmoid(-x)."""

    node_name = "LogSigmoidBackward0"
    raw = True
    saved_names = ("self", "buffer")

    @staticmethod
    def forward(a):
        return -(np.log1p(np.exp(-np.abs(a))) + np.maximum(-a, 0))

    @staticmethod
    def setup_context(ctx, inputs, output):
        a = inputs[0]
        with quiet():
            buffer = np.exp(-np.abs(a._data))  # what PyTorch keeps for its backward: e^-|x|
        ctx.save_for_backward(a, Tensor._make(buffer))

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return grad * (-a).sigmoid()

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Silu(Function):
    """x * sigmoid(x); the gradient is s (1 + x (1 - s))."""

    node_name = "SiluBackward0"
    raw = True
    saved_names = ("self",)

    @staticmethod
    def forward(a):
        return a * _sigmoid_np(a)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        s = x.sigmoid()
        return grad * s * (1 + x * (1 - s))

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Elu(Function):
    """x where x > 0, alpha (exp(x) - 1) elsewhere."""

    node_name = "EluBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("alpha", "input_scale", "scale")
    ctx_defaults = {"scale": 1, "input_scale": 1}

    @staticmethod
    def forward(a, alpha):
        return np.where(a > 0, a, a.dtype.type(alpha) * np.expm1(a)).astype(a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.alpha = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        positive = a > 0
        return grad * positive + grad * ~positive * a.exp() * ctx.alpha, None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


# -- F.leaky_relu, F.gelu, ...: checks, then the op above ----------------------------------------
def leaky_relu(input, negative_slope=0.01, inplace=False):
    check_floating(input, "leaky_relu_cpu")
    return LeakyRelu.apply(input, negative_slope)


def gelu(input, approximate="none"):
    if approximate not in ("none", "tanh"):
        raise RuntimeError(f"approximate argument must be either none or tanh.")
    check_floating(input, "GeluKernelImpl")
    return Gelu.apply(input, approximate)


def softplus(input, beta=1.0, threshold=20.0):
    check_floating(input, "softplus_cpu")
    return Softplus.apply(input, beta, threshold)


def silu(input, inplace=False):
    check_floating(input, "silu_cpu")
    return Silu.apply(input)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    return Hardtanh.apply(input, min_val, max_val)


def relu6(input, inplace=False):
    return Hardtanh.apply(input, 0.0, 6.0)


def logsigmoid(input):
    check_floating(input, "log_sigmoid_forward")
    return LogSigmoid.apply(input)


def elu(input, alpha=1.0, inplace=False):
    check_floating(input, "elu_cpu")
    return Elu.apply(input, alpha)
