"""Shape and indexing ops: reshape/view, squeeze/unsqueeze, transpose/permute, expand/repeat,
cat/stack, split/chunk, narrow, diag/diagonal/diag_embed, trace/roll; indexing with ints,
slices, lists, tensors and masks, select, scatter, masked_fill; negative, repeated and
out-of-range dims and the arguments PyTorch refuses."""

from textwrap import dedent as _d

from ._sources import WARNINGS_ALWAYS_NUMPY, unary, with_graph

PROGRAMS = {}


def _unary(name, *args, **kwargs):
    PROGRAMS[name] = unary(*args, **kwargs)


# ---------------------------------------------------------------- shapes
_unary("shape_reshape", "[[1., 2., 3.], [4., 5., 6.]]", "x.reshape(3, 2)",
       "(y * torch.tensor([[1.], [2.], [3.]])).sum().backward()")

_unary("shape_reshape_minus_one", "[[1., 2., 3.], [4., 5., 6.]]", "x.reshape(-1)")

_unary("shape_view", "[[1., 2.], [3., 4.]]", "x.view(4)",
       "(y * torch.tensor([1., 2., 3., 4.])).sum().backward()")

_unary("shape_view_tuple", "[1., 2., 3., 4., 5., 6.]", "x.view((2, -1))")
_unary("shape_flatten", "[[[1., 2.], [3., 4.]]]", "x.flatten()")
_unary("shape_flatten_start_dim", "[[[1., 2.], [3., 4.]]]", "x.flatten(1)")
_unary("shape_torch_flatten", "[[1., 2.], [3., 4.]]", "torch.flatten(x)")
_unary("shape_squeeze_all", "[[[1.], [2.]]]", "x.squeeze()")
_unary("shape_squeeze_dim", "[[[1.], [2.]]]", "x.squeeze(0)")
_unary("shape_squeeze_noop_dim", "[[1., 2.]]", "x.squeeze(1)")
_unary("shape_unsqueeze0", "[1., 2.]", "x.unsqueeze(0)")
_unary("shape_unsqueeze_neg", "[1., 2.]", "x.unsqueeze(-1)")

_unary("shape_transpose", "[[1., 2., 3.], [4., 5., 6.]]", "x.transpose(0, 1)",
       "(y * torch.tensor([[1., 2.], [3., 4.], [5., 6.]])).sum().backward()")

_unary("shape_t_method", "[[1., 2.], [3., 4.]]", "x.t()",
       "(y * torch.tensor([[1., 2.], [3., 4.]])).sum().backward()")

_unary("shape_T_property", "[[1., 2.], [3., 4.]]", "x.T",
       "(y * torch.tensor([[1., 2.], [3., 4.]])).sum().backward()")

_unary("shape_permute", "[[[1., 2., 3.], [4., 5., 6.]]]", "x.permute(2, 0, 1)")
_unary("shape_expand", "[[1.], [2.]]", "x.expand(2, 3)")
_unary("shape_expand_minus_one", "[[1., 2.]]", "x.expand(3, -1)")
_unary("shape_expand_as", "[1., 2.]", "x.expand_as(torch.zeros(3, 2))")
_unary("shape_repeat", "[1., 2.]", "x.repeat(2)")
_unary("shape_transpose_3d", "[[[1., 2.], [3., 4.]]]", "torch.transpose(x, 0, 2)")

PROGRAMS["shape_view_shares_storage"] = _d("""\
    a = torch.tensor([1., 2., 3., 4.])
    b = a.view(2, 2)
    b[0, 0] = 100.
    print(a)
    print(b.is_contiguous(), b.t().is_contiguous())
""")

PROGRAMS["shape_contiguous_then_view"] = _d("""\
    a = torch.tensor([[1., 2.], [3., 4.]])
    print(a.t().contiguous().view(4))
    print(a.t().reshape(4))
""")

PROGRAMS["shape_cat"] = _d("""\
    a = torch.tensor([[1., 2.]], requires_grad=True)
    b = torch.tensor([[3., 4.], [5., 6.]], requires_grad=True)
    y = torch.cat([a, b])
    print(y)
    print(y.grad_fn.name(), y.grad_fn.next_functions)
    (y * torch.tensor([[1.], [2.], [3.]])).sum().backward()
    print(a.grad)
    print(b.grad)
""")

