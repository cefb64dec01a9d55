from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import Article, Comment


class ModerationDecision(models.Model):
    """One row of the audit trail: every decision on a comment, by the engine, a moderator or the system."""

    class Source(models.TextChoices):
        ENGINE = "engine", _("Engine")
        MODERATOR = "moderator", _("Moderator")
        SYSTEM = "system", _("System (bans, trust, reports)")

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        HOLD = "hold", _("Hold")
        REJECT = "reject", _("Reject")
        SPAM = "spam", _("Spam")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("comment"))
    source = models.CharField(_("decided by"), max_length=10, choices=Source.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("moderator"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    from_status = models.CharField(_("from"), max_length=10, choices=Comment.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=Comment.Status.choices)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    spans = models.JSONField(_("matched words"), default=list, blank=True)
    engine_version = models.CharField(_("engine version"), max_length=80, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("audit log")
        constraints = [
            # The database itself guarantees one engine decision per comment and engine version,
            # so a redelivered or duplicated task can never write a second row.
            models.UniqueConstraint(
                fields=["comment", "engine_version"],
                condition=models.Q(source="engine"),
                name="one_engine_decision_per_version",
            )
        ]

    def __str__(self):
        return f"{self.comment_id} {self.from_status}->{self.to_status} ({self.source})"


class Term(models.Model):
    """A word-list entry the engine enforces; edited by moderators, seeded from the engine's defaults."""

    class Category(models.TextChoices):
        ABUSE_WRITER = "abuse_writer", _("Insulting the writer")
        ABUSE_PERSON = "abuse_person", _("Insulting a person")
        ABUSE_SACRED = "abuse_sacred", _("Insulting sacred things")
        SECTARIAN = "sectarian_incitement", _("Sectarian incitement")
        RACIST = "racist_incitement", _("Racist incitement")
        PROFANITY = "profanity", _("Profanity")
        SPAM = "spam", _("Spam")

    class Action(models.TextChoices):
        BLOCK = "block", _("Block (reject)")
        SUSPECT = "suspect", _("Suspect (hold)")
        MARKER = "marker", _("Context marker (never a violation on its own)")

    term = models.CharField(_("term"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, default=Action.BLOCK)
    kind = models.CharField(_("kind"), max_length=30, default="insult")
    # How the term may be glued to other letters (see moderation.engine.types.TermSpec.affix).
    affix = models.CharField(_("affix"), max_length=10, default="auto")
    lang = models.CharField(_("language"), max_length=10, default="ar")
    enabled = models.BooleanField(_("enabled"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The default list's values this row last received from `sync_default_terms`
    # (see moderation.terms.term_fingerprint); while the row still matches it, nobody has edited
    # it and a later default-list change may update it.  Empty for terms a moderator added.
    seeded = models.CharField(_("seeded from the default list"), max_length=60, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["category", "term"]
        verbose_name = _("word-list term")
        verbose_name_plural = _("word lists")
        constraints = [models.UniqueConstraint(fields=["term", "category", "kind"], name="unique_term_per_category")]

    def __str__(self):
        return f"{self.term} ({self.category}, {self.action})"


class Ban(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("Email address")
        DOMAIN = "domain", _("Email domain (subdomains included)")
        IP = "ip", _("IP address")
        CIDR = "cidr", _("IP range (CIDR)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # For an email ban this is the keyed email hash, so the ban table never holds the address itself.
    value = models.CharField(_("value"), max_length=200)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ban")
        verbose_name_plural = _("bans")

    def __str__(self):
        return f"{self.kind}: {self.value}"


class RuleChange(models.Model):
    """Audit row for a change to the rules around comments: word-list terms, bans, article levels."""

    class Target(models.TextChoices):
        TERM = "term", _("Word-list term")
        BAN = "ban", _("Ban")
        ARTICLE = "article", _("Article moderation level")

    target = models.CharField(_("target"), max_length=10, choices=Target.choices)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=20)
    summary = models.CharField(_("summary"), max_length=400)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("rule change")
        verbose_name_plural = _("rule changes")

    def __str__(self):
        return f"{self.target} {self.action}: {self.summary}"


class QueueComment(Comment):
    """The moderation queue's own admin entry (held and pending comments)."""

    class Meta:
        proxy = True
        verbose_name = _("comment in the queue")
        verbose_name_plural = _("moderation queue")


class ArticleModeration(Article):
    """Articles as moderators see them: only the moderation level can be changed."""

    class Meta:
        proxy = True
        verbose_name = _("article moderation level")
        verbose_name_plural = _("article moderation levels")
