"""Statistics of a tensor, with their derivatives: var and std, norm, logsumexp, the running
sums and products (cumsum, cumprod) and trace. The Function classes come first; the torch.*
functions after them."""
import warnings

import numpy as np

from .. import _dtype
from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward, linear_jvp
from ._support import as_dim, as_float, as_saved, default_float, scalar_type, wrap_dim
from .reduction import _axes, _dims_arg, _spread, _sum_dtype
from .._tensor import Tensor


class Var(Function):
    """Variance: d/dx_i = 2 (x_i - mean) / (N - correction)."""

    node_name = "VarBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("correction", "dim", "keepdim")

    @staticmethod
    def forward(a, dims=None, correction=1, keepdim=False):
        return _spread_stat(np.var, "var", a, dims, correction, keepdim)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, dim, correction, keepdim = inputs
        ctx.save_for_backward(a)
        ctx.self_sym_sizes, ctx.dim, ctx.correction, ctx.keepdim = a._data.shape, dim, correction, keepdim

    @staticmethod
    def _n(ctx):
        dims = ctx.dim if ctx.dim is not None else range(len(ctx.self_sym_sizes))
        return int(np.prod([ctx.self_sym_sizes[d] for d in dims]))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        centred = a - a.mean(dim=ctx.dim, keepdim=True) if ctx.dim is not None else a - a.mean()
        return _spread(grad, ctx) * centred * _per_dof(2.0, ctx), None, None, None

    jvp = staticmethod(jvp_from_backward)


def _per_dof(x, ctx):
    """x / (N - correction): inf with no degrees of freedom left, as in PyTorch (a nan gradient)."""
    dof = Var._n(ctx) - ctx.correction
    return x / dof if dof > 0 else float("inf")


def _spread_stat(np_fn, name, a, dims, correction, keepdim):
    """np.var or np.std; with no degrees of freedom left (one value, correction 1) the result is
    nan or inf and PyTorch warns in its words, where numpy would warn in its own."""
    axes = _axes(dims)
    n = a.size if axes is None else int(np.prod([a.shape[d] for d in axes]))
    if a.size == 0:  # (PyTorch counts input numel / output numel values: none for an empty input)
        n = 0
    if n - correction > 0:
        return np_fn(a, axis=axes, ddof=correction, keepdims=keepdim).astype(a.dtype, copy=False)
    warnings.warn(
        f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than the reduction factor "
        "(input numel divided by output numel). (Triggered internally at "
        "/__w/pytorch/pytorch/aten/src/ATen/native/ReduceOps.cpp:1861.)",
        UserWarning,
        stacklevel=6,  # (the caller of var() or x.var(), past the argument check)
    )
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return np_fn(a, axis=axes, ddof=correction, keepdims=keepdim).astype(a.dtype, copy=False)


class Std(Var):
    """Standard deviation: d/dx_i = (x_i - mean) / ((N - correction) std)."""

    node_name = "StdBackward0"
    saved_names = ("self", "result")
    saved_values = ("correction", "dim", "keepdim")

    @staticmethod
    def forward(a, dims=None, correction=1, keepdim=False):
        return _spread_stat(np.std, "std", a, dims, correction, keepdim)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, dim, correction, keepdim = inputs
        ctx.save_for_backward(a, output)
        ctx.self_sym_sizes, ctx.dim, ctx.correction, ctx.keepdim = a._data.shape, dim, correction, keepdim

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        centred = a - a.mean(dim=ctx.dim, keepdim=True) if ctx.dim is not None else a - a.mean()
        # Where every value is the same the std is 0 and so is its gradient, as PyTorch sets it
        # (the formula would divide 0 by 0).
        per_std = (grad / result).masked_fill(result == 0, 0)
        scale = _spread(per_std, ctx) * _per_dof(1.0, ctx)
        return scale * centred, None, None, None


