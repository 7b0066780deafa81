"""Routes of the staff and leaders' suggestion pages (views_supervision.py), under
/suggestions/supervision/ so that they never meet the case pages' routes."""

from django.urls import path

from renda.suggestions import views_supervision as views

urlpatterns = [
    path("supervision/", views.overview, name="supervision"),
    path("supervision/review/", views.review_queue, name="review_queue"),
    path("supervision/to-assign/", views.assign_queue, name="assign_queue"),
    path("supervision/requests/", views.adjustment_queue, name="adjustment_queue"),
    path("supervision/all/", views.register, name="register"),
    path("supervision/all/summary.xlsx", views.export_summary, name="export_summary"),
    path("supervision/all/assignments.xlsx", views.export_assignments, name="export_assignments"),
    path("supervision/overdue/", views.overdue_board_page, name="overdue_board"),
    path("supervision/promises/", views.promise_ledger_page, name="promise_ledger"),
    path("supervision/key/", views.key_suggestions, name="key_suggestions"),
    path("supervision/key/<int:pk>/", views.key_suggestion, name="key_suggestion"),
    path("supervision/key/<int:pk>/poll/open/", views.poll_open, name="poll_open"),
    path("supervision/key/<int:pk>/poll/vote/", views.poll_vote, name="poll_vote"),
    path("supervision/key/<int:pk>/poll/close/", views.poll_close, name="poll_close"),
    path("supervision/scores/", views.unit_scores, name="unit_scores"),
    path("supervision/motions/", views.motion_board, name="motion_board"),
    path("supervision/motions/<int:pk>/", views.motion_page, name="motion_decision"),
    path(
        "supervision/motions/<int:pk>/<str:decision>/",
        views.motion_decide,
        name="motion_decide",
    ),
]
