from django.urls import path

from renda.reading import views_check

urlpatterns = [
    path("<slug:kind>/<int:pk>/", views_check.draft_check, name="check_draft"),
]
