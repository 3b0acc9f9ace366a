"""Benchmark: ``x ** 4.5`` of float32 tensors (2,000 values, a tutorial's size, and 1000 x 1000)
and of a float64 1000 x 1000 one, computed as PyTorch does (SLEEF's vectorised pow, ported to
numpy in autograd_lab/parity/sleef.py), against PyTorch and against numpy's own ``np.power`` of
the same array (what autograd_lab computed before: the C library's pow, which differs from
PyTorch's in the last bit for about one element in fifty).

Follows the registry's pattern (NAME, PARAMS, ROWS, measure); run on its own,
``python benchmarks/bench_pow.py`` times both libraries, each in its own subprocess with one
thread, and prints the ratios.
"""
import itertools
import sys

import numpy as np

from _measure import Row, load_library, time_rounds

NAME = "pow"
CASES = {"small": ((2_000,), np.float32), "large": ((1000, 1000), np.float32),
         "large64": ((1000, 1000), np.float64)}
EXPONENT = 4.5
PARAMS = {"full": {"rounds": 5, "min_round_time": 0.3},
          "quick": {"rounds": 2, "min_round_time": 0.05}}
ROWS = [Row("x ** 4.5, 2,000 float32", "time_small"),
        Row("x ** 4.5, 1000 x 1000 float32", "time_large"),
        Row("x ** 4.5, 1000 x 1000 float64", "time_large64")]


def measure(lib_name, rounds, min_round_time):
    torch = load_library(lib_name)
    result = {}
    # autograd_lab keeps its last 8 small results: nine exponents in turn make every call compute
    exponents = itertools.cycle([EXPONENT + k / 1024 for k in range(9)])
    for name, (shape, dtype) in CASES.items():
        values = np.random.default_rng(0).uniform(0.0, 3.0, shape).astype(dtype)
        x = torch.tensor(values)
        for metric, fn in ((f"time_{name}", lambda: x ** next(exponents)),
                           (f"numpy_{name}", lambda: np.power(values, dtype(next(exponents))))):
            stats = time_rounds(fn, rounds, warmup=1, min_round_time=min_round_time)
            result[metric], result[metric + "_stats"] = stats["best"], stats
    return result


def main():
    from _runner import child_env, run_child

    env = child_env(1, False)
    params = PARAMS["quick" if "--quick" in sys.argv else "full"]
    results = {lib: run_child("bench_pow", lib, params, env) for lib in ("autograd_lab", "torch")}
    lab_results = results["autograd_lab"]
    for row in ROWS:
        lab, ref = lab_results[row.metric], results["torch"][row.metric]
        plain = lab_results[row.metric.replace("time", "numpy")]
        print(f"{row.label:<32} autograd_lab {lab * 1e3:9.3f} ms   PyTorch {ref * 1e3:8.3f} ms   "
              f"ratio {lab / ref:6.1f}x   (numpy's np.power {plain * 1e3:8.3f} ms: {lab / plain:5.1f}x)")


if __name__ == "__main__":
    main()
