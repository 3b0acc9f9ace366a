"""Element-wise ops: arithmetic, powers and the usual functions, each with its derivative.

Every backward below returns one gradient per forward argument, written with tensor ops so it
can itself be differentiated (higher-order gradients). Broadcasting is undone once, in the
engine, so a formula here never sums over broadcast dimensions itself.
"""
import numpy as np

from ..autograd.function import Function
from .. import _dtype
from .._dtype import checked_scalar
from ..parity.fma import fma
from ._support import as_float, binary, broadcast_error, default_float, result_dtype
from .._tensor import Tensor


def _is_tensor(x):
    return isinstance(x, Tensor)


# -- arguments that are not tensors -----------------------------------------------------------------
# What an op takes where PyTorch takes a Scalar: Python and numpy numbers (bool is an int). numpy
# arrays are let through too: PyTorch's operators take them, and numpy scalars come as both.
NUMBERS = (int, float, complex, np.generic)
OPERANDS = (Tensor, int, float, complex, np.generic, np.ndarray)


def type_name(value):
    """The name PyTorch gives a Python value's type in its messages: builtins by their own name,
    C types with their module (numpy.ndarray), and torch's types as torch.Size."""
    cls = type(value)
    if cls.__module__.startswith("autograd_lab"):
        return "Tensor" if isinstance(value, Tensor) else f"torch.{cls.__name__}"
    if cls.__module__ == "builtins" or cls.__flags__ & (1 << 9):  # (1 << 9: a class defined in Python)
        return cls.__name__
    return f"{cls.__module__}.{cls.__name__}"


def _arg_desc(value):
    """How PyTorch's overload error describes an argument: ``list of [int, int]``."""
    if isinstance(value, (list, tuple)):
        inner = ", ".join(type_name(v) for v in value)
        return f"list of [{inner}]" if isinstance(value, list) else f"tuple of ({inner})"
    return type_name(value)


def not_tensor(fn, value, name="input", position=1):
    """PyTorch's error for a non-tensor where ``fn`` takes a Tensor."""
    return TypeError(f"{fn}(): argument '{name}' (position {position}) must be Tensor, not {type_name(value)}")


def no_overload(fn, args, signatures):
    """PyTorch's error when no overload of ``fn`` takes these arguments. ``signatures``: one
    ``(text, takes)`` per overload, where ``takes[i]`` says whether that overload accepts ``args[i]``
    (None: say nothing about the overload's arguments, as PyTorch does for a count mismatch)."""
    got = ", ".join(type_name(a) for a in args)
    lines = [f"{fn}() received an invalid combination of arguments - got ({got}), but expected one of:"]
    for text, takes in signatures:
        lines.append(f" * ({text})")
        if takes is not None:
            marked = ", ".join(_arg_desc(a) if ok else f"!{_arg_desc(a)}!" for a, ok in zip(args, takes))
            lines.append(f"      didn't match because some of the arguments have invalid types: ({marked})")
    return TypeError("\n".join(lines) + "\n")


def check_tensor(fn, value, name="input", position=1):
    if not isinstance(value, Tensor):
        raise not_tensor(fn, value, name, position)


# -- arithmetic ---------------------------------------------------------------------------------
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


class Sub(Add):
    node_name = "SubBackward0"

    @staticmethod
    def forward(a, b, alpha=1):
        _refuse_bool_subtraction(a, b)
        return binary(np.subtract, a, b) if _unscaled(alpha) else _add_scaled(a, b, _minus(alpha))

    @staticmethod
    def backward(ctx, grad):
        return grad, (-grad if ctx.alpha == 1 else grad * -ctx.alpha), None


def _is_bool(x):
    return type(x) is bool or (type(x) is np.ndarray and x.dtype == np.bool_)


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


class SubNumber(Sub):
    """``torch.subtract(t, 2, 3)``: PyTorch's (Tensor, Number other, Number alpha) overload."""

    node_name = "SubBackward1"
    saved_values = ()
    scalars_are_inputs = 0


class Mul(Function):
    node_name = "MulBackward0"
    raw = True
    scalars_are_inputs = 2
    saved_names = ("self", "other")

    @staticmethod
    def forward(a, b):
        return binary(np.multiply, a, b)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, b = inputs
        need_a, need_b = ctx.needs_input_grad
        ctx.save_for_backward(a if need_b else None, b if need_a else None)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (grad * b if b is not None else None), (grad * a if a is not None else None)


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


