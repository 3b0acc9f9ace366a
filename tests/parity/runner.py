"""Run parity programs against a torch-like module and compare outcomes.

A *program* is a short piece of Python source written against PyTorch's API.
It sees the names ``torch``, ``nn`` (= ``torch.nn``), ``F``
(= ``torch.nn.functional``) and ``attempt`` (below) and prints things.  Running it yields an
*outcome*::

    {"stdout": "...",                       # object addresses -> 0x...
     "warnings": [["UserWarning", "..."]],  # every warning, in order
     "error": None or ["RuntimeError", "..."]}  # exception escaping it

This module must stay importable without torch and without autograd_lab:
it never imports either of them itself; callers pass the module in.

Isolation: by default each program runs in a forked child process
(``run_isolated``) so that process-wide state (print options, grad mode,
default dtype, RNG, "warn once" flags, ...) cannot leak from one program into
the next and a hanging program can be killed.  Set ``PARITY_INPROCESS=1`` to
run in the current process instead (handy with a debugger).
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import io
import json
import os
import re
import select
import signal
import time
import traceback
import warnings

__all__ = [
    "attempt",
    "normalize",
    "run_program",
    "run_isolated",
    "outcomes_match",
    "project",
    "format_mismatch",
    "MATCH_MODES",
]

ADDRESS_RE = re.compile(r"0x[0-9a-fA-F]+")

#: How an escaping error (and warning) message is compared.
#: "full": the whole message; "first_line": only the message's first line
#: (PyTorch sometimes appends hint lines an emulation need not reproduce).
MATCH_MODES = ("full", "first_line")

DEFAULT_TIMEOUT = float(os.environ.get("PARITY_TIMEOUT", "60"))


def normalize(text: str) -> str:
    """Replace object addresses such as ``0x7f3a12bc`` by ``0x...``."""
    return ADDRESS_RE.sub("0x...", text)


def attempt(label, fn):
    """Given to every program: call ``fn`` and print ``label`` with its result, or with the
    type and message of the exception it raised (so a program goes on after an error)."""
    try:
        print(label, fn())
    except Exception as e:  # noqa: BLE001 - printing it is the point
        print(label, type(e).__name__, e)


def _namespace(module) -> dict:
    ns = {"__name__": "__main__", "__builtins__": __builtins__, "torch": module,
          "attempt": attempt}
    # nn / F are looked up leniently so that a half-written engine still
    # runs the programs that do not need them.
    nn = getattr(module, "nn", None)
    ns["nn"] = nn
    ns["F"] = getattr(nn, "functional", None) if nn is not None else None
    return ns


def _reset_state(module) -> None:
    """Best-effort reset of global state a program may have changed."""
    for fn, args, kwargs in (
        ("set_grad_enabled", (True,), {}),
        ("set_printoptions", (), {"profile": "default"}),
        ("set_default_dtype", (getattr(module, "float32", None),), {}),
    ):
        f = getattr(module, fn, None)
        if f is None or any(a is None for a in args):
            continue
        try:
            f(*args, **kwargs)
        except Exception:  # pragma: no cover - best effort only
            pass


_SUBMODULES = ("nn", "nn.functional", "nn.utils", "nn.utils.rnn", "autograd", "autograd.forward_ad",
               "autograd.functional", "func", "optim", "utils", "utils.data", "utils._pytree", "nn.modules") + tuple(
    "nn.modules." + m for m in ("module", "loss", "linear", "activation", "conv", "pooling", "rnn", "container",
                                "batchnorm", "normalization", "sparse", "dropout", "flatten"))


@contextlib.contextmanager
def _as_torch(module):
    """Make ``import torch.x`` inside a program find ``module``'s parts, not real PyTorch."""
    import sys

    if module.__name__ == "torch":
        yield
        return
    names = ["torch"] + ["torch." + s for s in _SUBMODULES]
    saved = {n: sys.modules.get(n) for n in names}
    # modules that import torch's parts themselves (the functorch package): imported afresh, so
    # they find ``module``'s, not those an earlier test imported from real PyTorch
    fresh = {n: m for n, m in sys.modules.items() if n.split(".")[0] == "functorch" or n.startswith("torch._functorch")}
    for n in fresh:
        del sys.modules[n]
    try:
        sys.modules["torch"] = module
        for sub in _SUBMODULES:
            obj = module
            for part in sub.split("."):
                obj = getattr(obj, part, None)
            if obj is not None:
                sys.modules["torch." + sub] = obj
            else:
                sys.modules.pop("torch." + sub, None)
        yield
    finally:
        for n, m in saved.items():
            if m is None:
                sys.modules.pop(n, None)
            else:
                sys.modules[n] = m
        for n in [n for n in sys.modules if n.split(".")[0] == "functorch" or n.startswith("torch._functorch")]:
            del sys.modules[n]
        sys.modules.update(fresh)


def run_program(source: str, module, name: str = "<program>") -> dict:
    """Execute ``source`` in this process with ``module`` bound to ``torch``."""
    with _as_torch(module):
        return _run_program(source, module, name)


def _run_program(source, module, name):
    ns = _namespace(module)
    buf = io.StringIO()
    error = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.redirect_stdout(buf):
            try:
                code = compile(source, f"<parity:{name}>", "exec")
                exec(code, ns)
            except Exception as exc:  # noqa: BLE001 - the outcome records it
                error = [type(exc).__name__, normalize(str(exc))]
    return {
        "stdout": normalize(buf.getvalue()),
        "warnings": [
            [w.category.__name__, normalize(str(w.message))] for w in caught
        ],
        "error": error,
    }


