"""Per-IP limits on posting, reporting and the nudge answer 429 with Retry-After, in the one error shape."""
import pytest
from rest_framework.throttling import SimpleRateThrottle

from tests.api.conftest import error_of
from tests.conftest import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    # DRF reads the rates once at import; the settings names are documented in README (API_THROTTLE_*).
    rates = {**SimpleRateThrottle.THROTTLE_RATES, "comment_post": "2/min", "comment_report": "2/min",
             "comment_check": "2/min", "auth_token": "2/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


def assert_throttled(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert error_of(response)["code"] == "throttled"


def test_posting_is_limited_per_ip(api, article, low_rates):
    url = f"/api/v1/articles/{article.slug}/comments/"
    for n in range(2):
        data = {"name": f"قارئ {n}", "email": f"r{n}@example.com", "body": f"تعليق مختلف رقم {n}"}
        assert api.post(url, data, format="json").status_code == 202
    data = {"name": "قارئ", "email": "r9@example.com", "body": "تعليق ثالث"}
    assert_throttled(api.post(url, data, format="json"))
    # Reading is never limited, and another address may still post.
    assert api.get(url).status_code == 200
    assert api.post(url, data, format="json", REMOTE_ADDR="203.0.113.9").status_code == 202


def test_invalid_posts_count_too(api, article, low_rates):
    url = f"/api/v1/articles/{article.slug}/comments/"
    for _ in range(2):
        assert api.post(url, {}, format="json").status_code == 400
    assert_throttled(api.post(url, {}, format="json"))


def test_reporting_is_limited_per_ip(api, low_rates):
    comments = [make_comment() for _ in range(3)]
    for comment in comments[:2]:
        assert api.post(f"/api/v1/comments/{comment.id}/report/", {"reason": "spam"}, format="json").status_code == 202
    assert_throttled(api.post(f"/api/v1/comments/{comments[2].id}/report/", {"reason": "spam"}, format="json"))


def test_check_is_limited_per_ip(api, low_rates):
    for _ in range(2):
        assert api.post("/api/v1/comments/check/", {"body": "نص"}, format="json").status_code == 200
    assert_throttled(api.post("/api/v1/comments/check/", {"body": "نص"}, format="json"))


def test_service_flood_limit_is_a_429_too(api, article, settings):
    settings.COMMENTS_RATE_LIMIT_AUTHOR = "1/60"
    url = f"/api/v1/articles/{article.slug}/comments/"
    assert api.post(url, {"name": "أ", "email": "same@example.com", "body": "الأول"}, format="json").status_code == 202
    response = api.post(url, {"name": "أ", "email": "same@example.com", "body": "الثاني"}, format="json")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert error_of(response)["code"] == "rate_limited"


def test_token_endpoint_is_limited_per_ip(api, low_rates):
    for _ in range(2):
        assert api.post("/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json").status_code == 400
    assert_throttled(api.post("/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json"))


def test_posting_still_works_when_the_cache_is_down(api, article, settings):
    from tests.moderation.workers import free_port

    # Nothing listens on this port: every cache call fails, like Redis during an outage.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
                                   "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    response = api.post(f"/api/v1/articles/{article.slug}/comments/",
                        {"name": "أ", "email": "outage@example.com", "body": "تعليق أثناء العطل"}, format="json")
    assert response.status_code == 202
    assert api.post("/api/v1/comments/check/", {"body": "نص"}, format="json").status_code == 200