class Div(Function):
    node_name = "DivBackward0"
    raw = True
    scalars_are_inputs = 2
    saved_names = ("self", "other")

    @staticmethod
    def forward(a, b):
        dt = result_dtype(a, b)
        dt = dt if dt.kind == "f" else default_float()
        return binary(np.true_divide, a, b, dt)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, b = inputs
        ctx.save_for_backward(a if ctx.needs_input_grad[1] else None, b)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        grad_a = grad / b if ctx.needs_input_grad[0] else None
        grad_b = -grad * a / (b * b) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class Neg(Function):
    node_name = "NegBackward0"
    raw = True

    @staticmethod
    def forward(a):
        if type(a) is not np.ndarray:
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


# -- powers -------------------------------------------------------------------------------------
# PyTorch's pow kernel does not call pow() for these exponents of a float32 or float64 tensor
# (aten/src/ATen/native/cpu/PowKernel.cpp): x ** 0.5 is sqrt(x), so (-inf) ** 0.5 is nan where
# pow() says inf, and x ** 3 is x * x * x, rounded twice. The same here, whatever numpy's own
# power does (numpy < 2.3 calls pow() for 0.5). A float16 tensor takes pow() in PyTorch too.
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
        if a.dtype == np.bool_ and isinstance(exponent, (bool, np.bool_)):  # bool ** bool stays bool
            return a.copy() if exponent else np.ones_like(a)
        if a.dtype.kind in "iub" and isinstance(exponent, float):
            a = as_float(a)
        if a.dtype.kind in "iub" and exponent < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        if (a.dtype == np.float32 or a.dtype == np.float64) and exponent in _POW_SHORTCUTS:
            return _POW_SHORTCUTS[exponent](a)
        return np.power(a, exponent, dtype=a.dtype if a.dtype.kind != "b" else np.int64)

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
        from ..ops.pointwise import where

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


def _power(base, exponent):
    """``base ** exponent`` on arrays or numbers. An integer power with a negative exponent, which
    numpy refuses, is PyTorch's: 1 for a base of 1, +-1 for -1 and 0 for any other base."""
    out_dtype = result_dtype(base, exponent)
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


# -- functions of one tensor ---------------------------------------------------------------------
def _unary(name, np_fn, derivative, saves="self", float_only=True):
    """Define an element-wise op ``y = f(x)`` from numpy's f and a formula for ``grad * f'(x)``.

    ``saves`` says whether the formula needs the input (``self``) or the output (``result``),
    matching what PyTorch keeps for the same op. (Outside f's domain, log(0), numpy's warning is
    silenced by ``Function.apply``: PyTorch gives inf or nan without one.)
    """

    fn = name.lower()

    def forward(a):
        if type(a) is not np.ndarray:  # torch.exp(1.0): only the functional form can get here
            raise not_tensor(fn, a)
        return np_fn(as_float(a) if float_only else a)

    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0] if saves == "self" else output)

    def backward(ctx, grad):
        (saved,) = ctx.saved_tensors
        return derivative(grad, saved)

    cls = type(name, (Function,), {
        "node_name": name + "Backward0", "raw": True, "saved_names": (saves,),
        "forward": staticmethod(forward), "setup_context": staticmethod(setup_context),
        "backward": staticmethod(backward), "__module__": __name__,
    })
    return cls


def _sigmoid_np(a):
    # 1 / (1 + e^-x), as PyTorch computes it: for x below about -88 (float32) e^-x overflows to
    # inf and the result is exactly 0, where a more careful formula would give a subnormal.
    with np.errstate(over="ignore"):
        e = np.exp(np.negative(a))
    return np.reciprocal(e + 1)


def erf_array(x):
    """The error function on a numpy array (numpy has none; math.erf is exact, one value at a time)."""
    import math

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


def _refuse_bool(a, kernel):
    if a.dtype == np.bool_:
        raise NotImplementedError(f'"{kernel}" not implemented for \'Bool\'')


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


