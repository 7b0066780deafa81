"""Open311 GeoReport v2 under /open311/v2/: services.json, requests.xml and so on."""

from django.urls import re_path

from renda.opinions import open311

app_name = "open311"

FMT = r"\.(?P<fmt>[a-z]+)$"

urlpatterns = [
    re_path(r"^services" + FMT, open311.services_view, name="services"),
    re_path(
        r"^services/(?P<service_code>[\w-]{1,40})" + FMT,
        open311.service_definition_view,
        name="service",
    ),
    re_path(r"^requests" + FMT, open311.requests_view, name="requests"),
    re_path(
        r"^requests/(?P<request_id>\d{1,18})" + FMT, open311.service_request_view, name="request"
    ),
    re_path(r"^tokens/(?P<token>[\w-]{1,40})" + FMT, open311.token_view, name="token"),
]
