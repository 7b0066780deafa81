"""Uploaded photos, re-encoded before anything stores them.

Phones write the GPS position where a photo was taken into its EXIF metadata: a constituent's
photo of a broken road outside their home would carry their home's coordinates. So every photo
is decoded and written again with Pillow: the metadata is dropped (EXIF, XMP, comments; only
the colour profile is kept), the EXIF orientation is applied to the pixels first so the photo
still stands the right way up, a photo larger than ``MAX_SIDE`` is scaled down, and a small
thumbnail is made for lists. A file that does not decode as an image is refused.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from renda.core.workflow import ActionInvalid

MAX_SIDE = 2560  # pixels: larger photos are scaled down (a phone's 12 MP photo is 4032 wide)
THUMB_SIDE = 320
MAX_PIXELS = 64_000_000  # a decompression bomb is refused before it is decoded
JPEG_QUALITY = 85


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    thumbnail: bytes
    content_type: str
    width: int
    height: int

    def file(self, name: str) -> ContentFile:
        return ContentFile(self.content, name=name)

    def thumbnail_file(self, name: str) -> ContentFile:
        stem = name.rsplit(".", 1)[0]
        return ContentFile(self.thumbnail, name=f"{stem}-thumb.jpg")


def clean_photo(data: bytes, *, name: str, field: str) -> CleanPhoto:
    """The photo without metadata, upright, at most MAX_SIDE wide or high; refused with a
    message for ``field`` when it does not decode."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    refused = ActionInvalid(
        _("%(name)s cannot be read as a photo (damaged or not an image).") % {"name": name},
        field=field,
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise refused
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise refused from None
    except Image.DecompressionBombWarning:
        raise refused from None
    if upright is None:  # pragma: no cover - exif_transpose returns an image unless in_place
        upright = image
    kind = "PNG" if image.format == "PNG" else "JPEG"
    icc = image.info.get("icc_profile")
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    content = _encode(upright, kind, icc)
    thumb = upright.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    return CleanPhoto(
        content=content,
        thumbnail=_encode(thumb, "JPEG", None),
        content_type="image/png" if kind == "PNG" else "image/jpeg",
        width=upright.width,
        height=upright.height,
    )


def _encode(image: object, kind: str, icc: bytes | None) -> bytes:
    """Pixels only: a fresh file with no metadata but the colour profile."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    options: dict[str, object] = {"icc_profile": icc} if icc else {}
    if kind == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True)
    image.save(out, format=kind, **options)
    return out.getvalue()


def photo_response(request: Any, row: Any) -> Any:
    """A stored photo row (file, thumbnail, name, content_type) as a private response: inline,
    ``?thumb=1`` its thumbnail where one was made, ``?download=1`` as an attachment."""
    from urllib.parse import quote

    from django.http import FileResponse, Http404

    thumb = request.GET.get("thumb") == "1" and bool(row.thumbnail)
    try:
        handle = (row.thumbnail if thumb else row.file).open("rb")
    except FileNotFoundError:
        raise Http404(_("No such photo.")) from None
    response = FileResponse(handle, content_type="image/jpeg" if thumb else row.content_type)
    kind = "attachment" if request.GET.get("download") == "1" else "inline"
    response["Content-Disposition"] = f"{kind}; filename*=UTF-8''{quote(row.name, safe='')}"
    response["Cache-Control"] = "private, max-age=3600"
    return response
