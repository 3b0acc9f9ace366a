"""The three nodes recurrent layers record that no other op does (the layers themselves are in
``nn/rnn.py``, written with ordinary ops):

* ``UnsafeSplit``: the gates of an LSTM or GRU step cut out of one matrix product
  (``unsafe_chunk``, PyTorch's ``UnsafeSplitBackward0``);
* ``TransposeInPlace``: a batch-first RNN or GRU output, turned by PyTorch with an in-place
  ``transpose_(0, 1)`` (``TransposeBackward1``);
* ``MkldnnRnnLayer``: a whole float32 LSTM layer as one node, as PyTorch's CPU build records it
  (``MkldnnRnnLayerBackward0``): the steps on numpy arrays, and their derivative through time;
* ``PackPadded``: a padded batch packed into the rows of a ``PackedSequence``
  (``PackPaddedSequenceBackward0``).
"""
import numpy as np

from ..autograd.engine import grad as _grad
from ..autograd.function import NO_JVP_MESSAGE, Function
from ..autograd.forward_ad import linear_jvp
from ..autograd.grad_mode import GradMode
from .._tensor import Tensor
from .indexing import _scatter
from .join_split import Split


class UnsafeSplit(Split):
    """``gates.unsafe_chunk(4, 1)``: a split whose pieces are not tracked as views of ``gates``
    (so a step may change them in place). The gradient of the pieces is joined back, as for
    ``split``."""

    node_name = "UnsafeSplitBackward0"
    is_view = False


