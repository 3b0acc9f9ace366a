"""PyTorch's argument-parser errors for the torch functions, worked out from recorded signatures.

PyTorch's C++ bindings check every call against their Python signatures before anything runs, and
a wrong argument gets a TypeError in the parser's words. ``checked(fn, name)`` gives a function the
same errors at almost no cost: a quick type check per argument, and on a failure (or an exception
from ``fn``) the full parse of PyTorch's rules below, against the signatures that
``scripts/record_signatures.py`` read from PyTorch into ``parity.signatures``.

>>> import autograd_lab as torch
>>> torch.sum([1, 2])
Traceback (most recent call last):
TypeError: sum(): argument 'input' (position 1) must be Tensor, not list
"""
import functools

import numpy as np

from .._dtype import dtype as _dtype_class, memory_format as _memory_format
from .._tensor import Tensor

# Keyword names the parser also takes for numpy's sake: torch.sum(t, axis=0).
_NUMPY_NAMES = {"dim": ("axis",), "keepdim": ("keepdims",), "input": ("x", "a", "x1"), "other": ("x2",)}
_NUMBER_CLASSES = (int, float, complex, np.generic)
# Types of which autograd_lab has no values (no torch.strided): only the
# None these arguments default to is taken.
_NO_VALUES_HERE = frozenset(("torch.layout",))


class _Param:
    __slots__ = ("name", "type", "optional", "allow_none", "keyword_only", "single_int", "names")

    def __init__(self, text, keyword_only, refused_single_int, none_taken=()):
        decl, _, default = text.partition(" = ")
        self.type, _, self.name = decl.rpartition(" ")
        self.optional = bool(default)
        # The printed form drops the ``?`` of ``int[1]? dim``: torch.sum(t, None) is taken, so
        # an int list always takes None here (never a false error); so is a generator (the
        # required ``Generator? generator`` of torch.rand); the others were recorded.
        self.allow_none = (default == "None" or self.type in ("tuple of ints", "torch.Generator")
                           or self.name in none_taken)
        self.keyword_only = keyword_only
        self.single_int = self.name not in refused_single_int
        self.names = (self.name,) + _NUMPY_NAMES.get(self.name, ())


class _Signature:
    """One overload, as the parser sees it."""

    def __init__(self, name, text, numbers_as_tensors, refused_single_int, none_taken=()):
        self.name, self.text = name, text
        self.numbers_as_tensors = numbers_as_tensors
        self.params, keyword_only = [], False
        for part in text[1:-1].split(", ") if text != "()" else []:
            if part == "*":
                keyword_only = True
            else:
                self.params.append(_Param(part, keyword_only, refused_single_int, none_taken))
        self.min_args = sum(not p.optional for p in self.params)
        self.max_args = len(self.params)
        self.max_pos_args = sum(not p.keyword_only for p in self.params)
        # expand(5, 3) as expand((5, 3)): a lone positional int list may be given as varargs
        self.varargs_intlist = self.max_pos_args == 1 and self.params[0].type == "tuple of ints"


_overloads = {}


def overloads(name, method=False):
    """The recorded overloads of torch.``name`` (of ``Tensor.name`` with ``method``: the same
    parse, without the ``input`` argument, which is the tensor itself), or None when none were
    recorded."""
    key = (name, method)
    if key not in _overloads:
        from . import signatures as s

        prefix = "METHOD_" if method else ""
        texts = getattr(s, prefix + "SIGNATURES").get(name)
        refused = getattr(s, prefix + "SINGLE_INT_REFUSED").get(name, ())
        numbers = name in getattr(s, prefix + "NUMBERS_AS_TENSORS")
        none_taken = getattr(s, prefix + "NONE_TAKEN").get(name, ())
        _overloads[key] = None if texts is None else (
            [_Signature(name, t, numbers, refused, none_taken) for t in texts],
            name in getattr(s, prefix + "HIDDEN_OVERLOADS"))
    return _overloads[key]


# -- what each parameter type accepts ------------------------------------------------------------
def _is_int(value):
    """An int for the parser: a Python or numpy integer (not a bool), or a 0-d integer tensor."""
    if isinstance(value, Tensor):
        return value.dim() == 0 and value._data.dtype.kind in "iu" and not value.requires_grad
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _is_scalar_tensor(value):
    return isinstance(value, Tensor) and value.dim() == 0 and not value.requires_grad


