"""The three nodes recurrent layers record that no other op does (the layers themselves are in
``nn/rnn.py``, written with ordinary ops):

* ``UnsafeSplit``: the gates of an LSTM or GRU step cut out of one matrix product
  (``unsafe_chunk``, PyTorch's ``UnsafeSplitBackward0``);
* ``TransposeInPlace``: a batch-first RNN or GRU output, turned by PyTorch with an in-place
  ``transpose_(0, 1)`` (``TransposeBackward1``);
* ``MkldnnRnnLayer``: a whole float32 LSTM layer as one node, as PyTorch's CPU build records it
  (``MkldnnRnnLayerBackward0``); its backward runs the backward of the layer's steps.
"""
import numpy as np

from ..autograd.engine import grad as _grad
from ..autograd.function import Function
from ..autograd.grad_mode import GradMode, enable_grad
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


def transpose_time_and_batch_(output):
    """The batch-first result of a layer's (time, batch, ...) output, as PyTorch's ``transpose_``."""
    out = TransposeInPlace.apply(output)
    out._vc[0] += 1  # (an in-place change of the stacked output: PyTorch shows version 1)
    return out


class MkldnnRnnLayer(Function):
    """One LSTM layer in one direction over a whole sequence, recorded as one node.

    PyTorch's CPU build runs a float32 LSTM through oneDNN, one call per layer and direction, so
    its graph has one ``MkldnnRnnLayerBackward0`` node per layer, with edges to (input, w_ih,
    w_hh, b_ih, b_hh, hx, cx) and three outputs (output, h_n, c_n). Here that node runs the
    layer's steps as ordinary ops (``steps``, the LSTM layer of ``nn/rnn.py``):

    * forward records the steps' graph on stand-ins for the inputs (the same values, detached)
      and keeps it inside this node;
    * backward backpropagates through that inner graph (``autograd.grad`` from the steps'
      outputs to the stand-ins): the gradient is what the steps' own nodes compute. When
      backward itself is recorded (``create_graph=True``), the steps are run again on the real
      inputs, so the gradient can be differentiated again.

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
        stand_ins = tuple(t.detach().requires_grad_(t.requires_grad) if t is not None else None for t in real)
        with enable_grad():
            inner = steps(*stand_ins, reverse=reverse)
        outputs = tuple(t.detach() for t in inner)
        ctx.steps, ctx.reverse, ctx.train = steps, reverse, train
        ctx.batch_first, ctx.batch_sizes, ctx.bidirectional, ctx.num_layers = False, (), False, 1
        ctx.has_biases, ctx.hidden_size, ctx.mode = b_ih is not None, hx.shape[-1], 2  # (2: LSTM)
        ctx.save_for_backward(*real, *outputs, *inner, *stand_ins)
        return outputs

    @staticmethod
    def backward(ctx, grad_output, grad_hy, grad_cy):
        saved = ctx.saved_tensors
        if GradMode.enabled:  # create_graph=True: differentiate the steps run on the real inputs
            inputs = saved[:7]
            outputs = ctx.steps(*inputs, reverse=ctx.reverse)
        else:
            outputs, inputs = saved[10:13], saved[13:]
        wanted = [t for t, needed in zip(inputs, ctx.needs_input_grad) if needed]
        found = iter(_grad(outputs, wanted, (grad_output, grad_hy, grad_cy), retain_graph=True,
                           create_graph=GradMode.enabled, allow_unused=True) if wanted else ())
        return tuple(next(found) if needed else None for needed in ctx.needs_input_grad[:7]) + (None,) * 3
