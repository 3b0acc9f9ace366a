"""Autograd semantics: leaves, grad_fn graphs, backward, hooks, grad modes,
saved tensors, torch.autograd.grad, custom Functions, gradcheck."""

from textwrap import dedent as _d

from ._sources import with_graph

PROGRAMS = {
    # ------------------------------------------------------------ leaves
    "ag_requires_grad_default_false": _d("""\
        t = torch.tensor([1., 2.])
        print(t.requires_grad, t.is_leaf, t.grad, t.grad_fn)
        u = t * 2
        print(u.requires_grad, u.is_leaf, u.grad_fn)
    """),
    "ag_requires_grad_inplace_method": _d("""\
        t = torch.tensor([1., 2.])
        r = t.requires_grad_()
        print(r is t, t.requires_grad, t.is_leaf)
        t.requires_grad_(False)
        print(t.requires_grad)
        t.requires_grad = True
        print(t.requires_grad, t)
    """),
    "ag_is_leaf_rules": _d("""\
        a = torch.tensor([1., 2.], requires_grad=True)
        b = a * 2
        c = b.detach()
        d = torch.tensor([3., 4.]) * 5
        print(a.is_leaf, b.is_leaf, c.is_leaf, d.is_leaf)
        print(a.requires_grad, b.requires_grad, c.requires_grad, d.requires_grad)
    """),
    "ag_mixed_requires_grad_inputs": _d("""\
        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor([3., 4.])
        y = a * b
        print(y.requires_grad, y.grad_fn.next_functions)
        z = b * a
        print(z.grad_fn.next_functions)
        (y + z).sum().backward()
        print(a.grad, b.grad)
    """),
    "ag_grad_fn_name_and_repr": _d("""\
        x = torch.tensor(2., requires_grad=True)
        y = x * x + 1
        print(y.grad_fn)
        print(y.grad_fn.name(), type(y.grad_fn).__name__)
        print(y)
    """),
    "ag_next_functions_deep": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        w = torch.tensor([3., 4.], requires_grad=True)
        y = (x * w).sum().exp()
        print(y.grad_fn.next_functions)
        print(y.grad_fn.next_functions[0][0].next_functions)
        print(y.grad_fn.next_functions[0][0].next_functions[0][0].next_functions)
    """),
    "ag_walk_graph_names": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = ((x + 1) * 2).relu().mean()
        def walk(fn, depth=0):
            if fn is None:
                print("  " * depth + "None")
                return
            print("  " * depth + fn.name())
            for nxt, idx in fn.next_functions:
                walk(nxt, depth + 1)
        walk(y.grad_fn)
    """),
    "ag_accumulate_grad_variable": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 3
        acc = y.grad_fn.next_functions[0][0]
        print(acc)
        print(type(acc).__name__, acc.name())
        print(acc.variable is x)
        print(acc.variable)
        print(acc.next_functions)
    """),
    "ag_accumulate_grad_is_shared": _d("""\
        x = torch.tensor(1., requires_grad=True)
        a = x * 2
        b = x + 2
        print(a.grad_fn.next_functions[0][0] is b.grad_fn.next_functions[0][0])
    """),
    "ag_next_functions_output_index": _d("""\
        x = torch.tensor([1., 2., 3., 4.], requires_grad=True)
        parts = x.split(2)
        y = parts[1] * 2
        print(y.grad_fn.next_functions)
        print(parts[0].grad_fn.name())
        y.sum().backward()
        print(x.grad)
    """),
    "ag_unbind_output_index": _d("""\
        x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        a, b = x.unbind(0)
        y = a * b
        print(y.grad_fn.next_functions)
        y.sum().backward()
        print(x.grad)
    """),
    # ------------------------------------------------------------ backward
    "ag_backward_scalar": _d("""\
        x = torch.tensor(3., requires_grad=True)
        y = x ** 2 + 2 * x
        y.backward()
        print(x.grad)
    """),
    "ag_backward_with_gradient_vector": _d("""\
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        y = x * x
        y.backward(torch.tensor([1., 0.1, 0.01]))
        print(x.grad)
    """),
    "ag_backward_with_gradient_kwarg": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = 3 * x
        y.backward(gradient=torch.ones(2))
        print(x.grad)
    """),
    "ag_backward_scalar_with_gradient": _d("""\
        x = torch.tensor(2., requires_grad=True)
        y = x ** 3
        y.backward(torch.tensor(0.5))
        print(x.grad)
    """),
    "ag_backward_on_leaf_itself": _d("""\
        x = torch.tensor(5., requires_grad=True)
        x.backward()
        print(x.grad)
    """),
    "ag_backward_returns_none": _d("""\
        x = torch.tensor(1., requires_grad=True)
        print((x * 2).backward())
    """),
    "ag_torch_autograd_backward": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = (x * x).sum()
        torch.autograd.backward(y)
        print(x.grad)
        z = x * 2
        torch.autograd.backward([z], [torch.tensor([1., 1.])])
        print(x.grad)
    """),
    "ag_variable_used_twice": _d("""\
        x = torch.tensor(2., requires_grad=True)
        y = x * x + x
        y.backward()
        print(x.grad)
    """),
    "ag_diamond_graph": _d("""\
        x = torch.tensor(1.5, requires_grad=True)
        a = x * 2
        b = a.exp()
        c = a.sin()
        y = b + c
        y.backward()
        print(f"{x.grad.item():.4f}")
    """),
    "ag_retain_graph_twice_accumulates": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = (x ** 2).sum()
        y.backward(retain_graph=True)
        print(x.grad)
        y.backward()
        print(x.grad)
    """),
    "ag_second_backward_without_retain_caught": _d("""\
        x = torch.tensor(2., requires_grad=True)
        y = x * x
        y.backward()
        try:
            y.backward()
        except RuntimeError as e:
            print(type(e).__name__, e)
        print(x.grad, torch.is_grad_enabled())
    """),
    "ag_second_backward_no_saved_tensors_ok": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = (x + 1).sum()
        y.backward()
        y.backward()
        print(x.grad)
    """),
    "ag_grad_accumulates_across_calls": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        for i in range(3):
            (x * 3).sum().backward()
            print(x.grad)
    """),
    "ag_grad_zero_between_calls": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        for i in range(3):
            (x * 3).sum().backward()
            print(x.grad)
            x.grad.zero_()
        print(x.grad)
    """),
    "ag_grad_set_none": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        (x * 2).sum().backward()
        x.grad = None
        print(x.grad)
        (x * 5).sum().backward()
        print(x.grad)
    """),
    "ag_grad_assign_tensor": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        x.grad = torch.tensor([10., 10.])
        (x * 2).sum().backward()
        print(x.grad)
    """),
    "ag_grad_properties": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        (x * x).sum().backward()
        g = x.grad
        print(g.requires_grad, g.is_leaf, g.grad_fn, g.dtype, g.shape)
    """),
    "ag_grad_tensor_identity_kept": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        (x * 2).sum().backward()
        g = x.grad
        (x * 2).sum().backward()
        print(g is x.grad, g)
    """),
    "ag_backward_create_graph": _d("""\
        x = torch.tensor(3., requires_grad=True)
        y = x ** 3
        y.backward(create_graph=True)
        print(x.grad)
        g = x.grad
        print(g.requires_grad, g.grad_fn is not None)
    """),
    "ag_backward_create_graph_warns_once_per_process": _d("""\
        import warnings
        warnings.simplefilter("always")
        x = torch.tensor(3., requires_grad=True)
        for _ in range(3):
            (x ** 3).backward(create_graph=True)
        print(x.grad)
    """),
    "ag_backward_inputs": _d("""\
        a = torch.tensor(2., requires_grad=True)
        b = torch.tensor(3., requires_grad=True)
        y = a * b
        y.backward(inputs=[a])
        print(a.grad, b.grad)
        y2 = a * b
        y2.backward(inputs=(b,))
        print(a.grad, b.grad)
    """),
    "ag_backward_inputs_single_tensor": _d("""\
        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor([3., 4.], requires_grad=True)
        (a * b).sum().backward(inputs=b)
        print(a.grad, b.grad)
    """),
    "ag_int_tensor_no_grad_flow": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        idx = torch.tensor([1, 0])
        y = x[idx] * idx
        print(y, y.grad_fn.name())
        y.sum().backward()
        print(x.grad)
    """),
    # ------------------------------------------------------------ non-leaf grads
    "ag_nonleaf_grad_warning": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        y.sum().backward()
        print(y.grad)
    """),
    "ag_retain_grad": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        y.retain_grad()
        z = (y * y).sum()
        z.backward()
        print(y.grad)
        print(x.grad)
        print(y.retains_grad, x.retains_grad, z.retains_grad)
    """),
    "ag_retain_grad_accumulates": _d("""\
        x = torch.tensor(1., requires_grad=True)
        y = x * 3
        y.retain_grad()
        w = y * 2
        w.backward(retain_graph=True)
        w.backward()
        print(y.grad, x.grad)
    """),
    "ag_retain_grad_on_leaf_noop": _d("""\
        x = torch.tensor([1.], requires_grad=True)
        x.retain_grad()
        (x * 4).sum().backward()
        print(x.grad, x.retains_grad)
    """),
    "ag_nonleaf_grad_before_backward_warns": _d("""\
        x = torch.tensor(1., requires_grad=True)
        y = x + 1
        g = y.grad
        print(g)
    """),
    "ag_legacy_variable_wrapper": _d("""\
        from torch.autograd import Variable
        v = Variable(torch.tensor([1., 2.]), requires_grad=True)
        print(v, type(v).__name__)
        (v * v).sum().backward()
        print(v.grad)
    """),
    "ag_grad_data_zero": _d("""\
        w = torch.tensor([1., 2.], requires_grad=True)
        (w * 4).sum().backward()
        w.grad.data.zero_()
        print(w.grad)
        (w * 4).sum().backward()
        print(w.grad)
    """),
    # ------------------------------------------------------------ detach / data
    "ag_detach": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        d = y.detach()
        print(d, d.requires_grad, d.is_leaf, d.grad_fn)
        d[0] = 100.
        print(y)
    """),
    "ag_detach_breaks_graph": _d("""\
        x = torch.tensor(2., requires_grad=True)
        y = x * x
        z = y.detach() * x
        z.backward()
        print(x.grad)
    """),
    "ag_detach_inplace": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        r = y.detach_()
        print(r is y, y, y.requires_grad, y.is_leaf, y.grad_fn)
    """),
    "ag_data_bypasses_autograd": _d("""\
        w = torch.tensor([1., 2.], requires_grad=True)
        (w * w).sum().backward()
        w.data -= 0.1 * w.grad.data
        print(w, w.is_leaf, w.grad_fn)
        print(w.data)
    """),
    "ag_data_assignment": _d("""\
        w = torch.tensor([1., 2.], requires_grad=True)
        w.data = torch.tensor([5., 6.])
        print(w, w.requires_grad)
        (w * 2).sum().backward()
        print(w.grad)
    """),
    "ag_detach_shares_version": _d("""\
        x = torch.tensor([1., 2.])
        d = x.detach()
        d.add_(1)
        print(x, x._version, d._version)
    """),
    # ------------------------------------------------------------ grad modes
    "mode_no_grad_context": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        with torch.no_grad():
            y = x * 2
            print(torch.is_grad_enabled())
        print(y, y.requires_grad, y.is_leaf, y.grad_fn)
        print(torch.is_grad_enabled())
    """),
    "mode_no_grad_decorator": _d("""\
        @torch.no_grad()
        def f(t):
            return t * 2, torch.is_grad_enabled()
        x = torch.tensor(1., requires_grad=True)
        y, enabled = f(x)
        print(y, y.requires_grad, enabled, torch.is_grad_enabled())
    """),
    "mode_no_grad_bare_decorator": _d("""\
        @torch.no_grad
        def f(t):
            return t + 1
        x = torch.tensor(1., requires_grad=True)
        print(f(x).requires_grad, f.__name__)
    """),
    "mode_enable_grad_inside_no_grad": _d("""\
        x = torch.tensor(1., requires_grad=True)
        with torch.no_grad():
            with torch.enable_grad():
                y = x * 2
                print(torch.is_grad_enabled())
            z = x * 2
            print(torch.is_grad_enabled())
        print(y.requires_grad, z.requires_grad)
    """),
    "mode_enable_grad_decorator": _d("""\
        @torch.enable_grad()
        def f(t):
            return t * 3
        x = torch.tensor(1., requires_grad=True)
        with torch.no_grad():
            y = f(x)
        print(y.requires_grad, y.grad_fn.name())
    """),
    "mode_set_grad_enabled_function": _d("""\
        x = torch.tensor(1., requires_grad=True)
        torch.set_grad_enabled(False)
        y = x * 2
        print(torch.is_grad_enabled(), y.requires_grad)
        torch.set_grad_enabled(True)
        z = x * 2
        print(torch.is_grad_enabled(), z.requires_grad)
    """),
    "mode_set_grad_enabled_context": _d("""\
        x = torch.tensor(1., requires_grad=True)
        for flag in (False, True):
            with torch.set_grad_enabled(flag):
                y = x * 2
            print(flag, y.requires_grad, torch.is_grad_enabled())
    """),
    "mode_set_grad_enabled_decorator": _d("""\
        @torch.set_grad_enabled(False)
        def f(t):
            return t * 2
        x = torch.tensor(1., requires_grad=True)
        print(f(x).requires_grad, torch.is_grad_enabled())
    """),
    "mode_no_grad_restored_after_exception": _d("""\
        try:
            with torch.no_grad():
                print(torch.is_grad_enabled())
                raise ValueError("boom")
        except ValueError as e:
            print("caught", e)
        print(torch.is_grad_enabled())
    """),
    "mode_decorator_restored_after_exception": _d("""\
        @torch.no_grad()
        def f():
            raise KeyError("k")
        try:
            f()
        except KeyError as e:
            print("caught", repr(e))
        print(torch.is_grad_enabled())
    """),
    "mode_enable_grad_restored_after_exception": _d("""\
        with torch.no_grad():
            try:
                with torch.enable_grad():
                    raise RuntimeError("inner")
            except RuntimeError:
                pass
            print(torch.is_grad_enabled())
        print(torch.is_grad_enabled())
    """),
    "mode_nested_no_grad": _d("""\
        with torch.no_grad():
            with torch.no_grad():
                pass
            print(torch.is_grad_enabled())
        print(torch.is_grad_enabled())
    """),
    "mode_no_grad_leaf_creation": _d("""\
        with torch.no_grad():
            w = torch.ones(2, requires_grad=True)
            v = w * 2
        print(w.requires_grad, w.is_leaf, v.requires_grad)
    """),
    "mode_inference_mode_context": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        with torch.inference_mode():
            y = x * 2
            print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())
        print(y, y.requires_grad, y.is_inference())
        print(x.is_inference(), torch.is_grad_enabled(), torch.is_inference_mode_enabled())
    """),
    "mode_inference_mode_decorator": _d("""\
        @torch.inference_mode()
        def f(t):
            return t * 2
        x = torch.tensor(1., requires_grad=True)
        y = f(x)
        print(y.requires_grad, y.is_inference())
    """),
    "mode_inference_mode_false": _d("""\
        x = torch.tensor(1., requires_grad=True)
        with torch.inference_mode(False):
            y = x * 2
        print(y.requires_grad, torch.is_inference_mode_enabled())
    """),
    "mode_inference_mode_restored_after_exception": _d("""\
        try:
            with torch.inference_mode():
                1 / 0
        except ZeroDivisionError:
            print("caught")
        print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())
    """),
    "mode_no_grad_returns_value_of_function": _d("""\
        class Model:
            @torch.no_grad()
            def predict(self, x):
                return x * 10
        m = Model()
        out = m.predict(torch.tensor([1.], requires_grad=True))
        print(out, out.requires_grad)
    """),
    # ------------------------------------------------------------ tensor hooks
    "hook_tensor_print_grad": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 3
        y.register_hook(lambda g: print("grad of y:", g))
        y.sum().backward()
        print(x.grad)
    """),
    "hook_tensor_modify_grad": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 3
        y.register_hook(lambda g: g * 10)
        y.sum().backward()
        print(x.grad)
    """),
    "hook_leaf_tensor": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        h = x.register_hook(lambda g: g + 100)
        (x * 2).sum().backward()
        print(x.grad)
        h.remove()
        x.grad = None
        (x * 2).sum().backward()
        print(x.grad)
    """),
    "hook_handle_remove": _d("""\
        x = torch.tensor(1., requires_grad=True)
        y = x * 2
        h = y.register_hook(lambda g: print("hook", g))
        print(type(h).__name__)
        h.remove()
        y.backward()
        print(x.grad)
    """),
    "hook_order_multiple": _d("""\
        x = torch.tensor(1., requires_grad=True)
        y = x * 2
        y.register_hook(lambda g: print("first", g) or g * 2)
        y.register_hook(lambda g: print("second", g) or g + 1)
        y.backward()
        print(x.grad)
    """),
    "hook_on_tensor_not_requiring_grad": _d("""\
        t = torch.tensor([1.])
        try:
            t.register_hook(lambda g: g)
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "hook_grad_fn_hook": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        w = torch.tensor([3., 4.], requires_grad=True)
        y = x * w
        def hook(grad_inputs, grad_outputs):
            print("inputs:", grad_inputs)
            print("outputs:", grad_outputs)
        h = y.grad_fn.register_hook(hook)
        y.sum().backward()
        print(x.grad, w.grad)
    """),
    "hook_grad_fn_hook_replaces_inputs": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        y.grad_fn.register_hook(lambda gi, go: (gi[0] * 0 + 7, gi[1]))
        y.sum().backward()
        print(x.grad)
    """),
    "hook_grad_fn_prehook": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x.exp()
        def pre(grad_outputs):
            print("pre:", grad_outputs)
            return (grad_outputs[0] * 2,)
        h = y.grad_fn.register_prehook(pre)
        y.sum().backward()
        print(x.grad)
    """),
    "hook_grad_fn_remove": _d("""\
        x = torch.tensor(1., requires_grad=True)
        y = x * 5
        h1 = y.grad_fn.register_hook(lambda gi, go: print("hook"))
        h2 = y.grad_fn.register_prehook(lambda go: print("prehook"))
        h1.remove()
        h2.remove()
        y.backward()
        print(x.grad)
    """),
    "hook_accumulate_grad_node": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        acc = y.grad_fn.next_functions[0][0]
        acc.register_prehook(lambda go: print("acc pre", go))
        y.sum().backward()
        print(x.grad)
    """),
    "hook_sees_grad_order_in_chain": _d("""\
        x = torch.tensor(1., requires_grad=True)
        a = x * 2
        b = a * 3
        a.register_hook(lambda g: print("a", g))
        b.register_hook(lambda g: print("b", g))
        b.backward()
    """),
    # ------------------------------------------------------------ saved tensors
    "saved_mul_self_other": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        w = torch.tensor([3., 4.], requires_grad=True)
        y = x * w
        print(y.grad_fn._saved_self)
        print(y.grad_fn._saved_other)
        print(y.grad_fn._saved_self is x, torch.equal(y.grad_fn._saved_other, w))
    """),
    "saved_mul_scalar_other": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 3
        print(y.grad_fn._saved_other, y.grad_fn._saved_self)
    """),
    "saved_exp_result": _d("""\
        x = torch.tensor([0., 1.], requires_grad=True)
        y = x.exp()
        print(y.grad_fn._saved_result)
        print(torch.equal(y.grad_fn._saved_result, y))
        print([a for a in dir(y.grad_fn) if a.startswith("_saved")])
    """),
    "saved_result_is_a_new_tensor_on_the_same_node": _d("""\
        x = torch.tensor([0., 1.], requires_grad=True)
        y = x.exp()
        s = y.grad_fn._saved_result
        print(s is y, s.grad_fn is y.grad_fn, s.requires_grad, s.is_leaf, s._version)
        y.mul_(2)
        print(y._version, s._version, y.grad_fn.name())
        try:
            y.grad_fn.next_functions[0][0]._saved_result
        except RuntimeError as e:
            print(str(e)[:150])
        print(torch.equal(y.grad_fn.next_functions[0][0]._saved_result, y))
    """),
    "saved_input_changed_in_place_raises_on_attribute_access": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        w = torch.tensor([3., 4.])
        y = x * w
        w.mul_(2)
        print(y.grad_fn._saved_self)
        print(y.grad_fn._saved_other)
    """),
    "saved_pow_exponent": _d("""\
        x = torch.tensor([2.], requires_grad=True)
        y = x ** 3
        print(y.grad_fn._saved_self, y.grad_fn._saved_exponent)
        print(type(y.grad_fn._saved_exponent).__name__)
    """),
    "saved_add_alpha": _d("""\
        a = torch.tensor(1., requires_grad=True)
        y = torch.add(a, a, alpha=2)
        print(y.grad_fn._saved_alpha)
        print((a - 1).grad_fn._saved_alpha)
    """),
    "saved_sum_sizes": _d("""\
        x = torch.ones(2, 3, requires_grad=True)
        y = x.sum()
        print(y.grad_fn._saved_self_sym_sizes)
        z = x.mean()
        print(z.grad_fn._saved_self_sym_sizes, z.grad_fn._saved_self_sym_numel)
    """),
    "saved_softmax_dim_and_result": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x.softmax(0)
        print(y.grad_fn._saved_dim)
        print(y.grad_fn._saved_result)
    """),
    "saved_sigmoid_tanh_relu_result": _d("""\
        x = torch.tensor([-1., 1.], requires_grad=True)
        print(x.sigmoid().grad_fn._saved_result)
        print(x.tanh().grad_fn._saved_result)
        print(x.relu().grad_fn._saved_result)
    """),
    "saved_log_sin_self": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        print(x.log().grad_fn._saved_self)
        print(x.sin().grad_fn._saved_self)
    """),
    "saved_div_self_other": _d("""\
        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor([4., 8.], requires_grad=True)
        y = a / b
        print(y.grad_fn._saved_self, y.grad_fn._saved_other)
    """),
    "saved_mm_mat2_and_self": _d("""\
        a = torch.tensor([[1., 2.]], requires_grad=True)
        b = torch.tensor([[3.], [4.]], requires_grad=True)
        y = a.mm(b)
        print(y.grad_fn._saved_self)
        print(y.grad_fn._saved_mat2)
    """),
    "saved_dot_tensor": _d("""\
        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor([3., 4.], requires_grad=True)
        y = a.dot(b)
        print(y.grad_fn._saved_self, y.grad_fn._saved_tensor)
    """),
    "saved_clamp_min_max": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x.clamp(0., 1.5)
        print(y.grad_fn._saved_min, y.grad_fn._saved_max)
        z = x.clamp(min=0.5)
        print(z.grad_fn._saved_min, z.grad_fn._saved_max)
    """),
    "saved_attr_names_pointwise": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        w = torch.tensor([3., 4.], requires_grad=True)
        outs = [x + w, x - w, x * w, x / w, x ** 2, x ** w, 2 ** x, -x, x.abs(), x.exp(),
                x.log(), x.sqrt(), x.sin(), x.cos(), x.tanh(), x.sigmoid(), x.relu(),
                x.clamp(0, 1), x.reciprocal(), torch.maximum(x, w), torch.where(x > 1, x, w)]
        for y in outs:
            print(y.grad_fn.name(), [a for a in dir(y.grad_fn) if a.startswith("_saved")])
    """),
    "saved_attr_names_reductions": _d("""\
        x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        outs = [x.sum(), x.sum(0), x.mean(), x.mean(1), x.prod(), x.max(), x.max(0)[0],
                x.min(), x.var(), x.std(), x.norm(), x.softmax(1), x.log_softmax(0)]
        for y in outs:
            print(y.grad_fn.name(), [a for a in dir(y.grad_fn) if a.startswith("_saved")])
    """),
    "saved_attr_names_shape_and_linalg": _d("""\
        x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        v = torch.tensor([1., 2.], requires_grad=True)
        outs = [x.view(4), x.reshape(1, 4), x.t(), x.T, x.transpose(0, 1), x.permute(1, 0),
                x.unsqueeze(0), x.view(1, 2, 2).squeeze(), x.view(1, 2, 2).squeeze(0),
                x.expand(3, 2, 2), x[0], x[:, 1:], x[[0, 1]], torch.cat([x, x]), torch.stack([x, x]),
                x @ x, x @ v, v @ v, x.flatten()]
        for y in outs:
            print(y.grad_fn.name(), [a for a in dir(y.grad_fn) if a.startswith("_saved")])
    """),
    "saved_attr_names_losses": _d("""\
        p = torch.tensor([0.2, 0.7], requires_grad=True)
        t = torch.tensor([0., 1.])
        logits = torch.tensor([[1., 2.]], requires_grad=True)
        outs = [F.mse_loss(p, t), F.binary_cross_entropy(p, t),
                F.binary_cross_entropy_with_logits(p, t), F.cross_entropy(logits, torch.tensor([1])),
                F.nll_loss(logits, torch.tensor([0])),
                F.linear(logits, torch.ones(3, 2, requires_grad=True), torch.ones(3, requires_grad=True))]
        for y in outs:
            print(y.grad_fn.name(), [a for a in dir(y.grad_fn) if a.startswith("_saved")])
    """),
    "saved_non_tensor_values": _d("""\
        x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        print(x.view(4).grad_fn._saved_self_sym_sizes)
        print(x.permute(1, 0).grad_fn._saved_dims)
        s = x[1]
        print(s.grad_fn._saved_dim, s.grad_fn._saved_index, s.grad_fn._saved_self_sym_sizes)
        m = x.max(1)[0]
        print(m.grad_fn._saved_dim, m.grad_fn._saved_keepdim, m.grad_fn._saved_indices)
        v = x.var(0)
        print(v.grad_fn._saved_dim, v.grad_fn._saved_correction, v.grad_fn._saved_keepdim)
        n = x.norm()
        print(n.grad_fn._saved_ord, n.grad_fn._saved_dim, n.grad_fn._saved_keepdim)
        print(x.unsqueeze(1).grad_fn._saved_dim, torch.cat([x, x], 1).grad_fn._saved_dim)
        print(x.transpose(0, 1).grad_fn._saved_dim0, x.transpose(0, 1).grad_fn._saved_dim1)
        print(x.log_softmax(1).grad_fn._saved_dim)
        print(F.mse_loss(x, x.detach()).grad_fn._saved_reduction)
    """),
    "saved_after_backward_error": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * x
        y.sum().backward()
        try:
            y.grad_fn._saved_self
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "saved_after_backward_retain_graph_ok": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x.exp()
        y.sum().backward(retain_graph=True)
        print(y.grad_fn._saved_result)
    """),
    "saved_non_tensor_after_backward_ok": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x ** 2
        y.sum().backward()
        print(y.grad_fn._saved_exponent)
    """),
    "saved_result_after_backward_error": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x.exp()
        y.sum().backward()
        try:
            print(y.grad_fn._saved_result)
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    # ------------------------------------------------------------ version counter
    "version_modify_saved_tensor_caught": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        a = x * 1
        b = a * a
        a.add_(1)
        print(a._version)
        try:
            b.sum().backward()
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "version_modify_unsaved_ok": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        a = x * 1
        b = a + 2
        a.add_(1)
        b.sum().backward()
        print(x.grad, a._version)
    """),
    "version_modify_exp_result_caught": _d("""\
        x = torch.tensor([0., 1.], requires_grad=True)
        y = x.exp()
        y += 1
        try:
            y.sum().backward()
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "version_modify_sigmoid_result": _d("""\
        x = torch.tensor([0.], requires_grad=True)
        y = torch.sigmoid(x)
        z = y * 2
        y.mul_(3)
        try:
            z.backward()
        except RuntimeError as e:
            print(str(e).split(";")[0])
    """),
    "version_leaf_inplace_caught": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        try:
            x.add_(1)
        except RuntimeError as e:
            print(type(e).__name__, e)
        print(x, x._version)
    """),
    "version_leaf_iadd_caught": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        try:
            x += 1
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "version_leaf_setitem_caught": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        try:
            x[0] = 5.
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "version_leaf_view_inplace_caught": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        v = x[:1]
        try:
            v.mul_(2)
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "version_counter_values": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        print(x._version, y._version)
        y.add_(1)
        y.mul_(2)
        y[0] = 0.
        print(y._version)
        with torch.no_grad():
            x.zero_()
        print(x._version)
    """),
    # ------------------------------------------------------------ autograd.grad
    "agrad_basic": _d("""\
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        y = (x ** 2).sum()
        g = torch.autograd.grad(y, x)
        print(type(g).__name__, len(g))
        print(g[0])
        print(x.grad)
    """),
    "agrad_multiple_inputs": _d("""\
        a = torch.tensor(2., requires_grad=True)
        b = torch.tensor(5., requires_grad=True)
        y = a * b + b
        ga, gb = torch.autograd.grad(y, [a, b])
        print(ga, gb)
    """),
    "agrad_grad_outputs": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * x
        (g,) = torch.autograd.grad(y, x, grad_outputs=torch.tensor([1., 10.]))
        print(g)
    """),
    "agrad_second_derivative_cube": _d("""\
        x = torch.tensor(2., requires_grad=True)
        y = x ** 3
        (dy,) = torch.autograd.grad(y, x, create_graph=True)
        print(dy, dy.requires_grad)
        (d2y,) = torch.autograd.grad(dy, x, create_graph=True)
        print(d2y)
        (d3y,) = torch.autograd.grad(d2y, x)
        print(d3y)
    """),
    "agrad_second_derivative_vector": _d("""\
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        y = (x ** 3).sum()
        (g,) = torch.autograd.grad(y, x, create_graph=True)
        print(g)
        (h,) = torch.autograd.grad(g.sum(), x)
        print(h)
    """),
    "agrad_second_derivative_sin": _d("""\
        x = torch.tensor([0., 1.], requires_grad=True)
        (g,) = torch.autograd.grad(x.sin().sum(), x, create_graph=True)
        (h,) = torch.autograd.grad(g.sum(), x)
        print(g)
        print(h)
    """),
    "agrad_create_graph_cross_entropy_nodes": _d("""\
        x = torch.tensor([[0.5, -1., 2.], [1., 0., -0.5]], requires_grad=True)
        t = torch.tensor([2, 0])
        (g,) = torch.autograd.grad(F.cross_entropy(x, t), x, create_graph=True)
        fn = g.grad_fn
        print(fn.name(), [(n.name() if n else None, i) for n, i in fn.next_functions])
        print(fn._saved_dim, fn._saved_output.grad_fn.name(), fn._saved_grad_output.grad_fn.name())
        inner = fn.next_functions[0][0]
        print([(n.name() if n else None, i) for n, i in inner.next_functions])
        print(inner._saved_reduction, inner._saved_ignore_index, inner._saved_target, inner._saved_weight)
        print(g)
        (h,) = torch.autograd.grad((g * g).sum(), x)
        print(h)
    """),
    "agrad_create_graph_softmax_nodes": _d("""\
        x = torch.tensor([[0.5, -1., 2.], [1., 0., -0.5]], requires_grad=True)
        w = torch.tensor([[1., 2., 3.], [-1., 0.5, 2.]])
        (g,) = torch.autograd.grad((torch.softmax(x, 1) * w).sum(), x, create_graph=True)
        fn = g.grad_fn
        print(fn.name(), [(n.name() if n else None, i) for n, i in fn.next_functions], fn._saved_dim)
        (h,) = torch.autograd.grad((g * w).sum(), x)
        print(g)
        print(h)
        (g,) = torch.autograd.grad((torch.log_softmax(x, 0) * w).sum(), x, create_graph=True)
        print(g.grad_fn.name(), g.grad_fn._saved_dim)
        print(torch.autograd.grad((g * g).sum(), x)[0])
    """),
    "agrad_relu_gradient_zero_is_positive": _d("""\
        x = torch.tensor([-1., 2., 0., -3.], requires_grad=True)
        torch.relu(x).backward(torch.tensor([-3., 1., -2., float("inf")]))
        print(x.grad)
        x = torch.tensor([[-1., 2.], [0.5, -0.5]], requires_grad=True)
        (g,) = torch.autograd.grad((torch.relu(x) * torch.tensor([[2., -3.], [4., 5.]])).sum(), x, create_graph=True)
        fn = g.grad_fn
        print(g, fn._saved_threshold, fn._saved_self.grad_fn.name())
        print([(n.name() if n else None, i) for n, i in fn.next_functions])
        print(torch.autograd.grad((g * g).sum(), x))
    """),
    "agrad_create_graph_nll_loss_weight_ignore": _d("""\
        x = torch.tensor([[0.5, -1., 2.], [1., 0., -0.5], [0.1, 0.2, 0.3]], requires_grad=True)
        t = torch.tensor([2, 0, 1])
        w = torch.tensor([0.5, 2., 3.])
        for reduction in ("mean", "sum", "none"):
            loss = F.nll_loss(torch.log_softmax(x, 1), t, weight=w, ignore_index=0, reduction=reduction)
            (g,) = torch.autograd.grad(loss.sum(), x, create_graph=True)
            print(reduction, g)
            print(torch.autograd.grad((g * g).sum(), x)[0])
    """),
    "agrad_create_graph_grad_fn": _d("""\
        x = torch.tensor(3., requires_grad=True)
        (g,) = torch.autograd.grad(x * x, x, create_graph=True)
        print(g, g.grad_fn is not None)
        g.backward()
        print(x.grad)
    """),
    "agrad_allow_unused": _d("""\
        a = torch.tensor(1., requires_grad=True)
        b = torch.tensor(2., requires_grad=True)
        y = a * 3
        ga, gb = torch.autograd.grad(y, [a, b], allow_unused=True)
        print(ga, gb)
    """),
    "agrad_unused_without_allow_caught": _d("""\
        a = torch.tensor(1., requires_grad=True)
        b = torch.tensor(2., requires_grad=True)
        y = a * 3
        try:
            torch.autograd.grad(y, [a, b])
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "agrad_retain_graph": _d("""\
        x = torch.tensor(2., requires_grad=True)
        y = x ** 2
        print(torch.autograd.grad(y, x, retain_graph=True))
        print(torch.autograd.grad(y, x))
    """),
    "agrad_frees_graph_caught": _d("""\
        x = torch.tensor(2., requires_grad=True)
        y = x ** 2
        torch.autograd.grad(y, x)
        try:
            torch.autograd.grad(y, x)
        except RuntimeError as e:
            print(type(e).__name__, str(e).splitlines()[0])
    """),
    "agrad_nonleaf_input": _d("""\
        x = torch.tensor(2., requires_grad=True)
        h = x * 3
        y = h ** 2
        print(torch.autograd.grad(y, h))
    """),
    "agrad_non_scalar_output_caught": _d("""\
        x = torch.tensor([1., 2.], requires_grad=True)
        try:
            torch.autograd.grad(x * 2, x)
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "agrad_tuple_of_outputs": _d("""\
        x = torch.tensor(1., requires_grad=True)
        y1 = x * 2
        y2 = x * 3
        print(torch.autograd.grad([y1, y2], x))
    """),
    "agrad_gradient_penalty_style": _d("""\
        w = torch.tensor([1., -2.], requires_grad=True)
        x = torch.tensor([0.5, 1.5], requires_grad=True)
        out = (w * x).sum() ** 2
        (gx,) = torch.autograd.grad(out, x, create_graph=True)
        penalty = (gx ** 2).sum()
        penalty.backward()
        print(gx)
        print(w.grad)
        print(x.grad)
    """),
    # ------------------------------------------------------------ custom Function
    "fn_custom_square": _d("""\
        class Square(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x * x

            @staticmethod
            def backward(ctx, grad_output):
                (x,) = ctx.saved_tensors
                return 2 * x * grad_output

        x = torch.tensor([1., 2., 3.], requires_grad=True)
        y = Square.apply(x)
        print(y)
        print(y.grad_fn)
        print(type(y.grad_fn).__name__, y.grad_fn.name())
        y.sum().backward()
        print(x.grad)
    """),
    "fn_custom_next_functions": _d("""\
        class Double(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2
            @staticmethod
            def backward(ctx, g):
                return g * 2
        x = torch.tensor([1.], requires_grad=True)
        y = Double.apply(x + 1)
        print(y.grad_fn.next_functions)
        z = Double.apply(y)
        print(z.grad_fn.next_functions)
        z.backward()
        print(x.grad)
    """),
    "fn_custom_needs_input_grad": _d("""\
        class Mul(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a, b):
                ctx.save_for_backward(a, b)
                return a * b
            @staticmethod
            def backward(ctx, g):
                a, b = ctx.saved_tensors
                print("needs_input_grad:", ctx.needs_input_grad)
                ga = g * b if ctx.needs_input_grad[0] else None
                gb = g * a if ctx.needs_input_grad[1] else None
                return ga, gb
        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor([3., 4.])
        y = Mul.apply(a, b)
        y.sum().backward()
        print(a.grad, b.grad)
    """),
    "fn_custom_non_tensor_arg": _d("""\
        class Scale(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x, k):
                ctx.k = k
                return x * k
            @staticmethod
            def backward(ctx, g):
                return g * ctx.k, None
        x = torch.tensor([1., 2.], requires_grad=True)
        y = Scale.apply(x, 5.)
        print(y)
        y.sum().backward()
        print(x.grad)
    """),
    "fn_custom_forward_output_properties": _d("""\
        class Ident(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                print("grad enabled in forward:", torch.is_grad_enabled())
                return x.clone()
            @staticmethod
            def backward(ctx, g):
                return g
        x = torch.tensor([1.], requires_grad=True)
        y = Ident.apply(x)
        print(y.requires_grad, y.is_leaf)
        z = Ident.apply(torch.tensor([2.]))
        print(z.requires_grad, z.grad_fn)
    """),
    "fn_custom_relu_with_mask": _d("""\
        class MyReLU(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x.clamp(min=0)
            @staticmethod
            def backward(ctx, g):
                (x,) = ctx.saved_tensors
                gi = g.clone()
                gi[x < 0] = 0
                return gi
        x = torch.tensor([-1., 2., -3., 4.], requires_grad=True)
        y = MyReLU.apply(x)
        print(y)
        (y * torch.tensor([1., 2., 3., 4.])).sum().backward()
        print(x.grad)
    """),
    "fn_custom_multiple_outputs": _d("""\
        class SplitTwo(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2, x * 3
            @staticmethod
            def backward(ctx, g1, g2):
                return g1 * 2 + g2 * 3
        x = torch.tensor([1., 1.], requires_grad=True)
        a, b = SplitTwo.apply(x)
        print(a, b)
        (a.sum() + b.sum()).backward()
        print(x.grad)
    """),
    "fn_custom_saved_tensors_freed_caught": _d("""\
        class Sq(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x ** 2
            @staticmethod
            def backward(ctx, g):
                (x,) = ctx.saved_tensors
                return 2 * x * g
        x = torch.tensor(3., requires_grad=True)
        y = Sq.apply(x)
        y.backward()
        print(x.grad)
        try:
            y.backward()
        except RuntimeError as e:
            print(type(e).__name__, str(e).splitlines()[0])
    """),
    "fn_custom_backward_wrong_count_caught": _d("""\
        class Bad(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x, y):
                return x + y
            @staticmethod
            def backward(ctx, g):
                return g
        a = torch.tensor(1., requires_grad=True)
        b = torch.tensor(2., requires_grad=True)
        try:
            Bad.apply(a, b).backward()
        except RuntimeError as e:
            print(type(e).__name__, e)
    """),
    "fn_custom_exp_saves_result": _d("""\
        class Exp(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                r = x.exp()
                ctx.save_for_backward(r)
                return r
            @staticmethod
            def backward(ctx, g):
                (r,) = ctx.saved_tensors
                print("backward gets the output itself:", r is SEEN[0], r.grad_fn is SEEN[0].grad_fn)
                return g * r
        x = torch.tensor([0., 1.], requires_grad=True)
        y = Exp.apply(x)
        SEEN = [y]
        s = y.grad_fn.saved_tensors[0]
        print(s is y, s.grad_fn is y.grad_fn, s.requires_grad, torch.equal(s, y))
        y.sum().backward()
        print(y)
        print(x.grad)
        y2 = Exp.apply(x)
        with torch.no_grad():
            y2.mul_(2)
        y2.sum().backward()
    """),
    "fn_custom_gradcheck": _d("""\
        class Cube(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x ** 3
            @staticmethod
            def backward(ctx, g):
                (x,) = ctx.saved_tensors
                return 3 * x ** 2 * g
        x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.double, requires_grad=True)
        print(torch.autograd.gradcheck(Cube.apply, (x,)))
    """),
    "gradcheck_builtin_ops": _d("""\
        x = torch.tensor([[0.3, 1.2], [0.7, 2.1]], dtype=torch.float64, requires_grad=True)
        w = torch.tensor([[1.5], [-0.5]], dtype=torch.float64, requires_grad=True)
        f = lambda a, b: (a @ b).tanh().sum() + a.exp().mean()
        print(torch.autograd.gradcheck(f, (x, w)))
    """),
    "gradgradcheck_builtin_ops": _d("""\
        x = torch.tensor([0.3, 1.2, 0.7], dtype=torch.float64, requires_grad=True)
        f = lambda a: (a.sin() * a ** 2).sum()
        print(torch.autograd.gradgradcheck(f, (x,)))
    """),
    "gradcheck_softmax_and_losses": _d("""\
        x = torch.tensor([[0.1, 0.9, -0.4]], dtype=torch.float64, requires_grad=True)
        t = torch.tensor([2])
        print(torch.autograd.gradcheck(lambda a: F.cross_entropy(a, t), (x,)))
        print(torch.autograd.gradcheck(lambda a: a.log_softmax(1), (x,)))
    """),
    "gradcheck_detects_wrong_backward": _d("""\
        class Wrong(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2
            @staticmethod
            def backward(ctx, g):
                return g * 3
        x = torch.tensor([1.0, 2.0], dtype=torch.double, requires_grad=True)
        print(torch.autograd.gradcheck(Wrong.apply, (x,), raise_exception=False))
    """),
    "agrad_types_print_as_pytorchs": _d("""\
        x = torch.ones(2, requires_grad=True)
        y = (x * 2).sum()
        z = x.clone()
        z[0] = 5.

        class Double(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return a * 2

            @staticmethod
            def backward(ctx, g):
                return g * 2

        print(type(x), type(x.shape), type(y.grad_fn), type(y.grad_fn.next_functions[0][0]))
        print(type(y.grad_fn.next_functions[0][0].next_functions[0][0]), type(z.grad_fn))
        print(type(Double.apply(x).grad_fn), type(x.size()), type(x[0]))
        print(isinstance(x, torch.Tensor), type(x) is torch.Tensor)
    """),
    "t_contains": _d("""\
        t = torch.tensor([1., 2., 3.])
        print(3. in t, 5 in t, torch.tensor(2.) in t, True in torch.tensor([True]), 2 in torch.tensor([[1, 2]]))
        for e in (torch.tensor([1., 2.]), "a", [1.]):
            try:
                print(e in t)
            except RuntimeError as err:
                print(err)
    """),
    "agrad_float_of_a_tensor_that_requires_grad_warns_once": _d("""\
        x = torch.tensor([1.5], requires_grad=True)
        print(int(x), x.item(), f"{x.sum():.2f}", bool(x))
        print(float(x), float(x * 2), float(x.detach()))
    """),
    "agrad_micrograd_neuron_float64_bits": _d("""\
        # The neuron of the micrograd lecture: o = tanh(x1*w1 + x2*w2 + b), every digit.
        x1 = torch.tensor([2.0], dtype=torch.double, requires_grad=True)
        x2 = torch.tensor([0.0], dtype=torch.double, requires_grad=True)
        w1 = torch.tensor([-3.0], dtype=torch.double, requires_grad=True)
        w2 = torch.tensor([1.0], dtype=torch.double, requires_grad=True)
        b = torch.tensor([6.8813735870195432], dtype=torch.double, requires_grad=True)
        o = torch.tanh(x1 * w1 + x2 * w2 + b)
        o.backward()
        print(o.data.item())
        for t in (x1, x2, w1, w2, b):
            print(t.grad.item())
        y = torch.tensor([0.1, -0.7, 2.5, 9.], requires_grad=True)
        torch.tanh(y).sum().backward()
        torch.sigmoid(y).sum().backward()
        print(y.grad.tolist())
    """),
    "agrad_create_graph_tanh_sigmoid_nodes": _d("""\
        x = torch.tensor([0.3, -1.2], requires_grad=True)
        for f in (torch.tanh, torch.sigmoid):
            y = f(x)
            (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
            node = g.grad_fn
            print(node.name(), node.next_functions[0], node.next_functions[1][0].name())
            print(node._saved_grad_output, node._saved_output)
            (h,) = torch.autograd.grad(g.sum(), x, create_graph=True)
            print(h, [n.name() for n, _ in h.grad_fn.next_functions])
            w = torch.tensor([0.5, 2.], requires_grad=True)
            (g,) = torch.autograd.grad(f(x), x, grad_outputs=w, create_graph=True)
            print(torch.autograd.grad(g.sum(), [w, x]))
    """),
    "agrad_sigmoid_saturates_as_pytorch": _d("""\
        x = torch.tensor([-100., -90., 0., 90., 100.], requires_grad=True)
        s = torch.sigmoid(x)
        print(s, torch.log(s))
        s.sum().backward()
        print(x.grad)
        print(torch.sigmoid(torch.tensor([-800., 800.], dtype=torch.float64)))
    """),
    "agrad_var_std_without_degrees_of_freedom": _d("""\
        a = torch.tensor([1.], requires_grad=True)
        y = a.var()
        print(y)
        y.backward()
        print(a.grad)
        b = torch.tensor([[1., 2.]], requires_grad=True)
        s = b.std(dim=0)
        s.sum().backward()
        print(s, b.grad)
        print(torch.tensor([1., 2.]).var(correction=2), torch.zeros(0).var())
        x = torch.tensor([2., 2., 2.], requires_grad=True)
        x.std().backward()
        print(x.grad)
        m = torch.tensor([[2., 2.], [1., 3.]], requires_grad=True)
        m.std(1).sum().backward()
        print(m.grad)
    """),
    "agrad_where_nan_gradient_is_silent": _d("""\
        # The classic: the branch not taken still sends 0 * inf = nan back, without a warning.
        x = torch.tensor([0., 2.], requires_grad=True)
        y = torch.where(x == 0, torch.zeros(2), 1 / x)
        y.sum().backward()
        print(y, x.grad)
        z = torch.tensor([0., 4.], requires_grad=True)
        torch.where(z > 0, z.sqrt(), torch.zeros(2)).sum().backward()
        print(z.grad)
    """),
    "agrad_pow_at_a_zero_base": _d("""\
        a = torch.tensor([0., 2., 0., 0.], requires_grad=True)
        b = torch.tensor([0., 3., -1., 0.5], requires_grad=True)
        (a ** b).sum().backward()
        print(a.grad, b.grad)
        e = torch.tensor([0., 1., -1.], requires_grad=True)
        (0 ** e).sum().backward()
        print(e.grad)
        e.grad = None
        (2 ** e).sum().backward()
        print(e.grad)
        x = torch.tensor([0., -1.5, 2.], requires_grad=True)
        (x ** 0).sum().backward()
        print(x.grad)
    """),
    "agrad_create_graph_pow_scalar_nodes": _d("""\
        x = torch.tensor([0.3, -1.5, 2.], requires_grad=True)
        (g,) = torch.autograd.grad((x ** 3).sum(), x, create_graph=True)
        print(g, g.grad_fn.next_functions[0], g.grad_fn.next_functions[1][0].name())
        m = g.grad_fn.next_functions[1][0]
        print(m._saved_other, m.next_functions[0][0].name(), m.next_functions[0][0]._saved_exponent)
        (h,) = torch.autograd.grad(g.sum(), x, create_graph=True)
        print(h, [n.name() if n else None for n, _ in h.grad_fn.next_functions])
        print(torch.autograd.grad(h.sum(), x))
        y = torch.tensor([0.3, 1.7], requires_grad=True)
        (y ** 3).sum().backward()
        print(y.grad.tolist())
    """),
    "agrad_setitem_records_pytorchs_op": _d("""\
        x = torch.tensor([-1., 2., -3.], requires_grad=True)
        v = torch.tensor(7., requires_grad=True)
        for write in (lambda h: h.__setitem__(h < 0, 0.), lambda h: h.__setitem__(h < 0, v * 1),
                      lambda h: h.__setitem__([0, 2], torch.tensor([5., 6.])), lambda h: h.__setitem__(slice(None), 2.5),
                      lambda h: h.__setitem__(Ellipsis, v * 1), lambda h: h.__setitem__(slice(None), torch.ones(3)),
                      lambda h: h.__setitem__(0, 0.)):
            x.grad = v.grad = None
            h = x * 2
            write(h)
            node = h.grad_fn
            print(node.name(), [n.name() if n else None for n, _ in node.next_functions])
            if node.name() == "IndexPutBackward0":
                print(node._saved_indices, node._saved_accumulate)
            h.sum().backward()
            print(h, x.grad, v.grad)
        m = torch.ones(2, 3, requires_grad=True) * 1
        m[m > 0.5] = torch.tensor([1., 2., 3., 4., 5., 6.])
        print(m, m.grad_fn.name())
    """),
    "agrad_grad_mode_decorators_on_generators": _d("""\
        @torch.no_grad()
        def batches():
            for i in range(2):
                yield i, torch.is_grad_enabled()
            return "done"

        x = torch.ones(2, requires_grad=True)
        for i, enabled in batches():
            print(i, enabled, torch.is_grad_enabled(), (x * 2).requires_grad)

        @torch.enable_grad()
        def inside():
            yield torch.is_grad_enabled()

        with torch.no_grad():
            print(list(inside()), torch.is_grad_enabled())

        @torch.inference_mode()
        def frozen():
            yield torch.is_inference_mode_enabled()

        print(list(frozen()), torch.is_inference_mode_enabled())
    """),
    "agrad_misuse_errors_are_pytorchs": _d("""\
        x = torch.ones(3, requires_grad=True)

        def named(g):
            return torch.ones(5)

        attempts = [
            lambda: (x * 2).backward([1., 1., 1.]),
            lambda: torch.autograd.grad((x * 2).sum(), []),
            lambda: torch.autograd.backward([x.sum(), x.sum() * 2], [torch.tensor(1.)]),
            lambda: torch.autograd.grad([x.sum(), x.sum()], (x,), grad_outputs=[torch.tensor(1.)]),
            lambda: torch.autograd.grad(torch.ones(1).sum(), torch.ones(1)),
            lambda: setattr(x, "grad", x),
            lambda: setattr(x, "grad", torch.ones(3, dtype=torch.float64)),
            lambda: setattr(torch.ones(3, requires_grad=True), "data", torch.ones(3, dtype=torch.int64)),
            lambda: setattr(torch.ones(3, requires_grad=True), "data", [1, 2]),
            lambda: setattr(torch.ones(2), "requires_grad", "yes"),
            lambda: torch.ones(2).requires_grad_(1),
        ]
        for attempt in attempts:
            try:
                attempt()
                print("ok")
            except (RuntimeError, TypeError) as e:
                print(type(e).__name__, e)
        torch.autograd.backward([x.sum()], [torch.tensor(1.), torch.tensor(2.)])
        w = torch.ones(3)
        w.data = torch.ones(3, dtype=torch.int64)
        print(x.grad, w)
    """),
    "agrad_hooks_must_keep_size_and_type": _d("""\
        def named(g):
            return torch.ones(5)

        for make in (lambda t: t.register_hook(lambda g: torch.ones(5)), lambda t: t.register_hook(named),
                     lambda t: t.register_hook(lambda g: g.double()), lambda t: t.register_hook(lambda g: 5),
                     lambda t: t.register_hook(lambda g: g.reshape(3, 1))):
            for on_leaf in (True, False):
                x = torch.ones(3, requires_grad=True)
                y = x if on_leaf else x * 2
                make(y)
                try:
                    y.sum().backward()
                    print("ok", x.grad)
                except (RuntimeError, TypeError) as e:
                    print(type(e).__name__, e)
        x = torch.ones(3, requires_grad=True)
        y = x * 2
        y.grad_fn.register_prehook(lambda g: (torch.ones(5),))
        try:
            y.sum().backward()
        except RuntimeError as e:
            print(e)
        y = x * 2
        y.register_hook(lambda g: g * 3)
        y.sum().backward()
        print(x.grad)
    """),
    "agrad_enable_grad_inside_inference_mode_records_nothing": _d("""\
        x = torch.ones(2, requires_grad=True)
        with torch.inference_mode():
            print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())
            with torch.enable_grad():
                print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())
                y = x * 2
                print(y.requires_grad, y.grad_fn, y.is_inference())
            with torch.set_grad_enabled(True):
                z = x * 2
                print(z.requires_grad)
            with torch.inference_mode(False):
                w = x * 2
                print(w.requires_grad, w.grad_fn is not None, torch.is_inference_mode_enabled(), w.is_inference())
            v = x * 2
            print(v.requires_grad, v.is_inference())
        try:
            (v * x).sum().backward()
        except RuntimeError as e:
            print(e)
        print(y)
    """),
}

