"""The registry of finding codes: stable ids, slugs and default severities, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from kbgen.model import Finding, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    slug: str
    severity: Severity
    summary: str

    def finding(self, path: str, line: int, column: int, message: str) -> Finding:
        return Finding(self.code, self.slug, self.severity, path, max(line, 1), max(column, 1), message)


_E, _W = Severity.ERROR, Severity.WARNING

RULES: tuple[Rule, ...] = (
    # KB1xx: files and front matter
    Rule("KB101", "front-matter-syntax", _E, "front matter is not valid YAML"),
    Rule("KB102", "front-matter-delimiters", _E, "front matter block is not opened or closed correctly"),
    Rule("KB103", "duplicate-key", _E, "a front-matter key appears twice"),
    Rule("KB104", "front-matter-not-mapping", _E, "front matter is not a mapping of keys to values"),
    Rule("KB105", "yaml-alias", _E, "YAML anchors and aliases are not allowed"),
    Rule("KB106", "front-matter-too-large", _E, "front matter exceeds the size limit"),
    Rule("KB107", "control-character", _E, "a control character in front matter"),
    Rule("KB110", "missing-field", _E, "a required field is missing or empty"),
    Rule("KB112", "wrong-type", _E, "a field has the wrong type"),
    Rule("KB113", "unknown-field", _W, "a front-matter key kbgen does not know"),
    Rule("KB115", "invalid-version", _E, "a product version that is not configured"),
    Rule("KB116", "invalid-value", _E, "a field value outside its allowed set"),
    Rule("KB117", "public-under-internal", _W, "'audience: public' under an internal section, which has no effect"),
    Rule("KB120", "invalid-date", _E, "a date that is not a real YYYY-MM-DD date"),
    Rule("KB121", "date-not-datetime", _E, "a date-time where a date is expected"),
    Rule("KB122", "far-future-date", _W, "a date implausibly far in the future"),
    Rule("KB130", "encoding", _E, "the file is not UTF-8"),
    Rule("KB131", "stray-file", _E, "a file type that is not published"),
    Rule("KB132", "misplaced-article", _E, "a Markdown file outside content/<lang>/[<category>/<section>/…]<slug>.md"),
    Rule("KB133", "unknown-language", _E, "a language folder that is not configured"),
    Rule("KB134", "markdown-extension", _E, "a Markdown file not named with the lower-case '.md' extension"),
    Rule("KB135", "active-svg", _E, "an SVG file that would run script or load from elsewhere when opened"),
    Rule("KB136", "too-deep", _E, "a Markdown file more section folders deep than max_depth allows"),
    # KB137 (unshown-text) is retired: a section's or home's text is now shown. Its id is never reused.
    Rule("KB138", "unclosed-comment", _E, "an HTML comment that is never closed, so the site would show its text"),
    Rule("KB139", "unclosed-fence", _E, "a code fence that is never closed, so the site would show what follows"),
    Rule("KB150", "template-syntax", _W, "a Hugo shortcode or Liquid/Jinja tag outside code, shown as text"),
    Rule("KB143", "symlink", _E, "a symbolic link in the content tree"),
    Rule("KB145", "unreadable-file", _E, "a file that cannot be read"),
    Rule("KB146", "url-unsafe-name", _E, "a Markdown file or folder name with '#' or '%', which breaks its address"),
    Rule("KB147", "deceptive-name", _E, "a file or folder name with a bidirectional control, which reads as another"),
    Rule("KB162", "file-too-large", _E, "a file exceeds the size limit"),
    # KB14x, KB16x, KB9xx: hardening (non-portable paths, links out of the tree, render budget, internal errors)
    Rule("KB142", "non-portable-name", _E, "a file name that cannot exist on Windows or macOS"),
    Rule("KB144", "dangling-symlink", _E, "a symbolic link whose target does not exist or loops"),
    Rule("KB160", "render-too-slow", _E, "inline markup so dense that rendering would take too long"),
    Rule("KB161", "nesting-too-deep", _E, "Markdown that would take the renderer too long or too deep"),
    Rule("KB900", "internal-error", _E, "kbgen failed unexpectedly; the site was not updated"),
    # KB2xx: freshness and review
    Rule("KB201", "stale", _E, "the article is past its review due date"),
    Rule("KB202", "due-soon", _W, "the article falls due for review within the due_soon window"),
    Rule("KB203", "unsupported-version", _E, "every product version the article targets is unsupported"),
    Rule("KB204", "review-in-future", _W, "the review date is after today"),
    # KB3xx: links, anchors, images, collisions, redirects
    Rule("KB301", "broken-link", _E, "a link to a page or file the site will not have"),
    Rule("KB302", "broken-anchor", _E, "a #fragment that matches no heading or anchor in the target page"),
    Rule("KB303", "missing-image", _E, "an image or downloadable file that is not in the content folder"),
    Rule("KB304", "link-to-unpublished", _E, "a public article links to a draft, archived, internal or rejected page"),
    Rule("KB305", "unsafe-link-scheme", _E, "a javascript:, vbscript:, data: or file: link"),
    Rule("KB306", "duplicate-url", _E, "two source files would be written to the same URL"),
    Rule("KB307", "duplicate-title", _W, "two articles in one language and category share a title"),
    Rule("KB308", "invalid-redirect", _E, "a redirect_from entry that is not a path inside the site"),
    Rule("KB309", "external-link-unreachable", _W, "an external link that did not answer (kbgen check --external)"),
    Rule("KB310", "redirect-spaces", _W, "a redirect_from entry with spaces around it, read without them"),
    Rule("KB311", "external-image", _W, "an image on another site, which the help center never loads"),
    # KB4xx: maintenance (owners who exist, translations that keep up, releases and edits that make articles due)
    Rule("KB401", "unknown-owner", _E, "an article's owner is not on the roster (or CODEOWNERS), or is inactive"),
    Rule("KB402", "roster-invalid", _E, "the roster or CODEOWNERS file cannot be read or has an error"),
    Rule("KB410", "translation-outdated", _W, "the source article changed since the translation was made"),
    Rule("KB411", "orphan-translation", _W, "a translation whose source article no longer exists"),
    Rule("KB412", "translation-unverified", _W, "a translation without a source_hash, so its currency is unknown"),
    Rule("KB413", "missing-translation", _W, "a public article has no translation in a required language"),
    Rule("KB414", "translation-of-unpublished", _W, "a public translation of a draft, archived or internal article"),
    Rule("KB420", "release-review", _W, "a release the article applies to came out after its last review"),
    Rule("KB421", "edited-without-review", _W, "the body changed substantially in git after the last recorded review"),
    # KB5xx: search (synonyms/<lang>.yml)
    Rule("KB501", "synonyms-syntax", _E, "a synonyms file or group that is not a list of lists of phrases"),
    Rule("KB502", "synonyms-language", _E, "a synonyms file for a language that is not configured"),
    Rule("KB503", "synonyms-unused", _W, "a synonym group no article's words can match"),
)

_BY_SLUG = {rule.slug: rule for rule in RULES}


def rule(slug: str) -> Rule:
    """Look a rule up by slug; a typo here is a programming error, so it raises."""
    return _BY_SLUG[slug]
