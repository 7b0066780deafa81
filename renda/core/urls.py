from django.urls import path

from renda.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/", views.notifications, name="notifications"),
    path("menu/counts/", views.menu_counts, name="menu_counts"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("calendar/", views.calendar_years, name="calendar"),
    path("calendar/<int:year>/", views.holiday_notice, name="holiday_notice"),
]
