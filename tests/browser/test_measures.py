"""The browser suite's measures, checked on a notebook whose answers are known: the lesson tests
can be trusted to see a picture hidden as text, a picture wider than its output area, text shrunk
below 11 px and dark text on a dark page.

The notebook (written into the server's temporary copy, never into lessons/) shows four
pictures: an SVG 1,400 px wide, saved without a PNG (JupyterLab draws it in an <img> at its
size: wider than the output area); a small SVG saved with a PNG beside it; and, inline in
ipywidgets HTML widgets, an SVG 1,400 px wide that shrinks to the column (max-width: 100%, so
its text shrinks too) and one 1,300 px wide that scrolls sideways. Each has dark (#111111) text
on a blue box (9.10:1) and on nothing.
"""
import base64
import io

import pytest

import lab_driver

NAME = "zz_measure_check.ipynb"
BLUE, DARK_TEXT = "#86b9e8", "#111111"


def svg(width, max_width=True):
    style = ' style="max-width: 100%; height: auto"' if max_width else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="60" viewBox="0 0 {width} 60"{style} '
            f'font-family="monospace" font-size="12"><rect x="4" y="4" width="120" height="40" fill="{BLUE}"/>'
            f'<text x="12" y="28" fill="{DARK_TEXT}">on a box</text>'
            f'<text x="{width - 150}" y="28" fill="{DARK_TEXT}">on nothing</text></svg>')


def png():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(3, 0.6), dpi=100)
    fig.text(0.05, 0.4, "png fallback")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def notebook():
    import nbformat.v4 as nbf

    cells = [
        nbf.new_code_cell(f"from IPython.display import SVG, display\ndisplay(SVG({svg(1400)!r}))", execution_count=1,
                          outputs=[nbf.new_output("display_data", {"image/svg+xml": svg(1400), "text/plain": "<wide>"})]),
        nbf.new_code_cell(f"display(SVG({svg(400)!r}))", execution_count=2,
                          outputs=[nbf.new_output("display_data", {"image/svg+xml": svg(400), "image/png": png(),
                                                                   "text/plain": "<small>"})]),
        nbf.new_code_cell(f"import ipywidgets as w\nw.HTML({svg(1400)!r})", execution_count=3),
        nbf.new_code_cell(f"w.HTML({svg(1300, max_width=False)!r}, layout=w.Layout(overflow='auto', max_width='100%'))",
                          execution_count=4),
    ]
    nb = nbf.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    return nb


@pytest.fixture(scope="module")
def check(lab, lesson_runs):
    import nbformat

    nbformat.write(notebook(), lab.root / NAME)
    run = lesson_runs(NAME)
    if run.failures:
        pytest.fail(f"{NAME}: {run.failures}", pytrace=False)
    return run


def test_a_picture_saved_without_png_shows_as_text_when_opened_fresh(check):
    assert check.trusted_when_opened is False
    assert [(f["cell"], f["visible"]) for f in check.fresh] == [(0, False), (1, True)]
    assert check.fresh[0]["shownAs"] == "text/plain" and check.fresh_counts() == (1, 2)
    png, = check.fresh_pictures   # the PNG (300x60) shown beside the untrusted SVG: text measured on the SVG
    assert png["kind"] == "img(png)" and png["width"] == 300 and png["note"] == "text measured on the SVG of the same output"
    assert {round(t["fontPx"], 2) for t in png["texts"]} == {round(12 * 300 / 400, 2)}


def pictures(run):
    return sorted(run.pictures, key=lambda p: p["cell"])


def test_the_widths_and_the_sideways_scroll(check):
    assert check.errors == [] and check.run_finished
    img, small, shrunk, scrolled = pictures(check)
    area = img["area"]
    assert 900 < area < 1100
    assert img["kind"] == "img(svg)" and img["width"] == 1400 and img["scrolls"]
    assert small["kind"] == "img(svg)" and small["width"] == 400   # trusted once run: the SVG, not the PNG
    assert shrunk["kind"] == "svg" and area - 20 < shrunk["width"] <= area and not shrunk["scrolls"]
    assert scrolled["kind"] == "svg" and scrolled["width"] == 1300 and scrolled["scrolls"]


def test_text_sizes_follow_the_pictures_scale(check):
    img, small, shrunk, scrolled = pictures(check)
    for t in shrunk["texts"]:
        assert t["fontPx"] == pytest.approx(12 * shrunk["width"] / 1400, abs=0.05)
        assert t["fontPx"] < 11
    assert {round(t["fontPx"], 2) for p in (img, small, scrolled) for t in p["texts"]} == {12.0}


def test_contrast_on_a_box_and_on_the_dark_page(check):
    assert check.dark_theme == lab_driver.DARK and len(check.dark) == 4
    for p in check.dark:
        texts = {t["text"]: t for t in p["texts"]}
        assert texts["on a box"]["ratio"] == pytest.approx(9.10, abs=0.01)
        assert texts["on a box"]["background"] == BLUE
        assert texts["on nothing"]["behind"] == "page" and texts["on nothing"]["ratio"] < 1.5
