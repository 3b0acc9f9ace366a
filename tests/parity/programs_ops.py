"""Every differentiable op: printed result, grad_fn, next_functions, gradients."""

from textwrap import dedent as _d

PROGRAMS = {}


def _unary(name, init, expr, backward="y.sum().backward()"):
    PROGRAMS[name] = _d(f"""\
        x = torch.tensor({init}, requires_grad=True)
        y = {expr}
        print(y)
        print(y.grad_fn)
        print(y.grad_fn.next_functions)
        {backward}
        print(x.grad)
    """)


def _binary(name, a, b, expr):
    PROGRAMS[name] = _d(f"""\
        a = torch.tensor({a}, requires_grad=True)
        b = torch.tensor({b}, requires_grad=True)
        y = {expr}
        print(y)
        print(y.grad_fn.name(), y.grad_fn.next_functions)
        y.sum().backward()
        print(a.grad)
        print(b.grad)
    """)


# ---------------------------------------------------------------- arithmetic
_binary("op_add_tensors", "[1., 2., 3.]", "[4., 5., 6.]", "a + b")
_binary("op_sub_tensors", "[1., 2., 3.]", "[4., 5., 6.]", "a - b")
_binary("op_mul_tensors", "[1., 2., 3.]", "[4., 5., 6.]", "a * b")
_binary("op_div_tensors", "[1., 2., 3.]", "[4., 5., 8.]", "a / b")
_binary("op_pow_tensors", "[1., 2., 3.]", "[2., 0.5, 1.]", "a ** b")
_binary("op_add_alpha", "[1., 2.]", "[3., 4.]", "torch.add(a, b, alpha=2)")
_binary("op_sub_alpha", "[1., 2.]", "[3., 4.]", "torch.sub(a, b, alpha=3)")
PROGRAMS["op_add_alpha_rounds_once"] = _d("""\
    # PyTorch fuses a + alpha * b into one multiply-add: the last bit shows in tolist().
    torch.manual_seed(0)
    for dtype in (torch.float32, torch.float64):
        a = torch.randn(64, dtype=dtype)
        b = torch.randn(64, dtype=dtype)
        print(torch.add(a, b, alpha=0.1).tolist())
        print(torch.sub(a, b, alpha=-3.7).tolist())
        w = a.clone()
        w.add_(b, alpha=-0.01)
        print(w.tolist())
        print(torch.add(a.reshape(4, 16), b[:16], alpha=0.3).tolist())
""")
_binary("op_maximum", "[1., 5., 3.]", "[4., 2., 3.]", "torch.maximum(a, b)")
_binary("op_minimum", "[1., 5., 3.]", "[4., 2., 3.]", "torch.minimum(a, b)")
_binary("op_mul_method", "[1., 2.]", "[3., 4.]", "a.mul(b)")
_binary("op_div_function", "[1., 2.]", "[4., 8.]", "torch.div(a, b)")
_binary("op_chain_mixed", "[1., 2.]", "[3., 4.]", "(a + b) * (a - b) / b")

_unary("op_add_scalar_right", "[1., 2.]", "x + 2")
_unary("op_add_scalar_left", "[1., 2.]", "2 + x")
_unary("op_sub_scalar_right", "[1., 2.]", "x - 2")
_unary("op_sub_scalar_left", "[1., 2.]", "2 - x")
_unary("op_mul_scalar_right", "[1., 2.]", "x * 3")
_unary("op_mul_scalar_left", "[1., 2.]", "3 * x")
_unary("op_div_scalar_right", "[1., 2.]", "x / 4")
_unary("op_div_scalar_left", "[1., 2.]", "4 / x")
_unary("op_pow_scalar_right", "[1., 2., 3.]", "x ** 2")
_unary("op_pow_scalar_left", "[1., 2., 3.]", "2 ** x")
_unary("op_pow_fractional", "[1., 4., 9.]", "x ** 0.5")
_unary("op_pow_negative", "[1., 2., 4.]", "x ** -1")
_unary("op_pow_zero_exponent", "[1., 2.]", "x ** 0")
_unary("op_pow_method", "[1., 2., 3.]", "x.pow(3)")
_unary("op_torch_pow", "[1., 2., 3.]", "torch.pow(x, 2)")
_unary("op_add_float_int_scalar", "[1., 2.]", "x + 1 + 0.5")
_unary("op_add_zero_dim_tensor", "[1., 2.]", "x + torch.tensor(3.)")

