import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Event(models.TextChoices):
    COMMENT_CREATED = "comment.created", _("Comment created (pending)")
    COMMENT_HELD = "comment.held", _("Comment entered the moderation queue (held)")
    COMMENT_DECIDED = "comment.decided", _("Comment decided (approved, rejected or spam)")


class WebhookEndpoint(models.Model):
    """A receiver of signed event POSTs, configured by an administrator."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(
        _("secret"), max_length=200, default=new_secret,
        help_text=_("Key of the HMAC-SHA256 signature sent in the X-Webhook-Signature header."),
    )
    events = models.JSONField(_("events"), default=list, blank=True,
                              help_text=_("Event names to send; empty sends every event."))
    enabled = models.BooleanField(_("enabled"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.name

    def wants(self, event: str) -> bool:
        return self.enabled and (not self.events or event in self.events)


class WebhookDelivery(models.Model):
    """One event for one endpoint, with its delivery log (written before the task is sent: nothing is lost)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed (gave up)")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries",
                                 verbose_name=_("endpoint"))
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    status_code = models.PositiveIntegerField(_("last HTTP status"), null=True, blank=True)
    error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "created_at"], name="webhook_delivery_status_idx")]

    def __str__(self):
        return f"{self.event} -> {self.endpoint_id} ({self.status})"
