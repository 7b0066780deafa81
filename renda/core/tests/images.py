"""Small real images for upload tests (photos are decoded and re-encoded, so fakes fail)."""

from __future__ import annotations

import io


def image_bytes(kind: str = "JPEG", size: tuple[int, int] = (40, 20), exif: bytes = b"") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=kind, **({"exif": exif} if exif else {}))
    return out.getvalue()


JPG = image_bytes("JPEG")
PNG = image_bytes("PNG")
