"""``t.resize(*sizes)``: PyTorch's deprecated out-of-place resize. It warns ("non-inplace resize is
deprecated", a UserWarning from the caller's line), can only change the shape, shares the memory
of a contiguous tensor and records a ``ResizeBackward`` node (a Python autograd.Function in
PyTorch, so its name has no number)."""

from textwrap import dedent as _d

PROGRAMS = {
    "resize_values_and_memory": _d("""\
        x = torch.arange(6.)
        y = x.resize(2, 3)
        print(y, y.grad_fn, y.requires_grad, y.is_leaf, y.shape)
        y[0, 0] = 100.
        print(x)
        print(x.resize(6), x.resize(3, 2).shape, x.resize(1, 6, 1).shape)
        print(torch.tensor(5).resize(1), torch.tensor([7]).resize(1, 1))
        t = torch.arange(6).view(2, 3).t()
        r = t.resize(6)
        r[0] = -1
        print(r, t, r.dtype)
        torch.tensor([7]).resize()  # (no sizes: PyTorch's view() refuses the empty call)
    """),
    "resize_records_resize_backward": _d("""\
        a = torch.arange(6., requires_grad=True)
        b = a.resize(3, 2)
        print(b)
        print(type(b.grad_fn).__name__, b.grad_fn.name(), b.is_leaf, b.grad_fn.next_functions)
        (b * torch.arange(6.).view(3, 2)).sum().backward()
        print(a.grad)
        c = (a * 2).resize(2, 3)
        print(c, c.grad_fn.next_functions[0][0].name())
        c.pow(2).sum().backward()
        print(a.grad)
        with torch.no_grad():
            n = (a * 2).resize(6)
        print(n.grad_fn, n.requires_grad)
    """),
    "resize_warns_at_each_call": _d("""\
        import warnings
        x = torch.ones(4)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            for _ in range(3):
                x.resize(2, 2)
            x.resize(4)
        print([(w.category.__name__, str(w.message)) for w in caught])
        print(x.resize(2, 2).shape)
    """),
    "resize_other_number_of_elements": _d("""\
        x = torch.arange(6.)
        for sizes in [(4,), (2, 2), ((3, 2),), ([6],), (0,)]:
            try:
                x.resize(*sizes)
            except RuntimeError as e:
                print(e)
        torch.zeros(2, 3).resize(7)
    """),
}
