"""One JSON error shape for the whole API: {"error": {"code", "message", "fields"}}, also for 404 and 500."""
import logging

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)
NON_FIELD_KEYS = {"non_field_errors", "__all__"}
JSON_PARAMS = {"ensure_ascii": False, "separators": (",", ":")}


class InvalidCursor(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_cursor"

    def __init__(self):
        super().__init__(_("The page cursor is invalid or has expired; start again from the first page."))


class Refused(exceptions.APIException):
    """A request that is well-formed but can't be accepted (e.g. comments closed); 400 with a specific code."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "refused"

    def __init__(self, message, *, code: str = "refused", field: str | None = None):
        super().__init__(str(message), code)
        self.field = field


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class RateLimited(exceptions.Throttled):
    """The service's own flood limit (per IP and per author), answered like a throttle: 429 + Retry-After."""

    default_code = "rate_limited"

    def __init__(self, message, *, wait: int):
        super().__init__(wait=wait, detail=str(message), code="rate_limited")


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """Nested validation errors as {"field": [...], "field.sub": [...], "items.0": [...]}."""
    if isinstance(detail, dict):
        out = {}
        for key, value in detail.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(detail, list) and detail and all(isinstance(item, (dict, list)) for item in detail):
        out = {}
        for index, value in enumerate(detail):
            out.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return out
    items = detail if isinstance(detail, list) else [detail]
    return {prefix: [str(item) for item in items]} if items else {}


def _validation_body(exc: exceptions.ValidationError) -> dict:
    fields = _flatten(exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail})
    general = []
    for key in NON_FIELD_KEYS & fields.keys():
        general += fields.pop(key)
    message = general[0] if general else _("The request has errors; see the fields.")
    codes = exc.get_codes()
    code = "invalid"
    if isinstance(codes, dict) and not fields:
        flat = [c for key in NON_FIELD_KEYS for c in (codes.get(key) or [])]
        code = flat[0] if flat and isinstance(flat[0], str) else code
    return error_body(code, message, fields)


def api_exception_handler(exc, context):
    """DRF's handler (status, Retry-After, WWW-Authenticate), with the body reshaped into the one error shape."""
    response = exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's handler500 answers (JSON under /api/)
    if isinstance(exc, Refused):
        fields = {exc.field: [str(exc.detail)]} if exc.field else {}
        response.data = error_body(exc.get_codes(), str(exc.detail), fields)
    elif isinstance(exc, exceptions.ValidationError):
        response.data = _validation_body(exc)
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        response.data = error_body(code, str(exc.detail) if not isinstance(exc.detail, (dict, list)) else exc.default_detail)
    else:  # Http404 / PermissionDenied already converted by DRF
        response.data = error_body("error", str(response.data.get("detail", "")))
    return response


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def handler404(request, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body("not_found", _("Not found.")), status=404, json_dumps_params=JSON_PARAMS)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def handler500(request):
    if _wants_json(request):
        return JsonResponse(error_body("server_error", _("Something went wrong on our side; please try again.")),
                            status=500, json_dumps_params=JSON_PARAMS)
    from django.views.defaults import server_error

    return server_error(request)


def handler400(request, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body("bad_request", _("Bad request.")), status=400, json_dumps_params=JSON_PARAMS)
    from django.views.defaults import bad_request

    return bad_request(request, exception)


def handler403(request, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body("permission_denied", _("You do not have permission to do this.")), status=403,
                            json_dumps_params=JSON_PARAMS)
    from django.views.defaults import permission_denied

    return permission_denied(request, exception)
