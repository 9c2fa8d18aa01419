"""`kbgen report --by-owner`: one digest per owner or team, with edit links, an index, the same bytes each run."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kbgen.owners.file_names import digest_stems
from tests.support.project import Site, article

TODAY = "2026-11-22"
ROSTER = """\
people:
  maria.popescu: {name: Maria Popescu, email: maria@tessera.example, chat: "@maria"}
  li.wei: {email: li.wei@tessera.example}
teams:
  team-billing: {name: Billing, email: billing@tessera.example, chat: "#billing", members: [maria.popescu, li.wei]}
"""


def project(site: Site, edit_links: bool = True) -> Site:
    (site.root / "roster.yml").write_text(ROSTER, encoding="utf-8")
    site.configure(roster="roster.yml", releases={"4.0": "2026-10-01"})
    if edit_links:
        with site.config_file.open("a", encoding="utf-8") as config:
            config.write("repo_url: https://github.com/tessera/help\nedit_uri: edit/main/content/\n")
    site.write("en/a/stale.md", article(title="Stale one", owner="maria.popescu", reviewed="2026-01-02"))
    site.write("en/a/soon.md", article(title="Soon", owner="maria.popescu", reviewed="2026-06-01", versions='["3.2"]'))
    site.write("en/a/released.md", article(title="Since 4.0", owner="maria.popescu", reviewed="2026-09-20",
                                           versions='["4.0"]'))  # fmt: skip
    site.write("en/a/broken link.md", article(title="Broken", owner="maria.popescu", reviewed="2026-11-01",
                                              body="See [this](missing.md).\n"))  # fmt: skip
    site.write("en/a/fine.md", article(title="Fine", owner="li.wei", reviewed="2026-11-01", versions='["3.2"]'))
    site.write("en/b/team.md", article(title="Team", owner="team-billing", reviewed="2025-01-01"))
    site.write("en/b/nobody.md", article(title="Nobody's", owner="ghost", reviewed="2026-11-01", versions='["3.2"]'))
    return site


def digests(run_kbgen: Callable[..., Result], site: Site, out: Path) -> Result:
    result = run_kbgen("report", "--today", TODAY, "--by-owner", "--output-dir", str(out), cwd=site.root)
    assert result.exit_code == 0, result.output
    return result


def test_one_digest_per_owner_in_three_formats_and_an_index(
    run_kbgen: Callable[..., Result], site: Site, tmp_path: Path
) -> None:
    out = tmp_path / "digests"
    result = digests(run_kbgen, project(site), out)
    assert "wrote 4 digests" in result.stderr and "(2 with something to do)" in result.stderr
    names = sorted(p.name for p in out.iterdir())
    stems = ["ghost", "li.wei", "maria.popescu", "team-billing"]
    assert names == sorted([*(f"{s}.{e}" for s in stems for e in ("md", "json", "txt")), "index.md", "index.json"])
    maria = json.loads((out / "maria.popescu.json").read_text(encoding="utf-8"))
    assert maria["counts"] == {"overdue": 2, "due_soon": 1, "broken": 1}
    assert [(i["title"], i["status"]) for i in maria["overdue"]] == [
        ("Stale one", "stale"),
        ("Since 4.0", "release-review"),
    ]
    assert "due after the 4.0 release: 4.0 was released on 2026-10-01" in maria["overdue"][1]["reason"]
    [broken] = maria["broken"]
    assert broken["problems"][0]["code"] == "KB301" and broken["path"] == "content/en/a/broken link.md"
    assert broken["edit_url"] == "https://github.com/tessera/help/edit/main/content/en/a/broken%20link.md"
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [(d["owner"], d["file"], d["on_roster"]) for d in index["digests"]] == [
        ("ghost", "ghost", False), ("li.wei", "li.wei", True), ("maria.popescu", "maria.popescu", True),
        ("team-billing", "team-billing", True),
    ]  # fmt: skip
    assert "| maria.popescu | maria@tessera.example | 2 | 1 | 1 | [md](maria.popescu.md)" in (
        out / "index.md"
    ).read_text(encoding="utf-8")


def test_the_text_digest_is_an_email_to_the_owner(run_kbgen: Callable[..., Result], site: Site, tmp_path: Path) -> None:
    out = tmp_path / "digests"
    digests(run_kbgen, project(site), out)
    text = (out / "maria.popescu.txt").read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    assert head == (
        'To: "Maria Popescu" <maria@tessera.example>\n'
        "Subject: Help-center articles for maria.popescu, 2026-11-22: 2 overdue, 1 due soon, 1 broken"
    )
    assert body.startswith("Hello Maria Popescu,\n\nOverdue (2):\n\n- Stale one (content/en/a/stale.md)\n")
    assert "  Edit: https://github.com/tessera/help/edit/main/content/en/a/stale.md\n" in body
    assert "KB301 line 8: " in body and "kbgen review <path>" in body
    team = (out / "team-billing.md").read_text(encoding="utf-8")
    assert "team · Billing · billing@tessera.example · #billing" in team and "Members: maria.popescu, li.wei" in team
    ghost = (out / "ghost.txt").read_text(encoding="utf-8")
    assert ghost.startswith("Subject: ") and "This owner is not on the roster (roster.yml)" in ghost
    quiet = (out / "li.wei.txt").read_text(encoding="utf-8")
    assert "None of your 1 article needs anything today" in quiet


def test_no_edit_link_without_edit_uri(run_kbgen: Callable[..., Result], site: Site, tmp_path: Path) -> None:
    out = tmp_path / "digests"
    digests(run_kbgen, project(site, edit_links=False), out)
    assert "Edit:" not in (out / "maria.popescu.txt").read_text(encoding="utf-8")
    assert "[edit]" not in (out / "maria.popescu.md").read_text(encoding="utf-8")


def test_digests_are_the_same_bytes_every_run_and_old_ones_are_removed(
    run_kbgen: Callable[..., Result], site: Site, tmp_path: Path
) -> None:
    out = tmp_path / "digests"
    digests(run_kbgen, project(site), out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    digests(run_kbgen, site, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    (site.content / "en/b/nobody.md").unlink()
    digests(run_kbgen, site, out)
    assert not (out / "ghost.md").exists() and not (out / "ghost.json").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"  # not a digest: left alone


def test_digest_file_names_are_portable_and_unique() -> None:
    stems = digest_stems(["@tessera/billing", "tessera-billing", "Ana", "ana", "index", "con", "şule", "../x", ""])
    assert stems["@tessera/billing"] == "tessera-billing"
    assert stems["tessera-billing"].startswith("tessera-billing-") and len(stems["tessera-billing"]) == 24
    assert stems["Ana"] == "Ana" and stems["ana"].startswith("ana-")
    assert (stems["index"], stems["con"], stems["şule"], stems["../x"], stems[""]) == (
        "index-owner", "con-owner", "sule", "x", "owner",
    )  # fmt: skip
    assert len({s.casefold() for s in stems.values()}) == len(stems)


@pytest.mark.parametrize(
    "args",
    [
        ("--by-owner",),
        ("--output-dir", "d"),
        ("--by-owner", "--output-dir", "d", "--format", "json"),
        ("--by-owner", "--output-dir", "d", "--owner", "ana"),
    ],
)
def test_by_owner_usage_errors(run_kbgen: Callable[..., Result], site: Site, args: tuple[str, ...]) -> None:
    site.write("en/a/x.md", article())
    result = run_kbgen("report", *args, cwd=site.root)
    assert result.exit_code == 2 and "--by-owner" in result.stderr
