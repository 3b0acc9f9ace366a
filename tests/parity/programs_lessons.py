"""Small end-to-end programs shaped like autograd lessons."""

from textwrap import dedent as _d

PROGRAMS = {
    "lesson_y_z_out_mean": _d("""\
        x = torch.ones(2, 2, requires_grad=True)
        print(x)
        y = x + 2
        print(y)
        print(y.grad_fn)
        z = y * y * 3
        out = z.mean()
        print(z, out, sep="\\n")
        out.backward()
        print(x.grad)
    """),
    "lesson_y_z_out_mean_other_values": _d("""\
        x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        y = x - 1
        z = 2 * y * y
        out = z.mean()
        print(out)
        out.backward()
        print(x.grad)
    """),
    "lesson_requires_grad_toggle": _d("""\
        a = torch.tensor([[2., -1.], [0.5, 3.]])
        a = (a * 3) / (a - 1)
        print(a.requires_grad)
        a.requires_grad_(True)
        print(a.requires_grad)
        b = (a * a).sum()
        print(b.grad_fn)
    """),
    "lesson_vector_jacobian_product": _d("""\
        x = torch.tensor([0.5, -1., 2.], requires_grad=True)
        y = x * 2
        while y.data.norm() < 100:
            y = y * 2
        print(y)
        v = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
        y.backward(v)
        print(x.grad)
    """),
    "lesson_no_grad_and_detach": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        print(x.requires_grad)
        print((x ** 2).requires_grad)
        with torch.no_grad():
            print((x ** 2).requires_grad)
        y = x.detach()
        print(y.requires_grad)
        print(x.eq(y).all())
    """),
    "lesson_manual_gd_with_zero_grad": _d("""\
        X = torch.tensor([1., 2., 3., 4.])
        Y = torch.tensor([2., 4., 6., 8.])
        w = torch.tensor(0.0, requires_grad=True)
        lr = 0.01
        for epoch in range(4):
            y_pred = w * X
            loss = ((y_pred - Y) ** 2).mean()
            loss.backward()
            print(f"epoch {epoch + 1}: w = {w.item():.3f}, loss = {loss.item():.4f}, grad = {w.grad.item():.3f}")
            with torch.no_grad():
                w -= lr * w.grad
            w.grad.zero_()
        print(f"prediction for 5: {(w * 5).item():.3f}")
    """),
    "lesson_grad_accumulation_3_6_9": _d("""\
        weights = torch.ones(4, requires_grad=True)
        for epoch in range(3):
            model_output = (weights * 3).sum()
            model_output.backward()
            print(weights.grad)
    """),
    "lesson_grad_accumulation_zeroed": _d("""\
        weights = torch.ones(4, requires_grad=True)
        for epoch in range(3):
            model_output = (weights * 3).sum()
            model_output.backward()
            print(weights.grad)
            weights.grad.zero_()
    """),
    "lesson_linear_model_manual": _d("""\
        x = torch.tensor([[1., 2.], [2., 1.], [3., 3.]])
        y = torch.tensor([[4.], [5.], [10.]])
        w = torch.zeros(2, 1, requires_grad=True)
        b = torch.zeros(1, requires_grad=True)
        for step in range(3):
            pred = x @ w + b
            loss = ((pred - y) ** 2).mean()
            loss.backward()
            print(step, f"{loss.item():.4f}", w.grad.view(-1), b.grad)
            with torch.no_grad():
                w -= 0.06 * w.grad
                b -= 0.06 * b.grad
                w.grad.zero_()
                b.grad.zero_()
        print(w.view(-1), b)
    """),
    "lesson_linear_model_without_zero_grad": _d("""\
        x = torch.tensor([1., 2.])
        y = torch.tensor([2., 4.])
        w = torch.tensor(1., requires_grad=True)
        for step in range(3):
            loss = ((w * x - y) ** 2).sum()
            loss.backward()
            print(step, w.grad)
    """),
    "lesson_nn_linear_sgd": _d("""\
        torch.manual_seed(0)
        model = nn.Linear(1, 1)
        with torch.no_grad():
            model.weight.copy_(torch.tensor([[0.5]]))
            model.bias.copy_(torch.tensor([0.]))
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        X = torch.tensor([[1.], [2.]])
        Y = torch.tensor([[2.], [4.]])
        for epoch in range(3):
            loss = F.mse_loss(model(X), Y)
            opt.zero_grad()
            loss.backward()
            print(epoch, f"{loss.item():.4f}", model.weight.grad, model.bias.grad)
            opt.step()
        print(model.weight, model.bias, sep="\\n")
    """),
    "lesson_logistic_regression": _d("""\
        X = torch.tensor([[0.5, 1.], [1.5, -0.5], [-1., 2.], [2., 2.]])
        t = torch.tensor([1., 0., 1., 0.])
        w = torch.zeros(2, requires_grad=True)
        b = torch.tensor(0., requires_grad=True)
        for step in range(3):
            p = torch.sigmoid(X @ w + b)
            loss = F.binary_cross_entropy(p, t)
            loss.backward()
            with torch.no_grad():
                w -= 0.5 * w.grad
                b -= 0.5 * b.grad
            print(step, f"{loss.item():.4f}", w, b)
            w.grad = None
            b.grad = None
    """),
    "lesson_softmax_classifier": _d("""\
        X = torch.tensor([[1., 0.], [0., 1.], [1., 1.]])
        labels = torch.tensor([0, 1, 2])
        W = torch.zeros(2, 3, requires_grad=True)
        for step in range(3):
            loss = F.cross_entropy(X @ W, labels)
            loss.backward()
            print(step, f"{loss.item():.4f}")
            print(W.grad)
            with torch.no_grad():
                W -= 1.0 * W.grad
            W.grad.zero_()
    """),
    "lesson_chain_rule_intermediates": _d("""\
        x = torch.tensor(2., requires_grad=True)
        a = x ** 2
        b = a.sin()
        c = b * 3
        for t in (a, b):
            t.retain_grad()
        c.backward()
        print(f"{b.grad.item():.4f} {a.grad.item():.4f} {x.grad.item():.4f}")
        print(c.grad_fn.name(), b.grad_fn.name(), a.grad_fn.name())
    """),
    "lesson_newton_method": _d("""\
        x = torch.tensor(3., requires_grad=True)
        for i in range(4):
            f = x ** 2 - 2
            (g,) = torch.autograd.grad(f, x)
            with torch.no_grad():
                x -= f / g
            print(i, f"{x.item():.6f}")
    """),
    "lesson_hessian_diag_via_double_backward": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        f = (x[0] ** 2) * x[1] + x[1] ** 3
        (g,) = torch.autograd.grad(f, x, create_graph=True)
        print(g)
        rows = [torch.autograd.grad(g[i], x, retain_graph=True)[0] for i in range(2)]
        print(torch.stack(rows))
    """),
    "lesson_graph_inspection": _d("""\
        a = torch.tensor(2., requires_grad=True)
        b = torch.tensor(3., requires_grad=True)
        c = a * b
        d = c + a
        print(d.grad_fn.name())
        for fn, idx in d.grad_fn.next_functions:
            print(" ", fn.name() if fn is not None else None, idx)
        print(d.grad_fn.next_functions[0][0].next_functions)
        print(d.grad_fn.next_functions[1][0].variable)
        d.backward()
        print(a.grad, b.grad)
    """),
    "lesson_detach_in_training_loop_stats": _d("""\
        w = torch.tensor([1., 1.], requires_grad=True)
        history = []
        for step in range(3):
            loss = ((w - torch.tensor([3., -1.])) ** 2).sum()
            history.append(loss.detach())
            loss.backward()
            with torch.no_grad():
                w -= 0.25 * w.grad
                w.grad.zero_()
        print(history)
        print(torch.stack(history))
        print(w)
    """),
}
