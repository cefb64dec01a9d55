"""Arabic-aware text normalisation with an offset map back to the original text.

Pure Python, no Django.  ``normalize(text)`` returns a :class:`Normalized` whose ``text`` is the
*matching view* of the comment:

* Unicode NFKC + casefold, combining marks dropped (Arabic harakat, shadda, sukun, tanwin,
  superscript alef, Quranic annotation marks; Latin accents), tatweel dropped, zero-width and
  bidi controls (ZWJ, ZWNJ, LRM, RLM, U+202A-202E, U+2066-2069, BOM, soft hyphen) dropped;
* Arabic letter variants unified (أ إ آ ٱ ا -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي) and Persian /
  Urdu / Kurdish / Maghrebi look-alikes mapped to Arabic letters (ک -> ك, ی -> ي, ھ -> ه, ...);
* Arabic-Indic and Persian digits -> ASCII digits;
* Cyrillic / Greek homoglyphs of Latin letters -> Latin;
* runs of SINGLE letters split by spaces, dots, dashes, underscores, asterisks ... are joined
  ("ك ل ب", "k-a-l-b" -> one word; two spelled Arabic letters too: "ك س") while normal word
  spacing is kept; masking asterisks inside a word are dropped ("f*ck");
* "@" / "$" touching a Latin letter and "!" / "|" inside a Latin word are letters ("a$$", "sh!t");
* every other run of non-letters/non-digits becomes one space (so phrases tolerate punctuation);
* runs of the same letter are squeezed to one ("حماااار" -> "حمار"); ``runs[k]`` keeps how many
  letters were squeezed into position ``k`` so a caller can still tell "as" from "ass".

Arabic typed in the legacy Windows code page and read as Western ("ÇäÊ ÍãÇÑ" for "انت حمار")
is repaired by :func:`repair_mojibake`, which the engine applies before every stage (one
character per character, so offsets still point into what the reader sent).

Two more views are built on demand: :meth:`Normalized.leet_text` (English leetspeak decoded in
Latin tokens, same length and offsets as ``text``) and :func:`arabizi_tokens` (Latin-script
tokens transliterated to an Arabic consonant skeleton, for matching Arabic terms written in
Arabizi such as "7mar" or "kalb").

``starts[k]``/``ends[k]`` give the original offsets of normalised character ``k``;
:meth:`Normalized.span` maps a normalised slice back to an original slice (including trailing
diacritics).  Normalisation never raises and is idempotent on ``text``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, itemgetter, sub

__all__ = [
    "Normalized",
    "normalize",
    "normalize_term",
    "arabizi_tokens",
    "arabizi_skeleton",
    "arabic_skeleton",
    "is_latin_word",
    "repair_mojibake",
]

_DROP = "\x00"  # marker for a dropped character (same-length intermediate strings)

# --- character tables ---------------------------------------------------------------------

# Arabic letter variants and look-alikes (applied after NFKC/NFD mark stripping).
_LETTER_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ٵ": "ا",
    "ى": "ي", "ئ": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ێ": "ي", "ے": "ي", "ۓ": "ي", "ٸ": "ي",
    "ؤ": "و", "ۆ": "و", "ۇ": "و", "ۈ": "و", "ۋ": "و", "ۅ": "و", "ۉ": "و", "ٶ": "و", "ٷ": "و",
    "ة": "ه", "ھ": "ه", "ہ": "ه", "ۃ": "ه", "ە": "ه", "ۀ": "ه", "ۂ": "ه",
    "ک": "ك", "ڪ": "ك", "گ": "ق", "ڭ": "ك",  # گ writes the Gulf / Iraqi g of ق: "گلبي" = قلبي "ڬ": "ك", "ګ": "ك", "ڮ": "ك",
    "چ": "ك",  # Iraqi/Gulf colloquial writes ch for kaf ("چلب")
    "پ": "ب", "ڤ": "ف", "ڥ": "ف", "ڨ": "ق", "ڧ": "ق", "ژ": "ز", "ڑ": "ر", "ڕ": "ر", "ړ": "ر",
    "ٹ": "ت", "ټ": "ت", "ڈ": "د", "ډ": "د", "ڊ": "د", "ں": "ن", "ڼ": "ن", "ڵ": "ل", "ڶ": "ل",
    "ڒ": "ز", "ښ": "س", "ڜ": "ش", "ۺ": "ش", "ځ": "ح", "څ": "ح", "ڃ": "ج", "ڄ": "ج", "ڇ": "ج",
    "ۏ": "و", "ﻻ": "لا",
    # dotless letters (archaic script, used to dodge filters: "كلٮ"): the commonest dotted reading
    "ٮ": "ب", "ٯ": "ق", "ڡ": "ف", "ڢ": "ف", "ڂ": "ح", "ۼ": "غ",
    # Cyrillic homoglyphs (after casefold)
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ɡ": "g", "ı": "i", "ӏ": "l", "ь": "b", "ո": "n", "ս": "u",
    # Greek homoglyphs (after casefold)
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "μ": "u", "γ": "y", "ς": "s", "σ": "o",
}
# Characters dropped outright even though they are not combining marks.
_DROP_CHARS = set("\u0640\u06e5\u06e6\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063"
                  "\u2064\ufeff\u00ad\u061c\u180e\u034f")
_DROP_CHARS.update(chr(c) for c in range(0x202A, 0x202F))
_DROP_CHARS.update(chr(c) for c in range(0x2066, 0x206A))
_DROP_CATEGORIES = {"Mn", "Me", "Cf"}


def _map_one(ch: str) -> str:
    """Map one character through the whole pipeline (cached by the lazy table)."""
    if ch in _DROP_CHARS:
        return _DROP
    if ch in _LETTER_MAP:
        return _LETTER_MAP[ch]
    cat = unicodedata.category(ch)
    if cat in _DROP_CATEGORIES:
        return _DROP
    if cat == "Nd":
        try:
            return str(unicodedata.digit(ch))
        except (ValueError, TypeError):
            return ch
    if cat in ("Cc", "Zs", "Zl", "Zp", "Cs", "Co", "Cn"):
        return " "
    n = unicodedata.normalize("NFKC", ch).casefold()
    n = unicodedata.normalize("NFD", n)
    out = []
    for c in n:
        if c in _DROP_CHARS or unicodedata.category(c) in _DROP_CATEGORIES:
            continue
        c = _LETTER_MAP.get(c, c)
        if unicodedata.category(c) == "Nd" and not c.isascii():
            try:
                c = str(unicodedata.digit(c))
            except (ValueError, TypeError):
                pass
        out.append(c)
    res = "".join(out)
    res = unicodedata.normalize("NFC", res)
    if not res:
        return _DROP
    return res


class _LazyTable(dict):
    """str.translate table that fills itself on first use of each code point."""

    def __missing__(self, key: int) -> str:
        try:
            val = _map_one(chr(key))
            # make sure the result is a fixed point (idempotence)
            if val != _DROP:
                again = "".join(_map_one(c) for c in val).replace(_DROP, "")
                val = again or _DROP
        except Exception:  # pragma: no cover - defensive, never raise
            val = " "
        self[key] = val
        return val


_TABLE = _LazyTable()
# pre-fill ASCII: lower-case letters, keep digits, everything else is itself (punct -> itself)
for _c in range(128):
    _ch = chr(_c)
    if _ch.isalpha():
        _TABLE[_c] = _ch.lower()
    elif _ch.isdigit():
        _TABLE[_c] = _ch
    elif _c < 32 or _c == 127:
        _TABLE[_c] = " "
    else:
        _TABLE[_c] = _ch
# pre-fill the Arabic blocks so the common path never computes
for _c in list(range(0x0600, 0x0700)) + list(range(0x0750, 0x0780)) + list(range(0xFB50, 0xFE00)) \
        + list(range(0xFE70, 0xFF00)) + list(range(0x0400, 0x0460)) + list(range(0x0370, 0x0400)) \
        + list(range(0x2000, 0x2070)) + list(range(0x00A0, 0x0250)):
    _TABLE[_c]  # noqa: B018  (fills the cache)

# --- separators between spelled-out single letters --------------------------------------
# any run of non-letters/non-digits separates spelled-out letters (spaces, dots, dashes,
# underscores, asterisks, brackets, emoji ...): every such run becomes a space in the output,
# so treating all of them alike keeps normalisation idempotent.
_SEP_CLASS = r"[\W_]"
# a "single-letter token" is one letter, possibly repeated (squeezed later)
_SPELLED = re.compile(
    r"(?<![^\W_])(?:([^\W\d_])\1*" + _SEP_CLASS + r"+){2,}([^\W\d_])\2*(?![^\W_])"
    # two spelled-out ARABIC letters ("ك س") are also joined: isolated Arabic letters are
    # otherwise rare (abbreviations such as "ص.ب" join harmlessly)
    r"|(?<![^\W_])([\u0621-\u064a])\3*" + _SEP_CLASS + r"+([\u0621-\u064a])\4*(?![^\W_])"
)
_SEP_RE = re.compile(_SEP_CLASS)

# Leetspeak inside Latin tokens (only in the leet view).
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "8": "b", "9": "g", "2": "z", "6": "g", "!": "i", "|": "l"})
LEET_TABLE = _LEET  # for the lexicon's masked-word reading
_LATIN_TOKEN = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*")
LATIN_TOKEN = _LATIN_TOKEN  # a Latin word with its digits ("m0therf*cker"), for the lexicon
_HAS_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True, slots=True)
class Normalized:
    original: str
    text: str  # squeezed matching view
    starts: tuple[int, ...]  # original start offset of each normalised char
    ends: tuple[int, ...]  # original end offset (exclusive) of each normalised char
    runs: tuple[int, ...]  # how many identical letters were squeezed into each char

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original (start, end) for the normalised slice text[i:j] (j > i)."""
        if not self.text:
            return (0, 0)
        i = max(0, min(i, len(self.text) - 1))
        j = max(i + 1, min(j, len(self.text)))
        s, e = self.starts[i], self.ends[j - 1]
        orig = self.original
        n = len(orig)
        # include trailing dropped marks (diacritics, tatweel, zero-width) in the quote
        while e < n and _TABLE[ord(orig[e])] == _DROP:
            e += 1
        return s, e

    def quote(self, i: int, j: int) -> str:
        s, e = self.span(i, j)
        return self.original[s:e]

    def leet_text(self) -> str:
        """``text`` with leetspeak decoded inside Latin tokens (same length and offsets)."""
        t = self.text
        if not _HAS_DIGIT.search(t):
            return t
        return _LATIN_TOKEN.sub(lambda m: m.group(0).translate(_LEET), t)

    def arabizi_digit_text(self) -> str:
        """``text`` with a lone Arabizi digit inside an Arabic word read as the letter it stands
        for ("7مار" -> "حمار", "خن5ير"); same length and offsets.  Numbers (two or more digits)
        and digits between spaces are left alone."""
        t = self.text
        if not _HAS_DIGIT.search(t):
            return t
        return _DIGIT_IN_ARABIC.sub(lambda m: _DIGIT_LETTER[m.group(0)], t)


