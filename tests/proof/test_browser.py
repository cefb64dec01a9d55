"""The real flow in a real browser (headless Debian Chromium driven by Playwright) on a live server:
a reader opens the article, submits an empty form and sees the errors, posts a comment and sees it awaiting
moderation; a moderator logs into the admin and approves it; the reader reloads and sees it published.
Screenshots of each step go to test-artifacts/browser/. No Content-Security-Policy violation is allowed on
any page (reader pages and admin alike).

Moderation runs inside the test: the comment is left pending (as if no worker had picked it up yet) and the
moderator's approval in the admin is what publishes it, so the test does not depend on a Celery worker.
"""
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from comments.models import Comment
from tests.conftest import make_article

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium missing (scripts/test.sh installs it)"),
]


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
            # While Playwright's loop runs, the test's ORM calls get their own connections (asgiref's
            # context-local storage): close them here, or the test database can't be dropped afterwards.
            from django.db import connections

            connections.close_all()


class Pages:
    """A browser context that records CSP violations and numbers its screenshots."""

    step = 0

    def __init__(self, browser, base_url, who):
        self.context = browser.new_context(locale="ar", viewport={"width": 1100, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15000)
        self.base_url, self.who, self.violations = base_url, who, []
        self.page.on("console", self._console)

    def _console(self, message):
        if any(s in message.text for s in ("Content Security Policy", "Content-Security-Policy", "Refused to")):
            self.violations.append(f"{self.page.url}: {message.text}")

    def go(self, path):
        response = self.page.goto(self.base_url + path)
        assert response.status < 400, (path, response.status)
        return response

    def shot(self, name):
        Pages.step += 1
        self.page.screenshot(path=str(ARTIFACTS / f"{Pages.step:02d}-{self.who}-{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_reader_posts_moderator_approves_reader_sees_it(transactional_db, live_server, browser, monkeypatch):
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    Pages.step = 0
    monkeypatch.setattr("moderation.dispatch.comment_enqueue_moderation", lambda comment_id, **kw: False)
    article = make_article(title="انقطاع الكهرباء في الأحياء الشرقية", writer_name="سمير داود")
    get_user_model().objects.create_superuser("moderator", password="browser-test-password-1")
    body = "شكراً على المتابعة، نأمل عودة الكهرباء قريباً."

    reader = Pages(browser, live_server.url, "reader")
    reader.go(article.get_absolute_url())
    assert reader.page.locator("h1").inner_text() == article.title
    # Nothing hidden (the honeypot) may widen the right-to-left page.
    assert reader.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    reader.shot("article")

    # 1. An empty form: the errors appear beside the fields, nothing is saved.
    reader.page.click("form[method=post] button[type=submit]:not([name])")
    errors = reader.page.locator(".field.has-error .error")
    assert errors.count() == 3
    assert "يرجى كتابة اسمك" in reader.page.locator(".field.has-error").first.inner_text()
    assert Comment.objects.count() == 0
    reader.shot("empty-form-errors")

    # 2. A real comment: the reader sees it, marked as awaiting moderation.
    reader.page.fill("input[name=name]", "نادية")
    reader.page.fill("input[name=email]", "nadia.reader@example.com")
    reader.page.fill("textarea[name=body]", body)
    reader.page.click("form[method=post] button[type=submit]:not([name])")
    reader.page.wait_for_selector(".comment-pending")
    pending = reader.page.locator(".comment-pending")
    assert body in pending.inner_text()
    assert "بانتظار المراجعة" in reader.page.content()
    assert "nadia.reader@example.com" not in reader.page.content()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    reader.shot("awaiting-moderation")

    # Nobody else sees it yet.
    stranger = Pages(browser, live_server.url, "stranger")
    stranger.go(article.get_absolute_url())
    assert body not in stranger.page.content()

    # 3. The moderator logs into the admin and approves it from the queue.
    moderator = Pages(browser, live_server.url, "moderator")
    moderator.go("/admin/login/?next=/admin/moderation/queuecomment/")
    moderator.shot("admin-login")
    moderator.page.fill("input[name=username]", "moderator")
    moderator.page.fill("input[name=password]", "browser-test-password-1")
    moderator.page.click("input[type=submit], button[type=submit]")
    moderator.page.wait_for_url("**/admin/moderation/queuecomment/**")
    assert "نأمل عودة الكهرباء" in moderator.page.content()
    moderator.shot("queue")
    moderator.go(f"/admin/moderation/queuecomment/{comment.pk}/change/")
    moderator.shot("comment-page")
    moderator.page.click("button.decide-approve")
    moderator.page.wait_for_load_state()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.human_decided
    moderator.shot("approved")
    # The rest of the moderator's workspace also runs under the CSP (checked with the violations below).
    for path in ("/admin/", "/admin/moderation/queuecomment/stats/", "/admin/moderation/term/",
                 "/admin/moderation/term/add/", "/admin/moderation/ban/add/", "/admin/comments/article/add/"):
        moderator.go(path)
        moderator.page.wait_for_load_state("networkidle")

    # 4. The reader reloads: the comment is published, no longer marked pending; a stranger sees it too.
    reader.page.reload()
    published = reader.page.locator(f"#c{comment.pk}")
    assert body in published.inner_text()
    assert "comment-pending" not in (published.get_attribute("class") or "")
    reader.shot("published")
    stranger.page.reload()
    assert body in stranger.page.locator(f"#c{comment.pk}").inner_text()
    stranger.shot("published")

    violations = reader.violations + stranger.violations + moderator.violations
    assert violations == [], violations
    for pages in (reader, stranger, moderator):
        pages.context.close()


@pytest.mark.django_db(transaction=True)
def test_api_docs_work_under_the_content_security_policy(transactional_db, live_server, browser):
    """The OpenAPI docs (Swagger UI, served from the sidecar package) load without a CSP violation."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    docs = Pages(browser, live_server.url, "developer")
    docs.go("/api/docs/")
    docs.page.wait_for_selector(".swagger-ui .info", timeout=20000)
    assert "/api/v1/articles/" in docs.page.content()
    docs.page.screenshot(path=str(ARTIFACTS / "90-api-docs.png"))
    assert docs.violations == [], docs.violations
    docs.context.close()
