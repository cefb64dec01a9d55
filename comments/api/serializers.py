"""Public API serializers: Input ones validate, Output ones list their fields; no output has the email or the IP."""
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from comments.api.filters import MAX_ID
from comments.models import Article, Comment
from moderation.reports import report_reason_choices

REPORT_REASONS = report_reason_choices()


class ArticleOutputSerializer(serializers.ModelSerializer):
    approved_count = serializers.IntegerField(read_only=True, help_text=_("Number of published comments."))
    comments_open = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text=_("The article's page."))

    class Meta:
        model = Article
        fields = ("slug", "title", "writer_name", "summary", "published_at", "comments_open", "approved_count", "url")

    def get_comments_open(self, article) -> bool:
        return article.comments_are_open()

    def get_url(self, article) -> str:
        return article.get_absolute_url()


class ArticleDetailOutputSerializer(ArticleOutputSerializer):
    class Meta(ArticleOutputSerializer.Meta):
        fields = ArticleOutputSerializer.Meta.fields + ("body",)


class CommentOutputSerializer(serializers.ModelSerializer):
    """A published comment in the flat thread list: `parent` and `depth` let a client nest it."""

    parent = serializers.IntegerField(source="parent_id", allow_null=True, read_only=True,
                                      help_text=_("Id of the comment this one replies to; null for a top-level comment."))
    depth = serializers.IntegerField(read_only=True, help_text=_("0 for a top-level comment, 1 for a reply, ..."))

    class Meta:
        model = Comment
        fields = ("id", "parent", "depth", "author_name", "author_website", "body", "created_at")


class CommentInputSerializer(serializers.Serializer):
    name = serializers.CharField(
        max_length=settings.COMMENTS_NAME_MAX_LENGTH,
        error_messages={"required": _("Please enter your name."), "blank": _("Please enter your name."),
                        "null": _("Please enter your name."),
                        "max_length": _("The name can be at most {max_length} characters.")},
    )
    email = serializers.EmailField(
        max_length=254, help_text=_("Never published; used only to contact the author and link their comments."),
        error_messages={"required": _("Please enter your email."), "blank": _("Please enter your email."),
                        "null": _("Please enter your email."), "invalid": _("Please enter a valid email address.")},
    )
    website = serializers.URLField(
        required=False, allow_blank=True, max_length=300,
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": _("Please enter a valid web address (http or https).")},
    )
    body = serializers.CharField(
        max_length=settings.COMMENTS_BODY_MAX_LENGTH,
        error_messages={"required": _("Please write your comment."), "blank": _("Please write your comment."),
                        "null": _("Please write your comment."),
                        "max_length": _("The comment can be at most {max_length} characters.")},
    )
    parent = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=MAX_ID,
                                      help_text=_("Id of a published comment of the same article to reply to."))


CREATED_STATUS = [("pending", "pending")]


class CommentCreatedOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=CREATED_STATUS)
    token = serializers.CharField(help_text=_("Keep it: with it, and only with it, you can read this comment's status."))
    status_url = serializers.CharField()


class CommentStatusOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Comment.Status.choices)
    reasons = serializers.ListField(child=serializers.CharField(),
                                    help_text=_("Why it was not published (rejected or spam); empty otherwise."))


class CommentCheckInputSerializer(serializers.Serializer):
    body = serializers.CharField(
        max_length=settings.COMMENTS_BODY_MAX_LENGTH, trim_whitespace=True,
        error_messages={"required": _("Please write your comment."), "blank": _("Please write your comment."),
                        "null": _("Please write your comment."),
                        "max_length": _("The comment can be at most {max_length} characters.")},
    )


class CheckRuleOutputSerializer(serializers.Serializer):
    category = serializers.CharField()
    label = serializers.CharField(help_text=_("The posted rule, in the request's language."))
    words = serializers.ListField(child=serializers.CharField(), help_text=_("The reader's words that seem to break it."))


class CommentCheckOutputSerializer(serializers.Serializer):
    ok = serializers.BooleanField(help_text=_("false: the draft seems to break a posted rule (posting is still allowed)."))
    categories = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())
    rules = CheckRuleOutputSerializer(many=True)


class CommentReportInputSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=REPORT_REASONS)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class CommentReportOutputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[("received", "received")])
