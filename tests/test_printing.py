"""Tensor reprs must match PyTorch 2.13 exactly; golden strings were recorded from real torch."""

import math
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograd_lab.parity.printing import (
    format_tensor,
    get_printoptions,
    printoptions,
    set_printoptions,
)

nan, inf = float("nan"), float("inf")


@pytest.fixture(autouse=True)
def default_printoptions():
    """Every test starts, and leaves, with PyTorch's default options."""
    set_printoptions(profile="default")
    yield
    set_printoptions(profile="default")


def fmt(values, dtype="float32", *suffixes, **kwargs):
    return format_tensor(np.array(values), dtype, tuple(suffixes), **kwargs)


# ------------------------------------------------------------ float layout


def test_floats_show_four_decimals():
    assert fmt([1.12345, 2.5]) == "tensor([1.1235, 2.5000])"


def test_elements_share_one_column_width():
    assert fmt([1.5, -10.25, 100.125]) == "tensor([  1.5000, -10.2500, 100.1250])"


def test_integer_valued_floats_print_with_trailing_dot():
    assert fmt([1.0, -10.0, 100.0]) == "tensor([  1., -10., 100.])"


def test_all_zero_floats_print_as_integers():
    assert fmt([0.0, 0.0]) == "tensor([0., 0.])"


def test_scientific_when_magnitudes_span_more_than_1000x():
    assert fmt([102.4, 1024.0, 0.1024]) == "tensor([1.0240e+02, 1.0240e+03, 1.0240e-01])"


def test_scientific_when_a_value_exceeds_1e8():
    assert fmt([1e9, 1.0]) == "tensor([1.0000e+09, 1.0000e+00])"


def test_scientific_when_a_value_is_below_1e_4():
    assert fmt([1e-5, 1.0]) == "tensor([1.0000e-05, 1.0000e+00])"


def test_scientific_wins_over_integer_look():
    assert fmt([1.0, 1e10]) == "tensor([1.0000e+00, 1.0000e+10])"


def test_nan_and_inf_are_padded_to_the_column_width():
    assert fmt([1.5, nan, inf, -inf]) == "tensor([1.5000,    nan,    inf,   -inf])"


def test_nan_and_inf_get_no_trailing_dot_among_integer_floats():
    assert fmt([1.0, nan, -inf]) == "tensor([1., nan, -inf])"


def test_only_non_finite_values():
    assert fmt([nan, inf]) == "tensor([nan, inf])"


def test_negative_zero_among_integer_floats():
    assert fmt([-0.0, 1.0]) == "tensor([-0., 1.])"


def test_negative_zero_among_fractions():
    assert fmt([-0.0, 1.5]) == "tensor([-0.0000, 1.5000])"


def test_float32_values_are_rounded_as_float32():
    # 2.00005 is 2.0000500679... in float32 but 2.0000499999... in float64.
    assert fmt([2.00005], "float32") == "tensor([2.0001])"
    assert fmt([2.00005], "float64") == "tensor([2.0000], dtype=torch.float64)"


def test_float64_prints_its_dtype():
    assert fmt([0.1, 0.2], "float64") == "tensor([0.1000, 0.2000], dtype=torch.float64)"


def test_float16_prints_its_rounded_values():
    assert fmt([0.1, 1000.5], "float16") == "tensor([9.9976e-02, 1.0005e+03], dtype=torch.float16)"


def test_float16_large_values():
    assert fmt([60000.0, 1.0], "float16") == "tensor([6.0000e+04, 1.0000e+00], dtype=torch.float16)"


# ------------------------------------------------------ integers and bools


def test_int64_has_no_dtype_suffix():
    assert fmt([1, -20, 300], "int64") == "tensor([  1, -20, 300])"


def test_int32_shows_its_dtype():
    assert fmt([1, -20, 300], "int32") == "tensor([  1, -20, 300], dtype=torch.int32)"


def test_uint8():
    assert fmt([0, 255], "uint8") == "tensor([  0, 255], dtype=torch.uint8)"


def test_int8_extremes():
    assert fmt([-128, 127], "int8") == "tensor([-128,  127], dtype=torch.int8)"