class Clamp(Function):
    """Values outside [min, max] are cut off, and so is their gradient."""

    node_name = "ClampBackward1"
    raw = True
    saved_names = ("self",)
    saved_values = ("max", "min")

    @staticmethod
    def forward(a, lo=None, hi=None):
        if lo is None and hi is None:
            raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
        dt = clamp_dtype(a, lo, hi)
        out = a
        if lo is not None:
            out = np.maximum(out, checked_scalar(lo, dt))
        if hi is not None:
            out = np.minimum(out, checked_scalar(hi, dt))
        return np.asarray(out).astype(dt, copy=False)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, lo, hi = (tuple(inputs) + (None, None))[:3]
        ctx.save_for_backward(a)
        ctx.min, ctx.max = lo, hi

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        keep = None
        if ctx.min is not None:
            keep = a >= ctx.min
        if ctx.max is not None:
            upper = a <= ctx.max
            keep = upper if keep is None else keep & upper
        return grad * keep, None, None


def clamp_dtype(a, lo, hi):
    """The result dtype of clamping array ``a`` between numbers: promoted as ``a + bound`` with
    the bound of the highest kind (an int tensor clamped at 2.5 gives floats)."""
    if a.dtype.kind == "f":  # the usual case: a float tensor keeps its dtype
        return a.dtype
    bound = max((b for b in (lo, hi) if b is not None), key=_number_rank)
    dt = result_dtype(a, bound)
    if dt.kind == "b":
        kernel = "clamp" if lo is not None and hi is not None else ("clamp_min" if lo is not None else "clamp_max")
        raise NotImplementedError(f'"{kernel}_scalar_cpu" not implemented for \'Bool\'')
    return dt


def _number_rank(x):
    return 0 if isinstance(x, (bool, np.bool_)) else 1 if isinstance(x, (int, np.integer)) else 2


class ClampTensor(Function):
    """clamp with tensor bounds: each bound gets the gradient where it won."""

    node_name = "ClampBackward0"
    raw = True
    saved_names = ("self", "min", "max")
    inputs = (0, 1, 2)

    @staticmethod
    def forward(a, lo, hi):
        out = a
        for ufunc, bound in ((np.maximum, lo), (np.minimum, hi)):
            if bound is not None:
                try:
                    out = ufunc(out, bound)
                except ValueError:
                    raise broadcast_error(np.shape(out), np.shape(bound)) from None
        return np.asarray(out, result_dtype(a, lo if lo is not None else hi))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad):
        a, lo, hi = ctx.saved_tensors
        keep = None
        grad_lo = grad_hi = None
        if lo is not None:
            keep = a >= lo
            grad_lo = grad * (a < lo)
        if hi is not None:
            below = a <= hi
            keep = below if keep is None else keep & below
            grad_hi = grad * (a > hi)
        return grad * keep, grad_lo, grad_hi


class ClampMinTensor(ClampTensor):
    """clamp_min with a tensor bound: the bound gets the gradient where it won."""

    node_name = "ClampMinBackward1"
    saved_names = ("self", "min")
    inputs = (0, 1)

    @staticmethod
    def forward(a, bound):
        return ClampTensor.forward(a, bound, None)

    @staticmethod
    def backward(ctx, grad):
        a, bound = ctx.saved_tensors
        return grad * (a >= bound), grad * (a < bound)


class ClampMaxTensor(ClampMinTensor):
    node_name = "ClampMaxBackward1"
    saved_names = ("self", "max")

    @staticmethod
    def forward(a, bound):
        return ClampTensor.forward(a, None, bound)

    @staticmethod
    def backward(ctx, grad):
        a, bound = ctx.saved_tensors
        return grad * (a <= bound), grad * (a > bound)


