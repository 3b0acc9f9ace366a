"""``torch.autograd.graph``: the node type of the backward graph, and hooks on saved tensors.

>>> with saved_tensors_hooks(lambda t: t.numpy().copy(), lambda a: torch.tensor(a)):
...     y = x.exp()      # exp saves its result: what is kept is a numpy copy
>>> y.sum().backward()   # backward reads the result back through the unpack hook
"""
from ..parity.names import ShownAs
from .function import Node  # noqa: F401
from . import saved_tensors as _saved
from .saved_tensors import SavedTensor  # noqa: F401


class saved_tensors_hooks(metaclass=ShownAs):
    """Within this block, every tensor saved for backward is kept as ``pack_hook(tensor)`` and read
    back as ``unpack_hook(packed)``. Blocks nest: the innermost pair is used."""

    _shown_as = "torch.autograd.graph.saved_tensors_hooks"

    def __init__(self, pack_hook, unpack_hook):
        self.pack_hook = pack_hook
        self.unpack_hook = unpack_hook

    def __enter__(self):
        _saved.push(self.pack_hook, self.unpack_hook)
        return self

    def __exit__(self, *exc):
        _saved._stack.pop()
        return False


class save_on_cpu(saved_tensors_hooks):
    """Keep saved tensors in CPU memory. Everything here is on the CPU already, so the tensors are
    kept as they are (``pin_memory`` changes nothing)."""

    _shown_as = "torch.autograd.graph.save_on_cpu"

    def __init__(self, pin_memory=False, device_type="cuda"):
        super().__init__(_keep_as_is, _keep_as_is)


def _keep_as_is(t):
    return t


class disable_saved_tensors_hooks(metaclass=ShownAs):
    """Within this block, setting saved-tensor hooks raises ``RuntimeError(error_message)`` (and so
    does entering it while hooks are in force)."""

    _shown_as = "torch.autograd.graph.disable_saved_tensors_hooks"

    def __init__(self, error_message):
        self.error_message = error_message

    def __enter__(self):
        if _saved._stack:
            raise RuntimeError(self.error_message)
        _saved._disabled.append(self.error_message)
        return self

    def __exit__(self, *exc):
        _saved._disabled.pop()
        return False
