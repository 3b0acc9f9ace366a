"""Picking entries by index or order: gather, index_select, sort, argsort, topk, tril, triu.
Values, gradients, node names and saved values, second derivatives, and the errors."""

from textwrap import dedent as _d

PROGRAMS = {
    "sel_gather_values_grad_and_node": _d("""\
        x = torch.tensor([[3., 1., 2.], [0., 5., 4.]], requires_grad=True)
        idx = torch.tensor([[0, 2], [1, 1]])
        g = x.gather(1, idx)
        print(g)
        fn = g.grad_fn
        print(fn.name(), len(fn.next_functions), fn.next_functions[0][0].name())
        print(fn._saved_dim, fn._saved_index, fn._saved_sparse_grad, fn._saved_self is not None)
        (g * torch.tensor([[1., 2.], [3., 4.]])).sum().backward()
        print(x.grad)
        print(torch.gather(x, 0, torch.tensor([[1, 0, 1]])))
        print(x.gather(1, torch.tensor([[0, 1, 1, 1]])))
        print(x.gather(1, torch.tensor([[0, 1]], dtype=torch.int32)))
        s = torch.tensor(3., requires_grad=True)
        y = s.gather(0, torch.tensor([0, 0]))
        y.sum().backward()
        print(y, s.grad)
    """),
    "sel_gather_cross_entropy_by_hand": _d("""\
        # The lesson's use: pick each row's log-probability of its label.
        logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], requires_grad=True)
        y = torch.tensor([0, 2])
        picked = logits.log_softmax(1).gather(1, y.unsqueeze(1))
        loss = -picked.mean()
        loss.backward()
        print(picked, loss)
        print(logits.grad)
        print(torch.allclose(loss, F.cross_entropy(logits, y)))
    """),
    "sel_gather_second_derivative": _d("""\
        x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        y = (x.gather(1, torch.tensor([[1, 1], [0, 1]])) ** 3).sum()
        (g,) = torch.autograd.grad(y, x, create_graph=True)
        print(g, g.grad_fn.name())
        g.sum().backward()
        print(x.grad)
    """),
    "sel_index_select": _d("""\
        x = torch.tensor([[3., 1., 2.], [0., 5., 4.]], requires_grad=True)
        s = x.index_select(1, torch.tensor([2, 0, 2]))
        print(s, s.grad_fn._saved_dim, s.grad_fn._saved_index, s.grad_fn._saved_self_sym_sizes)
        print(len(s.grad_fn.next_functions))
        s.sum().backward()
        print(x.grad)
        print(torch.index_select(x, 0, torch.tensor([1, 1])))
        print(x.index_select(1, torch.tensor(1)), x.index_select(0, torch.tensor([1], dtype=torch.int32)))
        (g,) = torch.autograd.grad((x.index_select(0, torch.tensor([0, 0])) ** 2).sum(), x, create_graph=True)
        print(g, g.grad_fn.name())
    """),
    "sel_sort_and_argsort": _d("""\
        x = torch.tensor([[3., 1., 2.], [0., 5., 4.]], requires_grad=True)
        r = x.sort(1)
        print(r)
        print(r.values.grad_fn._saved_dim, r.values.grad_fn._saved_indices, r.values.grad_fn._saved_self_sym_sizes)
        print(r.indices.requires_grad)
        v, i = torch.sort(x, 0, descending=True)
        print(v, i)
        (v * torch.tensor([[1., 2., 3.], [4., 5., 6.]])).sum().backward()
        print(x.grad)
        t = torch.tensor([2., 1., 2., 1., float('nan'), 0.])
        print(t.sort(), t.sort(descending=True), t.sort(stable=True))
        print(t.argsort(), t.argsort(descending=True), torch.argsort(x, dim=0))
        print(torch.tensor([1, 3, 2]).sort(descending=True), torch.tensor([True, False]).sort())
        print(torch.tensor(3.).sort(), torch.tensor([]).sort(), torch.tensor(3.).argsort())
    """),
    "sel_topk": _d("""\
        x = torch.tensor([[3., 1., 2.], [0., 5., 4.]], requires_grad=True)
        r = x.topk(2)
        print(r)
        print(x.topk(2, 1).values.grad_fn._saved_dim, r.values.grad_fn._saved_indices, r.values.grad_fn._saved_self_sym_sizes)
        r.values.sum().backward()
        print(x.grad)
        print(torch.topk(x, 1, dim=0, largest=False))
        print(x.topk(0))
        print(torch.tensor([2., float('nan'), 1.]).topk(2))
        print(torch.tensor(3.).topk(1), torch.tensor([]).topk(0))
    """),
    "sel_tril_triu": _d("""\
        x = torch.arange(1., 10.).reshape(3, 3).requires_grad_()
        lo, up = x.tril(), torch.triu(x, 1)
        print(lo, up)
        print(lo.grad_fn._saved_diagonal, up.grad_fn._saved_diagonal, x.tril(-1), x.triu(5))
        (lo * 2 + up).sum().backward()
        print(x.grad)
        print(torch.ones(2, 2, 3).tril())
        (g,) = torch.autograd.grad((x.triu() ** 2).sum(), x, create_graph=True)
        print(g, g.grad_fn.name())
        # The causal mask of attention: -inf above the diagonal.
        print(torch.zeros(3, 3).masked_fill(torch.ones(3, 3).triu(1) == 1, float('-inf')).softmax(1))
    """),
    "sel_errors": _d("""\
        x = torch.tensor([[3., 1., 2.], [0., 5., 4.]], requires_grad=True)
        for f in [
            lambda: x.gather(1, torch.tensor([[0, 5]])),
            lambda: x.gather(1, torch.tensor([[0, -1]])),
            lambda: x.gather(1, torch.tensor([0, 1])),
            lambda: x.gather(1, torch.tensor([[0, 1], [0, 1], [1, 1]])),
            lambda: x.gather(3, torch.tensor([[0]])),
            lambda: x.gather(1, torch.tensor([[0.]])),
            lambda: x.index_select(1, torch.tensor([[0]])),
            lambda: x.index_select(1, torch.tensor([3])),
            lambda: x.index_select(1, torch.tensor([-1])),
            lambda: x.index_select(1, torch.tensor([0.])),
            lambda: torch.tensor(3.).index_select(0, torch.tensor([0, 0])),
            lambda: x.topk(4),
            lambda: x.topk(-1),
            lambda: x.topk(2, dim=2),
            lambda: x.sort(dim=3),
            lambda: torch.ones(3).tril(),
            lambda: torch.tensor(2.).triu(),
        ]:
            try:
                f()
            except Exception as e:
                print(type(e).__name__, e)
        print(x.grad, torch.is_grad_enabled())
    """),
}
