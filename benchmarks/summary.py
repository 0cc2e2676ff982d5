"""Small pure helpers shared by the benchmarks: medians, distributions, byte and time formatting."""
from __future__ import annotations

import statistics
from dataclasses import dataclass

KB = 1000  # targets are in KB (1000 bytes), the stricter reading of "100 KB"


@dataclass(frozen=True)
class Distribution:
    count: int
    minimum: float
    median: float
    p90: float
    maximum: float


def distribution(values) -> Distribution:
    """Min, median, 90th percentile (nearest rank) and max of a non-empty list of numbers."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("distribution of no values")
    rank = max(1, -(-len(ordered) * 9 // 10))  # ceil(0.9 n), nearest-rank percentile
    return Distribution(len(ordered), ordered[0], statistics.median(ordered), ordered[rank - 1], ordered[-1])


def median(values) -> float:
    return statistics.median(values)


def kb(n_bytes: float) -> str:
    """Bytes as KB with one decimal: 12345 -> '12.3 KB'."""
    return f"{n_bytes / KB:.1f} KB"


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "n/a"


def histogram(values, edges) -> list[tuple[str, int]]:
    """Counts of values in [edge_i, edge_i+1) buckets, labelled in KB; the last bucket is open-ended."""
    labels, counts = [], []
    for low, high in zip(edges, list(edges[1:]) + [None]):
        labels.append(f"{low / KB:.0f}–{high / KB:.0f} KB" if high is not None else f"≥ {low / KB:.0f} KB")
        counts.append(sum(1 for v in values if v >= low and (high is None or v < high)))
    return list(zip(labels, counts))


def markdown_table(header: list[str], rows: list[list]) -> str:
    """A GitHub-flavoured Markdown table; `|` in cells is escaped."""
    def cell(value) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"