# one digit glued to Arabic letters (at least two of them in the word)
_DIGIT_IN_ARABIC = re.compile(
    r"(?<![0-9])[23579](?=[\u0621-\u064a]{2})(?![0-9])"
    r"|(?<=[\u0621-\u064a]{2})[23579](?![0-9])"
    r"|(?<=[\u0621-\u064a])[23579](?=[\u0621-\u064a])"
)
_DIGIT_LETTER = {"2": "ء", "3": "ع", "5": "خ", "7": "ح", "9": "ق"}

_DROP_RUN = re.compile(_DROP + "+")


def _stage1(text: str) -> tuple[str, list[int] | None]:
    """Character mapping.  Returns the mapped string and, if it is not 1:1 with the original,
    the list of original offsets of each mapped char (None means identity)."""
    s = text.translate(_TABLE)
    if len(s) == len(text):
        if _DROP not in s:
            return s, None
        idx: list[int] = []
        pos = 0
        for m in _DROP_RUN.finditer(s):
            a, b = m.span()
            idx.extend(range(pos, a))
            pos = b
        idx.extend(range(pos, len(s)))
        return s.replace(_DROP, ""), idx
    # some character expanded (ligature, ß, ...): slow path
    out: list[str] = []
    idx = []
    for i, ch in enumerate(text):
        m = _TABLE[ord(ch)]
        if m == _DROP:
            continue
        out.append(m)
        idx.extend([i] * len(m))
    return "".join(out), idx


