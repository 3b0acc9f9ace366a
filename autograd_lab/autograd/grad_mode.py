"""Switches for gradient recording: no_grad, enable_grad, set_grad_enabled, inference_mode."""
import functools
import threading


class _GradState(threading.local):
    """The switch every op reads before recording itself in the graph. Each thread has its
    own, as in PyTorch: a thread started inside ``no_grad`` still records."""

    enabled = True  # ops record (grad mode is on and inference mode is off)
    inference = False  # inside inference_mode(): new tensors are "inference tensors"
    requested = True  # grad mode as switched, which inside inference_mode records nothing


GradMode = _GradState()


def is_grad_enabled():
    """True when grad mode is on (the default): ops record the graph, except in inference_mode."""
    return GradMode.requested if GradMode.inference else GradMode.enabled


def _switch(target):
    """Turn grad mode to ``target``; return what to give ``_restore`` to undo it."""
    prev = (GradMode.enabled, GradMode.requested)
    GradMode.requested = target
    GradMode.enabled = target and not GradMode.inference  # enable_grad inside inference_mode records nothing
    return prev


def _restore(prev):
    GradMode.enabled, GradMode.requested = prev


class _GradSwitch:
    """Base of the context managers: set the mode on enter, restore it on exit, even after an
    exception; used as a decorator, each call of the function runs inside the switch."""

    _target = True

    def __enter__(self):
        self._prev = _switch(self._target)
        return None

    def __exit__(self, *exc):
        _restore(self._prev)
        return False

    def __call__(self, fn):
        switch = self
        code = getattr(fn, "__code__", None)
        if code is not None and code.co_flags & _GENERATOR:
            return _generator_in(switch, fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with switch.clone():
                return fn(*args, **kwargs)

        return wrapper

    def clone(self):
        return self.__class__()


_GENERATOR = 0x20  # inspect.CO_GENERATOR (inspect itself is slow to import)


def _generator_in(switch, fn):
    """A decorated generator function: its body runs inside the switch each time it resumes,
    and the caller's mode is back whenever it has yielded (as PyTorch's decorators do)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        gen = fn(*args, **kwargs)
        try:
            with switch.clone():
                response = gen.send(None)
            while True:
                try:
                    request = yield response
                except GeneratorExit:
                    with switch.clone():
                        gen.close()
                    raise
                except BaseException as exc:
                    with switch.clone():
                        response = gen.throw(exc)
                else:
                    with switch.clone():
                        response = gen.send(request)
        except StopIteration as stop:
            return stop.value

    return wrapper


class no_grad(_GradSwitch):
    """Inside ``with no_grad():`` ops compute values but record no graph.

    >>> x = tensor([1.], requires_grad=True)
    >>> with no_grad():
    ...     y = x * 2
    >>> y.requires_grad
    False
    """

    _target = False

    def __init__(self, orig_func=None):
        # PyTorch allows @no_grad without parentheses too.
        self._orig = orig_func

    def __new__(cls, orig_func=None):
        self = super().__new__(cls)
        if orig_func is not None and callable(orig_func):
            self.__init__()
            return self(orig_func)
        return self


class enable_grad(no_grad):
    """Turns recording back on inside a ``no_grad`` block."""

    _target = True


class set_grad_enabled(_GradSwitch):
    """``set_grad_enabled(False)`` acts at once, like PyTorch's, and also works as a context manager."""

    def __init__(self, mode):
        self._target = bool(mode)
        self._prev = _switch(self._target)

    def __call__(self, fn):
        # Used as a decorator, the switch must not stay flipped after decoration.
        _restore(self._prev)
        return _GradSwitch.__call__(self, fn)

    def clone(self):
        return _Scoped(self._target)

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        _restore(self._prev)
        return False


class _Scoped(_GradSwitch):
    def __init__(self, target):
        self._target = target


class inference_mode(_GradSwitch):
    """Like ``no_grad``, and tensors made inside are "inference tensors" that autograd refuses later."""

    def __init__(self, mode=True):
        self._mode = bool(mode)
        self._target = not mode

    def __new__(cls, mode=True):
        self = super().__new__(cls)
        if callable(mode) and not isinstance(mode, bool):
            self.__init__(True)
            return self(mode)
        return self

    def __enter__(self):
        self._prev = (GradMode.enabled, GradMode.requested, GradMode.inference)
        GradMode.enabled = GradMode.requested = self._target
        GradMode.inference = self._mode
        return None

    def __exit__(self, *exc):
        GradMode.enabled, GradMode.requested, GradMode.inference = self._prev
        return False

    def clone(self):
        return inference_mode(self._mode)


def is_inference_mode_enabled():
    return GradMode.inference
