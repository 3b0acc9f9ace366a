"""Tensor printing: formatting, sci notation, wrapping, summarisation,
suffixes, set_printoptions."""

from textwrap import dedent as _d

PROGRAMS = {
    "print_float_basic": _d("""\
        print(torch.tensor([1.5, 2.25, -3.125]))
        print(torch.tensor([0.1, 0.2, 0.3]))
        print(torch.tensor([1.0, 2.0, 3.0]))
    """),
    "print_float_precision_rounding": _d("""\
        print(torch.tensor([0.123456, 1.987654]))
        print(torch.tensor([2.00004, 3.]))
        print(torch.tensor([1 / 3, 2 / 3]))
    """),
    "print_integer_valued_floats": _d("""\
        print(torch.tensor([1., 20., 300.]))
        print(torch.tensor([-1., 0., 1.]))
        print(torch.tensor([[1., 2.], [30., 4.]]))
        print(torch.tensor([100000., 2.]))
    """),
    "print_negative_alignment": _d("""\
        print(torch.tensor([-1.5, 10.25, -100.125]))
        print(torch.tensor([[-1., 2.], [3., -4.]]))
    """),
    "print_sci_small_and_large": _d("""\
        print(torch.tensor([1e-5, 1.0]))
        print(torch.tensor([1e10, 1.0]))
        print(torch.tensor([0.00012, 0.5]))
        print(torch.tensor([1e-8]))
    """),
    "print_sci_large_integer_valued": _d("""\
        print(torch.tensor([1e8, 1.]))
        print(torch.tensor([123456789.]))
        print(torch.tensor([99999999., 1.]))
    """),
    "print_sci_ratio_threshold": _d("""\
        print(torch.tensor([0.001, 1.5]))
        print(torch.tensor([0.001, 1000.5]))
        print(torch.tensor([0.01, 100.5]))
        print(torch.tensor([12345.678, 0.1]))
    """),
    "print_nan_inf": _d("""\
        print(torch.tensor([float('nan'), 1.5, float('inf')]))
        print(torch.tensor([float('-inf'), 2.]))
        print(torch.tensor([float('nan'), 1., 2.]))
        print(torch.tensor(float('nan')))
    """),
    "print_negative_zero": _d("""\
        print(torch.tensor([-0., 0., 1.]))
        print(torch.tensor(-0.))
        print(-torch.tensor([0., 1.5]))
    """),
    "print_int_tensors": _d("""\
        print(torch.tensor([1, -100, 1000]))
        print(torch.tensor([[1, 2], [300, -4]]))
        print(torch.tensor([123456789012]))
    """),
    "print_zero_dim": _d("""\
        print(torch.tensor(3.))
        print(torch.tensor(-0.5))
        print(torch.tensor(1e-5))
        print(torch.tensor(12345678.))
        print(torch.tensor(7))
        print(torch.tensor(False))
    """),
    "print_zero_dim_with_grad": _d("""\
        x = torch.tensor(2., requires_grad=True)
        print(x)
        print(x * 3)
        print((x * 3).sum())
    """),
    "print_dtype_suffixes": _d("""\
        print(torch.tensor([1., 2.], dtype=torch.float64))
        print(torch.tensor([1, 2], dtype=torch.int32))
        print(torch.tensor([1, 2], dtype=torch.int64))
        print(torch.tensor(1., dtype=torch.float64))
        print(torch.tensor([True]))
    """),
    "print_requires_grad_suffixes": _d("""\
        x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
        print(x)
        print(x * 2)
        print(torch.tensor([1.5], requires_grad=True))
    """),
    "print_grad_fn_suffixes": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        print(x + 1)
        print(x.sum())
        print(x.mean())
        print(x.view(2, 1))
        print(x[0])
        print((x + 0.5).exp().log())  # (1.5 and 2.5 print alike whether or not exp/log round back exactly)
    """),
    "print_3d": _d("""\
        print(torch.arange(12.).reshape(2, 3, 2))
    """),
    "print_4d": _d("""\
        print(torch.arange(8).reshape(2, 1, 2, 2))
    """),
    "print_2d_column": _d("""\
        print(torch.tensor([[1.5], [2.], [3.]]))
    """),
    "print_wrap_1d_80_columns": _d("""\
        print(torch.arange(30.))
        print(torch.arange(40))
    """),
    "print_wrap_1d_long_floats": _d("""\
        print(torch.linspace(0, 1, 25))
    """),
    "print_wrap_2d_wide_rows": _d("""\
        print(torch.arange(40.).reshape(2, 20))
    """),
    "print_wrap_with_grad_suffix": _d("""\
        x = torch.arange(20., requires_grad=True)
        print(x)
        print(x * 2)
    """),
    "print_summarize_1d": _d("""\
        print(torch.arange(2000))
        print(torch.arange(1001.))
        print(torch.arange(1000.).shape)
    """),
    "print_summarize_threshold_exact": _d("""\
        t = torch.zeros(1000)
        s = str(t)
        print(len(s), s.count("\\n"), "..." in s)
        print(str(torch.zeros(1001)))
    """),
    "print_summarize_2d": _d("""\
        print(torch.arange(3000.).reshape(3, 1000))
        print(torch.arange(2500).reshape(50, 50))
    """),
    "print_summarize_3d": _d("""\
        print(torch.ones(20, 10, 10))
    """),
    "print_empty_tensors": _d("""\
        print(torch.tensor([]))
        print(torch.zeros(0, 3))
        print(torch.ones(2, 0))
        print(torch.tensor([], dtype=torch.int64))
    """),
    "print_repr_equals_str": _d("""\
        t = torch.tensor([1.5, 2.])
        print(repr(t) == str(t))
        print([torch.tensor(1.), torch.tensor(2)])
        print((torch.tensor([1]), torch.tensor([2.5])))
        print({"w": torch.tensor([0.5])})
        print(f"value: {t}")
    """),
    "print_set_printoptions_precision": _d("""\
        torch.set_printoptions(precision=2)
        print(torch.tensor([1.23456, 2.5]))
        torch.set_printoptions(precision=6)
        print(torch.tensor([1.23456, 2.5]))
        torch.set_printoptions(profile="default")
        print(torch.tensor([1.23456, 2.5]))
    """),
    "print_set_printoptions_sci_mode": _d("""\
        t = torch.tensor([1e-5, 1.0])
        torch.set_printoptions(sci_mode=False)
        print(t)
        torch.set_printoptions(sci_mode=True)
        print(torch.tensor([1.5, 2.0]))
        torch.set_printoptions(sci_mode=None)
        print(t)
    """),
    "print_set_printoptions_linewidth": _d("""\
        torch.set_printoptions(linewidth=40)
        print(torch.arange(20.))
        torch.set_printoptions(linewidth=120)
        print(torch.arange(30.))
    """),
    "print_set_printoptions_threshold": _d("""\
        torch.set_printoptions(threshold=5)
        print(torch.arange(10))
        torch.set_printoptions(threshold=5, edgeitems=1)
        print(torch.arange(10.))
        print(torch.arange(4))
    """),
    "print_set_printoptions_profiles": _d("""\
        torch.set_printoptions(profile="short")
        print(torch.tensor([1.23456, 2.5]))
        print(torch.arange(2000))
        torch.set_printoptions(profile="full")
        print(torch.arange(1010)[-3:])
        s = str(torch.arange(1010))
        print("..." in s)
    """),
    "print_grad_after_backward": _d("""\
        x = torch.tensor([[0.5, 1.5], [2.5, 3.5]], requires_grad=True)
        (x ** 2).sum().backward()
        print(x.grad)
        print(x)
    """),
    "print_mixed_magnitudes_4_digits": _d("""\
        print(torch.tensor([0.5, 10.5, 100.25]))
        print(torch.tensor([1.0001, 2.]))
        print(torch.tensor([999.99995]))
    """),
    "print_bool_2d": _d("""\
        print(torch.tensor([[True, False], [False, True]]))
    """),
    "print_exp_values": _d("""\
        x = torch.tensor([-2., -1., 0., 1., 2.])
        print(x.exp())
        print(x.sigmoid())
        print(x.tanh())
    """),
    "print_large_exp_sci": _d("""\
        print(torch.tensor([1., 10., 20.]).exp())
    """),
}
