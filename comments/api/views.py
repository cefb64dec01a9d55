"""Public API: articles, the published comments of an article, posting, the poster's status, the nudge, reports."""
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from comments import selectors, services
from comments.api import serializers as s
from comments.api.errors import Conflict, RateLimited, Refused
from comments.api.filters import COMMENT_ORDERINGS, CommentFilter
from comments.api.schema import errors
from comments.api.selectors import comment_list_public_api
from comments.api.throttling import CommentCheckThrottle, CommentPostThrottle, CommentReportThrottle
from comments.identity import status_token, status_token_matches
from comments.models import Article, Comment
from comments.views import client_ip


class PublicApiMixin:
    """Anyone may call; no session, so no CSRF token is needed by a front end on another origin."""

    authentication_classes = ()
    permission_classes = (AllowAny,)


def article_or_404(slug: str) -> Article:
    try:
        return selectors.article_get_public(slug=slug)
    except Article.DoesNotExist:
        raise NotFound(_("No such article."))


def published_comment_or_404(comment_id: int) -> Comment:
    comment = Comment.objects.filter(pk=comment_id, status=Comment.Status.APPROVED).first()
    if comment is None:
        raise NotFound(_("No such comment."))
    return comment


@extend_schema(tags=["articles"], responses={200: s.ArticleOutputSerializer(many=True), **errors(400)})
class ArticleListApi(PublicApiMixin, generics.ListAPIView):
    """Published articles, newest first, each with its number of published comments."""

    serializer_class = s.ArticleOutputSerializer
    filter_backends = ()
    cursor_ordering = ("-published_at", "-id")

    def get_queryset(self):
        return selectors.article_list_public()


@extend_schema(tags=["articles"], responses={200: s.ArticleDetailOutputSerializer, **errors(404)})
class ArticleDetailApi(PublicApiMixin, generics.RetrieveAPIView):
    """One published article."""

    serializer_class = s.ArticleDetailOutputSerializer

    def get_object(self):
        return article_or_404(self.kwargs["slug"])


class ArticleCommentsApi(PublicApiMixin, generics.ListAPIView):
    """GET: the article's published comments; POST: a reader's new comment."""

    serializer_class = s.CommentOutputSerializer
    filterset_class = CommentFilter
    cursor_orderings = COMMENT_ORDERINGS
    default_ordering = "created"

    def get_throttles(self):
        return [CommentPostThrottle()] if self.request.method == "POST" else []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no article in the URL
            return Comment.objects.none()
        return comment_list_public_api(article=article_or_404(self.kwargs["slug"]))

    @extend_schema(
        tags=["comments"], operation_id="article_comments_list",
        description=(
            "Published comments as a FLAT list: each item has `parent` (null for a top-level comment) and "
            "`depth`. In the default order (`created`, oldest first) a parent always comes before its "
            "replies, so a client builds the tree by appending each item to its parent's replies. "
            "Replies whose parent is not published are left out. Cursor-paginated: follow `next`."
        ),
        responses={200: s.CommentOutputSerializer(many=True), **errors(400, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["comments"], operation_id="article_comments_create", request=s.CommentInputSerializer,
        description=(
            "Post a comment. It is saved as pending and moderated in the background; answer 202 with a "
            "`token` that lets the poster (and only the poster) read its status at `status_url`. "
            "Validation messages follow Accept-Language (Arabic by default, English with `en`). "
            "Limited per client address (429 with Retry-After)."
        ),
        responses={202: s.CommentCreatedOutputSerializer, **errors(400, 404, 415, 429)},
    )
    def post(self, request, slug):
        article = article_or_404(slug)
        serializer = s.CommentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        parent = None
        if data.get("parent"):
            parent = Comment.objects.filter(pk=data["parent"]).first()
            if parent is None:
                raise Refused(_("The comment you are replying to does not exist."), code="parent", field="parent")
        try:
            comment = services.comment_create(
                article=article, name=data["name"], email=data["email"], body=data["body"],
                website=data.get("website") or "", parent=parent,
                ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        except services.CommentRefused as refused:
            if getattr(refused, "retry_after", None):  # a flood from this address or author: 429 + Retry-After
                raise RateLimited(refused.message, wait=refused.retry_after)
            raise Refused(refused.message, code=refused.code, field=refused.field)
        token = status_token(comment.pk)
        body = {
            "id": comment.pk, "status": "pending", "token": token,
            "status_url": f"{reverse('api:comment_status', kwargs={'pk': comment.pk})}?token={token}",
        }
        return Response(s.CommentCreatedOutputSerializer(body).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(
    tags=["comments"],
    parameters=[OpenApiParameter("token", OpenApiTypes.STR, OpenApiParameter.QUERY, required=True,
                                 description="The token returned when the comment was posted.")],
    responses={200: s.CommentStatusOutputSerializer, **errors(404)},
)
class CommentStatusApi(PublicApiMixin, APIView):
    """The poster's view of their comment's status; 404 without the right token (nobody else learns anything)."""

    def get(self, request, pk):
        comment = Comment.objects.filter(pk=pk).only("id", "status", "reasons").first()
        if comment is None or not status_token_matches(request.query_params.get("token", ""), comment.pk):
            raise NotFound(_("No such comment."))
        unpublished = comment.status in {Comment.Status.REJECTED, Comment.Status.SPAM}
        reasons = [str(r) for r in comment.reasons] if unpublished else []
        return Response(s.CommentStatusOutputSerializer({"id": comment.pk, "status": comment.status,
                                                         "reasons": reasons}).data)


@extend_schema(tags=["comments"], request=s.CommentCheckInputSerializer,
               responses={200: s.CommentCheckOutputSerializer, **errors(400, 415, 429)})
class CommentCheckApi(PublicApiMixin, APIView):
    """The pre-posting nudge: which posted rule a draft seems to break. Nothing is saved; posting stays allowed."""

    throttle_classes = (CommentCheckThrottle,)

    def post(self, request):
        from moderation.nudge import draft_check

        serializer = s.CommentCheckInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = draft_check(serializer.validated_data["body"])
        body = {
            # A clean draft gets no reasons: the engine's scores are not for tuning an insult against.
            "ok": result.ok, "categories": list(result.categories),
            "reasons": [] if result.ok else [str(r) for r in result.reasons],
            "rules": [{"category": code, "label": label, "words": list(words)}
                      for code, (label, words) in zip(result.categories, result.rules)],
        }
        return Response(s.CommentCheckOutputSerializer(body).data)


@extend_schema(tags=["comments"], request=s.CommentReportInputSerializer,
               responses={202: s.CommentReportOutputSerializer, **errors(400, 404, 409, 415, 429)})
class CommentReportApi(PublicApiMixin, APIView):
    """Report a published comment to the moderators, once per reader (409 on a repeat)."""

    throttle_classes = (CommentReportThrottle,)

    def post(self, request, pk):
        from moderation import reports

        published_comment_or_404(pk)
        serializer = s.CommentReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            reports.comment_report(
                comment=pk, reason=serializer.validated_data["reason"], note=serializer.validated_data.get("note", ""),
                reporter_key=reports.reporter_key_for(reader_id="api", ip=client_ip(request)),
            )
        except reports.ReportRefused as refused:
            if refused.code == "not_published":
                raise NotFound(refused.message)
            if refused.code == "duplicate":
                raise Conflict(refused.message, code="duplicate")
            raise Refused(refused.message, code=refused.code, field="reason")
        return Response(s.CommentReportOutputSerializer({"status": "received"}).data, status=status.HTTP_202_ACCEPTED)
