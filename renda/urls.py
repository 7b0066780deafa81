"""URL layout: pages per app, the JSON API under /api/v1/, Django admin under /admin/."""

from django.contrib import admin
from django.urls import include, path, re_path

from renda.api import api
from renda.core.api import unknown_path
from renda.meetings import urls as meetings_urls
from renda.meetings import urls_attended as meetings_attended_urls

# The meetings app's pages, in one namespace: its own under /meetings/, and the meetings
# deputies attended without a vote under /stations/meetings/, where the stations' work had them.
meetings_pages = [
    path("meetings/", include(meetings_urls.urlpatterns)),
    path("stations/meetings/", include(meetings_attended_urls.urlpatterns)),
]

urlpatterns = [
    path("", include("renda.core.urls")),
    path("accounts/", include("renda.accounts.urls")),
    path("audit/", include("renda.audit.urls")),
    path("directory/", include("renda.org.urls")),
    path("suggestions/", include("renda.suggestions.urls")),
    path("legislation/", include("renda.legislation.urls")),
    # Constituents' opinions are served under /stations/ too, as when they were the stations'.
    path("stations/", include("renda.stations.urls")),
    path("stations/", include("renda.opinions.urls")),
    path("performance/", include("renda.performance.urls")),
    path("", include((meetings_pages, "meetings"))),
    path("filings/", include("renda.filings.urls")),
    path("petitions/", include("renda.petitions.urls")),
    path("supervision/", include("renda.supervision.urls")),
    path("routing/", include("renda.routing.urls")),
    path("inspections/", include("renda.inspections.urls")),
    path("", include("renda.figures.urls")),
    path("search/", include("renda.search.urls")),
    path("reading/", include("renda.reading.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/", unknown_path),  # JSON 404, not the HTML page, for unknown API paths
    path("open311/v2/", include("renda.opinions.open311_urls")),
]
