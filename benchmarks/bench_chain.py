"""Benchmark 2: a long chain of multiplications, build + backward time and peak memory."""
from _measure import PeakRss, Row, load_library, time_rounds

NAME = "chain"
PARAMS = {"full": {"nodes": 100_000, "rounds": 3}, "quick": {"nodes": 10_000, "rounds": 2}}
ROWS = [
    Row("chain of {nodes:,} muls: build+bwd", "time", max_ratio=1.5),
    Row("chain of {nodes:,} muls: peak RSS increase", "peak_rss", unit="B", max_ratio=1.0),
]


def measure(lib_name, nodes, rounds):
    torch = load_library(lib_name)
    x = torch.randn(3, requires_grad=True)

    def build_and_backward(n):
        y = x
        for _ in range(n):
            y = y * 1.0001
        y.sum().backward()
        return y

    # Warm up on a short chain so the code paths are hot but the allocator has not yet grown.
    build_and_backward(1000)
    # Memory first, before timing rounds leave freed-but-kept memory behind to hide the cost.
    with PeakRss() as peak:
        y = build_and_backward(nodes)
    del y
    # Returning y keeps the chain alive past the timer: freeing it is not part of build + backward.
    stats = time_rounds(lambda: build_and_backward(nodes), rounds, warmup=0)
    return {"time": stats["best"], "time_stats": stats, "peak_rss": peak.increase,
            "peak_rss_method": peak.method}
