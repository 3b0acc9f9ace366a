"""Hooks around backward: saved-tensor hooks (``torch.autograd.graph.saved_tensors_hooks`` and
friends, ``grad_fn._raw_saved_<name>``) and a module's hooks (forward, full backward, the
deprecated ``register_backward_hook``): the order hooks run in, what they see, the gradients
that result, and PyTorch's warnings and errors."""

_LOGGING_HOOKS = """
def pack(t):
    print("pack", list(t.shape), t.requires_grad, t.grad_fn)
    return t
def unpack(t):
    print("unpack", list(t.shape))
    return t
"""

_LINEAR = """
lin = nn.Linear(2, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1., 2.], [3., 4.]]))
    lin.bias.copy_(torch.tensor([0.5, -0.5]))
"""

_TWO_INPUTS = """
class Two(nn.Module):
    def forward(self, a, b, k=2):
        return a * b * k, a - b
"""

PROGRAMS = {
    # -- saved-tensor hooks ------------------------------------------------------------------
    "hk_saved_pack_and_unpack_order": _LOGGING_HOOKS + """
a = torch.tensor([1., 2., 3.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = a * a
    z = y.exp()
    w = a.sin()
    s = (z + w).sum()
print("backward")
s.backward()
print(a.grad)
""",
    "hk_saved_mul_packs_other_first": """
def pack_hook(x):
    print("Packing", x)
    return x
def unpack_hook(x):
    print("Unpacking", x)
    return x
a = torch.ones(3, requires_grad=True)
b = torch.ones(3, requires_grad=True) * 2
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    y = a * b
y.sum().backward()
print(a.grad, b.grad)
with torch.autograd.graph.saved_tensors_hooks(lambda x: x * 4, lambda x: x / 4):
    y = torch.pow(a + 1, 2)
y.sum().backward()
print(a.grad)
""",
    "hk_saved_pack_order_of_common_layers": """
torch.manual_seed(0)
def pk(t):
    print("pack", list(t.shape), t.grad_fn.name() if t.grad_fn is not None else None)
    return t
def up(t):
    print("unpack", list(t.shape))
    return t
lin1 = nn.Linear(3, 4)
lin2 = nn.Linear(4, 2)
conv = nn.Conv2d(1, 2, 3)
x = torch.ones(2, 3)
img = torch.ones(1, 1, 4, 4)
for name, fn in [
    ("linear", lambda: lin1(x)),
    ("relu", lambda: F.relu(lin1(x))),
    ("mlp_ce", lambda: F.cross_entropy(lin2(F.relu(lin1(x))), torch.tensor([0, 1]))),
    ("conv", lambda: conv(img)),
    ("softmax", lambda: lin1(x).softmax(-1)),
    ("log_softmax", lambda: lin1(x).log_softmax(-1)),
    ("mse", lambda: F.mse_loss(lin1(x), torch.zeros(2, 4))),
    ("sigmoid", lambda: torch.sigmoid(lin1(x))),
    ("pow", lambda: lin1(x) ** 2),
    ("div", lambda: lin1(x) / lin1(x).sum()),
    ("mean", lambda: lin1(x).mean()),
    ("maxpool", lambda: F.max_pool2d(conv(img), 2)),
]:
    print("==", name)
    with torch.autograd.graph.saved_tensors_hooks(pk, up):
        out = fn()
    out.sum().backward()
""",
    "hk_saved_hooks_apply_only_inside_the_block": _LOGGING_HOOKS + """
a = torch.tensor([1., 2.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = a.cos()
z = a.sin()
(y + z).sum().backward()
print(a.grad)
""",
    "hk_saved_nothing_packed_without_grad": _LOGGING_HOOKS + """
a = torch.tensor([1., 2.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    with torch.no_grad():
        y = a * a
    b = torch.ones(2) * torch.ones(2)
print(y, b)
""",
    "hk_saved_reading_saved_attribute_unpacks": """
a = torch.tensor([1., 2., 3.], requires_grad=True)
def pack(t):
    print("pack")
    return ("kept", t)
def unpack(p):
    print("unpack", p[0])
    return p[1]
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = a * 3
    z = a * a
print(y.grad_fn._saved_self)
print(y.grad_fn._saved_other)
print(z.grad_fn._saved_self)
print(z.grad_fn._saved_other)
""",
    "hk_saved_numpy_copy_roundtrip": """
import numpy as np
a = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t.detach().numpy().copy(), lambda arr: torch.from_numpy(arr)):
    y = a.exp() * a
y.sum().backward()
print(a.grad)
print(y.grad_fn._saved_self)
""",
    "hk_saved_unpacked_values_are_used": """
a = torch.tensor([1., 2., 3.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t.detach() * 0 + 1):
    y = (a * a).sum()
y.backward(retain_graph=True)
print(a.grad)
print(y.grad_fn.next_functions[0][0]._saved_self)
""",
    "hk_saved_unpack_must_return_a_tensor": """
a = torch.tensor([1., 2., 3.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: 5, lambda p: p):
    y = (a * a).sum()
attempt("backward", lambda: y.backward())
""",
    "hk_saved_pack_in_place_is_refused": """
b = torch.ones(3, requires_grad=True)
def pack(t):
    t.mul_(2)
    return t
def record():
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        c = b * 1
        return c * c
attempt("pack in place", record)
""",
    "hk_saved_pack_runs_without_grad": """
a = torch.tensor([1., 2.], requires_grad=True)
def pack(t):
    print("pack grad enabled", torch.is_grad_enabled())
    return t.clone()
def unpack(t):
    print("unpack", t)
    return t
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = a.clone() * a
print(y.grad_fn._saved_self)
print(y.grad_fn._saved_other)
""",
    "hk_saved_no_version_check_with_hooks": """
a = torch.tensor([1., 2., 3.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
    b = a.clone()
    y = b * b
b.add_(1)
y.sum().backward()
print(a.grad)
a.grad = None
with torch.autograd.graph.saved_tensors_hooks(lambda t: t.clone(), lambda t: t):
    b = a.clone()
    y = b * b
b.add_(1)
y.sum().backward()
print(a.grad)
""",
    "hk_saved_nested_blocks_use_the_innermost": """
a = torch.tensor([1., 2.], requires_grad=True)
def hooks(name):
    return (lambda t: (print("pack", name), t)[1], lambda t: (print("unpack", name), t)[1])
with torch.autograd.graph.saved_tensors_hooks(*hooks("outer")):
    with torch.autograd.graph.saved_tensors_hooks(*hooks("inner")):
        y = a.sin()
    y2 = a.cos()
y.sum().backward()
y2.sum().backward()
print(a.grad)
""",
    "hk_saved_custom_function_packs_after_forward": """
a = torch.tensor([1., 2., 3.], requires_grad=True)
class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        print("forward saved")
        out = x * 2
        return out
    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        print("backward")
        return g * x
def pack(t):
    print("pack", t)
    return t
def unpack(t):
    print("unpack", t)
    return t
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    r = Scale.apply(a)
    print("applied")
    r2 = Scale.apply(torch.ones(2))
    print("applied without grad")
r.sum().backward()
print(a.grad)
""",
    "hk_saved_custom_function_saving_its_output": """
a = torch.tensor([0., 1.], requires_grad=True)
class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        out = x.exp()
        ctx.save_for_backward(out)
        return out
    @staticmethod
    def backward(ctx, g):
        out, = ctx.saved_tensors
        print("saved grad_fn", out.grad_fn)
        return g * out
with torch.autograd.graph.saved_tensors_hooks(lambda t: (print("pack", t.grad_fn), t)[1], lambda t: t):
    y = Exp.apply(a)
y.sum().backward()
print(a.grad)
""",
    "hk_saved_disable_blocks_new_hooks": """
def enter_hooks():
    with torch.autograd.graph.disable_saved_tensors_hooks("saved tensor hooks are off here"):
        with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
            pass
attempt("hooks inside disable", enter_hooks)
def nested():
    with torch.autograd.graph.disable_saved_tensors_hooks("first"):
        with torch.autograd.graph.disable_saved_tensors_hooks("second"):
            pass
        return "nested ok"
attempt("nested disable", nested)
def disable_inside_hooks():
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        with torch.autograd.graph.disable_saved_tensors_hooks("not while hooks are set"):
            return "entered"
attempt("disable inside hooks", disable_inside_hooks)
def after():
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        return "hooks again"
attempt("after", after)
""",
    "hk_saved_hooks_must_be_callable": """
attempt("not callable", lambda: torch.autograd.graph.saved_tensors_hooks(1, 2).__enter__())
""",
    "hk_saved_save_on_cpu_passes_through": """
print(torch.autograd.graph.save_on_cpu)
print(torch.autograd.graph.saved_tensors_hooks)
a = torch.tensor([1., 2., 3.], requires_grad=True)
with torch.autograd.graph.save_on_cpu(pin_memory=True):
    y = (a * a.exp()).sum()
y.backward()
print(a.grad)
with torch.autograd.graph.save_on_cpu():
    y = a.tanh()
print(y.grad_fn._saved_result)
""",
    "hk_saved_raw_saved_tensor_register_hooks": """
a = torch.tensor([1., 2., 3.], requires_grad=True)
y = a * a
raw = y.grad_fn._raw_saved_self
print(type(raw))
attempt("register", lambda: raw.register_hooks(lambda t: (print("pack"), t)[1], lambda t: (print("unpack"), t)[1]))
attempt("again", lambda: y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t))
attempt("not callable", lambda: y.grad_fn._raw_saved_other.register_hooks(5, lambda t: t))
print(y.grad_fn._saved_self)
y.sum().backward()
print(a.grad)
attempt("after backward", lambda: y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t))
""",
    "hk_saved_raw_saved_result_sees_values": """
a = torch.tensor([0., 1.], requires_grad=True)
z = a.exp()
z.grad_fn._raw_saved_result.register_hooks(lambda t: (print("pack", t.grad_fn, t.requires_grad), t)[1], lambda t: t)
print(z.grad_fn._saved_result)
z.sum().backward()
print(a.grad)
""",
    "hk_saved_inside_hooks_already_set": """
a = torch.tensor([1., 2.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
    y = a * a
attempt("register", lambda: y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t))
""",
    # -- module hooks ------------------------------------------------------------------------
    "hk_module_full_backward_hook_linear": _LINEAR + """
def bh(m, gi, go):
    print("full backward", type(m).__name__, gi, go)
def bph(m, go):
    print("backward pre", type(m).__name__, go)
h1 = lin.register_full_backward_hook(bh)
h2 = lin.register_full_backward_pre_hook(bph)
x = torch.tensor([[1., -1.]], requires_grad=True)
y = lin(x)
print(y.grad_fn)
print(y.grad_fn.next_functions)
print(y.grad_fn.next_functions[0][0].next_functions)
y.sum().backward()
print(x.grad)
print(lin.weight.grad)
h1.remove()
h2.remove()
print(lin(x).grad_fn)
""",
    "hk_module_full_backward_hook_without_input_grad": _LINEAR + """
lin.register_full_backward_hook(lambda m, gi, go: print("full backward", gi, go))
lin.register_full_backward_pre_hook(lambda m, go: print("backward pre", go))
y = lin(torch.tensor([[1., -1.]]))
print(y.grad_fn)
y.sum().backward()
print(lin.bias.grad)
""",
    "hk_module_full_backward_hooks_replace_grads": _LINEAR + """
lin.register_full_backward_hook(lambda m, gi, go: (gi[0] * 10,))
lin.register_full_backward_pre_hook(lambda m, go: (go[0] * 2,))
x = torch.tensor([[1., -1.]], requires_grad=True)
lin(x).sum().backward()
print(x.grad)
print(lin.weight.grad)
""",
    "hk_module_full_backward_hook_several_inputs": _TWO_INPUTS + """
m = Two()
m.register_full_backward_hook(lambda mod, gi, go: print("full backward", gi, go))
m.register_full_backward_pre_hook(lambda mod, go: print("backward pre", go))
a = torch.tensor([1., 2.], requires_grad=True)
b = torch.tensor([3., 4.])
p, q = m(a, b, 3)
print(p.grad_fn is q.grad_fn, p.grad_fn.next_functions)
(p.sum() + q.sum()).backward()
print(a.grad)
p, q = m(a, b, 3)
p.sum().backward()
print(a.grad)
""",
    "hk_module_full_backward_hook_errors": _TWO_INPUTS + """
a = torch.tensor([1., 2.], requires_grad=True)
b = torch.tensor([3., 4.])
m2 = Two()
m2.register_full_backward_hook(lambda mod, gi, go: (gi[0],))
attempt("wrong count", lambda: sum(m2(a, b)).sum().backward())
m3 = Two()
m3.register_full_backward_pre_hook(lambda mod, go: go[0])
attempt("pre hook returns a tensor", lambda: sum(m3(a, b)).sum().backward())
with torch.no_grad():
    r = Two()(a, b)
print(r[0].grad_fn)
""",
    "hk_module_hooks_in_sequential_order": """
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
for name, mod in net.named_children():
    mod.register_forward_pre_hook(lambda m, args, name=name: print("forward pre", name))
    mod.register_forward_hook(lambda m, args, out, name=name: print("forward", name, list(out.shape)))
    mod.register_full_backward_pre_hook(lambda m, go, name=name: print("backward pre", name, [list(g.shape) for g in go]))
    mod.register_full_backward_hook(lambda m, gi, go, name=name: print("backward", name, [None if g is None else list(g.shape) for g in gi]))
net.register_full_backward_hook(lambda m, gi, go: print("backward net", gi))
x = torch.tensor([[1., 2., 3.]])
out = net(x)
print(out.grad_fn)
out.sum().backward()
print(net[0].bias.grad)
""",
    "hk_module_old_backward_hook": _LINEAR + """
lin.register_backward_hook(lambda m, gi, go: print("old", gi, go))
x = torch.tensor([[1., -1.]], requires_grad=True)
y = lin(x)
print(y.grad_fn)
y.sum().backward()
print(x.grad)
""",
    "hk_module_old_backward_hook_single_node_no_warning": """
relu = nn.ReLU()
relu.register_backward_hook(lambda m, gi, go: print("old", gi, go))
x = torch.tensor([-1., 2.], requires_grad=True)
h = x * 1
y = relu(h)
y.sum().backward()
print(x.grad)
""",
    "hk_module_old_backward_hook_sequential": """
torch.manual_seed(0)
seq = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
seq.register_backward_hook(lambda m, gi, go: print("old seq", gi, go))
x = torch.tensor([[1., -1.]], requires_grad=True)
seq(x).sum().backward()
""",
    "hk_module_old_backward_hook_returns_replacement": """
relu = nn.ReLU()
relu.register_backward_hook(lambda m, gi, go: (gi[0] * 3,))
x = torch.tensor([-1., 2.], requires_grad=True)
relu(x * 1).sum().backward()
print(x.grad)
""",
    "hk_module_mixing_backward_hook_kinds_fails": """
lin = nn.Linear(2, 2)
lin.register_backward_hook(lambda m, gi, go: None)
attempt("full after old", lambda: lin.register_full_backward_hook(lambda m, gi, go: None))
lin2 = nn.Linear(2, 2)
lin2.register_full_backward_hook(lambda m, gi, go: None)
attempt("old after full", lambda: lin2.register_backward_hook(lambda m, gi, go: None))
attempt("pre after old", lambda: lin.register_full_backward_pre_hook(lambda m, go: None) is not None)
""",
    "hk_module_forward_hooks_with_kwargs_and_prepend": """
idt = nn.Identity()
idt.register_forward_pre_hook(lambda mod, args, kwargs: print("pre kw", args, kwargs), with_kwargs=True)
idt.register_forward_hook(lambda mod, args, kwargs, out: print("hook kw", args, kwargs, out), with_kwargs=True)
idt.register_forward_pre_hook(lambda mod, args: print("pre first"), prepend=True)
idt.register_forward_hook(lambda mod, args, out: print("hook first"), prepend=True)
print(idt(torch.ones(1)))
bad = nn.Identity()
bad.register_forward_pre_hook(lambda mod, args, kwargs: 5, with_kwargs=True)
attempt("bad pre kw", lambda: bad(torch.ones(1)))
change = nn.Identity()
change.register_forward_pre_hook(lambda mod, args: args[0] * 2)
change.register_forward_hook(lambda mod, args, out: out + 1)
print(change(torch.ones(1)))
class Scaled(nn.Module):
    def forward(self, x, scale=1.0):
        return x * scale
s = Scaled()
s.register_forward_pre_hook(lambda mod, args, kwargs: (args, {"scale": 10.0}), with_kwargs=True)
print(s(torch.ones(2), scale=2.0))
""",
    "hk_module_forward_hook_always_call": """
class Boom(nn.Module):
    def forward(self, x):
        raise ValueError("boom")
bm = Boom()
bm.register_forward_hook(lambda mod, args, out: print("always", args, out), always_call=True)
bm.register_forward_hook(lambda mod, args, out: print("not always"))
attempt("boom", lambda: bm(torch.ones(1)))
""",
    "hk_module_data_parallel_on_cpu_runs_the_module": """
torch.manual_seed(0)
m = nn.DataParallel(nn.Linear(2, 1))
print(m)
print(m.device_ids, list(m.state_dict().keys()))
m.module.register_full_backward_hook(lambda mod, gi, go: print("inner backward", gi, go))
x = torch.tensor([[1., 2.]], requires_grad=True)
y = m(x)
print(y.grad_fn)
y.sum().backward()
print(x.grad)
""",
    "hk_module_full_backward_hook_and_inplace_relu_fail": """
r = nn.ReLU(inplace=True)
r.register_full_backward_hook(lambda m, gi, go: print("hook", gi, go))
x = torch.tensor([-1., 2.], requires_grad=True)
attempt("inplace relu", lambda: r(x * 1))
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(2, 2), nn.ReLU(inplace=True))
net[1].register_full_backward_hook(lambda m, gi, go: print("hook", gi, go))
attempt("in a Sequential", lambda: net(x.unsqueeze(0)))
""",
    "hk_module_full_backward_hook_outputs_not_a_tuple": """
class D(nn.Module):
    def forward(self, x):
        return {"y": x * 2}
class L(nn.Module):
    def forward(self, x):
        return [x * 2, x]
class T(nn.Module):
    def forward(self, x):
        return (x * 2, 3)
x = torch.tensor([1., 2.], requires_grad=True)
for M in (D, L, T):
    m = M()
    m.register_full_backward_hook(lambda m, gi, go: print("hook", gi, go))
    out = m(x)
    first = out["y"] if isinstance(out, dict) else out[0]
    print(type(out).__name__, first.grad_fn)
    first.sum().backward()
print(x.grad)
""",
    "hk_module_full_backward_hook_keyword_tensor_input": """
class K(nn.Module):
    def forward(self, x, y=None):
        return x * y
k = K()
k.register_full_backward_hook(lambda m, gi, go: print("hook", gi, go))
x = torch.tensor([-1., 2.], requires_grad=True)
y = torch.tensor([3., 4.], requires_grad=True)
k(x, y=y).sum().backward()
print(x.grad, y.grad)
""",
    "hk_custom_function_returning_its_input_cannot_change_in_place": """
class Id(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x
    @staticmethod
    def backward(ctx, g):
        return g
x = torch.tensor([-1., 2.], requires_grad=True)
y = Id.apply(x * 1)
attempt("relu_", lambda: y.relu_())
attempt("add_", lambda: y.add_(1))
z = Id.apply(x * 1).clone()
print(z.relu_())
""",
    "hk_custom_function_dirty_input_may_change_in_place_again": """
class AddOne(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.add_(1)
        ctx.mark_dirty(x)
        return x
    @staticmethod
    def backward(ctx, g):
        return g
a = torch.tensor([1., 2.], requires_grad=True)
b = a * 1
c = AddOne.apply(b)
print(c.grad_fn)
c.mul_(2)
print(c, b)
c.sum().backward()
print(a.grad)
""",
    "hk_module_forward_hook_handle_remove": """
idt = nn.Identity()
h = idt.register_forward_hook(lambda mod, args, out: print("hook"))
idt(torch.ones(1))
h.remove()
idt(torch.ones(1))
print("removed")
""",
}

