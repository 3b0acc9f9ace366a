"""Specifications of the small ops of issue 20 (padding, stacking, index writes, order statistics,
unique, more element-wise ops and activations, transposed convolutions, in-place shape changes,
resize_, the default device, Adadelta, IPython's display of classes).

Expected values, node names and messages were recorded from PyTorch 2.13 and are written in
literally, so these tests run without torch. One behaviour per test, named after it.
"""
import numpy as np
import pytest

import autograd_lab as torch
import autograd_lab.nn as nn
import autograd_lab.nn.functional as F


def _grad_of(f, x):
    """x's gradient of sum(f(x) * (1, 2, 3, ...))."""
    x.grad = None
    y = f(x)
    (y * (torch.arange(float(y.numel())).reshape(y.shape) + 1)).sum().backward()
    return y, x.grad


# -- padding ------------------------------------------------------------------------------------------
def test_reflect_pad_mirrors_without_repeating_the_edge_and_adds_the_gradient_back():
    x = torch.arange(3.).reshape(1, 1, 3).requires_grad_()
    y, g = _grad_of(lambda t: F.pad(t, (2, 1), mode="reflect"), x)
    assert y.tolist() == [[[2., 1., 0., 1., 2., 1.]]]
    assert y.grad_fn.name() == "ReflectionPad1DBackward0"
    assert g.tolist() == [[[3., 12., 6.]]]


def test_replicate_and_circular_pads_and_their_node_names():
    x = torch.arange(6.).reshape(1, 2, 3).requires_grad_()
    rep = F.pad(x, (2, 1), mode="replicate")
    circ = F.pad(x, (-1, 2), mode="circular")
    assert rep[0, 0].tolist() == [0., 0., 0., 1., 2., 2.]
    assert circ[0, 1].tolist() == [4., 5., 4., 5.]
    assert (rep.grad_fn.name(), circ.grad_fn.name()) == ("ReplicationPad1DBackward0", "torch::autograd::CopySlices")


def test_constant_pad_with_a_negative_width_cuts_and_its_gradient_is_the_inverse_pad():
    x = torch.arange(6.).reshape(2, 3).requires_grad_()
    y, g = _grad_of(lambda t: F.pad(t, (-1, 2), value=-1.), x)
    assert y.tolist() == [[1., 2., -1., -1.], [4., 5., -1., -1.]]
    assert y.grad_fn.name() == "ConstantPadNdBackward0"
    assert g.tolist() == [[0., 1., 2.], [0., 5., 6.]]


@pytest.mark.parametrize("pad, mode, error, message", [
    ((1,), "constant", RuntimeError, "Padding length must be divisible by 2"),
    ((3, 3), "reflect", RuntimeError, "Argument #4: Padding size should be less than the corresponding input "
                                      "dimension, but got: padding (3, 3) at dimension 2 of input [1, 2, 3]"),
    ((4, 4), "circular", RuntimeError, "Padding value causes wrapping around more than once."),
    ((1, 1), "foo", NotImplementedError, "Unrecognised padding mode foo"),
])
def test_pad_refuses_in_pytorchs_words(pad, mode, error, message):
    with pytest.raises(error) as info:
        F.pad(torch.zeros(1, 2, 3), pad, mode=mode)
    assert str(info.value) == message


def test_conv2d_with_padding_mode_reflect_pads_the_input_first():
    c = nn.Conv2d(1, 1, 3, padding=1, padding_mode="reflect", bias=False)
    with torch.no_grad():
        c.weight.fill_(1.)
    x = torch.arange(9.).reshape(1, 1, 3, 3).requires_grad_()
    y = c(x)
    assert y[0, 0].tolist() == [[24., 27., 30.], [33., 36., 39.], [42., 45., 48.]]
    assert y.grad_fn.next_functions[0][0].name() == "ReflectionPad2DBackward0"
    assert repr(c) == "Conv2d(1, 1, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False, padding_mode=reflect)"


# -- tiling, stacking, splitting --------------------------------------------------------------------------
def test_tile_puts_missing_repeats_in_front():
    x = torch.tensor([[1, 2]])
    assert x.tile((2,)).tolist() == [[1, 2, 1, 2]]
    assert torch.tile(x, (2, 1, 1)).shape == torch.Size([2, 1, 2])


