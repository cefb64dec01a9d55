"""Walk every public and staff API response for a fixture with known emails and IPs: none may appear anywhere."""
import re

import pytest
from django.urls import get_resolver, resolve
from rest_framework.test import APIClient

from comments.identity import status_token
from comments.models import Comment, CommentReport
from moderation.services import comment_moderator_decide
from tests.api.conftest import make_user
from tests.conftest import make_article, make_comment

pytestmark = pytest.mark.django_db
S = Comment.Status
EMAILS = ["noura.hidden@private-mail.example", "omar.secret@another.example", "ban.me@troll.example"]
IPS = ["192.0.2.77", "2001:db8::4242", "198.51.100.203"]
SECRETS = EMAILS + [e.split("@")[0] for e in EMAILS] + IPS + ["private-mail.example"]


def api_route_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                ns = f"{namespace}{p.namespace}:" if getattr(p, "namespace", None) else namespace
                walk(p.url_patterns, ns)
            elif namespace.startswith("api:") and p.name:
                names.add(f"{namespace}{p.name}")
    walk(get_resolver().url_patterns)
    return names


class Walker:
    def __init__(self):
        self.seen, self.count = set(), 0

    def check(self, response):
        text = response.content.decode()
        lowered = text.lower()
        for secret in SECRETS:
            assert secret.lower() not in lowered, (response.request["PATH_INFO"], secret)
        for key in ("author_email", "ip_address", "user_agent"):
            assert key not in text, (response.request["PATH_INFO"], key)
        assert not re.search(r'"email"\s*:\s*"', text), response.request["PATH_INFO"]  # a field error list is fine
        match = resolve(response.request["PATH_INFO"])
        self.seen.add(f"{match.namespace}:{match.url_name}")
        self.count += 1
        return response

    def get_all(self, client, path, params=None):
        """GET a list and every following page."""
        response = self.check(client.get(path, params or {}))
        body = response.json()
        while isinstance(body, dict) and body.get("next"):
            response = self.check(client.get(body["next"]))
            body = response.json()
        return response


@pytest.fixture
def world():
    article = make_article(slug="privacy-article")
    rows = []
    for n, status in enumerate([S.APPROVED, S.APPROVED, S.PENDING, S.HELD, S.REJECTED, S.SPAM]):
        rows.append(make_comment(article=article, status=status, author_email=EMAILS[n % 2],
                                 ip_address=IPS[n % 2], user_agent="Mozilla/5.0 test",
                                 reasons=["a reason"], categories=["profanity"] if n > 3 else []))
    make_comment(article=article, parent=rows[0], author_email=EMAILS[1], ip_address=IPS[1])
    make_comment(article=article, status=S.HELD, author_email=EMAILS[2], ip_address=IPS[2], report_count=2)
    CommentReport.objects.create(comment=rows[1], reason="spam", reporter_key="k" * 64)
    moderator = make_user("privacy-mod", staff=True, moderator=True)
    comment_moderator_decide(comment_id=rows[3].id, action="reject", moderator=moderator, note="n")
    return {"article": article, "comments": rows, "moderator": moderator}


