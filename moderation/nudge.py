"""The pre-posting nudge: tell a reader which posted rule a draft seems to break, quoting their words."""
import re
from dataclasses import dataclass

from moderation.models import Term

RULE_CATEGORIES = {choice.value for choice in Term.Category}
QUOTED = re.compile(r"«([^»]+)»")


@dataclass(frozen=True)
class DraftCheck:
    ok: bool
    categories: tuple[str, ...]
    reasons: tuple[str, ...]
    rules: tuple[tuple[str, tuple[str, ...]], ...]  # (translated rule label, quoted words)


def draft_check(body: str) -> DraftCheck:
    """Fast synchronous check of a draft (engine.check); posting anyway is always allowed."""
    from moderation.runtime import get_engine

    text = (body or "").strip()
    if not text:
        return DraftCheck(True, (), (), ())
    try:
        verdict = get_engine().check(text)
    except Exception:  # a nudge must never block posting; moderation proper still runs later
        return DraftCheck(True, (), (), ())
    categories = tuple(c for c in verdict.categories if c in RULE_CATEGORIES)
    ok = verdict.decision == "approve" or not categories
    rules = []
    for code in categories:
        # The engine's reasons read "code: «words» + «words» (why)"; quote what the reader wrote.
        quoted = (QUOTED.findall(r) for r in verdict.reasons if r.startswith(f"{code}:"))
        words = tuple(dict.fromkeys(w for found in quoted for w in found))
        rules.append((str(Term.Category(code).label), words))
    return DraftCheck(ok, categories, tuple(verdict.reasons), tuple(rules))