def _child(source, module, name, wfd, before_run):
    # Everything the child inherited is frozen (see run_isolated): the parent's unreachable
    # objects (a test before this one may have left Jupyter kernel clients behind) are never
    # collected here, so their ResourceWarnings cannot be recorded as the program's, and the
    # collector never walks (and so never copies) the parent's memory.
    try:
        if before_run is not None:
            before_run(module)
        result = {"ok": run_program(source, module, name)}
    except BaseException:  # noqa: BLE001
        result = {"internal": traceback.format_exc()}
    try:
        data = json.dumps(result).encode("utf-8")
    except Exception:  # noqa: BLE001
        data = json.dumps({"internal": traceback.format_exc()}).encode("utf-8")
    try:
        view = memoryview(data)
        while view:
            n = os.write(wfd, view)
            view = view[n:]
        os.close(wfd)
    finally:
        os._exit(0)


def run_isolated(source: str, module, name: str = "<program>",
                 timeout: float | None = None, before_run=None) -> dict:
    """Run a program in a forked child (see module docstring).

    ``before_run(module)`` is called in the child before the program, e.g. to
    call ``torch.set_num_threads(1)``.  Falls back to ``run_program`` (with a
    state reset afterwards) where ``os.fork`` is unavailable or
    ``PARITY_INPROCESS=1``.
    """
    if timeout is None:
        timeout = DEFAULT_TIMEOUT
    if not hasattr(os, "fork") or os.environ.get("PARITY_INPROCESS") == "1":
        if before_run is not None:
            before_run(module)
        try:
            return run_program(source, module, name)
        finally:
            _reset_state(module)

    import sys
    sys.stdout.flush()
    sys.stderr.flush()
    rfd, wfd = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a multi-threaded process.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = -1
        gc.freeze()
        try:
            pid = os.fork()
        finally:
            if pid != 0:
                gc.unfreeze()
    if pid == 0:  # child
        os.close(rfd)
        _child(source, module, name, wfd, before_run)
    os.close(wfd)
    chunks = []
    deadline = time.monotonic() + timeout
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([rfd], [], [], left)
            if not ready:
                continue
            chunk = os.read(rfd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(rfd)
        if timed_out:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover
                pass
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise TimeoutError(f"parity program {name!r} did not finish within {timeout:g}s")
    raw = b"".join(chunks)
    if not raw:
        raise RuntimeError(
            f"parity program {name!r}: child process died without a result "
            f"(wait status {status})")
    result = json.loads(raw.decode("utf-8"))
    if "internal" in result:
        raise RuntimeError(f"parity harness failure in {name!r}:\n{result['internal']}")
    return result["ok"]


# --------------------------------------------------------------------------
# comparison

def _first_line(msg: str) -> str:
    return msg.split("\n", 1)[0]


def project(outcome: dict, match: str = "full") -> dict:
    """The part of an outcome that is compared under ``match``."""
    if match not in MATCH_MODES:
        raise ValueError(f"unknown match mode {match!r}; expected one of {MATCH_MODES}")
    out = {
        "stdout": outcome["stdout"],
        "warnings": [list(w) for w in outcome["warnings"]],
        "error": list(outcome["error"]) if outcome["error"] is not None else None,
    }
    if match == "first_line":
        out["warnings"] = [[c, _first_line(m)] for c, m in out["warnings"]]
        if out["error"] is not None:
            out["error"] = [out["error"][0], _first_line(out["error"][1])]
    return out


def outcomes_match(expected: dict, actual: dict, match: str = "full") -> bool:
    return project(expected, match) == project(actual, match)


def _diff(a: str, b: str, a_name: str, b_name: str) -> str:
    lines = list(difflib.unified_diff(
        a.splitlines(keepends=True), b.splitlines(keepends=True),
        fromfile=a_name, tofile=b_name))
    return "".join(l if l.endswith("\n") else l + "\n" for l in lines)


def _indent(text: str, prefix: str = "    | ") -> str:
    if text == "":
        return prefix + "<empty>\n"
    return "".join(prefix + line + "\n" for line in text.split("\n"))


def format_mismatch(name: str, source: str, expected: dict, actual: dict,
                    match: str = "full", expected_label: str = "golden (PyTorch)",
                    actual_label: str = "actual") -> str:
    """A readable report of how two outcomes differ."""
    exp, act = project(expected, match), project(actual, match)
    parts = [f"parity program {name!r} differs (match={match})\n",
             "--- program source ---\n", _indent(source.rstrip("\n"))]
    for key in ("stdout", "warnings", "error"):
        same = exp[key] == act[key]
        parts.append(f"--- {key}: {'same' if same else 'DIFFERENT'} ---\n")
        if key == "stdout":
            parts.append(f"  {expected_label}:\n" + _indent(exp[key]))
            parts.append(f"  {actual_label}:\n" + _indent(act[key]))
            if not same:
                parts.append("  diff:\n" + _indent(
                    _diff(exp[key], act[key], expected_label, actual_label).rstrip("\n"),
                    "    "))
        else:
            parts.append(f"  {expected_label}: {exp[key]!r}\n")
            parts.append(f"  {actual_label}: {act[key]!r}\n")
    return "".join(parts)
