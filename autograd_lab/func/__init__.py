"""``torch.func``: derivatives as functions of functions (functorch's API), written on this
engine's own autograd: ``grad(f)`` is a new function that returns f's gradient.

    >>> grad(lambda x: (x ** 3).sum())(tensor([1., 2.]))
    tensor([ 3., 12.])

How each is computed here: ``grad``, ``vjp``, ``jacrev`` by backward passes (``autograd.grad``),
``jvp`` and ``jacfwd`` by forward mode (``autograd.forward_ad``, one pass per input element for
jacfwd), ``hessian`` as ``jacfwd(jacrev(f))``, forward mode through the backward pass. ``vmap`` is a loop: ``f`` runs once per index of the mapped dimension
and the results are stacked, so it gives what PyTorch's vmap gives for functions of tensors
(without its speed, and without its errors for data-dependent control flow, which a loop simply
runs). ``functional_call`` runs a module with other tensors in place of its parameters and
buffers.
"""
from .._tensor import Tensor
from ..autograd import forward_ad as _fwAD
from ..autograd.engine import grad as _autograd_grad
from ..autograd.function import ForwardMode, set_tangent
from ..autograd.grad_mode import GradMode, enable_grad

__all__ = ["grad", "grad_and_value", "vjp", "jvp", "jacrev", "jacfwd", "hessian", "functional_call", "vmap"]


# -- what the transforms share --------------------------------------------------------------------
def _flatten(value):
    """The tensors inside nested tuples, lists and dicts (PyTorch's "pytrees": a dict of
    parameters is one argument), and a function that puts others in their places."""
    if isinstance(value, (tuple, list)):
        parts = [_flatten(v) for v in value]
    elif isinstance(value, dict):
        parts = [_flatten(v) for v in value.values()]
    else:
        return [value], lambda leaves: leaves[0]
    sizes = [len(leaves) for leaves, _ in parts]

    def rebuild(leaves):
        items, start = [], 0
        for (_, build), n in zip(parts, sizes):
            items.append(build(leaves[start:start + n]))
            start += n
        if isinstance(value, dict):
            return dict(zip(value.keys(), items))
        return type(value)(items)

    return [leaf for leaves, _ in parts for leaf in leaves], rebuild


def _check_tensors(values):
    for value in values:
        for v in _flatten(value)[0]:
            if not isinstance(v, Tensor):
                raise ValueError(f"Thing passed to transform API must be Tensor, got {type(v)}")


def _track_tree(value):
    leaves, rebuild = _flatten(value)
    return rebuild([_track(t) for t in leaves])


def _requires_grad(value):
    return any(t.requires_grad for t in _flatten(value)[0])


def _argnums_tuple(argnums, n_args):
    nums = argnums if isinstance(argnums, tuple) else (argnums,)
    for a in nums:
        if a >= n_args or a < -n_args:
            raise RuntimeError(f"Got argnum={a}, but only {n_args} positional inputs")
    return tuple(a % n_args for a in nums)


def _track(x):
    """A tensor of x's values whose gradient we can ask for: a view when x already belongs to a
    graph (so an outer transform can differentiate through this one), else a fresh leaf that
    keeps x's tangent (so jvp or jacfwd of a gradient runs forward mode through backward)."""
    if x.requires_grad:
        return x.view_as(x)
    return _keep_tangent(x.detach().requires_grad_(True), x)


def _keep_tangent(new, old):
    """``new`` (a detached copy of ``old``'s values) with ``old``'s tangent, if it has one."""
    if isinstance(old, Tensor) and old._tangent is not None and ForwardMode.level is not None:
        set_tangent(new, old._tangent)
    return new


def _dual():
    """Inside a dual level (jvp or jacfwd of a gradient), backward keeps its graph: the engine
    hands back its results as new tensors when it does not, and the tangents would be lost."""
    return ForwardMode.level is not None


def _detached(t):
    return _keep_tangent(t.detach(), t)


def _split_aux(out, has_aux, api):
    if not has_aux:
        return out, None
    if not (isinstance(out, tuple) and len(out) == 2):
        raise RuntimeError(f"{api}(f)(*args): output of function f should be a tuple: (output, aux) if has_aux is True")
    return out


