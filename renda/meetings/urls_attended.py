"""The pages of the meetings deputies attended without a vote, mounted under /stations/meetings/
(renda/urls.py) in the meetings namespace, where the stations' work had them."""

from django.urls import path

from renda.meetings import views_attended as views

urlpatterns = [
    path("", views.attended_list, name="attended_list"),
    path("record/", views.attended_record, name="attended_record"),
    path("<int:pk>/", views.attended_detail, name="attended_detail"),
    path("<int:pk>/attendance/", views.attended_attendance, name="attended_attendance"),
    path("<int:pk>/remove/", views.attended_remove, name="attended_remove"),
    path("<int:pk>/forum/", views.attended_forum, name="attended_forum"),
    path("<int:pk>/export.xlsx", views.attended_export, name="attended_export"),
]