def _device_classes():
    """What a ``torch.device`` argument takes: a device, its name, or an accelerator's index
    (a wrong name or index is the factory's own error, after the parse)."""
    from .._tensor import device

    return (device, str, int, np.integer)


def _generator_class():
    from .random import Generator

    return Generator


def _accepts(param, value, numbers_as_tensors):
    """(whether ``param`` takes ``value``, the index of the first bad element of a list or -1)."""
    kind = param.type
    if kind == "Tensor":
        return isinstance(value, Tensor) or (numbers_as_tensors and isinstance(value, _NUMBER_CLASSES)), -1
    if kind == "int":
        return _is_int(value), -1
    if kind == "float":
        return (isinstance(value, (int, float, np.integer, np.floating, np.bool_))
                or _is_scalar_tensor(value)), -1
    if kind == "Number":
        return isinstance(value, _NUMBER_CLASSES) or _is_scalar_tensor(value), -1
    if kind == "bool":
        return isinstance(value, bool), -1
    if kind == "tuple of ints":
        if isinstance(value, (list, tuple)):
            if not value or _is_int(value[0]):  # (the parser looks at the first element only)
                return True, -1
            return False, 0
        return param.single_int and _is_int(value), -1
    if kind == "torch.dtype":
        return isinstance(value, _dtype_class) or value in (float, int, bool, complex), -1
    if kind == "tuple of Tensors":
        if not isinstance(value, (list, tuple)):
            return False, -1
        for i, item in enumerate(value):
            if not isinstance(item, Tensor):
                return False, i
        return True, -1
    if kind == "torch.device":
        return isinstance(value, _device_classes()) and not isinstance(value, bool), -1
    if kind == "torch.Generator":
        return isinstance(value, _generator_class()), -1
    if kind == "torch.memory_format":
        return isinstance(value, _memory_format), -1
    if kind in _NO_VALUES_HERE:
        return False, -1
    return True, -1  # (a type not modelled here, or ``object``: never refused)


def _classes(param, numbers_as_tensors):
    """The classes a quick ``isinstance`` lets through for ``param``: all it accepts, and more."""
    classes = {
        "Tensor": (Tensor,) + (_NUMBER_CLASSES if numbers_as_tensors else ()),
        "int": (int, np.integer, Tensor),
        "float": (int, float, np.generic, Tensor),
        "Number": _NUMBER_CLASSES + (Tensor,),
        "bool": (bool,),
        "tuple of ints": (list, tuple) + ((int, np.integer, Tensor) if param.single_int else ()),
        "torch.dtype": (_dtype_class, type),
        "tuple of Tensors": (list, tuple),
        "torch.device": _device_classes(),
        "torch.Generator": (_generator_class(),),
        "torch.layout": (),
        "torch.memory_format": (_memory_format,),
    }.get(param.type, (object,))
    return classes + ((type(None),) if param.allow_none else ())


# -- PyTorch's parse of one overload ---------------------------------------------------------------
def _takes(sig, nargs):
    if sig.min_args != sig.max_pos_args:
        return TypeError(f"{sig.name}() takes from {sig.min_args} to {sig.max_pos_args} positional arguments "
                         f"but {nargs} were given")
    s = "" if sig.max_pos_args == 1 else "s"
    return TypeError(f"{sig.name}() takes {sig.max_pos_args} positional argument{s} but {nargs} "
                     f"{'was' if nargs == 1 else 'were'} given")


def _missing(sig, index):
    names = [f'"{p.name}"' for p in sig.params[index:] if not p.optional]
    # (PyTorch's own plural: "arguments" for one, "argument" for several)
    return TypeError(f"{sig.name}() missing {len(names)} required positional argument"
                     f"{'s' if len(names) == 1 else ''}: {', '.join(names)}")


def _extra_kwargs(sig, kwargs, nargs):
    for key in kwargs:
        index = next((i for i, p in enumerate(sig.params) if key in p.names), -1)
        if index < 0:
            return TypeError(f"{sig.name}() got an unexpected keyword argument '{key}'")
        if index < nargs:
            return TypeError(f"{sig.name}() got multiple values for argument '{key}'")
    return TypeError("invalid keyword arguments")