class Norm(Function):
    """Vector p-norm; for p=2 the gradient is x / ||x||."""

    node_name = "LinalgVectorNormBackward0"
    raw = True
    saved_names = ("self", "result")
    saved_values = ("dim", "keepdim", "ord")

    @staticmethod
    def forward(a, p=2, dims=None, keepdim=False, dtype=None):
        x = np.abs(a.astype(dtype if dtype is not None else a.dtype if a.dtype.kind == "f" else default_float()))
        ax = _axes(dims)
        if p == float("inf"):
            out = np.max(x, axis=ax, keepdims=keepdim)
        elif p == float("-inf"):
            out = np.min(x, axis=ax, keepdims=keepdim)
        elif p == 2:
            out = np.sqrt(np.sum(x * x, axis=ax, keepdims=keepdim))
        elif p == 1:
            out = np.sum(x, axis=ax, keepdims=keepdim)
        elif p == 0:
            out = np.sum(x != 0, axis=ax, keepdims=keepdim).astype(x.dtype)
        else:
            out = np.sum(x ** p, axis=ax, keepdims=keepdim) ** (1.0 / p)
        return np.asarray(out, x.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, p, dim, keepdim = inputs[:4]
        ctx.save_for_backward(a, output)
        ctx.ord, ctx.self_sym_sizes, ctx.dim, ctx.keepdim = p, a._data.shape, dim, keepdim

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        if a.dtype != result.dtype:  # norm(dtype=): computed in that dtype, the gradient returns in a's
            return Norm._grad(ctx, grad, a.to(result.dtype), result).to(a.dtype), None, None, None, None
        return Norm._grad(ctx, grad, a, result), None, None, None, None

    @staticmethod
    def _grad(ctx, grad, a, result):
        p = ctx.ord
        norm = _spread(result, ctx)
        grad = _spread(grad, ctx)
        if p == 2:
            safe = norm.masked_fill(norm == 0, 1.0)
            g = grad * a / safe
            return g.masked_fill(norm == 0, 0.0)
        if p == 1:
            return grad * a.sign()
        if p in (float("inf"), float("-inf")):  # the largest (smallest) |x_i| alone moves it
            hit = a.abs() == norm
            count = hit.sum(dim=ctx.dim, keepdim=True) if ctx.dim else hit.sum()
            return grad * a.sign() * hit / count
        if p == 0:
            return grad * 0
        safe = norm.masked_fill(norm == 0, 1.0)
        g = grad * a * a.abs() ** (p - 2) / safe ** (p - 1)
        return g.masked_fill(norm == 0, 0.0)

    jvp = staticmethod(jvp_from_backward)


class LogSumExp(Function):
    node_name = "LogsumexpBackward0"
    raw = True
    saved_names = ("self", "result")
    saved_values = ("dim", "keepdim")

    @staticmethod
    def forward(a, dims, keepdim=False):
        axes = _axes(dims)
        a = as_float(a)
        m = np.max(a, axis=axes, keepdims=True, initial=-np.inf)  # (an empty sum's log is -inf)
        m = np.where(np.isfinite(m), m, 0)
        out = np.log(np.sum(np.exp(a - m), axis=axes, keepdims=True)) + m
        return out if keepdim else np.squeeze(out, axis=axes)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, dim, keepdim = inputs
        ctx.save_for_backward(a, output)
        ctx.self_sym_sizes, ctx.dim, ctx.keepdim = a._data.shape, dim, keepdim

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        return _spread(grad, ctx) * (a - _spread(result, ctx)).exp(), None, None

    jvp = staticmethod(jvp_from_backward)


class CumSum(Function):
    node_name = "CumsumBackward0"
    raw = True
    saved_values = ("dim",)

    @staticmethod
    def forward(a, dim, dtype=None):
        if a.ndim == 0:  # a 0-d tensor is its own cumulative sum
            return a.astype(_sum_dtype(a, dtype))
        return np.cumsum(a, axis=dim, dtype=_sum_dtype(a, dtype))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        if grad._data.ndim == 0:
            return grad, None, None
        return grad.flip(ctx.dim).cumsum(ctx.dim).flip(ctx.dim), None, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


class CumProd(Function):
    """Running products along a dim: out_j = x_0 x_1 ... x_j."""

    node_name = "CumprodBackward0"
    raw = True
    saved_names = ("self", "result")
    saved_values = ("dim",)

    @staticmethod
    def forward(a, dim, dtype, given_dim):
        if a.ndim == 0:  # a 0-d tensor is its own cumulative product
            return a.astype(_sum_dtype(a, dtype))
        return np.cumprod(a, axis=dim, dtype=_sum_dtype(a, dtype))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.axis, ctx.dim = inputs[1], as_saved(inputs[3])
        ctx.save_for_backward(inputs[0], output)

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        if grad._data.ndim == 0:
            return grad, None, None, None
        d = ctx.axis
        if not (a._data == 0).any():
            # x_i appears in every out_j with j >= i, as a factor out_j / x_i.
            return (grad * result).flip(d).cumsum(d).flip(d) / a, None, None, None
        return _cumprod_grad_with_zeros(grad, a, d), None, None, None

    jvp = staticmethod(jvp_from_backward)


def _cumprod_grad_with_zeros(grad, a, d):
    """The gradient of cumprod where some x_i are 0 (so out_j / x_i cannot be used): for each i,
    the running product with x_i replaced by 1, kept from position i on. O(n^2), but made of
    differentiable ops, so it can be differentiated again."""
    x = a.movedim(d, -1)
    n = x.shape[-1]
    copies = x.unsqueeze(-2).expand(*x.shape[:-1], n, n)  # row i holds the whole vector
    without_i = copies.masked_fill(Tensor._make(np.eye(n, dtype=bool)), 1.0).cumprod(-1)
    from_i_on = Tensor._make(np.triu(np.ones((n, n), dtype=bool)))
    g = grad.movedim(d, -1).unsqueeze(-2)
    return (without_i * from_i_on * g).sum(-1).movedim(-1, d)


class Trace(Function):
    """The sum of a matrix's diagonal: the gradient is the incoming one on the diagonal, 0 elsewhere."""

    node_name = "TraceBackward0"
    raw = True
    saved_values = ("self_sym_sizes",)

    @staticmethod
    def forward(a):
        return np.asarray(np.trace(a, dtype=_sum_dtype(a, None)))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.self_sym_sizes = inputs[0]._data.shape

    @staticmethod
    def backward(ctx, grad):
        rows, cols = ctx.self_sym_sizes
        return grad * Tensor._make(np.eye(rows, cols, dtype=grad._data.dtype))

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


# -- torch.var, torch.norm, torch.cumsum, ...: checks, then the op above ----------------------
def trace(input):
    """The sum of the main diagonal of a 2-D tensor."""
    if input._data.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {input._data.ndim}")
    return Trace.apply(input)


def _correction(unbiased, correction):
    if correction is not None:
        return correction
    return 1 if unbiased is None or unbiased else 0


def _check_spread_dtype(input):
    if input._data.dtype.kind != "f":
        raise RuntimeError("std and var only support floating point and complex dtypes")


def var(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    _check_spread_dtype(input)
    if isinstance(dim, bool):
        unbiased, dim = dim, None
    return Var.apply(input, _dims_arg(input, dim), _correction(unbiased, correction), keepdim)


def std(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    _check_spread_dtype(input)
    if isinstance(dim, bool):
        unbiased, dim = dim, None
    return Std.apply(input, _dims_arg(input, dim), _correction(unbiased, correction), keepdim)


def norm(input, p="fro", dim=None, keepdim=False, dtype=None):
    if isinstance(p, str) and p != "fro":
        if p == "nuc":  # (the sum of singular values: a matrix norm, in ops/decompositions.py)
            from .decompositions import matrix_norm

            return matrix_norm(input, "nuc", (-2, -1) if dim is None else dim, keepdim, dtype=dtype)
        raise RuntimeError(f"linalg.matrix_norm: Order {p} not supported.")
    if p == "fro" and not (dim is None or isinstance(dim, int)):
        len(dim)  # (PyTorch's Python norm() measures the dims here: a 0-d tensor is refused)
    if p == "fro" or p is None:
        p = 2
    if input._data.dtype.kind != "f":
        raise RuntimeError(
            "linalg.vector_norm: Expected a floating point or complex tensor as input. "
            f"Got {scalar_type(input._data.dtype)}"
        )
    dims = _dims_arg(input, dim)
    if p in (float("inf"), float("-inf")) and input._data.size == 0:
        _refuse_empty_extreme_norm(input, p, dims)
    if dtype is not None:  # (computed in that dtype, within the one node, as PyTorch does)
        return Norm.apply(input, p, dims, keepdim, _dtype.as_dtype(dtype, "norm").numpy)
    return Norm.apply(input, p, dims, keepdim)


def _refuse_empty_extreme_norm(input, p, dims):
    """A max (min) of nothing has no value: PyTorch's words (a space missing as in its own)."""
    order = "inf" if p > 0 else "-inf"
    if dims is None:
        raise RuntimeError(
            f"linalg.vector_norm cannot compute the {order} norm on an empty tensor because the operation "
            "does not have an identity"
        )
    for d in dims:
        if input._data.shape[d] == 0:
            raise RuntimeError(
                f"linalg.vector_norm cannot compute the {order} norm on the dimension {d}because this "
                "dimension is empty and the operation does not have an identity"
            )


def logsumexp(input, dim, keepdim=False):
    return LogSumExp.apply(input, _dims_arg(input, dim), keepdim)


def cumsum(input, dim, *, dtype=None):
    dtype = _dtype.as_dtype(dtype, "cumsum")
    return CumSum.apply(input, wrap_dim(dim, input._data.ndim), None if dtype is None else dtype.numpy)


def cumprod(input, dim, *, dtype=None):
    """Running products along ``dim``.

    >>> torch.tensor([1., 2., 3.]).cumprod(0)
    tensor([1., 2., 6.])
    """
    dtype = _dtype.as_dtype(dtype, "cumprod")
    return CumProd.apply(input, wrap_dim(dim, input._data.ndim), None if dtype is None else dtype.numpy, as_dim(dim))
