"""Benchmark: ``x.sum()`` of a contiguous float32 tensor of 2,000 values (a tutorial's loss) and of
10^6 values, added in PyTorch's order (autograd_lab/parity/sum_order.py), against PyTorch and
against numpy's own (pairwise) ``np.add.reduce`` of the same array.

Follows the registry's pattern (NAME, PARAMS, ROWS, measure) so ``run.py`` can list it; run on its
own, ``python benchmarks/bench_sum.py`` times both libraries, each in its own subprocess with
one thread, and prints the ratios.
"""
import sys

import numpy as np

from _measure import Row, load_library, time_rounds

NAME = "sum"
SIZES = {"small": 2_000, "large": 1_000_000}
PARAMS = {"full": {"rounds": 7, "min_round_time": 0.3},
          "quick": {"rounds": 3, "min_round_time": 0.05}}
ROWS = [Row("x.sum() of 2,000 float32: forward", "time_small"),
        Row("x.sum() of 10^6 float32: forward", "time_large")]


def measure(lib_name, rounds, min_round_time):
    torch = load_library(lib_name)
    result = {}
    for name, size in SIZES.items():
        values = np.random.default_rng(0).standard_normal(size).astype(np.float32)
        x = torch.tensor(values)
        for metric, fn in ((f"time_{name}", x.sum), (f"numpy_{name}", lambda: np.add.reduce(values))):
            stats = time_rounds(fn, rounds, warmup=3, min_round_time=min_round_time)
            result[metric], result[metric + "_stats"] = stats["best"], stats
    return result


def main():
    from _runner import child_env, run_child

    env = child_env(1, False)
    params = PARAMS["quick" if "--quick" in sys.argv else "full"]
    results = {lib: run_child("bench_sum", lib, params, env) for lib in ("autograd_lab", "torch")}
    lab_results = results["autograd_lab"]
    for row in ROWS:
        lab, ref = lab_results[row.metric], results["torch"][row.metric]
        plain = lab_results[row.metric.replace("time", "numpy")]
        print(f"{row.label:<36} autograd_lab {lab * 1e6:8.1f} us   PyTorch {ref * 1e6:8.1f} us   "
              f"ratio {lab / ref:5.2f}x   (numpy's np.add.reduce {plain * 1e6:8.1f} us: {lab / plain:5.2f}x)")


if __name__ == "__main__":
    main()
