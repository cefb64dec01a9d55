import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from rest_framework.test import APIClient

from comments.models import Comment
from tests.conftest import make_comment
from tests.moderation.workspace_support import make_moderator

pytestmark = pytest.mark.django_db
EXPORT, ERASE = "/api/v1/moderation/privacy/export/", "/api/v1/moderation/privacy/erase/"


def superuser_client():
    user = get_user_model().objects.create_superuser("dpo", "dpo@example.com", "a-long-password-1")
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_export_is_emailed_to_the_author_and_never_in_the_response():
    make_comment(author_email="Asker@Example.com", body="تعليقي الأول", ip_address="192.0.2.9")
    make_comment(author_email="someone.else@example.com", body="تعليق غيري")
    response = superuser_client().post(EXPORT, {"email": "asker@example.com"}, format="json")
    assert response.status_code == 200
    assert response.json() == {"comment_count": 1, "sent": True}
    assert "asker@" not in response.content.decode().lower() and "192.0.2.9" not in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["asker@example.com"]
    name, content, mimetype = mail.outbox[0].attachments[0]
    data = json.loads(content)
    assert mimetype == "application/json" and data["comment_count"] == 1
    assert data["comments"][0]["body"] == "تعليقي الأول"
    assert "تعليق غيري" not in content


def test_erase_needs_confirmation_then_anonymises():
    comment = make_comment(author_email="leave@example.com", body="احذفوا تعليقي", ip_address="192.0.2.10")
    client = superuser_client()
    refused = client.post(ERASE, {"email": "leave@example.com", "confirm": False}, format="json")
    assert refused.status_code == 400 and "confirm" in refused.json()["error"]["fields"]
    done = client.post(ERASE, {"email": "leave@example.com", "confirm": True}, format="json")
    assert done.status_code == 200 and done.json() == {"erased": 1}
    comment.refresh_from_db()
    assert comment.author_email == "" and comment.ip_address is None and "احذفوا" not in comment.body


@pytest.mark.parametrize("path", [EXPORT, ERASE])
def test_privacy_endpoints_refuse_anonymous_and_plain_moderators(path):
    make_comment(author_email="x@example.com")
    assert APIClient().post(path, {"email": "x@example.com", "confirm": True}, format="json").status_code == 401
    moderator = APIClient()
    moderator.force_authenticate(make_moderator())
    assert moderator.post(path, {"email": "x@example.com", "confirm": True}, format="json").status_code == 403
    assert Comment.objects.get().author_email == "x@example.com"
