#!/usr/bin/env python
"""Record the sum-order golden from real PyTorch: ``sum()`` and ``mean()`` of seeded numpy arrays
of chosen sizes, as PyTorch 2.13 computes them on one thread.

Writes ``tests/golden/sum_order.json``, which ``tests/test_sum_order.py`` checks
``autograd_lab/parity/sum_order.py`` (and ``Tensor.sum``/``mean``) against, with or without torch.
The arrays are made by ``make_array`` below, which the test imports, so both see the same values.

    python scripts/record_sum_order.py           # write the file
    python scripts/record_sum_order.py --check   # write nothing; exit 1 if it is out of date
"""
import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "golden", "sum_order.json")

# Around each boundary of the order: a vector (8 float32 / 4 float64 values), a row of 4 vectors,
# a block of 16 rows (512 / 256 values), 16 blocks (8192 / 4096), 256 blocks (131072 / 65536).
SIZES = sorted({*range(1, 10), 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257,
                511, 512, 513, 520, 1000, 2000, 2047, 2048, 2049, 4095, 4096, 4097, 5000, 8191, 8192,
                8193, 10000, 65535, 65536, 65537, 131071, 131072, 131073, 200003})
KINDS = ("normal", "squares")  # mixed signs; positive values of wide range, as in a squared loss


def make_array(size, dtype, kind):
    """The seeded array of one case (the seed is the size, so each case stands on its own)."""
    rng = np.random.default_rng(size)
    x = rng.standard_normal(size)
    if kind == "squares":
        x = (x * 30.0) ** 2
    return x.astype(dtype)


def record():
    import torch

    torch.set_num_threads(1)  # with more threads PyTorch splits tensors of 32,768 values or more
    cases = []
    for dtype in ("float32", "float64"):
        for kind in KINDS:
            for size in SIZES:
                t = torch.from_numpy(make_array(size, dtype, kind))
                cases.append({"dtype": dtype, "kind": kind, "size": size,
                              "sum": t.sum().item(), "mean": t.mean().item()})
    return {"torch": torch.__version__.split("+")[0], "threads": 1, "cases": cases}


def main():
    golden = record()
    lines = ",\n".join(json.dumps(case, sort_keys=True) for case in golden.pop("cases"))
    text = json.dumps(golden, sort_keys=True)[:-1] + ', "cases": [\n' + lines + "\n]}\n"  # a case a line
    if "--check" in sys.argv[1:]:
        with open(GOLDEN, encoding="utf-8") as f:
            same = f.read() == text
        print("up to date" if same else f"{GOLDEN} is out of date")
        sys.exit(0 if same else 1)
    with open(GOLDEN, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":
    main()
