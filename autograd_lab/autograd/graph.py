"""``torch.autograd.graph``: the node type of the backward graph, for isinstance checks."""
from .function import Node  # noqa: F401
