"""The Telegram bot token never appears in an error, a log line or a traceback."""

from __future__ import annotations

import traceback
from typing import Any

import pytest

from reports.delivery import DeliveryConfig, DeliveryError, send_telegram

TOKEN = "123456789:AAFakeTokenForTestsOnly0123456789ab"


def _cfg(**kw: Any) -> DeliveryConfig:
    return DeliveryConfig(_env_file=None, telegram_chat_ids=["5"], **kw)  # type: ignore[call-arg]


def _error_text(cfg: DeliveryConfig) -> str:
    with pytest.raises(DeliveryError) as caught:
        send_telegram(cfg, "isi")
    return "".join(traceback.format_exception(caught.value))


@pytest.mark.parametrize("token", [TOKEN + "\n", " " + TOKEN + " "])
def test_a_token_with_stray_whitespace_is_stripped(token: str) -> None:
    # the request goes to an address nothing listens on: the error must not carry the token
    text = _error_text(_cfg(telegram_bot_token=token, telegram_api_base="http://127.0.0.1:9"))
    assert "Telegram unreachable" in text
    assert TOKEN not in text and "AAFakeToken" not in text


@pytest.mark.parametrize("token", ["t", "123:abc", '"' + TOKEN + '"', TOKEN + "x" * 80])
def test_a_malformed_token_is_refused_without_showing_it(token: str) -> None:
    text = _error_text(_cfg(telegram_bot_token=token))
    assert "is not a bot token" in text
    assert token.strip('"') not in text or token == "t"


@pytest.mark.parametrize("base", ["api.telegram.org", "ftp://api.telegram.org", "https://"])
def test_an_api_base_without_a_scheme_is_a_clear_error(base: str) -> None:
    text = _error_text(_cfg(telegram_bot_token=TOKEN, telegram_api_base=base))
    assert "PANTAU_TELEGRAM_API_BASE" in text and "https://api.telegram.org" in text
    assert TOKEN not in text