def _wrong_type(sig, index, param, value, position, failed):
    if param.type == "tuple of Tensors" and failed >= 0:
        return TypeError(f"expected Tensor as element {failed} in argument {index}, but got {type_name(value[failed])}")
    if position is None:
        return TypeError(f"{sig.name}(): argument '{param.name}' must be {param.type}, not {type_name(value)}")
    if failed >= 0:
        return TypeError(f"{sig.name}(): argument '{param.name}' (position {position}) must be {param.type}, "
                         f"but found element of type {type_name(value[failed])} at pos {failed}")
    return TypeError(f"{sig.name}(): argument '{param.name}' (position {position}) must be {param.type}, "
                     f"not {type_name(value)}")


def _parse(sig, args, kwargs, raising):
    """{param name: value} when ``sig`` takes these arguments; otherwise None, or with ``raising``
    the TypeError PyTorch raises for this overload (returned, not raised)."""
    def fail(error):
        return error if raising else None

    nargs, remaining = len(args), len(kwargs)
    if nargs > sig.max_pos_args and not (sig.varargs_intlist and _is_int(args[0])):
        return fail(_takes(sig, nargs))
    bound, arg_pos = {}, 0
    for index, param in enumerate(sig.params):
        value, is_kwarg, given = None, False, False
        if arg_pos < nargs:
            if param.keyword_only:
                return fail(_takes(sig, nargs))
            value, given = args[arg_pos], True
        else:
            for key in param.names:
                if key in kwargs:
                    value, given = kwargs[key], True
                    break
            is_kwarg = True
        if (not given and param.optional) or (given and value is None and param.allow_none):
            pass
        elif not given:
            return fail(_missing(sig, index))
        else:
            ok, failed = _accepts(param, value, sig.numbers_as_tensors)
            if not ok and sig.varargs_intlist and arg_pos == 0 and not is_kwarg and _is_int(args[0]):
                bound[param.name] = args  # (all the positional ints as this one list)
                arg_pos = nargs
                continue
            if not ok:
                if failed >= 0 and param.type == "tuple of ints" and not isinstance(value, (list, tuple)):
                    value = args
                return fail(_wrong_type(sig, index, param, value, None if is_kwarg else arg_pos + 1, failed))
            bound[param.name] = value
        if not is_kwarg:
            arg_pos += 1
        elif given:
            remaining -= 1
    if remaining > 0:
        return fail(_extra_kwargs(sig, kwargs, nargs))
    return bound


def _unpack_error(sig, bound):
    """The error PyTorch raises after the parse, reading an int list whose later element is no int."""
    for param in sig.params:
        value = bound.get(param.name)
        if param.type == "tuple of ints" and isinstance(value, (list, tuple)):
            for i, item in enumerate(value[1:], 1):
                if not _is_int(item) and not isinstance(item, bool):
                    return TypeError(f"{sig.name}(): argument '{param.name}' failed to unpack the object at pos "
                                     f"{i + 1} with error \"type must be tuple of ints,but got {type_name(item)}\"")
    return None


# -- the message when no overload takes the arguments ------------------------------------------------
def _described(value):
    if isinstance(value, tuple):
        inner = ", ".join(type_name(v) for v in value)
        return f"tuple of ({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, list):
        return f"list of [{', '.join(type_name(v) for v in value)}]"
    return type_name(value)


def _loose_match(piece_type, value):
    # PyTorch's message splits each printed overload at ", " and compares type names as text, so
    # only plain names (Tensor, int, float, bool) ever match, "float" also taking an int.
    name = type_name(value)
    if piece_type == "float":
        return name in ("float", "int")
    return name == piece_type


def _why_not(text, args, kwargs, kw_order):
    """PyTorch's "didn't match because ..." line for one overload (None when it prints none: when
    the number of arguments is not the number of the overload's comma-separated pieces)."""
    pieces = text[1:-1].split(", ")
    if len(args) + len(kwargs) != len(pieces):
        return None
    names = [piece[piece.rfind(" ") + 1:] for piece in pieces]  # ("Tensor out = None" -> "None")
    wrong_names = [k for k in kw_order if k not in names]
    if wrong_names:
        return "      didn't match because some of the keywords were incorrect: " + ", ".join(wrong_names)
    marked = []
    for i, piece in enumerate(pieces):
        is_kwarg = i >= len(args)
        value = kwargs[names[i]] if is_kwarg else args[i]
        piece_type = piece[:piece.rfind(" ")] if " " in piece else ""
        desc = (f"{names[i]}=" if is_kwarg else "") + _described(value)
        marked.append(desc if _loose_match(piece_type.lstrip("*#"), value) else f"!{desc}!")
    return "      didn't match because some of the arguments have invalid types: (" + ", ".join(marked) + ")"


