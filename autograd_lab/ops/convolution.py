"""Convolutions, 1d and 2d: ``conv1d``, ``conv2d`` (what ``nn.Conv1d`` / ``nn.Conv2d`` run).

One output value is a dot product of the weight with one window of the input. Lay every window
out as a column ("im2col": ``_windows`` is a strided view, the copy is one reshape), and the whole
convolution is one matrix product of the weight with the windows. Its derivative is two matrix
products: the weight's gradient pairs the output's gradient with the same windows, and the
input's gradient sends each window's gradient back to where the window came from ("col2im":
``_add_windows``, one strided add per kernel position).
"""
import warnings

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward, linear_jvp
from ..parity.messages import shape_str
from ._support import not_implemented, scalar_type
from .shape import squeeze, unsqueeze


# -- windows: the input laid out as columns, and back ---------------------------------------------
def _windows(xp, kernel, stride, dilation):
    """A view of the padded input ``xp`` (N, C, *size) of shape (N, C, *out, *kernel), where
    ``[n, c, *o, *k]`` is ``xp[n, c, *(o * stride + k * dilation)]``. No copy."""
    span = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilation))
    every = sliding_window_view(xp, span, axis=tuple(range(2, xp.ndim)))
    steps = tuple(slice(None, None, s) for s in stride) + tuple(slice(None, None, d) for d in dilation)
    return every[(slice(None), slice(None)) + steps]


def _add_windows(cols, padded_size, kernel, stride, dilation):
    """The opposite of ``_windows``: an array of ``padded_size`` where every entry of ``cols``
    (N, C, *out, *kernel) is added back at the place its window took it from."""
    n, c = cols.shape[:2]
    out = cols.shape[2:2 + len(kernel)]
    total = np.zeros((n, c) + tuple(padded_size), cols.dtype)
    for k in np.ndindex(*kernel):  # one strided add per kernel position
        where = tuple(slice(ki * d, ki * d + s * (o - 1) + 1, s) for ki, d, s, o in zip(k, dilation, stride, out))
        total[(slice(None), slice(None)) + where] += cols[(Ellipsis,) + k]
    return total


def _pad(x, padding, value=0):
    if not any(padding):
        return x
    return np.pad(x, ((0, 0), (0, 0)) + tuple((p, p) for p in padding), constant_values=value)


def _columns(x, kernel, stride, padding, dilation, groups):
    """The input's windows as one matrix per group, a column per output position:
    (groups, C/groups * kernel, N * out positions)."""
    n, c = x.shape[:2]
    d = len(kernel)
    cols = _windows(_pad(x, padding), kernel, stride, dilation)  # (N, C, *out, *kernel), a view
    out = cols.shape[2:2 + d]
    # (C, *kernel, N, *out): positions last, so that the copy runs along the input's rows
    order = (1,) + tuple(range(2 + d, 2 + 2 * d)) + (0,) + tuple(range(2, 2 + d))
    size = c // groups * int(np.prod(kernel))
    return cols.transpose(order).reshape(groups, size, n * int(np.prod(out))), out


