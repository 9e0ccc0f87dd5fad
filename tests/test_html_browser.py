"""The HTML report in a real browser (issue 15): headless Chromium opens the file offline,
with every request that is not the file itself refused and recorded.

Uses Debian's `chromium` driven by Playwright (Playwright's own browser download is not
needed); skipped, with the reason, where either is missing. `.ci/run` installs chromium.
Set REPORT_SCREENSHOTS=DIR to keep the screenshots (light, dark, phone) for a look.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from followprune.render.html import proposals_html
from tests.conftest import Invoke
from tests.html_factory import account, hostile_accounts, proposals

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install playwright)")
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or next(
    (p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None,
                       reason="no chromium on PATH (apt-get install chromium; .ci/run does)"),
    pytest.mark.timeout(180),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


class Opened:
    """A page opened from a file, and every request it tried that was not a file."""

    def __init__(self, browser: Any, path: Path, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.refused: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("request", lambda r: None if r.url.startswith("file:") else
                     self.refused.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str, tmp_path: Path) -> Path:
        folder = Path(os.environ.get("REPORT_SCREENSHOTS") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=name.endswith("full"))
        assert path.stat().st_size > 10_000  # a picture, not a blank page
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def demo_report(invoke: Invoke, tmp_path: Path) -> Path:
    result = invoke("--demo", "--dry-run", "--format", "html")
    assert result.exit_code == 0, result.output
    path = tmp_path / "report.html"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def _keeps(page: Any) -> list[float]:
    return [float(t) for t in page.eval_on_selector_all(
        "#proposals tbody tr", "rows => rows.map(r => r.cells[2].textContent)")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_demo_report_renders_offline(browser: Any, demo_report: Path, tmp_path: Path,
                                         scheme: str) -> None:
    opened = Opened(browser, demo_report, color_scheme=scheme,
                    viewport={"width": 1100, "height": 1400})
    page = opened.page
    try:
        charts = page.query_selector_all("svg.chart")
        assert len(charts) == 5
        for chart in charts:
            box = chart.bounding_box()
            assert box is not None and box["width"] > 200 and box["height"] > 20
        bars = page.query_selector_all("svg.chart rect.bar, svg.chart rect.hot")
        assert sum(1 for b in bars if (b.bounding_box() or {}).get("height", 0) > 0) > 10
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(255, 255, 255)") == (scheme == "light")
        opened.shot(f"report-{scheme}", tmp_path)
        assert opened.refused == [] and opened.errors == []
    finally:
        opened.close()


def test_sorting_and_filtering_work(browser: Any, demo_report: Path) -> None:
    opened = Opened(browser, demo_report)
    page = opened.page
    try:
        keep = page.locator("#proposals th", has_text="keep")
        keep.click()
        ascending = _keeps(page)
        assert ascending == sorted(ascending) and keep.get_attribute("aria-sort") == "ascending"
        keep.click()
        assert _keeps(page) == sorted(ascending, reverse=True)
        handle = page.eval_on_selector("#proposals tbody tr bdi", "b => b.textContent")
        box = page.locator("input[data-filter=proposals]")
        assert box.is_visible()
        box.fill(handle)
        visible = page.eval_on_selector_all(
            "#proposals tbody tr", "rows => rows.filter(r => !r.hidden).length")
        total = page.eval_on_selector_all("#proposals tbody tr", "rows => rows.length")
        assert 1 <= visible < total
        box.fill("")
        assert page.eval_on_selector_all(
            "#proposals tbody tr", "rows => rows.filter(r => !r.hidden).length") == total
        assert opened.refused == [] and opened.errors == []
    finally:
        opened.close()


def test_the_page_works_without_javascript(browser: Any, demo_report: Path) -> None:
    opened = Opened(browser, demo_report, java_script_enabled=False)
    try:
        assert len(opened.page.query_selector_all("svg.chart")) == 5
        assert len(opened.page.query_selector_all("#proposals tbody tr")) > 0
        assert not opened.page.locator("input[data-filter]").is_visible()  # needs the script
    finally:
        opened.close()


def test_hostile_text_stays_inert_and_the_layout_holds(browser: Any, tmp_path: Path) -> None:
    doc = proposals(hostile_accounts() + [account(n) for n in range(6, 40)], all_accounts=True)
    path = tmp_path / "hostile.html"
    path.write_text(proposals_html(doc), encoding="utf-8")
    for width in (1100, 390):  # a laptop and a phone
        opened = Opened(browser, path, viewport={"width": width, "height": 900})
        page = opened.page
        try:
            assert page.title().startswith("followprune")
            assert opened.dialogs == []
            assert page.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
            assert page.evaluate("document.scripts.length") == 1
            # The page itself never scrolls sideways: wide tables scroll inside their box.
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
            bad = page.eval_on_selector_all("a", "as => as.map(a => a.protocol)")
            assert set(bad) <= {"https:", "http:"}
            opened.shot(f"hostile-{width}", tmp_path)
            assert opened.refused == [] and opened.errors == []
        finally:
            opened.close()
