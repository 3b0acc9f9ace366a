"""Counts and articles in the text the pictures and widgets show: "1 tensor, 2 ops", "an int"."""


def count(n, noun, plural=None):
    """``n`` and ``noun``, singular for 1: ``count(1, "op")`` is "1 op", ``count(0, "op")`` is
    "0 ops", ``count(3, "leaf", "leaves")`` is "3 leaves"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def with_article(word):
    """``word`` after "a" or "an", by how it sounds (a type name, mostly): "an int", "a float",
    "an ndarray" (en-dee), "a uint8" (you-int)."""
    w = word.lower()
    if w.startswith(("uni", "uint", "us", "ut")):
        return f"a {word}"
    return f"{'an' if w.startswith(('a', 'e', 'i', 'o', 'u', 'nd')) else 'a'} {word}"
