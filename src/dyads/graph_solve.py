"""The solver behind `graph.camps`: the two-way split of a signed graph that minimises the
frustration (structural balance), exact by branch and bound for small components, by spectral
initialisation, restarts and single-node passes for larger ones. Graph-agnostic but for
`signed_weight` and `_signed_pairs`, which read a networkx graph's edges.
"""
from __future__ import annotations

import heapq
import random
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np

if TYPE_CHECKING:
    import networkx as nx

EPS = 1e-9


def signed_weight(d: Mapping[str, Any]) -> float:
    """An edge's balance weight, signed: `value` when present, else `sign` × |`weight`|
    (weight 1 by default), else `weight` itself."""
    if "value" in d:
        return float(d["value"])
    w = float(d.get("weight", 1))
    return float(d["sign"]) * abs(w) if "sign" in d else w


def _signed_pairs(G: nx.Graph) -> dict[tuple, float]:
    """Fold any graph (directed, multi) into unordered pairs with a summed signed weight."""
    order = {n: i for i, n in enumerate(G.nodes)}
    pairs: dict[tuple, float] = {}
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        if order[u] > order[v]:
            u, v = v, u
        pairs[(u, v)] = pairs.get((u, v), 0.0) + signed_weight(d)
    return {p: w for p, w in pairs.items() if abs(w) > EPS}


def _cost(x: list[int], edges: list[tuple[int, int, float]]) -> float:
    return sum(abs(w) for i, j, w in edges if w * x[i] * x[j] < 0)


def _spectral(n: int, edges: list[tuple[int, int, float]], rng: random.Random, iters: int = 300) -> list[int]:
    """Signs of the leading eigenvector of the signed adjacency matrix (power iteration on
    A + cI): exact camps on a balanced component, a good start otherwise."""
    u = np.array([e[0] for e in edges]); v = np.array([e[1] for e in edges]); w = np.array([e[2] for e in edges])
    deg = np.zeros(n); np.add.at(deg, u, np.abs(w)); np.add.at(deg, v, np.abs(w))
    c = float(deg.max()) or 1.0
    x = np.array([1.0 + 0.01 * rng.random() for _ in range(n)])
    x /= np.linalg.norm(x)
    for _ in range(iters):
        y = c * x
        np.add.at(y, u, w * x[v]); np.add.at(y, v, w * x[u])
        y /= np.linalg.norm(y)
        if np.linalg.norm(y - x) < 1e-10:
            x = y
            break
        x = y
    return [1 if val >= 0 else -1 for val in x]


def _local_search(x: list[int], adj: list[list[tuple[int, float]]], max_passes: int = 50) -> list[int]:
    """Fiduccia–Mattheyses passes: flip every node once, best gain first, keep the best prefix."""
    x = list(x)
    n = len(x)

    def gains() -> list[float]:  # gain of flipping i: -x_i Σ w_ij x_j
        return [-x[i] * sum(w * x[j] for j, w in adj[i]) for i in range(n)]

    for _ in range(max_passes):
        g = gains()
        locked = [False] * n
        heap = [(-g[i], i) for i in range(n)]
        heapq.heapify(heap)
        cum = best = 0.0
        best_k = 0
        moves: list[int] = []
        while heap:
            ng, i = heapq.heappop(heap)
            if locked[i] or -ng != g[i]:
                continue
            locked[i] = True
            x[i] = -x[i]
            cum += g[i]
            g[i] = -g[i]
            moves.append(i)
            for j, w in adj[i]:
                g[j] -= 2 * w * x[i] * x[j]
                if not locked[j]:
                    heapq.heappush(heap, (-g[j], j))
            if cum > best + EPS:
                best, best_k = cum, len(moves)
        for i in moves[best_k:]:
            x[i] = -x[i]
        if best_k == 0:
            break
    return x


def _heuristic(n: int, edges, adj, seed: int, restarts: int) -> list[int]:
    rng = random.Random(seed)
    starts = [_spectral(n, edges, rng), [1] * n] + [[rng.choice((-1, 1)) for _ in range(n)] for _ in range(restarts)]
    best, best_cost = None, float("inf")
    for s in starts:
        x = _local_search(s, adj)
        c = _cost(x, edges)
        if c < best_cost - EPS:
            best, best_cost = x, c
    return best


def _exact(n: int, adj, x0: list[int], cost0: float, budget: int = 2_000_000) -> tuple[list[int], bool]:
    """Branch and bound from the upper bound `cost0` of `x0`. The bound adds, for each
    unassigned node, the least cost of its edges to assigned nodes: (A_k - |f_k|) / 2 with
    A_k = Σ|w| and f_k = Σ w x_j over assigned neighbours j. Returns (best, proven)."""
    # order: strongest node first, then the node most tied to those already placed
    strength = [sum(abs(w) for _, w in adj[i]) for i in range(n)]
    order = [max(range(n), key=lambda i: (strength[i], -i))]
    tie = [0.0] * n
    placed = {order[0]}
    while len(order) < n:
        for j, w in adj[order[-1]]:
            tie[j] += abs(w)
        order.append(max((i for i in range(n) if i not in placed), key=lambda i: (tie[i], strength[i], -i)))
        placed.add(order[-1])
    A = [0.0] * n
    f = [0.0] * n
    x = [0] * n
    best = {"x": list(x0), "cost": cost0}
    steps = [0]

    def bound_rest(depth: int) -> float:
        return sum(A[k] - abs(f[k]) for k in order[depth:]) / 2

    def place(i: int, s: int, sign: int) -> None:
        x[i] = s if sign > 0 else 0
        for j, w in adj[i]:
            A[j] += sign * abs(w)
            f[j] += sign * w * s

    def search(depth: int, cost: float) -> bool:
        steps[0] += 1
        if steps[0] > budget:
            return False
        if depth == n:
            if cost < best["cost"] - EPS:
                best["x"], best["cost"] = list(x), cost
            return True
        i = order[depth]
        choices = (1,) if depth == 0 else sorted((1, -1), key=lambda s: -s * f[i])
        for s in choices:
            add = (A[i] - s * f[i]) / 2  # cost of i's edges to assigned nodes
            place(i, s, +1)
            if cost + add + bound_rest(depth + 1) < best["cost"] - EPS:
                if not search(depth + 1, cost + add):
                    place(i, s, -1)
                    return False
            place(i, s, -1)
        return True

    proven = search(0, 0.0)
    return best["x"], proven
