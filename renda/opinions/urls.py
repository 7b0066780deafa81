"""Pages of constituents' opinions (群众意见建议): stations, units, staff, the public, and
Open311 client keys; served under /stations/ (their paths from before the app was split)."""

from django.urls import path

from renda.opinions import views, views_photos, views_posters, views_slip

app_name = "opinions"
urlpatterns = [
    # Stations' operators, handling units, staff and leaders.
    path("opinions/", views.opinions, name="opinions"),
    path("opinions/export/", views.opinion_export, name="opinion_export"),
    path("opinions/record/", views.opinion_record, name="opinion_record"),
    path("opinions/station/", views.opinion_station_list, name="opinion_station"),
    path("opinions/unit/", views.opinion_unit_list, name="opinion_unit"),
    path("opinions/<int:pk>/", views.page.detail, name="opinion"),
    path("opinions/<int:pk>/slip/", views_slip.opinion_slip, name="opinion_slip"),
    path("opinions/<int:pk>/act/<slug:action>/", views.page.act, name="opinion_act"),
    path("opinions/<int:pk>/photos/<int:photo>/", views_photos.opinion_photo, name="opinion_photo"),
    # 码上见代表: the QR code posters of stations and deputies.
    path("opinions/posters/", views_posters.posters, name="posters"),
    path("opinions/posters/station/<int:pk>/", views_posters.station_poster, name="station_poster"),
    path("opinions/posters/deputy/<int:pk>/", views_posters.deputy_poster, name="deputy_poster"),
    # The public, without an account.
    path("public/opinions/new/", views.public_opinion_submit, name="public_opinion_submit"),
    path(
        "public/opinions/received/",
        views.public_opinion_submitted,
        name="public_opinion_submitted",
    ),
    path("public/opinions/track/", views.public_opinion_track, name="public_opinion_track"),
    path("public/opinions/track/rate/", views.public_opinion_rate, name="public_opinion_rate"),
    # Staff: Open311 client keys.
    path("keys/", views.keys, name="keys"),
    path("keys/<int:pk>/revoke/", views.key_revoke, name="key_revoke"),
]
