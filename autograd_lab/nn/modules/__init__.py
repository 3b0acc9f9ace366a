"""PyTorch's module paths, for code that imports a layer from where PyTorch defines it
(``from torch.nn.modules.module import Module``, ``torch.nn.modules.loss._Loss``).

autograd_lab groups its layers in other files (nn/layers.py, nn/losses.py, ...); each path below
is a small module holding the classes PyTorch defines there, taken from those files."""
import sys
import types

from .. import activations, containers, conv, layers, losses, module, normalization, rnn, sparse

# PyTorch's file under torch/nn/modules/ -> the classes of it autograd_lab has
_CONTENTS = {
    "activation": (activations, "Threshold ReLU RReLU Hardtanh ReLU6 Sigmoid Hardsigmoid Tanh SiLU Mish Hardswish "
                                "ELU CELU SELU GELU Hardshrink LeakyReLU LogSigmoid Softplus Softshrink Softsign "
                                "Tanhshrink Softmax LogSoftmax"),
    "batchnorm": (normalization, "_BatchNorm BatchNorm1d BatchNorm2d"),
    "container": (containers, "Sequential ModuleList"),
    "conv": (conv, "_ConvNd _ConvTransposeNd Conv1d Conv2d ConvTranspose1d ConvTranspose2d"),
    "dropout": (layers, "Dropout Dropout2d"),
    "flatten": (layers, "Flatten Unflatten"),
    "linear": (layers, "Identity Linear"),
    "loss": (losses, "_Loss _WeightedLoss L1Loss NLLLoss KLDivLoss MSELoss BCELoss BCEWithLogitsLoss SmoothL1Loss "
                     "HuberLoss CrossEntropyLoss"),
    "module": (module, "Module register_module_forward_pre_hook register_module_forward_hook "
                       "register_module_full_backward_pre_hook register_module_full_backward_hook"),
    "normalization": (normalization, "LayerNorm"),
    "pooling": (conv, "_MaxPoolNd MaxPool1d MaxPool2d AvgPool1d AvgPool2d AdaptiveAvgPool2d"),
    "rnn": (rnn, "RNNBase RNN LSTM GRU RNNCellBase RNNCell LSTMCell GRUCell"),
    "sparse": (sparse, "Embedding"),
}

for _path, (_source, _names) in _CONTENTS.items():
    _alias = types.ModuleType(f"{__name__}.{_path}", f"PyTorch's torch.nn.modules.{_path}: classes from {_source.__name__}.")
    for _name in _names.split():
        setattr(_alias, _name, getattr(_source, _name))
        if not _name.startswith(("_", "register_")):
            globals()[_name] = getattr(_source, _name)
    sys.modules[_alias.__name__] = _alias
    globals()[_path] = _alias
