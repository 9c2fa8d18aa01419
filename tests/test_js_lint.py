"""The JavaScript kbgen ships to readers passes eslint (eslint.config.js), installed from npm by .ci/setup."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LINTED = ("theme/assets", "kbgen/publishing/serve_assets")

# Old-style code the config must reject where kbgen keeps its scripts: (where, code, the rule that objects).
PROBES = (
    ("theme/assets/search/probe.js", "(() => { var a = 1; window.x = a; })();\n", "no-var"),
    ("theme/assets/probe.js", "(() => { let a = window.x; window.y = a; })();\n", "prefer-const"),
    ("theme/assets/probe.js", "(() => { const a = window.x; window.y = a == 1; })();\n", "eqeqeq"),
    ("theme/assets/probe.js", "[1].forEach(function (n) { window.x = n; });\n", "prefer-arrow-callback"),
    ("theme/assets/probe.js", "const leaked = 1;\nwindow.x = leaked;\n", "no-implicit-globals"),
    ("kbgen/publishing/serve_assets/probe.js", "(() => { window.x = 'a' + window.y; })();\n", "prefer-template"),
    ("theme/assets/search/kb-search-worker.js", "document.title = 'x';\n", "no-undef"),
    ("theme/assets/probe.js", "(() => { const unused = 1; })();\n", "no-unused-vars"),
)

# Runs eslint's Node API once: which files the CLI run would lint, and the rules each probe breaks.
API = """
const { ESLint } = require('eslint');
(async () => {
  const request = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint();
  const files = (await eslint.lintFiles(request.folders)).map((r) => r.filePath);
  const probes = [];
  for (const [filePath, code] of request.probes) {
    const [result] = await eslint.lintText(code, { filePath });
    probes.push(result.messages.map((m) => m.ruleId));
  }
  process.stdout.write(JSON.stringify({ files, probes }));
})().catch((error) => { process.stderr.write(String(error.stack || error)); process.exit(1); });
"""


def run(command: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    assert shutil.which(command[0]), f"{command[0]} is missing: install node and npm, then run `bash .ci/setup`"
    assert (ROOT / "node_modules" / ".bin" / "eslint").exists(), "eslint is not installed: run `bash .ci/setup`"
    return subprocess.run(command, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=180, check=False)


def test_shipped_javascript_passes_eslint() -> None:
    done = run(["npx", "eslint", *LINTED])
    assert done.returncode == 0, f"npx eslint {' '.join(LINTED)}\n{done.stdout}{done.stderr}"


def api() -> dict[str, Any]:
    request = {"folders": list(LINTED), "probes": [[str(ROOT / path), code] for path, code, _ in PROBES]}
    done = run(["node", "-e", API], json.dumps(request))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_eslint_reads_every_shipped_script_and_rejects_old_style() -> None:
    """Guards the lint above against a config that silently skips files or rules."""
    answer = api()
    linted = {Path(path).relative_to(ROOT).as_posix() for path in answer["files"]}
    shipped = {p.relative_to(ROOT).as_posix() for folder in LINTED for p in (ROOT / folder).rglob("*.js")}
    # only material's own scripts, copied as material minifies them, are left alone
    assert linted == {path for path in shipped if not Path(path).name.startswith("kb-md-")}
    assert len(linted) >= 5
    missed = [(path, rule, found) for (path, _, rule), found in zip(PROBES, answer["probes"], strict=True)
              if rule not in found]  # fmt: skip
    assert missed == []
