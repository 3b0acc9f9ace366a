"""Solving with matrices (``torch.linalg``): triangular and general solves, the inverse, determinants
and the cross product, with what the linear algebra files share (PyTorch's LinAlgError, named results,
warnings given once). Each forward is numpy.linalg or a few lines of substitution or elimination;
each derivative, beside it, is written with differentiable ops.

Notation in the docstrings: ``A^-T`` is the inverse of A transposed, ``gX`` the gradient arriving
for an output X.
"""
import warnings

import numpy as np

from .._dtype import scalar_type_name
from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward, plus
from ._support import wrap_dim
from .clamp import where
from .linalg import matmul
from .selection import tril, triu


class _LinAlgError(RuntimeError):
    """What PyTorch raises when a factorization fails (``torch.linalg.LinAlgError``)."""


# -- solving triangular systems ---------------------------------------------------------------
class SolveTriangular(Function):
    """X = A^-1 B for triangular A (``left=False``: X = B A^-1), by substitution.

    Derivative: gB = A^-T gX (a triangular solve with the transposed A); gA = -gB X^T, kept to
    A's triangle (``left=False``: gB = gX A^-T, gA = -X^T gB).
    """

    node_name = "LinalgSolveTriangularBackward0"
    raw = True
    saved_names = ("self", "result")
    saved_values = ("upper", "left", "unitriangular")

    @staticmethod
    def forward(a, b, upper, left, unitriangular):
        if not left:  # X A = B  <=>  A^T X^T = B^T
            return np.swapaxes(_substitute(np.swapaxes(a, -1, -2), np.swapaxes(b, -1, -2), not upper, unitriangular), -1, -2)
        return _substitute(a, b, upper, unitriangular)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, _, ctx.upper, ctx.left, ctx.unitriangular = inputs
        ctx.save_for_backward(a, output)

    @staticmethod
    def backward(ctx, grad):
        a, x = ctx.saved_tensors
        upper, left, unit = ctx.upper, ctx.left, ctx.unitriangular
        grad_b = solve_triangular(a.mT, grad, upper=not upper, left=left, unitriangular=unit)
        grad_a = -matmul(grad_b, x.mT) if left else -matmul(x.mT, grad_b)
        keep = 1 if unit else 0  # a unit diagonal is not read, so it gets no gradient
        grad_a = triu(grad_a, keep) if upper else tril(grad_a, -keep)
        return grad_a, grad_b, None, None, None

    jvp = staticmethod(jvp_from_backward)


def _substitute(a, b, upper, unit):
    """Solve A X = B row by row: x_i = (b_i - sum_j a_ij x_j) / a_ii, j over rows already solved
    (those after i for an upper A, before i for a lower one)."""
    shape = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    a = np.broadcast_to(a, shape + a.shape[-2:])
    x = np.array(np.broadcast_to(b, shape + b.shape[-2:]), dtype=np.result_type(a, b))
    n = a.shape[-1]
    for i in (range(n - 1, -1, -1) if upper else range(n)):
        done = slice(i + 1, n) if upper else slice(0, i)
        x[..., i, :] -= (a[..., i:i + 1, done] @ x[..., done, :])[..., 0, :]
        if not unit:
            x[..., i, :] /= a[..., i, i, None]
    return x


class TriangularSolve(Function):
    """``torch.triangular_solve(b, A)`` (deprecated): X = A^-1 B (A^-T B with ``transpose``), and
    a copy of A. Derivative as ``SolveTriangular``'s."""

    node_name = "TriangularSolveBackward0"
    raw = True
    saved_names = ("self", "A", "solution")
    saved_values = ("upper", "transpose", "unitriangular")
    non_differentiable_outputs = ()

    @staticmethod
    def forward(b, a, upper, transpose, unitriangular):
        t = np.swapaxes(a, -1, -2) if transpose else a
        solution = _substitute(t, b, upper != transpose, unitriangular)
        shape = np.broadcast_shapes(a.shape[:-2], b.shape[:-2]) + a.shape[-2:]
        return solution, np.array(np.broadcast_to(a, shape))

    @staticmethod
    def setup_context(ctx, inputs, output):
        b, a, ctx.upper, ctx.transpose, ctx.unitriangular = inputs
        ctx.save_for_backward(b, a, output[0])

    @staticmethod
    def backward(ctx, grad_x, grad_copy):
        _, a, x = ctx.saved_tensors
        t = a.mT if ctx.transpose else a
        upper = ctx.upper != ctx.transpose
        grad_b = solve_triangular(t.mT, grad_x, upper=not upper, unitriangular=ctx.unitriangular)
        grad_t = -matmul(grad_b, x.mT)
        grad_a = grad_t.mT if ctx.transpose else grad_t
        keep = 1 if ctx.unitriangular else 0
        grad_a = triu(grad_a, keep) if ctx.upper else tril(grad_a, -keep)
        if grad_copy is not None:
            grad_a = grad_a + grad_copy
        return grad_b, grad_a, None, None, None

    jvp = staticmethod(jvp_from_backward)


