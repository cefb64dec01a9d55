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


def test_method_not_allowed_in_the_error_shape(api, article):
    response = api.delete(f"/api/v1/articles/{article.slug}/")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
