"""OpenAPI helpers: the error component and the error responses every operation can give."""
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable code, e.g. invalid, not_found, throttled, closed.")
    message = serializers.CharField(help_text="Human-readable message in the request's language (Arabic by default).")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Per-field messages for validation errors ({} otherwise); nested fields use dotted names.",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


ERROR_DESCRIPTIONS = {
    400: "Invalid request: validation errors per field, a bad filter value or cursor.",
    401: "Not authenticated (staff endpoints): send a token or a session cookie.",
    403: "Authenticated but not a moderator, or a missing CSRF token with session authentication.",
    404: "Not found.",
    405: "Method not allowed.",
    406: "Not acceptable.",
    409: "Conflict: already done (e.g. this reader already reported this comment).",
    415: "Unsupported media type: send JSON.",
    429: "Too many requests from this address: wait for the number of seconds in Retry-After.",
    500: "Server error.",
}


def errors(*codes: int) -> dict:
    return {code: OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]) for code in codes}


def add_error_responses(result, generator, request, public):
    """Every operation can answer 404 for /api/ paths, 405, 406, 415 (writes) and 500 with the error shape."""
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            codes = [404, 405, 406, 500] + ([400, 415] if method in {"post", "put", "patch"} else [])
            for code in codes:
                operation.setdefault("responses", {}).setdefault(str(code), {
                    "description": ERROR_DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": ref}},
                })
    return result
