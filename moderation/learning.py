"""What moderators' decisions teach the engine: words worth listing and thresholds worth moving.

Pure reads over comments a moderator decided (approved = clean, rejected or spam = violating).
Nothing here changes a list or a setting: a moderator adds a suggested word through the word-list
form (with its backtest preview), an operator moves a threshold in the environment.

* :func:`suggest_terms`: words and word pairs (in the engine's normalised spelling) that keep coming
  back in comments moderators rejected, almost never in ones they approved, and that no listed term
  already catches.
* :func:`threshold_advice`: for comments with no listed word that the engine held on its score alone,
  how moderators decided them, by score band; and how far ``approve_below_no_hits`` could rise, or
  ``reject_above`` fall, before the comments that move would break the leak / false-block limits.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from comments.models import Comment

DECIDED = (Comment.Status.APPROVED, Comment.Status.REJECTED, Comment.Status.SPAM)


@dataclass(frozen=True)
class TermSuggestion:
    term: str  # normalised spelling, as the word-list form expects it
    rejected: int  # comments moderators rejected that hold it
    approved: int  # comments moderators approved that hold it
    precision: float  # rejected / (rejected + approved)
    rule: str  # the rule the rejected ones were most often filed under
    examples: tuple[int, ...]  # ids of rejected comments that hold it (newest first)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["examples"] = list(self.examples)
        return d


def _decided(*, days: int, now=None, limit: int | None = None):
    """(id, body, violating, categories, score, spans) of comments a moderator decided, newest first."""
    since = (now or timezone.now()) - timedelta(days=days)
    qs = (Comment.objects.filter(human_decided=True, status__in=DECIDED, decided_at__gte=since)
          .order_by("-decided_at", "-id")
          .values_list("id", "body", "status", "categories", "score", "spans"))
    limit = settings.MODERATION_LEARNING_SIZE if limit is None else limit
    for cid, body, status, cats, score, spans in qs[:limit]:
        yield cid, body, status != Comment.Status.APPROVED, cats or [], score, spans or []


def _wilson_low(k: int, n: int, z: float = 1.96) -> float:
    """Lower end of the 95 % Wilson interval of k successes in n: ranks 9/9 above 3/3."""
    if n == 0:
        return 0.0
    p = k / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - margin) / (1 + z * z / n)


VERY_COMMON_ENGLISH = 100_000  # frequency in the English word table the engine pins (you, and, send ...)


def _candidates(text: str) -> set[str]:
    """Words of three letters or more, and adjacent pairs of them, in the engine's spelling; not the
    everyday English words ("you", "send") alone, nor a pair of two of them ("and your")."""
    from moderation.engine.lexicon import english_words
    from moderation.engine.normalize import normalize

    words = [w for w in normalize(text).text.split(" ")
             if len(w) >= 3 and not w.isdigit() and any(c.isalpha() for c in w)]
    common = english_words(VERY_COMMON_ENGLISH)
    grams = {w for w in words if w not in common}
    grams.update(f"{a} {b}" for a, b in zip(words, words[1:]) if not (a in common and b in common))
    return grams


def suggest_terms(*, days: int = 90, min_rejected: int = 3, min_precision: float = 0.9, limit: int = 25,
                  lexicon=None, now=None) -> list[TermSuggestion]:
    """Words moderators keep rejecting that no listed term catches, best first.

    A word counts once per comment.  Kept when at least ``min_rejected`` rejected comments hold it and
    at least ``min_precision`` of the decided comments that hold it were rejected; ranked by the lower
    end of the 95 % interval of that share, so a word seen in 12 rejected comments comes before one
    seen in 3.  A pair is left out when one of its words is suggested on its own.
    """
    if lexicon is None:
        from moderation.runtime import get_engine

        lexicon = get_engine().lexicon
    rejected: Counter = Counter()
    approved: Counter = Counter()
    rules: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[int]] = defaultdict(list)
    for cid, body, violating, cats, _score, _spans in _decided(days=days, now=now):
        grams = _candidates(body)
        if not violating:
            approved.update(grams)
            continue
        rejected.update(grams)
        rule = cats[0] if cats else "abuse_person"
        for g in grams:
            rules[g][rule] += 1
            if len(examples[g]) < 3:
                examples[g].append(cid)
    covered: dict[str, bool] = {}

    def listed(gram: str) -> bool:
        if gram not in covered:
            # any listed entry, markers included: "الكاتب" or "نبيكم" give context, they insult nobody
            covered[gram] = lexicon is not None and bool(lexicon.find(gram))
        return covered[gram]

    ranked = []
    for gram, k in rejected.items():
        n = k + approved[gram]
        if k < min_rejected or k / n < min_precision or listed(gram):
            continue
        ranked.append((_wilson_low(k, n), k, gram))
    ranked.sort(key=lambda r: (-r[0], -r[1], r[2]))
    chosen = {g for *_, g in ranked if " " not in g}
    out: list[TermSuggestion] = []
    for _low, k, gram in ranked:
        if " " in gram and any(w in chosen for w in gram.split(" ")):
            continue
        out.append(TermSuggestion(gram, k, approved[gram], round(k / (k + approved[gram]), 3),
                                  rules[gram].most_common(1)[0][0], tuple(examples[gram])))
        if len(out) >= limit:
            break
    return out


def threshold_advice(*, days: int = 90, max_leak: float | None = None, max_false_block: float | None = None,
                     min_reviewed: int | None = None, config=None, now=None) -> dict:
    """How moderators decided the comments with no listed word, by engine score, and what that says
    about the thresholds.

    Only comments whose engine verdict matched no listed word at all (not even a marker) are used:
    for them the score alone decides, and ``approve_below_no_hits`` is the knob that approves them.
    Raising it to t would have published the reviewed comments scored between the current threshold
    and t: the advice is the highest t (in steps of 0.05) at which at least ``min_reviewed`` of them
    were reviewed and at most ``max_leak`` of those were rejected.  Lowering ``reject_above`` to t would
    have rejected the reviewed comments scored between t and it: the lowest t at which at most
    ``max_false_block`` of them were approved.  None when the data does not support a move.
    """
    if config is None:
        from moderation.runtime import engine_config

        config = engine_config()
    max_leak = settings.MODERATION_ADVICE_MAX_LEAK if max_leak is None else max_leak
    max_false_block = settings.MODERATION_ADVICE_MAX_FALSE_BLOCK if max_false_block is None else max_false_block
    min_reviewed = settings.MODERATION_ADVICE_MIN_REVIEWED if min_reviewed is None else min_reviewed
    rows = [(score, violating) for _cid, _body, violating, _cats, score, spans in _decided(days=days, now=now)
            if score is not None and not spans]
    bands = []
    for i in range(20):
        lo, hi = i / 20, (i + 1) / 20
        inside = [v for s, v in rows if lo <= s < hi or (i == 19 and s == 1.0)]
        if inside:
            bands.append({"low": lo, "high": hi, "approved": inside.count(False), "rejected": inside.count(True)})
    approve_now = max(config.approve_below, config.approve_below_no_hits)
    reject_now = config.reject_above

    def share(lo: float, hi: float, violating: bool) -> tuple[int, int]:
        moved = [v for s, v in rows if lo <= s < hi]
        return len(moved), sum(1 for v in moved if v == violating)

    def seen(lo: float, hi: float) -> bool:  # a move reaches only as far as the reviewed comments do
        return any(lo <= s < hi for s, _v in rows)

    approve = {"setting": "approve_below_no_hits", "env": "MODERATION_APPROVE_BELOW_NO_HITS",
               "current": round(approve_now, 2), "suggested": None, "would_decide": 0, "moderators_disagreed": 0}
    t = round(math.floor(approve_now * 20 + 1e-9) / 20 + 0.05, 2)
    while t < reject_now:
        n, bad = share(approve_now, t, True)
        if n >= min_reviewed and bad / n <= max_leak and seen(t - 0.05, t):
            approve.update(suggested=t, would_decide=n, moderators_disagreed=bad)
        t = round(t + 0.05, 2)
    reject = {"setting": "reject_above", "env": "MODERATION_REJECT_ABOVE", "current": round(reject_now, 2),
              "suggested": None, "would_decide": 0, "moderators_disagreed": 0}
    t = round(math.ceil(reject_now * 20 - 1e-9) / 20 - 0.05, 2)
    floor = max(approve_now, approve["suggested"] or 0.0) + 0.1
    while t >= floor:
        n, good = share(t, reject_now, False)
        if n >= min_reviewed and good / n <= max_false_block and seen(t, t + 0.05):
            reject.update(suggested=t, would_decide=n, moderators_disagreed=good)
        t = round(t - 0.05, 2)
    return {
        "reviewed": len(rows),
        "bands": bands,
        "approve": approve,
        "reject": reject,
        "limits": {"max_leak": max_leak, "max_false_block": max_false_block, "min_reviewed": min_reviewed},
    }
