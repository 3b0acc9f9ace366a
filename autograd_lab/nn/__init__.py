"""``torch.nn``: layers, losses and parameters for building models."""
from . import functional, init  # noqa: F401
from .activations import LogSoftmax, ReLU, Sigmoid, Softmax, Tanh  # noqa: F401
from .containers import ModuleList, Sequential  # noqa: F401
from .layers import Dropout, Flatten, Identity, Linear  # noqa: F401
from .losses import BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, MSELoss, NLLLoss  # noqa: F401
from .module import Module  # noqa: F401
from .parameter import Parameter  # noqa: F401