# -- general solves, inverse, determinants ------------------------------------------------------
class Solve(Function):
    """X = A^-1 B. Derivative: gB = A^-T gX, gA = -gB X^T (for a vector B, the outer product)."""

    node_name = "LinalgSolveExBackward0"
    raw = True
    saved_names = ("A", "result")
    saved_values = ("left",)

    @staticmethod
    def forward(a, b):
        vector = b.ndim == 1
        try:
            x = np.linalg.solve(a, b[..., None] if vector else b)
        except np.linalg.LinAlgError:
            raise _LinAlgError("torch.linalg.solve: The solver failed because the input matrix is singular.") from None
        return x[..., 0] if vector else x

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.left = True
        ctx.save_for_backward(inputs[0], output)

    @staticmethod
    def backward(ctx, grad):
        a, x = ctx.saved_tensors
        grad_b = solve(a.mT, grad)
        if x.dim() == 1:
            return -grad_b.unsqueeze(-1) * x.unsqueeze(-2), grad_b
        return -matmul(grad_b, x.mT), grad_b

    jvp = staticmethod(jvp_from_backward)


class Inverse(Function):
    """Y = A^-1. Derivative: gA = -Y^T gY Y^T."""

    node_name = "LinalgInvExBackward0"
    raw = True
    saved_names = ("inverse",)

    @staticmethod
    def forward(a):
        try:
            return np.linalg.inv(a)
        except np.linalg.LinAlgError:
            raise _LinAlgError(
                f"linalg.inv: The diagonal element {_first_zero_pivot(a)} is zero, the inversion could not be "
                "completed because the input matrix is singular."
            ) from None

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)

    @staticmethod
    def backward(ctx, grad):
        (inv_a,) = ctx.saved_tensors
        return -matmul(inv_a.mT, matmul(grad, inv_a.mT))

    @staticmethod
    def jvp(ctx, ta):  # dY = -Y dA Y
        return -matmul(ctx.output, matmul(ta, ctx.output))


def _first_zero_pivot(a):
    """The 1-based position of the first zero pivot (LAPACK's info), in the first singular matrix."""
    diagonal, _ = _lu_diagonal(a)
    zero = (diagonal == 0).reshape(-1, diagonal.shape[-1])
    return int(np.argmax(zero[zero.any(-1)][0])) + 1


def _lu_diagonal(a):
    """The diagonal of U in A = P L U (Gaussian elimination, the largest pivot of each column moved
    up, as LAPACK's getrf) and the sign of the row permutation P: det A = sign * prod diag(U)."""
    u = np.array(a, dtype=a.dtype)
    n = u.shape[-1]
    sign = np.ones(u.shape[:-2], a.dtype)
    for k in range(n - 1):
        p = k + np.argmax(np.abs(u[..., k:, k]), axis=-1)
        rows_k = np.take_along_axis(u, np.full(p.shape + (1, 1), k), -2)
        rows_p = np.take_along_axis(u, p[..., None, None], -2)
        np.put_along_axis(u, p[..., None, None], rows_k, -2)
        np.put_along_axis(u, np.full(p.shape + (1, 1), k), rows_p, -2)
        sign = np.where(p != k, -sign, sign)
        pivot = u[..., k, k, None]
        factors = np.divide(u[..., k + 1:, k], pivot, out=np.zeros_like(u[..., k + 1:, k]), where=pivot != 0)
        u[..., k + 1:, k:] -= factors[..., None] * u[..., k, None, k:]
    return np.diagonal(u, axis1=-2, axis2=-1), sign


