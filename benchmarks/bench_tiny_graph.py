"""Benchmark 1: the tiny graph of the first autograd lesson, forward and backward."""
from _measure import Row, load_library, time_rounds

NAME = "tiny_graph"
PARAMS = {"full": {"rounds": 7, "min_round_time": 0.2}, "quick": {"rounds": 3, "min_round_time": 0.05}}
ROWS = [Row("tiny lesson graph: fwd+bwd / iter", "time", max_ratio=0.5)]


def measure(lib_name, rounds, min_round_time):
    torch = load_library(lib_name)
    x = torch.randn(3, requires_grad=True)

    def step():
        # Only y, z and the backward pass are new each time; x.grad accumulates, as in a lesson loop.
        y = x + 2
        z = y * y * 3
        z.mean().backward()

    stats = time_rounds(step, rounds, warmup=2, min_round_time=min_round_time)
    return {"time": stats["best"], "time_stats": stats}
