"""torch.linalg's decompositions and solves (cholesky, solve_triangular, solve, inv, det, slogdet,
svd, cross) and their older torch.* names: values, grad_fn names, gradients, errors and the
deprecation warnings."""

from textwrap import dedent as _d

PROGRAMS = {
    "la_cholesky_value_and_gradient": _d("""\
        A = torch.tensor([[4., 2., 0.6], [2., 3., 0.4], [0.6, 0.4, 2.]], requires_grad=True)
        L = torch.linalg.cholesky(A)
        print(L, L.grad_fn.name())
        (L * torch.tensor([[1., 0., 0.], [2., 3., 0.], [4., 5., 6.]])).sum().backward()
        print(A.grad)
        U = torch.linalg.cholesky(A.detach(), upper=True)
        print(U, torch.allclose(U.T @ U, A.detach()))
    """),
    "la_cholesky_batched_double_backward": _d("""\
        X = torch.tensor([[[1., 0.5], [0.2, 1.]], [[2., 0.], [1., 1.]]], requires_grad=True)
        A = X @ X.mT + torch.eye(2)
        L = torch.linalg.cholesky(A)
        g, = torch.autograd.grad(L.pow(2).sum() + L.sum(), X, create_graph=True)
        print(L, g)
        g.sum().backward()
        print(X.grad)
    """),
    "la_cholesky_errors_and_old_name": _d("""\
        attempt("not pd", lambda: torch.linalg.cholesky(torch.tensor([[1., 2.], [2., 1.]])))
        attempt("batch", lambda: torch.linalg.cholesky(torch.tensor([[[1., 0.], [0., 1.]], [[1., 2.], [2., 1.]]])))
        attempt("not square", lambda: torch.linalg.cholesky(torch.ones(2, 3)))
        attempt("long", lambda: torch.linalg.cholesky(torch.ones(2, 2, dtype=torch.long)))
        A = torch.tensor([[4., 2.], [2., 3.]], requires_grad=True)
        L = torch.cholesky(A)
        print(L, L.grad_fn.name(), torch.cholesky(A, upper=True))
        L.sum().backward()
        print(A.grad)
        print(torch.linalg.LinAlgError.__mro__[1].__name__)
        attempt("old name, not pd", lambda: torch.cholesky(torch.tensor([[1., 2.], [2., 1.]])))
    """),
    "la_solve_triangular": _d("""\
        A = torch.tensor([[2., 0., 0.], [1., 3., 0.], [-1., 0.5, 1.5]], requires_grad=True)
        B = torch.tensor([[1., 2.], [0., 1.], [3., -1.]], requires_grad=True)
        X = torch.linalg.solve_triangular(A, B, upper=False)
        print(X, X.grad_fn.name())
        (X ** 2).sum().backward()
        print(A.grad, B.grad)
        U = A.detach().T.clone().requires_grad_()
        Y = torch.linalg.solve_triangular(U, B.detach().T, upper=True, left=False)
        Y.sum().backward()
        print(Y, U.grad)
        V = torch.linalg.solve_triangular(A.detach(), B.detach(), upper=False, unitriangular=True)
        print(V)
    """),
    "la_triangular_solve_deprecated": _d("""\
        A = torch.tensor([[2., 1.], [0., 3.]], requires_grad=True)
        b = torch.tensor([[1.], [2.]], requires_grad=True)
        r = torch.triangular_solve(b, A)
        print(r)
        r.solution.sum().backward()
        print(A.grad, b.grad)
        print(torch.triangular_solve(b.detach(), A.detach(), transpose=True).solution)
    """),
    "la_solve_inv_det": _d("""\
        A = torch.tensor([[3., 1., 0.], [1., 2., 0.5], [0., 0.5, 1.]], requires_grad=True)
        b = torch.tensor([1., 2., 3.], requires_grad=True)
        x = torch.linalg.solve(A, b)
        print(x, x.grad_fn.name())
        x.sum().backward()
        print(A.grad, b.grad)
        A.grad = None
        inv = torch.linalg.inv(A)
        print(inv, inv.grad_fn.name(), torch.inverse(A).grad_fn.name())
        inv.pow(2).sum().backward()
        print(A.grad)
        A.grad = None
        d = torch.linalg.det(A)
        d.backward()
        print(d, d.grad_fn.name(), A.grad)
        print(torch.det(torch.tensor([[[1., 2.], [3., 4.]], [[2., 0.], [0., 2.]]])))
    """),
    "la_slogdet_logdet": _d("""\
        A = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        r = torch.linalg.slogdet(A)
        print(r)
        r.logabsdet.backward()
        print(A.grad)
        print(torch.slogdet(A))
        P = torch.tensor([[2., 0.5], [0.5, 1.]], requires_grad=True)
        l = torch.logdet(P)
        l.backward()
        print(l, l.grad_fn.name(), P.grad, torch.logdet(A))
    """),
    "la_singular_errors": _d("""\
        S = torch.tensor([[1., 2.], [2., 4.]])
        attempt("inv", lambda: torch.linalg.inv(S))
        attempt("solve", lambda: torch.linalg.solve(S, torch.ones(2)))
        attempt("det of 2x3", lambda: torch.linalg.det(torch.ones(2, 3)))
        print(torch.linalg.det(S))
    """),
    "la_svd_values_and_gradients": _d("""\
        A = torch.tensor([[1., 2., 0.], [0., 1., 3.], [2., 0., 1.], [1., 1., 1.]], requires_grad=True)
        U, S, Vh = torch.linalg.svd(A, full_matrices=False)
        print(U, S, Vh, S.grad_fn.name())
        (S.sum() + (U[:, 0] ** 3).sum() + Vh[1].sum() ** 2).backward()
        print(A.grad)
        print(torch.linalg.svd(A.detach()))
        print(torch.linalg.svdvals(A.detach()))
    """),
    "la_svd_square_and_old_name": _d("""\
        A = torch.tensor([[2., -1., 0.5], [0.3, 1., 1.], [1., 0., -2.]], requires_grad=True)
        r = torch.svd(A)
        print(r, r.V.grad_fn.name())
        (r.U @ torch.diag(r.S) @ r.V.T * torch.arange(1., 10.).view(3, 3)).sum().backward()
        print(A.grad)
        B = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
        s = torch.linalg.svdvals(B)
        s.pow(2).sum().backward()
        print(s, B.grad)
    """),
    "la_cross": _d("""\
        a = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
        b = torch.tensor([[0., 1., 0.], [1., 0., 0.]], requires_grad=True)
        c = torch.linalg.cross(a, b)
        print(c, c.grad_fn.name())
        (c * torch.tensor([[1., 2., 3.], [4., 5., 6.]])).sum().backward()
        print(a.grad, b.grad)
        print(torch.cross(a, b, dim=1), torch.cross(a.T, b.T, dim=0))
        print(torch.cross(a, b))
        attempt("ranks", lambda: torch.linalg.cross(a, torch.tensor([1., 1., 1.])))
        print(torch.linalg.cross(a, torch.tensor([[1., 1., 1.]])))
        attempt("length 2", lambda: torch.linalg.cross(torch.ones(2), torch.ones(2)))
    """),
    "la_cholesky_inverse": _d("""\
        L = torch.tensor([[2., 0.], [1., 1.5]], requires_grad=True)
        P = torch.cholesky_inverse(L)
        print(P, P.grad_fn.name(), torch.linalg.inv(L @ L.T))
        (P * torch.tensor([[1., 2.], [3., 4.]])).sum().backward()
        print(L.grad)
    """),
    "la_norms": _d("""\
        L = torch.linalg
        def show(label, f):
            x = torch.tensor([[1., -2., 0.5], [3., 4., -1.]], requires_grad=True)
            b = torch.arange(24.).view(2, 3, 4).requires_grad_()
            y = f(x, b)
            y.sum().backward()
            print(label, y, y.grad_fn.name(), x.grad if x.grad is not None else b.grad)
        show("default", lambda x, b: L.norm(x))
        show("dim", lambda x, b: L.norm(x, dim=1))
        show("vector ord 1", lambda x, b: L.norm(x[0], 1))
        for ord in (1, -1, float('inf'), float('-inf'), 'nuc', 2, -2, 'fro'):
            show(f"matrix {ord}", lambda x, b: L.norm(x, ord))
        show("3d", lambda x, b: L.norm(b))
        show("3d dims", lambda x, b: L.norm(b, 1, dim=(0, 2)))
        show("3d dims keepdim", lambda x, b: L.norm(b, 1, dim=(2, 0), keepdim=True))
        show("3d inf keepdim", lambda x, b: L.norm(b, float('inf'), dim=(0, 2), keepdim=True))
        show("3d 2 keepdim", lambda x, b: L.norm(b, 2, dim=(2, 0), keepdim=True))
        show("vector_norm 3", lambda x, b: L.vector_norm(b, 3, dim=(1, 2)))
        show("matrix_norm", lambda x, b: L.matrix_norm(b))
        show("torch.norm nuc", lambda x, b: torch.norm(x, 'nuc'))
        attempt("order 3", lambda: L.matrix_norm(torch.ones(2, 2), 3))
        attempt("1-d", lambda: L.matrix_norm(torch.ones(2)))
        attempt("fro of a vector", lambda: L.norm(torch.ones(2), 'fro'))
        attempt("ord without dim, 3-d", lambda: L.norm(torch.ones(2, 2, 2), 1))
    """),
    "la_qr": _d("""\
        A = torch.tensor([[1., 2., 0.5], [3., -4., 1.], [5., 7.5, -2.], [0.5, 1., 1.]], requires_grad=True)
        Q, R = torch.linalg.qr(A)
        print(Q, R, Q.grad_fn.name())
        ((Q * torch.arange(12.).view(4, 3)).sum() + (R ** 2).sum()).backward()
        print(A.grad)
        W = A.detach().T.clone().requires_grad_()
        r = torch.linalg.qr(W, mode="complete")
        (r.Q.pow(3).sum() + r.R.sum()).backward()
        print(r, W.grad)
        print(torch.qr(A.detach()), torch.linalg.qr(A.detach(), mode="r").R)
        attempt("complete, tall", lambda: torch.linalg.qr(A, mode="complete").Q.sum().backward())
        attempt("mode r", lambda: torch.linalg.qr(A, mode="r").R.sum().backward())
        attempt("mode x", lambda: torch.linalg.qr(A, mode="x"))
        attempt("1-d", lambda: torch.linalg.qr(torch.ones(3)))
    """),
    "la_eigh": _d("""\
        A = torch.tensor([[2., 1.], [1., 3.]], requires_grad=True)
        r = torch.linalg.eigh(A)
        print(r, r.eigenvalues.grad_fn.name())
        (r.eigenvalues.sum() + (r.eigenvectors ** 2 * torch.tensor([[1., 2.], [5., 3.]])).sum()).backward()
        print(A.grad)
        B = torch.tensor([[4., 1., 0.5], [1., 3., -1.], [0.5, -1., 2.]], requires_grad=True)
        w = torch.linalg.eigvalsh(B)
        (w ** 3).sum().backward()
        print(w, B.grad)
        C = B.detach().clone().requires_grad_()
        w, v = torch.linalg.eigh(C, UPLO="U")
        ((v * w) @ v.T * torch.arange(1., 10.).view(3, 3)).sum().backward()
        print(w, C.grad)
        attempt("not square", lambda: torch.linalg.eigh(torch.ones(2, 3)))
    """),
}
