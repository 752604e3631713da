"""The HTML report of the dev drafts in real headless Chromium, checked against the JSON report.

Needs Debian's chromium (/usr/bin/chromium) and the playwright package
(scripts/install-browser.sh installs both); skips without them or without ../shared/eval/dev.
Set FACTCHECK_SCREENSHOT=1 to also refresh docs/report-screenshot.png.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
from pathlib import Path
from typing import Any, Iterator

import pytest

from factcheck.report.html import render_html
from test_html import NASTY, nasty_report

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / ".." / "shared" / "eval" / "dev"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if importlib.util.find_spec("playwright") is None:  # imported by the fixture, not to collect
    pytest.skip("playwright is not installed; run scripts/install-browser.sh",
                allow_module_level=True)
if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium; run scripts/install-browser.sh", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def dev(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """(report.html, the JSON report) from `factcheck check` on the dev drafts, run in DEV."""
    if not (DEV / "drafts").is_dir():
        pytest.skip(f"no dev drafts at {DEV}")
    out = tmp_path_factory.mktemp("html")
    drafts = sorted(f"drafts/{p.name}" for p in (DEV / "drafts").iterdir() if p.is_file())
    from factcheck.cli import main

    with contextlib.chdir(DEV):  # in-process: the report is what is tested, not the process
        for fmt in ("html", "json"):
            code = main(["check", "--format", fmt, "--output", str(out / f"report.{fmt}"), *drafts])
            assert code in (0, 1)
    return out / "report.html", json.loads((out / "report.json").read_text("utf-8"))


class Page:
    """A browser page that records every request and aborts any that would leave the machine."""

    def __init__(self, browser: Any, url: str, width: int = 1100, height: int = 900) -> None:
        self.url = url
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)
        self.page.goto(url)

    def _route(self, route: Any) -> None:
        local = route.request.url == self.url or route.request.url.startswith(("about:", "data:"))
        route.continue_() if local else route.abort()

    def foreign_requests(self) -> list[str]:
        """Requests other than the page's own file: anything not about: or data:."""
        return [u for u in self.requests if u != self.url and not u.startswith(("about:", "data:"))]

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)


@pytest.fixture
def page(browser: Any, dev: tuple[Path, dict[str, Any]]) -> Iterator[Page]:
    p = Page(browser, dev[0].as_uri())
    yield p
    p.page.close()


HIGHLIGHTS = """() => [...document.querySelectorAll('.hl')].map(m => {
  const line = m.closest('.ln'), range = document.createRange();
  range.setStart(line.firstElementChild, 0);
  range.setEndBefore(m);
  return {id: m.id, text: m.textContent, path: m.closest('section').dataset.path,
          line: +line.dataset.n, before: range.toString().length,
          lineText: line.textContent};
})"""


def test_every_finding_is_highlighted_at_its_words(page: Page, dev: Any) -> None:
    findings = dev[1]["findings"]
    marks = page.js(HIGHLIGHTS)
    assert len(marks) == len(findings)
    for n, (f, m) in enumerate(zip(findings, marks), 1):
        assert m["id"] == f"hl-{n}"
        assert (m["path"], m["line"], m["text"]) == (f["path"], f["line"], f["text"])
        # the browser counts UTF-16 units: the highlight starts exactly at the finding's column
        before = m["lineText"][:f["column"] - 1]
        assert m["before"] == len(before.encode("utf-16-le")) // 2


def test_summary_counts_are_the_json_summary(page: Page, dev: Any) -> None:
    shown = page.js("() => Object.fromEntries([...document.querySelectorAll('dd[data-key]')]"
                    ".map(d => [d.dataset.key, +d.textContent]))")
    assert shown == dev[1]["summary"]
    bars = page.js("() => [...document.querySelectorAll('.chart .num')]"
                   ".reduce((n, e) => n + +e.textContent, 0)")
    assert bars == dev[1]["summary"]["findings"]


