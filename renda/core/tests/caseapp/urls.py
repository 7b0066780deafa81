"""The project's URLs and the test-only Ticket's page and API (for @pytest.mark.urls)."""

from django.urls import path

from renda.core.tests.caseapp.api import api
from renda.core.tests.caseapp.views import page
from renda.urls import urlpatterns as project

urlpatterns = [
    *project,
    path("tickets/<int:pk>/", page.detail, name="ticket"),
    path("tickets/<int:pk>/act/<slug:action>/", page.act, name="ticket_act"),
    path("api/caseapp/", api.urls),
]