PROGRAMS["hooks_global_module_hooks"] = """\
# hooks for every module run before each module's own; removed, they stop
from torch.nn.modules.module import (register_module_forward_pre_hook, register_module_forward_hook,
                                     register_module_full_backward_pre_hook, register_module_full_backward_hook)
nn = torch.nn
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 2), nn.Tanh())
log = []
h1 = register_module_forward_pre_hook(lambda m, a: log.append(("pre", type(m).__name__, a[0].shape)))
h2 = register_module_forward_hook(lambda m, a, o: log.append(("fwd", type(m).__name__, tuple(o.shape))))
own = net[0].register_forward_hook(lambda m, a, o: log.append(("own", type(m).__name__)))
x = torch.ones(4, 3, requires_grad=True)
y = net(x)
print(log); log.clear()
h3 = register_module_full_backward_pre_hook(lambda m, go: log.append(("bpre", type(m).__name__, go[0].shape)))
h4 = register_module_full_backward_hook(lambda m, gi, go: log.append(("bwd", type(m).__name__, gi[0] is None, go[0].shape)))
y = net(x)
print(y.grad_fn.name())
y.sum().backward()
print(log, x.grad[0]); log.clear()
for h in (h1, h2, h3, h4):
    h.remove()
y = net(x)
print(log, y.grad_fn.name()); log.clear()
h5 = register_module_forward_hook(lambda m, a, k, o: log.append(("kw", sorted(k))), with_kwargs=True)
class Boom(nn.Module):
    def forward(self, x, scale=1.0):
        raise ValueError("boom")
h6 = register_module_forward_hook(lambda m, a, o: log.append(("always", o)), always_call=True)
try:
    Boom()(x, scale=2.0)
except ValueError as e:
    print("raised", e)
print(log); log.clear()
h5.remove(); h6.remove()
h7 = register_module_forward_hook(lambda m, a, o: o * 0 if isinstance(m, nn.Tanh) else None)
print(net(x)[0])
h7.remove()
h8 = register_module_forward_pre_hook(lambda m, a: (a[0] * 2,) if isinstance(m, nn.Linear) else None)
print(net(x)[0])
h8.remove()
"""
