"""Rounding, element by element: sign, round/floor/ceil/trunc, division with rounding,
remainder/fmod and floor_divide. Step functions: their gradients are 0 (or 1, for remainder's
first argument), and some have none at all, as in PyTorch."""
import numpy as np

from .. import _dtype
from ..autograd.function import Function
from ..autograd.forward_ad import elementwise_jvp
from ..parity.arg_errors import check_tensor, not_tensor
from ._support import OPERANDS, _check_operands, _is_tensor, _refuse_bool, binary, result_dtype


class Sign(Function):
    node_name = "SignBackward0"
    raw = True

    @staticmethod
    def forward(a):
        if not isinstance(a, np.ndarray):
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

    @staticmethod
    def jvp(ctx, *tangents):
        return ctx.output.new_zeros(ctx.output.shape)  # a step function: flat wherever it has a slope


class Round(Function):
    """Rounding (half to even, as PyTorch): a step function, so its gradient is zero."""

    node_name = "RoundBackward0"
    raw = True
    _np = staticmethod(np.round)

    @classmethod
    def forward(cls, a):
        name = cls.__name__.lower()
        if not isinstance(a, np.ndarray):
            raise not_tensor(name, a)
        _refuse_bool(a, f"{name}_vml_cpu")
        if a.dtype.kind in "iu":  # whole numbers already (numpy before 2.1 would give float64)
            return a.copy()
        return cls._np(a)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0

    @staticmethod
    def jvp(ctx, *tangents):
        return ctx.output.new_zeros(ctx.output.shape)  # a step function: flat wherever it has a slope


class RoundDecimals(Function):
    node_name = "RoundBackward1"
    raw = True
    saved_values = ("decimals",)

    @staticmethod
    def forward(a, decimals):
        if a.dtype.kind != "f":
            raise NotImplementedError(f'"round_cpu" not implemented for \'{_dtype.scalar_type_name(a.dtype)}\'')
        scale = a.dtype.type(10.0 ** decimals)
        return np.round(a * scale) / scale

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.decimals = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, None

    @staticmethod
    def jvp(ctx, *tangents):
        return ctx.output.new_zeros(ctx.output.shape)  # a step function: flat wherever it has a slope


class Floor(Round):
    node_name = "FloorBackward0"
    _np = staticmethod(np.floor)


class Ceil(Round):
    node_name = "CeilBackward0"
    _np = staticmethod(np.ceil)


class Trunc(Round):
    node_name = "TruncBackward0"
    _np = staticmethod(np.trunc)


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

    @staticmethod
    def jvp(ctx, *tangents):
        return ctx.output.new_zeros(ctx.output.shape)  # a step function: flat wherever it has a slope


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

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


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

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


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

    @classmethod
    def jvp(cls, ctx, *tangents):
        raise NotImplementedError(f"Trying to use forward AD with aten::{cls.aten} that does not support it.")


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


# -- torch.remainder, torch.round, ...: checks, then the op above -----------------------------
def fmod(input, other):
    check_tensor("fmod", input)
    if not isinstance(other, OPERANDS):
        raise not_tensor("fmod", other, "other", 2)
    return (FmodTensor if _is_tensor(other) else Fmod).apply(input, other)


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


def sign(input):
    return Sign.apply(input)


def round(input, *, decimals=None):
    # (decimals given, even 0, is PyTorch's other overload: RoundBackward1, float inputs only)
    return Round.apply(input) if decimals is None else RoundDecimals.apply(input, decimals)


def floor(input):
    return Floor.apply(input)


def ceil(input):
    return Ceil.apply(input)


def trunc(input):
    return Trunc.apply(input)
