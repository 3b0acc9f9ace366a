"""Ops behind ``nn.functional``: softmax, log-softmax and the losses, with their derivatives."""
import numpy as np

from .. import _dtype
from ..autograd.function import Function
from ._support import as_float, broadcast_error, max_keepdims, quiet, result_dtype, sum_keepdims, wrap_dim
from .linalg import Addmm, matmul, scalar_type
from .pointwise import erf, erf_array
from .shape import View, broadcast_shapes
from .._tensor import Tensor

_REDUCTIONS = ("none", "mean", "sum")  # PyTorch's nodes keep the index of the name: mean is 1


def _reduce_np(x, reduction):
    if reduction == "mean":
        if x.size == 0:  # PyTorch's mean of nothing is nan, without numpy's warnings
            return np.asarray(np.nan, x.dtype)
        return np.asarray(x.mean(), x.dtype)
    if reduction == "sum":
        return np.asarray(x.sum(), x.dtype)
    return x


def _check_reduction(reduction):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _legacy_reduction(size_average, reduce, emit_warning=True):
    """The reduction meant by the old ``size_average`` / ``reduce`` flags (deprecated, warns)."""
    import warnings

    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    reduction = ("mean" if size_average else "sum") if reduce else "none"
    if emit_warning:
        warnings.warn(
            f"size_average and reduce args will be deprecated, please use reduction='{reduction}' instead.",
            UserWarning, stacklevel=3,
        )
    return reduction


def _not_implemented(kernel, np_dtype):
    """PyTorch's error for a kernel that has no version for this dtype (integer or bool input)."""
    return NotImplementedError(f'"{kernel}" not implemented for \'{scalar_type(np_dtype)}\'')


def _check_floating(input, kernel):
    # One dtype test on the fast path: PyTorch's float-only kernels refuse integer and bool input.
    if input._data.dtype.kind != "f":
        raise _not_implemented(kernel, input._data.dtype)


def _unreduce(grad, reduction, shape, n):
    """The gradient of a 'none'/'mean'/'sum' reduction (0/1/2), spread over the element-wise loss."""
    if reduction == 0:
        return grad
    g = grad.expand(shape)
    return g / n if reduction == 1 else g


class Softmax(Function):
    """y = exp(x) / sum(exp(x)); dx = y * (dy - sum(dy * y))."""

    node_name = "SoftmaxBackward0"
    raw = True
    saved_names = ("result",)
    saved_values = ("dim",)

    @staticmethod
    def forward(a, dim):
        if a.size == 0:  # nothing to normalise (numpy's max of nothing would raise)
            return a.copy()
        if a.dtype == np.float16:  # PyTorch's half kernels compute in float32, rounding once
            return Softmax.forward(a.astype(np.float32), dim).astype(np.float16)
        a = as_float(a)
        shifted = np.exp(a - max_keepdims(a, dim))
        return shifted / sum_keepdims(shifted, dim)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)
        ctx.dim = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return SoftmaxBackwardData.apply(grad, y, ctx.dim), None


class _GradientOfSoftmax(Function):
    """The gradient of softmax or log_softmax as one op on ``(grad_output, output, dim)``, so
    that differentiating it again (create_graph) records one node, as PyTorch does."""

    raw = True
    saved_names = ("grad_output", "output")
    saved_values = ("dim",)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], inputs[1])
        ctx.dim = inputs[2]


class SoftmaxBackwardData(_GradientOfSoftmax):
    """dx = y * (g - sum(g * y))"""

    node_name = "SoftmaxBackwardDataBackward0"

    @staticmethod
    def forward(g, y, dim):
        return y * (g - sum_keepdims(g * y, dim))

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        dim = ctx.dim
        gg_y = (gg * y).sum(dim, keepdim=True)
        grad_g = y * (gg - gg_y)  # d/dg_k: y_k (gg_k - sum_i gg_i y_i)
        grad_y = gg * (g - (g * y).sum(dim, keepdim=True)) - g * gg_y  # gg_k (g_k - sum(g y)) - g_k sum(gg y)
        return grad_g, grad_y, None


class LogSoftmax(Function):
    """y = x - log(sum(exp(x))); dx = dy - exp(y) * sum(dy)."""

    node_name = "LogSoftmaxBackward0"
    raw = True
    saved_names = ("result",)
    saved_values = ("dim",)

    @staticmethod
    def forward(a, dim):
        if a.size == 0:
            return a.copy()
        a = as_float(a)
        shifted = a - max_keepdims(a, dim)
        return shifted - np.log(sum_keepdims(np.exp(shifted), dim))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(output)
        ctx.dim = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return LogSoftmaxBackwardData.apply(grad, y, ctx.dim), None


class LogSoftmaxBackwardData(_GradientOfSoftmax):
    """dx = g - exp(y) * sum(g)"""

    node_name = "LogSoftmaxBackwardDataBackward0"

    @staticmethod
    def forward(g, y, dim):
        return g - np.exp(y) * sum_keepdims(g, dim)

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        e = y.exp()
        grad_g = gg - (gg * e).sum(ctx.dim, keepdim=True)  # d/dg_k: gg_k - sum_i gg_i e_i
        grad_y = -gg * e * g.sum(ctx.dim, keepdim=True)  # d/dy_k: -gg_k e_k sum(g)
        return grad_g, grad_y, None


class LeakyRelu(Function):
    """x where x > 0, slope * x elsewhere; the gradient is 1 or slope."""

    node_name = "LeakyReluBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("negative_slope",)

    @staticmethod
    def forward(a, slope):
        return np.where(a > 0, a, a * a.dtype.type(slope))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.negative_slope = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        positive = a > 0
        return grad * positive + grad * ~positive * ctx.negative_slope, None


class Gelu(Function):
    """x * Phi(x), Phi the standard normal CDF ('none'), or its tanh approximation ('tanh')."""

    node_name = "GeluBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("approximate",)

    @staticmethod
    def forward(a, approximate):
        x = a.astype(np.float64)
        if approximate == "tanh":
            inner = np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)
            out = 0.5 * x * (1 + np.tanh(inner))
        else:
            out = 0.5 * x * (1 + erf_array(x / np.sqrt(2)))
        return out.astype(a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.approximate = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        if ctx.approximate == "tanh":
            k = float(np.sqrt(2 / np.pi))
            t = (k * (x + 0.044715 * x ** 3)).tanh()
            local = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x)
        else:
            cdf = 0.5 * (1 + erf(x * float(1 / np.sqrt(2))))
            pdf = (-0.5 * x * x).exp() * float(1 / np.sqrt(2 * np.pi))
            local = cdf + x * pdf  # d/dx x Phi(x) = Phi(x) + x phi(x)
        return grad * local, None


