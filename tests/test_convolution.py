"""Convolutions and pooling (ops/convolution.py, ops/pooling.py): gradients against finite
differences (float64), second derivatives, and outputs and gradients against PyTorch's, with the
machinery of tests/test_gradcheck.py; float32 against PyTorch within float32 rounding; the
seeded layer weights; the saved attributes of the nodes."""
import warnings

import numpy as np
import pytest

import autograd_lab
from autograd_lab.autograd import gradcheck, gradgradcheck
from test_gradcheck import Case, D, _assert_same, _build, _closure, _first_order, _second_order, n


def F(T):
    return T.nn.functional


def distinct(r, *shape):
    """Values at least 0.01 apart (a max never sits on a tie)."""
    size = int(np.prod(shape))
    return ((r.permutation(size) - size / 2) * 0.05).reshape(shape) + r.uniform(-0.005, 0.005, shape)


CASES = [
    Case("conv2d-bias", lambda T, x, w, b: F(T).conv2d(x, w, b), lambda r: [D(n(r, 2, 3, 5, 6)), D(n(r, 4, 3, 3, 2)), D(n(r, 4))]),
    Case("conv2d-stride_padding_dilation", lambda T, x, w, b: F(T).conv2d(x, w, b, stride=(2, 1), padding=(1, 2), dilation=(1, 2)),
         lambda r: [D(n(r, 2, 3, 7, 8)), D(n(r, 4, 3, 3, 2)), D(n(r, 4))]),
    Case("conv2d-groups", lambda T, x, w: F(T).conv2d(x, w, None, 2, 1, 2, 2), lambda r: [D(n(r, 2, 4, 7, 8)), D(n(r, 6, 2, 3, 3))]),
    Case("conv2d-same_even_kernel", lambda T, x, w: F(T).conv2d(x, w, padding="same"), lambda r: [D(n(r, 1, 2, 5, 6)), D(n(r, 3, 2, 2, 3))]),
    Case("conv2d-unbatched", lambda T, x, w: F(T).conv2d(x, w, padding=1), lambda r: [D(n(r, 2, 4, 5)), D(n(r, 3, 2, 3, 3))]),
    Case("conv2d-depthwise", lambda T, x, w, b: F(T).conv2d(x, w, b, groups=3), lambda r: [D(n(r, 2, 3, 5, 5)), D(n(r, 3, 1, 3, 3)), D(n(r, 3))]),
    Case("conv1d-stride_padding_dilation", lambda T, x, w, b: F(T).conv1d(x, w, b, stride=2, padding=1, dilation=2),
         lambda r: [D(n(r, 2, 3, 9)), D(n(r, 4, 3, 3)), D(n(r, 4))]),
    Case("conv1d-groups_valid", lambda T, x, w: F(T).conv1d(x, w, groups=3, padding="valid"), lambda r: [D(n(r, 2, 3, 9)), D(n(r, 6, 1, 3))]),
    Case("max_pool2d-kernel2", lambda T, x: F(T).max_pool2d(x, 2), lambda r: [D(distinct(r, 2, 3, 6, 7))]),
    Case("max_pool2d-overlapping_ceil", lambda T, x: F(T).max_pool2d(x, 3, 2, 1, ceil_mode=True), lambda r: [D(distinct(r, 2, 2, 6, 7))]),
    Case("max_pool2d-dilation", lambda T, x: F(T).max_pool2d(x, (2, 3), (1, 2), (1, 1), dilation=(2, 1)), lambda r: [D(distinct(r, 1, 2, 6, 7))]),
    Case("max_pool1d-ceil", lambda T, x: F(T).max_pool1d(x, 3, 2, 1, ceil_mode=True), lambda r: [D(distinct(r, 2, 3, 8))]),
    Case("avg_pool2d-kernel2", lambda T, x: F(T).avg_pool2d(x, 2), lambda r: [D(n(r, 2, 3, 6, 7))]),
    Case("avg_pool2d-padding_ceil", lambda T, x: F(T).avg_pool2d(x, 3, 2, 1, ceil_mode=True), lambda r: [D(n(r, 2, 3, 6, 7))]),
    Case("avg_pool2d-exclude_pad", lambda T, x: F(T).avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False),
         lambda r: [D(n(r, 2, 3, 6, 7))]),
    Case("avg_pool2d-divisor_unbatched", lambda T, x: F(T).avg_pool2d(x, 3, 2, 1, divisor_override=5), lambda r: [D(n(r, 3, 6, 7))]),
    Case("avg_pool1d-padding", lambda T, x: F(T).avg_pool1d(x, 3, 2, 1, ceil_mode=True), lambda r: [D(n(r, 2, 3, 8))]),
    Case("adaptive_avg_pool2d-3x4", lambda T, x: F(T).adaptive_avg_pool2d(x, (3, 4)), lambda r: [D(n(r, 2, 3, 7, 9))]),
    Case("adaptive_avg_pool2d-1", lambda T, x: F(T).adaptive_avg_pool2d(x, 1), lambda r: [D(n(r, 2, 3, 7, 9))]),
    Case("conv2d-relu-maxpool", lambda T, x, w, b: F(T).max_pool2d(F(T).conv2d(x, w, b, padding=1).tanh(), 2),
         lambda r: [D(n(r, 2, 2, 6, 6)), D(n(r, 3, 2, 3, 3)), D(n(r, 3))]),
]
ids = [c.id for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_gradcheck(case):
    args, diff = _build(autograd_lab, case)
    assert gradcheck(_closure(autograd_lab, case, args), tuple(diff), eps=1e-6, atol=1e-5, rtol=1e-3)


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_gradgradcheck(case):
    args, diff = _build(autograd_lab, case)
    assert gradgradcheck(_closure(autograd_lab, case, args), tuple(diff), eps=1e-6, atol=1e-5, rtol=1e-3)


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_grads_match_torch(case):
    torch = pytest.importorskip("torch")
    lab_out, lab_grads = _first_order(autograd_lab, case)
    ref_out, ref_grads = _first_order(torch, case)
    _assert_same(lab_out, ref_out, "output")
    _assert_same(lab_grads, ref_grads, "grad of input")


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_double_backward_matches_torch(case):
    torch = pytest.importorskip("torch")
    _assert_same(_second_order(autograd_lab, case), _second_order(torch, case), "second derivative for input")


def test_float32_conv2d_close_to_torch():
    """Float32: within float32 rounding of PyTorch (which sums in another order)."""
    torch = pytest.importorskip("torch")
    r = np.random.default_rng(0)
    x, w, b = (r.standard_normal(s).astype(np.float32) for s in ((8, 3, 12, 12), (16, 3, 3, 3), (16,)))
    g = r.standard_normal((8, 16, 5, 5)).astype(np.float32)
    got = []
    for T in (autograd_lab, torch):
        ts = [T.tensor(a, requires_grad=True) for a in (x, w, b)]
        y = T.nn.functional.conv2d(*ts, stride=2)
        y.backward(T.tensor(g))
        got.append([y.detach().numpy()] + [t.grad.numpy() for t in ts])
    for a, e in zip(*got):
        assert a.dtype == e.dtype == np.float32
        np.testing.assert_allclose(a, e, rtol=1e-4, atol=1e-4 * np.abs(e).max())


@pytest.mark.parametrize("make", [
    lambda nn: nn.Conv2d(3, 4, 3), lambda nn: nn.Conv2d(4, 6, (2, 3), groups=2, bias=False), lambda nn: nn.Conv1d(2, 5, 4),
])
def test_layer_weights_match_torch_after_the_same_seed(make):
    torch = pytest.importorskip("torch")
    autograd_lab.manual_seed(3)
    torch.manual_seed(3)
    lab_layer, ref_layer = make(autograd_lab.nn), make(torch.nn)
    for name, p in ref_layer.named_parameters():
        np.testing.assert_array_equal(getattr(lab_layer, name).detach().numpy(), p.detach().numpy())


def test_saved_attributes_as_torch_shows_them():
    torch = pytest.importorskip("torch")
    for T in (autograd_lab, torch):
        x = T.ones(1, 2, 5, 5, requires_grad=True)
        y = F(T).conv2d(x, T.ones(4, 2, 3, 3), T.ones(4), stride=2, padding=1)
        node = y.grad_fn
        seen = (node._saved_stride, node._saved_padding, node._saved_dilation, node._saved_groups,
                node._saved_transposed, node._saved_output_padding, node._saved_bias_sym_sizes_opt,
                tuple(node._saved_input.shape), tuple(node._saved_weight.shape))
        m = F(T).max_pool2d(x, 3, padding=1).grad_fn
        a = F(T).avg_pool2d(x, 2, 1).grad_fn
        pools = (m._saved_kernel_size, m._saved_stride, m._saved_padding, m._saved_dilation, m._saved_ceil_mode,
                 tuple(m._saved_result1.shape), a._saved_stride, a._saved_divisor_override, a._saved_count_include_pad)
        if T is autograd_lab:
            lab = (seen, pools)
    assert lab == (seen, pools)


def test_same_padding_with_an_even_kernel_pads_one_more_at_the_end_as_torch():
    """PyTorch warns once per process (so a parity program could not see the warning reliably):
    the zero-padded copy is a ConstantPadNd node before the convolution."""
    torch = pytest.importorskip("torch")
    seen = []
    for T in (autograd_lab, torch):
        x = T.arange(32.).reshape(1, 2, 4, 4).requires_grad_()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            y = F(T).conv2d(x, T.ones(1, 2, 2, 2), padding="same")
        y.sum().backward()
        pad = y.grad_fn.next_functions[0][0]
        seen.append((y.detach().numpy().tolist(), x.grad.numpy().tolist(), pad.name(), pad._saved_pad))
    assert seen[0] == seen[1]


@pytest.mark.parametrize("pool", [
    lambda F, x: F.max_pool2d(x, 2), lambda F, x: F.avg_pool2d(x, 2), lambda F, x: F.adaptive_avg_pool2d(x, (2, 3)),
    lambda F, x: F.conv2d(x, x[:1, :1, :2, :2].detach()),
])
def test_second_derivative_nodes_named_and_linked_as_torch(pool):
    torch = pytest.importorskip("torch")
    seen = []
    for T in (autograd_lab, torch):
        x = T.arange(16., dtype=T.float64).reshape(1, 1, 4, 4).requires_grad_()
        g, = T.autograd.grad((pool(T.nn.functional, x) ** 2).sum(), x, create_graph=True)
        seen.append((g.grad_fn.name(), [type(f).__name__ if f is not None else None for f, _ in g.grad_fn.next_functions]))
    assert seen[0] == seen[1]
