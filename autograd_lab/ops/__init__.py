"""The differentiable ops: each is a Function with its forward and its derivative side by side."""
