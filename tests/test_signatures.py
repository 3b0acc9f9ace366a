"""The recorded argument-parser signatures (autograd_lab/parity/signatures.py) are PyTorch's, and every
function and method they name checks its arguments with them."""
import os
import subprocess
import sys

import pytest

import autograd_lab
from autograd_lab.parity import signatures as _signatures
from autograd_lab._tensor import Tensor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_signatures_module_is_what_torch_says_now():
    pytest.importorskip("torch")
    # Recorded in a child process: recording calls PyTorch functions whose warnings fire once per
    # process, and the parity tests that run later in this one must still see them.
    script = ("import importlib.util, sys; spec = importlib.util.spec_from_file_location('r', sys.argv[1]); "
              "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); "
              "sys.stdout.write(m.render(*m.record()))")
    recorded = subprocess.run([sys.executable, "-c", script, os.path.join(ROOT, "scripts", "record_signatures.py")],
                              capture_output=True, text=True, check=True, cwd=ROOT).stdout
    with open(os.path.join(ROOT, "autograd_lab", "parity", "signatures.py"), encoding="utf-8") as f:
        assert f.read() == recorded, "re-run scripts/record_signatures.py"


def test_every_parser_checked_function_is_recorded_and_checked():
    missing = [name for name in autograd_lab._PARSER_CHECKED if name not in _signatures.SIGNATURES]
    assert not missing, "re-run scripts/record_signatures.py"
    unwrapped = [name for name in autograd_lab._PARSER_CHECKED if not hasattr(getattr(autograd_lab, name), "__wrapped__")]
    assert not unwrapped


def test_every_recorded_method_checks_its_arguments():
    wrapped = [name for name in _signatures.METHOD_SIGNATURES
               if callable(Tensor.__dict__.get(name)) and hasattr(Tensor.__dict__[name], "__wrapped__")]
    missing = [name for name in _signatures.METHOD_SIGNATURES
               if callable(Tensor.__dict__.get(name)) and name not in wrapped]
    assert not missing
    assert len(wrapped) > 100
    assert Tensor.roll.__name__ == "roll"


def test_method_error_counts_positions_after_the_tensor():
    t = autograd_lab.ones(3)
    with pytest.raises(TypeError) as e:
        t.roll([1.0])
    assert str(e.value) == ("roll(): argument 'shifts' (position 1) must be tuple of ints, but found element of "
                            "type float at pos 0")
    with pytest.raises(TypeError) as e:
        autograd_lab.roll(t, [1.0])
    assert str(e.value) == ("roll(): argument 'shifts' (position 2) must be tuple of ints, but found element of "
                            "type float at pos 0")


def test_numpy_keyword_names_reach_the_method_under_pytorchs():
    t = autograd_lab.tensor([[1., 2.], [3., 4.]])
    assert t.sum(axis=0).tolist() == [4.0, 6.0]
    assert t.sum(0, keepdims=True).shape == (1, 2)
    assert autograd_lab.sum(t, axis=1).tolist() == [3.0, 7.0]
