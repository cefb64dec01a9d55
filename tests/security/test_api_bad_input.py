"""The bad-input matrix against POST /api/v1/articles/{slug}/comments/ (JSON): each case a 400 naming the field
(or 404/415/429/403 where that is the answer), in the API's one error shape, nothing stored, never a 500.

The honeypot is a form-only protection (programs post to the API; its per-address throttle and the guards'
per-author limit play that part); the API ignores unknown fields."""
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from comments.models import Comment
from tests.conftest import make_article, make_comment

pytestmark = pytest.mark.django_db

VALID = {"name": "رامي", "email": "rami.private@example.com", "body": "متابعة ممتازة للحدث، شكراً."}
RLO, ZWSP, ZWJ, BOM = "\u202e", "\u200b", "\u200d", "\ufeff"


def url(article) -> str:
    return f"/api/v1/articles/{article.slug}/comments/"


def post(client, article, payload=None, *, raw=None, content_type="application/json", **extra):
    data = raw if raw is not None else json.dumps(payload if payload is not None else VALID)
    return client.post(url(article), data, content_type=content_type, HTTP_ACCEPT_LANGUAGE="en", **extra)


def refused(response, status=400, field=None) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] and error["message"]
    if field:
        assert error["fields"].get(field), error
    return error


@pytest.mark.parametrize("field", ["name", "email", "body"])
@pytest.mark.parametrize("value", ["MISSING", "", "   \n\t ", None], ids=["missing", "empty", "blank", "null"])
def test_missing_or_blank_required_field(client, article, field, value):
    payload = {**VALID}
    if value == "MISSING":
        del payload[field]
    else:
        payload[field] = value
    refused(post(client, article, payload), field=field)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "rami@@example.com", 42, ["x@example.com"]])
def test_invalid_email(client, article, email):
    refused(post(client, article, {**VALID, "email": email}), field="email")
    assert Comment.objects.count() == 0


def test_name_over_100_characters(client, article):
    refused(post(client, article, {**VALID, "name": "ر" * 101}), field="name")
    assert Comment.objects.count() == 0


def test_body_over_the_maximum(client, article, settings):
    refused(post(client, article, {**VALID, "body": "ت" * (settings.COMMENTS_BODY_MAX_LENGTH + 1)}), field="body")
    assert Comment.objects.count() == 0


def test_one_megabyte_body(client, article):
    refused(post(client, article, {**VALID, "body": "a" * 1_000_000}), field="body")
    assert Comment.objects.count() == 0


def test_request_over_the_upload_limit_is_a_400_not_a_500(client, article, settings):
    response = post(client, article, {**VALID, "body": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    assert response.status_code in (400, 413)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("body", [ZWSP * 4, f"{ZWSP}{ZWJ}{BOM}\u2060", f"{RLO}\u2066\u2069", "\u3164", "\u00a0\u3000"],
                         ids=["zero-width", "mixed", "bidi", "blank-letter", "unicode-spaces"])
def test_body_with_nothing_visible(client, article, body):
    refused(post(client, article, {**VALID, "body": body}), field="body")
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("field", ["name", "email", "body"])
def test_nul_bytes(client, article, field):
    refused(post(client, article, {**VALID, field: VALID[field][:2] + "\x00" + VALID[field][2:]}), field=field)
    assert Comment.objects.count() == 0


def test_invalid_utf8(client, article):
    raw = b'{"name": "\xff\xfe", "email": "rami@example.com", "body": "\xc3\x28 text"}'
    refused(post(client, article, raw=raw))
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("raw", ['{"name": "x",', "[1, 2]", '"just a string"', "null", "", "{'name': 'x'}", "NaN"],
                         ids=["truncated", "array", "string", "null", "empty", "single-quotes", "nan"])
def test_malformed_json(client, article, raw):
    response = post(client, article, raw=raw)
    assert response.status_code == 400, response.content[:200]
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/plain", "application/xml",
                                          "multipart/form-data; boundary=zzz"])
def test_wrong_content_type(client, article, content_type):
    response = post(client, article, raw="name=x&email=y", content_type=content_type)
    assert response.status_code == 415
    assert Comment.objects.count() == 0


def test_html_and_script_are_kept_as_text(client, article):
    body = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = post(client, article, {**VALID, "body": body, "name": "<b>رامي</b>"})
    assert response.status_code == 202
    comment = Comment.objects.get()
    assert comment.body == body
    comment.status = Comment.Status.APPROVED
    comment.save(update_fields=["status"])
    listing = client.get(url(article))
    assert listing["Content-Type"].startswith("application/json")
    assert listing["X-Content-Type-Options"] == "nosniff"
    assert listing.json()["results"][0]["body"] == body  # data, not markup: the client escapes it


@pytest.mark.parametrize("website", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://files.example.com/",
                                     "file:///etc/passwd", "http://exa mple.com", f"https://example.com/{ZWSP}"])