_LEET_SYM = re.compile(r"(?<=[a-z])[@$]+|[@$]+(?=[a-z])|(?<=[a-z])[!|](?=[a-z])")
_LEET_SYM_HINT = re.compile(r"[a-z][@$!|]|[@$][a-z]")  # a symbol touching a Latin letter
_ASCII_LETTER = re.compile(r"[a-z]")
_LEET_SYM_TABLE = str.maketrans({"@": "a", "$": "s", "!": "i", "|": "l"})


def _leet_symbols(s: str) -> str:
    """"@" and "$" touching a Latin letter, "!" and "|" inside a Latin word are letters
    ("a$$", "@ss", "sh!t"); same length."""
    if ("@" not in s and "$" not in s and "!" not in s and "|" not in s) or not _LEET_SYM_HINT.search(s):
        return s
    return _LEET_SYM.sub(lambda m: m.group(0).translate(_LEET_SYM_TABLE), s)


# masking asterisks inside a word ("f*ck", "ك*لب") are dropped
# masking asterisks, and emoji typed inside a word ("حم🐴ار"), between two letters
_MID_STAR = re.compile(r"(?<=[^\W\d_])(?:\*+|[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D•·∙‧~^°+=|¦]+)(?=[^\W\d_])"
                       # a lone digit other than an Arabizi letter between two Arabic letters ("غ1بي")
                       r"|(?<=[\u0621-\u064a])[0148](?=[\u0621-\u064a])")


