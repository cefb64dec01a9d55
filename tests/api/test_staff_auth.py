"""Every staff endpoint: 401 for anonymous callers, 403 for non-moderators; token and session (CSRF) for moderators."""
import pytest
from rest_framework.test import APIClient

from tests.api.conftest import error_of, make_user
from tests.conftest import make_comment

pytestmark = pytest.mark.django_db

STAFF_GETS = ["/api/v1/moderation/queue/", "/api/v1/moderation/terms/", "/api/v1/moderation/bans/",
              "/api/v1/moderation/stats/", "/api/v1/moderation/audit/"]


def staff_writes(comment_id):
    return [
        (f"/api/v1/moderation/comments/{comment_id}/decision/", {"action": "approve"}),
        ("/api/v1/moderation/terms/", {"term": "كلمة", "category": "profanity"}),
        ("/api/v1/moderation/bans/", {"kind": "domain", "value": "spam.example"}),
    ]


def test_anonymous_gets_401_with_www_authenticate(api):
    comment = make_comment()
    for path in STAFF_GETS:
        response = api.get(path)
        assert response.status_code == 401, path
        assert response["WWW-Authenticate"].startswith("Token")
        assert error_of(response)["code"] == "not_authenticated"
    for path, data in staff_writes(comment.id):
        assert api.post(path, data, format="json").status_code == 401, path


@pytest.mark.parametrize("staff", [False, True])
def test_non_moderators_get_403(staff):
    client = APIClient()
    client.force_authenticate(make_user("reader", staff=staff))
    comment = make_comment()
    for path in STAFF_GETS:
        response = client.get(path)
        assert response.status_code == 403, path
        assert error_of(response)["code"] == "permission_denied"
    for path, data in staff_writes(comment.id):
        assert client.post(path, data, format="json").status_code == 403, path


def test_a_bad_token_is_401(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api.get("/api/v1/moderation/queue/").status_code == 401


def test_token_endpoint_gives_moderators_a_token_that_works(api, moderator):
    response = api.post("/api/v1/auth/token/", {"username": "mod1", "password": "a-long-test-password-1"},
                        format="json")
    assert response.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/moderation/queue/").status_code == 200


def test_token_endpoint_refuses_wrong_passwords_and_non_moderators(api, moderator):
    make_user("plain", staff=True)
    for username, password in [("mod1", "wrong"), ("plain", "a-long-test-password-1"), ("nobody", "x")]:
        response = api.post("/api/v1/auth/token/", {"username": username, "password": password}, format="json")
        assert response.status_code == 400
        assert error_of(response)["code"] == "invalid"


def test_session_auth_needs_csrf_on_writes(moderator):
    comment = make_comment(status="held")
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="mod1", password="a-long-test-password-1")
    assert client.get("/api/v1/moderation/queue/").status_code == 200
    path = f"/api/v1/moderation/comments/{comment.id}/decision/"
    refused = client.post(path, {"action": "approve"}, format="json")
    assert refused.status_code == 403 and "CSRF" in error_of(refused)["message"]
    token = "a" * 32  # what a front end reads from the csrftoken cookie and echoes in X-CSRFToken
    client.cookies["csrftoken"] = token
    assert client.post(path, {"action": "approve"}, format="json", HTTP_X_CSRFTOKEN=token).status_code == 200

