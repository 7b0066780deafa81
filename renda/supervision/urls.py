from django.urls import path

from renda.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.plan_current, name="plan_current"),
    path("plan/<int:pk>/", views.plan_page.detail, name="plan"),
    path("plan/<int:pk>/act/<slug:action>/", views.plan_page.act, name="plan_act"),
    path("plan/<int:pk>/items/", views.plan_add_item, name="plan_add_item"),
    path("reports/", views.report_list, name="reports"),
    path("reports/export.xlsx", views.report_export, name="reports_export"),
    path("reports/<int:pk>/", views.report_page.detail, name="report"),
    path("reports/<int:pk>/act/<slug:action>/", views.report_page.act, name="report_act"),
    path("reports/<int:pk>/opinions/", views.report_draft_opinion, name="report_draft_opinion"),
    path("reports/<int:pk>/publish/", views.report_publish, name="report_publish"),
    path("opinions/", views.opinion_list, name="opinions"),
    path("opinions/export.xlsx", views.opinion_export, name="opinions_export"),
    path("opinions/<int:pk>/", views.opinion_page.detail, name="opinion"),
    path("opinions/<int:pk>/act/<slug:action>/", views.opinion_page.act, name="opinion_act"),
    path("opinions/<int:pk>/points/", views.opinion_point_done, name="opinion_point_done"),
    path("opinions/<int:pk>/poll/", views.opinion_poll_open, name="opinion_poll_open"),
    path("opinions/<int:pk>/publish/", views.opinion_publish, name="opinion_publish"),
    path("opinions/<int:pk>/letter.docx", views.opinion_docx, name="opinion_docx"),
    path("polls/<int:pk>/vote/", views.poll_vote, name="poll_vote"),
    path("polls/<int:pk>/close/", views.poll_close, name="poll_close"),
    path("inquiries/", views.inquiry_list, name="inquiries"),
    path("inquiries/<int:pk>/", views.inquiry_page.detail, name="inquiry"),
    path("inquiries/<int:pk>/act/<slug:action>/", views.inquiry_page.act, name="inquiry_act"),
    path("inquiries/<int:pk>/units/", views.inquiry_add_unit, name="inquiry_add_unit"),
    path("inquiries/<int:pk>/units/<int:unit_pk>/ask/", views.inquiry_ask, name="inquiry_ask"),
    path(
        "inquiries/<int:pk>/units/<int:unit_pk>/poll/",
        views.inquiry_unit_poll,
        name="inquiry_unit_poll",
    ),
    path(
        "inquiries/<int:pk>/questions/<int:question_pk>/answer/",
        views.inquiry_answer,
        name="inquiry_answer",
    ),
    path("public/", views.public_list, name="public"),
    path("public/<int:pk>/", views.public_report, name="public_report"),
]
