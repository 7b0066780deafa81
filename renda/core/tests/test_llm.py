"""The optional language model (renda.core.llm) against the stub server: what leaves the
server is masked, a slow, failing or malformed answer raises LLMUnavailable, every call is
audited without its text, and without the setting nothing is called."""

from __future__ import annotations

import json

import pytest

from renda.audit.models import Kind, Record
from renda.core import llm
from renda.core.privacy import mask_outgoing
from renda.core.tests.llm_stub import StubModel

PROMPT = (
    "李秀兰代表反映：榆次区道路破损，联系电话13835412345，办公室0354-3012345，"
    "身份证号140702198001010001。张伟也去看过。"
)


def _draft(actor, **kw):
    system = "你是人大工作人员。"
    return llm.draft(purpose="summary", system=system, prompt=PROMPT, actor=actor, **kw)


def test_without_the_setting_nothing_is_called(cast):
    assert not llm.configured()
    with pytest.raises(llm.LLMUnavailable):
        _draft(cast["staff"])
    assert not Record.objects.filter(kind=Kind.LANGUAGE_MODEL).exists()


def test_a_draft_comes_back_with_personal_data_masked_before_it_left(cast):
    with StubModel(reply=" 机器起草的摘要。 ") as stub, stub.configured():
        assert llm.configured()
        result = _draft(cast["staff"], target=cast["deputy"])
    assert result == llm.Draft(text="机器起草的摘要。", model="stub-model")
    sent = "\n".join(stub.prompts())
    for secret in ("13835412345", "0354-3012345", "140702198001010001", "李秀兰", "张伟"):
        assert secret not in sent
    assert "138****2345" in sent and "140702********0001" in sent and "某某代表反映" in sent
    assert stub.received[0]["model"] == "stub"
    assert stub.headers[0]["Authorization"] == "Bearer stub-key"
    entry = Record.objects.get(kind=Kind.LANGUAGE_MODEL)
    assert entry.actor == cast["staff"]
    assert entry.target == f"accounts.user:{cast['deputy'].pk}"
    assert entry.data["purpose"] == "summary" and entry.data["ok"] is True
    assert entry.data["model"] == "stub-model" and entry.data["duration_ms"] >= 0
    assert "道路" not in json.dumps(entry.data, ensure_ascii=False)  # never the text


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("slow", "timeout"),
        ("error", "HTTP 500"),
        ("malformed", "malformed"),
        ("empty", "malformed"),
    ],
)
def test_a_failing_model_raises_and_is_audited(cast, mode, error):
    with (
        StubModel(mode=mode, delay=2.5) as stub,
        stub.configured(timeout=1),
        pytest.raises(llm.LLMUnavailable),
    ):
        _draft(cast["staff"])
    entry = Record.objects.get(kind=Kind.LANGUAGE_MODEL)
    assert entry.data["ok"] is False and entry.data["error"].startswith(error)


def test_an_unreachable_model_raises(cast, settings):
    settings.LLM_BASE_URL, settings.LLM_MODEL, settings.LLM_TIMEOUT = "http://127.0.0.1:9", "m", 1
    with pytest.raises(llm.LLMUnavailable):
        _draft(cast["staff"])
    assert Record.objects.get(kind=Kind.LANGUAGE_MODEL).data["ok"] is False


def test_masking_leaves_ordinary_numbers_alone():
    text = "2024年修路30公里，投资1200万元。"
    assert mask_outgoing(text, names=["王五"]) == text
    assert mask_outgoing("王五说", names=["王五", " ", "王"]) == "某某说"
