"""Reads, for many articles at once, the file as it was at the last commit on or before a date, following
renames, with a fixed number of git processes: one `rev-parse`, one `log` for the whole content tree and one
`cat-file --batch` for every file wanted, never one process per article.

Outside a git work tree, without git, or when git fails, the answer is "unknown" (None) and callers say
nothing: history is a bonus, not a requirement.
"""

from __future__ import annotations

import subprocess
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

_TIMEOUT = 60  # seconds for each git process; a tree whose history takes longer is skipped


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    day: date  # the committer date, in the site's time zone
    changes: tuple[tuple[str, str, str], ...]  # (status letter, old path, new path), paths under the content root


@dataclass(frozen=True, slots=True)
class Baseline:
    """An article as it was committed at its review: the commit, its day and the file's text then."""

    sha: str
    day: date
    path: str  # the file's path under the content root at that commit (before any later rename)
    text: str


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def parse_log(output: bytes, timezone: str) -> list[Commit]:
    """`git log -z --name-status --format=%x01%H %ct` output, newest first as git wrote it."""
    zone = zoneinfo.ZoneInfo(timezone)
    commits = []
    for chunk in output.split(b"\x01")[1:]:
        header, _, rest = chunk.partition(b"\0")
        sha, _, stamp = header.decode("ascii", "replace").partition(" ")
        fields = rest.lstrip(b"\n").split(b"\0")
        changes = []
        index = 0
        while index < len(fields) and fields[index]:
            status = fields[index].decode("ascii", "replace")[:1]
            if status in ("R", "C") and index + 2 < len(fields):
                old, new = fields[index + 1], fields[index + 2]
                index += 3
            else:
                old = new = fields[index + 1] if index + 1 < len(fields) else b""
                index += 2
            changes.append((status, old.decode("utf-8", "surrogateescape"), new.decode("utf-8", "surrogateescape")))
        day = datetime.fromtimestamp(int(stamp), zone).date() if stamp.isdigit() else date.min
        commits.append(Commit(sha, day, tuple(changes)))
    return commits


def locate(commits: list[Commit], wanted: dict[str, date]) -> dict[str, tuple[Commit, str]]:
    """For each path (as named today) the newest commit on or before its date and the path it had then.

    Walking from the newest commit back, a rename moves the name the file is looked for under to its old
    name; an addition means the file did not exist before that commit, so nothing older is its baseline.
    """
    names = dict.fromkeys(wanted, "")
    names.update((path, path) for path in wanted)
    alive = dict.fromkeys(wanted, True)
    found: dict[str, tuple[Commit, str]] = {}
    for commit in commits:
        for path, when in wanted.items():
            if path not in found and alive[path] and commit.day <= when:
                found[path] = (commit, names[path])
        if len(found) == len(wanted):
            break
        for status, old, new in commit.changes:
            for path in wanted:
                if path in found or names[path] != new:
                    continue
                if status == "R":
                    names[path] = old
                elif status == "A":
                    alive[path] = False
                elif status == "D":
                    alive[path] = True  # deleted here, so it existed before: an earlier life of the same name
    return found


def baselines(content_root: Path, wanted: dict[str, date], timezone: str) -> dict[str, Baseline] | None:
    """`wanted` maps a path under the content root to a day; None when the content is not in a git work tree."""
    if not wanted:
        return {}
    located = _git(content_root, "rev-parse", "--show-prefix")
    if located is None:
        return None
    prefix = located.decode("utf-8", "surrogateescape").strip()
    log = _git(
        content_root, "log", "--first-parent", "--diff-merges=first-parent", "--relative", "--name-status", "-M",
        "-z", "--format=%x01%H %ct", "--", ".",
    )  # fmt: skip
    if log is None:
        return None
    found = {path: hit for path, hit in locate(parse_log(log, timezone), wanted).items() if "\n" not in hit[1]}
    if not found:
        return {}
    order = sorted(found)
    request = "".join(f"{found[p][0].sha}:{prefix}{found[p][1]}\n" for p in order).encode("utf-8", "surrogateescape")
    output = _git(content_root, "cat-file", "--batch", stdin=request)
    if output is None:
        return None
    texts = _read_batch(output, len(order))
    return {
        path: Baseline(found[path][0].sha, found[path][0].day, found[path][1], text)
        for path, text in zip(order, texts, strict=True)
        if text is not None
    }


def _read_batch(output: bytes, count: int) -> list[str | None]:
    """`<sha> blob <size>\\n<bytes>\\n` per request, or `<spec> missing\\n`; answers in request order."""
    texts: list[str | None] = []
    position = 0
    for _ in range(count):
        end = output.find(b"\n", position)
        if end < 0:
            texts.append(None)
            continue
        header = output[position:end].split(b" ")
        position = end + 1
        if len(header) == 3 and header[1] == b"blob" and header[2].isdigit():
            size = int(header[2])
            texts.append(output[position : position + size].decode("utf-8", "replace"))
            position += size + 1
        else:
            texts.append(None)
    return texts
