"""Privacy: IP/user-agent retention (beat task), export_my_data and erase_my_data."""
import io
import json
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from comments import privacy
from comments.models import Comment
from moderation.models import ModerationDecision
from tests.conftest import make_article, make_comment

pytestmark = pytest.mark.django_db

EMAIL = "hala.private@example.com"


def old(days):
    return timezone.now() - timedelta(days=days)


def test_network_data_is_cleared_after_the_retention_period(settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    expired = make_comment(ip_address="198.51.100.7", user_agent="Browser/1", created_at=old(31))
    recent = make_comment(ip_address="2001:db8::7", user_agent="Browser/2", created_at=old(29))
    from comments.tasks import comment_clear_expired_network_data

    assert comment_clear_expired_network_data.apply().get() == 1
    expired.refresh_from_db()
    recent.refresh_from_db()
    assert (expired.ip_address, expired.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("2001:db8::7", "Browser/2")
    assert expired.body and expired.author_key  # only the network data goes
    assert privacy.comment_clear_expired_network_data() == 0  # nothing left to clear


def test_retention_task_is_on_the_beat_schedule_and_registered():
    from newsportal.celery import app

    names = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert "comments.tasks.comment_clear_expired_network_data" in names
    app.loader.import_default_modules()
    assert "comments.tasks.comment_clear_expired_network_data" in app.tasks


def _export(email):
    out = io.StringIO()
    call_command("export_my_data", email, stdout=out)
    return json.loads(out.getvalue())


def test_export_my_data_returns_only_that_authors_comments():
    article = make_article()
    mine = make_comment(article=article, author_email=EMAIL, body="رأيي في الخبر", ip_address="192.0.2.4")
    make_comment(article=article, author_email="someone.else@example.com", body="رأي غيري")
    ModerationDecision.objects.create(comment=mine, source="engine", decision="approve", from_status="pending",
                                      to_status="approved", reasons=["clean"])
    data = _export("  Hala.Private@EXAMPLE.com ")  # the same author, however the address is typed
    assert data["comment_count"] == 1
    [comment] = data["comments"]
    assert comment["body"] == "رأيي في الخبر" and comment["email"] == EMAIL
    assert comment["ip_address"] == "192.0.2.4"
    assert comment["article"]["slug"] == article.slug
    assert comment["decisions"][0]["decision"] == "approve"
    assert "رأي غيري" not in json.dumps(data, ensure_ascii=False)


def test_export_to_a_file(tmp_path):
    make_comment(author_email=EMAIL)
    target = tmp_path / "export.json"
    call_command("export_my_data", EMAIL, "--output", str(target), stderr=io.StringIO())
    assert json.loads(target.read_text(encoding="utf-8"))["comment_count"] == 1


def test_export_refuses_a_non_email():
    with pytest.raises(CommandError):
        call_command("export_my_data", "not-an-address")


def test_erase_my_data_anonymises_the_author_and_keeps_threads_and_history(client):
    article = make_article()
    first = make_comment(article=article, author_email=EMAIL, author_name="هالة", body="نص شخصي جداً",
                         author_website="https://hala.example/", ip_address="192.0.2.8", user_agent="UA")
    second = make_comment(article=article, author_email=EMAIL, author_name="هالة", body="تعليق ثان",
                          status=Comment.Status.REJECTED, spans=[{"text": "كلمة"}], reasons=["matched: كلمة"])
    reply = make_comment(article=article, parent=first, author_email="friend@example.com", body="رد صديق")
    ModerationDecision.objects.create(comment=second, source="engine", decision="reject", from_status="pending",
                                      to_status="rejected", reasons=["matched: كلمة"], spans=[{"text": "كلمة"}],
                                      categories=["profanity"])
    out = io.StringIO()
    call_command("erase_my_data", EMAIL, "--yes", stdout=out)
    assert "erased 2" in out.getvalue()

    keys = set()
    for comment in (first, second):
        comment.refresh_from_db()
        assert comment.author_email == "" and comment.author_website == ""
        assert comment.ip_address is None and comment.user_agent == ""
        assert comment.author_name != "هالة" and "هالة" not in comment.body
        assert comment.spans == [] and comment.reasons == []
        assert comment.author_key.startswith("erased:")
        keys.add(comment.author_key)
    assert len(keys) == 2  # erased comments can't be linked to each other either
    assert second.status == Comment.Status.REJECTED  # the decision stands
    decision = ModerationDecision.objects.get(comment=second)
    assert decision.decision == "reject" and decision.categories == ["profanity"]
    assert decision.spans == [] and decision.reasons == []
    reply.refresh_from_db()
    assert reply.parent_id == first.pk and reply.body == "رد صديق"

    html = client.get(article.get_absolute_url()).content.decode()
    assert "نص شخصي جداً" not in html and "هالة" not in html and "hala.example" not in html
    assert "رد صديق" in html
    assert _export(EMAIL)["comment_count"] == 0


def test_erase_asks_for_confirmation_without_yes(monkeypatch):
    make_comment(author_email=EMAIL, body="باق")
    monkeypatch.setattr("builtins.input", lambda prompt="": (_ for _ in ()).throw(EOFError))
    with pytest.raises(CommandError):
        call_command("erase_my_data", EMAIL)
    assert Comment.objects.get().body == "باق"


def test_erase_is_idempotent_and_touches_nobody_else():
    make_comment(author_email=EMAIL)
    other = make_comment(author_email="keep.me@example.com", body="يبقى")
    assert privacy.author_erase(email=EMAIL) == 1
    assert privacy.author_erase(email=EMAIL) == 0
    other.refresh_from_db()
    assert other.body == "يبقى" and other.author_email == "keep.me@example.com"


def test_client_ip_follows_the_configured_proxies(rf, settings):
    from comments.views import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": None}
    assert client_ip(request) == "10.0.0.1"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert client_ip(request) == "198.51.100.7"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 2}
    assert client_ip(request) == "203.0.113.5"
    bad = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(bad) == "10.0.0.1"
