"""The tables analysts load into R, Stata and Excel: what `dyads export` selects of each stored
table, and the Stata (.dta) writer.

    select_sql(con, "events", lists="json")     # the SELECT an export of a table streams
    write_dta(frame, "events.dta", "events")    # a DataFrame as a Stata 14+ file

What an export adds to the stored rows: events carry the CAMEO actor codes of their two ends
(`source_cameo`, `target_cameo`: the contract's `codes.cameo` of the article actors, stored in
`actors.cameo`, filled where the knowledge base has one: PETRARCH2's dictionaries and the
curated actors), after the stored columns so readers by position are not disturbed.

List columns (`actors.aliases`, `relations.events`) stay lists in Parquet and JSON Lines, become
JSON arrays in CSV, and ';'-joined strings in Stata (which has no lists).

Stata's limits, and what the writer does about each (format 118, Stata 14 or later, UTF-8):
- a variable name has at most 32 characters, letters, digits and '_', not starting with a
  digit, and is no reserved word (`end`, `in`, `long`, ...): names that break a rule are made
  legal (a reserved word gets a trailing '_': `end` -> `end_`) and the original name is kept
  as the variable's label;
- a string variable holds at most 2045 bytes: a column with a longer value is written as strL
  (Stata's long strings: the documents' text and contract JSON);
- there is no missing string: a null string is "" (Stata's own convention);
- no nested values: lists are ';'-joined (an alias holding ';' cannot be told apart; read the
  Parquet file when that matters), dicts JSON;
- timestamps are Stata datetimes (%tc); dates stored as ISO strings (an event's `date`, an
  article's `date`) stay strings, since they may be partial ("2014", "2014-03"): Stata's
  `date(x, "YMD")` reads the full ones;
- nullable integers and booleans with a missing value become doubles (Stata's missing `.`).
A .dta file is written whole, from a DataFrame in memory: unlike the other formats, the table
does not stream (export the documents table, whose text is the bulk, to Parquet on a corpus
too big for memory).
"""
from __future__ import annotations

import json
import re
from typing import Optional

import pandas as pd

STATA_VERSION = 118          # Stata 14+: UTF-8 and strL
STATA_NAME_MAX = 32          # characters of a variable name
STATA_STR_MAX = 2045         # bytes of a str# variable; longer: strL
STATA_LABEL_MAX = 80         # characters of a variable or data label
LIST_SEPARATOR = ";"

# Stata's reserved words (Stata manual, [U] 11.3), which no variable may be named
STATA_RESERVED = frozenset("""
_all _b byte _coef _cons double float if in int long _n _N _pi _pred _rc _se _skip str strL using
with aggregate array boolean break case catch class colvector complex const continue default
delegate delete do else eltypedef end enum explicit export external for friend function global goto
inline local NULL pragma protected quad rowvector short typedef typename virtual
""".split())

# columns an export adds to a stored table: table -> [(name, SQL over the table aliased `x`)]
ADDED = {
    "events": [
        ("source_cameo", "(SELECT a.cameo FROM actors a WHERE a.doc_id = x.doc_id AND a.actor_id = x.source LIMIT 1)"),
        ("target_cameo", "(SELECT a.cameo FROM actors a WHERE a.doc_id = x.doc_id AND a.actor_id = x.target LIMIT 1)"),
    ],
}


def select_sql(con, table: str, lists: str = "keep") -> str:
    """The SELECT an export of `table` (a checked table name) reads: every stored column, list
    columns kept (`lists="keep"`), as JSON arrays ("json") or ';'-joined ("join"), then the
    columns of ADDED."""
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {table})").fetchall())
    cols = [c[0] for c in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
    out = []
    for c in cols:
        q = f'x."{c}"'
        if types.get(c, "").endswith("[]") and lists == "json":
            q = f'to_json({q})::VARCHAR'
        elif types.get(c, "").endswith("[]") and lists == "join":
            q = f"array_to_string({q}, '{LIST_SEPARATOR}')"
        out.append(f'{q} AS "{c}"')
    out += [f'{sql} AS "{name}"' for name, sql in ADDED.get(table, [])]
    return f"SELECT {', '.join(out)} FROM {table} x"


# ---------------------------------------------------------------- Stata

def stata_names(columns) -> dict[str, str]:
    """Column -> a legal, unique Stata variable name (the column itself when it is one)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for c in columns:
        name = re.sub(r"\W", "_", str(c), flags=re.ASCII) or "_"
        if name[0].isdigit():
            name = "_" + name
        if name in STATA_RESERVED:
            name += "_"
        name = name[:STATA_NAME_MAX]
        base, k = name, 1
        while name in taken:
            suffix = f"_{k}"
            name, k = base[:STATA_NAME_MAX - len(suffix)] + suffix, k + 1
        taken.add(name)
        out[c] = name
    return out


def _flat(v):
    """A cell as a Stata value: lists ';'-joined, dicts as JSON, the rest as they are."""
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(v, (list, tuple)) or (hasattr(v, "tolist") and not isinstance(v, (str, bytes)) and getattr(v, "ndim", 0)):
        return LIST_SEPARATOR.join("" if x is None else str(x) for x in (v.tolist() if hasattr(v, "tolist") else v))
    return v


def stata_frame(df: pd.DataFrame) -> tuple[pd.DataFrame, dict, list, dict]:
    """`df` made writable by Stata: (frame with legal names, convert_dates, convert_strl,
    variable labels). See the module's notes."""
    names = stata_names(df.columns)
    out = pd.DataFrame(index=df.index)
    dates, strl, labels = {}, [], {}
    for c in df.columns:
        s, name = df[c], names[c]
        if name != c:
            labels[name] = str(c)[:STATA_LABEL_MAX]
        if pd.api.types.is_datetime64_any_dtype(s):
            s = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
            dates[name] = "tc"
        elif pd.api.types.is_bool_dtype(s) or pd.api.types.is_extension_array_dtype(s.dtype) and \
                pd.api.types.is_numeric_dtype(s.dtype):  # booleans (0/1) and nullable integers
            if s.isna().any():
                s = s.astype("float64")  # Stata's missing value is a number's
            else:
                s = s.astype("int8") if pd.api.types.is_bool_dtype(s) else s.astype(s.dtype.numpy_dtype)
        elif not pd.api.types.is_numeric_dtype(s):
            s = pd.Series([_text(v) for v in s], index=df.index, dtype=object)
            if max((len(v.encode("utf-8")) for v in s), default=0) > STATA_STR_MAX:
                strl.append(name)
        out[name] = s
    return out, dates, strl, labels


def _text(v) -> str:
    v = _flat(v)
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    return v if isinstance(v, str) else str(v)


def write_dta(df: pd.DataFrame, path: str, table: Optional[str] = None) -> str:
    """`df` to the Stata file `path` (format 118), its limits handled as the module says."""
    frame, dates, strl, labels = stata_frame(df)
    label = f"dyads {table}" if table else None
    frame.to_stata(path, write_index=False, version=STATA_VERSION, convert_dates=dates or None,
                   convert_strl=strl or None, variable_labels=labels or None,
                   data_label=label[:STATA_LABEL_MAX] if label else None)
    return path