# -- grad, grad_and_value, vjp --------------------------------------------------------------------
def grad_and_value(func, argnums=0, has_aux=False):
    """``grad_and_value(f)(*args)`` is ``(gradient, f(*args))``; with has_aux, f returns
    ``(output, aux)`` and the value is ``(output, aux)``."""

    def wrapper(*args, **kwargs):
        nums = _argnums_tuple(argnums, len(args))
        _check_tensors([args[i] for i in nums])
        outer = GradMode.enabled and any(_requires_grad(args[i]) for i in nums)
        with enable_grad():
            args = list(args)
            for i in nums:
                args[i] = _track_tree(args[i])
            output, aux = _split_aux(func(*args, **kwargs), has_aux, "grad_and_value")
            if not isinstance(output, Tensor) or output.dim() != 0:
                dims = output.dim() if isinstance(output, Tensor) else type(output)
                raise RuntimeError(
                    f"grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got tensor with {dims} "
                    "dims. Maybe you wanted to use the vjp or jacrev APIs instead?"
                )
            trees = [_flatten(args[i]) for i in nums]
            inputs = [leaf for leaves, _ in trees for leaf in leaves]
            if output.requires_grad:
                grads = _autograd_grad(output, inputs, create_graph=outer or _dual(), allow_unused=True, materialize_grads=True)
            else:  # f did not use its input in a differentiable way: the gradient is 0
                grads = tuple(x.new_zeros(x.shape) for x in inputs)
        if not outer:
            grads = tuple(_detached(g) for g in grads)
            output = _detached(output)
            aux = _detach_tree(aux)
        shaped, start = [], 0  # each argument's gradients in the argument's own structure
        for leaves, rebuild in trees:
            shaped.append(rebuild(list(grads[start:start + len(leaves)])))
            start += len(leaves)
        grads = tuple(shaped) if isinstance(argnums, tuple) else shaped[0]
        return (grads, (output, aux)) if has_aux else (grads, output)

    return wrapper


def grad(func, argnums=0, has_aux=False):
    """``grad(f)(*args)``: the gradient of f (which returns one number) with respect to the
    argument ``argnums`` (a tuple of them: a tuple of gradients); with has_aux, ``(gradient, aux)``."""
    both = grad_and_value(func, argnums, has_aux)

    def wrapper(*args, **kwargs):
        grads, value = both(*args, **kwargs)
        return (grads, value[1]) if has_aux else grads

    return wrapper


def vjp(func, *primals, has_aux=False):
    """``(f(*primals), vjp_fn)``: ``vjp_fn(cotangents)`` is the tuple of v^T J, one per primal
    (in the primal's own structure: a dict for a dict of parameters), from backward passes
    through the same graph (it may be called many times)."""
    _check_tensors(primals)
    outer = GradMode.enabled and any(_requires_grad(p) for p in primals)
    with enable_grad():
        tracked = tuple(_track_tree(p) for p in primals)
        output, aux = _split_aux(func(*tracked), has_aux, "vjp")
    trees = [_flatten(p) for p in tracked]
    inputs = [leaf for leaves, _ in trees for leaf in leaves]

    def vjp_fn(cotangents):
        outs = _flatten(output)[0]
        cots = _flatten(cotangents)[0]
        keep = outer or _dual() or GradMode.enabled and any(c.requires_grad for c in cots)
        with enable_grad():
            grads = _autograd_grad(outs, inputs, cots, retain_graph=True, create_graph=keep, allow_unused=True,
                                   materialize_grads=True)
        grads = grads if outer else [_detached(g) for g in grads]
        shaped, start = [], 0
        for leaves, rebuild in trees:
            shaped.append(rebuild(list(grads[start:start + len(leaves)])))
            start += len(leaves)
        return tuple(shaped)

    shown = output if outer else _detach_tree(output)
    return (shown, vjp_fn, aux) if has_aux else (shown, vjp_fn)


def _detach_tree(value):
    leaves, rebuild = _flatten(value)
    return rebuild([_detached(t) if isinstance(t, Tensor) else t for t in leaves])


