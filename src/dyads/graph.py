"""Relations, the signed actor network, camps by structural balance, exports.

    rels = article_relations(result.events)     # the contract's relations of one article
    G = article_network(result)                 # undirected signed nx.Graph, nodes = actor ids
    c = camps(G)                                # two camps per connected component, frustration
    to_graphml(G, "net.graphml"); to_gexf(G, "net.gexf"); to_node_link(G)   # graph_export.py

Relations (`article_relations`): one per *ordered* pair (source, target), as
PLOVER's actor → recipient; A→B and B→A are two relations. One function decides which
events count and in whose voice: `event_voice`. An event is a tie between two actors when it
has two different ends, is asserted (modality `asserted` or `historical`) and is not negated;
its voice is then "article" (the article's own, no `claimed_by`), "self" (claimed by one of its
own two sides: "Hezbollah said it fired rockets at Israel") or "other" (a third party's claim:
"the US says Iran arms the Houthis"). Article and self voices make relations
(`relation_voice`); a third party's claim stays an event, shown and compared (the store's
disagreements), but makes none; a denial is a negated event and makes none. `include_claimed=False`
keeps the article's voice only. `polarity` is the mean event polarity, `weight` the number of
events folded in, `categories` their PLOVER counts, `voices` how many each voice asserts,
`events` their ids. The store writes each event's `event_voice` in its `voice` column, so its
queries filter on what this function said and never restate the rule in SQL.

The network is built from ties: `Tie(source, target, polarity, weight,
categories, date, events, doc, voices)` or a plain tuple in that order, or contract
`Relation`s; node keys are whatever the caller uses (actor ids for one article,
`actor_key` across a corpus). Each edge sums its ties: `weight` (events),
`value` (net signed strength, Σ polarity × weight = cooperative minus
conflictual events), `polarity` (value / weight), `sign` (of value: -1, 0, +1),
`categories`, `voices` {voice: events}, `evidence` (event ids, "doc#E3" when a tie names its document),
`docs`, `first`/`last` dates (a tie without a date, None/NaN/"", leaves them),
and `acts` {node: events in which that node acted on the other}. An undirected
edge (u, v) says nothing of direction by its order: `orient` gives who acted.

Camps (structural balance, Cartwright & Harary): in each connected component
of the non-neutral edges, the two-way split that minimises the frustration,
the summed |value| of positive edges across camps and negative edges within a
camp. (With per-event costs, "a cooperative event across camps or a
conflictual one within a camp costs 1", the optimum is the same split: the two
costs differ by a constant per edge.) Components up to `exact_max` nodes are
solved exactly (branch and bound); larger ones by spectral initialisation,
random restarts and Fiduccia–Mattheyses/Kernighan–Lin single-node passes
(deterministic for a given seed; the solver is graph_solve.py). Nodes with no signed edge are unaligned.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Hashable, Iterable, Mapping, NamedTuple, Optional, Sequence, Union

if TYPE_CHECKING:  # networkx is imported where used: slow to import, and `article_relations` needs none
    import networkx as nx

from .graph_solve import EPS, _cost, _exact, _heuristic, _signed_pairs, signed_weight  # noqa: F401  (re-exported)
from .model import RELATION_VOICES, Actor, ArticleResult, Event, Relation  # RELATION_VOICES: article, self

EXACT_MAX = 20  # components up to this many nodes are solved exactly


# ---------------------------------------------------------------- relations

COUNTING_MODALITIES = ("asserted", "historical")  # what is said to happen or to have happened
OTHER_VOICE = "other"                             # a third party's claim: an event, never a relation
VOICES = RELATION_VOICES + (OTHER_VOICE,)


def event_voice(event: Any) -> Optional[str]:
    """Who asserts an event as a tie between its two actors: "article" (the article's own voice,
    no `claimed_by`), "self" (claimed by one of the event's own sides, source or target),
    "other" (claimed by a third party); None when it asserts no tie (an end missing, one actor
    at both ends, a modality other than asserted or historical, negated: a denial too). The one
    place this is decided; `event` is anything with the Event's attributes."""
    src, tgt = event.source, event.target
    if not src or not tgt or src == tgt or event.modality not in COUNTING_MODALITIES or event.negated:
        return None
    by = event.claimed_by
    if not by:
        return "article"
    return "self" if by in (src, tgt) else OTHER_VOICE


def relation_voice(event: Any) -> Optional[str]:
    """The voice in which an event makes a relation ("article" or "self"), else None."""
    v = event_voice(event)
    return v if v in RELATION_VOICES else None


def counting_voices(include_claimed: bool = True) -> tuple[str, ...]:
    """The voices whose events are folded into relations: the article's and the sides' own,
    or the article's only (`include_claimed=False`). A third party's claim never is."""
    return RELATION_VOICES if include_claimed else ("article",)


def counts(event: Event, include_claimed: bool = True) -> bool:
    """Whether an event is folded into a relation (see `event_voice`)."""
    return event_voice(event) in counting_voices(include_claimed)


def article_relations(events: Iterable[Event], include_claimed: bool = True) -> list[Relation]:
    """The contract's relations of one article, one per ordered (source, target) pair,
    in the order of each pair's first counting event."""
    groups: dict[tuple[str, str], list[tuple[Event, str]]] = {}
    keep = counting_voices(include_claimed)
    for e in events:
        v = event_voice(e)
        if v in keep:
            groups.setdefault((e.source, e.target), []).append((e, v))
    out = []
    for (s, t), evs in groups.items():
        cats = Counter(e.category for e, _ in evs)
        mean = sum(max(-1, min(1, e.polarity)) for e, _ in evs) / len(evs)
        voices = Counter(v for _, v in evs)
        out.append(Relation(
            source=s, target=t, polarity=round(mean, 4), weight=len(evs),
            categories=dict(sorted(cats.items(), key=lambda kv: (-kv[1], kv[0]))),
            events=[e.id for e, _ in evs],
            voices={v: voices[v] for v in RELATION_VOICES if voices[v]},
        ))
    return out


# ---------------------------------------------------------------- the network

@dataclass(frozen=True)
class Tie:
    """One input of the network: a relation between two node keys, from any article."""

    source: Hashable
    target: Hashable
    polarity: float
    weight: float = 1
    categories: Optional[Mapping[str, int]] = None
    date: Optional[str] = None
    events: Sequence[str] = ()
    doc: Optional[str] = None
    voices: Optional[Mapping[str, int]] = None  # {voice: events} (graph.event_voice)

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", as_date(self.date))

    @classmethod
    def from_relation(cls, rel: Relation, date: Optional[str] = None, doc: Optional[str] = None,
                      key: Optional[Callable[[str], Hashable]] = None) -> "Tie":
        k = key or (lambda x: x)
        return cls(k(rel.source), k(rel.target), rel.polarity, rel.weight, dict(rel.categories), date,
                   tuple(rel.events), doc, dict(rel.voices or {}))


TieLike = Union[Tie, Relation, tuple, Mapping[str, Any]]


def as_date(value: Any) -> Optional[str]:
    """A tie's date as a string, or None when there is none: None, "", NaN and pandas' NA/NaT
    (what a table gives for an undated article) all mean no date, so dates always compare."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    text = str(value).strip()
    return text or None


def _as_tie(t: TieLike) -> Tie:
    if isinstance(t, Tie):
        return t
    if isinstance(t, Relation):
        return Tie.from_relation(t)
    if isinstance(t, Mapping):
        return Tie(**t)
    return Tie(*t)


def actor_key(actor: Actor) -> str:
    """A node key stable across articles: the knowledge-base id, else the casefolded name."""
    return actor.kb_id or "name:" + " ".join(actor.name.casefold().split())


def ties_from_result(result: ArticleResult, key: Optional[Callable[[Actor], Hashable]] = None
                     ) -> tuple[list[Tie], dict[Hashable, dict[str, Any]]]:
    """The ties and node attributes of one article. Without `key`, nodes are the actor
    ids and evidence plain event ids; with one (corpus use, e.g. `actor_key`), nodes are
    `key(actor)` and every tie names the document, so evidence reads "doc#E3"."""
    actors = {a.id: a for a in result.actors}
    kf = key or (lambda a: a.id)
    nodes: dict[Hashable, dict[str, Any]] = {}
    for a in result.actors:
        nodes.setdefault(kf(a), {"name": a.name, "type": a.type, **({"kb_id": a.kb_id} if a.kb_id else {})})
    doc = result.document.id if key else None
    ties = []
    for r in result.relations:
        if r.source not in actors or r.target not in actors:
            continue
        ties.append(Tie.from_relation(r, result.document.date, doc, key=lambda i: kf(actors[i])))
    return ties, nodes


def _fold(ties: Iterable[TieLike], nodes: Optional[Mapping[Hashable, Mapping[str, Any]]], G: nx.Graph) -> nx.Graph:
    for n, attrs in (nodes or {}).items():
        G.add_node(n, **dict(attrs))
    for raw in ties:
        t = _as_tie(raw)
        if t.source is None or t.target is None or t.source == t.target:
            continue
        for n in (t.source, t.target):
            if n not in G:
                G.add_node(n)
        if not G.has_edge(t.source, t.target):
            G.add_edge(t.source, t.target, weight=0, value=0.0, acts={}, categories={}, voices={}, evidence=[],
                       docs=[])
        d = G.edges[t.source, t.target]
        d["weight"] += t.weight
        d["acts"][t.source] = d["acts"].get(t.source, 0) + t.weight
        d["value"] += float(t.polarity) * t.weight
        for c, k in (t.categories or {}).items():
            d["categories"][c] = d["categories"].get(c, 0) + k
        for v, k in (t.voices or {}).items():
            d["voices"][v] = d["voices"].get(v, 0) + k
        for e in t.events:
            ev = f"{t.doc}#{e}" if t.doc else e
            if ev not in d["evidence"]:
                d["evidence"].append(ev)
        if t.doc and t.doc not in d["docs"]:
            d["docs"].append(t.doc)
        if t.date:
            d["first"] = min(d.get("first", t.date), t.date)
            d["last"] = max(d.get("last", t.date), t.date)
    for n, d in G.nodes(data=True):
        d.setdefault("name", str(n))
    for _, _, d in G.edges(data=True):
        d["value"] = round(d["value"], 9)
        d["polarity"] = round(d["value"] / d["weight"], 4) if d["weight"] else 0.0
        d["sign"] = 1 if d["value"] > EPS else -1 if d["value"] < -EPS else 0
        d["categories"] = dict(sorted(d["categories"].items(), key=lambda kv: (-kv[1], kv[0])))
    return G


def orient(G: nx.Graph, u: Hashable, v: Hashable) -> tuple[Hashable, Hashable, float, float]:
    """An edge as (source, target, forward, backward): `source` is who acted (the end that acted
    in more of the edge's events; on a tie, the one that acted first), `forward` the events in
    which source acted on target, `backward` those in which target acted on source. A directed
    edge is always (u, v, weight, 0). An edge without `acts` (a graph not made here) keeps (u, v)."""
    d = G.edges[u, v]
    if G.is_directed():
        return u, v, d.get("weight", 0), 0
    acts = d.get("acts") or {}
    if not acts:
        return u, v, d.get("weight", 0), 0
    first = max(acts, key=acts.__getitem__)  # max keeps the first of equals: the first to act
    other = v if first == u else u
    return first, other, acts.get(first, 0), acts.get(other, 0)


def signed_network(ties: Iterable[TieLike], nodes: Optional[Mapping[Hashable, Mapping[str, Any]]] = None) -> nx.Graph:
    """The undirected signed network: one edge per unordered pair, both directions summed; its
    `acts` says who acted how often, `orient` which end is the source."""
    import networkx as nx

    return _fold(ties, nodes, nx.Graph())


def directed_network(ties: Iterable[TieLike], nodes: Optional[Mapping[Hashable, Mapping[str, Any]]] = None) -> nx.DiGraph:
    """The directed view (for exports): one edge per ordered pair, source → target."""
    import networkx as nx

    return _fold(ties, nodes, nx.DiGraph())


def article_network(result: ArticleResult, directed: bool = False) -> nx.Graph:
    """The network of one article: nodes are its actor ids (attributes name, type, kb_id)."""
    ties, nodes = ties_from_result(result)
    return (directed_network if directed else signed_network)(ties, nodes)


# ---------------------------------------------------------------- camps

class FrustratedEdge(NamedTuple):
    """An edge against the partition: a positive edge across camps (sign +1, an alliance cut)
    or a negative one within a camp (sign -1, an enmity inside). `weight` is its balance
    weight |value|, what the frustration sums."""

    u: Hashable
    v: Hashable
    sign: int
    weight: float


@dataclass
class ComponentCamps:
    """One connected component of the signed edges and its two camps."""

    nodes: list
    sides: tuple[list, list]          # the members of each camp; the second may be empty
    labels: tuple[int, Optional[int]]  # the camp labels of the sides in `Camps.partition`
    frustration: float
    frustrated_edges: list[FrustratedEdge]
    strength: float                    # summed |value| of the component's signed edges
    exact: bool                        # proven optimal

    @property
    def ratio(self) -> float:
        return self.frustration / self.strength if self.strength else 0.0


@dataclass
class Camps:
    partition: dict                    # aligned node -> camp label (0, 1, 2, ...; unique across components)
    frustration: float                 # summed weight of the frustrated edges
    frustrated_edges: list[FrustratedEdge]
    unaligned: list = field(default_factory=list)  # nodes with no signed edge
    components: list[ComponentCamps] = field(default_factory=list)  # largest first

    @property
    def exact(self) -> bool:
        return all(c.exact for c in self.components)

    def members(self) -> dict[int, list]:
        out: dict[int, list] = {}
        for n, c in self.partition.items():
            out.setdefault(c, []).append(n)
        return dict(sorted(out.items()))

    def to_dict(self) -> dict:
        return {
            "frustration": self.frustration,
            "exact": self.exact,
            "camps": [{"camp": k, "members": v} for k, v in self.members().items()],
            "unaligned": list(self.unaligned),
            "frustrated_edges": [e._asdict() for e in self.frustrated_edges],
            "components": [{"camps": [c.labels[0]] + ([c.labels[1]] if c.labels[1] is not None else []),
                            "frustration": c.frustration, "strength": c.strength, "exact": c.exact}
                           for c in self.components],
        }


def camps(G: nx.Graph, method: str = "auto", exact_max: int = EXACT_MAX, seed: int = 0, restarts: int = 8) -> Camps:
    """Two camps per connected component by structural balance, and the frustration.

    `G` may be directed or a multigraph (edges between two nodes are summed, see
    `signed_weight`). `method`: "auto" (exact up to `exact_max` nodes a component,
    heuristic above), "exact" (always branch and bound) or "heuristic"."""
    if method not in ("auto", "exact", "heuristic"):
        raise ValueError(f"camps: unknown method {method!r}; use 'auto', 'exact' or 'heuristic'")
    pairs = _signed_pairs(G)
    order = {n: i for i, n in enumerate(G.nodes)}
    nbrs: dict = {}
    for (u, v), w in pairs.items():
        nbrs.setdefault(u, []).append((v, w))
        nbrs.setdefault(v, []).append((u, w))
    seen: set = set()
    comps = []
    for n in G.nodes:
        if n in seen or n not in nbrs:
            continue
        comp, stack = [], [n]
        seen.add(n)
        while stack:
            a = stack.pop()
            comp.append(a)
            for b, _ in nbrs[a]:
                if b not in seen:
                    seen.add(b)
                    stack.append(b)
        comps.append(sorted(comp, key=order.__getitem__))
    comps.sort(key=lambda c: (-len(c), order[c[0]]))
    comp_of = {a: k for k, comp in enumerate(comps) for a in comp}
    comp_pairs: list[list] = [[] for _ in comps]
    for (u, v), w in pairs.items():
        comp_pairs[comp_of[u]].append((u, v, w))

    partition: dict = {}
    results: list[ComponentCamps] = []
    label = 0
    for comp, cpairs in zip(comps, comp_pairs):
        idx = {a: i for i, a in enumerate(comp)}
        n = len(comp)
        edges = [(idx[u], idx[v], w) for u, v, w in cpairs]
        adj: list[list[tuple[int, float]]] = [[] for _ in range(n)]
        for i, j, w in edges:
            adj[i].append((j, w))
            adj[j].append((i, w))
        x = _heuristic(n, edges, adj, seed, restarts) if n > 1 else [1]
        proven = False
        if method == "exact" or (method == "auto" and n <= exact_max):
            x, proven = _exact(n, adj, x, _cost(x, edges))
        side_a = [comp[i] for i in range(n) if x[i] == x[0]]
        side_b = [comp[i] for i in range(n) if x[i] != x[0]]
        if len(side_b) > len(side_a):
            side_a, side_b = side_b, side_a
        labels = (label, label + 1 if side_b else None)
        label += 2 if side_b else 1
        for a in side_a:
            partition[a] = labels[0]
        for b in side_b:
            partition[b] = labels[1]
        frus = [FrustratedEdge(comp[i], comp[j], 1 if w > 0 else -1, abs(w))
                for i, j, w in edges if w * x[i] * x[j] < 0]
        frus.sort(key=lambda e: -e.weight)
        results.append(ComponentCamps(comp, (side_a, side_b), labels, sum((e.weight for e in frus), 0.0), frus,
                                      sum(abs(w) for *_, w in edges), proven or n == 1))
    unaligned = [n for n in G.nodes if n not in partition]
    frustrated = sorted((e for c in results for e in c.frustrated_edges), key=lambda e: -e.weight)
    return Camps(partition, sum((c.frustration for c in results), 0.0), frustrated, unaligned, results)


class CampTie(NamedTuple):
    """The signed ties between two reported camps `a` < `b`: `conflict`, the summed |value| of
    the conflictual pairs across them; `cooperation`, that of the cooperative ones."""

    a: int
    b: int
    conflict: float
    cooperation: float

    @property
    def opposed(self) -> bool:
        return self.conflict > self.cooperation + EPS


@dataclass
class CampView:
    """Camps as they are reported: a camp is two or more actors the balance split puts on one
    side; an actor alone on its side is not a camp but unaligned (`alone`), its conflicts still
    said by `opposes`. Camps are numbered 0, 1, ... in the order of `Camps.components`."""

    camps: dict                        # camp -> members (two or more)
    camp_of: dict                      # member -> camp
    unaligned: list                    # no signed tie, or alone on its side
    alone: list                        # those of `unaligned` that have signed ties
    ties: list[CampTie]                # between camps with signed ties across, in camp order
    stance: dict                       # node -> {camp: its summed signed value towards that camp}
    rivals: dict = field(default_factory=dict)  # lone actor -> the other lone actors it is in conflict with

    def opposes(self, camp: int) -> list[int]:
        """The camps `camp` opposes: more conflict than cooperation across."""
        return sorted(t.b if t.a == camp else t.a for t in self.ties if t.opposed and camp in (t.a, t.b))

    def node_opposes(self, n) -> list[int]:
        """The camps an actor's own ties are on balance conflictual towards."""
        return sorted(k for k, v in self.stance.get(n, {}).items() if v < -EPS)


def camp_view(G: nx.Graph, c: Camps) -> CampView:
    """The camps of `c` (computed on `G`) as reported: sides of one actor unaligned, camps
    renumbered, which camp opposes which, and each actor's stance towards each camp."""
    label: dict = {}
    camps_out: dict = {}
    alone: list = []
    for comp in c.components:
        for side in comp.sides:
            if len(side) >= 2:
                k = len(camps_out)
                camps_out[k] = list(side)
                label.update((n, k) for n in side)
            elif side:
                alone.append(side[0])
    across: dict = {}
    stance: dict = {}
    lone = set(alone)
    rivals: dict = {}
    for (u, v), w in _signed_pairs(G).items():
        if u in lone and v in lone and w < 0:
            rivals.setdefault(u, []).append(v)
            rivals.setdefault(v, []).append(u)
        for a, b in ((u, v), (v, u)):
            if b in label:
                st = stance.setdefault(a, {})
                st[label[b]] = st.get(label[b], 0.0) + w
        if u in label and v in label and label[u] != label[v]:
            key = tuple(sorted((label[u], label[v])))
            con, coo = across.get(key, (0.0, 0.0))
            across[key] = (con - w, coo) if w < 0 else (con, coo + w)
    ties = [CampTie(a, b, round(con, 9), round(coo, 9)) for (a, b), (con, coo) in sorted(across.items())]
    order = {n: i for i, n in enumerate(G.nodes)}
    unaligned = sorted(set(c.unaligned) | set(alone), key=lambda n: order.get(n, len(order)))
    return CampView(camps_out, label, unaligned, sorted(alone, key=lambda n: order.get(n, len(order))), ties, stance,
                    rivals)


def article_camps(result: ArticleResult, **kw) -> Camps:
    """The camps of one article's actors (nodes are actor ids)."""
    return camps(article_network(result), **kw)


def annotate(G: nx.Graph, c: Camps) -> nx.Graph:
    """Write the reported camps (`camp_view`) onto G in place: node `camp` (-1 when unaligned,
    an actor alone on its side included), edge `frustrated`."""
    view = camp_view(G, c)
    for n, d in G.nodes(data=True):
        d["camp"] = view.camp_of.get(n, -1)
    bad = {frozenset((e.u, e.v)) for e in c.frustrated_edges}
    for u, v, d in G.edges(data=True):
        d["frustrated"] = frozenset((u, v)) in bad
    return G


# ---------------------------------------------------------------- exports (graph_export.py)

from .graph_export import JSON_ATTRS, decode, read_graphml, to_gexf, to_graphml, to_node_link  # noqa: E402,F401
