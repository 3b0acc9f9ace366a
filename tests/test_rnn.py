"""Recurrent layers (nn/rnn.py, ops/recurrent.py): seeded weights, outputs and gradients of whole
layers and cells against PyTorch's, recorded in tests/golden/rnn_gradients.json (weights exactly,
outputs and gradients within float32 rounding: PyTorch's oneDNN and BLAS sum in their own order);
gradients against finite differences in float64, the LSTM's one-node layer included; the graph
PyTorch's CPU build records. Re-record the goldens with real PyTorch installed:

    python tests/test_rnn.py --record
"""
import json
import os
import sys
import warnings

import numpy as np
import pytest

import autograd_lab
from autograd_lab.autograd import gradcheck, gradgradcheck
from autograd_lab.nn.rnn import lstm_layer
from autograd_lab.ops.recurrent import MkldnnRnnLayer

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "rnn_gradients.json")

# name: (module, its arguments, input shape, whether an initial state is given)
LAYERS = {
    "rnn_tanh": ("RNN", dict(input_size=3, hidden_size=4), (5, 2, 3), False),
    "rnn_relu_2layers_state": ("RNN", dict(input_size=3, hidden_size=4, num_layers=2, nonlinearity="relu"), (4, 2, 3), True),
    "rnn_bidirectional_batch_first": ("RNN", dict(input_size=2, hidden_size=3, bidirectional=True, batch_first=True),
                                      (2, 5, 2), True),
    "lstm": ("LSTM", dict(input_size=3, hidden_size=4), (5, 2, 3), False),
    "lstm_2layers_bidirectional_state": ("LSTM", dict(input_size=3, hidden_size=3, num_layers=2, bidirectional=True),
                                         (4, 2, 3), True),
    "lstm_batch_first_no_bias": ("LSTM", dict(input_size=2, hidden_size=3, batch_first=True, bias=False), (3, 4, 2), True),
    "lstm_proj": ("LSTM", dict(input_size=3, hidden_size=4, proj_size=2, num_layers=2), (4, 2, 3), True),
    "lstm_float64": ("LSTM", dict(input_size=3, hidden_size=4, dtype="float64"), (4, 2, 3), True),
    "gru": ("GRU", dict(input_size=3, hidden_size=4), (5, 2, 3), False),
    "gru_2layers_bidirectional_state": ("GRU", dict(input_size=3, hidden_size=3, num_layers=2, bidirectional=True),
                                        (3, 2, 3), True),
    "rnncell": ("RNNCell", dict(input_size=3, hidden_size=4), (2, 3), True),
    "rnncell_relu_no_bias": ("RNNCell", dict(input_size=3, hidden_size=4, bias=False, nonlinearity="relu"), (2, 3), False),
    "lstmcell": ("LSTMCell", dict(input_size=3, hidden_size=4), (2, 3), True),
    "grucell": ("GRUCell", dict(input_size=3, hidden_size=4), (2, 3), True),
}


def run_layer(T, name):
    """Seeded layer, input and state; a loss of every output; the values and gradients as numpy."""
    cls, kwargs, shape, with_state = LAYERS[name]
    kwargs = dict(kwargs)
    if "dtype" in kwargs:
        kwargs["dtype"] = getattr(T, kwargs["dtype"])
    T.manual_seed(0)
    m = getattr(T.nn, cls)(**kwargs)
    weights = {n: p.detach().numpy().copy() for n, p in m.named_parameters()}
    dtype = next(m.parameters()).dtype
    x = T.randn(*shape, dtype=dtype, requires_grad=True)
    leaves = {"input": x}
    state = None
    if with_state:
        if cls.endswith("Cell"):
            h_shape = (shape[0], m.hidden_size)
        else:
            batch = shape[0] if m.batch_first else shape[1]
            layers = m.num_layers * (2 if m.bidirectional else 1)
            h_shape = (layers, batch, m.proj_size or m.hidden_size)
        h0 = T.randn(*h_shape, dtype=dtype, requires_grad=True)
        leaves["h0"] = h0
        state = h0
        if cls.startswith("LSTM"):
            c0 = T.randn(*(h_shape[:-1] + (m.hidden_size,)), dtype=dtype, requires_grad=True)
            leaves["c0"] = c0
            state = (h0, c0)
    with warnings.catch_warnings():  # (lstm_proj: "LSTM with projections is not supported with oneDNN")
        warnings.simplefilter("ignore", UserWarning)
        result = m(x) if state is None else m(x, state)
    if cls.endswith("Cell"):
        outs = result if isinstance(result, tuple) else (result,)
    else:
        out, h = result
        outs = (out,) + (h if isinstance(h, tuple) else (h,))
    loss = sum((k + 1) * (o * o.detach().cos()).sum() for k, o in enumerate(outs))
    loss.backward()
    grads = {n: p.grad.numpy() for n, p in m.named_parameters()}
    grads.update({n: t.grad.numpy() for n, t in leaves.items()})
    return weights, [o.detach().numpy() for o in outs], grads


