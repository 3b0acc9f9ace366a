"""What three public tutorials use (benchmarks/tutorials/ runs them): functorch's old API
(forward_ad_usage.py), the meta device (reasoning_about_shapes.py), torch.utils.swap_tensors
(swap_tensors.py)."""

PROGRAMS = {
    "tut3_functorch_jvp_through_make_functional_with_buffers": """
import warnings
# (PyTorch's first jvp imports parts of itself that warn about their own torch.jit use)
warnings.filterwarnings("ignore", "`torch.jit.script` is deprecated")
import functorch as ft
model = nn.Linear(3, 2)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[1., 2., 3.], [-1., 0.5, 2.]]))
    model.bias.copy_(torch.tensor([0.5, -0.25]))
x = torch.tensor([[1., 0., -1.], [2., 1., 0.5]])
func, params, buffers = ft.make_functional_with_buffers(model)
print(type(func).__name__, len(params), buffers)
print([p.shape for p in params], [p.requires_grad for p in params], params[0] is model.weight)
print(func(params, buffers, x))
tangents = (torch.ones(2, 3), torch.tensor([1., -1.]))
out, jvp_out = ft.jvp(lambda ps: func(ps, buffers, x), (params,), (tangents,))
print(out)
print(jvp_out)
print(list(model.parameters())[0] is model.weight)
""",
    "tut3_functorch_make_functional_and_tracking": """
import warnings
# (PyTorch's first jvp imports parts of itself that warn about their own torch.jit use)
warnings.filterwarnings("ignore", "`torch.jit.script` is deprecated")
import functorch as ft
model = nn.Sequential(nn.Linear(2, 2), nn.Tanh())
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[0.5, -1.], [2., 0.25]]))
    model[0].bias.zero_()
func, params = ft.make_functional(model, disable_autograd_tracking=True)
print([p.requires_grad for p in params], isinstance(params[0], nn.Parameter))
print(func(params, torch.tensor([[1., 2.]])))
attempt("buffers", lambda: ft.make_functional(nn.BatchNorm1d(2)))
""",
    "tut3_functorch_old_names_warn_and_compute": """
import warnings
# (PyTorch's first jvp imports parts of itself that warn about their own torch.jit use)
warnings.filterwarnings("ignore", "`torch.jit.script` is deprecated")
import functorch as ft
x = torch.tensor([1., 2., 3.])
print(ft.grad(lambda t: (t ** 3).sum())(x))
print(ft.grad_and_value(lambda t: (t ** 2).sum())(x))
print(ft.jacrev(torch.sin)(torch.tensor([0., 1.])))
print(ft.jacfwd(torch.sin)(torch.tensor([0., 1.])))
print(ft.hessian(lambda t: (t ** 3).sum())(torch.tensor([1., 2.])))
print(ft.vmap(torch.dot)(torch.ones(2, 3), torch.tensor([[1., 2., 3.], [4., 5., 6.]])))
out, fn = ft.vjp(torch.exp, torch.tensor([0., 1.]))
print(out, fn(torch.ones(2)))
print(ft.jvp(torch.exp, (torch.tensor([0., 1.]),), (torch.tensor([1., 2.]),)))
""",
}
