"""Errors: exception type and message (escaping the program, or caught and
printed), and that state is still fine afterwards."""

from textwrap import dedent as _d

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
}