def test_int16_matrix():
    assert fmt([[1, -2], [3, 4]], "int16") == (
        "tensor([[ 1, -2],\n"
        "        [ 3,  4]], dtype=torch.int16)"
    )


def test_bools_are_right_aligned():
    assert fmt([True, False, True], "bool") == "tensor([ True, False,  True])"


# ------------------------------------------------------------------ scalars


def test_scalar_integer_valued_float():
    assert fmt(27.0) == "tensor(27.)"


def test_scalar_fraction():
    assert fmt(2.5) == "tensor(2.5000)"


def test_scalar_int():
    assert fmt(5, "int64") == "tensor(5)"


def test_scalar_float64():
    assert fmt(0.5, "float64") == "tensor(0.5000, dtype=torch.float64)"


def test_scalar_nan():
    assert fmt(nan) == "tensor(nan)"


def test_scalar_bool():
    assert fmt(True, "bool") == "tensor(True)"


# ------------------------------------------------------------------- empty


def test_empty_vector():
    assert fmt([]) == "tensor([])"


def test_empty_matrix_shows_its_size():
    assert format_tensor(np.zeros((0, 3)), "float32") == "tensor([], size=(0, 3))"


def test_empty_int64_shows_its_dtype():
    assert fmt([], "int64") == "tensor([], dtype=torch.int64)"


def test_empty_bool_shows_its_dtype():
    assert fmt([], "bool") == "tensor([], dtype=torch.bool)"


def test_empty_float64_matrix_shows_size_then_dtype():
    assert format_tensor(np.zeros((2, 0)), "float64") == (
        "tensor([], size=(2, 0), dtype=torch.float64)"
    )


# ------------------------------------------------------------------ nesting


def test_matrix_rows_align_under_each_other():
    assert fmt([[1.0, 2.5], [-3.0, 4.0]]) == (
        "tensor([[ 1.0000,  2.5000],\n"
        "        [-3.0000,  4.0000]])"
    )


def test_3d_slices_are_separated_by_a_blank_line():
    assert format_tensor(np.arange(12.0).reshape(2, 3, 2), "float32") == (
        "tensor([[[ 0.,  1.],\n"
        "         [ 2.,  3.],\n"
        "         [ 4.,  5.]],\n"
        "\n"
        "        [[ 6.,  7.],\n"
        "         [ 8.,  9.],\n"
        "         [10., 11.]]])"
    )


def test_4d_outer_slices_are_separated_by_two_blank_lines():
    assert format_tensor(np.arange(16).reshape(2, 2, 2, 2), "int64") == (
        "tensor([[[[ 0,  1],\n"
        "          [ 2,  3]],\n"
        "\n"
        "         [[ 4,  5],\n"
        "          [ 6,  7]]],\n"
        "\n"
        "\n"
        "        [[[ 8,  9],\n"
        "          [10, 11]],\n"
        "\n"
        "         [[12, 13],\n"
        "          [14, 15]]]])"
    )


# ----------------------------------------------------------------- wrapping


def test_long_vector_wraps_at_80_columns():
    assert format_tensor(np.arange(30.0) * 1.5, "float32") == (
        "tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n"
        "        12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000,\n"
        "        24.0000, 25.5000, 27.0000, 28.5000, 30.0000, 31.5000, 33.0000, 34.5000,\n"
        "        36.0000, 37.5000, 39.0000, 40.5000, 42.0000, 43.5000])"
    )


def test_wrapped_matrix_rows_continue_one_column_further_in():
    assert format_tensor(np.arange(24.0).reshape(2, 12) / 4, "float32") == (
        "tensor([[0.0000, 0.2500, 0.5000, 0.7500, 1.0000, 1.2500, 1.5000, 1.7500, 2.0000,\n"
        "         2.2500, 2.5000, 2.7500],\n"
        "        [3.0000, 3.2500, 3.5000, 3.7500, 4.0000, 4.2500, 4.5000, 4.7500, 5.0000,\n"
        "         5.2500, 5.5000, 5.7500]])"
    )