def _grad_columns(grad, groups):
    """The output's gradient (N, O, *out) as (groups, O/groups, N * out), lined up with ``_columns``."""
    n, o = grad.shape[:2]
    return np.ascontiguousarray(grad.swapaxes(0, 1)).reshape(groups, o // groups, n * int(np.prod(grad.shape[2:])))


def _forward(x, w, stride, padding, dilation, groups):
    """The convolution without its bias: (N, C, *size) * (O, C/groups, *kernel) -> (N, O, *out)."""
    cols, out = _columns(x, w.shape[2:], stride, padding, dilation, groups)
    n, o = x.shape[0], w.shape[0]
    weight = w.reshape(groups, o // groups, cols.shape[1])  # (groups, O/groups, C/groups * kernel)
    y = np.matmul(weight, cols)  # (groups, O/groups, N * out): one row per output channel
    return np.ascontiguousarray(y.reshape((o, n) + out).swapaxes(0, 1))


def _weight_grad(x, grad, w_shape, stride, padding, dilation, groups):
    """d loss / d weight: every window of the input times the gradient of the output it made,
    summed over the batch and the positions (grad @ windows^T, one product per group)."""
    cols, _ = _columns(x, w_shape[2:], stride, padding, dilation, groups)
    return np.matmul(_grad_columns(grad, groups), cols.transpose(0, 2, 1)).reshape(w_shape)


def _input_grad(grad, w, x_shape, stride, padding, dilation, groups):
    """d loss / d input: the weight times each output's gradient is the gradient of its window
    (weight^T @ grad), added back where the window came from, the padding cut off."""
    n, c = x_shape[:2]
    o, kernel = w.shape[0], w.shape[2:]
    d = len(kernel)
    out = grad.shape[2:]
    weight = w.reshape(groups, o // groups, -1)
    cols = np.matmul(weight.transpose(0, 2, 1), _grad_columns(grad, groups))  # (groups, C/g * kernel, N * out)
    cols = cols.reshape((c,) + kernel + (n,) + out)
    # as (N, C, *out, *kernel), a view
    cols = cols.transpose((1 + d, 0) + tuple(range(2 + d, 2 + 2 * d)) + tuple(range(1, 1 + d)))
    padded = tuple(s + 2 * p for s, p in zip(x_shape[2:], padding))
    total = _add_windows(cols, padded, kernel, stride, dilation)
    return total[(slice(None), slice(None)) + tuple(slice(p, p + s) for p, s in zip(padding, x_shape[2:]))]


class Convolution(Function):
    """y[n, o] = bias[o] + sum over c, k of weight[o, c, k] * x[n, c, position * stride + k * dilation]
    (weight @ windows, in ``_forward`` above). The derivatives are in ``ConvolutionBackward``
    below: d/dweight pairs the input's windows with grad, d/dx adds grad @ weight back into the
    windows, d/dbias sums grad over the batch and the positions."""

    node_name = "ConvolutionBackward0"
    raw = True
    inputs = (0, 1, 2)
    saved_names = ("input", "weight")
    saved_values = ("bias_sym_sizes_opt", "dilation", "groups", "output_padding", "padding", "stride", "transposed")

    @staticmethod
    def forward(x, w, b, stride, padding, dilation, groups):
        y = _forward(x, w, stride, padding, dilation, groups)
        if b is not None:
            y += b.reshape((1, -1) + (1,) * (y.ndim - 2))
        return y

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, w, b, stride, padding, dilation, groups = inputs
        ctx.save_for_backward(x, w)
        ctx.stride, ctx.padding, ctx.dilation, ctx.groups = stride, padding, dilation, groups
        ctx.output_padding, ctx.transposed = (0,) * len(stride), False
        ctx.bias_sym_sizes_opt = tuple(b._data.shape) if b is not None else (0,)

    @staticmethod
    def backward(ctx, grad):
        x, w = ctx.saved_tensors
        needs = ctx.needs_input_grad
        params = (ctx.stride, ctx.padding, ctx.dilation, ctx.groups)
        grad_x = grad_w = grad_b = None
        if needs[0] or needs[1]:
            grad_x, grad_w = ConvolutionBackward.apply(grad, x, w, *params, (needs[0], needs[1]))
            grad_x, grad_w = (grad_x if needs[0] else None), (grad_w if needs[1] else None)
        if needs[2]:
            grad_b = grad.sum((0,) + tuple(range(2, grad.dim())))
        return grad_x, grad_w, grad_b, None, None, None, None

    jvp = staticmethod(jvp_from_backward)


class ConvolutionBackward(Function):
    """(grad, x, w) -> (d/dx, d/dweight) of a convolution, a node of its own for second
    derivatives. Both are linear in grad, d/dx in the weight and d/dweight in x, so their own
    derivatives are convolutions again (``backward``)."""

    node_name = "ConvolutionBackwardBackward0"
    raw = True

    @staticmethod
    def forward(grad, x, w, stride, padding, dilation, groups, needs):
        grad_x = _input_grad(grad, w, x.shape, stride, padding, dilation, groups) if needs[0] else None
        grad_w = _weight_grad(x, grad, w.shape, stride, padding, dilation, groups) if needs[1] else None
        # (a gradient nobody asked for is an empty array: outputs are arrays)
        return tuple(np.zeros(0, grad.dtype) if g is None else g for g in (grad_x, grad_w))

    @staticmethod
    def setup_context(ctx, inputs, output):
        grad, x, w, stride, padding, dilation, groups, needs = inputs
        ctx.save_for_backward(grad, x, w)
        ctx.params, ctx.made = (stride, padding, dilation, groups), needs

    @staticmethod
    def backward(ctx, gg_x, gg_w):
        grad, x, w = ctx.saved_tensors
        gg_x = gg_x if ctx.made[0] else None
        gg_w = gg_w if ctx.made[1] else None
        # d/dx = conv^T(grad, w) is linear in grad and w; d/dw = corr(x, grad) in x and grad:
        d_grad = None
        if gg_x is not None:
            d_grad = Convolution.apply(gg_x, w, None, *ctx.params)
        if gg_w is not None:
            term = Convolution.apply(x, gg_w, None, *ctx.params)
            d_grad = term if d_grad is None else d_grad + term
        d_x = d_w = None
        if gg_w is not None or gg_x is not None:
            # the same op on (grad, gg_x, gg_w) gives (d/dx, d/dw) = (conv^T(grad, gg_w), corr(gg_x, grad));
            # where one is missing, x or w stands in for its shape only
            other_x = gg_x if gg_x is not None else x.detach()
            other_w = gg_w if gg_w is not None else w.detach()
            d_x, d_w = ConvolutionBackward.apply(grad, other_x, other_w, *ctx.params, (gg_w is not None, gg_x is not None))
            d_x = d_x if gg_w is not None else None
            d_w = d_w if gg_x is not None else None
        return d_grad, d_x, d_w, None, None, None, None, None

    jvp = staticmethod(jvp_from_backward)


# -- F.conv1d, F.conv2d: PyTorch's checks, then the op ------------------------------------------
def _ints(value, d, name="stride"):
    if isinstance(value, (tuple, list)):
        value = tuple(int(v) for v in value)
        return value * d if len(value) == 1 else value
    return (int(value),) * d


_SAME_WARNING = (
    "Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the "
    "input be created (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/Convolution.cpp:1101.)"
)
_warned = []


def _convolution(input, weight, bias, stride, padding, dilation, groups, d):
    batched = input._data.ndim == d + 2
    if input._data.ndim != d + 1 and not batched:
        raise RuntimeError(
            f"Expected {d + 1}D (unbatched) or {d + 2}D (batched) input to conv{d}d, but got input of size: "
            f"{shape_str(input._data.shape)}"
        )
    x = input if batched else unsqueeze(input, 0)
    stride, dilation = _ints(stride, d), _ints(dilation, d)
    extra = None  # ('same' with an even kernel: the one more zero that goes at the end)
    if isinstance(padding, str):
        if padding == "valid":
            padding = (0,) * d
        elif padding == "same":
            if any(s != 1 for s in stride):
                raise RuntimeError("padding='same' is not supported for strided convolutions")
            totals = [dl * (k - 1) for dl, k in zip(dilation, weight._data.shape[2:])]
            padding = tuple(t // 2 for t in totals)
            if any(t % 2 for t in totals):
                if not _warned:  # (once per process, as PyTorch's TORCH_WARN_ONCE)
                    _warned.append(True)
                    warnings.warn(_SAME_WARNING, UserWarning, stacklevel=4)
                extra = tuple(t % 2 for t in totals)
        else:
            raise RuntimeError(f"Invalid padding string: '{padding}'")
    else:
        padding = _ints(padding, d)
    _check(x._data, weight._data, bias, stride, padding, dilation, groups)
    if extra is not None:
        x = ConstantPadNd.apply(x, extra)
    y = Convolution.apply(x, weight, bias, stride, padding, dilation, groups)
    return y if batched else squeeze(y, 0)


def _check(x, w, bias, stride, padding, dilation, groups):
    """PyTorch's checks of a convolution's arguments, in its order and words."""
    for name, values in (("stride", stride), ("padding", padding), ("dilation", dilation)):
        if len(values) != w.ndim - 2:
            raise RuntimeError(
                f"expected {name} to be a single integer value or a list of {w.ndim - 2} values to match the "
                f"convolution dimensions, but got {name}={shape_str(values)}"
            )
    if any(p < 0 for p in padding):
        raise RuntimeError("negative padding is not supported")
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(dl <= 0 for dl in dilation):
        raise RuntimeError(f"dilation should be greater than zero, but got {shape_str(dilation)}")
    w_size = shape_str(w.shape)
    if w.ndim != x.ndim:
        raise RuntimeError(
            f"Expected {w.ndim}-dimensional input for {w.ndim}-dimensional weight {w_size}, but got "
            f"{x.ndim}-dimensional input of size {shape_str(x.shape)} instead"
        )
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    if w.shape[0] < groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be at least {groups} at dimension 0, but got weight of "
            f"size {w_size} instead"
        )
    if w.shape[0] % groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, but got weight "
            f"of size [{w_size}] instead"
        )
    if x.shape[1] != w.shape[1] * groups:
        raise RuntimeError(
            f"Given groups={groups}, weight of size {w_size}, expected input{shape_str(x.shape)} to have "
            f"{w.shape[1] * groups} channels, but got {x.shape[1]} channels instead"
        )
    if bias is not None and (bias._data.ndim != 1 or bias._data.shape[0] != w.shape[0]):
        raise RuntimeError(
            f"Given weight of size {w_size}, expected bias to be 1-dimensional with {w.shape[0]} elements, but "
            f"got bias of size {shape_str(bias._data.shape)} instead"
        )
    padded = [s + 2 * p for s, p in zip(x.shape[2:], padding)]
    spans = [dl * (k - 1) + 1 for dl, k in zip(dilation, w.shape[2:])]
    if any(p < k for p, k in zip(padded, spans)):
        raise RuntimeError(
            f"Calculated padded input size per channel: ({' x '.join(map(str, padded))}). Kernel size: "
            f"({' x '.join(map(str, spans))}). Kernel size can't be greater than actual input size"
        )
    if x.dtype != w.dtype:
        raise RuntimeError(f"expected scalar type {scalar_type(x.dtype)} but found {scalar_type(w.dtype)}")
    if bias is not None and bias._data.dtype != x.dtype:
        raise RuntimeError(
            f"Input type ({_C_NAMES.get(x.dtype.name, x.dtype.name)}) and bias type "
            f"({_C_NAMES.get(bias._data.dtype.name, bias._data.dtype.name)}) should be the same"
        )
    if x.dtype.kind == "b":
        raise not_implemented("slow_conv2d_cpu", x.dtype)


_C_NAMES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int"}


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """A 1d convolution (a cross-correlation, as in every deep-learning library) of
    (N, C_in, L) with a weight (C_out, C_in / groups, k): (N, C_out, L_out)."""
    return _convolution(input, weight, bias, stride, padding, dilation, groups, 1)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """A 2d convolution of (N, C_in, H, W) with a weight (C_out, C_in / groups, kh, kw):
    (N, C_out, H_out, W_out), H_out = (H + 2 padding - dilation (kh - 1) - 1) // stride + 1.

    >>> F.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2))
    tensor([[[[4., 4.],
              [4., 4.]]]])
    """
    return _convolution(input, weight, bias, stride, padding, dilation, groups, 2)


class ConstantPadNd(Function):
    """Zeros added after the end of each spatial dim (``extra[i]`` of them on dim 2 + i): the one
    more zero that padding='same' needs for an even kernel. d/dx: the gradient without them."""

    node_name = "ConstantPadNdBackward0"
    raw = True
    saved_values = ("pad",)

    @staticmethod
    def forward(x, extra):
        return np.pad(x, ((0, 0), (0, 0)) + tuple((0, e) for e in extra))

    @staticmethod
    def setup_context(ctx, inputs, output):
        extra = inputs[1]
        ctx.pad = tuple(v for e in reversed(extra) for v in (0, e))  # PyTorch's order: last dim first

    @staticmethod
    def backward(ctx, grad):
        extra = ctx.pad[1::2][::-1]
        keep = tuple(slice(0, s - e) for s, e in zip(grad.shape[2:], extra))
        return grad[(slice(None), slice(None)) + keep], None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent

# -- transposed convolutions: the input's gradient of a convolution, as an op of its own ------------------
class ConvolutionTransposed(Function):
    """y = what d/dx of a convolution would be for an output gradient x: every input entry times
    the weight, added into the output window it would have come from (``_input_grad``). Its
    derivatives: d/dx is the convolution of grad with the same weight; d/dweight pairs grad's
    windows with x (a convolution's weight gradient, roles swapped); d/dbias sums grad."""

    node_name = "ConvolutionBackward0"
    raw = True
    inputs = (0, 1, 2)
    saved_names = ("input", "weight")
    saved_values = ("bias_sym_sizes_opt", "dilation", "groups", "output_padding", "padding", "stride", "transposed")

    @staticmethod
    def forward(x, w, b, stride, padding, output_padding, dilation, groups):
        n, size = x.shape[0], x.shape[2:]
        out = tuple((s - 1) * st - 2 * p + dl * (k - 1) + op + 1
                    for s, st, p, dl, k, op in zip(size, stride, padding, dilation, w.shape[2:], output_padding))
        y = _input_grad(x, w, (n, w.shape[1] * groups) + out, stride, padding, dilation, groups)
        y = np.ascontiguousarray(y)
        if b is not None:
            y += b.reshape((1, -1) + (1,) * (y.ndim - 2))
        return y

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, w, b, stride, padding, output_padding, dilation, groups = inputs
        ctx.save_for_backward(x, w)
        ctx.stride, ctx.padding, ctx.output_padding, ctx.dilation, ctx.groups = stride, padding, output_padding, dilation, groups
        ctx.transposed = True
        ctx.bias_sym_sizes_opt = tuple(b._data.shape) if b is not None else (0,)

    @staticmethod
    def backward(ctx, grad):
        x, w = ctx.saved_tensors
        needs = ctx.needs_input_grad
        params = (ctx.stride, ctx.padding, ctx.dilation, ctx.groups)
        grad_x = Convolution.apply(grad, w, None, *params) if needs[0] else None
        grad_w = ConvolutionBackward.apply(x, grad, w, *params, (False, True))[1] if needs[1] else None
        grad_b = grad.sum((0,) + tuple(range(2, grad.dim()))) if needs[2] else None
        return grad_x, grad_w, grad_b, None, None, None, None, None

    jvp = staticmethod(jvp_from_backward)  # bilinear in (input, weight), as convolution


def _conv_transpose(input, weight, bias, stride, padding, output_padding, groups, dilation, d):
    batched = input._data.ndim == d + 2
    if input._data.ndim != d + 1 and not batched:
        raise RuntimeError(
            f"Expected {d + 1}D (unbatched) or {d + 2}D (batched) input to conv_transpose{d}d, but got input of "
            f"size: {shape_str(input._data.shape)}"
        )
    x = input if batched else unsqueeze(input, 0)
    stride, padding, dilation = _ints(stride, d), _ints(padding, d), _ints(dilation, d)
    output_padding = _ints(output_padding, d)
    w = weight._data
    if x._data.shape[1] != w.shape[0]:
        raise RuntimeError(
            f"Given transposed=1, weight of size {shape_str(w.shape)}, expected input{shape_str(x._data.shape)} to "
            f"have {w.shape[0]} channels, but got {x._data.shape[1]} channels instead"
        )
    if any(op >= s and op >= dl for op, s, dl in zip(output_padding, stride, dilation)):
        # (a 1d one is run as a 2d one of height 1: its height is (0, 1, 1))
        (oph, opw), (sh, sw), (dh, dw) = ((v if d == 2 else (one,) + v) for v, one in
                                          ((output_padding, 0), (stride, 1), (dilation, 1)))
        raise RuntimeError("output padding must be smaller than either stride or dilation, but got "
                           f"output_padding_height: {oph} output_padding_width: {opw} stride_height: {sh} "
                           f"stride_width: {sw} dilation_height: {dh} dilation_width: {dw}")
    if x.dtype != weight.dtype:
        raise RuntimeError(f"expected scalar type {scalar_type(x._data.dtype)} but found {scalar_type(w.dtype)}")
    y = ConvolutionTransposed.apply(x, weight, bias, stride, padding, output_padding, dilation, groups)
    return y if batched else squeeze(y, 0)


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """The transposed 1d convolution of (N, C_in, L) with a weight (C_in, C_out / groups, k):
    (N, C_out, (L - 1) stride - 2 padding + dilation (k - 1) + output_padding + 1). It spreads
    each input entry over a window of the output, the gradient of conv1d with respect to its input."""
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups, dilation, 1)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """The transposed 2d convolution (a 'deconvolution') of (N, C_in, H, W) with a weight
    (C_in, C_out / groups, kh, kw): upsampling by ``stride``."""
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups, dilation, 2)
