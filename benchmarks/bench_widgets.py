"""Timings for the widgets: a slider or button move re-draws (target < 100 ms for a 50-node graph).
Standalone: python benchmarks/bench_widgets.py"""
import time

import autograd_lab as torch
from autograd_lab.widgets import BackwardStepper, GradAccumulation, RetainGradExplorer, StopTrackingExplorer


def mean(fn, repeat=5):
    """Mean time of ``repeat`` calls (each call changes the state, so each one re-draws)."""
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - t0) / repeat


def chain(n_blocks):
    """A graph of 3 ops per block (mixed, so nothing is collapsed), named tensors x, w, loss."""
    x = torch.tensor([1., 2.], requires_grad=True)
    w = torch.tensor([0.5, 0.1], requires_grad=True)
    y = x
    for _ in range(n_blocks):
        y = (y * w).tanh() + x
    loss = y.sum()
    return locals()


def main():
    ns = chain(16)
    t0 = time.perf_counter()
    stepper = BackwardStepper(ns["loss"], namespace=ns)
    built = time.perf_counter() - t0
    n = len(stepper._view.nodes)
    move = mean(lambda: setattr(stepper, "step", stepper.step % stepper.n_steps + 1), 20)
    print(f"BackwardStepper, {n} nodes: build {built * 1000:.1f} ms, step move {move * 1000:.1f} ms   (target < 100 ms)")

    explorer = RetainGradExplorer(lambda: chain(16))
    names = explorer.intermediates
    toggle = iter(range(10**9))
    t = mean(lambda: setattr(explorer, "retained", [names[next(toggle) % 2]]), 5)
    print(f"RetainGradExplorer, {len(explorer.model)} records: checkbox toggle {t * 1000:.1f} ms   (target < 100 ms)")

    stop = StopTrackingExplorer()
    choice = iter(range(10**9))
    sets = [["as written", "detach()"], list(("as written", "requires_grad_(False)", "detach()", "no_grad()"))]
    t = mean(lambda: setattr(stop, "modes", sets[next(choice) % 2]), 5)
    print(f"StopTrackingExplorer (built-in example, 4 columns): checkbox toggle {t * 1000:.1f} ms   (target < 100 ms)")

    acc = GradAccumulation("linear")
    t = mean(lambda: setattr(acc, "epochs", acc.epochs % 20 + 1), 5)
    print(f"GradAccumulation (3x2 line charts on the Canvas): epochs slider move {t * 1000:.1f} ms   (target < 100 ms)")


if __name__ == "__main__":
    main()
