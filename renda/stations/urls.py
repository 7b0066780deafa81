"""Pages of the stations' work, under /stations/: activities, duty records and trainings (the
meetings deputies attended, under /stations/meetings/, are the meetings app's)."""

from django.urls import path

from renda.stations import views, views_corrections

app_name = "stations"
urlpatterns = [
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/log/", views.activity_log, name="activity_log"),
    path("activities/export.xlsx", views.activity_export, name="activity_export"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("duty/", views.duty_list, name="duty_list"),
    path("duty/upload/", views.duty_upload, name="duty_upload"),
    path("duty/export.xlsx", views.duty_export, name="duty_export"),
    path("duty/<int:pk>/", views.duty_detail, name="duty_detail"),
    path("duty/<int:pk>/photos/", views.duty_photos_add, name="duty_photos_add"),
    path("duty/<int:pk>/photos/<int:photo>/", views.duty_photo, name="duty_photo"),
    path(
        "activities/<int:pk>/correct/", views_corrections.activity_correct, name="activity_correct"
    ),
    path("duty/<int:pk>/correct/", views_corrections.duty_correct, name="duty_correct"),
    path(
        "<str:kind>/<int:pk>/delete/",
        views_corrections.record_delete,
        name="record_delete",
    ),
    path("corrections/", views_corrections.correction_list, name="correction_list"),
    path(
        "corrections/<int:pk>/decide/",
        views_corrections.correction_decide,
        name="correction_decide",
    ),
    path("trainings/", views.training_list, name="training_list"),
    path("trainings/new/", views.training_create, name="training_create"),
    path("trainings/<int:pk>/", views.training_detail, name="training_detail"),
    path("trainings/<int:pk>/attendance/", views.training_attendance, name="training_attendance"),
    path("trainings/<int:pk>/export.xlsx", views.training_export, name="training_export"),
]