def test_a_longer_prefix_indents_continuation_lines_further():
    # What PyTorch prints for a Tensor subclass named MyTensor.
    got = format_tensor(np.arange(30.0) * 1.5, "float32", prefix="MyTensor(")
    assert got == (
        "MyTensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000,\n"
        "          10.5000, 12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000,\n"
        "          21.0000, 22.5000, 24.0000, 25.5000, 27.0000, 28.5000, 30.0000,\n"
        "          31.5000, 33.0000, 34.5000, 36.0000, 37.5000, 39.0000, 40.5000,\n"
        "          42.0000, 43.5000])"
    )


# ------------------------------------------------------------ summarisation


def test_vector_above_1000_elements_is_summarised():
    assert format_tensor(np.arange(1001), "int64") == "tensor([   0,    1,    2,  ...,  998,  999, 1000])"


def test_vector_of_1000_elements_is_printed_in_full():
    assert "..." not in format_tensor(np.arange(1000), "int64")


def test_summarised_vector_still_wraps():
    assert format_tensor(np.arange(2000.0) * 1e5, "float32") == (
        "tensor([0.0000e+00, 1.0000e+05, 2.0000e+05,  ..., 1.9970e+08, 1.9980e+08,\n"
        "        1.9990e+08])"
    )


def test_summarised_matrix_elides_rows_and_columns():
    assert format_tensor(np.arange(10000.0).reshape(100, 100), "float32") == (
        "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.7000e+01, 9.8000e+01,\n"
        "         9.9000e+01],\n"
        "        [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.9700e+02, 1.9800e+02,\n"
        "         1.9900e+02],\n"
        "        [2.0000e+02, 2.0100e+02, 2.0200e+02,  ..., 2.9700e+02, 2.9800e+02,\n"
        "         2.9900e+02],\n"
        "        ...,\n"
        "        [9.7000e+03, 9.7010e+03, 9.7020e+03,  ..., 9.7970e+03, 9.7980e+03,\n"
        "         9.7990e+03],\n"
        "        [9.8000e+03, 9.8010e+03, 9.8020e+03,  ..., 9.8970e+03, 9.8980e+03,\n"
        "         9.8990e+03],\n"
        "        [9.9000e+03, 9.9010e+03, 9.9020e+03,  ..., 9.9970e+03, 9.9980e+03,\n"
        "         9.9990e+03]])"
    )


def test_summarised_3d_tensor_elides_every_dimension():
    assert format_tensor(np.arange(1200).reshape(12, 10, 10), "int64") == (
        "tensor([[[   0,    1,    2,  ...,    7,    8,    9],\n"
        "         [  10,   11,   12,  ...,   17,   18,   19],\n"
        "         [  20,   21,   22,  ...,   27,   28,   29],\n"
        "         ...,\n"
        "         [  70,   71,   72,  ...,   77,   78,   79],\n"
        "         [  80,   81,   82,  ...,   87,   88,   89],\n"
        "         [  90,   91,   92,  ...,   97,   98,   99]],\n"
        "\n"
        "        [[ 100,  101,  102,  ...,  107,  108,  109],\n"
        "         [ 110,  111,  112,  ...,  117,  118,  119],\n"
        "         [ 120,  121,  122,  ...,  127,  128,  129],\n"
        "         ...,\n"
        "         [ 170,  171,  172,  ...,  177,  178,  179],\n"
        "         [ 180,  181,  182,  ...,  187,  188,  189],\n"
        "         [ 190,  191,  192,  ...,  197,  198,  199]],\n"
        "\n"
        "        [[ 200,  201,  202,  ...,  207,  208,  209],\n"
        "         [ 210,  211,  212,  ...,  217,  218,  219],\n"
        "         [ 220,  221,  222,  ...,  227,  228,  229],\n"
        "         ...,\n"
        "         [ 270,  271,  272,  ...,  277,  278,  279],\n"
        "         [ 280,  281,  282,  ...,  287,  288,  289],\n"
        "         [ 290,  291,  292,  ...,  297,  298,  299]],\n"
        "\n"
        "        ...,\n"
        "\n"
        "        [[ 900,  901,  902,  ...,  907,  908,  909],\n"
        "         [ 910,  911,  912,  ...,  917,  918,  919],\n"
        "         [ 920,  921,  922,  ...,  927,  928,  929],\n"
        "         ...,\n"
        "         [ 970,  971,  972,  ...,  977,  978,  979],\n"
        "         [ 980,  981,  982,  ...,  987,  988,  989],\n"
        "         [ 990,  991,  992,  ...,  997,  998,  999]],\n"
        "\n"
        "        [[1000, 1001, 1002,  ..., 1007, 1008, 1009],\n"
        "         [1010, 1011, 1012,  ..., 1017, 1018, 1019],\n"
        "         [1020, 1021, 1022,  ..., 1027, 1028, 1029],\n"
        "         ...,\n"
        "         [1070, 1071, 1072,  ..., 1077, 1078, 1079],\n"
        "         [1080, 1081, 1082,  ..., 1087, 1088, 1089],\n"
        "         [1090, 1091, 1092,  ..., 1097, 1098, 1099]],\n"
        "\n"
        "        [[1100, 1101, 1102,  ..., 1107, 1108, 1109],\n"
        "         [1110, 1111, 1112,  ..., 1117, 1118, 1119],\n"
        "         [1120, 1121, 1122,  ..., 1127, 1128, 1129],\n"
        "         ...,\n"
        "         [1170, 1171, 1172,  ..., 1177, 1178, 1179],\n"
        "         [1180, 1181, 1182,  ..., 1187, 1188, 1189],\n"
        "         [1190, 1191, 1192,  ..., 1197, 1198, 1199]]])"
    )


