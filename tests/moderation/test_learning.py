"""What moderators' decisions teach the engine: suggested words and threshold advice (statistics page,
staff API, `manage.py moderation_advice`)."""
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment
from moderation import learning
from tests.conftest import make_comment
from tests.moderation.workspace_support import make_moderator, mod_client, moderator  # noqa: F401

pytestmark = pytest.mark.django_db
UNLISTED = "زقنبوط"  # made up: in no word list


def decided(body, status, *, human=True, score=0.5, categories=(), spans=()):
    return make_comment(body=body, status=status, human_decided=human, decided_at=timezone.now(), score=score,
                        categories=list(categories), spans=list(spans))


def test_a_word_moderators_keep_rejecting_is_suggested_with_its_rule_and_examples():
    ids = [decided(f"يا {UNLISTED} رقم {i} الحكومة", Comment.Status.REJECTED, categories=["abuse_person"]).pk
           for i in range(5)]
    for i in range(5):
        decided(f"الحكومة قررت رفع الأسعار {i}", Comment.Status.APPROVED)
    got = {s.term: s for s in learning.suggest_terms()}
    sug = got[UNLISTED]
    assert (sug.rejected, sug.approved, sug.precision, sug.rule) == (5, 0, 1.0, "abuse_person")
    assert set(sug.examples) <= set(ids) and len(sug.examples) == 3
    assert "الحكومه" not in got  # as common in approved comments
    assert f"يا {UNLISTED}" not in got  # a pair is left out when its word is suggested alone


def test_listed_rare_undecided_and_mixed_words_are_not_suggested():
    for i in range(5):
        decided(f"انت غبي جدا {i}", Comment.Status.REJECTED)  # already listed
        decided(f"كلمة {UNLISTED} {i}", Comment.Status.REJECTED, human=False)  # the engine decided, not a moderator
    decided("مرفوض فلنقوص", Comment.Status.REJECTED)  # only twice: below min_rejected
    decided("مرفوض فلنقوص", Comment.Status.REJECTED)
    for i in range(4):
        decided(f"بقدونسي {i}", Comment.Status.REJECTED)
    decided("بقدونسي", Comment.Status.APPROVED)  # 4 of 5 rejected: below 90 %
    for i in range(5):  # everyday English words and listed context words (the writer) are no insults
        decided(f"send you are the writer الكاتب {i}", Comment.Status.REJECTED)
    got = {s.term for s in learning.suggest_terms()}
    assert not got & {"غبي", UNLISTED, "فلنقوص", "بقدونسي", "send", "you are", "الكاتب", "writer"}, got
    assert "send you" not in got and "you are" not in got


def test_threshold_advice_reaches_as_far_as_the_reviewed_comments_do(settings):
    settings.MODERATION_ADVICE_MIN_REVIEWED = 10
    for _ in range(12):
        decided("رأي عادي", Comment.Status.APPROVED, score=0.27)
        decided("رأي آخر", Comment.Status.REJECTED, score=0.86)
    decided("فيه كلمة مدرجة", Comment.Status.REJECTED, score=0.27, spans=[{"start": 0, "end": 2}])  # not score-only
    advice = learning.threshold_advice()
    assert advice["reviewed"] == 24
    assert advice["approve"]["suggested"] == 0.3 and advice["approve"]["would_decide"] == 12
    assert advice["approve"]["moderators_disagreed"] == 0
    # the reject threshold moves down to the band the comments were in, no further
    assert advice["reject"]["suggested"] == 0.85 and advice["reject"]["would_decide"] == 12
    bands = {(b["low"], b["high"]): (b["approved"], b["rejected"]) for b in advice["bands"]}
    assert bands == {(0.25, 0.3): (12, 0), (0.85, 0.9): (0, 12)}


def test_no_move_when_moderators_disagree_or_too_few_reviewed(settings):
    settings.MODERATION_ADVICE_MIN_REVIEWED = 10
    for i in range(12):
        decided("رأي", Comment.Status.REJECTED if i < 3 else Comment.Status.APPROVED, score=0.27)
    for _ in range(5):
        decided("رأي", Comment.Status.REJECTED, score=0.86)
    advice = learning.threshold_advice()
    assert advice["approve"]["suggested"] is None  # 3 of 12 rejected: 25 % > 5 %
    assert advice["reject"]["suggested"] is None  # 5 reviewed < 10


def test_staff_api_and_command(moderator):  # noqa: F811
    from rest_framework.test import APIClient

    for i in range(4):
        decided(f"{UNLISTED} {i}", Comment.Status.REJECTED, categories=["profanity"])
    api = APIClient()
    api.force_login(moderator)
    body = api.get("/api/v1/moderation/advice/", {"days": 30}).json()
    assert body["days"] == 30 and body["terms"][0]["term"] == UNLISTED and body["terms"][0]["rule"] == "profanity"
    assert set(body["thresholds"]) == {"reviewed", "bands", "approve", "reject", "limits"}
    assert api.get("/api/v1/moderation/advice/", {"days": "0"}).status_code == 400
    assert APIClient().get("/api/v1/moderation/advice/").status_code == 401
    out = StringIO()
    call_command("moderation_advice", "--json", stdout=out)
    assert json.loads(out.getvalue())["terms"][0]["rejected"] == 4
    out = StringIO()
    call_command("moderation_advice", stdout=out)
    assert UNLISTED in out.getvalue() and "MODERATION_APPROVE_BELOW_NO_HITS: keep" in out.getvalue()


def test_stats_page_lists_suggestions_with_a_filled_in_term_form(mod_client):  # noqa: F811
    for i in range(3):
        decided(f"{UNLISTED} {i}", Comment.Status.REJECTED, categories=["abuse_person"])
    html = mod_client.get("/admin/moderation/queuecomment/stats/").content.decode()
    assert 'id="learning"' in html and UNLISTED in html
    assert "/admin/moderation/term/add/?term=" in html and "action=suspect" in html
    # thresholds are written as the environment takes them, whatever the page's language
    html = mod_client.get("/admin/moderation/queuecomment/stats/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "MODERATION_APPROVE_BELOW_NO_HITS" in html and "0.21" in html and "0,21" not in html
    form = mod_client.get("/admin/moderation/term/add/", {"term": UNLISTED, "action": "suspect"}).content.decode()
    assert f'value="{UNLISTED}"' in form


def test_the_advised_approve_threshold_is_set_from_the_environment():
    # the advice names MODERATION_APPROVE_BELOW_NO_HITS: setting it must reach the engine's config
    import os
    import subprocess
    import sys

    code = ("import django; django.setup(); from moderation.runtime import engine_config; "
            "c = engine_config(); print(c.approve_below_no_hits, c.approve_below)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsportal.settings", "MODERATION_APPROVE_BELOW_NO_HITS": "0.3"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0.3", "0.21"]


def test_stats_page_takes_a_bad_days_value_without_an_error(mod_client):  # noqa: F811
    for days in ("abc", "-3", "0", "99999"):
        assert mod_client.get("/admin/moderation/queuecomment/stats/", {"days": days}).status_code == 200
