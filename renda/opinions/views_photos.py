"""A constituent's photo of an opinion, to who keeps or handles the opinion (never a public
media address, never the public's own pages)."""

from __future__ import annotations

import rules
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _

from renda.core.photos import photo_response
from renda.opinions.models import OpinionPhoto
from renda.opinions.queries import opinions_visible_to


@login_required
def opinion_photo(request: HttpRequest, pk: int, photo: int) -> FileResponse:
    """``?thumb=1`` gives the thumbnail made when it was re-encoded."""
    opinion = opinions_visible_to(request.user).filter(pk=pk).first()
    if opinion is None or not rules.has_perm("opinions.view_opinion_photos", request.user, opinion):
        raise Http404(_("No such photo."))
    row = OpinionPhoto.objects.filter(opinion=opinion, pk=photo).first()
    if row is None:
        raise Http404(_("No such photo."))
    return photo_response(request, row)
