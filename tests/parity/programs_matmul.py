"""The matmul family (matmul, mm, mv, dot, @) and einsum: results, grad_fn, gradients, and the
dtypes they refuse."""

from textwrap import dedent as _d

from ._sources import SHOW_DTYPE_SHAPE, with_graph

PROGRAMS = {}


# ---------------------------------------------------------------- matmul
PROGRAMS["mm_1d_1d_dot"] = _d("""\
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    b = torch.tensor([4., 5., 6.], requires_grad=True)
    y = a @ b
    print(y, y.shape)
    print(y.grad_fn.name(), y.grad_fn.next_functions)
    y.backward()
    print(a.grad, b.grad)
""")

PROGRAMS["mm_2d_1d"] = _d("""\
    A = torch.tensor([[1., 2.], [3., 4.], [5., 6.]], requires_grad=True)
    v = torch.tensor([1., -1.], requires_grad=True)
    y = A @ v
    print(y)
    print(y.grad_fn.name(), y.grad_fn.next_functions)
    y.sum().backward()
    print(A.grad)
    print(v.grad)
""")

PROGRAMS["mm_1d_2d"] = _d("""\
    v = torch.tensor([1., 2.], requires_grad=True)
    A = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    y = v @ A
    print(y)
    print(y.grad_fn.name())
    print([None if f is None else f.name() for f, _ in y.grad_fn.next_functions])
    y.sum().backward()
    print(v.grad)
    print(A.grad)
""")

PROGRAMS["mm_2d_2d"] = _d("""\
    A = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    B = torch.tensor([[0., 1.], [1., 0.]], requires_grad=True)
    y = A @ B
    print(y)
    print(y.grad_fn.name(), y.grad_fn.next_functions)
    y.sum().backward()
    print(A.grad)
    print(B.grad)
""")

PROGRAMS["mm_3d_3d_batched"] = _d("""\
    A = torch.tensor([[[1., 2.], [3., 4.]], [[1., 0.], [0., 1.]]], requires_grad=True)
    B = torch.tensor([[[1., 1.], [1., 1.]], [[2., 3.], [4., 5.]]], requires_grad=True)
    y = A @ B
    print(y)
    print(y.shape, y.grad_fn.name())
    y.sum().backward()
    print(A.grad)
    print(B.grad)
""")

PROGRAMS["mm_3d_2d_broadcast"] = _d("""\
    A = torch.tensor([[[1., 2.]], [[3., 4.]]], requires_grad=True)
    W = torch.tensor([[1., 0., 2.], [0., 1., 3.]], requires_grad=True)
    y = A @ W
    print(y)
    print(y.shape)
    y.sum().backward()
    print(A.grad)
    print(W.grad)
""")

PROGRAMS["mm_matmul_function"] = _d("""\
    a = torch.tensor([[1., 2.]], requires_grad=True)
    b = torch.tensor([[3.], [4.]])
    y = torch.matmul(a, b)
    print(y, y.grad_fn.name())
    y.backward()
    print(a.grad)
""")

PROGRAMS["mm_mm_function"] = _d("""\
    a = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    b = torch.tensor([[1.], [1.]], requires_grad=True)
    y = torch.mm(a, b)
    print(y)
    print(y.grad_fn, y.grad_fn.next_functions)
    y.sum().backward()
    print(a.grad, b.grad, sep="\\n")
""")

PROGRAMS["mm_mv_function"] = _d("""\
    a = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    v = torch.tensor([2., 1.], requires_grad=True)
    y = torch.mv(a, v)
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(a.grad, v.grad, sep="\\n")
""")

PROGRAMS["mm_dot_function"] = _d("""\
    a = torch.tensor([1., 2.], requires_grad=True)
    b = torch.tensor([3., 4.], requires_grad=True)
    y = torch.dot(a, b)
    print(y, y.grad_fn.name())
    y.backward()
    print(a.grad, b.grad)
    print(a.dot(b))
""")

PROGRAMS["mm_method_forms"] = _d("""\
    a = torch.tensor([[1., 2.], [3., 4.]])
    v = torch.tensor([1., 1.])
    print(a.matmul(a))
    print(a.mm(a))
    print(a.mv(v))
    print(v.matmul(v))
""")

PROGRAMS["mm_int_tensors"] = _d("""\
    a = torch.tensor([[1, 2], [3, 4]])
    print(a @ a)
    print((a @ a).dtype)
""")

PROGRAMS["mm_transpose_weight"] = _d("""\
    X = torch.tensor([[1., 2.], [3., 4.], [5., 6.]])
    w = torch.tensor([[0.5, -1.]], requires_grad=True)
    y = X @ w.T
    print(y)
    print(y.grad_fn.next_functions)
    y.sum().backward()
    print(w.grad)
""")