def _load():
    with open(GOLDEN, encoding="utf-8") as f:
        return json.load(f)


GOLDENS = _load() if os.path.exists(GOLDEN) else {}


@pytest.mark.parametrize("name", list(LAYERS))
def test_seeded_weights_are_pytorchs(name):
    weights, _, _ = run_layer(autograd_lab, name)
    golden = GOLDENS[name]["weights"]
    assert list(weights) == list(golden)  # names, in PyTorch's order
    for n, w in weights.items():
        np.testing.assert_array_equal(w, np.array(golden[n], dtype=w.dtype), err_msg=n)


@pytest.mark.parametrize("name", list(LAYERS))
def test_outputs_and_gradients_match_pytorch(name):
    _, outs, grads = run_layer(autograd_lab, name)
    golden = GOLDENS[name]
    assert len(outs) == len(golden["outputs"])
    for k, (o, e) in enumerate(zip(outs, golden["outputs"])):
        e = np.array(e)
        assert o.shape == e.shape, f"output {k}"
        np.testing.assert_allclose(o, e, rtol=1e-5, atol=1e-6, err_msg=f"output {k}")
    assert list(grads) == list(golden["grads"])
    for n, g in grads.items():
        e = np.array(golden["grads"][n])
        assert g.shape == e.shape, n
        np.testing.assert_allclose(g, e, rtol=1e-4, atol=1e-5 * max(1.0, np.abs(e).max()), err_msg=n)


def test_float32_lstm_layer_is_one_mkldnn_node_with_pytorchs_edges():
    autograd_lab.manual_seed(0)
    lstm = autograd_lab.nn.LSTM(3, 4, bias=False)
    x = autograd_lab.randn(2, 1, 3, requires_grad=True)
    out, (h, c) = lstm(x)
    node = out.grad_fn
    assert node.name() == "MkldnnRnnLayerBackward0"
    edges = [None if f is None else f.name() for f, _ in node.next_functions]
    assert edges == ["torch::autograd::AccumulateGrad"] * 3 + [None] * 4  # x, w_ih, w_hh; no biases, zero states
    assert h.grad_fn.name() == c.grad_fn.name() == "StackBackward0"
    assert h.grad_fn.next_functions[0] == (node, 1) and c.grad_fn.next_functions[0] == (node, 2)
    assert (node._saved_mode, node._saved_hidden_size, node._saved_has_biases, node._saved_reverse) == (2, 4, False, False)


def test_float64_lstm_records_every_step_instead():
    lstm = autograd_lab.nn.LSTM(3, 4, dtype=autograd_lab.float64)
    out, _ = lstm(autograd_lab.randn(2, 1, 3, dtype=autograd_lab.float64))
    assert out.grad_fn.name() == "StackBackward0"
    assert out.grad_fn.next_functions[0][0].name() == "MulBackward0"  # h = o * tanh(c)


def _one_node(reverse):
    def layer(x, w_ih, w_hh, b_ih, b_hh, h0, c0):
        return MkldnnRnnLayer.apply(x, w_ih, w_hh, b_ih, b_hh, h0, c0, lstm_layer, reverse)
    return layer


