"""Staff API serializers: explicit fields; the author appears as name and keyed hash, never email or IP."""
import ipaddress

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from comments.api.filters import MAX_ID
from comments.models import Comment
from moderation.models import Ban, ModerationDecision, Term
from moderation.engine.types import AFFIX_MODES, TERM_KINDS

class UsernameField(serializers.CharField):
    def to_representation(self, user):
        return user.get_username() if user else None

class QueueCommentOutputSerializer(serializers.ModelSerializer):
    article = serializers.CharField(source="article.slug", read_only=True)
    article_title = serializers.CharField(source="article.title", read_only=True)
    parent = serializers.IntegerField(source="parent_id", allow_null=True, read_only=True)
    decided_by = UsernameField(read_only=True, allow_null=True)
    author_key = serializers.CharField(read_only=True, help_text=_(
        "Keyed hash of the author's email: the same for all their comments, useless outside this site."))
    spans = serializers.ListField(child=serializers.DictField(), read_only=True)
    categories = serializers.ListField(child=serializers.CharField(), read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Comment
        fields = ("id", "article", "article_title", "parent", "depth", "author_name", "author_key", "author_website",
                  "body", "status", "categories", "score", "reasons", "spans", "engine_version", "report_count",
                  "created_at", "decided_at", "decided_by", "human_decided")

MODERATOR_ACTIONS = [("approve", _("Approve")), ("reject", _("Reject")), ("spam", _("Spam"))]


class DecisionInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=MODERATOR_ACTIONS)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000)

class DecisionOutputSerializer(serializers.ModelSerializer):
    actor = UsernameField(read_only=True, allow_null=True)
    categories = serializers.ListField(child=serializers.CharField(), read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    spans = serializers.ListField(child=serializers.DictField(), read_only=True)

    class Meta:
        model = ModerationDecision
        fields = ("id", "comment", "source", "actor", "decision", "from_status", "to_status", "categories", "score",
                  "reasons", "spans", "engine_version", "note", "created_at")

class DecisionResultOutputSerializer(serializers.Serializer):
    comment = QueueCommentOutputSerializer()
    decision = DecisionOutputSerializer(allow_null=True, help_text=_("null when the same decision was already taken."))

class TermInputSerializer(serializers.ModelSerializer):
    # the engine reads only these values: a typo would make a term that never matches anything
    kind = serializers.ChoiceField(choices=TERM_KINDS, required=False, default="insult")
    affix = serializers.ChoiceField(choices=AFFIX_MODES, required=False, default="auto")

    class Meta:
        model = Term
        fields = ("term", "category", "action", "kind", "affix", "lang", "enabled", "note")

class TermOutputSerializer(serializers.ModelSerializer):
    created_by = UsernameField(read_only=True, allow_null=True)
    updated_by = UsernameField(read_only=True, allow_null=True)

    class Meta:
        model = Term
        fields = ("id", "term", "category", "action", "kind", "affix", "lang", "enabled", "note", "created_by",
                  "updated_by", "created_at", "updated_at")

class BanInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Ban.Kind.choices)
    value = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text=_(
        "An email address (stored only as its keyed hash), a domain, an IP or a CIDR range."))
    comment = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text=_(
        "Instead of a value: ban this comment's author (kind email) or address (kind ip) without seeing them."))
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)

    def validate(self, attrs):
        if not attrs.get("value") and not attrs.get("comment"):
            raise serializers.ValidationError({"value": [_("Enter a value to ban, or a comment id.")]})
        if attrs.get("comment") and attrs["kind"] not in {Ban.Kind.EMAIL, Ban.Kind.IP}:
            raise serializers.ValidationError({"comment": [_("Only email and ip bans can be taken from a comment.")]})
        return attrs

class BanUpdateInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)
    enabled = serializers.BooleanField(required=False, help_text=_("false lifts the ban (it is kept for the record)."))

