"""Reader pages: the article list and the article page with its comments and form."""
import ipaddress
import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comments import selectors, services, thread_cache
from comments.forms import CommentForm
from comments.models import Article, Comment

OWN_COOKIE, OWN_SALT, OWN_MAX = "own_comments", "comments.own", 50
REMEMBER_COOKIE, REMEMBER_SALT = "comment_author", "comments.remember"
YEAR = 365 * 24 * 3600


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind API_NUM_PROXIES proxies the matching X-Forwarded-For entry
    (the same rule DRF's throttles use, so limits and stored addresses agree)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            candidate = addresses[-min(proxies, len(addresses))]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                return remote
    return remote


def own_comment_ids(request) -> list[int]:
    """The ids of comments this browser posted, from a signed cookie (only the author can see them pending)."""
    raw = request.get_signed_cookie(OWN_COOKIE, default="", salt=OWN_SALT)
    return [int(part) for part in raw.split(",") if part.isdigit()]


def _remembered(request) -> dict:
    raw = request.get_signed_cookie(REMEMBER_COOKIE, default="", salt=REMEMBER_SALT)
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {k: v for k, v in data.items() if k in {"name", "email", "website"} and isinstance(v, str)}


def comment_nudge(body: str) -> dict:
    """Run the engine's fast check on a draft; returns {ok, rules: [(label, words)]} for the template."""
    from moderation.nudge import draft_check

    result = draft_check(body)
    return {"ok": result.ok, "rules": result.rules}


def article_list(request):
    articles = selectors.article_list_public()
    return render(request, "comments/article_list.html", {"articles": articles})


def _get_article(slug: str) -> Article:
    try:
        return selectors.article_get_public(slug=slug, with_count=False)
    except Article.DoesNotExist:
        raise Http404(_("No such article."))


@require_http_methods(["GET", "POST"])
def article_detail(request, slug):
    article = _get_article(slug)
    own_ids = own_comment_ids(request)
    nudge = None
    if request.method == "POST" and request.POST.get("action") == "check":
        # The pre-posting nudge: nothing is saved; the reader sees which rule the draft may break.
        form = CommentForm(initial=request.POST.dict())
        nudge = comment_nudge(request.POST.get("body", ""))
        status = 200
    elif request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            response = _post_comment(request, article, form, own_ids)
            if response is not None:
                return response
        status = 400
    else:
        remembered = _remembered(request)
        form = CommentForm(initial={**remembered, "remember": bool(remembered)})
        status = 200
    comments_open, thread_html, version = article.comments_are_open(), None, None
    if thread_cache.own_pending_visible(article=article, own_ids=own_ids):
        comments = selectors.comment_list_public(article=article, own_ids=frozenset(own_ids))
        comment_count = sum(1 for c in comments if c.status == Comment.Status.APPROVED)
    else:  # the same published thread for every reader: rendered once per version (comments/thread_cache.py)
        comments = []
        thread_html, comment_count, version = thread_cache.thread_render(
            article=article, comments_open=comments_open, max_depth=settings.COMMENTS_MAX_DEPTH)
    context = {
        "article": article,
        "comments": selectors.comment_tree(comments),
        "thread_html": thread_html,
        "comment_count": comment_count,
        "form": form,
        "comments_open": comments_open,
        "max_depth": settings.COMMENTS_MAX_DEPTH,
        "nudge": nudge,
    }
    shared = version if thread_cache.shareable(request, remembered="name" in form.initial) else None
    response = thread_cache.render_page(request, "comments/article_detail.html", context, status=status,
                                        shared_key=shared)
    if request.method == "GET" and "name" in form.initial:
        response["Cache-Control"] = "private, no-store"  # the form is prefilled with this reader's own details
    return response


def _post_comment(request, article, form, own_ids):
    data = form.cleaned_data
    parent = None
    if data.get("parent"):
        parent = Comment.objects.filter(pk=data["parent"]).first()
        if parent is None:
            form.add_error(None, _("The comment you are replying to does not exist."))
            return None
    try:
        comment = services.comment_create(
            article=article, name=data["name"], email=data["email"], body=data["body"],
            website=data.get("website") or "", parent=parent,
            ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", ""),
            honeypot=data.get("homepage") or "",
        )
    except services.CommentDropped:  # a bot filled the honeypot: the normal answer, nothing stored
        messages.success(request, _("Thank you. Your comment is awaiting moderation; only you can see it until it is approved."))
        return redirect(f"{article.get_absolute_url()}#comment-form")
    except services.CommentRefused as refused:
        visible = refused.field in form.fields and not form.fields[refused.field].widget.is_hidden
        form.add_error(refused.field if visible else None, str(refused.message))
        return None
    messages.success(request, _("Thank you. Your comment is awaiting moderation; only you can see it until it is approved."))
    response = redirect(f"{article.get_absolute_url()}#c{comment.pk}")
    ids = (own_ids + [comment.pk])[-OWN_MAX:]
    response.set_signed_cookie(OWN_COOKIE, ",".join(map(str, ids)), salt=OWN_SALT, max_age=30 * 24 * 3600,
                               httponly=True, samesite="Lax", secure=request.is_secure())
    if data.get("remember"):
        payload = json.dumps({"name": data["name"], "email": data["email"], "website": data.get("website") or ""})
        response.set_signed_cookie(REMEMBER_COOKIE, payload, salt=REMEMBER_SALT, max_age=YEAR,
                                   httponly=True, samesite="Lax", secure=request.is_secure())
    else:
        response.delete_cookie(REMEMBER_COOKIE)
    return response
