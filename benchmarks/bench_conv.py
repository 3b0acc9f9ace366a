"""Benchmark: one forward and backward pass of Conv2d(3, 16, 3) -> relu -> max_pool2d(2) on a
float32 batch of (32, 3, 28, 28).

Follows the registry's pattern (NAME, PARAMS, ROWS, measure) so ``run.py`` can list it; run on its
own, ``python benchmarks/bench_conv.py`` times both libraries, each in its own subprocess with
one thread, and prints the ratio.
"""
import sys

from _measure import Row, load_library, time_rounds

NAME = "conv"
PARAMS = {"full": {"batch": 32, "rounds": 7, "min_round_time": 0.3},
          "quick": {"batch": 32, "rounds": 3, "min_round_time": 0.05}}
ROWS = [Row("Conv2d 3->16 3x3 on (32,3,28,28): fwd+bwd", "time", max_ratio=3.0),
        Row("  the same, input gradient too", "time_input_grad", max_ratio=3.0),
        Row("  + relu + max_pool2d(2): fwd+bwd", "time_pool", max_ratio=3.0)]


def measure(lib_name, batch, rounds, min_round_time):
    torch = load_library(lib_name)
    F = torch.nn.functional
    torch.manual_seed(0)
    x = torch.randn(batch, 3, 28, 28)
    conv = torch.nn.Conv2d(3, 16, 3)

    def conv_only():
        conv.weight.grad = conv.bias.grad = None
        conv(x).sum().backward()

    def conv_pool():
        conv.weight.grad = conv.bias.grad = None
        F.max_pool2d(F.relu(conv(x)), 2).sum().backward()

    x_grad = x.clone().requires_grad_()

    def with_input_grad():
        conv.weight.grad = conv.bias.grad = x_grad.grad = None
        conv(x_grad).sum().backward()

    result = {}
    for metric, fn in (("time", conv_only), ("time_input_grad", with_input_grad), ("time_pool", conv_pool)):
        stats = time_rounds(fn, rounds, warmup=3, min_round_time=min_round_time)
        result[metric], result[metric + "_stats"] = stats["best"], stats
    return result


def main():
    from _runner import child_env, run_child

    env = child_env(1, False)
    params = PARAMS["quick" if "--quick" in sys.argv else "full"]
    results = {lib: run_child("bench_conv", lib, params, env) for lib in ("autograd_lab", "torch")}
    for row in ROWS:
        lab, ref = results["autograd_lab"][row.metric], results["torch"][row.metric]
        print(f"{row.label:<44} autograd_lab {lab * 1e3:8.2f} ms   PyTorch {ref * 1e3:8.2f} ms   "
              f"ratio {lab / ref:5.2f}x (1 thread each)")


if __name__ == "__main__":
    main()
