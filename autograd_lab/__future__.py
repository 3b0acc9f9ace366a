"""``torch.__future__``: switches for behaviour PyTorch means to make the default. Here the one
that matters is how converting a module (``m.double()``, ``m.to(...)``) and ``load_state_dict``
change its parameters: in place through ``.data`` (the default), as new Parameter objects
(overwrite), or by ``torch.utils.swap_tensors`` (swap, which keeps each Parameter object)."""

_overwrite_module_params_on_conversion = False
_swap_module_params_on_conversion = False


def set_overwrite_module_params_on_conversion(value):
    """Converting a module assigns new Parameter objects instead of changing the old ones."""
    global _overwrite_module_params_on_conversion
    _overwrite_module_params_on_conversion = value


def get_overwrite_module_params_on_conversion():
    return _overwrite_module_params_on_conversion


def set_swap_module_params_on_conversion(value):
    """Converting a module, and ``load_state_dict``, swap each parameter with its new value
    (``torch.utils.swap_tensors``) instead of setting ``.data`` / copying in place."""
    global _swap_module_params_on_conversion
    _swap_module_params_on_conversion = value


def get_swap_module_params_on_conversion():
    return _swap_module_params_on_conversion
