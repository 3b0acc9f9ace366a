"""Every differentiable op of autograd_lab, checked against finite differences and PyTorch.

Each entry of ``CASES`` is one op (or one way of calling it: broadcast shapes, a scalar on
either side, a ``dim``/``keepdim`` variant ...). For each case:

* ``test_gradcheck[case]`` runs ``autograd_lab.autograd.gradcheck`` (float64 finite differences);
* ``test_gradgradcheck[case]`` runs ``autograd_lab.autograd.gradgradcheck`` (second derivatives
  through ``create_graph=True``), for the cases PyTorch can differentiate twice;
* ``test_grads_match_torch[case]`` runs the same program, with the same inputs and the same
  random ``grad_outputs``, in autograd_lab and in PyTorch and asserts equal outputs and equal
  ``.grad`` for every input (skipped without torch);
* ``test_double_backward_matches_torch[case]`` does the same for second derivatives (the
  gradient of ``sum(grad * v)``), for the cases marked for gradgradcheck.

A case's function takes the library module ``T`` (``autograd_lab`` or ``torch``) followed by
its arguments, so the very same code runs in both libraries. Inputs are drawn from a numpy
generator seeded from the case id, away from kinks (no ties for max, nothing at a clamp bound,
nothing at 0 for abs/relu), so finite differences are meaningful.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pytest

import autograd_lab
from autograd_lab.autograd import gradcheck, gradgradcheck

RTOL = 1e-10  # autograd_lab against PyTorch: both compute in float64
ATOL = 1e-12


# -- inputs -------------------------------------------------------------------------------------
@dataclass
class D:
    """A float64 input that requires grad (checked by gradcheck)."""

    value: np.ndarray


@dataclass
class C:
    """A constant tensor input (any dtype, does not require grad): targets, masks, indices."""

    value: np.ndarray


def n(r, *shape):
    """Standard normal values."""
    return r.standard_normal(shape)


def pos(r, *shape, lo=0.5, hi=2.0):
    """Positive values, away from 0 (log, sqrt, pow bases)."""
    return r.uniform(lo, hi, shape)


def unit(r, *shape):
    """Probabilities away from 0 and 1."""
    return r.uniform(0.1, 0.9, shape)


def away(r, *shape, lo=0.2, hi=2.0):
    """Values of either sign at least ``lo`` from 0 (abs, relu, sign, reciprocal)."""
    return r.uniform(lo, hi, shape) * r.choice([-1.0, 1.0], shape)


def distinct(r, *shape):
    """Values pairwise at least 0.3 apart, of either sign (max/min without ties)."""
    size = int(np.prod(shape)) if shape else 1
    vals = (r.permutation(size) - size / 2 + 0.5) * 0.37 + r.uniform(-0.03, 0.03, size)
    return vals.reshape(shape)


def outside(r, *shape, bounds=(-0.5, 0.5), margin=0.1):
    """Normal values at least ``margin`` from every bound (clamp)."""
    x = r.standard_normal(shape) * 1.0
    for b in bounds:
        close = np.abs(x - b) < margin
        x = np.where(close, b + np.sign(x - b + 1e-300) * margin * 2, x)
    return x


def apart(r, shape_a, shape_b, margin=0.1):
    """Two normal arrays whose broadcast pairs differ by at least ``margin`` (maximum/minimum)."""
    while True:
        a, b = r.standard_normal(shape_a), r.standard_normal(shape_b)
        if np.abs(a - b).min() > margin:
            return a, b


def mask(r, *shape):
    """A bool mask with at least one True and one False."""
    m = r.random(shape) < 0.5
    flat = m.reshape(-1)
    flat[0], flat[-1] = True, False
    return m


# -- cases --------------------------------------------------------------------------------------
@dataclass
class Case:
    id: str
    fn: Callable[..., Any]  # fn(T, *args) -> tensor or tuple of tensors
    args: Callable[[np.random.Generator], list]  # rng -> [D | C | python value, ...]
    gg: bool = True  # PyTorch supports double backward here: run gradgradcheck


CASES: list[Case] = []


def case(id, fn, args, gg=True):
    CASES.append(Case(id, fn, args, gg))


def shp(s):
    return "x".join(map(str, s)) if s else "scalar"


# Binary element-wise ops over broadcasting shape pairs.
BROADCAST = [
    ((3, 4), (3, 4)),
    ((3, 1), (1, 4)),
    ((2, 3), (3,)),
    ((3,), (2, 3)),
    ((), (2, 3)),
    ((2, 3), ()),
    ((2, 1, 4), (3, 1)),
    ((4,), (2, 3, 1)),
]

for sa, sb in BROADCAST:
    tag = f"{shp(sa)}-{shp(sb)}"
    case(f"add-{tag}", lambda T, a, b: a + b, lambda r, sa=sa, sb=sb: [D(n(r, *sa)), D(n(r, *sb))])
    case(f"sub-{tag}", lambda T, a, b: a - b, lambda r, sa=sa, sb=sb: [D(n(r, *sa)), D(n(r, *sb))])
    case(f"mul-{tag}", lambda T, a, b: a * b, lambda r, sa=sa, sb=sb: [D(n(r, *sa)), D(n(r, *sb))])
    case(f"div-{tag}", lambda T, a, b: a / b, lambda r, sa=sa, sb=sb: [D(n(r, *sa)), D(away(r, *sb, lo=0.5))])
    case(f"pow-{tag}", lambda T, a, b: a ** b, lambda r, sa=sa, sb=sb: [D(pos(r, *sa)), D(n(r, *sb))])
    case(f"maximum-{tag}", lambda T, a, b: T.maximum(a, b), lambda r, sa=sa, sb=sb: [D(x) for x in apart(r, sa, sb)])
    case(f"minimum-{tag}", lambda T, a, b: T.minimum(a, b), lambda r, sa=sa, sb=sb: [D(x) for x in apart(r, sa, sb)])
    case(f"where-{tag}", lambda T, c, a, b: T.where(c, a, b),
         lambda r, sa=sa, sb=sb: [C(mask(r, *np.broadcast_shapes(sa, sb))), D(n(r, *sa)), D(n(r, *sb))])
    case(f"add_alpha-{tag}", lambda T, a, b: T.add(a, b, alpha=2.5), lambda r, sa=sa, sb=sb: [D(n(r, *sa)), D(n(r, *sb))])
    case(f"sub_alpha-{tag}", lambda T, a, b: T.sub(a, b, alpha=0.5), lambda r, sa=sa, sb=sb: [D(n(r, *sa)), D(n(r, *sb))])

# Only one side requires grad (the other edge is None).
case("mul-const_other", lambda T, a, b: a * b, lambda r: [D(n(r, 3, 4)), C(n(r, 4))])
case("mul-const_self", lambda T, a, b: a * b, lambda r: [C(n(r, 3, 1)), D(n(r, 3, 4))])
case("div-const_denominator", lambda T, a, b: a / b, lambda r: [D(n(r, 3, 4)), C(away(r, 3, 4))])
case("div-const_numerator", lambda T, a, b: a / b, lambda r: [C(n(r, 3, 4)), D(away(r, 4))])
case("pow-const_exponent_tensor", lambda T, a, b: a ** b, lambda r: [D(pos(r, 3, 4)), C(n(r, 4))])
case("pow-const_base_tensor", lambda T, a, b: a ** b, lambda r: [C(pos(r, 3, 1)), D(n(r, 3, 4))])
case("where-scalar_other", lambda T, c, a: T.where(c, a, 0.5), lambda r: [C(mask(r, 3, 4)), D(n(r, 3, 4))])
case("maximum-const_other", lambda T, a, b: T.maximum(a, b), lambda r: [D(x) if i == 0 else C(x) for i, x in enumerate(apart(r, (3, 4), (4,)))])

# Python scalars on either side.
SCALAR_OPS = [
    ("tensor_plus_float", lambda T, a: a + 2.5, n),
    ("float_plus_tensor", lambda T, a: 2.5 + a, n),
    ("tensor_plus_int", lambda T, a: a + 2, n),
    ("int_plus_tensor", lambda T, a: 2 + a, n),
    ("tensor_minus_float", lambda T, a: a - 2.5, n),
    ("float_minus_tensor", lambda T, a: 2.5 - a, n),
    ("int_minus_tensor", lambda T, a: 3 - a, n),
    ("tensor_times_float", lambda T, a: a * 3.5, n),
    ("float_times_tensor", lambda T, a: 3.5 * a, n),
    ("int_times_tensor", lambda T, a: 3 * a, n),
    ("tensor_div_float", lambda T, a: a / 3.5, n),
    ("float_div_tensor", lambda T, a: 3.5 / a, away),
    ("int_div_tensor", lambda T, a: 2 / a, away),
    ("tensor_pow_int2", lambda T, a: a ** 2, n),
    ("tensor_pow_int3", lambda T, a: a ** 3, n),
    ("tensor_pow_float", lambda T, a: a ** 2.5, pos),
    ("tensor_pow_negative_float", lambda T, a: a ** -1.5, pos),
    ("tensor_pow_half", lambda T, a: a ** 0.5, pos),
    ("tensor_pow_zero", lambda T, a: a ** 0, n),
    ("tensor_pow_one", lambda T, a: a ** 1, n),
    ("float_pow_tensor", lambda T, a: 2.5 ** a, n),
    ("int_pow_tensor", lambda T, a: 3 ** a, n),
    ("torch_pow_number_base", lambda T, a: T.pow(1.5, a), n),
    ("torch_pow_tensor_exponent_number", lambda T, a: T.pow(a, 3), n),
    ("torch_add_scalar_alpha", lambda T, a: T.add(a, 2, alpha=3), n),
    ("torch_sub_scalar", lambda T, a: T.sub(a, 1.5), n),
    ("torch_rsub", lambda T, a: T.rsub(a, 1.5), n),
    ("torch_mul_scalar", lambda T, a: T.mul(a, 1.5), n),
    ("torch_div_scalar", lambda T, a: T.div(a, 1.5), n),
    ("torch_true_divide", lambda T, a: T.true_divide(a, 1.5), n),
    ("neg_operator", lambda T, a: -a, n),
]
for name, fn, gen in SCALAR_OPS:
    case(f"scalar-{name}", fn, lambda r, gen=gen: [D(gen(r, 3, 4))])

# Element-wise functions of one tensor.
UNARY = [
    ("neg", lambda T, a: T.neg(a), n),
    ("abs", lambda T, a: T.abs(a), away),
    ("abs_builtin", lambda T, a: abs(a), away),
    ("exp", lambda T, a: T.exp(a), n),
    ("log", lambda T, a: T.log(a), pos),
    ("sqrt", lambda T, a: T.sqrt(a), pos),
    ("rsqrt", lambda T, a: T.rsqrt(a), pos),
    ("sin", lambda T, a: T.sin(a), n),
    ("cos", lambda T, a: T.cos(a), n),
    ("tan", lambda T, a: T.tan(a), lambda r, *s: r.uniform(-1.2, 1.2, s)),
    ("sinh", lambda T, a: a.sinh(), n),
    ("cosh", lambda T, a: a.cosh(), n),
    ("asin", lambda T, a: a.asin(), lambda r, *s: r.uniform(-0.9, 0.9, s)),
    ("acos", lambda T, a: a.acos(), lambda r, *s: r.uniform(-0.9, 0.9, s)),
    ("atan", lambda T, a: a.atan(), n),
    ("tanh", lambda T, a: T.tanh(a), n),
    ("sigmoid", lambda T, a: T.sigmoid(a), n),
    ("relu", lambda T, a: T.relu(a), away),
    ("clamp", lambda T, a: T.clamp(a, -0.5, 0.5), outside),
    ("clamp_min_kw", lambda T, a: T.clamp(a, min=-0.5), outside),
    ("clamp_max_kw", lambda T, a: T.clamp(a, max=0.5), outside),
    ("clamp_method", lambda T, a: a.clamp(-0.5, 0.5), outside),
    ("clip", lambda T, a: T.clip(a, -0.5, 0.5), outside),
    ("clamp_min", lambda T, a: T.clamp_min(a, 0.5), outside),
    ("clamp_max", lambda T, a: T.clamp_max(a, -0.5), outside),
    ("reciprocal", lambda T, a: T.reciprocal(a), away),
    ("log1p", lambda T, a: T.log1p(a), lambda r, *s: r.uniform(-0.5, 2.0, s)),
    ("expm1", lambda T, a: T.expm1(a), n),
    ("square", lambda T, a: T.square(a), n),
    ("log2", lambda T, a: T.log2(a), pos),
    ("log10", lambda T, a: T.log10(a), pos),
    ("sign", lambda T, a: T.sign(a), away),
    ("exp_method", lambda T, a: a.exp(), n),
    ("sigmoid_method", lambda T, a: a.sigmoid(), n),
    ("relu_functional", lambda T, a: T.nn.functional.relu(a), away),
    ("tanh_functional", lambda T, a: T.nn.functional.tanh(a), n),
]
for name, fn, gen in UNARY:
    case(f"unary-{name}", fn, lambda r, gen=gen: [D(gen(r, 3, 4))])
    case(f"unary-{name}-scalar_input", fn, lambda r, gen=gen: [D(gen(r))])

case("clamp-tensor_bounds", lambda T, a, lo, hi: T.clamp(a, lo, hi),
     lambda r: [D(np.array([[-2.0, 0.0, 2.0], [0.1, -0.3, 3.0]])), D(np.array([-1.0, -0.5, -1.0])), D(np.array([1.0, 1.0, 1.0]))])
case("clamp-tensor_min_only", lambda T, a, lo: T.clamp(a, min=lo),
     lambda r: [D(np.array([[-2.0, 0.0, 2.0], [0.1, -0.3, 3.0]])), D(np.array([-1.0, -0.5, 2.5]))])

# Reductions.
X34 = lambda r: [D(n(r, 3, 4))]  # noqa: E731
X234 = lambda r: [D(n(r, 2, 3, 4))]  # noqa: E731
DIST34 = lambda r: [D(distinct(r, 3, 4))]  # noqa: E731
DIST234 = lambda r: [D(distinct(r, 2, 3, 4))]  # noqa: E731

case("sum-all", lambda T, a: a.sum(), X34)
case("sum-dim1", lambda T, a: a.sum(1), X34)
case("sum-dim_neg1_keepdim", lambda T, a: a.sum(dim=-1, keepdim=True), X34)
case("sum-dims_0_2", lambda T, a: T.sum(a, dim=(0, 2)), X234)
case("sum-dims_0_2_keepdim", lambda T, a: T.sum(a, dim=(0, 2), keepdim=True), X234)
case("sum-scalar_input", lambda T, a: a.sum(), lambda r: [D(n(r))])
case("mean-all", lambda T, a: a.mean(), X34)
case("mean-dim0", lambda T, a: a.mean(0), X34)
case("mean-dim1_keepdim", lambda T, a: a.mean(1, keepdim=True), X34)
case("mean-dims_1_2", lambda T, a: T.mean(a, dim=(1, 2)), X234)
case("mean-dims_neg1_0_keepdim", lambda T, a: T.mean(a, dim=(-1, 0), keepdim=True), X234)
case("prod-all", lambda T, a: a.prod(), lambda r: [D(away(r, 3, 4, lo=0.5, hi=1.5))])
case("prod-dim1", lambda T, a: a.prod(1), lambda r: [D(away(r, 3, 4, lo=0.5, hi=1.5))])
case("prod-dim0_keepdim", lambda T, a: T.prod(a, 0, keepdim=True), lambda r: [D(away(r, 3, 4, lo=0.5, hi=1.5))])
case("prod-dim_neg1_3d", lambda T, a: a.prod(-1), lambda r: [D(away(r, 2, 3, 4, lo=0.5, hi=1.5))])
case("prod-all_one_zero", lambda T, a: a.prod(), lambda r: [D(np.array([[1.5, -0.7, 0.0], [1.2, 0.9, -1.3]]))])
case("prod-all_two_zeros", lambda T, a: a.prod(), lambda r: [D(np.array([[1.5, 0.0, 0.8], [1.2, 0.0, -1.3]]))])
case("prod-dim1_one_zero", lambda T, a: a.prod(1), lambda r: [D(np.array([[1.5, -0.7, 0.0], [1.2, 0.9, -1.3]]))])
case("prod-dim0_one_zero", lambda T, a: a.prod(0), lambda r: [D(np.array([[1.5, -0.7, 0.0], [1.2, 0.9, -1.3]]))])
case("prod-dim1_keepdim_one_zero", lambda T, a: a.prod(1, keepdim=True), lambda r: [D(np.array([[1.5, -0.7, 0.0], [1.2, 0.9, -1.3]]))])
case("max-all", lambda T, a: a.max(), DIST34)
case("max-dim1_values", lambda T, a: a.max(dim=1).values, DIST34)
case("max-dim0_keepdim_values", lambda T, a: T.max(a, 0, keepdim=True).values, DIST34)
case("max-dim_neg1_3d_values", lambda T, a: a.max(-1)[0], DIST234)
case("min-all", lambda T, a: T.min(a), DIST34)
case("min-dim1_values", lambda T, a: a.min(dim=1).values, DIST34)
case("min-dim0_keepdim_values", lambda T, a: T.min(a, 0, keepdim=True).values, DIST34)
case("amax-all", lambda T, a: T.amax(a), DIST34)
case("amax-dim1", lambda T, a: T.amax(a, 1), DIST34)
case("amax-dim0_keepdim", lambda T, a: T.amax(a, 0, keepdim=True), DIST34)
case("amax-dims_0_1", lambda T, a: T.amax(a, dim=(0, 1)), DIST234)
case("amax-dims_0_2_keepdim", lambda T, a: a.amax(dim=(0, 2), keepdim=True), DIST234)
case("amin-all", lambda T, a: T.amin(a), DIST34)
case("amin-dim1", lambda T, a: a.amin(1), DIST34)
case("amin-dims_1_2", lambda T, a: T.amin(a, dim=(1, 2)), DIST234)
case("var-all", lambda T, a: a.var(), X34)
case("var-dim1", lambda T, a: a.var(1), X34)
case("var-dim0_keepdim", lambda T, a: T.var(a, 0, keepdim=True), X34)
case("var-unbiased_false", lambda T, a: T.var(a, unbiased=False), X34)
case("var-correction0_dim1", lambda T, a: T.var(a, dim=1, correction=0), X34)
case("var-dims_0_2", lambda T, a: T.var(a, dim=(0, 2)), X234)
case("std-all", lambda T, a: a.std(), X34)
case("std-dim1", lambda T, a: a.std(1), X34)
case("std-dim0_keepdim", lambda T, a: T.std(a, 0, keepdim=True), X34)
case("std-unbiased_false", lambda T, a: T.std(a, unbiased=False), X34)
case("std-dims_1_2", lambda T, a: T.std(a, dim=(1, 2)), X234)
case("norm-p2_all", lambda T, a: a.norm(), X34)
case("norm-p2_dim1", lambda T, a: a.norm(dim=1), X34)
case("norm-p2_dim1_keepdim", lambda T, a: T.norm(a, dim=1, keepdim=True), X34)
case("norm-fro", lambda T, a: T.norm(a, p="fro"), X34)
case("norm-p1_all", lambda T, a: a.norm(p=1), lambda r: [D(away(r, 3, 4))])
case("norm-p1_dim0", lambda T, a: a.norm(p=1, dim=0), lambda r: [D(away(r, 3, 4))])
case("norm-pinf_all", lambda T, a: a.norm(p=float("inf")), DIST34)
case("norm-pinf_dim1", lambda T, a: a.norm(p=float("inf"), dim=1), DIST34)
case("norm-pinf_dim0_keepdim", lambda T, a: T.norm(a, p=float("inf"), dim=0, keepdim=True), DIST34)
case("norm-p3_all", lambda T, a: a.norm(p=3), lambda r: [D(away(r, 3, 4))])
case("norm-p3_dim1", lambda T, a: a.norm(p=3, dim=1), lambda r: [D(away(r, 3, 4))])
case("norm-p2_dims_0_2", lambda T, a: a.norm(dim=(0, 2)), X234)
case("logsumexp-dim1", lambda T, a: T.logsumexp(a, 1), X34)
case("logsumexp-dim0_keepdim", lambda T, a: a.logsumexp(0, keepdim=True), X34)
case("logsumexp-dims_0_1", lambda T, a: T.logsumexp(a, dim=(0, 1)), X34)
case("logsumexp-dim_neg1_3d", lambda T, a: a.logsumexp(-1), X234)
case("cumsum-dim0", lambda T, a: T.cumsum(a, 0), X34)
case("cumsum-dim1", lambda T, a: a.cumsum(dim=1), X34)
case("cumsum-dim_neg1_3d", lambda T, a: a.cumsum(-1), X234)
case("cumsum-1d", lambda T, a: a.cumsum(0), lambda r: [D(n(r, 5))])

# Matrix products: every rank combination matmul accepts, with broadcast batch dims.
MATMUL = [
    ((4,), (4,)),
    ((3, 4), (4,)),
    ((4,), (4, 3)),
    ((2, 4), (4, 3)),
    ((2, 3, 4), (4,)),
    ((4,), (2, 4, 3)),
    ((2, 3, 4), (4, 5)),
    ((3, 4), (2, 4, 5)),
    ((2, 3, 4), (2, 4, 5)),
    ((1, 3, 4), (2, 4, 5)),
    ((2, 3, 4), (1, 4, 5)),
    ((2, 2, 3, 4), (4,)),
    ((4,), (2, 2, 4, 3)),
    ((2, 2, 3, 4), (4, 5)),
    ((3, 4), (2, 2, 4, 5)),
    ((2, 1, 3, 4), (5, 4, 2)),
    ((5, 3, 4), (2, 1, 4, 2)),
    ((2, 1, 3, 4), (1, 3, 4, 2)),
]
for sa, sb in MATMUL:
    case(f"matmul-{shp(sa)}-{shp(sb)}", lambda T, a, b: a @ b, lambda r, sa=sa, sb=sb: [D(n(r, *sa)), D(n(r, *sb))])
case("matmul-function", lambda T, a, b: T.matmul(a, b), lambda r: [D(n(r, 2, 3, 4)), D(n(r, 4, 2))])
case("matmul-method_const_other", lambda T, a, b: a.matmul(b), lambda r: [D(n(r, 2, 3, 4)), C(n(r, 4, 2))])
case("matmul-const_self", lambda T, a, b: a @ b, lambda r: [C(n(r, 3, 4)), D(n(r, 2, 4, 2))])
case("matmul-transposed_operand", lambda T, a, b: a.t() @ b, lambda r: [D(n(r, 4, 3)), D(n(r, 4, 2))])
case("mm", lambda T, a, b: T.mm(a, b), lambda r: [D(n(r, 2, 4)), D(n(r, 4, 3))])
case("mm-method", lambda T, a, b: a.mm(b), lambda r: [D(n(r, 3, 4)), D(n(r, 4, 2))])
case("mv", lambda T, a, b: T.mv(a, b), lambda r: [D(n(r, 3, 4)), D(n(r, 4))])
case("dot", lambda T, a, b: T.dot(a, b), lambda r: [D(n(r, 5)), D(n(r, 5))])
case("bmm", lambda T, a, b: T.bmm(a, b), lambda r: [D(n(r, 2, 3, 4)), D(n(r, 2, 4, 5))])
case("addmm-bias_1d", lambda T, c, a, b: T.addmm(c, a, b), lambda r: [D(n(r, 3)), D(n(r, 2, 4)), D(n(r, 4, 3))])
case("addmm-bias_2d", lambda T, c, a, b: T.addmm(c, a, b), lambda r: [D(n(r, 2, 3)), D(n(r, 2, 4)), D(n(r, 4, 3))])
case("addmm-bias_row", lambda T, c, a, b: T.addmm(c, a, b), lambda r: [D(n(r, 1, 3)), D(n(r, 2, 4)), D(n(r, 4, 3))])
case("addmm-bias_column", lambda T, c, a, b: T.addmm(c, a, b), lambda r: [D(n(r, 2, 1)), D(n(r, 2, 4)), D(n(r, 4, 3))])
case("addmm-bias_scalar", lambda T, c, a, b: T.addmm(c, a, b), lambda r: [D(n(r)), D(n(r, 2, 4)), D(n(r, 4, 3))])
case("outer", lambda T, a, b: T.outer(a, b), lambda r: [D(n(r, 3)), D(n(r, 4))])

# Shape ops.
case("reshape", lambda T, a: a.reshape(2, 6), X34)
case("reshape-infer", lambda T, a: T.reshape(a, (4, -1)), X34)
case("reshape-flat", lambda T, a: a.reshape(-1), X34)
case("reshape-non_contiguous", lambda T, a: a.t().reshape(2, 6), X34)
case("reshape-scalar_to_1x1", lambda T, a: a.reshape(1, 1), lambda r: [D(n(r))])
case("view", lambda T, a: a.view(12), X34)
case("view-infer", lambda T, a: a.view(2, -1, 2), X34)
case("view_as", lambda T, a, b: a.view_as(b), lambda r: [D(n(r, 3, 4)), C(n(r, 6, 2))])
case("flatten", lambda T, a: a.flatten(), X234)
case("flatten-start1", lambda T, a: T.flatten(a, 1), X234)
case("flatten-0_1", lambda T, a: a.flatten(0, 1), X234)
case("squeeze-all", lambda T, a: a.squeeze(), lambda r: [D(n(r, 1, 3, 1, 4))])
case("squeeze-dim0", lambda T, a: a.squeeze(0), lambda r: [D(n(r, 1, 3, 1, 4))])
case("squeeze-dim_neg2", lambda T, a: T.squeeze(a, -2), lambda r: [D(n(r, 1, 3, 1, 4))])
case("squeeze-dims_0_2", lambda T, a: a.squeeze((0, 2)), lambda r: [D(n(r, 1, 3, 1, 4))])
case("squeeze-non_unit_dim", lambda T, a: a.squeeze(1), lambda r: [D(n(r, 1, 3, 1, 4))])
case("unsqueeze-0", lambda T, a: a.unsqueeze(0), X34)
case("unsqueeze-1", lambda T, a: T.unsqueeze(a, 1), X34)
case("unsqueeze-neg1", lambda T, a: a.unsqueeze(-1), X34)
case("transpose-0_1", lambda T, a: a.transpose(0, 1), X34)
case("transpose-0_2_3d", lambda T, a: T.transpose(a, 0, 2), X234)
case("transpose-neg", lambda T, a: a.transpose(-1, -2), X234)
case("t", lambda T, a: a.t(), X34)
case("t-function", lambda T, a: T.t(a), X34)
case("t-1d", lambda T, a: a.t(), lambda r: [D(n(r, 4))])
case("T-property", lambda T, a: a.T, X34)
case("mT-property", lambda T, a: a.mT, X234)
case("permute", lambda T, a: a.permute(2, 0, 1), X234)
case("permute-tuple", lambda T, a: T.permute(a, (1, 2, 0)), X234)
case("permute-negative_dims", lambda T, a: a.permute(-1, 0, 1), X234)
case("movedim", lambda T, a: T.movedim(a, 0, -1), X234)
case("expand-3x1_to_3x4", lambda T, a: a.expand(3, 4), lambda r: [D(n(r, 3, 1))])
case("expand-3x1_to_2x3x4", lambda T, a: a.expand(2, 3, 4), lambda r: [D(n(r, 3, 1))])
case("expand-minus_one", lambda T, a: a.expand(2, -1, 4), lambda r: [D(n(r, 3, 1))])
case("expand-scalar", lambda T, a: a.expand(2, 3), lambda r: [D(n(r))])
case("expand_as", lambda T, a, b: a.expand_as(b), lambda r: [D(n(r, 1, 4)), C(n(r, 3, 4))])
case("repeat-2_3", lambda T, a: a.repeat(2, 3), X34)
case("repeat-new_leading_dim", lambda T, a: a.repeat(2, 1, 2), X34)
case("repeat-1d", lambda T, a: a.repeat(3), lambda r: [D(n(r, 4))])
case("cat-dim0", lambda T, a, b: T.cat([a, b]), lambda r: [D(n(r, 2, 4)), D(n(r, 3, 4))])
case("cat-dim1_three", lambda T, a, b, c: T.cat((a, b, c), dim=1), lambda r: [D(n(r, 3, 1)), D(n(r, 3, 2)), D(n(r, 3, 3))])
case("cat-dim_neg1", lambda T, a, b: T.cat([a, b], -1), lambda r: [D(n(r, 2, 3, 2)), D(n(r, 2, 3, 1))])
case("cat-with_constant", lambda T, a, b: T.cat([a, b]), lambda r: [D(n(r, 2, 4)), C(n(r, 1, 4))])
case("cat-same_tensor_twice", lambda T, a: T.cat([a, a], 1), X34)
case("stack-dim0", lambda T, a, b: T.stack([a, b]), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))])
case("stack-dim1", lambda T, a, b, c: T.stack((a, b, c), dim=1), lambda r: [D(n(r, 3, 2)), D(n(r, 3, 2)), D(n(r, 3, 2))])
case("stack-dim_neg1", lambda T, a, b: T.stack([a, b], -1), lambda r: [D(n(r, 2, 3)), D(n(r, 2, 3))])
case("stack-with_constant", lambda T, a, b: T.stack([a, b]), lambda r: [D(n(r, 4)), C(n(r, 4))])
case("unbind-dim0", lambda T, a: T.unbind(a), X34)
case("unbind-dim1", lambda T, a: a.unbind(1), X34)
case("unbind-one_used", lambda T, a: a.unbind(0)[1] * 2, X34)
case("split-size2_uneven", lambda T, a: a.split(2), lambda r: [D(n(r, 5, 3))])
case("split-sections_dim1", lambda T, a: T.split(a, [1, 3], dim=1), X34)
case("split-one_used", lambda T, a: a.split(2)[1].exp(), lambda r: [D(n(r, 5, 3))])
case("chunk-2", lambda T, a: a.chunk(2), lambda r: [D(n(r, 4, 3))])
case("chunk-3_dim1_uneven", lambda T, a: T.chunk(a, 3, dim=1), lambda r: [D(n(r, 2, 5))])
case("narrow", lambda T, a: a.narrow(1, 1, 2), X34)
case("narrow-function_dim0", lambda T, a: T.narrow(a, 0, 1, 2), X34)
case("flip-0", lambda T, a: a.flip(0), X34)
case("flip-0_1", lambda T, a: T.flip(a, (0, 1)), X34)
case("flip-neg1_3d", lambda T, a: a.flip(-1), X234)
case("clone", lambda T, a: a.clone(), X34)

# Picking entries by index or order (no ties in sort/topk inputs: the order is then unique).
GATHER_IDX = lambda r: C(np.array([[0, 0], [3, 1], [2, 2]]))  # noqa: E731  (column 0 picked twice in row 0)
case("gather-dim1_repeated", lambda T, a, i: a.gather(1, i), lambda r: [D(n(r, 3, 4)), GATHER_IDX(r)])
case("gather-dim0_fewer_columns", lambda T, a, i: T.gather(a, 0, i),
     lambda r: [D(n(r, 3, 4)), C(np.array([[2, 0, 1], [0, 0, 2]]))])
case("gather-scalar", lambda T, a, i: a.gather(0, i), lambda r: [D(n(r)), C(np.array([0, 0]))])
case("index_select-dim0_repeated", lambda T, a, i: a.index_select(0, i), lambda r: [D(n(r, 3, 4)), C(np.array([2, 0, 2]))])
case("index_select-dim1", lambda T, a, i: T.index_select(a, 1, i), lambda r: [D(n(r, 3, 4)), C(np.array([3, 1]))])
case("sort-last_dim", lambda T, a: a.sort().values, lambda r: [D(distinct(r, 3, 4))])
case("sort-dim0_descending", lambda T, a: T.sort(a, 0, descending=True)[0], lambda r: [D(distinct(r, 3, 4))])
case("topk-2_last_dim", lambda T, a: a.topk(2).values, lambda r: [D(distinct(r, 3, 4))])
case("topk-smallest_dim0", lambda T, a: T.topk(a, 2, dim=0, largest=False).values, lambda r: [D(distinct(r, 3, 4))])
case("atan2", lambda T, a, b: a.atan2(b), lambda r: [D(away(r, 3, 4)), D(away(r, 3, 4))])
case("atan2-broadcast", lambda T, a, b: a.atan2(b), lambda r: [D(away(r, 3, 1)), D(away(r, 4))])
case("trace", lambda T, a: a.trace(), X34)
case("roll-flat", lambda T, a: a.roll(2), X34)
case("roll-dims", lambda T, a: a.roll((1, -1), (0, 1)), X34)
case("hardtanh", lambda T, a: F(T).hardtanh(a), lambda r: [D(outside(r, 3, 4, bounds=(-1, 1)))])
case("relu6", lambda T, a: F(T).relu6(a * 4), lambda r: [D(outside(r, 3, 4, bounds=(0, 1.5)))])
case("logsigmoid", lambda T, a: F(T).logsigmoid(a * 5), X34)
case("nn_hardtanh_module", lambda T, a: T.nn.Hardtanh(-0.5, 0.5)(a), lambda r: [D(outside(r, 3, 4))])
case("tril", lambda T, a: a.tril(), X34)
case("tril-below_diagonal_3d", lambda T, a: T.tril(a, -1), X234)
case("triu-diagonal1", lambda T, a: a.triu(1), X34)
case("triu-function", lambda T, a: T.triu(a), X234)
case("contiguous-after_t", lambda T, a: a.t().contiguous(), X34)

# Indexing.
def _idx(T, *k):
    return T.tensor(list(k), dtype=T.int64)


INDEXING = [
    ("int", lambda T, a: a[1], X34),
    ("negative_int", lambda T, a: a[-1], X34),
    ("int_int", lambda T, a: a[1, 2], X34),
    ("slice", lambda T, a: a[1:3], X34),
    ("slice_open_start", lambda T, a: a[:2], X34),
    ("slice_negative_bounds", lambda T, a: a[-3:-1], X34),
    ("step_slice", lambda T, a: a[::2], X34),
    ("step_slice_dim1", lambda T, a: a[:, 1::2], X34),
    ("full_slice", lambda T, a: a[:], X34),
    ("slice_and_int", lambda T, a: a[1:, 2], X34),
    ("none", lambda T, a: a[None], X34),
    ("none_middle", lambda T, a: a[:, None, 1], X34),
    ("ellipsis_int", lambda T, a: a[..., 1], X234),
    ("int_ellipsis_none", lambda T, a: a[0, ..., None], X234),
    ("ellipsis_slice", lambda T, a: a[..., 1:3], X234),
    ("int_list", lambda T, a: a[[0, 2]], X34),
    ("int_list_repeated", lambda T, a: a[[0, 2, 0, 0]], X34),
    ("int_tensor", lambda T, a: a[_idx(T, 2, 0, 1)], X34),
    ("int_tensor_2d_repeated", lambda T, a: a[T.tensor([[0, 1], [1, 1]])], X34),
    ("int_tensor_negative", lambda T, a: a[_idx(T, -1, 0)], X34),
    ("two_lists", lambda T, a: a[[0, 1, 2], [3, 1, 3]], X34),
    ("list_on_dim1", lambda T, a: a[:, [0, 2, 2]], X34),
    ("int_and_list", lambda T, a: a[1, [0, 2, 0]], X34),
    ("slice_and_list", lambda T, a: a[1:, [3, 0]], X34),
    ("list_ellipsis", lambda T, a: a[..., [0, 0, 1]], X234),
    ("non_adjacent_lists", lambda T, a: a[[0, 1], :, [1, 0]], X234),
    ("adjacent_lists_3d", lambda T, a: a[:, [0, 2], [1, 3]], X234),
    ("none_and_list", lambda T, a: a[None, [1, 0]], X34),
    ("mask_full", lambda T, a, m: a[m], lambda r: [D(n(r, 3, 4)), C(mask(r, 3, 4))]),
    ("mask_rows", lambda T, a, m: a[m], lambda r: [D(n(r, 3, 4)), C(np.array([True, False, True]))]),
    ("mask_dim1", lambda T, a, m: a[:, m], lambda r: [D(n(r, 3, 4)), C(np.array([False, True, True, False]))]),
    ("mask_first_two_dims_3d", lambda T, a, m: a[m], lambda r: [D(n(r, 2, 3, 4)), C(mask(r, 2, 3))]),
    ("mask_from_comparison", lambda T, a: a[a > 0], lambda r: [D(away(r, 3, 4))]),
    ("index_then_index", lambda T, a: a[1][[2, 0]], X34),
]
for name, fn, args in INDEXING:
    case(f"index-{name}", fn, args)


# Writing into tensors: setitem (CopySlices) and in-place ops on non-leaf tensors and views.
def _set(key_fn):
    def fn(T, a, v, *rest):
        y = a.clone()
        y[key_fn(T, *rest)] = v
        return y

    return fn


def _set_const(key_fn, value):
    def fn(T, a, *rest):
        y = a * 1
        y[key_fn(T, *rest)] = value
        return y

    return fn


SETITEM = [
    ("row", _set(lambda T: 1), lambda r: [D(n(r, 3, 4)), D(n(r, 4))]),
    ("row_broadcast_value", _set(lambda T: 1), lambda r: [D(n(r, 3, 4)), D(n(r, 1))]),
    ("column", _set(lambda T: (slice(None), 0)), lambda r: [D(n(r, 3, 4)), D(n(r, 3))]),
    ("block", _set(lambda T: (slice(None), slice(1, 3))), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 2))]),
    ("step_slice", _set(lambda T: (slice(1, None), slice(None, None, 2))), lambda r: [D(n(r, 3, 4)), D(n(r, 2, 2))]),
    ("int_list", _set(lambda T: [0, 2]), lambda r: [D(n(r, 3, 4)), D(n(r, 2, 4))]),
    ("int_tensor", _set(lambda T: T.tensor([2, 0])), lambda r: [D(n(r, 3, 4)), D(n(r, 2, 4))]),
    ("mask_tensor_value", _set(lambda T, m: m), lambda r: [D(n(r, 3, 4)), D(n(r, 1)), C(mask(r, 3, 4))]),
    ("ellipsis", _set(lambda T: (Ellipsis, 1)), lambda r: [D(n(r, 2, 3, 4)), D(n(r, 2, 3))]),
    ("element", _set(lambda T: (0, 1)), lambda r: [D(n(r, 3, 4)), D(n(r))]),
    ("const_scalar", _set_const(lambda T: (0, 1), 5.0), X34),
    ("const_mask", _set_const(lambda T, m: m, 0.0), lambda r: [D(n(r, 3, 4)), C(mask(r, 3, 4))]),
    ("const_value_tensor", _set(lambda T: 1), lambda r: [D(n(r, 3, 4)), C(n(r, 4))]),
    ("leaf_value_into_const", _set(lambda T: (slice(None), 2)), lambda r: [C(n(r, 3, 4)), D(n(r, 3))]),
]
for name, fn, args in SETITEM:
    case(f"setitem-{name}", fn, args)


def _value_from_self(T, a):
    y = a * 2
    y[1] = a[0] * a[2]
    return y


case("setitem-value_from_same_graph", _value_from_self, X34)


def _inplace(body):
    """fn(T, a, *rest): y = a * 1 (a non-leaf), body(T, y, *rest) changes it in place, return y."""

    def fn(T, a, *rest):
        y = a * 1
        out = body(T, y, *rest)
        return y if out is None else out

    return fn


INPLACE = [
    ("add_", lambda T, y, b: y.add_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("add_broadcast", lambda T, y, b: y.add_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 4))]),
    ("add_alpha", lambda T, y, b: y.add_(b, alpha=2.0), lambda r: [D(n(r, 3, 4)), D(n(r, 4))]),
    ("add_scalar", lambda T, y: y.add_(2.0), X34),
    ("sub_", lambda T, y, b: y.sub_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 1))]),
    ("mul_", lambda T, y, b: y.mul_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("mul_scalar", lambda T, y: y.mul_(3.0), X34),
    ("div_", lambda T, y, b: y.div_(b), lambda r: [D(n(r, 3, 4)), D(away(r, 4))]),
    ("pow_", lambda T, y: y.pow_(3), X34),
    ("square_", lambda T, y: y.square_(), X34),
    ("exp_", lambda T, y: y.exp_(), X34),
    ("log_", lambda T, y: y.log_(), lambda r: [D(pos(r, 3, 4))]),
    ("sqrt_", lambda T, y: y.sqrt_(), lambda r: [D(pos(r, 3, 4))]),
    ("sigmoid_", lambda T, y: y.sigmoid_(), X34),
    ("tanh_", lambda T, y: y.tanh_(), X34),
    ("sin_", lambda T, y: y.sin_(), X34),
    ("cos_", lambda T, y: y.cos_(), X34),
    ("neg_", lambda T, y: y.neg_(), X34),
    ("abs_", lambda T, y: y.abs_(), lambda r: [D(away(r, 3, 4))]),
    ("relu_", lambda T, y: y.relu_(), lambda r: [D(away(r, 3, 4))]),
    ("reciprocal_", lambda T, y: y.reciprocal_(), lambda r: [D(away(r, 3, 4))]),
    ("clamp_", lambda T, y: y.clamp_(-0.5, 0.5), lambda r: [D(outside(r, 3, 4))]),
    ("clamp_min_", lambda T, y: y.clamp_min_(0.5), lambda r: [D(outside(r, 3, 4))]),
    ("masked_fill_", lambda T, y, m: y.masked_fill_(m, 0.5), lambda r: [D(n(r, 3, 4)), C(mask(r, 3, 4))]),
    ("zero_then_add", lambda T, y, b: y.zero_().add_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("fill_", lambda T, y: y.fill_(2.0) * y, X34),
    ("copy_", lambda T, y, b: y.copy_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("copy_broadcast", lambda T, y, b: y.copy_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 4))]),
    ("iadd_operator", lambda T, y, b: y.__iadd__(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("isub_operator", lambda T, y, b: y.__isub__(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("imul_operator", lambda T, y, b: y.__imul__(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("itruediv_operator", lambda T, y, b: y.__itruediv__(b), lambda r: [D(n(r, 3, 4)), D(away(r, 3, 4))]),
    ("chain", lambda T, y, b: y.mul_(b).add_(b).sigmoid_(), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("then_use_in_op", lambda T, y, b: y.mul_(b) * b, lambda r: [D(n(r, 3, 4)), D(n(r, 4))]),
    ("with_leaf_other", lambda T, y, b: y.mul_(b), lambda r: [D(n(r, 3, 4)), C(n(r, 3, 4))]),
]
for name, body, args in INPLACE:
    case(f"inplace-{name}", _inplace(body), args)


def _on_view(body):
    """fn(T, a, *rest): y = a * 1, body changes a view of y in place; returns y (the base)."""

    def fn(T, a, *rest):
        y = a * 1
        body(T, y, *rest)
        return y

    return fn


VIEW_INPLACE = [
    ("row_mul_scalar", lambda T, y: y[0].mul_(2.0), X34),
    ("column_add_tensor", lambda T, y, b: y[:, 1].add_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3))]),
    ("slice_exp", lambda T, y: y[1:].exp_(), X34),
    ("step_slice_add", lambda T, y, b: y[::2].add_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 2, 4))]),
    ("transposed_row", lambda T, y: y.t()[0].mul_(3.0), X34),
    ("transpose_then_int", lambda T, y, b: y.transpose(0, 1)[1].add_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3))]),
    ("flat_view_slice", lambda T, y: y.view(-1)[2:5].sigmoid_(), X34),
    ("unsqueeze_view", lambda T, y, b: y.unsqueeze(0).mul_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 4))]),
    ("view_of_view", lambda T, y, b: y[0][1:].mul_(b), lambda r: [D(n(r, 3, 4)), D(n(r, 3))]),
    ("setitem_on_view", lambda T, y, v: y[0].__setitem__(slice(1, 3), v), lambda r: [D(n(r, 3, 4)), D(n(r, 2))]),
    ("two_views", lambda T, y, b: (y[0].add_(b), y[2].mul_(b)), lambda r: [D(n(r, 3, 4)), D(n(r, 4))]),
    ("element_of_matrix", lambda T, y: y[1, 2].mul_(3.0), X34),
    ("element_of_vector", lambda T, y: y[1].mul_(10.0), lambda r: [D(n(r, 4))]),
    ("element_via_two_selects", lambda T, y, b: y[0][1].add_(b), lambda r: [D(n(r, 3, 4)), D(n(r))]),
]
for name, body, args in VIEW_INPLACE:
    case(f"view_inplace-{name}", _on_view(body), args)


def _return_base_and_view(T, a, b):
    y = a * 1
    v = y[1]
    v.mul_(b)
    return y, v


def _use_view_after_base_inplace(T, a):
    y = a * 1
    v = y[1]
    y.mul_(2.0)
    return v * 1


def _non_contiguous_base(T, a):
    z = a.t() * 1  # laid out like a.t(): not contiguous
    z[0].mul_(2.0)
    return z


case("view_inplace-return_base_and_view", _return_base_and_view, lambda r: [D(n(r, 3, 4)), D(n(r, 4))])
case("view_inplace-use_view_after_base_inplace", _use_view_after_base_inplace, X34)
case("view_inplace-non_contiguous_base", _non_contiguous_base, X34)

# softmax and log_softmax.
SOFTMAX = [
    ("softmax-dim0", lambda T, a: T.softmax(a, 0), X34),
    ("softmax-dim1", lambda T, a: T.softmax(a, dim=1), X34),
    ("softmax-dim_neg1_3d", lambda T, a: a.softmax(-1), X234),
    ("softmax-dim1_3d", lambda T, a: T.nn.functional.softmax(a, dim=1), X234),
    ("softmax-1d", lambda T, a: T.nn.functional.softmax(a, dim=0), lambda r: [D(n(r, 5))]),
    ("log_softmax-dim0", lambda T, a: T.log_softmax(a, 0), X34),
    ("log_softmax-dim1", lambda T, a: T.nn.functional.log_softmax(a, dim=1), X34),
    ("log_softmax-dim_neg1_3d", lambda T, a: a.log_softmax(-1), X234),
    ("log_softmax-dim0_3d", lambda T, a: T.log_softmax(a, dim=0), X234),
]
for name, fn, args in SOFTMAX:
    case(name, fn, args)


# Losses.
def F(T):
    return T.nn.functional


LOSSES = []
for red in ("mean", "sum", "none"):
    LOSSES += [
        (f"mse_loss-{red}", lambda T, x, t, red=red: F(T).mse_loss(x, t, reduction=red), lambda r: [D(n(r, 3, 4)), C(n(r, 3, 4))]),
        (f"mse_loss-{red}-target_grad", lambda T, x, t, red=red: F(T).mse_loss(x, t, reduction=red), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
        (f"binary_cross_entropy-{red}", lambda T, p, t, red=red: F(T).binary_cross_entropy(p, t, reduction=red), lambda r: [D(unit(r, 3, 4)), C(r.uniform(0, 1, (3, 4)))]),
        (f"binary_cross_entropy-{red}-weight", lambda T, p, t, w, red=red: F(T).binary_cross_entropy(p, t, weight=w, reduction=red),
         lambda r: [D(unit(r, 3, 4)), C((r.random((3, 4)) < 0.5) * 1.0), C(pos(r, 3, 4))]),
        (f"binary_cross_entropy_with_logits-{red}", lambda T, x, t, red=red: F(T).binary_cross_entropy_with_logits(x, t, reduction=red),
         lambda r: [D(n(r, 3, 4)), C(r.uniform(0, 1, (3, 4)))]),
        (f"binary_cross_entropy_with_logits-{red}-weight", lambda T, x, t, w, red=red: F(T).binary_cross_entropy_with_logits(x, t, weight=w, reduction=red),
         lambda r: [D(n(r, 3, 4)), C(r.uniform(0, 1, (3, 4))), C(pos(r, 4))]),
        (f"binary_cross_entropy_with_logits-{red}-pos_weight", lambda T, x, t, pw, red=red: F(T).binary_cross_entropy_with_logits(x, t, pos_weight=pw, reduction=red),
         lambda r: [D(n(r, 3, 4)), C(r.uniform(0, 1, (3, 4))), C(pos(r, 4))]),
        (f"binary_cross_entropy_with_logits-{red}-weight_and_pos_weight",
         lambda T, x, t, w, pw, red=red: F(T).binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=pw, reduction=red),
         lambda r: [D(n(r, 3, 4)), C(r.uniform(0, 1, (3, 4))), C(pos(r, 3, 1)), C(pos(r, 4))]),
        (f"cross_entropy-{red}-indices", lambda T, x, t, red=red: F(T).cross_entropy(x, t, reduction=red),
         lambda r: [D(n(r, 4, 5)), C(np.array([1, 0, 4, 1]))]),
        (f"cross_entropy-{red}-indices_weight", lambda T, x, t, w, red=red: F(T).cross_entropy(x, t, weight=w, reduction=red),
         lambda r: [D(n(r, 4, 5)), C(np.array([1, 0, 4, 1])), C(pos(r, 5))]),
        (f"cross_entropy-{red}-ignore_index", lambda T, x, t, red=red: F(T).cross_entropy(x, t, ignore_index=2, reduction=red),
         lambda r: [D(n(r, 4, 5)), C(np.array([1, 2, 4, 2]))]),
        (f"cross_entropy-{red}-3d_input", lambda T, x, t, red=red: F(T).cross_entropy(x, t, reduction=red),
         lambda r: [D(n(r, 2, 4, 3)), C(np.array([[0, 3, 1], [2, 2, 0]]))]),
        (f"cross_entropy-{red}-probabilities", lambda T, x, t, red=red: F(T).cross_entropy(x, t, reduction=red),
         lambda r: [D(n(r, 3, 4)), C(r.dirichlet(np.ones(4), 3))]),
        (f"cross_entropy-{red}-probabilities_3d", lambda T, x, t, red=red: F(T).cross_entropy(x, t, reduction=red),
         lambda r: [D(n(r, 2, 4, 3)), C(np.moveaxis(r.dirichlet(np.ones(4), (2, 3)), -1, 1))]),
        (f"cross_entropy-{red}-probabilities_weight", lambda T, x, t, w, red=red: F(T).cross_entropy(x, t, weight=w, reduction=red),
         lambda r: [D(n(r, 3, 4)), C(r.dirichlet(np.ones(4), 3)), C(pos(r, 4))]),
        (f"cross_entropy-{red}-label_smoothing", lambda T, x, t, red=red: F(T).cross_entropy(x, t, label_smoothing=0.2, reduction=red),
         lambda r: [D(n(r, 4, 5)), C(np.array([1, 0, 4, 1]))]),
        (f"nll_loss-{red}", lambda T, x, t, red=red: F(T).nll_loss(x, t, reduction=red), lambda r: [D(n(r, 4, 5)), C(np.array([1, 0, 4, 1]))]),
        (f"nll_loss-{red}-weight", lambda T, x, t, w, red=red: F(T).nll_loss(x, t, weight=w, reduction=red),
         lambda r: [D(n(r, 4, 5)), C(np.array([1, 0, 4, 1])), C(pos(r, 5))]),
        (f"nll_loss-{red}-ignore_index", lambda T, x, t, red=red: F(T).nll_loss(x, t, ignore_index=0, reduction=red),
         lambda r: [D(n(r, 4, 5)), C(np.array([1, 0, 4, 0]))]),
        (f"nll_loss-{red}-weight_ignore_index", lambda T, x, t, w, red=red: F(T).nll_loss(x, t, weight=w, ignore_index=4, reduction=red),
         lambda r: [D(n(r, 4, 5)), C(np.array([1, 0, 4, 3])), C(pos(r, 5))]),
        (f"nll_loss-{red}-3d_input", lambda T, x, t, red=red: F(T).nll_loss(x, t, reduction=red),
         lambda r: [D(n(r, 2, 4, 3)), C(np.array([[0, 3, 1], [2, 2, 0]]))]),
        (f"nll_loss-{red}-1d_input", lambda T, x, t, red=red: F(T).nll_loss(x, t, reduction=red),
         lambda r: [D(n(r, 5)), C(np.array(3))]),
    ]
LOSSES += [
    ("binary_cross_entropy-mean-target_grad", lambda T, p, t: F(T).binary_cross_entropy(p, t), lambda r: [D(unit(r, 3, 4)), D(unit(r, 3, 4))]),
    ("binary_cross_entropy_with_logits-mean-target_grad", lambda T, x, t: F(T).binary_cross_entropy_with_logits(x, t),
     lambda r: [D(n(r, 3, 4)), D(unit(r, 3, 4))]),
    ("binary_cross_entropy_with_logits-mean-pos_weight_target_grad", lambda T, x, t, pw: F(T).binary_cross_entropy_with_logits(x, t, pos_weight=pw),
     lambda r: [D(n(r, 3, 4)), D(unit(r, 3, 4)), C(pos(r, 4))]),
    ("cross_entropy-mean-probabilities_target_grad", lambda T, x, t: F(T).cross_entropy(x, t),
     lambda r: [D(n(r, 3, 4)), D(r.dirichlet(np.ones(4), 3))]),
    ("cross_entropy-mean-1d_input", lambda T, x, t: F(T).cross_entropy(x, t), lambda r: [D(n(r, 5)), C(np.array(2))]),
    ("cross_entropy-mean-weight_ignore_index_3d", lambda T, x, t, w: F(T).cross_entropy(x, t, weight=w, ignore_index=1),
     lambda r: [D(n(r, 2, 4, 3)), C(np.array([[0, 3, 1], [2, 1, 0]])), C(pos(r, 4))]),
    ("nll_loss-mean-after_log_softmax", lambda T, x, t: F(T).nll_loss(F(T).log_softmax(x, dim=1), t),
     lambda r: [D(n(r, 4, 5)), C(np.array([1, 0, 4, 1]))]),
]
for name, fn, args in LOSSES:
    case(name, fn, args)

# linear.
for bias in (True, False):
    b_tag = "bias" if bias else "no_bias"
    for in_shape in ((3,), (2, 3), (2, 4, 3)):
        def _lin(T, x, w, *b):
            return F(T).linear(x, w, *b)

        case(f"linear-{len(in_shape)}d_input-{b_tag}", _lin,
             lambda r, s=in_shape, bias=bias: [D(n(r, *s)), D(n(r, 5, 3))] + ([D(n(r, 5))] if bias else []))
case("linear-const_weight", lambda T, x, w, b: F(T).linear(x, w, b), lambda r: [D(n(r, 2, 3)), C(n(r, 5, 3)), D(n(r, 5))])
case("linear-only_weight_grad", lambda T, x, w, b: F(T).linear(x, w, b), lambda r: [C(n(r, 2, 4, 3)), D(n(r, 5, 3)), C(n(r, 5))])

# Normalisation layers, embedding and the robust losses.
NN_MORE = [
    ("layer_norm-last_dim", lambda T, x: F(T).layer_norm(x, (4,)), X34),
    ("layer_norm-affine", lambda T, x, w, b: F(T).layer_norm(x, (4,), w, b), lambda r: [D(n(r, 3, 4)), D(n(r, 4)), D(n(r, 4))]),
    ("layer_norm-two_dims_weight_only", lambda T, x, w: F(T).layer_norm(x, (3, 4), w, eps=1e-3),
     lambda r: [D(n(r, 2, 3, 4)), D(n(r, 3, 4))]),
    ("layer_norm-whole_input_const_weight", lambda T, x, w, b: F(T).layer_norm(x, [3, 4], w, b),
     lambda r: [D(n(r, 3, 4)), C(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("batch_norm-training_affine", lambda T, x, w, b: F(T).batch_norm(x, None, None, w, b, training=True),
     lambda r: [D(n(r, 4, 3)), D(n(r, 3)), D(n(r, 3))]),
    ("batch_norm-training_3d_running_stats", lambda T, x, rm, rv: F(T).batch_norm(x, rm, rv, training=True, momentum=0.2),
     lambda r: [D(n(r, 2, 3, 4)), C(n(r, 3)), C(pos(r, 3))]),
    ("batch_norm-eval_affine", lambda T, x, rm, rv, w, b: F(T).batch_norm(x, rm, rv, w, b, training=False),
     lambda r: [D(n(r, 4, 3)), C(n(r, 3)), C(pos(r, 3)), D(n(r, 3)), D(n(r, 3))]),
    ("embedding-2d_indices", lambda T, w, i: F(T).embedding(i, w), lambda r: [D(n(r, 5, 3)), C(np.array([[1, 4], [1, 0]]))]),
    # (padding_idx and scale_grad_by_freq change the gradient on purpose, so finite differences
    # disagree with them; tests/test_nn.py and the parity programs check those.)
    ("embedding-repeated_indices_squared", lambda T, w, i: F(T).embedding(i, w) ** 2,
     lambda r: [D(n(r, 4, 2)), C(np.array([0, 1, 1, 3]))]),
    ("normalize-dim1", lambda T, x: F(T).normalize(x), X34),
    ("normalize-p1_dim0", lambda T, x: F(T).normalize(x, p=1, dim=0), lambda r: [D(away(r, 3, 4))]),
    ("normalize-3d_dim_neg1", lambda T, x: F(T).normalize(x, dim=-1), X234),
    ("smooth_l1_loss-beta_half_target_grad", lambda T, x, t: F(T).smooth_l1_loss(x, t, beta=0.5),
     lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("huber_loss-delta_half_target_grad", lambda T, x, t: F(T).huber_loss(x, t, delta=0.5),
     lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
    ("huber_loss-weight", lambda T, x, t, w: F(T).huber_loss(x, t, weight=w), lambda r: [D(n(r, 3, 4)), C(n(r, 3, 4)), C(pos(r, 3, 4))]),
    ("kl_div-batchmean", lambda T, x, t: F(T).kl_div(x, t, reduction="batchmean"),
     lambda r: [D(n(r, 3, 4)), C(r.dirichlet(np.ones(4), 3))]),
    ("kl_div-sum_target_grad", lambda T, x, t: F(T).kl_div(x, t, reduction="sum"), lambda r: [D(n(r, 3, 4)), D(unit(r, 3, 4))]),
    ("kl_div-log_target_none", lambda T, x, t: F(T).kl_div(x, t, reduction="none", log_target=True),
     lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))]),
]
for red in ("mean", "sum", "none"):
    NN_MORE += [
        (f"smooth_l1_loss-{red}", lambda T, x, t, red=red: F(T).smooth_l1_loss(x, t, reduction=red), lambda r: [D(n(r, 3, 4)), C(n(r, 3, 4))]),
        (f"huber_loss-{red}-delta2", lambda T, x, t, red=red: F(T).huber_loss(x, t, reduction=red, delta=2.0),
         lambda r: [D(n(r, 3, 4) * 2), C(n(r, 3, 4))]),
    ]
for name, fn, args in NN_MORE:
    case(name, fn, args)


# Custom autograd.Function, defined once per library.
_CUSTOM = {}


def custom(T):
    if T not in _CUSTOM:
        Function = T.autograd.Function

        class Cube(Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x ** 3

            @staticmethod
            def backward(ctx, grad):
                (x,) = ctx.saved_tensors
                return grad * 3 * x ** 2

        class MulAdd(Function):
            @staticmethod
            def forward(ctx, x, y, alpha):
                ctx.save_for_backward(x, y)
                ctx.alpha = alpha
                return x * y + alpha * x

            @staticmethod
            def backward(ctx, grad):
                x, y = ctx.saved_tensors
                return grad * (y + ctx.alpha), grad * x, None

        class TwoOutputs(Function):
            @staticmethod
            def forward(ctx, x):
                e = x.exp()
                ctx.save_for_backward(e)
                return x * 2, e

            @staticmethod
            def backward(ctx, g1, g2):
                (e,) = ctx.saved_tensors
                return g1 * 2 + g2 * e

        class WithIndices(Function):
            @staticmethod
            def forward(ctx, x):
                idx = x.argmax(1)
                ctx.mark_non_differentiable(idx)
                ctx.save_for_backward(x)
                return x.sin(), idx

            @staticmethod
            def backward(ctx, g, g_idx):
                (x,) = ctx.saved_tensors
                return g * x.cos()

        class SetupContextSquare(Function):
            @staticmethod
            def forward(x, scale):
                return x * x * scale

            @staticmethod
            def setup_context(ctx, inputs, output):
                x, scale = inputs
                ctx.save_for_backward(x)
                ctx.scale = scale

            @staticmethod
            def backward(ctx, grad):
                (x,) = ctx.saved_tensors
                return grad * 2 * x * ctx.scale, None

        class BroadcastMul(Function):
            # Returns unreduced gradients: the engine sums them to the inputs' shapes.
            @staticmethod
            def forward(ctx, x, y):
                ctx.save_for_backward(x, y)
                return x * y

            @staticmethod
            def backward(ctx, grad):
                x, y = ctx.saved_tensors
                return grad * y, grad * x

        _CUSTOM[T] = dict(Cube=Cube, MulAdd=MulAdd, TwoOutputs=TwoOutputs, WithIndices=WithIndices,
                          SetupContextSquare=SetupContextSquare, BroadcastMul=BroadcastMul)
    return _CUSTOM[T]


case("custom-cube", lambda T, x: custom(T)["Cube"].apply(x), X34)
case("custom-cube_composed", lambda T, x: custom(T)["Cube"].apply(x.sin()).sum(0) * 2, X34)
case("custom-two_inputs_and_number", lambda T, x, y: custom(T)["MulAdd"].apply(x, y, 1.5), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))])
case("custom-second_input_constant", lambda T, x, y: custom(T)["MulAdd"].apply(x, y, 1.5), lambda r: [D(n(r, 3, 4)), C(n(r, 3, 4))])
case("custom-two_outputs", lambda T, x: custom(T)["TwoOutputs"].apply(x), X34)
case("custom-two_outputs_one_used", lambda T, x: custom(T)["TwoOutputs"].apply(x)[1] * 3, X34)
case("custom-non_differentiable_output", lambda T, x: custom(T)["WithIndices"].apply(x)[0], X34)
case("custom-setup_context", lambda T, x: custom(T)["SetupContextSquare"].apply(x, 2.5), X34)
case("custom-broadcast_inputs", lambda T, x, y: custom(T)["BroadcastMul"].apply(x, y), lambda r: [D(n(r, 3, 1)), D(n(r, 1, 4))])

# cumprod, diagonals, einsum, lerp, scatter; clamp with a 0-d tensor and a number; the hidden
# add/sub overloads.
_ZEROS = np.array([[2.0, 0.0, 1.5, -1.0], [0.0, 3.0, 0.0, 2.0], [1.2, -0.7, 0.9, 0.0]])
case("cumprod-dim1", lambda T, x: x.cumprod(1), X34)
case("cumprod-dim_negative", lambda T, x: T.cumprod(x, -2), X34)
case("cumprod-with_zeros", lambda T, x: x.cumprod(1), lambda r: [D(_ZEROS.copy())])
case("cumprod-1d_with_zeros", lambda T, x: x.cumprod(0), lambda r: [D(np.array([2.0, 0.0, 0.0, 3.0, -1.5]))])
case("diag-vector", lambda T, v: T.diag(v), lambda r: [D(n(r, 4))])
case("diag-vector_offset", lambda T, v: v.diag(-2), lambda r: [D(n(r, 3))])
case("diag-matrix", lambda T, x: T.diag(x), X34)
case("diag-matrix_offset", lambda T, x: x.diag(1), X34)
case("diagonal-matrix", lambda T, x: x.diagonal(), X34)
case("diagonal-3d_offset", lambda T, x: T.diagonal(x, -1, 2, 0), lambda r: [D(n(r, 3, 2, 4))])
case("diag_embed-batch", lambda T, x: T.diag_embed(x, 1, 0, 2), lambda r: [D(n(r, 2, 3))])
for _eq, _shapes in [
    ("ij,jk->ik", [(2, 3), (3, 4)]), ("i,i->", [(4,), (4,)]), ("ij->ji", [(2, 3)]),
    ("bij,bjk->bik", [(2, 2, 3), (2, 3, 4)]), ("ii->i", [(3, 3)]), ("ij,j->i", [(2, 3), (3,)]),
    ("i,j->ij", [(3,), (2,)]), ("ij->j", [(3, 4)]), ("ij,jk", [(2, 3), (3, 4)]), ("ii", [(3, 3)]),
    ("...ij->...ji", [(2, 2, 3)]), ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]), ("ij,ij->", [(2, 3), (2, 3)]),
    ("bij,bkj->bik", [(2, 2, 3), (2, 4, 3)]),
]:
    case(f"einsum-{_eq.replace('->', '_to_').replace(',', '_').replace('...', 'ell')}",
         lambda T, *ops, eq=_eq: T.einsum(eq, *ops), lambda r, shapes=_shapes: [D(n(r, *s)) for s in shapes])
case("einsum-one_constant_operand", lambda T, a, b: T.einsum("ij,jk->ik", a, b), lambda r: [D(n(r, 2, 3)), C(n(r, 3, 4))])
case("lerp-number_weight_small", lambda T, a, b: T.lerp(a, b, 0.3), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4))])
case("lerp-number_weight_large", lambda T, a, b: a.lerp(b, 0.8), lambda r: [D(n(r, 3, 4)), D(n(r, 4))])
case("lerp-tensor_weight", lambda T, a, b, w: T.lerp(a, b, w), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4)), D(unit(r, 3, 4))])
case("lerp-tensor_weight_broadcast", lambda T, a, b, w: T.lerp(a, b, w), lambda r: [D(n(r, 3, 1)), D(n(r, 4)), D(unit(r, 3, 4))])
case("lerp-0d_weight", lambda T, a, b, w: T.lerp(a, b, w), lambda r: [D(n(r, 3, 4)), D(n(r, 3, 4)), D(unit(r))])
_SCATTER_INDEX = np.array([[2, 0, 1, 3], [0, 1, 3, 2]])  # no place written twice within a row
case("scatter-src", lambda T, x, i, s: x.scatter(1, i, s), lambda r: [D(n(r, 2, 4)), C(_SCATTER_INDEX), D(n(r, 2, 4))])
case("scatter-src_partial", lambda T, x, i, s: T.scatter(x, 1, i, s),
     lambda r: [D(n(r, 2, 4)), C(_SCATTER_INDEX[:, :2]), D(n(r, 2, 2))])
case("scatter-value", lambda T, x, i: x.scatter(1, i, 2.5), lambda r: [D(n(r, 2, 4)), C(_SCATTER_INDEX[:, :2])])
case("scatter_add-repeated_places", lambda T, x, i, s: x.scatter_add(0, i, s),
     lambda r: [D(n(r, 3, 2)), C(np.array([[0, 2], [0, 2], [1, 0]])), D(n(r, 3, 2))])
case("clamp-0d_tensor_and_number", lambda T, a: T.clamp(a, T.tensor(-0.5, dtype=T.float64), 0.5),
     lambda r: [D(outside(r, 3, 4))])
case("subtract-number_other_and_alpha", lambda T, a: T.subtract(a, 1.5, 2), X34)
case("sub-number_input", lambda T, a: T.sub(1.5, a, alpha=2), X34)
case("rsub-tensors_alpha", lambda T, a, b: T.rsub(a, b, alpha=3), lambda r: [D(n(r, 3, 4)), D(n(r, 4))])
case("rsub-number_alpha", lambda T, a: T.rsub(a, 2.0, 3), X34)

# PyTorch 2.13's own gradcheck and gradgradcheck pass on every case above with these inputs
# (checked when the cases were written), so every case is also a gradgradcheck case. A case
# PyTorch cannot differentiate twice would be added with gg=False.

_ids = [c.id for c in CASES]
assert len(_ids) == len(set(_ids)), [i for i in _ids if _ids.count(i) > 1]


# -- running a case -----------------------------------------------------------------------------
def _seed(case_id, salt=""):
    return zlib.crc32((case_id + salt).encode())


def _build(T, case):
    """The case's arguments as ``T`` tensors; returns (all args, the differentiable ones)."""
    raw = case.args(np.random.default_rng(_seed(case.id)))
    args, diff = [], []
    for a in raw:
        if isinstance(a, D):
            t = T.from_numpy(np.array(a.value, dtype=np.float64)).requires_grad_()
            diff.append(t)
            args.append(t)
        elif isinstance(a, C):
            args.append(T.from_numpy(np.array(a.value)))
        else:
            args.append(a)
    return args, diff


