"""The moderation queue and the rest of the workspace in the admin: permissions, actions, audit, pages."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from comments.models import Comment
from moderation import services
from moderation.models import Ban, ModerationDecision, RuleChange, Term
from moderation.permissions import MODERATOR_PERMISSIONS, moderators_group_sync
from tests.conftest import make_article, make_comment
from tests.moderation.workspace_support import make_moderator, mod_client, moderator  # noqa: F401

pytestmark = pytest.mark.django_db
QUEUE = "/admin/moderation/queuecomment/"


def held(**kw):
    kw.setdefault("status", Comment.Status.HELD)
    return make_comment(**kw)


def test_queue_shows_waiting_comments_with_highlight_escaped_and_email(mod_client):
    body = "<script>x</script> أنت غبي جداً"
    start = body.index("غبي")
    comment = held(body=body, author_email="writer@example.org", categories=["abuse_person"], score=0.7,
                   spans=[{"start": start, "end": start + 3, "text": "غبي", "category": "abuse_person"}])
    approved = make_comment(body="published one")
    html = mod_client.get(QUEUE).content.decode()
    assert f"/admin/moderation/queuecomment/{comment.pk}/change/" in html
    assert f"/admin/moderation/queuecomment/{approved.pk}/change/" not in html  # only held and pending by default
    assert '<mark class="hit" data-category="abuse_person" title="abuse_person">غبي</mark>' in html
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "writer@example.org" in html  # moderators see the email
    assert "moderation/queue.js" in html and "<kbd>j</kbd>" in html


def test_queue_filters_and_most_reported_sort(mod_client):
    article = make_article()
    a = held(article=article, categories=["profanity"], report_count=0)
    b = held(article=article, categories=["abuse_sacred"], report_count=5)
    html = mod_client.get(QUEUE, {"category": "abuse_sacred"}).content.decode()
    assert f"{b.pk}/change/" in html and f"{a.pk}/change/" not in html
    html = mod_client.get(QUEUE, {"reported": "yes"}).content.decode()
    assert f"{b.pk}/change/" in html and f"{a.pk}/change/" not in html
    html = mod_client.get(QUEUE, {"o": "-7.6"}).content.decode()
    assert html.index(f"{b.pk}/change/") < html.index(f"{a.pk}/change/")
    html = mod_client.get(QUEUE, {"q": a.body}).content.decode()
    assert f"{a.pk}/change/" in html and f"{b.pk}/change/" not in html
    other = held(categories=["profanity"])
    html = mod_client.get(QUEUE, {"article": article.pk}).content.decode()
    assert f"{a.pk}/change/" in html and f"{other.pk}/change/" not in html
    assert mod_client.get(QUEUE, {"decided_by": "engine"}).status_code == 200
    assert mod_client.get(QUEUE, {"status": "all"}).status_code == 200


@pytest.mark.parametrize("action,status", [("approve_selected", "approved"), ("reject_selected", "rejected"),
                                           ("spam_selected", "spam")])
def test_bulk_action_goes_through_the_service_one_audit_row_each(mod_client, moderator, monkeypatch, action, status):
    comments = [held() for _ in range(3)]
    calls = []
    real = services.comment_moderator_decide

    def spy(**kwargs):
        calls.append(kwargs["comment_id"])
        return real(**kwargs)

    monkeypatch.setattr(services, "comment_moderator_decide", spy)
    response = mod_client.post(QUEUE, {"action": action, "_selected_action": [c.pk for c in comments],
                                       "note": "checked by hand", "index": 0})
    assert response.status_code == 302
    assert sorted(calls) == sorted(c.pk for c in comments)
    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == status and comment.human_decided and comment.decided_by == moderator
        rows = list(ModerationDecision.objects.filter(comment=comment))
        assert len(rows) == 1
        assert (rows[0].source, rows[0].actor, rows[0].from_status, rows[0].to_status, rows[0].note) == (
            "moderator", moderator, "held", status, "checked by hand")


def test_human_decision_is_never_overwritten_by_a_later_engine_pass(moderator):
    comment = make_comment(status=Comment.Status.PENDING, body="أنت غبي وحمار")
    services.comment_moderator_decide(comment_id=comment.pk, action="approve", moderator=moderator)
    assert services.comment_auto_moderate(comment_id=comment.pk) is None
    assert services.comment_auto_moderate(comment_id=comment.pk, remoderate=True) is None
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.human_decided
    assert list(ModerationDecision.objects.filter(comment=comment).values_list("source", flat=True)) == ["moderator"]


def test_comment_page_shows_history_related_comments_and_decides_with_note(mod_client, moderator):
    comment = held(author_email="same@example.com", ip_address="203.0.113.9", body="first body")
    sibling = make_comment(author_email="same@example.com", body="another by the same author")
    same_ip = make_comment(author_email="other@example.com", ip_address="203.0.113.9", body="same network")
    nxt = held(body="next in line")
    ModerationDecision.objects.create(comment=comment, source="engine", decision="hold", from_status="pending",
                                      to_status="held", engine_version="engine-test", reasons=["unsure"])
    html = mod_client.get(f"{QUEUE}{comment.pk}/change/").content.decode()
    assert "engine-test" in html and "unsure" in html
    assert f"{QUEUE}{sibling.pk}/change/" in html and f"{QUEUE}{same_ip.pk}/change/" in html
    assert 'id="decide-form"' in html and 'name="_save"' not in html
    assert f'data-next-url="{QUEUE}{nxt.pk}/change/"' in html
    response = mod_client.post(reverse("admin:moderation_queuecomment_decide", args=[comment.pk]),
                               {"action": "reject", "note": "insult"})
    assert response.status_code == 302 and response["Location"].endswith(f"{QUEUE}{nxt.pk}/change/")
    row = ModerationDecision.objects.filter(comment=comment, source="moderator").get()
    assert (row.actor, row.to_status, row.note) == (moderator, "rejected", "insult")
    # the read-only page cannot be used to write
    assert mod_client.post(f"{QUEUE}{comment.pk}/change/", {"status": "approved"}).status_code == 405


def test_ban_author_from_the_comment_page_stores_only_the_hash(mod_client):
    comment = held(author_email="troll@example.com")
    mod_client.post(reverse("admin:moderation_queuecomment_decide", args=[comment.pk]), {"action": "ban_author"})
    ban = Ban.objects.get()
    assert ban.kind == "email" and ban.value == comment.author_key and "troll" not in ban.value
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert RuleChange.objects.filter(target="ban", action="create").count() == 1


def test_non_moderator_staff_and_anonymous_cannot_reach_the_queue(client):
    held()
    urls = [QUEUE, f"{QUEUE}stats/", "/admin/moderation/term/", "/admin/moderation/ban/",
            "/admin/moderation/moderationdecision/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    staff = get_user_model().objects.create_user(username="editor", password=None, is_staff=True)
    client.force_login(staff)
    for url in urls:
        assert client.get(url).status_code == 403, url
    response = client.post(QUEUE, {"action": "approve_selected", "_selected_action": [1], "index": 0})
    assert response.status_code == 403
    assert not ModerationDecision.objects.exists()


def test_moderators_group_has_exactly_the_workspace_permissions(moderator, client):
    group = moderators_group_sync()
    perms = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert perms == set(MODERATOR_PERMISSIONS)
    assert not any(app in {"auth", "admin", "sessions", "contenttypes"} for app, _ in perms)
    client.force_login(moderator)
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/comments/article/").status_code == 403


def test_audit_log_cannot_be_edited_or_deleted_even_by_a_superuser(client):
    comment = held()
    row = ModerationDecision.objects.create(comment=comment, source="engine", decision="hold", from_status="pending",
                                            to_status="held")
    admin_user = get_user_model().objects.create_superuser("root", "root@staff.example", None)
    client.force_login(admin_user)
    base = "/admin/moderation/moderationdecision/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}{row.pk}/change/").status_code == 200  # view only
    assert client.post(f"{base}{row.pk}/change/", {"note": "edited"}).status_code == 403
    assert client.post(f"{base}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{base}add/").status_code == 403
    row.refresh_from_db()
    assert row.note == "" and ModerationDecision.objects.count() == 1


def test_stats_page_draws_svg_charts(mod_client, moderator):
    comment = make_comment(status=Comment.Status.PENDING)
    ModerationDecision.objects.create(comment=comment, source="engine", decision="reject", from_status="pending",
                                      to_status="rejected", categories=["profanity"])
    services.comment_moderator_decide(comment_id=comment.pk, action="approve", moderator=moderator)
    held()
    response = mod_client.get(f"{QUEUE}stats/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") >= 4 and "<rect" in html
    assert "profanity" in html and "100% (1/1)" in html  # the moderator overturned the engine's rejection
    assert not re.search(r"<script[^>]*>[^<]", html)  # no inline script


def test_term_preview_changes_nothing_then_save_is_audited(mod_client, moderator):
    article = make_article()
    target = make_comment(article=article, body="this is a zorblax remark", status=Comment.Status.APPROVED,
                          decided_at=article.published_at)
    make_comment(article=article, body="a friendly remark", status=Comment.Status.APPROVED,
                 decided_at=article.published_at)
    before = list(Comment.objects.order_by("pk").values_list("pk", "status"))
    terms_before = Term.objects.count()
    data = {"term": "zorblax", "category": "profanity", "action": "block", "kind": "insult", "lang": "en",
            "affix": "auto", "enabled": "on", "note": "new slur", "_preview": "Preview"}
    response = mod_client.post("/admin/moderation/term/add/", data, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "On the last 2 decided comments this change would have rejected 1, held 0, released 0" in html
    assert f"/admin/moderation/queuecomment/{target.pk}/change/" in html  # the comment that would move
    assert Term.objects.count() == terms_before
    assert list(Comment.objects.order_by("pk").values_list("pk", "status")) == before
    assert not ModerationDecision.objects.exists() and not RuleChange.objects.exists()

    del data["_preview"]
    data["_save"] = "Save"
    assert mod_client.post("/admin/moderation/term/add/", data).status_code == 302
    term = Term.objects.get(term="zorblax")
    assert term.created_by == moderator and term.updated_by == moderator
    assert RuleChange.objects.get(target="term").actor == moderator


def test_ban_admin_hashes_the_email(mod_client):
    response = mod_client.post("/admin/moderation/ban/add/", {"kind": "email", "value": "Spammer@Example.com",
                                                               "reason": "flood", "enabled": "on"})
    assert response.status_code == 302
    ban = Ban.objects.get()
    assert "@" not in ban.value and len(ban.value) == 64
    listing = mod_client.get("/admin/moderation/ban/").content.decode()
    assert "spammer" not in listing.lower()
    response = mod_client.post("/admin/moderation/ban/add/", {"kind": "cidr", "value": "not-a-range", "enabled": "on"})
    assert response.status_code == 200 and Ban.objects.count() == 1


def test_article_level_set_by_moderator_is_audited(mod_client, moderator):
    article = make_article()
    url = f"/admin/moderation/articlemoderation/{article.pk}/change/"
    response = mod_client.post(url, {"moderation_level": "strict", "strict_reason": "heated topic"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.moderation_level == "strict"
    assert RuleChange.objects.get(target="article").actor == moderator


def test_decided_by_filter_uses_the_latest_decision(mod_client, moderator):
    by_engine = held(body="engine held me")
    ModerationDecision.objects.create(comment=by_engine, source="engine", decision="hold", from_status="pending",
                                      to_status="held", engine_version="e1")
    by_system = held(body="reports held me")
    ModerationDecision.objects.create(comment=by_system, source="engine", decision="approve", from_status="pending",
                                      to_status="approved", engine_version="e1")
    ModerationDecision.objects.create(comment=by_system, source="system", decision="hold", from_status="approved",
                                      to_status="held")
    by_human = held(body="a human held me")
    services.comment_moderator_decide(comment_id=by_human.pk, action="hold", moderator=moderator)
    for value, expected in (("engine", by_engine), ("system", by_system), (str(moderator.pk), by_human)):
        html = mod_client.get(QUEUE, {"decided_by": value}).content.decode()
        found = {c.pk for c in (by_engine, by_system, by_human) if f"{QUEUE}{c.pk}/change/" in html}
        assert found == {expected.pk}, value
