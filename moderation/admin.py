"""The moderator workspace in the Django admin: queue, word lists, bans, article levels, audit log, stats.

Every write goes through moderation.services / moderation.workspace (audited); nothing here sets a
status directly. Only members of the "Moderators" group (or superusers) have the permissions.
"""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _, ngettext

from comments.models import Comment
from moderation import selectors, workspace
from moderation.highlight import highlight
from moderation.models import ArticleModeration, Ban, ModerationDecision, QueueComment, RuleChange, Term
from moderation.engine.types import AFFIX_MODES, TERM_KINDS

DECISION_ACTIONS = ("approve", "reject", "spam", "hold")


# --- The queue -------------------------------------------------------------------------------
class NoteActionForm(ActionForm):
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=500,
        widget=forms.TextInput(attrs={"size": 30, "placeholder": _("why, for the audit log")}),
    )


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(s.value, s.label) for s in Comment.Status] + [("all", _("All statuses"))]

    def choices(self, changelist):
        choices = list(super().choices(changelist))
        choices[0]["display"] = _("Waiting (held and pending)")
        return choices

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        if self.value() in Comment.Status.values:
            return queryset.filter(status=self.value())
        return queryset.filter(status__in=selectors.QUEUE_STATUSES)


class CategoryFilter(admin.SimpleListFilter):
    title = _("rule")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return Term.Category.choices

    def queryset(self, request, queryset):
        return selectors.with_category(queryset, self.value()) if self.value() else queryset


class ArticleFilter(admin.SimpleListFilter):
    """Only articles with comments waiting (a news site has too many articles to list them all)."""

    title = _("article")
    parameter_name = "article"

    def lookups(self, request, model_admin):
        from comments.models import Article

        waiting = Article.objects.filter(comments__status__in=selectors.QUEUE_STATUSES).distinct()
        return [(str(a.pk), a.title[:60]) for a in waiting.order_by("-published_at")[:50]]

    def queryset(self, request, queryset):
        return queryset.filter(article_id=int(self.value())) if str(self.value() or "").isdigit() else queryset


class DecidedByFilter(admin.SimpleListFilter):
    title = _("decided by")
    parameter_name = "decided_by"

    def lookups(self, request, model_admin):
        from django.contrib.auth import get_user_model

        ids = Comment.objects.filter(decided_by__isnull=False).values_list("decided_by", flat=True).distinct()
        people = [(str(u.pk), u.get_username()) for u in get_user_model().objects.filter(pk__in=ids)]
        return [("engine", _("Engine")), ("system", _("System (bans, trust, reports)")),
                ("undecided", _("Not decided yet"))] + people

    def queryset(self, request, queryset):
        return selectors.with_decider(queryset, self.value()) if self.value() else queryset


class ReportedFilter(admin.SimpleListFilter):
    title = _("reported by readers")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Reported")), ("no", _("Not reported"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(report_count__gt=0)
        if self.value() == "no":
            return queryset.filter(report_count=0)
        return queryset


def _decide_many(modeladmin, request, queryset, action: str):
    note = request.POST.get("note", "").strip()[:500]
    ids = list(queryset.values_list("pk", flat=True))
    rows = workspace.comments_moderator_decide_bulk(comment_ids=ids, action=action, moderator=request.user, note=note)
    modeladmin.message_user(request, ngettext(
        "%(count)d comment: %(action)s.", "%(count)d comments: %(action)s.", len(rows)) % {
        "count": len(rows), "action": dict(ModerationDecision.Decision.choices)[action]}, messages.SUCCESS)


@admin.action(description=_("Approve (publish)"), permissions=["change"])
def approve_selected(modeladmin, request, queryset):
    _decide_many(modeladmin, request, queryset, "approve")


@admin.action(description=_("Reject (breaks a rule)"), permissions=["change"])
def reject_selected(modeladmin, request, queryset):
    _decide_many(modeladmin, request, queryset, "reject")


@admin.action(description=_("Mark as spam"), permissions=["change"])
def spam_selected(modeladmin, request, queryset):
    _decide_many(modeladmin, request, queryset, "spam")


