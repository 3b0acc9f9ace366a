"""The differentiable ops: each is a Function with its forward and its derivative side by side."""


def __getattr__(name):
    # This package is also what ``torch.ops`` finds: PyTorch's ``torch.ops.aten`` names its
    # operators (parity/aten.py).
    if name == "aten":
        from ..parity.aten import aten

        return aten
    raise AttributeError(f"module 'torch.ops' has no attribute '{name}'")