# ---------------------------------------------------------------- unary math
_unary("op_neg", "[1., -2., 0.]", "-x")
_unary("op_neg_method", "[1., -2.]", "x.neg()")
_unary("op_abs", "[-2., 0., 3.]", "x.abs()")
_unary("op_abs_function", "[-1.5, 2.]", "torch.abs(x)")
_unary("op_exp", "[0., 1., -1.]", "x.exp()")
_unary("op_exp_function", "[0., 0.5]", "torch.exp(x)")
_unary("op_log", "[1., 2., 0.5]", "x.log()")
_unary("op_log_function", "[1., 4.]", "torch.log(x)")
_unary("op_sqrt", "[1., 4., 9.]", "x.sqrt()")
_unary("op_sqrt_function", "[0.25, 16.]", "torch.sqrt(x)")
_unary("op_sin", "[0., 1., 2.]", "x.sin()")
_unary("op_cos", "[0., 1., 2.]", "torch.cos(x)")
_unary("op_tanh", "[-1., 0., 1.]", "x.tanh()")
_unary("op_tanh_function", "[0.5, 2.]", "torch.tanh(x)")
_unary("op_sigmoid", "[-1., 0., 2.]", "x.sigmoid()")
_unary("op_sigmoid_function", "[0., 1.]", "torch.sigmoid(x)")
_unary("op_relu", "[-1., 0., 2.]", "x.relu()")
_unary("op_relu_function", "[-3., 3.]", "torch.relu(x)")
_unary("op_reciprocal", "[1., 2., 4.]", "x.reciprocal()")
_unary("op_square", "[1., -2., 3.]", "x.square()")
_unary("op_clamp_both", "[-2., -1., 0., 1., 2.]", "x.clamp(-1, 1)")
_unary("op_clamp_min_only", "[-2., 0., 2.]", "x.clamp(min=0)")
_unary("op_clamp_max_only", "[-2., 0., 2.]", "torch.clamp(x, max=1.)")
_unary("op_clamp_min_method", "[-2., 3.]", "x.clamp_min(0.5)")
_unary("op_sign", "[-2., 0., 3.]", "x.sign()")
_unary("op_exp_log_chain", "[1.5, 2.5]", "x.exp().log()")
_unary("op_sin_times_x", "[0.5, 1.5]", "x.sin() * x")

# ---------------------------------------------------------------- where
PROGRAMS["op_where_tensors"] = _d("""\
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    b = torch.tensor([10., 20., 30.], requires_grad=True)
    y = torch.where(a > 1.5, a, b)
    print(y)
    print(y.grad_fn.name(), y.grad_fn.next_functions)
    y.sum().backward()
    print(a.grad, b.grad)
""")
PROGRAMS["op_where_scalar_branch"] = _d("""\
    x = torch.tensor([-1., 2., -3.], requires_grad=True)
    y = torch.where(x > 0, x, 0.)
    print(y)
    y.sum().backward()
    print(x.grad)
""")
PROGRAMS["op_where_method_and_condition_only"] = _d("""\
    x = torch.tensor([1., -2., 3.])
    print(x.where(x > 0, torch.tensor(0.)))
    print(torch.where(x > 0))
""")

