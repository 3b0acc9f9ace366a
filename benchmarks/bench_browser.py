"""Interaction latency in a real browser: a click on the backward stepper's Next, until its picture
changed on the page (JupyterLab in Debian's Chromium, lesson 06 run with Run All Cells; the click
goes to the kernel, which redraws and sends the new SVG back). Target: < 100 ms.

    python benchmarks/bench_browser.py            # 20 clicks on each stepper view
    python benchmarks/bench_browser.py --clicks 50

Needs what the browser tests need (tests/browser: Chromium at /usr/bin/chromium, the test extra);
prints the measured milliseconds, asserts nothing.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
import lab_driver  # noqa: E402
from lab_server import JupyterLab  # noqa: E402

LESSON = "06_instruments.ipynb"


def clicks(page, view, n):
    """``n`` clicks on Next (Prev back to step 1 whenever the last step is reached, not timed):
    milliseconds from each click to the picture's change, None where it did not change."""
    times = []
    lab_driver.to_first_step(page, view)
    for _ in range(n):
        state = lab_driver.stepper_state(page, view)
        if state["step"] == state["of"]:
            lab_driver.to_first_step(page, view)
        times.append(page.evaluate("([i, t]) => window.__agl.clickNext(i, t)", [view, lab_driver.NEXT_TIMEOUT_MS]))
        page.wait_for_timeout(50)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=20, help="clicks on Next per stepper view (default 20)")
    args = parser.parse_args()
    missing = lab_driver.missing_requirements()
    if missing:
        sys.exit("cannot run: " + "; ".join(missing))
    from playwright.sync_api import sync_playwright

    t0 = time.monotonic()
    with JupyterLab() as lab, sync_playwright() as p:
        browser = lab_driver.launch(p)
        page = lab_driver.open_lab(browser, lab)
        page.evaluate("(p) => window.__agl.open(p)", LESSON)
        page.wait_for_function("() => window.__agl.rendered()")
        page.evaluate("() => window.__agl.runAll()")
        page.wait_for_function("() => window.__agl.finished()", timeout=lab_driver.RUN_TIMEOUT_S * 1000, polling=250)
        page.wait_for_function("() => window.__agl.rendered()")
        page.wait_for_timeout(1000)
        views = page.evaluate("() => window.__agl.steppers()")
        print(f"JupyterLab {page.evaluate('() => window.jupyterapp.version')}, Chromium {browser.version}, "
              f"{LESSON} run in {time.monotonic() - t0:.1f} s (with JupyterLab's start); {len(views)} stepper views")
        for i, v in enumerate(views):
            times = clicks(page, i, args.clicks)
            done = [t for t in times if t is not None]
            line = f"stepper view {i + 1} (cell {v['cell']}): Next click -> picture changed, {len(done)} of {len(times)} clicks"
            if done:
                line += (f": median {statistics.median(done):.1f} ms, min {min(done):.1f} ms, max {max(done):.1f} ms"
                         f"   (target < 100 ms)")
            print(line)
        browser.close()


if __name__ == "__main__":
    main()
