#!/usr/bin/env python
"""Record the Python signatures of PyTorch's C++ bindings into ``autograd_lab/parity/signatures.py``.

For every public function of ``autograd_lab``'s torch namespace that PyTorch implements as a C++
binding (plus ``torch.nn.functional.linear``), this calls the real torch function with arguments
no overload takes and reads what its argument parser says:

* several overloads: the `` * (...)`` lines of "received an invalid combination of arguments",
  exactly as PyTorch prints them;
* one overload: PyTorch never prints it, so it is rebuilt from the parser's single-signature
  errors (each argument's name and type, which are required, the keyword-only ones, which take
  None). An optional argument that takes None is written ``= None``, as PyTorch prints it; a
  default that no error shows is written ``= ...``.

It also records two facts the printed signatures do not show: which functions let Python numbers
stand for Tensor arguments (``torch.add(1, t)``), and which ``tuple of ints`` arguments refuse a
single int (``torch.flip(t, 0)``; ``torch.sum(t, 0)`` takes one).

Usage::

    .venv/bin/python scripts/record_signatures.py           # rewrite the module
    .venv/bin/python scripts/record_signatures.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import inspect
import os
import pprint
import re
import sys
import types
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "autograd_lab", "parity", "signatures.py")
sys.path.insert(0, ROOT)

# Keyword-only arguments a one-overload binding may have: tried one by one, since the parser
# only names an argument when it refuses its value.
KEYWORD_CANDIDATES = (
    "out", "dtype", "layout", "device", "pin_memory", "requires_grad", "memory_format", "generator",
    "alpha", "beta", "rounding_mode", "keepdim", "as_tuple", "correction", "decimals", "names",
    "stable", "descending", "approximate", "sparse_grad", "implicit", "force", "include_self", "output_size",
)


class _Unaccepted:
    """A value no parameter type accepts."""


BAD = _Unaccepted()
BAD_NAME = type(BAD).__name__


def _sample(torch, type_name):
    """A value the parser accepts for a parameter of this printed type (None: unknown type)."""
    samples = {
        "Tensor": lambda: torch.ones(1),
        "int": lambda: 0,
        "float": lambda: 1.0,
        "Number": lambda: 1,
        "bool": lambda: False,
        "tuple of ints": lambda: [0],
        "torch.dtype": lambda: torch.float32,
        "tuple of Tensors": lambda: [torch.ones(1)],
        "torch.memory_format": lambda: torch.preserve_format,
        "torch.layout": lambda: torch.strided,
        "torch.device": lambda: torch.device("cpu"),
        "str": lambda: "floor",
        "torch.Generator": lambda: torch.Generator(),
        "object": lambda: 0,
    }
    make = samples.get(type_name)
    return None if make is None else make()


def _error(fn, *args, **kwargs):
    """The message ``fn`` raises for these arguments ('' when it returns)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001  (any error tells us the parser let the call through)
        return f"{type(e).__name__}: {e}"
    return ""


def _is_parser_error(name, message):
    return message.startswith(f"TypeError: {name}()") or message.startswith("TypeError: expected Tensor as element")


def _printed_overloads(name, message):
    """The overload lines of "received an invalid combination" (None for another message), and
    whether PyTorch parses hidden overloads too (one printed after "but expected (...)")."""
    first = message.split("\n", 1)[0]
    if "received an invalid combination of arguments" not in first:
        return None, False
    if first.endswith("but expected one of:"):
        return [line[3:] for line in message.split("\n") if line.startswith(" * (")], False
    return [first[first.index(", but expected (") + len(", but expected "):]], True


