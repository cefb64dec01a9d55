"""The OpenAPI schema: complete, valid, and true. Schemathesis fuzzes the public endpoints in-process (WSGI)."""
import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from comments.models import Comment
from tests.conftest import make_article, make_comment

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@pytest.fixture
def api_schema(db):
    from newsportal.wsgi import application

    # Real data behind the fuzzed slugs and ids, so not every call is a 404.
    article = make_article(slug="fuzz")
    root = make_comment(article=article)
    make_comment(article=article, parent=root)
    make_comment(article=article, status=Comment.Status.PENDING)
    # The real WSGI handler closes the database connection after each request (request_finished); inside the
    # test's transaction that would break the next request, so keep it open as Django's test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# The public endpoints (the staff ones answer 401 to an anonymous fuzzer; their behaviour is tested directly).
schema = schemathesis.pytest.from_fixture("api_schema").exclude(path_regex="/moderation/")


@schema.parametrize()
# Generation only (no schemathesis coverage phase, no shrinking): bounded, a few seconds per operation.
@settings(max_examples=8, deadline=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_public_api_conforms_to_its_schema(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
def test_schema_describes_every_endpoint_and_the_error_shape(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in ["/api/v1/articles/", "/api/v1/articles/{slug}/", "/api/v1/articles/{slug}/comments/",
                 "/api/v1/comments/check/", "/api/v1/comments/{id}/status/", "/api/v1/comments/{id}/report/",
                 "/api/v1/moderation/queue/", "/api/v1/moderation/comments/{id}/decision/",
                 "/api/v1/moderation/terms/", "/api/v1/moderation/terms/{id}/", "/api/v1/moderation/bans/",
                 "/api/v1/moderation/bans/{id}/", "/api/v1/moderation/stats/", "/api/v1/moderation/audit/",
                 "/api/v1/auth/token/"]:
        assert path in paths, path
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {"error"}
    post = paths["/api/v1/articles/{slug}/comments/"]["post"]
    assert {"202", "400", "404", "429", "500"} <= set(post["responses"])
    assert post["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    listing = paths["/api/v1/articles/{slug}/comments/"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"cursor", "page_size", "since", "parent", "ordering"}
    assert {"401", "403"} <= set(paths["/api/v1/moderation/queue/"]["get"]["responses"])
    assert "email" not in schema["components"]["schemas"]["CommentOutput"]["properties"]
    assert "email" in schema["components"]["schemas"]["CommentInputRequest"]["properties"]
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


@pytest.mark.django_db
def test_docs_use_local_assets_only(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(u.startswith("/") for u in urls), urls
    assert "<script>" not in html  # the site's CSP allows no inline script
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        b"".join(asset.streaming_content) if asset.streaming else asset.content