@admin.register(QueueComment)
class QueueCommentAdmin(admin.ModelAdmin):
    list_display = ("excerpt", "status", "rules", "score_display", "article_link", "author", "age", "report_count")
    list_display_links = ("excerpt",)
    list_filter = (StatusFilter, CategoryFilter, ArticleFilter, ("created_at", admin.DateFieldListFilter),
                   DecidedByFilter, ReportedFilter)
    search_fields = ("body", "author_name")
    ordering = ("created_at", "id")
    sortable_by = ("status", "score_display", "age", "report_count")
    list_per_page = 50
    action_form = NoteActionForm
    actions = (approve_selected, reject_selected, spam_selected)
    show_full_result_count = False
    change_list_template = "admin/moderation/queuecomment/change_list.html"
    change_form_template = "admin/moderation/queuecomment/change_form.html"
    fieldsets = (
        (None, {"fields": ("highlighted_body", "status", "rules", "score_display", "reasons_display", "engine_version")}),
        (_("Author"), {"fields": ("author_name", "author_email", "author_website", "ip_address", "user_agent")}),
        (_("Where"), {"fields": ("article_link", "parent", "created_at", "report_count", "reports_display")}),
        (_("Decision history"), {"fields": ("history",)}),
        (_("Other comments by this author or from this IP"), {"fields": ("related",)}),
    )

    class Media:
        css = {"all": ("moderation/workspace.css",)}
        js = ("moderation/queue.js",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "decided_by")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f for fieldset in self.fieldsets for f in fieldset[1]["fields"]]

    # -- columns
    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        return highlight(obj.body, obj.spans, limit=180)

    @admin.display(description=_("comment"))
    def highlighted_body(self, obj):
        return format_html('<div class="comment-body" dir="auto">{}</div>', highlight(obj.body, obj.spans))

    @admin.display(description=_("rules"))
    def rules(self, obj):
        labels = dict(Term.Category.choices)
        return ", ".join(str(labels.get(c, c)) for c in obj.categories or []) or "-"

    @admin.display(description=_("score"), ordering="score")
    def score_display(self, obj):
        return "-" if obj.score is None else f"{obj.score:.2f}"

    @admin.display(description=_("reasons"))
    def reasons_display(self, obj):
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((r,) for r in obj.reasons or [])))

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, obj):
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>',
                           obj.article.get_absolute_url() + f"#c{obj.pk}", obj.article.title[:60])

    @admin.display(description=_("author"), ordering="author_name")
    def author(self, obj):
        return format_html('<bdi>{}</bdi><br><span class="email">{}</span>', obj.author_name, obj.author_email)

    @admin.display(description=_("age"), ordering="created_at")
    def age(self, obj):
        return timesince(obj.created_at, timezone.now())

    @admin.display(description=_("reader reports"))
    def reports_display(self, obj):
        reports = obj.reports.order_by("created_at")
        return format_html("<ul>{}</ul>", format_html_join(
            "", "<li>{} · {} {}</li>", ((r.created_at.strftime("%Y-%m-%d %H:%M"), r.reason, r.note) for r in reports)
        )) if obj.report_count else "-"

    @admin.display(description=_("decision history"))
    def history(self, obj):
        rows = selectors.comment_decisions(comment_id=obj.pk)
        return format_html(
            '<table class="history"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>'
            "</thead><tbody>{}</tbody></table>",
            _("time"), _("decided by"), _("from → to"), _("rules"), _("word-list version"), _("note / reasons"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td><td>{}</td><td>{}</td></tr>", (
                (r.created_at.strftime("%Y-%m-%d %H:%M:%S"),
                 r.actor.get_username() if r.actor else r.get_source_display(),
                 r.from_status, r.to_status, ", ".join(r.categories or []), r.engine_version or "-",
                 "; ".join([r.note] + list(r.reasons or [])).strip("; ") or "-")
                for r in rows)),
        )

    @admin.display(description=_("other comments"))
    def related(self, obj):
        others = selectors.author_other_comments(comment=obj)
        if not others:
            return _("None: this is the author's first comment.")
        return format_html("<ul class=\"related\">{}</ul>", format_html_join("", '<li><a href="{}">#{}</a> [{}] {} · {}</li>', (
            (reverse("admin:moderation_queuecomment_change", args=[c.pk]), c.pk, c.get_status_display(),
             c.body[:100], c.article.title[:40]) for c in others)))

    # -- views
    def get_urls(self):
        urls = super().get_urls()
        mine = [
            path("stats/", self.admin_site.admin_view(self.stats_view), name="moderation_stats"),
            path("<path:object_id>/decide/", self.admin_site.admin_view(self.decide_view),
                 name="moderation_queuecomment_decide"),
        ]
        return mine + urls

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_save": False, "show_save_and_continue": False,
                         "show_save_and_add_another": False, "show_delete": False,
                         "decision_actions": [(a, dict(ModerationDecision.Decision.choices)[a]) for a in DECISION_ACTIONS]}
        if request.method == "POST":  # the page is read-only; decisions go through decide_view
            return HttpResponseNotAllowed(["GET"])
        if object_id and str(object_id).isdigit():
            extra_context.update(self._neighbours(int(object_id)))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _neighbours(self, comment_id: int) -> dict:
        """URLs of the previous and next comments waiting in the queue (oldest-first order), for j / k."""
        current = Comment.objects.filter(pk=comment_id).values_list("created_at", flat=True).first()
        if current is None:
            return {}
        waiting = selectors.queue_list()
        after = Q(created_at__gt=current) | Q(created_at=current, pk__gt=comment_id)
        before = Q(created_at__lt=current) | Q(created_at=current, pk__lt=comment_id)
        nxt = waiting.filter(after).values_list("pk", flat=True).first()
        prev = waiting.filter(before).order_by("-created_at", "-id").values_list("pk", flat=True).first()
        url = lambda pk: reverse("admin:moderation_queuecomment_change", args=[pk]) if pk else ""  # noqa: E731
        return {"next_url": url(nxt), "prev_url": url(prev)}

    def decide_view(self, request, object_id):
        """One decision from the comment's page (buttons or keyboard), then on to the next comment waiting."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = get_object_or_404(Comment, pk=object_id)
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        action = request.POST.get("action", "")
        note = request.POST.get("note", "").strip()[:500]
        if action == "ban_author":
            workspace.ban_create(kind=Ban.Kind.EMAIL, value=comment.author_key, actor=request.user,
                                 reason=note or f"comment #{comment.pk}")
            action = "spam"
        if action not in DECISION_ACTIONS:
            raise PermissionDenied
        from moderation.services import comment_moderator_decide

        comment_moderator_decide(comment_id=comment.pk, action=action, moderator=request.user, note=note)
        self.message_user(request, _("Comment #%(id)s: %(action)s.") % {
            "id": comment.pk, "action": dict(ModerationDecision.Decision.choices)[action]}, messages.SUCCESS)
        following = selectors.queue_list().exclude(pk=comment.pk).filter(created_at__gte=comment.created_at).first()
        if following is None:
            return HttpResponseRedirect(reverse("admin:moderation_queuecomment_changelist"))
        return HttpResponseRedirect(reverse("admin:moderation_queuecomment_change", args=[following.pk]))

    def stats_view(self, request):
        if not request.user.has_perm("moderation.view_moderationdecision"):
            raise PermissionDenied
        from moderation.stats_page import stats_context

        context = {**self.admin_site.each_context(request), "title": _("Moderation statistics"),
                   **stats_context(days=int(raw) if (raw := request.GET.get("days", "")).isdigit() else 14)}
        return TemplateResponse(request, "admin/moderation/stats.html", context)


# --- Word lists --------------------------------------------------------------------------------
class TermForm(forms.ModelForm):
    # the engine reads only these values: a typo would make a term that never matches anything
    kind = forms.ChoiceField(label=_("kind"), choices=[(k, k) for k in TERM_KINDS], initial="insult",
                             help_text=_("What the term is to the target rules (see the README's list)."))
    affix = forms.ChoiceField(label=_("affix"), choices=[(a, a) for a in AFFIX_MODES], initial="auto",
                              help_text=_("How the term may be glued to other letters."))

    class Meta:
        model = Term
        fields = ("term", "category", "action", "kind", "lang", "affix", "enabled", "note")


@admin.action(description=_("Enable selected terms"), permissions=["change"])
def enable_terms(modeladmin, request, queryset):
    n = workspace.terms_set_enabled(term_ids=queryset.values_list("pk", flat=True), enabled=True, actor=request.user)
    modeladmin.message_user(request, _("%(count)d terms enabled.") % {"count": n})


@admin.action(description=_("Disable selected terms"), permissions=["change"])
def disable_terms(modeladmin, request, queryset):
    n = workspace.terms_set_enabled(term_ids=queryset.values_list("pk", flat=True), enabled=False, actor=request.user)
    modeladmin.message_user(request, _("%(count)d terms disabled.") % {"count": n})


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    form = TermForm
    list_display = ("term", "category", "action", "kind", "lang", "enabled", "updated_by", "updated_at")
    list_filter = ("category", "action", "kind", "lang", "enabled")
    search_fields = ("term", "note")
    readonly_fields = ("created_by", "created_at", "updated_by", "updated_at")
    actions = (enable_terms, disable_terms)
    change_form_template = "admin/moderation/term/change_form.html"

    class Media:
        css = {"all": ("moderation/workspace.css",)}

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        workspace.term_save(term=obj, actor=request.user, changed=form.changed_data)

    def delete_model(self, request, obj):
        workspace.term_delete(term=obj, actor=request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_preview" in request.POST:
            return self._preview(request, object_id, form_url)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _preview(self, request, object_id, form_url):
        """Backtest the edited list on the last decided comments and show the form again; saves nothing."""
        obj = self.get_object(request, object_id) if object_id else None
        if (obj is None and not self.has_add_permission(request)) or (obj and not self.has_change_permission(request, obj)):
            raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(request.POST, instance=obj)
        preview = None
        if form.is_valid():
            from moderation.terms_preview import term_change_preview

            preview = term_change_preview(candidate=form.instance)
        admin_form = helpers.AdminForm(form, list(self.get_fieldsets(request, obj)), {},
                                       self.get_readonly_fields(request, obj), model_admin=self)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview a word-list change"), "subtitle": None, "adminform": admin_form,
            "object_id": object_id, "original": obj, "is_popup": False, "to_field": None,
            "media": self.media + admin_form.media, "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []), "preserved_filters": self.get_preserved_filters(request),
            "preview": preview,
        }
        return self.render_change_form(request, context, add=obj is None, change=obj is not None, obj=obj,
                                       form_url=form_url)


# --- Bans --------------------------------------------------------------------------------------
class BanForm(forms.ModelForm):
    class Meta:
        model = Ban
        fields = ("kind", "value", "reason", "expires_at", "enabled")
        help_texts = {"value": _("Email address, domain (example.com bans its subdomains too), IP address or "
                                 "CIDR range. For an email only a keyed hash is stored, never the address.")}

    def clean(self):
        data = super().clean()
        if data.get("kind") and data.get("value"):
            try:
                data["value"] = workspace.ban_value_clean(kind=data["kind"], value=data["value"])
            except ValidationError as exc:
                self.add_error("value", exc)
        return data


@admin.action(description=_("Lift selected bans"), permissions=["change"])
def lift_bans(modeladmin, request, queryset):
    for ban in queryset:
        workspace.ban_lift(ban=ban, actor=request.user)
    modeladmin.message_user(request, _("Bans lifted."))


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    form = BanForm
    list_display = ("kind", "shown_value", "reason", "expires_at", "enabled", "is_active", "created_by", "created_at")
    list_filter = ("kind", "enabled")
    search_fields = ("reason",)
    actions = (lift_bans,)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("value"))
    def shown_value(self, obj):
        return _("email hash %(prefix)s…") % {"prefix": obj.value[:10]} if obj.kind == Ban.Kind.EMAIL else obj.value

    @admin.display(description=_("active"), boolean=True)
    def is_active(self, obj):
        return obj.enabled and (obj.expires_at is None or obj.expires_at > timezone.now())

    def save_model(self, request, obj, form, change):
        if change:
            workspace.ban_update(ban=obj, actor=request.user, changed=form.changed_data)
            return
        created = workspace.ban_create(kind=obj.kind, value=obj.value, actor=request.user, reason=obj.reason,
                                       expires_at=obj.expires_at)
        obj.pk, obj.value, obj.created_by, obj.created_at = created.pk, created.value, created.created_by, created.created_at
        if not obj.enabled:
            workspace.ban_lift(ban=created, actor=request.user)


# --- Article levels ----------------------------------------------------------------------------
@admin.register(ArticleModeration)
class ArticleModerationAdmin(admin.ModelAdmin):
    list_display = ("title", "writer_name", "moderation_level", "strict_reason", "published_at")
    list_filter = ("moderation_level",)
    search_fields = ("title",)
    fields = ("title", "writer_name", "moderation_level", "strict_reason")
    readonly_fields = ("title", "writer_name")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        workspace.article_set_level(article_id=obj.pk, level=obj.moderation_level, actor=request.user,
                                    reason=obj.strict_reason)


# --- Audit (read-only for everyone, superusers included) -----------------------------------------
class ReadOnlyAdmin(admin.ModelAdmin):
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModerationDecision)
class AuditLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "comment_link", "source", "actor", "move", "categories", "engine_version", "note")
    list_filter = ("source", "decision", "to_status", ("created_at", admin.DateFieldListFilter),
                   ("actor", admin.RelatedOnlyFieldListFilter), "engine_version")
    search_fields = ("note", "=comment__id")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)

    @admin.display(description=_("comment"))
    def comment_link(self, obj):
        return format_html('<a href="{}">#{}</a>', reverse("admin:moderation_queuecomment_change",
                                                          args=[obj.comment_id]), obj.comment_id)

    @admin.display(description=_("from → to"))
    def move(self, obj):
        return f"{obj.from_status} → {obj.to_status}"


@admin.register(RuleChange)
class RuleChangeAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "target", "action", "summary", "actor")
    list_filter = ("target", "action", ("actor", admin.RelatedOnlyFieldListFilter))
    search_fields = ("summary",)
