"""Interface text kbgen adds to pages, in each supported language; English fills any gap."""

from __future__ import annotations

from datetime import date

LANGUAGE_NAMES = {"en": "English", "tr": "Türkçe", "ro": "Română", "zh": "中文"}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "applies_to": "Applies to version",
        "all_versions": "All versions",
        "last_reviewed": "Last reviewed",
        "articles_one": "1 article",
        "articles_other": "{n} articles",
        "translations": "Also available in",
        "choose_language": "Choose your language",
        "categories": "Browse by topic",
        "no_articles": "No articles in this category yet.",
        "all_articles": "All {n} articles",
        "home": "Home",
        "breadcrumbs": "You are here",
        "sections": "Sections",
        "articles": "Articles",
        "stale_notice_title": "This article may be out of date",
        "stale_notice": "It was last reviewed on {reviewed}; some details may have changed since then.",
    },
    "tr": {
        "applies_to": "Geçerli sürüm",
        "all_versions": "Tüm sürümler",
        "last_reviewed": "Son gözden geçirme",
        "articles_one": "1 makale",
        "articles_other": "{n} makale",
        "translations": "Diğer diller",
        "choose_language": "Dilinizi seçin",
        "categories": "Konuya göre göz atın",
        "no_articles": "Bu kategoride henüz makale yok.",
        "all_articles": "{n} makalenin tümü",
        "home": "Ana sayfa",
        "breadcrumbs": "Buradasınız",
        "sections": "Bölümler",
        "articles": "Makaleler",
        "stale_notice_title": "Bu makale güncel olmayabilir",
        "stale_notice": "En son {reviewed} tarihinde gözden geçirildi; bazı ayrıntılar değişmiş olabilir.",
    },
    "ro": {
        "applies_to": "Se aplică versiunii",
        "all_versions": "Toate versiunile",
        "last_reviewed": "Ultima revizuire",
        "articles_one": "1 articol",
        "articles_other": "{n} articole",
        "translations": "Disponibil și în",
        "choose_language": "Alegeți limba",
        "categories": "Răsfoiți după subiect",
        "no_articles": "Încă nu există articole în această categorie.",
        "all_articles": "Toate cele {n} articole",
        "home": "Acasă",
        "breadcrumbs": "Vă aflați aici",
        "sections": "Secțiuni",
        "articles": "Articole",
        "stale_notice_title": "Este posibil ca acest articol să nu fie actual",
        "stale_notice": "A fost revizuit ultima dată pe {reviewed}; unele detalii s-ar putea să se fi schimbat.",
    },
    "zh": {
        "applies_to": "适用版本",
        "all_versions": "所有版本",
        "last_reviewed": "上次审核",
        "articles_one": "1 篇文章",
        "articles_other": "{n} 篇文章",
        "translations": "其他语言版本",
        "choose_language": "选择语言",
        "categories": "按主题浏览",
        "no_articles": "此类别暂无文章。",
        "all_articles": "全部 {n} 篇文章",
        "home": "首页",
        "breadcrumbs": "当前位置",
        "sections": "栏目",
        "articles": "文章",
        "stale_notice_title": "本文内容可能已过时",
        "stale_notice": "本文上次审核于{reviewed}，此后部分内容可能已有变化。",
    },
}

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    "ro": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie",
}


def strings(lang: str) -> dict[str, str]:
    return {**STRINGS["en"], **STRINGS.get(lang, {})}


def language_name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, lang)


def count_text(n: int, lang: str) -> str:
    table = strings(lang)
    return table["articles_one"] if n == 1 else table["articles_other"].format(n=n)


def format_date(day: date, lang: str) -> str:
    """A reader's long date; built here, not by the browser, so output is the same on every machine."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    months = _MONTHS.get(lang, _MONTHS["en"]).split()
    return f"{day.day} {months[day.month - 1]} {day.year}"
