"""The "launch binder" badge that opens lesson 01 in JupyterLab on mybinder.org, written into
README.md and lessons/README.md from the repository address in pyproject.toml ([project.urls]
Repository), the one place it is kept.

    python scripts/binder_badge.py          # print the badge
    python scripts/binder_badge.py --write  # put it into both READMEs, between the badge markers
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_LESSON = "lessons/01_tensors_that_remember.ipynb"
# Where the badge goes in each README: the line after this marker.
MARKER = "<!-- binder badge: written by scripts/binder_badge.py from pyproject.toml's Repository -->"
READMES = [ROOT / "README.md", ROOT / "lessons" / "README.md"]


def repository():
    """The GitHub address in pyproject.toml, as (owner, name)."""
    text = (ROOT / "pyproject.toml").read_text()
    url = re.search(r'^Repository = "https://github\.com/([^/"]+)/([^/"]+?)(?:\.git)?"', text, re.M)
    if not url:
        raise SystemExit('pyproject.toml needs [project.urls] Repository = "https://github.com/OWNER/NAME"')
    return url.group(1), url.group(2)


def binder_url():
    owner, name = repository()
    return f"https://mybinder.org/v2/gh/{owner}/{name}/HEAD?urlpath=lab/tree/{FIRST_LESSON}"


def badge():
    return f"[![Open lesson 01 on Binder](https://mybinder.org/badge_logo.svg)]({binder_url()})"


def with_badge(text):
    """``text`` (a README) with the line after the marker replaced by the badge."""
    if MARKER not in text:
        raise SystemExit(f"no badge marker in a README: add the line {MARKER}")
    return re.sub(re.escape(MARKER) + r"\n[^\n]*", lambda m: MARKER + "\n" + badge(), text)


def main(argv):
    if argv == ["--write"]:
        for path in READMES:
            path.write_text(with_badge(path.read_text()))
    elif argv:
        raise SystemExit(__doc__)
    else:
        print(badge())


if __name__ == "__main__":
    main(sys.argv[1:])