def test_hstack_vstack_dstack_column_stack_shapes_and_node():
    v = torch.arange(3., requires_grad=True)
    assert torch.hstack([v, v]).shape == (6,)
    assert torch.vstack([v, v]).shape == (2, 3)
    assert torch.dstack([v, v]).shape == (1, 3, 2)
    assert torch.column_stack([v, v]).tolist() == [[0., 0.], [1., 1.], [2., 2.]]
    assert torch.vstack([v, v]).grad_fn.name() == "CatBackward0"
    with pytest.raises(RuntimeError, match="^hstack expects a non-empty TensorList$"):
        torch.hstack([])


def test_tensor_split_gives_the_first_pieces_one_more():
    pieces = torch.tensor_split(torch.arange(7), 3)
    assert [p.tolist() for p in pieces] == [[0, 1, 2], [3, 4], [5, 6]]
    at = torch.tensor_split(torch.arange(7), [-2, 9, 3])
    assert [p.tolist() for p in at] == [[0, 1, 2, 3, 4], [5, 6], [], [3, 4, 5, 6]]  # (9 is cut to 7)


def test_tensor_split_pieces_are_slices():
    x = torch.ones(2, 4, requires_grad=True)
    assert [p.grad_fn.name() for p in x.tensor_split(2, dim=1)] == ["SliceBackward0", "SliceBackward0"]


def test_repeat_interleave_by_number_and_by_counts():
    x = torch.tensor([[1, 2], [3, 4]])
    assert x.repeat_interleave(2).tolist() == [1, 1, 2, 2, 3, 3, 4, 4]
    assert x.repeat_interleave(torch.tensor([1, 2]), dim=0).tolist() == [[1, 2], [3, 4], [3, 4]]
    assert torch.repeat_interleave(torch.tensor([2, 1])).tolist() == [0, 0, 1]


def test_keyword_names_of_shape_methods():
    x = torch.arange(6.).reshape(2, 3)
    assert x.reshape(shape=(3, 2)).shape == (3, 2)
    assert x.view(size=(6,)).shape == (6,)
    assert x.permute(dims=(1, 0)).shape == (3, 2)
    assert x[:1].expand(size=(2, 3)).shape == (2, 3)
    assert x.repeat(repeats=(1, 2)).shape == (2, 6)
    assert x.new_zeros(size=(2,)).tolist() == [0., 0.]


def test_view_as_another_dtype_reads_the_same_bytes():
    assert torch.tensor([1., 2.]).view(torch.int32).tolist() == [1065353216, 1073741824]
    with pytest.raises(RuntimeError) as info:
        torch.tensor([1., 2., 3.]).view(torch.float64)
    assert str(info.value) == ("self.size(-1) must be divisible by 2 to view Float as Double (different element "
                               "sizes), but got 3")


# -- in-place shape changes, resize_, empty(out=) ---------------------------------------------------------
def test_inplace_shape_changes_keep_the_tensor_and_name_their_nodes():
    y = torch.arange(6.).reshape(2, 3).requires_grad_() * 1
    same = y.unsqueeze_(0)
    assert same is y and y.shape == (1, 2, 3) and y.grad_fn.name() == "UnsqueezeBackward1" and y._version == 1
    assert y.squeeze_().grad_fn.name() == "SqueezeBackward3"
    assert y.t_().grad_fn.name() == "TBackward1" and y.shape == (3, 2)
    assert y.transpose_(0, 1).grad_fn.name() == "TransposeBackward1"


def test_t_inplace_refuses_three_dims():
    with pytest.raises(RuntimeError, match=r"^t_\(\) expects a tensor with <= 2 dimensions, but self is 3D$"):
        torch.zeros(2, 3, 4).t_()


def test_resize_keeps_the_memory_when_shrinking():
    x = torch.arange(6.)
    x.resize_(2)
    x.resize_(5)
    assert x.tolist() == [0., 1., 2., 3., 4.]
    assert x._version == 2


def test_resize_refuses_tensors_that_require_grad():
    with pytest.raises(RuntimeError, match="^cannot resize variables that require grad$"):
        torch.zeros(2, requires_grad=True).resize_(2)


