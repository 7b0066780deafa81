"""The reading help's pages: the reply check (urls_check) and the hot topics (urls_themes)."""

from django.urls import include, path

app_name = "reading"
urlpatterns = [
    path("check/", include("renda.reading.urls_check")),
    path("themes/", include("renda.reading.urls_themes")),
]
