"""Render the same picture as ``render_svg`` to PNG bytes with matplotlib (Agg, no display).

Matplotlib's Agg draws the canvas and Pillow writes the PNG (a palette of the picture's 256 most
used colours, no text chunks: no date, no version), so the bytes are the same on every run with
the same matplotlib, FreeType and Pillow; another version may place a text's pixels a little
differently, so notebooks compare the SVG, not the PNG (see ``autograd_lab/nbval.py``).
"""
import io
import math

from .render_svg import BACKGROUND, EDGE, FONT_SIZE


def render_png(canvas, dpi=100, scale=1.5):
    """PNG bytes of a ``render_svg.Canvas``: same boxes, texts and arrows as the SVG."""
    import matplotlib

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
    from matplotlib.path import Path

    W, H = max(canvas.width, 1), max(canvas.height, 1)
    fig = Figure(figsize=(W * scale / dpi, H * scale / dpi), dpi=dpi)
    agg = FigureCanvasAgg(fig)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, W)
    ax.set_ylim(H, 0)
    ax.axis("off")
    fig.patch.set_facecolor(BACKGROUND)  # opaque, as the SVG's: reads on a dark theme too
    pt = scale * 72 / dpi  # points per canvas pixel
    with matplotlib.rc_context({"svg.hashsalt": "autograd_lab"}):
        for item in canvas.items:
            kind = item[0]
            if kind == "rect":
                _, x, y, w, h, fill, stroke, rx, dashed = item
                ax.add_patch(FancyBboxPatch(
                    (x, y), w, h, boxstyle=f"round,pad=0,rounding_size={rx}", facecolor=fill,
                    edgecolor=stroke, linewidth=1.2 * pt, linestyle="--" if dashed else "-"))
            elif kind == "text":
                _, x, y, s, bold, color, strike, size, anchor, angle = item
                # Agg's baseline sits lower than a browser's: lift the text 3 px (at 12 px) along its up.
                lift = 3 * size / FONT_SIZE
                tx, ty = x + lift * math.sin(math.radians(angle)), y - lift * math.cos(math.radians(angle))
                ax.text(tx, ty, s, color=color, fontweight="bold" if bold else "normal",
                        va="baseline", ha={"start": "left", "middle": "center", "end": "right"}[anchor],
                        rotation=-angle, rotation_mode="anchor", family="monospace", size=size * pt)
                if strike:
                    ax.plot([x, x + len(s) * 7.3], [y - 6, y - 6], color=color, linewidth=1)
            elif kind == "polyline":
                _, points, color, width = item
                # zorder 1, as patches have: drawn in the canvas's order among boxes and circles
                ax.plot([p[0] for p in points], [p[1] for p in points], color=color, linewidth=width * pt,
                        solid_joinstyle="round", zorder=1)
            elif kind == "circle":
                _, x, y, r, fill, stroke = item
                ax.add_patch(Circle((x, y), r, facecolor=fill, edgecolor=stroke, linewidth=pt, zorder=1))
            elif kind == "path":
                verts, codes = [], []
                for seg in item[1]:
                    if seg[0] == "M":
                        verts.append(seg[1]); codes.append(Path.MOVETO)
                    elif seg[0] == "L":
                        verts.append(seg[1]); codes.append(Path.LINETO)
                    else:
                        verts.extend(seg[1:]); codes.extend([Path.CURVE4] * 3)
                ax.add_patch(FancyArrowPatch(
                    path=Path(verts, codes), arrowstyle="-|>", mutation_scale=12 * scale,
                    color=EDGE, linewidth=1.4 * pt, shrinkA=0, shrinkB=0))
    agg.draw()
    return _small_png(agg)


def _small_png(agg):
    """The drawn ``agg`` canvas as PNG bytes with a palette of its 256 most used colours, each
    other pixel taking the nearest of them: flat fills, the background and the text keep their
    exact colours, anti-aliased edges need no more, and the file (kept in every saved notebook)
    is about a third of an RGBA one. Pillow (which matplotlib needs) writes it with no date, no
    version, nothing but the pixels."""
    import numpy as np
    from PIL import Image

    rgb = np.asarray(agg.buffer_rgba())[:, :, :3]
    h, w, _ = rgb.shape
    flat = rgb.reshape(-1, 3).astype(np.int64)
    key = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    colours, pixel_colour, uses = np.unique(key, return_inverse=True, return_counts=True)
    # The most used first, equal counts by colour: the same palette on every run.
    palette = colours[np.lexsort((colours, -uses))[:256]]

    def channels(keys):
        return np.stack([(keys >> 16) & 255, (keys >> 8) & 255, keys & 255], axis=1)

    distance = ((channels(colours)[:, None, :] - channels(palette)[None, :, :]) ** 2).sum(axis=2)
    index = distance.argmin(axis=1)[pixel_colour.reshape(-1)].reshape(h, w).astype(np.uint8)
    img = Image.fromarray(index, "P")
    img.putpalette(channels(palette).astype(np.uint8).reshape(-1).tolist())
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()
