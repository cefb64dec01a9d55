"""FilterSets of the staff API: the admin queue's filters, the audit log's, the word lists' and the bans'."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from comments.api.filters import IdFilter, StrictBooleanFilter
from comments.models import Comment
from moderation import selectors
from moderation.models import Ban, ModerationDecision, Term

QUEUE_ORDERINGS = {
    "created": ("created_at", "id"),
    "-created": ("-created_at", "-id"),
    "-reports": ("-report_count", "created_at", "id"),
}
AUDIT_ORDERINGS = {"-created": ("-created_at", "-id"), "created": ("created_at", "id")}


def _ordering_filter(orderings, help_text):
    return django_filters.ChoiceFilter(choices=[(k, k) for k in orderings], method="filter_ordering",
                                       empty_label=None, help_text=help_text)


class OrderedFilterSet(django_filters.FilterSet):
    def filter_ordering(self, queryset, name, value):
        return queryset  # applied by the cursor pagination (see comments.api.pagination)


class QueueFilter(OrderedFilterSet):
    status = django_filters.ChoiceFilter(choices=[(Comment.Status.HELD, "held"), (Comment.Status.PENDING, "pending")])
    category = django_filters.ChoiceFilter(choices=Term.Category.choices, method="filter_category",
                                           help_text=_("Comments whose latest decision names this rule."))
    article = django_filters.CharFilter(field_name="article__slug", help_text=_("Article slug."))
    since = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    decided_by = django_filters.CharFilter(method="filter_decided_by",
                                           help_text=_("engine, system, moderator, undecided, or a moderator's user id."))
    reported = StrictBooleanFilter(method="filter_reported",
                                   help_text=_("true: only comments readers reported; false: the others."))
    author_key = django_filters.CharFilter(help_text=_("The author's keyed hash: all comments of one author."))
    q = django_filters.CharFilter(method="filter_search", help_text=_("Search in the comment and the name."))
    ordering = _ordering_filter(QUEUE_ORDERINGS, _("created (oldest first, default), -created or -reports."))

    class Meta:
        model = Comment
        fields = ["status", "category", "article", "since", "until", "decided_by", "reported", "author_key", "q",
                  "ordering"]

    def filter_category(self, queryset, name, value):
        return selectors.with_category(queryset, value)

    def filter_decided_by(self, queryset, name, value):
        if value in {"engine", "system", "undecided"} or (value.isdigit() and len(value) < 19):
            return selectors.with_decider(queryset, value)
        if value == "moderator":
            return queryset.filter(human_decided=True)
        raise ValidationError({"decided_by": [_("Use engine, system, moderator, undecided or a user id.")]})

    def filter_reported(self, queryset, name, value):
        return queryset.filter(report_count__gt=0) if value else queryset.filter(report_count=0)

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(body__icontains=value) | Q(author_name__icontains=value))


class AuditFilter(OrderedFilterSet):
    comment = IdFilter(field_name="comment_id")
    source = django_filters.ChoiceFilter(choices=ModerationDecision.Source.choices)
    decision = django_filters.ChoiceFilter(choices=ModerationDecision.Decision.choices)
    actor = IdFilter(field_name="actor_id", help_text=_("A moderator's user id."))
    since = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    ordering = _ordering_filter(AUDIT_ORDERINGS, _("-created (newest first, default) or created."))

    class Meta:
        model = ModerationDecision
        fields = ["comment", "source", "decision", "actor", "since", "until", "ordering"]


class TermFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=Term.Category.choices)
    action = django_filters.ChoiceFilter(choices=Term.Action.choices)
    enabled = StrictBooleanFilter()
    lang = django_filters.CharFilter()
    q = django_filters.CharFilter(field_name="term", lookup_expr="icontains")

    class Meta:
        model = Term
        fields = ["category", "action", "enabled", "lang", "q"]


class BanFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Ban.Kind.choices)
    enabled = StrictBooleanFilter()

    class Meta:
        model = Ban
        fields = ["kind", "enabled"]
