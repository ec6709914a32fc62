"""The `dyads.article/1` contract as dataclasses, its one serialiser and its JSON Schema.

Every output (JSON, JSON Lines, the store, the web API) is built from these
classes through `to_dict`, and read back through `from_dict`. The JSON Schema in
`schema/article.schema.json` is generated from them (`python -m dyads.model`),
and a test checks that the file matches the classes.

Offsets are Python string indices into the normalised article text, end
exclusive.
"""
from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Optional, Union

SCHEMA = "dyads.article/1"

ACTOR_TYPES = (
    "person",
    "state",
    "armed_group",
    "political_group",
    "community",
    "country",
    "media",
    "company",
    "organization",
)
QUOTE_KINDS = ("direct", "indirect", "mixed")
PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "hypothetical", "future", "demanded", "historical")
RELATION_VOICES = ("article", "self")  # who asserts a relation's events: the article, or one of the two sides
APPROX = ("about", "more than", "less than", "at least", "at most", "vague")
ATTRIBUTE_KEYS = ("role", "affiliation", "country", "religion")


@dataclass
class Article:
    """An input document, after reading and normalisation (not part of the output)."""

    text: str
    id: Optional[str] = None
    title: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    origin: Optional[str] = None  # where it was read from ("file.jsonl:12"), for messages


@dataclass
class Document:
    id: str
    title: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    language: Optional[str] = "en"
    chars: int = 0
    sha256: str = ""


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Attribute:
    value: Any
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class Actor:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    kb_id: Optional[str] = None
    codes: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, Optional[Attribute]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Quote:
    id: str
    kind: str
    text: str
    start: int
    end: int
    speaker: Optional[str] = None
    speaker_text: Optional[str] = None
    speaker_mention: Optional[Span] = None
    cue: Optional[str] = None


@dataclass
class Event:
    id: str
    category: str
    trigger: str
    start: int
    end: int
    source: Optional[str] = None
    target: Optional[str] = None
    mode: Optional[str] = None
    cameo: Optional[str] = None
    polarity: int = 0
    negated: bool = False
    modality: str = "asserted"
    claimed_by: Optional[str] = None
    quote: Optional[str] = None
    date: Optional[str] = None
    place: Optional[str] = None
    trigger_start: Optional[int] = None  # offsets of the trigger words (null in stores written before)
    trigger_end: Optional[int] = None


@dataclass
class Quantity:
    id: str
    text: str
    start: int
    end: int
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    approx: Optional[str] = None
    unit: str = "count"
    counts: Optional[str] = None
    subject: Optional[str] = None
    claimed_by: Optional[str] = None


@dataclass
class Place:
    id: str
    name: str
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Relation:
    source: str
    target: str
    polarity: float
    weight: int
    categories: dict[str, int] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)
    voices: dict[str, int] = field(default_factory=dict)  # events per voice: "article", "self" (graph.event_voice)


@dataclass
class Warning:
    code: str
    message: str


@dataclass
class ArticleResult:
    document: Document
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict:
        return to_dict(self)

    def to_json(self, indent: Optional[int] = None) -> str:
        return dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> "ArticleResult":
        return from_dict(cls, data)

    def actor(self, actor_id: Optional[str]) -> Optional[Actor]:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None


# ---------------------------------------------------------------- serialiser

# Output key order: `schema` first, then the fields as declared.
_FIRST = {"ArticleResult": ["schema"]}


_ORDER: dict[type, list[str]] = {}  # a contract class -> its output key order, worked out once


def to_dict(obj: Any) -> Any:
    """Serialise a contract object (or list/dict of them) to plain JSON types."""
    order = _ORDER.get(type(obj))
    if order is None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = [f.name for f in dataclasses.fields(obj)]
        first = _FIRST.get(type(obj).__name__, [])
        order = _ORDER[type(obj)] = first + [n for n in names if n not in first]
    if order is not None:
        return {name: to_dict(getattr(obj, name)) for name in order}
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    return obj


