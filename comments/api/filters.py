"""FilterSets of the public API: explicit fields only, never anything about the author's identity."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from comments.models import Comment

COMMENT_ORDERINGS = {
    "created": ("created_at", "id"),
    "-created": ("-created_at", "-id"),
}

MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "string", "enum": ["true", "false"]})
class StrictBooleanFilter(django_filters.TypedChoiceFilter):
    """true or false, nothing else: an unknown value is a 400, not silently ignored."""

    def __init__(self, *args, **kwargs):
        kwargs.update(choices=[("true", "true"), ("false", "false")], coerce=lambda v: v == "true")
        super().__init__(*args, **kwargs)


class CommentFilter(django_filters.FilterSet):
    since = django_filters.IsoDateTimeFilter(
        field_name="created_at", lookup_expr="gte",
        help_text=_("Only comments posted at or after this time (ISO 8601, e.g. 2026-01-31T12:00:00Z)."),
    )
    parent = IdFilter(
        field_name="parent_id",
        help_text=_("Only the direct replies to this comment id."),
    )
    top_level = StrictBooleanFilter(
        field_name="parent", lookup_expr="isnull",
        help_text=_("true: only comments that are not replies."),
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(key, key) for key in COMMENT_ORDERINGS], method="filter_ordering", empty_label=None,
        help_text=_("created (oldest first, the default: a parent always comes before its replies) or -created."),
    )

    class Meta:
        model = Comment
        fields = ["since", "parent", "top_level", "ordering"]

    def filter_ordering(self, queryset, name, value):
        return queryset  # applied by the cursor pagination, which must know the ordering to position its cursor
