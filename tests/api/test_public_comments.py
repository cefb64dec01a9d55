import base64
import json

import pytest

from comments.identity import status_token
from comments.models import Comment
from tests.api.conftest import error_of
from tests.conftest import make_article, make_comment

pytestmark = pytest.mark.django_db
S = Comment.Status


def url(article):
    return f"/api/v1/articles/{article.slug}/comments/"


def post_data(**overrides):
    data = {"name": "سلمى", "email": "salma.private@example.org", "body": "شكراً على هذا التقرير المفيد."}
    data.update(overrides)
    return data


def test_only_approved_comments_listed_flat_with_parent_and_depth(api, article):
    root = make_comment(article=article)
    reply = make_comment(article=article, parent=root)
    for status in (S.PENDING, S.HELD, S.REJECTED, S.SPAM):
        make_comment(article=article, status=status)
    make_comment()  # another article
    body = api.get(url(article)).json()
    assert [c["id"] for c in body["results"]] == [root.id, reply.id]
    assert body["results"][1] == {
        "id": reply.id, "parent": root.id, "depth": 1, "author_name": reply.author_name, "author_website": "",
        "body": reply.body, "created_at": body["results"][1]["created_at"],
    }


def test_replies_of_an_unpublished_parent_are_not_listed(api, article):
    root = make_comment(article=article)
    reply = make_comment(article=article, parent=root)
    grandchild = make_comment(article=article, parent=reply)
    Comment.objects.filter(pk=root.pk).update(status=S.HELD)  # e.g. reported back into the queue
    assert api.get(url(article)).json()["results"] == []
    Comment.objects.filter(pk=root.pk).update(status=S.APPROVED)
    assert [c["id"] for c in api.get(url(article)).json()["results"]] == [root.id, reply.id, grandchild.id]


def test_ordering_filters_and_pages(api, article):
    comments = [make_comment(article=article) for _ in range(5)]
    reply = make_comment(article=article, parent=comments[0])
    ids = [c["id"] for c in api.get(url(article), {"ordering": "-created"}).json()["results"]]
    assert ids == [reply.id] + [c.id for c in reversed(comments)]
    assert [c["id"] for c in api.get(url(article), {"parent": comments[0].id}).json()["results"]] == [reply.id]
    assert reply.id not in [c["id"] for c in api.get(url(article), {"top_level": "true"}).json()["results"]]
    since = comments[3].created_at.isoformat()
    assert [c["id"] for c in api.get(url(article), {"since": since}).json()["results"]] == \
        [comments[3].id, comments[4].id, reply.id]
    seen, page = [], api.get(url(article), {"page_size": 2}).json()
    while True:
        seen += [c["id"] for c in page["results"]]
        if not page["next"]:
            break
        page = api.get(page["next"]).json()
    assert seen == [c.id for c in comments] + [reply.id]


@pytest.mark.parametrize("params, field", [
    ({"ordering": "email"}, "ordering"),
    ({"since": "yesterday"}, "since"),
    ({"parent": "abc"}, "parent"),
    ({"parent": "99999999999999999999999"}, "parent"),
    ({"top_level": "maybe"}, "top_level"),
])
def test_bad_filter_values_are_400_with_the_field(api, article, params, field):
    response = api.get(url(article), params)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid" and field in error["fields"]


@pytest.mark.parametrize("cursor", [
    "garbage", "%%%", base64.b64encode(b"p=not-a-date").decode(), base64.b64encode(b"o=-5").decode(), "٣٣",
])
def test_bad_cursor_is_400(api, article, cursor):
    make_comment(article=article)
    response = api.get(url(article), {"cursor": cursor})
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_cursor"


def test_unknown_article_404(api):
    response = api.get("/api/v1/articles/missing/comments/")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    assert api.post("/api/v1/articles/missing/comments/", post_data(), format="json").status_code == 404


def test_post_answers_202_pending_with_a_token_that_reads_the_status(api, article):
    response = api.post(url(article), post_data(website="https://salma.example"), format="json")
    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"id", "status", "token", "status_url"} and body["status"] == "pending"
    comment = Comment.objects.get(pk=body["id"])
    assert comment.status == S.PENDING and comment.author_email == "salma.private@example.org"
    assert comment.ip_address == "127.0.0.1"
    assert "salma.private" not in response.content.decode()
    status = api.get(body["status_url"]).json()
    assert status == {"id": comment.id, "status": "pending", "reasons": []}
    assert comment.id not in [c["id"] for c in api.get(url(article)).json()["results"]]


def test_post_a_reply(api, article):
    parent = make_comment(article=article)
    response = api.post(url(article), post_data(parent=parent.id), format="json")
    assert response.status_code == 202
    assert Comment.objects.get(pk=response.json()["id"]).parent_id == parent.id


