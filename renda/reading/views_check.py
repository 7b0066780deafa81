"""The reply check of a draft (逐条回应): the reply form's button posts the draft here and gets
each point with its mark, as a fragment (fetch) or as a page of its own (without JavaScript,
in a new tab). Nothing is stored: the check only reads. The domain (its registered source)
decides who may check a reply to a case: the unit that replies, and staff."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core import llm
from renda.reading import registry
from renda.reading.check import Check, cached_check

MAX_TEXT = 50_000  # characters of a draft the check reads
_FIELD_RE = re.compile(r"[\w-]{1,80}")


def second_opinion(check: Check, reply: str, *, actor: Any, target: Any = None) -> llm.Draft:
    """The language model's reading of the same reply (machine-drafted, shown beside the
    marks, never stored). Raises llm.LLMUnavailable."""
    listed = "\n".join(f"{c.point.number}. {c.point.text}" for c in check.points)
    return llm.draft(
        purpose="reply_check",
        system=(
            "你是人大常委会代表工作机构的工作人员，负责检查承办单位的答复是否逐条回应了"
            "代表建议或群众意见。请简洁、客观地用中文回答。"
        ),
        prompt=(
            f"建议（意见）的要点：\n{listed}\n\n答复全文：\n{reply}\n\n"
            "请逐条说明答复是否回应了该要点、回应是否具体（有措施、时限或结果），"
            "最后用一句话指出答复最需要补充的地方。"
        ),
        actor=actor,
        target=target,
    )


@require_POST
def draft_check(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    source = registry.source(kind)
    subject = source.subject(request.user, pk) if source is not None else None
    if subject is None:
        raise Http404(_("No such case, or not one whose reply you may check."))
    field = request.POST.get("check_field", "text")
    field = field if _FIELD_RE.fullmatch(field) else "text"
    text = request.POST.get(field, "")[:MAX_TEXT]
    check = None
    if text.strip():
        check = cached_check(subject.request, text, year=subject.year, previous=subject.previous())
    opinion, opinion_error = None, ""
    if check is not None and request.POST.get("second_opinion") and llm.configured():
        try:
            opinion = second_opinion(check, text, actor=request.user)
        except llm.LLMUnavailable as exc:
            opinion_error = str(exc)
    fragment = request.headers.get("X-Requested-With") == "fetch"
    context = {
        "fragment": fragment,
        "field": field,
        "check": check,
        "subject": subject,
        "reply_text": text,
        "kind": kind,
        "pk": pk,
        "opinion": opinion,
        "opinion_error": opinion_error,
    }
    template = "reading/_check_result.html" if fragment else "reading/check_page.html"
    return render(request, template, context)
