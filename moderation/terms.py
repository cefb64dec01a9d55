"""Word lists in the database: seeding from the engine's defaults, reading them as engine data, their version."""
from __future__ import annotations

import hashlib
import logging

from django.db.models import Count, Max

logger = logging.getLogger(__name__)


def default_term_specs() -> list | None:
    """The engine's built-in lists, or None while the engine package is not importable."""
    try:
        from moderation.engine.wordlists import default_terms
    except ImportError:
        return None
    return list(default_terms())


def sync_default_terms(*, term_model=None, overwrite: bool = False) -> tuple[int, int]:
    """Add the engine's default terms missing from the table; returns (created, total defaults).

    Idempotent: existing rows (perhaps edited or disabled by a moderator) are left alone unless
    `overwrite` is set. `term_model` lets a data migration pass its historical model.
    """
    if term_model is None:
        from moderation.models import Term as term_model
    specs = default_term_specs()
    if specs is None:
        logger.warning("moderation.engine.wordlists is not importable yet: no default terms seeded")
        return 0, 0
    existing = {(t, c, k): pk for pk, t, c, k in term_model.objects.values_list("pk", "term", "category", "kind")}
    new, created = [], 0
    for spec in specs:
        key = (spec.term, spec.category, spec.kind)
        values = {"action": spec.action, "lang": spec.lang, "affix": getattr(spec, "affix", "auto")}
        if key in existing:
            if overwrite:
                term_model.objects.filter(pk=existing[key]).update(**values)
            continue
        existing[key] = None
        new.append(term_model(term=spec.term, category=spec.category, kind=spec.kind, note="default list", **values))
    for start in range(0, len(new), 500):
        created += len(term_model.objects.bulk_create(new[start:start + 500]))
    return created, len(specs)


def term_specs_from_rows(rows) -> list:
    """TermSpec values for the engine from Term rows (or unsaved Term instances)."""
    from moderation.engine.types import TermSpec

    return [
        TermSpec(term=r.term, category=r.category, action=r.action, lang=r.lang, kind=r.kind, affix=r.affix or "auto")
        for r in rows
    ]


def enabled_term_specs() -> list:
    from moderation.models import Term

    return term_specs_from_rows(Term.objects.filter(enabled=True).order_by("pk"))


def term_list_version() -> str:
    """A cheap fingerprint of the word lists: changes whenever a term is added, edited, toggled or deleted.

    "default" when the table is empty (the engine then uses its built-in lists).
    """
    from moderation.models import Term

    agg = Term.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    if not agg["n"]:
        return "default"
    raw = f"{agg['n']}|{agg['top']}|{agg['last'].isoformat() if agg['last'] else ''}"
    return f"wl{agg['n']}-{hashlib.sha1(raw.encode()).hexdigest()[:8]}"
