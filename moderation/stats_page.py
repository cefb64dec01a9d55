"""The stats page's context: numbers from moderation.selectors drawn as server-side SVG charts."""
from __future__ import annotations

from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from moderation import charts, learning, selectors

LEARNING_DAYS = 90  # what moderators' decisions teach the engine: read over this window
LEARNING_CACHE_SECONDS = 600


def stats_context(*, days: int = 14) -> dict:
    days = max(1, min(days, 90))
    stats = selectors.moderation_stats(days=days)
    columns = [d.strftime("%m-%d") for d in stats["days"]]
    cat_series = [stats["by_category"][d] for d in stats["days"]]
    dec_series = [stats["by_decider"][d] for d in stats["days"]]
    cat_keys = sorted({k for s in cat_series for k in s})
    dec_keys = sorted({k for s in dec_series for k in s})
    queue = stats["queue"]
    agreement_rows = []
    for cat, row in sorted(stats["agreement"].items()):
        rate = row["overturned"] / row["reviewed"] if row["reviewed"] else 0.0
        agreement_rows.append((cat, rate, f"{rate:.0%} ({row['overturned']}/{row['reviewed']})"))
    return {
        "days": days,
        "stats": stats,
        "chart_categories": charts.stacked_bars(columns=columns, series=cat_series, keys=cat_keys,
                                                title=_("Decisions per day by rule")),
        "chart_deciders": charts.stacked_bars(columns=columns, series=dec_series, keys=dec_keys,
                                              title=_("Decisions per day by decider")),
        "chart_queue": charts.hbars(rows=[(label, n, str(n)) for label, n in queue["ages"].items()],
                                    title=_("Comments waiting, by age")),
        "chart_agreement": charts.hbars(rows=agreement_rows, max_value=1.0, colour="#b8322f",
                                        title=_("How often moderators overturn the engine, per rule")),
        "agreement_rows": agreement_rows,
        **learning_context(days=LEARNING_DAYS),
    }


def learning_context(*, days: int) -> dict:
    """Words moderators keep rejecting that no list catches (each with a link to the word-list form,
    filled in as a suspect term: its preview shows what it would catch before anything is saved), and
    how they decided the comments the engine held on its score alone."""
    add_url = reverse("admin:moderation_term_add")
    terms, advice = _learned(days)
    suggestions = [
        (sug, f"{add_url}?" + urlencode({
            "term": sug.term, "category": sug.rule, "action": "suspect", "kind": "insult", "lang": _lang(sug.term),
            "note": _("suggested from %(n)d rejected comments") % {"n": sug.rejected}}))
        for sug in terms
    ]
    bands = advice["bands"]
    columns = [f"{b['low']:.2f}" for b in bands]
    series = [{_("approved"): b["approved"], _("rejected"): b["rejected"]} for b in bands]
    return {
        "learning_days": days,
        "suggestions": suggestions,
        "advice": advice,
        "chart_bands": charts.stacked_bars(
            columns=columns, series=series, keys=[_("approved"), _("rejected")],
            title=_("Comments with no listed word that moderators decided, by engine score")) if bands else "",
    }


def _learned(days: int):
    """Suggestions and advice, read again only when a decision or a word-list change came since
    (reading a few thousand decided comments takes about a second)."""
    from moderation.models import ModerationDecision
    from moderation.terms import term_list_version

    latest = ModerationDecision.objects.aggregate(m=Max("id"))["m"] or 0
    key = f"moderation:learning:{days}:{latest}:{term_list_version()}"
    found = cache.get(key)
    if found is None:
        found = (learning.suggest_terms(days=days), learning.threshold_advice(days=days))
        cache.set(key, found, LEARNING_CACHE_SECONDS)
    return found


def _lang(term: str) -> str:
    return "ar" if any("\u0600" <= c <= "\u06ff" for c in term) else "en"
