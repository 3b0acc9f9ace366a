"""Benchmark: one epoch of MLP training (784-256-10, batch 64, 60,000 samples, SGD with momentum).

The whole training loop a lesson would write: DataLoader with shuffling, nn.Sequential,
CrossEntropyLoss, zero_grad / backward / step. Target: autograd_lab at most 1.2x PyTorch.

Run on its own, it times both libraries side by side (each in its own subprocess, alternating):

    /work/venv/bin/python benchmarks/bench_mlp_epoch.py [--quick] [--threads N]

It also follows the registry pattern of ``run.py`` (NAME, PARAMS, ROWS, measure).
"""
import argparse
import importlib.util
import sys
import time

from _measure import Row, load_library

NAME = "mlp_epoch"
PARAMS = {"full": {"samples": 60000, "batch": 64, "epochs": 3},
          "quick": {"samples": 6400, "batch": 64, "epochs": 2}}
ROWS = [Row("MLP 784-256-10 training epoch, {samples} samples, batch {batch}", "time", max_ratio=1.2)]


def measure(lib_name, samples, batch, epochs):
    torch = load_library(lib_name)
    data = importlib.import_module(f"{lib_name}.utils.data")
    nn = torch.nn

    torch.manual_seed(0)
    X = torch.randn(samples, 784)
    y = torch.randint(0, 10, (samples,))
    loader = data.DataLoader(data.TensorDataset(X, y), batch_size=batch, shuffle=True)
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def one_epoch():
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        return loss.item()

    times, losses = [], []
    for _ in range(epochs):
        start = time.perf_counter()
        losses.append(one_epoch())
        times.append(time.perf_counter() - start)
    return {"time": min(times), "epoch_times": times, "last_losses": losses}


def main(argv=None):
    from _runner import ChildError, child_env, run_child

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="10% of the data, 2 epochs: a smoke run")
    p.add_argument("--threads", type=int, default=1, help="BLAS / torch threads (default 1)")
    p.add_argument("--repeats", type=int, default=2, help="subprocesses per library, alternating (default 2)")
    args = p.parse_args(argv)
    params = PARAMS["quick" if args.quick else "full"]
    env = child_env(args.threads, unset_coretype=False)
    libs = ["autograd_lab"] + (["torch"] if importlib.util.find_spec("torch") else [])
    best = {}
    for _ in range(args.repeats):
        for lib in libs:
            try:
                result = run_child("bench_mlp_epoch", lib, params, env)
            except ChildError as e:
                sys.exit(str(e))
            best[lib] = min(best.get(lib, float("inf")), result["time"])
            epochs = ", ".join(f"{t:.3f}" for t in result["epoch_times"])
            print(f"  {lib:<13} epochs: {epochs} s   last loss {result['last_losses'][-1]:.4f}", flush=True)
    print(ROWS[0].label.format(**params) + f", {args.threads} thread(s), best epoch:")
    print(f"  autograd_lab {best['autograd_lab']:.3f} s")
    if "torch" in best:
        ratio = best["autograd_lab"] / best["torch"]
        verdict = "PASS" if ratio <= ROWS[0].max_ratio else "FAIL"
        print(f"  PyTorch      {best['torch']:.3f} s")
        print(f"  ratio        {ratio:.2f}x  (target <= {ROWS[0].max_ratio}x: {verdict})")


if __name__ == "__main__":
    main()
