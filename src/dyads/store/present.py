"""Query results for people and programs: rich tables, CSV and JSON from the DataFrames of
`CorpusStore`. Cells holding dicts or lists become JSON in CSV, compact text in tables."""
from __future__ import annotations

import io
import json
import math
from typing import Any

import pandas as pd

# the columns a table shows (JSON and CSV keep every column)
TABLE_COLUMNS = {
    "documents": ["doc_id", "day", "outlet", "title", "actors", "events"],
    "actors": ["name", "type", "articles", "mentions", "kb_id", "names"],
    "events": ["date", "outlet", "category", "source", "target", "claimed_by", "voice", "trigger", "modality", "negated"],
    "quotes": ["date", "outlet", "speaker", "cue", "text"],
    "quantities": ["date", "outlet", "subject", "text", "unit", "counts", "claimed_by"],
    "network": ["source", "target", "weight", "reports", "by_source", "by_target", "articles", "polarity", "positive", "negative",
                "first", "last", "categories", "voices", "outlets"],
    "camps": ["camp", "name", "type", "opposes", "degree", "strength"],
    "disagreements": ["kind", "topic", "outlet", "speaker", "claim", "docs"],
    "incidents": ["date", "category", "source", "target", "place", "articles", "outlets", "reports", "disputed",
                  "fatalities_low", "fatalities_high", "incident_id"],
    "search": ["date", "outlet", "title", "score", "snippet"],
}


def plain(v: Any) -> Any:
    """A cell as plain JSON-able Python: NaN, inf and NA -> None, numpy scalars and arrays unwrapped."""
    if v is None:
        return None
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):  # numpy arrays and scalars
        return plain(v.tolist())
    if isinstance(v, float) and not math.isfinite(v):  # NaN, and inf (never valid JSON)
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    return v


def records(df: pd.DataFrame) -> list[dict]:
    cols = list(df.columns)
    return [{c: plain(v) for c, v in zip(cols, row)} for row in df.itertuples(index=False, name=None)]


def to_json(df: pd.DataFrame, what: str = "") -> str:
    """A JSON array of rows; camps add their frustration: {"camps": [...], "frustration", ...}."""
    rows = records(df)
    if what == "camps":
        return json.dumps({"camps": rows, **plain(dict(df.attrs))}, ensure_ascii=False, indent=2, default=str)
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str)


def to_csv(df: pd.DataFrame) -> str:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object:
            out[c] = [json.dumps(plain(v), ensure_ascii=False, default=str) if isinstance(v, (dict, list, tuple))
                      or hasattr(v, "tolist") else v for v in out[c]]
    buf = io.StringIO()
    out.to_csv(buf, index=False)
    return buf.getvalue()


def _cell(v: Any) -> str:
    v = plain(v)
    if v is None:
        return ""
    if isinstance(v, dict):
        parts = []
        for k, x in list(v.items())[:6]:
            parts.append(f"{k} {x['weight'] if isinstance(x, dict) and 'weight' in x else x}")
        return ", ".join(parts) + (", …" if len(v) > 6 else "")
    if isinstance(v, list):
        return ", ".join(str(x) for x in v[:6]) + (", …" if len(v) > 6 else "")
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def print_frame(df: pd.DataFrame, what: str, console) -> None:
    """A rich table of the columns people read (every text escaped, so '[...]' prints as is)."""
    from rich.markup import escape
    from rich.table import Table

    cols = [c for c in TABLE_COLUMNS.get(what, list(df.columns)) if c in df.columns]
    if what == "camps" and not df.empty:
        df = df.copy()
        df["camp"] = ["unaligned" if c < 0 else f"camp {c}" for c in df["camp"]]
        df["opposes"] = [", ".join(f"camp {k}" for k in (v if v is not None else [])) for v in df["opposes"]]
    table = Table(title=f"{what} ({len(df)})", show_lines=False)
    for c in cols:
        table.add_column(escape(c), overflow="fold", justify="right" if pd.api.types.is_numeric_dtype(df[c]) else "left")
    for row in df[cols].itertuples(index=False, name=None):
        table.add_row(*(escape(_cell(v)) for v in row))
    console.print(table)
    if what == "camps" and df.attrs:
        a = df.attrs
        for o in a.get("oppositions", []):
            console.print(escape(f"camp {o['camp']} opposes camp {o['opposes']} (conflictual ties {o['conflict']:g}, "
                                 f"cooperative {o['cooperation']:g})"), highlight=False)
        if a.get("alone"):
            rivals = a.get("rivals") or {}
            console.print(escape("unaligned, alone on their side of a conflict: " + ", ".join(
                str(n) + (f" (opposes {', '.join(map(str, rivals[n]))})" if rivals.get(n) else "") for n in a["alone"])),
                highlight=False)
        console.print(escape(f"frustration {a.get('frustration', 0):g} ({'optimal' if a.get('exact') else 'heuristic'}), "
                             f"{len(a.get('frustrated_edges', []))} frustrated edges"), highlight=False)
        for e in a.get("frustrated_edges", [])[:10]:
            kind = "alliance across camps" if e["sign"] > 0 else "enmity within a camp"
            console.print(escape(f"  {e['u']} – {e['v']}: {kind} ({e['weight']:g})"), highlight=False)
