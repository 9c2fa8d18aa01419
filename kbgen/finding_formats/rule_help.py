"""What each rule protects and how to fix a finding of it, for reports that show help beside a finding (SARIF)."""

from __future__ import annotations

from dataclasses import dataclass

from kbgen.rules import Rule

# The README is kbgen's manual; each rule family has a section there. Point this at the repository's README
# once the project has a public repository address; the package page shows the same README.
DOCS_URL = "https://pypi.org/project/kbgen/"
_SECTIONS = {
    "KB1": "articles",
    "KB14": "hardening-hostile-input-atomic-builds-reproducible-output-preview-server",
    "KB16": "hardening-hostile-input-atomic-builds-reproducible-output-preview-server",
    "KB9": "hardening-hostile-input-atomic-builds-reproducible-output-preview-server",
    "KB2": "freshness-stale-articles-ci-reports-owner-reports-and-review",
    "KB3": "links-anchors-images-and-redirects",
    "KB4": "maintenance-owners-who-exist-translations-that-keep-up-releases-that-make-articles-due",
    "KB5": "search-typos-synonyms-and-titles",
}

# code: (why the rule exists, how to fix a finding)
_HELP: dict[str, tuple[str, str]] = {
    "KB101": ("The front matter must be valid YAML; kbgen cannot read the article's fields otherwise and does not "
              "publish it.", "Fix the YAML at the line named: close brackets and quotes, indent with spaces."),
    "KB102": ("Front matter opens with '---' on the first line and closes with '---' or '...'; otherwise the "
              "block is not recognised.", "Put '---' on line 1 and another '---' after the last key."),
    "KB103": ("YAML keeps only the last of two equal keys, silently losing the first value.",
              "Remove one of the two keys."),
    "KB104": ("The front matter must be a mapping of keys to values, not a list or a single value.",
              "Write one 'key: value' per line."),
    "KB105": ("YAML anchors and aliases can expand to huge documents (an alias bomb) and are never needed here.",
              "Write the value out instead of using '&anchor' and '*alias'."),
    "KB106": ("Very large front matter slows every build and usually means body text ended up in the block.",
              "Shorten the front matter; move text into the article body."),
    "KB107": ("Control characters are invisible in editors and break YAML and the site's HTML.",
              "Delete the character at the column named."),
    "KB110": ("Every article needs a title, an owner, a review date and the product versions it covers.",
              "Add the missing key with a value."),
    "KB112": ("The field's value has the wrong type (for example a list where text is expected).",
              "Write the value in the form the message names."),
    "KB113": ("A key kbgen does not know is usually a typo of a known one and is otherwise ignored.",
              "Fix the spelling or remove the key."),
    "KB115": ("An article may only name product versions configured in mkdocs.yml.",
              "Use a configured version, or add it to 'product_versions'."),
    "KB116": ("The field only accepts a fixed set of values.", "Use one of the values the message lists."),
    "KB117": ("An internal section keeps every article below it internal; 'audience: public' there has no effect.",
              "Remove 'audience: public', or make the section public."),
    "KB120": ("Review dates must be real dates in YYYY-MM-DD form, or freshness cannot be judged.",
              "Write the date as YYYY-MM-DD, e.g. 2026-09-01."),
    "KB121": ("A date-time where a date is expected; the time part is not meaningful for a review.",
              "Write only the date, YYYY-MM-DD."),
    "KB122": ("A date far in the future is usually a typo and would hide the article from review.",
              "Check the year."),
    "KB130": ("Articles must be UTF-8 so every tool reads the same characters.", "Save the file as UTF-8."),
    "KB131": ("Only Markdown and asset types are published; anything else may be private and is refused.",
              "Move the file out of the content folder, or use an allowed type."),
    "KB132": ("Articles live at content/<lang>/<category>/<slug>.md; elsewhere they have no place in the site.",
              "Move the file to content/<lang>/<category>/<slug>.md."),
    "KB133": ("The first folder under the content root is a language, and it must be configured.",
              "Add the language to 'languages' in mkdocs.yml, or move the file."),
    "KB134": ("Only '.md' files are articles; MkDocs would copy 'Guide.MD' raw, front matter included, or render "
              "'.markdown' outside kbgen's checks.", "Rename the file to end in lower-case '.md'."),
    "KB135": ("An SVG with scripts, event handlers, embedded HTML or external references would run or load content "
              "in the site's origin.", "Export the drawing again as a plain SVG."),
    "KB136": ("Sections may nest only max_depth folders deep.",
              "Move the file up, or raise 'max_depth' in mkdocs.yml."),
    "KB138": ("A Markdown preview hides everything after an unclosed '<!--', but the site's renderer prints it as "
              "text, so a note meant for writers would be published.", "Close the comment with '-->'."),
    "KB139": ("A Markdown preview shows everything after an unclosed code fence as code, but the site's renderer "
              "prints the fence as text and makes the links after it live, unchecked.",
              "Close the code block with a line of the same fence (``` or ~~~)."),
    "KB150": ("Hugo, Jekyll and MkDocs' macros plugin run template tags before the Markdown is read; kbgen does "
              "not, so the page shows '{{< note >}}' or '{% include x %}' as text and misses what it meant.",
              "Write it in Markdown: an admonition for a callout, a relative link for a ref, the text for an "
              "include; in a page about templates, put the tag in a code span or block."),
    "KB142": ("A file name that cannot exist on Windows or macOS breaks checkouts there.",
              "Rename the file without reserved names, characters or trailing dots and spaces."),
    "KB143": ("Symbolic links could publish files from outside the content folder, so they are never followed.",
              "Replace the link with a copy of the file."),
    "KB144": ("A symbolic link whose target is missing or loops.", "Remove the link."),
    "KB146": ("A page's address is its path: '#' would start a fragment and '%' an escape, so the listings, related "
              "links and search results pointing at it would lead elsewhere.", "Rename the file or folder without "
              "'#' and '%' (write 'c-sharp', 'percent')."),
    "KB147": ("An invisible bidirectional control (such as U+202E) reverses how the rest of the name is shown, so a "
              "review, a listing or the page's address reads another name than the file has.",
              "Rename the file or folder without the control character."),
    "KB145": ("The file could not be read (permissions or an I/O error).", "Check the file's permissions."),
    "KB160": ("Some inline Markdown (long runs of tags, entities, links or emphasis) makes the renderer slow down "
              "faster than the text grows, so one page could stall every build.",
              "Split the paragraph or table row named, or write the repeated markup as plain text or code."),
    "KB161": ("Markdown nested this deep would take the renderer too long or too deep.",
              "Close or escape the brackets, or flatten the nesting."),
    "KB162": ("Very large files slow every build and are usually not articles.", "Split the article."),
    "KB401": ("Every article needs an owner who exists, so a stale article always reaches a person.",
              "Add the owner to the roster (or CODEOWNERS), mark them active, or give the article another owner."),
    "KB402": ("The roster lists the people and teams who own articles; kbgen cannot check owners without it.",
              "Fix the roster file at the line named."),
    "KB410": ("The source article changed after this translation was made, so readers may get old instructions.",
              "Update the translation from the source, then run 'kbgen review' on it to record the new source."),
    "KB411": ("This translation names a source article that no longer exists.",
              "Move the translation beside its source's new place, or delete or archive it."),
    "KB412": ("kbgen cannot tell whether this translation matches its source: it records no source_hash.",
              "Check it against the source, then run 'kbgen review' on it to record the source it matches."),
    "KB413": ("A language the site requires has no translation of this article.",
              "Translate the article into the language named, or take the language out of required_languages."),
    "KB414": ("The source article was withdrawn (draft, archived or internal) but this translation is public, so "
              "the site still publishes its content in another language.",
              "Withdraw the translation the same way (the message names the key), or publish the source again."),
    "KB420": ("A release changed or dropped a product version this article covers after its last review.",
              "Re-read the article against the release, then run 'kbgen review' on it."),
    "KB421": ("The article's text changed substantially since its last recorded review.",
              "Re-read the article, then run 'kbgen review' on it to record the review."),
    "KB900": ("kbgen failed unexpectedly; the site was not updated.",
              "Rerun with --debug and report the traceback."),
    "KB201": ("The article is past its review due date, so customers may be reading outdated instructions.",
              "Re-read the article, update it, then record the review: kbgen review PATH."),
    "KB202": ("The article falls due for review soon.", "Plan its review with the owner named."),
    "KB203": ("Every product version the article targets is unsupported, so no current customer needs it.",
              "Update it for a supported version, or archive it (status: archived)."),
    "KB204": ("A review date after today is usually a typo and would hide the article's staleness.",
              "Correct the 'reviewed' date."),
    "KB301": ("The link leads to a page or file the built site will not have; customers would get a 404.",
              "Fix the path (the message suggests the nearest article), or link with the .md file's relative path."),
    "KB302": ("The #fragment matches no heading or anchor in the target page, so the link lands at its top.",
              "Use one of the heading ids the message lists, or add an explicit {#id}."),
    "KB303": ("The image or download is not in the content folder; the page would show a broken image.",
              "Add the file under content/ or fix the path."),
    "KB304": ("A public article links to a page customers cannot see (draft, archived, internal or refused).",
              "Link a published article, or publish the target."),
    "KB305": ("javascript:, vbscript:, data: and file: links are unsafe or do not work for customers.",
              "Link a page or an https:// URL."),
    "KB306": ("Two source files would be written to the same URL; one would silently replace the other.",
              "Rename or remove one of the two files."),
    "KB307": ("Two articles in one language and category share a title; readers cannot tell them apart.",
              "Give one of them a distinct title."),
    "KB308": ("A redirect_from entry must be a path inside the site that no page already uses.",
              "Write a site path such as en/billing/old-name/, or remove the entry."),
    "KB309": ("An external link did not answer (kbgen check --external).",
              "Check the URL; update or remove the link."),
    "KB310": ("Spaces before or after a redirect_from entry are no part of the old address; kbgen reads the entry "
              "without them, so the file says something other than what is published.",
              "Remove the spaces inside the quotes."),
    "KB311": ("The help center makes no request to another site (no trackers, no CDNs), so an image hosted elsewhere "
              "is not loaded: readers see only its alt text.",
              "Download the image into the content folder, beside the article, and link it from there."),
    "KB501": ("A synonyms file must be a YAML list of groups, each a list of two or more phrases; a broken file is "
              "left out of the search index.", "Write groups as '- [invoice, bill]' and quote numbers."),
    "KB502": ("Synonyms are per language, named after a configured language (synonyms/<lang>.yml).",
              "Rename the file after a language in 'languages', or add the language there."),
    "KB503": ("A synonym group helps only if one of its phrases is a word the articles use.",
              "Add the word the articles use to the group, or remove the group."),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RuleHelp:
    description: str
    fix: str
    uri: str

    @property
    def text(self) -> str:
        return f"{self.description} Fix: {self.fix}"

    def markdown(self, rule: Rule) -> str:
        title = f"**{rule.code} `{rule.slug}`**"
        return f"{title}: {self.description}\n\n**Fix:** {self.fix}\n\n[Documentation]({self.uri})"


def help_for(rule: Rule) -> RuleHelp:
    """Every rule has help (a test holds the registry and this table together); a rule added without it still
    gets its summary, so a report never fails for want of help text."""
    description, fix = _HELP.get(rule.code, (rule.summary[:1].upper() + rule.summary[1:] + ".", "See the message."))
    prefix = max((prefix for prefix in _SECTIONS if rule.code.startswith(prefix)), key=len)
    return RuleHelp(description, fix, f"{DOCS_URL}#{_SECTIONS[prefix]}")
