"""The legislation pages under /legislation/."""

from django.urls import path

from renda.legislation import views

app_name = "legislation"

urlpatterns = [
    # The public, and everyone who reads drafts
    path("", views.public_list, name="public"),
    path("drafts/<int:pk>/", views.draft, name="draft"),
    path("drafts/<int:pk>/submitted/", views.submitted, name="submitted"),
    path("drafts/<int:pk>/export/<str:fmt>/", views.export, name="export"),
    path("receipt/", views.receipt, name="receipt"),
    # Consultations
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("consultations/<int:pk>/opinions/", views.opinions, name="opinions"),
    path("consultations/<int:pk>/report/", views.report, name="report"),
    path("consultations/<int:pk>/batch/", views.batch, name="batch"),
    path(
        "consultations/<int:pk>/<str:action>/",
        views.consultation_act,
        name="consultation_act",
    ),
    path("drafts/<int:pk>/consult/", views.consultation_new, name="consultation_new"),
    # Opinions
    path("moderation/", views.moderation, name="moderation"),
    path("mine/", views.mine, name="mine"),
    path("opinions/<int:pk>/", views.opinion, name="opinion"),
    path("opinions/<int:pk>/moderate/", views.opinion_moderate, name="opinion_moderate"),
    path("opinions/<int:pk>/handle/", views.opinion_handle, name="opinion_handle"),
    # Legislative contact points
    path("contact-points/", views.points, name="points"),
    path("contact-points/<int:pk>/", views.point, name="point"),
    # Regulations
    path("regulations/", views.regulations, name="regulations"),
    path("regulations/new/", views.regulation_new, name="regulation_new"),
    path("regulations/<int:pk>/", views.regulation, name="regulation"),
    path("regulations/<int:pk>/advance/", views.regulation_advance, name="regulation_advance"),
    path("regulations/<int:pk>/documents/", views.document_add, name="document_add"),
    path("regulations/<int:pk>/documents/<int:document>/", views.document, name="document"),
    path("regulations/<int:pk>/import/", views.draft_import, name="import"),
    path("regulations/<int:pk>/compare/", views.compare, name="compare"),
    # Agenda topic solicitation
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/new/", views.topic_new, name="topic_new"),
    path("topics/<int:pk>/", views.topics, name="topics"),
    path("topics/<int:pk>/topics/<int:topic>/answer/", views.topic_answer, name="topic_answer"),
    path("topics/<int:pk>/close/", views.topic_close, name="topic_close"),
]
