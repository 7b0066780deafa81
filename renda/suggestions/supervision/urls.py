"""Routes of the staff and leaders' suggestion pages (this package), under
/suggestions/supervision/ so that they never meet the case pages' routes."""

from django.urls import path

from renda.suggestions.supervision import views_key, views_motions, views_queues, views_register

urlpatterns = [
    path("supervision/", views_queues.overview, name="supervision"),
    path("supervision/review/", views_queues.review_queue, name="review_queue"),
    path("supervision/to-assign/", views_queues.assign_queue, name="assign_queue"),
    path("supervision/requests/", views_queues.adjustment_queue, name="adjustment_queue"),
    path("supervision/all/", views_register.register, name="register"),
    path("supervision/all/summary.xlsx", views_register.export_summary, name="export_summary"),
    path(
        "supervision/all/assignments.xlsx",
        views_register.export_assignments,
        name="export_assignments",
    ),
    path("supervision/overdue/", views_register.overdue_board_page, name="overdue_board"),
    path("supervision/promises/", views_register.promise_ledger_page, name="promise_ledger"),
    path("supervision/scores/", views_register.unit_scores, name="unit_scores"),
    path("supervision/key/", views_key.key_suggestions, name="key_suggestions"),
    path("supervision/key/<int:pk>/", views_key.key_suggestion, name="key_suggestion"),
    path("supervision/key/<int:pk>/poll/open/", views_key.poll_open, name="poll_open"),
    path("supervision/key/<int:pk>/poll/vote/", views_key.poll_vote, name="poll_vote"),
    path("supervision/key/<int:pk>/poll/close/", views_key.poll_close, name="poll_close"),
    path("supervision/motions/", views_motions.motion_board, name="motion_board"),
    path("supervision/motions/<int:pk>/", views_motions.motion_page, name="motion_decision"),
    path(
        "supervision/motions/<int:pk>/<slug:action>/",
        views_motions.motion_decide,
        name="motion_decide",
    ),
]
