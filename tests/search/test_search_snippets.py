"""Result snippets, cut by the browser's search core: whole words, whole highlights, sentence starts."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

from kbgen.search.documents import SearchDocument
from kbgen.search.languages import language_key, process_word
from kbgen.search.tokenize import is_han, words

WIDTH = 180  # the worker's SNIPPET width
LANGS = ("en", "tr", "ro", "zh")
SENTENCE_END = re.compile(r"(?:[.!?…]['\"”’)\]]*\s+|[。！？]\s*)$")


def in_word(char: str) -> bool:
    """A letter, mark or digit of a word written with spaces between words (Han is cut anywhere)."""
    return unicodedata.category(char)[0] in "LMN" and not is_han(char)


def splits_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and in_word(text[at - 1]) and in_word(text[at])


def highlight(node: Any, key: str, cases: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    [answers] = node([{"op": "highlight", "key": key, "cases": cases}])
    return answers  # type: ignore[no-any-return]


def window(text: str, parts: list[dict[str, Any]]) -> tuple[int, int, bool]:
    """Where the snippet's text sits in the article text, and whether it opens with an ellipsis."""
    body = "".join(part["text"] for part in parts)
    lead = body.startswith("… ")
    body = body.removeprefix("… ").removesuffix(" …")
    places = [at for at in range(len(text)) if text.startswith(body, at)]
    assert places, f"snippet {body!r} is not a slice of the text"
    # a short snippet may occur more than once: take the place that makes the fewest complaints
    start = min(places, key=lambda at: splits_word(text, at) + splits_word(text, at + len(body)))
    return start, start + len(body), lead


def cases_for(doc: SearchDocument, key: str) -> list[dict[str, Any]]:
    """Every seventh word of a long article as the matched term: highlights spread over the whole text."""
    found = [w for w, han in words(doc.text) if not han]
    terms = [list(process_word(w, key)) for w in found[::7]]
    return [{"text": doc.text, "terms": t, "width": WIDTH} for t in terms if t]


@pytest.mark.parametrize("lang", LANGS)
def test_snippets_never_cut_a_word_and_start_at_a_sentence_or_a_word(
    node: Any, articles: list[SearchDocument], lang: str
) -> None:
    key = language_key(lang)
    docs = [doc for doc in articles if doc.lang == lang and len(doc.text) > WIDTH]
    cases = [case for doc in docs for case in cases_for(doc, key)]
    assert len(cases) > 20
    problems = []
    for case, parts in zip(cases, highlight(node, key, cases), strict=True):
        text = case["text"]
        start, end, lead = window(text, parts)
        if splits_word(text, start) or splits_word(text, end):
            problems.append(f"cuts a word: {text[max(0, start - 10) : start]}|{text[start : start + 20]} ... "
                            f"{text[end - 20 : end]}|{text[end : end + 10]}")  # fmt: skip
        at_sentence = start == 0 or bool(SENTENCE_END.search(text[:start]))
        if lead == at_sentence:
            problems.append(f"a snippet from {text[start : start + 30]!r} has lead={lead}, at a sentence={at_sentence}")
        short = bool(text[end:].strip()) and end - start < WIDTH - 40  # only the text's own end makes a short snippet
        if short or end - start > WIDTH:
            problems.append(f"{end - start} characters, not about {WIDTH}: {text[start:end]!r}")
        at = start
        for part in parts[1:] if lead else parts:
            if part["mark"] and (splits_word(text, at) or splits_word(text, at + len(part["text"]))):
                problems.append(f"a highlight cuts a word: {text[at - 5 : at + len(part['text']) + 5]!r}")
            at += len(part["text"])
    assert problems == []


def test_a_matched_word_at_the_end_of_the_text_is_highlighted_whole(node: Any) -> None:
    """The cut once fell inside the last word when no space followed it: "Invoicin" unmarked, "g." dropped."""
    text = "Add your company details and logo under Workspace settings, then choose a plan. " * 3 + "See Invoicing."
    [parts] = highlight(node, "en", [{"text": text, "terms": ["invoic"], "width": WIDTH}])
    assert {"text": "Invoicing", "mark": True} in parts
    assert "".join(p["text"] for p in parts).endswith("Invoicing.")


def test_a_match_in_a_short_last_sentence_still_gets_a_full_snippet(node: Any) -> None:
    """A match in the text's last word once made a snippet of that one word."""
    text = "Open the Billing tab and choose a plan that fits your team. " * 6 + "See Invoicing"
    [parts] = highlight(node, "en", [{"text": text, "terms": ["invoic"], "width": WIDTH}])
    shown = "".join(p["text"] for p in parts)
    assert shown.startswith("Open the Billing tab") and shown.endswith("See Invoicing")
    assert WIDTH - 60 < len(shown) <= WIDTH


def test_a_long_text_that_opens_with_the_match_starts_at_its_first_word(node: Any) -> None:
    text = "Every Tessera invoice has the same header and the same footer. " + "Filler words follow here. " * 20
    [parts] = highlight(node, "en", [{"text": text, "terms": ["everi"], "width": 60}])
    assert parts[0] == {"text": "Every", "mark": True}
    assert parts[-1] == {"text": " …", "mark": False}
    assert "".join(p["text"] for p in parts[:-1]) == "Every Tessera invoice has the same header and the same"


def test_a_snippet_deep_in_the_text_starts_at_the_sentence_holding_the_match(node: Any) -> None:
    text = "Open the Billing tab. " * 10 + "Invoice numbers start with TSR and count up. " + "Click Download. " * 20
    [parts] = highlight(node, "en", [{"text": text, "terms": ["invoic"], "width": WIDTH}])
    assert parts[0] == {"text": "Invoice", "mark": True}  # no "… " before a whole sentence


def test_without_a_sentence_start_nearby_a_snippet_starts_at_a_word_after_an_ellipsis(node: Any) -> None:
    text = "word " * 60 + "the invoice " + "word " * 60
    [parts] = highlight(node, "en", [{"text": text, "terms": ["invoic"], "width": 100}])
    assert parts[0] == {"text": "… ", "mark": False}
    assert parts[1]["text"].startswith("word ") and not parts[1]["text"].startswith(" ")


def test_chinese_is_cut_between_characters_but_never_inside_a_highlight(node: Any) -> None:
    text = "打开支出，选择附加收据，然后拍照上传。" * 4 + "财务经理审批报销后，款项将在三个工作日内到账。" * 3
    cases = [{"text": text, "terms": ["报销"], "width": width} for width in range(20, 60)]
    for parts in highlight(node, "zh", cases):
        marked = [p["text"] for p in parts if p["mark"]]
        assert marked and set(marked) == {"报销"}
