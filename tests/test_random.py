"""Specification of autograd_lab.parity.random: PyTorch's CPU random numbers, bit for bit.

The first part pins exact values recorded from PyTorch 2.13 (x86-64, AVX2
kernels), written out literally so these tests mean something without torch.
The second part compares against live torch, when it is installed, over many
seeds, shapes and dtypes.
"""

import hashlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograd_lab.parity import box_muller as BM
from autograd_lab.parity import random as R


def same_bits(actual, expected, dtype=None):
    """Exact equality, down to the sign of zero, with the dtype checked too."""
    expected = np.asarray(expected, dtype=dtype if dtype is not None else np.asarray(actual).dtype)
    actual = np.asarray(actual)
    assert actual.dtype == expected.dtype, (actual.dtype, expected.dtype)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    a = np.ascontiguousarray(actual)
    e = np.ascontiguousarray(expected)
    if a.dtype.kind == "f":
        a, e = a.view(np.uint8), e.view(np.uint8)
    assert np.array_equal(a, e), (actual.ravel()[:8], expected.ravel()[:8])


def digest(a):
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()[:16]


F32, F64 = np.float32, np.float64


# ================================================================ seeding and state


def test_a_new_generator_has_pytorchs_default_seed():
    assert R.Generator().initial_seed() == 67280421310721


def test_a_new_generator_draws_what_torch_generator_draws():
    same_bits(R.rand((2,), F32, R.Generator()), [0.267295241355896, 0.8725283145904541], F32)


def test_manual_seed_returns_the_default_generator():
    assert R.manual_seed(3) is R.default_generator
    assert R.initial_seed() == 3


def test_generator_manual_seed_returns_the_generator():
    g = R.Generator()
    assert g.manual_seed(5) is g


def test_a_negative_seed_wraps_to_an_unsigned_64_bit_seed():
    R.manual_seed(-1)
    assert R.initial_seed() == 2**64 - 1
    same_bits(R.rand((1,)), [0.9937993884086609], F32)


def test_only_the_low_32_bits_of_the_seed_seed_the_twister():
    g = R.Generator(2**32 + 5)
    assert g.initial_seed() == 4294967301
    same_bits(R.rand((1,), F32, g), [0.8302518725395203], F32)
    same_bits(R.rand((1,), F32, R.Generator(5)), [0.8302518725395203], F32)


@pytest.mark.parametrize("bad", [2**64, -(2**63) - 1])
def test_a_seed_outside_64_bits_is_rejected(bad):
    with pytest.raises(ValueError, match="Overflow"):
        R.Generator().manual_seed(bad)


@pytest.mark.parametrize("bad", [1.5, True, "3"])
def test_generator_manual_seed_wants_an_integer(bad):
    with pytest.raises(RuntimeError, match="expected a long"):
        R.Generator().manual_seed(bad)


def test_module_manual_seed_converts_with_int_like_torch():
    R.manual_seed("3")
    assert R.initial_seed() == 3
    R.manual_seed(4.9)
    assert R.initial_seed() == 4


def test_seed_reseeds_nondeterministically_and_returns_the_seed():
    g = R.Generator()
    s1, s2 = g.seed(), g.seed()
    assert s1 != s2
    assert g.initial_seed() == s2
    assert 0 <= s1 < 2**64
    s3 = R.seed()
    assert R.initial_seed() == s3


def test_state_is_5056_bytes_like_torch():
    state = R.Generator(0).get_state()
    assert state.dtype == np.uint8 and state.shape == (5056,)


def test_set_state_rewinds_the_generator():
    g = R.Generator(11)
    R.randn((3,), F32, g)  # leaves a cached normal sample in the state too
    saved = g.get_state()
    first = (R.randn((5,), F32, g), R.rand((20,), F64, g), R.randint(0, 100, (4,), generator=g))
    g.set_state(saved)
    again = (R.randn((5,), F32, g), R.rand((20,), F64, g), R.randint(0, 100, (4,), generator=g))
    for a, b in zip(first, again):
        same_bits(a, b)
    assert g.initial_seed() == 11


