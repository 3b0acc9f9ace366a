"""What noting module calls (the module view of %%tracegraph) costs on real PyTorch: one module
call with and without the wrapper, and the cells of bench_trace_torch.py traced with and without
it, interleaved in one process, 1 thread, best of 20 (CPU time of this thread).

    python benchmarks/bench_module_view.py
"""
import pathlib
import sys
import time

try:
    import torch
except ImportError:
    print("PyTorch is not installed: nothing to measure")
    sys.exit(0)

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))  # this checkout's autograd_lab
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import bench_trace_torch as cells  # noqa: E402
import autograd_lab.viz.adapter_torch as adapter_torch  # noqa: E402
from autograd_lab.viz.modules import module_calls, record_module_calls  # noqa: E402
from autograd_lab.viz.trace import CellTracer  # noqa: E402

torch.set_num_threads(1)
REPEAT = 20


def per_call():
    """µs a module call costs more with its call noted: a Sequential of Linear, Tanh, Linear
    (4 module calls a forward)."""
    model = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.Tanh(), torch.nn.Linear(64, 1))
    x = torch.randn(64, 20)

    def run(n=2000):
        t0 = time.thread_time()
        for _ in range(n):
            model(x)
        return (time.thread_time() - t0) / n

    plain, noted = [], []
    for _ in range(REPEAT // 2):
        plain.append(run())
        calls = module_calls()
        restore = record_module_calls(torch.nn.Module, torch._C._autograd._get_sequence_nr, calls)
        try:
            noted.append(run())
        finally:
            restore()
    return min(plain) / 4, min(noted) / 4


class _NotNoted:
    """What ``record_module_calls`` returns, noting nothing (the tracer pauses and resumes it)."""

    on = False

    def pause(self):
        pass

    def resume(self):
        pass

    def __call__(self):
        pass


def timed(code, ns, traced):
    t0 = time.thread_time()
    if traced:
        tracer = CellTracer(ns).start()
        try:
            exec(code, ns)
        finally:
            tracer.finish()
    else:
        exec(code, ns)
    return time.thread_time() - t0


def main():
    plain, noted = per_call()
    print(f"PyTorch {torch.__version__}, 1 thread, best of {REPEAT}, CPU time of this thread")
    print(f"one module call (Linear 20-64 / Tanh, mean of the 4 calls of a forward): {plain * 1e6:.1f} us, "
          f"{noted * 1e6:.1f} us with the call noted (+{(noted - plain) * 1e6:.1f} us)")
    real = adapter_torch.record_module_calls
    print(f"{'cell':40} {'untraced':>9} {'traced, no module noting':>26} {'traced (as shipped)':>22}")
    for label, setup, code in [("MLP 20-64-1, SGD, 100 steps", cells.SETUP, cells.LOOP),
                               ("same, fuller notebook", cells.SETUP + cells.FULLER, cells.LOOP),
                               ("tanh chain, 3,000 steps", "", cells.CHAIN)]:
        ns = {"torch": torch, "nn": torch.nn}
        exec(setup, ns)
        times = {"plain": [], "without": [], "with": []}
        for i in range(REPEAT):
            times["plain"].append(timed(code, ns, False))
            order = [("without", lambda *a: _NotNoted()), ("with", real)]
            for key, record in order if i % 2 else order[::-1]:  # alternate, so load hits both
                adapter_torch.record_module_calls = record
                try:
                    times[key].append(timed(code, ns, True))
                finally:
                    adapter_torch.record_module_calls = real
        p, a, b = (min(times[k]) for k in ("plain", "without", "with"))
        print(f"{label:40} {p * 1e3:6.1f} ms {a * 1e3:13.1f} ms ({a / p:.2f}x) {b * 1e3:11.1f} ms ({b / p:.2f}x)")


if __name__ == "__main__":
    main()
