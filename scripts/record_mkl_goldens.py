"""Record what PyTorch computes with MKL, for tests/test_mkl_parity.py.

    python scripts/record_mkl_goldens.py        # writes tests/golden/mkl_parity.json

For each element-wise function autograd_lab hands to MKL's VML (``parity/mkl.py``), PyTorch's
float32 and float64 results on a fixed sweep of inputs (random bit patterns, so inf, nan,
subnormals and huge values too, plus ranges where the functions are used), and for matrix
products (mm, addmm, transposed operands, a row or a column) PyTorch's results, each kept as a
SHA-256 of the result's bytes (the sweep is 400,000 values a function) and a few values to read.
The inputs are rebuilt from ``inputs()`` below, which the test imports.
"""
import hashlib
import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "golden", "mkl_parity.json")

FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "log2", "log10", "sqrt", "tanh", "asin", "acos", "atan", "erf")
# (m, k, n, how): how the operands are laid out, as a program would make them
PRODUCTS = [
    (64, 1000, 100, "mm"), (64, 100, 10, "mm"), (100, 64, 10, "at_mm"), (64, 10, 100, "mm_bt"),
    (1000, 64, 100, "at_mm"), (64, 1000, 100, "addmm_bt"), (2000, 3, 1, "addmm_bt"),
    (1, 2000, 3, "at_mm"), (3, 2000, 1, "at_mm"), (7, 5, 3, "mm"), (33, 17, 65, "mm_bt"),
]


def inputs(dtype):
    """The sweep of one dtype: every function gets the same values (its domain edges included)."""
    rng = np.random.default_rng(20)
    if dtype == np.float32:
        bits = rng.integers(0, 2**32, 200_000, dtype=np.uint64).astype(np.uint32).view(np.float32)
    else:
        bits = rng.integers(0, 2**63, 200_000, dtype=np.uint64).view(np.float64)
        bits = np.where(rng.integers(0, 2, 200_000) == 1, -bits, bits)
    special = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, 88.72, -103.9, 1e-40, 3.4e38],
                       dtype=dtype)
    return np.concatenate([special, bits, rng.uniform(-10, 10, 100_000).astype(dtype),
                           rng.uniform(-1, 1, 100_000).astype(dtype)])


def operands(m, k, n, how, dtype=np.float32):
    rng = np.random.default_rng(m * 1_000_003 + k * 1009 + n)
    a = rng.standard_normal((k, m) if how == "at_mm" else (m, k)).astype(dtype)
    b = rng.standard_normal((n, k) if how in ("mm_bt", "addmm_bt") else (k, n)).astype(dtype)
    bias = rng.standard_normal(n).astype(dtype)
    return a, b, bias


def product(lib, a, b, bias, how):
    """The product with ``lib`` (torch or autograd_lab) as a program writes it."""
    a, b, bias = lib.tensor(a), lib.tensor(b), lib.tensor(bias)
    if how == "mm":
        return a.mm(b)
    if how == "at_mm":
        return a.t().mm(b)
    if how == "mm_bt":
        return a.mm(b.t())
    return lib.addmm(bias, a, b.t())  # what nn.Linear records


def digest(array):
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def main():
    import torch
    torch.set_num_threads(1)
    out = {"torch": torch.__version__, "functions": {}, "products": {}}
    for dtype in (np.float32, np.float64):
        x = inputs(dtype)
        for name in FUNCTIONS:
            y = getattr(torch, name)(torch.from_numpy(x)).numpy()
            out["functions"][f"{name}/{np.dtype(dtype).name}"] = {"sha256": digest(y),
                                                                 "first": [float(v) for v in y[5:9]]}
    for m, k, n, how in PRODUCTS:
        for dtype in (np.float32, np.float64):
            a, b, bias = operands(m, k, n, how, dtype)
            y = product(torch, a, b, bias, how).numpy()
            out["products"][f"{m}x{k}x{n}/{how}/{np.dtype(dtype).name}"] = {
                "sha256": digest(y), "first": [float(v) for v in y.reshape(-1)[:3]]}
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"recorded {len(out['functions'])} function sweeps and {len(out['products'])} products -> {OUT}")


if __name__ == "__main__":
    sys.exit(main())
