"""Cursor pagination whose ordering comes from the view's validated `ordering` filter; bad cursors answer 400."""
from base64 import b64decode
from urllib import parse

from django.core.exceptions import FieldDoesNotExist, ValidationError
from rest_framework import pagination
from rest_framework.exceptions import NotFound

from comments.api.errors import InvalidCursor


class CursorPagination(pagination.CursorPagination):
    """Stable pages under inserts: a cursor remembers the position, not an offset."""

    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-id",)

    def get_ordering(self, request, queryset, view):
        # `cursor_orderings` maps the public values of the FilterSet's `ordering` (validated there: a bad
        # value is already a 400) to the model fields; the first one also positions the cursor.
        orderings = getattr(view, "cursor_orderings", None)
        if not orderings:
            return getattr(view, "cursor_ordering", self.ordering)
        key = request.query_params.get("ordering") or view.default_ordering
        return orderings.get(key, orderings[view.default_ordering])

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None:
            try:  # DRF's decoding skips stray characters; a cursor is only what encode_cursor wrote
                tokens = parse.parse_qs(b64decode(encoded.encode("ascii"), validate=True).decode("ascii"), strict_parsing=True)
            except (ValueError, UnicodeError):
                raise InvalidCursor()
            if not tokens or not set(tokens) <= {"o", "r", "p"}:
                raise InvalidCursor()
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise InvalidCursor()
        if cursor is not None and cursor.position is not None:
            self._check_position(cursor.position)
        return cursor

    def _check_position(self, position):
        # A cursor is only base64: a forged position must not reach the database as a bad value (500).
        name = self.ordering[0].lstrip("-")
        try:
            field = self._model._meta.get_field(name)
        except FieldDoesNotExist:
            return
        try:
            field.to_python(position)
        except (ValidationError, ValueError, TypeError):
            raise InvalidCursor()
