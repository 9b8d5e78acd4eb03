"""Headless Chromium that may only talk to this machine: shared by the lab and export tests.

Debian's chromium at /usr/bin/chromium (or CHROMIUM=/path), driven by Playwright through
executable_path: no browser is ever downloaded. Every request is routed: file://, data:,
blob: and http://127.0.0.1 continue; anything else is aborted and recorded, so a test
can assert that nothing left the machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags keep Chromium from phoning home (updates, sync, field trials) in a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def is_local(url: str) -> bool:
    if url.startswith(LOCAL_SCHEMES):
        return True
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == "127.0.0.1"


@dataclass
class Guard:
    """Requests that tried to leave the machine, and JavaScript errors seen."""

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def guarded_context(browser: Any, **options: Any) -> tuple[Any, Guard]:
    """A browser context whose requests may reach only this machine."""
    context = browser.new_context(**options)
    guard = Guard()

    def route(route: Any) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            guard.outside.append(url)
            route.abort()

    context.route("**/*", route)
    # Playwright's routing does not see WebSockets; JupyterLab's kernel channels go to the
    # same 127.0.0.1 server as its pages, which the route above already allows.
    context.on("page", lambda page: _watch(page, guard))
    return context, guard


def _watch(page: Any, guard: Guard) -> None:
    page.on("pageerror", lambda exc: guard.errors.append(f"uncaught: {exc}"))
    page.on("websocket", lambda ws: None if is_local(ws.url) else guard.outside.append(ws.url))


def launch(playwright: Any) -> Any:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs it (or apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)



def check_export(browser: Any, html: Path, screenshot: Path) -> None:
    """An exported notebook opened from file://: charts drew, widgets show their static form,
    and nothing was requested from any other machine."""
    from tests.test_site_browser import blank_reason

    context, guard = guarded_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(html.as_uri(), wait_until="load")
    figures = page.locator("div.plotly-graph-div").count()
    if figures:
        page.wait_for_function(
            "n => document.querySelectorAll('div.plotly-graph-div svg.main-svg').length >= n",
            arg=figures, timeout=30_000)
    blank = {}
    for i, div in enumerate(page.locator("div.plotly-graph-div").all()):
        div.scroll_into_view_if_needed()
        reason = blank_reason(div.screenshot())
        if reason:
            blank[i] = reason
    fallbacks = page.locator(".use-static-fallback").count()
    loading = page.locator("text=Loading widget").count()
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot), full_page=True)
    context.close()

    assert guard.outside == [], f"{html.name} requested: {guard.outside}"
    assert guard.errors == [], f"{html.name} had JavaScript errors: {guard.errors}"
    assert figures >= 1, f"{html.name} has no chart"
    assert blank == {}, f"{html.name}: charts that look blank: {blank}"
    assert fallbacks >= 1, f"{html.name} shows no widget's static version"
    assert loading == 0, f"{html.name} shows 'Loading widget'"
