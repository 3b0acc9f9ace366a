"""Hooks on saved tensors (``torch.autograd.graph``) and a module's hooks, as PyTorch 2.13 runs them.

Every expected value, order and message was recorded from PyTorch 2.13 and is written in
literally (this file, with `import torch` in place of autograd_lab, passes under PyTorch 2.13 too).
One behaviour per test, named after it. (tests/parity/programs_hooks.py compares
whole programs with PyTorch's output.)
"""
import inspect
import warnings

import numpy as np
import pytest

import autograd_lab as torch
from autograd_lab import nn

graph = torch.autograd.graph


def logging_hooks(log):
    def pack(t):
        log.append(("pack", t.grad_fn.name() if t.grad_fn is not None else None, t.requires_grad))
        return t

    def unpack(t):
        log.append(("unpack", list(t.shape)))
        return t

    return pack, unpack


# -- saved-tensor hooks ----------------------------------------------------------------------------
def test_pack_runs_once_per_saved_tensor_as_ops_record():
    log = []
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with graph.saved_tensors_hooks(*logging_hooks(log)):
        y = a * a
        z = y.exp()
        w = a.sin()
        (z + w).sum()
    assert log == [("pack", None, True), ("pack", None, True), ("pack", "ExpBackward0", True), ("pack", None, True)]


def test_unpack_runs_when_backward_reads_each_saved_tensor():
    log = []
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with graph.saved_tensors_hooks(*logging_hooks(log)):
        s = ((a * a).exp() + a.sin()).sum()
    del log[:]
    s.backward()
    assert log == [("unpack", [3])] * 4
    np.testing.assert_allclose(a.grad.numpy(), [5.9769, 217.98, 48618.0], rtol=1e-4)


def test_mul_packs_other_before_self():
    seen = []
    a = torch.ones(3, requires_grad=True)
    b = torch.ones(3, requires_grad=True) * 2
    with graph.saved_tensors_hooks(lambda t: (seen.append(t), t)[1], lambda t: t):
        a * b
    assert seen[0] is b and seen[1] is a


def test_hooks_apply_only_inside_the_block_even_after_an_exception():
    log = []
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(KeyError):
        with graph.saved_tensors_hooks(*logging_hooks(log)):
            raise KeyError("k")
    a.sin()
    assert log == []


def test_nothing_is_packed_when_nothing_is_recorded():
    log = []
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    with graph.saved_tensors_hooks(*logging_hooks(log)):
        with torch.no_grad():
            a * a
        torch.ones(2) * torch.ones(2)
    assert log == []


def test_reading_a_saved_attribute_unpacks_it():
    log = []
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with graph.saved_tensors_hooks(lambda t: ("kept", t), lambda p: (log.append(p[0]), p[1])[1]):
        y = a * 3
    assert y.grad_fn._saved_self is None
    assert repr(y.grad_fn._saved_other) == "tensor(3)"  # a number is not packed
    assert log == []
    z_log_before = len(log)
    with graph.saved_tensors_hooks(lambda t: ("kept", t), lambda p: (log.append(p[0]), p[1])[1]):
        z = a * a
    assert repr(z.grad_fn._saved_self) == "tensor([1., 2., 3.], requires_grad=True)"
    assert log[z_log_before:] == ["kept"]


def test_backward_uses_what_unpack_returns_in_the_saved_tensors_place():
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with graph.saved_tensors_hooks(lambda t: t, lambda t: t.detach() * 0 + 1):
        y = (a * a).sum()
    y.backward(retain_graph=True)
    assert a.grad.tolist() == [2.0, 2.0, 2.0]
    assert repr(y.grad_fn.next_functions[0][0]._saved_self) == "tensor([1., 1., 1.], requires_grad=True)"


def test_a_detached_pack_still_lets_double_backward_reach_the_leaf():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with graph.saved_tensors_hooks(lambda t: t.detach(), lambda t: t):
        y = x.clone() * x
    assert repr(y.grad_fn._saved_self) == "tensor([1., 2.], grad_fn=<CloneBackward0>)"
    (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    assert repr(g) == "tensor([2., 4.], grad_fn=<AddBackward0>)"
    g.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0]


def test_numpy_copies_as_packed_values():
    a = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
    with graph.saved_tensors_hooks(lambda t: t.detach().numpy().copy(), torch.from_numpy):
        y = a.exp() * a
    y.sum().backward()
    np.testing.assert_allclose(a.grad.numpy(), np.exp([0.5, 1.0, 2.0]) * [1.5, 2.0, 3.0], rtol=1e-6)


