"""Word lists in the database: seeding, the version fingerprint, the per-process engine rebuild."""
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
    assert sync_default_terms() == (0, len(defaults))
    edited.refresh_from_db()
    assert (edited.action, edited.enabled) == ("suspect", False)  # a moderator's edit survives a sync


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
