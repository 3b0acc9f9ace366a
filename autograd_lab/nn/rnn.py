"""Recurrent layers: RNN, LSTM, GRU, and the cells that run one step of them (RNNCell,
LSTMCell, GRUCell).

One step of each cell is a few lines of tensor ops (``rnn_step``, ``lstm_step``, ``gru_step``
below). A layer multiplies the whole sequence by W_ih at once, then runs the step along it,
layer after layer, each layer reading the sequence of hidden states of the one below (both
directions joined when ``bidirectional``). The graph is PyTorch's CPU graph: RNN and GRU record
every step's ops; a float32 LSTM records one ``MkldnnRnnLayerBackward0`` node per layer and
direction, as PyTorch's oneDNN kernel does (``ops/recurrent.py``).

Weights start as PyTorch's do: every parameter uniform in +-1/sqrt(hidden_size), drawn from the
seeded generator in the order of ``parameters()``.

>>> lstm = LSTM(10, 20, num_layers=2)
>>> output, (h_n, c_n) = lstm(randn(5, 3, 10))   # (time, batch, features)
>>> output.shape, h_n.shape
(torch.Size([5, 3, 20]), torch.Size([2, 3, 20]))
"""
import math
import numbers
import warnings

from .. import creation
from .._dtype import float32
from ..ops.join_split import cat, stack
from ..ops.recurrent import MkldnnRnnLayer, transpose_time_and_batch_, unsafe_chunk
from . import functional as F
from . import init
from .module import Module
from .parameter import Parameter


# -- one step of each cell ----------------------------------------------------------------------------
# ``x_part`` is the input's share of the gates, x W_ih^T + b_ih: a layer computes it for the whole
# sequence in one product before the steps, a cell just before its step.

def rnn_step(x_part, h, w_hh, b_hh, nonlinearity="tanh"):
    """h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh), or relu."""
    pre = F.linear(h, w_hh, b_hh) + x_part
    return pre.tanh() if nonlinearity == "tanh" else pre.relu()


def lstm_step(x_part, h, c, w_hh, b_hh, w_hr=None):
    """(h', c') of an LSTM: four gates from one product, then c' = f*c + i*g, h' = o*tanh(c')."""
    gates = F.linear(h, w_hh, b_hh) + x_part
    i, f, g, o = unsafe_chunk(gates, 4, 1)
    i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()  # input, forget, cell, output gates
    c = f * c + i * g
    h = o * c.tanh()
    if w_hr is not None:  # an LSTM with proj_size: h' is projected to proj_size features
        h = h.matmul(w_hr.t())
    return h, c


def gru_step(x_part, h, w_hh, b_hh):
    """h' of a GRU: reset gate r, update gate z, candidate n; h' = (1 - z)*n + z*h."""
    x_r, x_z, x_n = unsafe_chunk(x_part, 3, 1)
    h_r, h_z, h_n = unsafe_chunk(F.linear(h, w_hh, b_hh), 3, 1)
    r = (h_r + x_r).sigmoid()
    z = (h_z + x_z).sigmoid()
    n = (x_n + h_n * r).tanh()  # the reset gate scales the hidden state's share only
    return (h - n) * z + n  # (1 - z)*n + z*h, written as PyTorch computes it


# -- a layer: the step along the sequence ------------------------------------------------------------
def run_steps(step, x_parts, state, reverse=False):
    """Run ``step(x_part, state) -> state`` along the sequence (from the end when ``reverse``).
    Returns the hidden states stacked in time order, and the last state."""
    outputs = [None] * len(x_parts)
    for t in (reversed(range(len(x_parts))) if reverse else range(len(x_parts))):
        state = step(x_parts[t], state)
        outputs[t] = state[0] if isinstance(state, tuple) else state
    return stack(outputs, 0), state


