"""Pooling, 1d and 2d: ``max_pool``, ``avg_pool``, ``adaptive_avg_pool2d``.

A pooled value summarises one window of the input (the windows of ``ops/convolution.py``'s
``_windows``, a strided view): its largest entry, or their mean. The derivative sends each
output's gradient back into its window: all of it to the entry that was the largest (max), or an
equal share to every entry (mean). The 1d versions are the 2d ones on a height of 1, as in
PyTorch (so the graph shows Unsqueeze, the 2d node, Squeeze).
"""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward, linear_jvp
from ..parity.messages import shape_str
from .convolution import _add_windows, _windows
from ._support import not_implemented
from .reduction import mean
from .shape import squeeze, unsqueeze


def _output_size(size, k, s, p, d, ceil_mode):
    """How many windows fit: PyTorch's formula, ceil_mode letting a last partial window in
    (but never one that starts in the right padding)."""
    span = d * (k - 1) + 1
    n = (size + 2 * p - span + ((s - 1) if ceil_mode else 0)) // s + 1
    if ceil_mode and (n - 1) * s >= size + p:
        n -= 1
    return n


def _padded(x, padding, out, kernel, stride, dilation, value):
    """``x`` (B, H, W) as (B, 1, H', W'): padding on both sides, and for ceil_mode's last partial
    window enough more at the end that every window is whole."""
    pads = [(0, 0), (0, 0)]
    for size, p, o, k, s, d in zip(x.shape[1:], padding, out, kernel, stride, dilation):
        need = (o - 1) * s + d * (k - 1) + 1  # the last window's end
        pads.append((p, max(need - size - p, 0)))
    if not any(a or b for a, b in pads):
        return x[:, None]
    return np.pad(x[:, None], pads, constant_values=value)


def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


class MaxPool2d(Function):
    """y = the largest entry of each window; ``indices``: where it is (h * W + w). d/dx: each
    output's gradient goes to that one entry (``MaxPoolBackward`` below)."""

    node_name = "MaxPool2DWithIndicesBackward0"
    raw = True
    non_differentiable_outputs = (1,)
    saved_names = ("self", "result1")
    saved_values = ("ceil_mode", "dilation", "kernel_size", "padding", "stride")

    @staticmethod
    def forward(x, kernel, stride, padding, dilation, ceil_mode, out, stride_given):
        h, w = x.shape[-2:]
        flat = x.reshape((-1, h, w))
        xp = _padded(flat, padding, out, kernel, stride, dilation, _lowest(x.dtype))
        win = _windows(xp, kernel, stride, dilation)[:, 0]  # (B, OH, OW, kh, kw), a view
        # a running maximum over the kernel's positions: the first of equal largest entries
        # stays, a nan takes the place (as PyTorch's kernel compares)
        values, best = win[..., 0, 0].copy(), np.zeros(win.shape[:3], np.int64)
        nans = x.dtype.kind == "f" and np.isnan(x).any()
        for i, j in np.ndindex(*kernel):
            entry = win[..., i, j]
            bigger = entry > values
            if nans:
                bigger |= np.isnan(entry)
            np.copyto(values, entry, where=bigger)
            np.copyto(best, i * kernel[1] + j, where=bigger)
        # the window entry's place in the input: (o * stride - padding + k * dilation)
        kh, kw = np.divmod(best, kernel[1])
        rows = np.arange(out[0])[:, None] * stride[0] - padding[0] + kh * dilation[0]
        cols = np.arange(out[1])[None, :] * stride[1] - padding[1] + kw * dilation[1]
        shape = x.shape[:-2] + tuple(out)
        return values.reshape(shape), (rows * w + cols).astype(np.int64).reshape(shape)

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, ctx.kernel_size, stride, ctx.padding, ctx.dilation, ctx.ceil_mode, _, given = inputs
        ctx.stride = stride if given else ()  # (PyTorch's node shows () for the default stride)
        ctx.save_for_backward(x, output[1])

    @staticmethod
    def backward(ctx, grad, _):
        x, indices = ctx.saved_tensors
        return (MaxPoolBackward.apply(grad, x, indices),) + (None,) * 7

    jvp = staticmethod(jvp_from_backward)