class ClampMin(Function):
    """max(x, bound): the gradient passes where x was kept."""

    node_name = "ClampMinBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("min",)
    _np, _bound, _kept = staticmethod(np.maximum), "min", staticmethod(lambda a, bound: a >= bound)
    _bound_fn = "clamp_min"

    @classmethod
    def forward(cls, a, bound):
        if bound is None:
            raise no_overload(cls._bound_fn, (Tensor._make(a), bound), [
                (f"Tensor input, Tensor {cls._bound}, *, Tensor out = None", None),
                (f"Tensor input, Number {cls._bound}, *, Tensor out = None", None),
            ])
        dt = clamp_dtype(a, bound, None) if cls is ClampMin else clamp_dtype(a, None, bound)
        return np.asarray(cls._np(a, bound)).astype(dt, copy=False)

    @classmethod
    def setup_context(cls, ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        setattr(ctx, cls._bound, inputs[1])

    @classmethod
    def backward(cls, ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * cls._kept(a, getattr(ctx, cls._bound)), None


class ClampMax(ClampMin):
    """min(x, bound)."""

    node_name = "ClampMaxBackward0"
    saved_values = ("max",)
    _np, _bound, _kept = staticmethod(np.minimum), "max", staticmethod(lambda a, bound: a <= bound)
    _bound_fn = "clamp_max"


class Lerp(Function):
    """``lerp(start, end, weight) = start + weight * (end - start)`` for a number ``weight``."""

    node_name = "LerpBackward0"
    raw = True
    saved_values = ("weight",)

    @staticmethod
    def forward(a, end, weight):
        _lerp_dtypes(a, end, None, "scalar")
        return _lerp_np(a, end, np.asarray(weight, a.dtype))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.weight = inputs[2]

    @staticmethod
    def backward(ctx, grad):
        return grad * (1 - ctx.weight), grad * ctx.weight, None


class LerpTensor(Function):
    """lerp with a tensor of weights, which gets a gradient too: d/dweight = end - start."""

    node_name = "LerpBackward1"
    raw = True
    saved_names = ("end", "self", "weight")

    @staticmethod
    def forward(a, end, weight):
        _lerp_dtypes(a, end, weight, "tensor")
        return _lerp_np(a, end, weight)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, end, weight = inputs
        ctx.save_for_backward(end, a, weight)

    @staticmethod
    def backward(ctx, grad):
        end, a, weight = ctx.saved_tensors
        return grad * (1 - weight), grad * weight, grad * (end - a)


def _lerp_dtypes(a, end, weight, kernel):
    from .._dtype import from_numpy_dtype

    if a.dtype.kind != "f":
        raise NotImplementedError(
            f'"lerp_kernel_{kernel}" not implemented for \'{from_numpy_dtype(a.dtype)._legacy[:-len("Tensor")]}\''
        )
    # A 0-d weight is taken as a number of any float dtype; the other operands must match.
    for name, other in (("end", end), ("weight", weight)):
        if other is not None and other.dtype != a.dtype and not (name == "weight" and other.ndim == 0):
            raise RuntimeError(
                f"expected dtype {_c_name(a.dtype)} for `{name}` but got dtype {_c_name(other.dtype)}"
            )


def _c_name(np_dtype):
    return {"float32": "float", "float64": "double", "float16": "c10::Half"}.get(np_dtype.name, np_dtype.name)


def _lerp_np(a, end, weight):
    """PyTorch's formula, which is exact at both ends: from ``start`` for small weights, back
    from ``end`` for the others, each a single multiply-add."""
    try:
        shape = np.broadcast_shapes(a.shape, end.shape, np.shape(weight))
    except ValueError:
        raise broadcast_error(a.shape, end.shape) or broadcast_error(a.shape, np.shape(weight)) or \
            broadcast_error(end.shape, np.shape(weight)) from None
    weight = np.asarray(weight, a.dtype)
    diff = end - a
    near_start = fma(weight, diff, np.broadcast_to(a, shape))
    near_end = fma(-diff, 1 - weight, np.broadcast_to(end, shape))
    return np.where(np.abs(weight) < 0.5, near_start, near_end)


class Maximum(Function):
    """The larger of two tensors; at ties each side gets half the gradient, like PyTorch."""

    node_name = "MaximumBackward0"
    raw = True
    saved_names = ("self", "other")
    _np = staticmethod(np.maximum)

    @classmethod
    def forward(cls, a, b):
        return binary(cls._np, a, b)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs[:2])

    @classmethod
    def backward(cls, ctx, grad):
        a, b = ctx.saved_tensors
        # Each side gets the gradient unless it lost (so both get it next to a nan), half at a tie.
        a_lost, b_lost = ((a < b), (a > b)) if cls is Maximum else ((a > b), (a < b))
        tie = (a == b)
        half = tie * 0.5
        return grad * ((~a_lost & ~tie) + half), grad * ((~b_lost & ~tie) + half)


class Minimum(Maximum):
    node_name = "MinimumBackward0"
    _np = staticmethod(np.minimum)


class Where(Function):
    """``where(cond, a, b)``: the gradient goes to whichever side was chosen."""

    node_name = "WhereBackward0"
    raw = True
    saved_values = ("condition",)
    inputs = (1, 2)

    @staticmethod
    def forward(cond, a, b):
        dt = result_dtype(a, b)
        a, b = (x if type(x) is np.ndarray else checked_scalar(x, dt) for x in (a, b))
        return np.where(cond, a, b).astype(dt, copy=False)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.condition = inputs[0]

    @staticmethod
    def backward(ctx, grad):
        cond = ctx.condition
        return None, grad * cond, grad * ~cond


class Sign(Function):
    node_name = "SignBackward0"
    raw = True

    @staticmethod
    def forward(a):
        if type(a) is not np.ndarray:
            raise not_tensor("sign", a)
        if a.dtype == np.bool_:
            return a.copy()  # (numpy has no sign for bool)
        out = np.sign(a)
        if a.dtype.kind == "f" and np.isnan(out).any():
            out = np.where(np.isnan(out), out.dtype.type(0), out)  # PyTorch's sign of nan is 0 (and so abs's gradient)
        return out

    @staticmethod
    def backward(ctx, grad):
        return grad * 0


class Round(Function):
    """Rounding (half to even, as PyTorch): a step function, so its gradient is zero."""

    node_name = "RoundBackward0"
    raw = True
    _np = staticmethod(np.round)

    @classmethod
    def forward(cls, a):
        name = cls.__name__.lower()
        if type(a) is not np.ndarray:
            raise not_tensor(name, a)
        _refuse_bool(a, f"{name}_vml_cpu")
        return cls._np(a)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0


class RoundDecimals(Function):
    node_name = "RoundBackward1"
    raw = True
    saved_values = ("decimals",)

    @staticmethod
    def forward(a, decimals):
        if a.dtype.kind != "f":
            raise NotImplementedError(f'"round_cpu" not implemented for \'{_dtype.from_numpy_dtype(a.dtype)._legacy[:-6]}\'')
        scale = a.dtype.type(10.0 ** decimals)
        return np.round(a * scale) / scale

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.decimals = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, None


class Floor(Round):
    node_name = "FloorBackward0"
    _np = staticmethod(np.floor)


class Ceil(Round):
    node_name = "CeilBackward0"
    _np = staticmethod(np.ceil)


class Trunc(Round):
    node_name = "TruncBackward0"
    _np = staticmethod(np.trunc)


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
        from .._dtype import from_numpy_dtype

        return grad.to(from_numpy_dtype(ctx.in_dtype)), None


class Clone(Function):
    node_name = "CloneBackward0"
    raw = True

    @staticmethod
    def forward(a):
        return a.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad


# -- the functional API -------------------------------------------------------------------------
def _check_operands(fn, input, other):
    """torch.add and the like take tensors or numbers (PyTorch lets numbers stand for tensors
    in these: torch.add(1, 2) is tensor(3)), nothing else."""
    if not isinstance(input, Tensor) and not isinstance(input, NUMBERS):
        raise not_tensor(fn, input)
    if not isinstance(other, OPERANDS):
        raise not_tensor(fn, other, "other", 2)


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


def _number(x):
    return x.item() if isinstance(x, Tensor) else x


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
        import warnings

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
    _check_operands("mul", input, other)
    return Mul.apply(input, other)


multiply = mul


class DivRounded(Function):
    """``div(a, b, rounding_mode="trunc" | "floor")``: a step function, so both gradients are 0."""

    node_name = "DivBackward2"
    raw = True
    scalars_are_inputs = 2
    saved_names = ("self", "other")
    saved_values = ("rounding_mode",)

    @staticmethod
    def forward(a, b, rounding_mode):
        dt = result_dtype(a, b)
        if dt.kind == "b":
            raise NotImplementedError(f'"div_{rounding_mode}_cpu" not implemented for \'Bool\'')
        if dt.kind in "iub" and (np.asarray(b) == 0).any():
            raise RuntimeError("ZeroDivisionError")
        if rounding_mode == "floor":
            return np.asarray(binary(np.floor_divide, a, b, dt))
        if dt.kind in "iub":  # (integer division in numpy floors; trunc rounds towards 0)
            q = np.floor_divide(a, b, dtype=dt)
            return np.asarray(q + ((q < 0) & (np.remainder(a, b, dtype=dt) != 0)), dt)
        return np.asarray(np.trunc(binary(np.true_divide, a, b, dt)))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], inputs[1])
        ctx.rounding_mode = inputs[2]

    @staticmethod
    def backward(ctx, grad):
        zero = grad.new_zeros(grad._data.shape)
        return zero, zero, None


