"""``torch.ops.aten``: PyTorch's namespace of operator overloads (``aten.add.Tensor``,
``aten.detach.default``). A ``__torch_dispatch__`` is handed one for each op (parity/dispatch.py)
and compares it (``func in (aten.detach.default, ...)``); calling one calls the ``torch`` function
of the same name, or for the ATen names ``torch`` has no function of (``_to_copy``, ``view``,
``alias``) the tensor method that does the same (``CALLS`` below)."""


class OpOverload:
    """``aten.NAME.OVERLOAD``: one signature of an operator."""

    def __init__(self, packet, overload):
        self._packet, self._overloadname = packet, overload

    def name(self):
        return f"aten::{self._packet._name}" + ("" if self._overloadname == "default" else f".{self._overloadname}")

    def __repr__(self):
        return f"<OpOverload(op='aten.{self._packet._name}', overload='{self._overloadname}')>"

    def __str__(self):
        return f"aten.{self._packet._name}.{self._overloadname}"

    @property
    def overloadpacket(self):
        return self._packet

    @property
    def __name__(self):
        return f"{self._packet._name}.{self._overloadname}"

    def __call__(self, *args, **kwargs):
        return self._packet(*args, **kwargs)


class OpOverloadPacket:
    """``aten.NAME``: an operator with all its overloads."""

    def __init__(self, name):
        self._name, self._overloads = name, {}

    def __getattr__(self, overload):
        if overload.startswith("__"):
            raise AttributeError(overload)
        if overload not in self._overloads:
            self._overloads[overload] = OpOverload(self, overload)
        return self._overloads[overload]

    def __repr__(self):
        return f"<OpOverloadPacket(op='aten.{self._name}')>"

    def __str__(self):
        return f"aten.{self._name}"

    def __call__(self, *args, **kwargs):
        import autograd_lab

        fn = CALLS.get(self._name) or getattr(autograd_lab, self._name, None)
        if fn is None and args and hasattr(type(args[0]), self._name):  # (an in-place op: add_, zero_)
            fn = getattr(type(args[0]), self._name)
        if fn is None:
            raise NotImplementedError(f"aten.{self._name} has no autograd_lab function of that name to call")
        return fn(*args, **kwargs)


def _to_copy(self, *, dtype=None, layout=None, device=None, pin_memory=None, non_blocking=False, memory_format=None):
    return self.to(dtype=dtype, device=device, copy=True)


# The ATen operators with no ``torch`` function of their name, as tensor methods.
CALLS = {
    "_to_copy": _to_copy,
    "alias": lambda self: self[...],  # (a key that selects everything: an alias, AliasBackward0)
    "view": lambda self, size: self.view(size),
    "_unsafe_view": lambda self, size: self.reshape(size),
    "detach": lambda self: self.detach(),
}


class OpNamespace:
    def __init__(self):
        self._packets = {}

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name not in self._packets:
            self._packets[name] = OpOverloadPacket(name)
        return self._packets[name]

    def __repr__(self):
        return "<module 'torch.ops.aten' from 'torch.ops'>"


aten = OpNamespace()
