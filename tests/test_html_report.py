"""The HTML report (issue 15): hostile text stays text, nothing is fetched, the size holds
for 5,000 accounts, and the CLI writes it through the output layer."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followprune.render import charts
from followprune.render.html import auto_report_html, cut, error_html, proposals_html, safe_url
from followprune.render.output import FORMATS, formats_of
from followprune.scoring.blend import COMPONENTS
from tests.conftest import Invoke
from tests.html_factory import (
    HOSTILE_BIO,
    HOSTILE_NAME,
    RTL,
    SAFE_URL,
    account,
    hostile_accounts,
    proposals,
)

MB = 1024 * 1024


class _Page(HTMLParser):
    """Every tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in self.raw else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.raw[self._open].append(data)

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _hostile_page() -> str:
    return proposals_html(proposals(hostile_accounts() + [account(n) for n in range(6, 40)],
                                    all_accounts=True))


def test_hostile_text_is_escaped_never_markup() -> None:
    page = _hostile_page()
    parsed = _parse(page)
    tags = [tag for tag, _ in parsed.tags]
    assert tags.count("script") == 1  # ours, at the end
    assert "img" not in tags and "b" not in tags
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert "&lt;script&gt;document.title=&#39;pwned&#39;" in page
    assert "&#34;&gt;&lt;img src=x onerror=" in page
    assert HOSTILE_BIO not in page and HOSTILE_NAME not in page
    # The RTL override is shown as an escape (the disguise shows), inside an isolate.
    assert "<bdi>\\u202eevil\\u202c txt.exe" in page and RTL not in page


def test_only_plain_http_links_and_nothing_loaded() -> None:
    parsed = _parse(_hostile_page())
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if "href" in attrs]
    assert hrefs == [SAFE_URL]  # javascript:, data: and a 400-character URL are dropped
    assert not [attrs for _, attrs in parsed.tags if "src" in attrs]
    assert not [tag for tag, _ in parsed.tags if tag in ("link", "img", "iframe", "object")]