def dumps(data: Any, **kw) -> str:
    """JSON text that is always valid JSON: a float that is not finite (inf, nan) is written as
    null, never as the bare `Infinity`/`NaN` that JSON readers reject."""
    kw.setdefault("ensure_ascii", False)
    try:
        return json.dumps(data, allow_nan=False, **kw)
    except ValueError:  # rare: only then walk the data
        return json.dumps(finite(data), allow_nan=False, **kw)


def finite(obj: Any) -> Any:
    """`obj` (plain JSON types) with every non-finite float replaced by None."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [finite(v) for v in obj]
    return obj


def _unwrap_optional(tp):
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def from_dict(cls, data: Any):
    """Rebuild a contract object from what `to_dict` produced."""
    if data is None:
        return None
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(tp, value):
    tp, _ = _unwrap_optional(tp)
    if value is None:
        return None
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    origin = typing.get_origin(tp)
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [_convert(inner, v) for v in value]
    if origin is dict:
        _, inner = typing.get_args(tp)
        return {k: _convert(inner, v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------- JSON Schema

_ENUMS = {
    ("Actor", "type"): ACTOR_TYPES,
    ("Quote", "kind"): QUOTE_KINDS,
    ("Event", "category"): PLOVER,
    ("Event", "modality"): MODALITIES,
    ("Quantity", "approx"): APPROX,
}
_KEYS = {  # the keys a dict field may have
    ("Relation", "voices"): RELATION_VOICES,
}
_PRIMITIVES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _type_schema(tp, defs: dict) -> dict:
    tp, optional = _unwrap_optional(tp)
    if tp is Any:
        schema: dict = {}
    elif dataclasses.is_dataclass(tp):
        _class_schema(tp, defs)
        schema = {"$ref": f"#/$defs/{tp.__name__}"}
    elif typing.get_origin(tp) is list:
        (inner,) = typing.get_args(tp)
        schema = {"type": "array", "items": _type_schema(inner, defs)}
    elif typing.get_origin(tp) is dict:
        _, inner = typing.get_args(tp)
        schema = {"type": "object", "additionalProperties": _type_schema(inner, defs)}
    elif tp is float:
        schema = {"type": "number"}
    else:
        schema = {"type": _PRIMITIVES[tp]}
    if optional:
        if "$ref" in schema:
            schema = {"anyOf": [schema, {"type": "null"}]}
        elif "type" in schema:
            schema = {**schema, "type": [schema["type"], "null"]}
    return schema


def _class_schema(cls, defs: dict) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    props, required = {}, []
    for f in dataclasses.fields(cls):
        s = _type_schema(hints[f.name], defs)
        enum = _ENUMS.get((name, f.name))
        if enum:
            s = {**s, "enum": list(enum) + ([None] if "null" in str(s.get("type")) else [])}
        keys = _KEYS.get((name, f.name))
        if keys:
            s = {**s, "propertyNames": {"enum": list(keys)}}
        props[f.name] = s
        required.append(f.name)
    defs[name] = {
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": True,  # fields may be added, never changed
    }


def json_schema() -> dict:
    """The JSON Schema of one `dyads.article/1` result, generated from the dataclasses."""
    defs: dict = {}
    _class_schema(ArticleResult, defs)
    root = defs.pop("ArticleResult")
    root["properties"]["schema"] = {"const": SCHEMA}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://dyads.invalid/schema/article-1.json",
        "title": SCHEMA,
        **root,
        "$defs": dict(sorted(defs.items())),
    }


SCHEMA_PATH = __file__.rsplit("/", 1)[0] + "/schema/article.schema.json"


def write_schema(path: str = SCHEMA_PATH) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(json_schema(), f, indent=2)
        f.write("\n")


if __name__ == "__main__":  # regenerate the checked-in schema
    write_schema()
    print(SCHEMA_PATH)
