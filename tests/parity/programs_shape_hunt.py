"""Shape, indexing and selection ops called the ways PyTorch treats specially: negative and
repeated dims, 0-d and empty tensors, keys built from lists, byte masks, and the arguments
PyTorch refuses (each refusal printed with its type and message)."""

from textwrap import dedent as _d

_TRY = """\
import warnings
import numpy as np

warnings.simplefilter("always")


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)
"""

PROGRAMS = {
    "hunt_split_and_chunk_arguments": _TRY + _d("""\
        x = torch.arange(12.).reshape(3, 4).requires_grad_()
        for args in [(2,), (-1,), (0,), ([1, -1, 3],), ([1, 3],), (torch.tensor(2), 1)]:
            attempt(f"split{args}", lambda: [t.shape for t in x.split(*args)])
        pieces = x.split([1, 2])
        print([p.grad_fn.name() for p in pieces], pieces[0].grad_fn._saved_split_sizes)
        (pieces[0].sum() * 2 + pieces[1].sum()).backward()
        print(x.grad)
        for args in [(0,), (-1,), (5,), (3, 1)]:
            attempt(f"chunk{args}", lambda: [t.shape for t in x.chunk(*args)])
        attempt("split 0-d", lambda: torch.tensor(1.).split(1))
        attempt("chunk 0-d", lambda: torch.tensor(1.).chunk(1))
        e = torch.zeros(0, 2, requires_grad=True)
        parts = e.chunk(3)
        print([p.shape for p in parts], parts[0].grad_fn.name())
        v = torch.tensor([], requires_grad=True)
        (s,) = v.split(2)
        s.sum().backward()
        print(s, v.grad)
    """),
    "hunt_dims_repeated_or_out_of_range": _TRY + _d("""\
        x = torch.arange(6.).reshape(1, 3, 2).requires_grad_()
        attempt("squeeze((0, 0))", lambda: x.squeeze((0, 0)))
        attempt("permute(0, 0, 1)", lambda: x.permute(0, 0, 1))
        attempt("flip((0, 0))", lambda: x.flip((0, 0)))
        attempt("flip(0, 2)", lambda: x.flip(0, 2))
        attempt("flip(dims=[1])", lambda: x.flip(dims=[1]))
        attempt("movedim((0, 1), (1,))", lambda: x.movedim((0, 1), (1,)))
        attempt("movedim((0, -3), (1, 2))", lambda: x.movedim((0, -3), (1, 2)))
        attempt("movedim((0, 1), (2, 2))", lambda: x.movedim((0, 1), (2, 2)))
        s = torch.tensor(2., requires_grad=True)
        attempt("0-d flatten(1)", lambda: s.flatten(1))
        attempt("0-d flatten(0, -1)", lambda: s.flatten(0, -1))
        attempt("0-d transpose(0, -1)", lambda: s.transpose(0, -1))
        attempt("0-d flip(0)", lambda: s.flip(0))
        attempt("0-d movedim(0, 0)", lambda: s.movedim(0, 0))
        attempt("0-d unbind()", lambda: s.unbind())
        attempt("0-d roll(1, -1)", lambda: s.roll(1, -1))
        attempt("roll((), ())", lambda: x.roll((), ()))
        attempt("1-d mT", lambda: torch.ones(3).mT)
        attempt("repeat(-1, 2)", lambda: torch.ones(2, 3).repeat(-1, 2))
        attempt("reshape(-2, 3)", lambda: torch.ones(2, 3).reshape(-2, 3))
        attempt("reshape(0, -1)", lambda: torch.ones(2, 3).reshape(0, -1))
        attempt("empty reshape(-1, 0)", lambda: torch.ones(0, 3).reshape(-1, 0))
    """),
    "hunt_T_warns_once": _TRY + _d("""\
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            a = torch.ones(3).T
            b = torch.ones(1, 2, 3).T
        print(a.shape, b.shape, len(caught))
    """),
    "hunt_cat_keeps_empty_vectors_and_refuses_0d": _TRY + _d("""\
        a = torch.arange(6.).reshape(2, 3).requires_grad_()
        e = torch.tensor([], requires_grad=True)
        r = torch.cat([a, e], 1)
        print(r.grad_fn.name(), len(r.grad_fn.next_functions))
        (r * torch.arange(6.).reshape(2, 3)).sum().backward()
        print(a.grad, e.grad)
        print(torch.cat([torch.tensor([]), torch.tensor([])]))
        attempt("cat 0-d", lambda: torch.cat([torch.tensor(1.), torch.tensor(2.)]))
        attempt("cat 1-d and 0-d", lambda: torch.cat([torch.ones(2), torch.tensor(2.)]))
        t = torch.arange(6.).reshape(3, 2).t()
        print(torch.cat([t, t]).stride(), torch.cat([t, t]).is_contiguous())
    """),
    "hunt_index_with_lists_as_tuples": _TRY + _d("""\
        x = torch.arange(12.).reshape(3, 4).requires_grad_()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = x[[[0, 1], [2, 0]]]
            print(r, r.grad_fn.name())
            print(x[[torch.tensor(0), torch.tensor(2)]])
            print(x[[0, slice(None)]])
            print(x[[None, 0]].shape)
        print(len(caught), [str(w.message)[-10:] for w in caught])
        r.sum().backward()
        print(x.grad)
        print(x[[]].shape, x[[0.0, 1.9]].shape, x[[True, False, True]].shape)
        y = torch.zeros(3, 4)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            y[[[0, 1], [2, 0]]] = 5.
            attempt("bad value", lambda: y.__setitem__([[0, 1], [2, 0]], torch.ones(4)))
        print(y, len(caught))
    """),
    "hunt_index_byte_masks_and_bad_keys": _TRY + _d("""\
        x = torch.arange(12.).reshape(3, 4).requires_grad_()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = x[torch.tensor([1, 0, 1], dtype=torch.uint8)]
        print(r, [str(w.message) for w in caught])
        print(x[torch.tensor(1, dtype=torch.uint8)].shape, x[torch.tensor(0, dtype=torch.uint8)].shape)
        attempt("float key", lambda: x[1.5])
        attempt("float in tuple", lambda: x[0, 1.5])
        attempt("zero step", lambda: x[::0])
        attempt("mismatched index tensors", lambda: x[torch.tensor([0, 1]), torch.tensor([0, 1, 2])])
        s = torch.tensor(3.)
        attempt("0-d [0]", lambda: s[0])
        attempt("0-d [1]", lambda: s[1])
        attempt("0-d [-1]", lambda: s[-1])
        y = torch.zeros(3, 4)
        attempt("set negative step", lambda: y.__setitem__(slice(None, None, -1), 1.))
        attempt("set zero step", lambda: y.__setitem__((slice(None), slice(None, None, 0)), 1.))
        print(y.sum())
        print(x[:, torch.tensor([0, 3])].stride(), x[..., torch.tensor([True, False, True, False])].is_contiguous())
    """),
    "hunt_index_that_changes_nothing_is_an_alias": _d("""\
        x = torch.arange(6.).reshape(2, 3).requires_grad_()
        for r in [x[...], x[()], x[:, :], x[..., ...], x[:], x[0:2], x[..., 1, ...]]:
            print(r.shape, r.grad_fn.name(), r._base is x)
        s = torch.tensor(1.5, requires_grad=True)
        print(s[...].grad_fn.name(), s[()].grad_fn.name())
        (x[...] * 2).sum().backward()
        print(x.grad)
    """),
    "hunt_masked_fill_node_and_value_gradient": _TRY + _d("""\
        x = torch.arange(6.).reshape(2, 3).requires_grad_()
        v = torch.tensor(10., requires_grad=True)
        mask = torch.tensor([True, False, True])
        r = x.masked_fill(mask, v)
        print(r, r.grad_fn.name(), [f[0] is None or f[0].name() for f in r.grad_fn.next_functions])
        (r * torch.arange(1., 7.).reshape(2, 3)).sum().backward()
        print(x.grad, v.grad)
        q = x.masked_fill(x > 2, 0.)
        print(q.grad_fn.name(), len(q.grad_fn.next_functions), q.grad_fn._saved_mask)
        print(torch.arange(4.).masked_fill(torch.tensor([[True, False, True, False]]), -1.))
        attempt("long mask", lambda: x.masked_fill(torch.tensor([1, 0, 1]), 0.))
        attempt("wrong shape", lambda: x.masked_fill(torch.tensor([True, False]), 0.))
        attempt("1-d value", lambda: x.masked_fill(mask, torch.ones(1)))
        y = x.detach().clone()
        y.masked_fill_(mask, 7)
        print(y)
    """),
    "hunt_selection_arguments": _TRY + _d("""\
        x = torch.tensor([[3., 1., 2.], [1., 5., 0.]], requires_grad=True)
        r = x.topk(torch.tensor(2))
        print(r.values, len(r.values.grad_fn.next_functions))
        print(x.sort(stable=True).values.grad_fn.name(), x.sort(1).values.grad_fn.name(),
              torch.sort(x, stable=False, descending=True).values.grad_fn.name())
        v = torch.tensor([4., 5., 6.], requires_grad=True)
        g = v.gather(0, torch.tensor(1))
        g.backward()
        print(g, v.grad)
        attempt("index_select 1-d", lambda: v.index_select(0, torch.tensor([3])))
        attempt("index_select 0-d", lambda: torch.tensor(1.).index_select(0, torch.tensor([1])))
        attempt("index_select 2-d", lambda: x.index_select(1, torch.tensor([3])))
    """),
}
