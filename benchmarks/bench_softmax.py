"""Benchmark: softmax, log_softmax, sigmoid of a (256, 1000) float32 tensor and cross_entropy
of (256, 10) logits (forward + backward), computed as PyTorch's CPU kernels round them
(autograd_lab/parity/softmax_kernels.py), against PyTorch, one thread, CPU time.

    python benchmarks/bench_softmax.py

Imports this checkout's autograd_lab (not whichever one an editable install points at).
Prints milliseconds and ratios, asserts nothing.
"""
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

import autograd_lab  # noqa: E402


def best_cpu_ms(fn, rounds=15, loops=3):
    fn()
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(loops):
            fn()
        best = min(best, (time.process_time() - start) / loops)
    return best * 1e3


def cases(lib):
    rng = np.random.default_rng(0)
    x = lib.tensor(rng.standard_normal((256, 1000)).astype(np.float32) * 3)
    logits = lib.tensor(rng.standard_normal((256, 10)).astype(np.float32) * 3, requires_grad=True)
    target = lib.tensor(rng.integers(0, 10, 256))
    xd = x.double()
    return {
        "softmax (256, 1000) float32": lambda: lib.softmax(x, 1),
        "log_softmax (256, 1000) float32": lambda: lib.log_softmax(x, 1),
        "sigmoid (256, 1000) float32": lambda: lib.sigmoid(x),
        "cross_entropy (256, 10) fwd+bwd": lambda: lib.nn.functional.cross_entropy(logits, target).backward(),
        "softmax (8, 1000) float64": lambda: lib.softmax(xd[:8], 1),
    }


def main():
    import torch

    torch.set_num_threads(1)
    ours, theirs = cases(autograd_lab), cases(torch)
    for name in ours:
        lab, ref = best_cpu_ms(ours[name]), best_cpu_ms(theirs[name])
        print(f"{name:<34} autograd_lab {lab:7.2f} ms   PyTorch {ref:7.3f} ms   ratio {lab / ref:6.1f}x")


if __name__ == "__main__":
    main()
