"""报备: an issuing body files, late filings are marked, staff register complete filings (the
document enters the register and its review opens) or return them; every refusal."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.models import Deadline
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.filings import actions as A
from renda.filings.models import DocumentStatus, Filing, NormativeDocument, Review

from .conftest import TEXT, D, files, on

pytestmark = pytest.mark.django_db


def _events(case) -> list[str]:
    return [e.action for e in history(case)]


def test_a_filing_within_thirty_days_is_on_time_and_waits_for_registration(file, cast):
    filing = file(day=D(2024, 3, 31))  # published 03-01: due 03-31
    assert filing.state == "filed" and not filing.late
    assert filing.due_date == D(2024, 3, 31)
    assert TEXT.splitlines()[0] in filing.text  # read from the electronic .docx
    assert sorted(filing.files.values_list("purpose", flat=True)) == [
        "electronic",
        "explanation",
        "official",
        "report",
    ]
    assert _events(filing) == ["file"]
    deadline = Deadline.objects.get(object_id=filing.pk, kind="register", closed_at=None)
    assert deadline.responsible_role == "staff"
    assert deadline.due_date == D(2024, 4, 8)  # 5 working days: Qingming off, Sunday 4-7 worked


def test_a_filing_after_thirty_days_is_accepted_and_marked_late(file):
    filing = file(day=D(2024, 4, 1))
    assert filing.state == "filed" and filing.late
    event = history(filing).get(action="file")
    assert event.data["late"] is True


def test_the_congress_sets_its_own_filing_days(file, congress):
    congress.settings = {"filing_days": 40}
    congress.save()
    assert not file(day=D(2024, 4, 8)).late


def test_filing_needs_the_official_text_and_refuses_a_file_that_is_not_what_it_says(file):
    with pytest.raises(ActionInvalid) as missing:
        file(files=files(official=None))
    assert missing.value.field == "official"
    fake = SimpleUploadedFile("正式文本.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ActionInvalid) as bad:
        file(files=files(official=fake))
    assert bad.value.field == "official"
    exe = SimpleUploadedFile("电子文本.exe", b"MZ\x90\x00")
    with pytest.raises(ActionInvalid) as wrong:
        file(files=files(electronic=exe))
    assert wrong.value.field == "electronic"
    assert not Filing.objects.exists()


@pytest.mark.parametrize(
    "dates, field",
    [
        ({"issued_on": D(2024, 3, 25)}, "issued_on"),  # after the day it is filed
        ({"published_on": D(2024, 2, 1)}, "published_on"),  # before it was issued
        ({"effective_on": D(2024, 1, 1)}, "effective_on"),
    ],
)
def test_impossible_dates_are_refused(file, dates, field):
    with pytest.raises(ActionInvalid) as error:
        file(**dates)
    assert error.value.field == field


def test_the_same_number_is_not_filed_twice(file):
    file()
    with pytest.raises(ActionInvalid) as error:
        file(title="另一份")
    assert error.value.field == "number"
    assert Filing.objects.count() == 1


@pytest.mark.parametrize("who", ["other_handler", "deputy", "leader", "station", "stranger"])
def test_only_the_issuing_bodys_people_or_staff_file_for_it(file, cast, who):
    with pytest.raises(ActionForbidden):
        file(actor=cast[who])
    assert not Filing.objects.exists()


def test_staff_may_file_on_a_bodys_behalf(file, cast):
    assert file(actor=cast["staff"]).filed_by == cast["staff"]


def test_a_county_congress_files_for_its_standing_committee(cast, county_issuer, org):
    from renda.accounts.models import User

    county_staff = User.objects.create_user(
        "county", password="x" * 12, congress=org["county"], role="staff"
    )
    with on(D(2024, 3, 20)):
        filing = A.filing_file(
            actor=county_staff,
            issuer=county_issuer,
            number="榆人常〔2024〕2号",
            title="榆次区人大常委会关于加强街道议政代表会建设的决定",
            issued_on=D(2024, 3, 1),
            published_on=D(2024, 3, 1),
            files=files(),
        )
    assert filing.congress == county_issuer.congress  # it files with the city
    assert county_staff.has_perm("filings.view_filing", filing)
    assert cast["staff"].has_perm("filings.view_filing", filing)


def test_registering_enters_the_document_and_opens_its_active_review(file, cast):
    filing = file()
    with on(D(2024, 3, 22)):
        A.filing_register(filing=filing, actor=cast["staff"], comment="材料齐全。")
    filing.refresh_from_db()
    assert filing.state == "registered"
    doc = filing.document
    assert doc is not None and doc.status == DocumentStatus.IN_FORCE
    assert doc.number == filing.number and "停车" in doc.text
    review = Review.objects.get(filing=filing)
    assert review.kind == "active" and review.state == "reviewing"
    assert review.due_date == D(2024, 5, 22)  # the congress's 2 months
    assert _events(doc) == ["register"]
    assert _events(review) == ["open"]
    assert not Deadline.objects.filter(object_id=filing.pk, closed_at=None, kind="register")
    assert Deadline.objects.filter(object_id=review.pk, kind="review", closed_at=None).exists()


def test_an_incomplete_filing_cannot_be_registered_only_returned(file, cast):
    filing = file(files=files(explanation=None, electronic=None))
    with pytest.raises(ActionConflict) as error:
        A.filing_register(filing=filing, actor=cast["staff"])
    assert "起草说明" in str(error.value.message)  # in the default language, Chinese
    filing.refresh_from_db()
    assert filing.state == "filed" and not NormativeDocument.objects.exists()
    assert _events(filing) == ["file"]


def test_a_returned_filing_is_completed_and_filed_again(file, cast):
    filing = file(files=files(electronic=None))
    with on(D(2024, 3, 22)):
        A.filing_return(filing=filing, actor=cast["staff"], reason="缺电子文本。")
    filing.refresh_from_db()
    assert filing.state == "returned" and filing.return_reason == "缺电子文本。"
    refile = Deadline.objects.get(object_id=filing.pk, kind="refile", closed_at=None)
    assert refile.responsible_unit == filing.issuer.unit
    assert refile.due_date == D(2024, 4, 8)  # 10 working days
    with on(D(2024, 3, 25)):
        A.filing_refile(
            filing=filing,
            actor=cast["handler"],
            number=filing.number,
            title=filing.title,
            issued_on=filing.issued_on,
            published_on=filing.published_on,
            comment="已补充电子文本。",
            files={"electronic": files()["electronic"]},
        )
    filing.refresh_from_db()
    assert filing.state == "filed" and "停车" in filing.text and not filing.late
    with on(D(2024, 3, 26)):
        A.filing_register(filing=filing, actor=cast["staff"])
    assert _events(filing) == ["file", "return", "refile", "register"]


@pytest.mark.parametrize("who", ["handler", "leader", "other_handler", "deputy", "stranger"])
def test_only_staff_register_or_return(file, cast, who):
    filing = file()
    with pytest.raises(ActionForbidden):
        A.filing_register(filing=filing, actor=cast[who])
    with pytest.raises(ActionForbidden):
        A.filing_return(filing=filing, actor=cast[who], reason="x")
    filing.refresh_from_db()
    assert filing.state == "filed"


def test_only_the_issuing_body_files_again_and_only_once_returned(file, cast):
    filing = file()
    fields = {
        "number": filing.number,
        "title": filing.title,
        "issued_on": filing.issued_on,
        "published_on": filing.published_on,
    }
    with pytest.raises(ActionConflict):
        A.filing_refile(filing=filing, actor=cast["handler"], **fields)
    A.filing_return(filing=filing, actor=cast["staff"], reason="x")
    with pytest.raises(ActionForbidden):
        A.filing_refile(filing=filing, actor=cast["other_handler"], **fields)


def test_registering_a_document_that_repeals_another_changes_the_others_status(
    file, cast, document
):
    filing = file(repeals=[document.pk])
    with on(D(2024, 3, 22)):
        A.filing_register(filing=filing, actor=cast["staff"])
    document.refresh_from_db()
    assert document.status == DocumentStatus.REPEALED
    assert document.status_changed_on == D(2024, 3, 22)
    assert list(document.repealed_by.all()) == [Filing.objects.get().document]
    assert _events(document) == ["register", "status"]


def test_amends_must_name_documents_in_force_of_the_register(file):
    with pytest.raises(ActionInvalid) as error:
        file(amends=[987654])
    assert error.value.field == "amends"


def test_files_are_added_until_the_filing_is_registered(file, cast):
    filing = file(files=files(report=None))
    A.filing_add_files(filing=filing, actor=cast["handler"], files={"report": files()["report"]})
    assert filing.files.filter(purpose="report").exists()
    assert _events(filing) == ["file", "add_files"]
    A.filing_register(filing=filing, actor=cast["staff"])
    with pytest.raises(ActionConflict):
        A.filing_add_files(
            filing=filing, actor=cast["handler"], files={"report": files()["report"]}
        )


def test_staff_enter_a_document_in_the_register_from_its_text(cast, other_issuer):
    with on(D(2024, 1, 5)):
        doc = A.document_register(
            actor=cast["staff"],
            issuer=other_issuer,
            number="晋中教发〔2022〕1号",
            title="晋中市中小学课后服务管理办法",
            issued_on=D(2022, 3, 1),
            published_on=D(2022, 3, 2),
            electronic=files()["electronic"],
        )
    assert "停车" in doc.text and doc.registered_by == cast["staff"]
    with pytest.raises(ActionForbidden):
        A.document_register(
            actor=cast["handler"],
            issuer=other_issuer,
            number="x",
            title="y",
            issued_on=D(2022, 3, 1),
            published_on=D(2022, 3, 2),
            text="z",
        )
    with pytest.raises(ActionInvalid) as error:
        A.document_register(
            actor=cast["staff"],
            issuer=other_issuer,
            number="x",
            title="y",
            issued_on=D(2022, 3, 1),
            published_on=D(2022, 3, 2),
        )
    assert error.value.field == "text"


def test_the_filing_deadline_counts_calendar_days_not_working_days(congress):
    from renda.filings.actions.filing import filing_due

    assert filing_due(congress, D(2024, 9, 20)) == D(2024, 10, 20)  # through National Day
    assert isinstance(filing_due(congress, D(2024, 9, 20)), datetime.date)
