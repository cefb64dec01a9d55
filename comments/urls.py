from django.urls import path

from comments import report_views, views

app_name = "comments"
urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<str:slug>/", views.article_detail, name="article_detail"),
    path("comments/<int:pk>/report/", report_views.comment_report, name="comment_report"),
]
