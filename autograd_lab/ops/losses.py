"""The losses: mse, binary cross-entropy, nll / cross-entropy, smooth L1 / Huber, with their
derivatives. The Function classes come first; the ``F.*`` functions (PyTorch's argument checks,
then the op) after them.

cross_entropy is log_softmax (``softmax.py``) followed by nll_loss (``NllLoss`` here); together
their derivatives give softmax(x) - onehot(target).
"""
import numpy as np

from ..autograd.function import Function
from ._support import broadcast_error, check_floating, not_implemented, quiet, result_dtype, scalar_type
from .shape import View, broadcast_shapes
from .softmax import log_softmax
from .._tensor import Tensor


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
    """-x[i, target_i], averaged over the (weighted) targets: the gradient is -w at the targets,
    computed by ``NllLossBackward`` just below (a second op, for PyTorch's double-backward node).

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


# -- F.cross_entropy, F.nll_loss, ...: checks, then the op above --------------------------------
def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
                  reduction="mean", label_smoothing=0.0):
    """-log(softmax(x)[target]): log_softmax (``softmax.py``), then nll_loss (``NllLoss`` above).
    Its derivative, softmax(x) - onehot(target) per row (times the class weight, and divided by
    the total weight for 'mean'), is those two ops' gradients chained: ``NllLossBackward.forward``
    above, then ``LogSoftmaxBackwardData.forward`` in ``softmax.py``.

    A target of the input's shape holds class probabilities instead (PyTorch tells the two apart
    by shape, not by dtype). With ``label_smoothing`` = e the target class gets 1 - e of the
    weight and every class an equal share of e; PyTorch only checks e when it is positive.
    """
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    _check_reduction(reduction)
    x = input._data
    class_dim = 1 if x.ndim > 1 else 0
    if x.shape != target._data.shape:
        if label_smoothing <= 0.0:
            return nll_loss(log_softmax(input, class_dim), target, weight, None, ignore_index, None, reduction)
        return _smoothed_cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing)
    return _cross_entropy_with_probabilities(input, target, weight, ignore_index, reduction, label_smoothing)


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
    """-input[i, target_i] for each row i, weighted, then reduced: ``NllLoss`` above; its
    derivative (-weight at each target) is ``NllLossBackward.forward``."""
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    _check_reduction(reduction)
    x, tgt = input._data, target._data
    nd = x.ndim
    classes, w = _check_nll_args(input, target, weight)
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


_CLASS_INDEX_DTYPES = (np.dtype(np.int64), np.dtype(np.uint8))


def _check_nll_args(input, target, weight):
    """PyTorch's checks of nll_loss's arguments, in its order (nll_loss_nd, then the 1-D/2-D or
    the spatial kernel). Returns the number of classes and the weight's array (or None)."""
    x, tgt = input._data, target._data
    nd = x.ndim
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
        raise not_implemented(kernel, x.dtype)
    if w is not None and w.dtype != x.dtype:
        raise RuntimeError(f"expected scalar type {scalar_type(x.dtype)} but found {scalar_type(w.dtype)}")
    return classes, w


def _check_class_index_dtype(tgt):
    if tgt.dtype not in _CLASS_INDEX_DTYPES:
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {scalar_type(tgt.dtype)}")


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
        return np.asarray(x.mean(), x.dtype)
    if reduction == "sum":
        return np.asarray(x.sum(), x.dtype)
    return x


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


def _cross_entropy_with_probabilities(input, target, weight, ignore_index, reduction, label_smoothing):
    """cross_entropy against class probabilities: -sum_c w_c t_c log softmax(x)_c per sample,
    composed from ordinary ops (so its derivative is theirs)."""
    x = input._data
    class_dim = 1 if x.ndim > 1 else 0
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


def _smoothed_cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing):
    """cross_entropy of class indices with ``label_smoothing`` = e > 0, composed as PyTorch does:
    (1 - e) nll_loss + e / C times the (weighted) sum of -log p over the classes."""
    if label_smoothing > 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")
    class_dim = 0 if input.dim() == 1 else 1
    n_classes = input.shape[class_dim]
    logp = log_softmax(input, class_dim)
    nll = nll_loss(logp, target, weight, None, ignore_index, None, reduction)
    if weight is not None:
        shape = [1] * input.dim()
        shape[class_dim] = n_classes
        smooth = -(logp * weight.reshape(shape)).sum(class_dim)
    else:
        smooth = -logp.sum(class_dim)
    ignored = target == ignore_index
    smooth = smooth.masked_fill(ignored, 0.0)
    if reduction == "mean":
        kept = target[~ignored]
        smooth = smooth.sum() / (weight[kept].sum() if weight is not None else (~ignored).sum())
    elif reduction == "sum":
        smooth = smooth.sum()
    return (1 - label_smoothing) * nll + smooth * (label_smoothing / n_classes)


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
    import warnings

    if input._data.shape != target._data.shape:
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). "
            "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
            UserWarning, stacklevel=3,
        )