class Det(Function):
    """d = det(A). Derivative: gA = g d A^-T."""

    node_name = "LinalgDetBackward0"
    raw = True
    saved_names = ("A", "result")

    @staticmethod
    def forward(a):
        # The product of U's diagonal (so a singular matrix can give -0., as in PyTorch), in double
        # precision: MKL's float32 LU rounds its own way, and this agrees with it more often than
        # float32 elimination does (about 3 times in 5 on small matrices; the last digit may differ).
        diagonal, sign = _lu_diagonal(a.astype(np.float64))
        return np.asarray(diagonal.prod(-1) * sign, a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], output)

    @staticmethod
    def backward(ctx, grad):
        a, d = ctx.saved_tensors
        return (grad * d).unsqueeze(-1).unsqueeze(-1) * inverse(a).mT

    @staticmethod
    def jvp(ctx, ta):  # dd = d tr(A^-1 dA)
        return ctx.output * (inverse(ctx.inputs[0]).mT * ta).sum((-2, -1))


class Slogdet(Function):
    """(sign, log|det A|). Derivative: gA = g_logabsdet A^-T (the sign has none)."""

    node_name = "LinalgSlogdetBackward0"
    raw = True
    saved_names = ("A", "sign")

    @staticmethod
    def forward(a):
        sign, logabsdet = np.linalg.slogdet(a)
        return np.asarray(sign, a.dtype), np.asarray(logabsdet, a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], output[0])

    @staticmethod
    def backward(ctx, grad_sign, grad_logabsdet):
        a, _ = ctx.saved_tensors
        return grad_logabsdet.unsqueeze(-1).unsqueeze(-1) * inverse(a).mT

    @staticmethod
    def jvp(ctx, ta):  # d log|det A| = tr(A^-1 dA); the sign is constant
        return ctx.output[0].new_zeros(ctx.output[0].shape), (inverse(ctx.inputs[0]).mT * ta).sum((-2, -1))


# -- cross product -----------------------------------------------------------------------------
class Cross(Function):
    """c = a x b along ``dim``. Derivative: ga = b x gc, gb = gc x a."""

    node_name = "LinalgCrossBackward0"
    raw = True
    saved_names = ("self", "other")
    saved_values = ("dim",)

    @staticmethod
    def forward(a, b, dim):
        return np.cross(a, b, axis=dim)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, b, ctx.dim = inputs
        ctx.save_for_backward(a, b)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return linalg_cross(b, grad, dim=ctx.dim), linalg_cross(grad, a, dim=ctx.dim), None

    @staticmethod
    def jvp(ctx, ta, tb, _):  # bilinear: da x b + a x db
        a, b, dim = ctx.inputs
        return plus(None if ta is None else Cross.apply(ta, b, dim), None if tb is None else Cross.apply(a, tb, dim))


class _Named(tuple):
    """A tuple with named fields printed as PyTorch prints ``torch.return_types.linalg_svd(U=..., ...)``."""

    _name, _fields = "", ()

    def __new__(cls, values):
        return tuple.__new__(cls, values)

    def __getattr__(self, field):
        if field in type(self)._fields:
            return self[type(self)._fields.index(field)]
        raise AttributeError(f"'torch.return_types.{self._name}' object has no attribute '{field}'")

    def __repr__(self):
        parts = ",\n".join(f"{f}={v!r}" for f, v in zip(self._fields, self))
        return f"torch.return_types.{self._name}(\n{parts})"


class _results:
    linalg_svd = type("linalg_svd", (_Named,), {"_name": "linalg_svd", "_fields": ("U", "S", "Vh")})
    svd = type("svd", (_Named,), {"_name": "svd", "_fields": ("U", "S", "V")})
    linalg_slogdet = type("linalg_slogdet", (_Named,), {"_name": "linalg_slogdet", "_fields": ("sign", "logabsdet")})
    slogdet = type("slogdet", (_Named,), {"_name": "slogdet", "_fields": ("sign", "logabsdet")})
    linalg_qr = type("linalg_qr", (_Named,), {"_name": "linalg_qr", "_fields": ("Q", "R")})
    qr = type("qr", (_Named,), {"_name": "qr", "_fields": ("Q", "R")})
    linalg_eigh = type("linalg_eigh", (_Named,), {"_name": "linalg_eigh", "_fields": ("eigenvalues", "eigenvectors")})
    triangular_solve = type("triangular_solve", (_Named,),
                            {"_name": "triangular_solve", "_fields": ("solution", "cloned_coefficient")})


