"""A learner's computation, run afresh on demand: a function returning its tensors by name, or code.

The explorers re-run it for each setting (a ``retain_grad()`` ticked, a cut chosen), so every run
starts from new tensors and nothing the learner holds changes.
"""
import warnings

from ..viz.capture import named_tensors
from ..viz.trace import NAMESPACE_SKIP, adapter_for


class Computation:
    """``fn(*args)`` returning ``{name: tensor}`` (``return locals()`` does), or code to ``exec``.

    >>> comp = Computation(lambda: locals_of_my_forward())     # doctest: +SKIP
    >>> adapter, ns, named = comp.run()
    """

    def __init__(self, fn=None, code=None, namespace=None):
        if (fn is None) == (code is None):
            raise TypeError("give a function that returns its tensors by name (e.g. `return locals()`) or code")
        if fn is not None and not callable(fn):
            raise TypeError(f"expected a function returning its tensors by name, got {type(fn).__name__}")
        self.fn, self.code, self.namespace = fn, code, namespace
        self.name = getattr(fn, "__name__", "the code") if fn is not None else "the code"

    def run(self, *args):
        """Run it once: ``(adapter, namespace, [(name, tensor)])``."""
        if self.fn is not None:
            ns = self.fn(*args)
            if not isinstance(ns, dict):
                raise TypeError(f"{self.name} must return its tensors by name, e.g. `return locals()`; "
                                f"it returned {type(ns).__name__}")
        else:
            ns = dict(self.namespace or {})
            for i, name in enumerate(("cut",)[: len(args)]):
                ns[name] = args[i]
            exec(self.code, ns)
        adapter = None
        for value in ns.values():
            adapter = adapter_for(value)
            if adapter is not None:
                break
        if adapter is None:
            raise ValueError(f"{self.name} built no tensor: nothing to explore")
        named = named_tensors(ns, adapter, NAMESPACE_SKIP | {"cut"})
        return adapter, ns, named


def pick_output(adapter, named, output):
    """The tensor backward starts from: ``output`` by name, or the last named tensor with a
    grad_fn. Errors say what to pass."""
    names = [n for n, _ in named]
    if output is not None:
        for n, t in named:
            if n == output:
                return n, t
        raise ValueError(f"unknown tensor {output!r}: the computation's tensors are {', '.join(names)}")
    built = [(n, t) for n, t in named if adapter.grad_fn(t) is not None]
    if not built:
        raise ValueError("the computation built no autograd graph: no tensor it returns has a grad_fn "
                         "(create the inputs with requires_grad=True)")
    return built[-1]


def read_grad(t):
    """``(t.grad, warning text or None)``: ``.grad`` read as the learner would, its warning kept."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        g = t.grad
    texts = [str(c.message) for c in caught if issubclass(c.category, UserWarning)]
    return g, texts[0] if texts else None