def test_set_state_round_trips_at_every_position_in_the_twister_block():
    g = R.Generator(1)
    for n in (0, 1, 623, 1, 622, 700):
        R.rand((n,), F32, g)
        saved = g.get_state()
        h = R.Generator(99)
        h.set_state(saved)
        same_bits(h.get_state(), saved)
        same_bits(R.rand((700,), F32, h), R.rand((700,), F32, g))


def test_set_state_rejects_the_wrong_size():
    with pytest.raises(RuntimeError, match="5056"):
        R.Generator().set_state(np.zeros(100, np.uint8))


def test_module_rng_state_functions_use_the_default_generator():
    R.manual_seed(8)
    saved = R.get_rng_state()
    a = R.rand((4,))
    R.set_rng_state(saved)
    same_bits(R.rand((4,)), a)


# ========================================================================== uniform


def test_rand_float32_after_seed_0():
    R.manual_seed(0)
    same_bits(R.rand((3,)), [0.49625658988952637, 0.7682217955589294, 0.08847743272781372], F32)


def test_rand_float64_uses_53_bits_from_two_words():
    R.manual_seed(0)
    same_bits(R.rand((3,), F64), [0.9700530018065531, 0.707819864399788, 0.45938294312745087], F64)


def test_rand_has_the_requested_shape_and_dtype():
    a = R.rand((2, 3, 4), F64)
    assert a.shape == (2, 3, 4) and a.dtype == F64
    assert R.rand((0, 5)).shape == (0, 5)


def test_uniform_range_uses_a_fused_multiply_add():
    R.manual_seed(42)
    out = np.empty(4, F32)
    assert R.uniform_(out, -2.0, 3.0) is out
    same_bits(out, [2.411346435546875, 2.5750198364257812, -0.08568120002746582, 2.7965283393859863], F32)


def test_uniform_fills_a_non_contiguous_array_in_memory_order():
    R.manual_seed(0)
    out = np.empty((3, 2), F32).T
    R.uniform_(out)
    same_bits(
        out,
        [[0.49625658988952637, 0.08847743272781372, 0.30742281675338745],
         [0.7682217955589294, 0.13203048706054688, 0.6340786814689636]],
        F32,
    )


def test_uniform_rejects_a_reversed_range():
    with pytest.raises(RuntimeError, match="from=2.0 > to=1.0"):
        R.uniform_(np.empty(3, F32), 2.0, 1.0)


def test_uniform_never_returns_the_upper_bound():
    g = R.Generator(3)
    out = R.uniform_(np.empty(100_000, F32), 1.0, 1.0 + 2**-20, g)
    assert ((out >= 1.0) & (out < 1.0 + 2**-20)).all()


# =========================================================================== normal


def test_randn_small_uses_box_muller_in_float64():
    R.manual_seed(0)
    same_bits(R.randn((3,)), [1.5409960746765137, -0.293428897857666, -2.1787893772125244], F32)


def test_randn_small_float64():
    R.manual_seed(0)
    same_bits(R.randn((3,), F64), [1.5409961082440433, -0.2934289057609464, -2.1787893820745574], F64)


def test_randn_of_16_or_more_uses_the_vectorised_path_with_a_recomputed_tail():
    R.manual_seed(0)
    same_bits(
        R.randn((17,)),
        [-1.1258398294448853, -1.6959311962127686, 0.5666506290435791, 0.7935083508491516,
         0.5988394618034363, -1.5550950765609741, -0.3413603901863098, 1.85300612449646,
         0.46809640526771545, -0.5854975581169128, -0.1733967512845993, 0.18347793817520142,
         1.3893661499023438, 1.586334228515625, 0.946298360824585, -0.843676745891571,
         0.9318265914916992],
        F32,
    )


def test_randn_vectorised_float64():
    R.manual_seed(0)
    same_bits(
        R.randn((16,), F64)[:4],
        [-2.310411800234176, -0.3732508612577643, -1.0608166785462863, 0.9995093547811761],
        F64,
    )


def test_randn_float16_draws_blockwise():
    R.manual_seed(0)
    same_bits(R.randn((17,), np.float16)[-2:], [0.9462890625, -0.84375], np.float16)