def test_empty_with_out_leaves_the_values_there():
    t = torch.arange(6.)
    assert torch.empty(2, 3, out=t) is t
    assert t.tolist() == [[0., 1., 2.], [3., 4., 5.]]


# -- index writes, picking ---------------------------------------------------------------------------------
def test_index_add_adds_twice_where_named_twice_and_its_gradients():
    x = torch.zeros(2, 3, requires_grad=True)
    s = torch.ones(2, 2, requires_grad=True)
    y = x.index_add(1, torch.tensor([0, 0]), s, alpha=2)
    assert y.tolist() == [[4., 0., 0.], [4., 0., 0.]]
    assert y.grad_fn.name() == "IndexAddBackward0"
    (y * torch.arange(1., 7.).reshape(2, 3)).sum().backward()
    assert s.grad.tolist() == [[2., 2.], [8., 8.]]


def test_index_fill_takes_negative_indices_and_a_0d_tensor_value():
    v = torch.tensor(-1., requires_grad=True)
    y = torch.ones(2, 3).index_fill(1, torch.tensor([-1]), v)
    assert y.tolist() == [[1., 1., -1.], [1., 1., -1.]]
    assert y.grad_fn.name() == "IndexFillBackward1"


def test_index_copy_out_of_range_message():
    with pytest.raises(IndexError) as info:
        torch.ones(2, 3).index_copy(1, torch.tensor([3]), torch.ones(2, 1))
    assert str(info.value) == "index_copy_(): index 3 is out of bounds for dimension 1 with size 3"


def test_scatter_reduce_amax_without_self_shares_the_gradient_between_ties():
    x = torch.zeros(1, 2, requires_grad=True)
    src = torch.tensor([[3., 3., 1.]], requires_grad=True)
    y = x.scatter_reduce(1, torch.tensor([[0, 0, 1]]), src, "amax", include_self=False)
    y.sum().backward()
    assert y.tolist() == [[3., 1.]]
    assert src.grad.tolist() == [[0.5, 0.5, 1.]]
    assert x.grad.tolist() == [[0., 0.]]


def test_masked_select_broadcasts_and_puts_gradients_back():
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y, g = _grad_of(lambda t: t.masked_select(torch.tensor([True, False])), x)
    assert y.tolist() == [1., 3.] and y.grad_fn.name() == "MaskedSelectBackward0"
    assert g.tolist() == [[1., 0.], [2., 0.]]


def test_take_counts_over_the_flattened_tensor():
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y, g = _grad_of(lambda t: t.take(torch.tensor([3, -1, 0])), x)
    assert y.tolist() == [4., 4., 1.]
    assert g.tolist() == [[3., 0.], [0., 3.]]
    with pytest.raises(IndexError, match=r"^out of range: tried to access index 4 on a tensor of 4 elements\.$"):
        x.take(torch.tensor([4]))


# -- order statistics, unique ------------------------------------------------------------------------------
def test_median_is_the_lower_middle_value_and_nan_wins():
    assert torch.tensor([3., 1., 2., 4.]).median().item() == 2.
    values, indices = torch.tensor([[2., float("nan"), 1.]]).median(1)
    assert np.isnan(values.item()) and indices.tolist() == [1]


def test_mode_picks_the_smallest_most_frequent_value_at_its_last_index():
    m = torch.tensor([[5., 5., 4., 4., 0.]]).mode(1)
    assert (m.values.tolist(), m.indices.tolist()) == ([4.], [3])
    assert repr(torch.tensor([1., 1.]).mode()).startswith("torch.return_types.mode(\nvalues=tensor(1.)")


def test_kthvalue_and_its_gradient():
    x = torch.tensor([[2., 7., 1.]], requires_grad=True)
    values, indices = x.kthvalue(2)
    values.sum().backward()
    assert (values.tolist(), indices.tolist()) == ([2.], [0])
    assert values.grad_fn.name() == "KthvalueBackward0" and x.grad.tolist() == [[1., 0., 0.]]


