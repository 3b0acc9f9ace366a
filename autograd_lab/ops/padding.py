"""Padding: ``F.pad`` with a constant, or with the input's own entries mirrored ('reflect'),
repeated ('replicate') or wrapped around ('circular').

Constant padding puts the input inside a larger array; its derivative cuts the gradient back
out (a pad by minus the widths). The other modes pick, for every output position, the input
position it copies: one index per padded dim, so the forward is an index and the derivative adds
each gradient back into the place it was copied from.
"""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import linear_jvp
from ..parity.messages import shape_str
from .indexing import Scatter


class ConstantPadNd(Function):
    """``pad`` = (left, right) pairs, the last dim first, as F.pad takes them; a negative width
    cuts entries off. d/dx: the gradient padded by minus the widths (cut back to x's shape)."""

    node_name = "ConstantPadNdBackward0"
    raw = True
    saved_values = ("pad",)

    @staticmethod
    def forward(x, pad, value=0):
        return _constant_pad(x, pad, value)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.pad = tuple(inputs[1])

    @staticmethod
    def backward(ctx, grad):
        return ConstantPadNd.apply(grad, tuple(-p for p in ctx.pad)), None, None

    @staticmethod
    def jvp(ctx, tx, *_):  # linear in x: the tangent padded with zeros (the value is a constant)
        return ConstantPadNd.apply(tx, ctx.inputs[1], 0)


def _constant_pad(x, pad, value):
    """Cut off where a width is negative, then pad where it is positive."""
    lead = x.ndim - len(pad) // 2
    cut, widths = [slice(None)] * lead, [(0, 0)] * lead
    for dim in range(lead, x.ndim):
        lo, hi = pad[2 * (x.ndim - 1 - dim)], pad[2 * (x.ndim - 1 - dim) + 1]
        cut.append(slice(max(-lo, 0), x.shape[dim] - max(-hi, 0)))
        widths.append((max(lo, 0), max(hi, 0)))
    return np.pad(x[tuple(cut)], widths, constant_values=value)


class _IndexPad(Function):
    """out = x[..., positions]: each padded dim reads the input at the positions ``_positions``
    gives (mirrored, repeated or wrapped). d/dx: each gradient added back where it was read."""

    raw = True
    saved_values = ("padding",)

    @staticmethod
    def forward(x, key, padding):
        return np.ascontiguousarray(x[key])

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.shape, ctx.key, ctx.padding = inputs[0]._data.shape, inputs[1], inputs[2]

    @staticmethod
    def backward(ctx, grad):
        return Scatter.apply(grad, ctx.shape, ctx.key, True), None, None

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def _pad_class(name):
    return type(name, (_IndexPad,), {"node_name": name + "Backward0", "__module__": __name__})


ReflectionPad1D, ReflectionPad2D, ReflectionPad3D = (_pad_class(f"ReflectionPad{d}D") for d in (1, 2, 3))
ReplicationPad1D, ReplicationPad2D, ReplicationPad3D = (_pad_class(f"ReplicationPad{d}D") for d in (1, 2, 3))
CircularPad = type("CircularPad", (_IndexPad,), {"node_name": "CopySlices", "node_qualname": "torch::autograd::CopySlices",
                                                  "__module__": __name__})
_CLASSES = {("reflect", 1): ReflectionPad1D, ("reflect", 2): ReflectionPad2D, ("reflect", 3): ReflectionPad3D,
            ("replicate", 1): ReplicationPad1D, ("replicate", 2): ReplicationPad2D,
            ("replicate", 3): ReplicationPad3D}


def _positions(mode, n, lo, hi):
    """The input position each output position copies, for a dim of size ``n`` padded by lo, hi."""
    p = np.arange(-lo, n + hi)
    if mode == "reflect":  # mirrored about the first and the last entry, which are not repeated
        p = np.abs(p)
        return np.where(p > n - 1, 2 * (n - 1) - p, p)
    if mode == "replicate":
        return np.clip(p, 0, n - 1)
    # circular: what a negative width leaves, repeated
    start, kept = max(-lo, 0), n - max(-lo, 0) - max(-hi, 0)
    return start + np.arange(-max(lo, 0), kept + max(hi, 0)) % kept


def pad(input, pad, mode="constant", value=None):
    """``input`` widened by ``pad`` = (left, right) for the last dim, then (top, bottom) for the
    one before, and so on; new entries hold ``value`` (mode 'constant', default 0) or copy the
    input's entries ('reflect', 'replicate', 'circular': the last 1-3 dims of a batch).

    >>> F.pad(torch.tensor([[1., 2., 3.]]), (2, 1), mode="reflect")
    tensor([[3., 2., 1., 2., 3., 2.]])
    """
    pad = tuple(pad)
    for i, p in enumerate(pad):
        if not isinstance(p, (int, np.integer)) or isinstance(p, bool):
            raise TypeError(f"pad(): argument 'pad' (position 2) must be tuple of ints, but found element of "
                            f"type {type(p).__name__} at pos {i}")
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    ndim = input._data.ndim
    if len(pad) // 2 > ndim:
        raise RuntimeError("Padding length should be less than or equal to two times the input dimension but got "
                           f"padding length {len(pad)} and input of dimension {ndim}")
    if mode == "constant":
        return ConstantPadNd.apply(input, pad, 0 if value is None else value)
    if mode not in ("reflect", "replicate", "circular"):
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if value is not None and value != 0:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
    d = len(pad) // 2
    if not (1 <= d <= 3 and ndim in (d + 1, d + 2)):
        raise NotImplementedError(
            f"Padding size {len(pad)} is not supported for {ndim}D input tensor.\n"
            "Supported combinations for non-constant padding:\n"
            "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
            "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
            "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)"
        )
    shape = input._data.shape
    axes = []
    for i in range(d):
        lo, hi = pad[2 * i], pad[2 * i + 1]
        dim = ndim - 1 - i
        n = shape[dim]
        if mode == "reflect" and (lo >= n or hi >= n):
            raise RuntimeError(
                f"Argument #4: Padding size should be less than the corresponding input dimension, but got: "
                f"padding ({lo}, {hi}) at dimension {dim} of input {shape_str(shape)}"
            )
        if mode == "circular" and (lo > n or hi > n):
            raise RuntimeError("Padding value causes wrapping around more than once.")
        axes.insert(0, _positions(mode, n, lo, hi))
    key = (slice(None),) * (ndim - d) + np.ix_(*axes)
    cls = CircularPad if mode == "circular" else _CLASSES[mode, d]
    return cls.apply(input, key, pad)

