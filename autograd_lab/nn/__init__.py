"""``torch.nn``: layers, losses and parameters for building models."""
from . import functional  # noqa: F401
