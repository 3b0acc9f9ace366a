"""Engine-level specifications of autograd_lab, with PyTorch's exact values and messages.

Every expected value and message below was recorded from PyTorch 2.13 and is written in
literally, so these tests run without torch. The few tests that compare with PyTorch live
(hook order, node order) skip when torch is not importable.

One behaviour per test, named after it.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
import warnings

import numpy as np
import pytest

import autograd_lab as torch

F64 = torch.float64

FREED = (
    "Trying to backward through the graph a second time (or directly access saved tensors after they "
    "have already been freed). Saved intermediate values of the graph are freed when you call .backward() "
    "or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time "
    "or if you need to access saved tensors after calling backward."
)
CREATE_GRAPH_WARNING_START = (
    "Using backward() with create_graph=True will create a reference cycle between the parameter and its "
    "gradient which can cause a memory leak."
)
HINT = (
    "Hint: enable anomaly detection to find the operation that failed to compute its gradient, with "
    "torch.autograd.set_detect_anomaly(True, check_nan=False)."
)


def leaf(values):
    return torch.tensor(values, dtype=F64, requires_grad=True)


def as_list(t):
    return None if t is None else t.tolist()


@pytest.fixture(autouse=True)
def _grad_mode_is_restored():
    """Every test starts and must end with grad mode on and inference mode off."""
    assert torch.is_grad_enabled() and not torch.is_inference_mode_enabled()
    yield
    enabled, inference = torch.is_grad_enabled(), torch.is_inference_mode_enabled()
    torch.set_grad_enabled(True)
    assert enabled and not inference, "the test left grad mode changed"


# -- backward is iterative ------------------------------------------------------------------------
CHAIN_SCRIPT = textwrap.dedent(
    """
    import sys, time
    import autograd_lab as torch

    start = time.perf_counter()
    x = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    y = x
    for _ in range(1_000_000):
        y = y * 1.0
    built = time.perf_counter()
    y.sum().backward()
    done = time.perf_counter()
    print("grad", x.grad.tolist())
    del y
    deleted = time.perf_counter()
    print("deleted")
    print(f"times build={built - start:.1f}s backward={done - built:.1f}s delete={deleted - done:.1f}s",
          file=sys.stderr)
    """
)


def test_backward_through_a_million_node_chain_and_deleting_it_needs_no_recursion():
    # In a subprocess: a recursive walk or a recursive teardown would overflow the C stack and
    # kill the process, which would otherwise take the whole test run with it.
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHAIN_SCRIPT], capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    elapsed = time.perf_counter() - start
    print(f"million-node chain: {elapsed:.1f}s; {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split("\n")[:2] == ["grad [1.0]", "deleted"]
    assert "RecursionError" not in proc.stderr
    assert "Exception ignored" not in proc.stderr


# -- gradients accumulate -------------------------------------------------------------------------
def test_gradients_accumulate_across_backward_calls_on_one_graph():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    y.backward(retain_graph=True)
    assert as_list(x.grad) == [2.0, 4.0]
    y.backward()
    assert as_list(x.grad) == [4.0, 8.0]


def test_gradients_accumulate_across_separate_graphs_into_the_same_tensor():
    x = leaf([1.0, 2.0])
    (x * x).sum().backward()
    first = x.grad
    (x * 3).sum().backward()
    assert x.grad is first
    assert as_list(x.grad) == [5.0, 7.0]


def test_a_leaf_used_on_two_paths_gets_the_sum_of_both():
    x = leaf([1.0, 2.0])
    (x * x + x).sum().backward()
    assert as_list(x.grad) == [3.0, 5.0]


def test_setting_grad_to_none_restarts_accumulation():
    x = leaf([1.0, 2.0])
    (x * 3).sum().backward()
    x.grad = None
    (x * x).sum().backward()
    assert as_list(x.grad) == [2.0, 4.0]


def test_backward_with_create_graph_records_the_stored_gradient():
    x = leaf([1.0, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (x * x).sum().backward(create_graph=True)
    assert as_list(x.grad) == [2.0, 4.0]
    assert x.grad.requires_grad
    assert type(x.grad.grad_fn).__name__ == "CopyBackwards"


def test_the_create_graph_warning_comes_once_per_process_as_in_pytorch():
    script = textwrap.dedent(
        """
        import warnings
        import autograd_lab as torch

        warnings.simplefilter("always")
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for _ in range(3):
                (x * x).sum().backward(create_graph=True)
        for w in caught:
            print(w.category.__name__, str(w.message))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("UserWarning " + CREATE_GRAPH_WARNING_START)


# -- retain_graph ---------------------------------------------------------------------------------
def test_second_backward_without_retain_graph_raises():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError) as err:
        y.backward()
    assert str(err.value) == FREED
    assert as_list(x.grad) == [2.0, 4.0]


def test_retain_graph_keeps_saved_values_for_one_more_backward():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    with pytest.raises(RuntimeError) as err:
        y.backward()
    assert str(err.value) == FREED
    assert as_list(x.grad) == [4.0, 8.0]


def test_saved_tensors_are_freed_by_backward():
    x = leaf([1.0, 2.0])
    y = x * x
    y.sum().backward()
    with pytest.raises(RuntimeError) as err:
        y.grad_fn._saved_self
    assert str(err.value) == FREED


def _freed_without_the_garbage_collector(make):
    """Whether the tensor ``make()`` returns, and its grad_fn, go as soon as it is dropped."""
    import gc
    import weakref

    gc.disable()
    try:
        y = make()
        out, node = weakref.ref(y), weakref.ref(y.grad_fn)
        del y
        return out() is None and node() is None
    finally:
        gc.enable()


@pytest.mark.parametrize("op", ["exp", "relu", "sigmoid", "tanh", "sqrt"])
def test_an_op_that_saves_its_result_is_freed_without_the_garbage_collector(op):
    # As in PyTorch, the node keeps the result's values, not the tensor: no reference cycle.
    x = leaf([1.0, 2.0])
    assert _freed_without_the_garbage_collector(lambda: getattr(x, op)())


def test_a_custom_function_that_saves_its_output_is_freed_without_the_garbage_collector():
    class SavesOutput(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            y = x * 2
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, grad):
            (y,) = ctx.saved_tensors
            return grad * y / y

    x = leaf([1.0, 2.0])
    assert _freed_without_the_garbage_collector(lambda: SavesOutput.apply(x))


# -- .grad buffers: the engine may keep a gradient it made as .grad, never one somebody else holds --
def _shared(a, b):
    return np.shares_memory(a.grad.numpy(), b.grad.numpy())


