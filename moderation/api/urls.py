"""Staff endpoints under /api/v1/moderation/ (moderators only)."""
from django.urls import path

from moderation.api import privacy, views

urlpatterns = [
    path("queue/", views.QueueListApi.as_view(), name="moderation_queue"),
    path("comments/<int:pk>/decision/", views.CommentDecisionApi.as_view(), name="moderation_decision"),
    path("terms/", views.TermListApi.as_view(), name="moderation_terms"),
    path("terms/<int:pk>/", views.TermDetailApi.as_view(), name="moderation_term"),
    path("bans/", views.BanListApi.as_view(), name="moderation_bans"),
    path("bans/<int:pk>/", views.BanDetailApi.as_view(), name="moderation_ban"),
    path("stats/", views.StatsApi.as_view(), name="moderation_stats"),
    path("advice/", views.AdviceApi.as_view(), name="moderation_advice"),
    path("audit/", views.AuditListApi.as_view(), name="moderation_audit"),
    path("privacy/export/", privacy.PrivacyExportApi.as_view(), name="privacy_export"),
    path("privacy/erase/", privacy.PrivacyEraseApi.as_view(), name="privacy_erase"),
]