def masked_ban_value(ban: Ban) -> str:
    """Bans are listed without the full address: an email is a hash already, an IP loses its host part."""
    if ban.kind == Ban.Kind.EMAIL:
        return f"hash:{ban.value[:12]}"
    if ban.kind == Ban.Kind.IP:
        try:
            address = ipaddress.ip_address(ban.value)
        except ValueError:
            return "?"
        prefix = 24 if address.version == 4 else 48
        return f"{ipaddress.ip_network(f'{address}/{prefix}', strict=False)} (one address)"
    return ban.value

class BanOutputSerializer(serializers.ModelSerializer):
    value = serializers.SerializerMethodField(help_text=_(
        "Email bans show a hash prefix and IP bans their /24 (/48) network: the address itself is not shown."))
    created_by = UsernameField(read_only=True, allow_null=True)

    class Meta:
        model = Ban
        fields = ("id", "kind", "value", "reason", "expires_at", "enabled", "created_by", "created_at")

    def get_value(self, ban) -> str:
        return masked_ban_value(ban)

class QueueStatsOutputSerializer(serializers.Serializer):
    held = serializers.IntegerField()
    pending = serializers.IntegerField()
    ages = serializers.DictField(child=serializers.IntegerField(), help_text=_("Waiting comments per age bucket."))
    oldest_minutes = serializers.IntegerField(allow_null=True)


class AgreementOutputSerializer(serializers.Serializer):
    reviewed = serializers.IntegerField()
    overturned = serializers.IntegerField()


class TermSuggestionOutputSerializer(serializers.Serializer):
    term = serializers.CharField(help_text=_("The word or word pair, in the engine's normalised spelling."))
    rejected = serializers.IntegerField(help_text=_("Comments moderators rejected that hold it."))
    approved = serializers.IntegerField(help_text=_("Comments moderators approved that hold it."))
    precision = serializers.FloatField(help_text=_("rejected / (rejected + approved)."))
    rule = serializers.CharField(help_text=_("The rule the rejected ones were most often filed under."))
    examples = serializers.ListField(child=serializers.IntegerField(), help_text=_("Ids of rejected comments."))


class ScoreBandOutputSerializer(serializers.Serializer):
    low = serializers.FloatField(help_text=_("Engine score from (included) ..."))
    high = serializers.FloatField(help_text=_("... to (excluded; 1.0 included in the last band)."))
    approved = serializers.IntegerField()
    rejected = serializers.IntegerField()


class ThresholdMoveOutputSerializer(serializers.Serializer):
    setting = serializers.CharField()
    env = serializers.CharField(help_text=_("The environment variable that sets it."))
    current = serializers.FloatField()
    suggested = serializers.FloatField(allow_null=True, help_text=_("null: the decisions do not support a move."))
    would_decide = serializers.IntegerField(help_text=_("Reviewed comments the move would have decided."))
    moderators_disagreed = serializers.IntegerField(help_text=_("Of those, how many moderators decided the other way."))


class AdviceLimitsOutputSerializer(serializers.Serializer):
    max_leak = serializers.FloatField()
    max_false_block = serializers.FloatField()
    min_reviewed = serializers.IntegerField()


class ThresholdAdviceOutputSerializer(serializers.Serializer):
    reviewed = serializers.IntegerField(help_text=_("Decided comments that matched no listed word."))
    bands = ScoreBandOutputSerializer(many=True)
    approve = ThresholdMoveOutputSerializer()
    reject = ThresholdMoveOutputSerializer()
    limits = AdviceLimitsOutputSerializer()


class AdviceOutputSerializer(serializers.Serializer):
    days = serializers.IntegerField()
    terms = TermSuggestionOutputSerializer(many=True)
    thresholds = ThresholdAdviceOutputSerializer()


class StatsOutputSerializer(serializers.Serializer):
    days = serializers.ListField(child=serializers.DateField())
    by_category = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()),
                                        help_text=_("Per day (ISO date): decisions per rule category."))
    by_decider = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()),
                                       help_text=_("Per day: decisions per decider (engine, system or a username)."))
    queue = QueueStatsOutputSerializer()
    agreement = serializers.DictField(child=AgreementOutputSerializer(), help_text=_(
        "Per category: engine decisions a moderator reviewed, and how many they overturned."))
    total_decisions = serializers.IntegerField()
