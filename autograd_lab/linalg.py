"""``torch.linalg``: the matrix functions, defined in ops/decompositions.py (Cholesky, QR, SVD, norms),
ops/solves.py (solves, inverse, determinants, cross) and ops/linalg.py (products)."""
from .ops.decompositions import cholesky, eigh, eigvalsh, matrix_norm, norm, qr, svd, svdvals, vector_norm  # noqa: F401
from .ops.linalg import matmul  # noqa: F401
from .ops.solves import (  # noqa: F401
    _LinAlgError as LinAlgError, det, inv, linalg_cross as cross, slogdet, solve, solve_triangular,
)
from .ops.out import with_out as _with_out, with_out_tuple as _with_out_tuple  # noqa: E402

# out=: the result written into a tensor the caller gives (ops/out.py, parity/out_rules.py)
for _name in "cholesky cross det eigvalsh inv matmul vector_norm solve svdvals solve_triangular norm matrix_norm".split():
    globals()[_name] = _with_out(globals()[_name], "linalg." + _name)
del _name
for _name in ("eigh", "qr", "slogdet", "svd"):
    globals()[_name] = _with_out_tuple(globals()[_name], "linalg." + _name)
del _name
