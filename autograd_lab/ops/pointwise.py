"""Element-wise ops: arithmetic and the usual functions of one tensor (exp, log, trig, tanh,
relu, ...), each with its derivative. Powers are in ``powers.py``, rounding in ``rounding.py``;
clamp, maximum/minimum, where and lerp in ``clamp.py``.

Every backward below returns one gradient per forward argument, written with tensor ops so it
can itself be differentiated (higher-order gradients). Broadcasting is undone once, in the
engine, so a formula here never sums over broadcast dimensions itself.
"""
import math
import warnings

import numpy as np

from .. import _dtype
from ..autograd.function import Function
from ..autograd.forward_ad import elementwise_jvp, linear_jvp, minus, or_zeros, plus, times
from ..parity import mkl, softmax_kernels
from ..parity.fma import fma
from ..parity.arg_errors import not_tensor
from ._support import (
    NUMBERS, _check_operands, _is_bool, _is_tensor, _number, _refuse_bool, as_float, binary, broadcast_error,
    default_float, result_dtype,
)
from .rounding import DivRounded
from .._tensor import Tensor


class Add(Function):
    node_name = "AddBackward0"
    raw = True
    scalars_are_inputs = 2
    saved_values = ("alpha",)
    ctx_defaults = {"alpha": 1}  # on the node class, so the usual case sets nothing

    @staticmethod
    def forward(a, b, alpha=1):
        return binary(np.add, a, b) if _unscaled(alpha) else _add_scaled(a, b, alpha)

    @staticmethod
    def setup_context(ctx, inputs, output):
        if len(inputs) > 2:
            ctx.alpha = inputs[2]

    @staticmethod
    def backward(ctx, grad):
        return grad, (grad if ctx.alpha == 1 else grad * ctx.alpha), None

    @staticmethod
    def jvp(ctx, ta, tb, *alpha):
        # (an input without a tangent, a number or a plain tensor, is None: x + 2 changes as x does)
        return plus(ta, times(tb, ctx.inputs[2]) if len(ctx.inputs) > 2 else tb)


class Sub(Add):
    node_name = "SubBackward0"

    @staticmethod
    def forward(a, b, alpha=1):
        _refuse_bool_subtraction(a, b)
        return binary(np.subtract, a, b) if _unscaled(alpha) else _add_scaled(a, b, _minus(alpha))

    @staticmethod
    def backward(ctx, grad):
        return grad, (-grad if ctx.alpha == 1 else grad * -ctx.alpha), None

    @staticmethod
    def jvp(ctx, ta, tb, *alpha):
        return minus(ta, times(tb, ctx.inputs[2]) if len(ctx.inputs) > 2 else tb)


def _refuse_bool_subtraction(a, b):
    if _is_bool(a) or _is_bool(b):
        if _is_bool(a) and _is_bool(b):
            raise RuntimeError(
                "Subtraction, the `-` operator, with two bool tensors is not supported. "
                "Use the `^` or `logical_xor()` operator instead."
            )
        raise RuntimeError(
            "Subtraction, the `-` operator, with a bool tensor is not supported. "
            "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
        )


def _unscaled(alpha):
    """Whether ``alpha`` leaves the other operand as it is. True equals 1 but is not taken as 1:
    it goes the scaled way, where _add_scaled refuses it for non-bool results, as PyTorch does."""
    return alpha == 1 and alpha.__class__ is not bool


def _minus(alpha):
    """-alpha for ``a - alpha * b``; a bool stays a bool, so that _add_scaled refuses it as PyTorch
    does (subtracting bools is refused before that)."""
    return alpha if alpha.__class__ is bool else -alpha


def _add_scaled(a, b, alpha):
    """``a + alpha * b`` rounded once: PyTorch's CPU kernel fuses it into a multiply-add."""
    dt = result_dtype(a, b)
    if isinstance(alpha, (bool, np.bool_)) and dt.kind != "b":
        raise RuntimeError("Boolean alpha only supported for Boolean results.")
    if dt.kind in "iub" and isinstance(alpha, (float, np.floating)):
        raise RuntimeError("For integral input tensors, argument alpha must not be a floating point number.")
    if dt.kind != "f" or dt == np.float16:
        return binary(np.add, a, b * alpha, dt)
    shape_a, shape_b = np.shape(a), np.shape(b)
    try:
        shape = np.broadcast_shapes(shape_a, shape_b)
    except ValueError:
        raise broadcast_error(shape_a, shape_b) from None
    return fma(alpha, b, np.broadcast_to(np.asarray(a, dt), shape))