# (one character class: a mask, or one of the digits that the second branch wants after an
# Arabic letter; the full pattern then starts one character before it)
_MID_STAR_HINT = re.compile("[*\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D•·∙‧~^°+=|¦0148]")
_SPELLED_HINT = re.compile(r"(?:^|[\W_])([^\W\d_])\1*[\W_]")  # a lone (maybe repeated) letter, then a separator

_ARABIZI_APOSTROPHE = re.compile(r"(?<![0-9])([37])'+(?=[a-z0-9])")
_DOTTED_DIGIT = {"3": "8", "7": "5"}  # غ and خ have digits of their own in Arabizi


# Arabizi spelled out with its digits ("9 a 7 b a"): four or more single Latin letters or Arabizi
# digits, at least two letters and one digit (plain spaced numbers stay apart)
# (a letter may be repeated: it is squeezed later)
_SPELLED_ARABIZI = re.compile(r"(?<![^\W_])(?:(?:[2356789]|([a-z])\1*)" + _SEP_CLASS + r"+){3,}"
                              r"(?:[2356789]|([a-z])\2*)(?![^\W_])")


def _arabizi_run(m: re.Match) -> str:
    run = m.group(0)
    letters = sum(c.isalpha() for c in run)
    if letters < 2 or letters == sum(c.isalnum() for c in run):
        return run
    return _SEP_RE.sub(_DROP, run)