def _remainder_np(a, b):
    """Python's remainder, as PyTorch's: the result takes the divisor's sign. PyTorch gets it
    from fmod, moved by b where the signs differ, so an exact zero keeps a's sign (-3. % 3 is
    -0.); numpy's zero takes b's."""
    dt = result_dtype(a, b)
    if dt.kind == "b":
        raise NotImplementedError('"remainder_cpu" not implemented for \'Bool\'')
    if dt.kind in "iu" and (np.asarray(b) == 0).any():
        raise RuntimeError("ZeroDivisionError")
    out = np.asarray(binary(np.mod, a, b, dt))  # (x % 0. is nan, silently)
    if dt.kind == "f":
        zero = out == 0
        if zero.any():
            out = np.where(zero, np.copysign(out, a), out).astype(dt, copy=False)
    return out


class Remainder(Function):
    """``tensor % number``: a - k * number, with k constant between the jumps, so the gradient
    passes unchanged."""

    node_name = "RemainderBackward0"
    raw = True

    @staticmethod
    def forward(a, number):
        return _remainder_np(a, number)

    @staticmethod
    def backward(ctx, grad):
        return grad, None


class RemainderTensor(Function):
    """``a % b`` for tensors: a - floor(a / b) * b, so b's gradient is -floor(a / b)."""

    node_name = "RemainderBackward1"
    raw = True
    saved_names = ("self", "other")

    @staticmethod
    def forward(a, b):
        return _remainder_np(a, b)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad, (-grad * (a / b).floor() if ctx.needs_input_grad[1] else None)