PROGRAMS["shape_cat_dim1"] = _d("""\
    a = torch.tensor([[1.], [2.]], requires_grad=True)
    b = torch.tensor([[3., 4.], [5., 6.]])
    y = torch.cat((a, b), dim=1)
    print(y)
    y.sum().backward()
    print(a.grad)
""")

PROGRAMS["shape_stack"] = _d("""\
    a = torch.tensor([1., 2.], requires_grad=True)
    b = torch.tensor([3., 4.], requires_grad=True)
    y = torch.stack([a, b])
    print(y)
    print(y.grad_fn.name(), y.grad_fn.next_functions)
    (y * torch.tensor([[1., 2.], [3., 4.]])).sum().backward()
    print(a.grad, b.grad)
""")

PROGRAMS["shape_stack_dim1"] = _d("""\
    a = torch.tensor([1., 2.])
    b = torch.tensor([3., 4.])
    print(torch.stack([a, b], dim=1))
    print(torch.stack((a, b), 1).shape)
""")

PROGRAMS["shape_chain_grad_fns"] = _d("""\
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y = x.t().reshape(-1).unsqueeze(0)
    print(y)
    f = y.grad_fn
    while f is not None:
        print(f.name())
        f = f.next_functions[0][0] if f.next_functions else None
""")

# ---------------------------------------------------------------- indexing
_unary("idx_int", "[1., 2., 3.]", "x[1]", "y.backward()")
_unary("idx_negative_int", "[1., 2., 3.]", "x[-1]", "y.backward()")
_unary("idx_slice", "[1., 2., 3., 4., 5.]", "x[1:4]")
_unary("idx_slice_step", "[1., 2., 3., 4., 5.]", "x[::2]")
_unary("idx_2d_int_int", "[[1., 2.], [3., 4.]]", "x[1, 0]", "y.backward()")
_unary("idx_2d_row", "[[1., 2.], [3., 4.]]", "x[0]")
_unary("idx_2d_column", "[[1., 2.], [3., 4.]]", "x[:, 1]")
_unary("idx_none", "[1., 2.]", "x[None]")
_unary("idx_none_middle", "[[1., 2.], [3., 4.]]", "x[:, None, :]")
_unary("idx_ellipsis", "[[1., 2.], [3., 4.]]", "x[..., 0]")
_unary("idx_int_list", "[10., 20., 30.]", "x[[0, 2]]")
_unary("idx_int_list_repeated", "[10., 20., 30.]", "x[[0, 0, 2, 0]]")
_unary("idx_long_tensor", "[10., 20., 30.]", "x[torch.tensor([2, 1])]")
_unary("idx_bool_mask", "[-1., 2., -3., 4.]", "x[x > 0]")
_unary("idx_bool_mask_2d", "[[1., -2.], [-3., 4.]]", "x[x < 0]")
_unary("idx_bool_list", "[1., 2., 3.]", "x[torch.tensor([True, False, True])]")
_unary("idx_2d_advanced_pairs", "[[1., 2.], [3., 4.]]", "x[[0, 1], [1, 0]]")
_unary("idx_slice_then_int", "[[1., 2., 3.], [4., 5., 6.]]", "x[1:, 2]")

PROGRAMS["idx_setitem_plain"] = _d("""\
    t = torch.zeros(2, 3)
    t[0] = 1.
    t[1, 2] = 5.
    t[:, 0] = torch.tensor([7., 8.])
    print(t)
    t[t > 4] = -1.
    print(t)
""")

