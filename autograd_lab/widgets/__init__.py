"""Interactive instruments for autograd lessons (ipywidgets 8, pictures drawn by ``autograd_lab.viz``).

``BackwardStepper``: backward one node at a time. ``GradAccumulation``: gradients piling up across
epochs, with and without reset. ``RetainGradExplorer``: which tensors get a ``.grad``.
``StopTrackingExplorer``: ``requires_grad_(False)``, ``detach()`` and ``no_grad()`` side by side.
ipywidgets is imported only when one of them is used.
"""

_WHERE = {
    "BackwardStepper": "stepper",
    "GradAccumulation": "accumulation",
    "RetainGradExplorer": "retain_grad",
    "StopTrackingExplorer": "stop_tracking",
    "Cut": "stop_tracking",
}

__all__ = list(_WHERE)


def __getattr__(name):
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module 'autograd_lab.widgets' has no attribute '{name}'")
