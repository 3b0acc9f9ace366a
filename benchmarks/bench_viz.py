"""Timings for %%tracegraph: capture + render at 50 / 500 / 3,000 nodes, tracing overhead on a
cell of 10,000 small ops (autograd_lab, and real PyTorch when installed), and
`%load_ext autograd_lab`; with PyTorch installed, then bench_trace_torch.py's traced / untraced
training loops and chain. Standalone: python benchmarks/bench_viz.py"""
import pathlib
import subprocess
import sys
import time

import autograd_lab as torch
from autograd_lab.viz.display import GraphPicture
from autograd_lab.viz.trace import CellTracer


def best(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def capture_and_render(n_ops):
    """A graph of about ``n_ops`` function nodes (mixed ops, so the 50/500 ones do not collapse)."""
    code = (
        "x = torch.tensor([1., 2.], requires_grad=True)\nw = torch.tensor([0.5, 0.1], requires_grad=True)\n"
        f"y = x\nfor i in range({n_ops // 3}):\n    y = (y * w).tanh() + x\nloss = y.sum()\nloss.backward()\n"
    )

    def run():
        ns = {"torch": torch}
        tracer = CellTracer(ns).start()
        try:
            exec(code, ns)
        finally:
            trace = tracer.finish()
        GraphPicture(trace.graph).svg()

    return run


def overhead(lib=torch, repeat=5):
    """Best plain and best traced time of the same cell, run with ``lib`` as ``torch``."""
    code = "y = torch.tensor([1., 2.], requires_grad=True)\nfor i in range(10000):\n    y = y * 1.0001\n"

    def plain():
        exec(code, {"torch": lib})

    def traced():
        ns = {"torch": lib}
        tracer = CellTracer(ns).start()
        try:
            exec(code, ns)
        finally:
            tracer.stop()

    return best(plain, repeat), best(traced, repeat)


def load_ext():
    code = ("import time; t=time.perf_counter(); from IPython.testing.globalipapp import start_ipython; ip=start_ipython();"
            "t=time.perf_counter(); ip.run_line_magic('load_ext', 'autograd_lab.magics'); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return float(out.strip().splitlines()[-1])


def main():
    for n, target in ((50, 0.1), (500, 1.0), (3000, 3.0)):
        t = best(capture_and_render(n), 3)
        print(f"capture + render, ~{n} ops: {t * 1000:8.1f} ms   (target < {target * 1000:.0f} ms)")
    libraries = [("autograd_lab", torch)]
    try:
        import torch as real_torch

        libraries.append(("PyTorch", real_torch))
    except ImportError:
        pass
    for name, lib in libraries:
        plain, traced = overhead(lib, 25)
        print(f"10,000 small ops, {name}: plain {plain * 1000:.1f} ms, traced {traced * 1000:.1f} ms, "
              f"overhead {100 * (traced / plain - 1):+.1f}%   (target < 25%)")
    print(f"%load_ext (magics import + register): {load_ext() * 1000:.1f} ms   (target < 300 ms)")
    if len(libraries) > 1:  # real PyTorch training loops and a long chain, traced / untraced (issue 18)
        script = pathlib.Path(__file__).resolve().parent / "bench_trace_torch.py"
        print(subprocess.run([sys.executable, str(script), "--cpu-time"], capture_output=True, text=True,
                             check=True).stdout, end="")


if __name__ == "__main__":
    main()
