"""Errors: exception type and message (escaping the program, or caught and
printed), and that state is still fine afterwards."""

from textwrap import dedent as _d

from ._sources import SHOW

PROGRAMS = {
    # ------------------------------------------------------------ shapes
    "err_broadcast_add": _d("""\
        a = torch.ones(2, 3)
        b = torch.ones(2)
        print("before")
        a + b
    """),
    "err_broadcast_mul_requires_grad": _d("""\
        a = torch.ones(3, requires_grad=True)
        b = torch.ones(4)
        y = a * b
    """),
    "err_broadcast_caught_then_ok": _d("""\
        a = torch.tensor([1., 2., 3.], requires_grad=True)
        try:
            a - torch.tensor([1., 2.])
        except RuntimeError as e:
            print(type(e).__name__, e)
        y = (a * 2).sum()
        y.backward()
        print(a.grad, torch.is_grad_enabled())
    """),
    "err_inplace_broadcast_to_smaller": _d("""\
        a = torch.ones(2)
        a.add_(torch.ones(2, 2))
    """),
    "err_matmul_2d_mismatch": _d("""\
        a = torch.ones(2, 3)
        b = torch.ones(2, 3)
        a @ b
    """),
    "err_matmul_1d_mismatch": _d("""\
        torch.matmul(torch.ones(3), torch.ones(2))
    """),
    "err_matmul_2d_1d_mismatch": _d("""\
        torch.ones(2, 3) @ torch.ones(2)
    """),
    "err_matmul_1d_2d_mismatch": _d("""\
        torch.ones(3) @ torch.ones(2, 4)
    """),
    "err_matmul_0d": _d("""\
        torch.tensor(2.) @ torch.tensor(3.)
    """),
    "err_mm_requires_matrix": _d("""\
        torch.mm(torch.ones(2, 2), torch.ones(2))
    """),
    "err_mv_mismatch": _d("""\
        torch.mv(torch.ones(2, 3), torch.ones(2))
    """),
    "err_dot_needs_1d": _d("""\
        torch.dot(torch.ones(2, 2), torch.ones(2, 2))
    """),
    "err_dot_size_mismatch": _d("""\
        torch.dot(torch.ones(3), torch.ones(2))
    """),
    "err_matmul_dtype_mismatch": _d("""\
        a = torch.ones(2, 2)
        b = torch.ones(2, 2, dtype=torch.float64)
        a @ b
    """),
    "err_matmul_int_float": _d("""\
        torch.tensor([[1, 2]]) @ torch.tensor([[1.], [2.]])
    """),
    "err_view_invalid_size": _d("""\
        torch.arange(6).view(4)
    """),
    "err_reshape_invalid_size": _d("""\
        torch.ones(2, 3).reshape(5, -1)
    """),
    "err_view_two_minus_one": _d("""\
        torch.ones(4).view(-1, -1)
    """),
    "err_view_non_contiguous": _d("""\
        t = torch.ones(2, 3).t()
        t.view(6)
    """),
    "err_expand_reports_the_last_mismatch": _d("""\
        for shape, size in [((4, 2), (2, 4)), ((3, 1, 2), (4, 5, 3)), ((2, 4, 1), (2, 4))]:
            try:
                torch.ones(*shape).expand(*size)
            except RuntimeError as e:
                print(e)
    """),
    "err_linear_bias_does_not_fit": _d("""\
        w = torch.ones(4, 8, requires_grad=True)
        for x_shape, b_shape in [((2, 8), (3,)), ((8,), (3,)), ((2, 3, 8), (5,)), ((2, 8), (4, 2))]:
            try:
                F.linear(torch.ones(*x_shape), w, torch.ones(*b_shape))
            except RuntimeError as e:
                print(e)
        try:
            torch.addmm(torch.ones(3, 4), torch.ones(2, 8), torch.ones(8, 4))
        except RuntimeError as e:
            print(e)
        print(F.linear(torch.ones(2, 8), w, torch.ones(1, 4)).shape, w.grad)
    """),
    "err_expand_invalid": _d("""\
        torch.ones(2).expand(2, 3)
    """),
    "err_cat_size_mismatch": _d("""\
        torch.cat([torch.ones(2, 2), torch.ones(1, 3)])
    """),
    "err_cat_empty_list": _d("""\
        torch.cat([])
    """),
    "err_stack_size_mismatch": _d("""\
        torch.stack([torch.ones(2), torch.ones(3)])
    """),
    "err_permute_wrong_count": _d("""\
        torch.ones(2, 3).permute(1, 0, 2)
    """),
    "err_t_on_3d": _d("""\
        torch.ones(2, 3, 4).t()
    """),
    # ------------------------------------------------------------ dims / indices
    "err_sum_dim_out_of_range": _d("""\
        torch.ones(2, 3).sum(dim=2)
    """),
    "err_negative_dim_out_of_range": _d("""\
        torch.ones(2, 3).mean(-3)
    """),
    "err_softmax_dim_out_of_range": _d("""\
        torch.softmax(torch.ones(3), dim=1)
    """),
    "err_transpose_dim_out_of_range": _d("""\
        torch.ones(2, 3).transpose(0, 2)
    """),
    "err_unsqueeze_dim_out_of_range": _d("""\
        torch.ones(2).unsqueeze(3)
    """),
    "err_squeeze_dim_out_of_range": _d("""\
        torch.ones(2, 1).squeeze(2)
    """),
    "err_max_dim_out_of_range": _d("""\
        torch.ones(2, 3).max(dim=5)
    """),
    "err_dim_on_0d": _d("""\
        torch.tensor(1.).sum(1)
    """),
    "err_index_out_of_range": _d("""\
        t = torch.tensor([1., 2., 3.])
        print(t[2])
        t[5]
    """),
    "err_index_negative_out_of_range": _d("""\
        torch.tensor([1., 2., 3.])[-4]
    """),
    "err_index_2d_second_dim": _d("""\
        torch.ones(2, 3)[1, 3]
    """),
    "err_too_many_indices": _d("""\
        torch.ones(2)[0, 0]
    """),
    "err_index_list_out_of_range": _d("""\
        torch.tensor([1., 2.])[[0, 5]]
    """),
    "err_index_float_tensor": _d("""\
        torch.tensor([1., 2.])[torch.tensor([0., 1.])]
    """),
    "err_mask_shape_mismatch": _d("""\
        t = torch.tensor([1., 2., 3.])
        t[torch.tensor([True, False])]
    """),
    "err_size_dim_out_of_range": _d("""\
        torch.ones(2, 3).size(2)
    """),
    "err_shape_index_out_of_range": _d("""\
        torch.ones(2, 3).shape[2]
    """),
    # ------------------------------------------------------------ autograd misuse
    "err_requires_grad_int_tensor": _d("""\
        torch.tensor([1, 2, 3], requires_grad=True)
    """),
    "err_requires_grad_inplace_int": _d("""\
        t = torch.tensor([1, 2])
        t.requires_grad_()
    """),
    "err_requires_grad_attr_int": _d("""\
        t = torch.arange(3)
        t.requires_grad = True
    """),
    "err_requires_grad_caught_state_ok": _d("""\
        try:
            torch.ones(2, dtype=torch.int64, requires_grad=True)
        except RuntimeError as e:
            print(type(e).__name__, e)
        x = torch.ones(2, requires_grad=True)
        print(x.requires_grad, torch.is_grad_enabled())
    """),
    "err_backward_no_requires_grad": _d("""\
        x = torch.tensor([1., 2.])
        y = (x * 2).sum()
        y.backward()
    """),
    "err_backward_under_no_grad": _d("""\
        x = torch.tensor(1., requires_grad=True)
        with torch.no_grad():
            y = x * 2
        try:
            y.backward()
        except RuntimeError as e:
            print(type(e).__name__, e)
        print(torch.is_grad_enabled(), x.grad)
    """),
    "err_backward_non_scalar": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        y.backward()
    """),
    "err_backward_non_scalar_caught_then_ok": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        try:
            y.backward()
        except RuntimeError as e:
            print(type(e).__name__, e)
        y.backward(torch.ones(2))
        print(x.grad)
    """),
    "err_backward_wrong_gradient_shape": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        y.backward(torch.ones(3))
    """),
    "err_backward_wrong_gradient_shape_2d": _d("""\
        x = torch.ones(2, 2, requires_grad=True)
        (x * 2).backward(torch.ones(4))
    """),
    "err_second_backward": _d("""\
        x = torch.tensor(2., requires_grad=True)
        y = x.exp()
        y.backward()
        print(x.grad)
        y.backward()
    """),
    "err_numpy_requires_grad": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        x.numpy()
    """),
    "err_numpy_nonleaf_requires_grad": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        try:
            (x * 2).numpy()
        except RuntimeError as e:
            print(type(e).__name__, e)
        print((x * 2).detach().numpy())
    """),
    "err_requires_grad_false_on_nonleaf": _d("""\
        x = torch.tensor([1.], requires_grad=True)
        y = x * 2
        y.requires_grad = False
    """),
    "err_assign_grad_wrong_shape": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        x.grad = torch.ones(3)
    """),
    "err_leaf_inplace_escape": _d("""\
        w = torch.tensor([1., 2.], requires_grad=True)
        w -= 0.1
    """),
    "err_modified_saved_tensor_escape": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x.sigmoid()
        z = y.sum()
        y.zero_()
        print(y._version)
        z.backward()
    """),
    "err_modified_saved_tensor_pow": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        h = x + 0
        y = h ** 2
        h.mul_(3)
        y.sum().backward()
    """),
    "err_grad_none_zero": _d("""\
        x = torch.tensor([1.], requires_grad=True)
        x.grad.zero_()
    """),
    "err_autograd_grad_no_requires_grad": _d("""\
        x = torch.tensor(1., requires_grad=True)
        y = torch.tensor(2.)
        torch.autograd.grad(y, x)
    """),
    "err_inference_tensor_in_autograd": _d("""\
        with torch.inference_mode():
            t = torch.ones(2)
        w = torch.ones(2, requires_grad=True)
        (w * t).sum().backward()
        print(w.grad)
        t.add_(1)
    """),
    "err_item_multi_element": _d("""\
        torch.tensor([1., 2.]).item()
    """),
    "err_bool_multi_element": _d("""\
        t = torch.tensor([1., 2.])
        if t > 0:
            print("never")
    """),
    "err_len_0d": _d("""\
        len(torch.tensor(3.))
    """),
    "err_iter_0d": _d("""\
        for v in torch.tensor(3.):
            print(v)
    """),
    "err_int_multi_element": _d("""\
        int(torch.tensor([1, 2]))
    """),
    "err_ragged_nested_list": _d("""\
        torch.tensor([[1., 2.], [3.]])
    """),
    "err_tensor_from_string": _d("""\
        torch.tensor("abc")
    """),
    "err_negative_dimension": _d("""\
        torch.zeros(2, -1)
    """),
    "err_int_division_by_zero": _d("""\
        torch.tensor([1, 2]) // 0
    """),
    "err_float_division_by_zero_is_inf": _d("""\
        print(torch.tensor([1., -1., 0.]) / 0)
        print(torch.tensor([1, 2]) / torch.tensor([0, 0]))
    """),
    "err_T_on_3d_warns": _d("""\
        t = torch.ones(2, 3, 4)
        print(t.T.shape)
    """),
    "err_no_grad_is_still_enabled_after_error": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        try:
            with torch.no_grad():
                x @ torch.ones(3)
        except RuntimeError as e:
            print(type(e).__name__, e)
        print(torch.is_grad_enabled())
        y = x * 2
        print(y.requires_grad)
    """),
    "err_after_failed_backward_graph_usable": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * x
        try:
            y.backward(torch.ones(5))
        except RuntimeError as e:
            print(type(e).__name__, e)
        y.sum().backward()
        print(x.grad)
    """),
    "err_tensor_attribute_missing": _d("""\
        torch.ones(2).not_a_method()
    """),
    "err_zero_numel_max": _d("""\
        torch.tensor([]).max()
    """),
    "err_setitem_value_shape": SHOW + _d("""\
        t = torch.zeros(2, 3)
        def put(key, value):
            t[key] = value
            return t.sum()
        show(lambda: put(0, torch.ones(2)))
        show(lambda: put(0, torch.ones(3, 1)))
        show(lambda: put(0, torch.ones(1, 1, 2)))
        show(lambda: put(0, torch.ones(1, 3)))
        show(lambda: put((slice(1, None), slice(None, 2)), torch.ones(2, 2)))
        show(lambda: put((Ellipsis, 0), torch.ones(3)))
        show(lambda: put(None, torch.ones(2)))
        show(lambda: put(0, torch.ones(3, 1, dtype=torch.float64)))
        show(lambda: put(t > 2, torch.tensor([1., 2.])))
        show(lambda: put(t == 1, torch.tensor([1., 2.])))
        show(lambda: put(t == 1, torch.ones(2, 3)))
        show(lambda: put([0, 1], torch.ones(1, 2, 2)))
        show(lambda: put((0, [0, 1]), torch.ones(3)))
        show(lambda: put(torch.tensor([True, False, True]), 0))
        show(lambda: put(5, 1))
        show(lambda: put((0, 5), 1))
        show(lambda: put([0, 5], 1))
        print(t)
        s = torch.tensor(1.)
        show(lambda: s.__setitem__(0, 2))
        show(lambda: s.__setitem__(slice(None), 2))
        show(lambda: s[0])
        y = torch.zeros(2, 3, requires_grad=True).clone()
        show(lambda: y.__setitem__(0, torch.ones(2)))
        y[y == 0] = torch.ones(1)
        print(y)
    """),
    "err_setitem_non_tensor_value": "import numpy as np\n" + SHOW + _d("""\
        t = torch.zeros(2, 3)
        def put(value, key=0):
            t[key] = value
            return t
        show(lambda: put([1, 2, 3]))
        show(lambda: put((1, 2, 3)))
        show(lambda: put(None))
        show(lambda: put('a'))
        show(lambda: put({}))
        show(lambda: put(range(3)))
        show(lambda: put(torch.Size([3])))
        show(lambda: put(np.ones(3)))
        show(lambda: put(np.float64(2.5)))
        show(lambda: put(True, 1))
        show(lambda: torch.zeros(2, dtype=torch.int64).__setitem__(0, [1]))
        y = torch.zeros(2, 3, requires_grad=True).clone()
        show(lambda: y.__setitem__(0, [1., 2., 3.]))
        print(y)
    """),
    "err_inplace_pow_floordiv_mod_leaf": _d("""\
        a = torch.ones(3, requires_grad=True)
        for op in ["a **= 2", "a //= 2", "a %= 2"]:
            try:
                exec(op)
            except RuntimeError as e:
                print(type(e).__name__, e)
        print(a)
        b = torch.tensor([5., 7.])
        c = b
        b **= 2
        b //= 3
        b %= 5
        print(b is c, c)
        d = torch.ones(2, requires_grad=True).clone()
        d **= 2
        print(d)
    """),
    "err_inplace_broadcast_copy_fill": SHOW + _d("""\
        a = torch.ones(3)
        show(lambda: a.add_(torch.ones(4)))
        show(lambda: a.mul_(torch.ones(4)))
        show(lambda: a.add_(torch.ones(2, 3)))
        show(lambda: a.copy_(torch.ones(4)))
        show(lambda: a.copy_(torch.ones(2, 3)))
        show(lambda: a.copy_([1, 2, 3]))
        show(lambda: a.copy_(None))
        show(lambda: a.copy_(2.0))
        show(lambda: a.fill_(torch.ones(2)))
        show(lambda: a.fill_(torch.ones(1)))
        show(lambda: a.fill_(None))
        show(lambda: a.fill_('a'))
        show(lambda: a.fill_([1, 2]))
        show(lambda: a.fill_(torch.tensor(4.)))
        show(lambda: a.add_([1, 2, 3]))
        x = torch.ones(3, requires_grad=True).clone()
        show(lambda: x.add_(torch.ones(4)))
        print(x)
    """),
    "err_inplace_on_expanded": SHOW + _d("""\
        for op in ["b.add_(1)", "b.mul_(2)", "b.copy_(torch.zeros(2, 3))", "b.clamp_(0, 0.5)", "b.exp_()",
                   "b.add_(1, alpha=2)", "b.uniform_()", "b[:] = torch.zeros(3)"]:
            a = torch.ones(3)
            b = a.expand(2, 3)
            try:
                exec(op)
            except RuntimeError as e:
                print(op, type(e).__name__, e)
        a = torch.ones(3, 1)
        b = a.expand(3, 4)
        show(lambda: b.__iadd__(1))
        for op in ["b.zero_()", "b.fill_(2.)", "b[0] = 5", "b[0, 1] = 7", "b[0] = torch.tensor(6.)",
                   "b[0] = torch.tensor([1., 2., 3.])"]:
            a = torch.ones(3)
            b = a.expand(2, 3)
            exec(op)
            print(op, a, b)
        a = torch.ones(1)
        a.expand(3).zero_()
        print(a)
        x = torch.ones(3, requires_grad=True).clone()
        e = x.expand(2, 3)
        e.zero_()
        print(x, e)
    """),
    "err_non_tensor_operands": _d("""\
        import numpy as np
        t = torch.ones(3)
        cases = [
            "t + [1, 2, 3]", "[1, 2, 3] + t", "t + (1, 2, 3)", "t - [1, 2, 3]", "[1, 2, 3] - t",
            "t * [1, 2]", "t / [1, 2, 3]", "[1, 2, 3] / t", "t // [1, 2, 3]", "t % [1, 2, 3]",
            "t + 'a'", "'a' + t", "t + None", "t ** 'a'", "'a' ** t", "t ** [2]",
            "t @ 2", "2 @ t", "t @ [1., 2., 3.]", "[1., 2., 3.] @ t",
            "t < 'a'", "t == 'a'", "t != 'a'", "t > [1, 2, 3]", "t == [1, 1, 1]", "t > (1, 2, 3)",
            "t > None", "t == None", "t != None", "t.eq([1, 1, 1])", "t.gt('a')", "t.lt(None)",
            "t + np.float64(2.)", "t * np.float32(2.)", "t + True",
        ]
        for c in cases:
            attempt(c, lambda: eval(c))
    """),
    "err_non_tensor_function_args": _d("""\
        t = torch.ones(2)
        cases = [
            "torch.exp(1.0)", "torch.exp([1., 2.])", "torch.relu([1., -1.])", "F.relu([1., 2.])",
            "torch.abs(-1)", "torch.sigmoid(None)", "torch.tanh('a')", "torch.sqrt(2)", "torch.neg([1])",
            "torch.sign([1])", "torch.floor([1.])", "torch.add([1, 2], 1)", "torch.add(1, t)", "torch.add(t, None)",
            "torch.mul(t, 'a')", "torch.mul(None, t)", "torch.mul(2, t)", "torch.div([1., 2.], 2)", "torch.div(t, [1])",
            "torch.sub(t, [1., 2.])", "torch.sub(1, t)", "torch.maximum(t, [1., 2.])", "torch.maximum([1., 2.], t)",
            "torch.maximum(t, 2)", "torch.minimum(2, t)", "torch.pow([1., 2.], 2)", "torch.pow(t, [1., 2.])",
            "torch.pow(2, t)", "t.add([1, 2])", "t.mul('a')", "t.sub(None)", "t.div([2])", "t.maximum(2)",
            "t.pow([2])", "t.remainder([2])", "t.add_([1, 2])", "t.mul_(None)",
        ]
        for c in cases:
            attempt(c, lambda: eval(c))
    """),
    "err_cat_stack_arguments": _d("""\
        import numpy as np
        t = torch.ones(2)
        cases = [
            "torch.cat([t, 1.0])", "torch.cat([1.0, t])", "torch.cat(t)", "torch.cat(5)", "torch.stack(t)",
            "torch.stack([1.0, 2.0])", "torch.stack([t, [1., 2.]])", "torch.cat((t, None))",
            "torch.cat([t, np.ones(2)])", "torch.cat([])", "torch.stack([])",
        ]
        for c in cases:
            attempt(c, lambda: eval(c))
    """),
    "err_cat_stack_promotion": _d("""\
        i64 = torch.ones(2, dtype=torch.int64)
        print(torch.cat([torch.ones(2), i64]).dtype, torch.cat([i64, torch.ones(2)]).dtype)
        print(torch.stack([torch.ones(2), i64]).dtype)
        print(torch.cat([torch.ones(2, dtype=torch.int32), torch.ones(2, dtype=torch.float16)]))
        print(torch.stack([torch.ones(2, dtype=torch.int32), torch.ones(2, dtype=torch.float16)]))
        print(torch.cat([torch.ones(2, dtype=torch.bool), torch.ones(2, dtype=torch.uint8)]))
        print(torch.cat([torch.ones(2, dtype=torch.int8), torch.ones(2, dtype=torch.uint8)]))
        print(torch.stack([torch.tensor(1), torch.tensor(2.)]))
        x = torch.ones(2, requires_grad=True)
        y = torch.cat([x, i64])
        print(y)
        y.sum().backward()
        print(x.grad)
        print(torch.stack([x, i64]))
    """),
    "err_remainder_floor_divide": _d("""\
        print(2 % torch.tensor([1, 2, 3]), 2.5 % torch.tensor([1, 2, 3]), True % torch.tensor([1, 2, 3]))
        print(-7 % torch.tensor([2., -3.]), torch.tensor([5, -7]).fmod(3), torch.tensor([5, -7]).fmod(2.5))
        x = torch.tensor([1.5, -2.5], requires_grad=True)
        y = x % 2
        print(y, y.grad_fn.next_functions[0][0].__class__.__name__)
        y.sum().backward()
        print(x.grad)
        x.grad = None
        w = torch.tensor([1., 2.], requires_grad=True)
        z = x.remainder(w)
        print(z)
        z.sum().backward()
        print(x.grad, w.grad)
        x.grad = w.grad = None
        f = x.fmod(w)
        print(f, x.fmod(2))
        f.sum().backward()
        print(x.grad, w.grad)
        for expr in ["2 % x", "x // 2", "2 // x", "x.floor_divide(2)"]:
            r = eval(expr)
            print(expr, r, r.grad_fn.name())
            try:
                r.sum().backward()
            except RuntimeError as e:
                print(type(e).__name__, e)
        print(torch.div(x, 2, rounding_mode='floor'))
        for expr in ["torch.tensor([5, 7]) % 0", "torch.tensor([5., 7.]) % 0", "torch.tensor([5, -7]).fmod(0)",
                     "torch.tensor([True]) % torch.tensor([True])", "torch.tensor([True]) // torch.tensor([True])",
                     "torch.ones(2) % [1, 2]"]:
            attempt(expr, lambda: eval(expr))
    """),
    "err_clamp_int_float_bounds": _d("""\
        a = torch.tensor([1, 5, 10])
        print(torch.clamp(a, 1.5, 3.5), a.clamp(max=7.5), a.clamp(min=0.5), a.clamp(2, 7))
        print(a.int().clamp(2.5, 7), a.clamp_min(0.5), a.clamp_max(2.5))
        print(torch.tensor([1., 5.], dtype=torch.float16).clamp(2.5, 3))
        m = torch.tensor([True, False])
        print(torch.clamp(m, 0, 1), m.clamp(min=1), m.clamp(min=0.5), m.clamp(0, True))
        cases = [
            "a.clone().clamp_(0.5, 2.5)", "a.clone().clamp_(0.5)", "a.clone().clamp_min_(0.)", "a.clone().clamp_max_(2.5)",
            "a.int().clamp_(0.5, 2.5)", "a.to(torch.int16).clamp_min_(0.5)", "a.to(torch.int8).clamp_max_(1.5)",
            "a.to(torch.uint8).clamp_(0.5, 2.5)", "m.clone().clamp_(0.5, 2.5)", "a.clone().add_(0.5)",
            "a.clone().clamp_(1, 2)", "m.clamp(True, False)", "m.clamp(max=True)", "m.clamp_min(True)",
            "torch.clamp(torch.ones(3), min=torch.zeros(2))", "torch.clamp_min(torch.ones(3), None)",
            "a.clamp(torch.tensor(2.5))",
        ]
        for c in cases:
            attempt(c, lambda: eval(c))
    """),
    "err_bool_tensor_ops": _d("""\
        m = torch.tensor([True, False])
        cases = [
            "m ** m", "m ** True", "m ** False", "m ** 2", "m ** 2.5", "2 ** m", "True ** m", "abs(m)", "torch.abs(m)",
            "torch.relu(m)", "F.relu(m)", "nn.ReLU()(m)", "m.clone().relu_()", "F.relu(m.clone(), inplace=True)",
            "m.sign()", "m.floor()", "m.ceil()", "m.round()", "m.trunc()", "m // m", "m % m", "m.square()",
            "m.logical_not()", "torch.tensor([1, 2, 0]).logical_not()", "torch.tensor([1., 0.]).logical_not()",
            "torch.tensor([0, 2], dtype=torch.uint8).logical_not()", "~torch.tensor([1, 2])",
        ]
        for c in cases:
            attempt(c, lambda: eval(c))
    """),
    "err_broadcast_shapes_message": _d("""\
        cases = [
            "((2,), (3,))", "((2, 3), (3,), (4, 1, 1))", "((2, 3), (4, 3))", "((5, 1, 3), (2, 4))", "(2, 3)",
            "((1, 2), (3, 1))", "()", "((2, 3), torch.Size([1, 3]))", "((-1,), (3,))", "((2,), (0,))",
            "((2, 3), [4, 3])", "(torch.Size([2]), torch.Size([3]))", "((2, 3), (2, 4), (2, 3))",
        ]
        for c in cases:
            attempt(c, lambda: eval("torch.broadcast_shapes" + (c if c.startswith("((") or c == "()" else c)))
        try:
            F.binary_cross_entropy(torch.tensor([0.5, 0.5]), torch.tensor([1., 0.]), weight=torch.ones(3))
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "err_setitem_expanded_index_put_warns": _d("""\
        for op in ["b[[0]] = 7", "b[b > 0] = 7", "b[b > 0] = torch.tensor(7.)", "b[b > 0] = torch.ones(6)",
                   "b[0, [1]] = 5", "b[:, a > 0] = 3", "b[0] = 4"]:
            a = torch.ones(3)
            b = a.expand(2, 3)
            exec(op)
            print(op, a)
    """),
    "err_non_tensor_method_other": _d("""\
        t = torch.ones(2)
        for c in ["t.reshape_as([1, 2])", "t.view_as(None)", "t.expand_as((2, 2))", "t.type_as(1.0)",
                  "t.equal([1., 1.])", "t.allclose([1., 1.])", "t.isclose(1.0)", "t.logical_and([1, 1])",
                  "t.logical_or(None)", "t.fmod([2])", "t.floor_divide(None)", "t.allclose(torch.ones(2), 1e-3)",
                  "t.view_as(torch.ones(2, 1))", "t.type_as(torch.ones(1, dtype=torch.float64))"]:
            attempt(c, lambda: eval(c))
    """),
}
