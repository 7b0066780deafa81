from django.urls import path

from renda.routing import views

app_name = "routing"
urlpatterns = [
    path("", views.accepted, name="accepted"),
]
