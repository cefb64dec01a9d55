"""Feature extraction for the statistical scorer (pure Python, deterministic).

This normalisation is FROZEN together with the shipped model: the model's vocabulary was
built with exactly these rules, so changing them requires retraining (bump
``FEATURES_VERSION``).  It is deliberately independent of ``normalize.py`` (the lexical
normaliser with offset maps), which may evolve with the word lists without invalidating the
model.
"""
from __future__ import annotations

import re
import unicodedata

FEATURES_VERSION = "f3"

# Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks), tatweel,
# zero-width and bidi controls: removed.
_REMOVE = dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640,
     *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF, 0x00AD,
     0x034F, 0x180E]
)
_MAP = {
    # letter variants
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه",
    "ؤ": "و",
    "ک": "ك", "گ": "ق", "ڪ": "ك",  # گ writes the Gulf / Iraqi g of ق ("يگول", "گلبي")
    "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڨ": "ق",
    # Arabic-Indic and Persian digits
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    # Arabic punctuation
    "،": ",", "؛": ";", "؟": "?", "٪": "%",
}
_TRANS = {**_REMOVE, **{ord(k): v for k, v in _MAP.items()}}
_TRANS_STR = {chr(k): ("" if v is None else v) for k, v in _TRANS.items()}
_TRANS_RE = re.compile("[" + "".join(re.escape(c) for c in _TRANS_STR) + "]")

# Dataset / platform artefacts that carry no meaning: retweet marks, user placeholders,
# literal line-feed markers.
_ARTEFACTS = re.compile(r"<lf>|\brt\b|@\s?user\b|مستخدم\s?@|@[\w_]+", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|info|me|ly|io|co)\b\S*",
                  re.IGNORECASE)
_TLD_HINT = re.compile(r"\.(?:com|net|org|info|me|ly|io|co)\b", re.IGNORECASE)
_REPEAT = re.compile(r"(.)\1\1+")  # 3+ identical characters -> one
_DIGITS = re.compile(r"\d+")
_PUNCT_NOISE = set(".,;:!?\"'()[]{}<>-_*/\\|~`^+=&%$#")
# A token is a run of letters (any script) or a single other non-space symbol (emoji etc.);
# punctuation noise is never a token (the class leaves it out, so no pass drops it afterwards).
_TOKEN = re.compile(r"[^\W\d_]+|[^\w\s" + re.escape("".join(sorted(_PUNCT_NOISE))) + "]", re.UNICODE)
# tokens() has work to do only when a token is a single Arabic letter
_ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B))


def _translate_match(m: re.Match) -> str:
    return _TRANS_STR[m.group()]


def normalise(text: str) -> str:
    """Lower-case, strip diacritics/tatweel/controls, fold letter variants, collapse elongation."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _TRANS_RE.sub(_translate_match, text).lower()
    if "http" in text or "www." in text or ("." in text and _TLD_HINT.search(text)):
        text = _URL.sub(" urltoken ", text)
    if "@" in text or "<lf>" in text or "rt" in text:
        text = _ARTEFACTS.sub(" ", text)
    text = _REPEAT.sub(r"\1", text)
    text = _DIGITS.sub("0", text)
    return text


def tokens(norm: str) -> list[str]:
    """Word tokens; runs of >= 2 single Arabic letters (``خ ن ز ي ر``) are re-joined."""
    found = _TOKEN.findall(norm)
    if _ARABIC_LETTERS.isdisjoint(found):  # the usual case: nothing to re-join
        return found
    out: list[str] = []
    run: list[str] = []
    for tok in found:
        if len(tok) == 1 and "\u0621" <= tok <= "\u064a":
            run.append(tok)
            continue
        if run:
            out.append("".join(run) if len(run) > 1 else run[0])
            run = []
        out.append(tok)
    if run:
        out.append("".join(run) if len(run) > 1 else run[0])
    return out


def char_grams(tok: str, char_min: int = 2, char_max: int = 5) -> list[str]:
    """Char n-grams of one token padded with spaces (``c:`` features), prefixed ``#``."""
    if len(tok) == 1:
        return []
    w = " " + tok + " "
    lw = len(w)
    out: list[str] = []
    for n in range(char_min, min(char_max, lw) + 1):
        out.extend(["#" + w[j:j + n] for j in range(lw - n + 1)])
    return out


def extract(text: str, char_min: int = 2, char_max: int = 5, word_max: int = 2) -> list[str]:
    """Feature strings: word n-grams and char n-grams inside padded words (``#`` prefix)."""
    toks = tokens(normalise(text))
    feats: list[str] = []
    append = feats.append
    n_tok = len(toks)
    for i, t in enumerate(toks):
        append(t)
        if word_max >= 2 and i + 1 < n_tok:
            append(t + " " + toks[i + 1])
            if word_max >= 3 and i + 2 < n_tok:
                append(t + " " + toks[i + 1] + " " + toks[i + 2])
        feats.extend(char_grams(t, char_min, char_max))
    return feats