def _collapse_spelled(s: str, idx: list[int] | None) -> tuple[str, list[int] | None]:
    """Delete the separators inside runs of spelled-out single letters ("ك.ل.ب", "9 a 7 b a")
    and masking asterisks inside words."""
    # (cheap character-class checks first: the full patterns start with lookbehinds and cost
    # several times more on the usual text, where they never match)
    # (a full pattern then starts where its hint did: lookbehinds still see the text before)
    hint = _MID_STAR_HINT.search(s)
    star = _MID_STAR.search(s, max(0, hint.start() - 1)) if hint else None
    arabizi = _SPELLED_ARABIZI.search(s) if (_HAS_DIGIT.search(s) and _ASCII_LETTER.search(s)) else None
    apos = "'" in s and _ARABIZI_APOSTROPHE.search(s)
    if not star and not arabizi and not apos:
        hint = _SPELLED_HINT.search(s)
        if not (hint and _SPELLED.search(s, hint.start())):
            return s, idx
    marked = _MID_STAR.sub(lambda m: _DROP * len(m.group(0)), s) if star else s
    if apos:  # "3'abi" = غبي, "7'ara" = خرا: the dotted letters written digit + apostrophe
        marked = _ARABIZI_APOSTROPHE.sub(lambda m: _DOTTED_DIGIT[m.group(1)] + _DROP * (len(m.group(0)) - 1),
                                         marked)
    if arabizi:
        marked = _SPELLED_ARABIZI.sub(_arabizi_run, marked)
    marked = _SPELLED.sub(lambda m: _SEP_RE.sub(_DROP, m.group(0)), marked)
    if idx is None:
        idx = [i for i, c in enumerate(marked) if c != _DROP]
    else:
        idx = [o for o, c in zip(idx, marked) if c != _DROP]
    return marked.replace(_DROP, ""), idx


