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
        "translation_notice_title": "This translation may be behind the original",
        "translation_notice": "The original of this article has changed since it was translated; "
        "some details here may be out of date.",
        "translation_notice_link": "Read the original ({language})",
        "search_label": "Search",
        "search_placeholder": "Search the help center",
        "search_version": "Product version",
        "search_more": "Show more results",
        "search_loading": "Searching…",
        "search_results_one": "1 result",
        "search_results_other": "{n} results",
        "search_partial": "No article has every word; showing articles with some of them.",
        "search_none": "No results for “{query}”",
        "search_did_you_mean": "Did you mean:",
        "search_contact": "Still need help?",
        "search_other_languages": "In other languages",
        "search_error": "Search is unavailable right now.",
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
        "translation_notice_title": "Bu çeviri özgün metnin gerisinde kalmış olabilir",
        "translation_notice": "Bu makalenin özgün metni çevrildikten sonra değişti; "
        "buradaki bazı ayrıntılar güncel olmayabilir.",
        "translation_notice_link": "Özgün metni okuyun ({language})",
        "search_label": "Ara",
        "search_placeholder": "Yardım merkezinde ara",
        "search_version": "Ürün sürümü",
        "search_more": "Daha fazla sonuç göster",
        "search_loading": "Aranıyor…",
        "search_results_one": "1 sonuç",
        "search_results_other": "{n} sonuç",
        "search_partial": "Tüm kelimeleri içeren makale yok; bazılarını içerenler gösteriliyor.",
        "search_none": "Sonuç bulunamadı: “{query}”",
        "search_did_you_mean": "Bunu mu demek istediniz:",
        "search_contact": "Hâlâ yardıma mı ihtiyacınız var?",
        "search_other_languages": "Diğer dillerde",
        "search_error": "Arama şu anda kullanılamıyor.",
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
        "translation_notice_title": "Este posibil ca această traducere să fie în urma originalului",
        "translation_notice": "Originalul acestui articol s-a schimbat de când a fost tradus; "
        "unele detalii de aici s-ar putea să nu mai fie actuale.",
        "translation_notice_link": "Citiți originalul ({language})",
        "search_label": "Căutare",
        "search_placeholder": "Căutați în centrul de ajutor",
        "search_version": "Versiunea produsului",
        "search_more": "Mai multe rezultate",
        "search_loading": "Se caută…",
        "search_results_one": "1 rezultat",
        "search_results_other": "{n} rezultate",
        "search_partial": "Niciun articol nu conține toate cuvintele; se afișează articole cu unele dintre ele.",
        "search_none": "Niciun rezultat pentru “{query}”",
        "search_did_you_mean": "Ați vrut să spuneți:",
        "search_contact": "Mai aveți nevoie de ajutor?",
        "search_other_languages": "În alte limbi",
        "search_error": "Căutarea nu este disponibilă acum.",
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
        "translation_notice_title": "本译文可能未与原文同步",
        "translation_notice": "本文原文在翻译后已有更新，此处部分内容可能已过时。",
        "translation_notice_link": "阅读原文（{language}）",
        "search_label": "搜索",
        "search_placeholder": "搜索帮助中心",
        "search_version": "产品版本",
        "search_more": "显示更多结果",
        "search_loading": "正在搜索…",
        "search_results_one": "1 个结果",
        "search_results_other": "{n} 个结果",
        "search_partial": "没有文章包含所有词语；显示包含部分词语的文章。",
        "search_none": "没有找到结果： “{query}”",
        "search_did_you_mean": "您是不是要找：",
        "search_contact": "仍需要帮助？",
        "search_other_languages": "其他语言",
        "search_error": "搜索暂时不可用。",
    },
}

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    "ro": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie",
}


# What kb-search.js shows; the search form hands these to it as JSON, so the script keeps no table of its own.
# ``{n}`` and ``{query}`` are filled in by the script.
SCRIPT_KEYS = (
    "all_versions",
    "search_contact",
    "search_did_you_mean",
    "search_error",
    "search_loading",
    "search_none",
    "search_other_languages",
    "search_partial",
    "search_results_one",
    "search_results_other",
)


def strings(lang: str) -> dict[str, str]:
    return {**STRINGS["en"], **STRINGS.get(lang, {})}


def script_strings(lang: str) -> dict[str, str]:
    """The part of the table the search script needs, for the page to carry as JSON."""
    table = strings(lang)
    return {key: table[key] for key in SCRIPT_KEYS}


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