def test_unpack_must_return_a_tensor():
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with graph.saved_tensors_hooks(lambda t: 5, lambda p: p):
        y = (a * a).sum()
    with pytest.raises(TypeError) as e:
        y.backward()
    assert str(e.value) == "Output of saved tensor unpack_hook expected to be a Tensor but got result of type int"


def test_a_pack_hook_may_not_modify_its_input_in_place():
    b = torch.ones(3, requires_grad=True) * 1
    with pytest.raises(RuntimeError) as e:
        with graph.saved_tensors_hooks(lambda t: t.mul_(2), lambda t: t):
            b * b
    assert str(e.value) == (
        "A saved tensor pack hook is modifying its input in place. Tensors provided as input to pack hook "
        "cannot be modified by in-place operations as this can lead to unexpected side-effects. Please open "
        "an issue if you need to perform in-place operations on the input to a pack hook."
    )


def test_pack_runs_without_grad_and_unpack_with():
    modes = []
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    with graph.saved_tensors_hooks(lambda t: (modes.append(torch.is_grad_enabled()), t)[1],
                                   lambda t: (modes.append(torch.is_grad_enabled()), t)[1]):
        y = a * a
    y.grad_fn._saved_self
    assert modes == [False, False, True]


def test_no_version_check_once_hooks_decide_what_is_kept():
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        b = a.clone()
        y = b * b
    b.add_(1)
    y.sum().backward()  # (without hooks: "one of the variables needed ... modified by an inplace operation")
    assert a.grad.tolist() == [4.0, 6.0, 8.0]  # 2 * b, b as changed in place


def test_the_innermost_hooks_are_used():
    log = []
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    with graph.saved_tensors_hooks(lambda t: (log.append("outer"), t)[1], lambda t: t):
        with graph.saved_tensors_hooks(lambda t: (log.append("inner"), t)[1], lambda t: t):
            a.sin()
        a.cos()
    assert log == ["inner", "outer"]


def test_a_custom_function_packs_after_its_forward_and_only_when_recorded():
    log = []

    class Scale(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            log.append("forward saved")
            return x * 2

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * x

    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with graph.saved_tensors_hooks(lambda t: (log.append("pack"), t)[1], lambda t: (log.append("unpack"), t)[1]):
        r = Scale.apply(a)
        Scale.apply(torch.ones(2))
    r.sum().backward()
    assert log == ["forward saved", "pack", "forward saved", "unpack"]
    assert a.grad.tolist() == [1.0, 2.0, 3.0]


def test_hooks_cannot_be_set_inside_disable_saved_tensors_hooks():
    with pytest.raises(RuntimeError, match="^hooks are off here$"):
        with graph.disable_saved_tensors_hooks("hooks are off here"):
            with graph.saved_tensors_hooks(lambda t: t, lambda t: t):
                pass
    with graph.disable_saved_tensors_hooks("first"):
        with graph.disable_saved_tensors_hooks("second"):
            pass
    with pytest.raises(RuntimeError, match="^not while hooks are set$"):
        with graph.saved_tensors_hooks(lambda t: t, lambda t: t):
            with graph.disable_saved_tensors_hooks("not while hooks are set"):
                pass
    with graph.saved_tensors_hooks(lambda t: t, lambda t: t):  # all blocks ended: allowed again
        pass


def test_saved_tensors_hooks_need_two_callables():
    with pytest.raises(TypeError) as e:
        graph.saved_tensors_hooks(1, 2).__enter__()
    assert str(e.value) == (
        "_push_saved_tensors_default_hooks(): incompatible function arguments. The following argument types "
        "are supported:\n    1. (arg0: collections.abc.Callable, arg1: collections.abc.Callable) -> None\n\n"
        "Invoked with: 1, 2"
    )


def test_save_on_cpu_keeps_tensors_as_they_are():
    assert repr(graph.save_on_cpu) == "<class 'torch.autograd.graph.save_on_cpu'>"
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with graph.save_on_cpu(pin_memory=True):
        y = (a * a).sum()
    y.backward()
    assert a.grad.tolist() == [2.0, 4.0, 6.0]


REGISTER_TWICE = (
    "Calling register_hooks on a saved tensor whose hooks have already been set. Hint: only one pair of "
    "hooks is allowed at a time."
)


def test_raw_saved_tensor_packs_at_registration_and_unpacks_on_read():
    log = []
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = a * a
    raw = y.grad_fn._raw_saved_self
    assert repr(type(raw)) == "<class 'torch._C._autograd.SavedTensor'>"
    raw.register_hooks(lambda t: (log.append("pack"), t)[1], lambda t: (log.append("unpack"), t)[1])
    assert log == ["pack"]
    assert repr(y.grad_fn._saved_self) == "tensor([1., 2., 3.], requires_grad=True)"
    assert log == ["pack", "unpack"]


def test_raw_saved_tensor_takes_one_pair_of_hooks():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    y = a * a
    y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)
    with pytest.raises(RuntimeError) as e:
        y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)
    assert str(e.value) == REGISTER_TWICE
    with graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        z = a * a
    with pytest.raises(RuntimeError) as e:
        z.grad_fn._raw_saved_other.register_hooks(lambda t: t, lambda t: t)
    assert str(e.value) == REGISTER_TWICE


