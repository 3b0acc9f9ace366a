"""Matrix decompositions and solves (``torch.linalg``): Cholesky, triangular and general solves,
inverse, determinants, SVD and the cross product. Each forward is numpy.linalg (or a few lines of
substitution); each derivative, beside it, is written with differentiable ops, so second
derivatives come for free.

Notation in the docstrings: ``A^-T`` is the inverse of A transposed, ``gX`` the gradient arriving
for an output X.
"""
import warnings

import numpy as np

from .._dtype import scalar_type_name
from ._support import wrap_dim
from ..autograd.function import Function
from .join_split import cat
from .linalg import matmul
from .selection import diag_embed, diagonal, tril, triu
from .clamp import where
from ..creation import ones_like


class _LinAlgError(RuntimeError):
    """What PyTorch raises when a factorization fails (``torch.linalg.LinAlgError``)."""


# -- Cholesky ---------------------------------------------------------------------------------
class Cholesky(Function):
    """L = cholesky(A), the lower triangle with A = L L^T.

    Derivative: with P = L^T gL, keep its lower triangle and make it symmetric with half its
    diagonal, S = (tril(P) + tril(P, -1)^T) / 2; then gA = L^-T S L^-1 (two triangular solves).
    """

    node_name = "LinalgCholeskyExBackward0"
    raw = True
    saved_names = ("L",)
    saved_values = ("upper",)

    @staticmethod
    def forward(a, upper):
        lower = _cholesky_lower(a, "linalg.cholesky")
        return np.ascontiguousarray(np.swapaxes(lower, -1, -2)) if upper else lower

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.upper = inputs[1]
        ctx.save_for_backward(output)

    @staticmethod
    def backward(ctx, grad):
        (factor,) = ctx.saved_tensors
        return cholesky_backward(grad, factor, ctx.upper), None


def cholesky_backward(grad, factor, upper):
    L, gL = (factor.mT, grad.mT) if upper else (factor, grad)
    P = tril(matmul(L.mT, gL))
    S = 0.5 * (P + tril(P, -1).mT)
    X = solve_triangular(L.mT, S, upper=True)  # L^-T S
    return solve_triangular(L, X, upper=False, left=False)  # (L^-T S) L^-1


class CholeskyInverse(Function):
    """Y = (L L^T)^-1 from a Cholesky factor L (``upper``: (U^T U)^-1).

    Derivative: with G2 = Y (gY + gY^T) Y, gL = -G2 L (``upper``: gU = -U G2).
    """

    node_name = "CholeskyInverseBackward0"
    raw = True
    saved_names = ("self", "result")
    saved_values = ("upper",)

    @staticmethod
    def forward(factor, upper):
        L = np.swapaxes(factor, -1, -2) if upper else factor
        L_inv = _substitute(L, np.broadcast_to(np.eye(L.shape[-1], dtype=L.dtype), L.shape), False, False)
        return np.swapaxes(L_inv, -1, -2) @ L_inv

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.upper = inputs[1]
        ctx.save_for_backward(inputs[0], output)

    @staticmethod
    def backward(ctx, grad):
        factor, y = ctx.saved_tensors
        g2 = matmul(y, matmul(grad + grad.mT, y))
        return (-matmul(factor, g2) if ctx.upper else -matmul(g2, factor)), None


class CholeskyOld(Cholesky):
    """``torch.cholesky`` (deprecated): the same factor, its own node name."""

    node_name = "CholeskyBackward0"
    saved_names = ("result",)


def _cholesky_lower(a, name):
    try:
        return np.linalg.cholesky(a)
    except np.linalg.LinAlgError:
        pass
    # PyTorch says which matrix of a batch failed and at which leading minor.
    batch = a.reshape((-1,) + a.shape[-2:])
    for b, matrix in enumerate(batch):
        for order in range(1, a.shape[-1] + 1):
            try:
                np.linalg.cholesky(matrix[:order, :order])
            except np.linalg.LinAlgError:
                where_ = f"(Batch element {b}): " if a.ndim > 2 else ""
                raise _LinAlgError(
                    f"{name}: {where_}The factorization could not be completed because the input is not "
                    f"positive-definite (the leading minor of order {order} is not positive-definite)."
                ) from None
    raise _LinAlgError(f"{name}: The factorization could not be completed.")


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