# == torch.linalg.* and torch.* =================================================================
def _check_float(a, name):
    if a._data.dtype.kind not in "fc":
        raise RuntimeError(f"{name}: Expected a floating point or complex tensor as input. Got {scalar_type_name(a._data.dtype)}")


def _check_square(a, name):
    if a._data.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor A must have at least 2 dimensions.")
    rows, cols = a._data.shape[-2:]
    if rows != cols:
        raise RuntimeError(f"{name}: A must be batches of square matrices, but they are {rows} by {cols} matrices")


_TRIANGULAR_SOLVE_DEPRECATED = (
    "torch.triangular_solve is deprecated in favor of torch.linalg.solve_triangularand will be removed in a "
    "future PyTorch release.\ntorch.linalg.solve_triangular has its arguments reversed and does not return a "
    "copy of one of the inputs.\nX = torch.triangular_solve(B, A).solution\nshould be replaced with\n"
    "X = torch.linalg.solve_triangular(A, B). (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:2273.)"
)


_warned = set()


def _warn_once(message):
    # PyTorch's TORCH_WARN_ONCE: the first call in the process only. (stacklevel: this function,
    # the torch.* function, the argument checker's wrapper around it, then the caller's line.)
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, UserWarning, stacklevel=4)


def solve_triangular(A, B, *, upper, left=True, unitriangular=False):
    """``torch.linalg.solve_triangular(A, B, upper=False)``: X with A X = B (``left=False``: X A = B)."""
    return SolveTriangular.apply(A, B, bool(upper), bool(left), bool(unitriangular))


def triangular_solve(b, A, upper=True, transpose=False, unitriangular=False):
    """``torch.triangular_solve(b, A)`` (deprecated): ``(solution, cloned_coefficient)``."""
    _warn_once(_TRIANGULAR_SOLVE_DEPRECATED)
    x, a = TriangularSolve.apply(b, A, bool(upper), bool(transpose), bool(unitriangular))
    return _results.triangular_solve((x, a))


def solve(A, B, *, left=True):
    """``torch.linalg.solve(A, B)``: X with A X = B."""
    _check_square(A, "linalg.solve")
    if not left:
        return solve(A.mT, B.mT).mT
    return Solve.apply(A, B)


def inv(A):
    """``torch.linalg.inv(A)`` (also ``torch.inverse``)."""
    _check_square(A, "linalg.inv")
    return Inverse.apply(A)


inverse = inv


def det(A):
    """``torch.linalg.det(A)`` (also ``torch.det``)."""
    _check_square(A, "linalg.det")
    return Det.apply(A)


def slogdet(A):
    """``torch.linalg.slogdet(A)``: ``(sign, logabsdet)`` with det A = sign * exp(logabsdet)."""
    _check_square(A, "linalg.slogdet")
    return _results.linalg_slogdet(Slogdet.apply(A))


def slogdet_old(A):
    """``torch.slogdet(A)``: the same pair, under its older name."""
    _check_square(A, "linalg.slogdet")
    return _results.slogdet(Slogdet.apply(A))


def logdet(A):
    """``torch.logdet(A)``: log det A, nan when the determinant is negative."""
    sign, logabsdet = Slogdet.apply(A)
    return where(sign == -1, float("nan"), logabsdet)


def linalg_cross(input, other, *, dim=-1):
    """``torch.linalg.cross(a, b)``: the cross product along ``dim`` (of length 3)."""
    if input._data.ndim != other._data.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    nd = input._data.ndim
    d = wrap_dim(dim, nd)
    la, lb = _length_at(input, d - nd), _length_at(other, d - nd)
    if la != 3 or lb != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got {la} and {lb}")
    return Cross.apply(input, other, d - nd)


def _length_at(t, dim):
    shape = t._data.shape
    return shape[dim] if -len(shape) <= dim else 1


_CROSS_NO_DIM = (
    "Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass the dim explicitly or "
    "simply use torch.linalg.cross.\nThe default value of dim will change to agree with that of linalg.cross in a "
    "future release. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/Cross.cpp:63.)"
)


def cross(input, other, dim=None):
    """``torch.cross(a, b, dim)``: without ``dim``, the first dim of length 3 (deprecated)."""
    if dim is None:
        _warn_once(_CROSS_NO_DIM)
        dim = next((i for i, n in enumerate(input._data.shape) if n == 3), -1)
    return linalg_cross(input, other, dim=dim)