def _fmod_np(a, b):
    """C's remainder: the result takes the dividend's sign."""
    dt = result_dtype(a, b)
    if dt.kind in "iub" and (np.asarray(b) == 0).any():
        raise RuntimeError("ZeroDivisionError")
    return np.asarray(binary(np.fmod, a, b, dt))


class Fmod(Remainder):
    node_name = "FmodBackward0"

    @staticmethod
    def forward(a, number):
        return _fmod_np(a, number)


class FmodTensor(RemainderTensor):
    """a - trunc(a / b) * b."""

    node_name = "FmodBackward1"

    @staticmethod
    def forward(a, b):
        return _fmod_np(a, b)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad, (-grad * (a / b).trunc() if ctx.needs_input_grad[1] else None)


def fmod(input, other):
    check_tensor("fmod", input)
    if not isinstance(other, OPERANDS):
        raise not_tensor("fmod", other, "other", 2)
    return (FmodTensor if _is_tensor(other) else Fmod).apply(input, other)


class _NoDerivative(Function):
    """An op PyTorch has no derivative formula for: it records a NotImplemented node, and
    backward through it raises."""

    node_name = "NotImplemented"
    node_qualname = "torch::autograd::NotImplemented"
    raw = True
    aten = None

    @classmethod
    def backward(cls, ctx, grad):
        raise RuntimeError(f"derivative for aten::{cls.aten} is not implemented")


class RRemainder(_NoDerivative):
    """``number % tensor``."""

    node_name = "NotImplemented"  # (the node name is not inherited: each op sets its own)
    node_qualname = "torch::autograd::NotImplemented"

    aten = "remainder"

    @staticmethod
    def forward(a, number):
        return _remainder_np(number, a)


class FloorDivide(_NoDerivative):
    """``a // b`` (floor_divide; ``div(rounding_mode="floor")`` is the differentiable one)."""

    node_name = "NotImplemented"  # (the node name is not inherited: each op sets its own)
    node_qualname = "torch::autograd::NotImplemented"

    aten = "floor_divide"

    @staticmethod
    def forward(a, b):
        return DivRounded.forward(a, b, "floor")


class RFloorDivide(FloorDivide):
    """``number // tensor``."""

    node_name = "NotImplemented"  # (the node name is not inherited: each op sets its own)
    node_qualname = "torch::autograd::NotImplemented"

    @staticmethod
    def forward(a, number):
        return DivRounded.forward(number, a, "floor")


def remainder(input, other):
    _check_operands("remainder", input, other)
    if not _is_tensor(input):
        return RRemainder.apply(other, input)
    return (RemainderTensor if _is_tensor(other) else Remainder).apply(input, other)


