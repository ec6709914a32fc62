"""The network queries of a corpus store (`CorpusStore.network`, `.graph`, `.camps`): relations
folded over articles into pairs of corpus actors, the signed graph and its camps.

A mixin: it reads through the store's connection (`self.con`) and filters (`self._event_filter`,
`self._run`); `query.py` puts it into `CorpusStore`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

import numpy as np
import pandas as pd

EPS = 1e-9
NO_OUTLET = "(no source)"


class NetworkQueries:
    """Network, graph and camps of the corpus, for `CorpusStore`."""

    def network(self, since: Optional[str] = None, until: Optional[str] = None, category: Optional[str] = None,
                source: Optional[str] = None, min_weight: int = 1, actor: Optional[str] = None,
                speaker: Optional[str] = None, include_claimed: bool = True, directed: bool = False,
                limit: Optional[int] = None) -> pd.DataFrame:
        """Relations folded over articles, one row per pair of corpus actors (unordered unless
        `directed`): weight (incidents: the happenings its events report, incidents.py, so five
        outlets telling one attack weigh one), reports (events), by_source (events in which source acted on target) and
        by_target (target on source; 0 when `directed`), articles, polarity (mean), value
        (summed), sign, positive, negative and neutral event counts, first and last article day,
        `categories` {PLOVER: events}, `voices` {"article"/"self": events} and `outlets` {outlet:
        {weight, positive, negative, polarity}} (both directions of an unordered pair); heaviest
        first. The events are those relations fold (`ties`); `include_claimed=False`: the
        articles' own voice only, the sides' own claims left out. The source is who
        acted: in an unordered pair, the end that acted in more of its events (on a tie, the
        first to act); the other direction is what `by_target` counts, never folded into it."""
        df = self.ties(actor=actor, category=category, source=source, since=since, until=until, speaker=speaker,
                       include_claimed=include_claimed)
        cols = ["source_id", "target_id", "source", "target", "weight", "reports", "by_source", "by_target", "articles",
                "polarity", "value", "sign", "positive", "negative", "neutral", "first", "last", "categories", "voices",
                "outlets"]
        if df.empty:
            return pd.DataFrame(columns=cols)
        if directed:
            df["a"], df["b"] = df["s"], df["t"]
        else:
            swap = df["s"] > df["t"]
            df["a"] = np.where(swap, df["t"], df["s"])
            df["b"] = np.where(swap, df["s"], df["t"])
        acted = df["s"] == df["a"]  # a acted on b (else b on a)
        df["fwd"] = np.where(acted, df["n"], 0)
        df["bwd"] = df["n"] - df["fwd"]
        row = np.arange(len(df), dtype=float)
        df["ra"], df["rb"] = np.where(acted, row, np.inf), np.where(acted, np.inf, row)
        df["outlet"] = df["outlet"].fillna(NO_OUTLET)
        happenings = df[["a", "b", "incidents"]].explode("incidents").groupby(["a", "b"])["incidents"].nunique()
        g = df.groupby(["a", "b"], sort=False)
        out = g.agg(reports=("n", "sum"), value=("value", "sum"), positive=("pos", "sum"), negative=("neg", "sum"),
                    fwd=("fwd", "sum"), bwd=("bwd", "sum"), ra=("ra", "min"), rb=("rb", "min"),
                    articles=("doc_id", "nunique"), first=("day", "min"), last=("day", "max")).reset_index()
        out["weight"] = [int(happenings.get((a, b), 0)) for a, b in zip(out["a"], out["b"])]
        out = out[out["weight"] >= max(1, int(min_weight or 1))]
        # the source is who acted: the end that acted in more events, on a tie the first to act
        flip = (out["bwd"] > out["fwd"]) | ((out["bwd"] == out["fwd"]) & (out["rb"] < out["ra"]))
        cats: dict = defaultdict(dict)
        for (a, b, c), n in df.groupby(["a", "b", "category"])["n"].sum().items():
            cats[(a, b)][c] = int(n)
        voices: dict = defaultdict(dict)
        for (a, b, v), n in df.groupby(["a", "b", "voice"])["n"].sum().items():
            voices[(a, b)][v] = int(n)
        outs: dict = defaultdict(dict)
        for (a, b, o), r in df.groupby(["a", "b", "outlet"])[["n", "pos", "neg", "value"]].sum().iterrows():
            outs[(a, b)][o] = {"weight": int(r["n"]), "positive": int(r["pos"]), "negative": int(r["neg"]),
                               "polarity": round(float(r["value"]) / r["n"], 4) if r["n"] else 0.0}
        names = self._names_of(set(out["a"]) | set(out["b"]))
        pairs = list(zip(out["a"], out["b"]))
        src = np.where(flip, out["b"], out["a"])
        tgt = np.where(flip, out["a"], out["b"])
        res = pd.DataFrame({
            "source_id": src, "target_id": tgt,
            "source": [names.get(a) for a in src], "target": [names.get(b) for b in tgt],
            "weight": out["weight"].astype(int).values, "reports": out["reports"].astype(int).values,
            "by_source": np.where(flip, out["bwd"], out["fwd"]).astype(int),
            "by_target": np.where(flip, out["fwd"], out["bwd"]).astype(int),
            "articles": out["articles"].astype(int).values,
            "polarity": np.round(out["value"].values / out["reports"].values, 4),
            "value": np.round(out["value"].values.astype(float), 9),
            "sign": [1 if v > EPS else -1 if v < -EPS else 0 for v in out["value"]],
            "positive": out["positive"].astype(int).values, "negative": out["negative"].astype(int).values,
            "neutral": (out["reports"] - out["positive"] - out["negative"]).astype(int).values,
            "first": out["first"].values, "last": out["last"].values,
            "categories": [dict(sorted(cats[p].items(), key=lambda kv: (-kv[1], kv[0]))) for p in pairs],
            "voices": [dict(sorted(voices[p].items())) for p in pairs],
            "outlets": [dict(sorted(outs[p].items(), key=lambda kv: (-kv[1]["weight"], kv[0]))) for p in pairs],
        })
        res = res.sort_values(["weight", "reports", "articles", "source", "target"],
                              ascending=[False, False, False, True, True])
        res = res.reset_index(drop=True)
        return res.head(limit) if limit else res

    def graph(self, since: Optional[str] = None, until: Optional[str] = None, category: Optional[str] = None,
              source: Optional[str] = None, min_weight: int = 1, actor: Optional[str] = None,
              speaker: Optional[str] = None, include_claimed: bool = True, directed: bool = False):
        """The network as a networkx graph (graph.signed_network, or directed_network): nodes are
        corpus ids (name, type, kb_id, articles, mentions), edges as graph.py folds them
        (value, polarity, sign, categories, voices, evidence "doc#E3", docs, first, last) plus
        `outlets` {outlet: events}, `weight` the incidents its events report and `reports` the
        events; edges lighter than `min_weight` (incidents) and nodes left alone dropped."""
        from ..graph import Tie, directed_network, signed_network

        df = self.ties(actor=actor, category=category, source=source, since=since, until=until, speaker=speaker,
                       include_claimed=include_claimed)
        ties = [Tie(r.s, r.t, r.value / r.n, int(r.n), {r.category: int(r.n)}, r.day, tuple(r.events), r.doc_id,
                    {r.voice: int(r.n)}) for r in df.itertuples(index=False)]
        nodes = self._node_attrs(set(df["s"]) | set(df["t"]))
        G = (directed_network if directed else signed_network)(ties, nodes)
        happenings: dict = defaultdict(set)
        for r in df.itertuples(index=False):
            d = G.edges[r.s, r.t]
            o = d.setdefault("outlets", {})
            key = r.outlet if isinstance(r.outlet, str) else NO_OUTLET
            o[key] = o.get(key, 0) + int(r.n)
            happenings[tuple(sorted((r.s, r.t))) if not directed else (r.s, r.t)].update(r.incidents)
        for u, v, d in G.edges(data=True):  # weighed by incidents, the events beside them
            d["reports"] = d["weight"]
            d["weight"] = len(happenings[tuple(sorted((u, v))) if not directed else (u, v)]) or d["reports"]
        if min_weight and min_weight > 1:
            G.remove_edges_from([(u, v) for u, v, d in G.edges(data=True) if d["weight"] < min_weight])
            G.remove_nodes_from([n for n in list(G.nodes) if G.degree(n) == 0])
        return G

    def camps(self, method: str = "auto", **filters) -> pd.DataFrame:
        """The structural-balance camps of the network (graph.camps, reported as graph.camp_view):
        one row per actor with its camp (-1: unaligned, that is no signed tie or alone on its
        side), `opposes` (the camps its own ties are on balance conflictual towards), component,
        degree and strength (summed |value|), by component and camp. `.attrs` holds which camp
        opposes which (`oppositions`), the actors alone on their side (`alone`) and the other lone
        actors each is in conflict with (`rivals`), the frustration, whether it is proven optimal, and the
        frustrated edges by name (u the end that acted most)."""
        from ..graph import camp_view, camps as balance, orient

        G = self.graph(**filters)
        c = balance(G, method=method)
        view = camp_view(G, c)
        comp_of = {n: k for k, comp in enumerate(c.components) for n in comp.nodes}
        rows = []
        for n, d in G.nodes(data=True):
            strength = sum(abs(e.get("value", 0.0)) for *_, e in G.edges(n, data=True))
            rows.append({"corpus_id": n, "name": d.get("name"), "type": d.get("type"), "camp": view.camp_of.get(n, -1),
                         "opposes": view.node_opposes(n), "component": comp_of.get(n, -1), "degree": G.degree(n),
                         "strength": round(strength, 4)})
        cols = ["corpus_id", "name", "type", "camp", "opposes", "component", "degree", "strength"]
        df = pd.DataFrame(rows, columns=cols)
        if not df.empty:
            df["_u"] = df["camp"] < 0
            df = df.sort_values(["_u", "camp", "component", "strength", "name"],
                                ascending=[True, True, True, False, True]).drop(columns="_u").reset_index(drop=True)
        name = {n: d.get("name", n) for n, d in G.nodes(data=True)}
        frustrated = []
        for e in c.frustrated_edges:
            u, v, _, _ = orient(G, e.u, e.v)
            frustrated.append({"u": name[u], "v": name[v], "sign": e.sign, "weight": e.weight})
        df.attrs = {"oppositions": [{"camp": t.a, "opposes": t.b, "conflict": t.conflict, "cooperation": t.cooperation}
                                    for t in view.ties if t.opposed],
                    "alone": [name[n] for n in view.alone],
                    "rivals": {name[n]: [name[m] for m in ms] for n, ms in view.rivals.items()},
                    "frustration": round(c.frustration, 6), "exact": c.exact, "frustrated_edges": frustrated}
        return df

    def _names_of(self, ids) -> dict:
        if not ids:
            return {}
        rows = self.con.execute("SELECT corpus_id, name FROM corpus_actors WHERE list_contains(?, corpus_id)",
                                [sorted(ids)]).fetchall()
        return dict(rows)

    def _node_attrs(self, ids) -> dict:
        if not ids:
            return {}
        df = self.con.execute("""SELECT corpus_id, name, type, kb_id, articles, mentions FROM corpus_actors
                                 WHERE list_contains(?, corpus_id) ORDER BY articles DESC, corpus_id""",
                              [sorted(ids)]).df()
        out = {}
        for r in df.itertuples(index=False):
            attrs = {"name": r.name, "type": r.type, "articles": int(r.articles), "mentions": int(r.mentions)}
            if isinstance(r.kb_id, str):
                attrs["kb_id"] = r.kb_id
            out[r.corpus_id] = attrs
        return out
