import pytest

from tests.api.conftest import error_of
from tests.conftest import make_article, make_comment
from comments.models import Comment

pytestmark = pytest.mark.django_db


def test_article_list_newest_first_with_approved_counts(api):
    old = make_article(title="قديم")
    new = make_article(title="جديد")
    make_comment(article=old)
    make_comment(article=old, status=Comment.Status.PENDING)
    make_comment(article=old, status=Comment.Status.REJECTED)
    make_article(is_published=False)
    body = api.get("/api/v1/articles/").json()
    assert [a["slug"] for a in body["results"]][:2] == [new.slug, old.slug]
    assert len(body["results"]) == 2
    assert body["results"][1]["approved_count"] == 1
    assert set(body["results"][0]) == {"slug", "title", "writer_name", "summary", "published_at", "comments_open",
                                       "approved_count", "url"}


def test_article_list_cursor_pages(api):
    for _ in range(5):
        make_article()
    first = api.get("/api/v1/articles/?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 2
    assert not {a["slug"] for a in first["results"]} & {a["slug"] for a in second["results"]}


def test_article_detail(api, article):
    body = api.get(f"/api/v1/articles/{article.slug}/").json()
    assert body["slug"] == article.slug and body["body"] == article.body and body["approved_count"] == 0


def test_arabic_slug(api):
    article = make_article(slug="خبر-عاجل")
    response = api.get(f"/api/v1/articles/{article.slug}/")
    assert response.status_code == 200


def test_unknown_article_404_in_the_error_shape(api):
    response = api.get("/api/v1/articles/no-such-article/")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_unpublished_article_is_404(api):
    article = make_article(is_published=False)
    assert api.get(f"/api/v1/articles/{article.slug}/").status_code == 404
    assert api.get(f"/api/v1/articles/{article.slug}/comments/").status_code == 404


def test_bad_cursor_is_400(api):
    response = api.get("/api/v1/articles/?cursor=not-a-cursor")
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_cursor"


def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert error_of(response)["code"] == "not_found"
    page = client.get("/no/such/page/")  # outside /api/ the site's own 404 page stays
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_method_not_allowed_in_the_error_shape(api, article):
    response = api.delete(f"/api/v1/articles/{article.slug}/")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_bad_host_under_api_is_json_400(client):
    response = client.get("/api/v1/articles/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_server_error_under_api_is_json_500(monkeypatch):
    from django.test import Client

    from comments.api import views

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.selectors, "article_list_public", boom)
    response = Client(raise_request_exception=False).get("/api/v1/articles/")
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "server_error" and error["fields"] == {} and "boom" not in error["message"]


def test_cors_is_off_by_default_and_on_for_configured_origins(client, settings):
    preflight = {"HTTP_ORIGIN": "https://front.example", "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "POST"}
    response = client.options("/api/v1/articles/", **preflight)
    assert "access-control-allow-origin" not in response.headers
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example"]
    response = client.options("/api/v1/articles/", **preflight)
    assert response.headers["access-control-allow-origin"] == "https://front.example"
    assert "access-control-allow-origin" not in client.get("/", HTTP_ORIGIN="https://front.example").headers
