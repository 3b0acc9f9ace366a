"""``torch.special``: the special functions under their ``torch.special`` names (defined in
ops/special.py, ops/pointwise.py and ops/losses.py)."""
from .ops.losses import xlogy  # noqa: F401
from .ops.pointwise import erf, expm1, log1p, sigmoid as expit  # noqa: F401
from .ops.special import digamma, digamma as psi, erfinv, lgamma as gammaln, polygamma  # noqa: F401