class RSub(Function):
    """``number - tensor``: PyTorch records it as rsub, with the number not an input."""

    node_name = "RsubBackward1"
    raw = True
    saved_values = ("alpha",)
    ctx_defaults = {"alpha": 1}

    @staticmethod
    def forward(a, number, alpha=1):
        _refuse_bool_subtraction(number, a)
        return binary(np.subtract, number, a) if _unscaled(alpha) else _add_scaled(number, a, _minus(alpha))

    @staticmethod
    def setup_context(ctx, inputs, output):
        if len(inputs) > 2:
            ctx.alpha = inputs[2]

    @staticmethod
    def backward(ctx, grad):
        return (-grad if ctx.alpha == 1 else grad * -ctx.alpha), None, None

    @staticmethod
    def jvp(ctx, ta, number, *alpha):
        return -ta * ctx.inputs[2] if len(ctx.inputs) > 2 else -ta


class RSubTensor(Add):
    """``torch.rsub(a, b, alpha)``: b - alpha * a, both tensors."""

    node_name = "RsubBackward0"

    @staticmethod
    def forward(a, b, alpha=1):
        _refuse_bool_subtraction(b, a)
        return binary(np.subtract, b, a) if _unscaled(alpha) else _add_scaled(b, a, _minus(alpha))

    @staticmethod
    def backward(ctx, grad):
        return (-grad if ctx.alpha == 1 else grad * -ctx.alpha), grad, None

    @staticmethod
    def jvp(ctx, ta, tb, *alpha):
        return minus(tb, times(ta, ctx.inputs[2]) if len(ctx.inputs) > 2 else ta)


class SubNumber(Sub):
    """``torch.subtract(t, 2, 3)``: PyTorch's (Tensor, Number other, Number alpha) overload."""

    node_name = "SubBackward1"
    saved_values = ()
    scalars_are_inputs = 0


class Mul(Function):
    node_name = "MulBackward0"
    raw = True
    scalars_are_inputs = 2
    saved_names = ("other", "self")  # (PyTorch's order: saved-tensor hooks see other first)

    @staticmethod
    def forward(a, b):
        return binary(np.multiply, a, b)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, b = inputs
        need_a, need_b = ctx.needs_input_grad
        ctx.save_for_backward(b if need_a else None, a if need_b else None)

    @staticmethod
    def backward(ctx, grad):
        b, a = ctx.saved_tensors
        return (grad * b if b is not None else None), (grad * a if a is not None else None)

    @staticmethod
    def jvp(ctx, ta, tb):
        a, b = ctx.inputs
        return plus(times(ta, b), times(tb, a))  # the product rule: ta * b + a * tb


class MulNumber(Function):
    """tensor * number inside PyTorch's own formulas (its Scalar overload: MulBackward1)."""

    node_name = "MulBackward1"
    raw = True
    saved_values = ("other",)

    @staticmethod
    def forward(a, number):
        return binary(np.multiply, a, number)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.other = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        return MulNumber.apply(grad, ctx.other), None

    jvp = staticmethod(linear_jvp)  # the tangent times the same number


class Div(Function):
    node_name = "DivBackward0"
    raw = True
    scalars_are_inputs = 2
    saved_names = ("other", "self")  # (PyTorch's order: saved-tensor hooks see other first)

    @staticmethod
    def forward(a, b):
        dt = result_dtype(a, b)
        dt = dt if dt.kind == "f" else default_float()
        return binary(np.true_divide, a, b, dt)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, b = inputs
        ctx.save_for_backward(b, a if ctx.needs_input_grad[1] else None)

    @staticmethod
    def backward(ctx, grad):
        b, a = ctx.saved_tensors
        grad_a = grad / b if ctx.needs_input_grad[0] else None
        grad_b = -grad * a / (b * b) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b

    @staticmethod
    def jvp(ctx, ta, tb):
        b = ctx.inputs[1]
        return minus(ta, times(tb, ctx.output)) / b  # d(a/b) = da/b - (a/b) db/b


