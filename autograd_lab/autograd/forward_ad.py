"""Forward-mode AD: a tensor carries a tangent beside its value, and every op computes its
output's tangent as it computes its output (its ``jvp``), so one pass gives J @ v.

    >>> import autograd_lab.autograd.forward_ad as fwAD
    >>> with fwAD.dual_level():
    ...     x = fwAD.make_dual(tensor([1., 2.]), tensor([1., 0.]))
    ...     fwAD.unpack_dual((x * x).sum()).tangent
    tensor(2.)

Reverse mode (``backward``) needs one pass per output to build a Jacobian, forward mode one pass
per input. The ops' ``jvp`` methods sit beside their ``backward`` in ``ops/``; the mechanism
(which argument has a tangent, what the output gets) is ``_apply_with_tangents`` in
``function.py``.
"""
from typing import NamedTuple

import numpy as _np

from .._tensor import Tensor as _Tensor
from .engine import grad as _grad
from .function import ForwardMode, Function, set_tangent
from .grad_mode import GradMode


class UnpackedDualTensor(NamedTuple):
    """What ``unpack_dual`` returns: the value and the tangent (None when there is none)."""

    primal: _Tensor
    tangent: "_Tensor | None"


def enter_dual_level():
    """Start the (only) dual level and return its index, 0. PyTorch supports no nesting."""
    if ForwardMode.level is not None:
        raise RuntimeError("Nested forward mode AD is not supported at the moment")
    ForwardMode.level = 0
    ForwardMode.entered += 1
    return 0


def exit_dual_level(*, level=None):
    """End the dual level: every tangent made at it is forgotten."""
    if level is None:
        level = ForwardMode.level if ForwardMode.level is not None else -1
    if level < 0:
        raise RuntimeError("Dual level must be a positive number.")
    if level != ForwardMode.level:
        raise RuntimeError(
            "Trying to exit a forward AD level that was not the last one that was created. This is not supported."
        )
    for ref in ForwardMode.duals:
        t = ref()
        if t is not None:
            t._tangent = None
    ForwardMode.duals = []
    ForwardMode.level = None


class dual_level:
    """``with dual_level():`` the scope in which tensors may carry tangents.

    Also usable as a decorator, as PyTorch's is.
    """

    def __enter__(self):
        return enter_dual_level()

    def __exit__(self, *exc):
        exit_dual_level()
        return False

    def __call__(self, fn):
        def wrapper(*args, **kwargs):
            with dual_level():
                return fn(*args, **kwargs)

        wrapper.__name__, wrapper.__doc__ = fn.__name__, fn.__doc__
        return wrapper


class _MakeDual(Function):
    """``make_dual``'s output: a view of the primal (ViewBackward0 for backward, as in PyTorch)."""

    node_name = "ViewBackward0"
    raw = True
    is_view = True

    @staticmethod
    def forward(a):
        return a.view()

    @staticmethod
    def backward(ctx, grad):
        return grad


class _Identity(Function):
    """``unpack_dual``'s primal: the same values, without the tangent (PyTorch's ``Identity``)."""

    node_name = "Identity"
    node_qualname = "torch::autograd::Identity"
    raw = True
    is_view = True

    @staticmethod
    def forward(a):
        return a.view()

    @staticmethod
    def backward(ctx, grad):
        return grad


def make_dual(tensor, tangent, *, level=None):
    """A view of ``tensor`` carrying ``tangent``: the direction along which the ops that use it
    compute their derivatives."""
    if level is None:
        level = ForwardMode.level
    if level is None:
        raise RuntimeError(
            "Trying to create a dual Tensor for forward AD but no level exists, make sure to enter_dual_level() first."
        )
    if not tensor.is_floating_point():
        raise ValueError(f"Expected primal to be floating point or complex, but got: {tensor.dtype}")
    if not tangent.is_floating_point():
        raise ValueError(f"Expected tangent to be floating point or complex, but got: {tangent.dtype}")
    if level != ForwardMode.level:
        raise RuntimeError("Invalid level given to _make_dual")
    if tensor._tangent is not None:
        raise RuntimeError(
            f"Making a dual Tensor based on a Tensor that already has a forward gradient at the same level {level} "
            "is not supported."
        )
    if tangent.shape != tensor.shape:
        raise RuntimeError(
            "Trying to set a forward gradient that has a different size than that of the original Tensor, this is "
            f"not supported. Tensor is of size {list(tensor.shape)} while the given forward gradient is of size "
            f"{list(tangent.shape)}."
        )
    if tangent.stride() != tensor.stride():
        tangent = tangent.contiguous()  # (PyTorch keeps the tangent itself only when laid out like the primal)
    out = _MakeDual.apply(tensor)
    set_tangent(out, tangent)
    return out


def unpack_dual(tensor, *, level=None):
    """``(primal, tangent)``: the values as a view without tangent, and the tangent (or None)."""
    if level is None:
        level = ForwardMode.level
    tangent = tensor._tangent if level is not None else None
    if tangent is None:
        return UnpackedDualTensor(tensor, None)
    paused = ForwardMode.paused
    ForwardMode.paused = True
    try:
        primal = _Identity.apply(tensor)
    finally:
        ForwardMode.paused = paused
    return UnpackedDualTensor(primal, tangent)


