"""``torch.linalg``: the matrix functions, defined in ops/decompositions.py (Cholesky, QR, SVD, norms),
ops/solves.py (solves, inverse, determinants, cross) and ops/linalg.py (products)."""
from .ops.decompositions import cholesky, eigh, eigvalsh, matrix_norm, norm, qr, svd, svdvals, vector_norm  # noqa: F401
from .ops.linalg import matmul  # noqa: F401
from .ops.solves import (  # noqa: F401
    _LinAlgError as LinAlgError, det, inv, linalg_cross as cross, slogdet, solve, solve_triangular,
)
