"""Owners who exist: the roster or CODEOWNERS, KB401 for owners not on it, KB402 for the file's own problems."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from tests.support.project import Site, article

TODAY = "2026-11-22"
ROSTER = """\
people:
  maria.popescu: {name: Maria Popescu, email: maria@tessera.example, chat: "@maria"}
  emre.kaya:
    email: emre@tessera.example
    active: false
  li.wei:
teams:
  team-billing:
    email: billing@tessera.example
    members: [maria.popescu, li.wei]
"""


def owner_findings(run_kbgen: Callable[..., Result], site: Site) -> list[dict[str, Any]]:
    result = run_kbgen("check", "--today", TODAY, "--format", "json", cwd=site.root)
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] in ("KB401", "KB402")]


@pytest.fixture
def rostered(site: Site) -> Site:
    (site.root / "people").mkdir()
    (site.root / "people" / "roster.yml").write_text(ROSTER, encoding="utf-8")
    site.configure(roster="people/roster.yml")
    return site


def test_owners_on_the_roster_pass_and_others_are_named(run_kbgen: Callable[..., Result], rostered: Site) -> None:
    rostered.write("en/a/person.md", article(owner="maria.popescu"))
    rostered.write("en/a/team.md", article(owner="team-billing"))
    rostered.write("en/a/no-contact.md", article(owner="li.wei"))
    rostered.write("en/a/typo.md", article(owner="maria.popesku"))
    rostered.write("en/a/email.md", article(owner="maria@tessera.example"))
    rostered.write("en/a/left.md", article(owner="emre.kaya"))
    rostered.write("en/a/stranger.md", article(owner="zz-top"))
    found = {f["path"].rsplit("/", 1)[1]: f for f in owner_findings(run_kbgen, rostered)}
    assert set(found) == {"typo.md", "email.md", "left.md", "stranger.md"}
    assert all(f["severity"] == "error" and f["line"] == 3 and f["rule"] == "unknown-owner" for f in found.values())
    assert found["typo.md"]["message"] == (
        "owner 'maria.popesku' is not on the roster people/roster.yml (did you mean 'maria.popescu'?); "
        "fix the owner, or add them to people/roster.yml"
    )
    assert "(did you mean 'maria.popescu'?)" in found["email.md"]["message"]
    assert found["left.md"]["message"] == (
        "owner 'emre.kaya' is inactive in people/roster.yml (line 3, active: false); "
        "hand the article to an active owner"
    )
    assert "did you mean" not in found["stranger.md"]["message"]


def test_an_inherited_owner_names_the_section_it_came_from(run_kbgen: Callable[..., Result], rostered: Site) -> None:
    rostered.write("en/a/index.md", "---\ntitle: A\nowner: team-biling\n---\n")
    rostered.write("en/a/x.md", "---\ntitle: X\nreviewed: 2026-09-01\nproduct_version: all\n---\nBody\n")
    [finding] = owner_findings(run_kbgen, rostered)
    assert finding["path"] == "content/en/a/x.md"
    assert "owner 'team-biling' (from content/en/a/index.md) is not on the roster" in finding["message"]
    assert "did you mean 'team-billing'" in finding["message"]


def test_without_a_roster_nothing_changes(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.write("en/a/x.md", article(owner="anyone at all"))
    assert owner_findings(run_kbgen, site) == []


@pytest.mark.parametrize(
    ("roster", "where", "message"),
    [
        ("people:\n  ana: {email: [x}\n", (2, 18), "YAML syntax error"),
        ("peeple:\n  ana:\n", (1, 1), "unknown section 'peeple' (did you mean 'people'?)"),
        ("people:\n  ana: {emial: a@x.example}\n", (2, 9), "'ana': unknown key 'emial' (did you mean 'email'?)"),
        ("people:\n  ana:\n  ana:\n", (3, 3), "'ana' appears twice (first on line 2)"),
        ("people:\n  ana: {email: ana.example}\n", (2, 16), "'ana.email' is 'ana.example', which is not an e-mail"),
        ("people:\n  ana: {active: nope}\n", (2, 17), "'ana.active' must be true or false"),
        ("people:\n  ana: {chat: 12}\n", (2, 15), "'ana.chat' must be text (YAML read '12' as another type"),
        ("people:\n  ana:\nteams:\n  t: {members: [ana, bob]}\n", (4, 22), "member 'bob' is not a person"),
        ("people:\n  ana:\nteams:\n  ana:\n", (4, 3), "'ana' is both a person and a team (first on line 2)"),
        ("- ana\n", (1, 1), "the roster must be a mapping"),
        ("people:\n  a: &x {email: a@b.example}\n  b: *x\n", (1, 1), "anchors and aliases"),
    ],
)
def test_roster_problems_are_findings_at_file_line(
    run_kbgen: Callable[..., Result], site: Site, roster: str, where: tuple[int, int], message: str
) -> None:
    (site.root / "roster.yml").write_text(roster, encoding="utf-8")
    site.configure(roster="roster.yml")
    site.write("en/a/x.md", article(owner="ana"))
    found = owner_findings(run_kbgen, site)
    problems = [f for f in found if f["code"] == "KB402"]
    assert [(f["path"], f["line"], f["column"]) for f in problems] == [("roster.yml", *where)], problems
    assert message in problems[0]["message"] and problems[0]["rule"] == "roster-invalid"


def test_an_unreadable_roster_does_not_make_every_owner_unknown(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.configure(roster="missing.yml")
    site.write("en/a/x.md", article(owner="ana"))
    [finding] = owner_findings(run_kbgen, site)
    assert (finding["code"], finding["path"], finding["line"]) == ("KB402", "missing.yml", 1)
    assert "roster file not found; create it or fix 'roster: missing.yml' in mkdocs.yml" in finding["message"]
    (site.root / "missing.yml").write_text("people: [ana\n", encoding="utf-8")
    assert [f["code"] for f in owner_findings(run_kbgen, site)] == ["KB402"]


CODEOWNERS = """\
# Help-center owners
content/en/billing/   @tessera/billing billing@tessera.example
content/**/*.md       @maria.popescu   # everything else
content/my\\ file.md   @li-wei
[Docs][2] @docs-team
"""


def test_codeowners_names_who_may_own_articles(run_kbgen: Callable[..., Result], site: Site) -> None:
    (site.root / ".github").mkdir()
    (site.root / ".github" / "CODEOWNERS").write_text(CODEOWNERS, encoding="utf-8")
    site.configure(owners_from="codeowners")
    owners = ["maria.popescu", "@maria.popescu", "tessera/billing", "billing@tessera.example", "li-wei", "docs-team"]
    for name, owner in zip("abcdefg", [*owners, "maria"], strict=True):
        site.write(f"en/a/{name}.md", article(owner=owner))
    [finding] = owner_findings(run_kbgen, site)
    assert finding["path"] == "content/en/a/g.md"
    assert finding["message"] == (
        "owner 'maria' is not named in .github/CODEOWNERS (did you mean 'maria.popescu'?); "
        "fix the owner, or add them to .github/CODEOWNERS"
    )


def test_codeowners_problems_and_a_missing_file(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.configure(owners_from="codeowners")
    site.write("en/a/x.md", article(owner="ana"))
    [missing] = owner_findings(run_kbgen, site)
    assert (
        missing["code"] == "KB402"
        and "there is no CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS" in missing["message"]
    )
    (site.root / "CODEOWNERS").write_text("*.md @ana\ncontent/ ana\n", encoding="utf-8")
    [bad] = owner_findings(run_kbgen, site)
    assert (bad["path"], bad["line"], bad["column"]) == ("CODEOWNERS", 2, 10)
    assert "'ana' is not an owner; write @user, @org/team or an e-mail address" in bad["message"]


def test_owners_from_roster_needs_a_roster(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.configure(owners_from="roster")
    site.write("en/a/x.md", article())
    result = run_kbgen("check", cwd=site.root)
    assert result.exit_code == 2 and "'owners_from': 'roster' needs 'roster: <file>'" in result.stderr