class Neg(Function):
    node_name = "NegBackward0"
    raw = True

    @staticmethod
    def forward(a):
        if not isinstance(a, np.ndarray):
            raise not_tensor("neg", a)
        if a.dtype == np.bool_:
            raise RuntimeError(
                "Negation, the `-` operator, on a bool tensor is not supported. "
                "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
            )
        return np.negative(a)

    @staticmethod
    def backward(ctx, grad):
        return -grad

    jvp = staticmethod(linear_jvp)


# -- functions of one tensor ------------------------------------------------------------------
def _unary(name, np_fn, derivative, saves="self", float_only=True):
    """Define an element-wise op ``y = f(x)`` from numpy's f and a formula for ``grad * f'(x)``.

    ``saves`` says whether the formula needs the input (``self``) or the output (``result``),
    matching what PyTorch keeps for the same op. (Outside f's domain, log(0), numpy's warning is
    silenced by ``Function.apply``: PyTorch gives inf or nan without one.)
    """

    fn = name.lower()
    if fn in mkl.UNARY:  # where MKL is installed, the function PyTorch's kernel calls (parity/mkl.py)
        np_fn = mkl.or_numpy(fn, np_fn)

    def forward(a):
        if not isinstance(a, np.ndarray):  # torch.exp(1.0): only the functional form can get here
            raise not_tensor(fn, a)
        return np_fn(as_float(a) if float_only else a)

    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0] if saves == "self" else output)

    def backward(ctx, grad):
        (saved,) = ctx.saved_tensors
        return derivative(grad, saved)

    def jvp(ctx, tangent):
        # f'(x) is a number per element, so the tangent is multiplied by it just as the gradient is
        return derivative(tangent, ctx.inputs[0] if saves == "self" else ctx.output)

    cls = type(name, (Function,), {
        "node_name": name + "Backward0", "raw": True, "saved_names": (saves,),
        "forward": staticmethod(forward), "setup_context": staticmethod(setup_context),
        "backward": staticmethod(backward), "jvp": staticmethod(jvp), "__module__": __name__,
    })
    return cls


def _sigmoid_np(a):
    # 1 / (1 + e^-x), as PyTorch computes it: for x below about -88 (float32) e^-x overflows to
    # inf and the result is exactly 0, where a more careful formula would give a subnormal.
    if softmax_kernels.supports(a):  # the same formula with PyTorch's exp (parity/softmax_kernels.py)
        return softmax_kernels.sigmoid(a)
    with np.errstate(over="ignore"):
        e = np.exp(np.negative(a))
    return np.reciprocal(e + 1)


def erf_array(x):
    """The error function on a numpy array (numpy has none; math.erf is exact, one value at a time)."""
    return np.vectorize(math.erf, otypes=[np.float64])(x).astype(x.dtype if x.dtype.kind == "f" else np.float64)


Erf = _unary("Erf", erf_array, lambda g, x: g * (-x * x).exp() * float(2 / np.sqrt(np.pi)))
Exp = _unary("Exp", np.exp, lambda g, y: g * y, saves="result")
Log = _unary("Log", np.log, lambda g, x: g / x)
Sqrt = _unary("Sqrt", np.sqrt, lambda g, y: g / (2 * y), saves="result")
Rsqrt = _unary("Rsqrt", lambda a: 1 / np.sqrt(a), lambda g, y: -0.5 * g * y * y * y, saves="result")
Sin = _unary("Sin", np.sin, lambda g, x: g * x.cos())
Cos = _unary("Cos", np.cos, lambda g, x: -g * x.sin())
Tanh = _unary("Tanh", np.tanh, lambda g, y: TanhBackward.apply(g, y), saves="result")
Sigmoid = _unary("Sigmoid", _sigmoid_np, lambda g, y: SigmoidBackward.apply(g, y), saves="result")
Reciprocal = _unary("Reciprocal", lambda a: 1 / a, lambda g, y: -g * (y * y), saves="result")


def _relu_np(a):
    if a.dtype == np.bool_:
        raise RuntimeError("Boolean inputs not supported for relu")
    return np.maximum(a, 0)


