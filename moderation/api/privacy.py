"""Staff API for privacy requests: export or erase everything stored about one commenter.

These two endpoints answer a data subject's own request, so the export necessarily contains the
author's email and IP addresses; they are limited to superusers (the site's data-protection role),
and each call is logged with the operator and the number of comments, never the address.
"""
import logging

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from comments import privacy
from comments.api.schema import errors

logger = logging.getLogger(__name__)


class IsSuperuser(BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


class PrivacyExportInputSerializer(serializers.Serializer):
    email = serializers.EmailField(help_text="The address the author commented with.")


class PrivacyEraseInputSerializer(PrivacyExportInputSerializer):
    confirm = serializers.BooleanField(help_text="Must be true: erasure cannot be undone.")

    def validate_confirm(self, value):
        if value is not True:
            raise serializers.ValidationError(_("Confirm the erasure: it cannot be undone."))
        return value


class PrivacyEraseOutputSerializer(serializers.Serializer):
    erased = serializers.IntegerField(help_text="How many comments were anonymised.")


@extend_schema(tags=["privacy"], request=PrivacyExportInputSerializer,
               responses={200: OpenApiTypes.OBJECT, **errors(400, 401, 403)})
class PrivacyExportApi(APIView):
    """Everything stored about one commenter (comments, decisions, and their own email and IPs), as JSON."""

    permission_classes = (IsSuperuser,)

    def post(self, request):
        serializer = PrivacyExportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = privacy.author_export(email=serializer.validated_data["email"])
        logger.info("privacy export by user %s: %d comments", request.user.pk, data["comment_count"])
        return Response(data)


@extend_schema(tags=["privacy"], request=PrivacyEraseInputSerializer,
               responses={200: PrivacyEraseOutputSerializer, **errors(400, 401, 403)})
class PrivacyEraseApi(APIView):
    """Anonymise every comment of one commenter (name, email, website, IP, text); decisions stay, without quotes."""

    permission_classes = (IsSuperuser,)

    def post(self, request):
        serializer = PrivacyEraseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        erased = privacy.author_erase(email=serializer.validated_data["email"])
        logger.info("privacy erasure by user %s: %d comments", request.user.pk, erased)
        return Response({"erased": erased})