def test_leaves_fed_one_gradient_and_a_view_of_it_get_separate_grad_buffers():
    a, b = leaf([1.0, 2.0, 3.0]), leaf([[1.0, 2.0, 3.0]])
    z = a + b.view(3)  # AddBackward0 hands one gradient to a and, through a view, to b
    z.backward(torch.tensor([1.0, 2.0, 3.0], dtype=F64))
    assert not _shared(a, b)
    (a + b.view(3)).backward(torch.tensor([1.0, 1.0, 1.0], dtype=F64))
    assert as_list(a.grad) == [2.0, 3.0, 4.0] and as_list(b.grad) == [[2.0, 3.0, 4.0]]


def test_the_callers_gradient_is_never_kept_as_grad():
    x = leaf([1.0, 2.0])
    g = torch.tensor([[1.0, 1.0]], dtype=F64)
    x.view(1, 2).backward(g)  # reaches x as a view of g
    x.view(1, 2).backward(g)
    assert as_list(g) == [[1.0, 1.0]] and as_list(x.grad) == [2.0, 2.0]


def test_a_gradient_a_users_function_returns_is_copied_into_grad():
    kept = torch.tensor([5.0, 5.0], dtype=F64)

    class ReturnsKept(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.clone()

        @staticmethod
        def backward(ctx, grad):
            return kept

    x = leaf([1.0, 2.0])
    ReturnsKept.apply(x).sum().backward()
    ReturnsKept.apply(x).sum().backward()
    assert as_list(kept) == [5.0, 5.0] and as_list(x.grad) == [10.0, 10.0]


def test_linear_weight_gradient_accumulates_across_calls():
    torch.manual_seed(0)
    x = torch.randn(4, 3, dtype=F64)
    w = torch.randn(2, 3, dtype=F64, requires_grad=True)
    torch.nn.functional.linear(x, w).sum().backward()
    first = w.grad.clone()
    torch.nn.functional.linear(x, w).sum().backward()
    assert w.grad.is_contiguous()
    np.testing.assert_array_equal(w.grad.numpy(), 2 * first.numpy())
    np.testing.assert_array_equal(first.numpy(), np.ones((4, 2)).T @ x.numpy())


def test_backward_twice_through_a_graph_that_saved_nothing_works():
    x = leaf([1.0, 2.0])
    y = (x + 1).sum()
    y.backward()
    y.backward()
    assert as_list(x.grad) == [2.0, 2.0]


def test_autograd_grad_with_create_graph_retains_the_graph_by_default():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    (g2,) = torch.autograd.grad(y, x)
    assert as_list(g) == [2.0, 4.0] and as_list(g2) == [2.0, 4.0]
    with pytest.raises(RuntimeError) as err:
        torch.autograd.grad(y, x)
    assert str(err.value) == FREED


def test_autograd_grad_after_backward_freed_the_graph_raises():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError) as err:
        torch.autograd.grad(y, x)
    assert str(err.value) == FREED


# -- errors in backward leave a consistent state --------------------------------------------------
def _boom(grad):
    raise ValueError("hook failed")


def test_grad_mode_is_on_after_a_hook_raises_during_backward():
    x = leaf([1.0, 2.0])
    y = x * 3
    y.register_hook(_boom)
    with pytest.raises(ValueError, match="^hook failed$"):
        (y * y).sum().backward()
    assert torch.is_grad_enabled()
    assert x.grad is None


def test_grad_mode_is_on_after_a_hook_raises_during_backward_with_create_graph():
    x = leaf([1.0, 2.0])
    y = x * 3
    y.register_hook(_boom)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match="^hook failed$"):
            (y * y).sum().backward(create_graph=True)
    assert torch.is_grad_enabled()
    assert x.grad is None


def test_grad_mode_is_on_after_a_hook_raises_during_autograd_grad_with_create_graph():
    x = leaf([1.0, 2.0])
    y = x * 2
    y.register_hook(_boom)
    with pytest.raises(ValueError, match="^hook failed$"):
        torch.autograd.grad(y.sum(), x, create_graph=True)
    assert torch.is_grad_enabled()


def test_grad_mode_stays_off_after_a_backward_inside_no_grad_raises():
    x = leaf([1.0, 2.0])
    y = x * 3
    y.register_hook(_boom)
    loss = (y * y).sum()
    with torch.no_grad():
        with pytest.raises(ValueError, match="^hook failed$"):
            loss.backward()
        assert not torch.is_grad_enabled()
    assert torch.is_grad_enabled()


def test_backward_works_normally_after_the_raising_hook_is_removed():
    x = leaf([1.0, 2.0])
    y = x * 3
    calls = []
    y.register_hook(lambda g: calls.append(as_list(g)))
    handle = y.register_hook(_boom)
    loss = (y * y).sum()
    with pytest.raises(ValueError):
        loss.backward(retain_graph=True)
    handle.remove()
    loss.backward()
    assert calls == [[6.0, 12.0], [6.0, 12.0]]  # the first hook ran once per backward, nothing more
    assert as_list(x.grad) == [18.0, 36.0]


def test_no_capture_is_left_behind_by_a_failed_autograd_grad():
    x = leaf([1.0, 2.0])
    m = x * 3
    m.retain_grad()
    handle = m.register_hook(_boom)
    loss = (m * m).sum()
    with pytest.raises(ValueError):
        torch.autograd.grad(loss, [x, m], retain_graph=True)
    handle.remove()
    loss.backward()
    assert as_list(x.grad) == [18.0, 36.0]
    assert as_list(m.grad) == [6.0, 12.0]


def test_no_capture_is_left_behind_by_a_failed_backward_with_inputs():
    x = leaf([1.0, 2.0])
    w = leaf([5.0, 7.0])
    m = x * w
    handle = m.register_hook(_boom)
    loss = m.sum()
    with pytest.raises(ValueError):
        loss.backward(inputs=[x], retain_graph=True)
    handle.remove()
    loss.backward()
    assert as_list(x.grad) == [5.0, 7.0]
    assert as_list(w.grad) == [1.0, 2.0]


def test_leaves_finished_before_a_hook_raises_keep_their_gradient():
    # PyTorch runs x's branch (created last) before a's, so x is done when a's hook raises.
    x = leaf([1.0, 2.0])
    a = leaf([5.0, 6.0])
    calls = []
    x.register_hook(lambda g: calls.append("x"))
    a.register_hook(lambda g: _boom(g))
    with pytest.raises(ValueError):
        (a * 3 + x * 2).sum().backward()
    assert calls == ["x"]
    assert as_list(x.grad) == [2.0, 2.0]
    assert a.grad is None


