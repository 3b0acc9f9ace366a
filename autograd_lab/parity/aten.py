"""``torch.ops.aten``: PyTorch's namespace of operator overloads (``aten.add.Tensor``,
``aten.detach.default``), as names. Code that compares against them (a ``__torch_dispatch__``
written for PyTorch) can be read and defined; calling one calls the ``torch`` function of the
same name. autograd_lab's ops do not dispatch through these objects (see ``Tensor.
_make_wrapper_subclass``)."""


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

    def __call__(self, *args, **kwargs):
        import autograd_lab

        fn = getattr(autograd_lab, self._name, None)
        if fn is None:
            raise NotImplementedError(f"aten.{self._name} has no autograd_lab function of that name to call")
        return fn(*args, **kwargs)


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
