import pytest

from comments.models import Comment
from moderation.models import ModerationDecision
from tests.api.conftest import error_of
from tests.conftest import make_article, make_comment

pytestmark = pytest.mark.django_db
S = Comment.Status
QUEUE = "/api/v1/moderation/queue/"


def ids(response):
    assert response.status_code == 200, response.content
    return [c["id"] for c in response.json()["results"]]


def test_queue_lists_held_and_pending_oldest_first(mod_api):
    held = make_comment(status=S.HELD, categories=["profanity"], reasons=["profanity: «x»"], score=0.7)
    pending = make_comment(status=S.PENDING)
    make_comment(status=S.APPROVED)
    make_comment(status=S.REJECTED)
    body = mod_api.get(QUEUE).json()
    assert [c["id"] for c in body["results"]] == [held.id, pending.id]
    item = body["results"][0]
    assert item["categories"] == ["profanity"] and item["reasons"] == ["profanity: «x»"] and item["score"] == 0.7
    assert item["author_key"] == held.author_key and "author_email" not in item and "ip_address" not in item


def test_queue_filters_like_the_admin(mod_api, moderator):
    article = make_article()
    a = make_comment(status=S.HELD, article=article, categories=["abuse_writer"], body="الكاتب لا يفهم")
    b = make_comment(status=S.HELD, categories=["spam"], report_count=3, author_name="بائع")
    c = make_comment(status=S.PENDING)
    d = make_comment(status=S.HELD, human_decided=True, decided_by=moderator)
    assert ids(mod_api.get(QUEUE, {"status": "pending"})) == [c.id]
    assert ids(mod_api.get(QUEUE, {"category": "abuse_writer"})) == [a.id]
    assert ids(mod_api.get(QUEUE, {"article": article.slug})) == [a.id]
    assert ids(mod_api.get(QUEUE, {"reported": "true"})) == [b.id]
    assert ids(mod_api.get(QUEUE, {"q": "بائع"})) == [b.id]
    assert ids(mod_api.get(QUEUE, {"q": "لا يفهم"})) == [a.id]
    assert ids(mod_api.get(QUEUE, {"decided_by": str(moderator.id)})) == [d.id]
    assert ids(mod_api.get(QUEUE, {"decided_by": "moderator"})) == [d.id]
    assert ids(mod_api.get(QUEUE, {"author_key": c.author_key})) == [c.id]
    assert ids(mod_api.get(QUEUE, {"ordering": "-reports"}))[0] == b.id
    assert ids(mod_api.get(QUEUE, {"since": c.created_at.isoformat()})) == [c.id, d.id]


@pytest.mark.parametrize("params", [{"status": "approved"}, {"category": "rudeness"}, {"decided_by": "robot"},
                                    {"ordering": "author_email"}, {"reported": "yes"}, {"since": "soon"},
                                    {"cursor": "bogus"}])
def test_queue_bad_filters_are_400(mod_api, params):
    response = mod_api.get(QUEUE, params)
    assert response.status_code == 400
    assert error_of(response)["code"] in {"invalid", "invalid_cursor"}


def test_decision_goes_through_the_service_and_is_audited(mod_api, moderator):
    comment = make_comment(status=S.HELD)
    path = f"/api/v1/moderation/comments/{comment.id}/decision/"
    response = mod_api.post(path, {"action": "reject", "note": "إساءة واضحة"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["comment"]["status"] == "rejected" and body["comment"]["decided_by"] == "mod1"
    assert body["decision"]["source"] == "moderator" and body["decision"]["note"] == "إساءة واضحة"
    row = ModerationDecision.objects.get(comment=comment)
    assert (row.actor, row.from_status, row.to_status) == (moderator, "held", "rejected")
    again = mod_api.post(path, {"action": "reject"}, format="json").json()
    assert again["decision"] is None and ModerationDecision.objects.filter(comment=comment).count() == 1


def test_moderator_approval_lists_the_comment_publicly(mod_api, api):
    comment = make_comment(status=S.HELD)
    public = f"/api/v1/articles/{comment.article.slug}/comments/"
    assert ids(api.get(public)) == []
    mod_api.post(f"/api/v1/moderation/comments/{comment.id}/decision/", {"action": "approve"}, format="json")
    assert ids(api.get(public)) == [comment.id]


def test_decision_refusals(mod_api):
    comment = make_comment(status=S.HELD)
    bad = mod_api.post(f"/api/v1/moderation/comments/{comment.id}/decision/", {"action": "delete"}, format="json")
    assert bad.status_code == 400 and "action" in error_of(bad)["fields"]
    hold = mod_api.post(f"/api/v1/moderation/comments/{comment.id}/decision/", {"action": "hold"}, format="json")
    assert hold.status_code == 400
    missing = mod_api.post("/api/v1/moderation/comments/987654/decision/", {"action": "approve"}, format="json")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"


def test_audit_lists_decisions_newest_first_with_filters(mod_api, moderator):
    first, second = make_comment(status=S.HELD), make_comment(status=S.HELD)
    for comment, action in ((first, "approve"), (second, "spam")):
        mod_api.post(f"/api/v1/moderation/comments/{comment.id}/decision/", {"action": action}, format="json")
    body = mod_api.get("/api/v1/moderation/audit/").json()
    assert [r["comment"] for r in body["results"]] == [second.id, first.id]
    assert body["results"][0]["actor"] == "mod1"
    assert [r["comment"] for r in mod_api.get("/api/v1/moderation/audit/", {"decision": "approve"}).json()["results"]] \
        == [first.id]
    assert mod_api.get("/api/v1/moderation/audit/", {"source": "robot"}).status_code == 400


def test_stats_json(mod_api):
    comment = make_comment(status=S.HELD)
    mod_api.post(f"/api/v1/moderation/comments/{comment.id}/decision/", {"action": "approve"}, format="json")
    make_comment(status=S.PENDING)
    body = mod_api.get("/api/v1/moderation/stats/", {"days": 7}).json()
    assert len(body["days"]) == 7 and body["queue"]["pending"] == 1 and body["total_decisions"] == 1
    assert sum(sum(day.values()) for day in body["by_decider"].values()) == 1
    assert mod_api.get("/api/v1/moderation/stats/", {"days": "0"}).status_code == 400
    assert mod_api.get("/api/v1/moderation/stats/", {"days": "many"}).status_code == 400
