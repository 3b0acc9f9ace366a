"""Temporary method wrappers and import hooks for tracing a cell, each undone exactly by the
function it returns."""
import sys


def drop_own_frame(error):
    """Take the calling wrapper's frame out of ``error``'s traceback; the wrapper then re-raises
    with a bare ``raise``, so the learner's traceback is the one they would get untraced.

    >>> try:
    ...     return original(*args)
    ... except BaseException as e:
    ...     drop_own_frame(e)
    ...     raise

    From Python 3.11 a bare ``raise`` re-raises with ``error.__traceback__``; on 3.10 it keeps the
    traceback it had, so the wrapper's frame still shows there.
    """
    tb = error.__traceback__
    if tb is not None and tb.tb_frame is sys._getframe(1):
        error.__traceback__ = tb.tb_next


def _classes_defining(base, name):
    """``base`` and every subclass that defines ``name`` itself (an override needs its own wrap)."""
    # It runs as every traced cell starts, over every nn.Module subclass loaded (hundreds), so
    # the walk is a plain breadth-first loop: each class is visited once (a class with two bases
    # in the tree is met twice), and the list grows as it is read.
    classes, seen = [base], {base}
    for cls in classes:
        for sub in type.__subclasses__(cls):
            if sub not in seen:
                seen.add(sub)
                classes.append(sub)
    return [cls for cls in classes if name in cls.__dict__]


def wrap_method(base, name, after, subclasses=True, before=None):
    """Make ``base.name`` (and overrides in subclasses) call ``after(self)`` once it returned
    (and ``before(self)`` before it runs, when given).

    Returns a function that puts every original back, also on classes that only inherited it.
    """
    classes = _classes_defining(base, name) if subclasses else [base]
    if base not in classes:
        classes.insert(0, base)
    saved = []
    for cls in classes:
        had_own = name in cls.__dict__
        original = cls.__dict__[name] if had_own else getattr(cls, name)

        def wrapper(self, *args, __original=original, **kwargs):
            if before is not None:
                before(self)
            try:
                result = __original(self, *args, **kwargs)
            except BaseException as e:
                drop_own_frame(e)
                raise
            after(self)
            return result

        wrapper.__name__ = name
        wrapper.__doc__ = getattr(original, "__doc__", None)
        wrapper.__wrapped__ = original
        setattr(cls, name, wrapper)
        saved.append((cls, had_own, original))

    def restore():
        for cls, had_own, original in reversed(saved):
            if had_own:
                setattr(cls, name, original)
            else:
                try:
                    delattr(cls, name)
                except AttributeError:
                    pass

    return restore


def call_after_import(name, callback):
    """Call ``callback(module)`` when module ``name`` is imported (once its code has run), if that
    happens before the returned function is called; that function takes the hook out again.

    How a cell that does ``import torch`` itself still gets its backward calls recorded.
    """
    watcher = _ImportWatcher(name, callback)
    sys.meta_path.insert(0, watcher)

    def remove():
        if watcher in sys.meta_path:
            sys.meta_path.remove(watcher)

    return remove


class _ImportWatcher:
    """A ``sys.meta_path`` finder that finds nothing itself: for its one module it asks the other
    finders, then has the loader call back after the module's code ran."""

    def __init__(self, name, callback):
        self.name = name
        self.callback = callback
        self._finding = False

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name or self._finding:
            return None
        self._finding = True  # the other finders may ask sys.meta_path again
        try:
            for finder in list(sys.meta_path):
                find = getattr(finder, "find_spec", None)
                if finder is self or find is None:
                    continue
                spec = find(fullname, path, target)
                if spec is not None:
                    break
            else:
                return None
        finally:
            self._finding = False
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _LoaderThen(spec.loader, self.callback)
        return spec


class _LoaderThen:
    """Runs the real loader, then the callback; the module keeps the real loader as its own."""

    def __init__(self, loader, callback):
        self.loader = loader
        self.callback = callback

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        module.__loader__ = self.loader
        if getattr(module, "__spec__", None) is not None:
            module.__spec__.loader = self.loader
        try:
            self.loader.exec_module(module)
        except BaseException as e:
            drop_own_frame(e)
            raise
        self.callback(module)
