"""The tutorial harness (benchmarks/tutorials/run.py): how it runs a program and judges the output.

The tutorials themselves are read from git copies CI does not have; these tests check the parts
that decide the table: the import alias, the notebook extraction and the comparison rules.
"""
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
HARNESS = os.path.join(os.path.dirname(HERE), "benchmarks", "tutorials")
sys.path.insert(0, HARNESS)
import run  # noqa: E402


def test_torch_and_its_submodules_are_autograd_labs_in_the_child(tmp_path):
    program = tmp_path / "p.py"
    program.write_text(
        "import torch\nimport torch.nn.functional as F\nfrom torch.utils.data import DataLoader\n"
        "import torch.optim as optim\n"
        "print(torch.__name__, F.__name__, DataLoader.__module__, optim.SGD.__module__)\n"
        "print(torch.randn(2))\n"
        "try:\n    import torch.no_such_module\nexcept ModuleNotFoundError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, os.path.join(HARNESS, "_child.py"), "lab", str(program)],
                         capture_output=True, text=True, cwd=tmp_path,
                         env=dict(os.environ, PYTHONPATH=os.path.dirname(HERE)), timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "autograd_lab autograd_lab.nn.functional autograd_lab.utils.data autograd_lab.optim.sgd"
    assert lines[1] == "tensor([0.9773, 1.1569])"  # PyTorch's numbers from the harness's start seed
    assert lines[2] == "No module named 'torch.no_such_module'"


def test_a_notebook_runs_as_its_code_cells_without_magics():
    nb = {"cells": [
        {"cell_type": "markdown", "source": ["# title"]},
        {"cell_type": "code", "source": ["%matplotlib inline\n", "import torch\n"]},
        {"cell_type": "code", "source": ["!pip install x\n", "print(1)"]},
    ]}
    assert run.as_script("a.ipynb", json.dumps(nb)) == "import torch\nprint(1)\n"
    assert run.as_script("a.py", "print(2)\n") == "print(2)\n"


def test_addresses_and_timings_are_the_only_things_normalised():
    assert run.normalise("<Net object at 0x7f3a2b1c0d90> took 1.25 s (3.5%) loss 0.25") == [
        "<Net object at 0x<address>> took <time> (<percent>) loss 0.25"]
    assert run.normalise("accuracy 54% loss 0.5") == ["accuracy 54% loss 0.5"]


@pytest.mark.parametrize("torch_out, lab_out, verdict", [
    ("loss 1.5\n", "loss 1.5\n", "same"),
    ("tensor([0.1235, 2.0000])\n", "tensor([0.1234, 2.0000])\n", "last-digit"),
    ("99 664.6272583007812\n", "99 664.627197265625\n", "last-digit"),  # 1 float32 step
    ("99 860.2896728515625\n", "99 860.2898559570312\n", "differs"),  # 3 float32 steps
    ("tensor([0.1237])\n", "tensor([0.1234])\n", "differs"),
    ("a 1\n", "b 1\n", "differs"),
    ("a 1\nb 2\n", "a 1\n", "differs"),
])
def test_outputs_are_judged_same_last_digit_or_differs(torch_out, lab_out, verdict):
    assert run.compare(torch_out, lab_out)[0] == verdict


def test_lines_pytorch_prints_differently_on_two_runs_are_left_out_and_only_those():
    torch_out = "tensor([1.9603e-19, 5.0844e+31])\nloss 0.25\n"  # torch.empty: whatever memory held
    lab_out = "tensor([0., 0.])\nloss 0.25\n"
    assert run.compare(torch_out, lab_out)[0] == "differs"
    masked = run._without_lines(torch_out, {0}), run._without_lines(lab_out, {0})
    assert masked[0] == masked[1] == "<differs between two PyTorch runs>\nloss 0.25"
    assert run.compare(*masked)[0] == "same"
    assert run.compare(run._without_lines(torch_out, {0}), run._without_lines("tensor([0., 0.])\nloss 0.5\n", {0}))[0] \
        == "differs"


def test_a_tensor_printed_over_several_lines_is_left_out_whole():
    lines = ["tensor([[1.9e-19, 5.0e+31],", "        [0.0000, 0.0000]])", "loss 0.25", "tensor([[1., 2.],", "        [3., 4.]])"]
    assert run._whole_values(lines, {0}) == {0, 1}
    assert run._whole_values(lines, {1}) == {0, 1}
    assert run._whole_values(lines, {2}) == {2}
    assert run._whole_values(lines, set()) == set()


def test_a_profiler_tables_rows_and_time_padding_are_normalised_as_timings():
    # Two runs of PyTorch 2.13 on the same program (autogradyt_tutorial: `(z / x) * y` 1000 times):
    # sorted by self CPU time, mul and div at ~50% each come in either order.
    rule = "-------------  ------------  ------------  "
    first = f"{rule}\n    aten::div        50.83%       4.705ms\n    aten::mul        49.17%      4.551ms\n{rule}\nSelf CPU time total: 9.256ms\n"
    second = f"{rule}\n    aten::mul        50.39%      10.812ms\n    aten::div        49.61%      10.646ms\n{rule}\nSelf CPU time total: 21.458ms\n"
    assert run.normalise(first) == run.normalise(second) == [
        rule, "    aten::div <percent> <time>", "    aten::mul <percent> <time>", rule, "Self CPU time total: <time>"]
    # rows that are not all timed keep their order; a different row still differs
    assert run.normalise(f"{rule}\nb 1\na 2\n{rule}") == [rule, "b 1", "a 2", rule]
    third = second.replace("aten::mul", "aten::add")
    assert run.compare(first, third)[0] == "differs"