def _layer_inputs(seed):
    r = np.random.default_rng(seed)
    shapes = [(3, 2, 2), (8, 2), (8, 2), (8,), (8,), (2, 2), (2, 2)]
    return tuple(autograd_lab.tensor(r.standard_normal(s), dtype=autograd_lab.float64, requires_grad=True)
                 for s in shapes)


@pytest.mark.parametrize("reverse", [False, True])
def test_one_node_lstm_layer_gradients_against_finite_differences(reverse):
    assert gradcheck(_one_node(reverse), _layer_inputs(1), eps=1e-6, atol=1e-5, rtol=1e-3)


def test_one_node_lstm_layer_second_derivatives_against_finite_differences():
    assert gradgradcheck(_one_node(False), _layer_inputs(2), eps=1e-6, atol=1e-5, rtol=1e-3)


@pytest.mark.parametrize("cls", ["RNN", "GRU", "LSTM"])
def test_stacked_bidirectional_layers_against_finite_differences(cls):
    """Every parameter and the input, through output and h_n (and c_n): gradcheck perturbs the
    parameters in place, so the module itself is differentiated."""
    autograd_lab.manual_seed(0)
    m = getattr(autograd_lab.nn, cls)(2, 2, num_layers=2, bidirectional=True, dtype=autograd_lab.float64)
    x = autograd_lab.randn(3, 1, 2, dtype=autograd_lab.float64, requires_grad=True)

    def outputs(x, *params):
        out, h = m(x)
        return (out,) + (h if isinstance(h, tuple) else (h,))

    assert gradcheck(outputs, (x, *m.parameters()), eps=1e-6, atol=1e-5, rtol=1e-3)


def test_one_node_layer_frees_its_steps_after_backward():
    lstm = autograd_lab.nn.LSTM(2, 3)
    out, _ = lstm(autograd_lab.randn(3, 1, 2))
    out.sum().backward()
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        out.sum().backward()


def test_pad_sequence_pads_right_left_and_batch_first():
    from autograd_lab.nn.utils.rnn import pad_sequence

    a, b = autograd_lab.tensor([1., 2., 3.]), autograd_lab.tensor([4.])
    assert pad_sequence([a, b]).tolist() == [[1., 4.], [2., 0.], [3., 0.]]
    assert pad_sequence([a, b], batch_first=True, padding_value=-1).tolist() == [[1., 2., 3.], [4., -1., -1.]]
    assert pad_sequence([a, b], batch_first=True, padding_side="left").tolist() == [[1., 2., 3.], [0., 0., 4.]]


# -- packed sequences -----------------------------------------------------------------------------------
def _packed_example(batch_first=False):
    from autograd_lab.nn.utils.rnn import pack_padded_sequence

    x = autograd_lab.arange(24.).view(4, 3, 2)
    return x, pack_padded_sequence(x.transpose(0, 1) if batch_first else x, [2, 4, 1], batch_first=batch_first,
                                   enforce_sorted=False)


def test_packing_takes_each_steps_real_rows_longest_sequence_first():
    x, p = _packed_example()
    assert p.batch_sizes.tolist() == [3, 2, 1, 1]
    assert p.sorted_indices.tolist() == [1, 0, 2] and p.unsorted_indices.tolist() == [1, 0, 2]
    # step 0: sequences 1, 0, 2; step 1: sequences 1, 0; steps 2 and 3: sequence 1
    assert p.data.tolist() == [x[0, 1].tolist(), x[0, 0].tolist(), x[0, 2].tolist(), x[1, 1].tolist(),
                               x[1, 0].tolist(), x[2, 1].tolist(), x[3, 1].tolist()]
    assert p.data.grad_fn is None
    _, p_batch_first = _packed_example(batch_first=True)
    assert p_batch_first.data.tolist() == p.data.tolist()


def test_pad_packed_sequence_undoes_packing_with_the_padding_asked_for():
    from autograd_lab.nn.utils.rnn import pad_packed_sequence

    x, p = _packed_example()
    out, lengths = pad_packed_sequence(p, padding_value=-1.0, total_length=5)
    assert lengths.tolist() == [2, 4, 1] and tuple(out.shape) == (5, 3, 2)
    for b, n in enumerate([2, 4, 1]):
        assert out[:n, b].tolist() == x[:n, b].tolist()
        assert (out[n:, b] == -1).all().item()