class Softplus(Function):
    """log(1 + exp(beta x)) / beta, linear above ``threshold``; the gradient is sigmoid(beta x)."""

    node_name = "SoftplusBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("beta", "threshold")

    @staticmethod
    def forward(a, beta, threshold):
        z = a * a.dtype.type(beta)
        soft = (np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0)) / a.dtype.type(beta)
        return np.where(z > threshold, a, soft).astype(a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.beta, ctx.threshold = inputs[1], inputs[2]

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        z = a * ctx.beta
        return grad * (z * 1.0).sigmoid().masked_fill(z > ctx.threshold, 1.0), None, None


class Hardtanh(Function):
    """x clipped to [min_val, max_val]; the gradient is 1 strictly inside, 0 at and beyond the bounds."""

    node_name = "HardtanhBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("max_val", "min_val")

    @staticmethod
    def forward(a, min_val, max_val):
        return np.clip(a, a.dtype.type(min_val), a.dtype.type(max_val))

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.min_val, ctx.max_val = inputs[1], inputs[2]

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        # PyTorch zeroes where x <= min or x >= max: a nan input lets the gradient through.
        return grad * ~((a <= ctx.min_val) | (a >= ctx.max_val)), None, None


class LogSigmoid(Function):
    """log(sigmoid(x)), computed as -softplus(-x) so it does not overflow; the gradient is sigmoid(-x)."""

    node_name = "LogSigmoidBackward0"
    raw = True
    saved_names = ("self", "buffer")

    @staticmethod
    def forward(a):
        return -(np.log1p(np.exp(-np.abs(a))) + np.maximum(-a, 0))

    @staticmethod
    def setup_context(ctx, inputs, output):
        a = inputs[0]
        with quiet():
            buffer = np.exp(-np.abs(a._data))  # what PyTorch keeps for its backward: e^-|x|
        ctx.save_for_backward(a, Tensor._make(buffer))

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return grad * (-a).sigmoid()


class Silu(Function):
    """x * sigmoid(x); the gradient is s (1 + x (1 - s))."""

    node_name = "SiluBackward0"
    raw = True
    saved_names = ("self",)

    @staticmethod
    def forward(a):
        from .pointwise import _sigmoid_np

        return a * _sigmoid_np(a)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        s = x.sigmoid()
        return grad * s * (1 + x * (1 - s))


class Elu(Function):
    """x where x > 0, alpha (exp(x) - 1) elsewhere."""

    node_name = "EluBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("alpha", "input_scale", "scale")
    ctx_defaults = {"scale": 1, "input_scale": 1}

    @staticmethod
    def forward(a, alpha):
        return np.where(a > 0, a, a.dtype.type(alpha) * np.expm1(a)).astype(a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.alpha = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        positive = a > 0
        return grad * positive + grad * ~positive * a.exp() * ctx.alpha, None


class MseLoss(Function):
    """mean((x - t)^2): d/dx = 2 (x - t) / n."""

    node_name = "MseLossBackward0"
    saved_values = ("reduction",)
    raw = True
    saved_names = ("self", "target")

    @staticmethod
    def forward(x, t, reduction):
        if x.dtype == t.dtype:
            return _reduce_np((x - t) ** 2, reduction)
        # float32 input, int64 target: PyTorch computes in float32, not numpy's float64
        return _reduce_np(np.subtract(x, t, dtype=result_dtype(x, t)) ** 2, reduction)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], inputs[1])
        ctx.reduction = _REDUCTIONS.index(inputs[2])

    @staticmethod
    def backward(ctx, grad):
        x, t = ctx.saved_tensors
        g = _unreduce(grad, ctx.reduction, x.shape, x.numel()) * 2 * (x - t)
        return g, -g if ctx.needs_input_grad[1] else None, None


class BinaryCrossEntropy(Function):
    """-(t log p + (1 - t) log(1 - p)), logs clamped at -100 as PyTorch does."""

    node_name = "BinaryCrossEntropyBackward0"
    saved_values = ("reduction",)
    raw = True
    saved_names = ("self", "target", "weight")
    inputs = (0, 1)  # the weight is not differentiated

    @staticmethod
    def forward(p, t, weight, reduction):
        log_p = np.maximum(np.log(p), -100)
        log_q = np.maximum(np.log1p(-p), -100)
        loss = -(t * log_p + (1 - t) * log_q)
        if weight is not None:
            loss = loss * weight
        return _reduce_np(loss.astype(p.dtype, copy=False), reduction)

    @staticmethod
    def setup_context(ctx, inputs, output):
        p, t, weight, reduction = inputs
        ctx.save_for_backward(p, t, weight)
        ctx.reduction = _REDUCTIONS.index(reduction)

    @staticmethod
    def backward(ctx, grad):
        p, t, weight = ctx.saved_tensors
        eps = 1e-12
        spread = _unreduce(grad, ctx.reduction, p.shape, p.numel())
        if weight is not None:
            spread = spread * weight
        grad_p = spread * (p - t) / ((1 - p) * p).clamp(min=eps)
        grad_t = None
        if ctx.needs_input_grad[1]:  # d/dt = log(1 - p) - log(p), with PyTorch's clamped logs
            grad_t = spread * ((1 - p).log().clamp(min=-100) - p.log().clamp(min=-100))
        return grad_p, grad_t, None, None


class BinaryCrossEntropyWithLogits(Function):
    """BCE on sigmoid(x), computed stably: d/dx = sigmoid(x) - t."""

    node_name = "BinaryCrossEntropyWithLogitsBackward0"
    saved_values = ("reduction",)
    raw = True
    saved_names = ("self", "target", "weight", "pos_weight")
    inputs = (0, 1)

    @staticmethod
    def forward(x, t, weight, pos_weight, reduction):
        # log(1 + exp(-|x|)) + max(x, 0) - x t, with the positive class weighted if asked.
        softplus_neg = np.log1p(np.exp(-np.abs(x))) + np.maximum(-x, 0)  # = -log sigmoid(x)
        if pos_weight is not None:
            loss = (1 - t) * x + (1 + (pos_weight - 1) * t) * softplus_neg
        else:
            loss = (1 - t) * x + softplus_neg
        if weight is not None:
            loss = loss * weight
        # PyTorch computes (1 - target) * x - ... in place into the target's dtype
        return _reduce_np(loss.astype(t.dtype, copy=False), reduction)

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, t, weight, pos_weight, reduction = inputs
        ctx.save_for_backward(x, t, weight, pos_weight)
        ctx.reduction = _REDUCTIONS.index(reduction)

    @staticmethod
    def backward(ctx, grad):
        x, t, weight, pos_weight = ctx.saved_tensors
        s = x.sigmoid()
        spread = _unreduce(grad, ctx.reduction, x.shape, x.numel())
        if weight is not None:
            spread = spread * weight
        if pos_weight is not None:
            local = (pos_weight * t + 1 - t) * s - pos_weight * t
        else:
            local = s - t
        grad_t = None
        if ctx.needs_input_grad[1]:
            # d/dt of (1 - t) x + (1 + (w - 1) t) softplus(-x) is -x + (w - 1) softplus(-x).
            grad_t = -x
            if pos_weight is not None:
                softplus_neg = (-x).relu() + (-x.abs()).exp().log1p()
                grad_t = grad_t + (pos_weight - 1) * softplus_neg
            grad_t = spread * grad_t
        return spread * local, grad_t, None, None, None