def test_leaves_not_reached_before_a_hook_raises_have_no_gradient():
    x = leaf([1.0, 2.0])
    a = leaf([5.0, 6.0])
    calls = []
    x.register_hook(lambda g: calls.append("x"))
    a.register_hook(lambda g: _boom(g))
    with pytest.raises(ValueError):
        (x * 2 + a * 3).sum().backward()
    assert calls == []
    assert x.grad is None and a.grad is None


def _bad_shape_function():
    class Bad(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return torch.ones(3, dtype=F64)

    return Bad


def test_wrong_shaped_gradient_from_a_function_raises_and_leaves_grad_unchanged():
    x = leaf([1.0, 2.0])
    x.grad = torch.tensor([10.0, 20.0], dtype=F64)
    with pytest.raises(RuntimeError) as err:
        _bad_shape_function().apply(x).sum().backward()
    assert str(err.value) == (
        "Function BadBackward returned an invalid gradient at index 0 - got [3] but expected shape "
        "compatible with [2]"
    )
    assert torch.is_grad_enabled()
    assert as_list(x.grad) == [10.0, 20.0]


def test_function_returning_too_many_gradients_raises():
    class Bad(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g, g

    x = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError) as err:
        Bad.apply(x).sum().backward()
    assert str(err.value) == "function BadBackward returned an incorrect number of gradients (expected 1, got 2)"
    assert x.grad is None


def test_function_returning_too_few_gradients_raises():
    class Bad(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            return x * y

        @staticmethod
        def backward(ctx, g):
            return g

    x = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError) as err:
        Bad.apply(x, x).sum().backward()
    assert str(err.value) == "function BadBackward returned an incorrect number of gradients (expected 2, got 1)"


def test_gradient_of_the_wrong_shape_for_backward_raises():
    x = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError) as err:
        (x * 2).backward(torch.ones(3, dtype=F64))
    assert str(err.value) == (
        "Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2])."
    )
    assert x.grad is None


def test_backward_of_a_non_scalar_needs_a_gradient():
    x = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError) as err:
        (x * 2).backward()
    assert str(err.value) == "grad can be implicitly created only for scalar outputs"


def test_backward_of_a_tensor_outside_the_graph_raises():
    x = torch.tensor([1.0, 2.0], dtype=F64)
    with pytest.raises(RuntimeError) as err:
        (x * 2).sum().backward()
    assert str(err.value) == "element 0 of tensors does not require grad and does not have a grad_fn"


def modified_message(maker):
    """PyTorch's message for a saved [2]-element float64 tensor, made by ``maker``, changed in place once."""
    return (
        "one of the variables needed for gradient computation has been modified by an inplace operation: "
        f"[torch.DoubleTensor [2]], which is output 0 of {maker}, is at version 1; expected version 0 instead. {HINT}"
    )


def test_in_place_change_of_a_saved_tensor_is_detected():
    x = leaf([1.0, 2.0])
    y = x.exp()
    y.add_(1)
    with pytest.raises(RuntimeError) as err:
        y.sum().backward()
    assert str(err.value) == modified_message("Exp")


def test_multiplying_a_tensor_in_place_by_itself_is_detected():
    x = leaf([1.0, 2.0])
    y = x * 1
    y.mul_(y)
    with pytest.raises(RuntimeError) as err:
        y.sum().backward()
    assert str(err.value) == modified_message("Mul")


def test_in_place_change_of_a_saved_view_names_as_strided():
    x = leaf([[1.0, 2.0], [3.0, 4.0]])
    y = x * 1
    y[1].mul_(y[0])
    with pytest.raises(RuntimeError) as err:
        y.sum().backward()
    assert str(err.value) == modified_message("AsStrided")


def test_in_place_change_of_a_leaf_that_requires_grad_raises():
    x = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError) as err:
        x.add_(1)
    assert str(err.value) == "a leaf Variable that requires grad is being used in an in-place operation."


# -- grad modes -----------------------------------------------------------------------------------
MODES = {
    "no_grad": (lambda: torch.no_grad(), (False, False)),
    "enable_grad": (lambda: torch.enable_grad(), (True, False)),
    "set_grad_enabled_False": (lambda: torch.set_grad_enabled(False), (False, False)),
    "set_grad_enabled_True": (lambda: torch.set_grad_enabled(True), (True, False)),
    "inference_mode": (lambda: torch.inference_mode(), (False, True)),
    # PyTorch's InferenceMode(false) also switches grad mode on, whatever it was
    "inference_mode_False": (lambda: torch.inference_mode(False), (True, False)),
}


@pytest.mark.parametrize("start", [True, False], ids=["from_enabled", "from_disabled"])
@pytest.mark.parametrize("name", list(MODES))
def test_context_manager_restores_grad_mode_after_an_exception(name, start):
    make, inside_expected = MODES[name]
    torch.set_grad_enabled(start)
    try:
        with pytest.raises(KeyError):
            with make():
                inside = (torch.is_grad_enabled(), torch.is_inference_mode_enabled())
                raise KeyError("inside")
        after = (torch.is_grad_enabled(), torch.is_inference_mode_enabled())
    finally:
        torch.set_grad_enabled(True)
    assert inside == inside_expected
    assert after == (start, False)


DECORATORS = {
    "no_grad()": (lambda f: torch.no_grad()(f), (False, False)),
    "no_grad": (lambda f: torch.no_grad(f), (False, False)),
    "enable_grad()": (lambda f: torch.enable_grad()(f), (True, False)),
    "set_grad_enabled(False)": (lambda f: torch.set_grad_enabled(False)(f), (False, False)),
    "inference_mode()": (lambda f: torch.inference_mode()(f), (False, True)),
    "inference_mode": (lambda f: torch.inference_mode(f), (False, True)),
}


@pytest.mark.parametrize("start", [True, False], ids=["from_enabled", "from_disabled"])
@pytest.mark.parametrize("name", list(DECORATORS))
def test_decorator_restores_grad_mode_after_an_exception(name, start):
    decorate, inside_expected = DECORATORS[name]
    seen = []

    def body():
        seen.append((torch.is_grad_enabled(), torch.is_inference_mode_enabled()))
        raise KeyError("inside")

    wrapped = decorate(body)
    assert torch.is_grad_enabled()  # decorating changes nothing
    torch.set_grad_enabled(start)
    try:
        with pytest.raises(KeyError):
            wrapped()
        after = (torch.is_grad_enabled(), torch.is_inference_mode_enabled())
    finally:
        torch.set_grad_enabled(True)
    assert seen == [inside_expected]
    assert after == (start, False)


