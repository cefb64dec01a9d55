"""The bad-input matrix against the article page's comment form: each case a clear error beside the field
(or for the whole form), nothing stored, never a 500 (the test client re-raises any server error)."""
import re

import pytest
from django.test import Client

from comments.models import Comment
from tests.conftest import make_article, make_comment

pytestmark = pytest.mark.django_db

VALID = {"name": "سلمى", "email": "salma.private@example.com", "body": "تقرير متوازن، شكراً للكاتبة."}
RLO, LRO, ZWSP, ZWJ, BOM = "\u202e", "\u202d", "\u200b", "\u200d", "\ufeff"


def post(client, article, headers=None, **data):
    return client.post(article.get_absolute_url(), data, HTTP_ACCEPT_LANGUAGE="en", **(headers or {}))


def field_error(response, field: str) -> str:
    """The error text shown beside `field` (the template puts it in the field's <p class="field has-error">)."""
    form = response.context["form"]
    errors = form.errors.get(field) or []
    assert errors, f"no error beside {field}: {form.errors.as_data()}"
    html = response.content.decode()
    assert 'class="field has-error"' in html
    return " ".join(errors)


def assert_refused(response, field: str | None, contains: str = ""):
    assert response.status_code == 400, response.status_code
    if field is None:
        text = " ".join(response.context["form"].non_field_errors())
    else:
        text = field_error(response, field)
    assert contains in text, text
    return text


@pytest.mark.parametrize("field", ["name", "email", "body"])
@pytest.mark.parametrize("value", [None, "", "   \n\t "], ids=["missing", "empty", "blank"])
def test_missing_or_blank_required_field(client, article, field, value):
    data = {**VALID}
    if value is None:
        del data[field]
    else:
        data[field] = value
    assert_refused(post(client, article, **data), field, "Please")
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "salma@@example.com", "سلمى@", "x@example.com\x00"])
def test_invalid_email(client, article, email):
    response = post(client, article, **{**VALID, "email": email})
    assert response.status_code == 400
    field_error(response, "email")
    assert Comment.objects.count() == 0


def test_name_over_100_characters(client, article):
    text = assert_refused(post(client, article, **{**VALID, "name": "س" * 101}), "name", "100")
    assert "at most" in text
    assert Comment.objects.count() == 0


def test_name_of_exactly_100_characters_is_accepted(client, article):
    assert post(client, article, **{**VALID, "name": "س" * 100}).status_code == 302


def test_body_over_the_maximum(client, article, settings):
    response = post(client, article, **{**VALID, "body": "ن" * (settings.COMMENTS_BODY_MAX_LENGTH + 1)})
    assert_refused(response, "body", str(settings.COMMENTS_BODY_MAX_LENGTH))
    assert Comment.objects.count() == 0


def test_body_maximum_follows_the_setting(client, article, settings):
    settings.COMMENTS_BODY_MAX_LENGTH = 40
    from comments import forms  # the form field was built from the setting at import: the guard still holds

    response = post(client, article, **{**VALID, "body": "ن" * 41})
    assert response.status_code == 400
    assert Comment.objects.count() == 0
    assert forms  # imported for the comment above


def test_one_megabyte_body(client, article):
    response = post(client, article, **{**VALID, "body": "a" * 1_000_000})
    assert_refused(response, "body", "at most")
    assert Comment.objects.count() == 0


def test_request_over_the_upload_limit_is_a_400_not_a_500(client, article, settings):
    response = post(client, article, **{**VALID, "body": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    assert response.status_code == 400
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [" \n\t\u00a0\u3000 ", ZWSP * 5, f"{ZWSP}{ZWJ}{BOM}\u2060", f"{RLO}{LRO}\u2066\u2069", "\u3164\u115f"],
    ids=["whitespace", "zero-width", "mixed-invisible", "bidi-controls", "blank-letters"],
)
def test_body_with_nothing_visible(client, article, body):
    assert_refused(post(client, article, **{**VALID, "body": body}), "body", "Please write your comment")
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("field", ["name", "body", "email"])
def test_nul_bytes(client, article, field):
    response = post(client, article, **{**VALID, field: VALID[field][:3] + "\x00" + VALID[field][3:]})
    assert response.status_code == 400
    field_error(response, field)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("field", ["name", "body"])
def test_invalid_utf8_in_a_form_post(client, article, field):
    """Invalid UTF-8 is decoded to U+FFFD by Django; the guards refuse damaged text instead of storing it."""
    from urllib.parse import urlencode

    raw = urlencode({k: v for k, v in VALID.items() if k != field}).encode() + f"&{field}=".encode() + b"ab%FF%FEcd"
    response = client.post(article.get_absolute_url(), raw, content_type="application/x-www-form-urlencoded",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "could not be read" in field_error(response, field)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "multipart/mixed; boundary=x"])
