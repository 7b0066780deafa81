"""The legislation pages: drafts open for comment, receipts, deputies' and contact points'
opinions, staff's regulations, consultations, moderation, handling, reports and agenda topics.

Thin on purpose: what a user sees comes from queries.py, what they may do from rules.py and the
workflows, and every write is one function of actions.py (through a form).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.http import AuthedRequest, acting_congress_id, is_authenticated
from renda.core.receipts import RateLimited, client_ip
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    history,
)
from renda.legislation import forms as F
from renda.legislation.actions import consultations as consultation_actions
from renda.legislation.actions import drafts as draft_actions
from renda.legislation.actions import opinions as opinion_actions
from renda.legislation.actions import regulations as regulation_actions
from renda.legislation.actions import topics as topic_actions
from renda.legislation.models import (
    AgendaTopic,
    Consultation,
    ConsultationState,
    DraftNode,
    DraftVersion,
    NodeKind,
    Opinion,
    OpinionState,
    Regulation,
    StageDocument,
    TopicAnswer,
    TopicSolicitation,
    TopicSolicitationState,
)
from renda.legislation.queries import (
    articles,
    awaiting_moderation,
    compare_versions,
    consultation_report,
    contact_points_with_figures,
    deputies_answered,
    drafts_visible_to,
    opinion_by_receipt,
    opinions_for_handling,
    opinions_of,
    opinions_with_data,
    problems,
    public_opinions,
    regulations_of,
    stages,
    topic_summary,
    tree,
    version_akn,
    version_text,
    with_list_data,
    with_structure,
)
from renda.legislation.rules import (
    accepts,
    leader_of_congress,
    operates_contact_point,
    staff_of_congress,
)
from renda.legislation.schemas import change_text, contributor
from renda.legislation.workflow import (
    AWAITING_HANDLING,
    CONSULTATION,
    COUNTED_OPINIONS,
    HANDLED,
    OPINION,
    REGULATION,
)
from renda.org.models import Body, CollectionPoint, LegislativeContactPoint

PER_PAGE = 50
RECEIPT_SESSION_KEY = "legislation_receipt"
# Who comments as whom: the visitor without an account as the public, and two roles.
AUDIENCE = {"": "public", "deputy": "deputies", "station": "contact_points"}
ADOPTED = (OpinionState.ADOPTED, OpinionState.PARTLY_ADOPTED)
OUTCOME_TONES = {
    OpinionState.PENDING: "warning",
    OpinionState.REJECTED: "neutral",
    OpinionState.PUBLISHED: "info",
    OpinionState.RECEIVED: "info",
    OpinionState.ADOPTED: "success",
    OpinionState.PARTLY_ADOPTED: "success",
    OpinionState.NOT_ADOPTED: "danger",
}


# --- helpers ---------------------------------------------------------------------------------


def _role(user: Any) -> str:
    return getattr(user, "role", "") if user.is_authenticated else ""


def _page(request: HttpRequest, qs: Any, per_page: int = PER_PAGE) -> Page:
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _staff(request: HttpRequest) -> Any:
    """Staff of a congress (the page's writes need them)."""
    user = request.user
    _require(bool(getattr(user, "congress_id", None)) and staff_of_congress(user, user))
    return user


def _supervisor(request: HttpRequest) -> Any:
    """Staff or leaders of a congress (the pages they read)."""
    user = request.user
    _require(
        bool(getattr(user, "congress_id", None))
        and bool(staff_of_congress(user, user) or leader_of_congress(user, user))
    )
    return user


def _run(request: HttpRequest, form: F.ActionForm, call: Callable[[], Any]) -> tuple[bool, Any]:
    """Run one action for a valid form: (True, its result) when done; (False, None) after a
    conflict (shown as a message) or bad input (shown beside its field). Refusal: 403."""
    try:
        return True, call()
    except ActionForbidden as error:
        raise PermissionDenied(error.message) from error
    except ActionConflict as error:
        messages.error(request, _("Nothing was changed: %(reason)s") % {"reason": error.message})
    except ActionInvalid as error:
        form.add_action_error(error)
    return False, None


def _act(request: HttpRequest, form: Any, call: Callable[[dict[str, Any]], Any], done: str) -> bool:
    """Validate the form, run its action, say it is done. True: go back to the page (done,
    or a conflict shown as a message); False: show the form again with its errors."""
    if not form.is_valid():
        return False
    ok, _result = _run(request, form, lambda: call(form.cleaned_data))
    if ok:
        messages.success(request, done)
    return ok or not form.errors


def _create(
    request: HttpRequest,
    form: Any,
    call: Callable[[dict[str, Any]], Any],
    *,
    done: str,
    to: str,
    template: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A page whose form makes something: once made, a message and its page (`to`, by pk);
    otherwise the form again, its errors beside the fields."""
    if request.method == "POST" and form.is_valid():
        ok, created = _run(request, form, lambda: call(form.cleaned_data))
        if ok:
            messages.success(request, done)
            return redirect(to, pk=created.pk)
    return render(request, template, {"form": form, **(context or {})})


def _back(request: HttpRequest, default: str) -> HttpResponse:
    """To `next` when it is a page of this site, else to `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = default
    return redirect(target)


def _tone(state: str) -> str:
    return OUTCOME_TONES.get(state, "neutral")  # type: ignore[call-overload]


# --- drafts: what the public, deputies and stations read and comment on ----------------------


def _version(user: Any, pk: int) -> DraftVersion:
    """A draft the user may read, with its structure; for the public also a draft whose
    consultation has closed (its page then says so and shows no text)."""
    version = with_structure(drafts_visible_to(user).filter(pk=pk)).first()
    if version is not None:
        version.text_hidden = False  # type: ignore[attr-defined]
        return version
    if not user.is_authenticated:
        was_open = Consultation.objects.filter(
            version_id=pk,
            for_public=True,
            state__in=(ConsultationState.OPEN, ConsultationState.CLOSED),
        )
        version = with_list_data(DraftVersion.objects.filter(Exists(was_open), pk=pk)).first()
        if version is not None:
            version.text_hidden = True  # type: ignore[attr-defined]
            version.ordered_nodes = []  # type: ignore[attr-defined]
            return version
    raise Http404(_("No such draft, or not one open for comment."))


def _consultation_for(version: DraftVersion, audience: str | None) -> Consultation | None:
    """The consultation this audience comments in: the one open to it today, else the latest
    one meant for it (shown as closed); staff see the latest."""
    shown = [c for c in version.consultations.all() if c.state != ConsultationState.DRAFT]
    if audience is None:
        return next(iter(version.consultations.all()), None)
    meant = [c for c in shown if getattr(c, f"for_{audience}")]
    return next((c for c in meant if accepts(c, audience)), meant[0] if meant else None)


def public_list(request: HttpRequest) -> HttpResponse:
    """立法意见征集: the drafts open for public comment today."""
    versions = list(
        with_list_data(drafts_visible_to(AnonymousUser())).order_by("-imported_at", "-id")
    )
    for version in versions:
        version.open_consultation = _consultation_for(version, "public")  # type: ignore[attr-defined]
    return render(request, "legislation/public_list.html", {"versions": versions})


def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's page: its structure and table of contents, published opinions per article,
    and the comment form (the whole draft, or under the article chosen)."""
    user = request.user
    version = _version(user, pk)
    audience = AUDIENCE.get(_role(user)) if _role(user) in ("", "deputy") else None
    consultation = _consultation_for(version, audience)
    form = None
    if request.method == "POST":
        return _comment(request, version, consultation, audience)
    if audience and consultation is not None and accepts(consultation, audience):
        at = request.GET.get("article", "")
        form = F.OpinionForm(
            initial={"article": at if at.isdigit() else ""},
            articles=articles(version),
            public=audience == "public",
        )
    return _draft_page(request, version, consultation, form)


def _draft_page(
    request: HttpRequest,
    version: DraftVersion,
    consultation: Consultation | None,
    form: F.OpinionForm | None,
    *,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    roots = tree(version)
    opinions_by_article: dict[int | None, list[Opinion]] = {}
    if consultation is not None and not version.text_hidden:  # type: ignore[attr-defined]
        for opinion in public_opinions(consultation):
            opinions_by_article.setdefault(opinion.article_id, []).append(opinion)
    for node in articles(version):
        node.public_opinions = opinions_by_article.get(node.pk, [])  # type: ignore[attr-defined]
    form_at: int | None = None
    form_article = None
    if form is not None:
        chosen = str(form["article"].value() or "")
        form_article = next((a for a in articles(version) if str(a.pk) == chosen), None)
        form_at = form_article.pk if form_article is not None else None
    staff = _role(user) == "staff" and staff_of_congress(user, version)
    context = {
        "version": version,
        "regulation": version.regulation,
        "roots": roots,
        "divided": any(node.kind != NodeKind.ARTICLE for node in roots),
        "consultation": consultation,
        "accepting": form is not None,
        "form": form,
        "form_at": form_at,
        "form_article": form_article,
        "today": timezone.localdate(),
        "whole_draft_opinions": opinions_by_article.get(None, []),
        "problems": problems(version) if staff else [],
        "is_staff": staff,
        "is_reader": _role(user) in ("staff", "leader"),
        "role": _role(user),
    }
    return render(request, "legislation/draft.html", context, status=status)


def _comment(
    request: HttpRequest,
    version: DraftVersion,
    consultation: Consultation | None,
    audience: str | None,
) -> HttpResponse:
    """Post a comment: the public's is held for moderation and gets a receipt code."""
    if audience is None:
        raise PermissionDenied(_("Comment without logging in, as a member of the public."))
    if consultation is None:
        messages.error(request, _("This draft is not open for comment."))
        return _draft_page(request, version, None, None, status=409)
    form = F.OpinionForm(request.POST, articles=articles(version), public=audience == "public")
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            if audience == "public":
                opinion = opinion_actions.opinion_submit_public(
                    consultation=consultation,
                    text=data["text"],
                    article=data["article"],
                    name=data["name"],
                    contact=data["contact"],
                    client_ip=client_ip(request),
                )
            else:
                opinion = opinion_actions.opinion_submit_deputy(
                    consultation=consultation,
                    actor=request.user,
                    text=data["text"],
                    article=data["article"],
                )
        except RateLimited as error:
            form.add_error(None, str(error.message))
            status = 429
        except ActionForbidden as error:
            raise PermissionDenied(error.message) from error
        except ActionConflict as error:
            messages.error(request, error.message)
            return _draft_page(request, version, consultation, None, status=409)
        except ActionInvalid as error:
            form.add_action_error(error)
        else:
            if audience == "public":
                request.session[RECEIPT_SESSION_KEY] = opinion.receipt_code
                return redirect("legislation:submitted", pk=version.pk)
            messages.success(request, _("Your opinion is recorded; staff will handle it."))
            return redirect("legislation:opinion", pk=opinion.pk)
    return _draft_page(request, version, consultation, form, status=status)


def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    """After a public comment: the receipt code, to follow it later."""
    code = request.session.get(RECEIPT_SESSION_KEY, "")
    opinion = opinion_by_receipt(code) if code else None
    if opinion is None or opinion.consultation.version_id != pk:
        return redirect("legislation:receipt")
    return render(request, "legislation/submitted.html", {"opinion": opinion})


def receipt(request: HttpRequest) -> HttpResponse:
    """Follow an opinion by its receipt code: its state and outcome, never who wrote it. The
    code is posted, so that it stays out of addresses and logs; a wrong one finds nothing."""
    form = F.ReceiptForm(request.POST or None)
    opinion = None
    looked_up = False
    if request.method == "POST" and form.is_valid():
        looked_up = True
        opinion = opinion_by_receipt(form.cleaned_data["code"])
        if opinion is not None:
            opinion = opinions_with_data(Opinion.objects.filter(pk=opinion.pk)).get()
    context = {
        "form": form,
        "opinion": opinion,
        "looked_up": looked_up,
        "change": change_text(opinion) if opinion else "",
        "tone": _tone(opinion.state) if opinion else "",
    }
    return render(
        request,
        "legislation/receipt.html",
        context,
        status=404 if looked_up and opinion is None else 200,
    )


# --- consultations: lists per role, and staff's page ----------------------------------------


def _consultations_of(user: Any) -> QuerySet[Consultation]:
    return Consultation.objects.filter(congress_id=user.congress_id).select_related(
        "version__regulation"
    )


@login_required
def consultations(request: AuthedRequest) -> HttpResponse:
    """征求意见: staff and leaders see every consultation with its counts; deputies those open to
    them; station operators those open to the contact points (to submit what they gathered)."""
    user = request.user
    role = _role(user)
    _require(bool(user.congress_id) and role in ("staff", "leader", "deputy", "station"))
    qs = _consultations_of(user)
    if role in ("deputy", "station"):
        audience = AUDIENCE[role]
        qs = qs.filter(state=ConsultationState.OPEN, **{f"for_{audience}": True})
        rows = [c for c in qs.order_by("closes_on", "id") if accepts(c, audience)]
        return render(request, "legislation/consultations_open.html", {"rows": rows, "role": role})
    counted = Q(opinions__state__in=COUNTED_OPINIONS)
    qs = qs.annotate(
        counted=Count("opinions", filter=counted),
        pending=Count("opinions", filter=Q(opinions__state=OpinionState.PENDING)),
        awaiting=Count("opinions", filter=Q(opinions__state__in=AWAITING_HANDLING)),
        adopted=Count("opinions", filter=Q(opinions__state__in=ADOPTED)),
    ).order_by("-opens_on", "-id")
    context = {
        "page_obj": _page(request, qs),
        "is_staff": role == "staff",
        "pending": awaiting_moderation(acting_congress_id(request)).count()
        if role == "staff"
        else 0,
    }
    return render(request, "legislation/consultations.html", context)


def _consultation(user: Any, pk: int) -> Consultation:
    consultation = _consultations_of(user).filter(pk=pk).first()
    if consultation is None:
        raise Http404(_("No such consultation."))
    return consultation


def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """A consultation (the link in notifications): staff and leaders see its page; a deputy or
    the public the draft with its comment form; a station operator the batch form."""
    user = request.user
    role = _role(user)
    if role == "station":
        return redirect("legislation:batch", pk=pk)
    if role not in ("staff", "leader"):
        row = Consultation.objects.filter(pk=pk).only("version_id").first()
        if row is None:
            raise Http404(_("No such consultation."))
        return redirect("legislation:draft", pk=row.version_id)
    return _consultation_page(request, _consultation(_supervisor(request), pk))


def _consultation_page(
    request: HttpRequest, c: Consultation, *, extend_form: F.ExtendForm | None = None
) -> HttpResponse:
    user = request.user
    available = {t.action for t in CONSULTATION.available(user, c)}
    states = dict(c.opinions.values_list("state").annotate(n=Count("id")).order_by())
    context = {
        "c": c,
        "available": available,
        "extend_form": extend_form or F.ExtendForm(initial={"closes_on": c.closes_on}),
        "comment_form": F.CommentForm(),
        "counts": {
            "counted": sum(states.get(s, 0) for s in COUNTED_OPINIONS),
            "pending": states.get(OpinionState.PENDING, 0),
            "awaiting": sum(states.get(s, 0) for s in AWAITING_HANDLING),
            "handled": sum(states.get(s, 0) for s in HANDLED),
        },
        "accepting": [a for a in ("public", "deputies", "contact_points") if accepts(c, a)],
        "is_staff": _role(user) == "staff",
    }
    return render(request, "legislation/consultation.html", context)


@require_POST
@login_required
def consultation_act(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """Open, extend or close a consultation."""
    user = _staff(request)
    c = _consultation(user, pk)
    if action == "extend":
        form: F.ActionForm = F.ExtendForm(request.POST)
    elif action in ("open", "close"):
        form = F.CommentForm(request.POST)
    else:
        raise Http404
    calls: dict[str, Callable[[dict[str, Any]], Any]] = {
        "open": lambda data: consultation_actions.consultation_open(
            consultation=c, actor=user, comment=data["comment"]
        ),
        "extend": lambda data: consultation_actions.consultation_extend(
            consultation=c, actor=user, closes_on=data["closes_on"], comment=data["comment"]
        ),
        "close": lambda data: consultation_actions.consultation_close(
            consultation=c, actor=user, comment=data["comment"]
        ),
    }
    done = _("Done: %(action)s.") % {"action": CONSULTATION.transition(action).label}
    if _act(request, form, calls[action], done):
        return redirect("legislation:consultation", pk=pk)
    extend_form = form if isinstance(form, F.ExtendForm) else None
    return _consultation_page(request, _consultation(user, pk), extend_form=extend_form)


@login_required
def consultation_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """Prepare a consultation on a version (open it from its page)."""
    user = _staff(request)
    version = (
        DraftVersion.objects.filter(pk=pk, congress_id=user.congress_id)
        .select_related("regulation")
        .first()
    )
    if version is None:
        raise Http404(_("No such draft."))
    form = F.ConsultationForm(request.POST or None, initial={"opens_on": timezone.localdate()})
    return _create(
        request,
        form,
        lambda data: consultation_actions.consultation_create(version=version, actor=user, **data),
        done=_("The consultation is prepared; open it when ready."),
        to="legislation:consultation",
        template="legislation/consultation_new.html",
        context={"version": version},
    )


# --- staff: moderation and handling ----------------------------------------------------------


@login_required
def moderation(request: AuthedRequest) -> HttpResponse:
    """The public's opinions waiting to be published or kept out, oldest first."""
    user = _staff(request)
    page = _page(request, awaiting_moderation(user.congress_id))
    for opinion in page.object_list:
        opinion.reject_form = F.RejectForm(prefix=f"m{opinion.pk}")
    return render(request, "legislation/moderation.html", {"page_obj": page})


def _later_articles(consultation: Consultation) -> list[DraftNode]:
    """Articles of the regulation's later versions: what an adopted opinion may have changed."""
    version = consultation.version
    return list(
        DraftNode.objects.filter(
            kind=NodeKind.ARTICLE,
            version__regulation_id=version.regulation_id,
            version__number__gt=version.number,
        )
        .select_related("version")
        .order_by("version__number", "order")
    )


def _handle_form(opinion: Opinion, later: list[DraftNode], data: Any = None) -> F.HandleForm:
    initial = {}
    if opinion.state in HANDLED:
        initial = {
            "outcome": opinion.state,
            "reason": opinion.handling_reason,
            "led_to": opinion.led_to_node_id or "",
            "led_to_note": opinion.led_to_note,
        }
    return F.HandleForm(data, prefix=f"h{opinion.pk}", initial=initial, later_articles=later)


@login_required
def opinions(request: AuthedRequest, pk: int) -> HttpResponse:
    """A consultation's opinions for staff to handle, filtered by article, source and state."""
    user = _staff(request)
    c = _consultation(user, pk)
    version_articles = list(c.version.nodes.filter(kind=NodeKind.ARTICLE).order_by("order"))
    filters = F.OpinionFilterForm(request.GET or None, articles=version_articles)
    values = filters.values()
    qs = opinions_for_handling(c)
    if values.get("article") == "whole":
        qs = qs.filter(article__isnull=True)
    elif values.get("article"):
        qs = qs.filter(article_id=int(values["article"]))  # a choice: an article's id
    if values.get("source"):
        qs = qs.filter(source=values["source"])
    if values.get("state"):
        qs = qs.filter(state=values["state"])
    page = _page(request, qs)
    later = _later_articles(c)
    handleable = set(OPINION.transition("handle").sources)
    for opinion in page.object_list:
        opinion.contributor = contributor(opinion)
        opinion.handle_form = _handle_form(opinion, later) if opinion.state in handleable else None
        opinion.tone = _tone(opinion.state)
    context = {
        "c": c,
        "filters": filters,
        "page_obj": page,
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "here": request.get_full_path(),
    }
    return render(request, "legislation/opinions.html", context)


def _opinion(user: Any, pk: int) -> Opinion:
    """An opinion its contributor (a deputy, a contact point's operator), staff or leaders see."""
    if _role(user) in ("staff", "leader"):
        qs = opinions_with_data(Opinion.objects.filter(congress_id=user.congress_id))
    else:
        qs = opinions_of(user)
    opinion = qs.select_related("consultation__version__regulation").filter(pk=pk).first()
    if opinion is None:
        raise Http404(_("No such opinion."))
    return opinion


@login_required
def opinion(request: AuthedRequest, pk: int) -> HttpResponse:
    return _opinion_page(request, _opinion(request.user, pk))


def _opinion_page(
    request: HttpRequest,
    o: Opinion,
    *,
    handle_form: F.HandleForm | None = None,
    reject_form: F.RejectForm | None = None,
) -> HttpResponse:
    user = request.user
    available = {t.action for t in OPINION.available(user, o)}
    if "handle" in available and handle_form is None:
        handle_form = _handle_form(o, _later_articles(o.consultation))
    if "reject" in available and reject_form is None:
        reject_form = F.RejectForm(prefix=f"m{o.pk}")
    events = []
    for event in history(o):
        label = (
            OPINION.transition(event.action).label
            if event.action in OPINION.actions
            else _("Submitted")
        )
        events.append({"event": event, "label": label})
    context = {
        "o": o,
        "tone": _tone(o.state),
        "contributor": contributor(o) if user.has_perm("legislation.see_contributor", o) else "",
        "change": change_text(o),
        "handle_form": handle_form if "handle" in available else None,
        "reject_form": reject_form if "reject" in available else None,
        "can_publish": "publish" in available,
        "events": events if _role(user) in ("staff", "leader") else [],
    }
    return render(request, "legislation/opinion.html", context)


@require_POST
@login_required
def opinion_moderate(request: AuthedRequest, pk: int) -> HttpResponse:
    """Publish a public opinion for handling, or keep it out with the reason."""
    user = _staff(request)
    o = _opinion(user, pk)
    publish = request.POST.get("publish") == "1"
    form = F.CommentForm({}) if publish else F.RejectForm(request.POST, prefix=f"m{o.pk}")
    if _act(
        request,
        form,
        lambda data: opinion_actions.opinion_moderate(
            opinion=o, actor=user, publish=publish, reason=data.get("reason", "")
        ),
        _("Published for handling.") if publish else _("Kept out."),
    ):
        return _back(request, reverse("legislation:moderation"))
    return _opinion_page(
        request,
        _opinion(user, pk),
        reject_form=None if publish else form,  # type: ignore[arg-type]
    )


@require_POST
@login_required
def opinion_handle(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record the outcome (and the change it led to); the contributor is told."""
    user = _staff(request)
    o = _opinion(user, pk)
    form = _handle_form(o, _later_articles(o.consultation), request.POST)
    if _act(
        request,
        form,
        lambda data: opinion_actions.opinion_handle(
            opinion=o,
            actor=user,
            outcome=data["outcome"],
            reason=data["reason"],
            led_to=data.get("led_to"),
            led_to_note=data["led_to_note"],
        ),
        _("The outcome is recorded; the contributor is told."),
    ):
        return _back(request, reverse("legislation:opinions", args=[o.consultation_id]))
    return _opinion_page(request, _opinion(user, pk), handle_form=form)


@login_required
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    """A consultation's report: opinions by article and by source, adoption, and the changes
    they led to in the next version."""
    user = _supervisor(request)
    data = consultation_report(_consultation(user, pk))
    overall = data.overall
    return render(
        request,
        "legislation/report.html",
        {
            "r": data,
            "c": data.consultation,
            "rate": round(data.adoption_rate * 100, 1),
            "by_source": [
                (str(dict(Opinion._meta.get_field("source").choices)[s]), t)  # type: ignore[arg-type]
                for s, t in data.by_source.items()
            ],
            "links": [(o, change_text(o)) for o in data.links],
            "overall": overall,
        },
    )


# --- deputies and contact points: their own opinions, the batch form -------------------------


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    """A deputy's opinions, or those of the operator's contact points, with their outcomes."""
    user = request.user
    _require(_role(user) in ("deputy", "station"))
    page = _page(request, opinions_of(user))
    for o in page.object_list:
        o.tone = _tone(o.state)
    return render(request, "legislation/mine.html", {"page_obj": page, "role": _role(user)})


def _my_points(user: Any) -> list[LegislativeContactPoint]:
    if _role(user) != "station" or not user.station_id:
        return []
    return list(
        LegislativeContactPoint.objects.filter(
            congress_id=user.congress_id, station_id=user.station_id, closed_on__isnull=True
        ).order_by("name")
    )


@login_required
def batch(request: AuthedRequest, pk: int) -> HttpResponse:
    """A contact point submits the opinions it gathered: rows of article, text, source,
    collection point and day; all or none."""
    user = request.user
    points = _my_points(user)
    _require(bool(points))
    c = _consultation(user, pk)
    _require(c.for_contact_points)
    version = with_structure(DraftVersion.objects.filter(pk=c.version_id)).get()
    collection = list(
        CollectionPoint.objects.filter(contact_point__in=points, closed_on__isnull=True).order_by(
            "contact_point__name", "name"
        )
    )
    posted = request.method == "POST"
    head = F.BatchHeadForm(request.POST if posted else None, points=points)
    rows = F.GatheredFormSet(
        request.POST if posted else None,
        prefix="rows",
        articles=articles(version),
        collection_points=collection,
    )
    status = 200
    if posted and head.is_valid() and rows.is_valid():
        gathered = [
            opinion_actions.GatheredOpinion(
                text=row.cleaned_data["text"],
                article=row.cleaned_data["article"],
                source=row.cleaned_data["source"],
                collection_point=row.cleaned_data["collection_point"],
                gathered_on=row.cleaned_data["gathered_on"],
            )
            for row in rows.forms
            if row.has_changed() and row.cleaned_data
        ]
        try:
            created = opinion_actions.opinion_batch_submit(
                consultation=c,
                actor=user,
                contact_point=head.cleaned_data["contact_point"],
                opinions=gathered,
            )
        except ActionForbidden as error:
            raise PermissionDenied(error.message) from error
        except ActionConflict as error:
            messages.error(request, error.message)
            status = 409
        except ActionInvalid as error:
            if not rows.add_action_error(error):
                head.add_action_error(error)
        else:
            messages.success(request, _("%(n)d opinions submitted.") % {"n": len(created)})
            return redirect("legislation:mine")
    context = {
        "c": c,
        "head": head,
        "rows": rows,
        "accepting": accepts(c, "contact_points"),
    }
    return render(request, "legislation/batch.html", context, status=status)


# --- legislative contact points --------------------------------------------------------------


def _visible_points(user: Any) -> QuerySet[LegislativeContactPoint]:
    qs = LegislativeContactPoint.objects.filter(congress_id=user.congress_id)
    if _role(user) == "station":
        return qs.filter(station_id=user.station_id) if user.station_id else qs.none()
    _require(bool(staff_of_congress(user, user) or leader_of_congress(user, user)))
    return qs


@login_required
def points(request: AuthedRequest) -> HttpResponse:
    """基层立法联系点: each point with its figures; a station operator sees their own."""
    user = request.user
    _require(bool(user.congress_id))
    rows = list(contact_points_with_figures(_visible_points(user)).order_by("name"))
    if _role(user) == "station" and len(rows) == 1:
        return redirect("legislation:point", pk=rows[0].pk)
    return render(request, "legislation/points.html", {"rows": rows})


@login_required
def point(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    _require(bool(user.congress_id))
    row = contact_points_with_figures(_visible_points(user).filter(pk=pk)).first()
    if row is None:
        raise Http404(_("No such legislative contact point."))
    page = _page(
        request,
        opinions_with_data(Opinion.objects.filter(contact_point=row)).order_by(
            "-submitted_at", "-id"
        ),
    )
    for o in page.object_list:
        o.tone = _tone(o.state)
    context = {
        "p": row,
        "collection_points": list(row.collection_points.order_by("name")),
        "page_obj": page,
        "is_operator": operates_contact_point(user, row),
        "open": [
            c
            for c in _consultations_of(user).filter(
                state=ConsultationState.OPEN, for_contact_points=True
            )
            if accepts(c, "contact_points")
        ]
        if operates_contact_point(user, row)
        else [],
    }
    return render(request, "legislation/point.html", context)


# --- staff: regulations, their stages and versions -------------------------------------------


@login_required
def regulations(request: AuthedRequest) -> HttpResponse:
    """立法: regulations through their stages, newest plan year first."""
    user = _supervisor(request)
    page = _page(request, regulations_of(user.congress_id).order_by("-plan_year", "title", "id"))
    return render(
        request,
        "legislation/regulations.html",
        {"page_obj": page, "is_staff": _role(user) == "staff"},
    )


@login_required
def regulation_new(request: AuthedRequest) -> HttpResponse:
    user = _staff(request)
    form = F.RegulationForm(
        request.POST or None,
        regulations=list(Regulation.objects.filter(congress_id=user.congress_id)),
        bodies=list(Body.objects.filter(congress_id=user.congress_id).order_by("name")),
        initial={"planned_on": timezone.localdate()},
    )
    return _create(
        request,
        form,
        lambda data: regulation_actions.regulation_create(
            congress=user.congress, actor=user, **data
        ),
        done=_("The regulation is listed in the plan."),
        to="legislation:regulation",
        template="legislation/regulation_new.html",
    )


def _regulation(user: Any, pk: int) -> Regulation:
    regulation = (
        Regulation.objects.filter(pk=pk, congress_id=user.congress_id)
        .select_related("of_regulation", "drafting_body", "congress")
        .prefetch_related("documents")
        .first()
    )
    if regulation is None:
        raise Http404(_("No such regulation."))
    return regulation


def _regulation_page(request: HttpRequest, regulation: Regulation, **bound: Any) -> HttpResponse:
    user = request.user
    is_staff = _role(user) == "staff"
    transitions = REGULATION.available(user, regulation)
    versions = list(regulation.versions.prefetch_related("consultations").order_by("number"))
    context = {
        "regulation": regulation,
        "stages": stages(regulation),
        "versions": versions,
        "is_staff": is_staff,
        "advance_form": bound.get("advance_form")
        or (
            F.AdvanceForm(transitions=transitions, initial={"on": timezone.localdate()})
            if transitions and is_staff
            else None
        ),
        "document_form": bound.get("document_form")
        or F.StageDocumentForm(initial={"stage": regulation.state}),
        "import_form": bound.get("import_form") or F.ImportForm(),
        "compare_form": F.CompareForm(
            versions=versions,
            initial={
                "old": versions[-2].pk if len(versions) > 1 else "",
                "new": versions[-1].pk if versions else "",
            },
        )
        if len(versions) > 1
        else None,
    }
    return render(request, "legislation/regulation.html", context)


@login_required
def regulation(request: AuthedRequest, pk: int) -> HttpResponse:
    user = _supervisor(request)
    return _regulation_page(request, _regulation(user, pk))


@require_POST
@login_required
def regulation_advance(request: AuthedRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    regulation = _regulation(user, pk)
    form = F.AdvanceForm(request.POST, transitions=REGULATION.available(user, regulation))
    if _act(
        request,
        form,
        lambda data: regulation_actions.regulation_advance(
            regulation=regulation, actor=user, **data
        ),
        _("The stage is recorded."),
    ):
        return redirect("legislation:regulation", pk=pk)
    return _regulation_page(request, _regulation(user, pk), advance_form=form)


@require_POST
@login_required
def document_add(request: AuthedRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    regulation = _regulation(user, pk)
    form = F.StageDocumentForm(request.POST, request.FILES)
    if _act(
        request,
        form,
        lambda data: regulation_actions.stage_document_add(
            regulation=regulation, actor=user, **data
        ),
        _("The document is added."),
    ):
        return redirect("legislation:regulation", pk=pk)
    return _regulation_page(request, regulation, document_form=form)


@login_required
def document(request: AuthedRequest, pk: int, document: int) -> FileResponse:
    user = _supervisor(request)
    row = StageDocument.objects.filter(regulation=_regulation(user, pk), pk=document).first()
    if row is None:
        raise Http404(_("No such document."))
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)


@require_POST
@login_required
def draft_import(request: AuthedRequest, pk: int) -> HttpResponse:
    """Import a new version: pasted text, or a .docx / .txt file. The parser's doubts are
    listed on the new version's page."""
    user = _staff(request)
    regulation = _regulation(user, pk)
    form = F.ImportForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        done, version = _run(
            request,
            form,
            lambda: draft_actions.import_draft(
                actor=user,
                regulation=regulation,
                text=None if upload else data["text"],
                data=upload.read() if upload else None,
                filename=upload.name if upload else "",
                label=data["label"],
            ),
        )
        if done:
            if version.problems:
                messages.warning(
                    request,
                    _("Imported with %(n)d doubtful lines: check them below.")
                    % {"n": len(version.problems)},
                )
            else:
                messages.success(request, _("Imported: %(n)d articles.") % {"n": version.articles})
            return redirect("legislation:draft", pk=version.pk)
        if not form.errors:
            return redirect("legislation:regulation", pk=pk)
    return _regulation_page(request, regulation, import_form=form)


def _readable_version(user: Any, pk: int) -> DraftVersion:
    version = with_structure(drafts_visible_to(user).filter(pk=pk)).first()
    if version is None:
        raise Http404(_("No such draft."))
    return version


def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A version as plain text or as Akoma Ntoso 3.0 XML (whoever may read it)."""
    version = _readable_version(request.user, pk)
    if fmt == "akn":
        response = HttpResponse(version_akn(version), content_type="application/akn+xml")
        name = f"draft-{version.regulation_id}-{version.number}.xml"
    elif fmt == "text":
        response = HttpResponse(version_text(version), content_type="text/plain; charset=utf-8")
        name = f"draft-{version.regulation_id}-{version.number}.txt"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def compare(request: AuthedRequest, pk: int) -> HttpResponse:
    """Two versions article by article: added, removed, changed (words marked), unchanged."""
    user = _supervisor(request)
    regulation = _regulation(user, pk)
    versions = list(regulation.versions.order_by("number"))
    form = F.CompareForm(request.GET or None, versions=versions)
    diffs = None
    if form.is_valid():
        old, new = form.cleaned_data["old"], form.cleaned_data["new"]
        structured = {
            v.pk: v for v in with_structure(DraftVersion.objects.filter(pk__in=[old.pk, new.pk]))
        }
        diffs = compare_versions(structured[old.pk], structured[new.pk])
    counts: dict[str, int] = {}
    for diff in diffs or []:
        counts[diff.kind] = counts.get(diff.kind, 0) + 1
    context = {
        "regulation": regulation,
        "form": form,
        "diffs": diffs,
        "counts": counts,
        "show_unchanged": request.GET.get("all") == "1",
    }
    return render(request, "legislation/compare.html", context)


# --- agenda topic solicitation (议题征集) ----------------------------------------------------


def _solicitations(user: Any) -> QuerySet[TopicSolicitation]:
    _require(bool(user.congress_id) and _role(user) in ("staff", "leader", "deputy"))
    return TopicSolicitation.objects.filter(congress_id=user.congress_id)


@login_required
def topic_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    qs = _solicitations(user).annotate(
        topic_count=Count("topics", distinct=True),
        answer_count=Count("topics__answers", distinct=True),
    )
    if _role(user) == "deputy" and user.deputy_id is not None:
        qs = qs.annotate(
            answered=Exists(
                TopicAnswer.objects.filter(
                    topic__solicitation=OuterRef("pk"), deputy_id=user.deputy_id
                )
            )
        )
    return render(
        request,
        "legislation/topic_list.html",
        {
            "page_obj": _page(request, qs.order_by("-meeting_date", "-id")),
            "role": _role(user),
            "today": timezone.localdate(),
        },
    )


@login_required
def topic_new(request: AuthedRequest) -> HttpResponse:
    user = _staff(request)
    return _create(
        request,
        F.TopicSolicitationForm(request.POST or None),
        lambda data: topic_actions.topic_solicitation_open(
            congress=user.congress, actor=user, **data
        ),
        done=_("The deputies are asked for their opinions."),
        to="legislation:topics",
        template="legislation/topic_new.html",
    )


def _solicitation(user: Any, pk: int) -> TopicSolicitation:
    row = _solicitations(user).filter(pk=pk).first()
    if row is None:
        raise Http404(_("No such solicitation."))
    return row


def _topics_page(
    request: AuthedRequest,
    s: TopicSolicitation,
    *,
    bound: F.TopicAnswerForm | None = None,
    close_form: F.TopicCloseForm | None = None,
) -> HttpResponse:
    user = request.user
    role = _role(user)
    topics = topic_summary(s) if role in ("staff", "leader") else list(s.topics.order_by("order"))
    if role == "deputy" and user.deputy_id is not None:
        mine = {
            a.topic_id: a
            for a in TopicAnswer.objects.filter(topic__solicitation=s, deputy_id=user.deputy_id)
        }
        answering = s.state == TopicSolicitationState.OPEN and timezone.localdate() <= s.deadline
        for topic in topics:
            topic.my_answer = mine.get(topic.pk)  # type: ignore[attr-defined]
            if bound is not None and bound.prefix == f"t{topic.pk}":
                topic.form = bound  # type: ignore[attr-defined]
            elif answering:
                answer = mine.get(topic.pk)
                topic.form = F.TopicAnswerForm(  # type: ignore[attr-defined]
                    prefix=f"t{topic.pk}", initial={"text": answer.text if answer else ""}
                )
    context = {
        "s": s,
        "topics": topics,
        "role": role,
        "deputies_answered": deputies_answered(s) if role in ("staff", "leader") else 0,
        "close_form": (close_form or F.TopicCloseForm())
        if role == "staff" and s.state == TopicSolicitationState.OPEN
        else None,
    }
    return render(request, "legislation/topics.html", context)


def topics(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_authenticated(request):
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    return _topics_page(request, _solicitation(request.user, pk))


@require_POST
@login_required
def topic_answer(request: AuthedRequest, pk: int, topic: int) -> HttpResponse:
    user = request.user
    _require(_role(user) == "deputy")
    s = _solicitation(user, pk)
    row = AgendaTopic.objects.filter(solicitation=s, pk=topic).first()
    if row is None:
        raise Http404(_("No such topic."))
    form = F.TopicAnswerForm(request.POST, prefix=f"t{row.pk}")
    if _act(
        request,
        form,
        lambda data: topic_actions.topic_answer(
            solicitation=s, topic=row, actor=user, text=data["text"]
        ),
        _("Your opinion on “%(topic)s” is recorded.") % {"topic": row.title},
    ):
        return redirect("legislation:topics", pk=pk)
    return _topics_page(request, _solicitation(user, pk), bound=form)


@require_POST
@login_required
def topic_close(request: AuthedRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    s = _solicitation(user, pk)
    form = F.TopicCloseForm(request.POST)
    if _act(
        request,
        form,
        lambda data: topic_actions.topic_solicitation_close(solicitation=s, actor=user, **data),
        _("Closed; the summary is kept with the answers."),
    ):
        return redirect("legislation:topics", pk=pk)
    return _topics_page(request, _solicitation(user, pk), close_form=form)
