"""Tensor creation, factories, dtypes, attributes, python protocols, promotion."""

from textwrap import dedent as _d

PROGRAMS = {
    "t_sum_to_size": _d("""\
        a = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
        print(a.sum_to_size(3), a.sum_to_size(2, 1), a.sum_to_size(1, 3), a.sum_to_size(2, 3) is a)
        with torch.no_grad():
            print(a.sum_to_size(1), a.sum_to_size(2, 1), a.sum_to_size(1, 1).shape)
        print(torch.tensor([[1, 2], [3, 4]]).sum_to_size(2))
        for size in ((4,), (2, 3, 1), (4, 3), (2,)):
            try:
                a.sum_to_size(size)
            except RuntimeError as e:
                print(e)
    """),
    # ------------------------------------------------------------ torch.tensor
    "tensor_float_list": _d("""\
        t = torch.tensor([1.0, 2.5, -3.0])
        print(t)
        print(t.dtype, t.shape, t.requires_grad, t.is_leaf, t.grad_fn)
    """),
    "tensor_int_scalar_list_is_int64": _d("""\
        t = torch.tensor([3])
        print(t, t.dtype)
        print(t.shape, t.dim())
    """),
    "tensor_int_list_default_dtype": _d("""\
        t = torch.tensor([1, 2, 3])
        print(t)
        print(t.dtype, t.dtype == torch.long, t.dtype == torch.int64)
    """),
    "tensor_mixed_int_float_list": _d("""\
        t = torch.tensor([1, 2.5, 3])
        print(t, t.dtype)
    """),
    "tensor_nested_lists": _d("""\
        t = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
        print(t)
        print(t.shape, t.size(), t.size(0), t.size(1), t.size(-1))
        print(t.dim(), t.ndim, t.numel(), len(t))
    """),
    "tensor_3d_nested": _d("""\
        t = torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
        print(t)
        print(t.shape, t.ndim)
    """),
    "tensor_bool_list": _d("""\
        t = torch.tensor([True, False, True])
        print(t, t.dtype)
        print(t.sum(), t.sum().dtype)
    """),
    "tensor_python_scalar_float": _d("""\
        t = torch.tensor(3.5)
        print(t, t.dtype, t.shape, t.dim(), t.numel())
        print(t.item(), type(t.item()).__name__)
    """),
    "tensor_python_scalar_int": _d("""\
        t = torch.tensor(7)
        print(t, t.dtype, t.shape)
        print(t.item(), type(t.item()).__name__)
    """),
    "tensor_python_scalar_bool": _d("""\
        t = torch.tensor(True)
        print(t, t.dtype, t.item())
    """),
    "tensor_explicit_dtype": _d("""\
        a = torch.tensor([1, 2], dtype=torch.float32)
        b = torch.tensor([1.7, -2.7], dtype=torch.int64)
        c = torch.tensor([1, 2], dtype=torch.float64)
        print(a, a.dtype)
        print(b, b.dtype)
        print(c, c.dtype)
    """),
    "tensor_requires_grad_kwarg": _d("""\
        t = torch.tensor([1., 2.], requires_grad=True)
        print(t)
        print(t.requires_grad, t.is_leaf, t.grad, t.grad_fn)
    """),
    "tensor_copy_construct_warning": _d("""\
        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor(a)
        print(b, b.requires_grad, b.is_leaf)
    """),
    "tensor_from_numpy_array_copies": _d("""\
        import numpy as np
        arr = np.array([[1, 2], [3, 4]])
        t = torch.tensor(arr)
        arr[0, 0] = 100
        print(t, t.dtype)
        print(torch.tensor(np.float32(2.5)), torch.tensor(np.array(3.0)))
    """),
    "tensor_empty_list": _d("""\
        t = torch.tensor([])
        print(t, t.shape, t.dtype, t.numel())
    """),
    "tensor_from_tensor_list_of_scalars": _d("""\
        t = torch.tensor([torch.tensor(1.), torch.tensor(2.)])
        print(t)
    """),
    "dtype_aliases": _d("""\
        print(torch.float32 == torch.float, torch.float64 == torch.double)
        print(torch.int64 == torch.long)
        print(torch.float, torch.double, torch.long, torch.bool)
        print(torch.float32, torch.float64, torch.int64)
        print(repr(torch.float32), str(torch.int64))
    """),
    "dtype_properties": _d("""\
        print(torch.float32.is_floating_point, torch.int64.is_floating_point)
        print(torch.bool.is_floating_point, torch.float64.is_floating_point)
        print(torch.tensor([1.]).is_floating_point(), torch.tensor([1]).is_floating_point())
    """),
    # ------------------------------------------------------------ factories
    "as_tensor_from_list": _d("""\
        t = torch.as_tensor([1, 2, 3])
        print(t, t.dtype)
        u = torch.as_tensor([1, 2], dtype=torch.float32)
        print(u)
        v = torch.as_tensor(u)
        print(v is u)
    """),
    "from_numpy_shares_memory": _d("""\
        import numpy as np
        a = np.array([1.0, 2.0, 3.0])
        t = torch.from_numpy(a)
        print(t, t.dtype)
        a[0] = 10.0
        print(t)
        t[1] = 20.0
        print(a)
    """),
    "from_numpy_dtypes": _d("""\
        import numpy as np
        print(torch.from_numpy(np.array([1, 2], dtype=np.int64)).dtype)
        print(torch.from_numpy(np.array([1, 2], dtype=np.float32)).dtype)
        print(torch.from_numpy(np.array([True, False])).dtype)
        print(torch.from_numpy(np.zeros((2, 3))).shape)
    """),
    "as_tensor_numpy_shares_memory": _d("""\
        import numpy as np
        a = np.array([1., 2.])
        t = torch.as_tensor(a)
        a[1] = 5.
        print(t)
        u = torch.tensor(a)
        a[0] = -1.
        print(t, u)
    """),
    "numpy_method_shares_memory": _d("""\
        t = torch.tensor([1., 2., 3.])
        a = t.numpy()
        print(type(a).__name__, a, a.dtype)
        t.add_(1)
        print(a)
    """),
    "ones_zeros": _d("""\
        print(torch.ones(2, 3))
        print(torch.zeros(3))
        print(torch.ones((2, 2)))
        print(torch.zeros([1, 2]))
        print(torch.ones(2, dtype=torch.int64))
    """),
    "ones_requires_grad": _d("""\
        t = torch.ones(2, 2, requires_grad=True)
        print(t)
        print(t.is_leaf, t.grad_fn)
    """),
    "ones_like_zeros_like": _d("""\
        x = torch.tensor([[1., 2.], [3., 4.]])
        print(torch.ones_like(x))
        print(torch.zeros_like(x))
        i = torch.tensor([1, 2, 3])
        print(torch.ones_like(i), torch.zeros_like(i, dtype=torch.float32))
    """),
    "like_does_not_copy_requires_grad": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        print(torch.zeros_like(x).requires_grad, torch.ones_like(x).requires_grad)
        print(torch.zeros_like(x, requires_grad=True).requires_grad)
    """),
    "full": _d("""\
        print(torch.full((2, 3), 7.0))
        print(torch.full((2,), 7))
        print(torch.full((2,), 7).dtype)
        print(torch.full((1, 2), True))
    """),
    "empty_shape_and_dtype": _d("""\
        e = torch.empty(2, 3)
        print(e.shape, e.dtype)
        f = torch.empty((4,), dtype=torch.int64)
        print(f.shape, f.dtype, f.numel())
    """),
    "eye": _d("""\
        print(torch.eye(3))
        print(torch.eye(2, 3))
    """),
    "arange_variants": _d("""\
        print(torch.arange(5))
        print(torch.arange(1, 4))
        print(torch.arange(0, 10, 3))
        print(torch.arange(0, 1, 0.25))
        print(torch.arange(5).dtype, torch.arange(0., 2.).dtype)
        print(torch.arange(3, dtype=torch.float32))
    """),
    "linspace": _d("""\
        print(torch.linspace(0, 1, 5))
        print(torch.linspace(-1, 1, steps=3))
        print(torch.linspace(0, 10, 5).dtype)
    """),
    "legacy_constructors": _d("""\
        a = torch.FloatTensor([1, 2])
        b = torch.DoubleTensor([1, 2])
        c = torch.LongTensor([1, 2])
        print(a, a.dtype)
        print(b, b.dtype)
        print(c, c.dtype)
    """),
    "legacy_constructor_sizes": _d("""\
        a = torch.FloatTensor(2, 3)
        print(a.shape, a.dtype)
    """),
    # ------------------------------------------------------------ attributes
    "shape_and_size": _d("""\
        t = torch.zeros(2, 3, 4)
        print(t.shape, t.size())
        print(t.shape[0], t.size(1), t.size(-1), t.shape[-2])
        print(type(t.shape).__name__, tuple(t.shape), list(t.size()))
        print(t.shape == (2, 3, 4), t.size() == torch.Size([2, 3, 4]))
    """),
    "torch_size_object": _d("""\
        s = torch.Size([2, 3])
        print(s, len(s), s[0], s.numel())
        print(torch.zeros(s).shape)
        print(torch.tensor(1.).shape, torch.tensor(1.).size())
    """),
    "dim_ndim_numel": _d("""\
        for t in [torch.tensor(1.), torch.ones(3), torch.ones(2, 3), torch.ones(2, 1, 3)]:
            print(t.dim(), t.ndim, t.numel(), t.nelement())
    """),
    "item_types": _d("""\
        print(torch.tensor([2.5]).item(), torch.tensor([[4]]).item(), torch.tensor(False).item())
        x = torch.tensor(1.5, requires_grad=True)
        print(x.item(), (x * 2).item())
    """),
    "tolist_variants": _d("""\
        print(torch.tensor([[1., 2.], [3., 4.]]).tolist())
        print(torch.tensor([1, 2]).tolist(), torch.tensor(3).tolist())
        print(torch.tensor([True, False]).tolist())
        x = torch.tensor([1., 2.], requires_grad=True)
        print((x * 2).tolist())
    """),
    "float_double_long_conversions": _d("""\
        t = torch.tensor([1.7, -2.3, 3.5])
        print(t.long(), t.long().dtype)
        print(t.double(), t.double().dtype)
        i = torch.tensor([1, 2])
        print(i.float(), i.float().dtype)
        print(t.int(), t.bool())
        print(t.to(torch.float64).dtype, t.type(torch.int64))
    """),
    "float_conversion_keeps_graph": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x.double()
        print(y, y.grad_fn.name())
        print(x.float() is x, x.to(torch.float32) is x)
    """),
    "transpose_T_attribute": _d("""\
        t = torch.tensor([[1, 2, 3], [4, 5, 6]])
        print(t.T)
        print(t.T.shape, t.t().shape)
    """),
    "data_attribute": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        d = x.data
        print(d, d.requires_grad, d.is_leaf)
        d[0] = 100.
        print(x)
    """),
    "clone_is_independent": _d("""\
        a = torch.tensor([1., 2.])
        b = a.clone()
        b[0] = 9.
        print(a, b)
    """),
    "is_tensor": _d("""\
        print(torch.is_tensor(torch.tensor(1.)), torch.is_tensor([1.]), torch.is_tensor(1.0))
        print(isinstance(torch.ones(2), torch.Tensor))
        print(type(torch.ones(2)).__name__)
    """),
    # ------------------------------------------------------------ python protocols
    "bool_of_single_element": _d("""\
        print(bool(torch.tensor(1.)), bool(torch.tensor([0])), bool(torch.tensor(0.5)))
        if torch.tensor([2]) > 1:
            print("greater")
    """),
    "len_and_iter": _d("""\
        t = torch.tensor([[1, 2], [3, 4], [5, 6]])
        print(len(t))
        for row in t:
            print(row)
        print([v.item() for v in torch.tensor([1., 2.])])
    """),
    "iter_1d_yields_0d": _d("""\
        for v in torch.tensor([10, 20]):
            print(v, v.shape)
    """),
    "iter_requires_grad_rows": _d("""\
        x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        rows = list(x)
        print(rows[0])
        print(rows[1].grad_fn.name())
    """),
    "format_spec": _d("""\
        t = torch.tensor([1., 2., 4.])
        print(f"{t.sum():.3f}")
        print(f"{t.mean():.2f} {t.max():g}")
        print("{:.1f}".format(torch.tensor(2.25)))
        print(f"{torch.tensor(3)}")
        print(format(torch.tensor(7), "d"))
    """),
    "float_int_conversion_builtins": _d("""\
        t = torch.tensor(2.75)
        print(float(t), int(t), int(torch.tensor([5])))
        print(round(float(torch.tensor(2.5)), 1))
    """),
    "index_dunder": _d("""\
        lst = [10, 20, 30]
        print(lst[torch.tensor(2)])
        print(list(range(torch.tensor(3))))
    """),
    "comparisons_return_bool_tensors": _d("""\
        a = torch.tensor([1., 2., 3.])
        b = torch.tensor([3., 2., 1.])
        print(a < b)
        print(a <= b)
        print(a > 2)
        print(a >= 2)
        print(a == b)
        print(a != b)
        print((a == b).dtype)
    """),
    "comparison_with_requires_grad": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        m = x > 1
        print(m, m.requires_grad, m.grad_fn)
    """),
    "equal_allclose": _d("""\
        a = torch.tensor([1., 2.])
        print(torch.equal(a, torch.tensor([1., 2.])), torch.equal(a, torch.tensor([1., 3.])))
        print(torch.allclose(a, a + 1e-9), torch.allclose(a, a + 1))
        print(torch.all(a > 0), torch.any(a > 1.5), (a > 5).any())
    """),
    "logical_ops_on_bool": _d("""\
        a = torch.tensor([True, False, True])
        b = torch.tensor([True, True, False])
        print(a & b)
        print(a | b)
        print(~a)
        print(a ^ b)
    """),
    # ------------------------------------------------------------ promotion
    "promotion_int_tensor_plus_float_scalar": _d("""\
        t = torch.tensor([1, 2, 3])
        r = t + 1.5
        print(r, r.dtype)
        print((t * 2).dtype, (t + True).dtype)
    """),
    "promotion_int_division": _d("""\
        a = torch.tensor([1, 2, 3])
        b = torch.tensor([2, 2, 2])
        print(a / b, (a / b).dtype)
        print(a // b, (a // b).dtype)
        print(a / 2)
        print(a % 2)
    """),
    "promotion_float32_float64": _d("""\
        a = torch.tensor([1., 2.])
        b = torch.tensor([1., 2.], dtype=torch.float64)
        print((a + b).dtype, (a * 2.0).dtype)
        print((torch.tensor(1., dtype=torch.float64) + a).dtype)
        print((a + torch.tensor(1., dtype=torch.float64)))
    """),
    "promotion_bool_and_int": _d("""\
        m = torch.tensor([True, False])
        print(m + 1, (m + 1).dtype)
        print(m * 1.5)
        print(m.float(), m.long())
        print(torch.tensor([1, 2]) + torch.tensor([0.5, 0.5]))
    """),
    "promotion_int_tensor_mean_float": _d("""\
        t = torch.tensor([1, 2], dtype=torch.int64)
        print(t.float().mean(), t.sum(), t.sum().dtype)
        print(t.double().mean().dtype)
    """),
    "promotion_zero_dim_does_not_upcast": _d("""\
        a = torch.tensor([1., 2.])
        s = torch.tensor(3, dtype=torch.int64)
        print((a * s).dtype)
        d = torch.tensor(2., dtype=torch.float64)
        print((a * d).dtype, (torch.tensor([1, 2]) * d).dtype)
    """),
    "pow_int_tensor": _d("""\
        t = torch.tensor([1, 2, 3])
        print(t ** 2, (t ** 2).dtype)
        print(t ** 0.5)
        print(2 ** t)
    """),
    "sum_dtype_bool_and_int": _d("""\
        print(torch.tensor([True, True, False]).sum())
        print(torch.tensor([1, 2, 3]).prod(), torch.tensor([1, 2, 3]).max())
    """),
    "float_precision_float32_item": _d("""\
        t = torch.tensor(0.1)
        print(t.item())
        print(torch.tensor(0.1, dtype=torch.float64).item())
        print(torch.tensor([0.1, 0.2]).tolist())
    """),
    "numpy_conversion_float32": _d("""\
        import numpy as np
        a = torch.tensor([[1.5, 2.]]).numpy()
        print(a, a.dtype, a.shape)
        print(np.asarray(torch.tensor([1, 2])).dtype)
    """),
    "detach_numpy": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        print(x.detach().numpy())
        print((x * 3).detach().numpy())
    """),
    # ------------------------------------------------------------ dtype arguments and factories
    "dtype_python_types_in_factories": _d("""\
        for dt in (float, int, bool):
            for t in (torch.tensor([1, 2], dtype=dt), torch.ones(2, dtype=dt), torch.zeros(2, dtype=dt),
                      torch.full((2,), 1, dtype=dt), torch.eye(2, dtype=dt), torch.empty(1, dtype=dt).dtype,
                      torch.zeros_like(torch.ones(2), dtype=dt), torch.ones_like(torch.ones(2), dtype=dt),
                      torch.full_like(torch.ones(2), 3, dtype=dt), torch.as_tensor([0, 3], dtype=dt),
                      torch.ones(2).new_zeros(2, dtype=dt), torch.ones(2).new_tensor([1], dtype=dt)):
                print(t)
        print(torch.arange(3, dtype=float), torch.linspace(0, 1, 3, dtype=float), torch.arange(3, dtype=int))
        print(torch.randint(3, (2,), dtype=float).dtype, torch.randperm(3, dtype=float).dtype)
        print(torch.rand(2, dtype=float).dtype, torch.randn(2, dtype=float).dtype)
        for bad in ('float32', np.float32):
            for make in (lambda: torch.tensor([1], dtype=bad), lambda: torch.ones(2, dtype=bad),
                         lambda: torch.zeros_like(torch.ones(1), dtype=bad), lambda: torch.as_tensor([1], dtype=bad),
                         lambda: torch.full((1,), 2., dtype=bad), lambda: torch.arange(3, dtype=bad),
                         lambda: torch.eye(2, dtype=bad)):
                try:
                    make()
                except TypeError as e:
                    print(type(e).__name__, e)
    """).replace("for bad", "import numpy as np\nfor bad", 1),
    "tensor_of_tensors_and_ranges": _d("""\
        for data in ([torch.tensor([1.]), torch.tensor([3.])], [torch.tensor(1), torch.tensor(3)],
                     [torch.tensor(1), 2.5], [torch.tensor([[1]]), torch.tensor([2.])],
                     [torch.tensor(1., dtype=torch.float64), torch.tensor(2)], [torch.tensor(True), 1],
                     [torch.tensor(1, dtype=torch.int32)], [torch.tensor(2, dtype=torch.uint8), torch.tensor(3, dtype=torch.int8)],
                     [[torch.tensor(1.), 2], [3, 4]], [[1, 2], torch.tensor([3, 4])], range(3), range(0),
                     range(2, 10, 3), [range(2), [1, 2]], torch.Size([2, 3])):
            t = torch.tensor(data)
            print(t, t.dtype, t.shape)
        print(torch.tensor(range(3), dtype=float), torch.as_tensor(range(3)), torch.Tensor(range(3)))
        print(torch.tensor([torch.tensor(3)], dtype=torch.bool), torch.tensor([torch.tensor([[3]])], dtype=torch.int64))
        for data, dt in (([torch.tensor([1., 2.]), torch.tensor([3., 4.])], None), ([torch.tensor([])], None),
                         ([torch.tensor([1, 2])], None), ([torch.tensor(1.5)], torch.int64),
                         ([torch.tensor([1, 2])], torch.float32), ([1, torch.tensor([1., 2.])], None),
                         (None, None), ({1, 2}, None), ("a", None), (["a"], None), ([None], None), ([1, "a"], None),
                         ([None], torch.float32), ([None], torch.int64), ([[1, 2], 3], None), ([1, [2, 3]], None),
                         ([[1, 2], [3, 4, 5]], None), ([[[1, 2], [3, 4]], [[5, 6], [7]]], None), ([2**70], None)):
            try:
                torch.tensor(data, dtype=dt)
            except (TypeError, ValueError, RuntimeError) as e:
                print(type(e).__name__, e)
        try:
            torch.Tensor([torch.tensor([1., 2.])])
        except ValueError as e:
            print(type(e).__name__, e)
        for data in (3.5, None, "a"):
            try:
                torch.Tensor(data)
            except TypeError as e:
                print(type(e).__name__, e)
    """),
    "factory_size_arguments": _d("""\
        print(torch.ones(size=(2, 3)), torch.zeros(size=[2]), torch.empty(size=(1,)).shape, torch.rand(size=(2,)).shape)
        print(torch.ones(torch.tensor(3)), torch.ones(2, torch.tensor(3)).shape, torch.ones(2, True).shape, torch.ones([]))
        calls = [lambda: torch.ones(2.5), lambda: torch.zeros('a'), lambda: torch.rand(None), lambda: torch.empty(2.0),
                 lambda: torch.ones(2, 2.0), lambda: torch.ones([2, 'a']), lambda: torch.ones(2, 3, 'a'),
                 lambda: torch.ones(2.0, 2), lambda: torch.ones([2.0]), lambda: torch.ones((2,), (3,)),
                 lambda: torch.ones(), lambda: torch.zeros(), lambda: torch.empty(), lambda: torch.rand(),
                 lambda: torch.randn(), lambda: torch.ones(True), lambda: torch.ones(torch.tensor(3.)),
                 lambda: torch.ones(-1), lambda: torch.zeros(2, -3), lambda: torch.empty(-1), lambda: torch.rand(-1),
                 lambda: torch.ones(size=2), lambda: torch.ones(size=('a', 2)), lambda: torch.ones(2, size=(2,)),
                 lambda: torch.ones(dtype=torch.float64), lambda: torch.full(2, 3.0),
                 lambda: torch.full((2,), torch.tensor([3., 4.])), lambda: torch.full((2,), 'a'),
                 lambda: torch.full((-1,), 1.), lambda: torch.eye(-1), lambda: torch.eye(2, -1),
                 lambda: torch.eye(2.0), lambda: torch.eye(True), lambda: torch.eye(2, 2.0)]
        for call in calls:
            try:
                call()
            except (TypeError, RuntimeError) as e:
                print(type(e).__name__, e)
        print(torch.full((2,), torch.tensor(3)), torch.full((2,), np.float64(1.5)), torch.full((2,), True))
        print(torch.eye(0).shape, torch.eye(2, m=3), torch.eye(n=2), torch.eye(torch.tensor(2)))
    """).replace("print(torch.full", "import numpy as np\nprint(torch.full", 1),
    "factory_arange_rules": _d("""\
        print(torch.arange(end=5), torch.arange(1, end=5), torch.arange(start=1, end=5, step=2), torch.arange(0, 5, step=2))
        print(torch.arange(torch.tensor(5)), torch.arange(torch.tensor(1.5), 4), torch.arange(True))
        for dt in (torch.int64, torch.int32, torch.int16, torch.uint8):
            print(torch.arange(1.5, dtype=dt), torch.arange(0.5, 3.7, dtype=dt), torch.arange(5, 0, -1.5, dtype=dt))
        print(torch.arange(-2.5, 3.2, 1.7, dtype=torch.int64), torch.arange(1, 2.5, 0.5, dtype=torch.int32))
        print(torch.arange(0, 5, float('inf')))
        calls = [lambda: torch.arange(10, 0), lambda: torch.arange(-1), lambda: torch.arange(0, 10, -1),
                 lambda: torch.arange(0, 10, 0), lambda: torch.arange(1, 2.5, 0.5, dtype=torch.int64),
                 lambda: torch.arange(-0.5, -0.2, -1, dtype=torch.int64), lambda: torch.arange(float('inf')),
                 lambda: torch.arange(0, float('nan')), lambda: torch.arange(0, 5, float('nan')),
                 lambda: torch.arange('a'), lambda: torch.arange(None), lambda: torch.arange(torch.tensor([5])),
                 lambda: torch.arange(5, dtype=torch.bool), lambda: torch.arange(start=1),
                 lambda: torch.arange(step=2), lambda: torch.arange(), lambda: torch.arange(1, 'a'),
                 lambda: torch.arange(5, step=2), lambda: torch.arange(3, dtype='a')]
        for call in calls:
            try:
                call()
            except (TypeError, ValueError, RuntimeError, NotImplementedError) as e:
                print(type(e).__name__, e)
    """),
    "factory_linspace_float32_steps": _d("""\
        print(torch.linspace(-1, 1, 7))
        print(torch.linspace(-1, 1, 11))
        print(torch.linspace(0.1, 2.7, 9)[2].item(), torch.linspace(0, 1, 20)[13].item())
        print(torch.linspace(-1, 1, 21).tolist())
        print(torch.linspace(-3.3, 7.1, 13, dtype=torch.float64).tolist())
        print(torch.linspace(0, 1, 5, dtype=torch.float16), torch.linspace(-1, 2, 6, dtype=torch.float16))
        print(torch.linspace(0, 10, 5, dtype=torch.int64), torch.linspace(-3, 10, 6, dtype=torch.int32))
        print(torch.linspace(0.5, 10.5, 6, dtype=torch.int64), torch.linspace(-1, 2, 3, dtype=torch.uint8))
        print(torch.linspace(0, 1, 0), torch.linspace(0, 1, 1), torch.linspace(0, 1, steps=3))
        print(torch.linspace(start=0, end=1, steps=3), torch.linspace(torch.tensor(0.), torch.tensor(1.), 3))
        print(torch.linspace(0, float('inf'), 3), torch.linspace(2, 2, 4))
        calls = [lambda: torch.linspace(0, 1, -1), lambda: torch.logspace(0, 1, -1),
                 lambda: torch.linspace(torch.tensor([0., 1.]), 1., 3), lambda: torch.linspace(0, 1, 5, dtype=torch.bool),
                 lambda: torch.linspace(0, 1, 2.5), lambda: torch.linspace(0, 1)]
        for call in calls:
            try:
                call()
            except (TypeError, RuntimeError, NotImplementedError) as e:
                print(type(e).__name__, e)
    """),
    "factory_device_strings": _d("""\
        print(torch.ones(2, device='cpu'), torch.tensor([1.], device='cpu:0'), torch.zeros(1, device=torch.device('cpu')))
        calls = [lambda: torch.tensor([1., 2.], device='gpu'), lambda: torch.ones(2, device='tpu'),
                 lambda: torch.ones(2, device='cuda'), lambda: torch.zeros(2, device='cuda:0'),
                 lambda: torch.zeros_like(torch.ones(2), device='gpu'), lambda: torch.ones(2, device=0),
                 lambda: torch.ones(2, device=1.5), lambda: torch.tensor(1., device='Cpu'),
                 lambda: torch.arange(3, device='gpu'), lambda: torch.randn(2, device='cuda')]
        for call in calls:
            try:
                call()
            except (TypeError, RuntimeError, AssertionError) as e:
                print(type(e).__name__, e)
    """),
    "module_constants_and_comparison_functions": _d("""\
        print(torch.pi, torch.e, torch.inf, torch.nan, type(torch.pi).__name__)
        x = torch.tensor([1., float('nan'), float('inf'), -2.], requires_grad=True)
        print(torch.isnan(x), torch.isinf(x), torch.isfinite(x), torch.isnan(torch.tensor([1, 2])))
        print(torch.eq(x, 1.), torch.ne(x, 1.), torch.lt(x, 1), torch.le(x, 1), torch.gt(x, 1), torch.ge(x, 1))
        print(torch.eq(x, x), torch.lt(x, torch.ones(4)), torch.gt(x, 0).requires_grad)
        print(torch.sin(torch.tensor(torch.pi / 2)))
    """),
}