def _probe_single(torch, name, fn):
    """Rebuild the one signature of ``fn`` from its single-signature errors."""
    required = []
    m = re.search(r'missing \d+ required positional arguments?: (.*)$', _error(fn))
    if m:
        required = re.findall(r'"(\w+)"', m.group(1))
    params, samples = [], []
    while True:
        message = _error(fn, *samples, BAD)
        m = re.search(rf"argument '(\w+)' \(position (\d+)\) must be (.+), not {BAD_NAME}$", message)
        if m:
            param_name, type_name = m.group(1), m.group(3)
        elif len(params) < len(required) and not _is_parser_error(name, message):
            # a required argument the parser takes whatever it is (torch.tensor's data): PyTorch's
            # PyObject*, which it prints as "object"
            param_name, type_name = required[len(params)], "object"
        else:
            break
        params.append((param_name, type_name))
        sample = _sample(torch, type_name)
        if sample is None:
            return None
        samples.append(sample)
    if [n for n, _ in params if n in required] != required:
        return None  # (an argument that takes any object: nothing to rebuild it from)
    required_samples = [s for (n, _), s in zip(params, samples) if n in required]
    keyword_only = []
    for kw in KEYWORD_CANDIDATES:
        if kw in (n for n, _ in params):
            continue
        m = re.search(rf"argument '{kw}' must be (.+), not {BAD_NAME}$", _error(fn, *required_samples, **{kw: BAD}))
        if m:
            keyword_only.append((kw, m.group(1)))

    def takes_none(param_name):
        message = _error(fn, *required_samples, **{param_name: None})
        return f"argument '{param_name}'" not in message or "not NoneType" not in message

    def text(param_name, type_name):
        if param_name in required:
            return f"{type_name} {param_name}"
        # (the parser takes None for an optional argument exactly when its default is None)
        return f"{type_name} {param_name} = {'None' if takes_none(param_name) else '...'}"

    parts = [text(*p) for p in params]
    if keyword_only:
        parts += ["*"] + [text(*p) for p in keyword_only]
    return "(" + ", ".join(parts) + ")"


def _split(signature):
    """[(type, name, optional, keyword_only)] of a printed signature."""
    out, keyword_only = [], False
    for part in signature[1:-1].split(", ") if signature != "()" else []:
        if part == "*":
            keyword_only = True
            continue
        decl, _, default = part.partition(" = ")
        type_name, _, param_name = decl.rpartition(" ")
        out.append((type_name, param_name, bool(default), keyword_only))
    return out


def _call_for(torch, overload, replace=None):
    """Positional and keyword arguments that satisfy ``overload``'s required parameters (None when
    a type has no sample). ``replace``: {name: value} given by keyword instead of the sample."""
    args, kwargs = [], {}
    replace = replace or {}
    for type_name, param_name, optional, keyword_only in overload:
        if param_name in replace:
            kwargs[param_name] = replace[param_name]
            continue
        if optional:
            continue
        sample = _sample(torch, type_name)
        if sample is None:
            return None
        if keyword_only:
            kwargs[param_name] = sample
        else:
            args.append(sample)
    return args, kwargs


def _numbers_as_tensors(torch, name, fn, overloads):
    """Whether the parser lets a Python number stand for the Tensor arguments of ``fn``."""
    for overload in overloads:
        call = _call_for(torch, overload)
        if call is None:
            continue
        args, kwargs = call
        # (not where another overload takes a number anyway: linspace's Number start)
        tensors = [i for i, a in enumerate(args) if isinstance(a, torch.Tensor)
                   and not any(i < len(o) and o[i][0] in ("Number", "float", "int") for o in overloads)]
        if not tensors:
            continue
        for i in tensors:
            args[i] = 1.5
        if not _is_parser_error(name, _error(fn, *args, **kwargs)):
            return True
    return False


def _single_int_refused(torch, name, fn, overloads):
    """The ``tuple of ints`` parameters of ``fn`` that no overload lets a single int fill."""
    refused, accepted = set(), set()
    for overload in overloads:
        for type_name, param_name, _, _ in overload:
            if type_name != "tuple of ints":
                continue
            call = _call_for(torch, overload, {param_name: 0})
            if call is None:
                accepted.add(param_name)
                continue
            if _is_parser_error(name, _error(fn, *call[0], **call[1])):
                refused.add(param_name)
            else:
                accepted.add(param_name)
    return sorted(refused - accepted)


def bound_functions():
    """{name: torch function} for the C++ bindings autograd_lab exposes as torch functions."""
    import torch
    import autograd_lab

    out = {}
    for name, value in vars(autograd_lab).items():
        if name.startswith("_") or not callable(value) or isinstance(value, type):
            continue
        theirs = getattr(torch, name, None)
        if isinstance(theirs, types.BuiltinFunctionType):
            out[name] = theirs
    out["linear"] = torch.nn.functional.linear
    return dict(sorted(out.items()))


def bound_methods():
    """{name: a callable that calls that method of a fresh tensor} for the Tensor methods that
    autograd_lab has and PyTorch implements as C++ bindings (a fresh tensor each call, so that an
    in-place method probed once does not change the next probe's tensor)."""
    import torch
    import autograd_lab

    def method(name):
        return lambda *args, **kwargs: getattr(torch.ones(1), name)(*args, **kwargs)

    out = {}
    for name in dir(autograd_lab.Tensor):
        if name.startswith("_") or not callable(getattr(autograd_lab.Tensor, name, None)):
            continue
        if type(getattr(torch.Tensor, name, None)).__name__ == "method_descriptor":
            out[name] = method(name)
    return out