# -- singular value decomposition ---------------------------------------------------------------
class Svd(Function):
    """A = U diag(S) Vh. Each pair of singular vectors is defined up to a sign; tall and square
    matrices get PyTorch's signs, but a matrix with many more columns than rows (n >= 11m/6)
    may get the opposite sign of PyTorch's in a pair (numpy's LAPACK takes an LQ step there
    that MKL does not). S, U diag(S) Vh and the gradients of sign-free losses agree anyway.

    Derivative (k singular values, F_ij = 1 / (s_j^2 - s_i^2) off the diagonal, 0 on it,
    J = U^T gU, K = Vh gVh^T):
    gA = U [(F * (J - J^T)) S + diag(gS) + S (F * (K - K^T))] Vh
         + (I - U U^T) gU S^-1 Vh + U S^-1 gVh (I - V V^T),
    the last two terms only when A is not square.
    """

    node_name = "LinalgSvdBackward0"
    raw = True
    saved_names = ("U", "S", "Vh")
    saved_values = ("full_matrices",)

    @staticmethod
    def forward(a, full_matrices):
        m, n = a.shape[-2:]
        if m <= n:
            return tuple(np.linalg.svd(a, full_matrices=full_matrices))
        # A tall matrix: A = QR first, then R's SVD, so U = Q U_R. (MKL, under PyTorch, does this
        # and so picks the same signs; numpy's LAPACK goes straight at A for nearly square ones.)
        q, r = np.linalg.qr(a, mode="complete" if full_matrices else "reduced")
        u_r, s, vh = np.linalg.svd(r[..., :n, :])
        u = q.copy()
        u[..., :n] = q[..., :n] @ u_r
        return u, s, vh

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.full_matrices = inputs[1]
        ctx.save_for_backward(*output)

    @staticmethod
    def backward(ctx, gU, gS, gVh):
        U, S, Vh = ctx.saved_tensors
        return svd_backward(gU, gS, gVh, U, S, Vh), None


def svd_backward(gU, gS, gVh, U, S, Vh):
    k = S.shape[-1]
    m, n = U.shape[-2], Vh.shape[-1]
    U, Vh = U[..., :k], Vh[..., :k, :]  # (full_matrices: the extra columns get no gradient)
    gU = gU[..., :k] if gU is not None else None
    gVh = gVh[..., :k, :] if gVh is not None else None
    if gU is None and gVh is None:
        return matmul(U * gS.unsqueeze(-2), Vh)
    s_row, s_col = S.unsqueeze(-2), S.unsqueeze(-1)
    gap = s_row * s_row - s_col * s_col  # s_j^2 - s_i^2
    gap = gap + diag_embed(ones_like(S))  # (1 on the diagonal; those entries are 0 anyway)
    inner = 0
    if gU is not None:
        J = matmul(U.mT, gU)
        inner = inner + (J - J.mT) * s_row / gap
    if gVh is not None:
        K = matmul(Vh, gVh.mT)
        inner = inner + s_col * (K - K.mT) / gap
    if gS is not None:
        inner = inner + diag_embed(gS)
    grad = matmul(matmul(U, inner), Vh)
    if gU is not None and m > k:
        gU_sinv = gU / s_row
        grad = grad + matmul(gU_sinv - matmul(U, matmul(U.mT, gU_sinv)), Vh)
    if gVh is not None and n > k:
        sinv_gVh = gVh / s_col
        grad = grad + matmul(U, sinv_gVh - matmul(matmul(sinv_gVh, Vh.mT), Vh))
    return grad


