"""Which ``nn.Module`` call made each op: module calls heard while a cell runs, grouped after it.

While the cell runs, ``record_module_calls`` wraps ``Module.__call__`` of autograd_lab, or
``Module._call_impl`` of torch (what its ``__call__`` calls: setting a dunder of a class makes
Python update every subclass loaded, hundreds of them, 50-300 us a time) so that every call notes three things: the module, and the
library's node counter as the call starts and as it ends. Nodes are numbered in the order they
are made, so an op belongs to a call exactly when its node's number lies between the two: no
graph walk, no hook on tensors, about 1 us a call. Calls nest as their intervals do.

After the cell, ``assign_modules`` gives the model one ``ModuleGroup`` per call that made a
drawn op (and the calls around it): its path from the namespace (``layer.self_attn``) and class,
and each function node its innermost group. ``module_view`` (the view side) draws them as boxes.
"""
import threading
from bisect import bisect_left, bisect_right
from collections import deque
from dataclasses import dataclass, field
from weakref import ref

from .patching import drop_own_frame

# Module calls kept (the most recent: the graphs drawn are the latest of each shape). A loop
# past this draws its older graphs without module groups.
MAX_MODULE_CALLS = 10_000
MAX_CONTAINER = 64  # a list of modules in the namespace (``layers[3]``) is looked into up to this size


@dataclass
class ModuleGroup:
    """One module call that made ops of the drawn graph."""

    id: str  # "m0", "m1", ... in the order the calls started
    path: str  # "layer.self_attn": from the namespace; None when no name reaches the module
    cls: str  # "MultiheadAttention"
    parent: str = None  # the group of the call this call was made in
    params: list = field(default_factory=list)  # [(name under the module, shape)], named_parameters() order
    order: int = 0  # which call started first
    # The model's tensors the call was given as arguments (a multi-op function such as
    # multi_head_attention_forward hides which of its ops took a constant: the call says it).
    inputs: list = field(default_factory=list)

    @property
    def label(self):
        """``layer.self_attn: MultiheadAttention``, or the class alone when it has no name."""
        return f"{self.path}: {self.cls}" if self.path else self.cls


class ModuleCalls(deque):
    """What the wrapper fills: ``(module, first node number, number after the last, weak
    references to the arguments: the reference alone when there is one argument, else a tuple)``
    per call, the latest ``MAX_MODULE_CALLS``; ``module_class``: the class whose calls are noted.
    (Weak references: a loop's inputs and activations are not kept alive, and one still alive at
    the end of the cell, such as ``src``, is the very tensor given; an id could by then be
    another tensor's, and the picture would change from run to run.)"""

    module_class = None


def module_calls():
    return ModuleCalls(maxlen=MAX_MODULE_CALLS)


def record_module_calls(module_class, counter, calls, method="__call__"):
    """Wrap ``module_class.<method>`` (the one every module call goes through) so each call on
    this thread appends ``(module, counter() before, counter() after, its arguments)`` to
    ``calls``; returns a ``Wrapped``: calling it puts the original back. ``counter()`` gives the
    number the next node will get."""
    original = module_class.__dict__[method]
    get_ident = threading.get_ident
    thread = get_ident()  # node numbers are counted per thread
    append = calls.append
    calls.module_class = module_class

    def __call__(self, *args, **kwargs):
        if get_ident() != thread:
            return original(self, *args, **kwargs)
        # One argument, the common call: its weak reference alone (a tuple kept per call costs
        # about 1 us here and wakes the garbage collector; a tensor's reference is made once).
        if len(args) == 1 and not kwargs:
            try:
                kept = ref(args[0])
            except TypeError:  # (not a tensor)
                kept = None
        else:
            kept = _references(args, kwargs)
        start = counter()
        try:
            return original(self, *args, **kwargs)
        except BaseException as e:
            drop_own_frame(e)
            raise
        finally:
            append((self, start, counter(), kept))

    __call__.__wrapped__ = original
    __call__.__name__ = method
    return Wrapped(module_class, method, original, __call__)


def _references(args, kwargs):
    """Weak references to the arguments that take one (tensors), in order."""
    kept = []
    for a in (*args, *kwargs.values()):
        try:
            kept.append(ref(a))
        except TypeError:
            pass
    return tuple(kept)


def _arguments(kept):
    """The arguments still alive among a call's references (``record_module_calls``)."""
    if kept is None:
        return ()
    refs = (kept,) if type(kept) is ref else kept
    return [a for a in (r() for r in refs) if a is not None]


class Wrapped:
    """A method wrapped by ``record_module_calls``: ``pause()`` puts the original back for a
    while (a module call then costs nothing extra, and is not noted), ``resume()`` the wrapper;
    calling it puts the original back for good."""

    def __init__(self, owner, method, original, wrapper):
        self.owner, self.method, self.original, self.wrapper = owner, method, original, wrapper
        self.on = False
        self.resume()

    def pause(self):
        if self.on and self.owner.__dict__.get(self.method) is self.wrapper:  # (not what the code set since)
            setattr(self.owner, self.method, self.original)
            self.on = False

    def resume(self):
        if not self.on and self.wrapper is not None and self.owner.__dict__.get(self.method) is self.original:
            setattr(self.owner, self.method, self.wrapper)
            self.on = True

    def __call__(self):
        setattr(self.owner, self.method, self.original)
        self.on, self.wrapper = False, None


