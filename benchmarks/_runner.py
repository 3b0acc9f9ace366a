"""Runs a benchmark module for one library in a fresh subprocess with controlled threads and BLAS."""
import json
import os
import subprocess
import sys
from pathlib import Path

from _child import RESULT_MARK

HERE = Path(__file__).resolve().parent
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
CORETYPE_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


class ChildError(RuntimeError):
    """A benchmark subprocess failed; the message ends with its stderr."""


def child_env(threads, unset_coretype):
    """The environment of every benchmark subprocess.

    numpy reads its BLAS thread count when it is first imported, so it must be set here, in the
    environment, not from inside the child.
    """
    env = dict(os.environ)
    for var in THREAD_VARS:
        env[var] = str(threads)
    env["BENCH_THREADS"] = str(threads)  # read by _measure.load_library for torch.set_num_threads
    if unset_coretype:
        for var in CORETYPE_VARS:
            env.pop(var, None)
    return env


def run_child(module, lib_name, params, env, timeout=600):
    """Run ``module.measure(lib_name, **params)`` in a new interpreter and return its result."""
    cmd = [sys.executable, str(HERE / "_child.py"), module, lib_name, json.dumps(params)]
    try:
        proc = subprocess.run(cmd, env=env, cwd=HERE.parent, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ChildError(f"{module} with {lib_name}: no result after {timeout} s") from None
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK):])
    tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
    raise ChildError(f"{module} with {lib_name} failed (exit {proc.returncode}):\n{tail}")
