"""Modules over LIMIT_MODULE lines and functions over LIMIT_FUNCTION lines in src/dyads.

    python tools/sizes.py            # print every one over the limits (exit 1 when any)
    python tools/sizes.py --all      # also print the 20 largest modules and functions
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "dyads"
LIMIT_MODULE = 500
LIMIT_FUNCTION = 80


def module_sizes(src: Path = SRC) -> dict[str, int]:
    """Lines of each module, keyed by its path relative to src/dyads."""
    return {p.relative_to(src).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
            for p in sorted(src.rglob("*.py"))}


def function_sizes(src: Path = SRC) -> dict[str, int]:
    """Lines of each function or method (decorators excluded), keyed `path:qualified.name`."""
    out: dict[str, int] = {}
    for path in sorted(src.rglob("*.py")):
        rel = path.relative_to(src).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

        def walk(node: ast.AST, prefix: str) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    name = prefix + child.name
                    out[f"{rel}:{name}"] = child.end_lineno - child.lineno + 1
                    walk(child, name + ".")
                elif isinstance(child, ast.ClassDef):
                    walk(child, prefix + child.name + ".")
                else:
                    walk(child, prefix)

        walk(tree, "")
    return out


def over_limits(src: Path = SRC) -> list[str]:
    rows = [f"module   {n:5d}  {k}" for k, n in module_sizes(src).items() if n > LIMIT_MODULE]
    rows += [f"function {n:5d}  {k}" for k, n in function_sizes(src).items() if n > LIMIT_FUNCTION]
    return rows


def main(argv: list[str]) -> int:
    rows = over_limits()
    for row in rows:
        print(row)
    if "--all" in argv:
        for title, sizes in (("modules", module_sizes()), ("functions", function_sizes())):
            print(f"-- largest {title}")
            for k, n in sorted(sizes.items(), key=lambda kv: -kv[1])[:20]:
                print(f"{n:5d}  {k}")
    return 1 if rows else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
