"""The lessons in a real browser: JupyterLab in Chromium, 1440x900, the file browser open (an
output area about 1,000 px wide), each lesson opened fresh from a temporary copy, as a learner
who just downloaded it (not trusted), then run with Run > Run All Cells.

Each test asserts one goal of issue 17 on what ``lab_driver.measure_lesson`` measured; the
session's summary prints every figure, and $AUTOGRAD_LAB_BROWSER_OUT/measurements.json keeps
them with the screenshots. Run on its own:

    python -m pytest tests/browser            # about 2 minutes
"""
import base64
import io
import json

import pytest

import lab_driver

LESSONS = lab_driver.lesson_names()
WITH_STEPPER = [name for name in LESSONS if lab_driver.saved_steppers(name)]
MIN_TEXT_PX = 11
MIN_CONTRAST = 4.5  # WCAG AA, normal text


@pytest.fixture(scope="module", params=LESSONS)
def run(request, lesson_runs):
    return lesson_runs(request.param)


def ran(run, steps=("open", "render", "run all cells")):
    """The lesson was opened (and run); else the step that could not be done fails the test."""
    for step in ("measure", *steps):
        if step in run.failures:
            pytest.fail(f"{run.name}: could not {step}: {run.failures[step]}", pytrace=False)


def matplotlib_plot(name, cell):
    """Whether the lesson's saved output of that cell is a PNG that matplotlib wrote (a plot, not
    an autograd_lab picture, which always carries its SVG): its text sizes and width are measured
    on the figure itself by tests/test_lessons.py::test_the_lessons_plots_fit_the_column_with_text_of_12px_or_more."""
    from PIL import Image

    nb = json.loads((lab_driver.LESSONS / name).read_text(encoding="utf-8"))
    for output in nb["cells"][cell].get("outputs", []):
        png = output.get("data", {}).get("image/png")
        if png and "image/svg+xml" not in output["data"]:
            software = Image.open(io.BytesIO(base64.b64decode(png))).info.get("Software", "")
            return software.startswith("Matplotlib")
    return False


def where(p):
    return f"cell {p['cell']} ({p['kind']}{', opened fresh' if p.get('fresh') else ''})"


def test_a_fresh_lesson_shows_every_saved_picture(run):
    """Opened untrusted, each saved picture output (%%tracegraph, a widget's static picture) shows
    as a picture: an <img> with a nonzero natural size or an inline <svg>, not only its text."""
    ran(run, ("open", "render"))
    shown, total = run.fresh_counts()
    as_text = [f"cell {f['cell']} shows {f['shownAs']}: {f['text']!r}" for f in run.fresh if not f["visible"]]
    assert shown == total, (f"{run.name}: {shown} of {total} saved pictures show as pictures when the lesson is "
                            f"opened fresh (trusted: {run.trusted_when_opened}); the others show as text:\n  "
                            + "\n  ".join(as_text))


def test_run_all_cells_gives_no_error(run):
    ran(run)
    assert run.run_finished, f"{run.name}: Run All Cells did not finish in {lab_driver.RUN_TIMEOUT_S} s: {run.progress}"
    assert run.errors == [], f"{run.name}: error outputs after Run All Cells: {run.errors}"
    assert run.progress["kernel"] == "idle" and run.progress["run"] == run.progress["cells"], (
        f"{run.name}: after Run All Cells: {run.progress}")
    assert "dialog after running" not in run.failures, f"{run.name}: {run.failures['dialog after running']}"


def test_no_picture_is_wider_than_its_output_area(run):
    """Every picture, those shown when the lesson is opened fresh and those after Run All Cells."""
    ran(run)
    assert "measure pictures" not in run.failures, run.failures["measure pictures"]
    if run.fresh:
        assert run.pictures, f"{run.name}: {len(run.fresh)} pictures saved, none shown after Run All Cells"
    too_wide = [f"{where(p)}: {p['width']:.1f} px in an output area of {p['area']:.1f} px"
                + (" (scrolls sideways)" if p["scrolls"] else "")
                for p in run.shown() if p["width"] > p["area"] + 0.5 or p["scrolls"]]
    assert too_wide == [], f"{run.name}: pictures wider than their output area:\n  " + "\n  ".join(too_wide)
    assert not run.scrolls_sideways, f"{run.name}: the notebook scrolls sideways"


