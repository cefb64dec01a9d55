from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("comments.api.urls")),
    path("", include("comments.urls")),
]

# JSON errors for /api/ paths, the usual pages elsewhere.
handler404 = "comments.api.errors.handler404"
handler500 = "comments.api.errors.handler500"
handler400 = "comments.api.errors.handler400"
handler403 = "comments.api.errors.handler403"
