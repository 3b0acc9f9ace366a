"""Benchmark: one training step of a small sequence model, LSTM(16, 32) -> Linear(32, 1) on the
last step's hidden state, float32, (seq 20, batch 8, 16 features), SGD; and the same with a GRU.

Follows the registry's pattern (NAME, PARAMS, ROWS, measure) so ``run.py`` can list it; run on its
own, ``python benchmarks/bench_rnn.py`` times both libraries, each in its own subprocess with
one thread, and prints the ratio.
"""
import sys

from _measure import Row, load_library, time_rounds

NAME = "rnn"
PARAMS = {"full": {"seq": 20, "batch": 8, "rounds": 7, "min_round_time": 0.3},
          "quick": {"seq": 20, "batch": 8, "rounds": 3, "min_round_time": 0.05}}
ROWS = [Row("LSTM(16,32)+Linear, seq 20 x batch 8: SGD step", "time_lstm", max_ratio=10.0),
        Row("  LSTM forward only (no_grad)", "time_lstm_forward", max_ratio=10.0),
        Row("GRU(16,32)+Linear, the same step", "time_gru", max_ratio=10.0)]


def measure(lib_name, seq, batch, rounds, min_round_time):
    torch = load_library(lib_name)
    nn = torch.nn
    torch.manual_seed(0)
    x = torch.randn(seq, batch, 16)
    y = torch.randn(batch, 1)
    result = {}
    for kind, cls in (("lstm", nn.LSTM), ("gru", nn.GRU)):
        rnn, head = cls(16, 32), nn.Linear(32, 1)
        opt = torch.optim.SGD(list(rnn.parameters()) + list(head.parameters()), lr=0.01)

        def step():
            opt.zero_grad()
            out, _ = rnn(x)
            loss = nn.functional.mse_loss(head(out[-1]), y)
            loss.backward()
            opt.step()

        def forward():
            with torch.no_grad():
                rnn(x)

        stats = time_rounds(step, rounds, warmup=3, min_round_time=min_round_time)
        result["time_" + kind], result["time_" + kind + "_stats"] = stats["best"], stats
        if kind == "lstm":
            stats = time_rounds(forward, rounds, warmup=3, min_round_time=min_round_time)
            result["time_lstm_forward"], result["time_lstm_forward_stats"] = stats["best"], stats
    return result


def main():
    from _runner import child_env, run_child

    env = child_env(1, False)
    params = PARAMS["quick" if "--quick" in sys.argv else "full"]
    results = {lib: run_child("bench_rnn", lib, params, env) for lib in ("autograd_lab", "torch")}
    for row in ROWS:
        lab, ref = results["autograd_lab"][row.metric], results["torch"][row.metric]
        print(f"{row.label:<48} autograd_lab {lab * 1e3:8.2f} ms   PyTorch {ref * 1e3:8.2f} ms   "
              f"ratio {lab / ref:5.2f}x (1 thread each)")


if __name__ == "__main__":
    main()