def run_packed_steps(step, x_part, batch_sizes, initial, reverse=False):
    """``run_steps`` over a packed sequence: ``x_part`` holds the steps' rows one after the other,
    ``batch_sizes[t]`` rows at step t (the longest sequences first). When the batch shrinks, the
    sequences that ended keep their state as their final one; run from the end, the batch grows
    instead, each sequence starting from its initial state. ``initial`` and the states are
    tuples ((h,) or (h, c)). Returns the packed outputs (h of every step) and the final states."""
    outputs, finals = [], []
    if not reverse:
        state, offset, last = initial, 0, batch_sizes[0]
        for size in batch_sizes:
            if size < last:  # sequences size..last ended at the step before
                finals.append(tuple(s[size:last] for s in state))
                state = tuple(s[:size] for s in state)
            state, offset, last = step(x_part[offset:offset + size], state), offset + size, size
            outputs.append(state[0])
        finals.append(state)
        final = tuple(cat([f[k] for f in reversed(finals)], 0) for k in range(len(state)))
    else:
        offset, last = len(x_part), batch_sizes[-1]
        state = tuple(s[:last] for s in initial)
        for size in reversed(batch_sizes):
            if size > last:  # sequences last..size start here, from their initial state
                state = tuple(cat([s, s0[last:size]], 0) for s, s0 in zip(state, initial))
            state, offset, last = step(x_part[offset - size:offset], state), offset - size, size
            outputs.append(state[0])
        outputs.reverse()
        final = state
    return cat(outputs, 0), final


def lstm_layer(input, w_ih, w_hh, b_ih, b_hh, h0, c0, w_hr=None, reverse=False):
    """One LSTM layer in one direction over a (time, batch, features) input: (output, h_n, c_n)."""
    x_parts = F.linear(input, w_ih, b_ih).unbind(0)
    output, (h, c) = run_steps(lambda x, s: lstm_step(x, *s, w_hh, b_hh, w_hr), x_parts, (h0, c0), reverse)
    return output, h, c


# -- the layers ---------------------------------------------------------------------------------------
_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}
_PROJ_WARNING = ("LSTM with projections is not supported with oneDNN. Using default implementation. (Triggered "
                 "internally at /__w/pytorch/pytorch/aten/src/ATen/native/RNN.cpp:1512.)")
_proj_warned = []