def _abs_np(a):
    _refuse_bool(a, "abs_cpu")
    return np.abs(a)


Relu = _unary("Relu", _relu_np, lambda g, y: ThresholdBackward.apply(g, y, 0), saves="result",
               float_only=False)


class ThresholdBackward(Function):
    """relu's gradient as one op, as PyTorch records it: the incoming gradient where the saved
    result is above the threshold, 0 elsewhere. Linear in the incoming gradient, so its own
    gradient is itself again (and 0 for the result)."""

    node_name = "ThresholdBackwardBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("threshold",)
    inputs = (0, 1)  # the incoming gradient and relu's result, as PyTorch links them

    @staticmethod
    def forward(grad, result, threshold):
        # PyTorch's test is "result <= threshold gives 0", so a nan result lets the gradient through.
        if grad.dtype.kind != "f":
            return np.where(result <= threshold, 0, grad)
        # grad * mask would give -0. for a negative gradient and nan for an infinite one; a
        # bitwise AND with all-ones or all-zeros words keeps grad exactly or gives +0. (np.where
        # does the same but is ten times slower on a random mask.)
        words = _SAME_SIZE_INT[grad.itemsize]
        keep = np.array(result <= threshold, words)  # (an array even for 0-d)
        np.subtract(keep, 1, out=keep)  # dropped 1 -> 0, kept 0 -> all bits set
        np.bitwise_and(grad.view(words), keep, out=keep)
        return keep.view(grad.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[1])
        ctx.threshold = inputs[2]

    @staticmethod
    def backward(ctx, gg):
        (result,) = ctx.saved_tensors
        return ThresholdBackward.apply(gg, result, ctx.threshold), gg.new_zeros(gg._data.shape), None

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


_SAME_SIZE_INT = {2: np.int16, 4: np.int32, 8: np.int64}


class _GradientFromResult(Function):
    """The gradient of tanh or sigmoid as one op, computed from the saved result y and rounded
    as PyTorch's kernel rounds it; differentiated again it gives PyTorch's nodes."""

    raw = True
    saved_names = ("grad_output", "output")
    inputs = (0, 1)  # the incoming gradient and the op's result, as PyTorch links them

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def jvp(ctx, tgrad, ty):
        # element-wise: the tangent times the derivative backward uses. (PyTorch's term for the
        # incoming gradient is this op itself, which makes zeros of an absent tangent: it adds 0.)
        tangent = elementwise_jvp(ctx, tgrad, ty)
        return tangent if tgrad is not None else plus(or_zeros(None, ctx.output), tangent)


class TanhBackward(_GradientFromResult):
    """grad * (1 - y^2), y = tanh(x); 1 - y*y is one fused multiply-add, as in PyTorch."""

    node_name = "TanhBackwardBackward0"

    @staticmethod
    def forward(grad, y):
        return grad * fma(-y, y, np.ones_like(y))

    @staticmethod
    def backward(ctx, gg):
        grad, y = ctx.saved_tensors
        return TanhBackward.apply(gg, y), gg * (-2 * y * grad)


class SigmoidBackward(_GradientFromResult):
    """grad * (1 - y) * y, y = sigmoid(x), multiplied in PyTorch's order."""

    node_name = "SigmoidBackwardBackward0"

    @staticmethod
    def forward(grad, y):
        return grad * (1 - y) * y

    @staticmethod
    def backward(ctx, gg):
        grad, y = ctx.saved_tensors
        return SigmoidBackward.apply(gg, y), gg * grad * (-2 * y + 1)


Abs = _unary("Abs", _abs_np, lambda g, x: g * x.sign(), float_only=False)
Log1p = _unary("Log1P", np.log1p, lambda g, x: g / (1 + x))


def _expm1_np(a):
    # numpy's float32 expm1 can be a bit off in the last place, where PyTorch's (for the values a
    # lesson prints) is correctly rounded: compute in float64 and round once.
    if a.dtype == np.float32 or a.dtype == np.float16:
        return np.expm1(a.astype(np.float64)).astype(a.dtype)
    return np.expm1(a)


