from django.urls import path

from renda.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.trail, name="trail"),
    path("export.xlsx", views.trail_xlsx, name="trail_xlsx"),
]
