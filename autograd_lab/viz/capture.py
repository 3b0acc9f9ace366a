"""Capture: turn a live autograd graph (autograd_lab or PyTorch) into a ``GraphModel``.

The library-specific reading is done by an adapter (``adapter_lab``, ``adapter_torch``); this
module only asks it questions (is this a tensor, what are this node's next_functions, ...), so
the same program gives the same model whichever library ran it.
"""
import warnings

from ..parity.messages import shape_str
from .live import preview_array, walk, walk_edges
from .model import (
    FunctionRecord, GraphModel, SavedRecord, TensorRecord, copy_array, format_number, format_value,
)

# Containers in the namespace are looked into (a list of tensors, a dict of them) up to this size.
MAX_CONTAINER = 64


def named_tensors(namespace, adapter, skip=()):
    """``[(label, tensor)]`` for every tensor of ``adapter``'s library reachable by name:
    ``x``, ``xs[0]``, ``d['w']``, ``model.fc.weight`` (namespace order, so it is deterministic)."""
    found = []
    for name, value in list(namespace.items()):
        if name.startswith("_") or name in skip:
            continue
        _collect(adapter, name, value, found)
    return found


def _collect(adapter, label, value, found):
    if adapter.is_tensor(value):
        found.append((label, value))
        return
    params = adapter.module_tensors(value)
    if params is not None:
        for sub, t in params:
            found.append((f"{label}.{sub}", t))
        return
    if type(value) in (list, tuple) and len(value) <= MAX_CONTAINER:
        for i, item in enumerate(value):
            if adapter.is_tensor(item):
                found.append((f"{label}[{i}]", item))
    elif type(value) is dict and len(value) <= MAX_CONTAINER:
        for key, item in value.items():
            if isinstance(key, (str, int)) and adapter.is_tensor(item):
                found.append((f"{label}[{key!r}]", item))


def signature(adapter, roots, order=None):
    """A number equal for two graphs of the same shape over the same leaves (a training loop's
    iterations), different otherwise. ``order``: ``walk(adapter, roots)`` when already made (a
    graph cut at ``adapter.max_captured_functions`` nodes is told apart by those)."""
    if order is None:
        order = walk(adapter, roots)
    index = {id(n): i for i, n in enumerate(order)}
    parts = []
    for node in order:
        var = adapter.variable(node)
        parts.append((
            adapter.node_name(node),
            id(var) if var is not None else None,
            tuple((index.get(id(n), -1), nr) if n is not None else None for n, nr in adapter.next_functions(node)),
        ))
    return hash(tuple(parts))


_LEAF_NODE = {}  # node class -> whether its nodes are AccumulateGrad (they have a .variable)


def graph_facts(adapter, roots, limit, held=None, read_constants=True):
    """What a backward call needs to know of its graph as it starts, in one walk (it runs for
    every call of a training loop, so it is written for speed): ``(order, signature, leaves,
    constants, truncated)``, as ``walk`` (the first ``limit`` nodes), ``signature``, the
    ``AccumulateGrad`` variables in walk order and ``saved_constants`` give them. Its signature
    is not ``signature``'s number (node classes stand for their names), but it is equal for
    equal graphs as well. Nodes of both libraries have ``next_functions``, and AccumulateGrad
    nodes a ``variable``. ``held``: a dict the adapter's ``saved_constants_of`` fills (see
    there); ``read_constants=False``: constants not read (``{}``)."""
    constants_of = getattr(adapter, "saved_constants_of", None)
    order, nexts, truncated = walk_edges(roots, limit)
    # node -> its place (nodes of both libraries hash and compare by identity)
    get = {node: i for i, node in enumerate(order)}.get
    flat, leaves, constants = [], [], {}
    for node, nf in zip(order, nexts):
        cls = type(node)
        is_leaf = _LEAF_NODE.get(cls)
        if is_leaf is None:
            is_leaf = _LEAF_NODE[cls] = adapter.variable(node) is not None
        if is_leaf:
            var = node.variable
            leaves.append(var)
            flat += (cls, id(var))
            continue
        flat.append(cls)
        for m, nr in nf:
            flat += (get(m, -1), nr) if m is not None else (None,)
        if constants_of is not None and read_constants:
            found = constants_of(node, held)
            if found:
                constants[id(node)] = found
    if constants_of is None and read_constants:
        constants = saved_constants(adapter, roots, order)
    return order, hash(tuple(flat)), leaves, constants, truncated