def test_cummax_takes_the_last_of_equal_values_and_keeps_a_nan():
    r = torch.tensor([1., 3., 3., float("nan"), 5.]).cummax(0)
    assert r.indices.tolist() == [0, 1, 2, 3, 3]
    assert str(r.values) == "tensor([1., 3., 3., nan, nan])"


def test_nansum_and_nanmean_skip_nan_and_the_gradient_does_too():
    x = torch.tensor([1., float("nan"), 2.], requires_grad=True)
    y = x.nansum()
    y.backward()
    assert y.item() == 3. and y.grad_fn.name() == "NansumBackward0" and x.grad.tolist() == [1., 0., 1.]
    assert x.nanmean().item() == 1.5 and x.nanmean().grad_fn.name() == "DivBackward0"


def test_unique_sorted_with_inverse_and_counts():
    values, inverse, counts = torch.unique(torch.tensor([3, 1, 2, 3, 1]), return_inverse=True, return_counts=True)
    assert (values.tolist(), inverse.tolist(), counts.tolist()) == ([1, 2, 3], [2, 0, 1, 2, 0], [2, 1, 2])
    rows = torch.tensor([[3., 1.], [1., 3.], [3., 1.]]).unique(dim=0)
    assert rows.tolist() == [[1., 3.], [3., 1.]]


def test_unique_has_no_derivative():
    y = torch.tensor([2., 1.], requires_grad=True).unique()
    assert y.grad_fn.name() == "Unique2Backward0"
    with pytest.raises(NotImplementedError, match="^the derivative for '_unique2' is not implemented.$"):
        y.sum().backward()


# -- element-wise ------------------------------------------------------------------------------------------
def test_addcmul_rounds_once_as_pytorchs_fused_kernel():
    a, b, c = (torch.tensor([v], dtype=torch.float32) for v in (1.0, 1 + 2 ** -12, 1 - 2 ** -12))
    # b * c = 1 - 2^-24 exactly: rounded alone it is 1 - 2^-24 (a float32), plus 1 is 2 - 2^-24,
    # which rounds to 2.0; fused, the same. A case where one rounding differs from two:
    x = torch.tensor([-1.0])
    assert x.addcmul(b, c).item() == -(2 ** -24)
    assert a.addcmul(b, c, value=0.5).item() == float(np.float32(1.5 - 2 ** -25))


def test_addcdiv_scales_before_dividing():
    assert torch.tensor([0.]).addcdiv(torch.tensor([1.]), torch.tensor([3.]), value=0.3).item() == float(
        np.float32(np.float32(0.3) / np.float32(3.)))


def test_fmax_ignores_nan_and_gives_the_gradient_to_the_one_taken():
    a = torch.tensor([1., float("nan"), 3.], requires_grad=True)
    b = torch.tensor([2., 0., float("nan")], requires_grad=True)
    y = a.fmax(b)
    y.sum().backward()
    assert y.tolist() == [2., 0., 3.] and y.grad_fn.name() == "FmaxBackward0"
    assert a.grad.tolist() == [0., 0., 1.] and b.grad.tolist() == [1., 1., 0.]


def test_copysign_gradient_and_node_names():
    x = torch.tensor([-1.5, 0., 2.], requires_grad=True)
    y = x.copysign(-1)
    y.sum().backward()
    assert y.tolist() == [-1.5, -0., -2.] and y.grad_fn.name() == "CopysignBackward1"
    assert x.grad.tolist() == [1., 0., -1.]
    assert x.copysign(torch.tensor(1.)).grad_fn.name() == "CopysignBackward0"


def test_logit_gradient_is_zero_where_eps_clamped():
    p = torch.tensor([0.1, 0.5, 0.95], requires_grad=True)
    p.logit(eps=0.2).sum().backward()
    assert p.grad[2].item() == 0. and p.grad[1].item() == 4.


def test_heaviside_records_a_node_without_derivative():
    y = torch.tensor([-1., 0., 2.], requires_grad=True).heaviside(torch.tensor([0.5, 0.5, 0.5]))
    assert y.tolist() == [0., 0.5, 1.] and y.grad_fn.name() == "torch::autograd::NotImplemented"


def test_float_power_computes_in_double():
    y = torch.tensor([2.], dtype=torch.float32).float_power(0.5)
    assert y.dtype == torch.float64 and y.item() == 2 ** 0.5


