from django.urls import path

from renda.org import views

app_name = "org"
urlpatterns = [
    path("deputies/", views.deputy_list, name="deputies"),
    path("deputies/<int:pk>/", views.deputy_detail, name="deputy"),
    path("units/", views.unit_list, name="units"),
    path("stations/", views.station_list, name="stations"),
]