def test_no_email_or_ip_in_any_api_response(world):
    article, comments = world["article"], world["comments"]
    anon, walker = APIClient(), Walker()
    mod = APIClient()
    mod.force_authenticate(world["moderator"])

    # Public reads.
    walker.get_all(anon, "/api/v1/articles/", {"page_size": 1})
    walker.check(anon.get(f"/api/v1/articles/{article.slug}/"))
    walker.get_all(anon, f"/api/v1/articles/{article.slug}/comments/", {"page_size": 2})
    walker.get_all(anon, f"/api/v1/articles/{article.slug}/comments/", {"ordering": "-created", "page_size": 2})
    for comment in Comment.objects.all():
        walker.check(anon.get(f"/api/v1/comments/{comment.id}/status/", {"token": status_token(comment.id)}))
    # Public writes, their answers and their errors (which must not echo the email either).
    url = f"/api/v1/articles/{article.slug}/comments/"
    posted = walker.check(anon.post(url, {"name": "نورة", "email": EMAILS[0], "body": "تعليق جديد للخصوصية"},
                                    format="json", REMOTE_ADDR=IPS[0]))
    assert posted.status_code == 202
    walker.check(anon.post(url, {"name": "", "email": EMAILS[0] + "@", "body": ""}, format="json"))
    walker.check(anon.post(url, {"name": "نورة", "email": EMAILS[0], "body": "تعليق جديد للخصوصية"},
                           format="json", REMOTE_ADDR=IPS[0]))  # duplicate
    walker.check(anon.post("/api/v1/comments/check/", {"body": f"راسلني على {'x'}"}, format="json"))
    walker.check(anon.post(f"/api/v1/comments/{comments[0].id}/report/", {"reason": "other"}, format="json",
                           REMOTE_ADDR=IPS[1]))
    walker.check(anon.post("/api/v1/auth/token/", {"username": EMAILS[0], "password": "x"}, format="json"))

    # Staff reads: every page of every list, with and without filters.
    for path in ("/api/v1/moderation/queue/", "/api/v1/moderation/audit/", "/api/v1/moderation/terms/",
                 "/api/v1/moderation/bans/"):
        walker.get_all(mod, path, {"page_size": 3})
    walker.get_all(mod, "/api/v1/moderation/queue/", {"ordering": "-reports", "reported": "true"})
    walker.check(mod.get("/api/v1/moderation/stats/"))
    walker.check(mod.get("/api/v1/moderation/advice/"))
    # Staff writes: decisions, bans taken from a comment (the address stays hidden), terms.
    walker.check(mod.post(f"/api/v1/moderation/comments/{comments[2].id}/decision/", {"action": "approve"},
                          format="json"))
    for kind in ("ip", "email"):
        ban = walker.check(mod.post("/api/v1/moderation/bans/", {"kind": kind, "comment": comments[3].id},
                                    format="json"))
        assert ban.status_code == 201
        walker.check(mod.get(f"/api/v1/moderation/bans/{ban.json()['id']}/"))
        walker.check(mod.patch(f"/api/v1/moderation/bans/{ban.json()['id']}/", {"enabled": False}, format="json"))
    email_ban = walker.check(mod.post("/api/v1/moderation/bans/", {"kind": "email", "value": EMAILS[2]},
                                      format="json"))
    assert email_ban.status_code == 201
    ip_ban = walker.check(mod.post("/api/v1/moderation/bans/", {"kind": "ip", "value": IPS[2]}, format="json"))
    assert ip_ban.status_code == 201
    walker.get_all(mod, "/api/v1/moderation/bans/")
    term = walker.check(mod.post("/api/v1/moderation/terms/", {"term": "مصطلح", "category": "spam"}, format="json"))
    walker.check(mod.get(f"/api/v1/moderation/terms/{term.json()['id']}/"))
    walker.check(mod.patch(f"/api/v1/moderation/terms/{term.json()['id']}/", {"enabled": False}, format="json"))
    walker.get_all(mod, "/api/v1/moderation/queue/")
    walker.get_all(mod, "/api/v1/moderation/audit/")

    # The schema and docs too.
    walker.check(anon.get("/api/schema/", {"format": "json"}))
    walker.check(anon.get("/api/docs/"))

    # The privacy endpoints are superuser-only (the export goes by email to the address named, never into
    # the response): test_staff_privacy.py checks them.
    missing = api_route_names() - walker.seen - {"api:privacy_export", "api:privacy_erase"}
    assert not missing, f"endpoints not walked by the privacy test: {sorted(missing)}"
    assert walker.count > 40


def test_output_serializers_name_no_private_field():
    from comments.api import serializers as public
    from moderation.api import serializers as staff

    for module in (public, staff):
        for name in dir(module):
            cls = getattr(module, name)
            if isinstance(cls, type) and name.endswith("OutputSerializer"):
                fields = set(cls().fields)
                assert not fields & {"author_email", "email", "ip_address", "user_agent", "ip"}, name