class DivNumber(Function):
    """tensor / number inside a composite op (what PyTorch records as DivBackward1)."""

    node_name = "DivBackward1"
    raw = True
    saved_values = ("other",)

    @staticmethod
    def forward(a, number):
        return np.true_divide(a, number, dtype=a.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.other = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        return grad / ctx.other, None


class NllLoss(Function):
    """-x[i, target_i], averaged over the (weighted) targets: the gradient is -w at the targets.

    The functional ``nll_loss`` works out each row's target and weight once (``_row_weights``)
    and passes them in, for forward, the node and backward to share.
    """

    node_name = "NllLossBackward0"
    raw = True
    saved_names = ("self", "target", "weight", "total_weight")
    saved_values = ("ignore_index", "reduction")
    inputs = (0,)

    @staticmethod
    def forward(x, target, weight, reduction, ignore_index, rows):
        x2 = _as_rows(x)
        safe, w, total, valid = rows
        losses = -x2[np.arange(safe.shape[0]), safe]
        if weight is not None:
            losses *= w
        if valid is not None:
            losses[~valid] = 0  # (PyTorch skips an ignored row: 0, never -0)
        if reduction == "none":  # (a 1-D input is one sample: its loss is 0-d, whatever the target's shape)
            return losses.reshape(target.shape if x.ndim > 1 else ())
        if reduction == "sum":
            return np.asarray(np.add.reduce(losses), x.dtype)
        return np.asarray(_per_total_weight(np.add.reduce(losses), total), x.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, target, weight, reduction, ignore_index, rows = inputs
        ctx.reduction = _REDUCTIONS.index(reduction)
        ctx.ignore_index = ignore_index % 2**64  # PyTorch shows it as an unsigned 64-bit number
        ctx.raw_ignore_index = ignore_index
        ctx.self_sym_sizes = x._data.shape
        ctx.rows = rows
        ctx.save_for_backward(x, target, weight, Tensor._make(rows[2]))

    @staticmethod
    def backward(ctx, grad):
        x, target, weight, total_weight = ctx.saved_tensors
        g = NllLossBackward.apply(grad, x, target, weight, ctx.reduction, ctx.raw_ignore_index, ctx.rows)
        return g, None, None, None, None, None


class NllLossBackward(Function):
    """nll_loss's gradient as one op: each row's gradient is -w (divided by the total weight for
    'mean') at its target, times the incoming gradient, 0 elsewhere. It is linear in the incoming
    gradient, so its own gradient is nll_loss again (and 0 for the input), as in PyTorch."""

    node_name = "NllLossBackwardBackward0"
    raw = True
    saved_names = ("target", "weight")
    saved_values = ("ignore_index", "reduction")
    inputs = (0, 1)  # the incoming gradient and nll_loss's input, as PyTorch links them

    @staticmethod
    def forward(grad, x, target, weight, reduction, ignore_index, rows):
        safe, w, total, valid = rows
        # PyTorch's kernel: g = -grad (-grad / total for 'mean'), times the row's weight.
        if reduction == 0:
            g = -grad.reshape(-1)
        else:
            g = -_per_total_weight(grad, total) if reduction == 1 else -grad
        if weight is not None:
            g = g * w
        if valid is not None:
            g = np.where(valid, g, 0)
        shape = x.shape
        classes = shape[1] if len(shape) > 1 else shape[0]
        out = np.zeros((safe.shape[0], classes), x.dtype)
        out[np.arange(safe.shape[0]), safe] = g
        if len(shape) > 2:  # rows were (N, d1, ..., C): back to (N, C, d1, ...)
            return np.ascontiguousarray(np.moveaxis(out.reshape(shape[0], *shape[2:], classes), -1, 1))
        return out.reshape(shape)

    @staticmethod
    def setup_context(ctx, inputs, output):
        _, _, target, weight, reduction, ignore_index, _ = inputs
        ctx.reduction = reduction
        ctx.ignore_index = ignore_index % 2**64
        ctx.raw_ignore_index = ignore_index
        ctx.save_for_backward(target, weight)

    @staticmethod
    def backward(ctx, gg):
        target, weight = ctx.saved_tensors
        grad = nll_loss(gg, target, weight, ignore_index=ctx.raw_ignore_index, reduction=_REDUCTIONS[ctx.reduction])
        return grad, gg.new_zeros(gg._data.shape), None, None, None, None, None


class NllLoss2dBackward(NllLossBackward):
    node_name = "NllLoss2DBackwardBackward0"


class NllLoss2d(NllLoss):
    """nll_loss of an (N, C, H, W) input: PyTorch's spatial kernel, the same sums."""

    node_name = "NllLoss2DBackward0"

    @staticmethod
    def backward(ctx, grad):
        x, target, weight, total_weight = ctx.saved_tensors
        g = NllLoss2dBackward.apply(grad, x, target, weight, ctx.reduction, ctx.raw_ignore_index, ctx.rows)
        return g, None, None, None, None, None


def _per_total_weight(value, total):
    """``value / total``. With every row ignored (or no rows) that is x/0: nan or inf as in
    PyTorch, without numpy's warning."""
    if total:
        return value / total
    with quiet():
        return value / total


def _row_weights(tgt, weight, ignore_index, dtype, classes):
    """Each row's target class, its weight, the total weight and which rows count: ``(safe, w,
    total, valid)``. ``safe`` is 0 for an ignored row; ``w`` is None without class weights
    (every counted row weighs 1), else 0 for an ignored row; ``valid`` is None when every row
    counts. A target outside ``[0, classes)`` raises PyTorch's error."""
    if tgt.size:
        lo, hi = np.minimum.reduce(tgt, axis=None), np.maximum.reduce(tgt, axis=None)
        if 0 <= lo and hi < classes and not lo <= ignore_index <= hi:  # the usual case, 2 reductions
            if weight is None:
                return tgt, None, np.asarray(tgt.size, dtype), None
            w = weight[tgt].astype(dtype)
            return tgt, w, np.asarray(np.add.reduce(w), dtype), None
    valid = tgt != ignore_index
    safe = np.where(valid, tgt, 0)
    if safe.size and (safe.min() < 0 or safe.max() >= classes):
        raise IndexError(f"Target {int(safe[(safe < 0) | (safe >= classes)][0])} is out of bounds.")
    if weight is None:
        return safe, None, np.asarray(np.add.reduce(valid), dtype), valid
    w = np.where(valid, weight[safe], 0).astype(dtype)
    return safe, w, np.asarray(np.add.reduce(w), dtype), valid


def _as_rows(x):
    """(N, C, d1, ...) inputs become (N*d1*..., C) rows, as PyTorch's loss does internally."""
    if x.ndim == 1:
        return x.reshape(1, -1)
    if x.ndim > 2:
        return np.moveaxis(x, 1, -1).reshape(-1, x.shape[1])
    return x


# -- the functional API -------------------------------------------------------------------------
def _softmax_checks(input, dim, name):
    """PyTorch's softmax kernels exist for floating dtypes only, and are named after the dim."""
    a = input._data
    dim = wrap_dim(dim, a.ndim)
    if a.dtype.kind != "f" and a.size:
        kernel = f"{name}_lastdim_kernel_impl" if dim == max(a.ndim - 1, 0) else f"{name}_kernel_impl"
        raise _not_implemented(kernel, a.dtype)
    return dim


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    if isinstance(_stacklevel, _dtype.dtype):  # torch.softmax(x, dim, dtype): no _stacklevel there
        dtype = _stacklevel
    if dtype is not None:  # PyTorch casts first (a ToCopyBackward0 node), then takes the softmax
        input = input.to(dtype)
    if dim is None:
        dim = 0 if input._data.ndim in (0, 1, 3) else 1
    return Softmax.apply(input, _softmax_checks(input, dim, "softmax"))


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    if isinstance(_stacklevel, _dtype.dtype):  # torch.log_softmax(x, dim, dtype): no _stacklevel there
        dtype = _stacklevel
    if dtype is not None:
        input = input.to(dtype)
    if dim is None:
        dim = 0 if input._data.ndim in (0, 1, 3) else 1
    return LogSoftmax.apply(input, _softmax_checks(input, dim, "log_softmax"))


def leaky_relu(input, negative_slope=0.01, inplace=False):
    _check_floating(input, "leaky_relu_cpu")
    return LeakyRelu.apply(input, negative_slope)


def gelu(input, approximate="none"):
    if approximate not in ("none", "tanh"):
        raise RuntimeError(f"approximate argument must be either none or tanh.")
    _check_floating(input, "GeluKernelImpl")
    return Gelu.apply(input, approximate)


def softplus(input, beta=1.0, threshold=20.0):
    _check_floating(input, "softplus_cpu")
    return Softplus.apply(input, beta, threshold)


def silu(input, inplace=False):
    _check_floating(input, "silu_cpu")
    return Silu.apply(input)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    return Hardtanh.apply(input, min_val, max_val)


def relu6(input, inplace=False):
    return Hardtanh.apply(input, 0.0, 6.0)


def logsigmoid(input):
    _check_floating(input, "log_sigmoid_forward")
    return LogSigmoid.apply(input)


def one_hot(tensor, num_classes=-1):
    """Each class number as a row of zeros with a 1 at that place (int64, outside the graph).

    >>> F.one_hot(torch.tensor([0, 2]), 3)
    tensor([[1, 0, 0],
            [0, 0, 1]])
    """
    labels = tensor._data
    if labels.dtype != np.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    if num_classes == -1:
        if labels.size == 0:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        num_classes = int(labels.max()) + 1
    if labels.size and labels.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    if labels.size and labels.max() >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    return Tensor._make((labels[..., None] == np.arange(num_classes)).astype(np.int64))


def elu(input, alpha=1.0, inplace=False):
    _check_floating(input, "elu_cpu")
    return Elu.apply(input, alpha)


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    import warnings

    given_shape = input._data.shape
    if given_shape != target._data.shape:
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). "
            "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
            UserWarning, stacklevel=2,
        )
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    if given_shape != target._data.shape:
        input, target = _broadcast_pair(input, target)
    if weight is not None:
        # PyTorch composes the weighted loss from ordinary ops (Pow, Mul, Sum, Div).
        if weight._data.shape != given_shape:
            raise ValueError("Weights and input must have the same size.")
        weighted = (input - target).pow(2) * weight
        if reduction == "none":
            return weighted
        if reduction == "sum":
            return weighted.sum()
        if reduction == "mean":
            return weighted.sum() / weight.sum()
        raise ValueError(f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'.")
    _check_reduction(reduction)
    x, t = input._data, target._data
    if x.dtype != t.dtype or x.dtype.kind != "f":
        dt = result_dtype(x, t)
        if dt.kind != "f":
            raise _not_implemented("mse_cpu", dt)
    return MseLoss.apply(input, target, reduction)


def _broadcast_pair(a, b):
    """torch.broadcast_tensors(a, b), with PyTorch's error for shapes that do not broadcast."""
    err = broadcast_error(a._data.shape, b._data.shape)
    if err is not None:
        raise err
    shape = np.broadcast_shapes(a._data.shape, b._data.shape)
    return a.expand(shape), b.expand(shape)


def _in_place_shape(out_shape, other_shape):
    """The check of ``out.op_(other)``: ``other`` must broadcast to ``out``'s shape."""
    err = broadcast_error(out_shape, other_shape)
    if err is not None:
        raise err
    shape = np.broadcast_shapes(out_shape, other_shape)
    if shape != out_shape:
        raise RuntimeError(f"output with shape {list(out_shape)} doesn't match the broadcast shape {list(shape)}")


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    _check_reduction(reduction)
    p, t = input._data, target._data
    if t.shape != p.shape:
        raise ValueError(
            f"Using a target size ({target.shape}) that is different to the input size ({input.shape}) is deprecated. Please ensure they have the same size."
        )
    if weight is not None:
        shape = broadcast_shapes(target.shape, weight.shape)  # (its error names the weight's torch.Size)
        if weight._data.shape != shape:
            weight = weight.expand(shape)
    # PyTorch's kernel takes input and target of one dtype, and checks every value's range.
    if t.dtype != p.dtype:
        raise RuntimeError(f"Found dtype {scalar_type(t.dtype)} but expected {scalar_type(p.dtype)}")
    _check_floating(input, "binary_cross_entropy")
    if p.size:  # min and max are nan when a nan is there, which fails the test as in PyTorch
        if not (np.min(p) >= 0 and np.max(p) <= 1):
            raise RuntimeError("all elements of input should be between 0 and 1")
        if not (np.min(t) >= 0 and np.max(t) <= 1):
            raise RuntimeError("all elements of target should be between 0 and 1")
    if weight is not None:
        _in_place_shape(p.shape, weight._data.shape)  # the loss is multiplied by it in place
    return BinaryCrossEntropy.apply(input, target, weight, reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None, reduction="mean", pos_weight=None):
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    _check_reduction(reduction)
    x, t = input._data, target._data
    if t.shape != x.shape:
        raise ValueError(
            f"Target size ({target.shape}) must be the same as input size ({input.shape})"
        )
    # The checks of PyTorch's composite, in its order: log_sigmoid(x), then
    # log_sigmoid_x.mul_((pos_weight - 1) * t + 1), then (1 - t).mul_(x).sub_(...), then .mul_(weight).
    _check_floating(input, "log_sigmoid_cpu")
    if pos_weight is not None:
        err = broadcast_error(pos_weight._data.shape, t.shape)
        if err is not None:
            raise err
        _in_place_shape(x.shape, np.broadcast_shapes(pos_weight._data.shape, t.shape))
    if t.dtype.kind != "f":
        if t.dtype.kind == "b":
            raise RuntimeError(
                "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."
            )
        raise RuntimeError(
            f"result type {scalar_type(result_dtype(x, t))} can't be cast to the desired output type {scalar_type(t.dtype)}"
        )
    if weight is not None:
        _in_place_shape(x.shape, weight._data.shape)
    return BinaryCrossEntropyWithLogits.apply(input, target, weight, pos_weight, reduction)


_CLASS_INDEX_DTYPES = (np.dtype(np.int64), np.dtype(np.uint8))


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    _check_reduction(reduction)
    x, tgt = input._data, target._data
    nd = x.ndim
    # PyTorch's checks, in its order (nll_loss_nd, then the 1-D/2-D or the spatial kernel).
    if nd < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {nd})")
    if nd != 1 and x.shape[0] != (tgt.shape[0] if tgt.ndim else 0):
        raise ValueError(
            f"Expected input batch_size ({x.shape[0]}) to match target batch_size ({tgt.shape[0] if tgt.ndim else 0})."
        )
    w = weight._data if weight is not None else None
    if nd <= 2:
        kernel, classes = "nll_loss_out_frame", x.shape[-1]
        if tgt.ndim > 1:  # the usual labels.view(-1, 1) mistake
            raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
        _check_class_index_dtype(tgt)
        if nd == 1 and tgt.ndim == 1 and tgt.shape[0] != 1:
            raise ValueError(f"For 1D input, 1D target must have size 1, but got target size: {tgt.shape[0]}")
        if w is not None and (w.ndim != 1 or w.size != classes):
            raise RuntimeError(
                f"weight tensor should be defined either for all {classes} classes or no classes but got weight "
                f"tensor of shape: {list(w.shape)}"
            )
    else:
        kernel, classes = "nll_loss2d_forward_out_frame", x.shape[1]
        if nd != 4 and tgt.shape[1:] != x.shape[2:]:  # (N, C, d1, ...) is folded into 4-D
            raise RuntimeError(f"Expected target size {[x.shape[0], *x.shape[2:]]}, got {list(tgt.shape)}")
        if tgt.ndim != nd - 1:
            raise RuntimeError(
                f"only batches of spatial targets supported (3D tensors) but got targets of dimension: {tgt.ndim}"
            )
        _check_class_index_dtype(tgt)
        if w is not None and w.size != classes:
            raise RuntimeError("weight tensor should be defined either for all or no classes")
        if tgt.shape[1:] != x.shape[2:]:
            raise RuntimeError(f"size mismatch (got input: {list(x.shape)} , target: {list(tgt.shape)}")
        if w is not None and w.ndim != 1:
            w = w.reshape(-1)
    if x.dtype.kind != "f":
        raise _not_implemented(kernel, x.dtype)
    if w is not None and w.dtype != x.dtype:
        raise RuntimeError(f"expected scalar type {scalar_type(x.dtype)} but found {scalar_type(w.dtype)}")
    rows = _row_weights(tgt.reshape(-1), w, ignore_index, x.dtype, classes)
    if nd <= 2:
        return NllLoss.apply(input, target, weight, reduction, ignore_index, rows)
    if nd == 4:
        return NllLoss2d.apply(input, target, weight, reduction, ignore_index, rows)
    # Other (N, C, d1, ...) shapes go through the 4-D kernel as (N, C, 1, d1*...), viewed back.
    n = x.shape[0]
    folded = (n, classes, 1, -1) if x.size else (n, classes, 0, 0)
    out = NllLoss2d.apply(View.apply(input, folded), target.reshape(n, 1, -1) if tgt.size else target.reshape(n, 0, 0),
                          weight, reduction, ignore_index, rows)
    return View.apply(out, (n, *x.shape[2:])) if reduction == "none" else out