PROGRAMS["idx_setitem_on_nonleaf"] = _d("""\
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2
    y[0] = 0.
    print(y)
    print(y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["idx_item_int_of_0d_index"] = _d("""\
    t = torch.tensor([[1, 2], [3, 4]])
    print(t[1][0], t[1, 0].item())
    print(t[torch.tensor(1)])
""")

PROGRAMS["op_trace_roll"] = _d("""\
    x = torch.arange(1., 7.).reshape(2, 3).requires_grad_()
    t = x.trace()
    print(t, t.grad_fn._saved_self_sym_sizes, torch.trace(torch.arange(6).reshape(2, 3)))
    t.backward()
    print(x.grad)
    r = torch.roll(x, 1, 1)
    print(r, r.grad_fn._saved_shifts, r.grad_fn._saved_dims, x.roll(2), x.roll((1, -1), (0, 1)))
    (r * torch.tensor([[1., 2., 3.], [4., 5., 6.]])).sum().backward()
    print(x.grad)
    for f in (lambda: torch.ones(3).trace(), lambda: x.roll(1, (0, 1)), lambda: x.roll((1, 2), 0)):
        try:
            f()
        except RuntimeError as e:
            print(e)
""")

# ------------------------------------------------------------------ dims as 0-d tensors and numpy ints
PROGRAMS["shape_dims_as_tensors_and_numpy_ints"] = with_graph("""\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    one = torch.tensor(1)
    print(x.chunk(2, one))
    print(torch.split(x, 2, np.int64(1)))
    print(x.unbind(one))
    print(x.unsqueeze(np.int64(-1)).squeeze(one).shape, x.unsqueeze(one).grad_fn)
    print(x.transpose(one, np.int32(0)), x.flatten(np.int64(0)))
    print(x.select(np.int64(1), torch.tensor(2)), x.narrow(one, one, 2))
    print(x.gather(one, torch.tensor([[0], [2]])), x.index_select(one, torch.tensor([2, 0])))
    print(x.sort(one, descending=True).values, x.argsort(np.int64(0)), x.topk(torch.tensor(2), np.int64(1)).indices)
    print(x.roll(1, one), x.flip(np.int64(1)), x.movedim(np.int64(1), 0).shape)
    print(torch.cat([x, x], one).shape, torch.stack([x, x], np.int64(2)).shape)
    print(x.diagonal(0, np.int64(0), one), x.cumprod(one))
    attempt("split np", lambda: x.split(np.int64(2), 1))
    attempt("dim out of range", lambda: x.sum(torch.tensor(2)))
    attempt("float tensor dim", lambda: x.sum(torch.tensor(1.)))
""")

PROGRAMS["shape_squeeze_dims_tuple"] = with_graph("""\
    x = torch.ones(1, 2, 1, requires_grad=True)
    for d in [(0, 2), [0, 2], (np.int64(0), 2), (torch.tensor(0),), 0, np.int64(2), torch.tensor(0)]:
        y = x.squeeze(d)
        print(y.shape, y.grad_fn.name(), y.grad_fn._saved_dim, torch.squeeze(x, d).grad_fn.name())
    y = x.squeeze((0, 2))
    (y * torch.tensor([2., 3.])).sum().backward()
    print(x.grad)
""")

# ------------------------------------------------------------------ diag, diagonal, diag_embed
PROGRAMS["shape_diag_vector_and_matrix"] = with_graph("""\
    v = torch.tensor([1., 2., 3.], requires_grad=True)
    d = torch.diag(v)
    print(d, d.grad_fn._saved_offset, d.grad_fn._saved_dim1, d.grad_fn._saved_dim2)
    (d * torch.arange(9.).reshape(3, 3)).sum().backward()
    print(v.grad)
    print(torch.diag(v, 1), v.diag(-2))
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    d = torch.diag(x)
    print(d, d.grad_fn._saved_self_sym_sizes, d._base is None)
    d.sum().backward()
    print(x.grad)
    print(x.diag(1), x.diag(-1), x.diag(5))
    attempt("3-D", lambda: torch.ones(2, 2, 2).diag())
    attempt("0-D", lambda: torch.tensor(1.).diag())
""")

PROGRAMS["shape_diagonal_view"] = with_graph("""\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    d = x.diagonal()
    graph(d.grad_fn)
    print(d, d._base is x)
    (d * torch.tensor([2., 3.])).sum().backward()
    print(x.grad)
    print(torch.diagonal(x, 1), x.diagonal(offset=-1, dim1=1, dim2=0))
    a = torch.arange(24.).reshape(2, 3, 4)
    print(a.diagonal(0, 0, 2), a.diagonal(1, -1, 1).shape)
    b = torch.zeros(3, 3)
    b.diagonal().fill_(7.)
    print(b)
    attempt("1-D", lambda: torch.ones(3).diagonal())
    attempt("same dims", lambda: x.diagonal(0, 1, 1))
""")

PROGRAMS["shape_diag_embed"] = with_graph("""\
    v = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    e = torch.diag_embed(v)
    print(e, e.grad_fn.name())
    e = torch.diag_embed(v, 1, 0, 2)
    print(e.shape, e.grad_fn._saved_offset, e.grad_fn._saved_dim1, e.grad_fn._saved_dim2)
    e.backward(torch.arange(18.).reshape(3, 2, 3))
    print(v.grad)
""")

# ------------------------------------------------------------------ scatter, scatter_add
PROGRAMS["idx_scatter_src_value_add"] = with_graph("""\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    src = torch.tensor([[10., 20., 30.], [40., 50., 60.]], requires_grad=True)
    idx = torch.tensor([[0, 1, 0], [1, 0, 1]])
    y = x.scatter(0, idx, src)
    print(y, y.grad_fn._saved_dim, y.grad_fn._saved_index, len(y.grad_fn.next_functions))
    y.backward(torch.arange(6.).reshape(2, 3))
    print(x.grad, src.grad)
    x.grad = src.grad = None
    y = torch.scatter_add(x, 0, idx, src)
    print(y, y.grad_fn.name(), y.grad_fn._saved_dim)
    y.backward(torch.arange(6.).reshape(2, 3))
    print(x.grad, src.grad)
    x.grad = None
    y = x.scatter(1, torch.tensor([[2], [0]]), 7.5)
    print(y, y.grad_fn.name(), y.grad_fn._saved_index)
    y.sum().backward()
    print(x.grad)
    print(x.scatter(1, torch.tensor([[2], [0]]), src), torch.scatter(x, 1, torch.tensor([[2], [0]]), value=7))
    print(x.scatter(1, torch.tensor([[2], [0]], dtype=torch.int32), src))
    print(torch.zeros(3).scatter_add(0, torch.tensor([0, 0, 2]), torch.tensor([1., 2., 3.])))
    print(torch.tensor(1.).scatter(0, torch.tensor(0), 5.), torch.tensor([1, 2, 3]).scatter(0, torch.tensor([0]), 5))
    c = x.detach().clone()
    print(c.scatter_(1, torch.tensor([[2], [0]]), 7.5), c)
    print(x.detach().clone().scatter_add_(1, torch.tensor([[2, 2], [0, 0]]), src.detach()))
""")

PROGRAMS["idx_scatter_errors"] = with_graph("""\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
    src = torch.tensor([[10., 20., 30.], [40., 50., 60.]])
    attempt("out of bounds", lambda: x.scatter(1, torch.tensor([[3], [0]]), src))
    attempt("negative", lambda: x.scatter_add(1, torch.tensor([[-1], [0]]), src))
    attempt("float index", lambda: x.scatter(1, torch.tensor([[1.], [0]]), src))
    attempt("float index add", lambda: x.scatter_add(1, torch.tensor([[1.], [0]]), src))
    attempt("ndim", lambda: x.scatter(1, torch.tensor([2, 0]), src))
    attempt("too big", lambda: x.scatter(1, torch.tensor([[2, 0, 1, 1]]), src))
    attempt("too big add", lambda: x.scatter_add(1, torch.tensor([[1, 0, 1, 1]]), src))
    attempt("dtype", lambda: x.scatter(1, torch.tensor([[2], [0]]), src.double()))
    attempt("dim", lambda: x.scatter(2, torch.tensor([[1], [0]]), src))
    attempt("0-d src", lambda: x.scatter(1, torch.tensor([[2], [0]]), torch.tensor(7.)))
""")

# ------------------------------------------------------------------ select
PROGRAMS["idx_select"] = with_graph("""\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    s = x.select(1, -1)
    print(s, s.grad_fn._saved_dim, s.grad_fn._saved_index, s.grad_fn._saved_self_sym_sizes, s._base is x)
    print(x[:, -2].grad_fn._saved_index, x.select(0, 1).grad_fn._saved_index)
    torch.select(x, 0, 1).sum().backward()
    print(x.grad)
    attempt("index", lambda: x.select(1, 3))
    attempt("negative index", lambda: torch.select(x, 0, -3))
    attempt("dim", lambda: x.select(2, 0))
    attempt("0-d", lambda: torch.tensor(1.).select(0, 0))
""")

# ------------------------------------------------------------------ narrow
PROGRAMS["shape_narrow_starts_lengths_and_errors"] = with_graph("""\
    x = torch.arange(12.).reshape(3, 4).requires_grad_()
    for args in ((1, 2, 5), (1, -2, 2), (1, -4, 4), (1, 5, 1), (1, -5, 1), (1, 1, -1), (1, 5, -1), (-1, 1, 2),
                 (1, 4, 0), (1, 4, 1), (2, 0, 1), (1, torch.tensor(1), 2), (0, np.int64(1), 2)):
        attempt(str(args), lambda: x.narrow(*args))
    y = torch.narrow(x, -1, -3, 2)
    graph(y.grad_fn)
    y.sum().backward()
    print(x.grad)
    attempt("0-d", lambda: torch.tensor(1.).narrow(0, 0, 1))
""")

# ------------------------------------------------------------------ split/chunk, dims, cat, T: what PyTorch treats specially
# (negative, repeated and out-of-range dims, 0-d and empty tensors) and the arguments it refuses
PROGRAMS["shape_split_and_chunk_arguments"] = WARNINGS_ALWAYS_NUMPY + _d("""\
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
""")

PROGRAMS["shape_dims_repeated_or_out_of_range"] = WARNINGS_ALWAYS_NUMPY + _d("""\
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
""")

PROGRAMS["shape_T_warns_once"] = WARNINGS_ALWAYS_NUMPY + _d("""\
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        a = torch.ones(3).T
        b = torch.ones(1, 2, 3).T
    print(a.shape, b.shape, len(caught))
""")

PROGRAMS["shape_cat_keeps_empty_vectors_and_refuses_0d"] = WARNINGS_ALWAYS_NUMPY + _d("""\
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
""")

# ------------------------------------------------------------------ indexing keys built from lists, byte masks,
# bad keys, masked_fill and the selection ops' arguments
PROGRAMS["idx_lists_as_tuples"] = WARNINGS_ALWAYS_NUMPY + _d("""\
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
""")

PROGRAMS["idx_byte_masks_and_bad_keys"] = WARNINGS_ALWAYS_NUMPY + _d("""\
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
""")

PROGRAMS["idx_that_changes_nothing_is_an_alias"] = _d("""\
    x = torch.arange(6.).reshape(2, 3).requires_grad_()
    for r in [x[...], x[()], x[:, :], x[..., ...], x[:], x[0:2], x[..., 1, ...]]:
        print(r.shape, r.grad_fn.name(), r._base is x)
    s = torch.tensor(1.5, requires_grad=True)
    print(s[...].grad_fn.name(), s[()].grad_fn.name())
    (x[...] * 2).sum().backward()
    print(x.grad)
""")

PROGRAMS["idx_masked_fill_node_and_value_gradient"] = WARNINGS_ALWAYS_NUMPY + _d("""\
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
""")

PROGRAMS["idx_selection_arguments"] = WARNINGS_ALWAYS_NUMPY + _d("""\
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
""")

PROGRAMS["idx_python_range"] = _d("""\
    x = torch.arange(12.).reshape(3, 4).requires_grad_()
    y = torch.tensor([1, 3, 0])
    r = x[range(3), y]
    print(r, r.grad_fn.name())
    r.sum().backward()
    print(x.grad)
    print(x[range(2)], x[range(0)].shape, x[:, range(1, 4, 2)], x[range(-1, -3, -1)])
    attempt("out of range", lambda: x[range(5)])
    logprobs = torch.log_softmax(torch.tensor([[1., 2., 3.], [1., 0., 0.]]), 1)
    print(-logprobs[range(2), torch.tensor([2, 0])].mean())
    z = torch.zeros(3, 3)
    z[range(3), range(3)] = 1.
    print(z)
""")
