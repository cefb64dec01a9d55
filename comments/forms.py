from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from comments import guards


class CommentForm(forms.Form):
    """The reader's comment form: validates only; comments.services.comment_create does the work."""

    name = forms.CharField(
        label=_("Name"), max_length=settings.COMMENTS_NAME_MAX_LENGTH,
        error_messages={"required": _("Please enter your name."),
                        "max_length": _("The name can be at most %(limit_value)d characters.")},
    )
    email = forms.EmailField(
        label=_("Email"), max_length=254,
        help_text=_("Your email will not be published."),
        error_messages={"required": _("Please enter your email."), "invalid": _("Please enter a valid email address.")},
    )
    website = forms.URLField(
        label=_("Website"), required=False, max_length=300, assume_scheme="https",
        error_messages={"invalid": _("Please enter a valid web address (http or https).")},
    )
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}),
        max_length=settings.COMMENTS_BODY_MAX_LENGTH,
        error_messages={"required": _("Please write your comment."),
                        "max_length": _("The comment can be at most %(limit_value)d characters (it has %(show_value)d).")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    remember = forms.BooleanField(
        label=_("Remember my name and email on this browser for my next comment."), required=False
    )
    # The honeypot (comments/guards.py): off-screen, so people leave it empty and bots fill it in.
    homepage = forms.CharField(
        label=_("Leave this field empty"), required=False, strip=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def _guard(self, check, value):
        """Run a guards check so the form shows the same message beside the field as the API gives."""
        try:
            result = check(value)
        except guards.CommentRefused as refused:
            raise forms.ValidationError(str(refused.message), code=refused.code)
        return value if result is None else result

    def clean_name(self):
        return self._guard(guards.clean_name, self.cleaned_data["name"])

    def clean_email(self):
        return self._guard(guards.check_email, self.cleaned_data["email"])

    def clean_body(self):
        return self._guard(guards.check_body, self.cleaned_data["body"])

    def clean_website(self):
        return self._guard(guards.check_website, self.cleaned_data["website"])
