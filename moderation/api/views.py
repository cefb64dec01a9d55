"""Staff API: the queue, decisions, word lists, bans, stats and the audit log. Writes go through the services."""
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from comments.api.schema import errors
from comments.api.throttling import AuthTokenThrottle
from comments.models import Comment
from moderation import learning, selectors, services, workspace
from moderation.api import filters
from moderation.api import serializers as s
from moderation.api.permissions import MODERATOR_PERMISSION
from moderation.models import Ban, Term

STAFF_ERRORS = (401, 403)


def _jsonable(value):
    """The stats selector keys its tables by date: make keys and values ISO strings for JSON."""
    if isinstance(value, dict):
        return {(k.isoformat() if hasattr(k, "isoformat") else k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def _days(request, default: int) -> int:
    """The `days` query parameter: a whole number from 1 to 365 (400 otherwise)."""
    raw = request.query_params.get("days", str(default))
    if not raw.isdigit() or not 1 <= int(raw) <= 365:
        raise ValidationError({"days": [_("Enter a whole number of days from 1 to 365.")]})
    return int(raw)


def _django_errors(exc: DjangoValidationError, field: str) -> ValidationError:
    return ValidationError({field: [str(m) for m in exc.messages]})


@extend_schema(tags=["moderation"], responses={200: s.QueueCommentOutputSerializer(many=True),
                                                **errors(400, *STAFF_ERRORS)})
class QueueListApi(generics.ListAPIView):
    """Held and pending comments, oldest first (or most reported first), with the same filters as the admin queue."""

    serializer_class = s.QueueCommentOutputSerializer
    filterset_class = filters.QueueFilter
    cursor_orderings = filters.QUEUE_ORDERINGS
    default_ordering = "created"

    def get_queryset(self):
        return selectors.queue_list()  # held and pending; the FilterSet narrows, the pagination orders


@extend_schema(tags=["moderation"], request=s.DecisionInputSerializer,
               responses={200: s.DecisionResultOutputSerializer, **errors(400, *STAFF_ERRORS, 404)})
class CommentDecisionApi(APIView):
    """Approve, reject or mark spam, with an optional note: the same service as the admin, audited; it always wins."""

    def post(self, request, pk):
        if not Comment.objects.filter(pk=pk).exists():
            raise NotFound(_("No such comment."))
        serializer = s.DecisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = services.comment_moderator_decide(comment_id=pk, action=serializer.validated_data["action"],
                                                moderator=request.user,
                                                note=serializer.validated_data.get("note", ""))
        comment = Comment.objects.select_related("article", "decided_by").get(pk=pk)
        return Response(s.DecisionResultOutputSerializer({"comment": comment, "decision": row}).data)


@extend_schema(tags=["moderation"], parameters=[OpenApiParameter("days", OpenApiTypes.INT, description="1-365, default 30")],
               responses={200: s.StatsOutputSerializer, **errors(400, *STAFF_ERRORS)})
class StatsApi(APIView):
    """Queue size and age, decisions per day by decision and decider, by rule, and how often moderators overturn the engine."""

    def get(self, request):
        return Response(_jsonable(selectors.moderation_stats(days=_days(request, 30))))


@extend_schema(tags=["moderation"], parameters=[OpenApiParameter("days", OpenApiTypes.INT, description="1-365, default 90")],
               responses={200: s.AdviceOutputSerializer, **errors(400, *STAFF_ERRORS)})
class AdviceApi(APIView):
    """What moderators' decisions teach the engine: words to list, and threshold moves the decisions support.

    Read only: nothing changes until a moderator adds a term or an operator moves a threshold."""

    def get(self, request):
        days = _days(request, 90)
        return Response(s.AdviceOutputSerializer({
            "days": days, "terms": learning.suggest_terms(days=days),
            "thresholds": learning.threshold_advice(days=days)}).data)


@extend_schema(tags=["moderation"], responses={200: s.DecisionOutputSerializer(many=True),
                                                **errors(400, *STAFF_ERRORS)})
class AuditListApi(generics.ListAPIView):
    """Every decision, by the engine, the system or a moderator: who, when, from -> to, rule, engine version, note."""

    serializer_class = s.DecisionOutputSerializer
    filterset_class = filters.AuditFilter
    cursor_orderings = filters.AUDIT_ORDERINGS
    default_ordering = "-created"

    def get_queryset(self):
        return selectors.audit_list()


class TermListApi(generics.ListCreateAPIView):
    """The word lists: list (filterable) and add a term. A change reaches every process within seconds."""

    filterset_class = filters.TermFilter
    cursor_ordering = ("-id",)
    method_permissions = {"POST": "moderation.add_term"}

    def get_queryset(self):
        return Term.objects.select_related("created_by", "updated_by")

    def get_serializer_class(self):
        return s.TermInputSerializer if self.request.method == "POST" else s.TermOutputSerializer

    @extend_schema(tags=["moderation"], responses={200: s.TermOutputSerializer(many=True), **errors(400, *STAFF_ERRORS)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=["moderation"], request=s.TermInputSerializer,
                   responses={201: s.TermOutputSerializer, **errors(400, *STAFF_ERRORS)})
    def post(self, request, *args, **kwargs):
        serializer = s.TermInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        term = workspace.term_save(term=Term(**serializer.validated_data), actor=request.user)
        return Response(s.TermOutputSerializer(term).data, status=status.HTTP_201_CREATED)


class TermDetailApi(generics.GenericAPIView):
    """One term: read it, edit it, or disable it with {"enabled": false} (terms are never deleted: audit)."""

    method_permissions = {"PATCH": "moderation.change_term"}
    serializer_class = s.TermOutputSerializer

    def get_object(self):
        term = Term.objects.select_related("created_by", "updated_by").filter(pk=self.kwargs["pk"]).first()
        if term is None:
            raise NotFound(_("No such term."))
        return term

    @extend_schema(tags=["moderation"], responses={200: s.TermOutputSerializer, **errors(*STAFF_ERRORS, 404)})
    def get(self, request, pk):
        return Response(s.TermOutputSerializer(self.get_object()).data)

    @extend_schema(tags=["moderation"], request=s.TermInputSerializer(partial=True),
                   responses={200: s.TermOutputSerializer, **errors(400, *STAFF_ERRORS, 404)})
    def patch(self, request, pk):
        term = self.get_object()
        serializer = s.TermInputSerializer(term, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changed = [k for k, v in serializer.validated_data.items() if getattr(term, k) != v]
        for key, value in serializer.validated_data.items():
            setattr(term, key, value)
        if changed:
            term = workspace.term_save(term=term, actor=request.user, changed=changed)
        return Response(s.TermOutputSerializer(term).data)


class BanListApi(generics.ListCreateAPIView):
    """Bans by email (stored as a hash), domain, IP or range: list and create (also straight from a comment)."""

    filterset_class = filters.BanFilter
    cursor_ordering = ("-id",)
    method_permissions = {"POST": "moderation.add_ban"}

    def get_queryset(self):
        return Ban.objects.select_related("created_by")

    def get_serializer_class(self):
        return s.BanInputSerializer if self.request.method == "POST" else s.BanOutputSerializer

    @extend_schema(tags=["moderation"], responses={200: s.BanOutputSerializer(many=True), **errors(400, *STAFF_ERRORS)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=["moderation"], request=s.BanInputSerializer,
                   responses={201: s.BanOutputSerializer, **errors(400, *STAFF_ERRORS)})
    def post(self, request, *args, **kwargs):
        serializer = s.BanInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        value = data.get("value", "")
        if data.get("comment"):
            comment = Comment.objects.filter(pk=data["comment"]).only("author_key", "ip_address").first()
            if comment is None:
                raise ValidationError({"comment": [_("No such comment.")]})
            value = comment.author_key if data["kind"] == Ban.Kind.EMAIL else (comment.ip_address or "")
            if not value:
                raise ValidationError({"comment": [_("This comment's address is no longer kept.")]})
        try:
            ban = workspace.ban_create(kind=data["kind"], value=value, actor=request.user,
                                       reason=data.get("reason", ""), expires_at=data.get("expires_at"))
        except DjangoValidationError as exc:
            raise _django_errors(exc, "value")
        return Response(s.BanOutputSerializer(ban).data, status=status.HTTP_201_CREATED)


class BanDetailApi(generics.GenericAPIView):
    """One ban: read it, change its reason or expiry, or lift it with {"enabled": false}."""

    method_permissions = {"PATCH": "moderation.change_ban"}
    serializer_class = s.BanOutputSerializer

    def get_object(self):
        ban = Ban.objects.select_related("created_by").filter(pk=self.kwargs["pk"]).first()
        if ban is None:
            raise NotFound(_("No such ban."))
        return ban

    @extend_schema(tags=["moderation"], responses={200: s.BanOutputSerializer, **errors(*STAFF_ERRORS, 404)})
    def get(self, request, pk):
        return Response(s.BanOutputSerializer(self.get_object()).data)

    @extend_schema(tags=["moderation"], request=s.BanUpdateInputSerializer,
                   responses={200: s.BanOutputSerializer, **errors(400, *STAFF_ERRORS, 404)})
    def patch(self, request, pk):
        ban = self.get_object()
        serializer = s.BanUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        enabled = data.pop("enabled", None)
        changed = [k for k, v in data.items() if getattr(ban, k) != v]
        if enabled is True and not ban.enabled:
            ban.enabled = True
            changed.append("enabled")
        if changed:
            for key in data:
                setattr(ban, key, data[key])
            ban = workspace.ban_update(ban=ban, actor=request.user, changed=changed)
        if enabled is False:
            ban = workspace.ban_lift(ban=ban, actor=request.user)
        return Response(s.BanOutputSerializer(ban).data)


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")


@extend_schema(tags=["auth"], request=TokenInputSerializer,
               responses={200: TokenOutputSerializer, **errors(400, 415, 429)})
class AuthTokenApi(APIView):
    """A moderator's API token from their username and password (limited per address)."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (AuthTokenThrottle,)

    def post(self, request):
        serializer = TokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request._request, username=serializer.validated_data["username"],
                            password=serializer.validated_data["password"])
        if getattr(request._request, "axes_locked_out", False):
            # The admin's login lockout (django-axes) covers this endpoint too; answer it in the API's own shape
            # instead of the lockout page the axes middleware would put in place of this response.
            request._request.axes_locked_out = False
            cooloff = settings.AXES_COOLOFF_TIME
            wait = int(cooloff.total_seconds()) if hasattr(cooloff, "total_seconds") else 900
            raise Throttled(wait=wait, detail=_("Too many failed logins from this address; try again later."))
        if user is None or not user.is_staff or not user.has_perm(MODERATOR_PERMISSION):
            raise ValidationError({"non_field_errors": [_("Unable to log in with the provided credentials.")]})
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
