from django.urls import path

from comments import views

app_name = "comments"
urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<str:slug>/", views.article_detail, name="article_detail"),
]
