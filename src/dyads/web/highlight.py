"""An article's text as nested highlighted segments, built from the contract's offsets.

    segments = nest(text, [Mark(start, end, ref, kind), ...])

Every mark is an interval of the text (end exclusive) naming an item (`ref`: "A1", "Q2",
"E3", "N1", "P1") of some `kind`. Marks with the same extent become one node carrying all
their refs; a mark inside another nests in it; a mark that crosses another's end is split
there, the first piece nested inside, the rest placed after it, so the result is a tree of
properly nested nodes that covers the text exactly once:

    [{"text": "The "}, {"refs": ["A1"], "kinds": ["actor"], "children": [{"text": "regime"}]}, ...]

No markup is made here: the template escapes every text leaf (autoescape) and writes each
node as a <span> whose data-refs the page's script looks up in the items' JSON.
"""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from typing import Iterable, Optional

# outer first when two marks have the same extent
PRIORITY = {"quote": 0, "event": 1, "quantity": 2, "speaker": 3, "actor": 4, "place": 5}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    ref: str
    kind: str


class _Node:
    __slots__ = ("start", "end", "refs", "kinds", "children")

    def __init__(self, start: int, end: int, refs: list[str], kinds: list[str]):
        self.start, self.end, self.refs, self.kinds = start, end, refs, kinds
        self.children: list[_Node] = []


def nest(text: str, marks: Iterable[Mark]) -> list[dict]:
    """The segments of `text` with `marks` nested (see the module docstring)."""
    n = len(text)
    groups: dict[tuple[int, int], _Node] = {}
    for m in marks:
        s, e = max(0, int(m.start)), min(n, int(m.end))
        if e <= s:
            continue
        node = groups.get((s, e))
        if node is None:
            node = groups[(s, e)] = _Node(s, e, [], [])
        if m.ref not in node.refs:
            node.refs.append(m.ref)
            node.kinds.append(m.kind)
    heap: list = []
    for seq, node in enumerate(groups.values()):
        pairs = sorted(zip(node.refs, node.kinds), key=lambda rk: PRIORITY.get(rk[1], 9))  # outer kinds first
        node.refs = [r for r, _ in pairs]
        node.kinds = list(dict.fromkeys(k for _, k in pairs))
        heapq.heappush(heap, (node.start, -node.end, _rank(node), seq, node))
    seq = len(groups)
    root = _Node(0, n, [], [])
    stack = [root]
    while heap:
        _, _, _, _, node = heapq.heappop(heap)
        while len(stack) > 1 and stack[-1].end <= node.start:
            stack.pop()
        top = stack[-1]
        if node.end > top.end:  # crosses the end of the node it starts in: split there
            rest = _Node(top.end, node.end, list(node.refs), list(node.kinds))
            seq += 1
            heapq.heappush(heap, (rest.start, -rest.end, _rank(rest), seq, rest))
            node = _Node(node.start, top.end, node.refs, node.kinds)
        top.children.append(node)
        stack.append(node)
    return _segments(text, root)


def _rank(node: _Node) -> int:
    return min(PRIORITY.get(k, 9) for k in node.kinds)


def _segments(text: str, node: _Node) -> list[dict]:
    out: list[dict] = []
    pos = node.start
    for child in node.children:
        if child.start > pos:
            out.append({"text": text[pos:child.start]})
        out.append({"refs": child.refs, "kinds": child.kinds, "children": _segments(text, child)})
        pos = child.end
    if pos < node.end:
        out.append({"text": text[pos:node.end]})
    return out


def flat_text(segments: list[dict]) -> str:
    """The text back from its segments (what a test checks: nothing lost, nothing doubled)."""
    return "".join(s["text"] if "text" in s else flat_text(s["children"]) for s in segments)


def depth(segments: list[dict]) -> int:
    return max((0 if "text" in s else 1 + depth(s["children"]) for s in segments), default=0)


_WORD = re.compile(r"\w+", re.UNICODE)


def find_trigger(text: str, start: int, end: int, trigger: Optional[str],
                 trigger_start: Optional[int] = None, trigger_end: Optional[int] = None) -> Optional[tuple[int, int]]:
    """Where an event's trigger words are: the offsets the result gives (`trigger_start`,
    `trigger_end`) when they lie in the text; for a result stored before it had them, a search
    inside the event's sentence [start, end): the whole trigger (case-insensitive, spaces loose),
    else its longest word; None when neither is there."""
    if trigger_start is not None and trigger_end is not None and 0 <= trigger_start < trigger_end <= len(text):
        return trigger_start, trigger_end
    if not trigger:
        return None
    sentence = text[start:end]
    words = trigger.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(rf"(?<!\w){pattern}(?!\w)", sentence, re.IGNORECASE) or re.search(pattern, sentence, re.IGNORECASE)
    if m:
        return start + m.start(), start + m.end()
    for w in sorted(_WORD.findall(trigger), key=len, reverse=True):
        if len(w) < 3:
            continue
        m = re.search(rf"(?<!\w){re.escape(w)}", sentence, re.IGNORECASE)
        if m:
            return start + m.start(), start + m.start() + len(w)
    return None
