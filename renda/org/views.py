"""The directory: deputies, handling units and contact stations of the user's congress."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from renda.audit.records import shown
from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.pages import paginate
from renda.org import queries
from renda.org.forms import DeputyFilterForm, StationFilterForm, UnitFilterForm
from renda.org.models import Deputy
from renda.org.rows import deputy_rows, station_rows

PER_PAGE = 50


def directory_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, with a role in a congress (org.view_directory)."""

    @login_required
    @wraps(view)
    def wrapped(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("org.view_directory") or not request.user.congress_id:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _valid_part(form: Any) -> dict[str, Any]:
    """The fields that passed validation; the others show their error and are ignored."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


@directory_view
def deputy_list(request: AuthedRequest) -> HttpResponse:
    congress = acting_congress_id(request)
    form = DeputyFilterForm(request.GET or None, congress=congress)
    filters = form.filters()
    page = paginate(request, queries.deputies(congress, filters), PER_PAGE)
    show_phone = request.user.has_perm("org.view_deputy_phone")
    if show_phone:
        for d in page.object_list:
            shown(d, *(["phone"] if d.person.phone else []))
    return render(
        request,
        "org/deputy_list.html",
        {
            "form": form,
            "page_obj": page,
            "sort": filters.sort,
            "filtered": any(v for k, v in request.GET.items() if k not in ("page", "sort")),
            "show_phone": show_phone,
            "rows": deputy_rows(list(page.object_list), show_phone=show_phone),
        },
    )


@directory_view
def deputy_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        deputy = queries.deputy(acting_congress_id(request), pk)
    except Deputy.DoesNotExist:
        raise Http404(_("No such deputy in your congress.")) from None
    if not request.user.has_perm("org.see_deputy", deputy):
        raise Http404(_("No such deputy in your congress."))
    personal = request.user.has_perm("org.view_deputy_personal_data", deputy)
    show_phone = personal or request.user.has_perm("org.view_deputy_phone", deputy)
    is_self = request.user.deputy_id == deputy.pk
    if not is_self:
        person = deputy.person
        shown(deputy, *(["phone"] if show_phone and person.phone else []))
        shown(deputy, *(["id_number"] if personal and person.id_number else []))
    return render(
        request,
        "org/deputy_detail.html",
        {
            "deputy": deputy,
            "person": deputy.person,
            "other_deputyships": queries.other_deputyships(deputy),
            "show_id_number": personal,
            "show_phone": show_phone,
            "is_self": is_self,
        },
    )


@directory_view
def unit_list(request: AuthedRequest) -> HttpResponse:
    form = UnitFilterForm(request.GET or None)
    data = _valid_part(form)
    qs = queries.units(
        acting_congress_id(request), kind=data.get("kind") or "", q=(data.get("q") or "").strip()
    )
    return render(
        request, "org/unit_list.html", {"form": form, "page_obj": paginate(request, qs, PER_PAGE)}
    )


@directory_view
def station_list(request: AuthedRequest) -> HttpResponse:
    congress = acting_congress_id(request)
    form = StationFilterForm(request.GET or None, congress=congress)
    data = _valid_part(form)
    qs = queries.stations(congress, area=data.get("area"), q=(data.get("q") or "").strip())
    page = paginate(request, qs, PER_PAGE)
    rows = station_rows(list(page.object_list), request.user)
    return render(request, "org/station_list.html", {"form": form, "page_obj": page, "rows": rows})
