"""More element-wise ops: ``addcmul`` and ``addcdiv`` (what optimizers use), ``hypot``,
``copysign``, ``fmax``/``fmin`` (nan-ignoring max and min), ``heaviside``, ``exp2``, ``frac``,
``sgn``, ``logit`` and ``float_power``. The first ones of these live in ``pointwise.py``; these
are here to keep that file short. Each backward states its derivative.
"""
import numpy as np

from .. import _dtype
from ..autograd.function import Function
from ..autograd.forward_ad import elementwise_jvp
from ..parity.fma import fma
from ._support import as_float, binary, broadcast_error, default_float, not_implemented, result_dtype
from .pointwise import _unary
from .rounding import _NoDerivative
from .._tensor import Tensor


class Addcmul(Function):
    """x + value * t1 * t2. d/dx = grad, d/dt1 = grad * value * t2, d/dt2 = grad * value * t1."""

    node_name = "AddcmulBackward0"
    raw = True
    inputs = (0, 1, 2)
    saved_names = ("tensor1", "tensor2")
    saved_values = ("value",)

    @staticmethod
    def forward(x, t1, t2, value):
        dt = result_dtype(result_dtype(x, t1), t2)
        if dt.kind != "f" or dt == np.float16:
            return binary(np.add, x, binary(np.multiply, t1, t2, dt) * dt.type(value), dt)
        # PyTorch's kernel: (value * t1) * t2 + x, the last two as one fused multiply-add
        scaled = np.asarray(t1, dt) * dt.type(value) if value != 1 else np.asarray(t1, dt)
        shape = np.broadcast_shapes(np.shape(x), np.shape(t1), np.shape(t2))
        return fma(scaled, np.asarray(t2, dt), np.broadcast_to(np.asarray(x, dt), shape))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[1], inputs[2])
        ctx.value = inputs[3]

    @staticmethod
    def backward(ctx, grad):
        t1, t2 = ctx.saved_tensors
        return grad, grad * t2 * ctx.value, grad * t1 * ctx.value, None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Addcdiv(Function):
    """x + value * t1 / t2. d/dx = grad, d/dt1 = grad * value / t2, d/dt2 = -grad * value * t1 / t2^2."""

    node_name = "AddcdivBackward0"
    raw = True
    inputs = (0, 1, 2)
    saved_names = ("tensor1", "tensor2")
    saved_values = ("value",)

    @staticmethod
    def forward(x, t1, t2, value):
        dt = result_dtype(result_dtype(x, t1), t2)
        scaled = np.asarray(t1, dt) * dt.type(value) if value != 1 else np.asarray(t1, dt)
        return binary(np.add, x, binary(np.true_divide, scaled, t2, dt), dt)  # x + (value * t1) / t2

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[1], inputs[2])
        ctx.value = inputs[3]

    @staticmethod
    def backward(ctx, grad):
        t1, t2 = ctx.saved_tensors
        return grad, grad * ctx.value / t2, -grad * ctx.value * t1 / (t2 * t2), None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


def _addc(cls, name, input, tensor1, tensor2, value):
    for t in (input, tensor1, tensor2):
        if not isinstance(t, Tensor):
            raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not {type(t).__name__}")
    if name == "addcdiv" and tensor1._data.dtype.kind in "iub" and tensor2._data.dtype.kind in "iub":
        raise RuntimeError(
            "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a "
            "true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as "
            "(input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as "
            "(input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter "
            "implementation: (input + value * tensor1 / tensor2), for all dtypes."
        )
    shape = input._data.shape
    for t in (tensor1, tensor2):  # (PyTorch's error names the shape so far and the next operand's)
        try:
            shape = np.broadcast_shapes(shape, t._data.shape)
        except ValueError:
            raise broadcast_error(shape, t._data.shape) from None
    return cls.apply(input, tensor1, tensor2, value)


def addcmul(input, tensor1, tensor2, *, value=1):
    """``input + value * tensor1 * tensor2``, element by element."""
    return _addc(Addcmul, "addcmul", input, tensor1, tensor2, value)


def addcdiv(input, tensor1, tensor2, *, value=1):
    """``input + value * tensor1 / tensor2``, element by element (Adam's update is one)."""
    return _addc(Addcdiv, "addcdiv", input, tensor1, tensor2, value)


# -- two tensors -------------------------------------------------------------------------------------------
class Hypot(Function):
    """r = sqrt(a^2 + b^2). d/da = grad * a / r, d/db = grad * b / r."""

    node_name = "HypotBackward0"
    raw = True
    saved_names = ("other", "self", "result")

    @staticmethod
    def forward(a, b):
        return binary(np.hypot, a, b)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[1], inputs[0], output)

    @staticmethod
    def backward(ctx, grad):
        b, a, r = ctx.saved_tensors
        return grad * a / r, grad * b / r

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


def _first_of_equal(out, a, b):
    """Of two equal values (0. and -0.), fmax and fmin give the first, as PyTorch does (numpy's
    choice changed between its versions)."""
    return np.where(np.equal(a, b), a, out).astype(out.dtype, copy=False)


class Fmax(Function):
    """The larger of a and b, the one that is not nan if one is. d/da = grad where a was taken
    (a >= b, or b is nan), d/db = grad elsewhere."""

    node_name = "FmaxBackward0"
    raw = True
    saved_names = ("other", "self")
    ufunc = staticmethod(np.fmax)

    @staticmethod
    def forward(a, b):
        return _first_of_equal(binary(np.fmax, a, b), a, b)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[1], inputs[0])

    @staticmethod
    def backward(ctx, grad):
        b, a = ctx.saved_tensors
        takes_a = (a >= b) | b.isnan()
        return grad.masked_fill(~takes_a, 0), grad.masked_fill(takes_a, 0)

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Fmin(Fmax):
    """The smaller of a and b, the one that is not nan if one is (the gradient as fmax's)."""

    node_name = "FminBackward0"

    @staticmethod
    def forward(a, b):
        return _first_of_equal(binary(np.fmin, a, b), a, b)

    @staticmethod
    def backward(ctx, grad):
        b, a = ctx.saved_tensors
        takes_a = (a <= b) | b.isnan()
        return grad.masked_fill(~takes_a, 0), grad.masked_fill(takes_a, 0)


