"""Parity tests: autograd_lab must print what PyTorch prints.

For every program in ``tests/parity/programs_*.py``:

* ``test_autograd_lab[NAME]`` runs it with ``autograd_lab`` bound to
  ``torch`` and asserts the outcome (stdout, warnings, escaping error)
  equals the golden recorded from real PyTorch in ``tests/golden/parity.json``.
* ``test_golden_is_fresh[NAME]`` (only when torch is importable, skipped
  otherwise) runs it under live torch and asserts the golden still matches,
  which catches stale goldens.

Re-record goldens with ``python scripts/record_goldens.py``.
Debug one program in-process with
``PARITY_INPROCESS=1 pytest tests/test_parity.py -k NAME``.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import sys
import warnings

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from parity import GOLDEN_PATH, load_programs  # noqa: E402
from parity.runner import (  # noqa: E402
    format_mismatch, outcomes_match, run_isolated, run_program,
)

PROGRAMS = load_programs()


def _load_goldens():
    try:
        with open(GOLDEN_PATH, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return {"torch_version": None, "programs": {}}


GOLDENS = _load_goldens()
NAMES = list(PROGRAMS)


def _golden_for(name):
    prog = PROGRAMS[name]
    rec = GOLDENS["programs"].get(name)
    if rec is None:
        pytest.fail(f"no golden recorded for parity program {name!r}: "
                    "run `python scripts/record_goldens.py`", pytrace=False)
    if rec.get("source_sha256") != prog.sha256:
        pytest.fail(f"golden for parity program {name!r} is stale (its source changed "
                    f"in {prog.file}): run `python scripts/record_goldens.py -k {name}`",
                    pytrace=False)
    return rec


def test_goldens_cover_exactly_the_programs():
    recorded = set(GOLDENS["programs"])
    missing = sorted(set(PROGRAMS) - recorded)
    extra = sorted(recorded - set(PROGRAMS))
    assert not missing and not extra, (
        f"goldens out of sync with programs (missing={missing}, extra={extra}); "
        "run `python scripts/record_goldens.py`")


@pytest.mark.parametrize("name", NAMES)
def test_autograd_lab(name, monkeypatch):
    prog = PROGRAMS[name]
    if name.startswith("smbits_"):
        # PyTorch's softmax/sigmoid kernels, ported bit for bit, are opt-in (slow): these
        # programs check them, so they switch them on (parity/softmax_kernels.py, ``enabled``)
        monkeypatch.setenv("AUTOGRAD_LAB_EXACT", "1")
    golden = _golden_for(name)
    if "import functorch" in prog.source and importlib.util.find_spec("functorch") is None:
        # functorch is a package of PyTorch's wheel: what it imports from torch is under test
        pytest.skip("needs the functorch package, which comes with PyTorch (pip install torch)")
    import autograd_lab  # lazily: a broken engine must not break collection

    actual = run_isolated(prog.source, autograd_lab, name, before_run=_lab_setup)
    if not outcomes_match(golden, actual, prog.match):
        pytest.fail(format_mismatch(name, prog.source, golden, actual, prog.match,
                                    expected_label=f"PyTorch {GOLDENS.get('torch_version')}",
                                    actual_label="autograd_lab"),
                    pytrace=False)


def _lab_setup(autograd_lab):
    # The forked child inherits this test process's once-per-process warnings; a program starts
    # as in a fresh process, as the goldens were recorded.
    from autograd_lab import _tensor, _tensor_methods, creation, profiler
    from autograd_lab.nn import rnn
    from autograd_lab.ops import convolution, pointwise, solves

    autograd_lab.autograd.engine._create_graph_warned = False
    rnn._proj_warned.clear()
    _tensor._scalar_warned = False
    pointwise._alpha_first_warned = False
    creation._warned_ndarrays = False
    _tensor_methods._T_WARNED.clear()
    for warned in (convolution._warned, solves._warned, profiler._warned):
        warned.clear()


def _torch_setup(torch):
    torch.set_num_threads(1)


@pytest.mark.parametrize("name", NAMES)
def test_golden_is_fresh(name):
    torch = pytest.importorskip("torch")
    prog = PROGRAMS[name]
    golden = _golden_for(name)
    _torch_setup(torch)
    live = run_isolated(prog.source, torch, name, before_run=_torch_setup)
    # Full comparison: the golden must be exactly what live torch produces.
    if not outcomes_match(golden, live, "full"):
        pytest.fail(
            format_mismatch(name, prog.source, golden, live, "full",
                            expected_label=f"golden (torch {GOLDENS.get('torch_version')})",
                            actual_label=f"live torch {torch.__version__}")
            + "\nre-record with `python scripts/record_goldens.py`",
            pytrace=False)


# ---------------------------------------------------------------------------
# self-checks of the harness (need neither torch nor autograd_lab)

class _FakeTorch:
    """A stand-in module: enough for the runner's namespace."""

    class nn:
        functional = object()

    @staticmethod
    def is_grad_enabled():
        return True


