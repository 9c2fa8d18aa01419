"""Build-scale benchmark: kbgen's full build, one-edit rebuild and check next to plain mkdocs-material, at size N.

    python bench/build_scale.py --sizes 1000 10000 [--corpus DIR] [--without-prune] [--profile] [--keep DIR]

For each N, bench/generate.py writes N articles (four languages, nested sections, a share of stale and due-soon
articles, images, links between articles) as a kbgen project (the repository's mkdocs.yml, languages
en, tr, ro, zh). In one run, each in its own child process: `kbgen build` (full, into an empty folder), a
one-edit rebuild (one article's body changed, `kbgen build` again on the existing site), `kbgen check`, and
`mkdocs build` of the same content folder with plain mkdocs-material (the same mkdocs.yml without the kbgen
plugin, kbgen's slugify and theme folder; `navigation.prune` on). Reported: wall seconds, CPU seconds and peak RSS
of the child with the processes it waited for (`os.wait4`), output size, and ratios to material. The check (the
median of three runs) and the rebuild each wait for the work `kbgen build` leaves to a detached process once it
has returned (the replaced site's removal, the next build's links: kbgen.publishing.links_ahead); how long that
took is reported too. Last, `kbgen serve` on the built project: how long
until its first build is shown (it reuses the project's site), and for three English articles edited one after
another, seconds from the save until the preview shows the edit (its state's generation moves on, which is what
reloads a writer's open page), with what serve did for each (patched or rebuilt).
kbgen's bytecode is written first, as installing it writes it (`compile_as_installed`).
`--without-prune` drops `navigation.prune` from kbgen's mkdocs.yml only (material keeps it). Results go to
bench/results/scale-<N>[-noprune].json and are compared with the last committed copy of that file. `--profile`
then profiles one more full kbgen build (pyinstrument when it is installed, from the `bench` extra, else
cProfile) and prints the top entries.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import pstats
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import add_corpus_option, corpus_dir  # noqa: E402
from generate import generate, write_project  # noqa: E402

TODAY = date(2026, 11, 26)
RESULTS = HERE / "results"
EDIT = "\n\nThis sentence was added by the one-edit rebuild.\n"


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system of the child and the processes it waited for: steadier on a shared machine
    peak_rss_mib: float
    exit: int
    stderr: str


def run(args: list[str], cwd: Path) -> Run:
    """Run a child to completion; its own peak RSS comes from wait4, not from this process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KBGEN_TODAY": TODAY.isoformat()}
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(round(seconds, 2), round(cpu, 2), round(usage.ru_maxrss / 1024, 1), child.returncode, text)


def detached_work(root: Path, limit: float = 600.0) -> float:
    """Seconds until the work `kbgen build` leaves to a detached process once it has returned (the writer does not
    wait for it) is done: removing the site a rebuild replaced, and linking the next build's pages ahead
    (kbgen.publishing.links_ahead). The next run measured must not share the machine with that process, so it
    waits, and the time is reported on its own. The process works in the project folder; on Linux it is found
    there, elsewhere only the old site's removal is waited for."""
    started = time.perf_counter()
    while _working_in(root) and time.perf_counter() - started < limit:
        time.sleep(0.05)
    return round(time.perf_counter() - started, 2)


def _working_in(root: Path) -> bool:
    if not Path("/proc/self/cwd").exists():
        return any(root.glob(".site.kbgen-old-*"))
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            with contextlib.suppress(OSError):
                if (entry / "cwd").readlink() == root.resolve():
                    return True
    return False


