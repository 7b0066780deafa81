"""The organisation: congresses, their terms and bodies, units, deputies, stations and points."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.settings_registry import default_of


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")


class Congress(models.Model):  # 人大
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent congress"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.CharField(_("region"), max_length=40, help_text=_("e.g. 晋中市, 榆次区"))
    settings = models.JSONField(_("rule settings"), default=dict, blank=True)

    class Meta:
        verbose_name = _("congress")
        verbose_name_plural = _("congresses")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def setting(self, key: str) -> Any:
        """A rule of this congress (DOMAIN.md: "every deadline and threshold is a setting of
        the congress"): its own value, else the default its domain declared."""
        default = default_of(key)  # KeyError for a rule no domain declares
        return (self.settings or {}).get(key, default)


class Term(models.Model):  # 届
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField(_("number"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["congress", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "number"], name="term_unique_number")
        ]

    def __str__(self) -> str:
        return _("%(congress)s, term %(number)s") % {
            "congress": self.congress,
            "number": self.number,
        }


class Session(models.Model):  # 次会议
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="sessions")
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("number"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="session_unique_number"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="session_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return _("Term %(term)s, session %(number)s") % {
            "term": self.term.number,
            "number": self.number,
        }

    def is_sitting(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date


class Body(models.Model):  # 常委会机构: chair's council, special committees, working bodies
    class Kind(models.TextChoices):
        CHAIR_COUNCIL = "chair_council", _("Chair's council")
        STANDING_COMMITTEE = "standing_committee", _("Standing committee")
        SPECIAL_COMMITTEE = "special_committee", _("Special committee")
        WORKING_BODY = "working_body", _("Working body")
        OFFICE = "office", _("General office")

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("standing committee body")
        verbose_name_plural = _("standing committee bodies")
        ordering = ["congress", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "name"], name="body_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class HandlingUnit(models.Model):  # 承办单位
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("People's government")
        SUPERVISORY = "supervisory", _("Supervisory commission")
        COURT = "court", _("Court")
        PROCURATORATE = "procuratorate", _("Procuratorate")
        DEPARTMENT = "department", _("Government department")
        OTHER = "other", _("Other unit")

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    head = models.CharField(_("head of unit"), max_length=40, blank=True)
    phone = models.CharField(_("office phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("handling unit")
        verbose_name_plural = _("handling units")
        ordering = ["congress", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "name"], name="unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):  # 自然人: one person, who may be a deputy at several levels
    congress = models.ForeignKey(
        Congress,
        verbose_name=_("registered by"),
        on_delete=models.CASCADE,
        related_name="people",
    )
    name = models.CharField(_("name"), max_length=40)
    gender = models.CharField(
        _("gender"), max_length=1, choices=[("M", _("Male")), ("F", _("Female"))]
    )
    ethnicity = models.CharField(_("ethnicity"), max_length=20, default="汉族")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    party = models.CharField(_("political affiliation"), max_length=40, blank=True)
    education = models.CharField(_("education"), max_length=40, blank=True)
    occupation = models.CharField(_("occupation and post"), max_length=200, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)  # personal data
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)  # personal data

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~Q(id_number=""),
                name="person_unique_id_number",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ElectoralUnit(
    models.Model
):  # 选举单位: the lower congress that elects this congress's deputies
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="electoral_units")
    name = models.CharField(_("name"), max_length=100)
    electing_congress = models.ForeignKey(
        Congress,
        verbose_name=_("electing congress"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elects_into",
    )

    class Meta:
        verbose_name = _("electoral unit")
        verbose_name_plural = _("electoral units")
        ordering = ["congress", "name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "name"], name="electoral_unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Delegation(models.Model):  # 代表团
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="delegations")
    name = models.CharField(_("name"), max_length=100)
    electoral_unit = models.ForeignKey(
        ElectoralUnit,
        verbose_name=_("electoral unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegations",
    )

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["congress", "name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "name"], name="delegation_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class LiaisonCentre(models.Model):  # 区域联络中心
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="liaison_centres")
    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey(
        Congress,
        verbose_name=_("county-level area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    established_on = models.DateField(_("established on"))

    class Meta:
        verbose_name = _("regional liaison centre")
        verbose_name_plural = _("regional liaison centres")
        ordering = ["congress", "name"]

    def __str__(self) -> str:
        return self.name


class ContactStation(models.Model):  # 代表联络站
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="stations")
    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey(
        Congress,
        verbose_name=_("county-level area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    centre = models.ForeignKey(
        LiaisonCentre,
        verbose_name=_("liaison centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stations",
    )
    township = models.CharField(_("township or street"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=30, blank=True)
    reception_day = models.CharField(_("reception day"), max_length=60, blank=True)
    established_on = models.DateField(_("established on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact station")
        verbose_name_plural = _("contact stations")
        ordering = ["congress", "area__code", "name"]

    def __str__(self) -> str:
        return self.name


class LegislativeContactPoint(models.Model):  # 基层立法联系点, merged with a station (站点融合)
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="contact_points")
    name = models.CharField(_("name"), max_length=100)
    station = models.ForeignKey(
        ContactStation,
        verbose_name=_("merged with station"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_points",
    )
    area = models.ForeignKey(
        Congress,
        verbose_name=_("county-level area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    established_on = models.DateField(_("established on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("legislative contact point")
        verbose_name_plural = _("legislative contact points")
        ordering = ["congress", "name"]

    def __str__(self) -> str:
        return self.name


class CollectionPoint(models.Model):  # 基层立法信息采集点, under a contact point
    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="collection_points"
    )
    contact_point = models.ForeignKey(
        LegislativeContactPoint,
        verbose_name=_("legislative contact point"),
        on_delete=models.CASCADE,
        related_name="collection_points",
    )
    name = models.CharField(_("name"), max_length=100)
    established_on = models.DateField(_("established on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("information collection point")
        verbose_name_plural = _("information collection points")
        ordering = ["contact_point", "name"]

    def __str__(self) -> str:
        return self.name


class Deputy(models.Model):  # 代表: one person's deputyship in one congress and term
    class Status(models.TextChoices):
        ACTIVE = "active", _("Serving")
        ENDED = "ended", _("Ended")

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="deputies")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="deputies")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="deputyships")
    card_number = models.CharField(_("deputy card number"), max_length=20)
    electoral_unit = models.ForeignKey(
        ElectoralUnit,
        verbose_name=_("electoral unit"),
        on_delete=models.PROTECT,
        related_name="deputies",
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputies",
    )
    station = models.ForeignKey(
        ContactStation,
        verbose_name=_("contact station"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputies",
    )
    is_standing_committee_member = models.BooleanField(
        _("standing committee member"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    elected_on = models.DateField(_("elected on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["congress", "card_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "term", "person"], name="deputy_once_per_term"
            ),
            models.UniqueConstraint(fields=["congress", "card_number"], name="deputy_unique_card"),
        ]
        indexes = [models.Index(fields=["congress", "status"])]

    def __str__(self) -> str:
        return self.person.name

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def level(self) -> str:
        return self.congress.level