# -- QR decomposition ---------------------------------------------------------------------------
class Qr(Function):
    """A = Q R, Q with orthonormal columns, R upper triangular (numpy's Householder QR is LAPACK's,
    as PyTorch's, so the signs agree).

    Derivative (A with at least as many rows as columns): with M = R gR^T - gQ^T Q made symmetric
    from its lower triangle, S = tril(M) + tril(M, -1)^T, gA = (gQ + Q S) R^-T. A wide A = Q [X Y]
    is split: Y's part is Q gR_Y, and Y gR_Y^T is added to gQ for the square part X.
    """

    node_name = "LinalgQrBackward0"
    raw = True
    saved_names = ("Q", "R")
    saved_values = ("mode",)

    @staticmethod
    def forward(a, mode):
        q, r = np.linalg.qr(a, mode="complete" if mode == "complete" else "reduced")
        if mode == "r":
            return np.empty((0,), a.dtype), r
        return q, r

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.mode = inputs[1]
        ctx.save_for_backward(*output)

    @staticmethod
    def backward(ctx, gQ, gR):
        if ctx.mode == "r":
            raise RuntimeError(
                "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use "
                "linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr."
            )
        Q, R = ctx.saved_tensors
        m, n = Q.shape[-2], R.shape[-1]
        if ctx.mode == "complete" and m > n:
            raise RuntimeError("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.")
        if m >= n:
            return _qr_square_backward(gQ, gR, Q, R), None
        X_R, gR_X = R[..., :m], gR[..., :m]
        Y, gR_Y = matmul(Q, R[..., m:]), gR[..., m:]
        gX = _qr_square_backward(gQ + matmul(Y, gR_Y.mT), gR_X, Q, X_R)
        return cat([gX, matmul(Q, gR_Y)], -1), None


def _qr_square_backward(gQ, gR, Q, R):
    M = matmul(R, gR.mT) - matmul(gQ.mT, Q)
    S = tril(M) + tril(M, -1).mT
    return solve_triangular(R.mT, gQ + matmul(Q, S), upper=False, left=False)  # (gQ + Q S) R^-T


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


def cholesky(input, *, upper=False):
    """``torch.linalg.cholesky(A)``: the lower-triangular L with A = L L^T (``upper=True``: L^T).

    >>> torch.linalg.cholesky(torch.tensor([[4., 2.], [2., 3.]]))
    tensor([[2.0000, 0.0000],
            [1.0000, 1.4142]])
    """
    _check_square(input, "linalg.cholesky")
    _check_float(input, "linalg.cholesky")
    return Cholesky.apply(input, bool(upper))


_CHOLESKY_DEPRECATED = (
    "torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a future PyTorch "
    "release.\nL = torch.cholesky(A)\nshould be replaced with\nL = torch.linalg.cholesky(A)\nand\n"
    "U = torch.cholesky(A, upper=True)\nshould be replaced with\nU = torch.linalg.cholesky(A).mH\n"
    "This transform will produce equivalent results for all valid (symmetric positive definite) inputs. "
    "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:1765.)"
)
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


def cholesky_deprecated(input, upper=False):
    """``torch.cholesky(A)``: deprecated (with PyTorch's warning) for ``torch.linalg.cholesky``."""
    _warn_once(_CHOLESKY_DEPRECATED)
    _check_square(input, "cholesky")
    _check_float(input, "cholesky")
    return CholeskyOld.apply(input, bool(upper))


def cholesky_inverse(L, upper=False):
    """``torch.cholesky_inverse(L)``: the inverse of L L^T (``upper=True``: of U^T U)."""
    return CholeskyInverse.apply(L, bool(upper))


def solve_triangular(A, B, *, upper, left=True, unitriangular=False):
    """``torch.linalg.solve_triangular(A, B, upper=False)``: X with A X = B (``left=False``: X A = B)."""
    return SolveTriangular.apply(A, B, bool(upper), bool(left), bool(unitriangular))


def triangular_solve(b, A, upper=True, transpose=False, unitriangular=False):
    """``torch.triangular_solve(b, A)`` (deprecated): ``(solution, cloned_coefficient)``."""
    _warn_once(_TRIANGULAR_SOLVE_DEPRECATED)
    x, a = TriangularSolve.apply(b, A, bool(upper), bool(transpose), bool(unitriangular))
    return _results.triangular_solve((x, a))


def qr(A, mode="reduced"):
    """``torch.linalg.qr(A)``: ``(Q, R)`` with A = Q R; ``mode`` 'reduced', 'complete' or 'r' (R only)."""
    if A._data.ndim < 2:
        raise RuntimeError("linalg.qr: The input tensor A must have at least 2 dimensions.")
    if mode not in ("reduced", "complete", "r"):
        raise RuntimeError(f"qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), 'r', "
                           "or 'complete'")
    return _results.linalg_qr(Qr.apply(A, mode))


_QR_DEPRECATED = (
    "torch.qr is deprecated in favor of torch.linalg.qr and will be removed in a future PyTorch release.\n"
    "The boolean parameter 'some' has been replaced with a string parameter 'mode'.\nQ, R = torch.qr(A, some)\n"
    "should be replaced with\nQ, R = torch.linalg.qr(A, 'reduced' if some else 'complete') (Triggered internally "
    "at /__w/pytorch/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:2505.)"
)