# -- jvp (forward mode) ---------------------------------------------------------------------------
def jvp(func, primals, tangents, *, strict=False, has_aux=False):
    """``(f(*primals), J @ tangents)`` in one forward pass: each primal carries its tangent."""
    if not isinstance(primals, tuple):
        raise RuntimeError(
            "jvp(f, primals, tangents): Expected primals to be a tuple. E.g. it should be valid to call f(*primals)."
        )
    if type(tangents) is not tuple or len(tangents) != len(primals):
        raise RuntimeError(
            "jvp(f, primals, tangents): Expected primals and tangents to have the same python structure. For "
            "example, if primals is a tuple of 3 tensors, tangents also must be. Got primals with structure "
            f"{_spec(primals)} and tangents with structure {_spec(tangents)}"
        )
    _check_tensors(primals)
    _check_tensors(tangents)
    with _fwAD.dual_level():
        duals = []
        for p, t in zip(primals, tangents):  # (a primal may be a dict of parameters, its tangent alike)
            leaves, rebuild = _flatten(p)
            duals.append(rebuild([_fwAD.make_dual(a, b) for a, b in zip(leaves, _flatten(t)[0])]))
        output, aux = _split_aux(func(*duals), has_aux, "jvp")
        outs = output if isinstance(output, tuple) else (output,)
        pairs = [_fwAD.unpack_dual(o) for o in outs]
        changes = tuple(p.tangent if p.tangent is not None else p.primal.new_zeros(p.primal.shape) for p in pairs)
    if not (GradMode.enabled and (_requires_grad(primals) or _requires_grad(tangents))):
        values, changes = _detach_tree(outs), _detach_tree(changes)
    else:  # (out of the dual level, so with no tangent: PyTorch hands back an alias of each output)
        values = tuple(_alias(o) if o.requires_grad else o for o in outs)
    if not isinstance(output, tuple):
        values, changes = values[0], changes[0]
    return (values, changes, aux) if has_aux else (values, changes)


def _alias(t):
    from ..ops.shape import Alias
    return Alias.apply(t)


def _spec(value):
    """How PyTorch's pytree describes a flat tuple or list of tensors."""
    if isinstance(value, (tuple, list)):
        return f"TreeSpec({type(value).__name__}, None, [{', '.join('*' for _ in value)}])"
    return "*"


# -- Jacobians and the Hessian --------------------------------------------------------------------
def jacrev(func, argnums=0, *, has_aux=False, chunk_size=None, _preallocate_and_copy=False):
    """``jacrev(f)(*args)``: the Jacobian by reverse mode, one backward pass per output element:
    shape ``output.shape + input.shape`` (tuples of them for tuples of outputs or argnums)."""

    def wrapper(*args):
        nums = _argnums_tuple(argnums, len(args))
        _check_tensors([args[i] for i in nums])
        outer = GradMode.enabled and any(_requires_grad(args[i]) for i in nums)
        with enable_grad():
            args = list(args)
            for i in nums:
                args[i] = _track_tree(args[i])
            output, aux = _split_aux(func(*args), has_aux, "jacrev")
            trees = [_flatten(args[i]) for i in nums]  # (an argument may be a dict of parameters)
            inputs = [leaf for leaves, _ in trees for leaf in leaves]
            outs = output if isinstance(output, tuple) else (output,)
            blocks = []
            for out in outs:
                rows = [[] for _ in inputs]
                flat = out.reshape(-1)
                for k in range(out.nelement()):
                    if flat.requires_grad:
                        grads = _autograd_grad(flat[k], inputs, retain_graph=True, create_graph=outer or _dual(),
                                               allow_unused=True, materialize_grads=True)
                    else:
                        grads = [x.new_zeros(x.shape) for x in inputs]
                    for j, g in enumerate(grads):
                        rows[j].append(g if outer else _detached(g))
                per_leaf = [_stack_rows(r, x, out) for r, x in zip(rows, inputs)]
                per_arg, start = [], 0  # each argument's blocks in the argument's own structure
                for leaves, rebuild in trees:
                    per_arg.append(rebuild(per_leaf[start:start + len(leaves)]))
                    start += len(leaves)
                blocks.append(tuple(per_arg))
        blocks = [b if isinstance(argnums, tuple) else b[0] for b in blocks]
        jac = tuple(blocks) if isinstance(output, tuple) else blocks[0]
        return (jac, aux if outer else _detach_tree(aux)) if has_aux else jac

    return wrapper


def _stack_rows(rows, like, out):
    from ..ops.join_split import stack  # (ops import autograd: loaded on first use)

    if not rows:
        return like.new_zeros(tuple(out.shape) + tuple(like.shape))
    return stack(rows, 0).reshape(tuple(out.shape) + tuple(like.shape))


