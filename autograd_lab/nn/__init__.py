"""``torch.nn``: layers, losses and parameters for building models."""
from . import functional, init  # noqa: F401
from .activations import (  # noqa: F401
    ELU, GELU, Hardtanh, LeakyReLU, LogSigmoid, LogSoftmax, ReLU, ReLU6, Sigmoid, SiLU, Softmax, Softplus,
    Tanh,
)
from .containers import ModuleList, Sequential  # noqa: F401
from .layers import Dropout, Flatten, Identity, Linear  # noqa: F401
from .losses import BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, MSELoss, NLLLoss  # noqa: F401
from .module import Module  # noqa: F401
from .parameter import Parameter  # noqa: F401
from . import utils  # noqa: F401,E402