# ---------------------------------------------------------------- reductions
_unary("red_sum_all", "[[1., 2.], [3., 4.]]", "x.sum()", "y.backward()")
_unary("red_sum_dim0", "[[1., 2.], [3., 4.]]", "x.sum(dim=0)")
_unary("red_sum_dim1_keepdim", "[[1., 2.], [3., 4.]]", "x.sum(1, keepdim=True)")
_unary("red_sum_negative_dim", "[[1., 2., 3.], [4., 5., 6.]]", "x.sum(-1)")
_unary("red_sum_tuple_dims", "[[[1., 2.], [3., 4.]], [[5., 6.], [7., 8.]]]", "x.sum((0, 2))")
_unary("red_torch_sum", "[1., 2., 3.]", "torch.sum(x)", "y.backward()")
_unary("red_mean_all", "[[1., 2.], [3., 5.]]", "x.mean()", "y.backward()")
_unary("red_mean_dim", "[[1., 2.], [3., 5.]]", "x.mean(0)")
_unary("red_mean_keepdim", "[[1., 2.], [3., 5.]]", "x.mean(dim=1, keepdim=True)")
_unary("red_prod_all", "[1., 2., 3., 4.]", "x.prod()", "y.backward()")
_unary("red_prod_with_zero", "[2., 0., 3.]", "x.prod()", "y.backward()")
_unary("red_prod_dim", "[[1., 2.], [3., 4.]]", "x.prod(1)")
_unary("red_max_all", "[1., 5., 3.]", "x.max()", "y.backward()")
_unary("red_max_all_ties", "[5., 1., 5.]", "x.max()", "y.backward()")
_unary("red_min_all", "[4., 1., 3.]", "x.min()", "y.backward()")
_unary("red_var_all", "[1., 2., 3., 4.]", "x.var()", "y.backward()")
_unary("red_var_unbiased_false", "[1., 2., 3., 4.]", "x.var(unbiased=False)", "y.backward()")
_unary("red_var_dim", "[[1., 2., 4.], [2., 2., 2.]]", "x.var(dim=1)")
_unary("red_std_all", "[1., 2., 3., 4.]", "x.std()", "y.backward()")
_unary("red_std_dim_keepdim", "[[1., 3.], [2., 6.]]", "x.std(0, keepdim=True)")
_unary("red_std_correction0", "[1., 2., 3., 4.]", "x.std(correction=0)", "y.backward()")
_unary("red_norm_default", "[3., 4.]", "x.norm()", "y.backward()")
_unary("red_norm_p1", "[3., -4.]", "x.norm(p=1)", "y.backward()")
_unary("red_norm_dim", "[[3., 4.], [6., 8.]]", "x.norm(dim=1)")
_unary("red_torch_norm", "[1., 2., 2.]", "torch.norm(x)", "y.backward()")
_unary("red_mean_of_square", "[1., 2., 3.]", "(x ** 2).mean()", "y.backward()")

PROGRAMS["red_max_dim_namedtuple"] = _d("""\
    x = torch.tensor([[1., 7., 3.], [9., 2., 4.]], requires_grad=True)
    r = x.max(dim=1)
    print(r)
    print(type(r).__name__)
    print(r.values, r.indices)
    print(r[0], r[1])
    values, indices = r
    print(values.grad_fn.name(), indices.dtype, indices.requires_grad)
    values.sum().backward()
    print(x.grad)
""")
PROGRAMS["red_max_dim_keepdim"] = _d("""\
    x = torch.tensor([[1., 7.], [9., 2.]], requires_grad=True)
    v, i = torch.max(x, 0, keepdim=True)
    print(v)
    print(i)
    (v * torch.tensor([[1., 10.]])).sum().backward()
    print(x.grad)
""")
PROGRAMS["red_min_dim_namedtuple"] = _d("""\
    x = torch.tensor([[4., 2.], [1., 3.]], requires_grad=True)
    r = torch.min(x, dim=0)
    print(r)
    r.values.sum().backward()
    print(x.grad)
""")
PROGRAMS["red_max_min_int_tensor"] = _d("""\
    t = torch.tensor([[3, 1], [2, 5]])
    print(t.max(), t.min())
    print(t.max(0))
    print(t.argmax(), t.argmin(dim=1))
""")
PROGRAMS["red_argmax"] = _d("""\
    x = torch.tensor([[1., 7., 3.], [9., 2., 4.]])
    print(x.argmax(), x.argmax(dim=1), x.argmax(0, keepdim=True))
    print(torch.argmax(x, dim=0))
""")
PROGRAMS["red_max_two_tensors"] = _d("""\
    a = torch.tensor([1., 5.], requires_grad=True)
    b = torch.tensor([3., 2.], requires_grad=True)
    y = torch.max(a, b)
    print(y)
    y.sum().backward()
    print(a.grad, b.grad)
""")

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