def test_set_grad_enabled_called_as_a_function_takes_effect_at_once():
    torch.set_grad_enabled(False)
    try:
        off = torch.is_grad_enabled()
    finally:
        torch.set_grad_enabled(True)
    assert off is False
    assert torch.is_grad_enabled() is True


def test_nested_grad_modes_restore_each_level():
    seen = []
    with torch.set_grad_enabled(False):
        with torch.enable_grad():
            seen.append(torch.is_grad_enabled())
            with torch.no_grad():
                seen.append(torch.is_grad_enabled())
            seen.append(torch.is_grad_enabled())
        seen.append(torch.is_grad_enabled())
    seen.append(torch.is_grad_enabled())
    assert seen == [True, False, True, False, True]


def test_results_under_no_grad_do_not_require_grad():
    x = leaf([1.0, 2.0])
    with torch.no_grad():
        y = x * 2
    assert (y.requires_grad, y.grad_fn) == (False, None)


def test_results_under_inference_mode_are_inference_tensors():
    x = leaf([1.0, 2.0])
    with torch.inference_mode():
        z = x * 2
    assert (z.requires_grad, z.is_inference()) == (False, True)


def test_grad_mode_is_thread_local():
    seen = []
    with torch.no_grad():
        worker = threading.Thread(target=lambda: seen.append(torch.is_grad_enabled()))
        worker.start()
        worker.join()
    assert seen == [True]


# -- hooks ----------------------------------------------------------------------------------------
def _hook_order_program(T):
    """Every kind of hook on a small graph; returns the log of calls with the gradients seen."""
    log = []

    def rec(name, ret=None):
        def hook(*args):
            vals = []
            for a in args:
                if isinstance(a, tuple):
                    vals.append(tuple(None if t is None else t.tolist() for t in a))
                else:
                    vals.append(a.tolist())
            log.append((name, *vals))
            return ret(*args) if ret else None

        return hook

    x = T.tensor([1.0, 2.0], dtype=T.float64, requires_grad=True)
    y = x * x
    z = y * 3
    out = z.sum()
    y.register_hook(rec("y.tensor_hook_1", lambda g: g * 2))
    y.retain_grad()
    y.register_hook(rec("y.tensor_hook_2"))
    y.grad_fn.register_prehook(rec("y.grad_fn.prehook_1"))
    y.grad_fn.register_prehook(rec("y.grad_fn.prehook_2"))
    y.grad_fn.register_hook(rec("y.grad_fn.hook_1"))
    y.grad_fn.register_hook(rec("y.grad_fn.hook_2"))
    x.register_hook(rec("x.tensor_hook"))
    acc = y.grad_fn.next_functions[0][0]
    acc.register_prehook(rec("acc.prehook"))
    acc.register_hook(rec("acc.hook"))
    z.grad_fn.register_prehook(rec("z.grad_fn.prehook"))
    z.grad_fn.register_hook(rec("z.grad_fn.hook"))
    z.register_hook(rec("z.tensor_hook"))
    out.backward()
    return log, y.grad.tolist(), x.grad.tolist()


HOOK_ORDER = [
    ("z.tensor_hook", [1.0, 1.0]),
    ("z.grad_fn.prehook", ([1.0, 1.0],)),
    ("z.grad_fn.hook", ([3.0, 3.0], None), ([1.0, 1.0],)),
    ("y.tensor_hook_1", [3.0, 3.0]),
    ("y.tensor_hook_2", [6.0, 6.0]),
    ("y.grad_fn.prehook_1", ([6.0, 6.0],)),
    ("y.grad_fn.prehook_2", ([6.0, 6.0],)),
    ("y.grad_fn.hook_1", ([6.0, 12.0], [6.0, 12.0]), ([6.0, 6.0],)),
    ("y.grad_fn.hook_2", ([6.0, 12.0], [6.0, 12.0]), ([6.0, 6.0],)),
    ("x.tensor_hook", [12.0, 24.0]),
    ("acc.prehook", ([12.0, 24.0],)),
    ("acc.hook", (), ([12.0, 24.0],)),
]


def test_hooks_run_in_pytorchs_order():
    log, _, _ = _hook_order_program(torch)
    assert log == HOOK_ORDER


def test_retain_grad_sees_the_gradient_after_every_tensor_hook():
    _, y_grad, x_grad = _hook_order_program(torch)
    assert y_grad == [6.0, 6.0]
    assert x_grad == [12.0, 24.0]


def test_hooks_run_in_pytorchs_order_live():
    real = pytest.importorskip("torch")
    assert _hook_order_program(torch) == _hook_order_program(real)


def test_tensor_hooks_run_in_registration_order_until_removed():
    x = leaf([1.0, 2.0])
    first = x.register_hook(lambda g: g * 2)
    x.register_hook(lambda g: g + 1)
    (x * 3).sum().backward()
    assert as_list(x.grad) == [7.0, 7.0]
    first.remove()
    (x * 3).sum().backward()
    assert as_list(x.grad) == [11.0, 11.0]


def test_retain_grad_twice_retains_once_and_hooks_change_what_is_retained():
    x = leaf([1.0, 2.0])
    y = x * x
    y.retain_grad()
    y.retain_grad()
    handle = y.register_hook(lambda g: g * 10)
    y.sum().backward(retain_graph=True)
    assert (as_list(y.grad), as_list(x.grad)) == ([10.0, 10.0], [20.0, 40.0])
    handle.remove()
    y.sum().backward()
    assert (as_list(y.grad), as_list(x.grad)) == ([11.0, 11.0], [22.0, 44.0])


def test_node_prehook_and_hook_can_replace_gradients():
    x = leaf([1.0, 2.0])
    y = x * 2
    y.grad_fn.register_prehook(lambda go: (go[0] * 100,))
    y.grad_fn.register_hook(lambda gi, go: (gi[0] + 1, gi[1]))
    y.sum().backward()
    assert as_list(x.grad) == [201.0, 201.0]


def test_hook_on_a_tensor_that_does_not_require_grad_raises():
    x = torch.tensor([1.0, 2.0], dtype=F64)
    with pytest.raises(RuntimeError) as err:
        x.register_hook(lambda g: g)
    assert str(err.value) == "cannot register a hook on a tensor that doesn't require gradient"


# -- node execution order -------------------------------------------------------------------------
def _order(T, build):
    log = []
    named = build(T)
    for name, t in named.items():
        if name == "x":
            t.grad_fn.next_functions[0][0].register_prehook(lambda go, n=name: log.append(n))
        else:
            t.grad_fn.register_prehook(lambda go, n=name: log.append(n))
    named["out"].backward()
    return log


