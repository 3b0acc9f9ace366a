"""The activation functions of ``nn.functional`` beyond relu/sigmoid/tanh (those are in
``unary.py``): each a ``Function`` with its derivative in ``backward``."""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import elementwise_jvp
from ._support import check_floating
from ..parity import softmax_kernels
from ..parity.fp import quiet
from .pointwise import _sigmoid_np, erf, erf_array
from .._tensor import Tensor
from .._dtype import scalar_type_name


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
        if softmax_kernels.supports(a):  # x / (1 + e^-x), with PyTorch's exp (parity/)
            return softmax_kernels.silu(a)
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


# -- selu, celu, mish, the hard and shrinking ones, threshold, rrelu ---------------------------------
class EluScaled(Function):
    """scale * x where x > 0, scale * alpha * (exp(input_scale * x) - 1) elsewhere: selu (and celu,
    where input_scale = 1 / alpha). d/dx = scale, or scale * alpha * input_scale * exp(input_scale * x)."""

    node_name = "EluBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("alpha", "input_scale", "scale")

    @staticmethod
    def forward(a, alpha, scale, input_scale):
        t = a.dtype.type
        negative = np.expm1(a * t(input_scale)) * t(alpha * scale)
        return np.where(a <= 0, negative, a * t(scale)).astype(a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.alpha, ctx.scale, ctx.input_scale = inputs[1], inputs[2], inputs[3]

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        positive = a > 0
        slope = (a * ctx.input_scale).exp() * (ctx.input_scale * ctx.alpha * ctx.scale)
        return grad * positive * ctx.scale + grad * ~positive * slope, None, None, None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Celu(EluScaled):
    node_name = "CeluBackward0"
    saved_values = ("alpha",)


class Mish(Function):
    """x * tanh(softplus(x)). d/dx = t + x * sigmoid(x) * (1 - t^2), t = tanh(softplus(x))."""

    node_name = "MishBackward0"
    raw = True
    saved_names = ("self",)

    @staticmethod
    def forward(a):
        return a * np.tanh(np.log1p(np.exp(a)))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        t = x.exp().log1p().tanh()
        return grad * (t + x * x.sigmoid() * (1 - t * t))

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Hardswish(Function):
    """x * min(max(x + 3, 0), 6) / 6. d/dx = 0 up to -3, x / 3 + 1/2 strictly between, 1 from 3 on."""

    node_name = "HardswishBackward0"
    raw = True
    saved_names = ("self",)

    @staticmethod
    def forward(a):
        t = a.dtype.type
        return a * np.minimum(np.maximum(a + t(3), t(0)), t(6)) / t(6)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        middle = grad * (x / 3 + 0.5)
        return middle.masked_fill(x <= -3, 0).masked_fill(x >= 3, 0) + grad * (x >= 3)

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Hardsigmoid(Function):
    """min(max(x + 3, 0), 6) / 6. d/dx = 1/6 strictly between -3 and 3, 0 elsewhere."""

    node_name = "HardsigmoidBackward0"
    raw = True
    saved_names = ("self",)

    @staticmethod
    def forward(a):
        t = a.dtype.type
        return np.minimum(np.maximum(a + t(3), t(0)), t(6)) / t(6)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ((x > -3) & (x < 3)) / 6

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Threshold(Function):
    """x where x > threshold, ``value`` elsewhere. d/dx = 1 where x > threshold, else 0."""

    node_name = "ThresholdBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("threshold",)

    @staticmethod
    def forward(a, threshold, value):
        return np.where(a > threshold, a, a.dtype.type(value)).astype(a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.threshold = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * (x > ctx.threshold), None, None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Softshrink(Function):
    """x - lambd above lambd, x + lambd below -lambd, 0 between. d/dx = 1 where |x| > lambd."""

    node_name = "SoftshrinkBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("lambd",)

    @staticmethod
    def forward(a, lambd):
        t = a.dtype.type
        # (between the two, x * 0: -0.0 for a negative x, as in PyTorch)
        return np.where(a > t(lambd), a - t(lambd), np.where(a < -t(lambd), a + t(lambd), a * t(0))).astype(a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.lambd = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ((x > ctx.lambd) | (x < -ctx.lambd)), None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Hardshrink(Softshrink):
    """x where |x| > lambd, 0 between. d/dx = 1 where |x| > lambd."""

    node_name = "HardshrinkBackward0"

    @staticmethod
    def forward(a, lambd):
        t = a.dtype.type
        return np.where((a > t(lambd)) | (a < -t(lambd)), a, t(0)).astype(a.dtype)


class RreluWithNoise(LeakyRelu):
    """rrelu outside training: leaky_relu with the slope (lower + upper) / 2."""

    node_name = "RreluWithNoiseBackward0"
    saved_names = ("self",)
    saved_values = ("lower", "upper", "training")

    @staticmethod
    def setup_context(ctx, inputs, output):
        LeakyRelu.setup_context(ctx, inputs, output)
        ctx.lower, ctx.upper, ctx.training = inputs[2], inputs[3], False

    @staticmethod
    def forward(a, slope, lower, upper):
        return np.where(a > 0, a, a * a.dtype.type(slope))

    @staticmethod
    def backward(ctx, grad):
        return LeakyRelu.backward(ctx, grad)[0], None, None, None


class RreluTraining(Function):
    """rrelu in training: x where x > 0, x * r elsewhere, r drawn uniformly in [lower, upper] for
    each such entry (the ``noise``, 1 where x > 0). d/dx = noise."""

    node_name = "RreluWithNoiseBackward0"
    raw = True
    inputs = (0,)
    saved_names = ("self", "noise")
    saved_values = ("lower", "upper", "training")

    @staticmethod
    def forward(a, noise, lower, upper):
        return a * noise

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], inputs[1])
        ctx.lower, ctx.upper, ctx.training = inputs[2], inputs[3], True

    @staticmethod
    def backward(ctx, grad):
        _, noise = ctx.saved_tensors
        return grad * noise, None, None, None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


def _rrelu_noise(a, lower, upper):
    """PyTorch's draws: one double uniform in [lower, upper) (the bounds rounded to the tensor's
    dtype) per entry <= 0, in order, from the default generator, rounded to the dtype; 1 for the
    others."""
    from ..parity.random import default_generator

    flat = np.ascontiguousarray(a).reshape(-1)
    negative = flat <= 0
    noise = np.ones(flat.shape, a.dtype)
    draws = default_generator._uniform01_f64(int(negative.sum()))
    lower, upper = float(a.dtype.type(lower)), float(a.dtype.type(upper))  # (the bounds in the dtype first)
    noise[negative] = (draws * (upper - lower) + lower).astype(a.dtype)
    return Tensor._make(noise.reshape(a.shape))


def _in_place_name(cls, name):
    """``cls`` as the in-place form records it (``F.selu(x, inplace=True)``: EluBackward1)."""
    return type(cls.__name__ + "InPlace", (cls,), {"node_name": name, "__module__": __name__})


_IN_PLACE = {}


def _run(cls, input, inplace, *args):
    """``cls`` applied to input, or written into it when ``inplace`` (the same tensor, version + 1)."""
    if not inplace:
        return cls.apply(input, *args)
    from .inplace import _inplace

    name = _IN_PLACE_NAMES.get(cls.__name__)
    if name is not None and name not in _IN_PLACE:
        _IN_PLACE[name] = _in_place_name(cls, name)
    node = _IN_PLACE.get(name, cls)
    return _inplace(lambda t: node.apply(t, *args))(input)


_IN_PLACE_NAMES = {"EluScaled": "EluBackward1", "Celu": "CeluBackward1", "Threshold": "ThresholdBackward1",
                   "RreluWithNoise": "RreluWithNoiseBackward1", "RreluTraining": "RreluWithNoiseBackward1"}


def selu(input, inplace=False):
    """scale * elu(x, alpha), the two constants that keep activations normalised."""
    check_floating(input, "elu_cpu")
    return _run(EluScaled, input, inplace, 1.6732632423543772848170429916717, 1.0507009873554804934193349852946, 1.0)


def celu(input, alpha=1.0, inplace=False):
    """max(0, x) + min(0, alpha * (exp(x / alpha) - 1))."""
    if alpha == 0:
        raise RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU")
    check_floating(input, "elu_cpu")
    return _run(Celu, input, inplace, alpha, 1.0, 1.0 / alpha)


def mish(input, inplace=False):
    """x * tanh(softplus(x))."""
    check_floating(input, "mish_cpu")
    return _run(Mish, input, inplace)


def hardswish(input, inplace=False):
    """x * relu6(x + 3) / 6, a cheap silu."""
    check_floating(input, "hardswish_cpu")
    return _run(Hardswish, input, inplace)


def hardsigmoid(input, inplace=False):
    """relu6(x + 3) / 6, a cheap sigmoid."""
    check_floating(input, "hardsigmoid_cpu")
    return _run(Hardsigmoid, input, inplace)


def softsign(input):
    """x / (1 + |x|) (composed, as in PyTorch: the node is a division)."""
    return input / (input.abs() + 1)


def tanhshrink(input):
    """x - tanh(x) (composed: the node is a subtraction)."""
    return input - input.tanh()


def threshold(input, threshold, value, inplace=False):
    """x where x > threshold, else ``value``."""
    return _run(Threshold, input, inplace, threshold, value)


def softshrink(input, lambd=0.5):
    """Shrink towards 0 by lambd; 0 within [-lambd, lambd]."""
    check_floating(input, "softshrink_check")
    if lambd < 0:
        largest = np.finfo(input._data.dtype).max
        raise RuntimeError(f"lambda must be in range [0, {largest:g}] for input dtype "
                           f"{scalar_type_name(input._data.dtype)}, but found {lambd:g}")
    return Softshrink.apply(input, lambd)


def hardshrink(input, lambd=0.5):
    """0 within [-lambd, lambd], x outside."""
    check_floating(input, "hardshrink_cpu")
    return Hardshrink.apply(input, lambd)


def rrelu(input, lower=1.0 / 8, upper=1.0 / 3, training=False, inplace=False):
    """Leaky relu with a random slope in [lower, upper] in training, (lower + upper) / 2 otherwise."""
    check_floating(input, "leaky_relu_cpu")
    if training:
        return _run(RreluTraining, input, inplace, _rrelu_noise(input._data, lower, upper), lower, upper)
    return _run(RreluWithNoise, input, inplace, (lower + upper) / 2, lower, upper)