def test_wrong_content_type(client, article, content_type):
    import json

    response = client.post(article.get_absolute_url(), json.dumps(VALID), content_type=content_type,
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.context["form"].errors
    assert Comment.objects.count() == 0


def test_html_and_script_are_kept_as_text_and_escaped(client, article):
    body = '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">go</a>'
    name = '<b onmouseover="alert(3)">سلمى</b>'
    assert post(client, article, **{**VALID, "body": body, "name": name}).status_code == 302
    comment = Comment.objects.get()
    assert comment.body == body  # stored as the reader typed it: it is text, not markup
    html = client.get(article.get_absolute_url()).content.decode()  # the author sees it pending
    assert "<script>alert" not in html and "<img src=x" not in html and '<b onmouseover' not in html
    assert "&lt;script&gt;alert" in html and "&lt;b onmouseover=" in html
    assert 'href="javascript:' not in html


@pytest.mark.parametrize(
    "website",
    ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4=",
     "ftp://files.example.com/", "file:///etc/passwd", "vbscript:msgbox(1)", "http://exa mple.com",
     f"https://example.com/{ZWSP}x"],
)
def test_website_must_be_http_or_https(client, article, website):
    assert_refused(post(client, article, **{**VALID, "website": website}), "website", "http or https")
    assert Comment.objects.count() == 0


def test_website_link_is_rendered_nofollow_ugc_noopener(client, article):
    make_comment(article=article, author_website="https://salma.example/")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="https://salma.example/" rel="nofollow ugc noopener"' in html


@pytest.mark.parametrize(
    "name, stored",
    [(f"{RLO}سلمى", "سلمى"), (f"مدير{ZWSP}الموقع", "مديرالموقع"), (f"Admin{ZWJ}{BOM}", "Admin"),
     (f"{LRO}nimda\u202c", "nimda"), ("  سلمى   أحمد ", "سلمى أحمد"), ("\u2067سلمى\u2069", "سلمى")],
)
def test_bidi_and_zero_width_characters_are_kept_out_of_names(client, article, name, stored):
    assert post(client, article, **{**VALID, "name": name}).status_code == 302
    assert Comment.objects.get().author_name == stored


@pytest.mark.parametrize("name", [RLO + ZWSP, BOM * 3, "\u3164", f" {ZWJ} "])
def test_a_name_of_only_invisible_characters_is_refused(client, article, name):
    assert_refused(post(client, article, **{**VALID, "name": name}), "name", "Please enter your name")
    assert Comment.objects.count() == 0


def test_reply_to_a_comment_of_another_article(client, article):
    other = make_comment(article=make_article())
    response = post(client, article, **VALID, parent=other.pk)
    assert_refused(response, None, "same article")
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.HELD, Comment.Status.REJECTED,
                                    Comment.Status.SPAM])
def test_reply_to_an_unpublished_comment(client, article, status):
    target = make_comment(article=article, status=status)
    assert_refused(post(client, article, **VALID, parent=target.pk), None, "published comment")
    assert Comment.objects.count() == 1


def test_reply_beyond_the_depth_limit(client, article, settings):
    parent = make_comment(article=article)
    for _level in range(settings.COMMENTS_MAX_DEPTH):
        parent = make_comment(article=article, parent=parent)
    assert parent.depth == settings.COMMENTS_MAX_DEPTH
    assert_refused(post(client, article, **VALID, parent=parent.pk), None, "nested too deeply")
    assert Comment.objects.count() == settings.COMMENTS_MAX_DEPTH + 1


