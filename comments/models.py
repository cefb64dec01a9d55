from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Article(models.Model):
    class ModerationLevel(models.TextChoices):
        NORMAL = "normal", _("Normal")
        STRICT = "strict", _("Strict (everything not clearly clean waits for a moderator)")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    writer_name = models.CharField(_("writer"), max_length=150)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"))
    is_published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    comments_open = models.BooleanField(_("comments open"), default=True)
    close_comments_after_days = models.PositiveIntegerField(
        _("close comments after (days)"), null=True, blank=True,
        help_text=_("Leave empty to keep comments open for as long as the switch above allows."),
    )
    moderation_level = models.CharField(
        _("moderation level"), max_length=10, choices=ModerationLevel.choices, default=ModerationLevel.NORMAL
    )
    strict_reason = models.CharField(_("why strict"), max_length=200, blank=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("comments:article_detail", kwargs={"slug": self.slug})

    def comments_are_open(self, now=None) -> bool:
        """Open when the switch is on and the auto-close period (if any) has not passed."""
        if not self.comments_open:
            return False
        if self.close_comments_after_days is None:
            return True
        now = now or timezone.now()
        return now < self.published_at + timedelta(days=self.close_comments_after_days)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        HELD = "held", _("Held for a moderator")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments", verbose_name=_("article"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name=_("in reply to")
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    author_name = models.CharField(_("name"), max_length=100)
    # Stored for moderation and contact only: never shown in a public page, API response, log or error.
    author_email = models.EmailField(_("email"), max_length=254)
    # Keyed hash of the normalised email: links an author's comments (history, trust, bans) without the email.
    author_key = models.CharField(max_length=64, db_index=True, editable=False)
    author_website = models.URLField(_("website"), max_length=300, blank=True)
    body = models.TextField(_("comment"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Kept for abuse handling only, cleared after COMMENTS_IP_RETENTION_DAYS.
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)

    # Latest decision, denormalised from the audit trail so the queue needs no joins.
    categories = models.JSONField(_("categories"), default=list, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    spans = models.JSONField(_("matched words"), default=list, blank=True)
    engine_version = models.CharField(_("engine version"), max_length=80, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )
    human_decided = models.BooleanField(_("decided by a moderator"), default=False)
    enqueued_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Moderation runs started and not finished (a worker that died mid-run); reset when a run
    # finishes.  Past MODERATION_MAX_ATTEMPTS the comment is held for a moderator instead of being
    # handed to the engine again (a comment that kills the worker must not loop forever).
    moderation_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    report_count = models.PositiveIntegerField(_("reports"), default=0)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            # The article page: approved comments of one article in thread order.
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status_idx"),
            # The moderation queue and the pending sweep.
            models.Index(fields=["status", "created_at"], name="comment_status_created_idx"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.author_name}: {self.body[:40]}"


class CommentReport(models.Model):
    """A reader's report (flag) of a published comment, at most one per reader."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment"))
    reason = models.CharField(_("reason"), max_length=30)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Keyed hash of the reader's cookie and IP: enough to refuse a second report, useless to anyone else.
    reporter_key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["comment", "reporter_key"], name="one_report_per_reader")]

    def __str__(self):
        return f"{self.comment_id}: {self.reason}"