def test_validation_errors_per_field_in_arabic_by_default(api, article):
    response = api.post(url(article), {"website": "javascript:alert(1)", "email": "nope"}, format="json")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid"
    assert error["fields"]["name"] == ["يرجى كتابة اسمك."]
    assert set(error["fields"]) == {"name", "email", "body", "website"}
    assert not Comment.objects.exists()


def test_validation_errors_in_english_with_accept_language(api, article):
    response = api.post(url(article), {"email": "nope"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    error = error_of(response)
    assert error["fields"]["name"] == ["Please enter your name."]
    assert error["fields"]["email"] == ["Please enter a valid email address."]
    assert error["message"] == "The request has errors; see the fields."


@pytest.mark.parametrize("setup, code", [
    (lambda a: {"parent": 987654}, "parent"),
    (lambda a: {"parent": make_comment(article=a, status=S.PENDING).id}, "parent"),
    (lambda a: {"parent": make_comment().id}, "parent"),
])
def test_bad_reply_targets_are_400_on_parent(api, article, setup, code):
    response = api.post(url(article), post_data(**setup(article)), format="json")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == code and "parent" in error["fields"]


def test_closed_article_refuses_with_code_closed(api):
    article = make_article(comments_open=False)
    response = api.post(url(article), post_data(), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert error_of(response)["code"] == "closed"
    assert not Comment.objects.exists()


def test_form_encoded_body_is_415_and_malformed_json_400(api, article):
    assert api.post(url(article), post_data()).status_code == 415
    response = api.post(url(article), data="{not json", content_type="application/json")
    assert response.status_code == 400 and error_of(response)["code"] == "parse_error"


def test_status_needs_the_right_token(api, article):
    mine = make_comment(article=article, status=S.PENDING)
    other = make_comment(article=article, status=S.PENDING)
    base = f"/api/v1/comments/{mine.id}/status/"
    assert api.get(base).status_code == 404
    assert api.get(base, {"token": "forged"}).status_code == 404
    assert api.get(base, {"token": status_token(other.id)}).status_code == 404
    assert api.get("/api/v1/comments/99999/status/", {"token": status_token(99999)}).status_code == 404
    assert api.get(base, {"token": status_token(mine.id)}).json()["status"] == "pending"


def test_status_of_a_rejected_comment_gives_the_reasons(api, article):
    comment = make_comment(article=article, status=S.REJECTED, reasons=["insulting the writer: «غبي»"])
    body = api.get(f"/api/v1/comments/{comment.id}/status/", {"token": status_token(comment.id)}).json()
    assert body == {"id": comment.id, "status": "rejected", "reasons": ["insulting the writer: «غبي»"]}


def test_check_flags_a_draft_that_breaks_a_rule_and_saves_nothing(api):
    from moderation.runtime import reset_engine

    reset_engine()
    response = api.post("/api/v1/comments/check/", {"body": "الكاتب غبي ولا يفهم شيئاً"}, format="json",
                        HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is False and "abuse_writer" in body["categories"]
    assert body["rules"][0]["label"] == "Insulting the writer" and "غبي" in body["rules"][0]["words"]
    clean = api.post("/api/v1/comments/check/", {"body": "أرقام التقرير مفيدة."}, format="json").json()
    assert clean == {"ok": True, "categories": [], "reasons": [], "rules": []}
    assert not Comment.objects.exists()


def test_check_needs_a_body(api):
    response = api.post("/api/v1/comments/check/", {}, format="json")
    assert response.status_code == 400 and "body" in error_of(response)["fields"]


def test_report_a_published_comment_once(api, article):
    comment = make_comment(article=article)
    endpoint = f"/api/v1/comments/{comment.id}/report/"
    response = api.post(endpoint, {"reason": "profanity", "note": "شتيمة"}, format="json")
    assert response.status_code == 202 and response.json() == {"status": "received"}
    comment.refresh_from_db()
    assert comment.report_count == 1
    again = api.post(endpoint, {"reason": "profanity"}, format="json")
    assert again.status_code == 409 and error_of(again)["code"] == "duplicate"


def test_report_refusals(api, article):
    pending = make_comment(article=article, status=S.PENDING)
    assert api.post(f"/api/v1/comments/{pending.id}/report/", {"reason": "spam"}, format="json").status_code == 404
    assert api.post("/api/v1/comments/424242/report/", {"reason": "spam"}, format="json").status_code == 404
    approved = make_comment(article=article)
    response = api.post(f"/api/v1/comments/{approved.id}/report/", {"reason": "boring"}, format="json")
    assert response.status_code == 400 and "reason" in error_of(response)["fields"]


def test_errors_never_echo_the_posted_email(api, article):
    response = api.post(url(article), post_data(body="", email="hidden.person@example.org"), format="json")
    assert response.status_code == 400
    assert "hidden.person" not in json.dumps(response.json())


def test_length_limits_are_named_with_the_limit_in_arabic(api, article):
    response = api.post(url(article), post_data(name="ن" * 101), format="json")
    assert error_of(response)["fields"]["name"] == ["يجب ألا يزيد الاسم على 100 حرفاً."]
