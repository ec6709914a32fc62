"""Rich tables of one ArticleResult, for `dyads analyze --format table`."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import ArticleResult


def _cut(s: str, n: int = 60) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def actors_table(result: ArticleResult) -> Table:
    names = {a.id: a.name for a in result.actors}
    t = Table(title=f"Actors ({len(result.actors)})", show_lines=False, expand=False)
    for col in ("id", "name", "type", "mentions", "also called", "knowledge base", "attributes"):
        t.add_column(col, overflow="fold")
    for a in result.actors:
        others = [x for x in a.aliases if x != a.name]
        atts = []
        for key, att in a.attributes.items():
            if att is None:
                continue
            value = names.get(att.value, att.value) if key == "affiliation" else att.value
            atts.append(f"{key}: {value}")
        kb = a.kb_id or ""
        if a.codes.get("cameo"):
            kb = f"{kb} ({a.codes['cameo']})" if kb else a.codes["cameo"]
        t.add_row(
            a.id,
            escape(a.name),
            a.type,
            str(len(a.mentions)),
            escape(_cut("; ".join(others), 50)),
            escape(kb),
            escape(_cut("; ".join(atts), 60)),
        )
    return t


def quotes_table(result: ArticleResult) -> Table:
    names = {a.id: a.name for a in result.actors}
    t = Table(title=f"Quotes ({len(result.quotes)})", expand=False)
    for col in ("id", "speaker", "kind", "cue", "what is said"):
        t.add_column(col, overflow="fold")
    for q in result.quotes:
        who = names.get(q.speaker) or q.speaker_text or "?"
        if q.speaker_text and names.get(q.speaker) and q.speaker_text != names.get(q.speaker):
            who = f"{names[q.speaker]} ({q.speaker_text})"
        t.add_row(q.id, escape(_cut(who, 40)), q.kind, escape(q.cue or ""), escape(_cut(q.text, 90)))
    return t


def _number(x) -> str:
    if x is None:
        return ""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def quantities_table(result: ArticleResult) -> Table:
    names = {a.id: a.name for a in result.actors}
    t = Table(title=f"Quantities ({len(result.quantities)})", expand=False)
    for col in ("id", "text", "value", "unit", "counts", "about", "claimed by"):
        t.add_column(col, overflow="fold")
    for n in result.quantities:
        if n.value is not None:
            value = _number(n.value)
        elif n.low is not None or n.high is not None:
            value = f"{_number(n.low)}–{_number(n.high)}" if n.high is not None else f"≥ {_number(n.low)}"
        else:
            value = ""
        if n.approx and n.approx != "vague":
            value = f"{n.approx} {value}"
        t.add_row(n.id, escape(_cut(n.text, 40)), value, escape(n.unit or ""), escape(_cut(n.counts or "", 30)),
                  escape(names.get(n.subject, "")), escape(names.get(n.claimed_by, "")))
    return t


def events_table(result: ArticleResult) -> Table:
    names = {a.id: a.name for a in result.actors}
    places = {p.id: p.name for p in result.places}
    t = Table(title=f"Events ({len(result.events)})", expand=False)
    for col in ("id", "who", "what", "whom", "trigger", "voice", "flags"):
        t.add_column(col, overflow="fold")
    for e in result.events:
        what = f"{e.category} {e.mode}" if e.mode else e.category
        voice = names.get(e.claimed_by, e.claimed_by) if e.claimed_by else "article"
        flags = []
        if e.negated:
            flags.append("negated")
        if e.modality and e.modality != "asserted":
            flags.append(e.modality)
        if e.date:
            flags.append(e.date)
        if e.place:
            flags.append(places.get(e.place, e.place))
        t.add_row(e.id, escape(names.get(e.source, "")), escape(what), escape(names.get(e.target, "")),
                  escape(_cut(e.trigger, 40)), escape(_cut(voice, 30)), escape(", ".join(flags)))
    return t


VOICE_WORDS = {"article": "article", "self": "own side"}  # a relation's voices (graph.event_voice)


def relations_table(result: ArticleResult) -> Table:
    """The contract's relations; `voices` says how many events the article asserts and how
    many one of the two sides claims of itself."""
    names = {a.id: a.name for a in result.actors}
    t = Table(title=f"Relations ({len(result.relations)})", expand=False)
    for col in ("source", "target", "polarity", "weight", "categories", "voices"):
        t.add_column(col, overflow="fold")
    for r in result.relations:
        cats = ", ".join(f"{c} {k}" for c, k in r.categories.items())
        voices = ", ".join(f"{VOICE_WORDS.get(v, v)} {k}" for v, k in r.voices.items())
        t.add_row(escape(names.get(r.source, r.source)), escape(names.get(r.target, r.target)),
                  f"{r.polarity:+.2f}", str(r.weight), escape(cats), escape(voices))
    return t


def camps_lines(result: ArticleResult) -> list[str]:
    """The camps of the article's signed network (as `graph.camp_view` reports them), one line a
    camp with the camps it opposes, the actors alone on their side (unaligned), then the
    frustrated ties (alliances across camps, enmities within one); none when fewer than 2
    actors are related."""
    related = {a for r in result.relations for a in (r.source, r.target)}
    if len(related) < 2:
        return []
    from .graph import article_network, camp_view, camps, orient

    G = article_network(result)
    c = camps(G)
    if len(c.partition) < 2:  # only neutral relations: nothing is aligned
        return []
    view = camp_view(G, c)
    names = {a.id: a.name for a in result.actors}

    def name(n) -> str:
        return escape(names.get(n, str(n)))

    def against(camps_, actors=()) -> str:
        them = [f"camp {k}" for k in camps_] + [name(m) for m in actors]
        return f" (opposes {', '.join(them)})" if them else ""

    strength = sum(comp.strength for comp in c.components)
    share = f" ({c.frustration / strength:.0%})" if strength else ""
    lines = [f"[bold]Camps[/bold] (structural balance): frustration {c.frustration:g} of {strength:g}{share}"]
    for k, members in view.camps.items():
        lines.append(f"  camp {k}{against(view.opposes(k))}: " + ", ".join(name(n) for n in members))
    if view.alone:
        lines.append("  unaligned, alone on their side: "
                     + ", ".join(name(n) + against(view.node_opposes(n), view.rivals.get(n, [])) for n in view.alone))
    for e in c.frustrated_edges:
        u, v, _, _ = orient(G, e.u, e.v)
        cu, cv = view.camp_of.get(u), view.camp_of.get(v)
        if e.sign > 0:
            what = f"alliance across camps {cu} and {cv}" if cu is not None and cv is not None else "alliance across sides"
        else:
            what = f"enmity within camp {cu}" if cu is not None else "enmity within a side"
        lines.append(f"  frustrated: {name(u)} – {name(v)} ({what}), {e.weight:g}")
    return lines


def print_result(result: ArticleResult, console: Console) -> None:
    doc = result.document
    head = f"[bold]{escape(doc.id)}[/bold]"
    if doc.title:
        head += f"  {escape(doc.title)}"
    if doc.date:
        head += f"  ({escape(doc.date)})"
    console.print(head + f"  {doc.chars} characters")
    for w in result.warnings:
        console.print(f"[yellow]{w.code}[/yellow] {escape(w.message)}")
    console.print(actors_table(result))
    if result.quotes:
        console.print(quotes_table(result))
    if result.quantities:
        console.print(quantities_table(result))
    if result.events:
        console.print(events_table(result))
    if result.relations:
        console.print(relations_table(result))
    for line in camps_lines(result):
        console.print(line, highlight=False)