def _diamond(T):
    x = T.tensor([1.0, 2.0], dtype=T.float64, requires_grad=True)
    a = x * 2
    b = x.exp()
    c = a.sin()
    d = c + b
    out = d.sum()
    return {"a": a, "b": b, "c": c, "d": d, "out": out}


def _diamond_other_creation_order(T):
    x = T.tensor([1.0, 2.0], dtype=T.float64, requires_grad=True)
    b = x.exp()
    a = x * 2
    c = a.sin()
    d = b + c
    out = d.sum()
    return {"a": a, "b": b, "c": c, "d": d, "out": out}


def _two_diamonds(T):
    x = T.tensor([1.0, 2.0], dtype=T.float64, requires_grad=True)
    a = x * 2
    b = x * 3
    c = a * b
    d = c.sin()
    e = a + d
    out = e.sum()
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "out": out, "x": a}


def _two_leaves(T):
    x = T.tensor([1.0, 2.0], dtype=T.float64, requires_grad=True)
    w = T.tensor([3.0, 4.0], dtype=T.float64, requires_grad=True)
    p = x * w
    q = p.exp()
    r = p.cos()
    s = w.sin()
    out = (q + r).sum() + s.sum()
    return {"p": p, "q": q, "r": r, "s": s, "out": out}


ORDERS = {
    "diamond": (_diamond, ["out", "d", "c", "b", "a"]),
    "diamond_other_creation_order": (_diamond_other_creation_order, ["out", "d", "c", "a", "b"]),
    "two_diamonds": (_two_diamonds, ["out", "e", "d", "c", "b", "a", "x"]),
    "two_leaves": (_two_leaves, ["out", "s", "r", "q", "p"]),
}


@pytest.mark.parametrize("name", list(ORDERS))
def test_nodes_run_in_pytorchs_order(name):
    build, expected = ORDERS[name]
    assert _order(torch, build) == expected


@pytest.mark.parametrize("name", list(ORDERS))
def test_nodes_run_in_pytorchs_order_live(name):
    real = pytest.importorskip("torch")
    build, _ = ORDERS[name]
    assert _order(torch, build) == _order(real, build)


def test_a_node_with_several_outputs_runs_once_with_all_gradients():
    x = leaf([1.0, 2.0])
    a, b = x.unbind(0)
    c = a * b
    out = c + a
    log = []
    out.grad_fn.register_prehook(lambda go: log.append("out"))
    c.grad_fn.register_prehook(lambda go: log.append("c"))
    a.grad_fn.register_prehook(lambda go: log.append(("unbind", [as_list(g) for g in go])))
    out.backward()
    assert log == ["out", "c", ("unbind", [3.0, 1.0])]
    assert as_list(x.grad) == [3.0, 1.0]


# -- autograd.grad --------------------------------------------------------------------------------
def test_second_derivative_of_x_cubed_is_six_x():
    x = leaf([1.0, 2.0, 3.0])
    (g,) = torch.autograd.grad(x ** 3, x, grad_outputs=torch.ones(3, dtype=F64), create_graph=True)
    assert as_list(g) == [3.0, 12.0, 27.0]
    assert g.requires_grad
    (h,) = torch.autograd.grad(g.sum(), x)
    assert as_list(h) == [6.0, 12.0, 18.0]


def test_third_derivative_of_x_cubed_is_six():
    x = torch.tensor(2.0, dtype=F64, requires_grad=True)
    (g,) = torch.autograd.grad(x ** 3, x, create_graph=True)
    (h,) = torch.autograd.grad(g, x, create_graph=True)
    (k,) = torch.autograd.grad(h, x)
    assert (g.item(), h.item(), k.item()) == (12.0, 12.0, 6.0)


def test_autograd_grad_does_not_touch_grad():
    x = leaf([1.0, 2.0])
    torch.autograd.grad((x * x).sum(), x)
    assert x.grad is None


def test_autograd_grad_of_an_unused_input_raises():
    x, z = leaf([1.0, 2.0]), leaf([1.0, 2.0])
    with pytest.raises(RuntimeError) as err:
        torch.autograd.grad((x * 2).sum(), [x, z])
    assert str(err.value) == (
        "The differentiated Tensor at index 1 appears to not have been used in the graph. "
        "Set allow_unused=True if this is the desired behavior."
    )


def test_autograd_grad_allow_unused_gives_none():
    x, z = leaf([1.0, 2.0]), leaf([1.0, 2.0])
    gx, gz = torch.autograd.grad((x * 2).sum(), [x, z], allow_unused=True)
    assert (as_list(gx), gz) == ([2.0, 2.0], None)


def test_autograd_grad_materialize_grads_gives_zeros():
    x, z = leaf([1.0, 2.0]), leaf([1.0, 2.0])
    gx, gz = torch.autograd.grad((x * 2).sum(), [x, z], materialize_grads=True)
    assert (as_list(gx), as_list(gz)) == ([2.0, 2.0], [0.0, 0.0])


def test_autograd_grad_weights_by_grad_outputs():
    x = leaf([1.0, 2.0, 3.0])
    (g,) = torch.autograd.grad(x * x, x, grad_outputs=torch.tensor([1.0, 10.0, 100.0], dtype=F64))
    assert as_list(g) == [2.0, 40.0, 600.0]


def test_autograd_grad_outputs_of_the_wrong_shape_raise():
    x = leaf([1.0, 2.0, 3.0])
    with pytest.raises(RuntimeError) as err:
        torch.autograd.grad(x * x, x, grad_outputs=torch.tensor([1.0, 10.0], dtype=F64))
    assert str(err.value) == (
        "Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of torch.Size([3])."
    )


# -- backward(inputs=...) -------------------------------------------------------------------------
def test_backward_inputs_fills_only_the_listed_leaves():
    a, b = leaf([1.0, 2.0]), leaf([3.0, 4.0])
    (a * b).sum().backward(inputs=[a])
    assert (as_list(a.grad), b.grad) == ([3.0, 4.0], None)


def test_backward_inputs_can_name_a_non_leaf():
    a, b = leaf([1.0, 2.0]), leaf([3.0, 4.0])
    m = a * b
    (m * m).sum().backward(inputs=[m, b])
    assert (a.grad, as_list(b.grad), as_list(m.grad)) == (None, [6.0, 32.0], [6.0, 16.0])


def test_backward_inputs_not_reached_get_no_gradient():
    a, b = leaf([1.0, 2.0]), leaf([3.0, 4.0])
    (a * 2).sum().backward(inputs=[b])
    assert (a.grad, b.grad) == (None, None)


