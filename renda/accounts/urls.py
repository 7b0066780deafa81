from django.urls import path

from renda.accounts import views, views_notifications, views_twofactor

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "notifications/",
        views_notifications.notification_settings,
        name="notification_settings",
    ),
    path("two-factor/", views_twofactor.setup, name="two_factor_setup"),
    path("two-factor/verify/", views_twofactor.verify, name="two_factor_verify"),
    path("two-factor/recovery/", views_twofactor.recovery_codes, name="two_factor_recovery"),
    path("two-factor/remove/", views_twofactor.remove, name="two_factor_remove"),
]