def _none_taken(torch, name, fn, overloads):
    """The arguments of ``fn`` printed with a default other than None that take None all the same
    (PyTorch prints ``bool? requires_grad=False`` as ``bool requires_grad = False``)."""
    taken = set()
    for overload in overloads:
        for type_name, param_name, optional, _ in overload:
            if not optional or param_name in taken:
                continue
            call = _call_for(torch, overload, {param_name: None})
            if call is not None and not _is_parser_error(name, _error(fn, *call[0], **call[1])):
                taken.add(param_name)
    return sorted(taken)


def record_bindings(torch, bindings):
    """(signatures, hidden, numbers, refused, none_taken) of these {name: callable} bindings."""
    signatures, hidden, numbers, refused, none_taken = {}, [], [], {}, {}
    for name, fn in bindings.items():
        message = _error(fn, *[BAD] * 12)
        overloads, has_hidden = _printed_overloads(name, message)
        if overloads is None:
            if not re.search(r"\(\) takes (from \d+ to )?\d+ positional arguments?", message):
                continue  # (a hand-written binding, not the argument parser)
            single = _probe_single(torch, name, fn)
            if single is None:
                continue
            overloads = [single]
        signatures[name] = overloads
        if has_hidden:
            hidden.append(name)
        split = [_split(s) for s in overloads]
        if _numbers_as_tensors(torch, name, fn, split):
            numbers.append(name)
        no_single = _single_int_refused(torch, name, fn, split)
        if no_single:
            refused[name] = tuple(no_single)
        # (a rebuilt single overload already says ``= None`` for every argument that takes None)
        takes_none = [p for p in _none_taken(torch, name, fn, split)
                      if any(f"{p} = None" not in s and f" {p} = " in s for s in overloads)]
        if takes_none:
            none_taken[name] = tuple(takes_none)
    return signatures, hidden, numbers, refused, none_taken


def record():
    import torch

    return torch.__version__, record_bindings(torch, bound_functions()), record_bindings(torch, bound_methods())


HEADER = '''\
"""The Python signatures of PyTorch {version}'s C++ bindings that autograd_lab mirrors.

GENERATED by scripts/record_signatures.py from real PyTorch's argument-parser errors: do not
edit. Regenerate with ``.venv/bin/python scripts/record_signatures.py``.

SIGNATURES: name -> its overloads as PyTorch prints them (a one-overload function is rebuilt from
its errors; ``= ...`` marks a default, not None, that no error shows; ``object``: any value, as
torch.tensor's data). ``parity.arg_errors`` reads these. NONE_TAKEN: the arguments that also take None
though their printed default is not None (PyTorch drops the ``?`` of ``bool? requires_grad=False``).
The METHOD_ tables say the same of the Tensor methods (``t.roll(...)``: no ``input``, it is the
tensor itself).
"""

'''


def render(version, functions, methods):
    def block(title, value, comment):
        return f"# {comment}\n{title} = {pprint.pformat(value, width=100, sort_dicts=True)}\n"

    def blocks(prefix, what, signatures, hidden, numbers, refused, none_taken):
        return [
            block(prefix + "SIGNATURES", signatures, "name -> overloads, in the order the parser tries them"),
            block(prefix + "HIDDEN_OVERLOADS", tuple(sorted(hidden)),
                  f"{what} that also have overloads PyTorch never prints (so one printed is not one parsed)"),
            block(prefix + "NUMBERS_AS_TENSORS", tuple(sorted(numbers)),
                  f"{what} whose Tensor arguments also take a Python number"),
            block(prefix + "SINGLE_INT_REFUSED", refused,
                  "name -> its `tuple of ints` arguments that do not take a single int"),
            block(prefix + "NONE_TAKEN", none_taken,
                  "name -> its arguments printed with a default other than None that also take None"),
        ]

    return HEADER.format(version=version) + "\n".join(
        blocks("", "functions", *functions) + blocks("METHOD_", "methods", *methods))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if the module is out of date")
    args = ap.parse_args(argv)
    text = render(*record())
    if args.check:
        with open(OUTPUT, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{OUTPUT} is out of date: run scripts/record_signatures.py", file=sys.stderr)
                return 1
        print(f"{OUTPUT} is up to date")
        return 0
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
