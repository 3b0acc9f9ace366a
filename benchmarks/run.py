"""Benchmarks autograd_lab against PyTorch, each library in its own subprocess: python benchmarks/run.py."""
import argparse
import importlib
import importlib.util
import json
import os
import platform
import sys
import time

from _runner import CORETYPE_VARS, ChildError, child_env, run_child

# The registry: one module per benchmark, each with NAME, PARAMS ({"full": ..., "quick": ...}),
# ROWS (list of _measure.Row) and measure(lib_name, **params) -> {metric: value}.
# To add a benchmark, write benchmarks/bench_<name>.py on that pattern and list it here.
BENCHMARKS = ["bench_tiny_graph", "bench_chain", "bench_mlp", "bench_mlp_epoch", "bench_import"]

LAB, TORCH = "autograd_lab", "torch"
COLUMNS = "{:<44} {:>12} {:>12} {:>10}  {:<11} {}"


def main(argv=None):
    args = parse_args(argv)
    benches = select(args.only)
    env = child_env(args.threads, args.unset_openblas_coretype)
    with_torch = not args.lab_only and importlib.util.find_spec(TORCH) is not None
    mode = "quick" if args.quick else "full"

    config = describe_setup(args, env, with_torch, mode)
    print(COLUMNS.format("benchmark", LAB, "PyTorch" if with_torch else "(no torch)", "lab/torch",
                         "target", "").rstrip())
    rows, errors, report = [], [], []
    for bench in benches:
        params = bench.PARAMS[mode]
        libs = (LAB, TORCH) if with_torch else (LAB,)
        runs = {lib: [] for lib in libs}
        # Alternating the libraries spreads a passing burst of load from other processes over both.
        for _ in range(args.repeats):
            for lib in libs:
                runs[lib].append(timed_child(bench.__name__, lib, params, env, errors))
        results = {lib: best_of_runs(runs[lib]) for lib in libs}
        bench_rows = [judge(row, params, results) for row in bench.ROWS]
        for r in bench_rows:
            print(format_row(r), flush=True)
        rows += bench_rows
        report.append({"name": bench.NAME, "params": params, "results": results, "rows": bench_rows})

    summary = summarize(rows, with_torch)
    print()
    for message in errors:
        print(message + "\n")
    print(summary)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"config": config, "benchmarks": report, "summary": summary}, f, indent=2)
        print(f"results written to {args.json}")
    # Benchmarks report; they never fail the command, even when a target is missed.
    return 0


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help="fast smoke run: fewer rounds, shorter chain")
    p.add_argument("--only", action="append", metavar="NAME",
                   help="run only this benchmark (repeatable or comma-separated): "
                        + ", ".join(load(m).NAME for m in BENCHMARKS))
    p.add_argument("--json", metavar="PATH", help="also write all results and settings to PATH")
    p.add_argument("--threads", type=int, default=1,
                   help="threads for numpy's BLAS and for torch alike (default 1)")
    p.add_argument("--repeats", type=int, default=1,
                   help="subprocesses per library and benchmark, alternating libraries; the best "
                        "of them is reported (default 1; use 3 on a busy machine)")
    p.add_argument("--unset-openblas-coretype", action="store_true",
                   help="remove OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE from the subprocesses' "
                        "environment, so OpenBLAS picks its kernel for this CPU")
    p.add_argument("--lab-only", action="store_true",
                   help="skip PyTorch (the default when torch is not installed)")
    args = p.parse_args(argv)
    if args.repeats < 1 or args.threads < 1:
        p.error("--repeats and --threads must be at least 1")
    return args


def load(module_name):
    return importlib.import_module(module_name)


def select(only):
    benches = [load(m) for m in BENCHMARKS]
    if not only:
        return benches
    wanted = {name.strip() for item in only for name in item.split(",") if name.strip()}
    unknown = wanted - {b.NAME for b in benches}
    if unknown:
        names = ", ".join(b.NAME for b in benches)
        sys.exit(f"unknown benchmark(s): {', '.join(sorted(unknown))} (known: {names})")
    return [b for b in benches if b.NAME in wanted]


def timed_child(module, lib, params, env, errors):
    """Run one child; on failure record the error and return None so the table can go on."""
    start = time.perf_counter()
    if sys.stderr.isatty():
        print(f"  running {module} with {lib} ...", end="\r", file=sys.stderr, flush=True)
    try:
        result = run_child(module, lib, params, env)
    except ChildError as e:
        errors.append(f"ERROR: {e}")
        return None
    result["wall_seconds"] = time.perf_counter() - start
    return result


def best_of_runs(runs):
    """Merge repeated subprocess results: the lowest value of each metric (noise only adds)."""
    runs = [r for r in runs if r is not None]
    if not runs:
        return None
    best = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            best[key] = min(r[key] for r in runs)
    if len(runs) > 1:
        best["runs"] = runs
    return best