class RNNBase(Module):
    """What RNN, LSTM and GRU share: the parameters of each layer and direction, the checks of
    the input and hidden state, and the loop over layers."""

    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                 bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__()
        self.mode = mode
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.bias, self.batch_first = bias, batch_first
        self.dropout = float(dropout)
        self.bidirectional, self.proj_size = bidirectional, proj_size
        _check_settings(input_size, hidden_size, num_layers, bias, batch_first, dropout, proj_size)
        if mode not in _GATES:
            raise ValueError("Unrecognized RNN mode: " + mode)
        gate_size = _GATES[mode] * hidden_size
        out_size = proj_size if proj_size > 0 else hidden_size
        directions = 2 if bidirectional else 1
        self._flat_weights_names, self._all_weights = [], []
        for layer in range(num_layers):
            for direction in range(directions):
                in_size = input_size if layer == 0 else out_size * directions
                shapes = {"weight_ih": (gate_size, in_size), "weight_hh": (gate_size, out_size)}
                if bias:
                    shapes.update(bias_ih=(gate_size,), bias_hh=(gate_size,))
                if proj_size > 0:
                    shapes["weight_hr"] = (proj_size, hidden_size)
                suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")
                names = [kind + suffix for kind in shapes]
                for name, shape in zip(names, shapes.values()):
                    setattr(self, name, Parameter(creation.empty(shape, dtype=dtype, device=device)))
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    @property
    def _flat_weights(self):
        return [getattr(self, name, None) for name in self._flat_weights_names]

    @property
    def all_weights(self):
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def flatten_parameters(self):
        """Does nothing: PyTorch packs the weights for cuDNN (on a GPU) only."""

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        if self.proj_size != 0:
            s += f", proj_size={self.proj_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if self.batch_first is not False:
            s += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            s += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            s += f", bidirectional={self.bidirectional}"
        return s

    # -- checks, as PyTorch makes them ----------------------------------------------------------
    def _name(self):
        return "RNN" if self.mode.startswith("RNN") else self.mode

    def _check_input(self, input):
        if input.dim() not in (2, 3):
            tensor = " tensor" if self._name() == "RNN" else ""
            raise ValueError(f"{self._name()}: Expected input to be 2D or 3D, got {input.dim()}D{tensor} instead")

    def _expected_state_size(self, input, size):
        batch = input.size(0) if self.batch_first else input.size(1)
        return (self.num_layers * (2 if self.bidirectional else 1), batch, size)

    def _check_forward_args(self, input, states):
        weight = self._flat_weights[0]
        if input.dtype != weight.dtype:
            raise ValueError(
                f"RNN input dtype ({input.dtype}) does not match weight dtype ({weight.dtype}). "
                f"Convert input: input.to({weight.dtype}), or convert model: model.to({input.dtype})"
            )
        if input.dim() != 3:
            raise RuntimeError(f"input must have 3 dimensions, got {input.dim()}")
        if self.input_size != input.size(-1):
            raise RuntimeError(
                f"input.size(-1) must be equal to input_size. Expected {self.input_size}, got {input.size(-1)}"
            )
        out_size = self.proj_size if self.proj_size > 0 else self.hidden_size
        sizes = (out_size, self.hidden_size)
        for k, state in enumerate(states):
            expected = self._expected_state_size(input, sizes[k])
            if tuple(state.shape) != expected:
                label = f"hidden[{k}] size" if self.mode == "LSTM" else "hidden size"
                raise RuntimeError(f"Expected {label} {expected}, got {list(state.shape)}")
        if input.size(0 if not self.batch_first else 1) == 0:
            raise RuntimeError("Expected sequence length to be larger than 0 in RNN")

    def _zero_state(self, input, size):
        return creation.zeros(self._expected_state_size(input, size), dtype=input.dtype)

    # -- the layers, in time-major order ----------------------------------------------------------
    def _layer_weights(self, index):
        """(w_ih, w_hh, b_ih, b_hh, w_hr) of the layer-and-direction ``index``; None where absent."""
        names = self._all_weights[index]
        get = dict(zip((n.split("_l")[0] for n in names), (getattr(self, n) for n in names))).get
        return get("weight_ih"), get("weight_hh"), get("bias_ih"), get("bias_hh"), get("weight_hr")

    def _run_layers(self, input, run_direction):
        """Each layer in turn; ``run_direction(layer_input, index, reverse) -> (output, final state)``.
        Returns the last layer's output and the final states of every layer and direction."""
        directions = 2 if self.bidirectional else 1
        finals = []
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                output, final = run_direction(input, layer * directions + direction, direction == 1)
                outputs.append(output)
                finals.append(final)
            output = cat(outputs, output.dim() - 1) if directions == 2 else outputs[0]
            if self.dropout != 0 and self.training and layer < self.num_layers - 1:
                output = F.dropout(output, self.dropout, True)
            input = output
        return output, finals

    def _forward_packed(self, packed, states, step):
        """The forward of a ``PackedSequence``: each layer runs its steps with ``run_packed_steps``
        (a float32 LSTM too: PyTorch's oneDNN kernel does not take packed input), and each
        sequence's final state is taken at its own last step. ``step(w_hh, b_hh, w_hr)`` makes
        the step of one layer and direction. Returns the packed output and the final states."""
        from .utils.rnn import PackedSequence
        data, batch_sizes, sorted_indices, unsorted_indices = packed
        sizes = batch_sizes._data.tolist()
        out_sizes = (self.proj_size if self.proj_size > 0 else self.hidden_size, self.hidden_size)
        shapes = [(self.num_layers * (2 if self.bidirectional else 1), sizes[0], n) for n in out_sizes[:len(states)]]
        if states[0] is None:
            states = tuple(creation.zeros(shape, dtype=data.dtype) for shape in shapes)
        elif sorted_indices is not None:
            states = tuple(s.index_select(1, sorted_indices) for s in states)
        if self.mode != "LSTM":  # (PyTorch's LSTM checks nothing of a packed input: a mismatch fails in the ops)
            self._check_packed(data, states, shapes)
        initial = [s.unbind(0) for s in states]

        def run_direction(layer_input, index, reverse):
            w_ih, w_hh, b_ih, b_hh, w_hr = self._layer_weights(index)
            return run_packed_steps(step(w_hh, b_hh, w_hr), F.linear(layer_input, w_ih, b_ih), sizes,
                                    tuple(s[index] for s in initial), reverse)

        output, finals = self._run_layers(data, run_direction)
        finals = tuple(stack([f[k] for f in finals], 0) for k in range(len(states)))
        if unsorted_indices is not None:
            finals = tuple(s.index_select(1, unsorted_indices) for s in finals)
        return PackedSequence(output, batch_sizes, sorted_indices, unsorted_indices), finals

    def _check_packed(self, data, states, shapes):
        weight = self._flat_weights[0]
        if data.dtype != weight.dtype:
            raise ValueError(
                f"RNN input dtype ({data.dtype}) does not match weight dtype ({weight.dtype}). "
                f"Convert input: input.to({weight.dtype}), or convert model: model.to({data.dtype})"
            )
        if data.dim() != 2:
            raise RuntimeError(f"input must have 2 dimensions, got {data.dim()}")
        if self.input_size != data.size(-1):
            raise RuntimeError(
                f"input.size(-1) must be equal to input_size. Expected {self.input_size}, got {data.size(-1)}"
            )
        for k, (state, expected) in enumerate(zip(states, shapes)):
            if tuple(state.shape) != expected:
                label = f"hidden[{k}] size" if self.mode == "LSTM" else "hidden size"
                raise RuntimeError(f"Expected {label} {expected}, got {list(state.shape)}")

    def _forward_one_state(self, input, hx):
        """RNN's and GRU's forward: ``self._step`` along each layer, every step's ops recorded."""
        if _is_packed(input):
            step = self._step
            output, (h_n,) = self._forward_packed(input, (hx,), lambda w_hh, b_hh, w_hr: lambda x, s: (step(w_hh, b_hh)(x, s[0]),))
            return output, h_n
        input, (hx,), batched = self._batched(input, hx, 1)
        x = input.transpose(0, 1) if self.batch_first else input
        h0 = hx.unbind(0)

        def run_direction(layer_input, index, reverse):
            w_ih, w_hh, b_ih, b_hh, _ = self._layer_weights(index)
            x_parts = F.linear(layer_input, w_ih, b_ih).unbind(0)
            return run_steps(self._step(w_hh, b_hh), x_parts, h0[index], reverse)

        output, finals = self._run_layers(x, run_direction)
        h_n = stack(finals, 0)
        if self.batch_first:  # (PyTorch turns the output in place: TransposeBackward1)
            output = transpose_time_and_batch_(output)
        if not batched:
            return output.squeeze(0 if self.batch_first else 1), h_n.squeeze(1)
        return output, h_n

    def _batched(self, input, hx, n_states):
        """The input and states made 3-D (an unbatched input gets a batch of 1) and checked."""
        self._check_input(input)
        batched = input.dim() == 3
        if hx is not None:
            states = hx if n_states == 2 else (hx,)
            if n_states == 2:
                if any(s.dim() != (3 if batched else 2) for s in (hx[0], hx[1])):
                    raise RuntimeError(
                        f"For {'batched 3-D' if batched else 'unbatched 2-D'} input, hx and cx should also be "
                        f"{3 if batched else 2}-D but got ({hx[0].dim()}-D, {hx[1].dim()}-D) tensors"
                    )
            elif hx.dim() != (3 if batched else 2):
                raise RuntimeError(
                    f"For {'batched 3-D' if batched else 'unbatched 2-D'} input, hx should also be "
                    f"{3 if batched else 2}-D but got {hx.dim()}-D tensor"
                )
        if not batched:
            input = input.unsqueeze(0 if self.batch_first else 1)
            if hx is not None:
                states = tuple(s.unsqueeze(1) for s in states)
        if hx is None:
            out_size = self.proj_size if self.proj_size > 0 else self.hidden_size
            states = (self._zero_state(input, out_size), self._zero_state(input, self.hidden_size))[:n_states]
        self._check_forward_args(input, states)
        return input, states, batched