def test_website_must_be_http_or_https(client, article, website):
    refused(post(client, article, {**VALID, "website": website}), field="website")
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("name, stored", [(f"{RLO}رامي", "رامي"), (f"مدير{ZWSP}الموقع", "مديرالموقع"),
                                          (f"Admin{ZWJ}{BOM}", "Admin")])
def test_bidi_and_zero_width_characters_are_kept_out_of_names(client, article, name, stored):
    assert post(client, article, {**VALID, "name": name}).status_code == 202
    assert Comment.objects.get().author_name == stored


def test_a_name_of_only_invisible_characters_is_refused(client, article):
    refused(post(client, article, {**VALID, "name": RLO + ZWSP + BOM}), field="name")
    assert Comment.objects.count() == 0


def test_reply_to_a_comment_of_another_article(client, article):
    other = make_comment(article=make_article())
    refused(post(client, article, {**VALID, "parent": other.pk}), field="parent")
    assert Comment.objects.count() == 1


def test_reply_to_a_pending_comment(client, article):
    pending = make_comment(article=article, status=Comment.Status.PENDING)
    refused(post(client, article, {**VALID, "parent": pending.pk}), field="parent")
    assert Comment.objects.count() == 1


def test_reply_beyond_the_depth_limit(client, article, settings):
    parent = make_comment(article=article)
    for _level in range(settings.COMMENTS_MAX_DEPTH):
        parent = make_comment(article=article, parent=parent)
    refused(post(client, article, {**VALID, "parent": parent.pk}), field="parent")
    assert Comment.objects.count() == settings.COMMENTS_MAX_DEPTH + 1


@pytest.mark.parametrize("parent", [999999, "abc", -1, 1.5, [1]])
def test_reply_to_a_missing_or_malformed_parent(client, article, parent):
    refused(post(client, article, {**VALID, "parent": parent}), field="parent")
    assert Comment.objects.count() == 0


def test_unknown_article(client):
    response = client.post("/api/v1/articles/no-such-article/comments/", json.dumps(VALID),
                           content_type="application/json")
    refused(response, status=404)
    assert Comment.objects.count() == 0


def test_closed_article(client):
    error = refused(post(client, make_article(comments_open=False)))
    assert error["code"] == "closed"
    assert Comment.objects.count() == 0


def test_a_cross_site_form_cannot_post(client, article):
    """CSRF for the public API: it takes only application/json, which a page on another site can't send without
    a CORS preflight, and no origin passes the preflight unless configured (CORS_ALLOWED_ORIGINS). What a forged
    form can send (form-encoded, multipart, text/plain) is a 415."""
    for content_type in ("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"):
        response = post(client, article, raw=json.dumps(VALID), content_type=content_type,
                        HTTP_ORIGIN="https://evil.example")
        assert response.status_code == 415
    preflight = client.options(url(article), HTTP_ORIGIN="https://evil.example",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                               HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type")
    assert "Access-Control-Allow-Origin" not in preflight
    assert Comment.objects.count() == 0


def test_session_user_without_csrf_token_is_refused_on_staff_writes(article):
    """A logged-in browser session must send the CSRF token to the staff API (DRF's SessionAuthentication)."""
    user = get_user_model().objects.create_superuser("chief2", password="irrelevant-here")
    comment = make_comment(article=article, status=Comment.Status.HELD)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    response = csrf_client.post(f"/api/v1/moderation/comments/{comment.pk}/decision/",
                                json.dumps({"action": "approve"}), content_type="application/json")
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HELD


def test_unknown_fields_such_as_a_honeypot_are_ignored(client, article):
    assert post(client, article, {**VALID, "homepage": "x", "status": "approved", "author_key": "k"}).status_code == 202
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.author_key != "k"


def test_the_same_comment_posted_twice(client, article):
    assert post(client, article).status_code == 202
    error = refused(post(client, article, {**VALID, "body": VALID["body"] + " " + ZWSP}), field="body")
    assert error["code"] == "duplicate"
    assert Comment.objects.count() == 1


def test_flood_from_one_ip(client, article, settings):
    settings.COMMENTS_RATE_LIMIT_IP = "3/60"
    for n in range(3):
        assert post(client, article, {**VALID, "email": f"f{n}@example.com", "body": f"رأي {n}"}).status_code == 202
    response = post(client, article, {**VALID, "email": "f9@example.com", "body": "رأي أخير"})
    refused(response, status=429)
    assert int(response["Retry-After"]) > 0
    assert Comment.objects.count() == 3


def test_flood_from_one_email(client, article, settings):
    settings.COMMENTS_RATE_LIMIT_AUTHOR = "2/60"
    for n in range(2):
        response = post(client, article, {**VALID, "body": f"فكرة {n}"}, REMOTE_ADDR=f"198.51.100.{n + 1}")
        assert response.status_code == 202
    response = post(client, article, {**VALID, "email": "RAMI.private@example.com", "body": "فكرة ثالثة"},
                    REMOTE_ADDR="198.51.100.50")
    refused(response, status=429)
    assert Comment.objects.count() == 2


def test_errors_never_echo_the_email(client, article):
    response = post(client, article, {**VALID, "body": ""})
    assert VALID["email"] not in response.content.decode()
