"""``torch.save`` / ``torch.load``: tensors, state dicts and checkpoints written to a file with pickle.

    torch.save({"epoch": 5, "model_state_dict": model.state_dict()}, "checkpoint.pt")
    checkpoint = torch.load("checkpoint.pt")
    model.load_state_dict(checkpoint["model_state_dict"])

The file is a plain pickle (PyTorch writes a zip archive of its own): autograd_lab reads what it
wrote, not PyTorch's files, nor PyTorch ours. As in PyTorch 2.6 and later, ``load`` reads only
data by default (``weights_only=True``): tensors, numbers, strings and the containers of them
(dict, OrderedDict, list, tuple, set); a pickled module or any other class needs
``weights_only=False`` or ``add_safe_globals([cls])``, and is refused with PyTorch's message.
"""
import contextlib
import os
import pickle

__all__ = ["save", "load", "add_safe_globals", "get_safe_globals", "clear_safe_globals", "safe_globals"]

# What a weights-only load may build: a tensor (autograd_lab._tensor._rebuild and the numpy array
# inside it), a dtype, and the containers.
_DATA_MODULES = ("autograd_lab._tensor", "autograd_lab._dtype", "autograd_lab.nn.parameter")
_DATA_GLOBALS = {
    ("collections", "OrderedDict"), ("numpy._core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "_reconstruct"),
    ("numpy", "ndarray"), ("numpy", "dtype"), ("_codecs", "encode"), ("builtins", "set"), ("builtins", "frozenset"),
    ("builtins", "complex"), ("builtins", "slice"), ("autograd_lab.parity.meta", "meta_array"),
}
_user_safe = []


def add_safe_globals(safe_globals):
    """Let ``load(..., weights_only=True)`` build these classes or functions too."""
    _user_safe.extend(safe_globals)


def get_safe_globals():
    return list(_user_safe)


def clear_safe_globals():
    _user_safe.clear()


@contextlib.contextmanager
def safe_globals(safe_globals):
    n = len(_user_safe)
    _user_safe.extend(safe_globals)
    try:
        yield
    finally:
        del _user_safe[n:]


def _weights_only_message(module, name):
    full = f"{module}.{name}"
    return (
        "Weights only load failed. This file can still be loaded, to do so you have two options, "
        "\x1b[1mdo those steps only if you trust the source of the checkpoint\x1b[0m. \n"
        "\t(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` "
        "from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, "
        "but it can result in arbitrary code execution. Do it only if you got the file from a trusted source.\n"
        "\t(2) Alternatively, to load with `weights_only=True` please check the recommended steps in the "
        "following error message.\n"
        f"\tWeightsUnpickler error: Unsupported global: GLOBAL {full} was not an allowed global by default. "
        f"Please use `torch.serialization.add_safe_globals([{full}])` or the "
        f"`torch.serialization.safe_globals([{full}])` context manager to allowlist this global if you trust "
        "this class/function.\n\nCheck the documentation of torch.load to learn more about types accepted by "
        "default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html."
    )


class _WeightsOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        module = "builtins" if module == "__builtin__" else module  # (pickle protocol 2's name)
        if module in _DATA_MODULES or (module, name) in _DATA_GLOBALS:
            return super().find_class(module, name)
        for g in _user_safe:
            if getattr(g, "__module__", None) == module and getattr(g, "__qualname__", None) == name:
                return g
        raise pickle.UnpicklingError(_weights_only_message(module, name))


@contextlib.contextmanager
def _opened(f, mode):
    if isinstance(f, (str, os.PathLike)):
        with open(f, mode) as handle:
            yield handle
    else:
        yield f


def save(obj, f, pickle_module=pickle, pickle_protocol=2, _use_new_zipfile_serialization=True,
         _disable_byteorder_record=False):
    """Write ``obj`` (a tensor, a state dict, a checkpoint dict, a module) to the path or file ``f``."""
    with _opened(f, "wb") as handle:
        pickle_module.dump(obj, handle, protocol=pickle_protocol)


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args):
    """Read back what ``save`` wrote; ``map_location`` is accepted (everything is on the CPU)."""
    weights_only = True if weights_only is None else weights_only
    with _opened(f, "rb") as handle:
        if weights_only:
            return _WeightsOnlyUnpickler(handle, **pickle_load_args).load()
        return (pickle_module or pickle).load(handle, **pickle_load_args)