# ---------------------------------------------------------------- softmax
PROGRAMS["softmax_torch"] = _d("""\
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = torch.softmax(x, dim=0)
    print(y)
    print(y.grad_fn, y.grad_fn.next_functions)
    (y * torch.tensor([1., 0., 0.])).sum().backward()
    print(x.grad)
""")
PROGRAMS["softmax_method_2d"] = _d("""\
    x = torch.tensor([[1., 2.], [3., 5.]], requires_grad=True)
    y = x.softmax(dim=1)
    print(y)
    y[:, 0].sum().backward()
    print(x.grad)
""")
PROGRAMS["softmax_F"] = _d("""\
    x = torch.tensor([[0., 1., 2.]], requires_grad=True)
    y = F.softmax(x, dim=-1)
    print(y, y.grad_fn.name())
""")
PROGRAMS["log_softmax_torch"] = _d("""\
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = torch.log_softmax(x, dim=0)
    print(y)
    print(y.grad_fn, y.grad_fn.next_functions)
    y[2].backward()
    print(x.grad)
""")
PROGRAMS["log_softmax_F_dim0"] = _d("""\
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y = F.log_softmax(x, dim=0)
    print(y)
    y.sum().backward()
    print(x.grad)
""")
PROGRAMS["softmax_large_values_stable"] = _d("""\
    x = torch.tensor([1000., 1001., 1002.])
    print(torch.softmax(x, 0))
    print(torch.log_softmax(x, 0))
""")

# ---------------------------------------------------------------- broadcasting grads
PROGRAMS["bcast_row_vector_grad"] = _d("""\
    a = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    b = torch.tensor([10., 20., 30.], requires_grad=True)
    y = a + b
    print(y)
    y.sum().backward()
    print(a.grad)
    print(b.grad)
""")
PROGRAMS["bcast_column_times_row"] = _d("""\
    a = torch.tensor([[1.], [2.]], requires_grad=True)
    b = torch.tensor([[1., 10., 100.]], requires_grad=True)
    y = a * b
    print(y)
    y.sum().backward()
    print(a.grad)
    print(b.grad)
""")
PROGRAMS["bcast_zero_dim_tensor"] = _d("""\
    s = torch.tensor(2., requires_grad=True)
    v = torch.tensor([1., 2., 3.], requires_grad=True)
    y = s * v
    print(y)
    y.sum().backward()
    print(s.grad, s.grad.shape)
    print(v.grad)
""")
PROGRAMS["bcast_keepdim_mean"] = _d("""\
    x = torch.tensor([[1., 2.], [3., 6.]], requires_grad=True)
    y = x - x.mean(dim=1, keepdim=True)
    print(y)
    (y ** 2).sum().backward()
    print(x.grad)
""")
PROGRAMS["bcast_3d_shapes"] = _d("""\
    a = torch.ones(2, 1, 3, requires_grad=True)
    b = torch.ones(4, 1, requires_grad=True)
    y = a * b
    print(y.shape)
    y.sum().backward()
    print(a.grad)
    print(b.grad)
""")
PROGRAMS["bcast_divide_by_row"] = _d("""\
    x = torch.tensor([[2., 4.], [6., 8.]], requires_grad=True)
    d = torch.tensor([2., 4.], requires_grad=True)
    y = x / d
    print(y)
    y.sum().backward()
    print(x.grad)
    print(d.grad)
""")
PROGRAMS["bcast_plain_shapes"] = _d("""\
    print((torch.ones(3, 1) + torch.ones(1, 4)).shape)
    print((torch.ones(5, 1, 2) * torch.ones(3, 1)).shape)
    print(torch.broadcast_shapes((2, 1), (1, 3)))
""")

