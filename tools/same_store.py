"""Do two corpus stores hold the same analysis? Compares every document table and the failures
row by row (as multisets), leaving out what differs between any two runs: run ids and times.

    python tools/same_store.py before.duckdb after.duckdb      # exit 0 when identical, 1 when not

Prints, per table, the rows of each store and how many of each are missing from the other.
"""
from __future__ import annotations

import argparse
import sys

import duckdb

from dyads.store.schema import DOCUMENT_TABLES, TABLES

VOLATILE = {"run_id", "stored_at", "failed_at"}


def compared_columns(con, table: str) -> list[str]:
    cols = [c for c, _ in TABLES[table]] if table in TABLES else [
        r[0] for r in con.execute(f"DESCRIBE a.{table}").fetchall()]
    return [c for c in cols if c not in VOLATILE]


def compare(a: str, b: str, tables: list[str]) -> list[tuple[str, int, int, int, int]]:
    """(table, rows in a, rows in b, rows of a not in b, rows of b not in a) per table."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
    out = []
    for t in tables:
        cols = ", ".join(f'"{c}"' for c in compared_columns(con, t))
        na = con.execute(f"SELECT count(*) FROM a.{t}").fetchone()[0]
        nb = con.execute(f"SELECT count(*) FROM b.{t}").fetchone()[0]
        only_a = con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM a.{t} EXCEPT ALL SELECT {cols} FROM b.{t})").fetchone()[0]
        only_b = con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM b.{t} EXCEPT ALL SELECT {cols} FROM a.{t})").fetchone()[0]
        out.append((t, na, nb, only_a, only_b))
    con.close()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a")
    ap.add_argument("b")
    args = ap.parse_args(argv)
    rows = compare(args.a, args.b, list(DOCUMENT_TABLES) + ["failures"])
    same = True
    for t, na, nb, only_a, only_b in rows:
        same = same and not only_a and not only_b
        print(f"{t:16} {na:8} {nb:8}   only in a: {only_a:6}   only in b: {only_b:6}")
    print("identical" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
