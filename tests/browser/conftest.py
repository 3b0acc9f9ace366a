"""The browser suite's fixtures: one JupyterLab server (a temporary copy of lessons/, Jupyter's
folders and HOME isolated) and one headless Chromium page per test module (stopped when the
module is done, not left running through the rest of the suite), and each lesson measured once
(``lesson_runs``), its tests asserting on what was measured.

Without Chromium, Playwright or JupyterLab the tests are skipped, saying which is missing; with
AUTOGRAD_LAB_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead. Screenshots and
measurements.json go to $AUTOGRAD_LAB_BROWSER_OUT (default: <temp dir>/autograd_lab_browser).
"""
import os
import tempfile
import time
from pathlib import Path

import pytest

import lab_driver

OUT = Path(os.environ.get("AUTOGRAD_LAB_BROWSER_OUT") or Path(tempfile.gettempdir()) / "autograd_lab_browser")
_RUNS = {}          # lesson name -> LessonRun, in the order measured
_SESSION = {}       # what the terminal summary reports about the set-up


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_requirements():
    missing = lab_driver.missing_requirements()
    if missing:
        reason = "browser suite cannot run: " + "; ".join(missing)
        if os.environ.get("AUTOGRAD_LAB_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (AUTOGRAD_LAB_REQUIRE_BROWSER=1: required here)", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def out_dir():
    """Where screenshots and measurements.json go (the screenshots of an earlier run removed)."""
    lab_driver.clean_folder(OUT / "screenshots")
    return OUT


@pytest.fixture(scope="module")
def lab(browser_requirements):
    from lab_server import JupyterLab

    server = JupyterLab()
    t0 = time.monotonic()
    server.start()
    _SESSION.setdefault("server_start_s", round(time.monotonic() - t0, 1))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = lab_driver.launch(p)
        _SESSION["chromium"] = browser.version
        t0 = time.monotonic()
        pg = lab_driver.open_lab(browser, lab)
        _SESSION.setdefault("page_load_s", round(time.monotonic() - t0, 1))
        _SESSION["jupyterlab"] = pg.evaluate("() => window.jupyterapp.version")
        try:
            yield pg
        finally:
            browser.close()


@pytest.fixture(scope="module")
def lesson_runs(page, out_dir):
    """``lesson_runs(name)``: the lesson measured (once per session)."""
    screenshots = out_dir / "screenshots"

    def get(name):
        if name not in _RUNS:
            t0 = time.monotonic()
            _RUNS[name] = lab_driver.measure_lesson(page, name, screenshots)
            _RUNS[name].seconds = round(time.monotonic() - t0, 1)
            lab_driver.write_report(_RUNS.values(), out_dir)
        return _RUNS[name]

    return get


def pytest_terminal_summary(terminalreporter):
    if not _RUNS:
        return
    w = terminalreporter.write_line
    terminalreporter.section("browser suite: what each lesson measured")
    areas = sorted({round(p["area"]) for r in _RUNS.values() for p in r.pictures})
    w(f"JupyterLab {_SESSION.get('jupyterlab')}, Chromium {_SESSION.get('chromium')}, viewport "
      f"{lab_driver.VIEWPORT['width']}x{lab_driver.VIEWPORT['height']}, file browser open; a picture's output "
      f"area: {' / '.join(map(str, areas)) or '?'} px wide; JupyterLab started in {_SESSION.get('server_start_s')} s, "
      f"first page {_SESSION.get('page_load_s')} s")
    w(f"{'lesson':<42} {'fresh pics':>10} {'run':>6} {'errors':>6} {'widest / area px':>17} "
      f"{'min text px':>11} {'dark contrast':>13} {'time':>6}")
    for r in _RUNS.values():
        shown, total = r.fresh_counts()
        widest = r.widest()
        text = r.smallest_text()
        dark = r.lowest_contrast()
        w(f"{r.name:<42} {f'{shown}/{total}':>10} {f'{r.run_seconds}s' if r.run_finished else 'NOT DONE':>6} "
          f"{len(r.errors):>6} {f'{widest[0]:.0f} / {widest[1]:.0f}' if widest else '-':>17} "
          f"{f'{text[0]:.1f}' if text else '-':>11} {f'{dark[0]:.2f}' if dark else '-':>13} "
          f"{getattr(r, 'seconds', 0):>5}s")
        for v in r.steppers:
            w(f"    stepper view {v['view'] + 1} (cell {v['cell']}, {v.get('play')}): Play "
              f"{v.get('play_steps_seen', v.get('play_error'))} of {v.get('n_steps')}; Next "
              f"{v.get('next_from')} -> {v.get('next_to')}, picture changed: {v.get('next_changed_picture')}"
              f" ({v.get('next_ms')} ms){'; ' + v['next_error'] if 'next_error' in v else ''}")
        for step, error in r.failures.items():
            w(f"    {step}: {error[:300]}")
    if lab_driver.lesson_names() != [n for n in _RUNS if n in lab_driver.lesson_names()]:
        w("(not every lesson was measured in this session)")
    w(f"screenshots and measurements.json: {OUT}   (zz_measure_check.ipynb: test_measures.py's known answers)")
