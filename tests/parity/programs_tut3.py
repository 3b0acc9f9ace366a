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
    "tut3_meta_factories_print_size_and_dtype": """
x = torch.rand(2, 3, device="meta")
print(x, x.device, x.shape, x.dtype, x.is_meta, x.stride(), x.is_contiguous(), x.numel())
print(torch.zeros(2, dtype=torch.int64, device="meta"))
print(torch.ones((), device="meta"))
print(torch.randn(2, 3, device="meta", requires_grad=True))
print(torch.empty(0, device="meta"))
print(torch.tensor([1., 2.], device="meta"))
print(torch.arange(5, device="meta"))
print(torch.full((2,), 3, device="meta"))
print(torch.zeros(2, 2, dtype=torch.float64, device=torch.device("meta")))
print(torch.zeros_like(x), torch.empty_like(torch.ones(2), device="meta"), torch.rand_like(x).device)
print(x.new_zeros(2), x.new_ones(1, 2, dtype=torch.int32))
print(torch.rand(2**10, 3, 2**16, 2**16, device="meta"))
""",
    "tut3_meta_draws_nothing_from_the_generator": """
torch.manual_seed(0)
torch.rand(3, device="meta")
torch.randn(2, 2, device="meta")
nn.Linear(3, 2, device="meta")
print(torch.rand(3))
""",
    "tut3_meta_ops_compute_shapes_and_dtypes": """
x = torch.rand(2, 3, device="meta")
y = torch.ones(2, 3).to("meta")
print(y, y.is_leaf)
print(x + y, x * 2, (x @ y.T).shape, x.sum(), x.mean(1), x.relu(), x.T)
print(x.view(3, 2), x[0], x.reshape(-1), x == y, x.double(), x.to(torch.int32))
print(x + torch.tensor(1.), torch.cat([x, y]).shape, torch.stack([x, y]).shape, x.exp().dtype)
print(x.argmax(1), x.max(), x.any(), x.max(1), x.std(), x.sum(0, keepdim=True), torch.where(x > 0, x, y), x.unsqueeze(0).expand(4, 2, 3).shape)
print(torch.nn.functional.softmax(x, 1), torch.nn.functional.conv2d(torch.rand(1, 3, 8, 8, device="meta"), torch.rand(4, 3, 3, 3, device="meta")))
""",
    "tut3_meta_refuses_what_needs_values": """
x = torch.rand(2, 3, device="meta")
attempt("item", lambda: x.item())
attempt("item1", lambda: torch.ones(1, device="meta").item())
attempt("numpy", lambda: x.numpy())
attempt("tolist", lambda: x.tolist())
attempt("to cpu", lambda: x.to("cpu"))
attempt("cpu", lambda: x.cpu())
attempt("mix", lambda: x + torch.ones(2, 3))
attempt("mix rev", lambda: torch.ones(2, 3) * x)
attempt("bool", lambda: bool(torch.ones((), device="meta")))
attempt("float", lambda: float(torch.ones((), device="meta")))
attempt("addmm", lambda: torch.addmm(torch.ones(2, device="meta"), torch.ones(2, 2), torch.ones(2, 2, device="meta")))
attempt("mm", lambda: (torch.ones(2, 2) @ torch.ones(2, 2, device="meta")).shape)
attempt("linear", lambda: nn.Linear(2, 2, device="meta")(torch.ones(1, 2)))
""",
    "tut3_meta_modules_and_backward": """
lin = nn.Linear(3, 4, device="meta")
print(lin, lin.weight, lin.bias.device)
out = lin(torch.rand(5, 3, device="meta"))
print(out)
w = torch.rand(2, 3, device="meta", requires_grad=True)
loss = (w * 2).sum()
print(loss)
loss.backward()
print(w.grad)
with torch.device("meta"):
    m = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
    t = torch.ones(3)
print(m[0].weight.device, t.device, torch.ones(1).device)
print(m(torch.ones(4, 2, device="meta")))
attempt("module to cpu", lambda: m.to("cpu"))
torch.manual_seed(0)
m.to_empty(device="cpu")
print(m[0].weight.device, m[0].weight.shape, m[2].bias.shape, type(m[0].weight).__name__)
c = nn.Linear(2, 2).to("meta")
print(c.weight)
""",
    "tut3_meta_conv_pool_shapes_with_forward_hooks": """
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5, padding=1, stride=2)
        self.fc1 = nn.Linear(16 * 3 * 3, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        return self.fc1(torch.flatten(x, 1))

with torch.device("meta"):
    net = Net()
    inp = torch.randn((64, 3, 32, 32))
for name, layer in net.named_modules():
    layer.register_forward_hook(lambda mod, i, o: print(type(mod).__name__, o.shape))
out = net(inp)
print(out)
big = nn.Conv2d(3, 5, 2, device="meta")(torch.rand(2**10, 3, 2**16, 2**16, device="meta"))
print(big)
print(F.max_pool2d(torch.rand(1, 1, 9, 9, device="meta"), 2, ceil_mode=True, return_indices=True))
attempt("too few features", lambda: nn.Linear(16, 10, device="meta")(torch.rand(64, 144, device="meta")))
attempt("mm", lambda: torch.rand(2, 3, device="meta") @ torch.rand(4, 5, device="meta"))
""",
    "tut3_swap_tensors_swaps_content_keeps_identity": """
t1 = torch.arange(2)
t2 = torch.tensor([[1.5, 2.5]], requires_grad=True)
t2.note = "t2's attribute"
a, b = t1, t2
torch.utils.swap_tensors(t1, t2)
print(t1, t2, a is t1, b is t2)
print(t1.note, hasattr(t2, "note"), t1.requires_grad, t2.requires_grad, t1.dtype, t2.shape)
p = nn.Parameter(torch.ones(2))
torch.utils.swap_tensors(p, torch.zeros(3))
print(type(p).__name__, p)
import weakref
w = torch.ones(1)
r = weakref.ref(w)
attempt("weakref t1", lambda: torch.utils.swap_tensors(w, torch.ones(1)))
attempt("weakref t2", lambda: torch.utils.swap_tensors(torch.ones(1), w))
""",
    "tut3_swap_module_params_on_conversion": """
print(torch.__future__.get_swap_module_params_on_conversion(), torch.__future__.get_overwrite_module_params_on_conversion())
torch.manual_seed(0)
m = nn.Linear(2, 2)
w, b = m.weight, m.bias
opt = torch.optim.SGD(m.parameters(), lr=0.1)
m(torch.ones(1, 2)).sum().backward()
torch.__future__.set_swap_module_params_on_conversion(True)
m.double()
print(m.weight is w, m.bias is b, w.dtype, w.grad.dtype, type(w).__name__, w.requires_grad)
print(opt.param_groups[0]["params"][0] is w, opt.param_groups[0]["params"][0].dtype)
torch.__future__.set_swap_module_params_on_conversion(False)
torch.__future__.set_overwrite_module_params_on_conversion(True)
m.float()
print(m.weight is w, m.weight.dtype, w.dtype, type(m.weight).__name__, m.weight.grad.dtype)
torch.__future__.set_overwrite_module_params_on_conversion(False)
m2 = nn.Linear(2, 2)
w2 = m2.weight
m2.double()
print(m2.weight is w2, w2.dtype)
""",
    "tut3_load_state_dict_assign_with_swap": """
torch.manual_seed(0)
with torch.device("meta"):
    m = nn.Linear(3, 2)
w = m.weight
print(list(m.state_dict().items()))
sd = nn.Linear(3, 2).state_dict()
torch.__future__.set_swap_module_params_on_conversion(True)
print(m.load_state_dict(sd, assign=True))
print(m.weight is w, w, m.bias)
print(m.weight is sd["weight"], m.weight.requires_grad)
m3 = nn.Linear(3, 2)
w3 = m3.weight
print(m3.load_state_dict({"weight": torch.zeros(2, 3), "bias": torch.ones(2)}))
print(m3.weight is w3, w3)
torch.__future__.set_swap_module_params_on_conversion(False)
src = torch.ones(2, 3)
attempt("module_load", lambda: w.module_load(src))
with torch.no_grad():
    loaded = w.module_load(src)
print(loaded is w, loaded, w.module_load(src, assign=True) is src)
""",
    "tut3_layout_storage_offset_and_aten_names": """
x = torch.arange(12.).reshape(3, 4)
print(x.layout, torch.strided, x.layout is torch.strided, x[1:, 2:].storage_offset(), x.storage_offset(), x[2].storage_offset())
aten = torch.ops.aten
print(aten.detach.default, repr(aten.detach.default), aten.add.Tensor, aten.detach.default is aten.detach.default)
print(aten.add.Tensor(torch.ones(2), torch.ones(2)), aten.detach.default.name(), aten.add.Tensor.name())
""",
    "tut3_meta_save_and_load_keep_it_meta": """
import io
buf = io.BytesIO()
torch.save({"w": torch.rand(2**20, 2**20, device="meta"), "v": torch.ones(2)}, buf)
buf.seek(0)
print(torch.load(buf))
with torch.device("meta"):
    m = nn.Linear(3, 2)
print(list(m.state_dict().items()))
""",
}