# ----------------------------------------------------------------- suffixes


def test_requires_grad_suffix():
    assert fmt([1.0, 2.0], "float32", "requires_grad=True") == "tensor([1., 2.], requires_grad=True)"


def test_grad_fn_suffix():
    assert fmt([2.0, 4.0], "float32", "grad_fn=<MulBackward0>") == "tensor([2., 4.], grad_fn=<MulBackward0>)"


def test_dtype_comes_before_caller_suffixes():
    assert fmt([1.0, 2.0], "float64", "requires_grad=True") == (
        "tensor([1., 2.], dtype=torch.float64, requires_grad=True)"
    )


def test_suffix_moves_to_a_new_line_when_too_long():
    values = np.arange(8.0) * 1000 + 500
    assert format_tensor(values, "float32", ("grad_fn=<MulBackward0>",)) == (
        "tensor([ 500., 1500., 2500., 3500., 4500., 5500., 6500., 7500.],\n"
        "       grad_fn=<MulBackward0>)"
    )


def test_dtype_suffix_also_wraps():
    assert format_tensor(np.arange(7.0) + 0.25, "float64") == (
        "tensor([0.2500, 1.2500, 2.2500, 3.2500, 4.2500, 5.2500, 6.2500],\n"
        "       dtype=torch.float64)"
    )


def test_suffix_after_a_wrapped_body_measures_only_the_last_line():
    assert format_tensor(np.arange(20.0) * 1.5, "float32", ("requires_grad=True",)) == (
        "tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n"
        "        12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000,\n"
        "        24.0000, 25.5000, 27.0000, 28.5000], requires_grad=True)"
    )


def test_suffix_after_a_full_last_line_wraps():
    values = np.arange(14.0) + 0.5
    assert format_tensor(values, "float32", ("grad_fn=<MulBackward0>",)) == (
        "tensor([ 0.5000,  1.5000,  2.5000,  3.5000,  4.5000,  5.5000,  6.5000,  7.5000,\n"
        "         8.5000,  9.5000, 10.5000, 11.5000, 12.5000, 13.5000],\n"
        "       grad_fn=<MulBackward0>)"
    )


def test_default_float64_hides_float64_and_shows_float32():
    assert fmt([1.5], "float64", default_float="float64") == "tensor([1.5000])"
    assert fmt([1.5], "float32", default_float="float64") == "tensor([1.5000], dtype=torch.float32)"
    assert fmt([], "float32", default_float="float64") == "tensor([], dtype=torch.float32)"
    assert fmt([], "float64", default_float="float64") == "tensor([])"


def test_unknown_dtype_is_rejected():
    with pytest.raises(ValueError):
        fmt([1], "complex64")


# ------------------------------------------------------------ print options


def test_default_options():
    assert get_printoptions() == {
        "precision": 4,
        "threshold": 1000,
        "edgeitems": 3,
        "linewidth": 80,
        "sci_mode": None,
    }


