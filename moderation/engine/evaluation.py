"""Measure an Engine on labelled rows (pure Python, no Django).

    python -m moderation.engine.evaluation FILE.csv [--misses 10] [--json]

FILE has columns ``text,label`` and optionally ``category`` (the dataset's fine label:
clean, offensive, obscene, violence, hate_race, hate_religion, ...; our rule codes are
accepted as well).  Rates are per class, because labelled sets are rarely balanced like a
real comment stream:

* leak rate        violating rows auto-approved / violating rows
* false-block rate clean rows rejected or marked spam / clean rows
* automation rate  rows decided without a human (not ``hold``) / all rows
* category match   violating rows decided ``reject`` whose first verdict category matches the
                   row's category (mapped to rule codes) / violating rows decided ``reject``
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import types as T
from .types import APPROVE, HOLD, REJECT, SPAM_DECISION

csv.field_size_limit(10_000_000)

# Dataset category -> acceptable rule codes (data README, "Rough mapping").
ACCEPTED = {
    "offensive": {T.ABUSE_PERSON, T.ABUSE_WRITER},
    "obscene": {T.PROFANITY},
    "violence": {T.SECTARIAN, T.RACIST, T.ABUSE_PERSON, T.ABUSE_WRITER},
    "hate_race": {T.RACIST},
    "hate_religion": {T.SECTARIAN, T.ABUSE_SACRED},
    "hate_ideology": {T.ABUSE_PERSON, T.ABUSE_WRITER},
    "hate_gender": {T.ABUSE_PERSON, T.ABUSE_WRITER},
    "hate_class": {T.ABUSE_PERSON, T.ABUSE_WRITER},
    "hate_disability": {T.ABUSE_PERSON, T.ABUSE_WRITER},
    "hate_other": {T.ABUSE_PERSON, T.ABUSE_WRITER, T.RACIST, T.SECTARIAN},
    **{code: {code} for code in T.CATEGORIES},
}


@dataclass(frozen=True)
class Row:
    text: str
    label: int  # 1 violating, 0 clean
    category: str = ""


@dataclass
class Scored:
    row: Row
    decision: str
    categories: tuple
    score: float
    reasons: tuple


@dataclass
class Report:
    n: int = 0
    n_violating: int = 0
    n_clean: int = 0
    leak_rate: float = 0.0
    false_block_rate: float = 0.0
    false_hold_rate: float = 0.0  # clean rows held / clean rows
    automation_rate: float = 0.0
    category_match: float = 0.0
    category_match_n: int = 0
    auc: float | None = None
    decisions: dict = field(default_factory=dict)  # (label, decision) counts
    per_category: dict = field(default_factory=dict)  # category -> {n, rejected, caught, recall}
    worst_leaks: list = field(default_factory=list)  # violating approved, lowest scores
    worst_blocks: list = field(default_factory=list)  # clean rejected/spam, highest scores
    seconds: float = 0.0

    def as_dict(self) -> dict:
        d = dict(self.__dict__)
        d["worst_leaks"] = [_miss(s) for s in self.worst_leaks]
        d["worst_blocks"] = [_miss(s) for s in self.worst_blocks]
        return d


def _miss(s: Scored) -> dict:
    return {"text": s.row.text, "category": s.row.category, "decision": s.decision,
            "score": s.score, "reasons": list(s.reasons)}


def read_rows(path: str) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [Row(r.get("text") or "", 1 if int(r["label"]) else 0,
                    (r.get("category") or "").strip())
                for r in csv.DictReader(fh)]


def auc(scores: Sequence[float], labels: Sequence[int]) -> float | None:
    """ROC AUC by the rank-sum formula (ties get average ranks); None if one class is absent."""
    pos = sum(1 for y in labels if y)
    neg = len(labels) - pos
    if not pos or not neg:
        return None
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        r = (i + j) / 2.0 + 1.0
        for k in range(i, j + 1):
            ranks[order[k]] = r
        i = j + 1
    rank_pos = sum(r for r, y in zip(ranks, labels) if y)
    return (rank_pos - pos * (pos + 1) / 2.0) / (pos * neg)


def category_matches(dataset_category: str, verdict_categories: Sequence[str]) -> bool | None:
    """Does the verdict's first category fit the row's category?  None if the row has none."""
    accepted = ACCEPTED.get(dataset_category)
    if not accepted:
        return None
    return bool(verdict_categories) and verdict_categories[0] in accepted


def score_rows(engine, rows: Iterable[Row], context=None) -> list[Scored]:
    out = []
    for row in rows:
        v = engine.evaluate(row.text, context)
        out.append(Scored(row, v.decision, tuple(v.categories), float(v.score), tuple(v.reasons)))
    return out


def summarise(scored: Sequence[Scored], misses: int = 10) -> Report:
    rep = Report(n=len(scored))
    viol = [s for s in scored if s.row.label]
    clean = [s for s in scored if not s.row.label]
    rep.n_violating, rep.n_clean = len(viol), len(clean)
    if viol:
        rep.leak_rate = sum(s.decision == APPROVE for s in viol) / len(viol)
    if clean:
        rep.false_block_rate = sum(s.decision in (REJECT, SPAM_DECISION) for s in clean) / len(clean)
        rep.false_hold_rate = sum(s.decision == HOLD for s in clean) / len(clean)
    if scored:
        rep.automation_rate = sum(s.decision != HOLD for s in scored) / len(scored)
    matched = [category_matches(s.row.category, s.categories)
               for s in viol if s.decision == REJECT]
    matched = [m for m in matched if m is not None]
    rep.category_match_n = len(matched)
    rep.category_match = sum(matched) / len(matched) if matched else 0.0
    rep.auc = auc([s.score for s in scored], [s.row.label for s in scored])
    for s in scored:
        key = f"{'violating' if s.row.label else 'clean'}/{s.decision}"
        rep.decisions[key] = rep.decisions.get(key, 0) + 1
    for s in viol:
        c = rep.per_category.setdefault(s.row.category or "?", {"n": 0, "rejected": 0, "caught": 0,
                                                               "matched": 0})
        c["n"] += 1
        c["rejected"] += s.decision in (REJECT, SPAM_DECISION)
        c["caught"] += s.decision != APPROVE
        c["matched"] += bool(s.decision == REJECT and category_matches(s.row.category, s.categories))
    for c in rep.per_category.values():
        c["recall"] = c["caught"] / c["n"]
        c["reject_recall"] = c["rejected"] / c["n"]
    rep.worst_leaks = sorted((s for s in viol if s.decision == APPROVE), key=lambda s: s.score)[:misses]
    rep.worst_blocks = sorted((s for s in clean if s.decision in (REJECT, SPAM_DECISION)),
                              key=lambda s: -s.score)[:misses]
    return rep


def evaluate_rows(engine, rows: Iterable[Row], misses: int = 10, context=None) -> Report:
    t0 = time.perf_counter()
    rep = summarise(score_rows(engine, rows, context), misses)
    rep.seconds = time.perf_counter() - t0
    return rep


def format_report(rep: Report, show_text: bool = True) -> str:
    pct = lambda x: f"{100 * x:5.1f} %"  # noqa: E731
    lines = [
        f"rows {rep.n}: {rep.n_violating} violating, {rep.n_clean} clean "
        f"({rep.seconds:.1f} s, {rep.n / rep.seconds if rep.seconds else 0:.0f} rows/s)",
        f"leak rate         {pct(rep.leak_rate)}   (violating auto-approved)",
        f"false-block rate  {pct(rep.false_block_rate)}   (clean rejected or spam)",
        f"false-hold rate   {pct(rep.false_hold_rate)}   (clean held for a human)",
        f"automation rate   {pct(rep.automation_rate)}   (decided without a human)",
        f"category match    {pct(rep.category_match)}   (of {rep.category_match_n} rejected violating rows)",
        f"ROC AUC (score)   {rep.auc:.3f}" if rep.auc is not None else "ROC AUC (score)   n/a",
        "decisions: " + ", ".join(f"{k} {v}" for k, v in sorted(rep.decisions.items())),
        "per category (violating rows): n, caught (not approved), rejected, category matched",
    ]
    for cat, c in sorted(rep.per_category.items()):
        lines.append(f"  {cat:16s} {c['n']:5d}  caught {pct(c['recall'])}  rejected "
                     f"{pct(c['reject_recall'])}  matched {c['matched']}")
    if show_text:
        lines.append("worst leaks (violating, approved, lowest score):")
        for s in rep.worst_leaks:
            lines.append(f"  {s.score:.3f} [{s.row.category}] {s.row.text[:120]!r}")
        lines.append("worst false blocks (clean, rejected/spam, highest score):")
        for s in rep.worst_blocks:
            lines.append(f"  {s.score:.3f} {s.decision} {list(s.categories)} {s.row.text[:120]!r} "
                         f"<- {'; '.join(s.reasons)[:160]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Measure the moderation engine on a labelled CSV.")
    ap.add_argument("file", help="CSV with text,label[,category]")
    ap.add_argument("--misses", type=int, default=10, help="worst misses to list (0 = none)")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--strict", action="store_true", help="evaluate as a strict article")
    args = ap.parse_args(argv)
    from . import default_engine
    from .types import Context

    engine = default_engine()
    rep = evaluate_rows(engine, read_rows(args.file), args.misses,
                        Context(strict=True) if args.strict else None)
    if args.json:
        json.dump({"version": engine.version, **rep.as_dict()}, sys.stdout, ensure_ascii=False,
                  indent=1, default=str)
        print()
    else:
        print(f"engine {engine.version}")
        print(format_report(rep, show_text=args.misses > 0))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
