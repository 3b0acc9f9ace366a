"""Says at the top of every run whether PyTorch, the oracle, is here: without it the parity
programs still compare with the goldens recorded from it, and the tests that need PyTorch itself
say "skipped" (e.g. on .ci/matrix's rows)."""
import sys

import numpy


def pytest_report_header(config):
    try:
        import torch
    except ImportError:
        oracle = "not installed: goldens only, tests that need PyTorch itself are skipped"
    else:
        oracle = torch.__version__
    return [f"autograd_lab on Python {sys.version.split()[0]}, numpy {numpy.__version__}; PyTorch oracle: {oracle}"]