# ---------------------------------------------------------------- in-place
PROGRAMS["inplace_add_plain_version"] = _d("""\
    t = torch.tensor([1., 2.])
    print(t._version)
    t.add_(1)
    print(t, t._version)
    t += 1
    print(t, t._version)
    t.mul_(2)
    t.sub_(1)
    t.div_(2)
    print(t, t._version)
""")
PROGRAMS["inplace_returns_self"] = _d("""\
    t = torch.tensor([1., 2.])
    r = t.add_(5)
    print(r is t, t)
    u = t
    u *= 2
    print(u is t, t)
""")
PROGRAMS["inplace_on_nonleaf_grad_fn"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    print(y.grad_fn.name(), y._version, y.is_leaf)
    y.add_(1)
    print(y, y._version, y.is_leaf)
    print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
    y.sum().backward()
    print(x.grad)
""")
PROGRAMS["inplace_iadd_nonleaf"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x + 0
    y += 3
    print(y)
    y -= 1
    print(y)
    y *= 2
    print(y)
    y /= 4
    print(y, y._version)
    y.sum().backward()
    print(x.grad)
""")
PROGRAMS["inplace_mul_div_nonleaf_grad"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x + 1
    y.mul_(x)
    print(y.grad_fn.name())
    z = x * 1
    z.div_(torch.tensor([2., 4.]))
    print(z.grad_fn.name())
    (y.sum() + z.sum()).backward()
    print(x.grad)
""")
PROGRAMS["inplace_zero_fill"] = _d("""\
    t = torch.tensor([1., 2., 3.])
    t.zero_()
    print(t, t._version)
    t.fill_(7)
    print(t, t._version)
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 3
    y.fill_(2.)
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
""")
PROGRAMS["inplace_zero_on_nonleaf"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x + 1
    y.zero_()
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
""")
PROGRAMS["inplace_clamp"] = _d("""\
    t = torch.tensor([-2., 0.5, 3.])
    t.clamp_(0, 1)
    print(t, t._version)
    x = torch.tensor([-2., 0.5, 3.], requires_grad=True)
    y = x * 1
    y.clamp_(min=0)
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
""")
PROGRAMS["inplace_copy"] = _d("""\
    t = torch.zeros(3)
    t.copy_(torch.tensor([1., 2., 3.]))
    print(t, t._version)
    t.copy_(torch.tensor(5.))
    print(t)
    i = torch.zeros(2, dtype=torch.int64)
    i.copy_(torch.tensor([1.7, 2.2]))
    print(i)
""")
PROGRAMS["inplace_copy_grad_flows"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    buf = torch.zeros(2)
    buf.copy_(x * 3)
    print(buf, buf.requires_grad, buf.is_leaf, buf.grad_fn.name())
    buf.sum().backward()
    print(x.grad)
""")
PROGRAMS["inplace_on_leaf_under_no_grad"] = _d("""\
    w = torch.tensor([1., 2.], requires_grad=True)
    with torch.no_grad():
        w -= 0.5 * torch.tensor([1., 1.])
    print(w, w.is_leaf, w.grad_fn, w._version)
    with torch.no_grad():
        w.add_(1.)
        w.mul_(2.)
    print(w, w.is_leaf, w._version)
""")
PROGRAMS["inplace_on_view_of_nonleaf"] = _d("""\
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 1
    v = y[1:]
    v.mul_(10)
    print(y)
    print(y.grad_fn.name(), v.grad_fn.name())
    y.sum().backward()
    print(x.grad)
""")
PROGRAMS["inplace_view_version_shared"] = _d("""\
    a = torch.tensor([1., 2., 3., 4.])
    b = a.view(2, 2)
    b.add_(1)
    print(a._version, b._version)
    a[0] = 0.
    print(a._version, b._version)
""")
PROGRAMS["inplace_on_int_tensor"] = _d("""\
    t = torch.tensor([1, 2, 3])
    t += 1
    t *= 2
    print(t, t.dtype)
    t.fill_(0)
    print(t)
""")
PROGRAMS["inplace_sigmoid_exp_methods"] = _d("""\
    t = torch.tensor([0., 1.])
    t.exp_()
    print(t)
    t.neg_()
    print(t)
    u = torch.tensor([-1., 4.])
    u.abs_().sqrt_()
    print(u)
""")

PROGRAMS["op_numpy_scalars_are_numbers"] = _d("""\
    # A numpy scalar (np.sqrt, np.float32(...)) is taken as a Python number, recorded or not.
    import numpy as np
    x = torch.tensor([1., 2.], requires_grad=True)
    for s in (np.sqrt(2.0), np.float32(0.5), np.int64(3)):
        for y in (x * s, s * x, x / s, s / x, x - s, s - x, x ** s, x.add(s, alpha=np.float64(2))):
            print(y, y.grad_fn.next_functions)
    y = x * np.float32(0.5)
    print(y.grad_fn._saved_other, (x * True).grad_fn._saved_other, (x * np.int64(3)).grad_fn._saved_other)
    print(x * np.bool_(True), np.bool_(False) + x)
    (x * np.sqrt(2.0) / np.float32(4)).sum().backward()
    print(x.grad)
    n = torch.tensor([1, 2])
    print(n * np.float64(2), n + np.int64(1), n / np.int64(2))
    with torch.no_grad():
        print(x * np.float32(3), x.clamp(np.float64(1.5)))
""")

PROGRAMS["op_bool_subtraction_and_negation_refused"] = _d("""\
    m = torch.tensor([True, False])
    x = torch.ones(2)
    for f in (lambda: m - 1, lambda: 1 - m, lambda: x - True, lambda: True - x, lambda: m - m,
              lambda: x.sub(m), lambda: m - x, lambda: torch.rsub(x, True), lambda: m - True,
              lambda: x.clone().sub_(m), lambda: -m, lambda: m.neg()):
        try:
            print(f())
        except RuntimeError as e:
            print(e)
    x -= 1
    print(x + True, m + m, ~m, x)
""")

PROGRAMS["op_integer_casts_leave_the_graph"] = _d("""\
    x = torch.tensor([1.5, -2.5], requires_grad=True)
    for y in (x.long(), x.int(), x.bool(), x.to(torch.int64), x.long().float(), x.argmax(), x.double(), x.float()):
        print(y, y.requires_grad, y.grad_fn is None)
""")

PROGRAMS["op_dtype_arguments_as_python_types_and_legacy_types"] = _d("""\
    x = torch.tensor([1.5, 2.], requires_grad=True)
    print(x.to(float), x.to(dtype=int), x.to(bool), x.type(torch.LongTensor), x.type("torch.IntTensor"))
    print(x.sum(dtype=float), x.mean(dtype=torch.float64))
    y = torch.cumsum(x, 0, dtype=torch.float64)
    print(y, y.grad_fn.next_functions[0][0].name())
    y.sum().backward()
    print(x.grad)
    for bad in (float, "float"):
        try:
            x.type(bad)
        except ValueError as e:
            print(e)
""")

PROGRAMS["op_div_rounding_modes"] = _d("""\
    x = torch.tensor([1.5, -2.5, 7.], requires_grad=True)
    o = torch.tensor([2., 2., -2.], requires_grad=True)
    for mode in ("trunc", "floor"):
        y = torch.div(x, o, rounding_mode=mode)
        print(y, y.grad_fn._saved_rounding_mode, x.div(2, rounding_mode=mode))
        y.sum().backward()
        print(x.grad, o.grad)
        a, b = torch.tensor([5, -5, 7, -7]), torch.tensor([2, 2, -3, -3])
        print(torch.div(a, b, rounding_mode=mode), torch.div(a, 2, rounding_mode=mode), torch.div(a, 2.5, rounding_mode=mode))
    print(torch.div(torch.tensor([5., -3.]), 0., rounding_mode="floor"))
    for bad in ("round", "Trunc"):
        try:
            torch.div(x, 2, rounding_mode=bad)
        except RuntimeError as e:
            print(e)
    try:
        torch.div(torch.tensor([1]), torch.tensor([0]), rounding_mode="trunc")
    except RuntimeError as e:
        print(e)
""")

PROGRAMS["red_dim_none_or_empty_reduces_everything"] = _d("""\
    a = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    for y in (a.sum(dim=None, keepdim=True), a.sum(dim=()), a.sum(dim=[]), a.mean(()), a.mean(dim=None),
              torch.sum(a, ()), a.mean(dim=None, keepdim=True), a.amax(dim=()), a.sum(), a.mean()):
        print(y, y.grad_fn.name())
    print(a.sum(dim=None).grad_fn._saved_dim, a.var(dim=()), a.std(dim=None), a.norm(dim=()))
    a.sum(dim=()).backward()
    print(a.grad)
""")

PROGRAMS["red_max_of_a_tensor_with_nan"] = _d("""\
    a = torch.tensor([1., float('nan'), 3., float('nan')], requires_grad=True)
    m = a.max()
    m.backward()
    print(m, a.grad)
    b = torch.tensor([3., 1., 3.], requires_grad=True)
    b.min().backward()
    b.max().backward()
    print(b.grad)
""")

PROGRAMS["red_norm_minus_inf"] = _d("""\
    a = torch.tensor([1., -2., 0.5], requires_grad=True)
    n = a.norm(p=float('-inf'))
    n.backward()
    print(n, a.grad)
    b = torch.tensor([[1., -2.], [3., 0.5]], requires_grad=True)
    n = b.norm(p=float('-inf'), dim=1)
    n.sum().backward()
    print(n, b.grad, torch.tensor([1., -2., 0.]).norm(p=float('-inf')))
""")

PROGRAMS["red_over_dim_0_of_a_0d_tensor"] = _d("""\
    a = torch.tensor(3., requires_grad=True)
    for y in (a.sum(dim=0), a.mean(0), a.amax(0), a.norm(dim=0), a.logsumexp(0), a.prod(0),
              a.sum(dim=-1, keepdim=True), a.cumsum(0), a.std(0)):
        print(y, y.shape)
    a.cumsum(0).backward()
    a.logsumexp(0).backward()
    print(a.grad)
    try:
        a.sum(1)
    except IndexError as e:
        print(e)
""")

PROGRAMS["red_arg_and_extreme_edge_cases"] = _d("""\
    a = torch.tensor(3., requires_grad=True)
    print(a.argmax(0), a.max(0), a.min(0, keepdim=True))
    a.max(0).values.backward()
    print(a.grad)
    for f in (lambda: torch.ones(0).argmax(), lambda: torch.ones(0, 3).argmax(dim=0), lambda: torch.ones(0, 3).argmin(dim=1),
              lambda: torch.tensor([True, False]).argmax(), lambda: torch.ones(0).amax(), lambda: torch.ones(0).amin(),
              lambda: torch.ones(0, 3).amax(dim=0), lambda: torch.ones(0, 3).amin(dim=0), lambda: torch.ones(0, 3).amax(dim=1)):
        try:
            print(f())
        except (IndexError, RuntimeError) as e:
            print(type(e).__name__, e)
""")

PROGRAMS["op_softmax_with_dtype"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    for y in (x.softmax(0, dtype=torch.float64), torch.softmax(x, 0, dtype=torch.float64),
              torch.log_softmax(x, 0, dtype=torch.float64), F.softmax(x, 0, dtype=torch.float64)):
        print(y, y.grad_fn.next_functions[0][0].name())
    x.log_softmax(0, dtype=torch.float64)[0].backward()
    print(x.grad)
""")

