"""Run one tutorial program as a script, on real PyTorch or on autograd_lab under the name `torch`.

    python _child.py torch|lab PROGRAM.py

With ``lab``, a module finder answers every ``import torch`` / ``import torch.nn.functional as F``
/ ``from torch.utils.data import DataLoader`` with the autograd_lab module of the same name
(``torch.X.Y`` -> ``autograd_lab.X.Y``), so the program runs with no text changed. A submodule
autograd_lab does not have raises ``ModuleNotFoundError: No module named 'torch.X'``, as a
missing module would. Both libraries run on one thread, from the same seed.
"""
import importlib
import importlib.abc
import importlib.util
import os
import random
import runpy
import sys

import numpy

START_SEED = 67280421310721  # PyTorch's fixed start seed before 2.x began seeding from the OS


class TorchAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``torch`` and ``torch.*`` in autograd_lab."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "torch" and not fullname.startswith("torch."):
            return None
        try:
            module = importlib.import_module("autograd_lab" + fullname[len("torch"):])
        except ModuleNotFoundError:
            return None
        return importlib.util.spec_from_loader(fullname, self, origin=getattr(module, "__file__", None))

    def create_module(self, spec):
        return importlib.import_module("autograd_lab" + spec.name[len("torch"):])

    def exec_module(self, module):
        pass  # already imported under its own name


def main():
    lib, program = sys.argv[1], os.path.abspath(sys.argv[2])
    if lib == "lab":
        import autograd_lab
        sys.modules["torch"] = autograd_lab
        sys.meta_path.insert(0, TorchAlias())
    else:
        import torch
        torch.set_num_threads(1)
    # PyTorch 2.13 seeds its generator from the OS at start (two runs of an unseeded program print
    # different numbers); both libraries start from one seed, so an unseeded program compares too.
    # A program that seeds itself is unaffected. Python's and numpy's generators likewise.
    sys.modules["torch"].manual_seed(START_SEED)
    random.seed(START_SEED)
    numpy.random.seed(START_SEED % 2**32)
    sys.argv = [program]
    sys.path.insert(0, os.path.dirname(program))
    runpy.run_path(program, run_name="__main__")


if __name__ == "__main__":
    main()