def test_pack_padded_sequence_gradients_against_finite_differences():
    from autograd_lab.nn.utils.rnn import pack_padded_sequence

    x = autograd_lab.randn(4, 3, 2, dtype=autograd_lab.float64, requires_grad=True)  # (batch, time, features)
    packed = lambda x: pack_padded_sequence(x, [1, 3, 2, 3], batch_first=True, enforce_sorted=False).data
    assert gradcheck(packed, (x,)) and gradgradcheck(packed, (x,))


def test_pack_padded_sequence_gradient_is_zero_on_the_padding():
    from autograd_lab.nn.utils.rnn import pack_padded_sequence

    x = autograd_lab.ones(3, 2, requires_grad=True)
    pack_padded_sequence(x, [3, 1]).data.sum().backward()
    assert x.grad.tolist() == [[1., 1.], [1., 0.], [1., 0.]]


@pytest.mark.parametrize("cls", ["RNN", "GRU", "LSTM"])
def test_packed_layer_h_n_is_each_sequences_own_last_output(cls):
    from autograd_lab.nn.utils.rnn import pad_packed_sequence

    autograd_lab.manual_seed(0)
    m = getattr(autograd_lab.nn, cls)(2, 3)
    _, p = _packed_example()
    out, h = m(p)
    h = h[0] if isinstance(h, tuple) else h
    padded, lengths = pad_packed_sequence(out)
    last = padded[lengths - 1, autograd_lab.arange(3)]
    assert np.array_equal(last.detach().numpy(), h[0].detach().numpy())


@pytest.mark.parametrize("cls", ["RNN", "GRU", "LSTM"])
def test_packed_layer_equals_each_sequence_run_alone(cls):
    from autograd_lab.nn.utils.rnn import pad_packed_sequence

    autograd_lab.manual_seed(0)
    m = getattr(autograd_lab.nn, cls)(2, 3, num_layers=2, bidirectional=True, dtype=autograd_lab.float64)
    x, p = _packed_example()
    x, p = x.double(), p.double()
    padded, _ = pad_packed_sequence(m(p)[0])
    for b, n in enumerate([2, 4, 1]):
        alone, _ = m(x[:n, b])
        assert np.allclose(padded[:n, b].detach().numpy(), alone.detach().numpy(), atol=1e-12)


@pytest.mark.parametrize("cls", ["RNN", "GRU", "LSTM"])
def test_packed_layers_against_finite_differences(cls):
    from autograd_lab.nn.utils.rnn import pack_padded_sequence

    autograd_lab.manual_seed(0)
    m = getattr(autograd_lab.nn, cls)(2, 2, num_layers=2, bidirectional=True, dtype=autograd_lab.float64)
    x = autograd_lab.randn(3, 3, 2, dtype=autograd_lab.float64, requires_grad=True)

    def outputs(x, *params):
        out, h = m(pack_padded_sequence(x, [2, 3, 1], enforce_sorted=False))
        return (out.data,) + (h if isinstance(h, tuple) else (h,))

    assert gradcheck(outputs, (x, *m.parameters()), eps=1e-6, atol=1e-5, rtol=1e-3)


def _record():
    import torch

    torch.set_num_threads(1)
    out = {}
    for name in LAYERS:
        weights, outs, grads = run_layer(torch, name)
        out[name] = {"weights": {n: w.tolist() for n, w in weights.items()},
                     "outputs": [o.tolist() for o in outs],
                     "grads": {n: g.tolist() for n, g in grads.items()}}
    with open(GOLDEN, "w", encoding="utf-8") as f:
        json.dump({"torch_version": torch.__version__, **out}, f, indent=None, sort_keys=False)
        f.write("\n")
    print(f"recorded {len(out)} layers with torch {torch.__version__} -> {GOLDEN}")


if __name__ == "__main__":
    if "--record" in sys.argv:
        _record()
