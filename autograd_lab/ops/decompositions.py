"""Matrix decompositions (``torch.linalg``): Cholesky, QR, SVD, and the matrix norms built on the SVD.
Each forward is numpy.linalg; each derivative, beside it, is written with differentiable ops, so
second derivatives come for free. The solves they use are in ops/solves.py.

Notation in the docstrings: ``A^-T`` is the inverse of A transposed, ``gX`` the gradient arriving
for an output X.
"""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward
from ..creation import ones_like
from ._support import wrap_dim
from .join_split import cat
from .linalg import matmul
from .selection import diag_embed, tril
from .solves import _LinAlgError, _check_float, _check_square, _results, _substitute, _warn_once, solve_triangular


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
    def forward(a, upper, name):
        lower = _cholesky_lower(a, name)
        return np.ascontiguousarray(np.swapaxes(lower, -1, -2)) if upper else lower

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.upper = inputs[1]
        ctx.save_for_backward(output)

    @staticmethod
    def backward(ctx, grad):
        (factor,) = ctx.saved_tensors
        return cholesky_backward(grad, factor, ctx.upper), None, None

    @staticmethod
    def jvp(ctx, ta, *_):
        # dL = L phi(L^-1 dA L^-T), phi: the lower triangle with half its diagonal (dA symmetric)
        L = ctx.output.mT if ctx.inputs[1] else ctx.output
        X = solve_triangular(L.mT, solve_triangular(L, ta, upper=False), upper=True, left=False)
        dL = matmul(L, 0.5 * (tril(X) + tril(X, -1)))
        return dL.mT if ctx.inputs[1] else dL


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

    jvp = staticmethod(jvp_from_backward)  # (PyTorch 2.13's own formula is wrong, pytorch/pytorch#196682: not copied)


class CholeskyOld(Cholesky):
    """``torch.cholesky`` (deprecated): the same factor, its own node name."""

    node_name = "CholeskyBackward0"
    saved_names = ("result",)
    jvp = None  # (PyTorch has no forward-mode formula for torch.cholesky: it raises)


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

    jvp = staticmethod(jvp_from_backward)


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

    jvp = staticmethod(jvp_from_backward)


def _qr_square_backward(gQ, gR, Q, R):
    M = matmul(R, gR.mT) - matmul(gQ.mT, Q)
    S = tril(M) + tril(M, -1).mT
    return solve_triangular(R.mT, gQ + matmul(Q, S), upper=False, left=False)  # (gQ + Q S) R^-T


def cholesky(input, *, upper=False):
    """``torch.linalg.cholesky(A)``: the lower-triangular L with A = L L^T (``upper=True``: L^T).

    >>> torch.linalg.cholesky(torch.tensor([[4., 2.], [2., 3.]]))
    tensor([[2.0000, 0.0000],
            [1.0000, 1.4142]])
    """
    _check_square(input, "linalg.cholesky")
    _check_float(input, "linalg.cholesky")
    return Cholesky.apply(input, bool(upper), "linalg.cholesky")


_CHOLESKY_DEPRECATED = (
    "torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a future PyTorch "
    "release.\nL = torch.cholesky(A)\nshould be replaced with\nL = torch.linalg.cholesky(A)\nand\n"
    "U = torch.cholesky(A, upper=True)\nshould be replaced with\nU = torch.linalg.cholesky(A).mH\n"
    "This transform will produce equivalent results for all valid (symmetric positive definite) inputs. "
    "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:1765.)"
)


def cholesky_deprecated(input, upper=False):
    """``torch.cholesky(A)``: deprecated (with PyTorch's warning) for ``torch.linalg.cholesky``."""
    _warn_once(_CHOLESKY_DEPRECATED)
    _check_square(input, "cholesky")
    _check_float(input, "cholesky")
    return CholeskyOld.apply(input, bool(upper), "cholesky")


def cholesky_inverse(L, upper=False):
    """``torch.cholesky_inverse(L)``: the inverse of L L^T (``upper=True``: of U^T U)."""
    return CholeskyInverse.apply(L, bool(upper))


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


def svd(A, full_matrices=True, *, driver=None):
    """``torch.linalg.svd(A)``: ``(U, S, Vh)`` with A = U diag(S) Vh."""
    return _results.linalg_svd(Svd.apply(A, bool(full_matrices)))


def svd_old(input, some=True, compute_uv=True):
    """``torch.svd(A)``: ``(U, S, V)``, V not transposed (reduced unless ``some=False``)."""
    U, S, Vh = Svd.apply(input, not some)
    if not compute_uv:
        U, Vh = U.detach().zero_(), Vh.detach().zero_()
    return _results.svd((U, S, Vh.mT))


def eigh(A, UPLO="L"):
    """``torch.linalg.eigh(A)``: ``(eigenvalues, eigenvectors)`` of a symmetric A, values ascending."""
    _check_square(A, "linalg.eigh")
    return _results.linalg_eigh(Eigh.apply(A, UPLO))


def eigvalsh(A, UPLO="L"):
    """``torch.linalg.eigvalsh(A)``: the eigenvalues of a symmetric A, ascending."""
    _check_square(A, "linalg.eigvalsh")
    return Eigh.apply(A, UPLO)[0]


def svdvals(A, *, driver=None):
    """``torch.linalg.svdvals(A)``: the singular values, largest first."""
    return Svd.apply(A, False)[1]


# -- symmetric eigendecomposition ------------------------------------------------------------------
class Eigh(Function):
    """A = V diag(L) V^T for symmetric A (read from its lower triangle, or upper with UPLO='U'),
    eigenvalues L in ascending order. Like a singular vector, an eigenvector is defined up to its
    sign, and numpy's LAPACK may pick the other sign than PyTorch's MKL.

    Derivative (F_ij = 1 / (l_j - l_i) off the diagonal, 0 on it, X = V^T gV), made symmetric
    as PyTorch makes it: gA = V (diag(gL) + F * (X - X^T) / 2) V^T.
    """

    node_name = "LinalgEighBackward0"
    raw = True
    saved_names = ("eigenvalues", "eigenvectors")

    @staticmethod
    def forward(a, uplo):
        values, vectors = np.linalg.eigh(a, UPLO=uplo)
        return values, vectors

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*output)

    @staticmethod
    def backward(ctx, gL, gV):
        L, V = ctx.saved_tensors
        inner = diag_embed(gL) if gL is not None else 0
        if gV is not None:
            gap = L.unsqueeze(-2) - L.unsqueeze(-1)  # l_j - l_i
            gap = gap + diag_embed(ones_like(L))  # (1 on the diagonal, where the numerator is 0)
            X = matmul(V.mT, gV)
            inner = inner + 0.5 * (X - X.mT) / gap
        return matmul(matmul(V, inner), V.mT), None

    jvp = staticmethod(jvp_from_backward)


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