def _check_class_index_dtype(tgt):
    if tgt.dtype not in _CLASS_INDEX_DTYPES:
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {scalar_type(tgt.dtype)}")


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean", label_smoothing=0.0):
    """log_softmax then nll_loss, or, when the target has the input's shape, the loss against
    class probabilities (PyTorch tells the two apart by shape, not by dtype). Smoothing of class
    indices (``label_smoothing`` > 0 with an index target) is composed in ``nn.functional``."""
    x = input._data
    class_dim = 1 if x.ndim > 1 else 0
    if x.shape != target._data.shape:
        return nll_loss(log_softmax(input, class_dim), target, weight, None, ignore_index, None, reduction)
    if target._data.dtype.kind != "f":
        raise RuntimeError(
            f"Expected floating point type for target with class probabilities, got {scalar_type(target._data.dtype)}"
        )
    if ignore_index >= 0:
        raise RuntimeError("ignore_index is not supported for floating point target")
    if x.ndim == 0:
        raise IndexError("Dimension specified as 1 but tensor has no dimensions")
    n_classes = x.shape[class_dim]
    if weight is not None and (weight._data.ndim != 1 or weight._data.size != n_classes):
        raise RuntimeError(
            f"cross_entropy: weight tensor should be defined either for all {n_classes} classes or no classes but "
            f"got weight tensor of shape: {list(weight._data.shape)}"
        )
    logp = log_softmax(input, class_dim)
    if label_smoothing > 0.0:  # (PyTorch ignores a negative one)
        if label_smoothing > 1.0:
            raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")
        target = target * (1 - label_smoothing) + label_smoothing / n_classes
    # -sum_c w_c t_c log p_c per sample, recorded in PyTorch's order (Mul, Sum, Neg, then
    # DivBackward1 for the mean).
    picked = logp * target
    if weight is not None:
        shape = [1] * x.ndim
        shape[class_dim] = -1
        picked = picked * weight.reshape(shape)
    if reduction == "none":
        return -picked.sum(class_dim)
    total = -picked.sum()
    if reduction == "sum":
        return total
    return DivNumber.apply(total, x.size // x.shape[class_dim])


def linear(input, weight, bias=None):
    """y = x W^T + b, recorded as PyTorch does: Addmm for a batch of rows, views around it otherwise."""
    if input._data.ndim == 0 or weight._data.ndim == 0:
        raise RuntimeError(
            f"both arguments to linear need to be at least 1D, but they are {input._data.ndim}D and {weight._data.ndim}D"
        )
    if bias is None:
        return matmul(input, weight.t())
    if input._data.ndim == 2:
        return Addmm.apply(bias, input, weight.t())
    rows = View.apply(input, (-1, input._data.shape[-1])) if input._data.ndim != 2 else input
    out = Addmm.apply(bias, rows, weight.t())
    return View.apply(out, input._data.shape[:-1] + (weight._data.shape[0],))


# -- normalisation layers, embeddings and robust losses ----------------------------------------
def _float_moments(x, dims, eps):
    """Mean and 1 / sqrt(biased variance + eps) of ``x`` over ``dims`` (kept as size-1 dims),
    computed in float64 so that float32 results are rounded once."""
    wide = x.astype(np.float64)
    with quiet():  # (an empty input: nan, as in PyTorch)
        mean = wide.mean(axis=dims, keepdims=True)
        centered = wide - mean
        var = (centered * centered).mean(axis=dims, keepdims=True)
        rstd = 1.0 / np.sqrt(var + eps)
    return mean, rstd


def _moments_in_graph(x, dims, eps):
    """The mean and 1 / sqrt(biased variance + eps) over ``dims`` (kept), recomputed with
    differentiable ops for the backward formulas, so gradients of gradients need no code of
    their own."""
    mean = x.mean(dims, keepdim=True)
    centered = x - mean
    return mean, ((centered * centered).mean(dims, keepdim=True) + eps).rsqrt()


class NativeLayerNorm(Function):
    """y = (x - mean) / sqrt(var + eps) * weight + bias, mean and (biased) var taken over the
    last ``len(normalized_shape)`` dims of each sample."""

    node_name = "NativeLayerNormBackward0"
    raw = True
    saved_names = ("input", "result1", "result2", "weight", "bias")  # result1/2: the mean and rstd
    saved_values = ("normalized_shape",)
    inputs = (0, 2, 3)

    @staticmethod
    def forward(x, normalized_shape, weight, bias, eps, moments):
        mean, rstd = moments
        out = (x.astype(np.float64) - mean) * rstd
        if weight is not None:
            out = out * weight
        if bias is not None:
            out = out + bias
        return out.astype(x.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, normalized_shape, weight, bias, eps, (mean, rstd) = inputs
        dtype = x._data.dtype
        ctx.save_for_backward(x, Tensor._make(mean.astype(dtype)), Tensor._make(rstd.astype(dtype)), weight, bias)
        ctx.normalized_shape = tuple(normalized_shape)
        ctx.eps = eps

    @staticmethod
    def backward(ctx, grad):
        x, _, _, weight, _ = ctx.saved_tensors
        n_norm = len(ctx.normalized_shape)
        dims = tuple(range(x.dim() - n_norm, x.dim()))
        batch = tuple(range(x.dim() - n_norm))
        mean, rstd = _moments_in_graph(x, dims, ctx.eps)
        needs = ctx.needs_input_grad
        grad_x = grad_w = grad_b = None
        if needs[0]:
            # The mean and the variance depend on x too. In PyTorch's CPU kernel's terms, with
            # g = grad * weight and n the size of a sample: dx = rstd g + b x + c, where
            # b = (sum(g) mean - sum(g x)) rstd^3 / n and c = -b mean - sum(g) rstd / n.
            g = grad * weight if weight is not None else grad
            n = int(np.prod(ctx.normalized_shape))
            sum_g, sum_gx = g.sum(dims, keepdim=True), (g * x).sum(dims, keepdim=True)
            b = (sum_g * mean - sum_gx) * rstd * rstd * rstd / n
            c = -b * mean - sum_g * rstd / n
            grad_x = rstd * g + b * x + c
        if needs[2] or needs[3]:
            x_hat = (x - mean) * rstd
            if needs[2]:
                grad_w = (grad * x_hat).sum(batch) if batch else grad * x_hat
            if needs[3]:
                grad_b = grad.sum(batch) if batch else grad
        return grad_x, None, grad_w, grad_b, None, None


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalise each sample over its last dims (``normalized_shape``) to mean 0 and variance 1,
    then scale by ``weight`` and shift by ``bias`` (both of shape ``normalized_shape``).

    >>> F.layer_norm(torch.tensor([[1., 2., 3.]]), (3,))
    tensor([[-1.2247,  0.0000,  1.2247]])
    """
    if isinstance(normalized_shape, int) or not all(isinstance(s, int) for s in normalized_shape):
        raise TypeError(
            "layer_norm(): argument 'normalized_shape' (position 2) must be tuple of ints, "
            f"not {type(normalized_shape).__name__}"
        )
    shape = list(normalized_shape)
    if not shape:
        raise RuntimeError(
            "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, "
            f"but got normalized_shape = {shape}"
        )
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and list(t._data.shape) != shape:
            raise RuntimeError(
                f"Expected {name} to be of same shape as normalized_shape, but got {name} of shape "
                f"{list(t._data.shape)} and normalized_shape = {shape}"
            )
    x = input._data
    if x.ndim < len(shape) or list(x.shape[x.ndim - len(shape):]) != shape:
        raise RuntimeError(
            f"Given normalized_shape={shape}, expected input with shape [*, {', '.join(map(str, shape))}], "
            f"but got input of size{list(x.shape)}"
        )
    _check_floating(input, "LayerNormKernelImpl")
    dims = tuple(range(x.ndim - len(shape), x.ndim))
    return NativeLayerNorm.apply(input, tuple(shape), weight, bias, eps, _float_moments(x, dims, eps))


class NativeBatchNorm(Function):
    """y = (x - mean) / sqrt(var + eps) * weight + bias per channel (dim 1): with the batch's
    mean and biased var in training, with the running estimates in evaluation."""

    node_name = "NativeBatchNormBackward0"
    raw = True
    saved_names = ("input", "weight", "result1", "result2")  # result1/2: the batch mean and invstd
    saved_values = ("eps", "running_mean", "running_var", "training")
    inputs = (0, 1, 2)

    @staticmethod
    def forward(x, weight, bias, running_mean, running_var, training, eps, stats):
        mean, invstd = stats
        shape = (1, -1) + (1,) * (x.ndim - 2)
        out = (x.astype(np.float64) - mean.reshape(shape)) * invstd.reshape(shape)
        if weight is not None:
            out = out * weight.reshape(shape)
        if bias is not None:
            out = out + bias.reshape(shape)
        return out.astype(x.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, weight, bias, running_mean, running_var, training, eps, (mean, invstd) = inputs
        dtype = x._data.dtype
        if training:
            result1, result2 = Tensor._make(mean.astype(dtype)), Tensor._make(invstd.astype(dtype))
        else:  # PyTorch keeps nothing of its own in evaluation mode
            result1, result2 = Tensor._make(np.zeros(0, dtype)), Tensor._make(np.zeros(0, dtype))
        ctx.save_for_backward(x, weight, result1, result2)
        ctx.running_mean, ctx.running_var = running_mean, running_var
        ctx.training, ctx.eps = training, eps
        ctx.eval_stats = None if training else (mean, invstd)

    @staticmethod
    def backward(ctx, grad):
        x, weight, _, _ = ctx.saved_tensors
        dims = (0,) + tuple(range(2, x.dim()))
        shape = (1, -1) + (1,) * (x.dim() - 2)
        needs = ctx.needs_input_grad
        if ctx.training:
            mean, invstd = _moments_in_graph(x, dims, ctx.eps)
        else:  # the running estimates are constants
            mean, invstd = (Tensor._make(a.astype(x._data.dtype).reshape(shape)) for a in ctx.eval_stats)
        centered = x - mean
        grad_x = grad_w = grad_b = None
        if needs[0]:
            scale = invstd * weight.reshape(shape) if weight is not None else invstd
            if ctx.training:
                # The batch's mean and variance depend on x too: remove grad's mean and its
                # part along the centred input (in the order of PyTorch's CPU kernel).
                n = x.numel() // x.shape[1]
                k = (centered * grad).sum(dims, keepdim=True) * invstd * invstd / n
                grad_x = (grad - grad.sum(dims, keepdim=True) / n - centered * k) * scale
            else:
                grad_x = grad * scale
        if needs[1]:
            grad_w = (grad * centered * invstd).sum(dims)
        if needs[2]:
            grad_b = grad.sum(dims)
        return grad_x, grad_w, grad_b, None, None, None, None, None


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    """Normalise each channel (dim 1) over the batch and every other dim, then scale and shift.

    In training the batch's own mean and variance are used, and ``running_mean`` /
    ``running_var`` (when given) move towards them by ``momentum``:
    ``running = (1 - momentum) * running + momentum * batch`` (the unbiased variance). In
    evaluation the running estimates are used instead.
    """
    x = input._data
    if training:
        size = x.shape[0] * int(np.prod(x.shape[2:]))
        if size == 1:
            raise ValueError(f"Expected more than 1 value per channel when training, got input size {input.shape}")
    channels = x.shape[1] if x.ndim > 1 else 1
    for name, t in (("running_mean", running_mean), ("running_var", running_var), ("weight", weight), ("bias", bias)):
        if t is not None and t._data.size != channels:
            raise RuntimeError(f"{name} should contain {channels} elements not {t._data.size}")
    if not training:
        for name, t in (("running_mean", running_mean), ("running_var", running_var)):
            if t is None:
                raise RuntimeError(f"{name} must be defined in evaluation mode")
    _check_floating(input, "batch_norm")
    if training:
        dims = (0,) + tuple(range(2, x.ndim))
        mean, invstd = (a.reshape(-1) for a in _float_moments(x, dims, eps))
        if running_mean is not None or running_var is not None:
            _update_running_stats(x, dims, mean, running_mean, running_var, momentum)
    else:
        mean = running_mean._data.astype(np.float64)
        invstd = 1.0 / np.sqrt(running_var._data.astype(np.float64) + eps)
    return NativeBatchNorm.apply(input, weight, bias, running_mean, running_var, bool(training), eps, (mean, invstd))


def _update_running_stats(x, dims, mean, running_mean, running_var, momentum):
    """Move the running estimates towards this batch's mean and unbiased variance, in place."""
    n = x.size // mean.size if mean.size else 0
    shape = (1, -1) + (1,) * (x.ndim - 2)
    with quiet():
        centered = x.astype(np.float64) - mean.reshape(shape)
        unbiased_var = (centered * centered).sum(axis=dims) / (n - 1)
    if running_mean is not None:
        rm = running_mean._data
        rm[...] = momentum * mean + (1 - momentum) * rm.astype(np.float64)
        running_mean._vc[0] += 1
    if running_var is not None:
        rv = running_var._data
        rv[...] = momentum * unbiased_var + (1 - momentum) * rv.astype(np.float64)
        running_var._vc[0] += 1


class Embedding(Function):
    """Row ``i`` of ``weight`` for each index ``i``: a lookup table, whose gradient adds each
    output's gradient into the row it came from."""

    node_name = "EmbeddingBackward0"
    raw = True
    saved_names = ("indices",)
    saved_values = ("padding_idx", "scale_grad_by_freq", "sparse", "weight_sym_argsize_0")
    inputs = (0,)

    @staticmethod
    def forward(weight, indices, padding_idx, scale_grad_by_freq, sparse):
        return np.take(weight, indices, axis=0)

    @staticmethod
    def setup_context(ctx, inputs, output):
        weight, indices, padding_idx, scale_grad_by_freq, sparse = inputs
        ctx.save_for_backward(indices)
        ctx.raw_padding_idx = padding_idx
        ctx.padding_idx = padding_idx % 2**64  # PyTorch shows -1 (no padding) as an unsigned 64-bit number
        ctx.scale_grad_by_freq, ctx.sparse = scale_grad_by_freq, sparse
        ctx.weight_sym_argsize_0 = weight._data.shape[0]

    @staticmethod
    def backward(ctx, grad):
        (indices,) = ctx.saved_tensors
        g = EmbeddingDenseBackward.apply(grad, indices, ctx.weight_sym_argsize_0, ctx.raw_padding_idx,
                                         ctx.scale_grad_by_freq)
        return g, None, None, None, None


class EmbeddingDenseBackward(Function):
    """The gradient of a lookup as one op: each row of ``grad`` is added into the weight row it
    was read from (divided by how often that index occurs, with ``scale_grad_by_freq``); the
    ``padding_idx`` row gets nothing. It is linear in ``grad``: its own gradient is a lookup."""

    node_name = "EmbeddingDenseBackwardBackward0"
    raw = True
    saved_names = ("indices",)
    saved_values = ("padding_idx",)
    inputs = (0,)

    @staticmethod
    def forward(grad, indices, num_weights, padding_idx, scale_grad_by_freq):
        flat = indices.reshape(-1)
        rows = grad.reshape(flat.size, -1)
        if scale_grad_by_freq:
            rows = rows / np.bincount(flat, minlength=num_weights)[flat, None].astype(grad.dtype)
        out = np.zeros((num_weights, rows.shape[1]), grad.dtype)
        np.add.at(out, flat, rows)
        if padding_idx >= 0:
            out[padding_idx] = 0
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        grad, indices, num_weights, padding_idx, scale_grad_by_freq = inputs
        ctx.save_for_backward(indices)
        ctx.padding_idx = padding_idx
        ctx.scale_grad_by_freq = scale_grad_by_freq

    @staticmethod
    def backward(ctx, gg):
        (indices,) = ctx.saved_tensors
        picked = gg[indices]
        if ctx.padding_idx >= 0:
            picked = picked.masked_fill((indices == ctx.padding_idx).unsqueeze(-1), 0.0)
        if ctx.scale_grad_by_freq:
            flat = indices._data.reshape(-1)
            counts = np.bincount(flat, minlength=gg._data.shape[0])[indices._data].astype(gg._data.dtype)
            picked = picked / Tensor._make(counts[..., None])
        return picked, None, None, None, None


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False):
    """Look up rows of ``weight`` (num_embeddings, embedding_dim) by the integer indices in
    ``input``: the result has shape ``input.shape + (embedding_dim,)``. The ``padding_idx`` row
    gets no gradient; with ``max_norm``, the rows looked up are first scaled down in place to
    that norm if they are longer.

    >>> F.embedding(torch.tensor([1, 1, 0]), torch.tensor([[0., 1.], [2., 3.]]))
    tensor([[2., 3.],
            [2., 3.],
            [0., 1.]])
    """
    num = weight._data.shape[0] if weight._data.ndim else 0
    if padding_idx is not None:
        if padding_idx > 0 and padding_idx >= num:
            raise AssertionError("Padding_idx must be within num_embeddings")
        if padding_idx < 0:
            if padding_idx < -num:
                raise AssertionError("Padding_idx must be within num_embeddings")
            padding_idx = num + padding_idx
    else:
        padding_idx = -1
    idx = input._data
    if max_norm is not None:
        _renorm_rows(weight, idx, max_norm, norm_type)
    if weight._data.ndim != 2:
        raise RuntimeError("'weight' must be 2-D")
    if idx.dtype not in (np.dtype(np.int64), np.dtype(np.int32)):
        raise RuntimeError(
            "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
            f"but got {input.type()} instead (while checking arguments for embedding)"
        )
    if idx.size and (idx.min() < 0 or idx.max() >= num):
        raise IndexError("index out of range in self")
    return Embedding.apply(weight, input, padding_idx, scale_grad_by_freq, sparse)


def _renorm_rows(weight, idx, max_norm, norm_type):
    """Scale each looked-up row whose ``norm_type``-norm exceeds ``max_norm`` down to it, in
    place and outside the graph (what PyTorch's embedding_renorm_ does)."""
    w = weight._data
    rows = np.unique(idx.reshape(-1))
    rows = rows[(rows >= 0) & (rows < w.shape[0])]
    if not rows.size:
        return
    picked = w[rows]
    norms = np.linalg.norm(picked, ord=norm_type, axis=1).astype(w.dtype)  # in the table's precision
    long = norms > max_norm
    if long.any():
        # The scale is worked out in float64 and applied in the table's dtype, as PyTorch does.
        scale = (max_norm / (norms[long].astype(np.float64) + 1e-7)).astype(w.dtype)
        w[rows[long]] = picked[long] * scale[:, None]
        weight._vc[0] += 1


def _broadcast_both(input, target):
    """torch.broadcast_tensors(input, target): only a tensor whose shape changes gets an Expand."""
    a, b = input._data.shape, target._data.shape
    if a == b:
        return input, target
    err = broadcast_error(a, b)
    if err is not None:
        raise err
    shape = np.broadcast_shapes(a, b)
    return (input if a == shape else input.expand(shape)), (target if b == shape else target.expand(shape))


def _size_mismatch_warning(input, target):
    import warnings

    if input._data.shape != target._data.shape:
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). "
            "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
            UserWarning, stacklevel=3,
        )


