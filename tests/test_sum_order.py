"""A whole contiguous float tensor is summed in PyTorch's CPU order, bit for bit (parity/sum_order.py).

The expected sums and means are PyTorch 2.13's on one thread, recorded by
scripts/record_sum_order.py into tests/golden/sum_order.json from seeded numpy arrays, so these
tests run without torch. The live comparison at the end skips when torch is not importable.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pytest

import autograd_lab as torch
from autograd_lab.parity.sum_order import pytorch_order_sum

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from record_sum_order import make_array  # noqa: E402 - the arrays the golden was recorded from

GOLDEN = json.loads((ROOT / "tests" / "golden" / "sum_order.json").read_text(encoding="utf-8"))
CASES = GOLDEN["cases"]


def _id(case):
    return f"{case['dtype']}-{case['kind']}-{case['size']}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_sum_is_pytorchs_to_the_bit(case):
    a = make_array(case["size"], case["dtype"], case["kind"])
    assert torch.tensor(a).sum().item() == case["sum"]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_mean_is_pytorchs_to_the_bit(case):
    a = make_array(case["size"], case["dtype"], case["kind"])
    assert torch.tensor(a).mean().item() == case["mean"]


def test_numpys_pairwise_order_misses_most_of_the_long_float32_goldens():
    # What makes the goldens above a test of the order: numpy's own sum gets most of them wrong.
    long = [c for c in CASES if c["dtype"] == "float32" and c["size"] > 512]
    wrong = [c for c in long if float(np.add.reduce(make_array(c["size"], "float32", c["kind"]))) != c["sum"]]
    assert len(wrong) > len(long) // 2


def test_a_matrix_sums_like_its_flattened_values():
    case = next(c for c in CASES if c["dtype"] == "float32" and c["kind"] == "normal" and c["size"] == 2000)
    a = make_array(2000, "float32", "normal").reshape(40, 50)
    assert torch.tensor(a).sum().item() == case["sum"]


def test_a_transposed_matrix_sums_in_memory_order():
    # PyTorch reads a permuted tensor in the order its values lie in memory.
    case = next(c for c in CASES if c["dtype"] == "float32" and c["kind"] == "squares" and c["size"] == 5000)
    a = torch.tensor(make_array(5000, "float32", "squares").reshape(50, 100))
    assert a.t().sum().item() == case["sum"]
    assert a.t().mean().item() == case["mean"]


def test_summing_over_every_dim_is_the_whole_sum():
    case = next(c for c in CASES if c["dtype"] == "float32" and c["kind"] == "normal" and c["size"] == 4097)
    a = torch.tensor(make_array(4097, "float32", "normal").reshape(17, 241))
    assert a.sum((1, 0)).item() == case["sum"]
    assert a.mean((-1, -2)).item() == case["mean"]


def test_keepdim_keeps_the_same_total():
    case = next(c for c in CASES if c["dtype"] == "float64" and c["kind"] == "squares" and c["size"] == 10000)
    a = make_array(10000, "float64", "squares").reshape(100, 100)
    total = torch.tensor(a).sum((0, 1), keepdim=True)
    assert total.shape == (1, 1)
    assert total.item() == case["sum"]


def test_a_sum_of_negative_zeros_is_positive_zero():
    # PyTorch's kernel starts every sum from +0.0, so -0.0 values add up to +0.0.
    total = pytorch_order_sum(np.full(1000, -0.0, np.float32))
    assert total == 0 and not np.signbit(total)


def test_the_order_agrees_with_live_pytorch_on_one_thread():
    real = pytest.importorskip("torch", reason="PyTorch is not installed")
    threads = real.get_num_threads()
    real.set_num_threads(1)  # with more threads PyTorch splits tensors of 32,768 values or more
    try:
        rng = np.random.default_rng(2026)
        sizes = [*range(1, 600), *rng.integers(600, 5001, 300), *rng.integers(10**5, 10**6, 3)]
        for size in sizes:
            for dtype in (np.float32, np.float64):
                a = (rng.standard_normal(int(size)) * 10.0 ** rng.integers(-3, 4)).astype(dtype)
                assert pytorch_order_sum(a) == real.from_numpy(a).sum().item(), (size, dtype)
    finally:
        real.set_num_threads(threads)


@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_mse_loss_reduces_in_the_same_order_as_sum_and_mean(reduction):
    # PyTorch's mse_loss squares the differences, then calls its sum (or mean) kernel on them.
    # (2,001 values: numpy's pairwise sum and mean of these squares differ from PyTorch's.)
    a = torch.tensor(make_array(2001, "float32", "normal"))
    b = torch.tensor(make_array(2002, "float32", "normal")[:2001])
    composed = getattr((a - b).pow(2), reduction)()
    assert torch.nn.functional.mse_loss(a, b, reduction=reduction).item() == composed.item()