def test_the_spare_box_muller_sample_is_kept_between_calls():
    R.manual_seed(0)
    R.randn((1,))
    same_bits(R.randn((1,)), [-0.293428897857666], F32)
    same_bits(R.randn((1,)), [-2.1787893772125244], F32)


def test_manual_seed_clears_the_spare_sample():
    R.manual_seed(0)
    R.randn((1,))
    R.manual_seed(0)
    same_bits(R.randn((1,)), [1.5409960746765137], F32)


def test_the_vectorised_path_neither_uses_nor_clears_the_spare_sample():
    R.manual_seed(0)
    R.randn((1,))
    same_bits(R.randn((40,))[:2], [0.8487103581428528, 0.6920091509819031], F32)
    same_bits(R.randn((1,)), [-0.293428897857666], F32)


def test_normal_with_mean_and_std():
    R.manual_seed(42)
    out = np.empty(3, F32)
    assert R.normal_(out, 10.0, 0.5) is out
    same_bits(out, [10.16834545135498, 10.064404487609863, 10.117231369018555], F32)


def test_normal_rejects_a_negative_std():
    with pytest.raises(RuntimeError, match="std >= 0.0"):
        R.normal_(np.empty(3, F32), 0.0, -1.0)


def test_interleaved_calls_follow_torch():
    R.manual_seed(0)
    a = R.randn((3,))
    b = R.rand((2,))
    c = R.randn((20,))
    d = R.randint(0, 10, (5,))
    same_bits(a, [1.5409960746765137, -0.293428897857666, -2.1787893772125244], F32)
    same_bits(b, [0.455627977848053, 0.6323062777519226], F32)
    same_bits(c[:3], [0.4913049638271332, -0.20410172641277313, -0.08853142708539963], F32)
    same_bits(c[-1:], [2.3022053241729736], F32)
    same_bits(d, [3, 5, 2, 1, 0], np.int64)


def test_large_arrays_match_torch_digests():
    R.manual_seed(7)
    assert digest(R.randn((1003, 257))) == "40053a21b7c04bcc"
    R.manual_seed(7)
    assert digest(R.randn((1003, 257), F64)) == "bb37c8a49730793d"
    R.manual_seed(7)
    assert digest(R.rand((1000, 1000))) == "da079fe0fe05ce43"
    R.manual_seed(7)
    assert digest(R.normal_(np.empty(5000, F32), 3.0, 0.25)) == "51d0f6357e0870a5"


def test_normal_float_arguments_need_a_size():
    R.manual_seed(42)
    same_bits(R.normal(10.0, 0.5, (3,)), [10.16834545135498, 10.064404487609863, 10.117231369018555], F32)
    with pytest.raises(TypeError):
        R.normal(0.0, 1.0)


# ====================================================== the float32 kernel, piece by piece


def _reference_log(x):
    """The AVX2 log with every fused multiply-add checked for halfway cases."""
    x = np.asarray(x, F32)
    bits = x.view(np.int32)
    e = ((bits >> 23) - 127).astype(F32) + F32(1)
    m = ((bits & 0x007FFFFF) | 0x3F000000).view(F32)
    small = m < BM._SQRT_HALF
    t = m - F32(1)
    e -= small.astype(F32)
    t += np.where(small, m, F32(0))
    z = t * t
    y = np.full_like(t, BM._LOG_POLY[0])
    for coef in BM._LOG_POLY[1:]:
        y = R._fma32(y, t, coef)
    y *= t
    y = R._fma32(y, z, e * BM._LOG_Q1)
    y = R._fma32(-z, F32(0.5), y)
    return R._fma32(e, BM._LOG_Q2, t + y)


def test_float32_log_kernel_matches_the_fully_checked_formula():
    # every 61st input the normal kernel can produce, plus the inputs whose
    # float64 sums sit exactly halfway between two float32 numbers
    k = np.concatenate([np.arange(0, 2**24, 61), [2**24 - 1, 2**23, 2**22 + 1]]).astype(np.uint32)
    u1 = F32(1) - k.astype(F32) * F32(2**-24)
    same_bits(BM._log_avx(u1), _reference_log(u1))


def test_float32_log_kernel_of_one_is_zero():
    same_bits(BM._log_avx(np.array([1.0], F32)), [0.0], F32)


