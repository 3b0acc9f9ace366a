"""``torch._C``: the few names of PyTorch's C++ extension that Python code written for PyTorch
reaches for. ``DisableTorchFunctionSubclass`` is how a ``__torch_function__`` handler runs the
plain op (parity/dispatch.py)."""
from .parity.dispatch import DisableTorchFunction, DisableTorchFunctionSubclass  # noqa: F401