class MaxPoolBackward(Function):
    """d/dx of max pooling: each output's gradient added at its largest entry's place. Linear
    in grad, so its own derivative picks the entries at those places again."""

    node_name = "MaxPool2DWithIndicesBackwardBackward0"
    raw = True
    inputs = (0, 1)  # (an edge to the pooled input, as PyTorch's node has; its gradient is none)

    @staticmethod
    def forward(grad, x, indices):
        shape = x.shape
        plane = shape[-1] * shape[-2]
        lead = int(np.prod(grad.shape[:-2]))
        where = (indices.reshape(lead, -1) + np.arange(lead)[:, None] * plane).ravel()
        total = np.bincount(where, grad.reshape(-1).astype(np.float64), lead * plane)
        return total.astype(grad.dtype).reshape(shape)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.indices = inputs[2]

    @staticmethod
    def backward(ctx, gg):
        idx = ctx.indices
        picked = gg.flatten(-2).gather(-1, idx.flatten(-2))
        return picked.view(idx.shape), None, None

    jvp = staticmethod(jvp_from_backward)


class AvgPool2d(Function):
    """y = the mean of each window (the divisor: the window's size, or ``divisor_override``, or
    with count_include_pad=False the entries that are not padding). d/dx: each output's gradient
    shared equally by its window (``AvgPoolBackward`` below)."""

    node_name = "AvgPool2DBackward0"
    raw = True
    saved_names = ("self",)
    saved_values = ("ceil_mode", "count_include_pad", "divisor_override", "kernel_size", "padding", "stride")

    @staticmethod
    def forward(x, kernel, stride, padding, ceil_mode, count_include_pad, divisor_override, out, stride_given):
        h, w = x.shape[-2:]
        ones = (1, 1)
        xp = _padded(x.reshape((-1, h, w)), padding, out, kernel, stride, ones, 0)
        sums = _windows(xp, kernel, stride, ones)[:, 0].sum((-1, -2), dtype=_acc(x.dtype))
        divisor = _divisors(x.shape[-2:], kernel, stride, padding, out, count_include_pad, divisor_override)
        y = sums / divisor
        if x.dtype.kind != "f":
            y = np.trunc(y)
        return y.astype(x.dtype).reshape(x.shape[:-2] + tuple(out))

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, ctx.kernel_size, stride, ctx.padding, ctx.ceil_mode, ctx.count_include_pad, ctx.divisor_override, out, given = inputs
        ctx.stride = stride if given else ()
        ctx.args = inputs[1:]
        ctx.save_for_backward(x)

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return (AvgPoolBackward.apply(grad, x, *ctx.args),) + (None,) * 8

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def _acc(dtype):
    return np.float64 if dtype.kind == "f" else np.int64


def _divisors(size, kernel, stride, padding, out, count_include_pad, divisor_override):
    """What each output's sum is divided by, as an (OH, OW) array."""
    if divisor_override:
        return np.full(tuple(out), float(divisor_override))
    counts = []
    for n, k, s, p, o in zip(size, kernel, stride, padding, out):
        start = np.arange(o) * s - p
        end = np.minimum(start + k, n + p)  # a window counts the padding, not past it
        inside = np.minimum(end, n) - np.maximum(start, 0)
        counts.append(end - start if count_include_pad else inside)
    return np.outer(counts[0], counts[1]).astype(np.float64)


class AvgPoolBackward(Function):
    """d/dx of average pooling: grad / divisor added into every entry of its window, the padding
    cut off. Linear in grad, so its own derivative is average pooling again."""

    node_name = "AvgPool2DBackwardBackward0"
    raw = True
    inputs = (0, 1)  # (an edge to the pooled input, as PyTorch's node has; its gradient is none)

    @staticmethod
    def forward(grad, x, kernel, stride, padding, ceil_mode, count_include_pad, divisor_override, out, _given):
        shape = x.shape
        h, w = shape[-2:]
        divisor = _divisors((h, w), kernel, stride, padding, out, count_include_pad, divisor_override)
        share = (grad.reshape((-1, 1) + tuple(out)) / divisor).astype(grad.dtype)
        cols = np.broadcast_to(share[..., None, None], share.shape + tuple(kernel))
        padded = [(o - 1) * s + k for o, s, k in zip(out, stride, kernel)]
        padded = [max(a, n + 2 * p) for a, n, p in zip(padded, (h, w), padding)]
        total = _add_windows(cols, padded, kernel, stride, (1, 1))
        total = total[:, 0, padding[0]:padding[0] + h, padding[1]:padding[1] + w]
        return np.ascontiguousarray(total).reshape(shape)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.args = inputs[2:]

    @staticmethod
    def backward(ctx, gg):
        return (AvgPool2d.apply(gg, *ctx.args),) + (None,) * 9

    jvp = staticmethod(jvp_from_backward)


