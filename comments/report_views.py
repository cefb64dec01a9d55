"""The reader's "report this comment" form on the article page (the API has its own endpoint)."""
import secrets

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comments.models import Comment
from comments.views import client_ip

READER_COOKIE, READER_SALT, YEAR = "reader", "comments.reader", 365 * 24 * 3600


@require_http_methods(["GET", "POST"])
def comment_report(request, pk):
    """GET: the report form for one published comment; POST: one report per reader (the key is a hash
    of a random cookie and the IP, neither is stored)."""
    from moderation.reports import ReportRefused, comment_report as report, report_reason_choices, reporter_key_for

    comment = Comment.objects.select_related("article").filter(pk=pk, status=Comment.Status.APPROVED).first()
    if comment is None:
        raise Http404(_("No such comment."))
    if request.method == "GET":
        return render(request, "comments/report.html", {"comment": comment, "reasons": report_reason_choices()})
    reader_id = request.get_signed_cookie(READER_COOKIE, default="", salt=READER_SALT) or secrets.token_urlsafe(16)
    try:
        report(comment=comment, reason=request.POST.get("reason", ""), note=request.POST.get("note", ""),
               reporter_key=reporter_key_for(reader_id=reader_id, ip=client_ip(request)))
    except ReportRefused as refused:
        messages.error(request, str(refused.message))
    else:
        messages.success(request, _("Thank you. The moderators will look at this comment."))
    response = redirect(f"{comment.article.get_absolute_url()}#c{comment.pk}")
    response.set_signed_cookie(READER_COOKIE, reader_id, salt=READER_SALT, max_age=YEAR, httponly=True,
                               samesite="Lax", secure=request.is_secure())
    return response
