"""Drive JupyterLab in Chromium through Playwright and measure each lesson the way a learner sees
it. The tests (test_lessons_in_browser.py) assert on what ``measure_lesson`` returns; the
benchmark (benchmarks/bench_browser.py) reuses ``open_lab`` and the stepper helpers.

Nothing here downloads a browser: Chromium is Debian's (/usr/bin/chromium, or
AUTOGRAD_LAB_CHROMIUM), launched by path.
"""
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LESSONS = HERE.parents[1] / "lessons"
MEASURE_JS = (HERE / "measure.js").read_text()

CHROMIUM = os.environ.get("AUTOGRAD_LAB_CHROMIUM", "/usr/bin/chromium")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")  # (launching by path never downloads anyway)
# No sandbox as root; nothing on this machine reaches the internet, so nothing should try.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1440, "height": 900}
LIGHT, DARK = "JupyterLab Light", "JupyterLab Dark"
RUN_TIMEOUT_S = 240      # one lesson's "Run All Cells"
PLAY_MARGIN_S = 15       # beyond the Play widget's own interval x steps
NEXT_TIMEOUT_MS = 10_000

# The pictures the README will show, taken light and dark: (lesson, cell index, name).
SCREENSHOTS = [("05_seeing_the_graph.ipynb", 5, "05_graph"), ("06_instruments.ipynb", 6, "06_stepper")]


def lesson_names():
    return sorted(p.name for p in LESSONS.glob("[0-9][0-9]_*.ipynb"))


def saved_outputs(name):
    """The outputs saved in lesson ``name``: [(cell index, output)] for the code cells."""
    nb = json.loads((LESSONS / name).read_text(encoding="utf-8"))
    return [(i, out) for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"
            for out in cell.get("outputs", [])]


def saved_steppers(name):
    """Cells of lesson ``name`` whose saved output is a BackwardStepper (its text/plain says so)."""
    return [i for i, out in saved_outputs(name)
            if "".join(out.get("data", {}).get("text/plain", "")).startswith("<BackwardStepper")]


def missing_requirements():
    """Why the browser suite cannot run here (a list of reasons; empty when it can)."""
    reasons = []
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        reasons.append(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    for module, extra in (("playwright", "pip's playwright, in the test extra"), ("jupyterlab", "the test extra")):
        try:
            __import__(module)
        except ImportError:
            reasons.append(f"Python package {module} is not installed ({extra})")
    return reasons


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def open_lab(browser, lab):
    """A page with JupyterLab loaded (file browser open, as it starts by default)."""
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(60_000)
    page.goto(lab.url(""))
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=120_000)
    page.evaluate("() => window.jupyterapp.restored")
    page.evaluate(MEASURE_JS)
    return page


@dataclass
class LessonRun:
    """What one lesson measured; ``failures`` holds a step that could not be done (its error)."""
    name: str
    output_area: dict = None                      # {"box": px, "content": px} of an output area
    fresh: list = field(default_factory=list)     # per saved picture output: visible or not
    fresh_pictures: list = field(default_factory=list)  # the pictures shown then, measured
    trusted_when_opened: bool = None
    run_seconds: float = None
    run_finished: bool = None
    progress: dict = None
    errors: list = field(default_factory=list)
    stderr: list = field(default_factory=list)
    pictures: list = field(default_factory=list)  # light theme, after Run All
    scrolls_sideways: bool = None
    dark: list = field(default_factory=list)      # the same pictures in JupyterLab Dark
    dark_theme: str = None
    steppers: list = field(default_factory=list)  # per stepper view: Play and Next
    screenshots: list = field(default_factory=list)
    failures: dict = field(default_factory=dict)
    seconds: float = None                         # the whole lesson, open to close

    # -- summaries the tests and the report use --
    def fresh_counts(self):
        return sum(1 for f in self.fresh if f["visible"]), len(self.fresh)

    def shown(self):
        """Every picture measured in the light theme: those shown when the lesson was opened
        (marked ``fresh``), then those after Run All Cells."""
        return [dict(p, fresh=True) for p in self.fresh_pictures] + [dict(p, fresh=False) for p in self.pictures]

    def widest(self):
        """The picture that overflows most: (width, area width, picture) or None."""
        if not self.shown():
            return None
        p = max(self.shown(), key=lambda p: p["width"] - p["area"])
        return p["width"], p["area"], p

    def smallest_text(self):
        texts = [(t["fontPx"], t, p) for p in self.shown() for t in p["texts"]]
        return min(texts, key=lambda x: x[0]) if texts else None

    def lowest_contrast(self):
        texts = [(t["ratio"], t, p) for p in self.dark for t in p["texts"] if t["ratio"] is not None]
        return min(texts, key=lambda x: x[0]) if texts else None

    def as_json(self):
        return dict(self.__dict__)


