"""Checking uploaded files: type by content (not only by name) and size; photos are
re-encoded without their metadata (renda/core/photos.py) before anything stores them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from renda.core.photos import clean_photo
from renda.core.workflow import ActionInvalid

MB = 1024 * 1024

# Extension -> the leading bytes a real file of that type starts with.
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "txt": (),
}
_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "txt": "text/plain",
}
DOCUMENTS = frozenset({"pdf", "docx", "doc", "xlsx", "xls", "jpg", "jpeg", "png", "txt"})
PHOTOS = frozenset({"jpg", "jpeg", "png"})


@dataclass(frozen=True)
class CheckedUpload:
    file: Any
    name: str
    size: int
    content_type: str
    thumbnail: Any = None  # photos only: a small JPEG for lists


def check_upload(
    upload: Any,
    *,
    allowed: frozenset[str] = DOCUMENTS,
    max_bytes: int = 10 * MB,
    field: str = "attachments",
) -> CheckedUpload:
    """Refuse a file whose name, content or size is not acceptable."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in allowed:
        raise ActionInvalid(
            _("%(name)s: files of this type are not accepted (allowed: %(allowed)s).")
            % {"name": name or "?", "allowed": ", ".join(sorted(allowed))},
            field=field,
        )
    size = int(getattr(upload, "size", 0) or 0)
    if size <= 0:
        raise ActionInvalid(_("%(name)s is empty.") % {"name": name}, field=field)
    if size > max_bytes:
        raise ActionInvalid(
            _("%(name)s is too large (%(size).1f MB; at most %(max)d MB).")
            % {"name": name, "size": size / MB, "max": max_bytes // MB},
            field=field,
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    signatures = _SIGNATURES[ext]
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise ActionInvalid(
            _("%(name)s does not look like a .%(ext)s file.") % {"name": name, "ext": ext},
            field=field,
        )
    if ext == "txt" and b"\x00" in head:
        raise ActionInvalid(_("%(name)s is not a text file.") % {"name": name}, field=field)
    name = name[:200]
    if ext in PHOTOS:
        photo = clean_photo(upload.read(), name=name, field=field)
        upload.seek(0)
        return CheckedUpload(
            file=photo.file(name),
            name=name,
            size=len(photo.content),
            content_type=photo.content_type,
            thumbnail=photo.thumbnail_file(name),
        )
    return CheckedUpload(file=upload, name=name, size=size, content_type=_CONTENT_TYPES[ext])


def check_photos(
    photos: Any, *, most: int, max_bytes: int, too_many: str, field: str = "photos"
) -> list[CheckedUpload]:
    """Up to `most` photos (JPEG, PNG), each checked and re-encoded; `too_many` is the message
    when there are more. Refused beside `field` before anything is stored."""
    if len(photos) > most:
        raise ActionInvalid(too_many, field=field)
    return [check_upload(p, allowed=PHOTOS, max_bytes=max_bytes, field=field) for p in photos]


def store_photos(model: Any, checked: Any, **owner: Any) -> None:
    """One row of `model` (file, thumbnail, name, size, content_type) per checked photo, for
    `owner` (the record or case it belongs to); inside the caller's transaction."""
    for c in checked:
        model.objects.create(
            **owner,
            file=c.file,
            thumbnail=c.thumbnail or "",
            name=c.name,
            size=c.size,
            content_type=c.content_type,
        )