def test_float32_sincos_kernel_is_close_to_the_true_values():
    theta = BM._TWO_PI_F32 * (np.arange(0, 2**24, 997).astype(F32) * F32(2**-24))
    sin, cos = BM._sincos_avx(theta)
    assert np.abs(sin - np.sin(theta.astype(F64))).max() < 3e-7
    assert np.abs(cos - np.cos(theta.astype(F64))).max() < 3e-7


def test_fma32_rounds_once():
    # 3 * float32(1/3) is 1 + 2**-25 exactly; rounding the product first would give 0
    same_bits(R._fma32(np.array([F32(3.0)]), F32(1 / 3), F32(-1.0)), [2.0**-25], F32)


def test_fma32_avoids_double_rounding_through_float64():
    # exact a*b + c = 1 + 2**-23 + 2**-24 - 2**-70: just below a float32 halfway point.
    # Rounded to float64 first it would sit exactly on it and round up to 1 + 2**-22.
    a = np.array([F32(2.0**-12 * (1 + 2.0**-23))])
    b, c = F32(2.0**-12 * (1 - 2.0**-23)), F32(1 + 2.0**-23)
    same_bits(R._fma32(a, b, c), [1 + 2.0**-23], F32)


def test_fma64_rounds_once():
    a = np.array([1 + 2**-30])
    assert R._fma64(a, 1 + 2**-30, -1.0)[0] == 2**-29 + 2**-60


def test_fma_by_a_number_rounds_once_in_every_block_and_in_place():
    from autograd_lab.parity.fma import _BLOCK, fma

    # Every element is the halfway case above (rounding through float64 would give 1 + 2**-22),
    # in three blocks; one element is a plain sum.
    n = 2 * _BLOCK + 5
    a = F32(2.0**-12 * (1 + 2.0**-23))
    b = np.full(n, F32(2.0**-12 * (1 - 2.0**-23)))
    c = np.full(n, F32(1 + 2.0**-23))
    b[7], c[7] = F32(0.5), F32(1.0)
    expected = np.full(n, F32(1 + 2.0**-23))
    expected[7] = R._fma32(np.array([a]), F32(0.5), F32(1.0))[0]
    same_bits(fma(a, b, c), expected, F32)
    same_bits(fma(b, a, c, out=c), expected, F32)  # writing over c while reading it
    same_bits(c, expected, F32)


def test_fma_by_a_number_handles_float32_subnormal_results():
    from autograd_lab.parity.fma import fma

    rng = np.random.default_rng(0)
    b = rng.standard_normal(1000).astype(F32) * F32(2.0**-20)
    c = rng.standard_normal(1000).astype(F32) * F32(2.0**-128)
    same_bits(fma(F32(0.7), b, c), R._fma32(np.full(1000, F32(0.7)), b, c), F32)


# ========================================================================= integers


def test_randint_small_range_uses_one_word_each():
    R.manual_seed(0)
    same_bits(R.randint(0, 10, (8,)), [4, 9, 3, 0, 3, 9, 7, 3], np.int64)


def test_randint_range_of_2_to_the_28_or_more_uses_64_bit_draws():
    R.manual_seed(0)
    same_bits(R.randint(0, 2**28, (3,)), [130329135, 136432832, 195187451], np.int64)
    same_bits(R.randint(-(2**40), 2**40, (2,)), [-258354086553, -1058178736429], np.int64)


def test_randint_float32_pulls_the_bounds_in_to_representable_values():
    R.manual_seed(0)
    same_bits(R.randint(0, 2**31 - 1, (2,), F32), [382722848.0, 1858664704.0], F32)


def test_randint_dtypes():
    assert R.randint(0, 5, (3,), np.int32).dtype == np.int32
    assert R.randint(0, 2, (3,), np.bool_).dtype == np.bool_
    assert R.randint(-3, 3, (2, 2), np.int8).shape == (2, 2)


def test_randint_rejects_an_empty_range():
    with pytest.raises(RuntimeError, match="from=5 >= to=5"):
        R.randint(5, 5, (1,))


def test_randint_rejects_a_range_the_dtype_cannot_hold():
    with pytest.raises(RuntimeError, match="out of bounds"):
        R.randint(0, 300, (1,), np.uint8)


