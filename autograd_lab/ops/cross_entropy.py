"""cross_entropy and nll_loss, with their derivatives.

cross_entropy is log_softmax (``softmax.py``) followed by nll_loss (``NllLoss`` here); together
their derivatives give softmax(x) - onehot(target). The Function classes come first; the
``F.*`` functions (the formula, then PyTorch's argument checks in helpers) after them.
"""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward, linear_jvp
from ._support import not_implemented, scalar_type
from ..parity.cascade_sum import cascade_sum
from ..parity.fp import quiet
from .losses import _REDUCTIONS, _check_reduction, _legacy_reduction
from .shape import View
from .softmax import log_softmax
from .._tensor import Tensor


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

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


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
        total_loss = cascade_sum(losses, valid)  # np.add.reduce(losses), in PyTorch's order (parity/)
        if reduction == "sum":
            return np.asarray(total_loss, x.dtype)
        return np.asarray(_per_total_weight(total_loss, total), x.dtype)

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

    jvp = staticmethod(jvp_from_backward)


class NllLossBackward(Function):
    """nll_loss's gradient as one op: -w (/ total weight for 'mean') at each row's target, 0 elsewhere,
    times the incoming gradient; linear in it, so its own gradient is nll_loss again, as in PyTorch."""

    node_name = "NllLossBackwardBackward0"
    raw = True
    saved_names = ("target", "weight")
    saved_values = ("ignore_index", "reduction")
    inputs = (0, 1)  # the incoming gradient and nll_loss's input, as PyTorch links them

    @staticmethod
    def forward(grad, x, target, weight, reduction, ignore_index, rows):
        safe, w, total, valid = rows  # each row's target class, weight; the total weight; kept rows
        g = -grad.reshape(-1) if reduction == 0 else -_per_total_weight(grad, total) if reduction == 1 else -grad
        g = g if weight is None else g * w
        g = g if valid is None else np.where(valid, g, 0)  # an ignored row gets no gradient
        out = np.zeros((safe.shape[0], _classes(x.shape)), x.dtype)
        out[np.arange(safe.shape[0]), safe] = g  # at each row's target; 0 elsewhere
        return _rows_back(out, x.shape)

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

    jvp = staticmethod(jvp_from_backward)


def _classes(shape):
    return shape[1] if len(shape) > 1 else shape[0]


def _rows_back(out, shape):
    """(rows, C) back to the input's shape: rows were (N, d1, ..., C) for an (N, C, d1, ...) input."""
    if len(shape) > 2:
        return np.ascontiguousarray(np.moveaxis(out.reshape(shape[0], *shape[2:], shape[1]), -1, 1))
    return out.reshape(shape)


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


# -- F.cross_entropy, F.nll_loss: the formula, then the checks below --------------------------
def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
                  reduction="mean", label_smoothing=0.0):
    """-log(softmax(x)[target]); derivative: ``NllLossBackward.forward`` above, then ``LogSoftmaxBackwardData``.
    Together they give softmax(x) - onehot(target) per row (weighted, / the total weight for 'mean').
    The forward: log_softmax (``softmax.py``), then nll_loss (``NllLoss`` above).

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
            return tgt, w, np.asarray(cascade_sum(w), dtype), None
    valid = tgt != ignore_index
    safe = np.where(valid, tgt, 0)
    if safe.size and (safe.min() < 0 or safe.max() >= classes):
        raise IndexError(f"Target {int(safe[(safe < 0) | (safe >= classes)][0])} is out of bounds.")
    if weight is None:
        return safe, None, np.asarray(np.add.reduce(valid), dtype), valid
    w = np.where(valid, weight[safe], 0).astype(dtype)
    return safe, w, np.asarray(cascade_sum(w, valid), dtype), valid


def _as_rows(x):
    """(N, C, d1, ...) inputs become (N*d1*..., C) rows, as PyTorch's loss does internally."""
    if x.ndim == 1:
        return x.reshape(1, -1)
    if x.ndim > 2:
        return np.moveaxis(x, 1, -1).reshape(-1, x.shape[1])
    return x