def test_raw_saved_tensor_refuses_hooks_after_backward():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    y = a * a
    y.sum().backward()
    with pytest.raises(RuntimeError) as e:
        y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)
    assert str(e.value).startswith("Calling register_hooks on a saved tensor after it has been freed.")


def test_raw_saved_result_packs_the_values_outside_the_graph():
    seen = []
    a = torch.tensor([0.0, 1.0], requires_grad=True)
    z = a.exp()
    z.grad_fn._raw_saved_result.register_hooks(lambda t: (seen.append((t.grad_fn, t.requires_grad)), t)[1], lambda t: t)
    assert seen == [(None, False)]
    assert z.grad_fn._saved_result.grad_fn is z.grad_fn
    z.sum().backward()
    np.testing.assert_allclose(a.grad.numpy(), [1.0, np.e], rtol=1e-6)


# -- module hooks ----------------------------------------------------------------------------------
def linear():
    lin = nn.Linear(2, 2)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
        lin.bias.copy_(torch.tensor([0.5, -0.5]))
    return lin


def test_module_call_keeps_its_signature():
    # (viz/modules.py wraps Module.__call__ while %%tracegraph runs)
    assert str(inspect.signature(nn.Module.__call__)) == "(self, *args, **kwargs)"


def test_full_backward_hook_sees_the_modules_input_and_output_gradients():
    calls = []
    lin = linear()
    lin.register_full_backward_pre_hook(lambda m, go: calls.append(("pre", [g.tolist() for g in go])))
    lin.register_full_backward_hook(lambda m, gi, go: calls.append(("full", [g.tolist() for g in gi], [g.tolist() for g in go])))
    x = torch.tensor([[1.0, -1.0]], requires_grad=True)
    lin(x).sum().backward()
    assert calls == [("pre", [[[1.0, 1.0]]]), ("full", [[[4.0, 6.0]]], [[[1.0, 1.0]]])]
    assert x.grad.tolist() == [[4.0, 6.0]]


def test_full_backward_hook_wraps_inputs_and_outputs_in_backward_hook_nodes():
    lin = linear()
    handle = lin.register_full_backward_hook(lambda m, gi, go: None)
    x = torch.tensor([[1.0, -1.0]], requires_grad=True)
    y = lin(x)
    assert y.grad_fn.name() == "BackwardHookFunctionBackward"
    assert repr(y.grad_fn).startswith("<torch.autograd.function.BackwardHookFunctionBackward object at 0x")
    addmm = y.grad_fn.next_functions[0][0]
    assert addmm.name() == "AddmmBackward0"
    assert [n.name() for n, _ in addmm.next_functions] == [
        "torch::autograd::AccumulateGrad", "BackwardHookFunctionBackward", "TBackward0"]
    handle.remove()
    assert lin(x).grad_fn.name() == "AddmmBackward0"


def test_backward_hooks_may_replace_the_gradients():
    lin = linear()
    lin.register_full_backward_hook(lambda m, gi, go: (gi[0] * 10,))
    lin.register_full_backward_pre_hook(lambda m, go: (go[0] * 2,))
    x = torch.tensor([[1.0, -1.0]], requires_grad=True)
    lin(x).sum().backward()
    assert x.grad.tolist() == [[80.0, 120.0]]
    assert lin.weight.grad.tolist() == [[2.0, -2.0], [2.0, -2.0]]


