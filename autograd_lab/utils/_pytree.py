"""``torch.utils._pytree``: nested tuples, lists and dicts seen as trees whose leaves a function
maps, keeping the nesting. A ``__torch_dispatch__`` unwraps its arguments with it:
``tree_map(lambda a: a.elem if isinstance(a, MyTensor) else a, args)``.

>>> tree_map(lambda x: x * 10, (1, [2, {"a": 3}]))
(10, [20, {'a': 30}])

Containers are tuples (named ones too), lists, dicts (ordered, default), deques; anything else,
None included, is a leaf."""
import collections


class TreeSpec:
    """The shape of a tree without its leaves: how ``tree_unflatten`` rebuilds it."""

    def __init__(self, rebuild, children):
        self.rebuild, self.children = rebuild, children  # rebuild is None for a leaf
        self.num_leaves = 1 if rebuild is None else sum(c.num_leaves for c in children)

    def is_leaf(self):
        return self.rebuild is None

    def unflatten(self, leaves):
        return tree_unflatten(list(leaves), self)


def _children(node):
    """(the node's children, a function rebuilding it from new ones), or None for a leaf."""
    t = type(node)
    if isinstance(node, tuple) and hasattr(t, "_fields"):  # a namedtuple
        return list(node), lambda c: t(*c)
    if t in (tuple, list):
        return list(node), t
    if isinstance(node, dict):
        keys = list(node)
        if t is collections.defaultdict:
            return [node[k] for k in keys], lambda c: collections.defaultdict(node.default_factory, zip(keys, c))
        return [node[k] for k in keys], lambda c: t(zip(keys, c))
    if t is collections.deque:
        return list(node), lambda c: collections.deque(c, maxlen=node.maxlen)
    return None


def tree_flatten(tree):
    """The leaves of ``tree`` from left to right, and its ``TreeSpec``."""
    leaves = []

    def walk(node):
        found = _children(node)
        if found is None:
            leaves.append(node)
            return TreeSpec(None, [])
        children, rebuild = found
        return TreeSpec(rebuild, [walk(c) for c in children])

    spec = walk(tree)
    return leaves, spec


def tree_unflatten(leaves, treespec):
    """The tree of ``treespec``'s shape holding ``leaves``."""
    leaves = iter(leaves)

    def build(spec):
        if spec.rebuild is None:
            return next(leaves)
        return spec.rebuild([build(c) for c in spec.children])

    return build(treespec)


def tree_leaves(tree):
    return tree_flatten(tree)[0]


def tree_map(func, tree, *rests):
    """``tree`` with each leaf replaced by ``func(leaf, *the same leaves of rests)``."""
    leaves, spec = tree_flatten(tree)
    others = [tree_leaves(r) for r in rests]
    return tree_unflatten([func(*xs) for xs in zip(leaves, *others)], spec)


def tree_map_only(type_or_types, func, tree):
    """``tree_map`` applied only to the leaves of the given type(s); the others stay."""
    return tree_map(lambda x: func(x) if isinstance(x, type_or_types) else x, tree)


def tree_any(pred, tree):
    return any(map(pred, tree_leaves(tree)))


def tree_all(pred, tree):
    return all(map(pred, tree_leaves(tree)))