def unsafe_chunk(input, chunks, dim=0):
    """``chunks`` equal pieces of ``input`` along ``dim``, recorded as ``UnsafeSplitBackward0``."""
    n = input._data.shape[dim]
    step = -(-n // chunks)
    sizes = tuple(min(step, n - i) for i in range(0, n, step)) if n else (0,) * chunks
    return UnsafeSplit.apply(input, sizes, dim)


class TransposeInPlace(Function):
    """``output.transpose_(0, 1)``: the time-major output of a layer made batch-first.

    PyTorch turns the stacked output in place, so the result is not a view (``_base`` is None)
    and its version is 1; the gradient is transposed back.
    """

    node_name = "TransposeBackward1"
    saved_values = ("dim0", "dim1")
    raw = True

    @staticmethod
    def forward(a):
        return np.swapaxes(a, 0, 1)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.dim0, ctx.dim1 = 0, 1

    @staticmethod
    def backward(ctx, grad):
        return grad.transpose(0, 1)

    jvp = staticmethod(linear_jvp)  # linear: the same op on the tangent


def transpose_time_and_batch_(output):
    """The batch-first result of a layer's (time, batch, ...) output, as PyTorch's ``transpose_``."""
    out = TransposeInPlace.apply(output)
    out._vc[0] += 1  # (an in-place change of the stacked output: PyTorch shows version 1)
    return out


def _sigmoid(a):
    with np.errstate(over="ignore"):  # (e^-x overflows to inf for very negative x: sigmoid is 0)
        return np.reciprocal(np.exp(np.negative(a)) + 1)


def lstm_layer_forward(x, w_ih, w_hh, b_ih, b_hh, h, c, reverse):
    """The LSTM's steps on numpy arrays (the formulas of ``nn/rnn.py``'s ``lstm_step``): the
    output, the last h and c, and what backward needs: every step's gates after their sigmoid or
    tanh (i, f, g, o side by side), and its c, tanh(c') and h before the step."""
    hidden = w_hh.shape[1]
    x_part = x @ w_ih.T  # the input's share of every step's gates, in one product
    if b_ih is not None:
        x_part += b_ih + b_hh
    steps, batch = x.shape[:2]
    output, c_before, tanh_c, h_before = (np.empty((steps, batch, hidden), x.dtype) for _ in range(4))
    acts = np.empty_like(x_part)
    for t in (reversed(range(steps)) if reverse else range(steps)):
        gates = x_part[t] + h @ w_hh.T
        acts[t] = _sigmoid(gates)
        acts[t, :, 2 * hidden:3 * hidden] = np.tanh(gates[:, 2 * hidden:3 * hidden])  # g: tanh, not sigmoid
        i, f, g, o = np.split(acts[t], 4, axis=1)
        c_before[t], h_before[t] = c, h
        c = f * c + i * g
        tanh_c[t] = np.tanh(c)
        h = output[t] = o * tanh_c[t]
    return output, h, c, (acts, c_before, tanh_c, h_before)


def lstm_layer_backward(x, w_ih, w_hh, kept, grad_output, grad_h, grad_c, reverse):
    """Backpropagation through time: the steps' derivatives, from the last step to the first.

    For one step, with dh the gradient reaching h' (from the output and from the next step):
    do = dh tanh(c'), dc = dc_next + dh o (1 - tanh(c')^2), di = dc g, dg = dc i, df = dc c; c's
    own gradient is dc f. Through the gates' sigmoid and tanh, d(gates) = (di i(1-i), df f(1-f),
    dg (1-g^2), do o(1-o)), and h's gradient is d(gates) W_hh. The weights' gradients are sums
    over the steps, taken in one product at the end. Returns the gradients of (x, w_ih, w_hh,
    b_ih, b_hh, h0, c0).
    """
    acts, c_before, tanh_c, h_before = kept
    d_gates = np.empty_like(acts)
    dh, dc = grad_h, grad_c
    for t in (range(len(x)) if reverse else reversed(range(len(x)))):
        i, f, g, o = np.split(acts[t], 4, axis=1)
        dh = dh + grad_output[t]
        dc = dc + dh * o * (1 - tanh_c[t] * tanh_c[t])
        d_gates[t] = np.concatenate([dc * g * i * (1 - i), dc * c_before[t] * f * (1 - f), dc * i * (1 - g * g),
                                     dh * tanh_c[t] * o * (1 - o)], axis=1)
        dh, dc = d_gates[t] @ w_hh, dc * f
    rows = d_gates.reshape(-1, d_gates.shape[-1])
    d_bias = rows.sum(0)
    d_w_ih = rows.T @ x.reshape(-1, x.shape[-1])
    d_w_hh = rows.T @ h_before.reshape(-1, h_before.shape[-1])
    return d_gates @ w_ih, d_w_ih, d_w_hh, d_bias, d_bias.copy(), dh, dc


class MkldnnRnnLayer(Function):
    """One LSTM layer in one direction over a whole sequence, computed and recorded as one node.

    PyTorch's CPU build runs a float32 LSTM through oneDNN, one call per layer and direction, so
    its graph has one ``MkldnnRnnLayerBackward0`` node per layer, with edges to (input, w_ih,
    w_hh, b_ih, b_hh, hx, cx) and three outputs (output, h_n, c_n). Here forward runs the steps
    on numpy arrays (``lstm_layer_forward`` above) and backward is their derivative through time
    (``lstm_layer_backward``). When backward is itself recorded (``create_graph=True``), the
    steps are run again as ordinary ops (``steps``: the LSTM layer of ``nn/rnn.py``) and
    differentiated with ``autograd.grad``, so the gradient can be differentiated again.

    >>> out, h, c = MkldnnRnnLayer.apply(x, w_ih, w_hh, b_ih, b_hh, h0, c0, steps, False)
    """

    node_name = "MkldnnRnnLayerBackward0"
    inputs = (0, 1, 2, 3, 4, 5, 6)  # an edge for each of these, (None, 0) for a missing bias
    saved_names = ("input", "weight0", "weight1", "weight2", "weight3", "hx_", "cx_",
                   "result0", "result1", "result2")
    saved_values = ("batch_first", "batch_sizes", "bidirectional", "has_biases", "hidden_size", "mode",
                    "num_layers", "reverse", "train")

    @staticmethod
    def forward(ctx, input, w_ih, w_hh, b_ih, b_hh, hx, cx, steps, reverse, train=True):
        real = (input, w_ih, w_hh, b_ih, b_hh, hx, cx)
        output, h, c, kept = lstm_layer_forward(*(t._data if t is not None else None for t in real), reverse)
        outputs = tuple(Tensor._make(a) for a in (output, h, c))
        ctx.steps, ctx.reverse, ctx.train = steps, reverse, train
        ctx.batch_first, ctx.batch_sizes, ctx.bidirectional, ctx.num_layers = False, (), False, 1
        ctx.has_biases, ctx.hidden_size, ctx.mode = b_ih is not None, hx.shape[-1], 2  # (2: LSTM)
        ctx.save_for_backward(*real, *outputs, *(Tensor._make(a) for a in kept))
        return outputs

    @staticmethod
    def backward(ctx, grad_output, grad_hy, grad_cy):
        saved = ctx.saved_tensors
        needed = ctx.needs_input_grad[:7]
        if GradMode.enabled:  # create_graph=True: differentiate the steps run as ops on the real inputs
            inputs = saved[:7]
            outputs = ctx.steps(*inputs, reverse=ctx.reverse)
            wanted = [t for t, n in zip(inputs, needed) if n]
            found = iter(_grad(outputs, wanted, (grad_output, grad_hy, grad_cy), create_graph=True, allow_unused=True))
            grads = [next(found) if n else None for n in needed]
        else:
            x, w_ih, w_hh = (t._data for t in saved[:3])
            kept = tuple(t._data for t in saved[10:14])
            arrays = lstm_layer_backward(x, w_ih, w_hh, kept, grad_output._data, grad_hy._data, grad_cy._data,
                                         ctx.reverse)
            grads = [Tensor._make(a) if n else None for a, n in zip(arrays, needed)]
        return tuple(grads) + (None,) * 3

    @staticmethod
    def jvp(ctx, *tangents):  # (PyTorch has no forward-mode formula for mkldnn_rnn_layer: it raises)
        raise NotImplementedError(NO_JVP_MESSAGE.format("mkldnn_rnn_layer"))


class PackPadded(Function):
    """``pack_padded_sequence``: the real steps of a padded (time, batch, *) input, step after
    step, each step's sequences in batch order (the longest first). The rows are picked with one
    index ``key`` = (times, batch positions); backward puts the gradient back there, zeros on
    the padding."""

    node_name = "PackPaddedSequenceBackward0"
    raw = True
    saved_values = ("batch_first", "input_sizes")

    @staticmethod
    def forward(a, key, batch_first):
        return np.ascontiguousarray(a[key[::-1]] if batch_first else a[key])

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, key, ctx.batch_first = inputs
        ctx.key = key[::-1] if ctx.batch_first else key
        ctx.input_sizes = a._data.shape

    @staticmethod
    def backward(ctx, grad):
        return _scatter(grad, ctx.input_sizes, ctx.key), None, None

    aten = "_pack_padded_sequence"
    jvp = None  # (PyTorch has no forward-mode formula for it: it raises)
