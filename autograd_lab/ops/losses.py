"""The losses: mse, binary cross-entropy, smooth L1 / Huber, with their derivatives, and the
reduction helpers every loss shares. The Function classes come first; the ``F.*`` functions
(PyTorch's argument checks, then the op) after them. cross_entropy and nll_loss are in
``cross_entropy.py``.
"""
import warnings

import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward, elementwise_jvp
from ..parity.sum_order import LANES, pytorch_order_sum
from ._support import broadcast_error, check_floating, not_implemented, result_dtype, scalar_type
from .shape import broadcast_shapes


_REDUCTIONS = ("none", "mean", "sum")  # PyTorch's nodes keep the index of the name: mean is 1


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

    jvp = staticmethod(jvp_from_backward)


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

    jvp = staticmethod(jvp_from_backward)


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

    jvp = staticmethod(jvp_from_backward)


class SmoothL1Loss(Function):
    """0.5 d^2 / beta where |d| < beta, |d| - 0.5 beta elsewhere (d = x - t): squared near 0,
    absolute far away. The gradient is d / beta clamped to [-1, 1], computed by
    ``SmoothL1LossBackward`` below (a second op, for PyTorch's double-backward node)."""

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
        return _symmetric_gradients(ctx, grad, SmoothL1LossBackward, ctx.beta)

    jvp = staticmethod(jvp_from_backward)


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

    jvp = staticmethod(jvp_from_backward)


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
    aten = "huber_loss_backward"
    jvp = None  # (PyTorch has no forward-mode formula for huber_loss_backward: it raises)

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


class HuberLoss(Function):
    """0.5 d^2 where |d| < delta, delta (|d| - 0.5 delta) elsewhere (d = x - t). The gradient is
    d clamped to [-delta, delta] (SmoothL1Loss with beta = delta, times delta), computed by
    ``HuberLossBackward`` (a second op, for PyTorch's double-backward node)."""

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
        return _symmetric_gradients(ctx, grad, HuberLossBackward, ctx.delta)

    jvp = staticmethod(jvp_from_backward)


def _symmetric_gradients(ctx, grad, gradient, threshold):
    """The gradients of smooth_l1 / huber (``gradient``: their Backward op). The loss is symmetric
    in x and t: t's gradient is the same op with the two swapped."""
    x, t = ctx.saved_tensors
    needs = ctx.needs_input_grad
    grad_x = gradient.apply(grad, x, t, ctx.reduction, threshold) if needs[0] else None
    grad_t = gradient.apply(grad, t, x, ctx.reduction, threshold) if needs[1] else None
    return grad_x, grad_t, None, None


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

    jvp = staticmethod(elementwise_jvp)


# -- F.mse_loss, F.binary_cross_entropy, ...: checks, then the op above -------------------------
def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    _size_mismatch_warning(input, target)
    given_shape = input._data.shape
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    if given_shape != target._data.shape:
        input, target = _broadcast_pair(input, target)
    if weight is not None:
        # PyTorch composes the weighted loss from ordinary ops (Pow, Mul, Sum, Div).
        if weight._data.shape != given_shape:
            raise ValueError("Weights and input must have the same size.")
        weighted = (input - target).pow(2) * weight
        return _reduce_composed(weighted, reduction, mean=lambda: weighted.sum() / weight.sum())
    _check_reduction(reduction)
    x, t = input._data, target._data
    if x.dtype != t.dtype or x.dtype.kind != "f":
        dt = result_dtype(x, t)
        if dt.kind != "f":
            raise not_implemented("mse_cpu", dt)
    return MseLoss.apply(input, target, reduction)


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
    check_floating(input, "binary_cross_entropy")
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
    check_floating(input, "log_sigmoid_cpu")
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


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    _size_mismatch_warning(input, target)
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    _check_reduction(reduction)
    input, target = _broadcast_both(input, target)
    if beta == 0.0:  # plain L1: PyTorch composes it from sub, abs and the reduction
        return _reduce_composed((input - target).abs(), reduction)
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
    return _reduce_composed(weighted, reduction)


def xlogy(input, other):
    return Xlogy.apply(input, other)


# -- helpers ---------------------------------------------------------------------------------------
def _reduce_np(x, reduction):
    if reduction == "mean":
        if x.size == 0:  # PyTorch's mean of nothing is nan, without numpy's warnings
            return np.asarray(np.nan, x.dtype)
        return np.asarray(np.true_divide(_sum_np(x), x.size, dtype=x.dtype))  # PyTorch: sum / n
    if reduction == "sum":
        return np.asarray(_sum_np(x), x.dtype)
    return x


def _sum_np(x):
    """The sum of a loss's values, in PyTorch's order where it is known (``parity/sum_order.py``)."""
    if x.size > 4 and x.dtype in LANES and x.flags.c_contiguous:
        return pytorch_order_sum(x)
    return x.sum()


def _reduce_composed(loss, reduction, mean=None):
    """'none', 'sum' or 'mean' (``mean()`` when given) of a loss composed from ordinary ops."""
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean() if mean is None else mean()
    raise ValueError(f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'.")


def _check_reduction(reduction):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _legacy_reduction(size_average, reduce, emit_warning=True):
    """The reduction meant by the old ``size_average`` / ``reduce`` flags (deprecated, warns)."""
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    reduction = ("mean" if size_average else "sum") if reduce else "none"
    if emit_warning:
        warnings.warn(
            f"size_average and reduce args will be deprecated, please use reduction='{reduction}' instead.",
            UserWarning, stacklevel=3,
        )
    return reduction


def _unreduce(grad, reduction, shape, n):
    """The gradient of a 'none'/'mean'/'sum' reduction (0/1/2), spread over the element-wise loss."""
    if reduction == 0:
        return grad
    g = grad.expand(shape)
    return g / n if reduction == 1 else g


def _unreduce_back(g, reduction, n):
    """The transpose of ``_unreduce``: the gradient of a 'mean'/'sum' incoming gradient."""
    if reduction == 0:
        return g
    return g.sum() / n if reduction == 1 else g.sum()


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
    if input._data.shape != target._data.shape:
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). "
            "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
            UserWarning, stacklevel=3,
        )