def _invalid_combination(name, sigs, args, kwargs):
    # PyTorch lists keywords in its hash map's order: for a few names, the reverse of the call's.
    kw_order = list(kwargs)[::-1]
    got = ", ".join([type_name(a) for a in args] + [f"{k}={type_name(kwargs[k])}" for k in kw_order])
    if kwargs and not args:
        got += ", "  # (PyTorch trims the last ", " only after a positional argument)
    head = f"{name}() received an invalid combination of arguments - got ({got}), but expected"
    if len(sigs) == 1:
        return TypeError(f"{head} {sigs[0].text}")
    lines = [f"{head} one of:"]
    for sig in sigs:
        lines.append(f" * {sig.text}")
        why = _why_not(sig.text, args, kwargs, kw_order)
        if why:
            lines.append(why)
    return TypeError("\n".join(lines) + "\n")


def argument_error(name, args, kwargs, method=False):
    """The TypeError PyTorch's torch.``name`` (``Tensor.name`` with ``method``; ``args`` without
    the tensor) raises for these arguments, or None if it takes them."""
    recorded = overloads(name, method)
    if recorded is None:
        return None
    sigs, hidden = recorded
    if hidden and len(args) > max(sig.max_pos_args for sig in sigs):
        return None  # (an overload we cannot see may take more: torch.add(t, 2, t), deprecated)
    if len(sigs) == 1 and not hidden:
        bound = _parse(sigs[0], args, kwargs, raising=True)
        return bound if isinstance(bound, TypeError) else _unpack_error(sigs[0], bound)
    for sig in sigs:
        bound = _parse(sig, args, kwargs, raising=False)
        if bound is not None:
            return _unpack_error(sig, bound)
    n = len(args) + len(kwargs)
    plausible = [sig for sig in sigs if sig.min_args <= n <= sig.max_args]
    if len(plausible) == 1:
        return _parse(plausible[0], args, kwargs, raising=True)
    return _invalid_combination(name, sigs, args, kwargs)


# Parameter types that take a tensor only as a number (0-d, not requiring grad).
_SCALAR_TYPES = frozenset(("int", "float", "Number"))


def _fits(sig, nargs, keys):
    """Whether ``sig`` can take ``nargs`` positional arguments and these keywords, whatever their
    types: no keyword it lacks or already filled, no required argument left out."""
    if nargs > sig.max_pos_args and not sig.varargs_intlist:
        return False
    given = set()
    for key in keys:
        index = next((i for i, p in enumerate(sig.params) if key in p.names), -1)
        if index < nargs:
            return False
        given.add(index)
    return all(p.optional or i < nargs or i in given for i, p in enumerate(sig.params))


