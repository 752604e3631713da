"""The public API: cheap to import, what the CLI runs, and one clear error for bad input."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import factcheck
from tests.conftest import SEED_ARTICLE

WRONG = "全市累计培育试点企业786家。\n"


def test_import_factcheck_loads_no_api_until_asked():
    code = ("import sys, factcheck; before = [m for m in ('factcheck.api', 'factcheck.check') "
            "if m in sys.modules]; factcheck.check_text; "
            "print(before, 'factcheck.api' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "True"]


def test_every_public_name_resolves_and_unknown_names_do_not():
    assert all(getattr(factcheck, name) is not None for name in factcheck.__all__)
    with pytest.raises(AttributeError):
        factcheck.no_such_name  # noqa: B018


def test_package_is_typed():
    assert (resources.files("factcheck") / "py.typed").is_file()


def test_findings_are_immutable(builtin_registry):
    [f] = factcheck.check_text(WRONG, builtin_registry)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.line = 2  # type: ignore[misc]
    assert (f.path, f.end_line) == ("-", 1)


@pytest.mark.parametrize("call, error", [
    (lambda reg: factcheck.check_text(b"bytes", reg), factcheck.InputError),
    (lambda reg: factcheck.check_text("", reg, rules=["nope"]), factcheck.ConfigError),
    (lambda reg: factcheck.check_text("", reg, fail_on="bad"), factcheck.ConfigError),
    (lambda reg: factcheck.load_registry([]), factcheck.ConfigError),
    (lambda reg: factcheck.load_registry("missing.json"), factcheck.RegistryError),
    (lambda reg: factcheck.check_paths(["missing.md"], reg), factcheck.InputError),
    (lambda reg: factcheck.check_paths(["-"], reg), factcheck.InputError),
    (lambda reg: factcheck.check_paths([], reg, jobs=-1), factcheck.ConfigError),
    (lambda reg: factcheck.extract_article("文本", ""), factcheck.ConfigError),
    (lambda reg: factcheck.extract_article("文本", "x", date="2024/1/2"), factcheck.ConfigError),
    (lambda reg: factcheck.extract_article(b"x", "x"), factcheck.InputError),
    (lambda reg: factcheck.registry_json(reg), None),
])
def test_bad_input_raises_one_line_error(call, error, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    two = factcheck.extract_article("甲公司有职工120人。", "a")
    two.add(factcheck.Source("b"), [], Path("b.json"))
    with pytest.raises(error or factcheck.RegistryError) as info:
        call(two if error is None else factcheck.load_registry())
    assert str(info.value).startswith("error: ") and "\n" not in str(info.value)


def test_check_paths_in_workers_equals_one_process(tmp_path, builtin_registry):
    for i in range(10):
        (tmp_path / f"d{i}.md").write_text(WRONG * (i % 3 + 1), "utf-8")
    one = factcheck.check_paths(tmp_path, builtin_registry, jobs=1)
    two = factcheck.check_paths(tmp_path, builtin_registry, jobs=2)
    assert one == two
    assert [len(v) for v in one.values()] == [1, 2, 3, 1, 2, 3, 1, 2, 3, 1]


def test_extract_article_saves_what_the_cli_writes(tmp_path, run_cli):
    text = SEED_ARTICLE.read_text("utf-8")
    code, _, _ = run_cli("extract", str(SEED_ARTICLE), "--name", "seed", "--output",
                         str(tmp_path / "cli.json"))
    factcheck.save_registry(factcheck.extract_article(text, "seed"), tmp_path / "api.json")
    cli, api = (json.loads((tmp_path / n).read_text("utf-8")) for n in ("cli.json", "api.json"))
    assert code == 0 and api["claims"] == cli["claims"] and len(api["claims"]) > 50
    assert {k: v for k, v in api["source"].items() if k != "path"} == \
        {k: v for k, v in cli["source"].items() if k != "path"}


def test_the_cli_check_calls_the_api(run_cli, tmp_path, monkeypatch):
    import factcheck.api

    seen: list[tuple[str, tuple[str, ...]]] = []
    real = factcheck.api.check_document

    def spy(doc, registry, **kw):
        seen.append((Path(doc.path).name, tuple(kw["ignore"])))
        return real(doc, registry, **kw)

    monkeypatch.setattr(factcheck.api, "check_document", spy)
    monkeypatch.setattr("factcheck.cli.runner.check_document", spy)
    (tmp_path / "d.md").write_text(WRONG, "utf-8")
    code, out, _ = run_cli("check", "d.md", "--ignore", "1330名", "-f", "json", cwd=tmp_path)
    # the draft, and the lines an offered fix would change (checked again before it is offered)
    assert code == 1 and seen and set(seen) == {("d.md", ("1330名",))}
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["figure-mismatch"]


def test_the_cli_extract_calls_the_api(run_cli, tmp_path, monkeypatch):
    import factcheck.api

    seen: list[str] = []
    real = factcheck.api.extract_article
    monkeypatch.setattr(factcheck.api, "extract_article",
                        lambda text, name, **kw: seen.append(name) or real(text, name, **kw))
    (tmp_path / "a.txt").write_text("甲公司有职工120人。\n", "utf-8")
    code, _, _ = run_cli("extract", "a.txt", "--name", "jia", cwd=tmp_path)
    assert (code, seen) == (0, ["jia"])
