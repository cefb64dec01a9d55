"""Word lists in the database: seeding from the engine's defaults, reading them as engine data, their version."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db.models import Count, Max

logger = logging.getLogger(__name__)


def default_term_specs() -> list | None:
    """The engine's built-in lists, or None while the engine package is not importable."""
    try:
        from moderation.engine.wordlists import default_terms
    except ImportError:
        return None
    return list(default_terms())


DEFAULT_NOTE = "default list"


def term_fingerprint(action: str, lang: str, affix: str, enabled: bool) -> str:
    """The values a default-list sync sets on a row, as one comparable string."""
    return f"{action}|{lang}|{affix or 'auto'}|{int(bool(enabled))}"


def _row_fingerprint(row) -> str:
    return term_fingerprint(row.action, row.lang, row.affix, row.enabled)


@dataclass(frozen=True)
class SyncResult:
    created: int  # default terms added
    total: int  # default terms shipped with the engine
    updated: int = 0  # untouched default rows brought to the engine's new values
    retired: int = 0  # untouched default rows disabled: the engine no longer ships them


def sync_default_terms(*, term_model=None, overwrite: bool = False, log=None) -> SyncResult:
    """Bring the word-list table up to the engine's default lists (safe to run again).

    * a default term missing from the table is added;
    * a row seeded from the defaults that nobody has edited since (it still matches what the last
      sync set, see ``Term.seeded``) follows the engine: new action / language / affix, or disabled
      when the engine no longer ships the term;
    * a row a moderator edited, disabled or added is left alone, unless ``overwrite`` (then every
      default term gets the engine's values again).

    ``log(row, action, summary)`` is called for every change of an existing row (the management
    command writes the audit log with it); ``term_model`` lets a data migration pass its
    historical model.
    """
    if term_model is None:
        from moderation.models import Term as term_model
    specs = default_term_specs()
    if specs is None:
        logger.warning("moderation.engine.wordlists is not importable yet: no default terms seeded")
        return SyncResult(0, 0)
    if not any(f.name == "seeded" for f in term_model._meta.get_fields()):
        return _seed_only(term_model, specs)  # a data migration from before the field existed
    rows = {(r.term, r.category, r.kind): r for r in term_model.objects.all()}
    new, seen = [], set()
    updated = retired = 0
    for spec in specs:
        key = (spec.term, spec.category, spec.kind)
        if key in seen:
            continue
        seen.add(key)
        affix = getattr(spec, "affix", "auto") or "auto"
        target = term_fingerprint(spec.action, spec.lang, affix, True)
        row = rows.get(key)
        if row is None:
            new.append(_default_row(term_model, spec, seeded=target))
            continue
        untouched = bool(row.seeded) and row.seeded == _row_fingerprint(row)
        if (overwrite or untouched) and _row_fingerprint(row) != target:
            before = f"{row.action}{'' if row.enabled else ' (disabled)'}"
            row.action, row.lang, row.affix, row.enabled, row.seeded = spec.action, spec.lang, affix, True, target
            row.save(update_fields=["action", "lang", "affix", "enabled", "seeded", "updated_at"])
            updated += 1
            if log:
                log(row, "update", f"{row.term} {row.category}: {before} -> {row.action} (default list changed)")
        elif overwrite and row.seeded != target:
            term_model.objects.filter(pk=row.pk).update(seeded=target)
    for key, row in rows.items():
        if key in seen or row.note != DEFAULT_NOTE or not row.enabled:
            continue
        if row.seeded and row.seeded == _row_fingerprint(row):
            row.enabled = False
            row.seeded = _row_fingerprint(row)
            row.save(update_fields=["enabled", "seeded", "updated_at"])
            retired += 1
            if log:
                log(row, "disable", f"{row.term} {row.category}: no longer in the default list")
    created = len(term_model.objects.bulk_create(new, batch_size=500))
    return SyncResult(created, len(seen), updated, retired)


def _default_row(term_model, spec, **extra):
    """An unsaved row for one default term, with the engine's values."""
    return term_model(term=spec.term, category=spec.category, kind=spec.kind, note=DEFAULT_NOTE,
                      action=spec.action, lang=spec.lang, affix=getattr(spec, "affix", "auto") or "auto", **extra)


def _seed_only(term_model, specs) -> SyncResult:
    existing = set(term_model.objects.values_list("term", "category", "kind"))
    new = []
    for spec in specs:
        key = (spec.term, spec.category, spec.kind)
        if key not in existing:
            existing.add(key)
            new.append(_default_row(term_model, spec))
    created = len(term_model.objects.bulk_create(new, batch_size=500))
    return SyncResult(created, len({(t.term, t.category, t.kind) for t in specs}))


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