Expm1 = _unary("Expm1", _expm1_np, lambda g, y: g * (y + 1), saves="result")
Log2 = _unary("Log2", np.log2, lambda g, x: g / (x * float(np.log(2.0))))
Log10 = _unary("Log10", np.log10, lambda g, x: g / (x * float(np.log(10.0))))
Tan = _unary("Tan", np.tan, lambda g, y: g * (1 + y * y), saves="result")
Sinh = _unary("Sinh", np.sinh, lambda g, x: g * x.cosh())
Cosh = _unary("Cosh", np.cosh, lambda g, x: g * x.sinh())
Asin = _unary("Asin", np.arcsin, lambda g, x: g * (1 - x * x).rsqrt())
Acos = _unary("Acos", np.arccos, lambda g, x: -g * (1 - x * x).rsqrt())
Atan = _unary("Atan", np.arctan, lambda g, x: g / (x * x + 1))


class Atan2(Function):
    """The angle of the point (other, self): d/dself = other / r², d/dother = -self / r²."""

    node_name = "Atan2Backward0"
    raw = True
    saved_names = ("self", "other")

    @staticmethod
    def forward(a, b):
        dt = result_dtype(a, b)
        return binary(np.arctan2, a, b, dt if dt.kind == "f" else default_float())

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        share = grad / (a * a + b * b)
        return share * b, share * -a

    @staticmethod
    def jvp(ctx, ta, tb):
        a, b = ctx.inputs
        return minus(times(ta, b), times(tb, a)) / (a * a + b * b)  # (ta * b - tb * a) / (a^2 + b^2)