# one output character per unit: a run of the same letter, a digit, or a run of non-word chars
_UNIT = re.compile(r"([^\W\d_])\1*|\d|[\W_]+")
_NONWORD_CHAR = re.compile(r"[^\w ]|_")  # a non-word character other than a plain space
# after _NONWORD_CHAR every non-word character is a space: the runs a unit squeezes are a
# letter repeated, or spaces
_MULTI_RUN = re.compile(r"([^\W\d_])\1+| {2,}")


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching; never raises."""
    if not isinstance(text, str):
        try:
            text = str(text)
        except Exception:
            text = ""
    try:
        return _normalize(text)
    except Exception:  # pragma: no cover - last resort, never raise
        return Normalized(text, "", (), (), ())


# A word broken with tatweel around the gap ("حـ ـمـ ـار", "حـ مـ ار"): tatweel glued to a letter
# and facing a space says the pieces belong together.  The spaces become tatweel (dropped in
# stage 1), so the text keeps its length and the offset map stays exact.
# (a diacritic may sit between the letter and the tatweel: "حَـ ـمَـ ـار")
_GAP_LETTER = "[\u0621-\u063f\u0641-\u064a\u064b-\u065f\u0670]"
# (a dot between tatweels joins the same way: "النبـ.ـي")
# (not a dot before a single letter that is itself followed by a dot: "بــ.رِ.اً.بِّــ.رُ.ةْ" is letters spelled
# out with dots, which the spelled-out rule joins once the tatweel is gone; joining "بــ.ر" here would
# leave "بر" and break the run)
_TATWEEL_GAP = re.compile(
    rf"(?<={_GAP_LETTER})\u0640+[ .]+(?=\u0640*{_GAP_LETTER})(?![\u0621-\u063f\u0641-\u064a][\u064b-\u065f\u0670]*\u0640*\.)"
    rf"|(?<={_GAP_LETTER})[ .]+(?=\u0640+{_GAP_LETTER})"
)
_GAP_CHARS = str.maketrans(" .", "\u0640\u0640")


def _join_tatweel_gaps(text: str) -> str:
    if "\u0640 " not in text and " \u0640" not in text and "\u0640." not in text and ".\u0640" not in text:
        return text
    return _TATWEEL_GAP.sub(lambda m: m.group(0).translate(_GAP_CHARS), text)


# a hashtag written in CamelCase ("#KickOutTheAlawites", "#AuthorIsAnIdiot"): its words are
# split apart (a space before each capital that starts a word), so they match as words
_HASHTAG = re.compile(r"#\w+")


def _split_camel_tags(text: str) -> tuple[str, list[int] | None]:
    """``text`` with spaces put between the words of CamelCase hashtags, and the original offset
    of every character (None when nothing was split)."""
    if "#" not in text:
        return text, None
    cuts = []
    for m in _HASHTAG.finditer(text):
        tag = m.group(0)
        for k in range(2, len(tag)):
            # "IsAn|Idiot", and "IsA|Moron" (a capital before a capital that starts a word)
            if tag[k].isupper() and (tag[k - 1].islower() or (
                    tag[k - 1].isupper() and k + 1 < len(tag) and tag[k + 1].islower())):
                cuts.append(m.start() + k)
    if not cuts:
        return text, None
    out: list[str] = []
    idx: list[int] = []
    prev = 0
    for c in cuts:
        out.append(text[prev:c])
        idx.extend(range(prev, c))
        out.append(" ")
        idx.append(c)
        prev = c
    out.append(text[prev:])
    idx.extend(range(prev, len(text)))
    return "".join(out), idx


def _normalize(text: str) -> Normalized:
    split, idx0 = _split_camel_tags(text)
    s, idx = _stage1(_join_tatweel_gaps(split))
    if idx0 is not None:
        idx = idx0[:len(s)] if idx is None else [idx0[k] for k in idx]
    s = _leet_symbols(s)
    s, idx = _collapse_spelled(s, idx)
    if not s:
        return Normalized(text, "", (), (), ())
    # every non-word character becomes a space (same length), then each unit (a letter run, a
    # space run, any other single character) is kept as its first character; the units tile
    # ``s`` in order, so a unit ends where the next one starts (all in C: a keep-mask)
    s = _NONWORD_CHAR.sub(" ", s)
    n = len(s)
    keep = None
    for m in _MULTI_RUN.finditer(s):
        if keep is None:
            keep = bytearray(b"\x01") * n
        a, b = m.span()
        keep[a + 1:b] = bytes(b - a - 1)
    if keep is None:
        out = s
        starts_l = list(range(n))
        ends_l = list(range(1, n + 1))
        runs_l = [1] * n
    else:
        out = "".join(compress(s, keep))
        starts_l = list(compress(range(n), keep))
        ends_l = starts_l[1:]
        ends_l.append(n)
        runs_l = list(map(sub, ends_l, starts_l))
    lo, hi = 0, len(out)
    if out.startswith(" "):
        lo = 1
    if out.endswith(" ") and hi > lo:
        hi -= 1
    if lo or hi != len(out):
        out = out[lo:hi]
        starts_l, ends_l, runs_l = starts_l[lo:hi], ends_l[lo:hi], runs_l[lo:hi]
    if idx is not None and starts_l:  # back to offsets in the original (in C: itemgetter, map)
        starts = _pick(idx, starts_l)
        ends = tuple(map(add, _pick(idx, list(map(sub, ends_l, repeat(1)))), repeat(1)))
    else:
        starts, ends = tuple(starts_l), tuple(ends_l)
    return Normalized(text, out, starts, ends, tuple(runs_l))


def _pick(seq: list[int], ix: list[int]) -> tuple[int, ...]:
    return (seq[ix[0]],) if len(ix) == 1 else itemgetter(*ix)(seq)


_MOJIBAKE_HINT = re.compile("[\u00c0-\u00ff]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def repair_mojibake(text: str) -> str:
    """Arabic that went through the wrong code page (cp1256 bytes shown as cp1252 / Latin-1)
    turned back into Arabic; any other text is returned unchanged.  Same length as ``text``.

    Only a text whose letters are mostly accented Latin letters is tried, and the repair is kept
    only when most of its letters come out Arabic, so French or German comments are untouched.
    """
    if not _MOJIBAKE_HINT.search(text):  # the usual case: nothing to look at
        return text
    accented = len(_MOJIBAKE_HINT.findall(text))
    if accented < 4:
        return text
    letters = sum(1 for c in text if c.isalpha())
    if accented < 0.5 * letters:
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(codec).decode("cp1256")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(fixed) == len(text) and len(_ARABIC_LETTER.findall(fixed)) >= 0.6 * letters:
            return fixed
    return text


def normalize_term(term: str) -> Normalized:
    """Normalise a word-list entry exactly like comment text."""
    return normalize(term)


def is_latin_word(w: str) -> bool:
    return bool(w) and w.isascii()


# --- Arabizi ------------------------------------------------------------------------------
# Consonant skeleton in Arabic letters: long vowels (ا و ي), hamza and a final ه are dropped,
# and emphatic / close letters are merged so that Latin spellings meet the Arabic ones.
_AR_SKEL = str.maketrans({
    "ا": None, "و": None, "ي": None, "ء": None,
    "ص": "س", "ث": "ت", "ط": "ت", "ض": "د", "ظ": "ز", "ذ": "ز",
})
_DIGRAPHS = (
    ("sh", "ش"), ("ch", "ش"), ("kh", "خ"), ("gh", "غ"), ("th", ("ت", "ز")), ("dh", "ز"),
    ("3'", "غ"), ("7'", "خ"), ("9'", "د"), ("ou", ""), ("ee", ""), ("oo", ""),
)
_LATIN_SINGLE = {
    "b": "ب", "t": "ت", "j": "ج", "d": "د", "r": "ر", "z": "ز", "s": "س", "f": "ف", "q": "ق",
    "k": "ك", "l": "ل", "m": "م", "n": "ن", "h": "ه", "p": "ب", "v": "ف", "x": "?",
    "2": "", "3": "ع", "5": "خ", "6": "ت", "7": "ح", "8": "غ",
    "4": "", "0": "", "1": "",  # leetspeak vowels inside Arabizi ("7m4r", "k4lb")
    "a": "", "e": "", "i": "", "o": "", "u": "", "y": "", "w": "",
}
# ambiguous Latin letters: several readings
_LATIN_MULTI = {"g": ("ج", "ق"), "9": ("ق", "س"), "2": ("", "ق")}  # "2" is a hamza, or a qaf said as one (Egypt, Levant)


def arabic_skeleton(norm_word: str) -> str:
    """Consonant skeleton of a normalised Arabic word or phrase (spaces removed)."""
    w = norm_word.replace(" ", "")
    if len(w) > 2 and w.endswith("ه"):
        w = w[:-1]
    sk = w.translate(_AR_SKEL)
    return _squeeze(sk)


def _squeeze(s: str) -> str:
    if not s:
        return s
    out = [s[0]]
    for c in s[1:]:
        if c != out[-1]:
            out.append(c)
    return "".join(out)


def arabizi_skeleton(token: str) -> list[str]:
    """Possible Arabic consonant skeletons of one Latin-script (Arabizi) token."""
    tok = token.lower()
    # a final "h" after a vowel is a ta marbuta / ha ending: drop it, like arabic_skeleton
    if len(tok) > 3 and tok.endswith("h") and tok[-2] in "aeiou":
        tok = tok[:-1]
    variants = [""]
    i = 0
    n = len(tok)
    while i < n:
        two = tok[i:i + 2]
        rep = None
        for dg, ar in _DIGRAPHS:
            if two == dg:
                rep = ar if isinstance(ar, tuple) else (ar,)
                i += 2
                break
        if rep is None:
            c = tok[i]
            i += 1
            if c in _LATIN_MULTI:
                rep = _LATIN_MULTI[c]
            elif c in _LATIN_SINGLE:
                rep = (_LATIN_SINGLE[c],)
            else:
                rep = ("?",)  # c and other letters never match
        if len(rep) == 1:
            variants = [v + rep[0] for v in variants]
        else:
            variants = [v + r for v in variants for r in rep][:8]
    return [_squeeze(v) for v in variants]


_ARABIZI_TOKEN = re.compile(r"[a-z0-9']*[a-z][a-z0-9']*")


# cheap pre-check: a Latin token with an Arabizi digit, or a short all-Latin text, or a signal
# word; the exact decision is made by the lexicon on the returned tokens
# Arabizi function words (Egyptian, Levantine, Gulf, Maghrebi): a comment that has one is Arabizi;
# they are never read as a listed word themselves
ARABIZI_SIGNALS = frozenset((
    "ya", "yaa", "enta", "enti", "inta", "inti", "anta", "ente", "el", "wallah", "walla",
    "wallahi", "mish", "mesh", "msh", "ibn", "ebn", "bint", "hada", "hatha", "hadi", "ya3ni",
    "3ala", "kol", "kul", "shu", "shou", "leh", "lesh", "keda", "kida", "ento", "intu", "entom",
    "antum", "inshallah", "yalla", "habibi", "khalas", "5alas", "ukht", "3ayb", "3eib", "ahbal",
    # Maghrebi
    "dyal", "dial", "dyalkom", "dyalhom", "dyali", "ghir", "walou", "walo", "bzaf", "wach", "wech",
    "rah", "rahom", "rahoum", "kifach", "kifech", "3lach", "hadak", "hadik", "hadchi", "machi",
    "barcha", "chnowa", "chnou", "mta3", "ta3", "bach", "lazem", "lazm", "3la", "3al", "mouch",
    "kan", "kanet", "kano", "nta", "nti", "ntoma", "howa", "hiya", "homa", "hna", "rabi", "bghit",
    # Gulf / Iraqi / Levantine
    "shlon", "wayed", "chinu", "shino", "hal2ad", "kteer", "ktir",
    # words around a comment on an article ("your article is ... like your face")
    "mithl", "methl", "zay", "wayhak", "wajhak", "wishak", "ma2alak", "maqalak", "magalak", "kalamak",
    "3ashan", "3shan",
))
_ARABIZI_HINT = re.compile(r"[a-z][a-z0-9]*[2356789]|[2356789][a-z0-9]*[a-z]|^[a-z0-9' ]{1,40}$")
_ALNUM_RUN = re.compile(r"[a-z0-9]+")


def _arabizi_hint(t: str) -> bool:
    """A Latin token with an Arabizi digit, a short all-Latin text, or a signal word (a set
    lookup per token: one regex alternation of all signal words cost ~100 µs a comment)."""
    return bool(_ARABIZI_HINT.search(t)) or not ARABIZI_SIGNALS.isdisjoint(_ALNUM_RUN.findall(t))
_NOT_ARABIZI = re.compile(r"(?:https?://|www\.)\S+|[@#][\w.]+|\S+@\S+\.\w+", re.I)


def arabizi_tokens(norm: Normalized, force: bool = False) -> list[tuple[int, int, str, bool]]:
    """Latin tokens of the normalised text: (i, j, token, has_arabizi_digit), or none when the
    text shows no sign of Arabizi (``force``: the caller has its own sign, e.g. "يا kalb").
    Links, @mentions, #hashtags and e-mail addresses are not Arabizi and are skipped."""
    t = norm.text
    if not force and not _arabizi_hint(t):
        return []
    masked = [m.span() for m in _NOT_ARABIZI.finditer(norm.original)]
    res = []
    for m in _ARABIZI_TOKEN.finditer(t):
        i, j = m.span()
        if (i > 0 and t[i - 1].isalnum()) or (j < len(t) and t[j].isalnum()):
            continue  # glued to non-Latin letters
        if masked:
            o = norm.starts[i]
            if any(a <= o < b for a, b in masked):
                continue
        tok = m.group(0)
        res.append((i, j, tok, any(c in "2356789" for c in tok)))
    return res
