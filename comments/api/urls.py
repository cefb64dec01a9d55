"""Everything under /api/: the v1 endpoints (public and staff), the OpenAPI schema and the docs."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from comments.api import views
from moderation.api.views import AuthTokenApi

app_name = "api"

v1 = [
    path("articles/", views.ArticleListApi.as_view(), name="article_list"),
    path("articles/<str:slug>/", views.ArticleDetailApi.as_view(), name="article_detail"),
    path("articles/<str:slug>/comments/", views.ArticleCommentsApi.as_view(), name="article_comments"),
    path("comments/check/", views.CommentCheckApi.as_view(), name="comment_check"),
    path("comments/<int:pk>/status/", views.CommentStatusApi.as_view(), name="comment_status"),
    path("comments/<int:pk>/report/", views.CommentReportApi.as_view(), name="comment_report"),
    path("moderation/", include("moderation.api.urls")),
    path("auth/token/", AuthTokenApi.as_view(), name="auth_token"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file: the site's Content-Security-Policy allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