def _is_packed(input):
    from .utils.rnn import PackedSequence
    return isinstance(input, PackedSequence)


def _check_settings(input_size, hidden_size, num_layers, bias, batch_first, dropout, proj_size):
    """PyTorch's checks of an RNN's constructor arguments, in its order."""
    if not isinstance(dropout, numbers.Number) or not 0 <= dropout <= 1 or isinstance(dropout, bool):
        raise ValueError(
            "dropout should be a number in range [0, 1] representing the probability of an element being zeroed"
        )
    if dropout > 0 and num_layers == 1:
        warnings.warn(
            "dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects "
            f"num_layers greater than 1, but got dropout={dropout} and num_layers={num_layers}",
            stacklevel=4,
        )
    for name, value, kind in (("bias", bias, bool), ("batch_first", batch_first, bool),
                              ("input_size", input_size, int), ("hidden_size", hidden_size, int)):
        if not isinstance(value, kind):
            raise TypeError(f"{name} should be of type {kind.__name__}, got: {type(value).__name__}")
        if kind is int and value <= 0:
            raise ValueError(f"{name} must be greater than zero")
    if num_layers <= 0:
        raise ValueError("num_layers must be greater than zero")
    if proj_size < 0:
        raise ValueError("proj_size should be a positive integer or zero to disable projections")
    if proj_size >= hidden_size:
        raise ValueError("proj_size has to be smaller than hidden_size")


