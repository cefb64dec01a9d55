"""The stats page's context: numbers from moderation.selectors drawn as server-side SVG charts."""
from __future__ import annotations

from django.utils.translation import gettext as _

from moderation import charts, selectors


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
    }