class _Quick:
    """What ``isinstance`` checks before a call, worked out once per function from its overloads.
    A call that fails them cannot be right and is sent to the full parse; one that passes may still
    be wrong, and then ``fn`` raises and the full parse says why."""

    def __init__(self, sigs):
        self.sigs = sigs
        width = max(sig.max_pos_args for sig in sigs)
        positions = [set() for _ in range(width)]
        # (a bool is an int to isinstance, not to the parser: marked where no overload takes one)
        takes_bool = [False] * width
        keywords = {}
        # (where a Tensor is taken only as a number, a 0-d one, a tensor is sent to the full parse)
        takes_tensor = [False] * width
        self.scalar_keywords = set()
        self.aliases = {}
        for sig in sigs:
            for index, param in enumerate(sig.params):
                classes = _classes(param, sig.numbers_as_tensors)
                bool_ok = _accepts(param, True, sig.numbers_as_tensors)[0]
                if not param.keyword_only:
                    positions[index].update(classes)
                    takes_bool[index] |= bool_ok
                    takes_tensor[index] |= param.type not in _SCALAR_TYPES
                for key in param.names:
                    entry = keywords.setdefault(key, [set(), False])
                    entry[0].update(classes)
                    entry[1] |= bool_ok
                    if param.type in _SCALAR_TYPES:
                        self.scalar_keywords.add(key)
                self.aliases.update((alias, param.name) for alias in param.names[1:])
        self.scalar_keywords -= {p_name for sig in sigs for p in sig.params if p.type not in _SCALAR_TYPES
                                 for p_name in p.names}
        self.scalar_positions = frozenset(i for i, t in enumerate(takes_tensor) if not t)
        # expand(5, 3): the sizes may come one by one as ints
        self.varargs = any(sig.varargs_intlist for sig in sigs)
        if self.varargs:
            positions[0].update((int, np.integer, Tensor))
        self.positions = tuple((tuple(c), not b) for c, b in zip(positions, takes_bool))
        self.keywords = {k: (tuple(c), not b) for k, (c, b) in keywords.items()}
        self.shapes = {}  # (number of positional arguments, keywords) -> some overload fits

    def passes(self, args, kwargs):
        """Whether the arguments pass. The answer depends on nothing but the arguments' classes
        and the keywords' names (``checked`` remembers it for each combination of them)."""
        nargs = len(args)
        key = (nargs, *kwargs) if kwargs else nargs
        fits = self.shapes.get(key)
        if fits is None:
            fits = self.shapes[key] = any(_fits(sig, nargs, kwargs) for sig in self.sigs)
        if not fits:
            return False
        if nargs > len(self.positions):
            # sizes one by one: ones(2, 3, requires_grad=True)
            if not (self.varargs and all(a.__class__ is int for a in args)):
                return False
            args = ()
        for i, (value, (classes, refuses_bool)) in enumerate(zip(args, self.positions)):
            if not isinstance(value, classes) or (refuses_bool and value.__class__ is bool):
                return False
            if value.__class__ is Tensor and i in self.scalar_positions:
                return False
        for key, value in kwargs.items():
            classes, refuses_bool = self.keywords.get(key, ((), True))
            if not isinstance(value, classes) or (refuses_bool and value.__class__ is bool):
                return False
            if value.__class__ is Tensor and key in self.scalar_keywords:
                return False
        return True


def _classes_of(args, kwargs):
    """What ``_Quick.passes`` reads of a call: its arguments' classes and its keywords' names."""
    if kwargs:
        return (*map(type, args), *kwargs, *map(type, kwargs.values()))
    return tuple(map(type, args))


def checked(fn, name, method=False, with_out=None):
    """``fn`` as torch.``name`` (as the method ``Tensor.name`` with ``method``): arguments no
    overload of PyTorch's takes raise PyTorch's TypeError (from ``argument_error``); everything
    else is ``fn``'s own business. NumPy's keyword names (``axis=``, ``keepdims=``), which
    PyTorch's parser also takes, reach ``fn`` under PyTorch's. A call given ``out=`` goes to
    ``with_out`` instead (``ops/out.py``), so the plain call has no frame more: warnings name the
    caller's line by a fixed count of frames."""
    quick = None
    # The classes of the calls that passed the quick checks and need no keyword renamed: a call
    # like one of them passes too, and costs one lookup (torch.ones(2, 3) must stay cheap).
    passed = set()

    def check(args, kwargs, classes):
        nonlocal quick
        if quick is None:
            quick = _Quick(overloads(name, method)[0])
        if not quick.passes(args, kwargs):
            error = argument_error(name, args, kwargs, method)
            if error is not None:
                raise error
        elif kwargs and quick.aliases and not quick.aliases.keys().isdisjoint(kwargs):
            return {quick.aliases.get(k, k): v for k, v in kwargs.items()}
        elif len(passed) < 512:  # (a bound, for a program that makes new classes in a loop)
            passed.add(classes)
        return kwargs

    def failed(args, kwargs):
        """What a call that raised really raises: PyTorch's parser error, when there is one."""
        error = argument_error(name, args, kwargs, method)
        if error is not None:
            raise error from None

    if method:
        def call(self, *args, **kwargs):
            classes = _classes_of(args, kwargs)
            if classes not in passed:
                kwargs = check(args, kwargs, classes)
            try:
                return fn(self, *args, **kwargs)
            except Exception:
                failed(args, kwargs)
                raise
    else:
        def call(*args, **kwargs):
            classes = _classes_of(args, kwargs)
            if classes not in passed:
                kwargs = check(args, kwargs, classes)
            try:
                if with_out is not None and "out" in kwargs:
                    return with_out(*args, **kwargs)
                return fn(*args, **kwargs)
            except Exception:
                failed(args, kwargs)
                raise

    functools.update_wrapper(call, fn)
    call.__name__ = call.__qualname__ = name
    return call