def describe_setup(args, env, with_torch, mode):
    """Print the header (machine, threads, BLAS kernels) and return the same facts for --json."""
    config = {"mode": mode, "threads": args.threads, "python": platform.python_version(),
              "machine": f"{platform.system()} {platform.machine()}", "cpus": os.cpu_count(),
              "repeats": args.repeats, "unset_openblas_coretype": args.unset_openblas_coretype}
    timing = (f"best of several rounds in each of {args.repeats} subprocess(es) per library "
              "(per-round times and medians are in --json)"
              if mode == "full" else "quick smoke run: few rounds, shorter chain; not for comparisons")
    print(f"autograd_lab vs PyTorch: {args.threads} thread(s) each, each library in its own subprocess")
    print(f"timing: {timing}")
    print(f"machine: Python {config['python']} on {config['machine']}, {config['cpus']} CPUs, "
          + describe_load(config))
    config["numpy"] = probe("numpy", env)
    print("numpy:   " + describe_numpy(config["numpy"]))
    print("         " + describe_coretype(args))
    if with_torch:
        config["torch"] = probe("torch", env)
        print("torch:   " + describe_torch(config["torch"]))
    else:
        why = "--lab-only given" if args.lab_only else "PyTorch is not installed"
        print(f"torch:   not run ({why}): autograd_lab times only, no ratios or ratio targets")
    print()
    return config


def describe_load(config):
    """Other processes on the machine slow both libraries unevenly: say how busy it is."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # not available on every system
        return "load unknown"
    config["load_average_1min"] = load
    busy = config["cpus"] and load > 0.5 * config["cpus"]
    return f"load average {load:.2f}" + (" (busy: expect noisy timings)" if busy else "")


def probe(lib, env):
    try:
        return run_child("_probe", lib, {}, env, timeout=120)
    except ChildError as e:
        return {"error": str(e)}


def describe_numpy(info):
    if "error" in info:
        return "probe failed: " + info["error"].splitlines()[0]
    parts = []
    for blas in info["blas"]:
        kernel = f"kernel {blas['kernel']}" if blas.get("kernel") else "kernel unknown"
        threads = f"{blas['threads']} thread(s)" if blas.get("threads") is not None else ""
        parts.append(", ".join(x for x in (f"{blas.get('name')} {blas.get('version') or ''}".strip(),
                                          kernel, threads) if x))
    return f"{info['version']}, BLAS: {'; '.join(parts) or 'none found'} (via {info['source']})"


def describe_coretype(args):
    set_vars = [f"{v}={os.environ[v]}" for v in CORETYPE_VARS if v in os.environ]
    if not set_vars:
        return "OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE: not set, OpenBLAS picks its kernel"
    if args.unset_openblas_coretype:
        return f"{' '.join(set_vars)} set here but removed for the benchmarks (--unset-openblas-coretype)"
    return (f"{' '.join(set_vars)} kept: it may force a slower kernel "
            "(--unset-openblas-coretype removes it)")


def describe_torch(info):
    if "error" in info:
        return "probe failed: " + info["error"].splitlines()[0]
    return (f"{info['version']}, BLAS: {info['blas']}, CPU capability {info['cpu_capability']}, "
            f"{info['threads']} thread(s)")


def judge(row, params, results):
    """Turn one Row of one benchmark into a table line: values, ratio, target and verdict."""
    lab = (results.get(LAB) or {}).get(row.metric)
    torch = (results.get(TORCH) or {}).get(row.metric)
    ratio = lab / torch if lab is not None and torch else None
    if row.max_lab is not None:
        target = f"< {format_value(row.max_lab, row.unit)}"
        passed = None if lab is None else lab < row.max_lab
    else:
        target = f"<= {row.max_ratio:g}x"
        # Compared without dividing, so a zero or negative PyTorch memory increase still judges.
        passed = None if lab is None or torch is None else lab <= row.max_ratio * torch
    return {"label": row.label.format(**params), "metric": row.metric, "unit": row.unit,
            "lab": lab, "torch": torch, "ratio": ratio, "target": target, "passed": passed}


def format_row(r):
    verdict = {True: "PASS", False: "FAIL", None: "n/a"}[r["passed"]]
    ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}x"
    return COLUMNS.format(r["label"], format_value(r["lab"], r["unit"]),
                          format_value(r["torch"], r["unit"]), ratio, r["target"], verdict).rstrip()


def format_value(value, unit):
    if value is None:
        return "-"
    if unit == "B":
        return f"{value / 2**20:.1f} MiB"
    for scale, name in ((1, "s"), (1e-3, "ms"), (1e-6, "us")):
        if abs(value) >= scale or name == "us":
            return f"{value / scale:.3g} {name}" if value / scale < 100 else f"{value / scale:.0f} {name}"


def summarize(rows, with_torch):
    judged = [r for r in rows if r["passed"] is not None]
    missed = [r["label"] for r in judged if not r["passed"]]
    line = f"summary: {len(judged) - len(missed)} of {len(judged)} targets met"
    if missed:
        line += " (missed: " + "; ".join(missed) + ")"
    unjudged = len(rows) - len(judged)
    if unjudged:
        line += f"; {unjudged} not judged" + ("" if with_torch else " (no PyTorch to compare)")
    return line


if __name__ == "__main__":
    sys.exit(main())
