"""``torch.utils``: data loading (``utils.data``), the toy datasets lessons train on,
``swap_tensors``, and trees of nested containers (``utils._pytree``)."""
import copyreg
import weakref

from . import _pytree, data  # noqa: F401


def swap_tensors(t1, t2):
    """Swap what two tensor objects hold (values, dtype, autograd state, class and attributes)
    while each keeps its identity: whoever holds ``t1`` (a module, an optimizer) sees ``t2``'s
    content from now on, and the other way round.

    >>> a, b = tensor([0, 1]), tensor([0, 1, 2])
    >>> swap_tensors(a, b); a
    tensor([0, 1, 2])

    Like PyTorch, it refuses a tensor someone holds a weak reference to. PyTorch also refuses a
    tensor held elsewhere in its C++ core (saved by a graph: "Expected use_count ..."); here a
    graph that saved a leaf holds a weak reference to it, so that case gets the weakref message.
    """
    if weakref.getweakrefs(t1):
        raise RuntimeError("Cannot swap t1 because it has weakref associated with it")
    if weakref.getweakrefs(t2):
        raise RuntimeError("Cannot swap t2 because it has weakref associated with it")
    if set(copyreg._slotnames(t1.__class__)) != set(copyreg._slotnames(t2.__class__)):
        raise RuntimeError("Cannot swap t1 and t2 if they have different slots")
    t1.__class__, t2.__class__ = t2.__class__, t1.__class__
    d1, d2 = dict(t1.__dict__), dict(t2.__dict__)
    for d in (d1, d2):
        d.pop("_acc", None)  # (each leaf gets a new gradient accumulator on its next graph)
    t1.__dict__.clear(), t2.__dict__.clear()
    t1.__dict__.update(d2), t2.__dict__.update(d1)
    for slot in ("_data", "_requires_grad", "_grad_fn", "_vcl"):
        a, b = getattr(t1, slot), getattr(t2, slot)
        setattr(t1, slot, b), setattr(t2, slot, a)