def test_backward_inputs_accumulate_like_backward():
    a = leaf([1.0, 2.0])
    y = (a * a).sum()
    y.backward(inputs=a, retain_graph=True)
    y.backward(inputs=(a,))
    assert as_list(a.grad) == [4.0, 8.0]


def test_backward_with_empty_inputs_raises():
    a = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError) as err:
        (a * 2).sum().backward(inputs=[])
    assert str(err.value) == "`inputs` argument to `backward()` cannot be empty."


def test_backward_inputs_that_do_not_require_grad_raise():
    a = leaf([1.0, 2.0])
    c = torch.tensor([1.0, 2.0], dtype=F64)
    with pytest.raises(RuntimeError) as err:
        (a * c).sum().backward(inputs=[c])
    assert str(err.value) == "can't retain_grad on Tensor that has requires_grad=False"


# -- found by test_random_programs and test_gradcheck: PyTorch's values ---------------------------
def test_in_place_op_on_an_element_writes_into_the_tensor():
    x = torch.tensor([1.0, 2.0, 3.0], dtype=F64)
    x[1].add_(10.0)
    assert as_list(x) == [1.0, 12.0, 3.0]


def test_in_place_ops_on_elements_of_a_matrix_write_into_it():
    y = torch.ones(2, 2, dtype=F64)
    y[1, 0].add_(5.0)
    y[0][1].mul_(3.0)
    assert as_list(y) == [[1.0, 3.0], [6.0, 1.0]]


def test_in_place_op_on_an_element_of_a_non_leaf_is_differentiated():
    x = leaf([1.0, 2.0, 3.0])
    y = x * 1
    y[1].mul_(10.0)
    y.sum().backward()
    assert as_list(y) == [1.0, 20.0, 3.0]
    assert as_list(x.grad) == [1.0, 10.0, 1.0]


def test_retain_grad_before_an_in_place_op_retains_the_new_value_gradient():
    x = torch.tensor(3.0, dtype=F64, requires_grad=True)
    y = x.clone()
    y.retain_grad()
    y.mul_(2.0)
    y.backward()
    assert (y.grad.item(), x.grad.item(), y.retains_grad) == (1.0, 2.0, True)


def test_view_read_after_an_in_place_op_on_its_base_sees_the_change():
    x = leaf([[1.0, 2.0], [3.0, 4.0]])
    y = x * 1
    v = y[1]
    y.mul_(2.0)
    assert v.grad_fn.name() == "AsStridedBackward0"
    (v * 1).sum().backward()
    assert as_list(x.grad) == [[0.0, 0.0], [2.0, 2.0]]


def test_in_place_op_on_a_view_of_a_non_contiguous_tensor_is_differentiated():
    x = leaf([[1.0, 2.0], [3.0, 4.0]])
    z = x.t() * 1
    z[0].mul_(2.0)
    z.sum().backward()
    assert as_list(z) == [[2.0, 6.0], [2.0, 4.0]]
    assert as_list(x.grad) == [[2.0, 1.0], [2.0, 1.0]]