class RNN(RNNBase):
    """An Elman RNN: h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T + b_hh) (or relu), per layer.

    >>> rnn = RNN(10, 20, 2)
    >>> output, h_n = rnn(randn(5, 3, 10))
    """

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if len(args) > 3:
            self.nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            self.nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if self.nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"Unknown nonlinearity '{self.nonlinearity}'. Select from 'tanh' or 'relu'.")
        super().__init__("RNN_TANH" if self.nonlinearity == "tanh" else "RNN_RELU", *args, **kwargs)

    def _step(self, w_hh, b_hh):
        return lambda x, h: rnn_step(x, h, w_hh, b_hh, self.nonlinearity)

    def forward(self, input, hx=None):
        return self._forward_one_state(input, hx)


class GRU(RNNBase):
    """A gated recurrent unit layer (see ``gru_step``), per layer.

    >>> gru = GRU(10, 20, 2)
    >>> output, h_n = gru(randn(5, 3, 10))
    """

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        RNNBase.__init__(self, "GRU", *args, **kwargs)

    def _step(self, w_hh, b_hh):
        return lambda x, h: gru_step(x, h, w_hh, b_hh)

    def forward(self, input, hx=None):
        return self._forward_one_state(input, hx)


class LSTM(RNNBase):
    """A long short-term memory layer (see ``lstm_step``): returns ``output, (h_n, c_n)``.

    A float32 LSTM without projections is recorded as PyTorch's CPU build records it: one
    ``MkldnnRnnLayerBackward0`` node per layer and direction; otherwise every step's ops.

    >>> lstm = LSTM(10, 20, 2)
    >>> output, (h_n, c_n) = lstm(randn(5, 3, 10))
    """

    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)

    def forward(self, input, hx=None):
        if _is_packed(input):
            output, (h_n, c_n) = self._forward_packed(
                input, hx if hx is not None else (None, None),
                lambda w_hh, b_hh, w_hr: lambda x, s: lstm_step(x, *s, w_hh, b_hh, w_hr))
            return output, (h_n, c_n)
        input, (hx, cx), batched = self._batched(input, hx, 2)
        one_node = input.dtype == float32 and input.numel() != 0
        if one_node and self.proj_size > 0:
            one_node = False
            if not _proj_warned:  # (once per process, as PyTorch's TORCH_WARN_ONCE)
                _proj_warned.append(True)
                warnings.warn(_PROJ_WARNING, UserWarning, stacklevel=2)
        x = input.transpose(0, 1) if self.batch_first else input
        if one_node:
            if hx.dtype != float32 or cx.dtype != float32:
                raise RuntimeError("get_mkldnn_dtype: unsupported data type")
            x = x.contiguous()
            h0, c0 = hx, cx
        else:
            h0, c0 = hx.unbind(0), cx.unbind(0)

        def run_direction(layer_input, index, reverse):
            w_ih, w_hh, b_ih, b_hh, w_hr = self._layer_weights(index)
            if one_node:
                output, h, c = MkldnnRnnLayer.apply(layer_input, w_ih, w_hh, b_ih, b_hh, h0[index], c0[index],
                                                    lstm_layer, reverse, self.training)
            else:
                output, h, c = lstm_layer(layer_input, w_ih, w_hh, b_ih, b_hh, h0[index], c0[index], w_hr, reverse)
            return output, (h, c)

        output, finals = self._run_layers(x, run_direction)
        h_n, c_n = stack([h for h, _ in finals], 0), stack([c for _, c in finals], 0)
        if self.batch_first:
            output = output.transpose(0, 1)
        if not batched:
            return output.squeeze(0 if self.batch_first else 1), (h_n.squeeze(1), c_n.squeeze(1))
        return output, (h_n, c_n)