class SmoothL1Loss(Function):
    """0.5 d^2 / beta where |d| < beta, |d| - 0.5 beta elsewhere (d = x - t): squared near 0,
    absolute far away. The gradient is d / beta clamped to [-1, 1]."""

    node_name = "SmoothL1LossBackward0"
    raw = True
    saved_names = ("self", "target")
    saved_values = ("beta", "reduction")

    @staticmethod
    def forward(x, t, reduction, beta):
        d = x - t
        z = np.abs(d)
        return _reduce_np(np.where(z < beta, 0.5 * z * z / beta, z - 0.5 * beta).astype(d.dtype), reduction)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], inputs[1])
        ctx.reduction = _REDUCTIONS.index(inputs[2])
        ctx.beta = inputs[3]

    @staticmethod
    def backward(ctx, grad):
        x, t = ctx.saved_tensors
        needs = ctx.needs_input_grad
        # The loss is symmetric in x and t: t's gradient is the same op with the two swapped.
        grad_x = SmoothL1LossBackward.apply(grad, x, t, ctx.reduction, ctx.beta) if needs[0] else None
        grad_t = SmoothL1LossBackward.apply(grad, t, x, ctx.reduction, ctx.beta) if needs[1] else None
        return grad_x, grad_t, None, None


class _RobustLossGradient(Function):
    """The gradient of smooth_l1/huber as one op on ``(grad_output, self, target)``: the
    incoming gradient (divided by n for 'mean') times the clamped difference, so that
    differentiating it again records one node, as PyTorch does."""

    raw = True
    saved_names = ("grad_output", "self", "target")
    inputs = (0, 1, 2)

    @staticmethod
    def setup_context(ctx, inputs, output):
        grad, x, t, reduction, threshold = inputs
        ctx.save_for_backward(grad, x, t)
        ctx.reduction = reduction
        ctx.threshold = threshold