def floor_divide(input, other):
    _check_operands("floor_divide", input, other)
    if not _is_tensor(input):
        return RFloorDivide.apply(other, input)
    return FloorDivide.apply(input, other)


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


def pow(input, exponent):
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
    return Tanh.apply(input)


def sigmoid(input):
    return Sigmoid.apply(input)


def relu(input):
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


def sign(input):
    return Sign.apply(input)


def clamp(input, min=None, max=None):
    if _is_tensor(min) or _is_tensor(max):
        if _number_bounds(min, max):
            # A 0-d tensor and a number: PyTorch's parser takes the tensor as a number (its item)
            # and clamps with number bounds.
            return Clamp.apply(input, _number(min), _number(max))
        if not (min is None or _is_tensor(min)) or not (max is None or _is_tensor(max)):
            raise TypeError(
                "clamp() received an invalid combination of arguments - got (Tensor, "
                f"{type(min).__name__ if not _is_tensor(min) else 'Tensor'}, {type(max).__name__ if not _is_tensor(max) else 'Tensor'})"
            )
        return ClampTensor.apply(input, min, max)
    return Clamp.apply(input, min, max)


clip = clamp


def _number_bounds(lo, hi):
    """Whether clamp's bounds mix a number with 0-d tensors that can stand for numbers."""
    bounds = [b for b in (lo, hi) if b is not None]
    if not any(isinstance(b, NUMBERS) for b in bounds):
        return False
    return all(isinstance(b, NUMBERS) or (_is_tensor(b) and b._data.ndim == 0 and not b._requires_grad)
               for b in bounds)


def round(input, *, decimals=None):
    # (decimals given, even 0, is PyTorch's other overload: RoundBackward1, float inputs only)
    return Round.apply(input) if decimals is None else RoundDecimals.apply(input, decimals)


def floor(input):
    return Floor.apply(input)


def ceil(input):
    return Ceil.apply(input)


def trunc(input):
    return Trunc.apply(input)


def lerp(input, end, weight):
    """The point ``weight`` of the way from ``input`` to ``end``: input + weight * (end - input).

    >>> torch.lerp(torch.tensor([0., 10.]), torch.tensor([10., 20.]), 0.5)
    tensor([ 5., 15.])
    """
    check_tensor("lerp", input)
    check_tensor("lerp", end, "end", 2)
    if isinstance(weight, Tensor):
        return LerpTensor.apply(input, end, weight)
    return Lerp.apply(input, end, weight)


def clamp_min(input, min):
    return (ClampMinTensor if _is_tensor(min) else ClampMin).apply(input, min)


def clamp_max(input, max):
    return (ClampMaxTensor if _is_tensor(max) else ClampMax).apply(input, max)


def maximum(input, other):
    check_tensor("maximum", input)
    check_tensor("maximum", other, "other", 2)
    return Maximum.apply(input, other)


def minimum(input, other):
    check_tensor("minimum", input)
    check_tensor("minimum", other, "other", 2)
    return Minimum.apply(input, other)


def where(condition, input=None, other=None):
    if input is None and other is None:
        return nonzero(condition, as_tuple=True)
    cond = condition._data if _is_tensor(condition) else np.asarray(condition)
    if cond.dtype != np.bool_:
        kind = _dtype.from_numpy_dtype(cond.dtype)._legacy[: -len("Tensor")]  # PyTorch's Float, Long
        raise RuntimeError(f"where expected condition to be a boolean tensor, but got a tensor with dtype {kind}")
    return Where.apply(Tensor._make(cond), input, other)


def nonzero(input, *, as_tuple=False):
    """The indices of the non-zero entries: one row each (as_tuple: one index tensor per dim).
    Laid out as PyTorch's, the transpose of a (dims, count) buffer."""
    a = input._data
    if a.ndim == 0:  # a 0-d tensor is one entry: at index 0 of a single dim for as_tuple
        count = int(a != 0)
        return (Tensor._make(np.zeros(count, np.int64)),) if as_tuple else Tensor._make(np.zeros((count, 0), np.int64))
    idx = np.nonzero(a)
    if as_tuple:
        return tuple(Tensor._make(i.astype(np.int64)) for i in idx)
    return Tensor._make(np.stack(idx).astype(np.int64).T)
