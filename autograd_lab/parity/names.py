"""How classes and saved values show themselves, as in PyTorch.

``type(x)`` prints ``<class 'torch.Tensor'>`` (and IPython shows ``torch.Tensor``): the classes
keep their real module (pickling and tracebacks need it); only how they show changes. A subclass a user writes shows its own name as
usual. A negative dim a node saved shows as PyTorch stores it, an unsigned 64-bit number.
"""


class ShownAs(type):
    """Metaclass of a class PyTorch shows under another name, given as ``_shown_as``."""

    def __repr__(cls):
        name = cls.__dict__.get("_shown_as")
        return f"<class '{name}'>" if name else type.__repr__(cls)

    def _repr_pretty_(cls, printer, cycle):
        """How IPython shows the class (``type(x)`` in a notebook): ``torch.Tensor``, as for a
        PyTorch class. IPython writes a class as module.name unless its metaclass has a
        ``__repr__`` of its own, as this one has; this puts that rule back."""
        name = cls.__dict__.get("_shown_as")
        printer.text(name if name else f"{cls.__module__}.{cls.__qualname__}")


class GivenDim(int):
    """A negative dim wrapped into range (-1 of a 3-d tensor is 2) that remembers how it was
    given: ops compute with the wrapped value, and a node shows the given one among its saved
    values, as PyTorch does, read as an unsigned 64-bit number (-1 is 18446744073709551615)."""

    def __new__(cls, wrapped, given):
        dim = int.__new__(cls, wrapped)
        dim.given = given
        return dim


def as_shown(value):
    """A saved value as PyTorch shows it: given dims as unsigned 64-bit numbers."""
    if type(value) is GivenDim:
        return value.given % 2**64
    if type(value) is tuple and any(type(v) is GivenDim for v in value):
        return tuple(as_shown(v) for v in value)
    return value
