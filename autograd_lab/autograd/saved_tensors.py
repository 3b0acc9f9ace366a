"""Hooks on saved tensors: ``pack`` runs when an op saves a tensor for backward, ``unpack`` when
backward (or ``grad_fn._saved_x``) reads it back. ``torch.autograd.graph`` exposes them.

What a node keeps is then whatever ``pack`` returned; backward gets ``unpack(that)``, given the
saved tensor's place in the graph again (its ``grad_fn``, or the leaf it was). No version check
is made: the hooks decide what is kept, so an in-place change after saving is theirs to handle.
"""
import weakref

from .._tensor import Tensor
from ..parity.names import ShownAs
from .grad_mode import GradMode

# The (pack, unpack) pairs in force, innermost last; and the messages of the
# ``disable_saved_tensors_hooks`` blocks in force (hooks may not be set inside one).
_stack = []
_disabled = []

PACK_INPLACE_MESSAGE = (
    "A saved tensor pack hook is modifying its input in place. Tensors provided as input to pack "
    "hook cannot be modified by in-place operations as this can lead to unexpected side-effects. "
    "Please open an issue if you need to perform in-place operations on the input to a pack hook."
)


def push(pack_hook, unpack_hook, who="_push_saved_tensors_default_hooks"):
    if not callable(pack_hook) or not callable(unpack_hook):
        raise TypeError(_incompatible(who, pack_hook, unpack_hook))
    if _disabled:
        raise RuntimeError(_disabled[-1])
    _stack.append((pack_hook, unpack_hook))


def _incompatible(who, *given):
    """pybind11's message for arguments of the wrong type (two callables are required)."""
    return (
        f"{who}(): incompatible function arguments. The following argument types are supported:\n"
        "    1. (arg0: collections.abc.Callable, arg1: collections.abc.Callable) -> None\n\n"
        f"Invoked with: {', '.join(map(_pybind_repr, given))}"
    )


def _pybind_repr(x):
    if callable(x) and hasattr(x, "__qualname__") and hasattr(x, "__module__"):
        return f"<function {x.__qualname__} at {id(x):#x}>"
    return repr(x)


class Packed:
    """A saved tensor as its pack hook left it, with what is needed to put it back in the graph."""

    __slots__ = ("value", "unpack_hook", "grad_fn", "output_nr", "leaf")

    def __init__(self, t, pack_hook, unpack_hook, grad_fn):
        vc = t._vcl
        version = vc[0] if vc is not None else 0
        prev, GradMode.enabled = GradMode.enabled, False  # (pack runs without recording, as in PyTorch)
        try:
            self.value = pack_hook(t)
        finally:
            GradMode.enabled = prev
        if (vc[0] if vc is not None else 0) != version:
            raise RuntimeError(PACK_INPLACE_MESSAGE)
        self.unpack_hook = unpack_hook
        self.grad_fn = grad_fn  # None for a leaf, or a tensor that needs no grad
        self.output_nr = t._output_nr
        # A leaf that requires grad: its gradient must still reach it through what unpack returns.
        self.leaf = weakref.ref(t) if t._requires_grad and grad_fn is None else None

    def unpack(self):
        t = self.unpack_hook(self.value)
        if not isinstance(t, Tensor):
            raise TypeError(
                f"Output of saved tensor unpack_hook expected to be a Tensor but got result of type {type(t).__name__}"
            )
        leaf = self.leaf() if self.leaf is not None else None
        if self.grad_fn is None and leaf is None:
            return t
        if t._grad_fn is self.grad_fn and (leaf is None or t is leaf):
            return t
        # A tensor with the values unpack gave, in the saved tensor's place in the graph.
        out = Tensor._make(t._data, True)
        if leaf is not None:
            out._acc = weakref.ref(leaf._accumulator())
        else:
            out._grad_fn = self.grad_fn
            out._output_nr = self.output_nr
        return out


def pack(t, grad_fn):
    """What a node keeps of ``t`` while hooks are in force (the innermost pair)."""
    pack_hook, unpack_hook = _stack[-1]
    return Packed(t, pack_hook, unpack_hook, grad_fn)


REGISTER_FREED_MESSAGE = (
    "Calling register_hooks on a saved tensor after it has been freed. Saved intermediate values of "
    "the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if "
    "you need to backward through the graph a second time or if you need to access saved variables "
    "after calling backward."
)
REGISTER_TWICE_MESSAGE = (
    "Calling register_hooks on a saved tensor whose hooks have already been set. Hint: only one pair "
    "of hooks is allowed at a time."
)


class SavedTensor(metaclass=ShownAs):
    """``grad_fn._raw_saved_<name>``: one saved tensor of a node, to give hooks of its own."""

    _shown_as = "torch._C._autograd.SavedTensor"

    def __init__(self, node, index):
        self._node, self._index = node, index

    def __repr__(self):
        return f"<torch._C._autograd.SavedTensor object at {id(self):#x}>"

    def register_hooks(self, pack_hook, unpack_hook):
        """Pack the saved tensor now with ``pack_hook``; backward will read ``unpack_hook`` of it."""
        if not callable(pack_hook) or not callable(unpack_hook):
            message = _incompatible("register_hooks", self, pack_hook, unpack_hook).replace(
                "1. (", "1. (self: torch._C._autograd.SavedTensor, ", 1)
            raise TypeError(message)
        node = self._node
        if node._freed:
            raise RuntimeError(REGISTER_FREED_MESSAGE)
        stash = list(node._stash or ())
        entry = stash[self._index] if self._index < len(stash) else None
        if type(entry) is Packed:
            raise RuntimeError(REGISTER_TWICE_MESSAGE)
        if entry is None or type(entry) in (int, float, bool):
            return None
        if type(entry) is tuple:
            packed = Packed(entry[0], pack_hook, unpack_hook, entry[0]._grad_fn)
        else:  # one of the node's outputs (a SavedOutput): pack sees its values, outside the graph
            packed = Packed(Tensor._make(entry.data), pack_hook, unpack_hook, node)
            packed.output_nr = entry.output_nr
        stash[self._index] = packed
        node._stash = tuple(stash)
