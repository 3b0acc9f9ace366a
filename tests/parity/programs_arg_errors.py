"""Argument errors of the torch functions: the TypeError of PyTorch's argument parser for a
wrong-typed, missing, extra or unknown argument, under the name the function was called by."""

from textwrap import dedent as _d

# Each of these prints, for every function named, the error of one call with a list (or a
# number) where the function takes a Tensor or an int.
_EACH = _d("""\
    def show(label, call):
        try:
            r = call()
            print(label, "->", type(r).__name__)
        except Exception as e:
            print(label, "->", type(e).__name__, e)
""")

PROGRAMS = {
    # ------------------------------------------------------------ the examples of the report
    "argerr_sum_list_input": _d("""\
        torch.sum([1, 2, 3])
    """),
    "argerr_matmul_list_other": _d("""\
        torch.matmul(torch.ones(2, 2), [[1., 2.], [3., 4.]])
    """),
    "argerr_mm_list_mat2": _d("""\
        torch.mm(torch.ones(2, 2), [[1., 2.], [3., 4.]])
    """),
    "argerr_linear_list_weight": _d("""\
        F.linear(torch.ones(2, 2), [[1., 2.], [3., 4.]])
    """),
    "argerr_linear_number_bias": _d("""\
        F.linear(torch.ones(2, 2), torch.ones(3, 2), 1)
    """),
    "argerr_zeros_like_list": _d("""\
        torch.zeros_like([1, 2, 3])
    """),
    "argerr_ones_like_int": _d("""\
        torch.ones_like(3)
    """),
    "argerr_sum_list_dim_overloads": _d("""\
        torch.sum(torch.ones(2), [1., 2.])
    """),
    "argerr_clone_list": _d("""\
        torch.clone([1., 2.])
    """),
    "argerr_clamp_list_min": _d("""\
        torch.clamp(torch.ones(2), [1.])
    """),
    "argerr_transpose_list": _d("""\
        torch.transpose([1.])
    """),
    "argerr_absolute_named_absolute": _d("""\
        torch.absolute([1.])
    """),
    "argerr_allclose_position_2": _d("""\
        torch.allclose(torch.ones(2), [1.])
    """),
    "argerr_tensor_numpy_bool": _d("""\
        import numpy as np
        print(torch.tensor(np.bool_(True)), torch.tensor([np.bool_(True), np.bool_(False)]))
        print(torch.tensor(np.bool_(True), dtype=torch.float32))
        torch.tensor([np.bool_(True)], dtype=torch.int64)
    """),
    # ------------------------------------------------------------ the parser's rules
    "argerr_too_many_positional": _d("""\
        torch.transpose(torch.ones(2, 2), 0, 1, 2)
    """),
    "argerr_too_many_positional_range": _d("""\
        torch.amax(torch.ones(2, 2), 0, True, 1)
    """),
    "argerr_too_many_positional_one": _d("""\
        torch.clone(torch.ones(2), 1)
    """),
    "argerr_missing_one_plural_quirk": _d("""\
        torch.cumsum(torch.ones(2))
    """),
    "argerr_missing_several": _d("""\
        torch.transpose(torch.ones(2, 2))
    """),
    "argerr_missing_all": _d("""\
        torch.transpose()
    """),
    "argerr_missing_with_later_keyword": _d("""\
        torch.transpose(torch.ones(2, 2), dim1=0)
    """),
    "argerr_unexpected_keyword": _d("""\
        torch.transpose(torch.ones(2, 2), 0, 1, foo=2)
    """),
    "argerr_multiple_values": _d("""\
        torch.transpose(torch.ones(2, 2), 0, 1, dim0=1)
    """),
    "argerr_keyword_wrong_type": _d("""\
        torch.transpose(torch.ones(2, 2), 0, dim1="a")
    """),
    "argerr_keyword_input_wrong_type": _d("""\
        torch.mm(torch.ones(2, 2), mat2=[1.])
    """),
    "argerr_bool_is_not_int": _d("""\
        torch.transpose(torch.ones(2, 2), False, 1)
    """),
    "argerr_keyword_bool_is_not_int": _d("""\
        torch.unsqueeze(torch.ones(2), dim=True)
    """),
    "argerr_float_is_not_int": _d("""\
        torch.unsqueeze(torch.ones(2), 0.5)
    """),
    "argerr_int_is_not_bool": _d("""\
        torch.sum(torch.ones(2, 2), 0, 1)
    """),
    "argerr_keyword_int_is_not_bool": _d("""\
        torch.sum(torch.ones(2, 2), dim=0, keepdim=1)
    """),
    "argerr_int_list_bad_first_element": _d("""\
        torch.reshape(torch.ones(2, 3), [3., 2.])
    """),
    "argerr_int_list_bad_later_element": _d("""\
        torch.reshape(torch.ones(2, 3), (3, 2, 1.0))
    """),
    "argerr_int_list_refuses_single_int": _d("""\
        torch.flip(torch.ones(2), 0)
    """),
    "argerr_tensor_list_bad_element": _d("""\
        torch.cat([torch.ones(2), 1])
    """),
    "argerr_tensor_list_not_a_list": _d("""\
        torch.stack(torch.ones(2))
    """),
    "argerr_concat_alias_name": _d("""\
        torch.concat(torch.ones(2))
    """),
    "argerr_overloads_one_plausible": _d("""\
        torch.max(torch.ones(2), [1])
    """),
    "argerr_overloads_none_plausible_lines": _d("""\
        torch.max(torch.ones(2, 2), 1, 1)
    """),
    "argerr_overloads_where_three": _d("""\
        torch.where(torch.ones(2) > 0, [1.], 2)
    """),
    "argerr_overloads_keyword": _d("""\
        torch.clamp(torch.ones(2), min=[1.])
    """),
    "argerr_overloads_unknown_keyword": _d("""\
        torch.sum(torch.ones(2), foo=1)
    """),
    "argerr_overloads_too_many": _d("""\
        torch.sum(torch.ones(2), 0, True, True, True, True)
    """),
    "argerr_overloads_mixed_clamp": _d("""\
        torch.clamp(torch.ones(2), torch.ones(1), 1.0)
    """),
    "argerr_hidden_overload_add_one_arg": _d("""\
        torch.add([1.])
    """),
    "argerr_add_numbers_are_tensors": _d("""\
        print(torch.add(2, torch.ones(2)), torch.mul(torch.ones(2), 3))
        torch.add(torch.ones(2), [1., 2.])
    """),
    "argerr_comparison_number_first": _d("""\
        torch.eq(2, torch.ones(2))
    """),
    "argerr_divide_alias_overloads": _d("""\
        torch.divide(torch.ones(2), [1.])
    """),
    "argerr_dtype_keyword_string": _d("""\
        torch.sum(torch.ones(2), dtype="float")
    """),
    "argerr_wrong_type_wins_over_missing": _d("""\
        torch.transpose([1], "a")
    """),
    "argerr_state_fine_after_error": _d("""\
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        try:
            torch.sum(x, [1., 2.])
        except TypeError as e:
            print(type(e).__name__, str(e).splitlines()[0])
        try:
            torch.mm(x, [1.])
        except TypeError as e:
            print(type(e).__name__, e)
        y = torch.sum(x * 2)
        y.backward()
        print(y, x.grad, torch.is_grad_enabled())
        print(torch.sum(x, 0), torch.sum(x, dim=(0,)), torch.transpose(torch.ones(2, 3), 0, 1).shape)
    """),
    "argerr_valid_calls_still_work": _d("""\
        import numpy as np
        t = torch.ones(2, 3)
        print(torch.sum(t, 1, keepdim=True), torch.amax(t, 0), torch.reshape(t, (3, 2)).shape)
        print(torch.transpose(t, np.int64(0), torch.tensor(1)).shape, torch.flip(t, [0]).shape)
        print(torch.clamp(t, min=0.5), torch.clamp(t, torch.zeros(1), None))
        print(torch.where(t > 0, t, 0.), torch.cat((t, t), 1).shape, torch.std(t, 1))
        print(torch.pow(2, t), torch.softmax(t, -1), torch.allclose(t, t, 1e-5, 1e-8))
    """),
    "argerr_help_and_name": _d("""\
        print(torch.sum.__name__, torch.absolute.__name__, torch.true_divide.__name__, F.linear.__name__)
    """),
    # ------------------------------------------------------------ every checked function
    "argerr_each_unary_list": _EACH + _d("""\
        for name in ["abs", "absolute", "ceil", "clone", "cos", "erf", "exp", "expm1", "floor",
                     "is_floating_point", "isfinite", "isinf", "isnan", "log", "log10", "log1p",
                     "log2", "neg", "negative", "nonzero", "numel", "reciprocal", "relu", "round",
                     "rsqrt", "sigmoid", "sign", "sin", "sqrt", "square", "t", "tan", "tanh", "trunc",
                     "empty_like", "ones_like", "zeros_like", "rand_like", "randn_like"]:
            show(name, lambda: getattr(torch, name)([1., 2.]))
    """),
    "argerr_each_reduction_list": _EACH + _d("""\
        for name in ["all", "any", "amax", "amin", "argmax", "argmin", "max", "min", "mean",
                     "prod", "std", "sum", "var", "logsumexp", "cumsum", "softmax", "log_softmax",
                     "flatten", "squeeze", "unbind", "unsqueeze", "chunk"]:
            show(name, lambda: getattr(torch, name)([1., 2.]))
        t = torch.ones(2, 2)
        for name in ["all", "any", "amax", "amin", "argmax", "argmin", "max", "min", "mean",
                     "prod", "std", "sum", "var", "logsumexp", "cumsum", "softmax", "log_softmax",
                     "flatten", "squeeze", "unbind", "unsqueeze", "chunk", "flip", "permute",
                     "reshape"]:
            show(name + " dim", lambda: getattr(torch, name)(t, [1., 2.]))
    """),
    "argerr_each_binary_list": _EACH + _d("""\
        t = torch.ones(2, 2)
        for name in ["add", "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide",
                     "floor_divide", "remainder", "fmod", "pow", "rsub", "eq", "ne", "lt", "le",
                     "gt", "ge", "maximum", "minimum", "equal", "allclose", "isclose", "matmul", "mm",
                     "bmm", "mv", "dot", "outer", "clamp_min", "clamp_max", "clamp", "clip",
                     "full_like", "where"]:
            show(name, lambda: getattr(torch, name)(t, [1., 2.]))
            show(name + " first", lambda: getattr(torch, name)([1., 2.], t))
    """),
    "argerr_each_shape_and_more": _EACH + _d("""\
        t = torch.ones(2, 3)
        show("transpose", lambda: torch.transpose(t, [0], 1))
        show("swapaxes", lambda: torch.swapaxes(t, [0], 1))
        show("movedim", lambda: torch.movedim(t, 0.5, 1))
        show("narrow", lambda: torch.narrow(t, 0, 0, 1.5))
        show("addmm", lambda: torch.addmm(t, t, [1.]))
        show("cat", lambda: torch.cat(t))
        show("concat", lambda: torch.concat([t, 1]))
        show("concatenate", lambda: torch.concatenate(3))
        show("stack", lambda: torch.stack([t, [1.]]))
        show("eye", lambda: torch.eye(torch.ones(2), [1.]))
        show("full", lambda: torch.full(3, 1.))
        show("linspace", lambda: torch.linspace([0.], 1, 5))
        show("logspace", lambda: torch.logspace(0, 1, 2.5))
        show("normal", lambda: torch.normal([0.], 1.))
        show("randint", lambda: torch.randint(torch.ones(2), [1.]))
        show("randperm", lambda: torch.randperm([3]))
    """),
    # an int list is checked element by element once the call has begun
    "argerr_roll_float_shift_and_dim": _EACH + _d("""\
        t = torch.arange(4.)
        show("roll shifts", lambda: torch.roll(t, [1.0]))
        show("roll dims", lambda: torch.roll(t, 1, [0.5]))
        show("roll 0-d shift", lambda: torch.roll(t, torch.tensor(1)).tolist())
    """),
}

MATCH = {
    "argerr_sum_list_dim_overloads": "first_line",
    "argerr_clamp_list_min": "first_line",
    "argerr_overloads_none_plausible_lines": "first_line",
    "argerr_overloads_where_three": "first_line",
    "argerr_overloads_keyword": "first_line",
    "argerr_overloads_unknown_keyword": "first_line",
    "argerr_overloads_too_many": "first_line",
    "argerr_overloads_mixed_clamp": "first_line",
    "argerr_comparison_number_first": "first_line",
    "argerr_divide_alias_overloads": "first_line",
    "argerr_dtype_keyword_string": "first_line",
}