class SmoothL1LossBackward(_RobustLossGradient):
    """g * clamp((x - t) / beta, -1, 1), with g the (spread) incoming gradient."""

    node_name = "SmoothL1LossBackwardBackward0"
    saved_values = ("beta", "reduction")

    @staticmethod
    def forward(grad, x, t, reduction, beta):
        norm = 1.0 / x.size if reduction == 1 and x.size else 1.0
        d = x - t
        inside = norm * d * grad / d.dtype.type(beta)
        return np.where(d < -beta, -norm * grad, np.where(d > beta, norm * grad, inside)).astype(x.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        _RobustLossGradient.setup_context(ctx, inputs, output)
        ctx.beta = inputs[4]

    @staticmethod
    def backward(ctx, gg):
        grad, x, t = ctx.saved_tensors
        d = x - t
        spread = _unreduce(grad, ctx.reduction, x.shape, x.numel())
        grad_grad = gg * (d / ctx.beta).clamp(-1.0, 1.0)
        grad_grad = _unreduce_back(grad_grad, ctx.reduction, x.numel())
        curve = gg * spread * (d.abs() < ctx.beta) / ctx.beta  # the second derivative is 1 / beta inside
        return grad_grad, curve, -curve, None, None


class HuberLossBackward(_RobustLossGradient):
    """g * clamp(x - t, -delta, delta), with g the (spread) incoming gradient."""

    node_name = "HuberLossBackwardBackward0"
    saved_values = ("delta", "reduction")

    @staticmethod
    def forward(grad, x, t, reduction, delta):
        norm = 1.0 / x.size if reduction == 1 and x.size else 1.0
        d = x - t
        return np.where(d < -delta, -norm * grad * delta,
                        np.where(d > delta, norm * grad * delta, norm * d * grad)).astype(x.dtype)

    @staticmethod
    def setup_context(ctx, inputs, output):
        _RobustLossGradient.setup_context(ctx, inputs, output)
        ctx.delta = inputs[4]

    @staticmethod
    def backward(ctx, gg):
        grad, x, t = ctx.saved_tensors
        d = x - t
        spread = _unreduce(grad, ctx.reduction, x.shape, x.numel())
        grad_grad = _unreduce_back(gg * d.clamp(-ctx.delta, ctx.delta), ctx.reduction, x.numel())
        curve = gg * spread * (d.abs() < ctx.delta)  # the second derivative is 1 inside
        return grad_grad, curve, -curve, None, None


def _unreduce_back(g, reduction, n):
    """The transpose of ``_unreduce``: the gradient of a 'mean'/'sum' incoming gradient."""
    if reduction == 0:
        return g
    return g.sum() / n if reduction == 1 else g.sum()


class HuberLoss(Function):
    """0.5 d^2 where |d| < delta, delta (|d| - 0.5 delta) elsewhere (d = x - t). The gradient is
    d clamped to [-delta, delta]: SmoothL1Loss with beta = delta, times delta."""

    node_name = "HuberLossBackward0"
    raw = True
    saved_names = ("self", "target")
    saved_values = ("delta", "reduction")

    @staticmethod
    def forward(x, t, reduction, delta):
        d = x - t
        z = np.abs(d)
        return _reduce_np(np.where(z < delta, 0.5 * z * z, delta * (z - 0.5 * delta)).astype(d.dtype), reduction)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], inputs[1])
        ctx.reduction = _REDUCTIONS.index(inputs[2])
        ctx.delta = inputs[3]

    @staticmethod
    def backward(ctx, grad):
        x, t = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_x = HuberLossBackward.apply(grad, x, t, ctx.reduction, ctx.delta) if needs[0] else None
        grad_t = HuberLossBackward.apply(grad, t, x, ctx.reduction, ctx.delta) if needs[1] else None
        return grad_x, grad_t, None, None


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    _size_mismatch_warning(input, target)
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    _check_reduction(reduction)
    input, target = _broadcast_both(input, target)
    if beta == 0.0:  # plain L1: PyTorch composes it from sub, abs and the reduction
        loss = (input - target).abs()
        return loss.mean() if reduction == "mean" else loss.sum() if reduction == "sum" else loss
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    return SmoothL1Loss.apply(input, target, reduction, beta)


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    _size_mismatch_warning(input, target)
    expanded_input, expanded_target = _broadcast_both(input, target)
    if weight is None:
        _check_reduction(reduction)
        if delta <= 0:
            raise RuntimeError("huber_loss does not support non-positive values for delta.")
        return HuberLoss.apply(expanded_input, expanded_target, reduction, delta)
    if weight._data.shape != input._data.shape:
        raise ValueError("Weights and input must have the same size.")
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    weighted = HuberLoss.apply(expanded_input, expanded_target, "none", delta) * weight
    if reduction == "none":
        return weighted
    if reduction == "sum":
        return weighted.sum()
    if reduction == "mean":
        return weighted.mean()
    raise ValueError(f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'.")


class Xlogy(Function):
    """x * log(y), defined as 0 where x == 0 (unless y is nan): the entropy term t log t."""

    node_name = "XlogyBackward0"
    raw = True
    saved_names = ("self", "other")

    @staticmethod
    def forward(a, b):
        dtype = result_dtype(a, b)
        if dtype.kind != "f":
            dtype = np.dtype(np.float32)
        out = np.multiply(a, np.log(b, dtype=dtype), dtype=dtype)
        return np.where((a == 0) & ~np.isnan(b), dtype.type(0), out).astype(dtype, copy=False)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], inputs[1])

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        grad_a = grad_b = None
        if ctx.needs_input_grad[0]:
            grad_a = grad * Xlogy.apply((a != 0).to(grad.dtype), b)
        if ctx.needs_input_grad[1]:
            grad_b = grad * a / b
        return grad_a, grad_b


def xlogy(input, other):
    return Xlogy.apply(input, other)