def test_precision_option():
    set_printoptions(precision=2)
    assert fmt([1.12345, 2.5]) == "tensor([1.12, 2.50])"
    set_printoptions(precision=6)
    assert fmt([1.12345, 2.5]) == "tensor([1.123450, 2.500000])"


def test_sci_mode_forced_on():
    set_printoptions(sci_mode=True)
    assert fmt([1.5, 2.0]) == "tensor([1.5000e+00, 2.0000e+00])"
    assert fmt([1.0, 2.0]) == "tensor([1.0000e+00, 2.0000e+00])"


def test_sci_mode_forced_on_pads_nan_but_ignores_all_zero_tensors():
    set_printoptions(sci_mode=True)
    assert fmt([0.0, nan, 1.0]) == "tensor([0.0000e+00,        nan, 1.0000e+00])"
    assert fmt([0.0, nan]) == "tensor([0., nan])"


def test_sci_mode_forced_off():
    set_printoptions(sci_mode=False)
    assert fmt([1e-5, 1e9]) == "tensor([         0.0000, 1000000000.0000])"


def test_set_printoptions_resets_sci_mode_when_not_given():
    set_printoptions(sci_mode=False)
    set_printoptions(precision=4)
    assert get_printoptions()["sci_mode"] is None


def test_threshold_option():
    set_printoptions(threshold=5)
    assert fmt(np.arange(10), "int64") == "tensor([0, 1, 2,  ..., 7, 8, 9])"


def test_edgeitems_option():
    set_printoptions(threshold=5, edgeitems=1)
    assert fmt(np.arange(10), "int64") == "tensor([0,  ..., 9])"


def test_zero_edgeitems_shows_only_an_ellipsis_and_the_size():
    set_printoptions(threshold=5, edgeitems=0)
    assert fmt(np.arange(10), "int64") == "tensor([...], size=(10,))"
    assert format_tensor(np.arange(10).reshape(2, 5), "int64") == "tensor([...], size=(2, 5))"


def test_zero_edgeitems_adds_the_size_even_without_summarising():
    set_printoptions(edgeitems=0)
    assert fmt(np.arange(4), "int64") == "tensor([0, 1, 2, 3], size=(4,))"


def test_linewidth_option():
    set_printoptions(linewidth=40)
    assert format_tensor(np.arange(20.0) / 4, "float32") == (
        "tensor([0.0000, 0.2500, 0.5000, 0.7500,\n"
        "        1.0000, 1.2500, 1.5000, 1.7500,\n"
        "        2.0000, 2.2500, 2.5000, 2.7500,\n"
        "        3.0000, 3.2500, 3.5000, 3.7500,\n"
        "        4.0000, 4.2500, 4.5000, 4.7500])"
    )


def test_tiny_linewidth_keeps_one_element_per_line():
    set_printoptions(linewidth=5)
    assert fmt([1.5, 2.5]) == "tensor([1.5000,\n        2.5000])"


def test_linewidth_decides_when_suffixes_wrap():
    set_printoptions(linewidth=30)
    assert fmt([1.5, 2.5], "float64") == "tensor([1.5000, 2.5000],\n       dtype=torch.float64)"


def test_short_profile():
    set_printoptions(profile="short", threshold=5)
    assert format_tensor(np.arange(10.0) / 3, "float32") == "tensor([0.00, 0.33,  ..., 2.67, 3.00])"


def test_full_profile_never_summarises():
    set_printoptions(profile="full")
    assert get_printoptions()["threshold"] == math.inf
    assert "..." not in format_tensor(np.arange(5000), "int64")


def test_default_profile_restores_defaults():
    set_printoptions(precision=1, threshold=3, edgeitems=1, linewidth=20, sci_mode=True)
    set_printoptions(profile="default")
    assert get_printoptions() == {
        "precision": 4,
        "threshold": 1000,
        "edgeitems": 3,
        "linewidth": 80,
        "sci_mode": None,
    }


def test_printoptions_context_applies_then_restores():
    set_printoptions(precision=3, sci_mode=False)
    before = get_printoptions()
    with printoptions(precision=2, sci_mode=True):
        assert fmt([1.12345]) == "tensor([1.12e+00])"
    assert get_printoptions() == before
    assert fmt([1.12345]) == "tensor([1.123])"


