"""Logging in through the real login form, and reading the CSRF token a page carries."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient

from desk.app import create_app
from desk.settings import DeskSettings

PASSWORD = "kata-sandi-uji-123"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def token(html: str) -> str:
    m = _TOKEN.search(html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def app_client(**settings: Any) -> TestClient:
    return TestClient(create_app(DeskSettings(**settings)), follow_redirects=False)


def login(client: TestClient, user: str, password: str = PASSWORD) -> Any:
    page = client.get("/login")
    return client.post("/login", data={"username": user, "password": password,
                                       "csrf_token": token(page.text)})


def logged_in(user: str, **settings: Any) -> TestClient:
    client = app_client(**settings)
    assert login(client, user).status_code == 303
    return client


def post(client: TestClient, path: str, data: dict[str, str], page: str | None = None) -> Any:
    """Submit a form the way a browser does: with the token of the page that shows it."""
    html = client.get(page or "/").text
    return client.post(path, data={**data, "csrf_token": token(html)})


class Active(HTMLParser):
    """Anything in a page that could run, load from elsewhere, or restyle it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "iframe", "object", "embed", "base", "frame", "svg", "img",
                   "style", "meta"} and not (tag == "meta" and ("charset", "utf-8") in attrs
                                            or tag == "meta" and ("name", "viewport") in attrs):
            self.bad.append(tag)
        for key, value in attrs:
            if key.startswith("on") or key == "style":
                self.bad.append(f"{tag} {key}")
            if key in {"href", "src", "action", "formaction"} and value:
                compact = "".join(ch for ch in value if ch > " ").lower()
                if re.match(r"^[a-z][a-z0-9+.-]*:", compact) and not compact.startswith(
                        ("http://", "https://")):
                    self.bad.append(f"{tag} {key}={value}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def scan(html: str) -> Active:
    parser = Active()
    parser.feed(html)
    parser.close()
    return parser