def test_randperm_small_is_a_forward_fisher_yates_shuffle():
    R.manual_seed(0)
    same_bits(R.randperm(10), [4, 1, 7, 5, 3, 9, 0, 8, 6, 2], np.int64)


def test_randperm_of_zero_and_one():
    same_bits(R.randperm(0), np.array([], np.int64))
    same_bits(R.randperm(1), [0], np.int64)


def test_randperm_100000_matches_torch_digest():
    R.manual_seed(7)
    assert digest(R.randperm(100_000)) == "509a82d0671c919b"


def test_randperm_large_n_uses_the_inside_out_shuffle(monkeypatch):
    # PyTorch switches at n = 214748364; shrink the threshold to check the algorithm by hand
    monkeypatch.setattr(R, "_RANDPERM_SMALL_LIMIT", 0)
    g = R.Generator(0)
    draws = R.Generator(0)._random64(6).tolist()
    expected = [0] * 6
    for i, w in enumerate(draws):
        z = w % (i + 1)
        expected[i] = expected[z]
        expected[z] = i
    same_bits(R.randperm(6, g), expected, np.int64)


# ======================================================================== bernoulli


def test_bernoulli_scalar_p_compares_a_53_bit_uniform():
    R.manual_seed(0)
    out = np.empty(10, F32)
    assert R.bernoulli_(out, 0.5) is out
    same_bits(out, [0, 0, 1, 0, 0, 0, 1, 1, 0, 1], F32)


def test_bernoulli_extremes():
    assert R.bernoulli_(np.empty(50, F32), 0.0).sum() == 0
    assert R.bernoulli_(np.empty(50, F32), 1.0).sum() == 50


def test_bernoulli_rejects_p_outside_0_1():
    with pytest.raises(RuntimeError, match="p to be in"):
        R.bernoulli_(np.empty(3, F32), 1.5)


def test_dropout_mask_recipe_matches_torch_dropout():
    # torch.manual_seed(0); F.dropout(torch.ones(8), 0.25)
    R.manual_seed(0)
    x = np.ones(8, F32)
    p = 0.25
    mask = R.bernoulli_(np.empty_like(x), 1 - p)
    y = x * (mask * (F32(1) / F32(1 - p)))
    same_bits(y, [0.0, 1.3333333730697632, 1.3333333730697632, 0.0,
                  1.3333333730697632, 0.0, 1.3333333730697632, 1.3333333730697632], F32)


def test_live_dropout_with_p_0_or_1_draws_nothing():
    torch = _torch()
    import torch.nn.functional as tF

    torch.manual_seed(0)
    before = torch.get_rng_state()
    tF.dropout(torch.ones(5), 0.0, training=True)
    tF.dropout(torch.ones(5), 1.0, training=True)
    assert torch.equal(before, torch.get_rng_state())


# ===================================================== exponential and multinomial


def test_exponential():
    R.manual_seed(0)
    same_bits(R.exponential_(np.empty(3, F32)), [3.508326292037964, 1.2303847074508667, 0.615044116973877], F32)


def test_multinomial_with_replacement_like_makemore():
    g = R.Generator(2147483647)
    p = R.rand((3,), F32, g)
    p = p / p.sum()
    same_bits(p, [0.606378436088562, 0.30333879590034485, 0.0902828499674797], F32)
    same_bits(
        R.multinomial(p, 20, replacement=True, generator=g),
        [1, 1, 2, 0, 0, 2, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1],
        np.int64,
    )


def test_multinomial_single_sample_uses_the_exponential_trick():
    g = R.Generator(2147483647)
    p = np.array([0.1, 0.2, 0.3, 0.4], F32)
    got = [int(R.multinomial(p, 1, True, g)[0]) for _ in range(10)]
    assert got == [3, 3, 3, 3, 2, 0, 2, 3, 0, 1]


def test_multinomial_without_replacement_never_repeats():
    g = R.Generator(1)
    out = R.multinomial(np.ones((4, 10), F32), 10, generator=g)
    assert out.shape == (4, 10)
    assert all(sorted(row) == list(range(10)) for row in out.tolist())