# -- activations ---------------------------------------------------------------------------------------------
def test_hardswish_gradient_ends_at_minus_three_and_three():
    x = torch.tensor([-3., -1.5, 3.], requires_grad=True)
    F.hardswish(x).sum().backward()
    assert x.grad.tolist() == [0., 0., 1.]


def test_softshrink_negative_lambda_message():
    with pytest.raises(RuntimeError) as info:
        F.softshrink(torch.ones(2), -1.)
    assert str(info.value) == "lambda must be in range [0, 3.40282e+38] for input dtype Float, but found -1"


def test_selu_is_an_elu_node_and_softsign_a_division():
    x = torch.tensor([-1., 1.], requires_grad=True)
    assert F.selu(x).grad_fn.name() == "EluBackward0"
    assert F.softsign(x).grad_fn.name() == "DivBackward0"
    assert F.rrelu(x).grad_fn.name() == "RreluWithNoiseBackward0"
    assert F.rrelu(x).tolist()[0] == pytest.approx(-(1 / 8 + 1 / 3) / 2)


def test_activation_module_reprs():
    assert [repr(m) for m in (nn.CELU(0.5, inplace=True), nn.Threshold(0.1, 20.), nn.Softshrink(), nn.RReLU())] == [
        "CELU(alpha=0.5, inplace=True)", "Threshold(threshold=0.1, value=20.0)", "Softshrink(0.5)",
        "RReLU(lower=0.125, upper=0.3333333333333333)"]


# -- transposed convolution ----------------------------------------------------------------------------------
def test_conv_transpose1d_spreads_each_entry_over_a_window():
    x = torch.tensor([[[1., 2.]]], requires_grad=True)
    w = torch.tensor([[[1., 10., 100.]]], requires_grad=True)
    y = F.conv_transpose1d(x, w, stride=2)
    assert y.tolist() == [[[1., 10., 102., 20., 200.]]]
    assert y.grad_fn.name() == "ConvolutionBackward0" and y.grad_fn._saved_transposed is True
    y.sum().backward()
    assert x.grad.tolist() == [[[111., 111.]]] and w.grad.tolist() == [[[3., 3., 3.]]]


def test_conv_transpose2d_module_output_size():
    torch.manual_seed(0)
    m = nn.ConvTranspose2d(2, 4, 3, stride=2, padding=1, output_padding=1)
    assert repr(m) == "ConvTranspose2d(2, 4, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))"
    assert m.weight.shape == (2, 4, 3, 3)
    x = torch.zeros(1, 2, 3, 4)
    assert m(x).shape == (1, 4, 6, 8) and m(x, output_size=[6, 7]).shape == (1, 4, 6, 7)


# -- devices, optimizers, IPython ----------------------------------------------------------------------------
def test_default_device_cuda_is_refused_when_a_tensor_is_made():
    torch.set_default_device("cuda")
    try:
        with pytest.raises(AssertionError, match="^Torch not compiled with CUDA enabled$"):
            torch.zeros(2)
    finally:
        torch.set_default_device(None)
    assert repr(torch.get_default_device()) == "device(type='cpu')"


def test_accelerator_answers_as_a_cpu_build():
    assert torch.accelerator.is_available() is False and torch.accelerator.current_accelerator() is None
    assert torch.accelerator.device_count() == 0
    with pytest.raises(RuntimeError, match="^Cannot access accelerator device when none is available.$"):
        torch.accelerator.current_device_index()


def test_adadelta_first_step():
    p = nn.Parameter(torch.tensor([1.0, -2.0]))
    opt = torch.optim.Adadelta([p])
    p.grad = torch.tensor([0.5, 0.5])
    opt.step()
    # square_avg = 0.1 * g^2; the step sqrt(eps) / sqrt(square_avg + eps) * g
    assert opt.state[p]["square_avg"].tolist() == pytest.approx([0.025, 0.025])
    assert p.tolist() == pytest.approx([1.0 - 0.0031622, -2.0 - 0.0031622], abs=1e-6)
    with pytest.raises(ValueError, match="^Invalid rho value: 1.5$"):
        torch.optim.Adadelta([p], rho=1.5)