class AdaptiveAvgPool2d(Function):
    """y = the mean of each of out_h x out_w windows that tile the input (window i of n over a
    size s: from floor(i s / n) to ceil((i + 1) s / n)). d/dx: each output's gradient shared by its
    window (``AdaptiveAvgPoolBackward``)."""

    node_name = "AdaptiveAvgPool2DBackward0"
    raw = True
    saved_names = ("self",)

    @staticmethod
    def forward(x, out):
        y = np.empty(x.shape[:-2] + tuple(out), x.dtype)
        for (i, rows), (j, cols) in _adaptive_windows(x.shape[-2:], out):
            y[..., i, j] = x[..., rows, cols].mean((-1, -2), dtype=np.float64)
        return y

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
        ctx.out = inputs[1]

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return AdaptiveAvgPoolBackward.apply(grad, x, ctx.out), None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def _adaptive_windows(size, out):
    """((i, rows), (j, cols)) for every output place: the window's slices of the input."""
    def spans(n, o):
        return [(i, slice(i * n // o, -(-(i + 1) * n // o))) for i in range(o)]

    return [(r, c) for r in spans(size[0], out[0]) for c in spans(size[1], out[1])]


class AdaptiveAvgPoolBackward(Function):
    node_name = "AdaptiveAvgPool2DBackwardBackward0"
    raw = True
    inputs = (0, 1)  # (an edge to the pooled input, as PyTorch's node has; its gradient is none)

    @staticmethod
    def forward(grad, x, out):
        shape = x.shape
        total = np.zeros(shape, grad.dtype)
        for (i, rows), (j, cols) in _adaptive_windows(shape[-2:], out):
            area = (rows.stop - rows.start) * (cols.stop - cols.start)
            total[..., rows, cols] += (grad[..., i, j] / area)[..., None, None].astype(grad.dtype)
        return total

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.out = inputs[2]

    @staticmethod
    def backward(ctx, gg):
        return AdaptiveAvgPool2d.apply(gg, ctx.out), None, None

    jvp = staticmethod(jvp_from_backward)


# -- F.max_pool1d/2d, F.avg_pool1d/2d, F.adaptive_avg_pool2d -------------------------------------
def _pair(value, name, fname, n=2, must="must either be a single int, or a tuple of two ints"):
    if isinstance(value, (tuple, list)):
        if len(value) == 1:
            return (int(value[0]),) * n
        if len(value) != n:
            raise RuntimeError(f"{fname}: {name} {must}")
        return tuple(int(v) for v in value)
    return (int(value),) * n


def _check_pool(x, kernel, stride, padding, dilation, ceil_mode):
    """PyTorch's checks of a 2d pooling, in its words; the output size."""
    if x.ndim not in (3, 4) or 0 in x.shape[-3:]:
        raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
    for k, s, p, d in zip(kernel, stride, padding, dilation):
        if s == 0:
            raise RuntimeError("stride should not be zero")
        if p < 0:
            raise RuntimeError(f"pad must be non-negative, but got pad: {p}")
        if p > (d * (k - 1) + 1) // 2:
            raise RuntimeError(
                f"pad should be at most half of effective kernel size, but got pad={p}, kernel_size={k} and "
                f"dilation={d}"
            )
    if any(k <= 0 for k in kernel):
        raise RuntimeError(f"kernel size should be greater than zero, but got kH: {kernel[0]} kW: {kernel[1]}")
    if any(s <= 0 for s in stride):
        raise RuntimeError(f"stride should be greater than zero, but got dH: {stride[0]} dW: {stride[1]}")
    if any(d <= 0 for d in dilation):
        raise RuntimeError(
            f"dilation should be greater than zero, but got dilationH: {dilation[0]} dilationW: {dilation[1]}"
        )
    out = [_output_size(n, k, s, p, d, ceil_mode)
           for n, k, s, p, d in zip(x.shape[-2:], kernel, stride, padding, dilation)]
    if any(o < 1 for o in out):
        c, h, w = x.shape[-3:]
        raise RuntimeError(
            f"Given input size: ({c}x{h}x{w}). Calculated output size: ({c}x{out[0]}x{out[1]}). Output size is too small"
        )
    return out


def _max_pool(input, kernel, stride, padding, dilation, ceil_mode, fname):
    given = stride is not None and stride != [] and stride != ()
    kernel = _pair(kernel, "kernel_size", fname)
    stride = _pair(stride, "stride", fname, must="must either be omitted, a single int, or a tuple of two ints") if given else kernel
    padding = _pair(padding, "padding", fname)
    dilation = _pair(dilation, "dilation", fname, must="must be either a single int, or a tuple of two ints")
    out = _check_pool(input._data, kernel, stride, padding, dilation, ceil_mode)
    if input._data.dtype.kind == "b":
        raise not_implemented("max_pool2d", input._data.dtype)
    return MaxPool2d.apply(input, kernel, stride, padding, dilation, bool(ceil_mode), out, given)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """The largest entry of each kernel_size window, windows ``stride`` apart (kernel_size by
    default). With return_indices, also where each was (h * W + w).

    >>> F.max_pool2d(torch.tensor([[[[1., 2.], [4., 3.]]]]), 2)
    tensor([[[[4.]]]])
    """
    values, indices = _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode, "max_pool2d")
    return (values, indices) if return_indices else values


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """max_pool2d over a height of 1: (N, C, L) -> (N, C, L_out)."""
    if input._data.ndim not in (2, 3):
        raise RuntimeError(
            "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:"
            f"{shape_str(input._data.shape)}"
        )
    one = lambda v: (1,) + tuple(v) if isinstance(v, (tuple, list)) else (1, v)  # noqa: E731
    zero = lambda v: (0,) + tuple(v) if isinstance(v, (tuple, list)) else (0, v)  # noqa: E731
    stride = None if stride is None or stride == [] or stride == () else one(stride)
    values, indices = _max_pool(unsqueeze(input, -2), one(kernel_size), stride, zero(padding), one(dilation),
                                ceil_mode, "max_pool2d")
    values, indices = squeeze(values, -2), squeeze(indices, -2)
    return (values, indices) if return_indices else values


def _avg_pool(input, kernel, stride, padding, ceil_mode, count_include_pad, divisor_override, fname):
    given = stride is not None and stride != [] and stride != ()
    kernel = _pair(kernel, "kernel_size", fname)
    stride = _pair(stride, "stride", fname, must="stride must either be omitted, a single int, or a tuple of two ints") if given else kernel
    padding = _pair(padding, "padding", fname)
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    out = _check_pool(input._data, kernel, stride, padding, (1, 1), ceil_mode)
    return AvgPool2d.apply(input, kernel, stride, padding, bool(ceil_mode), bool(count_include_pad),
                           divisor_override, tuple(out), given)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    """The mean of each kernel_size window, windows ``stride`` apart (kernel_size by default)."""
    if input._data.ndim < 3:  # (PyTorch reads the size of dim -3 first)
        n = max(input._data.ndim, 1)
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got -3)")
    return _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override,
                     "avg_pool2d")


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    """avg_pool2d over a height of 1: (N, C, L) -> (N, C, L_out)."""
    if input._data.ndim not in (2, 3):
        raise RuntimeError(
            f"Expected 2 to 3 dimensions, but got {input._data.ndim}-dimensional tensor for argument #1 'self' "
            "(while checking arguments for avg_pool1d)"
        )
    first = lambda v, f: (f,) + tuple(v) if isinstance(v, (tuple, list)) else (f, v)  # noqa: E731
    stride = None if stride is None or stride == [] or stride == () else first(stride, 1)
    y = _avg_pool(unsqueeze(input, -2), first(kernel_size, 1), stride, first(padding, 0), ceil_mode,
                  count_include_pad, None, "avg_pool1d")
    return squeeze(y, -2)


def adaptive_avg_pool2d(input, output_size):
    """Means over output_size windows that tile the input (a size of None keeps the input's)."""
    x = input._data
    if x.ndim not in (3, 4):
        raise RuntimeError(
            f"adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got {shape_str(x.shape)}"
        )
    if isinstance(output_size, int):
        output_size = (output_size, output_size)
    if x.ndim < len(output_size) + 1:
        raise ValueError(f"Input dimension should be at least {len(output_size) + 1}")
    if len(output_size) != 2:
        raise RuntimeError("adaptive_avg_pool2d: output_size must be 2")
    out = tuple(x.shape[-2 + i] if s is None else int(s) for i, s in enumerate(output_size))
    if out == (1, 1):  # PyTorch takes the mean then
        return mean(input, (-1, -2), keepdim=True)
    return AdaptiveAvgPool2d.apply(input, out)