def test_clicking_a_highlight_scrolls_to_its_explanation_and_back(page: Page, dev: Any) -> None:
    from playwright.sync_api import expect

    for n in range(1, len(dev[1]["findings"]) + 1):
        mark, note = page.page.locator(f"#hl-{n}"), page.page.locator(f"#f-{n}")
        mark.click()
        assert page.js("() => location.hash") == f"#f-{n}"
        assert note.evaluate("e => e.matches(':target') && document.activeElement === e")
        expect(note).to_be_visible()
        expect(note).to_be_in_viewport()
        note.locator("a.back").click()
        assert mark.evaluate("e => e.matches(':target') && document.activeElement === e")
        expect(mark).to_be_in_viewport()


def test_enter_on_a_focused_highlight_opens_its_explanation(page: Page, dev: Any) -> None:
    if not dev[1]["findings"]:
        pytest.skip("no findings in this run")
    last = len(dev[1]["findings"])
    page.page.locator(f"#hl-{last}").focus()
    page.page.keyboard.press("Enter")
    from playwright.sync_api import expect

    expect(page.page.locator(f"#f-{last}")).to_be_in_viewport()
    assert page.js("() => location.hash") == f"#f-{last}"


def test_filters_hide_and_show_highlights_and_explanations(page: Page, dev: Any) -> None:
    findings = dev[1]["findings"]
    if not findings:
        pytest.skip("no findings in this run")
    sev, rule = findings[0]["severity"], findings[-1]["rule"]
    box = page.page.locator(f"#filters input[data-kind=severity][value='{sev}']")
    box.uncheck()
    hidden = page.js("() => [...document.querySelectorAll('.finding')]"
                     ".filter(e => e.offsetParent === null).map(e => e.id)")
    off = page.js("() => [...document.querySelectorAll('.hl.off')].map(e => e.id)")
    wanted = [n for n, f in enumerate(findings, 1) if f["severity"] == sev]
    assert hidden == [f"f-{n}" for n in wanted] and off == [f"hl-{n}" for n in wanted]
    assert page.page.locator("#shown").text_content() == str(len(findings) - len(wanted))
    page.page.locator(f"#hl-{wanted[0]}").click()  # a filtered-out highlight leads nowhere
    assert page.js("() => location.hash") != f"#f-{wanted[0]}"
    page.page.emulate_media(media="print")  # print: no filters, every explanation
    assert not page.page.locator("#filters").is_visible()
    assert page.js("() => [...document.querySelectorAll('.finding')]"
                   ".every(e => e.offsetParent !== null)")
    page.page.emulate_media(media="screen")
    box.check()
    page.page.locator(f"#filters input[data-kind=rule][value='{rule}']").uncheck()
    left = sum(f["rule"] != rule for f in findings)
    assert page.page.locator(".finding:visible").count() == left
    assert page.page.locator("#shown").text_content() == str(left)


def test_narrow_window_has_no_horizontal_scroll(browser: Any, dev: Any) -> None:
    p = Page(browser, dev[0].as_uri(), width=360, height=740)
    assert p.js("() => document.documentElement.scrollWidth <= window.innerWidth")
    p.page.close()


def test_page_fetches_nothing_and_screenshots(browser: Any, dev: Any, tmp_path: Path) -> None:
    p = Page(browser, dev[0].as_uri(), width=1100, height=1400)
    p.page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    if os.environ.get("FACTCHECK_SCREENSHOT") == "1":
        p.page.screenshot(path=str(ROOT / "docs" / "report-screenshot.png"))
    p.page.locator(".hl").first.click()
    p.page.emulate_media(media="print")
    p.page.pdf(path=str(tmp_path / "report.pdf"))
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert (tmp_path / "report.pdf").stat().st_size > 10_000
    assert p.requests and p.foreign_requests() == []
    p.page.close()


def test_script_in_a_draft_is_shown_as_text(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "nasty.html"
    path.write_text(render_html(nasty_report()), "utf-8")
    p = Page(browser, path.as_uri())
    assert p.page.locator(".ln").first.text_content() == NASTY
    assert p.page.locator("#hl-1").text_content() == "<script>"
    assert p.js("() => document.scripts.length") == 1 and p.dialogs == []
    assert p.page.locator("img").count() == 0 and p.foreign_requests() == []
    p.page.close()