def make_project(root: Path, n: int, corpus: Path, prune: bool) -> Path:
    """The generated articles, the sample's assets and a kbgen mkdocs.yml; returns the edited article."""
    articles = generate(n, corpus)
    write_project(articles, root / "content", TODAY)
    shutil.copytree(ROOT / "content" / "assets", root / "content" / "assets", dirs_exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^\s*custom_dir: theme\n", "", config, flags=re.M)  # the plugin adds kbgen's theme itself
    if not prune:
        config = re.sub(r"^\s*- navigation\.prune.*\n", "", config, flags=re.M)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    middle = articles[len(articles) // 2]
    return root / "content" / middle.path


def plain_material_config(root: Path) -> Path:
    """The same mkdocs.yml without what only kbgen provides; navigation.prune on, MkDocs' default search."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^\s*custom_dir: theme\n", "", config, flags=re.M)
    config = re.sub(r"^plugins:\n(?:[ #].*\n|\n)*?(?=^\S)", "", config, flags=re.M)
    config = re.sub(r"^\s*slugify: !!python/name:kbgen.*\n", "", config, flags=re.M)
    config = re.sub(r"^site_dir: .*$", "site_dir: site-material", config, flags=re.M)
    if "navigation.prune" not in config:
        config = config.replace("  features:\n", "  features:\n    - navigation.prune\n")
    path = root / "plain-mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_edits(root: Path, edits: list[Path]) -> dict[str, Any]:
    """`kbgen serve` on the built project: seconds until its first build is shown (it reuses the project's site),
    then for each edit, seconds from the save until the preview shows it (its state's generation moves on: what
    makes a writer's open page reload), the watcher's polling included; and how the preview built each edit."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KBGEN_TODAY": TODAY.isoformat()}
    port = free_port()
    state_url = f"http://127.0.0.1:{port}/__kbgen__/state"
    args = [sys.executable, "-m", "kbgen", "serve", "--today", TODAY.isoformat(), "--dev-addr", f"127.0.0.1:{port}"]
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(args, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            state = _wait_for_state(state_url, None, child)
            startup = time.perf_counter() - started
            seconds: list[float] = []
            for path in edits:
                time.sleep(2.0)  # the watcher has looked at the tree since the last build
                path.write_text(path.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
                saved = time.perf_counter()
                state = _wait_for_state(state_url, int(state["generation"]), child)
                seconds.append(round(time.perf_counter() - saved, 2))
        finally:
            child.terminate()
            child.wait(60)
            err.seek(0)
            told = err.read().decode("utf-8", "replace")
    outcomes = [line for line in told.splitlines() if re.match(r"^(built|rebuilt|patched) ", line)]
    return {"startup_seconds": round(startup, 2), "edit_seconds": seconds, "outcomes": outcomes}


def _wait_for_state(url: str, after: int | None, child: subprocess.Popen[bytes]) -> dict[str, Any]:
    """The preview's state once it shows a build (generation 1 or more), or a generation other than `after`."""
    building = 0  # as live.js: say a full build is known to be under way, or the server answers again at once
    while child.poll() is None:
        query = f"?after={after}&building={building}" if after is not None else ""
        try:
            with urllib.request.urlopen(url + query, timeout=60) as answer:
                state: dict[str, Any] = json.loads(answer.read())
        except OSError:
            time.sleep(0.2)  # not listening yet
            continue
        if (after is None and state["generation"] >= 1) or (after is not None and state["generation"] != after):
            return state
        building = int(state.get("building") is not None)
        if after is None:
            time.sleep(0.2)
    raise RuntimeError(f"kbgen serve exited {child.returncode}")


def folder_mib(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def measure(n: int, corpus: Path, prune: bool, keep: Path | None, with_material: bool = True) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"kbgen-scale-{n}-") as temp:
        root = keep / str(n) if keep else Path(temp)
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        started = time.perf_counter()
        edited = make_project(root, n, corpus, prune)
        generated = time.perf_counter() - started
        kbgen = [sys.executable, "-m", "kbgen"]
        full = run([*kbgen, "build", "--site-dir", "site", "--today", TODAY.isoformat()], root)
        ahead = detached_work(root)
        pages = sum(1 for _ in (root / "site").rglob("index.html"))
        size = folder_mib(root / "site")
        edited.write_text(edited.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
        again = run([*kbgen, "build", "--site-dir", "site", "--today", TODAY.isoformat()], root)
        cleanup = detached_work(root)
        # the check takes seconds and its wall time swings with this shared machine: the median of three runs
        checks = [run([*kbgen, "check", "--today", TODAY.isoformat(), "--fail-on", "never"], root) for _ in range(3)]
        check = sorted(checks, key=lambda done: done.seconds)[1]
        material = None
        if with_material:
            plain = str(plain_material_config(root))
            material = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", plain], root)
            material_pages = sum(1 for _ in (root / "site-material").rglob("index.html"))
            material_size = folder_mib(root / "site-material")
        # after the check and material: the preview is one more process on this 2-core machine
        english = sorted(p for p in (root / "content" / "en").rglob("*.md") if p.name != "index.md" and p != edited)
        served = serve_edits(root, [english[len(english) * k // 4] for k in (1, 2, 3)])
    for name, result in (("kbgen build", full), ("rebuild", again), ("kbgen check", check), ("mkdocs", material)):
        if result is not None and result.exit:
            print(f"{name} exited {result.exit}:\n{result.stderr[-3000:]}", file=sys.stderr)
    rows = {
        "kbgen_build": {**_row(full), "output_mib": size, "pages": pages},
        "kbgen_rebuild_one_edit": {**_row(again), "output_mib": size, "pages": pages},
        "kbgen_check": {**_row(check), "runs_seconds": [done.seconds for done in checks]},
    }
    if material is not None:
        rows["material_prune"] = {**_row(material), "output_mib": material_size, "pages": material_pages}
    for row in rows.values():
        row["vs_material"] = round(row["seconds"] / (material.seconds or 1.0), 3) if material else None
        row["cpu_vs_material"] = round(row["cpu_seconds"] / (material.cpu_seconds or 1.0), 3) if material else None
    return {
        "articles": n,
        "kbgen_navigation_prune": prune,
        "generate_seconds": round(generated, 1),
        "cpus": os.cpu_count(),
        "rows": rows,
        "rebuild_vs_full": round(again.seconds / (full.seconds or 1.0), 3),
        "build_detached_seconds": ahead,
        "rebuild_detached_seconds": cleanup,
        "check_vs_full": round(check.seconds / (full.seconds or 1.0), 3),
        "serve": {
            **served,
            "edit_vs_full": [round(done / (full.seconds or 1.0), 4) for done in served["edit_seconds"]],
        },
        "check_cpu_vs_full": round(check.cpu_seconds / (full.cpu_seconds or 1.0), 3),
    }


def _row(result: Run) -> dict[str, Any]:
    return {"seconds": result.seconds, "cpu_seconds": result.cpu_seconds, "peak_rss_mib": result.peak_rss_mib,
            "exit": result.exit}  # fmt: skip


def table(numbers: dict[str, Any], previous: dict[str, Any] | None) -> str:
    lines = [
        f"N = {numbers['articles']} (kbgen with navigation.prune: {numbers['kbgen_navigation_prune']})",
        "| run | seconds | vs material | CPU s | CPU vs material | peak RSS MiB | output MiB | pages | previous s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in numbers["rows"].items():
        before = (previous or {}).get("rows", {}).get(name, {}).get("seconds", "")
        lines.append(
            f"| {name} | {row['seconds']} | {row['vs_material']} | {row['cpu_seconds']} | {row['cpu_vs_material']} | "
            f"{row['peak_rss_mib']} | "
            f"{row.get('output_mib', '')} | {row.get('pages', '')} | {before} |"
        )
    lines.append(
        f"rebuild / full = {numbers['rebuild_vs_full']}; check / full = {numbers['check_vs_full']} "
        f"(CPU {numbers['check_cpu_vs_full']}); after the full build, the detached "
        f"process (the next build's links) took {numbers.get('build_detached_seconds', '?')} s, waited for before the "
        f"rebuild; after the rebuild (those links, the replaced site's removal) "
        f"{numbers.get('rebuild_detached_seconds', '?')} s, waited for before the check"
    )
    served = numbers.get("serve")
    if served:
        lines.append(
            f"kbgen serve: first build shown after {served['startup_seconds']} s; save to shown per edit "
            f"{served['edit_seconds']} s = {served['edit_vs_full']} of the full build; " + "; ".join(served["outcomes"])
        )
    return "\n".join(lines)


def last_committed(path: Path) -> dict[str, Any] | None:
    """The result file as committed at HEAD (the working copy may already hold this run's numbers)."""
    relative = path.relative_to(ROOT).as_posix()
    shown = subprocess.run(["git", "show", f"HEAD:{relative}"], cwd=ROOT, capture_output=True, text=True, check=False)
    return json.loads(shown.stdout) if shown.returncode == 0 else None


def profile(n: int, corpus: Path, prune: bool, top: int) -> None:
    """One more full build of a fresh project under pyinstrument (if installed) or cProfile."""
    with tempfile.TemporaryDirectory(prefix=f"kbgen-profile-{n}-") as temp:
        root = Path(temp)
        make_project(root, n, corpus, prune)
        build = ["-m", "kbgen", "build", "--site-dir", "site", "--today", TODAY.isoformat()]
        try:
            import pyinstrument  # noqa: F401
        except ImportError:
            out = root / "build.prof"
            done = run([sys.executable, "-m", "cProfile", "-o", str(out), *build], root)
            print(f"cProfile, full build of {n} articles: {done.seconds} s (exit {done.exit})")
            stats = pstats.Stats(str(out))
            stats.sort_stats("cumulative").print_stats(top)
            stats.sort_stats("tottime").print_stats(top)
            return
        report = root / "profile.txt"
        done = run([sys.executable, "-m", "pyinstrument", "-r", "text", "-o", str(report), *build], root)
        print(f"pyinstrument, full build of {n} articles: {done.seconds} s (exit {done.exit})")
        print("\n".join(report.read_text(encoding="utf-8").splitlines()[: top * 3]))


def compile_as_installed() -> None:
    """Write kbgen's bytecode, as pip does when it installs kbgen from a wheel (mkdocs and material, installed,
    have theirs). A checkout run with PYTHONDONTWRITEBYTECODE set compiles every kbgen module again in every run:
    0.15 s of each rebuild and check at 10,000 articles that no installed kbgen pays, and material does not."""
    compileall.compile_dir(ROOT / "kbgen", quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--without-prune", action="store_true", help="no navigation.prune in kbgen's mkdocs.yml")
    parser.add_argument("--profile", action="store_true", help="also profile one full kbgen build per size")
    parser.add_argument("--top", type=int, default=30, help="profile entries to print")
    parser.add_argument("--keep", type=Path, help="build in DIR/<N> and keep the projects and sites")
    parser.add_argument("--no-save", action="store_true", help="print only; do not write bench/results")
    parser.add_argument(
        "--without-material", action="store_true", help="kbgen's rows only (an hour saved at 100,000 articles)"
    )
    add_corpus_option(parser)
    args = parser.parse_args()
    corpus = corpus_dir(args.corpus)
    compile_as_installed()
    if not corpus.is_dir():
        print(f"note: no corpus at {corpus}; synthetic text (pass --corpus or set KBGEN_CORPUS)", file=sys.stderr)
    failed = False
    for n in args.sizes:
        prune = not args.without_prune
        numbers = measure(n, corpus, prune, args.keep, not args.without_material)
        numbers["corpus"] = corpus.name if corpus.is_dir() else "synthetic"
        path = RESULTS / f"scale-{n}{'' if prune else '-noprune'}.json"
        previous = last_committed(path)
        print(table(numbers, previous))
        failed |= any(row["exit"] for name, row in numbers["rows"].items() if name != "kbgen_check")
        if not args.no_save:
            RESULTS.mkdir(exist_ok=True)
            path.write_text(json.dumps(numbers, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if args.profile:
            profile(n, corpus, prune, args.top)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