def test_the_content_security_policy_allows_exactly_the_inline_style_and_script() -> None:
    parsed = _parse(_hostile_page())
    policy = next(attrs["content"] for tag, attrs in parsed.tags
                  if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert policy is not None and "default-src 'none'" in policy
    for kind, directive in (("script", "script-src"), ("style", "style-src")):
        (source,) = parsed.raw[kind]
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def test_long_text_is_cut_so_one_account_cannot_bloat_the_page() -> None:
    page = _hostile_page()
    assert "W" * 200 not in page
    assert "W" * 59 + "…" in page  # the name, cut at its limit


def test_summary_and_settings_are_shown() -> None:
    doc = proposals([account(n) for n in range(1, 200)])
    page = proposals_html(doc)
    review = doc.review
    assert f"<dt>followed</dt><dd>{len(review.scores)}</dd>" in page
    assert f"<dt>proposed</dt><dd>{review.proposed_total}</dd>" in page
    protected = sum(1 for s in review.scores if s.guard)
    assert f"<dt>protected</dt><dd>{protected}</dd>" in page
    assert "Berlin &lt;script&gt;" in page and "DE, AT" in page
    assert "relevance 0.3 · interaction 0.3 · geography 0.1 · quality 0.3" in page
    assert "threshold 0.45" in page


def test_the_component_names_come_from_the_scoring() -> None:
    page = proposals_html(proposals([account(n) for n in range(1, 60)]))
    assert f"{' · '.join(COMPONENTS)}, top down" in page
    first_row = re.search(r'<td title="([^"]+)"><svg class="mini"', page)
    assert first_row is not None
    assert [part.split()[0] for part in first_row.group(1).split(", ")] == list(COMPONENTS)


def test_every_chart_is_inline_svg() -> None:
    parsed = _parse(proposals_html(proposals([account(n) for n in range(1, 300)])))
    titles = [attrs for tag, attrs in parsed.tags if tag == "svg" and attrs.get("class") == "chart"]
    assert len(titles) == 5


def test_five_thousand_accounts_stay_under_two_megabytes() -> None:
    doc = proposals([account(n) for n in range(1, 5_001)], all_accounts=True)
    # As the CLI lists them: the proposals table holds --limit (50 by default) rows.
    doc.review.proposals = doc.review.proposals[:50]
    doc.actions = doc.actions[:50]
    started = time.perf_counter()
    page = proposals_html(doc)
    elapsed = time.perf_counter() - started
    size = len(page.encode())
    assert size < 2 * MB, f"{size / MB:.2f} MB"
    assert page.count("<tr>") == 1 + 50 + 1 + 5_000  # two header rows, then the rows
    assert elapsed < 10


def test_an_auto_report_and_a_failed_one() -> None:
    from datetime import UTC, datetime

    from followprune.app.auto import AutoReport
    from followprune.errors import AuthError

    report = AutoReport(network="demo", started_at=datetime(2026, 6, 1, tzinfo=UTC),
                        rules=["<script>x</script>"], run_id=3)
    page = auto_report_html(report)
    assert "<script>x" not in page and "&lt;script&gt;x" in page
    assert "Nothing to act on." in page
    failed = error_html(AuthError("token <expired>", hint="run `prune auth login`"))
    assert "token &lt;expired&gt;" in failed and "prune --auto: failed" in failed


@given(st.text())
def test_safe_url_passes_only_http(text: str) -> None:
    url = safe_url(text)
    assert url is None or (url.lower().startswith(("http://", "https://"))
                           and not any(c.isspace() for c in url))


@given(st.text(), st.sampled_from(["handle", "name", "location", "bio", "reason"]))
def test_cut_is_bounded_and_single_line(text: str, field: str) -> None:
    shown = cut(text, field)
    assert len(shown) <= 160 and "\n" not in shown


@given(st.lists(st.tuples(st.text(min_size=1), st.integers(0, 10_000)), max_size=8))
def test_chart_labels_never_become_markup(rows: list[tuple[str, int]]) -> None:
    svg = str(charts.hbars("t", rows)) + str(charts.vbars("t", rows))
    tags = [tag for tag, _ in _parse(svg).tags]
    assert set(tags) <= {"svg", "title", "text", "rect", "line"}


@given(st.lists(st.floats(0, 1), max_size=300), st.floats(0, 1))
def test_the_histogram_counts_every_value(values: list[float], marker: float) -> None:
    svg = str(charts.histogram("t", values, bins=10, marker=marker))
    counts = [int(n.replace(",", "")) for n in re.findall(r"<title>[^<]*: ([\d,]+)</title>", svg)]
    assert len(counts) == 10 and sum(counts) == len(values)


# -- the CLI ------------------------------------------------------------------------------

def test_html_is_a_format_of_both_documents() -> None:
    assert FORMATS["html"].suffix == ".html"
    assert "html" in formats_of("proposals") and "html" in formats_of("auto-report")


def test_dry_run_as_html(invoke: Invoke) -> None:
    result = invoke("--demo", "--dry-run", "--format", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<h1>Your demo follow list</h1>" in page
    assert "Dry run: nothing was changed." in result.stderr
    assert 'id="everyone"' not in page


def test_dry_run_all_accounts_as_html(invoke: Invoke) -> None:
    result = invoke("--demo", "--dry-run", "--all", "--format", "html")
    assert result.exit_code == 0, result.output
    rows = re.search(r'id="everyone".*?<tbody>(.*?)</tbody>', result.stdout, re.S)
    assert rows is not None
    followed = re.search(r"<dt>followed</dt><dd>([\d,]+)</dd>", result.stdout)
    assert followed is not None
    assert rows.group(1).count("<tr>") == int(followed.group(1).replace(",", ""))


def test_auto_report_as_html(isolated_env: Path, invoke: Invoke) -> None:
    from tests.test_auto import CAPS
    from tests.test_rules import RULES_TOML, write_config

    config = write_config(isolated_env, RULES_TOML + CAPS)
    report = config.parent / "last-run.html"
    invoke("--auto")  # the first run only starts the cooling-off
    result = invoke("--auto", "--report", str(report))
    assert result.exit_code == 4, result.output  # the cap stopped it
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<h1>Automatic run" in page and 'id="actions"' in page
    assert "cap or stop" in page
    done = re.findall(r"<tr><td>done</td>", page)
    left = re.findall(r"<tr><td>not attempted</td>", page)
    assert len(done) == 3 and left  # three let through by the cap, the rest left for later


def test_a_report_with_another_suffix_is_refused(isolated_env: Path, invoke: Invoke) -> None:
    from tests.test_rules import RULES_TOML, write_config

    write_config(isolated_env, RULES_TOML)
    result = invoke("--auto", "--report", str(isolated_env / "run.htm"))
    assert result.exit_code != 0
    assert ".html" in result.stderr


def test_a_failed_run_still_writes_its_html_report(tmp_path: Path) -> None:
    from followprune.errors import AuthError
    from followprune.render.report import write_report

    path = tmp_path / "last-run.html"
    write_report(path, AuthError("not logged in to <x>", hint="run `prune auth login`"))
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "not logged in to &lt;x&gt;" in page
    assert "<dt>exit code</dt><dd>5</dd>" in page


def test_a_report_that_cannot_be_finished_leaves_the_old_one_and_no_half(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from followprune.errors import AuthError, FollowpruneError
    from followprune.render.report import write_report

    path = tmp_path / "last-run.json"
    path.write_text("the old report", encoding="utf-8")
    real_write = Path.write_text

    def disk_full(self: Path, data: str, *args: object, **kwargs: object) -> int:
        real_write(self, data[: len(data) // 2], encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", disk_full)
    with pytest.raises(FollowpruneError) as failed:
        write_report(path, AuthError("not logged in"))
    assert "No space left on device" in failed.value.message and failed.value.hint
    assert sorted(p.name for p in tmp_path.iterdir()) == ["last-run.json"]
    assert path.read_text(encoding="utf-8") == "the old report"