def carry_calls(calls, template_keys, keys):
    """The module calls of a graph whose ops ran while no call was noted (``Wrapped.pause``),
    from the graph of the same shape whose were: ``template_keys`` and ``keys`` are the node
    numbers of the two, node for node. When every node's number is the template's plus one same
    offset, the same ops were made in the same order, so the same module calls made them: the
    template's calls around its nodes are appended to ``calls`` moved by that offset, and True
    is returned. Their arguments are the template's (``CarriedArguments``: only a tensor that is no
    op's output, such as the ``X`` every iteration is given, is taken as the same argument)."""
    # (A node both graphs share, such as a parameter's AccumulateGrad, has the same number in both.)
    moved = [(t, k) for t, k in zip(template_keys, keys) if t != k]
    if not moved or len(keys) != len(template_keys) or (calls and calls[-1][2] > min(k for _, k in moved)):
        return False
    offset = moved[0][1] - moved[0][0]
    if offset <= 0 or any(k - t != offset for t, k in moved):
        return False
    low, high = min(t for t, _ in moved), max(t for t, _ in moved)
    around = []
    for c in reversed(calls):
        if c[2] <= low:
            break
        if c[1] <= high:
            around.append((c[0], c[1] + offset, c[2] + offset, CarriedArguments(_arguments(c[3]))))
    if not around:
        return False
    calls.extend(reversed(around))
    return True


def carry_calls_by_class(calls, templates, nodes):
    """The module calls of nodes made after the last module call noted (``nodes``: their
    ``(number, class)``, e.g. a forward run after a loop whose later iterations were not noted),
    from graphs whose calls were noted (``templates``: lists of ``(number, class)``): the nodes,
    in order of number, are taken in runs whose numbers are a template's moved by one offset,
    class for class (the same ops made in the same order), the longest run first, and each run
    is given the calls that lie wholly inside the part of the template it matched, moved by that
    offset. A run that matches several places whose calls differ (``deep[0](x)`` after the loop
    looks like each of the model's layers) is given none. Returns how many nodes got no calls
    from a template (matched none, or several)."""
    nodes = sorted(nodes)
    tables = [dict(t) for t in templates if t]
    ends = [c[2] for c in calls]  # (never decreasing: a call is noted as it ends)

    def inside(low, high, offset):
        found = []
        for k in range(bisect_left(ends, low + 1), bisect_right(ends, high + 1)):
            c = calls[k]
            if low <= c[1]:
                found.append((c[0], c[1] + offset, c[2] + offset, c[3]))
        return found

    carried, unmatched, i = [], 0, 0
    while i < len(nodes):
        first, cls = nodes[i]
        best, places = 0, []  # the longest run, and (offset, low, high) of each place it matched
        for table in tables:
            for key, c in table.items():
                if c is not cls or key >= first:
                    continue
                offset, n = first - key, 0
                while i + n < len(nodes) and table.get(nodes[i + n][0] - offset) is nodes[i + n][1]:
                    n += 1
                if n > best:
                    best, places = n, []
                if n == best:
                    places.append((offset, key, nodes[i + n - 1][0] - offset))
        if not best:
            unmatched += 1
            i += 1
            continue
        found = [inside(low, high, offset) for offset, low, high in places]
        if all([(id(c[0]), *c[1:3]) for c in f] == [(id(c[0]), *c[1:3]) for c in found[0]] for f in found):
            carried += [(m, start, end, CarriedArguments()) for m, start, end, _ in found[0]]
        else:
            unmatched += best
        i += best
    calls.extend(sorted(carried, key=lambda c: c[2]))
    return unmatched


class CarriedArguments(tuple):
    """The arguments (those still alive) of a call carried from an earlier graph (``carry_calls``)."""


def group_by_module(model, calls, builder, namespace, skip=()):
    """``assign_modules`` for a model ``builder`` (``capture.GraphBuilder``) just built, modules
    named from ``namespace``. Grouping is an extra: should it fail, the picture is drawn op by op
    and says so."""
    try:
        assign_modules(model, calls, builder.node_keys, builder.tid,
                       lambda wanted: module_paths(namespace, calls.module_class, skip, wanted))
    except Exception as e:  # noqa: BLE001 - never lose the picture for its grouping
        model.modules.clear()
        model.module_of.clear()
        model.owned.clear()
        model.notes.append(f"The ops could not be grouped by module ({type(e).__name__}: {e}); every op is drawn.")


