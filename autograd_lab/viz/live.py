"""What the adapters, capture and trace share about a live graph, below all of them: walking its
nodes, and the small preview an op record keeps of each value an op took or made."""
import numpy as np

MAX_RECORDED_OPS = 20_000  # forward ops remembered (the most recent), for the tensors between them
PREVIEW_ELEMENTS = 256  # an op's output or constant input is kept when at most this large


def walk(adapter, roots, limit=None):
    """Every function node reachable from ``roots``, breadth first (outputs first), each once;
    the first ``limit`` of them when ``limit`` is given."""
    seen = {}
    order = []
    queue = [r for r in roots if r is not None]
    i = 0
    while i < len(queue) and (limit is None or len(order) < limit):
        node = queue[i]
        i += 1
        if id(node) in seen:
            continue
        seen[id(node)] = node
        order.append(node)
        for nxt, _ in adapter.next_functions(node):
            if nxt is not None and id(nxt) not in seen:
                queue.append(nxt)
    return order


def walk_edges(roots, limit):
    """``walk``'s first ``limit`` nodes, each node's ``next_functions`` read once as it is
    walked (reading them makes a new tuple each time on PyTorch: a model builder that needs
    them again takes these), and whether the graph has more nodes than those. Nodes of both
    libraries have ``next_functions`` and hash by identity, so they are their own keys here."""
    seen = set()
    order, edges = [], []
    queue = [r for r in roots if r is not None]
    for node in queue:  # grows as it is read: breadth first
        if node in seen:
            continue
        if len(order) == limit:
            return order, edges, any(n not in seen for n in queue)
        seen.add(node)
        order.append(node)
        nf = node.next_functions
        edges.append(nf)
        for nxt, _ in nf:
            if nxt is not None and nxt not in seen:
                queue.append(nxt)
    return order, edges, False


def preview(array):
    """What an op record keeps of a value: ``(bytes or None when too large, shape, dtype)``.
    Bytes, not an array copy: as cheap to take, and the garbage collector need not walk them."""
    return (array.tobytes() if array.size <= PREVIEW_ELEMENTS else None, array.shape, array.dtype)


def preview_array(kept):
    """The numpy array a ``preview`` kept (None when it was too large), its shape and dtype name."""
    data, shape, dtype = kept
    dtype = np.dtype(dtype)
    value = np.frombuffer(data, dtype).reshape(shape) if data is not None else None
    return value, tuple(shape), dtype.name