# ------------------------------------------------------------------ einsum
for _i, (_eq, _ops) in enumerate([
    ("ij,jk->ik", "x, x.t()"),
    ("i,i->", "v, v"),
    ("ij->ji", "x,"),
    ("bij,bjk->bik", "b1, b2"),
    ("ii->i", "m,"),
    ("ii", "m,"),
    ("ij,jk", "x, x.t()"),
    ("ij,j->i", "x, v"),
    ("i,j->ij", "v, v"),
    ("ij->j", "x,"),
    ("ij,ij->", "x, x"),
    ("ij,kj->ik", "x, x"),
    ("...ij->...ji", "b1,"),
    ("bij,bkj->bik", "b1, b1"),
    ("ij,jk,kl->il", "x, x.t(), x"),
    ("i,i", "v, v"),
]):
    _name = "einsum_" + "".join(c if c.isalpha() else {",": "_", ">": "to", ".": "e"}.get(c, "") for c in _eq)
    PROGRAMS[_name] = with_graph(f"""\
        x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
        v = torch.tensor([1., 2., 3.], requires_grad=True)
        m = torch.tensor([[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]], requires_grad=True)
        b1 = torch.arange(12.).reshape(2, 2, 3).requires_grad_()
        b2 = torch.arange(12.).reshape(2, 3, 2).div(4).requires_grad_()
        y = torch.einsum({_eq!r}, {_ops})
        print(y, y.is_contiguous(), y.stride())
        graph(y.grad_fn)
        y.backward(torch.ones_like(y) * 2)
        for t in (x, v, m, b1, b2):
            print(t.grad)
    """)

PROGRAMS["einsum_forms_and_errors"] = with_graph("""\
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
    print(torch.einsum('ij,jk->ik', [x, x.t()]), torch.einsum('ij, jk -> ik', x, x.t()))
    print(torch.einsum('i,i->', torch.tensor([1, 2]), torch.tensor([3, 4])))
    print(torch.einsum('Ab,bA->A', x, x.t()), torch.einsum('ba', x))
    attempt("sizes", lambda: torch.einsum('ij,jk->ik', x, x))
    attempt("fewer", lambda: torch.einsum('ij,jk->ik', x))
    attempt("more", lambda: torch.einsum('ij->ij', x, x))
    attempt("dims", lambda: torch.einsum('ijk', x))
    attempt("dtypes", lambda: torch.einsum('i,i->', torch.tensor([1, 2]), torch.tensor([3., 4])))
    attempt("repeated output", lambda: torch.einsum('ij->ii', x))
    attempt("unknown output", lambda: torch.einsum('ij->k', x))
    attempt("diagonal sizes", lambda: torch.einsum('ii->i', x))
""")

PROGRAMS["matmul_family_mixed_dtypes_refused"] = SHOW_DTYPE_SHAPE + _d("""\
    d, L = torch.float64, torch.int64
    f2, d2 = torch.ones(2, 3), torch.ones(2, 3, dtype=d)
    show(lambda: torch.mm(f2, torch.ones(3, 4, dtype=d)))
    show(lambda: d2.mm(torch.ones(3, 4)))
    show(lambda: torch.mm(torch.ones(2, 3, dtype=L), torch.ones(3, 4)))
    for dt in (torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool, torch.float16):
        show(lambda: torch.mm(torch.ones(2, 3, dtype=dt), torch.ones(3, 4)))
    show(lambda: torch.mm(d2, torch.ones(5, 4)))
    show(lambda: torch.mv(f2, torch.ones(3, dtype=d)))
    show(lambda: torch.mv(d2, torch.ones(3)))
    show(lambda: torch.mv(torch.ones(2, 3, dtype=torch.int32), torch.ones(3, dtype=L)))
    show(lambda: torch.mv(d2, torch.ones(5)))
    show(lambda: torch.dot(torch.ones(3), torch.ones(3, dtype=d)))
    show(lambda: torch.bmm(torch.ones(2, 2, 3), torch.ones(2, 3, 4, dtype=d)))
    show(lambda: torch.bmm(torch.ones(2, 2, 3, dtype=d), torch.ones(2, 3, 4)))
    show(lambda: torch.bmm(torch.ones(2, 2, 3, dtype=L), torch.ones(2, 3, 4)))
    show(lambda: torch.bmm(torch.ones(2, 2, 3, dtype=d), torch.ones(2, 5, 4)))
    show(lambda: torch.addmm(torch.ones(4), torch.ones(2, 3), torch.ones(3, 4, dtype=d)))
    show(lambda: torch.addmm(torch.ones(4), torch.ones(2, 3, dtype=d), torch.ones(3, 4)))
    show(lambda: torch.addmm(torch.ones(4, dtype=d), torch.ones(2, 3), torch.ones(3, 4)))
    show(lambda: torch.addmm(torch.ones(4, dtype=L), torch.ones(2, 3), torch.ones(3, 4)))
    show(lambda: torch.addmm(torch.ones(4, dtype=d), torch.ones(2, 3, dtype=d), torch.ones(3, 4)))
    show(lambda: torch.addmm(torch.ones(4), torch.ones(2, 3, dtype=d), torch.ones(5, 4)))
    show(lambda: torch.addmm(torch.ones(3), torch.ones(2, 3, dtype=d), torch.ones(3, 4)))
    show(lambda: torch.ones(3) @ torch.ones(3, dtype=d))
    show(lambda: f2 @ torch.ones(3, dtype=d))
    show(lambda: torch.ones(2, dtype=d) @ f2)
    show(lambda: f2 @ torch.ones(3, 4, dtype=d))
    show(lambda: torch.ones(5, 2, 3) @ torch.ones(3, 4, dtype=d))
    show(lambda: torch.ones(5, 2, 3, dtype=d) @ torch.ones(3, 4))
    show(lambda: torch.ones(5, 2, 3) @ torch.ones(3, dtype=d))
    show(lambda: f2 @ torch.ones(5, 3, 4, dtype=d))
    show(lambda: torch.ones(3) @ torch.ones(5, 3, 4, dtype=d))
    show(lambda: torch.ones(5, 2, 3) @ torch.ones(5, 3, 4, dtype=d))
    show(lambda: torch.ones(5, 2, 3, dtype=torch.int32) @ torch.ones(5, 3, 4, dtype=L))
    show(lambda: f2 @ torch.ones(5, 4, 4, dtype=d))
    show(lambda: torch.ones(5, 2, 3) @ torch.ones(5, 4, 4, dtype=d))
    show(lambda: f2 @ torch.ones(5, 3, 4))
    show(lambda: torch.ones(3) @ torch.ones(5, 3, 4))
""")