def jacfwd(func, argnums=0, has_aux=False, *, randomness="error"):
    """``jacfwd(f)(*args)``: the Jacobian by forward mode, one forward pass per input element
    (each pass a column of the Jacobian): cheaper than jacrev when outputs outnumber inputs."""

    def wrapper(*args):
        nums = _argnums_tuple(argnums, len(args))
        _check_tensors([args[i] for i in nums])
        columns = {}  # (input j) -> per output, the list of columns
        output = aux = None
        for j in nums:
            x = args[j]
            for k in range(max(x.nelement(), 1) if x.nelement() else 0):
                direction = x.new_zeros(x.nelement())
                direction[k] = 1.0
                primals = tuple(args)
                tangents = tuple(direction.view(x.shape) if i == j else a.new_zeros(a.shape) for i, a in enumerate(args))
                result = _jvp_some(func, primals, tangents, nums, has_aux)
                output, change, aux = result
                columns.setdefault(j, []).append(change if isinstance(change, tuple) else (change,))
        if output is None:  # (every input is empty)
            output, aux = _split_aux(func(*args), has_aux, "jacfwd")
        outs = output if isinstance(output, tuple) else (output,)
        blocks = []
        for o_index, out in enumerate(outs):
            per_input = []
            for j in nums:
                x = args[j]
                cols = [c[o_index] for c in columns.get(j, [])]
                per_input.append(_columns_to_block(cols, out, x))
            blocks.append(tuple(per_input) if isinstance(argnums, tuple) else per_input[0])
        jac = tuple(blocks) if isinstance(output, tuple) else blocks[0]
        return (jac, aux) if has_aux else jac

    return wrapper


def _jvp_some(func, args, tangents, nums, has_aux):
    """jvp with tangents on the arguments ``nums`` only (the others passed as they are)."""
    with _fwAD.dual_level():
        duals = list(args)
        for i in nums:
            duals[i] = _fwAD.make_dual(args[i], tangents[i])
        output, aux = _split_aux(func(*duals), has_aux, "jacfwd")
        outs = output if isinstance(output, tuple) else (output,)
        pairs = [_fwAD.unpack_dual(o) for o in outs]
        values = tuple(p.primal for p in pairs)
        changes = tuple(p.tangent if p.tangent is not None else p.primal.new_zeros(p.primal.shape) for p in pairs)
    if not (GradMode.enabled and _requires_grad([args[i] for i in nums])):
        values, changes = _detach_tree(values), _detach_tree(changes)
    if not isinstance(output, tuple):
        return values[0], changes[0], aux
    return values, changes, aux


def _columns_to_block(cols, out, x):
    from ..ops.join_split import stack

    shape = tuple(out.shape) + tuple(x.shape)
    if not cols:
        return out.new_zeros(shape)
    # column k is d out / d x[k], shape out.shape: stacked last, then x's shape restored
    return stack(cols, -1).reshape(shape) if out.dim() else stack(cols, 0).reshape(shape)


def hessian(func, argnums=0):
    """``hessian(f)(*args)``: the matrix of second derivatives, ``jacfwd(jacrev(f))`` as in
    PyTorch: forward mode through the backward pass of the gradient ("forward over reverse")."""
    return jacfwd(jacrev(func, argnums), argnums)


# -- functional_call --------------------------------------------------------------------------------
def functional_call(module, parameter_and_buffer_dicts, args=None, kwargs=None, *, tie_weights=True, strict=False):
    """``module(*args, **kwargs)`` with the given tensors in place of the parameters and buffers
    of those names (``"0.weight"``, ``"bn.running_mean"``); the module is left as it was.

    A tensor given for a parameter that the module shares under another name (tied weights)
    replaces it there too, unless ``tie_weights=False``.
    """
    dicts = parameter_and_buffer_dicts if isinstance(parameter_and_buffer_dicts, (tuple, list)) else (
        parameter_and_buffer_dicts,)
    given = {}
    for d in dicts:
        for name, value in d.items():
            if name in given:
                raise ValueError(f"{name} appeared in multiple dictionaries; behavior of functional call is ambiguous")
            given[name] = value
    slots = _named_slots(module)  # name -> (owner module, store dict, key), duplicates included
    if strict:
        missing = [n for n in slots if n not in given]
        unexpected = [n for n in given if n not in slots]
        if missing or unexpected:
            lines = []
            if unexpected:
                lines.append("Unexpected key(s): " + ", ".join(f"'{n}'" for n in unexpected) + ".")
            if missing:
                lines.append("Missing key(s): " + ", ".join(f"'{n}'" for n in missing) + ".")
            raise RuntimeError(f"Error(s) in reparametrizing for {type(module).__name__}:\n\t" + "\n\t".join(lines))
    if tie_weights:  # a tensor given under one name of a shared parameter goes to all its names
        by_object = {}
        for name, (_, store, key) in slots.items():
            by_object.setdefault(id(store[key]), []).append(name)
        for name in list(given):
            if name in slots:
                _, store, key = slots[name]
                for other in by_object[id(store[key])]:
                    given.setdefault(other, given[name])
    saved = []
    try:
        for name, value in given.items():
            if name in slots:
                _, store, key = slots[name]
                saved.append((store, key, store[key]))
                store[key] = value
            else:
                owner, key = _owner_of(module, name)
                saved.append((owner.__dict__, key, owner.__dict__.get(key, _ABSENT)))
                owner.__dict__[key] = value
        if args is None:
            args = ()
        elif not isinstance(args, tuple):
            args = (args,)
        return module(*args, **(kwargs or {}))
    finally:
        for store, key, old in reversed(saved):
            if old is _ABSENT:
                del store[key]
            else:
                store[key] = old


