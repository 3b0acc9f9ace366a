"""Powers: tensor ** number, tensor ** tensor and number ** tensor, with their derivatives."""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import elementwise_jvp, or_zeros, plus
from ..parity import sleef
from ..parity.arg_errors import no_overload
from ._support import NUMBERS, OPERANDS, _is_bool, _is_tensor, as_float, binary, broadcast_error, result_dtype
from .clamp import where
from .pointwise import MulNumber, log


# PyTorch's pow kernel does not call pow() for these exponents of a float32 or float64 tensor
# (aten/src/ATen/native/cpu/PowKernel.cpp): x ** 0.5 is sqrt(x), so (-inf) ** 0.5 is nan where
# pow() says inf, and x ** 3 is x * x * x, rounded twice. The same here, whatever numpy's own
# power does (numpy < 2.3 calls pow() for 0.5). A float16 tensor takes pow() in PyTorch too.
# Other exponents (x ** 0 and x ** 1 aside: ones, a copy) go to SLEEF's pow, as in PyTorch.
_POW_SHORTCUTS = {
    0.5: np.sqrt,
    -0.5: lambda a: 1 / np.sqrt(a),  # rsqrt: (-0.) ** -0.5 is -inf
    2: lambda a: a * a,
    3: lambda a: a * a * a,
    -1: lambda a: 1 / a,  # reciprocal
    -2: lambda a: 1 / (a * a),
}


class PowScalar(Function):
    """``tensor ** number``: d/dx x^n = n x^(n-1)."""

    node_name = "PowBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("exponent",)

    @staticmethod
    def forward(a, exponent):
        return _power_of_number(a, exponent)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.exponent = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        n = ctx.exponent
        if n == 0:
            return a.new_zeros(a._data.shape), None  # (a constant, not grad * 0: no -0. or nan)
        n = float(n)  # (PyTorch holds the exponent as a double: _saved_other is 3.0)
        return grad * MulNumber.apply(a ** (n - 1), n), None  # (PyTorch's grouping, so its rounding)

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


def _power_of_number(a, exponent):
    """``a ** exponent`` for a number exponent, with PyTorch's dtypes, errors and shortcuts."""
    if a.dtype == np.bool_ and isinstance(exponent, (bool, np.bool_)):  # bool ** bool stays bool
        return a.copy() if exponent else np.ones_like(a)
    if a.dtype.kind in "iub" and isinstance(exponent, float):
        a = as_float(a)
    if a.dtype.kind in "iub" and exponent < 0:
        raise RuntimeError("Integers to negative integer powers are not allowed.")
    if (a.dtype == np.float32 or a.dtype == np.float64) and exponent not in (0, 1):
        shortcut = _POW_SHORTCUTS.get(exponent)
        return shortcut(a) if shortcut else sleef.pow_number(a, exponent)
    return np.power(a, exponent, dtype=a.dtype if a.dtype.kind != "b" else np.int64)


class PowTensor(Function):
    """``tensor ** tensor``: the base gets n x^(n-1), the exponent gets x^n ln x."""

    node_name = "PowBackward1"
    raw = True
    saved_names = ("self", "exponent", "result")

    @staticmethod
    def forward(a, b):
        _refuse_bool_pow(a, b)
        return _power(a, b)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], inputs[1], output)

    @staticmethod
    def backward(ctx, grad):
        a, b, result = ctx.saved_tensors
        grad_a = grad_b = None
        if ctx.needs_input_grad[0]:
            # x ** 0 is 1 everywhere, so its slope is 0, even at x = 0 where 0 * 0 ** -1 is nan.
            grad_a = where(b == 0, 0.0, grad * (b * a ** (b - 1)))
        if ctx.needs_input_grad[1]:
            # 0 ** b is 0 for every b > 0 (and 1 for b = 0): PyTorch gives the exponent a zero
            # gradient there; for b < 0 it keeps result * log(0) = -inf.
            grad_b = grad * where((a == 0) & (b >= 0), 0.0, result * log(a.to(result.dtype)))
        return grad_a, grad_b

    @staticmethod
    def jvp(ctx, ta, tb):
        # element-wise: the tangent times the derivative backward uses. (PyTorch's term for the base
        # is a where(), which makes zeros of a base without a tangent: it adds 0., not nothing.)
        tangent = elementwise_jvp(ctx, ta, tb)
        return tangent if ta is not None else plus(or_zeros(None, ctx.output), tangent)


def _power(base, exponent):
    """``base ** exponent`` on arrays or numbers. An integer power with a negative exponent, which
    numpy refuses, is PyTorch's: 1 for a base of 1, +-1 for -1 and 0 for any other base."""
    out_dtype = result_dtype(base, exponent)
    if out_dtype == np.float32 or out_dtype == np.float64:
        error = broadcast_error(np.shape(base), np.shape(exponent))
        if error:
            raise error
        return sleef.pow_arrays(base, exponent, out_dtype)  # SLEEF's pow, as PyTorch's loop uses it
    if out_dtype.kind not in "iu" or not (np.asarray(exponent) < 0).any():
        return binary(np.power, base, exponent)
    base, exponent = np.broadcast_arrays(*(np.asarray(x).astype(out_dtype) for x in (base, exponent)))
    negative = exponent < 0
    out = np.power(base, np.where(negative, 0, exponent).astype(out_dtype))
    odd = exponent % 2 == 1
    inverse = np.where(base == 1, 1, np.where(base == -1, np.where(odd, -1, 1), 0)).astype(out_dtype)
    return np.where(negative, inverse, out)


def _refuse_bool_pow(a, b):
    if _is_bool(a) and _is_bool(b):
        raise NotImplementedError('"pow" not implemented for \'Bool\'')


class RPow(Function):
    """``number ** tensor``: d/dx c^x = c^x ln c."""

    node_name = "PowBackward2"
    raw = True
    saved_names = ("exponent", "result")
    saved_values = ("self",)

    @staticmethod
    def forward(a, base):
        _refuse_bool_pow(base, a)
        return _power(base, a)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], output)
        ctx.self = inputs[1]  # PyTorch's name for the base

    @staticmethod
    def backward(ctx, grad):
        exponent, result = ctx.saved_tensors
        if ctx.self == 0:  # 0 ** b: a zero gradient where b >= 0, as for tensor ** tensor
            return grad * where(exponent >= 0, 0.0, result * float("-inf")), None
        return grad * (result * float(np.log(ctx.self))), None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


# -- torch.pow, torch.square: checks, then the op above ---------------------------------------
def pow(input, exponent):
    """``PowScalar`` (tensor ** number: d/dx = n x^(n-1)), ``PowTensor`` or ``RPow`` above, each
    with its derivative in ``backward``."""
    if not (_is_tensor(input) and isinstance(exponent, OPERANDS)) and not (
        isinstance(input, NUMBERS) and _is_tensor(exponent)
    ):
        raise no_overload("pow", (input, exponent), [
            ("Tensor input, Tensor exponent, *, Tensor out = None", None),
            ("Number self, Tensor exponent, *, Tensor out = None", None),
            ("Tensor input, Number exponent, *, Tensor out = None", None),
        ])
    if not _is_tensor(input):
        return RPow.apply(exponent, input)
    if _is_tensor(exponent):
        return PowTensor.apply(input, exponent)
    return PowScalar.apply(input, exponent)


def square(input):
    return PowScalar.apply(input, 2)
