"""``torch.linalg``: the matrix functions, defined in ops/decompositions.py (factorizations, solves,
determinants, SVD, cross) and ops/linalg.py (products)."""
from .ops.decompositions import (  # noqa: F401
    _LinAlgError as LinAlgError, cholesky, det, inv, linalg_cross as cross, matrix_norm, norm, qr, slogdet, solve,
    solve_triangular, svd, svdvals, vector_norm,
)
from .ops.linalg import matmul  # noqa: F401
