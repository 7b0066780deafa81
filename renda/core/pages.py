"""What every app's pages share: one paginator, one access guard that asks a named
permission, and one case page (CasePage) that shows a case with its timeline and the forms
of the actions its declaration offers this user, and takes an action posted from one."""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import cached_property
from typing import Any, Protocol, TypeVar, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.actionforms import ActionForm, form_class_for
from renda.core.deadlines import acts_on, waiting_for, waits_on
from renda.core.http import AuthedRequest
from renda.core.timeline import timeline
from renda.core.workflow import (
    ActionConflict,
    ActionError,
    ActionForbidden,
    ActionInvalid,
    Workflow,
)

PER_PAGE = 30
# Pages reach this many rows deep at most: a deeper OFFSET reads and drops every row before it
# (a third of a second at 100,000 rows). Further on, filters or the reversed order get there.
MAX_ROWS_PAGED = 10_000


def deep_page_message(limit: int) -> str:
    return _(
        "Only the first %(n)s rows of a list can be paged through. To see further, narrow "
        "the list with its filters or reverse its order."
    ) % {"n": f"{limit:,}"}


class _Counted(Paginator):
    """A paginator told its row count (counted already, with a list's totals, say)."""

    def __init__(self, rows: Any, per_page: int, count: int) -> None:
        super().__init__(rows, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


def capped_count(rows: Any) -> tuple[int, bool]:
    """A list's rows counted no further than the pages go (MAX_ROWS_PAGED): (count, more),
    `more` when there are more rows than that. Counting every row of a long history costs
    a scan of them all (a million opinions: 300 ms), while the pages cannot reach past the
    cap anyway; this reads at most MAX_ROWS_PAGED + 1 of them."""
    n = rows.order_by().values("pk")[: MAX_ROWS_PAGED + 1].count()
    return min(n, MAX_ROWS_PAGED), n > MAX_ROWS_PAGED


def paginate(
    request: HttpRequest, rows: Any, per_page: int = PER_PAGE, *, count: int | None = None
) -> Page:
    """The page of rows `?page=` asks for (the last one for a number past the end). `count`:
    the number of rows when the page counted them already, to save the paginator's query."""
    paginator = Paginator(rows, per_page) if count is None else _Counted(rows, per_page, count)
    number: Any = request.GET.get("page")
    last_allowed = max(1, MAX_ROWS_PAGED // per_page)
    if str(number).isdigit() and int(number) > last_allowed:
        messages.info(request, deep_page_message(last_allowed * per_page))
        number = last_allowed
    return paginator.get_page(number)


def filtered(request: HttpRequest, *, ignore: tuple[str, ...] = ("page", "sort")) -> bool:
    """Whether the list is narrowed by a filter (for its "nothing matches" note)."""
    return any(v for k, v in request.GET.items() if k not in ignore)


def sort_heads(request: HttpRequest, sort: str, labels: dict[str, Any]) -> dict[str, SafeString]:
    """A list's sortable column heads, by key: the link that sorts by the key, or by its reverse
    where the list is sorted by it already, back to the first page, marked sorted or
    sorted-desc. What a `_sort_head.html` include wrote with `{% querystring %}`, character for
    character, without a template each (issue 18)."""
    heads = {}
    for key, label in labels.items():
        params = request.GET.copy()
        params["sort"] = f"-{key}" if sort == key else key
        params.pop("page", None)
        mark = "sorted" if sort == key else "sorted-desc" if sort == f"-{key}" else ""
        heads[key] = mark_safe(
            f'<a href="{escape(f"?{params.urlencode()}")}" class="{mark}">{escape(label)}</a>'
        )
    return heads


def require(allowed: Any) -> None:
    """403 unless allowed."""
    if not allowed:
        raise PermissionDenied


View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def page_requires(perm: str) -> Callable[[View], View]:
    """A page for the users who hold `perm` (asked without an object: the rules scope rows):
    the login page for someone logged out, 403 for anyone else without it."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return cast(View, guarded)

    return decorator


class ActionFormLike(Protocol):
    @property
    def success(self) -> Any: ...  # the message once done

    def is_valid(self) -> bool: ...
    def run(self) -> Any: ...
    def add_action_error(self, error: ActionError) -> None: ...


# The field a confirmation step posts back: the action is taken only with it.
CONFIRMED = "confirmed"


def to_confirm(form: Any) -> Any:
    """The transition a form takes when its declaration asks to confirm it first, else None."""
    workflow, action = getattr(form, "workflow", None), getattr(form, "action", "")
    if workflow is None or not action or action not in workflow.actions:
        return None
    t = workflow.transition(action)
    return t if t.confirm else None


def _typed(form: Any) -> list[tuple[Any, str]]:
    """What was typed into a form, as (label, text) lines for its confirmation step."""
    lines = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", [], (), False) or field.widget.needs_multipart_form:
            continue
        choices = dict(getattr(field, "choices", None) or [])
        if not choices and isinstance(value, int) and value is not True:
            continue  # an id says nothing to the reader
        if choices:
            value = choices.get(value, choices.get(str(value), value))
        lines.append((field.label, _("Yes") if value is True else str(value)))
    return lines


def confirmation_page(
    request: HttpRequest, form: Any, *, cancel: str = "", done: Any = ""
) -> HttpResponse:
    """The step before an irreversible action: what will happen, what was typed, and two
    buttons: confirm (posts the same input again with `confirmed=1`) and cancel (back to
    the page, nothing changed). Plain HTML: it needs no JavaScript."""
    if not cancel:
        back = request.META.get("HTTP_REFERER", "")
        if isinstance(done, str) and done:
            cancel = resolve_url(done)
        elif url_has_allowed_host_and_scheme(back, {request.get_host()}):
            cancel = back
        else:
            cancel = reverse("core:home")
    kept = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRMED)
        for value in values
    ]
    context = {
        "form": form,
        "label": form.label,
        "consequence": form.workflow.consequence(form.action),
        "typed": _typed(form),
        "kept": kept,
        "post_url": request.get_full_path(),
        "cancel": cancel,
        "case": getattr(form, "case", None),
    }
    return render(request, "core/confirm_action.html", context)


def run_action_form(
    request: HttpRequest,
    form: ActionFormLike,
    *,
    done: str | Callable[[Any], str],
    conflict: Callable[[ActionError], HttpResponse | None],
    cancel: str = "",
) -> HttpResponse | None:
    """Run a bound action form. Done: the success message and a redirect to `done` (or to
    `done(result)`, for a page that goes to what the action made). Someone acted first (or
    the state no longer allows it): `conflict(error)`, a page that keeps the form as typed (or
    None, for the caller to show the form again with the refusal `conflict` put on it).
    Not allowed: 403. Otherwise None, and
    the form carries the errors (its own, or the action's refusal beside the field it names)
    for the page to show again; nothing was changed.

    An action its declaration marks `confirm` (irreversible) is taken only when posted with
    `confirmed=1`: posted without, its valid input comes back as a confirmation step that
    says what will happen, with confirm and cancel (back to `cancel`, else `done`).

    A form may set `message_level` (a django.contrib.messages level) for its message, and
    have none (an empty `success`) where the page it goes to says it all."""
    if not form.is_valid():
        return None
    if to_confirm(form) is not None and request.POST.get(CONFIRMED) != "1":
        return confirmation_page(request, form, cancel=cancel, done=done)
    try:
        result = form.run()
    except ActionForbidden:
        raise PermissionDenied from None
    except ActionConflict as error:
        return conflict(error)
    except ActionInvalid as error:
        form.add_action_error(error)
        return None
    message = str(form.success)
    if message:
        level = getattr(form, "message_level", messages.SUCCESS)
        messages.add_message(request, level, message)
    return redirect(done(result) if callable(done) else done)


def conflict_message(error: ActionError) -> str:
    return _("Nothing was changed: %(reason)s") % {"reason": error.message}


def submit_form(
    request: HttpRequest,
    form: ActionFormLike,
    *,
    done: str | Callable[[Any], str],
    page: Callable[[], HttpResponse],
) -> HttpResponse:
    """A page of one action form: `page()` shows it; posted, its action runs (run_action_form):
    on to `done` with its message, or `page()` again with the refusal beside its field, or
    with why nothing changed as a message above it."""
    if request.method != "POST":
        return page()

    def conflict(error: ActionError) -> HttpResponse:
        messages.error(request, conflict_message(error))
        return page()

    return run_action_form(request, form, done=done, conflict=conflict) or page()


def _deadlines_on(user: Any, ct: Any, pk: int) -> dict[str, Any]:
    """The case's open deadlines that concern `user`: those they must act on
    (`my_deadlines`), and those they only follow, each with whom it waits for
    (`watched_deadlines`: a referred opinion waits for its unit, not for staff)."""
    found = waiting_for(user).filter(content_type=ct, object_id=pk)
    found = found.select_related("responsible_unit", "responsible_station", "responsible_user")
    mine, watched = [], []
    for deadline in found:
        if acts_on(user, deadline):
            mine.append(deadline)
        else:
            deadline.waits_on = waits_on(deadline)  # type: ignore[attr-defined]
            watched.append(deadline)
    return {"my_deadlines": mine, "watched_deadlines": watched}


class CasePage:
    """One case type's page: subclass with the declaration, the template and how a case is
    found, then route `detail` and `act`:

        path("<int:pk>/", page.detail, name="detail"),
        path("<int:pk>/act/<slug:action>/", page.act, name="act"),

    The template gets the case (as `case_name`), `timeline`, `action_forms` (each rendered
    with `{% include form.template %}`), `conflict`, `my_deadlines` and what `context()`
    adds. A posted action goes back to the page with its message, or shows its form again
    with the refusal beside the field (422), or the page with why nothing changed (409).
    """

    workflow: Workflow
    template: str
    url_name: str  # the page's URL name ("suggestions:detail")
    act_url_name: str  # the action URL's name ("suggestions:act")
    case_name = "case"
    not_found: Any = ""  # the 404's message (a lazy string)
    without: frozenset[str] = frozenset()  # actions the page does not offer (e.g. by receipt)
    perm = ""  # a permission the page asks first (without an object), else 403

    def __init__(self) -> None:
        self.detail = self._detail_view()
        self.act = self._act_view()

    # --- what a case type says -------------------------------------------------------------

    def find(self, user: Any, pk: int) -> Any:
        """The case among those the user may see, or None."""
        raise NotImplementedError

    def context(self, request: AuthedRequest, case: Any) -> dict[str, Any]:
        """What the page shows beyond the case, its timeline and its actions."""
        return {}

    def form_context(self, case: Any, user: Any) -> Any:
        """What the page's action forms share (choices loaded once for all of them)."""
        return None

    # --- shared ----------------------------------------------------------------------------

    def load(self, user: Any, pk: int) -> Any:
        if self.perm and not user.has_perm(self.perm):
            raise PermissionDenied
        case = self.find(user, pk)
        if case is None:
            raise Http404(str(self.not_found) or _("Not found."))
        return case

    def forms(self, request: AuthedRequest, case: Any, bound: ActionForm | None) -> list[Any]:
        user = request.user
        ctx = self.form_context(case, user)
        shown = []
        for t in self.workflow.available(user, case):
            if t.action in self.without:
                continue
            form = bound if bound is not None and bound.action == t.action else None
            form = form or form_class_for(self.workflow, t.action)(case=case, user=user, ctx=ctx)
            if form is not bound and not form.offered():
                continue
            form.post_url = reverse(self.act_url_name, args=[case.pk, t.action])
            shown.append(form)
        if bound is None:
            # The usual next step; never an irreversible one, which stays folded.
            usual = [f for f in shown if not to_confirm(f) and f.transition.style != "danger"]
            if usual:
                usual[0].open = True
        return shown

    def render(
        self,
        request: AuthedRequest,
        case: Any,
        *,
        bound: ActionForm | None = None,
        conflict: str = "",
        status: int = 200,
    ) -> HttpResponse:
        ct = ContentType.objects.get_for_model(type(case))
        context = {
            self.case_name: case,
            "case": case,
            "timeline": timeline(case),
            "action_forms": self.forms(request, case, bound),
            "conflict": conflict,
            **_deadlines_on(request.user, ct, case.pk),
            **self.context(request, case),
        }
        return render(request, self.template, context, status=status)

    def _detail_view(self) -> Callable[..., HttpResponse]:
        def detail(request: HttpRequest, pk: int) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            authed: AuthedRequest = request  # type: ignore[assignment]
            return self.render(authed, self.load(authed.user, pk))

        return detail

    def _act_view(self) -> Callable[..., HttpResponse]:
        @require_POST
        def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            authed: AuthedRequest = request  # type: ignore[assignment]
            return self.take(authed, pk, action)

        return act

    def take(self, request: AuthedRequest, pk: int, action: str, *, done: str = "") -> HttpResponse:
        """Take a posted action; once done, back to the case's page, or to `done` (the list
        whose row form posted it)."""
        if action not in self.workflow.actions or action in self.without:
            raise Http404(_("Unknown action."))
        if self.workflow.transition(action).system:
            raise Http404(_("Unknown action."))
        user = request.user
        case = self.load(user, pk)
        form: ActionForm | None = None

        def on_conflict(error: ActionError) -> HttpResponse:
            """Nothing changed: the page afresh; the form keeps what was typed, with the
            refusal on it, while the action is still there to take, else why on top."""
            fresh = self.load(user, pk)
            offered = {t.action for t in self.workflow.available(user, fresh)}
            if form is not None and action in offered:
                form.case = fresh
                form.add_action_error(error)
                return self.render(request, fresh, bound=form, status=409)
            return self.render(request, fresh, conflict=conflict_message(error), status=409)

        try:
            self.workflow.check(user, case, action)
        except ActionForbidden:
            raise PermissionDenied from None
        except ActionConflict as error:
            return on_conflict(error)
        form_class = form_class_for(self.workflow, action)
        form = form_class(
            request.POST, request.FILES, case=case, user=user, ctx=self.form_context(case, user)
        )
        page = reverse(self.url_name, args=[pk])
        response = run_action_form(
            request, form, done=done or page, conflict=on_conflict, cancel=done or page
        )
        if response is not None:
            return response
        # Nothing changed; read the case afresh for the page around the form.
        form.case = self.load(user, pk)
        return self.render(request, form.case, bound=form, status=422)