def test_multinomial_rejects_too_many_samples_without_replacement():
    with pytest.raises(RuntimeError, match="without replacement"):
        R.multinomial(np.ones(3, F32), 4)


# ========================================================================== speed


def test_randn_60000_by_784_is_fast_and_right():
    import time

    R.manual_seed(7)
    start = time.process_time()
    a = R.randn((60000, 784))
    elapsed = time.process_time() - start
    assert digest(a) == "3cb19bdf218686f8"
    assert elapsed < 20  # typically 1.5-3 s of CPU; generous for loaded CI machines


# ============================================================ live comparison with torch

TORCH_DTYPES = {"float32": F32, "float64": F64, "float16": np.float16}
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

seeds = st.integers(min_value=-(2**63), max_value=2**64 - 1)
float_dtypes = st.sampled_from(["float32", "float64"])
shapes = st.lists(st.integers(0, 40), min_size=0, max_size=3).map(tuple)


def _torch():
    return pytest.importorskip("torch")


def _pair(seed):
    torch = _torch()
    tg = torch.Generator()
    tg.manual_seed(seed)
    return R.Generator(seed), tg


def _check(ours, theirs):
    same_bits(ours, theirs.numpy())


@SLOW
@given(seed=seeds, dtype=float_dtypes, shape=shapes)
def test_live_rand_and_randn(seed, dtype, shape):
    torch = _torch()
    g, tg = _pair(seed)
    tdt = getattr(torch, dtype)
    _check(R.randn(shape, TORCH_DTYPES[dtype], g), torch.randn(shape, dtype=tdt, generator=tg))
    _check(R.rand(shape, TORCH_DTYPES[dtype], g), torch.rand(shape, dtype=tdt, generator=tg))
    _check(R.randn(shape, TORCH_DTYPES[dtype], g), torch.randn(shape, dtype=tdt, generator=tg))
    same_bits(g.get_state(), tg.get_state().numpy())


@SLOW
@given(seed=seeds, dtype=st.sampled_from(["float32", "float64", "float16"]),
       n=st.integers(0, 3000), mean=st.floats(-100, 100), std=st.floats(0, 50))
def test_live_normal_all_sizes(seed, dtype, n, mean, std):
    torch = _torch()
    g, tg = _pair(seed)
    tdt = getattr(torch, dtype)
    _check(R.normal_(np.empty(n, TORCH_DTYPES[dtype]), mean, std, g),
           torch.empty(n, dtype=tdt).normal_(mean, std, generator=tg))


@SLOW
@given(seed=seeds, dtype=float_dtypes, rows=st.integers(1, 40), cols=st.integers(1, 40),
       mean=st.floats(-5, 5), std=st.floats(0, 5))
def test_live_normal_non_contiguous(seed, dtype, rows, cols, mean, std):
    torch = _torch()
    g, tg = _pair(seed)
    ours = np.empty((rows, cols), TORCH_DTYPES[dtype]).T
    theirs = torch.empty(rows, cols, dtype=getattr(torch, dtype)).t()
    _check(R.normal_(ours, mean, std, g), theirs.normal_(mean, std, generator=tg))


@SLOW
@given(seed=seeds, dtype=st.sampled_from(["float32", "float64", "float16"]), n=st.integers(0, 2000),
       a=st.floats(-1e6, 1e6), width=st.floats(0, 1e6))
def test_live_uniform_ranges(seed, dtype, n, a, width):
    torch = _torch()
    g, tg = _pair(seed)
    b = a + width
    tdt = getattr(torch, dtype)
    try:
        theirs = torch.empty(n, dtype=tdt).uniform_(a, b, generator=tg)
    except RuntimeError:
        with pytest.raises(RuntimeError):
            R.uniform_(np.empty(n, TORCH_DTYPES[dtype]), a, b, g)
        return
    _check(R.uniform_(np.empty(n, TORCH_DTYPES[dtype]), a, b, g), theirs)


INT_DTYPES = ["int64", "int32", "int16", "int8", "uint8", "bool", "float32", "float64"]


@SLOW
@given(seed=seeds, low=st.integers(-(2**62), 2**62), span=st.one_of(st.integers(1, 300), st.integers(1, 2**62)),
       dtype=st.sampled_from(INT_DTYPES), n=st.integers(0, 50))
