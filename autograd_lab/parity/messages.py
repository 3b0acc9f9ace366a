"""How PyTorch writes a shape in its messages: ``[2, 3]`` (and ``torch.Size([2, 3])``)."""


def shape_str(shape):
    return "[" + ", ".join(str(s) for s in shape) + "]"


def meta_refusal(what):
    """What PyTorch raises when a meta tensor (no data) is asked for its values."""
    if what == "item":
        return RuntimeError("Tensor.item() cannot be called on meta tensors")
    if what == "numpy":
        return TypeError("can't convert meta device type tensor to numpy. Use Tensor.cpu() to copy the tensor "
                         "to host memory first.")
    return NotImplementedError("Cannot copy out of meta tensor; no data!")


def mm_shape_error(a, b):
    """Matrices whose inner sizes differ: PyTorch's CPU kernel and its meta kernel word it apart."""
    from .meta import is_meta

    if is_meta(a) or is_meta(b):
        return RuntimeError(f"a and b must have same reduction dim, but got {list(a.shape)} X {list(b.shape)}.")
    return RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({a.shape[0]}x{a.shape[1]} and "
                        f"{b.shape[0]}x{b.shape[1]})")
