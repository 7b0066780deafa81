"""An optional language model on the congress's intranet (an OpenAI-compatible chat-completions
endpoint: LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT; none by default).

It only drafts: a summary, a second opinion, a note's prose. What it returns is shown as
machine-drafted and editable, and nothing is stored or sent without a person's action. Before
any text leaves the server the personal data in it is masked (core.privacy.mask_outgoing: phones,
ID numbers, the names of the congress's persons); every call is written in the audit trail
(purpose, who, model, duration, ok or the error; never the text). A timeout, an error answer or
a malformed one raises LLMUnavailable: the caller says so and goes on without it.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from renda.core.privacy import mask_outgoing

TEMPERATURE = 0.2  # drafts, not inventions
MAX_ANSWER_BYTES = 1_000_000


class LLMUnavailable(Exception):
    """No model is configured, or it did not answer (timeout, error, malformed answer)."""


@dataclass
class Draft:
    """A machine-drafted text: always shown as such, and editable."""

    text: str
    model: str


def configured() -> bool:
    return bool(settings.LLM_BASE_URL and settings.LLM_MODEL)


def _names(actor: Any) -> list[str]:
    """The names of the persons the congress knows (deputies, staff), to mask."""
    from renda.accounts.models import User
    from renda.org.models import Person

    congress_id = getattr(actor, "congress_id", None)
    if congress_id is None:
        return []
    people = Person.objects.filter(congress_id=congress_id).values_list("name", flat=True)
    users = User.objects.filter(congress_id=congress_id).values_list("last_name", "first_name")
    return [*people, *(f"{last}{first}" for last, first in users)]


def _target(target: Any) -> str:
    if target is None:
        return ""
    meta = getattr(target, "_meta", None)
    return f"{meta.label_lower}:{target.pk}" if meta is not None else str(target)


def _ask(payload: dict[str, Any]) -> dict[str, Any]:
    headers = {"Content-Type": "application/json"}
    if settings.LLM_API_KEY:
        headers["Authorization"] = f"Bearer {settings.LLM_API_KEY}"
    request = urllib.request.Request(  # noqa: S310 (the configured intranet address)
        f"{settings.LLM_BASE_URL}/chat/completions",
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers=headers,
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=settings.LLM_TIMEOUT) as answer:  # noqa: S310
        body = answer.read(MAX_ANSWER_BYTES)
    data = json.loads(body)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def _content(data: dict[str, Any]) -> str:
    text = data["choices"][0]["message"]["content"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no text in the answer")
    return text.strip()


def draft(*, purpose: str, system: str, prompt: str, actor: Any, target: Any = None) -> Draft:
    """The model's draft for `prompt` (with the `system` instructions), personal data masked
    before it leaves; `purpose` names the use in the audit trail. Raises LLMUnavailable."""
    from renda.audit.middleware import current_request
    from renda.audit.models import Kind
    from renda.audit.records import record

    if not configured():
        raise LLMUnavailable(_("No language model is configured."))
    names = _names(actor)
    payload = {
        "model": settings.LLM_MODEL,
        "temperature": TEMPERATURE,
        "messages": [
            {"role": "system", "content": mask_outgoing(system, names=names)},
            {"role": "user", "content": mask_outgoing(prompt, names=names)},
        ],
    }
    started = time.monotonic()
    error = ""
    model = settings.LLM_MODEL
    try:
        data = _ask(payload)
        text = _content(data)
        model = str(data.get("model") or model)[:100]
    except urllib.error.HTTPError as exc:
        error = f"HTTP {exc.code}"
    except (TimeoutError, urllib.error.URLError, OSError) as exc:
        error = "timeout" if "timed out" in str(exc) else f"{type(exc).__name__}"
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        error = f"malformed answer ({type(exc).__name__})"
    record(
        Kind.LANGUAGE_MODEL,
        request=current_request(),
        actor=actor,
        target=_target(target),
        purpose=purpose,
        model=model,
        duration_ms=round((time.monotonic() - started) * 1000),
        ok=not error,
        error=error,
    )
    if error:
        raise LLMUnavailable(_("The language model did not answer (%(error)s).") % {"error": error})
    return Draft(text=text, model=model)