PROGRAMS["red_short_sums_add_in_pytorchs_order"] = _d("""\
    # .item() shows every digit: a short float sum must add its values in PyTorch's order.
    print(torch.arange(0, 1, 0.1).sum().item(), torch.arange(0, 1, 0.1).mean().item())
    x = (torch.arange(37) * 7 % 11 - 5) / 3
    for n in (5, 6, 7, 8, 9, 15, 16, 17, 31, 37):
        v = x[:n].contiguous()
        print(n, v.sum().item(), v.mean().item(), v.double().sum().item(), v.view(1, n).sum(dim=None).item())
    w = ((torch.arange(300) * 13 % 101 - 50) / 7).reshape(20, 15)
    print(w.sum().item(), w.mean().item(), w.double().mean().item())
    print(torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]).sum().item())
""")

PROGRAMS["nan_gradients_of_relu_abs_sign_minmax"] = _d("""\
    # Where an input is nan, PyTorch's formulas decide by comparisons that nan fails.
    nan = float('nan')
    for name, f in [("relu", lambda x: x.relu()), ("F.relu", F.relu), ("abs", torch.abs), ("sign", torch.sign),
                    ("minimum", lambda x: torch.minimum(x, torch.tensor([0., 0., nan]))),
                    ("maximum", lambda x: torch.maximum(x, torch.tensor([0., 0., nan]))),
                    ("max", torch.max), ("amax", torch.amax), ("amin", lambda x: x.amin()),
                    ("amax_dim", lambda x: x.amax(0)), ("max_dim", lambda x: x.max(0).values),
                    ("clamp", lambda x: x.clamp(-1, 1)), ("leaky_relu", lambda x: F.leaky_relu(x, 0.1))]:
        x = torch.tensor([nan, -1., 2.], requires_grad=True)
        y = f(x)
        y.sum().backward()
        print(name, y.detach(), x.grad)
    x = torch.tensor([nan, 0., 1.], requires_grad=True)
    (g,) = torch.autograd.grad(x.relu().sum(), x, create_graph=True)
    print(g, torch.sign(torch.tensor([nan, -0., 0., -2.])))
""")

