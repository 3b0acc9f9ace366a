"""nn.functional and nn layers beyond the basics: layer_norm/LayerNorm, embedding/Embedding,
batch_norm/BatchNorm1d, normalize, smooth_l1/huber/kl_div losses; optim.RMSprop and Adagrad."""

from textwrap import dedent as _d

PROGRAMS = {
    # ------------------------------------------------------------ layer_norm
    "nnx_layer_norm_values_and_node": _d("""\
        x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
        y = F.layer_norm(x, (3,))
        print(y)
        print(y.grad_fn.name(), y.grad_fn.next_functions)
        (y * torch.tensor([1., -2., 0.5])).sum().backward()
        print(x.grad)
    """),
    "nnx_layer_norm_affine_grads_and_saved": _d("""\
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
    """),
    "nnx_layer_norm_two_dims": _d("""\
        x = torch.arange(12.).reshape(2, 2, 3).requires_grad_()
        y = F.layer_norm(x, (2, 3))
        print(y)
        (y * torch.tensor([[1., -2., 0.5], [3., 0., 1.]])).sum().backward()
        print(x.grad)
        print(F.layer_norm(x.double(), (3,)).dtype)
    """),
    "nnx_layer_norm_errors": _d("""\
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
    """),
    "nnx_layer_norm_wrong_shape_escapes": _d("""\
        F.layer_norm(torch.ones(2, 3), (2,))
    """),
    "nnx_LayerNorm_module": _d("""\
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
    """),
    # ------------------------------------------------------------ embedding
    "nnx_embedding_lookup_and_grad": _d("""\
        w = torch.tensor([[0., 1.], [2., 3.], [4., 5.], [6., 7.]], requires_grad=True)
        idx = torch.tensor([[1, 2], [1, 0]])
        y = F.embedding(idx, w)
        print(y)
        g = y.grad_fn
        print(g.name(), g.next_functions)
        print(g._saved_indices, g._saved_padding_idx, g._saved_weight_sym_argsize_0, g._saved_scale_grad_by_freq, g._saved_sparse)
        (y * torch.tensor([1., 10.])).sum().backward()
        print(w.grad)
    """),
    "nnx_embedding_padding_idx": _d("""\
        w = torch.tensor([[0., 1.], [2., 3.], [4., 5.], [6., 7.]], requires_grad=True)
        idx = torch.tensor([0, 3, 3, 1])
        y = F.embedding(idx, w, padding_idx=3)
        print(y, y.grad_fn._saved_padding_idx)
        y.sum().backward()
        print(w.grad)
        print(F.embedding(idx, w, padding_idx=-1).grad_fn._saved_padding_idx)
        print(F.embedding(torch.tensor(2), w))
        print(F.embedding(torch.tensor([1, 2], dtype=torch.int32), w))
    """),
    "nnx_embedding_scale_grad_by_freq": _d("""\
        w = torch.tensor([[0., 1.], [2., 3.], [4., 5.]], requires_grad=True)
        y = F.embedding(torch.tensor([0, 2, 0, 0]), w, scale_grad_by_freq=True)
        (y * torch.tensor([[1.], [2.], [3.], [4.]])).sum().backward()
        print(w.grad)
    """),
    "nnx_embedding_errors": _d("""\
        w = torch.ones(4, 2)
        def show(f):
            try:
                print(f())
            except Exception as e:
                print(type(e).__name__, e)
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
    """),
    "nnx_embedding_index_out_of_range_escapes": _d("""\
        emb = nn.Embedding(3, 2)
        emb(torch.tensor([[0, 1], [2, 3]]))
    """),
    "nnx_Embedding_module": _d("""\
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
    """),
    "nnx_embedding_max_norm_renormalises_rows": _d("""\
        w = torch.tensor([[3., 4.], [0.3, 0.4], [6., 8.]])
        y = F.embedding(torch.tensor([0, 1]), w, max_norm=1.0)
        print(y)
        print(w)
    """),
    # ------------------------------------------------------------ normalize
    "nnx_normalize": _d("""\
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
    """),
    "nnx_normalize_errors": _d("""\
        def show(f):
            try:
                print(f())
            except Exception as e:
                print(type(e).__name__, e)
        show(lambda: F.normalize(torch.tensor([3., 4.])))
        show(lambda: F.normalize(torch.ones(2, 2), dim=2))
        show(lambda: F.normalize(torch.tensor([[1, 2]])))
    """),
    # ------------------------------------------------------------ smooth_l1 / huber
    "nnx_smooth_l1_loss": _d("""\
        x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
        t = torch.tensor([[1.5, 2., 0.], [4., 2., -1.]])
        for red in ["mean", "sum", "none"]:
            loss = F.smooth_l1_loss(x, t, reduction=red)
            print(loss)
            loss.sum().backward()
            print(x.grad)
            x.grad = None
        loss = F.smooth_l1_loss(x, t, beta=0.5)
        print(loss, loss.grad_fn.next_functions, loss.grad_fn._saved_beta, loss.grad_fn._saved_reduction)
        loss.backward()
        print(x.grad)
        print(F.smooth_l1_loss(x, t, beta=0.0))
    """),
    "nnx_smooth_l1_target_grad_and_broadcast": _d("""\
        x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
        t = torch.tensor([1.5, 2., 0.], requires_grad=True)
        loss = F.smooth_l1_loss(x, t)
        print(loss, loss.grad_fn.next_functions)
        loss.backward()
        print(x.grad, t.grad)
    """),
    "nnx_huber_loss": _d("""\
        x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
        t = torch.tensor([[1.5, 2., 0.], [4., 2., -1.]])
        for red in ["mean", "sum", "none"]:
            loss = F.huber_loss(x, t, reduction=red, delta=0.5)
            print(loss)
            loss.sum().backward()
            print(x.grad)
            x.grad = None
        loss = F.huber_loss(x, t)
        print(loss.grad_fn._saved_delta, loss.grad_fn._saved_reduction)
        w = torch.tensor([[1., 2., 0.], [0.5, 1., 1.]])
        loss = F.huber_loss(x, t, weight=w)
        print(loss, loss.grad_fn.name())
        loss.backward()
        print(x.grad)
    """),
    "nnx_smooth_l1_huber_errors": _d("""\
        x, t = torch.ones(2, 3), torch.zeros(2, 3)
        def show(f):
            try:
                print(f())
            except Exception as e:
                print(type(e).__name__, e)
        show(lambda: F.smooth_l1_loss(x, t, beta=-1.0))
        show(lambda: F.huber_loss(x, t, delta=0.0))
        show(lambda: F.huber_loss(x, t, delta=-1.0))
        show(lambda: F.smooth_l1_loss(x, t, reduction="bad"))
        show(lambda: F.huber_loss(x, t, reduction="bad"))
        show(lambda: F.huber_loss(x, t, weight=torch.ones(3)))
        show(lambda: F.smooth_l1_loss(x, torch.zeros(2)))
    """),
    "nnx_smooth_l1_size_warning": _d("""\
        x = torch.tensor([[1., 2., 3.], [4., 0., -1.]])
        print(F.smooth_l1_loss(x, torch.tensor([1., 0., 2.])))
        print(F.huber_loss(x, torch.tensor([1., 0., 2.])))
    """),
    "nnx_loss_modules": _d("""\
        x = torch.tensor([[1., 2., 3.], [4., 0., -1.]], requires_grad=True)
        t = torch.tensor([[1.5, 2., 0.], [4., 2., -1.]])
        for m in [nn.SmoothL1Loss(), nn.SmoothL1Loss(beta=0.5, reduction="sum"), nn.HuberLoss(),
                  nn.HuberLoss(delta=2.0, reduction="none")]:
            print(m, m.reduction, getattr(m, "beta", None), getattr(m, "delta", None), m(x, t))
        print(nn.KLDivLoss(), nn.KLDivLoss(reduction="batchmean", log_target=True).log_target)
        print(nn.SmoothL1Loss(size_average=False).reduction)
    """),
    # ------------------------------------------------------------ kl_div
    "nnx_kl_div_reductions": _d("""\
        x = torch.tensor([[-1., -2., -0.5], [-0.3, -1.2, -2.]], requires_grad=True)
        t = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.0, 0.4]])
        for red in ["sum", "none", "batchmean"]:
            loss = F.kl_div(x, t, reduction=red)
            print(loss, loss.grad_fn.name(), loss.grad_fn.next_functions)
            loss.sum().backward()
            print(x.grad)
            x.grad = None
    """),
    "nnx_kl_div_mean_warns": _d("""\
        x = torch.tensor([[-1., -2., -0.5], [-0.3, -1.2, -2.]], requires_grad=True)
        t = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]])
        loss = F.kl_div(x, t)
        print(loss, loss.grad_fn.name())
        loss.backward()
        print(x.grad)
        print(nn.KLDivLoss()(x, t))
    """),
    "nnx_kl_div_log_target": _d("""\
        x = torch.tensor([[-1., -2., -0.5], [-0.3, -1.2, -2.]], requires_grad=True)
        t = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]]).log()
        loss = F.kl_div(x, t, reduction="batchmean", log_target=True)
        print(loss, loss.grad_fn.next_functions[0][0].name(), loss.grad_fn.next_functions[0][0].next_functions[0][0].next_functions)
        loss.backward()
        print(x.grad)
        print(nn.KLDivLoss(reduction="sum", log_target=True)(x, t))
    """),
    "nnx_kl_div_target_grad": _d("""\
        x = torch.tensor([[-1., -2., -0.5], [-0.3, -1.2, -2.]], requires_grad=True)
        t = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]], requires_grad=True)
        loss = F.kl_div(x, t, reduction="sum")
        sub = loss.grad_fn.next_functions[0][0]
        print(loss, sub.name(), [f[0].name() for f in sub.next_functions])
        loss.backward()
        print(x.grad, t.grad, sep="\\n")
    """),
    "nnx_kl_div_errors_and_legacy": _d("""\
        x = torch.tensor([[-1., -2.], [-0.3, -1.2]])
        t = torch.tensor([[0.2, 0.8], [0.6, 0.4]])
        def show(f):
            try:
                print(f())
            except Exception as e:
                print(type(e).__name__, e)
        show(lambda: F.kl_div(x, t, reduction="bad"))
        show(lambda: F.kl_div(x, torch.tensor([[1, 0], [0, 1]]), reduction="sum"))
        show(lambda: F.kl_div(torch.tensor([1, 2]), torch.tensor([0.5, 0.5]), reduction="sum"))
        show(lambda: F.kl_div(x, t, size_average=False))
        show(lambda: F.kl_div(x[0, 0], t[0, 0], reduction="batchmean"))
        show(lambda: F.kl_div(x, t[0], reduction="sum"))
        show(lambda: F.kl_div(x, t.double(), reduction="sum"))
    """),
    # ------------------------------------------------------------ batch_norm
    "nnx_BatchNorm1d_training": _d("""\
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
    """),
    "nnx_BatchNorm1d_eval": _d("""\
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
    """),
    "nnx_BatchNorm1d_3d_and_cumulative_average": _d("""\
        x3 = torch.arange(24.).reshape(2, 3, 4)
        bn = nn.BatchNorm1d(3, momentum=None)
        print(bn)
        y = bn(x3)
        print(y)
        bn(x3 * 0.5 + 1)
        print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
    """),
    "nnx_BatchNorm1d_options": _d("""\
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
    """),
    "nnx_BatchNorm1d_errors": _d("""\
        bn = nn.BatchNorm1d(3)
        def show(f):
            try:
                print(f())
            except Exception as e:
                print(type(e).__name__, e)
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
    """),
    "nnx_batch_norm_functional": _d("""\
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
    """),
    "nnx_BatchNorm1d_two_forwards_then_backward": _d("""\
        bn = nn.BatchNorm1d(2)
        a = torch.tensor([[1., 2.], [3., 5.], [0., -1.]], requires_grad=True)
        y1 = bn(a)
        y2 = bn(a * 2)
        (y1 * y2 * torch.tensor([[1., 2.], [0.5, -1.], [3., 1.]])).sum().backward()
        print(a.grad)
        print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
    """),
    # ------------------------------------------------------------ optimizers
    "nnx_optim_reprs": _d("""\
        p = nn.Parameter(torch.tensor([1., 2.]))
        print(torch.optim.RMSprop([p]))
        print(torch.optim.Adagrad([p]))
        print(torch.optim.RMSprop([p], lr=0.1, momentum=0.9, centered=True, weight_decay=0.01))
        print(torch.optim.Adagrad([p], lr=0.5, lr_decay=0.01, initial_accumulator_value=0.1))
    """),
    "nnx_rmsprop_steps": _d("""\
        for kwargs in [{}, {"momentum": 0.9}, {"centered": True}, {"centered": True, "momentum": 0.5, "weight_decay": 0.1},
                       {"maximize": True, "alpha": 0.5}]:
            w = torch.tensor([1., -2., 3.], requires_grad=True)
            opt = torch.optim.RMSprop([w], **kwargs)
            for _ in range(4):
                opt.zero_grad()
                ((w - 0.5) ** 2 * torch.tensor([1., 2., 3.])).sum().backward()
                opt.step()
            print(kwargs, w)
            print(opt.state_dict()["state"])
    """),
    "nnx_adagrad_steps": _d("""\
        for kwargs in [{}, {"lr_decay": 0.1}, {"initial_accumulator_value": 0.5, "weight_decay": 0.1}, {"maximize": True}]:
            w = torch.tensor([1., -2., 3.], requires_grad=True)
            opt = torch.optim.Adagrad([w], lr=0.1, **kwargs)
            print(opt.state_dict()["state"])
            for _ in range(4):
                opt.zero_grad()
                ((w - 0.5) ** 2 * torch.tensor([1., 2., 3.])).sum().backward()
                opt.step()
            print(kwargs, w)
            print(opt.state_dict())
    """),
    "nnx_optim_errors": _d("""\
        p = nn.Parameter(torch.tensor([1., 2.]))
        def show(f):
            try:
                print(f())
            except Exception as e:
                print(type(e).__name__, e)
        for kw in [dict(lr=-1), dict(eps=-1), dict(momentum=-1), dict(weight_decay=-1), dict(alpha=-1)]:
            show(lambda: torch.optim.RMSprop([p], **kw))
        for kw in [dict(lr=-1), dict(eps=-1), dict(lr_decay=-1), dict(weight_decay=-1), dict(initial_accumulator_value=-1)]:
            show(lambda: torch.optim.Adagrad([p], **kw))
    """),
    "nnx_training_loop_layernorm_embedding": _d("""\
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
    """),
}
