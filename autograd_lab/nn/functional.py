"""``torch.nn.functional``: activations, dropout and losses as functions.

Most of these are the engine's ops (``autograd_lab.ops``: softmax, activations, losses, ...), re-exported. What is written
here is composed from other ops, as PyTorch composes it, so the graph shows the same nodes.
"""
import warnings

import numpy as np

from ..ops.convolution import conv1d, conv2d, conv_transpose1d, conv_transpose2d  # noqa: F401
from ..ops.pooling import adaptive_avg_pool2d, avg_pool1d, avg_pool2d, max_pool1d, max_pool2d  # noqa: F401
from ..ops.activations import elu, gelu, hardtanh, leaky_relu, logsigmoid, relu6, silu, softplus  # noqa: F401
from ..ops.activations import (  # noqa: F401
    celu, hardshrink, hardsigmoid, hardswish, mish, rrelu, selu, softshrink, softsign, tanhshrink, threshold,
)
from ..ops.embedding import embedding, one_hot  # noqa: F401
from ..ops.padding import pad  # noqa: F401
from ..ops.linalg import linear  # noqa: F401
from .._dtype import scalar_type_name as _scalar_type
from ..ops.cross_entropy import cross_entropy, nll_loss  # noqa: F401
from ..ops.losses import (  # noqa: F401
    _check_reduction, _legacy_reduction, _reduce_composed, _size_mismatch_warning, binary_cross_entropy,
    binary_cross_entropy_with_logits, huber_loss, mse_loss, smooth_l1_loss,
)
from ..ops.losses import xlogy as _xlogy
from ..ops.normalization import batch_norm, layer_norm  # noqa: F401
from ..ops.softmax import implicit_dim as _implicit_dim_rule
from ..ops.softmax import log_softmax as _log_softmax
from ..ops.softmax import softmax as _softmax
from ..ops.pointwise import relu as _relu, sigmoid, tanh  # noqa: F401
from ..parity.arg_errors import checked as _checked

linear = _checked(linear, "linear")  # (a C++ binding in PyTorch: its argument errors are the parser's)
conv1d = _checked(conv1d, "conv1d")
conv2d = _checked(conv2d, "conv2d")


def relu(input, inplace=False):
    return input.relu_() if inplace else _relu(input)


def _implicit_dim(name, ndim, stacklevel):
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include dim=X as an argument.",
        UserWarning, stacklevel=stacklevel,
    )
    return _implicit_dim_rule(ndim)


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    """exp(x) / sum(exp(x)) along ``dim``; leaving ``dim`` out is deprecated (and warns)."""
    if dim is None:
        dim = _implicit_dim("softmax", input.dim(), _stacklevel)
    return _softmax(input, dim, dtype=dtype)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """log(softmax(x)), computed stably; leaving ``dim`` out is deprecated (and warns)."""
    if dim is None:
        dim = _implicit_dim("log_softmax", input.dim(), _stacklevel)
    return _log_softmax(input, dim, dtype=dtype)


def dropout(input, p=0.5, training=True, inplace=False):
    """Zero each element with probability ``p`` and scale the rest by 1 / (1 - p), in training.

    The mask is drawn as PyTorch draws it on the CPU (one Bernoulli(1 - p) per element), so
    after the same ``manual_seed`` the same elements are dropped.
    """
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0:
        return input
    from ..creation import empty_like, zeros

    if p == 1:
        noise = zeros((), dtype=input.dtype)
    else:
        noise = empty_like(input).bernoulli_(1 - p)
        # The kept elements are scaled by 1 / (1 - p), computed in the input's precision.
        one = np.ones((), input._data.dtype)
        noise.mul_(float(one / one.dtype.type(1 - p)))
    return input.mul_(noise) if inplace else input * noise


def dropout2d(input, p=0.5, training=True, inplace=False):
    """Zero whole channels (dim 1) with probability ``p`` and scale the rest by 1 / (1 - p), in
    training: one Bernoulli(1 - p) draw per (sample, channel), as PyTorch draws them."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    ndim = input.dim()
    if ndim not in (3, 4):
        warnings.warn(
            f"dropout2d: Received a {ndim}-D input to dropout2d, which is deprecated "
            "and will result in an error in a future release. To retain the behavior "
            "and silence this warning, please use dropout instead. Note that dropout2d "
            "exists to provide channel-wise dropout on inputs with 2 spatial dimensions, "
            "a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).",
            stacklevel=2,
        )
    if ndim == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise "
            "1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C "
            "is the channel dim. This behavior will change in a future release to interpret the "
            "input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D "
            "channel-wise dropout behavior, please switch to using dropout1d instead.",
            stacklevel=2,
        )
    if not training or p == 0:
        return input
    from ..creation import empty, zeros

    if p == 1:
        noise = zeros((), dtype=input.dtype)
    else:
        shape = tuple(input.shape[:2]) + (1,) * (ndim - 2)
        noise = empty(shape, dtype=input.dtype).bernoulli_(1 - p)
        noise.div_(1 - p)
    return input.mul_(noise) if inplace else input * noise


def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """mean(|input - target|), composed from sub, abs and mean as in PyTorch."""
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    _size_mismatch_warning(input, target)
    loss = (input - target).abs()
    _check_reduction(reduction)
    return _reduce_composed(loss, reduction)


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """Divide each vector along ``dim`` by its ``p``-norm (at least ``eps``), composed from
    norm, clamp_min, expand_as and div as in PyTorch.

    >>> F.normalize(torch.tensor([[3., 4.]]))
    tensor([[0.6000, 0.8000]])
    """
    if input._data.dtype.kind != "f":
        raise RuntimeError(
            "linalg.vector_norm: Expected a floating point or complex tensor as input. "
            f"Got {_scalar_type(input._data.dtype)}"
        )
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    if out is not None:
        return out.copy_(input / denom)
    return input / denom


_KL_MEAN_WARNING = (
    "reduction: 'mean' divides the total loss by both the batch size and the support size."
    "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
    "'mean' will be changed to behave the same as 'batchmean' in the next major release."
)


def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """KL(target || exp(input)) per element, for ``input`` given as log-probabilities:
    ``t * (log t - input)`` (``exp(t) * (t - input)`` when ``log_target``), then reduced.
    ``'batchmean'`` divides the sum by the batch size, which is the KL divergence of the
    distributions; ``'mean'`` divides by the number of elements too (and warns about it)."""
    if size_average is not None or reduce is not None:
        reduction_used = _legacy_reduction(size_average, reduce)
    else:
        if reduction == "mean":
            warnings.warn(_KL_MEAN_WARNING, UserWarning, stacklevel=2)
        reduction_used = "sum" if reduction == "batchmean" else reduction
        _check_reduction(reduction_used)
    if input._data.dtype.kind not in "fc" or target._data.dtype.kind not in "fc":
        raise RuntimeError("kl_div: Integral inputs not supported.")
    if log_target:
        loss = target.exp() * (target - input)
    else:
        loss = _xlogy(target, target) - target * input
    if reduction_used == "mean":
        loss = loss.mean()
    elif reduction_used == "sum":
        loss = loss.sum()
    if reduction == "batchmean" and input.dim() != 0:
        loss = loss / input.size()[0]
    return loss