# -- the cells: one step --------------------------------------------------------------------------------
class RNNCellBase(Module):
    """The parameters of a cell (weight_ih, weight_hh, bias_ih, bias_hh) and the checks of its input."""

    def __init__(self, input_size, hidden_size, bias, num_chunks, device=None, dtype=None):
        super().__init__()
        self.input_size, self.hidden_size, self.bias = input_size, hidden_size, bias
        self.weight_ih = Parameter(creation.empty((num_chunks * hidden_size, input_size), dtype=dtype, device=device))
        self.weight_hh = Parameter(creation.empty((num_chunks * hidden_size, hidden_size), dtype=dtype, device=device))
        if bias:
            self.bias_ih = Parameter(creation.empty(num_chunks * hidden_size, dtype=dtype, device=device))
            self.bias_hh = Parameter(creation.empty(num_chunks * hidden_size, dtype=dtype, device=device))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if getattr(self, "nonlinearity", "tanh") != "tanh":
            s += f", nonlinearity={self.nonlinearity}"
        return s

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def _batched(self, input, states, n_states, state_label):
        """The input and states made 2-D (an unbatched input gets a batch of 1; missing states
        are zeros)."""
        if input.dim() not in (1, 2):
            raise ValueError(f"{type(self).__name__}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        for k, s in enumerate(states or ()):
            if s.dim() not in (1, 2):
                label = state_label.format(k)
                raise ValueError(f"{type(self).__name__}: Expected {label} to be 1D or 2D, got {s.dim()}D instead")
        batched = input.dim() == 2
        if not batched:
            input = input.unsqueeze(0)
        if states is None:
            states = (creation.zeros(input.size(0), self.hidden_size, dtype=input.dtype),) * n_states
        elif not batched:
            states = tuple(s.unsqueeze(0) for s in states[:n_states])
        return input, states, batched

    def _check(self, input, states):
        """PyTorch's checks of a cell's input and states against its weights."""
        if input.size(1) != self.weight_ih.size(1):
            raise RuntimeError(
                f"input has inconsistent input_size: got {input.size(1)} expected {self.weight_ih.size(1)}"
            )
        for k, state in enumerate(states):
            if input.size(0) != state.size(0):
                raise RuntimeError(
                    f"Input batch size {input.size(0)} doesn't match hidden{k} batch size {state.size(0)}"
                )
            if state.size(1) != self.weight_hh.size(1):
                raise RuntimeError(
                    f"hidden{k} has inconsistent hidden_size: got {state.size(1)}, expected {self.weight_hh.size(1)}"
                )


class RNNCell(RNNCellBase):
    """One step of an Elman RNN: h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh) (or relu).

    >>> cell = RNNCell(10, 20)
    >>> h = cell(randn(3, 10))          # h starts at zeros
    >>> h = cell(randn(3, 10), h)
    """

    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, 1, device, dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        input, (hx,), batched = self._batched(input, None if hx is None else (hx,), 1, "hidden")
        if self.nonlinearity not in ("tanh", "relu"):
            raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
        self._check(input, (hx,))
        h = rnn_step(F.linear(input, self.weight_ih, self.bias_ih), hx, self.weight_hh, self.bias_hh,
                     self.nonlinearity)
        return h if batched else h.squeeze(0)


class LSTMCell(RNNCellBase):
    """One step of an LSTM (see ``lstm_step``): returns ``(h', c')``.

    >>> cell = LSTMCell(10, 20)
    >>> h, c = cell(randn(3, 10))       # h and c start at zeros
    >>> h, c = cell(randn(3, 10), (h, c))
    """

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, 4, device, dtype)

    def forward(self, input, hx=None):
        input, states, batched = self._batched(input, None if hx is None else tuple(hx), 2, "hx[{}]")
        if len(states) != 2:
            raise RuntimeError("lstm_cell expects two hidden states")
        self._check(input, states)
        h, c = lstm_step(F.linear(input, self.weight_ih, self.bias_ih), *states, self.weight_hh, self.bias_hh)
        return (h, c) if batched else (h.squeeze(0), c.squeeze(0))


class GRUCell(RNNCellBase):
    """One step of a GRU (see ``gru_step``).

    >>> cell = GRUCell(10, 20)
    >>> h = cell(randn(3, 10))
    """

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, 3, device, dtype)

    def forward(self, input, hx=None):
        input, (hx,), batched = self._batched(input, None if hx is None else (hx,), 1, "hidden")
        self._check(input, (hx,))
        h = gru_step(F.linear(input, self.weight_ih, self.bias_ih), hx, self.weight_hh, self.bias_hh)
        return h if batched else h.squeeze(0)
