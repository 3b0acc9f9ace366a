"""``torch.special``: the special functions under their ``torch.special`` names (defined in
ops/special.py, ops/pointwise.py and ops/losses.py)."""
from .ops.losses import xlogy  # noqa: F401
from .ops.pointwise import erf, expm1, log1p, sigmoid as expit  # noqa: F401
from .ops.special import digamma, digamma as psi, erfinv, lgamma as gammaln, polygamma  # noqa: F401
from .ops.out import with_out as _with_out  # noqa: E402

# out=: the result written into a tensor the caller gives (ops/out.py, parity/out_rules.py)
for _name in "digamma psi erf erfinv expit expm1 gammaln log1p polygamma xlogy".split():
    globals()[_name] = _with_out(globals()[_name], "special." + _name)
del _name