class Copysign(Function):
    """|a| with the sign of b. d/da = grad * copysign(1, a) * copysign(1, b) where a != 0, else 0;
    b only gives the sign: no gradient."""

    node_name = "CopysignBackward0"
    raw = True
    saved_names = ("self", "result")

    @staticmethod
    def forward(a, b):
        dt = result_dtype(a, b)
        dt = dt if dt.kind == "f" else default_float()
        return np.copysign(np.asarray(a, dt), np.asarray(b, dt)).astype(dt)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], output)

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        local = (result / a).masked_fill(a == 0, 0)  # +-1: whether the sign was changed
        return grad * local, grad * 0

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class CopysignNumber(Copysign):
    node_name = "CopysignBackward1"

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        return grad * (result / a).masked_fill(a == 0, 0), None


def _two(fn, cls, input, other):
    if not isinstance(input, Tensor) and not isinstance(other, Tensor):
        raise TypeError(f"{fn}(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    return cls.apply(input, other)


def hypot(input, other):
    """sqrt(input^2 + other^2) without overflow in the squares."""
    dt = result_dtype(input._data, other._data if isinstance(other, Tensor) else other)
    if dt.kind != "f":
        raise not_implemented("hypot_cpu", dt)
    return _two("hypot", Hypot, input, other)


def fmax(input, other):
    """The element-wise maximum; where one of the two is nan, the other."""
    return _two("fmax", Fmax, input, other)


def fmin(input, other):
    """The element-wise minimum; where one of the two is nan, the other."""
    return _two("fmin", Fmin, input, other)


def copysign(input, other):
    """``|input|`` with the sign of ``other`` (a tensor or a number; -0.0 counts as negative)."""
    return (Copysign if isinstance(other, Tensor) else CopysignNumber).apply(input, other)


class Heaviside(_NoDerivative):
    """0 where x < 0, 1 where x > 0, ``values`` where x == 0. PyTorch has no derivative for it."""

    node_name = "NotImplemented"
    node_qualname = "torch::autograd::NotImplemented"
    aten = "heaviside"

    @staticmethod
    def forward(a, values):
        return np.asarray(np.heaviside(a, values)).astype(a.dtype)


def heaviside(input, values):
    """0 where input < 0, 1 where input > 0, ``values`` where input == 0."""
    if not isinstance(values, Tensor):
        raise TypeError(f"heaviside(): argument 'values' (position 2) must be Tensor, not {type(values).__name__}")
    if input._data.dtype != values._data.dtype:
        raise RuntimeError("heaviside is not yet implemented for tensors with different dtypes.")
    return Heaviside.apply(input, values)


# -- one tensor --------------------------------------------------------------------------------------------
Exp2 = _unary("Exp2", np.exp2, lambda g, y: g * y * float(np.log(2)), saves="result")  # d/dx 2^x = 2^x ln 2
Frac = _unary("Frac", lambda a: a - np.trunc(a), lambda g, x: g, saves="self", float_only=False)  # d/dx = 1
Frac.saved_names = ()


class Sgn(Function):
    """The sign (-1, 0 or 1); its derivative is 0 everywhere it exists."""

    node_name = "SgnBackward0"
    raw = True
    saved_names = ("self", "result")

    @staticmethod
    def forward(a):
        return np.sign(a)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class Logit(Function):
    """log(p / (1 - p)), p first clamped to [eps, 1 - eps] when eps is given.
    d/dp = grad / (p (1 - p)); 0 where the clamp acted (nan outside [0, 1] without eps)."""

    node_name = "LogitBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("eps",)

    @staticmethod
    def forward(a, eps):
        x = as_float(a)
        if eps is not None:
            x = np.clip(x, x.dtype.type(eps), x.dtype.type(1 - eps))
        return np.log(x / (1 - x))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.eps = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (p,) = ctx.saved_tensors
        g = grad / (p * (1 - p))
        if ctx.eps is None:
            return g.masked_fill((p < 0) | (p > 1), float("nan")), None
        return g.masked_fill((p < ctx.eps) | (p > 1 - ctx.eps), 0), None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


def exp2(input):
    """2 to the power of each entry."""
    return Exp2.apply(input)


def frac(input):
    """The fractional part, ``x - trunc(x)`` (with x's sign)."""
    if input._data.dtype.kind != "f":
        raise not_implemented("frac_cpu", input._data.dtype)
    return Frac.apply(input)


def sgn(input):
    """The sign of each entry (for real numbers the same as ``sign``)."""
    if input._data.dtype.kind == "b":
        return Tensor._make(input._data.copy())
    return Sgn.apply(input)


def logit(input, eps=None):
    """The inverse of sigmoid: log(p / (1 - p))."""
    return Logit.apply(input, eps)


def float_power(input, exponent):
    """``input ** exponent`` computed in double precision (the result is float64)."""
    from .powers import pow

    def double(x):
        return x.to(_dtype.float64) if isinstance(x, Tensor) else x

    if not isinstance(input, Tensor):
        return pow(float(input), double(exponent))
    return pow(double(input), double(exponent) if isinstance(exponent, Tensor) else float(exponent))