PROGRAMS["matmul_family_bool_refused"] = SHOW_DTYPE_SHAPE + _d("""\
    B = torch.bool
    show(lambda: torch.ones(2, dtype=B) @ torch.ones(2, dtype=B))
    show(lambda: torch.ones(2, 2, dtype=B) @ torch.ones(2, 2, dtype=B))
    show(lambda: torch.ones(2, 2, dtype=B) @ torch.ones(2, dtype=B))
    show(lambda: torch.ones(2, dtype=B) @ torch.ones(2, 2, dtype=B))
    show(lambda: torch.ones(3, 2, 2, dtype=B) @ torch.ones(3, 2, 2, dtype=B))
    show(lambda: torch.ones(3, 2, 2, dtype=B) @ torch.ones(2, 2, dtype=B))
    show(lambda: torch.ones(3, 2, 2, dtype=B) @ torch.ones(3, 2, 2))
    show(lambda: torch.bmm(torch.ones(3, 2, 2), torch.ones(3, 2, 2, dtype=B)))
    show(lambda: torch.mv(torch.ones(2, 2, dtype=B), torch.ones(2, dtype=B)))
    show(lambda: torch.mv(torch.ones(2, 2), torch.ones(2, dtype=B)))
    show(lambda: torch.dot(torch.ones(2, dtype=B), torch.ones(2)))
    show(lambda: torch.addmm(torch.ones(2, dtype=B), torch.ones(2, 2, dtype=B), torch.ones(2, 2, dtype=B)))
    show(lambda: F.linear(torch.ones(2, 2, dtype=B), torch.ones(2, 2, dtype=B), torch.ones(2, dtype=B)))
    show(lambda: F.linear(torch.ones(2, 2, dtype=B), torch.ones(2, 2, dtype=B)))
    show(lambda: torch.ones(2, 2, dtype=torch.int8) @ torch.ones(2, 2, dtype=torch.int8))
    show(lambda: torch.ones(2, dtype=torch.int16) @ torch.ones(2, dtype=torch.int16))
""")

PROGRAMS["mm_out"] = _d("""\
    a, b = torch.ones(2, 3), torch.arange(6.).reshape(3, 2)
    m = torch.empty(2, 2)
    r = torch.matmul(a, b, out=m)
    print(r, r is m, m._version)
    print(torch.mm(a, b, out=m))
    e = torch.empty(0)
    print(torch.matmul(a, b, out=e).shape)
    attempt("long out", lambda: torch.matmul(a, b, out=torch.empty(2, 2, dtype=torch.int64)))
    attempt("double out", lambda: torch.matmul(a, b, out=torch.empty(2, 2, dtype=torch.float64)))
    attempt("mm double out", lambda: torch.mm(a, b, out=torch.empty(2, 2, dtype=torch.float64)))
    attempt("requires grad", lambda: torch.matmul(a.requires_grad_(), b, out=m))
    attempt("mm requires grad", lambda: torch.mm(a, b, out=m))
    a.requires_grad_(False)
    print(torch.matmul(a, b, out=torch.empty(5)).shape)
""")