def test_live_randint(seed, low, span, dtype, n):
    torch = _torch()
    g, tg = _pair(seed)
    high = low + span
    np_dtype = np.bool_ if dtype == "bool" else np.dtype(dtype)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            theirs = torch.randint(low, high, (n,), dtype=getattr(torch, dtype), generator=tg)
        except (RuntimeError, ValueError):
            with pytest.raises((RuntimeError, ValueError)):
                R.randint(low, high, (n,), np_dtype, g)
            return
    _check(R.randint(low, high, (n,), np_dtype, g), theirs)
    same_bits(g.get_state(), tg.get_state().numpy())


@SLOW
@given(seed=seeds, low=st.integers(-1000, 1000), span=st.sampled_from([1, 2, 7, 2**28 - 1, 2**28, 2**31, 2**32, 2**40]))
def test_live_randint_around_the_64_bit_threshold(seed, low, span):
    torch = _torch()
    g, tg = _pair(seed)
    _check(R.randint(low, low + span, (9,), generator=g), torch.randint(low, low + span, (9,), generator=tg))
    _check(R.rand((3,), F32, g), torch.rand(3, generator=tg))


@SLOW
@given(seed=seeds, n=st.integers(0, 3000))
def test_live_randperm(seed, n):
    torch = _torch()
    g, tg = _pair(seed)
    _check(R.randperm(n, g), torch.randperm(n, generator=tg))
    _check(R.rand((2,), F32, g), torch.rand(2, generator=tg))


@SLOW
@given(seed=seeds, p=st.floats(0, 1), dtype=st.sampled_from(["float32", "float64", "int64", "bool"]),
       rows=st.integers(0, 20), cols=st.integers(1, 20), transpose=st.booleans())
def test_live_bernoulli_scalar(seed, p, dtype, rows, cols, transpose):
    torch = _torch()
    g, tg = _pair(seed)
    np_dtype = np.bool_ if dtype == "bool" else np.dtype(dtype)
    ours = np.empty((rows, cols), np_dtype)
    theirs = torch.empty(rows, cols, dtype=getattr(torch, dtype))
    if transpose:
        ours, theirs = ours.T, theirs.t()
    _check(R.bernoulli_(ours, p, g), theirs.bernoulli_(p, generator=tg))


@SLOW
@given(seed=seeds, dtype=float_dtypes, shape=st.lists(st.integers(1, 12), min_size=1, max_size=3).map(tuple))
def test_live_bernoulli_with_probability_array(seed, dtype, shape):
    torch = _torch()
    g, tg = _pair(seed)
    p = np.random.default_rng(abs(seed) % 2**32).random(shape).astype(TORCH_DTYPES[dtype])
    _check(R.bernoulli(p, g), torch.bernoulli(torch.from_numpy(p), generator=tg))


@SLOW
@given(seed=seeds, p=st.floats(0.0, 0.95, exclude_min=True),
       shape=st.lists(st.integers(1, 9), min_size=1, max_size=4).map(tuple), dtype=float_dtypes)
def test_live_dropout_draws_its_mask_with_bernoulli(seed, p, shape, dtype):
    torch = _torch()
    import torch.nn.functional as tF

    np_dtype = TORCH_DTYPES[dtype]
    x = np.random.default_rng(0).standard_normal(shape).astype(np_dtype)
    torch.manual_seed(seed)
    theirs = tF.dropout(torch.from_numpy(x), p, training=True)
    R.manual_seed(seed)
    mask = R.bernoulli_(np.empty_like(x), 1 - p)
    scale = np_dtype(1) / np_dtype(1 - p)
    same_bits(x * (mask * scale), theirs.numpy())
    same_bits(R.get_rng_state(), torch.get_rng_state().numpy())


@SLOW
@given(seed=seeds, dtype=float_dtypes, rows=st.integers(1, 4), cols=st.integers(1, 30),
       num_samples=st.integers(1, 40), replacement=st.booleans())
