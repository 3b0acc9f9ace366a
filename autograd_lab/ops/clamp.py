"""Choosing and mixing values, element by element: clamp, maximum/minimum and where (their
gradients go to the value chosen), nonzero, and lerp."""
import numpy as np

from .. import _dtype
from .._dtype import checked_scalar
from ..autograd.function import Function
from ..autograd.forward_ad import elementwise_jvp, linear_jvp, minus, or_zeros, plus, times
from ..parity.arg_errors import check_tensor, no_overload
from ..parity.fma import fma
from ._support import NUMBERS, _is_tensor, _number, binary, broadcast_error, result_dtype
from .._tensor import Tensor


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

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


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

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


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

    jvp = staticmethod(elementwise_jvp)  # element-wise: the tangent times the derivative backward uses


class ClampMax(ClampMin):
    """min(x, bound)."""

    node_name = "ClampMaxBackward0"
    saved_values = ("max",)
    _np, _bound, _kept = staticmethod(np.minimum), "max", staticmethod(lambda a, bound: a <= bound)
    _bound_fn = "clamp_max"


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

    @classmethod
    def jvp(cls, ctx, ta, tb):
        # PyTorch's formula: tb + share * (ta - tb), a's share 1 where a was taken, 0.5 at a tie
        a, b = ctx.inputs
        taken = (a > b) if cls is Maximum else (a < b)
        share = where(a == b, 0.5, taken.to(ctx.output.dtype))
        return plus(tb, times(minus(ta, tb), share))


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
        a, b = (x if isinstance(x, np.ndarray) else checked_scalar(x, dt) for x in (a, b))
        return np.where(cond, a, b).astype(dt, copy=False)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.condition = inputs[0]

    @staticmethod
    def backward(ctx, grad):
        cond = ctx.condition
        return None, grad * cond, grad * ~cond

    @staticmethod
    def jvp(ctx, _, ta, tb):
        # the tangent of the side chosen, zeros for a side without one (a number, a plain tensor)
        cond, a, b = ctx.inputs
        return Where.apply(cond, or_zeros(ta, a), or_zeros(tb, b))


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

    jvp = staticmethod(linear_jvp)  # linear in (start, end): lerp of the tangents, as PyTorch computes it


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

    @staticmethod
    def jvp(ctx, ta, tend, tweight):
        # PyTorch's formula: lerp of the tangents (zeros for one without), plus tweight * (end - start)
        a, end, weight = ctx.inputs
        return plus(LerpTensor.apply(or_zeros(ta, a), or_zeros(tend, end), weight), times(tweight, end - a))


def _lerp_dtypes(a, end, weight, kernel):
    if a.dtype.kind != "f":
        raise NotImplementedError(
            f'"lerp_kernel_{kernel}" not implemented for \'{_dtype.scalar_type_name(a.dtype)}\''
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


# -- torch.clamp, torch.maximum, torch.where, ...: checks, then the op above ------------------
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
        kind = _dtype.scalar_type_name(cond.dtype)  # PyTorch's Float, Long
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
