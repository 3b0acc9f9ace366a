"""How classes show themselves: ``type(x)`` prints ``<class 'torch.Tensor'>``, as in PyTorch.

The classes keep their real module (pickling and tracebacks need it); only their repr changes.
A subclass a user writes shows its own name as usual.
"""


class ShownAs(type):
    """Metaclass of a class PyTorch shows under another name, given as ``_shown_as``."""

    def __repr__(cls):
        name = cls.__dict__.get("_shown_as")
        return f"<class '{name}'>" if name else type.__repr__(cls)
