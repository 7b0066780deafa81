"""The photos a constituent sends with an opinion: at most three, each checked by its content
and size and re-encoded without its metadata (renda/core/uploads.py, renda/core/photos.py)
before anything stores them. Private: only who keeps or handles the opinion sees them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from renda.core import uploads
from renda.core.uploads import MB, CheckedUpload
from renda.opinions.models import ConstituentOpinion, OpinionPhoto

MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 10 * MB


def check_photos(photos: Sequence[Any]) -> list[CheckedUpload]:
    """The photos, cleaned; refused beside the photo field, before anything is stored."""
    return uploads.check_photos(
        photos,
        most=MAX_PHOTOS,
        max_bytes=MAX_PHOTO_BYTES,
        too_many=_("At most %(n)d photos; choose fewer.") % {"n": MAX_PHOTOS},
    )


def store_photos(opinion: ConstituentOpinion, checked: Sequence[CheckedUpload]) -> None:
    """Inside the action's transaction (actions.py)."""
    uploads.store_photos(OpinionPhoto, checked, opinion=opinion)