# -- helpers for writing an op's jvp (used in ops/) ----------------------------------------------
# A built-in op's jvp gets None for an argument without a tangent (a number, a tensor that has
# none): that argument is a constant, and its term of the formula is absent rather than zeros.
# PyTorch works so (an "efficient zero tensor": x + zero is x, x * zero is zero), and it shows in
# the sign of a zero: for x * b with b = -1. and x's tangent 0., the product rule with zeros,
# 0. * b + x * 0. = -0. + 0., gives 0.; PyTorch's tangent is the one term, -0.

def plus(*terms):
    """The sum of a formula's terms, the absent ones (None) left out; None when all are.

    (When a term is left out of a sum and the sum requires grad, PyTorch still records the
    addition: the tangent's grad_fn is AddBackward0. Adding -0. records it and changes no value:
    x + -0. is x, -0. included.)"""
    present = [term for term in terms if term is not None and term is not _RECORDED_ZERO]
    if not present:
        return None
    total = present[0]
    for term in present[1:]:
        total = total + term
    if len(present) < len(terms) and GradMode.enabled and (
        total.requires_grad or any(term is _RECORDED_ZERO for term in terms)
    ):
        total = total + _Tensor._make(_np.array(-0.0, dtype=total._data.dtype), True)
    return total


_RECORDED_ZERO = object()  # an absent term whose other factor requires grad (see ``times``)


def minus(a, b):
    """a - b for terms either of which may be absent (None): a without b, -b without a."""
    a, b = (None if x is _RECORDED_ZERO else x for x in (a, b))
    if b is None:
        return a
    return -b if a is None else a - b


def times(t, factor):
    """The term t * factor, absent when the tangent t is. (If the factor requires grad, PyTorch's
    zero term requires grad too, and the sum it is left out of is still recorded: see ``plus``.)"""
    if t is not None:
        return t * factor
    return _RECORDED_ZERO if isinstance(factor, _Tensor) and factor.requires_grad and GradMode.enabled else None


def or_zeros(t, like):
    """The tangent t, or zeros shaped as the tensor ``like`` (0. for a number) when t is absent: for
    formulas through ops that have no shortcut for a zero (a matrix product, cat, where), where
    PyTorch fills in zeros."""
    if t is not None:
        return t
    return _Tensor._make(_np.zeros_like(like._data)) if isinstance(like, _Tensor) else 0.0


def linear_jvp(ctx, *tangents):
    """The jvp of an op that is linear in its floating-point tensor arguments (a view, a sum,
    cat, indexing): the same op applied to their tangents (zeros for one without), the other
    arguments unchanged."""
    args = [or_zeros(t, a) if isinstance(a, _Tensor) and a._data.dtype.kind in "fc" else a
            for a, t in zip(ctx.inputs, tangents)]
    return ctx.op.apply(*args, **ctx.kwargs)


def elementwise_jvp(ctx, *tangents):
    """The jvp of an element-wise op (each output element depends on the same element of each
    input): its Jacobian is diagonal, so forward mode multiplies each input's tangent by the
    same partial derivative backward multiplies the gradient by. So: backward run on each
    input's tangent (spread to the output's shape), that input's term kept, the terms added."""
    op, node = ctx.op, ctx.op._node_cls()
    node.needs_input_grad = tuple(t is not None for t in tangents)
    op.setup_context(node, ctx.inputs if not ctx.kwargs else ctx.inputs + (ctx.kwargs,), ctx.output)
    shape = ctx.output._data.shape
    terms = []
    for i, t in enumerate(tangents):
        if t is not None:  # (an input without a tangent adds no term)
            term = op.backward(node, t.expand(shape) if t._data.shape != shape else t)
            terms.append(term[i] if type(term) is tuple else term)
    return plus(*terms)


def jvp_from_backward(ctx, *tangents):
    """The jvp of any op from its backward: backward maps an output gradient u to J^T u, which is
    linear in u, so the gradient of <J^T u, t> with respect to u is J t. One small backward graph
    per op, for the ops whose forward-mode formula would only repeat the backward one
    (reductions that pick entries, normalizations, losses, convolution)."""
    op, node = ctx.op, ctx.op._node_cls()
    node.needs_input_grad = tuple(t is not None for t in tangents)
    op.setup_context(node, ctx.inputs if not ctx.kwargs else ctx.inputs + (ctx.kwargs,), ctx.output)
    outputs = ctx.output if type(ctx.output) is tuple else (ctx.output,)
    us = [_Tensor._make(_np.zeros_like(o._data), True) if o._data.dtype.kind in "fc" else None for o in outputs]
    keep = GradMode.enabled and any(isinstance(t, _Tensor) and t.requires_grad for t in tangents + ctx.inputs)
    prev = GradMode.enabled
    GradMode.enabled = True
    try:
        grads = op.backward(node, *us)
        grads = grads if type(grads) is tuple else (grads,)
        total = None
        for g, t in zip(grads, tangents):
            if g is not None and t is not None:
                term = (g * t).sum()
                total = term if total is None else total + term
    finally:
        GradMode.enabled = prev
    wanted = [u for u in us if u is not None]
    if total is None or not total.requires_grad:
        out = [u.new_zeros(u.shape) for u in wanted]
    else:
        out = list(_grad(total, wanted, create_graph=keep, allow_unused=True, materialize_grads=True))
    out = iter(out)
    result = tuple(next(out) if u is not None else None for u in us)
    return result if type(ctx.output) is tuple else result[0]


__all__ = ["UnpackedDualTensor", "dual_level", "enter_dual_level", "exit_dual_level", "make_dual", "unpack_dual"]
