"""Security headers, CSP, `check --deploy`, admin login lockout, no Gravatar hash, no personal data in logs."""
import hashlib
import io
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from comments.identity import email_key
from comments.models import Comment
from newsportal.security import ScrubPersonalDataFilter, scrub
from tests.conftest import make_comment

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ["comments", "moderation", "newsportal", "templates", "static", "webhooks"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "ARTICLE", "/admin/login/"])
def test_security_headers_on_pages(client, article, path):
    response = client.get(article.get_absolute_url() if path == "ARTICLE" else path)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = csp_directives(response)
    assert policy["script-src"] == ["'self'"]  # no inline scripts, no other hosts
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in " ".join(policy.get("default-src", []) + policy.get("style-src", []))


@pytest.mark.django_db
def test_no_hsts_over_plain_http_by_default(client, article):
    assert "Strict-Transport-Security" not in client.get(article.get_absolute_url())


@pytest.mark.django_db
def test_hsts_behind_the_setting(client, article, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(article.get_absolute_url(), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_event_handler(client, article):
    make_comment(article=article, author_website="https://a.example/")
    for url in ("/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html, flags=re.I):
            assert "src=" in tag, tag
        assert not re.search(r"\son[a-z]+\s*=", html, flags=re.I)
        assert "javascript:" not in html.lower()


def test_templates_have_no_inline_script():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, flags=re.I | re.S):
            assert "src=" in match.group(1) or match.group(1).strip().startswith('type="application/json"'), path
            assert not match.group(2).strip() or "json" in match.group(1), path


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    """The production environment documented in README "Security and privacy" passes `check --deploy`."""
    env = {
        **os.environ,
        "DJANGO_SECURE": "1",
        "DJANGO_SECRET_KEY": "x" * 20 + hashlib.sha256(b"not-a-real-key").hexdigest(),
        "DJANGO_ALLOWED_HOSTS": "news.example",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        "DJANGO_DEBUG": "0",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_switch_turns_on_https_protections(tmp_path):
    env = {**os.environ, "DJANGO_SECURE": "1", "DJANGO_SECRET_KEY": "k" * 60}
    code = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1].split() == ["True", "True", "True", "True"], result.stderr


@pytest.fixture
def admin_login(settings):
    """Logins in these tests hash many wrong passwords: a fast (test-only) hasher keeps them quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_admin_login_is_locked_out_after_repeated_failures(client, settings, admin_login):
    get_user_model().objects.create_superuser("chief", password="a-long-correct-password")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/?next=/admin/", {"username": "chief", "password": "wrong"})
        assert response.status_code == 200  # the usual "please enter the correct username" page
    last = client.post("/admin/login/?next=/admin/", {"username": "chief", "password": "wrong"})
    assert last.status_code == 429
    locked = client.post("/admin/login/?next=/admin/", {"username": "chief", "password": "a-long-correct-password"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address can still log in: the lockout is per address.
    other = client.post("/admin/login/?next=/admin/", {"username": "chief", "password": "a-long-correct-password"},
                        REMOTE_ADDR="203.0.113.5")
    assert other.status_code == 302


@pytest.mark.django_db
def test_admin_login_works_and_a_success_resets_the_count(client, settings, admin_login):
    get_user_model().objects.create_superuser("chief", password="a-long-correct-password")
    for _round in range(2):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            client.post("/admin/login/", {"username": "chief", "password": "wrong"})
        ok = client.post("/admin/login/?next=/admin/", {"username": "chief", "password": "a-long-correct-password"})
        assert ok.status_code == 302
        client.logout()


@pytest.mark.django_db
def test_test_client_login_still_works(client):
    """The lockout backend needs a request; logins without one (shell, test client) pass through to the next."""
    get_user_model().objects.create_user("mod", password="pw-for-tests-only")
    assert client.login(username="mod", password="pw-for-tests-only")


@pytest.mark.django_db
def test_author_key_is_a_keyed_hash_not_a_gravatar_md5():
    comment = make_comment(author_email="Reader.One@Example.com ")
    normalised = b"reader.one@example.com"
    assert comment.author_key == email_key("reader.one@example.com")
    assert comment.author_key not in {hashlib.md5(normalised).hexdigest(), hashlib.sha256(normalised).hexdigest()}


def test_no_gravatar_or_md5_anywhere_in_the_product():
    offenders = []
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".html", ".js", ".css", ".txt"} or "engine/model" in str(path):
                continue
            text = path.read_text(encoding="utf-8", errors="ignore").lower()
            if "gravatar" in text or "md5" in text:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_scrub_removes_emails_and_ip_addresses():
    text = "post by noor.x+tag@mail.example.org from 198.51.100.23 and 2001:db8::42 at 12:30:05 (v1.2.3)"
    assert scrub(text) == "post by [email] from [ip] and [ip] at 12:30:05 (v1.2.3)"


@pytest.mark.django_db
def test_a_posted_email_never_reaches_the_logs(client, article, settings):
    """Through the real LOGGING handlers: a post (accepted and refused) and app log lines naming the email and IP."""
    stream = io.StringIO()
    handlers = [h for h in logging.getLogger().handlers if any(isinstance(f, ScrubPersonalDataFilter) for f in h.filters)]
    assert handlers, "the LOGGING console handler has no scrubbing filter"
    old_streams = [h.setStream(stream) for h in handlers]
    root_level = logging.getLogger().level
    logging.getLogger().setLevel(logging.DEBUG)
    try:
        email, ip = "leak.check@example.com", "203.0.113.99"
        data = {"name": "ليلى", "email": email, "body": "تعليق لاختبار السجلات."}
        assert client.post(article.get_absolute_url(), data, REMOTE_ADDR=ip).status_code == 302
        assert client.post(article.get_absolute_url(), {**data, "body": ""}, REMOTE_ADDR=ip).status_code == 400
        client.post(article.get_absolute_url(), data, REMOTE_ADDR=ip)  # duplicate
        comment = Comment.objects.get()
        logging.getLogger("comments").warning("comment %s by %s from %s", comment.pk, comment.author_email, ip)
        try:
            raise ValueError(f"cannot reach {email}")
        except ValueError:
            logging.getLogger("moderation").exception("failure for %s", ip)
    finally:
        for handler, old in zip(handlers, old_streams):
            handler.setStream(old)
        logging.getLogger().setLevel(root_level)
    output = stream.getvalue()
    assert "Bad Request" in output and "[email]" in output and "[ip]" in output
    assert email not in output and ip not in output
    assert "leak.check" not in output