def _step(run, name, fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001: the step's error is what the test reports
        run.failures[name] = f"{type(e).__name__}: {e}"
        return None


def _dialogs(page, run, step):
    texts = page.evaluate("() => window.__agl.dialogs()")
    if texts:
        run.failures[step] = " | ".join(texts)


def set_theme(page, theme):
    page.evaluate("(t) => window.__agl.theme(t)", theme)
    page.wait_for_function("(t) => document.body.dataset.jpThemeName === t", arg=theme, timeout=30_000)
    page.wait_for_timeout(800)  # the theme's stylesheet applied and laid out


def measure_lesson(page, name, screenshots_dir=None):
    """Open lesson ``name`` fresh, look at its saved pictures, run all its cells, measure the
    pictures light and dark, then play with any stepper. Returns a ``LessonRun``; what could not
    be done is in its ``failures`` (the step's name and error), never raised."""
    run = LessonRun(name)
    try:
        _measure(page, run, screenshots_dir)
    except Exception as e:  # noqa: BLE001: reported by every test of the lesson
        run.failures["measure"] = f"{type(e).__name__}: {e}"
    finally:
        _step(run, "close", lambda: page.evaluate("() => window.__agl.close()"))
    return run


def _measure(page, run, screenshots_dir):
    name = run.name
    if _step(run, "open", lambda: page.evaluate("(p) => window.__agl.open(p)", name)) is None:
        return
    _step(run, "render", lambda: page.wait_for_function("() => window.__agl.rendered()", timeout=60_000))
    page.wait_for_timeout(500)
    _dialogs(page, run, "dialog on opening")
    run.trusted_when_opened = page.evaluate("() => window.__agl.trusted()")
    run.output_area = page.evaluate("() => window.__agl.outputAreaWidth()")
    run.fresh = page.evaluate("() => window.__agl.fresh()")
    run.fresh_pictures = _step(run, "measure fresh pictures", lambda: page.evaluate("() => window.__agl.pictures()")) or []

    t0 = time.monotonic()
    if _step(run, "run all cells", lambda: page.evaluate("() => window.__agl.runAll()")) is None:
        return
    finished = _step(run, "run all cells", lambda: page.wait_for_function(
        "() => window.__agl.finished()", timeout=RUN_TIMEOUT_S * 1000, polling=250))
    run.run_seconds = round(time.monotonic() - t0, 1)
    run.run_finished = finished is not None
    run.progress = page.evaluate("() => window.__agl.progress()")
    _step(run, "render after run", lambda: page.wait_for_function("() => window.__agl.rendered()", timeout=60_000))
    page.wait_for_timeout(1000)  # widgets draw their first picture after their views render
    _dialogs(page, run, "dialog after running")
    run.errors = page.evaluate("() => window.__agl.errors()")
    run.stderr = page.evaluate("() => window.__agl.stderr()")
    run.output_area = page.evaluate("() => window.__agl.outputAreaWidth()") or run.output_area
    run.pictures = _step(run, "measure pictures", lambda: page.evaluate("() => window.__agl.pictures()")) or []
    run.scrolls_sideways = page.evaluate("() => window.__agl.notebookScrollsSideways()")
    shots = [(cell, shot) for lesson, cell, shot in SCREENSHOTS if lesson == name]
    _screenshots(page, run, shots, screenshots_dir, "light")

    _step(run, "dark theme", lambda: set_theme(page, DARK))
    if "dark theme" not in run.failures:
        run.dark_theme = page.evaluate("() => window.__agl.themeName()")
        run.dark = _step(run, "measure pictures (dark)", lambda: page.evaluate("() => window.__agl.pictures()")) or []
        _screenshots(page, run, shots, screenshots_dir, "dark")
    _step(run, "light theme", lambda: set_theme(page, LIGHT))

    n_views = page.evaluate("() => window.__agl.steppers().length")
    for i in range(n_views):
        run.steppers.append(_stepper(page, i))


def _screenshots(page, run, shots, folder, theme):
    """For each (cell, name): the cell's outputs (``{theme}_{name}.png``; the window is made as tall
    as they are, its width unchanged, so the whole picture is in it) and the 1440x900 window
    scrolled to the cell (``{theme}_{name}_window.png``)."""
    if not folder or not shots:
        return
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for cell, shot in shots:
        def take():
            outputs = page.locator(".jp-Notebook .jp-Cell").nth(cell).locator(".jp-OutputArea")
            height = outputs.bounding_box()["height"]
            try:
                if height > VIEWPORT["height"] - 200:
                    page.set_viewport_size({"width": VIEWPORT["width"], "height": int(height) + 400})
                    page.wait_for_timeout(300)
                page.evaluate("(c) => window.__agl.scrollTo(c)", cell)
                page.wait_for_timeout(300)
                element = folder / f"{theme}_{shot}.png"
                outputs.screenshot(path=str(element))
            finally:
                page.set_viewport_size(VIEWPORT)
            page.evaluate("(c) => window.__agl.scrollTo(c)", cell)
            page.wait_for_timeout(300)
            screen = folder / f"{theme}_{shot}_window.png"
            page.screenshot(path=str(screen))
            run.screenshots += [str(element), str(screen)]
        _step(run, f"screenshot {theme} {shot}", take)


def stepper_state(page, i):
    return page.evaluate("(i) => window.__agl.stepperState(i)", i)


def to_first_step(page, i):
    """Click Prev until stepper view ``i`` shows step 1."""
    for _ in range(100):
        state = stepper_state(page, i)
        if state["step"] == 1:
            return state
        if state["step"] is None:
            raise AssertionError(f"the stepper's picture says no 'step k of n': {str(state['svgText'])[:200]!r}")
        page.evaluate("(i) => window.__agl.clickPrev(i)", i)
        page.wait_for_function("([i, k]) => window.__agl.stepperState(i).step !== k", arg=[i, state["step"]],
                               timeout=10_000)
    raise AssertionError("Prev did not bring the stepper to step 1")


def _stepper(page, i):
    """On stepper view ``i``: from step 1, Play, and watch the picture until it shows the last step
    (or stops moving); then from step 1, one click on Next."""
    view = dict(page.evaluate("() => window.__agl.steppers()")[i], view=i)
    try:
        start = to_first_step(page, i)
        view["n_steps"] = start["of"]
        page.evaluate("(i) => window.__agl.clickPlay(i)", i)
        deadline = time.monotonic() + 0.9 * (start["of"] or 10) + PLAY_MARGIN_S
        seen, last_change = [start["step"]], time.monotonic()
        while time.monotonic() < deadline:
            s = stepper_state(page, i)
            if s["step"] != seen[-1]:
                seen.append(s["step"])
                last_change = time.monotonic()
            if s["step"] == s["of"] or time.monotonic() - last_change > 6:  # done, or stopped
                break
            page.wait_for_timeout(100)
        end = stepper_state(page, i)
        view["play_steps_seen"] = seen
        view["play_reached"] = end["step"]
        view["play_slider"] = end["slider"]
    except Exception as e:  # noqa: BLE001: reported by the test
        view["play_error"] = f"{type(e).__name__}: {e}"
    try:
        page.wait_for_timeout(1200)  # a Play still running has stopped
        before = to_first_step(page, i)
        ms = page.evaluate("([i, t]) => window.__agl.clickNext(i, t)", [i, NEXT_TIMEOUT_MS])
        page.wait_for_timeout(200)
        after = stepper_state(page, i)
        view["next_from"] = before["step"]
        view["next_to"] = after["step"]
        view["next_changed_picture"] = before["svgText"] is not None and before["svgText"] != after["svgText"]
        view["next_ms"] = None if ms is None else round(ms, 1)
    except Exception as e:  # noqa: BLE001
        view["next_error"] = f"{type(e).__name__}: {e}"
    return view


def write_report(runs, folder):
    """measurements.json beside the screenshots."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "measurements.json"
    path.write_text(json.dumps({r.name: r.as_json() for r in runs}, indent=1, default=str))
    return path


def clean_folder(folder):
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder
