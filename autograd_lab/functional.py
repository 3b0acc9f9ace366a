"""``torch.functional``: the tensor functions PyTorch writes in Python, as ``torch.X`` itself.

``import torch.functional as F`` is in some tutorials (often by mistake for ``torch.nn.functional``);
``F.einsum`` / ``F.norm`` / ``F.split`` here are the very functions ``torch.einsum`` ... are.
"""
import autograd_lab as _torch

# What PyTorch 2.13's torch.functional holds; those autograd_lab has are found on first use.
_NAMES = (
    "atleast_1d", "atleast_2d", "atleast_3d", "broadcast_shapes", "broadcast_tensors", "cartesian_prod",
    "block_diag", "cdist", "chain_matmul", "einsum", "istft", "lu", "norm", "meshgrid", "pca_lowrank",
    "split", "stft", "svd_lowrank", "tensordot", "unique", "unique_consecutive", "unravel_index",
)


def __getattr__(name):
    if name in _NAMES and hasattr(_torch, name):
        return getattr(_torch, name)
    raise AttributeError(f"module 'torch.functional' has no attribute '{name}'")


def __dir__():
    return [n for n in _NAMES if hasattr(_torch, n)]
