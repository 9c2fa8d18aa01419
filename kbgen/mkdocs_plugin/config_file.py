"""Reads mkdocs.yml exactly as MkDocs does, for `kbgen check` as much as for `kbgen build`.

MkDocs reads its configuration with its own YAML loader: `!ENV NAME` and `!ENV [NAME, default]` take values from
the environment, `INHERIT: base.yml` deep-merges a base file (relative to the file that names it), `!relative`
marks paths. A second, hand-written reader in the core would drift from that, and then the CI gate and the site
would judge the same content by different settings. So both commands hand the core the very mapping MkDocs'
`mkdocs.utils.yaml.yaml_load` returns; the core never imports MkDocs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from kbgen.config.project import Project, project_from_config
from kbgen.config.settings import ConfigError


def read_mkdocs_yml(config_file: Path) -> Any:
    """The configuration as MkDocs' loader returns it (`!ENV` and `INHERIT` resolved); ConfigError otherwise."""
    # As MkDocs does: an absolute path without resolving links, since INHERIT is relative to `handle.name`.
    path = os.path.abspath(config_file)  # noqa: PTH100 - Path.resolve() would follow a linked mkdocs.yml
    try:
        with Path(path).open("rb") as handle:
            return yaml_load(handle, get_yaml_loader(config=MkDocsConfig(config_file_path=path)))
    except FileNotFoundError:
        raise ConfigError(f"{config_file}: configuration file not found (use --config-file)") from None
    except ConfigurationError as exc:
        if isinstance(exc.__context__, yaml.MarkedYAMLError):  # MkDocs' own wrapping of the YAML parser's error
            raise ConfigError(yaml_error(config_file, path, exc.__context__)) from None
        raise ConfigError(f"{config_file}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config_file}: cannot read configuration: {exc}") from None
    except Exception as exc:  # a tag's constructor or a malformed INHERIT: MkDocs itself would stop here too
        raise ConfigError(f"{config_file}: cannot read configuration: {type(exc).__name__}: {exc}") from None


def load_project(config_file: Path, site_dir: Path | None = None) -> Project:
    """The project as MkDocs will see it; raises ConfigError, with the file named, for anything that stops kbgen."""
    return project_from_config(config_file, read_mkdocs_yml(config_file), site_dir)


def yaml_error(config_file: Path, path: str, error: yaml.MarkedYAMLError) -> str:
    """`FILE:LINE:COLUMN: YAML syntax error: ...` at the problem, as for front matter: MkDocs' own message is several
    lines of the parser's wording with the absolute path twice. A file INHERIT names is named as MkDocs opened it."""
    mark = error.problem_mark or error.context_mark
    where = str(config_file)
    if mark is not None and mark.name not in (path, "<unicode string>", "<file>"):
        where = mark.name
    position = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
    problem = error.problem or error.context or "invalid YAML"
    opened = error.context_mark
    context = (
        f" ({error.context} at line {opened.line + 1}, column {opened.column + 1})"
        if error.context and opened is not None and error.problem and opened is not mark
        else ""
    )
    if "quoted scalar" in f"{error.context}":
        fix = "close the quote that value opens"
    elif "block" in f"{error.context} {problem}":
        fix = "keys of one mapping line up, and each level is indented with spaces"
    elif "flow" in f"{error.context} {problem}":
        fix = "close each '[' and '{' on the same value, or quote a value that holds one"
    else:
        fix = "check the indentation there, or quote a value that holds ':', '#', '[' or '{'"
    return f"{where}{position}: YAML syntax error: {problem}{context}; {fix}"


def config_chain(config_file: Path) -> list[Path]:
    """mkdocs.yml and each file its `INHERIT` names, in turn, as MkDocs opens them: every file the configuration
    is read from. Only each file's own `INHERIT` is looked at (the YAML is composed, no tag runs); a file that
    cannot be read ends the chain, since the build reports it."""
    found: list[str] = []
    path = os.path.abspath(config_file)  # noqa: PTH100 - as read_mkdocs_yml: INHERIT is relative to this spelling
    while path not in found:
        found.append(path)
        try:
            with Path(path).open("rb") as handle:
                node = yaml.compose(handle, Loader=yaml.SafeLoader)
        except (OSError, yaml.YAMLError):
            break
        named = _inherit(node)
        if named is None:
            break
        path = os.path.normpath(os.path.join(os.path.dirname(path), named))  # noqa: PTH118, PTH120 - MkDocs' own
    return [Path(name) for name in found]


def _inherit(node: yaml.Node | None) -> str | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
            return str(value.value)
    return None