def qr_deprecated(input, some=True):
    """``torch.qr(A, some=True)`` (deprecated): ``torch.linalg.qr`` with mode 'reduced' or 'complete'."""
    _warn_once(_QR_DEPRECATED)
    return _results.qr(qr(input, "reduced" if some else "complete"))


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


def svd(A, full_matrices=True, *, driver=None):
    """``torch.linalg.svd(A)``: ``(U, S, Vh)`` with A = U diag(S) Vh."""
    return _results.linalg_svd(Svd.apply(A, bool(full_matrices)))


def svd_old(input, some=True, compute_uv=True):
    """``torch.svd(A)``: ``(U, S, V)``, V not transposed (reduced unless ``some=False``)."""
    U, S, Vh = Svd.apply(input, not some)
    if not compute_uv:
        U, Vh = U.detach().zero_(), Vh.detach().zero_()
    return _results.svd((U, S, Vh.mT))


def svdvals(A, *, driver=None):
    """``torch.linalg.svdvals(A)``: the singular values, largest first."""
    return Svd.apply(A, False)[1]


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


# -- norms -------------------------------------------------------------------------------------
def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):
    """``torch.linalg.vector_norm(x, ord)``: (sum |x_i|^ord)^(1/ord) over ``dim`` (all by default)."""
    return x.norm(ord, dim, keepdim, dtype=dtype)  # (torch.norm's vector norm, ops/statistics.py)


_MATRIX_ORDS = ("fro", "nuc", 2, -2, 1, -1, float("inf"), float("-inf"))


def matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None):
    """``torch.linalg.matrix_norm(A, ord)`` over the two dims ``dim``: 'fro' (the entries' 2-norm),
    'nuc' (the sum of singular values), 2 / -2 (the largest / smallest singular value),
    1 / -1 (largest / smallest column sum of |a_ij|), inf / -inf (the same for rows)."""
    if ord not in _MATRIX_ORDS:
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    if A._data.ndim < 2:
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 dimensions.")
    if ord == "fro":
        return vector_norm(A, 2, dim, keepdim, dtype=dtype)
    if dtype is not None:
        A = A.to(dtype)
    rows, cols = (wrap_dim(d, A._data.ndim) for d in dim)
    if ord in ("nuc", 2, -2):
        # singular values of the matrices in the (rows, cols) planes, moved to the last two dims
        s = svdvals(A.movedim((rows, cols), (-2, -1)))
        result = s.sum(-1) if ord == "nuc" else (s.amax(-1) if ord == 2 else s.amin(-1))
        if keepdim:  # (the two dims put back where they were)
            result = result.unsqueeze(-1).unsqueeze(-1).movedim((-2, -1), (rows, cols))
        return result
    summed, other = (rows, cols) if abs(ord) == 1 else (cols, rows)  # 1: columns' sums, inf: rows'
    sums = A.abs().sum(summed, keepdim=keepdim)
    other = other if keepdim or other < summed else other - 1
    return sums.amax(other, keepdim=keepdim) if ord > 0 else sums.amin(other, keepdim=keepdim)


def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None):
    """``torch.linalg.norm``: a vector norm or a matrix norm, chosen by ``ord`` and ``dim`` as
    PyTorch does (no ``ord``: the 2-norm of all entries; a string ``ord`` or two dims: a matrix norm)."""
    if dim is not None and not isinstance(dim, int):
        dim = tuple(dim)
        if len(dim) == 2:
            return matrix_norm(A, "fro" if ord is None else ord, dim, keepdim, dtype=dtype)
    if ord is None:
        return vector_norm(A, 2, dim, keepdim, dtype=dtype)
    if isinstance(ord, str):
        return matrix_norm(A, ord, (-2, -1) if dim is None else dim, keepdim, dtype=dtype)
    if dim is None:
        if A._data.ndim == 2:
            return matrix_norm(A, ord, (-2, -1), keepdim, dtype=dtype)
        if A._data.ndim != 1:
            raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. "
                               f"Got {A._data.ndim}D.")
    return vector_norm(A, ord, dim, keepdim, dtype=dtype)