def test_ipython_shows_the_tensor_class_as_pytorchs():
    pretty = pytest.importorskip("IPython.lib.pretty").pretty
    x = torch.ones(1, requires_grad=True)
    assert pretty(type(x)) == "torch.Tensor"
    assert pretty(type((x * 2).grad_fn)) == "MulBackward0"
    assert pretty(torch.Size) == "torch.Size"
    assert repr(type(x)) == "<class 'torch.Tensor'>"


# -- derivatives: checked against finite differences, first and second order --------------------------------
_D = torch.float64


def _inputs():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(2, 3, 4, dtype=_D, generator=g).requires_grad_()
    y = torch.randn(2, 3, 4, dtype=_D, generator=g).requires_grad_()
    w = torch.randn(3, 2, 2, 3, dtype=_D, generator=g).requires_grad_()
    return x, y, w


_INDEX = torch.tensor([[[0, 0, 1, 3]] * 3] * 2)
_CASES = {
    "pad reflect": lambda x, y, w: F.pad(x, (2, 1, 1, 1), mode="reflect"),
    "pad circular": lambda x, y, w: F.pad(x, (2, 1), mode="circular"),
    "pad constant": lambda x, y, w: F.pad(x, (1, -1, 2, 0), value=0.5),
    "addcdiv": lambda x, y, w: x.addcdiv(y, x.abs() + 1, value=0.7),
    "hypot": lambda x, y, w: x.hypot(y),
    "index_add": lambda x, y, w: x.index_add(2, torch.tensor([0, 2, 2]), y[:, :, :3], alpha=2),
    "scatter_reduce prod": lambda x, y, w: x.scatter_reduce(2, _INDEX, y, "prod"),
    "scatter_reduce amax": lambda x, y, w: x.scatter_reduce(2, _INDEX, y, "amax", include_self=False),
    "median": lambda x, y, w: x.median(2).values,
    "cummax": lambda x, y, w: x.cummax(2).values,
    "mish": lambda x, y, w: F.mish(x),
    "conv_transpose2d": lambda x, y, w: F.conv_transpose2d(x.unsqueeze(0), w[:2], stride=(2, 1), padding=(1, 0),
                                                           output_padding=(1, 0)),
}


@pytest.mark.parametrize("name", list(_CASES))
def test_derivatives_match_finite_differences(name):
    from autograd_lab.autograd import gradcheck, gradgradcheck

    x, y, w = _inputs()
    f = _CASES[name]
    assert gradcheck(lambda a, b, c: f(a, b, c), (x, y, w))
    assert gradgradcheck(lambda a, b, c: f(a, b, c), (x, y, w))


def test_kthvalue_names_the_equal_entry_pytorchs_selection_ends_at():
    # recorded from PyTorch 2.13: not the first 1 in order (index 1) but the one its quickselect keeps
    values, indices = torch.tensor([[2., 1., 2., 1., 3., 1.], [5., 5., 4., 4., float("nan"), 0.]]).kthvalue(2, 1)
    assert indices.tolist() == [3, 3] and values.tolist() == [1., 4.]


def test_mode_of_a_long_row_names_the_index_pytorchs_unstable_sort_leaves_last():
    # 20 entries: above 16, std::sort is not stable; recorded from PyTorch 2.13
    row = torch.tensor([[1., 0., 1., 2., 1., 0., 0., 1., 2., 2., 1., 0., 1., 2., 0., 1., 0., 2., 1., 0.]])
    m = row.mode(1)
    assert m.values.tolist() == [1.] and m.indices.tolist() == [0]  # (not 18, the last 1)


def test_rrelu_in_training_draws_its_slopes_as_pytorch():
    torch.manual_seed(0)
    x = torch.tensor([-1., 2., -3.], requires_grad=True)
    y = F.rrelu(x, training=True)
    y.sum().backward()
    # recorded from PyTorch 2.13 after manual_seed(0): one double uniform in [1/8, 1/3) per entry <= 0
    assert y.tolist() == [-0.3270943760871887, 2.0, -0.8173874616622925]
    assert x.grad.tolist() == [0.3270943760871887, 1.0, 0.27246248722076416]
