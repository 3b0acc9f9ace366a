"""``torch.nn``: layers, losses and parameters for building models."""
from . import functional, init  # noqa: F401
from .activations import (  # noqa: F401
    ELU, GELU, Hardtanh, LeakyReLU, LogSigmoid, LogSoftmax, ReLU, ReLU6, Sigmoid, SiLU, Softmax, Softplus,
    Tanh,
)
from .activations import (  # noqa: F401
    CELU, SELU, Hardshrink, Hardsigmoid, Hardswish, Mish, RReLU, Softshrink, Softsign, Tanhshrink, Threshold,
)
from .containers import ModuleList, Sequential  # noqa: F401
from .conv import AdaptiveAvgPool2d, AvgPool1d, AvgPool2d, Conv1d, Conv2d, MaxPool1d, MaxPool2d  # noqa: F401
from .conv import ConvTranspose1d, ConvTranspose2d  # noqa: F401
from .layers import Dropout, Dropout2d, Flatten, Identity, Linear, Unflatten  # noqa: F401
from .losses import (  # noqa: F401
    BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, KLDivLoss, L1Loss, MSELoss, NLLLoss, SmoothL1Loss,
)
from .module import Module  # noqa: F401
from .parallel import DataParallel  # noqa: F401
from .normalization import BatchNorm1d, BatchNorm2d, LayerNorm  # noqa: F401
from .parameter import Parameter  # noqa: F401
from .rnn import GRU, GRUCell, LSTM, LSTMCell, RNN, RNNBase, RNNCell, RNNCellBase  # noqa: F401
from .sparse import Embedding  # noqa: F401
from . import modules, utils  # noqa: F401,E402
