"""With the MKL runtime installed, autograd_lab's float functions and matrix products give
PyTorch's bits (parity/mkl.py), checked against tests/golden/mkl_parity.json
(scripts/record_mkl_goldens.py, from PyTorch 2.13). Without MKL these tests are skipped: numpy's
results differ in the last bit, as the README says."""
import hashlib
import importlib.util
import json
import os

import numpy as np
import pytest

import autograd_lab as torch
from autograd_lab.parity import mkl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(ROOT, "tests", "golden", "mkl_parity.json")) as f:
    GOLDEN = json.load(f)

_spec = importlib.util.spec_from_file_location("record_mkl_goldens", os.path.join(ROOT, "scripts", "record_mkl_goldens.py"))
recorder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recorder)



@pytest.fixture
def _mkl_runtime():
    """Skips without MKL; fails instead where AUTOGRAD_LAB_REQUIRE_MKL=1 (the MKL row of .ci/matrix)."""
    if mkl.library() is None:
        reason = "the MKL runtime is not installed (pip install mkl==2024.2.0)"
        if os.environ.get("AUTOGRAD_LAB_REQUIRE_MKL") == "1":
            pytest.fail(reason + " (AUTOGRAD_LAB_REQUIRE_MKL=1: required here)", pytrace=False)
        pytest.skip(reason)


needs_mkl = pytest.mark.usefixtures("_mkl_runtime")


def _digest(array):
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


@needs_mkl
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", recorder.FUNCTIONS)
def test_function_sweep_is_pytorchs(name, dtype):
    x = recorder.inputs(dtype)
    y = getattr(torch, name)(torch.tensor(x)).numpy()
    want = GOLDEN["functions"][f"{name}/{np.dtype(dtype).name}"]
    assert [float(v) for v in y[5:9]] == pytest.approx(want["first"], nan_ok=True, rel=0, abs=0)
    assert _digest(y) == want["sha256"]


@needs_mkl
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("m,k,n,how", recorder.PRODUCTS)
def test_product_is_pytorchs(m, k, n, how, dtype):
    a, b, bias = recorder.operands(m, k, n, how, dtype)
    y = recorder.product(torch, a, b, bias, how).numpy()
    want = GOLDEN["products"][f"{m}x{k}x{n}/{how}/{np.dtype(dtype).name}"]
    assert [float(v) for v in y.reshape(-1)[:3]] == want["first"]
    assert _digest(y) == want["sha256"]


@needs_mkl
def test_non_contiguous_and_empty_inputs():
    x = torch.linspace(-3, 3, 40).reshape(5, 8)
    assert torch.sin(x.t()).numpy().tolist() == torch.sin(x).t().numpy().tolist()
    assert torch.sin(torch.zeros(0, 3)).shape == (0, 3)
    assert torch.zeros(0, 3).mm(torch.zeros(3, 2)).shape == (0, 2)
    assert torch.zeros(2, 0).mm(torch.zeros(0, 4)).numpy().tolist() == [[0.0] * 4] * 2


def test_turned_off_by_the_environment(monkeypatch):
    monkeypatch.setenv("AUTOGRAD_LAB_MKL", "0")
    assert mkl._candidates() == []
