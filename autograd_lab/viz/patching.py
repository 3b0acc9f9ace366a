"""Temporary method wrappers for tracing a cell, each undone exactly by the function it returns."""


def _classes_defining(base, name):
    """``base`` and every subclass that defines ``name`` itself (an override needs its own wrap)."""
    found, stack, seen = [], [base], set()
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        if name in cls.__dict__:
            found.append(cls)
        stack.extend(cls.__subclasses__())
    return found


def wrap_method(base, name, after, subclasses=True):
    """Make ``base.name`` (and overrides in subclasses) call ``after(self)`` once it returned.

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
            result = __original(self, *args, **kwargs)
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
