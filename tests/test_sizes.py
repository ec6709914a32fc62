"""Issue 12: no module in src/dyads over ~500 lines, no function over ~80 (tools/sizes.py).

ALLOWED names what cannot be split yet, each with its reason; an entry that is back under the
limit must be dropped (the test says so), so the list only shrinks.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "tools" / "sizes.py").exists())
sys.path.insert(0, str(ROOT / "tools"))

import sizes  # noqa: E402

ALLOWED = {
    # none: coref.py and quotes.py were split by concern (issue 12); add a module here only with a reason
}


def _over(src: Path) -> dict[str, int]:
    out = {k: n for k, n in sizes.module_sizes(src).items() if n > sizes.LIMIT_MODULE}
    out.update({k: n for k, n in sizes.function_sizes(src).items() if n > sizes.LIMIT_FUNCTION})
    return out


@pytest.fixture(scope="module")
def over() -> dict[str, int]:
    """What is over the limits in src/dyads, read once for the tests below."""
    return _over(sizes.SRC)


def test_no_module_or_function_over_the_limits(over):
    unexpected = {k: n for k, n in over.items() if k not in ALLOWED}
    assert not unexpected, f"over {sizes.LIMIT_MODULE} lines a module / {sizes.LIMIT_FUNCTION} a function: {unexpected}"


def test_allow_list_only_names_what_is_still_over(over):
    stale = sorted(k for k in ALLOWED if k not in over)
    assert not stale, f"back under the limits, drop from ALLOWED: {stale}"


def test_checker_counts_modules_and_nested_functions(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    body = "".join(f"        x{i} = {i}\n" for i in range(sizes.LIMIT_FUNCTION))
    (pkg / "big.py").write_text("class K:\n    def m(self):\n" + body + "\n" * sizes.LIMIT_MODULE, encoding="utf-8")
    (pkg / "small.py").write_text("def f():\n    return 1\n", encoding="utf-8")
    over = _over(pkg)
    assert "big.py" in over and over["big.py"] > sizes.LIMIT_MODULE
    assert over.get("big.py:K.m") == sizes.LIMIT_FUNCTION + 1  # def line + the body
    assert not any(k.startswith("small.py") for k in over)