def test_the_smallest_text_in_a_picture_is_at_least_11px(run):
    """Every picture, fresh and after Run All Cells; a PNG's text is measured on the SVG of the
    same output (drawn from the same canvas, shown at the same size)."""
    ran(run)
    assert "measure pictures" not in run.failures, run.failures["measure pictures"]
    unmeasured = [f"{where(p)}: {p['note']}" for p in run.shown()
                  if p["note"] and not p["texts"] and not matplotlib_plot(run.name, p["cell"])]
    assert unmeasured == [], f"{run.name}: text size not measurable: {unmeasured}"
    small = sorted((t["fontPx"], where(p), t["text"]) for p in run.shown() for t in p["texts"]
                   if round(t["fontPx"], 2) < MIN_TEXT_PX)
    assert small == [], (f"{run.name}: {len(small)} texts in pictures render below {MIN_TEXT_PX} px; smallest: "
                         + "; ".join(f"{px:.1f} px in {w}: {text!r}" for px, w, text in small[:8]))


def test_picture_text_is_readable_on_the_dark_theme(run):
    """JupyterLab Dark: the WCAG contrast between each text's colour and what is behind it (its box,
    or the page behind a transparent picture) is at least 4.5:1."""
    ran(run)
    assert "dark theme" not in run.failures, run.failures["dark theme"]
    assert run.dark_theme == lab_driver.DARK, f"the theme did not change: {run.dark_theme}"
    if run.pictures:
        assert run.dark, f"{run.name}: no picture measured in the dark theme ({run.failures})"
    low = sorted((t["ratio"], where(p), t["text"], t["color"], t["background"], t["behind"])
                 for p in run.dark for t in p["texts"] if t["ratio"] is not None and round(t["ratio"], 2) < MIN_CONTRAST)
    assert low == [], (f"{run.name}: {len(low)} texts below {MIN_CONTRAST}:1 on JupyterLab Dark; lowest: "
                       + "; ".join(f"{r:.2f}:1 {w} {text!r} ({color} on {bg}, behind it: {behind})"
                                   for r, w, text, color, bg, behind in low[:8]))


@pytest.fixture(scope="module", params=WITH_STEPPER)
def stepper_run(request, lesson_runs):
    run = lesson_runs(request.param)
    ran(run)
    expected = lab_driver.saved_steppers(request.param)
    assert len(run.steppers) == len(expected), (
        f"{run.name} shows a BackwardStepper in cells {expected}; found {len(run.steppers)} live stepper views "
        f"(a Next button and a Play control) after Run All Cells: {run.steppers}")
    return run


def test_the_steppers_play_reaches_the_last_step(stepper_run):
    """In every view of the stepper (lesson 06 shows the same stepper twice), Play from step 1
    moves the picture on, step by step, to the last step."""
    failed = [f"view {v['view'] + 1} (cell {v['cell']}, {v['play']}): "
              + (v["play_error"] if "play_error" in v else
                 f"steps seen {v['play_steps_seen']}, stopped at {v['play_reached']} of {v['n_steps']}")
              for v in stepper_run.steppers if "play_error" in v or v["play_reached"] != v["n_steps"]]
    assert failed == [], f"{stepper_run.name}: Play did not reach the last step:\n  " + "\n  ".join(failed)


def test_a_click_on_next_changes_the_steppers_picture(stepper_run):
    failed = [f"view {v['view'] + 1} (cell {v['cell']}): "
              + (v["next_error"] if "next_error" in v else
                 f"step {v['next_from']} -> {v['next_to']}, picture changed: {v['next_changed_picture']}")
              for v in stepper_run.steppers
              if "next_error" in v or not v["next_changed_picture"] or v["next_to"] != v["next_from"] + 1]
    assert failed == [], f"{stepper_run.name}: Next did not move the picture one step:\n  " + "\n  ".join(failed)