class ToCopy(Function):
    """A change of dtype; the gradient is cast back to the input's dtype."""

    node_name = "ToCopyBackward0"
    raw = True

    @staticmethod
    def forward(a, np_dtype):
        return a.astype(np_dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.in_dtype = inputs[0]._data.dtype

    @staticmethod
    def backward(ctx, grad):
        return grad.to(_dtype.from_numpy_dtype(ctx.in_dtype)), None

    jvp = staticmethod(linear_jvp)  # the tangent cast to the new dtype


class Clone(Function):
    node_name = "CloneBackward0"
    raw = True

    @staticmethod
    def forward(a):
        return a.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad

    jvp = staticmethod(linear_jvp)


# -- torch.add, torch.mul, torch.exp, ...: checks, then the op above --------------------------
_ALPHA_NOT_GIVEN = 1.0  # (a distinct object equal to 1: tells whether alpha= was passed)


def add(input, other, *deprecated, alpha=_ALPHA_NOT_GIVEN):
    if deprecated:  # torch.add(t, 2, u): the old order, alpha before other
        other, alpha = alpha_first("add", (other,) + deprecated, alpha is not _ALPHA_NOT_GIVEN)
    elif alpha is _ALPHA_NOT_GIVEN:
        alpha = 1
    _check_operands("add", input, other)
    # (A number for input stands for a tensor, as in PyTorch: torch.add(1, t) has no edge for it.)
    return Add.apply(input, other) if _unscaled(alpha) else Add.apply(input, other, alpha)


def sub(input, other, *deprecated, alpha=_ALPHA_NOT_GIVEN):
    if deprecated:
        other, alpha = alpha_first("sub", (other,) + deprecated, alpha is not _ALPHA_NOT_GIVEN)
    elif alpha is _ALPHA_NOT_GIVEN:
        alpha = 1
    _check_operands("sub", input, other)
    return Sub.apply(input, other) if _unscaled(alpha) else Sub.apply(input, other, alpha)


def subtract(input, other, *number_alpha, alpha=1):
    if number_alpha:  # torch.subtract(t, 2, 3): other and alpha both numbers
        return SubNumber.apply(input, _number(other), _number(number_alpha[0]))
    return sub(input, other, alpha=alpha)


def rsub(input, other, alpha=1):
    """``other - alpha * input``."""
    plain = _unscaled(alpha)
    if not isinstance(other, Tensor):
        return RSub.apply(input, other) if plain else RSub.apply(input, other, alpha)
    return RSubTensor.apply(input, other) if plain else RSubTensor.apply(input, other, alpha)


# PyTorch warns once per process, whichever deprecated overload was called first.
_alpha_first_warned = False


_ALPHA_FIRST = {
    "add": ("add(Tensor input, Number alpha, Tensor other, *, Tensor out = None)",
            "add(Tensor input, Tensor other, *, Number alpha = 1, Tensor out = None)"),
    "sub": ("sub(Tensor input, Number alpha, Tensor other, *, Tensor out = None)",
            "sub(Tensor input, Tensor other, *, Number alpha = 1, Tensor out = None)"),
}


for _name in ("add", "sub", "add_", "sub_"):
    _ALPHA_FIRST["Tensor." + _name] = (f"{_name}(Number alpha, Tensor other)", f"{_name}(Tensor other, *, Number alpha = 1)")


def alpha_first(name, args, alpha_given=False):
    """``(alpha, other)`` given in PyTorch's deprecated order (``torch.add(t, 2, u)`` is
    ``t + 2 * u``): returns ``(other, alpha)``, after PyTorch's deprecation warning; other
    arguments get the error PyTorch gives when no overload takes them."""
    global _alpha_first_warned
    fn = name.replace("Tensor.", "")
    taken = 1 if name.startswith("Tensor.") else 2
    if len(args) != 2 or alpha_given or not _is_alpha(args[0]) or not isinstance(args[1], (Tensor,) + NUMBERS):
        s = "" if taken == 1 else "s"
        raise TypeError(f"{fn}() takes {taken} positional argument{s} but {len(args) + taken - 1} were given")
    if not _alpha_first_warned:
        _alpha_first_warned = True
        old, new = _ALPHA_FIRST[name]
        warnings.warn(
            f"This overload of {fn} is deprecated:\n\t{old}\nConsider using one of the following signatures "
            f"instead:\n\t{new} (Triggered internally at /__w/pytorch/pytorch/torch/csrc/utils/python_arg_parser.cpp:1841.)",
            UserWarning, stacklevel=4,
        )
    alpha, other = args
    return other, _number(alpha)


def _is_alpha(x):
    return isinstance(x, NUMBERS) or (isinstance(x, Tensor) and x._data.ndim == 0)


def mul(input, other):
    """``Mul`` above: d/da = grad * b, d/db = grad * a."""
    _check_operands("mul", input, other)
    return Mul.apply(input, other)


multiply = mul


def div(input, other, *, rounding_mode=None):
    _check_operands("div", input, other)
    if rounding_mode is not None:
        if rounding_mode not in ("trunc", "floor"):
            raise RuntimeError(
                f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{rounding_mode}'"
            )
        return DivRounded.apply(input, other, rounding_mode)
    if not _is_tensor(input) and _is_tensor(other):
        return mul(reciprocal(other), input)
    return Div.apply(input, other)


divide = true_divide = div


def neg(input):
    return Neg.apply(input)


negative = neg


def exp(input):
    return Exp.apply(input)


def erf(input):
    return Erf.apply(input)


def log(input):
    return Log.apply(input)


def sqrt(input):
    return Sqrt.apply(input)


def rsqrt(input):
    return Rsqrt.apply(input)


def sin(input):
    return Sin.apply(input)


def cos(input):
    return Cos.apply(input)


def tan(input):
    return Tan.apply(input)


def sinh(input):
    return Sinh.apply(input)


def cosh(input):
    return Cosh.apply(input)


def asin(input):
    return Asin.apply(input)


def acos(input):
    return Acos.apply(input)


def atan(input):
    return Atan.apply(input)


def atan2(input, other):
    return Atan2.apply(input, other)  # (torch.atan2's argument errors: the parser's, in parity/arg_errors.py)


def tanh(input):
    """``Tanh`` above; its derivative, grad * (1 - y^2), is ``TanhBackward.forward``."""
    return Tanh.apply(input)


def sigmoid(input):
    """``Sigmoid`` above; its derivative, grad * (1 - y) * y, is ``SigmoidBackward.forward``."""
    return Sigmoid.apply(input)


def relu(input):
    """``Relu`` above; its derivative, grad where y > 0 and 0 elsewhere, is ``ThresholdBackward.forward``."""
    return Relu.apply(input)


def abs(input):
    return Abs.apply(input)


absolute = abs


def log1p(input):
    return Log1p.apply(input)


def expm1(input):
    return Expm1.apply(input)


def log2(input):
    return Log2.apply(input)


def log10(input):
    return Log10.apply(input)


def reciprocal(input):
    return Reciprocal.apply(input)
