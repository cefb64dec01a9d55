from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from webhooks.models import Event, WebhookDelivery, WebhookEndpoint
from webhooks.safety import url_refusal
from webhooks.services import webhook_redeliver


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("events"), choices=Event.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked sends every event."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ("name", "url", "secret", "events", "enabled")

    def clean_url(self):
        url = self.cleaned_data["url"]
        refusal = url_refusal(url, resolve=False)
        if refusal:
            raise forms.ValidationError(
                _("This address cannot receive webhooks: %(why)s. Receivers on a private network need "
                  "WEBHOOKS_ALLOW_PRIVATE_HOSTS=1."), params={"why": refusal})
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ("name", "url", "enabled", "created_at")
    list_filter = ("enabled",)
    search_fields = ("name", "url")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("id", "event", "endpoint", "status", "status_code", "attempts", "created_at", "delivered_at")
    list_filter = ("status", "event", "endpoint")
    readonly_fields = ("endpoint", "event", "payload", "status", "attempts", "status_code", "error",
                       "created_at", "last_attempt_at", "delivered_at")
    actions = ("redeliver",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again"), permissions=["view"])
    def redeliver(self, request, queryset):
        count = webhook_redeliver(delivery_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, ngettext("%(count)d delivery queued again.", "%(count)d deliveries queued again.",
                                            count) % {"count": count}, messages.SUCCESS)
