"""Word lists in the database: seeding, the version fingerprint, the per-process engine rebuild."""
import io

import pytest

from moderation import runtime, workspace
from moderation.engine.types import Context
from moderation.models import RuleChange, Term
from moderation.terms import default_term_specs, sync_default_terms, term_list_version

pytestmark = pytest.mark.django_db
WORD = "قرقوزان"  # invented


@pytest.fixture(autouse=True)
def fresh_engine(settings):
    settings.MODERATION_TERMS_CHECK_SECONDS = 0
    runtime.reset_engine()
    yield
    runtime.reset_engine()


def test_migration_seeded_the_defaults_and_sync_is_idempotent():
    defaults = default_term_specs()
    assert defaults and Term.objects.count() >= len({(t.term, t.category, t.kind) for t in defaults})
    edited = Term.objects.first()
    edited.action, edited.enabled = "suspect", False
    edited.save()
    result = sync_default_terms()
    assert (result.created, result.updated, result.retired) == (0, 0, 0)
    assert result.total == len({(t.term, t.category, t.kind) for t in defaults})
    edited.refresh_from_db()
    assert (edited.action, edited.enabled) == ("suspect", False)  # a moderator's edit survives a sync


def test_a_changed_default_reaches_untouched_rows_only():
    from django.core.management import call_command

    from moderation.terms import DEFAULT_NOTE, term_fingerprint

    spec = next(t for t in default_term_specs() if t.action == "suspect" and t.kind == "insult")
    # this row still holds what an older default list gave it (block): nobody edited it
    row = Term.objects.get(term=spec.term, category=spec.category, kind=spec.kind)
    Term.objects.filter(pk=row.pk).update(action="block", seeded=term_fingerprint("block", row.lang, row.affix, True))
    # this one was edited by a moderator after seeding (values differ from what was seeded)
    other = next(t for t in default_term_specs() if t.action == "suspect" and t.kind == "insult" and t.term != spec.term)
    mine = Term.objects.get(term=other.term, category=other.category, kind=other.kind)
    Term.objects.filter(pk=mine.pk).update(action="block", seeded=term_fingerprint("marker", mine.lang, mine.affix, True))
    # a default the engine no longer ships, untouched, and a term a moderator added
    gone = Term.objects.create(term="كلمةقديمةجدا", category="abuse_person", kind="insult", action="block",
                               note=DEFAULT_NOTE, seeded=term_fingerprint("block", "ar", "auto", True))
    added = Term.objects.create(term="كلمةمشرفجديدة", category="abuse_person", kind="insult", action="block")
    call_command("sync_default_terms", stdout=io.StringIO())
    for obj in (row, mine, gone, added):
        obj.refresh_from_db()
    assert row.action == spec.action == "suspect"
    assert mine.action == "block"  # the moderator's edit is kept
    assert not gone.enabled and added.enabled
    logged = set(RuleChange.objects.filter(target="term").values_list("object_id", "action"))
    assert {(row.pk, "update"), (gone.pk, "disable")} <= logged
    assert not any(pk in (mine.pk, added.pk) for pk, _ in logged)
    # running again changes nothing
    again = sync_default_terms()
    assert (again.created, again.updated, again.retired) == (0, 0, 0)


def test_engine_follows_term_edits_without_restart():
    text = f"رأيي أن الفكرة {WORD} ولا تصلح"
    assert runtime.get_engine().evaluate(text, Context()).decision != "reject"
    version = term_list_version()
    term = workspace.term_save(term=Term(term=WORD, category="profanity", action="block"), actor=None)
    assert term_list_version() != version
    verdict = runtime.get_engine().evaluate(text, Context())
    assert verdict.decision == "reject" and any(h.term == WORD for h in verdict.hits)
    workspace.terms_set_enabled(term_ids=[term.pk], enabled=False, actor=None)
    assert runtime.get_engine().evaluate(text, Context()).decision != "reject"
    assert list(RuleChange.objects.order_by("id").values_list("action", flat=True)) == ["create", "update"]


def test_engine_is_cached_between_checks(settings):
    settings.MODERATION_TERMS_CHECK_SECONDS = 3600
    engine = runtime.get_engine()
    Term.objects.create(term=WORD, category="profanity")
    assert runtime.get_engine() is engine  # no query storm: one version check per period per process


def test_an_empty_table_means_the_built_in_lists_never_no_lists():
    Term.objects.all().delete()
    assert term_list_version() == "default"
    assert runtime.get_engine().evaluate("أنت حمار وغبي", Context()).decision in ("reject", "hold")


def test_the_admin_form_refuses_a_kind_the_engine_does_not_read():
    from moderation.admin import TermForm
    form = TermForm(data={"term": "كلمة", "category": "profanity", "action": "block", "kind": "insults",
                          "lang": "ar", "affix": "auto", "enabled": True})
    assert not form.is_valid() and "kind" in form.errors
    form = TermForm(data={"term": "كلمة", "category": "profanity", "action": "block", "kind": "obscene",
                          "lang": "ar", "affix": "word", "enabled": True})
    assert form.is_valid(), form.errors