def module_paths(namespace, module_class, skip=(), wanted=None):
    """``{id(module): "model.0"}`` for every ``module_class`` instance reachable by name: each
    module of the namespace (or of a list of them) and its ``named_modules()``, in namespace order.
    ``wanted``: a set of module ids; the walk stops once each has its path (the same path: the
    first found is kept), so a notebook full of earlier models is not walked for the one called."""
    paths = {}
    for name, value in list(namespace.items()):
        if name.startswith("_") or name in skip:
            continue
        if isinstance(value, module_class):
            _add_paths(paths, name, value)
        elif type(value) in (list, tuple) and len(value) <= MAX_CONTAINER:
            for i, item in enumerate(value):
                if isinstance(item, module_class):
                    _add_paths(paths, f"{name}[{i}]", item)
        else:
            continue
        if wanted is not None and wanted.issubset(paths):
            break
    return paths


def _add_paths(paths, name, module):
    for sub, m in module.named_modules():
        paths.setdefault(id(m), f"{name}.{sub}" if sub else name)


def assign_modules(model, calls, node_keys, tensor_ids, paths):
    """Fill ``model.modules``, ``model.module_of`` and ``model.owned`` from the recorded
    ``calls``. ``node_keys``: ``[(function id, node number)]`` of the drawn nodes; ``tensor_ids``:
    ``{id(tensor): tensor id}`` of the model; ``paths``: ``module_paths``, or a function that
    makes it given the set of ids of the modules it must name."""
    if not calls or not node_keys:
        return
    # Only the calls whose interval holds a drawn node's number can be a group, and a call
    # around one of them holds that number too: so only the calls that overlap the drawn
    # numbers' range are sorted (a loop's drawn graph is its last iteration: a few of its calls).
    low = min(key for _, key in node_keys)
    high = max(key for _, key in node_keys)
    # A call is noted as it ends, and node numbers only grow, so the ends never decrease along
    # ``calls``: those that end after ``low`` are its tail, read from the end (a long loop's
    # earlier calls are not looked at).
    tail = []
    for c in reversed(calls):
        if c[2] <= low:
            break
        if c[1] <= high:
            tail.append(c)
    calls = sorted(tail, key=_start_outer_first)
    parent, stack = [], []
    for i, (_, start, end, _) in enumerate(calls):
        while stack and calls[stack[-1]][2] <= start:
            stack.pop()
        parent.append(stack[-1] if stack else None)
        stack.append(i)
    starts = [c[1] for c in calls]
    innermost = {}
    for fid, key in node_keys:
        # The last call started before the node; the call that holds it is that one or around it.
        i = bisect_right(starts, key) - 1
        while i is not None and i >= 0 and not calls[i][1] <= key < calls[i][2]:
            i = parent[i]
        if i is not None and i >= 0:
            innermost[fid] = i
    used = set()
    for i in innermost.values():
        while i is not None and i not in used:
            used.add(i)
            i = parent[i]
    if callable(paths):
        paths = paths({id(calls[i][0]) for i in used})
    gid = {}
    trees = {}  # call -> ids of the modules in its module's tree (``modules()``), when asked
    for i in sorted(used):
        module, _, _, kept = calls[i]
        up = gid.get(parent[i])
        path = paths.get(id(module))
        if path is None and up is not None and model.modules[up].path:
            path = _child_path(model.modules[up].path, calls[parent[i]][0], module)
        gid[i] = f"m{len(gid)}"
        named = list(module.named_parameters())
        model.modules[gid[i]] = ModuleGroup(
            gid[i], path, type(module).__name__, up,
            [(name, tuple(p.shape)) for name, p in named], len(gid) - 1,
            _argument_tensors(model, tensor_ids, kept))
        # A module's buffers are among those of a module it is part of, read already for the call
        # around it (sorted, the outer call comes first): a 30-layer MLP's 59 layers called from
        # its Sequential are not walked for buffers again (``buffers()`` costs ~4 us a module).
        up_call = parent[i]
        if up_call is not None and up_call not in trees:
            trees[up_call] = {id(m) for m in calls[up_call][0].modules()}
        inside = up_call is not None and id(module) in trees[up_call]
        for t in (*(p for _, p in named), *(() if inside else module.buffers())):
            tid = tensor_ids.get(id(t))
            if tid is not None:
                model.owned.add(tid)
    for fid, i in innermost.items():
        model.module_of[fid] = gid[i]


def _argument_tensors(model, tensor_ids, kept):
    """The model's tensors among a call's arguments; of those carried from an earlier graph
    (``CarriedArguments``), only tensors no op made (the ``X`` every iteration is given): an op's
    output the earlier call was given is not what this call was given."""
    args = kept if type(kept) is CarriedArguments else _arguments(kept)
    tids = [tensor_ids[id(a)] for a in args if id(a) in tensor_ids]
    if type(kept) is CarriedArguments:
        tids = [t for t in tids if model.tensors[t].is_leaf]
    return tids


def _start_outer_first(call):
    """Sort key of a call: by start, the outer of two that start together first."""
    return call[1], -call[2]


def _child_path(parent_path, parent, module):
    for sub, m in parent.named_modules():
        if m is module and sub:
            return f"{parent_path}.{sub}"
    return None
