"""Staff API for privacy requests: export or erase everything stored about one commenter.

The export holds the author's own email and IP addresses, so it is never put in an API response:
it is emailed, as a JSON attachment, to the address the request names (only the owner of that
address receives it). Both endpoints are limited to superusers (the site's data-protection role),
and each call is logged with the operator and the number of comments, never the address.
"""
import json
import logging

from django.conf import settings
from django.core.mail import EmailMessage

from django.utils.translation import gettext as _
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


class PrivacyExportOutputSerializer(serializers.Serializer):
    comment_count = serializers.IntegerField(help_text="How many comments the export holds.")
    sent = serializers.BooleanField(help_text="True: the export was emailed to the address given.")


class PrivacyEraseOutputSerializer(serializers.Serializer):
    erased = serializers.IntegerField(help_text="How many comments were anonymised.")


@extend_schema(tags=["privacy"], request=PrivacyExportInputSerializer,
               responses={200: PrivacyExportOutputSerializer, **errors(400, 401, 403)})
class PrivacyExportApi(APIView):
    """Email everything stored about one commenter (comments, decisions, their own email and IPs) to that address."""

    permission_classes = (IsSuperuser,)

    def post(self, request):
        serializer = PrivacyExportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = serializer.validated_data["email"]
        data = privacy.author_export(email=email)
        message = EmailMessage(
            subject=_("Your comments: the data we keep"),
            body=_("Attached is everything this site stores about the comments posted with this address."),
            from_email=settings.DEFAULT_FROM_EMAIL, to=[email],
        )
        message.attach("my-comments.json", json.dumps(data, ensure_ascii=False, indent=1), "application/json")
        message.send()
        logger.info("privacy export by user %s: %d comments emailed", request.user.pk, data["comment_count"])
        return Response({"comment_count": data["comment_count"], "sent": True})


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
