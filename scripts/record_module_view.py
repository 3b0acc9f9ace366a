"""Record what PyTorch's module calls make of the module view's test models into
tests/golden/module_view.json: each module call's label, the grad_fn names of its ops, the
default depth and the boxes at each depth (see tests/viz/module_view_programs.py), so that
tests/viz/test_module_view.py checks autograd_lab against PyTorch without PyTorch installed.

    python scripts/record_module_view.py        (needs PyTorch)
"""
import importlib.util
import json
import pathlib
import sys

import torch

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's autograd_lab, whatever the venv installed
GOLDEN = ROOT / "tests" / "golden" / "module_view.json"


def load_programs():
    path = ROOT / "tests" / "viz" / "module_view_programs.py"
    spec = importlib.util.spec_from_file_location("module_view_programs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    torch.set_num_threads(1)
    programs = load_programs()
    recorded = {"torch": torch.__version__.split("+")[0], "programs": {}}
    for name in programs.PROGRAMS:
        recorded["programs"][name] = programs.facts(programs.trace(name, torch).graph)
    GOLDEN.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("wrote", GOLDEN, f"({len(recorded['programs'])} programs)")


if __name__ == "__main__":
    main()