def saved_constants(adapter, roots, order=None):
    """``{id(node): {saved name: tensor}}``: the saved tensors that need no grad (the constants
    an op used, like ``x`` in ``w * x``), read before backward frees them, so the picture can
    still draw them as inputs afterwards."""
    found = {}
    fast = getattr(adapter, "saved_constants_of", None)
    for node in order if order is not None else walk(adapter, roots):
        if fast is not None:
            values = fast(node)
            if values:
                found[id(node)] = values
            continue
        for name, value, freed in adapter.saved(node):
            if not freed and adapter.is_tensor(value) and not adapter.requires_grad(value):
                found.setdefault(id(node), {})[name] = value
    return found


class GraphBuilder:
    """Builds a ``GraphModel`` from root nodes, naming tensors from ``named``.

    >>> builder = GraphBuilder(adapter, named=[("x", x), ("y", y)])
    >>> model = builder.build(roots=[y.grad_fn])

    ``constants`` (from ``saved_constants``, taken before backward) links named constants to
    the nodes whose saved values backward has freed since. ``ops`` (``trace.Recorder.ops``, what
    the forward ops were given and made) adds the tensors between ops that have no name, and
    every constant an op took; ``carried`` (``trace.CellTracer._carried_constants``) the constants
    of ops that went unnoted, from an earlier graph of the same shape. ``max_functions``: read at most that many nodes, those nearest
    the outputs (None: the adapter's ``max_captured_functions``).
    """

    def __init__(self, adapter, named=(), max_functions=None, constants=None, ops=None, freed=None,
                 carried=None, held=None):
        self.adapter = adapter
        self.held = held or {}  # id(node) -> what its saved attributes held before backward (adapter.saved)
        self.carried = carried or {}  # id(node) -> constants its op took in an earlier graph of its shape
        self.freed = freed or set()  # ids of nodes backward is known to have freed (no need to ask)
        self.max_functions = max_functions
        self.constants = constants or {}
        self.ops = ops or {}
        self.names = {}  # id(tensor) -> labels
        self.by_id = {}  # id(tensor) -> tensor
        for label, t in named:
            self.names.setdefault(id(t), []).append(label)
            self.by_id[id(t)] = t
        self.fid = {}  # id(node) -> function id
        self.nodes = []  # live nodes, kept while building so ids stay unique
        self.tid = {}  # id(tensor) -> tensor id
        self.node_keys = []  # (function id, adapter.node_key) of each node read, in walk order

    def build(self, roots, leaves=(), model=None):
        """Model of the graph behind ``roots`` (function nodes); ``leaves`` are lone tensors to
        show even when no graph uses them."""
        a = self.adapter
        model = model if model is not None else GraphModel(library=a.library)
        limit = a.max_captured_functions if self.max_functions is None else self.max_functions
        order, edges, more = walk_edges(roots, limit)
        if more:
            model.notes.append(f"The graph has more than {limit:,} nodes: the {limit:,} nearest its outputs are "
                               f"captured and drawn, the rest is left out ({a.library} graphs are read up to "
                               f"{limit:,} nodes).")
        fids = self.fid
        ids = [f"f{i}" for i in range(len(fids), len(fids) + len(order))]  # each node's, in walk order
        fids.update(zip(map(id, order), ids))
        self.nodes.extend(order)
        model.roots = [fids[id(r)] for r in roots if r is not None]
        # Named non-leaf tensors hang off the node that made them.
        for key, t in self.by_id.items():
            fn = a.grad_fn(t)
            if fn is not None and id(fn) in fids:
                self._tensor(model, t)
        # This loop runs for every node read (600 of a long PyTorch chain, at the end of the cell
        # the user waits for), so it reads each node once and keeps the adapter's calls few.
        functions = model.functions
        variable, node_name, node_key = a.variable, a.node_name, a.node_key
        keys = self.node_keys
        for node, nf, fid in zip(order, edges, ids):
            var = variable(node)
            next_ = [(fids.get(id(n)), nr) if n is not None else (None, nr) for n, nr in nf]
            var_id = self._tensor(model, var).id if var is not None else None
            functions[fid] = FunctionRecord(fid, node_name(node), next_, self._saved(model, node), var_id)
            keys.append((fid, node_key(node)))
        if self.ops:
            self._add_op_tensors(model, order)
        for t in leaves:
            self._tensor(model, t)
        return model

    def _saved(self, model, node):
        """``[SavedRecord]``: what ``node`` saved for backward, as ``adapter.saved`` reads it."""
        a = self.adapter
        nid = id(node)
        records = []
        for name, value, freed in a.saved(node, nid in self.freed, self.held.get(nid)):
            tensor = None
            if freed:
                preview = "freed"
                value = self.constants.get(nid, {}).get(name)
                if value is not None and id(value) in self.names:
                    tensor = self._tensor(model, value).id  # a named constant, saved before backward
            elif value is None:  # (a slot that never saved: what ``_short`` gives, without its tests)
                preview = "None"
            elif a.is_tensor(value):
                if id(value) in self.names and not a.requires_grad(value):
                    tensor = self._tensor(model, value).id  # a named constant used by the op
                arr = a.to_numpy(value)
                preview = f"{shape_str(arr.shape)} {format_value(arr, 24)}"
            else:
                preview = _short(value)
            records.append(SavedRecord(name, preview, freed, tensor))
        return records

    def _add_op_tensors(self, model, order):
        """The tensors the recorded ops took and made that no name brought in: each op's
        outputs that another drawn op used (or that an unnamed root made), and its constant inputs."""
        dead_constants = {}  # id(weak reference) -> tensor id, for a constant used by several ops
        functions = model.functions
        made = None  # the edges that tensors drawn so far carry, once a node has an op record
        for node, (fid, key) in zip(order, self.node_keys):
            op = self.ops.get(key) if functions[fid].variable is None else None
            if op is None:
                carried = self.carried.get(id(node))
                if carried:
                    functions[fid].constants = [self._carried(model, ref, kept, dead_constants)
                                                for ref, kept in carried]
                continue
            if made is None:  # (only then: the drawn ops of a long cell often have no record)
                # (Tensors added above are constants: none has a grad_fn, so these are as at the start.)
                made = {(t.grad_fn, t.output_nr) for t in model.tensors.values() if t.grad_fn is not None}
                used = {edge for f in functions.values() for edge in f.next}
                # A root's outputs are drawn when the code named none of them ((x * x).sum().backward()).
                roots = set(model.roots) - {fid for fid, _ in made}
            value, shape, dtype, constants = op  # as trace.Recorder.op keeps it
            outputs = value if type(value) is dict else {0: (value, shape, dtype)}
            for nr, value in outputs.items():
                if (fid, nr) not in made and ((fid, nr) in used or fid in roots):
                    self._unnamed(model, value, requires_grad=True, grad_fn=fid, output_nr=nr)
            if constants is None:
                continue
            ids = []
            for ref, value in constants:
                t = ref()
                if t is not None:
                    ids.append(self._tensor(model, t).id)
                elif id(ref) in dead_constants:
                    ids.append(dead_constants[id(ref)])
                else:
                    dead_constants[id(ref)] = self._unnamed(model, value, requires_grad=False).id
                    ids.append(dead_constants[id(ref)])
            functions[fid].constants = ids

    def _carried(self, model, ref, kept, dead_constants):
        """The tensor id of a constant an op took in an earlier graph of the same shape: the tensor
        itself when it is still alive and named (the code's ``Y``, used by every iteration), else
        an unnamed constant of its shape with no value (this graph's may differ)."""
        t = ref()
        if t is not None and id(t) in self.names:
            return self._tensor(model, t).id
        if id(ref) not in dead_constants:
            dead_constants[id(ref)] = self._unnamed(model, (None, *kept[1:]), requires_grad=False).id
        return dead_constants[id(ref)]

    def _unnamed(self, model, kept, requires_grad, grad_fn=None, output_nr=0):
        """A record for a tensor known only from an op record (``kept`` from ``live.preview``)."""
        tid = f"t{len(self.tid)}"
        self.tid[("op", tid)] = tid  # counts towards the numbering; no live tensor has this key
        value, shape, dtype = preview_array(kept)
        rec = TensorRecord(
            id=tid, names=[], shape=shape, dtype=dtype, value=value,
            requires_grad=requires_grad, is_leaf=grad_fn is None, grad_fn=grad_fn, output_nr=output_nr)
        model.tensors[tid] = rec
        return rec

    def _tensor(self, model, t):
        key = id(t)
        if key in self.tid:
            return model.tensors[self.tid[key]]
        a = self.adapter
        tid = f"t{len(self.tid)}"
        self.tid[key] = tid
        info = a.tensor_info(t)
        fn = info.pop("grad_fn")
        rec = TensorRecord(
            id=tid,
            names=list(self.names.get(key, ())),
            grad_fn=self.fid.get(id(fn)) if fn is not None else None,
            **info,
        )
        rec.value = copy_array(rec.value)
        rec.grad = copy_array(rec.grad)
        model.tensors[tid] = rec
        return rec


_FLOAT_TEXT = {}  # float -> format_number of it: a long chain's nodes save the same few scalars


def _short(value, width=24):
    if type(value) is float:
        text = _FLOAT_TEXT.get(value)
        if text is None:
            text = format_number(value)
            if len(_FLOAT_TEXT) < 4096:
                _FLOAT_TEXT[value] = text
        return text
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, (tuple, list)) and len(value) > 6:
        text = repr(tuple(value[:6]))[:-1] + ", …)"
    else:
        text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def quietly(fn, *args):
    """Call ``fn`` with warnings silenced: capture reads what the learner did not ask to see."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args)
