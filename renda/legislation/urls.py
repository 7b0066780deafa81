"""The legislation pages under /legislation/."""

from django.urls import path

from renda.legislation.views import consultations, drafts, opinions, points, regulations, topics

app_name = "legislation"

urlpatterns = [
    # The public, and everyone who reads drafts
    path("", drafts.public_list, name="public"),
    path("drafts/<int:pk>/", drafts.draft, name="draft"),
    path("drafts/<int:pk>/submitted/", drafts.submitted, name="submitted"),
    path("drafts/<int:pk>/export/<str:fmt>/", drafts.export, name="export"),
    path("receipt/", drafts.receipt, name="receipt"),
    # Consultations
    path("consultations/", consultations.consultations, name="consultations"),
    path("consultations/<int:pk>/", consultations.consultation, name="consultation"),
    path("consultations/<int:pk>/opinions/", opinions.opinions, name="opinions"),
    path("consultations/<int:pk>/report/", consultations.report, name="report"),
    path("consultations/<int:pk>/batch/", points.batch, name="batch"),
    path(
        "consultations/<int:pk>/<str:action>/",
        consultations.consultation_act,
        name="consultation_act",
    ),
    path("drafts/<int:pk>/consult/", consultations.consultation_new, name="consultation_new"),
    # Opinions
    path("moderation/", opinions.moderation, name="moderation"),
    path("mine/", opinions.mine, name="mine"),
    path("opinions/<int:pk>/", opinions.opinion, name="opinion"),
    path("opinions/<int:pk>/act/<slug:action>/", opinions.opinion_act, name="opinion_act"),
    path("opinions/<int:pk>/moderate/", opinions.opinion_moderate, name="opinion_moderate"),
    path("opinions/<int:pk>/handle/", opinions.opinion_handle, name="opinion_handle"),
    # Legislative contact points
    path("contact-points/", points.points, name="points"),
    path("contact-points/<int:pk>/", points.point, name="point"),
    # Regulations
    path("regulations/", regulations.regulations, name="regulations"),
    path("regulations/new/", regulations.regulation_new, name="regulation_new"),
    path("regulations/<int:pk>/", regulations.regulation, name="regulation"),
    path(
        "regulations/<int:pk>/advance/", regulations.regulation_advance, name="regulation_advance"
    ),
    path("regulations/<int:pk>/documents/", regulations.document_add, name="document_add"),
    path("regulations/<int:pk>/documents/<int:document>/", regulations.document, name="document"),
    path("regulations/<int:pk>/import/", regulations.draft_import, name="import"),
    path("regulations/<int:pk>/compare/", regulations.compare, name="compare"),
    # Agenda topic solicitation
    path("topics/", topics.topic_list, name="topic_list"),
    path("topics/new/", topics.topic_new, name="topic_new"),
    path("topics/<int:pk>/", topics.topics, name="topics"),
    path("topics/<int:pk>/topics/<int:topic>/answer/", topics.topic_answer, name="topic_answer"),
    path("topics/<int:pk>/close/", topics.topic_close, name="topic_close"),
]
