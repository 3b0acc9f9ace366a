"""torch.nn beyond the losses: activations (functional and modules), F.linear and nn.Linear,
layer_norm/LayerNorm, embedding/Embedding, batch_norm/BatchNorm1d, normalize, Sequential and
Module subclasses, clip_grad; values, gradients and errors."""

from textwrap import dedent as _d

from ._sources import SHOW, SHOW_DTYPE, SHOW_DTYPE_SHAPE

PROGRAMS = {}


# ------------------------------------------------------------ activations
PROGRAMS["F_relu"] = _d("""\
    x = torch.tensor([-1., 0., 2.], requires_grad=True)
    y = F.relu(x)
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["F_sigmoid"] = _d("""\
    x = torch.tensor([-1., 0., 1.], requires_grad=True)
    y = F.sigmoid(x)
    print(y)
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["F_tanh"] = _d("""\
    x = torch.tensor([-1., 0., 1.], requires_grad=True)
    y = F.tanh(x)
    print(y)
    y.sum().backward()
    print(x.grad)
""")

PROGRAMS["F_softmax_log_softmax_match"] = _d("""\
    x = torch.tensor([[1., 2., 0.5]])
    print(F.softmax(x, dim=1))
    print(F.log_softmax(x, dim=1))
    print(torch.allclose(F.log_softmax(x, dim=1).exp(), F.softmax(x, dim=1)))
""")

# ------------------------------------------------------------ linear
PROGRAMS["F_linear_with_bias"] = _d("""\
    x = torch.tensor([[1., 2.], [3., 4.]])
    w = torch.tensor([[0.5, -1.], [2., 0.]], requires_grad=True)
    b = torch.tensor([0.1, -0.1], requires_grad=True)
    y = F.linear(x, w, b)
    print(y)
    print(y.grad_fn.name(), y.grad_fn.next_functions)
    y.sum().backward()
    print(w.grad)
    print(b.grad)
""")

PROGRAMS["F_linear_no_bias"] = _d("""\
    x = torch.tensor([1., 2.], requires_grad=True)
    w = torch.tensor([[1., 1.], [2., -1.], [0., 3.]], requires_grad=True)
    y = F.linear(x, w)
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(x.grad)
    print(w.grad)
""")

PROGRAMS["F_linear_1d_input_with_bias"] = _d("""\
    x = torch.tensor([1., 2.])
    w = torch.tensor([[3., 4.]], requires_grad=True)
    b = torch.tensor([0.5], requires_grad=True)
    y = F.linear(x, w, b)
    print(y, y.grad_fn.name())
""")

# ------------------------------------------------------------ nn.Linear
PROGRAMS["nn_linear_repr_and_shapes"] = _d("""\
    lin = nn.Linear(3, 2)
    print(lin)
    print(lin.weight.shape, lin.bias.shape)
    print(lin.in_features, lin.out_features)
    print(type(lin.weight).__name__, lin.weight.requires_grad, lin.weight.is_leaf)
    print(isinstance(lin.weight, torch.Tensor), isinstance(lin.weight, nn.Parameter))
    print(nn.Linear(4, 1, bias=False))
    print(nn.Linear(4, 1, bias=False).bias)
""")

PROGRAMS["nn_linear_set_weights_no_grad"] = _d("""\
    lin = nn.Linear(2, 1)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[2., -1.]]))
        lin.bias.fill_(0.5)
    print(lin.weight)
    print(lin.bias)
    x = torch.tensor([[1., 1.], [3., 2.]])
    y = lin(x)
    print(y)
    print(y.grad_fn.name())
""")

PROGRAMS["nn_linear_backward"] = _d("""\
    lin = nn.Linear(2, 2)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[1., 0.], [0.5, -1.]]))
        lin.bias.copy_(torch.tensor([0., 1.]))
    x = torch.tensor([[1., 2.], [3., 4.], [0., 1.]])
    out = lin(x).sum()
    out.backward()
    print(out)
    print(lin.weight.grad)
    print(lin.bias.grad)
""")

PROGRAMS["nn_linear_parameters"] = _d("""\
    lin = nn.Linear(2, 1)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[0.25, 0.75]]))
        lin.bias.zero_()
    for name, p in lin.named_parameters():
        print(name, p.shape, p.requires_grad)
    params = list(lin.parameters())
    print(len(params), params[0] is lin.weight, params[1] is lin.bias)
    print(params[0])
""")

PROGRAMS["nn_parameter_direct"] = _d("""\
    p = nn.Parameter(torch.tensor([1., 2.]))
    print(p)
    print(p.requires_grad, p.is_leaf, p.grad)
    q = nn.Parameter(torch.tensor([1.]), requires_grad=False)
    print(q)
    print(p * 2)
""")

PROGRAMS["nn_linear_input_shape_error"] = _d("""\
    lin = nn.Linear(2, 1)
    lin(torch.ones(1, 3))
""")

PROGRAMS["nn_linear_zero_grad"] = _d("""\
    lin = nn.Linear(2, 1)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[1., 1.]]))
        lin.bias.fill_(0.)
    lin(torch.tensor([[1., 2.]])).sum().backward()
    print(lin.weight.grad)
    lin.zero_grad()
    print(lin.weight.grad, lin.bias.grad)
""")

PROGRAMS["nn_sequential_relu"] = _d("""\
    model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[1., -1.], [0.5, 0.5]]))
        model[0].bias.zero_()
        model[2].weight.copy_(torch.tensor([[2., 1.]]))
        model[2].bias.fill_(0.1)
    print(model)
    out = model(torch.tensor([[1., 2.], [3., 1.]]))
    print(out)
    out.sum().backward()
    print(model[0].weight.grad)
""")

PROGRAMS["nn_module_subclass"] = _d("""\
    class Tiny(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(2, 1)
        def forward(self, x):
            return torch.sigmoid(self.fc(x))
    m = Tiny()
    with torch.no_grad():
        m.fc.weight.copy_(torch.tensor([[1., -1.]]))
        m.fc.bias.zero_()
    print(m)
    y = m(torch.tensor([[2., 1.]]))
    print(y)
    print(sum(p.numel() for p in m.parameters()))
""")

PROGRAMS["F_more_activations_values_names_and_grads"] = _d("""\
    x = torch.tensor([-1.5, 0., 2., 30.], requires_grad=True)
    outs = [F.leaky_relu(x, 0.1), F.gelu(x), F.gelu(x, approximate="tanh"), F.softplus(x), F.elu(x),
            F.silu(x), torch.erf(x)]
    for y in outs:
        print(y, [a for a in dir(y.grad_fn) if a.startswith("_saved")])
    sum(y.sum() for y in outs).backward()
    print(x.grad)
""")

PROGRAMS["nn_more_activation_modules"] = _d("""\
    print(nn.LeakyReLU(0.2), nn.GELU(), nn.GELU("tanh"), nn.SiLU(), nn.Softplus(), nn.ELU())
    print(nn.Sequential(nn.Linear(2, 2), nn.LeakyReLU(), nn.GELU()))
""")

PROGRAMS["nn_utils_clip_grad"] = _d("""\
    w = torch.tensor([[3., 4.], [0., 0.]], requires_grad=True)
    b = torch.tensor([12., 0.], requires_grad=True)
    (w.sum() * 0 + (w * torch.tensor([[3., 4.], [0., 0.]])).sum() + (b * torch.tensor([12., 0.])).sum()).backward()
    print(nn.utils.clip_grad_norm_([w, b], 6.5))
    print(w.grad, b.grad)
    print(nn.utils.clip_grad_norm_([w, b], 100.0, norm_type=float("inf")))
    nn.utils.clip_grad_value_([w, b], 1.0)
    print(w.grad, b.grad)
""")

# ------------------------------------------------------------ dtype and target checks
PROGRAMS["F_linear_mixed_dtypes_refused"] = SHOW_DTYPE + _d("""\
    W, b = torch.ones(4, 3), torch.ones(4)
    d = torch.float64
    show(lambda: F.linear(torch.ones(2, 3, dtype=d), W, b))
    show(lambda: F.linear(torch.tensor([[1, 2, 3], [4, 5, 6]]), W, b))
    show(lambda: F.linear(torch.ones(2, 3, dtype=d), W))
    show(lambda: F.linear(torch.ones(2, 3, dtype=torch.int64), W))
    show(lambda: F.linear(torch.ones(2, 3), W, torch.ones(4, dtype=d)))
    show(lambda: F.linear(torch.ones(2, 3), torch.ones(4, 3, dtype=d), b))
    show(lambda: F.linear(torch.ones(2, 3), torch.ones(4, 3, dtype=d)))
    show(lambda: F.linear(torch.ones(3, dtype=d), W, b))
    show(lambda: F.linear(torch.ones(3), W, torch.ones(4, dtype=d)))
    show(lambda: F.linear(torch.ones(5, 2, 3, dtype=d), W, b))
    show(lambda: F.linear(torch.ones(5, 2, 3), W, torch.ones(4, dtype=d)))
    for dt in (torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool, torch.float16):
        show(lambda: F.linear(torch.ones(2, 3, dtype=dt), W, b))
    show(lambda: F.linear(torch.ones(2, 3, dtype=d), torch.ones(4, 5), b))
    show(lambda: F.linear(torch.ones(2, 3), W, torch.ones(3, dtype=d)))
    show(lambda: F.linear(torch.ones(2, 3, dtype=torch.int64), W.long(), b.long()))
    show(lambda: F.linear(torch.ones(2, 3, dtype=d), W.double(), b.double()))
    lin = nn.Linear(2, 1)
    show(lambda: lin(torch.tensor([[1, 2], [3, 4]])))
    show(lambda: lin(torch.tensor([[1., 2.], [3., 4.]], dtype=d)))
""")

PROGRAMS["F_activations_refuse_integer_input"] = SHOW_DTYPE + _d("""\
    for dt in (torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool):
        x = torch.tensor([[1, 0], [0, 1]], dtype=dt)
        show(lambda: F.softmax(x, dim=1))
        show(lambda: F.softmax(x, dim=0))
        show(lambda: F.log_softmax(x, dim=-1))
        show(lambda: F.log_softmax(x, dim=0))
        show(lambda: F.leaky_relu(x))
        show(lambda: F.gelu(x))
        show(lambda: F.gelu(x, approximate="tanh"))
        show(lambda: F.silu(x))
        show(lambda: F.elu(x))
        show(lambda: F.softplus(x))
    x = torch.tensor([[1, 0], [0, 1]])
    show(lambda: torch.softmax(x, 1))
    show(lambda: torch.log_softmax(x, 0))
    show(lambda: x.softmax(0))
    show(lambda: x.log_softmax(1))
    show(lambda: nn.Softmax(dim=1)(x))
    show(lambda: nn.LogSoftmax(dim=1)(x))
    show(lambda: nn.GELU()(x))
    show(lambda: F.softmax(x, dim=1, dtype=torch.float32))
    show(lambda: F.softmax(torch.ones(2, 2, 2, dtype=torch.int64), dim=1))
    show(lambda: F.softmax(torch.tensor(1), dim=0))
    show(lambda: F.softmax(torch.ones(0), dim=0))
    show(lambda: F.softmax(torch.ones(0, dtype=torch.int64), dim=0))
    show(lambda: F.log_softmax(torch.ones(2, 0), dim=1))
    show(lambda: F.log_softmax(torch.ones(2, 0), dim=0))
    show(lambda: F.elu(torch.ones(0, dtype=torch.int64)))
""")

PROGRAMS["F_linear_and_addmm_rank_errors"] = SHOW_DTYPE_SHAPE + _d("""\
    d = torch.float64
    show(lambda: F.linear(torch.tensor(1.), torch.ones(4, 8)))
    show(lambda: F.linear(torch.tensor(1.), torch.ones(4, 8), torch.ones(4)))
    show(lambda: F.linear(torch.ones(8), torch.tensor(1.)))
    show(lambda: F.linear(torch.ones(2, 8, dtype=d), torch.tensor(1.), torch.ones(4)))
    show(lambda: F.linear(torch.ones(2, 8), torch.ones(8)))
    show(lambda: F.linear(torch.ones(2, 8), torch.ones(8), torch.ones(())))
    show(lambda: F.linear(torch.ones(2, 8), torch.ones(4, 8), torch.ones(1)))
    show(lambda: nn.Linear(3, 2)(torch.tensor(1.)))
    show(lambda: torch.addmm(torch.ones(4), torch.ones(3), torch.ones(3, 4)))
    show(lambda: torch.addmm(torch.ones(4), torch.ones(2, 3), torch.ones(3)))
    show(lambda: torch.addmm(torch.ones(4), torch.ones(2, 3, dtype=d), torch.ones(3)))
    show(lambda: torch.addmm(torch.ones(4, dtype=d), torch.ones(3), torch.ones(3, 4)))
    show(lambda: torch.addmm(torch.ones(4), torch.ones(1, 2, 3), torch.ones(3, 4)))
""")

PROGRAMS["F_softmax_half_last_dim"] = _d("""\
    x = torch.tensor([[1., 0., -2.5, 3.], [0.1, 0.2, 0.3, 0.4], [7., -7., 0.5, 1.5]], dtype=torch.float16)
    print(F.softmax(x, dim=1))
    print(F.softmax(x[0], dim=0))
    print(x.softmax(-1))
""")

# ------------------------------------------------------------ layer_norm
PROGRAMS["F_layer_norm_values_and_node"] = _d("""\
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
    y = F.layer_norm(x, (3,))
    print(y)
    print(y.grad_fn.name(), y.grad_fn.next_functions)
    (y * torch.tensor([1., -2., 0.5])).sum().backward()
    print(x.grad)
""")

PROGRAMS["F_layer_norm_affine_grads_and_saved"] = _d("""\
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
    w = torch.tensor([1., 0.5, 2.], requires_grad=True)
    b = torch.tensor([0., 1., -1.], requires_grad=True)
    y = F.layer_norm(x, [3], w, b, eps=1e-3)
    print(y)
    g = y.grad_fn
    print(g.next_functions)
    print(g._saved_normalized_shape, g._saved_result1, g._saved_result2)
    print(g._saved_weight is None, g._saved_bias is None)
    (y ** 2).sum().backward()
    print(x.grad, w.grad, b.grad, sep="\\n")
""")

PROGRAMS["F_layer_norm_two_dims"] = _d("""\
    x = torch.arange(12.).reshape(2, 2, 3).requires_grad_()
    y = F.layer_norm(x, (2, 3))
    print(y)
    (y * torch.tensor([[1., -2., 0.5], [3., 0., 1.]])).sum().backward()
    print(x.grad)
    print(F.layer_norm(x.double(), (3,)).dtype)
""")

PROGRAMS["F_layer_norm_errors"] = _d("""\
    x = torch.ones(2, 3)
    def show(f):
        try:
            f()
        except Exception as e:
            print(type(e).__name__, e)
    show(lambda: F.layer_norm(x, (4,)))
    show(lambda: F.layer_norm(x, (2,)))
    show(lambda: F.layer_norm(x, (2, 3, 4)))
    show(lambda: F.layer_norm(x, ()))
    show(lambda: F.layer_norm(x, 3))
    show(lambda: F.layer_norm(x, (3,), torch.ones(2)))
    show(lambda: F.layer_norm(x, (3,), None, torch.ones(2, 3)))
    show(lambda: F.layer_norm(torch.tensor([[1, 2, 3]]), (3,)))
    show(lambda: nn.LayerNorm(4)(x))
""")

PROGRAMS["F_layer_norm_wrong_shape_escapes"] = _d("""\
    F.layer_norm(torch.ones(2, 3), (2,))
""")

PROGRAMS["nn_LayerNorm_module"] = _d("""\
    ln = nn.LayerNorm(3)
    print(ln)
    print(ln.weight, ln.bias)
    print(nn.LayerNorm((2, 3), eps=1e-3, elementwise_affine=False))
    print(nn.LayerNorm([2, 3], bias=False))
    print(list(nn.LayerNorm(3, bias=False).state_dict()), nn.LayerNorm(3, elementwise_affine=False).weight)
    print(nn.Sequential(nn.Linear(2, 3), nn.LayerNorm(3)))
    x = torch.tensor([[0.5, 1., -1.], [2., 2., 3.]])
    y = ln(x)
    print(y)
    y[:, 0].sum().backward()
    print(ln.weight.grad, ln.bias.grad)
""")

# ------------------------------------------------------------ embedding
PROGRAMS["F_embedding_lookup_and_grad"] = _d("""\
    w = torch.tensor([[0., 1.], [2., 3.], [4., 5.], [6., 7.]], requires_grad=True)
    idx = torch.tensor([[1, 2], [1, 0]])
    y = F.embedding(idx, w)
    print(y)
    g = y.grad_fn
    print(g.name(), g.next_functions)
    print(g._saved_indices, g._saved_padding_idx, g._saved_weight_sym_argsize_0, g._saved_scale_grad_by_freq, g._saved_sparse)
    (y * torch.tensor([1., 10.])).sum().backward()
    print(w.grad)
""")

PROGRAMS["F_embedding_padding_idx"] = _d("""\
    w = torch.tensor([[0., 1.], [2., 3.], [4., 5.], [6., 7.]], requires_grad=True)
    idx = torch.tensor([0, 3, 3, 1])
    y = F.embedding(idx, w, padding_idx=3)
    print(y, y.grad_fn._saved_padding_idx)
    y.sum().backward()
    print(w.grad)
    print(F.embedding(idx, w, padding_idx=-1).grad_fn._saved_padding_idx)
    print(F.embedding(torch.tensor(2), w))
    print(F.embedding(torch.tensor([1, 2], dtype=torch.int32), w))
""")

PROGRAMS["F_embedding_scale_grad_by_freq"] = _d("""\
    w = torch.tensor([[0., 1.], [2., 3.], [4., 5.]], requires_grad=True)
    y = F.embedding(torch.tensor([0, 2, 0, 0]), w, scale_grad_by_freq=True)
    (y * torch.tensor([[1.], [2.], [3.], [4.]])).sum().backward()
    print(w.grad)
""")

PROGRAMS["F_embedding_errors"] = SHOW + _d("""\
    w = torch.ones(4, 2)
    show(lambda: F.embedding(torch.tensor([4]), w))
    show(lambda: F.embedding(torch.tensor([-1]), w))
    show(lambda: F.embedding(torch.tensor([1.]), w))
    show(lambda: F.embedding(torch.tensor([0]), w[0]))
    show(lambda: F.embedding(torch.tensor([0]), w, padding_idx=4))
    show(lambda: F.embedding(torch.tensor([0]), w, padding_idx=-5))
    show(lambda: nn.Embedding(4, 2, padding_idx=4))
    show(lambda: nn.Embedding(4, 2, padding_idx=-5))
    show(lambda: nn.Embedding(4, 2, _weight=torch.ones(3, 2)))
    show(lambda: nn.Embedding.from_pretrained(torch.ones(4)))
""")

PROGRAMS["F_embedding_index_out_of_range_escapes"] = _d("""\
    emb = nn.Embedding(3, 2)
    emb(torch.tensor([[0, 1], [2, 3]]))
""")

PROGRAMS["nn_Embedding_module"] = _d("""\
    emb = nn.Embedding(5, 3)
    print(emb, emb.num_embeddings, emb.embedding_dim, emb.padding_idx, emb.weight.shape, emb.weight.requires_grad)
    print(nn.Embedding(5, 3, padding_idx=-1), nn.Embedding(5, 3, padding_idx=-1).padding_idx)
    print(nn.Embedding(5, 3, max_norm=1.0), nn.Embedding(5, 3, norm_type=1.0))
    print(nn.Embedding(5, 3, scale_grad_by_freq=True))
    print(list(emb.state_dict()))
    pad = nn.Embedding(4, 2, padding_idx=1)
    print(pad.weight[1])
    with torch.no_grad():
        pad.weight.copy_(torch.tensor([[0., 1.], [0., 0.], [4., 5.], [6., 7.]]))
    out = pad(torch.tensor([[1, 2, 1]]))
    print(out)
    out.sum().backward()
    print(pad.weight.grad)
    pre = nn.Embedding.from_pretrained(torch.tensor([[1., 2.], [3., 4.]]))
    print(pre, pre.weight.requires_grad, pre(torch.tensor([1, 0])))
    print(nn.Embedding.from_pretrained(torch.tensor([[1., 2.]]), freeze=False).weight.requires_grad)
""")

PROGRAMS["F_embedding_max_norm_renormalises_rows"] = _d("""\
    w = torch.tensor([[3., 4.], [0.3, 0.4], [6., 8.]])
    y = F.embedding(torch.tensor([0, 1]), w, max_norm=1.0)
    print(y)
    print(w)
""")

# ------------------------------------------------------------ normalize
PROGRAMS["F_normalize"] = _d("""\
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
    y = F.normalize(x)
    print(y)
    g = y.grad_fn
    print(g.name(), g.next_functions[1][0].name(), g.next_functions[1][0].next_functions[0][0].name(),
          g.next_functions[1][0].next_functions[0][0].next_functions[0][0].name())
    (y * torch.tensor([1., 2., 3.])).sum().backward()
    print(x.grad)
    print(F.normalize(x, p=1, dim=0))
    print(F.normalize(torch.zeros(2, 2)))
    print(F.normalize(torch.tensor([3., 4.]), dim=0))
""")

PROGRAMS["F_normalize_errors"] = SHOW + _d("""\
    show(lambda: F.normalize(torch.tensor([3., 4.])))
    show(lambda: F.normalize(torch.ones(2, 2), dim=2))
    show(lambda: F.normalize(torch.tensor([[1, 2]])))
""")

# ------------------------------------------------------------ batch_norm
PROGRAMS["nn_BatchNorm1d_training"] = _d("""\
    bn = nn.BatchNorm1d(3)
    print(bn)
    print(list(bn.state_dict().items()))
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.], [0.5, 0.5, 2.]], requires_grad=True)
    y = bn(x)
    print(y)
    g = y.grad_fn
    print(g.name(), g.next_functions)
    print(g._saved_eps, g._saved_training, g._saved_result1, g._saved_result2)
    print(g._saved_running_mean, g._saved_running_var)
    print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
    (y * torch.arange(9.).reshape(3, 3)).sum().backward()
    print(x.grad, bn.weight.grad, bn.bias.grad, sep="\\n")
""")

PROGRAMS["nn_BatchNorm1d_eval"] = _d("""\
    bn = nn.BatchNorm1d(3, momentum=0.5)
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.], [0.5, 0.5, 2.]], requires_grad=True)
    bn(x)
    bn(x * 2)
    bn.eval()
    y = bn(x)
    print(y, y.grad_fn.name(), y.grad_fn._saved_training, y.grad_fn._saved_result1)
    print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
    (y * torch.arange(9.).reshape(3, 3)).sum().backward()
    print(x.grad, bn.weight.grad, bn.bias.grad, sep="\\n")
    print(bn.training, bn(torch.ones(1, 3)))
""")

PROGRAMS["nn_BatchNorm1d_3d_and_cumulative_average"] = _d("""\
    x3 = torch.arange(24.).reshape(2, 3, 4)
    bn = nn.BatchNorm1d(3, momentum=None)
    print(bn)
    y = bn(x3)
    print(y)
    bn(x3 * 0.5 + 1)
    print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
""")

PROGRAMS["nn_BatchNorm1d_options"] = _d("""\
    x = torch.tensor([[1., 2., 3.], [4., 0., -1.], [0.5, 0.5, 2.]], requires_grad=True)
    b = nn.BatchNorm1d(3, eps=1e-3, affine=False, track_running_stats=False)
    print(b, b.weight, b.running_mean, list(b.state_dict()))
    y = b(x)
    print(y, y.grad_fn.next_functions)
    b.eval()
    print(b(x).grad_fn.name())
    c = nn.BatchNorm1d(3, affine=False)
    print(c, list(c.state_dict()))
    c(x)
    print(c.running_mean, c.running_var)
    print(nn.BatchNorm1d(3, bias=False))
    print(nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU()))
    print(nn.BatchNorm2d(2))
""")

PROGRAMS["nn_BatchNorm1d_errors"] = SHOW + _d("""\
    bn = nn.BatchNorm1d(3)
    show(lambda: bn(torch.ones(1, 3)))
    show(lambda: bn(torch.ones(2, 4)))
    show(lambda: bn(torch.ones(3)))
    show(lambda: bn(torch.ones(2, 3, 4, 5)))
    print(bn.num_batches_tracked)
    x = torch.ones(4, 3)
    show(lambda: F.batch_norm(x, torch.zeros(3), torch.ones(4), training=True))
    show(lambda: F.batch_norm(x, torch.zeros(3), torch.ones(3), weight=torch.ones(4), training=True))
    show(lambda: F.batch_norm(x, torch.zeros(3), torch.ones(3), bias=torch.ones(4), weight=torch.ones(4)))
    show(lambda: F.batch_norm(x, torch.zeros(3), None))
    show(lambda: F.batch_norm(x, None, torch.ones(3)))
    show(lambda: F.batch_norm(torch.tensor([[1, 2, 3], [3, 4, 5]]), None, None, training=True))
    show(lambda: nn.BatchNorm2d(3)(torch.ones(2, 3)))
""")

PROGRAMS["F_batch_norm"] = _d("""\
    x = torch.tensor([[1., 2.], [3., 5.], [0., -1.]], requires_grad=True)
    rm, rv = torch.zeros(2), torch.ones(2)
    y = F.batch_norm(x, rm, rv, training=True, momentum=0.3)
    print(y, rm, rv)
    y = F.batch_norm(x, rm, rv, torch.tensor([2., 1.]), torch.tensor([0., 1.]))
    print(y)
    y.sum().backward()
    print(x.grad)
    y = F.batch_norm(x, None, None, training=True)
    print(y.grad_fn._saved_running_mean, y.grad_fn.next_functions)
""")

PROGRAMS["nn_BatchNorm1d_two_forwards_then_backward"] = _d("""\
    bn = nn.BatchNorm1d(2)
    a = torch.tensor([[1., 2.], [3., 5.], [0., -1.]], requires_grad=True)
    y1 = bn(a)
    y2 = bn(a * 2)
    (y1 * y2 * torch.tensor([[1., 2.], [0.5, -1.], [3., 1.]])).sum().backward()
    print(a.grad)
    print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
""")

PROGRAMS["nn_training_loop_layernorm_embedding"] = _d("""\
    emb = nn.Embedding(4, 3)
    ln = nn.LayerNorm(3)
    head = nn.Linear(3, 2)
    with torch.no_grad():
        emb.weight.copy_(torch.tensor([[0.1, -0.2, 0.3], [1., 0.5, -0.5], [-1., 2., 0.], [0.3, 0.3, -0.9]]))
        head.weight.copy_(torch.tensor([[0.5, -0.5, 1.], [-1., 0.25, 0.5]]))
        head.bias.zero_()
    params = list(emb.parameters()) + list(ln.parameters()) + list(head.parameters())
    opt = torch.optim.RMSprop(params, lr=0.01)
    idx, target = torch.tensor([0, 1, 2, 3, 1]), torch.tensor([0, 1, 1, 0, 1])
    for step in range(3):
        opt.zero_grad()
        loss = F.cross_entropy(head(ln(emb(idx))), target)
        loss.backward()
        opt.step()
        print(step, round(loss.item(), 4))
    print(emb.weight, ln.weight, head.bias, sep="\\n")
""")