def test_printoptions_context_restores_after_an_error():
    with pytest.raises(RuntimeError):
        with printoptions(linewidth=10):
            raise RuntimeError("boom")
    assert get_printoptions()["linewidth"] == 80


# ------------------------------------------------- comparison with PyTorch

# Raise (e.g. PRINTING_FUZZ_EXAMPLES=5000) for a deeper search against torch.
FUZZ_EXAMPLES = int(os.environ.get("PRINTING_FUZZ_EXAMPLES", "300"))
DTYPES = ["float32", "float64", "float16", "int64", "int32", "int16", "int8", "uint8", "bool"]
FLOAT_EXPONENT_RANGE = {"float16": (-8, 5), "float32": (-45, 38), "float64": (-320, 308)}


@st.composite
def shapes(draw):
    if draw(st.integers(0, 4)) == 0:
        # Shapes above the 1000-element threshold, so summarisation is exercised.
        return draw(st.sampled_from([(1001,), (2500,), (40, 30), (7, 200), (3, 20, 20), (2, 2, 300), (11, 10, 2, 5)]))
    return tuple(draw(st.lists(st.integers(0, 6), max_size=4)))


def random_floats(draw, rng, dtype, n):
    kind = draw(st.sampled_from(["normal", "integers", "log-uniform"]))
    scale = 10.0 ** draw(st.integers(-10, 10))
    if kind == "normal":
        values = rng.standard_normal(n) * scale
    elif kind == "integers":
        values = rng.integers(-1000, 1001, n).astype(np.float64) * draw(st.sampled_from([1.0, 1e3, 1e7, 1e12]))
    else:
        low, high = FLOAT_EXPONENT_RANGE[dtype]
        values = 10.0 ** rng.uniform(low, high, n) * rng.choice([-1.0, 1.0], n)
    if n and draw(st.booleans()):
        # Sprinkle zeros, negative zeros and non-finite values.
        specials = rng.choice([0.0, -0.0, nan, inf, -inf], n)
        values = np.where(rng.random(n) < 0.3, specials, values)
    with np.errstate(over="ignore", invalid="ignore"):
        return values.astype(dtype)


def random_ints(draw, rng, dtype, n):
    info = np.iinfo(dtype)
    bound = 10 ** draw(st.integers(0, 19))
    low, high = max(int(info.min), -bound), min(int(info.max), bound)
    return rng.integers(low, high, n, endpoint=True, dtype=dtype)


@st.composite
def arrays(draw):
    dtype = draw(st.sampled_from(DTYPES))
    shape = draw(shapes())
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n = math.prod(shape)
    if dtype == "bool":
        flat = rng.random(n) < 0.5
    elif dtype.startswith("float"):
        flat = random_floats(draw, rng, dtype, n)
    else:
        flat = random_ints(draw, rng, dtype, n)
    return flat.reshape(shape), dtype


options = st.fixed_dictionaries(
    {
        "precision": st.integers(0, 8),
        "threshold": st.sampled_from([0, 5, 50, 1000, math.inf]),
        "edgeitems": st.integers(0, 4),
        "linewidth": st.integers(10, 150),
        "sci_mode": st.sampled_from([None, True, False]),
    }
)


def torch_repr(torch, values, dtype, requires_grad=False):
    return repr(torch.tensor(values, dtype=getattr(torch, dtype), requires_grad=requires_grad))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arrays(), st.booleans())
def test_matches_pytorch_on_random_tensors(array_and_dtype, requires_grad):
    torch = pytest.importorskip("torch")
    values, dtype = array_and_dtype
    requires_grad = requires_grad and dtype.startswith("float")
    suffixes = ("requires_grad=True",) if requires_grad else ()
    assert format_tensor(values, dtype, suffixes) == torch_repr(torch, values, dtype, requires_grad)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arrays(), options)
def test_matches_pytorch_under_random_print_options(array_and_dtype, opts):
    torch = pytest.importorskip("torch")
    values, dtype = array_and_dtype
    try:
        torch.set_printoptions(**opts)
        set_printoptions(**opts)
        assert format_tensor(values, dtype) == torch_repr(torch, values, dtype)
    finally:
        torch.set_printoptions(profile="default")
        set_printoptions(profile="default")
