"""Files of the signed network: GraphML, GEXF and node-link JSON, camps annotated (graph.py's
`annotate`) when the graph has none.

    to_graphml(G, "net.graphml"); to_gexf(G, "net.gexf"); data = to_node_link(G)
    H = read_graphml("net.graphml")            # dicts and lists decoded back

GraphML and GEXF hold no dicts or lists: `categories`, `voices`, `evidence`, `docs` and `acts` are JSON
strings there (`decode` reads them back). A directed graph's edges go from the actor that acted;
an undirected one's order says nothing (each edge's `acts` does), except in node-link JSON,
whose links are written from the end that acted most (`graph.orient`).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

JSON_ATTRS = ("categories", "voices", "evidence", "docs", "acts")


def _flat(G: nx.Graph, label: bool = False) -> nx.Graph:
    """A copy fit for GraphML/GEXF: camps annotated if missing, dicts and lists as JSON
    strings, None dropped, a key's numbers all float when any is."""
    import networkx as nx

    from .graph import annotate, camps  # here: graph.py imports this module

    H = G.copy()
    if not any("camp" in d for _, d in H.nodes(data=True)):
        annotate(H, camps(H))
    H = nx.relabel_nodes(H, {n: str(n) for n in H.nodes}) if any(not isinstance(n, str) for n in H) else H
    for items in (list(H.nodes(data=True)), [(None, d) for *_, d in H.edges(data=True)]):
        floats = {k for _, d in items for k, v in d.items() if isinstance(v, float)}
        for n, d in items:
            for k in list(d):
                v = d[k]
                if v is None:
                    del d[k]
                elif isinstance(v, dict):
                    d[k] = json.dumps({str(a): x for a, x in v.items()}, ensure_ascii=False)
                elif isinstance(v, (list, tuple, set)):
                    d[k] = json.dumps(sorted(v) if isinstance(v, set) else v, ensure_ascii=False)
                elif k in floats and isinstance(v, int) and not isinstance(v, bool):
                    d[k] = float(v)
            if label and n is not None:
                d["label"] = str(d.get("name", n))
    return H


def decode(G: nx.Graph) -> nx.Graph:
    """Undo the JSON strings of an exported graph read back (in place)."""
    for _, _, d in G.edges(data=True):
        for k in JSON_ATTRS:
            if isinstance(d.get(k), str):
                d[k] = json.loads(d[k])
    return G


def to_graphml(G: nx.Graph, path) -> None:
    import networkx as nx

    nx.write_graphml(_flat(G), path)


def to_gexf(G: nx.Graph, path) -> None:
    import networkx as nx

    nx.write_gexf(_flat(G, label=True), path)


def read_graphml(path) -> nx.Graph:
    import networkx as nx

    return decode(nx.read_graphml(path))


def to_node_link(G: nx.Graph) -> dict:
    """JSON-serialisable {"directed", "multigraph", "graph", "nodes": [{"id", ...}], "links":
    [{"source", "target", ...}]} (networkx's node-link format, edges="links"), camps annotated
    if missing. A link's source is who acted: the edge's source when G is directed, else the
    end that acted most (`orient`; `acts` counts both)."""
    import networkx as nx

    from .graph import annotate, camps, orient  # here: graph.py imports this module

    H = G.copy()
    if not any("camp" in d for _, d in H.nodes(data=True)):
        annotate(H, camps(H))
    data = nx.node_link_data(H, edges="links")
    if not H.is_directed() and not H.is_multigraph():
        for link in data["links"]:
            link["source"], link["target"], _, _ = orient(H, link["source"], link["target"])
    return json.loads(json.dumps(data, ensure_ascii=False, default=lambda o: sorted(o) if isinstance(o, set) else str(o)))