# ------------------------------------------------------------ dims among saved values, as given
PROGRAMS["saved_dims_as_given"] = with_graph("""\
    x = torch.ones(3, 3, requires_grad=True)
    v = torch.ones(2, 2, requires_grad=True)
    index = torch.zeros(3, 1, dtype=torch.long)
    for y in (x.diagonal(-1, -1, -2), torch.diag(x, -1), torch.diag(x[0], -1), torch.diag_embed(v),
              torch.diag_embed(v, -1, -3, -1), x.cumprod(-1), x.cumprod(torch.tensor(-1)), x.scatter(-1, index, 1.),
              x.scatter(-1, index, x), x.scatter_add(np.int64(-1), index, x), x.select(-1, 0)):
        graph(y.grad_fn)
""")


# ------------------------------------------------------------------ negative dims among saved values
PROGRAMS["saved_negative_dims_of_every_op"] = with_graph("""\
    x = torch.ones(2, 3, 4, requires_grad=True)
    index = torch.zeros(2, 3, 1, dtype=torch.long)
    for y in (x.sum(-1), x.sum([-1, 0]), x.sum((-1, -2)), x.mean(-2), x.mean(-1, keepdim=True), x.prod(-1),
              x.prod(1), x.max(-1)[0], x.min(-1)[0], x.amax(-1), x.logsumexp(-1), x.var(-1), x.std(-1),
              x.norm(2, -1), x.cumsum(-1), x.softmax(-1), x.log_softmax(-1), x.transpose(-1, -2),
              x.unsqueeze(-1), x[:, :1].squeeze(-2), x.gather(-1, index), x.index_select(-1, torch.tensor([0])),
              torch.cat([x, x], -1), torch.stack([x, x], -1), x.flip(-1), x.narrow(-1, 0, 2), x.chunk(2, -1)[0],
              x.split(2, -1)[0], x.movedim(-1, 0), x.permute(-1, 0, 1), x.flatten(-2), x.sort(-1)[0],
              x.topk(2, -1)[0], x.roll(1, -1), x.unbind(-1)[0], x.size(-1) * x.sum(-3)):
        graph(y.grad_fn)
""")