def test_copy_slices_of_an_in_place_op_with_a_number_links_base_and_none():
    x = leaf([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    y = x.clone()
    y[:, ::2].mul_(2.0)
    edges = [(f.name() if f is not None else None, nr) for f, nr in y.grad_fn.next_functions]
    assert (y.grad_fn.name(), edges) == ("torch::autograd::CopySlices", [("CloneBackward0", 0), (None, 0)])


def test_amax_over_a_dim_records_amax_backward():
    x = leaf([1.0, 2.0])
    assert x.amax(0).grad_fn.name() == "AmaxBackward0"


def test_amax_over_a_dim_shares_the_gradient_between_ties():
    z = leaf([[1.0, 3.0, 3.0], [2.0, 2.0, 0.0]])
    z.amax(1).sum().backward()
    assert as_list(z.grad) == [[0.0, 0.5, 0.5], [0.5, 0.5, 0.0]]


def test_amax_over_several_dims_reduces_all_of_them():
    z = leaf([[1.0, 3.0, 3.0], [2.0, 2.0, 0.0]])
    z.amax((0, 1)).backward()
    assert as_list(z.grad) == [[0.0, 0.5, 0.5], [0.0, 0.0, 0.0]]


def test_log1p_node_name():
    assert leaf([0.5]).log1p().grad_fn.name() == "Log1PBackward0"


def test_boolean_mask_on_a_zero_dim_tensor_unsqueezes_first():
    x = torch.tensor(1.5, dtype=F64, requires_grad=True)
    y = x[x > 0]
    edges = [(f.name() if f is not None else None, nr) for f, nr in y.grad_fn.next_functions]
    assert (y.grad_fn.name(), edges) == ("IndexBackward0", [("UnsqueezeBackward0", 0)])


def test_matmul_of_a_matrix_and_a_batch_records_pytorchs_transpose_form():
    a = leaf([[1.0, 2.0]])
    b = torch.ones(2, 2, 3, dtype=F64, requires_grad=True)
    y = torch.matmul(a, b)
    edges = [(f.name() if f is not None else None, nr) for f, nr in y.grad_fn.next_functions]
    assert (y.grad_fn.name(), edges) == ("TransposeBackward0", [("UnsafeViewBackward0", 0)])


def test_batched_matmul_with_a_transposed_operand_reshapes_it_with_reshape_alias():
    a = torch.ones(2, 2, 3, dtype=F64, requires_grad=True)
    y = a @ a.mT
    bmm = y.grad_fn.next_functions[0][0]
    second = bmm.next_functions[1][0]
    assert (bmm.name(), second.name()) == ("BmmBackward0", "ReshapeAliasBackward0")


def test_movedim_moves_the_dimension():
    x = leaf([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert (tuple(torch.movedim(x, 0, -1).shape), tuple(x.movedim(1, 0).shape)) == ((3, 2), (3, 2))


def test_clamp_with_a_tensor_bound_differentiates_the_bound():
    x = leaf([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    lo = leaf([2.0, 2.0, 2.0])
    x.clamp(min=lo).sum().backward()
    assert as_list(x.grad) == [[0.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    assert as_list(lo.grad) == [1.0, 0.0, 0.0]


def test_binary_cross_entropy_differentiates_the_target():
    p = torch.sigmoid(leaf([[1.0, 2.0], [3.0, 4.0]]))
    t = leaf([[0.0, 1.0], [1.0, 0.0]])
    torch.nn.functional.binary_cross_entropy(p, t).backward()
    np.testing.assert_allclose(t.grad.numpy(), [[-0.25, -0.5], [-0.75, -1.0]], rtol=1e-12)


def test_round_floor_ceil_trunc_are_steps_with_zero_gradient():
    x = torch.tensor([0.5, 1.5, 2.345, -0.5], requires_grad=True)
    assert repr(x.round()) == "tensor([0., 2., 2., -0.], grad_fn=<RoundBackward0>)"
    assert repr(x.round(decimals=2)) == "tensor([ 0.5000,  1.5000,  2.3400, -0.5000], grad_fn=<RoundBackward1>)"
    assert repr(torch.floor(x)) == "tensor([ 0.,  1.,  2., -1.], grad_fn=<FloorBackward0>)"
    assert repr(x.ceil()) == "tensor([1., 2., 3., -0.], grad_fn=<CeilBackward0>)"
    assert repr(x.trunc()) == "tensor([0., 1., 2., -0.], grad_fn=<TruncBackward0>)"
    (x.round() + x.floor() + x.ceil() + x.trunc()).sum().backward()
    assert repr(x.grad) == "tensor([0., 0., 0., 0.])"


@pytest.mark.parametrize("name", ["leaky_relu", "gelu", "gelu_tanh", "softplus", "elu", "silu", "erf"])
def test_smooth_activations_pass_gradcheck_and_gradgradcheck(name):
    fn = {
        "leaky_relu": lambda t: torch.nn.functional.leaky_relu(t, 0.2),
        "gelu": torch.nn.functional.gelu,
        "gelu_tanh": lambda t: torch.nn.functional.gelu(t, approximate="tanh"),
        "softplus": torch.nn.functional.softplus,
        "elu": torch.nn.functional.elu,
        "silu": torch.nn.functional.silu,
        "erf": torch.erf,
    }[name]
    x = torch.tensor([-1.3, 0.4, 2.2], dtype=F64, requires_grad=True)
    assert torch.autograd.gradcheck(fn, (x,)) is True
    assert torch.autograd.gradgradcheck(fn, (x,)) is True


@pytest.mark.xfail(strict=True, reason="PyTorch 2.13 folds a matmul operand whose batch dims are all 1 into one "
                   "mm and transposes back; autograd_lab uses the bmm path: same values and gradients, another chain")
def test_matmul_with_a_batch_of_one_records_a_different_chain_than_pytorch():
    a = torch.zeros(1, 1, 1, dtype=F64, requires_grad=True)
    b = torch.zeros(2, 1, 2, dtype=F64)
    assert torch.matmul(a, b).grad_fn.name() == "TransposeBackward0"  # what PyTorch 2.13 records


# -- dims given as numpy integers and 0-d tensors; the newer ops ------------------------------------------
@pytest.mark.parametrize("dim", [1, np.int64(1), np.int32(-1), torch.tensor(1), torch.tensor(-1, dtype=torch.int32)])
def test_a_dim_may_be_a_numpy_integer_or_a_0d_integer_tensor(dim):
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    assert repr(x.sum(dim)) == "tensor([ 6., 15.], grad_fn=<SumBackward1>)"
    assert repr(x.amax(dim)) == "tensor([3., 6.], grad_fn=<AmaxBackward0>)"
    assert [t.shape for t in x.chunk(2, dim)] == [torch.Size([2, 2]), torch.Size([2, 1])]
    assert repr(x.select(dim, 0)) == "tensor([1., 4.], grad_fn=<SelectBackward0>)"


def test_all_and_any_reduce_over_a_tuple_of_dims_to_bool():
    b = torch.tensor([[True, False], [True, True]])
    assert repr(b.all(dim=(0, 1))) == "tensor(False)"
    assert repr(torch.any(b, [0], keepdim=True)) == "tensor([[True, True]])"
    assert repr(torch.tensor([[1, 0]], dtype=torch.uint8).all(1)) == "tensor([0], dtype=torch.uint8)"


def test_clamp_takes_a_0d_tensor_bound_as_a_number():
    y = torch.clamp(torch.tensor([1, 5, 9]), torch.tensor(2), 6.5)
    assert repr(y) == "tensor([2.0000, 5.0000, 6.5000])"
    assert torch.clamp(torch.ones(2, requires_grad=True), torch.tensor(0.), 2).grad_fn.name() == "ClampBackward1"


def test_the_deprecated_alpha_first_overload_warns_once_per_process():
    import autograd_lab.ops.pointwise as pw

    t = torch.tensor([1., 2.])
    pw._alpha_first_warned = False
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert torch.sub(t, 2, t).tolist() == [-1., -2.]
        assert t.add(2, t).tolist() == [3., 6.]
    assert [str(w.message).splitlines()[0] for w in caught] == ["This overload of sub is deprecated:"]


def test_subtract_with_two_numbers_is_pytorchs_scalar_overload():
    t = torch.tensor([1., 2.], requires_grad=True)
    y = torch.subtract(t, 1, 2)
    assert repr(y) == "tensor([-1.,  0.], grad_fn=<SubBackward1>)"
    assert len(y.grad_fn.next_functions) == 1


def test_cumprod_gradient_with_zeros_is_the_product_of_the_others():
    x = torch.tensor([2., 0., 3.], dtype=F64, requires_grad=True)
    x.cumprod(0).sum().backward()
    # d/dx0 (x0 + x0 x1 + x0 x1 x2) = 1 + x1 + x1 x2, and so on
    assert x.grad.tolist() == [1., 8., 0.]


def test_diagonal_is_a_view_that_writes_into_its_base():
    x = torch.zeros(3, 3)
    d = x.diagonal(1)
    d.fill_(7.)
    assert d._base is x
    assert x.tolist() == [[0., 7., 0.], [0., 0., 7.], [0., 0., 0.]]


def test_diag_saves_dims_as_pytorch_shows_them():
    d = torch.diag(torch.ones(2, requires_grad=True), -1)
    assert (d.grad_fn.name(), d.grad_fn._saved_dim1, d.grad_fn._saved_dim2, d.grad_fn._saved_offset) == (
        "DiagEmbedBackward0", 2**64 - 2, 2**64 - 1, 2**64 - 1)


def test_einsum_builds_a_matrix_product_from_bmm_as_pytorch_does():
    a = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    y = torch.einsum("ij,jk->ik", a, a.t())
    assert y.tolist() == [[14., 32.], [32., 77.]]
    names = []
    fn = y.grad_fn
    while fn is not None and fn.next_functions:
        names.append(fn.name())
        fn = fn.next_functions[0][0]
    assert names[:4] == ["ViewBackward0", "PermuteBackward0", "ViewBackward0", "BmmBackward0"]


def test_einsum_refuses_operands_that_do_not_broadcast():
    x = torch.ones(2, 3)
    with pytest.raises(RuntimeError, match="^einsum\\(\\): subscript j has size 2 for operand 1 which does not "
                       "broadcast with previously seen size 3$"):
        torch.einsum("ij,jk->ik", x, x)


def test_lerp_is_exact_at_both_ends_in_float32():
    a, b = torch.tensor([0.1, 0.7]), torch.tensor([0.3, 0.9])
    assert torch.lerp(a, b, torch.tensor([0.2, 0.8])).tolist() == [0.14000000059604645, 0.85999995470047]
    assert torch.lerp(a, b, 1.).tolist() == b.tolist()


def test_scatter_gives_the_overwritten_entries_no_gradient():
    x = torch.zeros(2, 3, requires_grad=True)
    src = torch.ones(2, 1, requires_grad=True)
    y = x.scatter(1, torch.tensor([[2], [0]]), src)
    y.backward(torch.tensor([[1., 2., 3.], [4., 5., 6.]]))
    assert x.grad.tolist() == [[1., 2., 0.], [0., 5., 6.]]
    assert src.grad.tolist() == [[3.], [4.]]


def test_scatter_add_in_place_adds_repeated_places():
    x = torch.zeros(3)
    x.scatter_add_(0, torch.tensor([0, 0, 2]), torch.tensor([1., 2., 3.]))
    assert x.tolist() == [3., 0., 3.]
    assert x._version == 1


def test_expm1_in_float32_is_rounded_once_from_the_exact_value():
    assert torch.tensor([4.]).expm1().item() == 53.598148345947266  # PyTorch's; numpy's float32 gives ...52161
    assert repr(torch.tensor([4.]).expm1()) == "tensor([53.5981])"


# ---------------------------------------------------------------- numpy's floating-point warnings
def test_ops_silence_numpy_only_while_they_compute():
    """An op gives inf and nan without numpy's RuntimeWarning (as PyTorch does; the parity programs
    special_* check the values), and leaves numpy's error state as the user set it: their own
    numpy code still warns, or raises under np.errstate(all="raise")."""
    big = np.float32(3e38)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (torch.tensor([3e38]) * 10).sum()
        torch.tensor([0.]) * torch.tensor([float("inf")])
        assert caught == []
        big * np.float32(10)
        assert [str(w.message) for w in caught] == ["overflow encountered in scalar multiply"]
    with np.errstate(all="raise"):
        assert torch.tensor([1.]).log().sub(torch.tensor([float("-inf")])).item() == float("inf")
        with pytest.raises(FloatingPointError):
            big * np.float32(10)
    with pytest.raises(FloatingPointError):  # an op that raised inside leaves the state restored too
        with np.errstate(all="raise"):
            with pytest.raises(RuntimeError):
                torch.ones(3) + torch.ones(4)
            big * np.float32(10)


def test_var_without_degrees_of_freedom_warns_at_the_callers_line():
    """PyTorch's warning points at the line that called var()/std(), not into the library."""
    for call in (lambda t: t.var(), lambda t: torch.std(t)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call(torch.tensor([1.]))
        assert [w.filename for w in caught] == [__file__]
        assert str(caught[0].message).startswith(("var(): degrees of freedom is <= 0.", "std(): degrees"))


@pytest.mark.parametrize("switch", ["quiet", "errstate"])
def test_both_ways_of_silencing_numpy_restore_the_users_state(switch):
    """quiet_set/quiet_reset (numpy 2's context variable) and the np.errstate fallback (numpy 1)
    both ignore numpy's floating-point errors in between and give the caller's state back."""
    from autograd_lab.parity import fp as _fp

    on, off = (_fp.quiet_set, _fp.quiet_reset) if switch == "quiet" else (_fp._errstate_set, _fp._errstate_reset)
    with np.errstate(all="raise"):
        token = on()
        assert np.geterr() == {"divide": "ignore", "over": "ignore", "under": "ignore", "invalid": "ignore"}
        assert np.float32(3e38) * np.float32(10) == np.inf
        off(token)
        assert np.geterr()["over"] == "raise"


# -- Tensor's table of methods (_tensor.py) ----------------------------------------------------------
def _defining_file(value):
    """The file (under autograd_lab/) whose code a method attached to Tensor runs first."""
    import inspect

    fn = value.fget if isinstance(value, property) else value
    module = inspect.unwrap(fn).__module__
    return module.removeprefix("autograd_lab.").replace(".", "/") + ".py"


def test_the_table_of_methods_names_the_file_that_defines_each_method():
    from autograd_lab._tensor import DefinedIn

    wrong = {name: (path, _defining_file(torch.Tensor.__dict__[name]))
             for name, path in DefinedIn.LISTED.items() if _defining_file(torch.Tensor.__dict__[name]) != path}
    assert not wrong, "name: (listed, really defined in)"
    assert DefinedIn.LISTED["sum"] == "ops/reduction.py" and DefinedIn.LISTED["__getitem__"] == "ops/indexing.py"


def test_every_method_attached_after_the_class_is_in_the_table():
    import ast
    from pathlib import Path

    from autograd_lab._tensor import DefinedIn

    source = Path(torch.__file__).with_name("_tensor.py").read_text()
    cls = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef) and n.name == "Tensor")
    written = {n.name for n in cls.body if isinstance(n, ast.FunctionDef)}
    written |= {t.id for n in cls.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    attached = {name for name, value in vars(torch.Tensor).items()
                if (callable(value) or isinstance(value, property)) and name not in written}
    private = {name for name in attached if name.startswith("_") and not name.startswith("__")}
    assert attached - private == set(), "attached to Tensor but missing from its table in _tensor.py"
    assert set(DefinedIn.LISTED) <= set(vars(torch.Tensor))


# -- the import graph ----------------------------------------------------------------------------------
def _import_graph():
    """Which autograd_lab module imports which (relative imports, at the top or inside functions)."""
    import ast
    from pathlib import Path

    import networkx as nx

    root = Path(torch.__file__).parent
    names = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = nx.DiGraph()
    for name, path in names.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.ImportFrom) and node.level):
                continue
            base = [p for p in package.split(".") if p]
            base = base[: len(base) - (node.level - 1)] + ([node.module] if node.module else [])
            for alias in node.names:
                target = ".".join(base + [alias.name])
                target = target if target in names else ".".join(base)
                if target in names and target not in (name, ""):
                    graph.add_edge(name, target)
    return graph


def test_no_module_imports_one_that_imports_it_back():
    import networkx as nx

    graph = _import_graph()
    assert graph.has_edge("autograd.function", "_tensor") and graph.has_edge("ops.indexing", "ops.shape")
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert circles == []