def _closure(T, case, args):
    """A function of the differentiable args only (the constants stay bound)."""
    slots = [i for i, a in enumerate(args) if isinstance(a, T.Tensor) and a.requires_grad]

    def fn(*diff):
        full = list(args)
        for i, t in zip(slots, diff):
            full[i] = t
        return case.fn(T, *full)

    return fn


def _outputs(out):
    return tuple(out) if isinstance(out, (tuple, list)) else (out,)


def _np(t):
    return t.detach().numpy(force=True)


ids = [c.id for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_gradcheck(case):
    args, diff = _build(autograd_lab, case)
    assert gradcheck(_closure(autograd_lab, case, args), tuple(diff), eps=1e-6, atol=1e-5, rtol=1e-3)


GG_CASES = [c for c in CASES if c.gg]


@pytest.mark.parametrize("case", GG_CASES, ids=[c.id for c in GG_CASES])
def test_gradgradcheck(case):
    args, diff = _build(autograd_lab, case)
    assert gradgradcheck(_closure(autograd_lab, case, args), tuple(diff), eps=1e-6, atol=1e-5, rtol=1e-3)


def _grad_outputs(T, case, outs):
    rng = np.random.default_rng(_seed(case.id, "grad_outputs"))
    return [T.from_numpy(rng.standard_normal(tuple(o.shape))) for o in outs]


def _first_order(T, case):
    """Outputs and input gradients after ``autograd.backward(outputs, random grad_outputs)``."""
    args, diff = _build(T, case)
    outs = _outputs(case.fn(T, *args))
    diff_outs = [o for o in outs if isinstance(o, T.Tensor) and o.requires_grad]
    T.autograd.backward(diff_outs, _grad_outputs(T, case, diff_outs))
    return [_np(o) for o in outs if isinstance(o, T.Tensor)], [None if t.grad is None else _np(t.grad) for t in diff]


def _assert_same(lab, ref, what):
    assert len(lab) == len(ref), f"{what}: {len(lab)} values, PyTorch has {len(ref)}"
    for i, (a, b) in enumerate(zip(lab, ref)):
        if b is None or a is None:
            assert a is None and b is None, f"{what} {i}: autograd_lab {a!r}, PyTorch {b!r}"
            continue
        assert a.shape == b.shape, f"{what} {i}: shape {a.shape}, PyTorch {b.shape}"
        assert a.dtype == b.dtype, f"{what} {i}: dtype {a.dtype}, PyTorch {b.dtype}"
        np.testing.assert_allclose(a, b, rtol=RTOL, atol=ATOL, err_msg=f"{what} {i}")


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_grads_match_torch(case):
    torch = pytest.importorskip("torch")
    lab_out, lab_grads = _first_order(autograd_lab, case)
    ref_out, ref_grads = _first_order(torch, case)
    _assert_same(lab_out, ref_out, "output")
    _assert_same(lab_grads, ref_grads, "grad of input")


def _second_order(T, case):
    """The gradient of sum(grad_i * v_i) over the first-order grads, w.r.t. every input."""
    args, diff = _build(T, case)
    outs = [o for o in _outputs(case.fn(T, *args)) if isinstance(o, T.Tensor) and o.requires_grad]
    grads = T.autograd.grad(outs, diff, _grad_outputs(T, case, outs), create_graph=True, allow_unused=True)
    rng = np.random.default_rng(_seed(case.id, "v"))
    total = None
    for g in grads:
        if g is None:
            continue
        v = T.from_numpy(rng.standard_normal(tuple(g.shape)))
        if g.requires_grad:
            term = (g * v).sum()
            total = term if total is None else total + term
    if total is None:
        return [np.zeros(tuple(t.shape)) for t in diff]
    second = T.autograd.grad(total, diff, allow_unused=True)
    return [np.zeros(tuple(t.shape)) if s is None else _np(s) for t, s in zip(diff, second)]


@pytest.mark.parametrize("case", GG_CASES, ids=[c.id for c in GG_CASES])
def test_double_backward_matches_torch(case):
    torch = pytest.importorskip("torch")
    _assert_same(_second_order(autograd_lab, case), _second_order(torch, case), "second derivative for input")


# -- gradcheck itself ----------------------------------------------------------------------------
def _wrong_backward_function():
    class WrongSquare(autograd_lab.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * x  # should be 2 * x

    return WrongSquare


def test_gradcheck_rejects_a_wrong_backward():
    x = autograd_lab.tensor([0.5, -1.5, 2.0], dtype=autograd_lab.float64, requires_grad=True)
    with pytest.raises(RuntimeError, match="Jacobian mismatch for output 0 with respect to input 0"):
        gradcheck(_wrong_backward_function().apply, (x,))


def test_gradcheck_returns_false_for_a_wrong_backward_without_raise_exception():
    x = autograd_lab.tensor([0.5, -1.5, 2.0], dtype=autograd_lab.float64, requires_grad=True)
    assert gradcheck(_wrong_backward_function().apply, (x,), raise_exception=False) is False


def test_gradcheck_needs_an_input_that_requires_grad():
    x = autograd_lab.tensor([0.5, -1.5], dtype=autograd_lab.float64)
    with pytest.raises(ValueError, match="gradcheck expects at least one input tensor to require gradient"):
        gradcheck(lambda a: a * 2, (x,))