def check_methods(cls):
    """Give every method of ``cls`` that PyTorch parses PyTorch's argument errors."""
    from .signatures import METHOD_SIGNATURES

    for name in METHOD_SIGNATURES:
        fn = cls.__dict__.get(name)
        if callable(fn):
            setattr(cls, name, checked(fn, name, method=True))


# -- the errors the ops raise themselves, in PyTorch's words ----------------------------------------
def type_name(value):
    """The name PyTorch gives a Python value's type in its messages: builtins by their own name,
    C types with their module (numpy.ndarray), and torch's types as torch.Size."""
    cls = type(value)
    if cls.__module__.startswith("autograd_lab"):
        return "Tensor" if isinstance(value, Tensor) else f"torch.{cls.__name__}"
    if cls.__module__ == "builtins" or cls.__flags__ & (1 << 9):  # (1 << 9: a class defined in Python)
        return cls.__name__
    return f"{cls.__module__}.{cls.__name__}"


def _arg_desc(value):
    """How PyTorch's overload error describes an argument: ``list of [int, int]``."""
    if isinstance(value, (list, tuple)):
        inner = ", ".join(type_name(v) for v in value)
        return f"list of [{inner}]" if isinstance(value, list) else f"tuple of ({inner})"
    return type_name(value)


def not_tensor(fn, value, name="input", position=1):
    """PyTorch's error for a non-tensor where ``fn`` takes a Tensor."""
    return TypeError(f"{fn}(): argument '{name}' (position {position}) must be Tensor, not {type_name(value)}")


def no_overload(fn, args, signatures):
    """PyTorch's error when no overload of ``fn`` takes these arguments. ``signatures``: one
    ``(text, takes)`` per overload, where ``takes[i]`` says whether that overload accepts ``args[i]``
    (None: say nothing about the overload's arguments, as PyTorch does for a count mismatch)."""
    got = ", ".join(type_name(a) for a in args)
    lines = [f"{fn}() received an invalid combination of arguments - got ({got}), but expected one of:"]
    for text, takes in signatures:
        lines.append(f" * ({text})")
        if takes is not None:
            marked = ", ".join(_arg_desc(a) if ok else f"!{_arg_desc(a)}!" for a, ok in zip(args, takes))
            lines.append(f"      didn't match because some of the arguments have invalid types: ({marked})")
    return TypeError("\n".join(lines) + "\n")


def check_tensor(fn, value, name="input", position=1):
    if not isinstance(value, Tensor):
        raise not_tensor(fn, value, name, position)


# ---- the legacy constructor ``x.new(...)``

_NEW_SIGNATURES = ["*, torch.device device = None", "torch.Storage storage", "Tensor other",
                   "tuple of ints size, *, torch.device device = None", "object data, *, torch.device device = None"]
# the C++ names PyTorch's TensorOptions prints for a dtype
_CPP_TYPE = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int", "int32": "int",
             "int16": "short int", "int8": "signed char", "uint8": "unsigned char", "bool": "bool",
             "complex64": "c10::complex<float>", "complex128": "c10::complex<double>"}


def new_no_overload(args, keywords=()):
    """``x.new(...)`` with arguments no overload takes: the first overload says why."""
    got = ", ".join([type_name(a) for a in args] + [f"{k}={type_name(v)}" for k, v in keywords])
    lines = [f"new() received an invalid combination of arguments - got ({got}), but expected one of:"]
    for i, text in enumerate(_NEW_SIGNATURES):
        lines.append(f" * ({text})")
        if i == 0 and keywords:
            lines.append("      didn't match because some of the keywords were incorrect: "
                         + ", ".join(k for k, _ in keywords))
        elif i == 0:
            lines.append("      didn't match because some of the arguments have invalid types: ("
                         + ", ".join(f"!{_arg_desc(a)}!" for a in args) + ")")
    return TypeError("\n".join(lines) + "\n")


def new_other_dtype(expected, got):
    """``x.new(other)`` with ``other`` of another dtype."""
    def options(dtype):
        return (f"TensorOptions(dtype={_CPP_TYPE.get(str(dtype).split('.')[-1], dtype)}, device=cpu, layout=Strided, "
                "requires_grad=false (default), pinned_memory=false (default), memory_format=(nullopt))")
    return TypeError(f"expected {options(expected)} (got {options(got)})")
