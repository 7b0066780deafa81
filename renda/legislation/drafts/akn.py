"""Export a parsed draft as Akoma Ntoso 3.0 (OASIS LegalDocML) XML and validate it."""

from __future__ import annotations

import datetime
import functools
import re
from pathlib import Path

from django.utils import timezone
from lxml import etree

from .parser import Article, Division, Draft, DraftError, Paragraph

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "akomantoso30.xsd"

# AKN naming convention abbreviations; 编/章/节/条/款/项 map to part/chapter/section/article/
# paragraph/point.
_EID_PREFIX = {"part": "part", "chapter": "chp", "section": "sec", "article": "art"}


def _el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str):
    element = (
        etree.Element(f"{{{AKN_NS}}}{tag}", nsmap={None: AKN_NS})
        if parent is None
        else etree.SubElement(parent, f"{{{AKN_NS}}}{tag}")
    )
    for name, value in attrs.items():
        element.set(name, value)
    if text is not None:
        element.text = text
    return element


class _EIds:
    """Hands out eIds, keeping them unique even when a draft repeats a number."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, eid: str) -> str:
        candidate, counter = eid, 1
        while candidate in self.used:
            counter += 1
            candidate = f"{eid}-{counter}"
        self.used.add(candidate)
        return candidate


def to_akn(
    draft: Draft,
    *,
    frbr_country: str = "cn",
    frbr_locality: str = "",
    number: str = "draft",
    date: datetime.date | None = None,
    language: str = "zho",
    doc_name: str = "regulation",
    source: str = "renda",
) -> bytes:
    """The draft as an <akomaNtoso><act> document, UTF-8 encoded."""
    if not draft.articles():
        raise DraftError("no_articles")
    date = date or timezone.localdate()
    root = _el(None, "akomaNtoso")
    act = _el(root, "act", name=doc_name)
    _meta(
        act,
        draft,
        country=frbr_country,
        locality=frbr_locality,
        number=re.sub(r"\s+", "-", number.strip()) or "draft",
        date=date.isoformat(),
        language=language,
        source=source,
    )
    if draft.title or draft.preamble:
        preface = _el(act, "preface")
        if draft.title:
            # Empty text and tail keep the pretty printer out of this mixed-content <p>.
            title_p = _el(_el(preface, "longTitle"), "p", "")
            _el(title_p, "docTitle", draft.title).tail = ""
        for line in draft.preamble:
            _el(preface, "p", line)
    body = _el(act, "body")
    eids = _EIds()
    for node in draft.children:
        _node(body, node, "", eids)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _meta(
    act: etree._Element,
    draft: Draft,
    *,
    country: str,
    locality: str,
    number: str,
    date: str,
    language: str,
    source: str,
) -> None:
    place = f"{country}-{locality}" if locality else country
    work = f"/akn/{place}/act/{date}/{number}"
    expression = f"{work}/{language}@{date}"
    author = f"#{source}"
    identification = _el(_el(act, "meta"), "identification", source=author)
    parts = (
        ("FRBRWork", work, f"{work}/!main"),
        ("FRBRExpression", expression, f"{expression}/!main"),
        ("FRBRManifestation", f"{expression}.akn", f"{expression}/!main.xml"),
    )
    for tag, uri, this in parts:
        frbr = _el(identification, tag)
        _el(frbr, "FRBRthis", value=this)
        _el(frbr, "FRBRuri", value=uri)
        _el(frbr, "FRBRdate", date=date, name="draft" if tag != "FRBRManifestation" else "export")
        _el(frbr, "FRBRauthor", href=author)
        if tag == "FRBRWork":
            _el(frbr, "FRBRcountry", value=country)
            _el(frbr, "FRBRnumber", value=number)
            if draft.title:
                _el(frbr, "FRBRname", value=draft.title)
        elif tag == "FRBRExpression":
            _el(frbr, "FRBRlanguage", language=language)
    references = _el(act.find(f"{{{AKN_NS}}}meta"), "references", source=author)
    _el(
        references,
        "TLCOrganization",
        eId=source,
        href=f"/ontology/organization/{country}/{source}",
        showAs=source,
    )


def _node(parent: etree._Element, node: Division | Article, prefix: str, eids: _EIds) -> None:
    own = f"{_EID_PREFIX[node.kind]}_{node.number}"
    if isinstance(node, Article):
        # By the naming convention an article's eId does not repeat its chapter's.
        _article(parent, node, eids(own), eids)
        return
    eid = eids(f"{prefix}__{own}" if prefix else own)
    element = _el(parent, node.kind, eId=eid)
    _el(element, "num", node.label)
    if node.heading:
        _el(element, "heading", node.heading)
    for child in node.children:
        _node(element, child, eid, eids)


def _article(parent: etree._Element, article: Article, eid: str, eids: _EIds) -> None:
    element = _el(parent, "article", eId=eid)
    _el(element, "num", article.label)
    if article.heading:
        _el(element, "heading", article.heading)
    if not article.paragraphs:
        _el(_el(element, "content"), "p")
    for index, paragraph in enumerate(article.paragraphs, start=1):
        _paragraph(element, paragraph, eids(f"{eid}__para_{index}"), eids)


def _paragraph(parent: etree._Element, paragraph: Paragraph, eid: str, eids: _EIds) -> None:
    element = _el(parent, "paragraph", eId=eid)
    if not paragraph.items:
        _el(_el(element, "content"), "p", paragraph.text)
        return
    if paragraph.text:
        _el(_el(element, "intro"), "p", paragraph.text)
    for item in paragraph.items:
        point = _el(element, "point", eId=eids(f"{eid}__point_{item.number}"))
        _el(point, "num", item.label)
        _el(_el(point, "content"), "p", item.text)


@functools.cache
def akn_schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 schema shipped in renda/legislation/data (read once)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def validate_akn(xml: bytes) -> list[str]:
    """The schema errors of an Akoma Ntoso document; an empty list means it is valid."""
    schema = akn_schema()
    if schema.validate(etree.fromstring(xml)):
        return []
    return [f"{error.line}: {error.message}" for error in schema.error_log]
