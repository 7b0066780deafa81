"""URL layout: pages per app, the JSON API under /api/v1/, Django admin under /admin/."""

from django.contrib import admin
from django.urls import include, path, re_path

from renda.api import api
from renda.core.api import unknown_path

urlpatterns = [
    path("", include("renda.core.urls")),
    path("accounts/", include("renda.accounts.urls")),
    path("directory/", include("renda.org.urls")),
    path("suggestions/", include("renda.suggestions.urls")),
    path("legislation/", include("renda.legislation.urls")),
    path("stations/", include("renda.stations.urls")),
    path("performance/", include("renda.performance.urls")),
    path("filings/", include("renda.filings.urls")),
    path("petitions/", include("renda.petitions.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/", unknown_path),  # JSON 404, not the HTML page, for unknown API paths
    path("open311/v2/", include("renda.stations.open311_urls")),
]