def test_harness_captures_stdout_warnings_error_and_normalises_addresses():
    src = ("import warnings\n"
           "print('obj at 0x7f3a12bc00', torch is not None, F is not None)\n"
           "warnings.warn('careful 0xdeadbeef')\n"
           "warnings.warn('again', DeprecationWarning)\n"
           "raise IndexError('bad index at 0xABC123')\n")
    for runner in (run_isolated, run_program):
        out = runner(src, _FakeTorch, "self_check")
        assert out == {
            "stdout": "obj at 0x... True True\n",
            "warnings": [["UserWarning", "careful 0x..."], ["DeprecationWarning", "again"]],
            "error": ["IndexError", "bad index at 0x..."],
        }


def test_harness_gives_every_program_attempt():
    src = "attempt('ok', lambda: 1 + 1)\nattempt('bad', lambda: 1 / 0)\nprint('after')\n"
    for runner in (run_isolated, run_program):
        out = runner(src, _FakeTorch, "attempt")
        assert out["stdout"] == "ok 2\nbad ZeroDivisionError division by zero\nafter\n"
        assert out["error"] is None


def test_programs_leave_attempt_to_the_runner():
    assert [n for n, p in PROGRAMS.items() if "def attempt(" in p.source] == []


def test_harness_isolates_process_state():
    src = "import sys\nsys.modules['parity_leak_probe'] = 1\nprint('ok')\n"
    assert run_isolated(src, _FakeTorch, "leak")["stdout"] == "ok\n"
    assert "parity_leak_probe" not in sys.modules


def test_harness_timeout_kills_hanging_program():
    if not hasattr(os, "fork") or os.environ.get("PARITY_INPROCESS") == "1":
        pytest.skip("timeouts need fork isolation")
    with pytest.raises(TimeoutError):
        run_isolated("while True:\n    pass\n", _FakeTorch, "hang", timeout=1)


def test_harness_first_line_match_mode():
    a = {"stdout": "x\n", "warnings": [["UserWarning", "w\nhint"]], "error": ["RuntimeError", "m\nmore"]}
    b = {"stdout": "x\n", "warnings": [["UserWarning", "w"]], "error": ["RuntimeError", "m"]}
    assert not outcomes_match(a, b, "full")
    assert outcomes_match(a, b, "first_line")
    c = dict(b, error=["ValueError", "m"])
    assert not outcomes_match(a, c, "first_line")
    assert "DIFFERENT" in format_mismatch("p", "print(1)", a, c, "first_line")


class _WarnsWhenCollected:
    """A cycle only the garbage collector frees; freeing it warns, as a forgotten client does."""

    def __init__(self):
        self.me = self

    def __del__(self):
        warnings.warn("left over from an earlier test", ResourceWarning)


def test_a_programs_child_does_not_collect_the_parents_garbage():
    import autograd_lab

    gc_was_enabled = gc.isenabled()
    gc.disable()  # (so the cycle is still there, unreachable, when the child is forked)
    try:
        _WarnsWhenCollected()
        outcome = run_isolated("import gc\ngc.collect()\nprint('ran')", autograd_lab, "garbage")
    finally:
        if gc_was_enabled:
            gc.enable()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()
    assert outcome == {"stdout": "ran\n", "warnings": [], "error": None}