PROGRAMS["op_trig_inverse_hyperbolic"] = _d("""\
    x = torch.tensor([-0.5, 0.25, 0.75], requires_grad=True)
    for f in (torch.sinh, torch.cosh, torch.asin, torch.acos, torch.atan):
        y = f(x)
        (g,) = torch.autograd.grad(y.sum(), x)
        print(y, g)
    print(torch.tensor([2.]).asin(), torch.tensor([1, 2]).atan())
    y = torch.tensor([1., -1.], requires_grad=True)
    a = torch.atan2(y, torch.tensor([-1., 0.]))
    a.sum().backward()
    print(a, y.grad, y.atan2(torch.tensor(2.)))
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

PROGRAMS["op_hardtanh_relu6_logsigmoid_one_hot"] = _d("""\
    x = torch.tensor([-2., -1., -0.5, 0.5, 1., 7.], requires_grad=True)
    for y in (F.hardtanh(x), F.hardtanh(x, -0.6, 0.6), F.relu6(x * 2), F.logsigmoid(x), nn.Hardtanh(-2, 2)(x), nn.ReLU6()(x), nn.LogSigmoid()(x)):
        (g,) = torch.autograd.grad(y.sum(), x)
        print(y, g)
    y = F.hardtanh(x, -0.6, 0.6)
    print(y.grad_fn._saved_min_val, y.grad_fn._saved_max_val, F.logsigmoid(x).grad_fn._saved_buffer)
    print(nn.Hardtanh(), nn.ReLU6(), nn.Hardtanh(-2, 2), nn.LogSigmoid(), nn.ReLU6(inplace=True))
    print(F.hardtanh(torch.tensor([1, 2])), F.logsigmoid(torch.tensor([-100., 20.])))
    print(F.one_hot(torch.tensor([0, 2, 1])), F.one_hot(torch.tensor([0, 2]), 4), F.one_hot(torch.tensor([[1], [0]])))
    print(F.one_hot(torch.tensor([], dtype=torch.long), 2))
    for f in (lambda: F.one_hot(torch.tensor([0, 3]), 3), lambda: F.one_hot(torch.tensor([0., 1.])),
              lambda: F.one_hot(torch.tensor([-1, 1])), lambda: F.one_hot(torch.tensor([], dtype=torch.long)),
              lambda: F.hardtanh(x, 1., -1.), lambda: nn.Hardtanh(1., -1.)):
        try:
            f()
        except (RuntimeError, ValueError) as e:
            print(type(e).__name__, e)
""")
