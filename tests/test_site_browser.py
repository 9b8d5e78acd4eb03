"""Open every page of the built site in headless Chromium, offline, from file://.

Asserts that no request left the machine, no JavaScript error occurred, and that
every plotly figure actually drew: SVG paths present, and a screenshot of each
figure is not blank (many colours, most of it not background). Saves a screenshot of
each page under tests/screenshots/ (git-ignored) for a human to look at.

Needs `make site` first (make test does it) and Debian's chromium at
/usr/bin/chromium (or CHROMIUM=/path). Never downloads a browser.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import ROOT, RUNNABLE_NOTEBOOKS, SITE

SCREENSHOTS = ROOT / "tests" / "screenshots"
PAGES = sorted(p.name for p in SITE.glob("*.html") if p.name not in {"genindex.html", "search.html"})

pytestmark = pytest.mark.browser


def blank_reason(png: bytes) -> str | None:
    """Why a figure screenshot looks blank, or None when it shows a drawing."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000) or []
    if len(colours) < 8:
        return f"only {len(colours)} colours"
    background = max(colours)[0] / (image.width * image.height)
    if background > 0.97:
        return f"{background:.0%} one colour"
    return None


def test_blank_check_tells_a_drawing_from_an_empty_box() -> None:
    from PIL import Image, ImageDraw

    empty = Image.new("RGB", (300, 200), "white")
    drawing = empty.copy()
    pen = ImageDraw.Draw(drawing)
    for i in range(12):
        pen.rectangle((10 + 20 * i, 20, 25 + 20 * i, 180), fill=(20 * i, 100, 255 - 20 * i))

    def png(image: Image.Image) -> bytes:
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()

    assert blank_reason(png(empty)) is not None
    assert blank_reason(png(drawing)) is None


def test_site_has_every_notebook_and_page() -> None:
    sources = [*RUNNABLE_NOTEBOOKS, ROOT / "notebooks" / "teacher_guide.md", ROOT / "notebooks" / "answer_keys.ipynb"]
    assert len(sources) >= 11, "notebooks missing"
    assert sorted(f"{p.stem}.html" for p in sources) == [p for p in PAGES if p != "index.html"]


@pytest.mark.parametrize("page_name", PAGES)
def test_page_draws_offline(browser, page_name: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    outside: list[str] = []
    errors: list[str] = []

    def block_network(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", block_network)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.goto((SITE / page_name).as_uri(), wait_until="load")
    expected = page.locator("div.plotly-graph-div").count()
    # Charts draw as they come near the viewport: scroll to each, as a reader does.
    for div in page.locator("div.plotly-graph-div").all():
        div.scroll_into_view_if_needed()
    if expected:
        page.wait_for_function(
            "n => document.querySelectorAll('div.plotly-graph-div[data-use-drawn]').length >= n",
            arg=expected, timeout=20_000,
        )
    drawn = page.evaluate(
        """() => Array.from(document.querySelectorAll('div.plotly-graph-div')).map(
            div => div.querySelectorAll('svg.main-svg path').length)"""
    )
    blank = {}
    for i, div in enumerate(page.locator("div.plotly-graph-div").all()):
        div.scroll_into_view_if_needed()
        reason = blank_reason(div.screenshot())
        if reason:
            blank[i] = reason
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # The first screen only: a full-page capture of a 30,000 px page takes Chromium 30 s or more.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{Path(page_name).stem}.png"))
    no_blank_widget = page.locator("text=Loading widget").count()
    context.close()

    assert outside == [], f"{page_name} tried to reach the network: {outside}"
    assert errors == [], f"{page_name} had JavaScript errors: {errors}"
    assert all(n > 10 for n in drawn), f"{page_name}: figures with too few SVG paths: {drawn}"
    assert blank == {}, f"{page_name}: figures that look blank on screen: {blank}"
    assert no_blank_widget == 0, f"{page_name} shows raw 'Loading widget' text"
    if page_name.startswith("01_"):
        assert expected >= 1, "the timeline page should draw the timeline"
    if page_name.startswith("02_"):
        assert expected >= 3, "the geography page should draw its overview, regions and neighbour maps"