_ABSENT = object()


def _named_slots(module):
    slots = {}
    for prefix, owner in module.named_modules(remove_duplicate=False):
        for store_name in ("_parameters", "_buffers"):
            store = owner.__dict__[store_name]
            for key, value in store.items():
                if value is not None:
                    slots[f"{prefix}.{key}" if prefix else key] = (owner, store, key)
    return slots


def _owner_of(module, name):
    *path, key = name.split(".")
    owner = module
    for part in path:
        owner = getattr(owner, part)
    return owner, key


# -- vmap -----------------------------------------------------------------------------------------------
def vmap(func, in_dims=0, out_dims=0, randomness="error", *, chunk_size=None):
    """``vmap(f)(*args)``: f applied to each slice of the arguments along ``in_dims`` (an int for
    all, or one per argument, None for an argument passed whole), the results stacked along
    ``out_dims``. Arguments and results may be tuples, lists or dicts of tensors. Written as a
    loop over the slices."""

    def wrapper(*args):
        dims = in_dims if isinstance(in_dims, tuple) else (in_dims,) * len(args)
        if len(dims) != len(args):
            raise ValueError(
                f"vmap({_name(func)}, in_dims={in_dims}, ...)(<inputs>): in_dims is not compatible with the structure "
                f"of `inputs`. in_dims has structure {_spec(dims)} but inputs has structure {_spec(args)}."
            )
        sizes = []
        for a, d in zip(args, dims):
            if d is None:
                continue
            for leaf in _flatten(a)[0]:
                if not isinstance(leaf, Tensor):
                    raise ValueError(
                        f"vmap({_name(func)}, in_dims={in_dims}, ...)(<inputs>): Got in_dim={d} for an input but the "
                        f"input is of type {type(leaf)}. We cannot vmap over non-Tensor arguments, please use None as "
                        "the respective in_dim"
                    )
                if not -leaf.dim() <= d < leaf.dim():
                    raise ValueError(
                        f"vmap({_name(func)}, in_dims={in_dims}, ...)(<inputs>): Got in_dim={d} for some input, but "
                        f"that input is a Tensor of dimensionality {leaf.dim()} so expected in_dim to satisfy "
                        f"-{leaf.dim()} <= in_dim < {leaf.dim()}."
                    )
                sizes.append(leaf.shape[d])
        if not sizes:
            raise ValueError(
                f"vmap({_name(func)}, in_dims={in_dims}, ...)(<inputs>): at least one input must be a Tensor "
                "to be vmapped over"
            )
        if len(set(sizes)) > 1:
            raise ValueError(
                "vmap: Expected all tensors to have the same size in the mapped dimension, got sizes "
                f"{sizes} for the mapped dimension"
            )

        def slice_of(a, d, i):
            if d is None:
                return a
            leaves, rebuild = _flatten(a)
            return rebuild([leaf.select(d, i) for leaf in leaves])

        results = [func(*(slice_of(a, d, i) for a, d in zip(args, dims))) for i in range(sizes[0])]
        from ..ops.join_split import stack

        leaves, rebuild = _flatten(results[0])
        per_result = [_flatten(r)[0] for r in results]
        outs = out_dims if isinstance(out_dims, tuple) else (out_dims,) * len(leaves)
        return rebuild([stack([r[k] for r in per_result], outs[k]) for k in range(len(leaves))])

    return wrapper


def _name(func):
    return getattr(func, "__name__", repr(func))