def test_full_backward_hook_fires_at_the_outputs_when_no_input_needs_grad():
    calls = []
    lin = linear()
    lin.register_full_backward_hook(lambda m, gi, go: calls.append((gi, [g.tolist() for g in go])))
    y = lin(torch.tensor([[1.0, -1.0]]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y.sum().backward()
    assert calls == [((None,), [[[1.0, 1.0]]])]
    assert [str(w.message) for w in caught] == [
        "Full backward hook is firing when gradients are computed with respect to module outputs since no "
        "inputs require gradients. See https://docs.pytorch.org/docs/main/generated/torch.nn.Module.html"
        "#torch.nn.Module.register_full_backward_hook for more details."]


class Two(nn.Module):
    def forward(self, a, b, k=2):
        return a * b * k, a - b


def test_grad_input_has_one_entry_per_positional_argument():
    calls = []
    m = Two()
    m.register_full_backward_hook(lambda mod, gi, go: calls.append(gi))
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    p, q = m(a, torch.tensor([3.0, 4.0]), 3)
    (p.sum() + q.sum()).backward()
    (gi,) = calls
    assert gi[0].tolist() == [10.0, 13.0] and gi[1].tolist() == [0.0, 0.0] and gi[2] is None


def test_unused_outputs_have_no_grad_output():
    calls = []
    m = Two()
    m.register_full_backward_pre_hook(lambda mod, go: calls.append(go))
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    p, _ = m(a, torch.tensor([3.0, 4.0]))
    p.sum().backward()
    assert calls[0][0].tolist() == [1.0, 1.0] and calls[0][1] is None


def test_full_backward_hook_must_return_one_gradient_per_tensor_input():
    m = Two()
    m.register_full_backward_hook(lambda mod, gi, go: (gi[0],))
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError) as e:
        sum(m(a, torch.tensor([3.0, 4.0]))).sum().backward()
    assert str(e.value) == "Backward hook returned an invalid number of grad_input, got 1, but expected 2"


def test_no_backward_hook_nodes_under_no_grad():
    m = Two()
    m.register_full_backward_hook(lambda mod, gi, go: None)
    with torch.no_grad():
        p, _ = m(torch.tensor([1.0], requires_grad=True), torch.tensor([2.0]))
    assert p.grad_fn is None


MULTIPLE_NODES_WARNING = (
    "Using a non-full backward hook when the forward contains multiple autograd Nodes is deprecated and "
    "will be removed in future versions. This hook will be missing some grad_input. Please use "
    "register_full_backward_hook to get the documented behavior."
)


def test_old_backward_hook_sees_the_last_nodes_gradients_and_warns():
    calls = []
    lin = linear()
    lin.register_backward_hook(lambda m, gi, go: calls.append(([g.tolist() for g in gi], [g.tolist() for g in go])))
    x = torch.tensor([[1.0, -1.0]], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y = lin(x)
    assert [(w.category, str(w.message)) for w in caught] == [(FutureWarning, MULTIPLE_NODES_WARNING)]
    assert y.grad_fn.name() == "AddmmBackward0"
    y.sum().backward()
    assert calls == [([[1.0, 1.0], [[4.0, 6.0]], [[1.0, 1.0], [-1.0, -1.0]]], [[[1.0, 1.0]]])]


def test_old_backward_hook_is_silent_when_forward_records_one_node():
    relu = nn.ReLU()
    relu.register_backward_hook(lambda m, gi, go: (gi[0] * 3,))
    x = torch.tensor([-1.0, 2.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y = relu(x * 1)
    assert caught == []
    y.sum().backward()
    assert x.grad.tolist() == [0.0, 3.0]


def test_old_and_full_backward_hooks_do_not_mix():
    message = ("Cannot use both regular backward hooks and full backward hooks on a single Module. "
               "Please use only one of them.")
    lin = nn.Linear(2, 2)
    lin.register_backward_hook(lambda m, gi, go: None)
    with pytest.raises(RuntimeError) as e:
        lin.register_full_backward_hook(lambda m, gi, go: None)
    assert str(e.value) == message
    lin2 = nn.Linear(2, 2)
    lin2.register_full_backward_hook(lambda m, gi, go: None)
    with pytest.raises(RuntimeError) as e:
        lin2.register_backward_hook(lambda m, gi, go: None)
    assert str(e.value) == message


def test_forward_hooks_with_kwargs_and_prepend():
    calls = []
    idt = nn.Identity()
    idt.register_forward_pre_hook(lambda m, args, kwargs: calls.append(("pre kw", kwargs)), with_kwargs=True)
    idt.register_forward_hook(lambda m, args, kwargs, out: calls.append(("hook kw", kwargs)), with_kwargs=True)
    idt.register_forward_pre_hook(lambda m, args: calls.append("pre first"), prepend=True)
    idt.register_forward_hook(lambda m, args, out: calls.append("hook first"), prepend=True)
    idt(torch.ones(1))
    assert calls == ["pre first", ("pre kw", {}), "hook first", ("hook kw", {})]


def test_a_pre_hook_with_kwargs_returns_args_and_kwargs():
    class Scaled(nn.Module):
        def forward(self, x, scale=1.0):
            return x * scale

    s = Scaled()
    s.register_forward_pre_hook(lambda m, args, kwargs: (args, {"scale": 10.0}), with_kwargs=True)
    assert s(torch.ones(2), scale=2.0).tolist() == [10.0, 10.0]
    bad = nn.Identity()
    bad.register_forward_pre_hook(lambda m, args, kwargs: 5, with_kwargs=True)
    with pytest.raises(RuntimeError) as e:
        bad(torch.ones(1))
    assert str(e.value) == "forward pre-hook must return None or a tuple of (new_args, new_kwargs), but got 5."


def test_always_call_forward_hook_runs_when_forward_raises():
    calls = []

    class Boom(nn.Module):
        def forward(self, x):
            raise ValueError("boom")

    bm = Boom()
    bm.register_forward_hook(lambda m, args, out: calls.append(("always", out)), always_call=True)
    bm.register_forward_hook(lambda m, args, out: calls.append("not always"))
    with pytest.raises(ValueError, match="^boom$"):
        bm(torch.ones(1))
    assert calls == [("always", None)]


def test_hooks_run_in_sequential_order_through_backward():
    calls = []
    net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
    for name, mod in net.named_children():
        mod.register_full_backward_pre_hook(lambda m, go, name=name: calls.append(("pre", name)))
        mod.register_full_backward_hook(lambda m, gi, go, name=name: calls.append(("full", name, gi[0] is None)))
    net(torch.tensor([[1.0, 2.0, 3.0]])).sum().backward()
    assert calls == [("pre", "2"), ("full", "2", False), ("pre", "1"), ("full", "1", False),
                     ("pre", "0"), ("full", "0", True)]


CUSTOM_VIEW_INPLACE = (
    "Output 0 of {} is a view and is being modified inplace. This view was created inside a custom Function "
    "(or because an input was returned as-is) and the autograd logic to handle view+inplace would override the "
    "custom backward associated with the custom Function, leading to incorrect gradients. This behavior is "
    "forbidden. You can fix this by cloning the output of the custom Function."
)


def test_an_input_a_custom_function_returned_as_is_cannot_change_in_place():
    class Id(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, g):
            return g

    y = Id.apply(torch.tensor([-1.0, 2.0], requires_grad=True) * 1)
    with pytest.raises(RuntimeError) as e:
        y.relu_()
    assert str(e.value) == CUSTOM_VIEW_INPLACE.format("Id")
    assert Id.apply(torch.tensor([-1.0], requires_grad=True) * 1).clone().relu_().tolist() == [0.0]


def test_an_inplace_module_after_a_full_backward_hook_fails_as_in_pytorch():
    relu = nn.ReLU(inplace=True)
    relu.register_full_backward_hook(lambda m, gi, go: None)
    with pytest.raises(RuntimeError) as e:
        relu(torch.tensor([-1.0, 2.0], requires_grad=True) * 1)
    assert str(e.value) == CUSTOM_VIEW_INPLACE.format("BackwardHookFunction")


def test_outputs_that_are_not_a_tuple_warn_and_skip_the_full_backward_hooks():
    calls = []

    class AsList(nn.Module):
        def forward(self, x):
            return [x * 2, x]

    m = AsList()
    m.register_full_backward_hook(lambda mod, gi, go: calls.append(gi))
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = m(x)
    assert [str(w.message) for w in caught] == [
        "For backward hooks to be called, module output should be a Tensor or a tuple of Tensors but received "
        "<class 'list'>"]
    assert out[0].grad_fn.name() == "MulBackward0"
    out[0].sum().backward()
    assert calls == [] and x.grad.tolist() == [2.0, 2.0]


def test_grad_output_has_one_entry_per_output_none_for_a_non_tensor():
    calls = []

    class WithNumber(nn.Module):
        def forward(self, x):
            return x * 2, 3

    m = WithNumber()
    m.register_full_backward_hook(lambda mod, gi, go: calls.append(go))
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    m(x)[0].sum().backward()
    (go,) = calls
    assert len(go) == 2 and go[0].tolist() == [1.0, 1.0] and go[1] is None


def test_an_input_marked_dirty_and_returned_may_change_in_place_again():
    class AddOne(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            x.add_(1)
            ctx.mark_dirty(x)
            return x

        @staticmethod
        def backward(ctx, g):
            return g

    a = torch.tensor([1.0, 2.0], requires_grad=True)
    c = AddOne.apply(a * 1)
    c.mul_(2)
    assert repr(c) == "tensor([4., 6.], grad_fn=<MulBackward0>)"
    c.sum().backward()
    assert a.grad.tolist() == [2.0, 2.0]
