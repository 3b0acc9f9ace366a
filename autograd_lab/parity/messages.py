"""How PyTorch writes a shape in its messages: ``[2, 3]`` (and ``torch.Size([2, 3])``)."""


def shape_str(shape):
    return "[" + ", ".join(str(s) for s in shape) + "]"
