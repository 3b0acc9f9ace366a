"""torch.nn.functional activations and losses, nn.Linear, optim.SGD."""

from textwrap import dedent as _d

PROGRAMS = {
    # ------------------------------------------------------------ activations
    "F_relu": _d("""\
        x = torch.tensor([-1., 0., 2.], requires_grad=True)
        y = F.relu(x)
        print(y, y.grad_fn.name())
        y.sum().backward()
        print(x.grad)
    """),
    "F_sigmoid": _d("""\
        x = torch.tensor([-1., 0., 1.], requires_grad=True)
        y = F.sigmoid(x)
        print(y)
        y.sum().backward()
        print(x.grad)
    """),
    "F_tanh": _d("""\
        x = torch.tensor([-1., 0., 1.], requires_grad=True)
        y = F.tanh(x)
        print(y)
        y.sum().backward()
        print(x.grad)
    """),
    "F_softmax_log_softmax_match": _d("""\
        x = torch.tensor([[1., 2., 0.5]])
        print(F.softmax(x, dim=1))
        print(F.log_softmax(x, dim=1))
        print(torch.allclose(F.log_softmax(x, dim=1).exp(), F.softmax(x, dim=1)))
    """),
    # ------------------------------------------------------------ mse
    "F_mse_loss_mean": _d("""\
        pred = torch.tensor([1., 2., 3.], requires_grad=True)
        target = torch.tensor([1.5, 2., 2.])
        loss = F.mse_loss(pred, target)
        print(loss)
        print(loss.grad_fn, loss.grad_fn.next_functions)
        loss.backward()
        print(pred.grad)
    """),
    "F_mse_loss_reductions": _d("""\
        pred = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        target = torch.zeros(2, 2)
        print(F.mse_loss(pred, target, reduction="sum"))
        none = F.mse_loss(pred, target, reduction="none")
        print(none)
        none.sum().backward()
        print(pred.grad)
    """),
    "F_mse_loss_shape_mismatch_warning": _d("""\
        pred = torch.tensor([1., 2.])
        target = torch.tensor([[1.], [3.]])
        loss = F.mse_loss(pred, target)
        print(loss)
    """),
    "F_mse_loss_target_requires_grad": _d("""\
        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor([2., 4.], requires_grad=True)
        loss = F.mse_loss(a, b)
        loss.backward()
        print(loss, a.grad, b.grad)
    """),
    # ------------------------------------------------------------ bce
    "F_binary_cross_entropy": _d("""\
        p = torch.tensor([0.9, 0.2, 0.6], requires_grad=True)
        t = torch.tensor([1., 0., 1.])
        loss = F.binary_cross_entropy(p, t)
        print(loss)
        print(loss.grad_fn.name())
        loss.backward()
        print(p.grad)
    """),
    "F_binary_cross_entropy_sum_and_none": _d("""\
        p = torch.tensor([0.5, 0.25])
        t = torch.tensor([1., 0.])
        print(F.binary_cross_entropy(p, t, reduction="sum"))
        print(F.binary_cross_entropy(p, t, reduction="none"))
    """),
    "F_binary_cross_entropy_clamps_log": _d("""\
        p = torch.tensor([0., 1.])
        t = torch.tensor([1., 0.])
        print(F.binary_cross_entropy(p, t))
        print(F.binary_cross_entropy(p, t, reduction="none"))
    """),
    "F_binary_cross_entropy_out_of_range": _d("""\
        F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.]))
    """),
    "F_binary_cross_entropy_sigmoid_pipeline": _d("""\
        z = torch.tensor([0.5, -1.5], requires_grad=True)
        t = torch.tensor([1., 0.])
        loss = F.binary_cross_entropy(torch.sigmoid(z), t)
        loss.backward()
        print(loss)
        print(z.grad)
    """),
    "F_bce_with_logits": _d("""\
        z = torch.tensor([0.5, -1.5, 3.], requires_grad=True)
        t = torch.tensor([1., 0., 0.])
        loss = F.binary_cross_entropy_with_logits(z, t)
        print(loss)
        print(loss.grad_fn.name())
        loss.backward()
        print(z.grad)
    """),
    "F_bce_with_logits_reductions": _d("""\
        z = torch.tensor([[0., 2.], [-2., 1.]])
        t = torch.tensor([[1., 1.], [0., 0.]])
        print(F.binary_cross_entropy_with_logits(z, t, reduction="sum"))
        print(F.binary_cross_entropy_with_logits(z, t, reduction="none"))
    """),
    "F_bce_with_logits_extreme": _d("""\
        z = torch.tensor([100., -100.])
        t = torch.tensor([0., 1.])
        print(F.binary_cross_entropy_with_logits(z, t))
    """),
    # ------------------------------------------------------------ ce / nll
    "F_cross_entropy_indices": _d("""\
        logits = torch.tensor([[2., 1., 0.1], [0.5, 2.5, 0.3]], requires_grad=True)
        target = torch.tensor([0, 1])
        loss = F.cross_entropy(logits, target)
        print(loss)
        print(loss.grad_fn.name(), loss.grad_fn.next_functions)
        loss.backward()
        print(logits.grad)
    """),
    "F_cross_entropy_reductions": _d("""\
        logits = torch.tensor([[1., 2.], [3., 1.]])
        target = torch.tensor([1, 1])
        print(F.cross_entropy(logits, target, reduction="sum"))
        print(F.cross_entropy(logits, target, reduction="none"))
    """),
    "F_cross_entropy_single_sample": _d("""\
        logits = torch.tensor([1., 2., 3.], requires_grad=True)
        loss = F.cross_entropy(logits, torch.tensor(2))
        print(loss)
        loss.backward()
        print(logits.grad)
    """),
    "F_cross_entropy_float_target_probs": _d("""\
        logits = torch.tensor([[1., 2., 3.]])
        probs = torch.tensor([[0., 0.5, 0.5]])
        print(F.cross_entropy(logits, probs))
    """),
    "F_cross_entropy_target_out_of_range": _d("""\
        F.cross_entropy(torch.tensor([[1., 2.]]), torch.tensor([2]))
    """),
    "F_nll_loss_target_rows": _d("""\
        # Which rows count: ignored ones (-100, or an index inside the class range), empty batches.
        x = torch.tensor([[0.5, 1.5, 2.], [1., 0., 2.], [3., 1., 0.5]], requires_grad=True)
        for t, ignore in (([0, -100, 2], -100), ([0, 1, 2], 1), ([1, 1, 1], 1), ([2, 0, 1], 5)):
            for reduction in ("none", "mean", "sum"):
                loss = F.nll_loss(x, torch.tensor(t), ignore_index=ignore, reduction=reduction)
                (g,) = torch.autograd.grad(loss.sum(), x)
                print(t, ignore, reduction, loss.detach(), g)
        print(F.nll_loss(torch.zeros(0, 3), torch.zeros(0, dtype=torch.long)))
        print(F.nll_loss(torch.zeros(0, 3), torch.zeros(0, dtype=torch.long), reduction="sum"))
        try:
            F.nll_loss(x, torch.tensor([0, -3, 1]))
        except IndexError as e:
            print(e)
    """),
    "F_nll_loss": _d("""\
        x = torch.tensor([[0.2, 1.5, -0.3], [1., 0., 2.]], requires_grad=True)
        logp = F.log_softmax(x, dim=1)
        loss = F.nll_loss(logp, torch.tensor([1, 2]))
        print(loss)
        print(loss.grad_fn.name(), loss.grad_fn.next_functions)
        loss.backward()
        print(x.grad)
    """),
    "F_nll_loss_plain_values": _d("""\
        logp = torch.tensor([[-1., -2., -3.], [-0.5, -4., -1.]])
        print(F.nll_loss(logp, torch.tensor([2, 0])))
        print(F.nll_loss(logp, torch.tensor([2, 0]), reduction="none"))
        print(F.nll_loss(logp, torch.tensor([2, 0]), reduction="sum"))
    """),
    "F_nll_loss_wrong_target_dtype": _d("""\
        F.nll_loss(torch.tensor([[-1., -2.]]), torch.tensor([1.]))
    """),
    # ------------------------------------------------------------ linear
    "F_linear_with_bias": _d("""\
        x = torch.tensor([[1., 2.], [3., 4.]])
        w = torch.tensor([[0.5, -1.], [2., 0.]], requires_grad=True)
        b = torch.tensor([0.1, -0.1], requires_grad=True)
        y = F.linear(x, w, b)
        print(y)
        print(y.grad_fn.name(), y.grad_fn.next_functions)
        y.sum().backward()
        print(w.grad)
        print(b.grad)
    """),
    "F_linear_no_bias": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        w = torch.tensor([[1., 1.], [2., -1.], [0., 3.]], requires_grad=True)
        y = F.linear(x, w)
        print(y, y.grad_fn.name())
        y.sum().backward()
        print(x.grad)
        print(w.grad)
    """),
    "F_linear_1d_input_with_bias": _d("""\
        x = torch.tensor([1., 2.])
        w = torch.tensor([[3., 4.]], requires_grad=True)
        b = torch.tensor([0.5], requires_grad=True)
        y = F.linear(x, w, b)
        print(y, y.grad_fn.name())
    """),
    # ------------------------------------------------------------ nn.Linear
    "nn_linear_repr_and_shapes": _d("""\
        lin = nn.Linear(3, 2)
        print(lin)
        print(lin.weight.shape, lin.bias.shape)
        print(lin.in_features, lin.out_features)
        print(type(lin.weight).__name__, lin.weight.requires_grad, lin.weight.is_leaf)
        print(isinstance(lin.weight, torch.Tensor), isinstance(lin.weight, nn.Parameter))
        print(nn.Linear(4, 1, bias=False))
        print(nn.Linear(4, 1, bias=False).bias)
    """),
    "nn_linear_set_weights_no_grad": _d("""\
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
    """),
    "nn_linear_backward": _d("""\
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
    """),
    "nn_linear_parameters": _d("""\
        lin = nn.Linear(2, 1)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor([[0.25, 0.75]]))
            lin.bias.zero_()
        for name, p in lin.named_parameters():
            print(name, p.shape, p.requires_grad)
        params = list(lin.parameters())
        print(len(params), params[0] is lin.weight, params[1] is lin.bias)
        print(params[0])
    """),
    "nn_parameter_direct": _d("""\
        p = nn.Parameter(torch.tensor([1., 2.]))
        print(p)
        print(p.requires_grad, p.is_leaf, p.grad)
        q = nn.Parameter(torch.tensor([1.]), requires_grad=False)
        print(q)
        print(p * 2)
    """),
    "nn_linear_input_shape_error": _d("""\
        lin = nn.Linear(2, 1)
        lin(torch.ones(1, 3))
    """),
    "nn_linear_zero_grad": _d("""\
        lin = nn.Linear(2, 1)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor([[1., 1.]]))
            lin.bias.fill_(0.)
        lin(torch.tensor([[1., 2.]])).sum().backward()
        print(lin.weight.grad)
        lin.zero_grad()
        print(lin.weight.grad, lin.bias.grad)
    """),
    # ------------------------------------------------------------ optim.SGD
    "optim_sgd_step": _d("""\
        w = torch.tensor([1., -1.], requires_grad=True)
        opt = torch.optim.SGD([w], lr=0.1)
        loss = (w ** 2).sum()
        loss.backward()
        print(w.grad)
        opt.step()
        print(w)
        opt.zero_grad()
        print(w.grad)
    """),
    "optim_sgd_linear_regression": _d("""\
        lin = nn.Linear(1, 1)
        with torch.no_grad():
            lin.weight.fill_(0.)
            lin.bias.fill_(0.)
        opt = torch.optim.SGD(lin.parameters(), lr=0.05)
        X = torch.tensor([[1.], [2.], [3.], [4.]])
        Y = torch.tensor([[3.], [5.], [7.], [9.]])
        for epoch in range(5):
            opt.zero_grad()
            loss = F.mse_loss(lin(X), Y)
            loss.backward()
            opt.step()
            print(epoch, f"{loss.item():.4f}", f"{lin.weight.item():.4f}", f"{lin.bias.item():.4f}")
    """),
    "optim_sgd_momentum": _d("""\
        w = torch.tensor([2.], requires_grad=True)
        opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
        for i in range(3):
            opt.zero_grad()
            (w ** 2).sum().backward()
            opt.step()
            print(w)
    """),
    "optim_sgd_rounds_each_update_once": _d("""\
        # Every bit of a large parameter after a few steps: PyTorch fuses each a + alpha * b.
        import hashlib
        n = 4096
        ramp = torch.arange(n)
        for kwargs in [dict(lr=0.1), dict(lr=0.01, momentum=0.9),
                       dict(lr=0.01, momentum=0.9, nesterov=True, weight_decay=0.1),
                       dict(lr=0.3, momentum=0.5, dampening=0.1, maximize=True)]:
            w = ((ramp * 37 % 101 - 50) / 7.0).requires_grad_()
            opt = torch.optim.SGD([w], **kwargs)
            for step in range(4):
                opt.zero_grad()
                w.grad = (ramp * (13 + step) % 89 - 44) / 9.0
                opt.step()
            print(hashlib.sha256(w.detach().numpy().tobytes()).hexdigest()[:16], w[:3].tolist())
    """),
    "optim_adam_state_rounds_as_pytorch": _d("""\
        # exp_avg (a lerp) and exp_avg_sq (mul, then addcmul) bit for bit on a large parameter.
        import hashlib
        n = 4096
        ramp = torch.arange(n)
        for kwargs in [dict(lr=0.1), dict(lr=0.01, betas=(0.3, 0.9), weight_decay=0.1)]:
            w = ((ramp * 37 % 101 - 50) / 7.0).requires_grad_()
            opt = torch.optim.Adam([w], **kwargs)
            for step in range(4):
                w.grad = (ramp * (13 + step) % 89 - 44) / 9.0
                opt.step()
            state = opt.state[w]
            for key in ("exp_avg", "exp_avg_sq"):
                print(key, hashlib.sha256(state[key].numpy().tobytes()).hexdigest()[:16])
    """),
    "optim_sgd_param_groups": _d("""\
        w = torch.tensor([1.], requires_grad=True)
        opt = torch.optim.SGD([w], lr=0.5)
        print(len(opt.param_groups), opt.param_groups[0]["lr"])
        opt.param_groups[0]["lr"] = 0.25
        (3 * w).sum().backward()
        opt.step()
        print(w)
    """),
    "optim_zero_grad_set_to_none_false": _d("""\
        w = torch.tensor([1., 2.], requires_grad=True)
        opt = torch.optim.SGD([w], lr=1.)
        (w * 2).sum().backward()
        opt.zero_grad(set_to_none=False)
        print(w.grad)
    """),
    # ------------------------------------------------------------ small modules
    "nn_mse_loss_module": _d("""\
        crit = nn.MSELoss()
        print(crit)
        pred = torch.tensor([1., 3.], requires_grad=True)
        loss = crit(pred, torch.tensor([2., 2.]))
        loss.backward()
        print(loss, pred.grad)
    """),
    "nn_sequential_relu": _d("""\
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
    """),
    "nn_module_subclass": _d("""\
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
    """),
    "F_more_activations_values_names_and_grads": _d("""\
        x = torch.tensor([-1.5, 0., 2., 30.], requires_grad=True)
        outs = [F.leaky_relu(x, 0.1), F.gelu(x), F.gelu(x, approximate="tanh"), F.softplus(x), F.elu(x),
                F.silu(x), torch.erf(x)]
        for y in outs:
            print(y, [a for a in dir(y.grad_fn) if a.startswith("_saved")])
        sum(y.sum() for y in outs).backward()
        print(x.grad)
    """),
    "nn_more_activation_modules": _d("""\
        print(nn.LeakyReLU(0.2), nn.GELU(), nn.GELU("tanh"), nn.SiLU(), nn.Softplus(), nn.ELU())
        print(nn.Sequential(nn.Linear(2, 2), nn.LeakyReLU(), nn.GELU()))
    """),
    "nn_utils_clip_grad": _d("""\
        w = torch.tensor([[3., 4.], [0., 0.]], requires_grad=True)
        b = torch.tensor([12., 0.], requires_grad=True)
        (w.sum() * 0 + (w * torch.tensor([[3., 4.], [0., 0.]])).sum() + (b * torch.tensor([12., 0.])).sum()).backward()
        print(nn.utils.clip_grad_norm_([w, b], 6.5))
        print(w.grad, b.grad)
        print(nn.utils.clip_grad_norm_([w, b], 100.0, norm_type=float("inf")))
        nn.utils.clip_grad_value_([w, b], 1.0)
        print(w.grad, b.grad)
    """),
    # ------------------------------------------------------------ dtype and target checks
    "F_linear_mixed_dtypes_refused": _d("""\
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r)
            except Exception as e:
                print(type(e).__name__, e)
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
    """),
    "matmul_family_mixed_dtypes_refused": _d("""\
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r.shape)
            except Exception as e:
                print(type(e).__name__, e)
        d, L = torch.float64, torch.int64
        f2, d2 = torch.ones(2, 3), torch.ones(2, 3, dtype=d)
        show(lambda: torch.mm(f2, torch.ones(3, 4, dtype=d)))
        show(lambda: d2.mm(torch.ones(3, 4)))
        show(lambda: torch.mm(torch.ones(2, 3, dtype=L), torch.ones(3, 4)))
        for dt in (torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool, torch.float16):
            show(lambda: torch.mm(torch.ones(2, 3, dtype=dt), torch.ones(3, 4)))
        show(lambda: torch.mm(d2, torch.ones(5, 4)))
        show(lambda: torch.mv(f2, torch.ones(3, dtype=d)))
        show(lambda: torch.mv(d2, torch.ones(3)))
        show(lambda: torch.mv(torch.ones(2, 3, dtype=torch.int32), torch.ones(3, dtype=L)))
        show(lambda: torch.mv(d2, torch.ones(5)))
        show(lambda: torch.dot(torch.ones(3), torch.ones(3, dtype=d)))
        show(lambda: torch.bmm(torch.ones(2, 2, 3), torch.ones(2, 3, 4, dtype=d)))
        show(lambda: torch.bmm(torch.ones(2, 2, 3, dtype=d), torch.ones(2, 3, 4)))
        show(lambda: torch.bmm(torch.ones(2, 2, 3, dtype=L), torch.ones(2, 3, 4)))
        show(lambda: torch.bmm(torch.ones(2, 2, 3, dtype=d), torch.ones(2, 5, 4)))
        show(lambda: torch.addmm(torch.ones(4), torch.ones(2, 3), torch.ones(3, 4, dtype=d)))
        show(lambda: torch.addmm(torch.ones(4), torch.ones(2, 3, dtype=d), torch.ones(3, 4)))
        show(lambda: torch.addmm(torch.ones(4, dtype=d), torch.ones(2, 3), torch.ones(3, 4)))
        show(lambda: torch.addmm(torch.ones(4, dtype=L), torch.ones(2, 3), torch.ones(3, 4)))
        show(lambda: torch.addmm(torch.ones(4, dtype=d), torch.ones(2, 3, dtype=d), torch.ones(3, 4)))
        show(lambda: torch.addmm(torch.ones(4), torch.ones(2, 3, dtype=d), torch.ones(5, 4)))
        show(lambda: torch.addmm(torch.ones(3), torch.ones(2, 3, dtype=d), torch.ones(3, 4)))
        show(lambda: torch.ones(3) @ torch.ones(3, dtype=d))
        show(lambda: f2 @ torch.ones(3, dtype=d))
        show(lambda: torch.ones(2, dtype=d) @ f2)
        show(lambda: f2 @ torch.ones(3, 4, dtype=d))
        show(lambda: torch.ones(5, 2, 3) @ torch.ones(3, 4, dtype=d))
        show(lambda: torch.ones(5, 2, 3, dtype=d) @ torch.ones(3, 4))
        show(lambda: torch.ones(5, 2, 3) @ torch.ones(3, dtype=d))
        show(lambda: f2 @ torch.ones(5, 3, 4, dtype=d))
        show(lambda: torch.ones(3) @ torch.ones(5, 3, 4, dtype=d))
        show(lambda: torch.ones(5, 2, 3) @ torch.ones(5, 3, 4, dtype=d))
        show(lambda: torch.ones(5, 2, 3, dtype=torch.int32) @ torch.ones(5, 3, 4, dtype=L))
        show(lambda: f2 @ torch.ones(5, 4, 4, dtype=d))
        show(lambda: torch.ones(5, 2, 3) @ torch.ones(5, 4, 4, dtype=d))
        show(lambda: f2 @ torch.ones(5, 3, 4))
        show(lambda: torch.ones(3) @ torch.ones(5, 3, 4))
    """),
    "F_cross_entropy_target_checks": _d("""\
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r)
            except Exception as e:
                print(type(e).__name__, e)
        x = torch.tensor([[1., 2., 3.], [0., -1., 2.], [1., 1., 1.], [2., 0., -1.]])
        t = torch.tensor([0, 1, 2, 1])
        show(lambda: F.cross_entropy(x, t.view(-1, 1)))
        show(lambda: F.cross_entropy(x, t.float()))
        show(lambda: nn.CrossEntropyLoss()(torch.ones(2, 3), torch.tensor([0., 1.])))
        show(lambda: F.cross_entropy(torch.ones(4, 1), torch.tensor([0., 1., 1., 0.])))
        show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 4)))
        show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(3, 3)))
        show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3, 1)))
        for dt in (torch.int32, torch.int16, torch.int8, torch.bool, torch.uint8):
            show(lambda: F.cross_entropy(x, t.to(dt)))
        show(lambda: F.cross_entropy(x, t, weight=torch.ones(2)))
        show(lambda: nn.CrossEntropyLoss(weight=torch.ones(4))(x, t))
        show(lambda: F.cross_entropy(x, t, weight=torch.ones(1, 3)))
        show(lambda: F.cross_entropy(x, t, weight=torch.ones(3, dtype=torch.float64)))
        show(lambda: F.cross_entropy(x, t, weight=torch.ones(3, dtype=torch.int64)))
        show(lambda: F.cross_entropy(x.double(), t, weight=torch.ones(3)))
        show(lambda: F.cross_entropy(torch.ones(2, 3, 4), torch.zeros(2, 3, dtype=torch.int64)))
        show(lambda: F.cross_entropy(torch.ones(2, 3, 4), torch.zeros(2, dtype=torch.int64)))
        show(lambda: F.cross_entropy(torch.ones(2, 3), torch.tensor(1)))
        show(lambda: F.cross_entropy(torch.tensor([1., -1., 2., 0.]), torch.tensor([0, 1, 1, 0])))
        show(lambda: F.cross_entropy(torch.tensor(1.), torch.tensor(0)))
        show(lambda: F.cross_entropy(torch.tensor(1.), torch.tensor(0.)))
        show(lambda: F.cross_entropy(torch.tensor([1., 2., 3.]), torch.tensor(2)))
        show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3) / 3, ignore_index=1))
        show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3, dtype=torch.int64), ignore_index=1))
        show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3) / 3, weight=torch.ones(2)))
        show(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3) / 3, weight=torch.ones(3, dtype=torch.float64)))
        show(lambda: F.cross_entropy(torch.ones(2, 0), torch.tensor([0, 0])))
        show(lambda: F.cross_entropy(torch.ones(2, 3, dtype=torch.int64), torch.tensor([0, 1])))
        show(lambda: F.cross_entropy(x, t, reduction="avg"))
    """),
    "F_cross_entropy_label_smoothing_range": _d("""\
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r)
            except Exception as e:
                print(type(e).__name__, e)
        x = torch.tensor([[1., 2., 3.], [0., -1., 2.], [1., 1., 1.], [2., 0., -1.]], requires_grad=True)
        t = torch.tensor([0, 1, 2, 1])
        p = torch.tensor([[0.2, 0.3, 0.5], [1., 0., 0.], [0., 0., 1.], [0.5, 0.5, 0.]])
        for ls in (-0.1, -2.0, 0.0, 0.3, 1.0, 1.5):
            show(lambda: F.cross_entropy(x, t, label_smoothing=ls))
            show(lambda: F.cross_entropy(x, p, label_smoothing=ls))
        loss = F.cross_entropy(x, t, label_smoothing=-0.1)
        print(loss.grad_fn.name())
        loss.backward()
        print(x.grad)
        show(lambda: nn.CrossEntropyLoss(label_smoothing=-0.5)(x, t))
        show(lambda: F.cross_entropy(torch.ones(2, 3, dtype=torch.int64), torch.ones(2, 3), label_smoothing=2.0))
    """),
    "F_nll_loss_target_and_weight_checks": _d("""\
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r)
            except Exception as e:
                print(type(e).__name__, e)
        L, d = torch.int64, torch.float64
        x = torch.tensor([[-1., -2., -3.], [-0.5, -1., -2.]])
        show(lambda: F.nll_loss(x, torch.tensor([[0], [1]])))
        show(lambda: F.nll_loss(x, torch.ones(2, 3)))
        show(lambda: F.nll_loss(x, torch.tensor([0, 1], dtype=torch.int32)))
        show(lambda: F.nll_loss(x, torch.tensor([2, 0], dtype=torch.uint8)))
        show(lambda: F.nll_loss(x, torch.tensor([2, 0], dtype=torch.uint8), reduction="none"))
        show(lambda: F.nll_loss(x, torch.tensor([0, 1]), weight=torch.ones(2)))
        show(lambda: F.nll_loss(x, torch.tensor([0, 1]), weight=torch.ones(1, 3)))
        show(lambda: F.nll_loss(x, torch.tensor([0, 1]), weight=torch.ones(3, dtype=d)))
        show(lambda: F.nll_loss(x, torch.tensor([0, 1]), weight=torch.ones(3, dtype=d), reduction="none"))
        show(lambda: F.nll_loss(x, torch.tensor([0, 1]), weight=torch.ones(3, dtype=L)))
        show(lambda: F.nll_loss(x, torch.tensor([0, 5])))
        show(lambda: F.nll_loss(x, torch.tensor([0, 5]), weight=torch.ones(3, dtype=d)))
        # which check comes first
        show(lambda: F.nll_loss(x, torch.zeros(2, dtype=torch.int32), weight=torch.ones(2)))
        show(lambda: F.nll_loss(x, torch.zeros(2, 1, dtype=L), weight=torch.ones(2)))
        show(lambda: F.nll_loss(x.long(), torch.zeros(2, dtype=torch.int32)))
        show(lambda: F.nll_loss(x.long(), torch.zeros(2, dtype=L), weight=torch.ones(2)))
        show(lambda: F.nll_loss(x.long(), torch.zeros(2, dtype=L), weight=torch.ones(3, dtype=d)))
        for dt in (torch.int64, torch.int32, torch.bool):
            show(lambda: F.nll_loss(torch.ones(2, 3, dtype=dt), torch.tensor([0, 1])))
        # 0-D and 1-D input
        show(lambda: F.nll_loss(torch.tensor(1.), torch.tensor(0)))
        show(lambda: F.nll_loss(torch.tensor([-1., -2., -3.]), torch.tensor(2)))
        show(lambda: F.nll_loss(torch.tensor([-1., -2., -3.]), torch.tensor([2])))
        show(lambda: F.nll_loss(torch.tensor([-1., -2., -3.]), torch.tensor([2]), reduction="none"))
        show(lambda: F.nll_loss(torch.tensor([-1., -2., -3., -4.]), torch.tensor([0, 1, 1, 0])))
        show(lambda: F.nll_loss(torch.ones(4), torch.zeros(4, dtype=torch.int32)))
        show(lambda: F.nll_loss(torch.ones(4), torch.zeros(4, dtype=L), weight=torch.ones(2)))
        show(lambda: F.nll_loss(torch.ones(4), torch.zeros(1, 1, dtype=L)))
        show(lambda: F.nll_loss(torch.ones(4), torch.tensor(1.)))
        show(lambda: F.nll_loss(torch.ones(4, dtype=L), torch.tensor(1)))
        show(lambda: F.nll_loss(torch.ones(2, 3), torch.tensor(1)))
        # (N, C, d1, ...) input
        show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4, dtype=L)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 3, dtype=L)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, dtype=L)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 3, dtype=torch.int32)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4, dtype=torch.int32)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4, dtype=L), weight=torch.ones(2)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4, dtype=L), weight=torch.ones(1, 3)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4), torch.zeros(2, 4, dtype=L), weight=torch.ones(3, dtype=d)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4, dtype=L), torch.zeros(2, 4, dtype=L)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(2, 4, 4, dtype=L)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(2, 20, dtype=L)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(3, 4, 5, dtype=L)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(2, 4, 4, dtype=torch.int32)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(2, 4, 4, dtype=L), weight=torch.ones(2)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5, dtype=torch.int32), torch.zeros(2, 4, 5, dtype=L)))
        show(lambda: F.nll_loss(torch.ones(2, 3, 4, 5, 6), torch.zeros(2, 4, 5, dtype=L)))
        show(lambda: F.nll_loss(torch.ones(0, 3), torch.zeros(0, dtype=L), weight=torch.ones(2)))
        show(lambda: F.nll_loss(torch.ones(0, 3), torch.zeros(0)))
        show(lambda: F.nll_loss(torch.ones(2, 0), torch.tensor([0, 0])))
    """),
    "F_nll_loss_spatial_weight_grad": _d("""\
        x = torch.tensor([[[-1., -2.], [-0.5, -3.]], [[-2., -1.], [-1., -0.25]]], requires_grad=True)
        t = torch.tensor([[0, 1], [1, 1]])
        loss = F.nll_loss(x, t, weight=torch.tensor([[1., 2.]]))
        print(loss)
        loss.backward()
        print(x.grad)
        for red in ("mean", "sum", "none"):
            out = F.nll_loss(x, t, reduction=red)
            print(out, out.grad_fn.next_functions)
            out = F.cross_entropy(x, t, reduction=red)
            print(out, out.grad_fn.next_functions)
        x4 = torch.arange(24.).view(2, 3, 2, 2).requires_grad_()
        t4 = torch.tensor([[[0, 1], [2, 0]], [[1, 1], [2, -100]]])
        for red in ("mean", "none"):
            out = F.nll_loss(x4, t4, reduction=red)
            print(out, out.grad_fn.next_functions)
        g, = torch.autograd.grad(F.nll_loss(x4, t4), x4, create_graph=True)
        print(g.grad_fn, g.grad_fn.next_functions)
        x5 = torch.arange(24.).view(2, 3, 2, 1, 2).requires_grad_()
        out = F.cross_entropy(x5, t4.view(2, 2, 1, 2), reduction="none")
        print(out.shape, out.grad_fn.next_functions[0][0].next_functions)
        out.sum().backward()
        print(x5.grad.view(2, 3, 4))
        print(F.nll_loss(torch.ones(0, 3, 2), torch.zeros(0, 2, dtype=torch.int64), reduction="none"))
        print(F.nll_loss(torch.ones(0, 3, 2), torch.zeros(0, 2, dtype=torch.int64)))
    """),
    "F_binary_cross_entropy_dtype_range_weight_checks": _d("""\
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r)
            except Exception as e:
                print(type(e).__name__, e)
        bce = F.binary_cross_entropy
        p = torch.tensor([0.25, 0.5, 0.75, 0.5])
        t = torch.tensor([0, 1, 1, 0])
        for dt in (torch.int64, torch.bool, torch.int32, torch.float64, torch.float16):
            show(lambda: bce(p, t.to(dt)))
        show(lambda: nn.BCELoss()(p, t))
        show(lambda: bce(p.double(), t.float()))
        show(lambda: bce(p.double(), t.double()))
        show(lambda: bce(torch.tensor([0, 1]), torch.tensor([0., 1.])))
        show(lambda: bce(torch.tensor([0, 1]), torch.tensor([0, 1])))
        show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 2.])))
        show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., -0.5]), reduction="none"))
        show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., float("nan")])))
        show(lambda: bce(torch.tensor([float("nan")]), torch.tensor([1.])))
        show(lambda: bce(torch.tensor([1.5]), torch.tensor([2.])))
        show(lambda: bce(torch.tensor([0., 1.]), torch.tensor([0., 1.])))
        show(lambda: bce(p, t.float() * 2 - 1 + 1))
        show(lambda: bce(torch.tensor([0.5]), torch.tensor([1.]), weight=torch.ones(2)))
        show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 0.]), weight=torch.ones(3)))
        show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 0.]), weight=torch.ones(2, 1)))
        show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 0.]), weight=torch.ones(2, 3)))
        show(lambda: bce(torch.ones(2, 3) / 2, torch.ones(2, 3), weight=torch.ones(2)))
        show(lambda: bce(torch.ones(2, 3) / 2, torch.ones(2, 3), weight=torch.tensor([1., 2., 3.])))
        show(lambda: bce(torch.ones(2, 3) / 2, torch.ones(2, 3), weight=torch.tensor([[1.], [2.]])))
        show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 0.]), weight=torch.ones(2, dtype=torch.float64)))
        show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1, 0]), weight=torch.ones(3)))
        show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1., 3.]), weight=torch.ones(3)))
        show(lambda: bce(torch.tensor([0.5, 0.5]), torch.tensor([1])))
        show(lambda: bce(torch.ones(0), torch.ones(0)))
        show(lambda: F.mse_loss(torch.ones(0), torch.ones(0)))
        w = torch.tensor([0.2, 0.7], requires_grad=True)
        loss = bce(w, torch.tensor([0., 1.]), weight=torch.tensor([[1.], [3.]]).view(2))
        loss.backward()
        print(loss, w.grad)
    """),
    "F_bce_with_logits_target_dtype_and_weights": _d("""\
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r)
            except Exception as e:
                print(type(e).__name__, e)
        bcel = F.binary_cross_entropy_with_logits
        x = torch.tensor([0.5, -1.])
        for dt in (torch.int64, torch.int32, torch.uint8, torch.bool):
            show(lambda: bcel(x, torch.tensor([0, 1]).to(dt)))
            show(lambda: bcel(x.half(), torch.tensor([0, 1]).to(dt)))
        show(lambda: nn.BCEWithLogitsLoss()(x, torch.tensor([0, 1])))
        show(lambda: bcel(torch.tensor([1, 2]), torch.ones(2)))
        show(lambda: bcel(torch.tensor([1, 2]), torch.tensor([1, 0])))
        show(lambda: bcel(torch.tensor([True, False]), torch.ones(2)))
        show(lambda: bcel(x, torch.tensor([0., 1.], dtype=torch.float64)))
        show(lambda: bcel(x.double(), torch.tensor([0., 1.])))
        show(lambda: bcel(x, torch.tensor([0., 1.]).half()))
        show(lambda: bcel(x.half(), torch.tensor([0., 1.])))
        show(lambda: bcel(x, torch.tensor([0., 1.]), pos_weight=torch.ones(3)))
        show(lambda: bcel(x, torch.tensor([0., 1.]), weight=torch.ones(3)))
        show(lambda: bcel(x, torch.tensor([0., 1.]), weight=torch.ones(2, 1)))
        show(lambda: bcel(x, torch.tensor([0., 1.]), pos_weight=torch.ones(2, 1)))
        show(lambda: bcel(x, torch.tensor([0., 1.]), pos_weight=torch.ones(2, dtype=torch.float64) * 2))
        show(lambda: bcel(x, torch.tensor([0., 1.]), weight=torch.ones(2, dtype=torch.float64) * 2))
        show(lambda: bcel(x, torch.tensor([0., 1.]), weight=torch.ones(2, dtype=torch.int64) * 2))
        show(lambda: bcel(torch.ones(2, 3), torch.ones(2, 3), weight=torch.ones(2, 1), pos_weight=torch.tensor([1., 2., 3.])))
        show(lambda: bcel(torch.ones(2, 3), torch.ones(2, 3), weight=torch.ones(3), pos_weight=torch.ones(2)))
        show(lambda: bcel(x, torch.tensor([0, 1]), pos_weight=torch.ones(2)))
        show(lambda: bcel(x, torch.tensor([0, 1]), weight=torch.ones(3)))
        show(lambda: bcel(x, torch.tensor([False, True]), pos_weight=torch.ones(2)))
        show(lambda: bcel(x, torch.tensor([2., 1.])))
        show(lambda: bcel(x, torch.tensor([0., 1., 1.])))
        a = torch.tensor([0.5, -1.], requires_grad=True)
        loss = bcel(a, torch.tensor([0., 1.], dtype=torch.float64), pos_weight=torch.tensor([2., 3.]))
        loss.backward()
        print(loss, a.grad)
    """),
    "F_mse_loss_broadcast_error_dtypes_and_weight": _d("""\
        import warnings
        warnings.simplefilter("always")
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r)
            except Exception as e:
                print(type(e).__name__, e)
        show(lambda: F.mse_loss(torch.ones(3), torch.ones(4)))
        show(lambda: F.mse_loss(torch.ones(2, 3), torch.ones(4, 1, 2)))
        show(lambda: F.mse_loss(torch.ones(3), torch.ones(4), reduction="x"))
        show(lambda: F.mse_loss(torch.ones(3), torch.ones(3), reduction="x"))
        for dt in (torch.int64, torch.int32, torch.uint8, torch.bool):
            show(lambda: F.mse_loss(torch.ones(2, dtype=dt), torch.zeros(2, dtype=dt)))
            show(lambda: F.mse_loss(torch.tensor([1.5, 2.]), torch.tensor([1, 3]).to(dt)))
        show(lambda: F.mse_loss(torch.tensor([1, 3]), torch.tensor([1.5, 2.])))
        show(lambda: F.mse_loss(torch.tensor([1, 3]), torch.tensor([1, 2], dtype=torch.int32)))
        show(lambda: F.mse_loss(torch.tensor([1.5, 2.]), torch.tensor([1., 3.], dtype=torch.float64)))
        show(lambda: F.mse_loss(torch.tensor([1.5, 2.]), torch.tensor([1., 3.]).half()))
        a = torch.tensor([1.5, 2.], requires_grad=True)
        loss = F.mse_loss(a, torch.tensor([1, 3]))
        loss.backward()
        print(loss, a.grad)
        w = torch.tensor([1., 2., 3.])
        b = torch.tensor([1., 2., 4.], requires_grad=True)
        for red in ("mean", "sum", "none"):
            out = F.mse_loss(b, torch.zeros(3), weight=w, reduction=red)
            print(out, out.grad_fn.name())
        F.mse_loss(b, torch.zeros(3), weight=w).backward()
        print(b.grad)
        show(lambda: F.mse_loss(b, torch.zeros(3), weight=torch.ones(2)))
        show(lambda: F.mse_loss(b, torch.zeros(3), weight=w, reduction="x"))
    """),
    "F_losses_legacy_size_average_reduce": _d("""\
        import warnings
        warnings.simplefilter("always")
        p = torch.tensor([0.25, 0.5, 0.75])
        t = torch.tensor([0., 1., 1.])
        x = torch.tensor([[1., 2., 3.], [0., -1., 2.]])
        c = torch.tensor([0, 2])
        for kw in ({"reduce": False}, {"size_average": False}, {"size_average": True, "reduce": True}):
            print(kw)
            print(F.mse_loss(p, t, **kw))
            print(F.l1_loss(p, t, **kw))
            print(F.binary_cross_entropy(p, t, **kw))
            print(F.binary_cross_entropy_with_logits(p, t, **kw))
            print(F.nll_loss(x, c, **kw))
            print(F.cross_entropy(x, c, **kw))
            print(nn.MSELoss(**kw)(p, t), nn.NLLLoss(**kw)(x, c))
    """),
    "F_activations_refuse_integer_input": _d("""\
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r)
            except Exception as e:
                print(type(e).__name__, e)
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
    """),
    "F_linear_and_addmm_rank_errors": _d("""\
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r.shape)
            except Exception as e:
                print(type(e).__name__, e)
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
    """),
    "F_softmax_half_last_dim": _d("""\
        x = torch.tensor([[1., 0., -2.5, 3.], [0.1, 0.2, 0.3, 0.4], [7., -7., 0.5, 1.5]], dtype=torch.float16)
        print(F.softmax(x, dim=1))
        print(F.softmax(x[0], dim=0))
        print(x.softmax(-1))
    """),
    "matmul_family_bool_refused": _d("""\
        def show(f):
            try:
                r = f()
                print("OK", r.dtype, r.shape)
            except Exception as e:
                print(type(e).__name__, e)
        B = torch.bool
        show(lambda: torch.ones(2, dtype=B) @ torch.ones(2, dtype=B))
        show(lambda: torch.ones(2, 2, dtype=B) @ torch.ones(2, 2, dtype=B))
        show(lambda: torch.ones(2, 2, dtype=B) @ torch.ones(2, dtype=B))
        show(lambda: torch.ones(2, dtype=B) @ torch.ones(2, 2, dtype=B))
        show(lambda: torch.ones(3, 2, 2, dtype=B) @ torch.ones(3, 2, 2, dtype=B))
        show(lambda: torch.ones(3, 2, 2, dtype=B) @ torch.ones(2, 2, dtype=B))
        show(lambda: torch.ones(3, 2, 2, dtype=B) @ torch.ones(3, 2, 2))
        show(lambda: torch.bmm(torch.ones(3, 2, 2), torch.ones(3, 2, 2, dtype=B)))
        show(lambda: torch.mv(torch.ones(2, 2, dtype=B), torch.ones(2, dtype=B)))
        show(lambda: torch.mv(torch.ones(2, 2), torch.ones(2, dtype=B)))
        show(lambda: torch.dot(torch.ones(2, dtype=B), torch.ones(2)))
        show(lambda: torch.addmm(torch.ones(2, dtype=B), torch.ones(2, 2, dtype=B), torch.ones(2, 2, dtype=B)))
        show(lambda: F.linear(torch.ones(2, 2, dtype=B), torch.ones(2, 2, dtype=B), torch.ones(2, dtype=B)))
        show(lambda: F.linear(torch.ones(2, 2, dtype=B), torch.ones(2, 2, dtype=B)))
        show(lambda: torch.ones(2, 2, dtype=torch.int8) @ torch.ones(2, 2, dtype=torch.int8))
        show(lambda: torch.ones(2, dtype=torch.int16) @ torch.ones(2, dtype=torch.int16))
    """),
}