def test_live_multinomial(seed, dtype, rows, cols, num_samples, replacement):
    torch = _torch()
    g, tg = _pair(seed)
    if not replacement:
        num_samples = min(num_samples, cols)
    p = np.random.default_rng(abs(seed) % 2**32).random((rows, cols)).astype(TORCH_DTYPES[dtype]) + 0.01
    _check(R.multinomial(p, num_samples, replacement, g),
           torch.multinomial(torch.from_numpy(p), num_samples, replacement, generator=tg))
    _check(R.rand((2,), F32, g), torch.rand(2, generator=tg))


@SLOW
@given(seed=seeds, dtype=float_dtypes, n=st.integers(1, 40),
       kind=st.sampled_from(["tensor-tensor", "tensor-float", "float-tensor"]))
def test_live_normal_with_array_arguments(seed, dtype, n, kind):
    torch = _torch()
    g, tg = _pair(seed)
    rng = np.random.default_rng(abs(seed) % 2**32)
    mean = rng.standard_normal(n).astype(TORCH_DTYPES[dtype])
    std = rng.random(n).astype(TORCH_DTYPES[dtype]) * 3
    if kind == "tensor-float":
        std = 1.5
    elif kind == "float-tensor":
        mean = -0.25

    def t(v):
        return torch.from_numpy(v) if isinstance(v, np.ndarray) else v

    _check(R.normal(mean, std, generator=g), torch.normal(t(mean), t(std), generator=tg))


OPS = st.lists(
    st.tuples(st.sampled_from(["randn", "rand", "randint", "randperm", "normal", "bernoulli", "seed"]),
              st.integers(0, 40), float_dtypes),
    min_size=1, max_size=12,
)


@SLOW
@given(seed=seeds, ops=OPS)
def test_live_interleaved_sequences_on_the_default_generators(seed, ops):
    torch = _torch()
    R.manual_seed(seed)
    torch.manual_seed(seed)
    for op, n, dtype in ops:
        np_dt, t_dt = TORCH_DTYPES[dtype], getattr(torch, dtype)
        if op == "randn":
            _check(R.randn((n,), np_dt), torch.randn(n, dtype=t_dt))
        elif op == "rand":
            _check(R.rand((n, 2), np_dt), torch.rand(n, 2, dtype=t_dt))
        elif op == "randint":
            _check(R.randint(-n, n + 1, (n,)), torch.randint(-n, n + 1, (n,)))
        elif op == "randperm":
            _check(R.randperm(n), torch.randperm(n))
        elif op == "normal":
            _check(R.normal_(np.empty(n, np_dt), 1.5, 0.5), torch.empty(n, dtype=t_dt).normal_(1.5, 0.5))
        elif op == "bernoulli":
            _check(R.bernoulli_(np.empty(n, np_dt), 0.3), torch.empty(n, dtype=t_dt).bernoulli_(0.3))
        else:
            R.manual_seed(n)
            torch.manual_seed(n)
    same_bits(R.get_rng_state(), torch.get_rng_state().numpy())


def test_live_randn_large_sizes_around_block_boundaries():
    torch = _torch()
    for n in [16, 17, 31, 32, 33, 1023, 1024, 1025, 16 * 1024 + 5, 100_003]:
        for dtype in ["float32", "float64"]:
            g, tg = _pair(n)
            _check(R.randn((n,), TORCH_DTYPES[dtype], g), torch.randn(n, dtype=getattr(torch, dtype), generator=tg))


def test_live_state_bytes_equal_torchs_after_each_kind_of_draw():
    torch = _torch()
    g, tg = _pair(12345)
    same_bits(g.get_state(), tg.get_state().numpy())  # freshly seeded: next index 0
    steps = [
        (lambda: R.randn((1,), F32, g), lambda: torch.randn(1, generator=tg)),  # leaves a spare sample
        (lambda: R.rand((700,), F64, g), lambda: torch.rand(700, dtype=torch.float64, generator=tg)),
        (lambda: R.randn((3,), F64, g), lambda: torch.randn(3, dtype=torch.float64, generator=tg)),
    ]
    for ours, theirs in steps:
        ours()
        theirs()
        same_bits(g.get_state(), tg.get_state().numpy())
    h = R.Generator()
    h.set_state(tg.get_state().numpy())  # torch's own state bytes load too
    same_bits(R.randn((5,), F32, h), torch.randn(5, generator=tg).numpy())