@pytest.mark.parametrize("parent", ["999999", "abc", "-1", "1e3"])
def test_reply_to_a_missing_or_malformed_parent(client, article, parent):
    response = post(client, article, **VALID, parent=parent)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_unknown_article_is_a_404(client):
    response = client.post("/articles/no-such-article/", VALID)
    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_unpublished_article_is_a_404(client):
    draft = make_article(is_published=False)
    assert client.post(draft.get_absolute_url(), VALID).status_code == 404
    assert Comment.objects.count() == 0


def test_closed_article(client):
    closed = make_article(comments_open=False)
    assert_refused(post(client, closed, **VALID), None, "closed")
    assert Comment.objects.count() == 0


def test_missing_csrf_token_is_refused(article):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(article.get_absolute_url(), VALID)
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_wrong_csrf_token_is_refused(article):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.get(article.get_absolute_url())
    response = csrf_client.post(article.get_absolute_url(), {**VALID, "csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_the_right_csrf_token_is_accepted(article):
    csrf_client = Client(enforce_csrf_checks=True)
    html = csrf_client.get(article.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = csrf_client.post(article.get_absolute_url(), {**VALID, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_filled_honeypot_gets_the_normal_answer_and_stores_nothing(client, article, settings):
    response = post(client, article, **{**VALID, settings.COMMENTS_HONEYPOT_FIELD: "https://cheap-pills.example"})
    assert response.status_code == 302  # exactly like an accepted comment: a bot learns nothing
    assert Comment.objects.count() == 0
    followed = client.get(response["Location"])
    assert "awaiting moderation" in followed.content.decode()


def test_honeypot_is_in_the_form_but_out_of_sight(client, article, settings):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'name="{settings.COMMENTS_HONEYPOT_FIELD}"' in html
    assert '<p class="hp" aria-hidden="true">' in html


def test_the_same_comment_posted_twice(client, article):
    assert post(client, article, **VALID).status_code == 302
    again = post(client, article, **{**VALID, "body": "  " + VALID["body"].upper() + ZWSP})
    assert_refused(again, "body", "already posted")
    assert Comment.objects.count() == 1


def test_the_same_text_by_another_author_or_on_another_article_is_not_a_duplicate(client, article):
    assert post(client, article, **VALID).status_code == 302
    assert post(client, article, **{**VALID, "email": "other.reader@example.com"}).status_code == 302
    assert post(client, make_article(), **VALID).status_code == 302
    assert Comment.objects.count() == 3


def test_flood_from_one_ip(client, article, settings):
    settings.COMMENTS_RATE_LIMIT_IP = "3/60"
    for n in range(3):
        response = post(client, article, **{**VALID, "email": f"r{n}@example.com", "body": f"رأي رقم {n}"})
        assert response.status_code == 302
    response = post(client, article, **{**VALID, "email": "r9@example.com", "body": "رأي آخر"})
    assert_refused(response, None, "too fast")
    assert Comment.objects.count() == 3
    # Another address is not affected.
    other = post(client, article, headers={"REMOTE_ADDR": "192.0.2.77"},
                 **{**VALID, "email": "r10@example.com", "body": "رأي من مكان آخر"})
    assert other.status_code == 302


def test_flood_from_one_email(client, article, settings):
    settings.COMMENTS_RATE_LIMIT_AUTHOR = "2/60"
    for n in range(2):
        response = post(client, article, headers={"REMOTE_ADDR": f"198.51.100.{n + 1}"},
                        **{**VALID, "body": f"فكرة رقم {n}"})
        assert response.status_code == 302
    # The same address in another spelling (case, spaces) is the same author.
    response = post(client, article, headers={"REMOTE_ADDR": "198.51.100.9"},
                    **{**VALID, "email": " SALMA.Private@Example.com ", "body": "فكرة ثالثة"})
    assert_refused(response, None, "too fast")
    assert Comment.objects.count() == 2


def test_error_messages_never_echo_the_email(client, article):
    response = post(client, article, **{**VALID, "body": ""})
    errors = str(response.context["form"].errors)
    assert VALID["email"] not in errors
