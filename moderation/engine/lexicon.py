"""Word-list matching on the normalised text (pure Python, no Django).

``Lexicon.from_terms(terms)`` compiles the entries once into an Aho-Corasick automaton over
their normalised (squeezed) forms; ``Lexicon.find(text)`` returns :class:`Hit` objects whose
offsets point into the ORIGINAL text.

Matching is word-boundary aware:

* Arabic terms of three letters or more accept clitic prefixes (و ف ب ك ل ال وال بال فال لل ...
  and the vocative "يا" glued on) and pronoun / plural / feminine suffixes (ه ها هم ك كم ي نا ين
  ون ات ...), but nothing else: a term is never hit inside a longer innocent word.  Shorter
  Arabic terms match whole words only.  ``TermSpec.affix`` overrides this per entry.
* Latin terms match whole words plus English inflections (s, es, ed, ing, y, er ...), and a
  doubled letter in the term must be doubled (or more) in the text, so "ass" does not hit "as".
* Multi-word terms tolerate any run of spaces / punctuation between their words.
* Latin text is matched a second time after leetspeak decoding ("sh1t"), and Latin tokens that
  look like Arabizi ("7mar", "kalb") are matched against the consonant skeletons of the
  Arabic insult terms.
* An allow-list of innocent normalised words stops clitic matches that collide with them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import ahocorasick

from .normalize import (
    ARABIZI_SIGNALS,
    LATIN_TOKEN,
    LEET_TABLE,
    Normalized,
    arabic_skeleton,
    arabizi_skeleton,
    arabizi_tokens,
    normalize,
)
from .types import BLOCK, MARKER, SUSPECT, Hit, TermSpec

_LATIN = re.compile(r"[a-z]")
_DIGIT = re.compile(r"[0-9]")
_MASK = re.compile(r"[*#%]")  # characters readers use to mask a letter
_DOUBLED_LATIN = re.compile(r"([a-z])\1+")
_MASK_OR_LETTER = re.compile(r"[*#%]+|[a-z]")  # runs of masks, single letters (other characters dropped)
_LATIN_WORD = re.compile(r"[a-z]+")
_WHOLE_LATIN_WORD = re.compile(r"(?<![a-z0-9])[a-z]+(?![a-z0-9])")
_DIGIT_INSIDE_LATIN = re.compile(r"(?<![a-z0-9])[a-z]{2,}[0-9][a-z]{2,}(?![a-z0-9])")
# two neighbouring words of two or three characters (the second read by a lookahead, so pairs overlap)
_SHORT_PAIR = re.compile(r"(?<![^ ])([^ ]{2,3}) (?=([^ ]{2,3})(?![^ ]))")
_LATIN_PAIR = re.compile(r"(?<![a-z0-9])([a-z]{2,5}) (?=([a-z]{2,5})(?![a-z0-9]))")
_LONG_LATIN = re.compile(r"(?<![a-z0-9])[a-z0-9]{12,}(?![a-z0-9])")
_LINK_OR_HANDLE = re.compile(r"(?:https?://|www\.)\S+|@[\w.]+|\S+@\S+\.\w+", re.I)
# a word of Arabic letters and Latin letters / Arabizi digits together ("حمar", "kalب")
_MIXED_WORD = re.compile(r"[\u0621-\u064a][a-z]|[a-z][\u0621-\u064a]")
_MIXED_TOKEN = re.compile(r"[\u0621-\u064aa-z0-9']+")
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")
# an Arabic word with letters masked ("ح*ار", "أ*ا"), read off the original text
# (a mask sits between letters: "#حب" at the start of a word is a hashtag)
_AR_MASKED = re.compile(r"[\u0621-\u064a][*#%]+[\u0621-\u064a]")
_AR_MASKED_WORD = re.compile(r"[\u0621-\u064a]+(?:[*#%]+[\u0621-\u064a]+)+")
_AR_MASK_OR_LETTERS = re.compile(r"[*#%]+|[^*#%]+")
_ARABIC_HEAD = re.compile(r"[\u0621-\u064a]+")
_SCRIPT_RUN = re.compile(r"[a-z0-9']+|[^a-z0-9']+")
_AR_CONSONANTS = str.maketrans("", "", "اويء")  # long vowels and hamza, as in arabic_skeleton

__all__ = ["Lexicon", "AR_PREFIXES", "AR_SUFFIXES", "EN_SUFFIXES", "ARABIZI_KINDS"]


def _n(s: str) -> str:
    return normalize(s).text


# Clitic prefixes (in squeezed normalised form: "لل" is "ل" after squeezing).
AR_PREFIXES = frozenset(_n(p) for p in (
    "و", "ف", "ب", "ك", "ل", "ال", "وال", "فال", "بال", "كال", "ول", "فل", "وب", "فب", "وك",
    "فك", "ولل", "فلل", "وبال", "فبال", "وكال", "يا", "يال", "ياال", "هال", "لل",
))
AR_SUFFIXES = frozenset(_n(s) for s in (
    "ه", "ها", "هم", "هن", "هما", "ك", "كم", "كن", "كي", "ي", "نا", "ين", "ون", "ات", "ان",
    "تك", "ته", "تها", "تهم", "تكم", "تي", "تنا", "اتك", "اته", "اتها", "اتهم", "اتكم", "اتي",
    "يه", "وه", "كو", "هو", "يك", "يكم", "يهم", "ينك", "ينه", "ينها", "ينهم", "وا", "ين", "يا",
    "ونه", "ونها", "ونهم", "انك", "انه",
    "ا",  # accusative ending: "لست غبيا", "كذابا"
))
EN_SUFFIXES = frozenset(("s", "es", "ed", "d", "ing", "y", "ies", "er", "ers", "z"))

# kinds whose Arabic entries may be matched through Arabizi skeletons
ARABIZI_KINDS = frozenset(("insult", "obscene", "sacred_insult", "dehumanise"))
# Latin words that signal a comment is written in Arabizi (enables skeleton matching)

# Words that call someone ("you", "يا", "انت"): a Latin word right after one makes a comment worth
# reading as Arabizi at all ("يا kalb", "you are a kalb")
_ADDRESS_CALL = frozenset(("you", "u", "ur", "youre", "ya", "yo",
                           "يا", "انت", "انتي", "انتا", "انتو", "انتم", "ابن", "يابن", "بنت", "يابنت"))
# ... and every word that frames an insult at someone ("such a 7mar", "dirty kalb"): the Latin token
# right after one is read as Arabizi even in an English or Arabic-script comment
_ADDRESS_FRAME = _ADDRESS_CALL | frozenset(("a", "an", "such", "dirty", "stupid", "fat", "ugly", "little", "big"))
_FRAMED_LATIN = re.compile(
    r"(?:^| )(?:" + "|".join(sorted(_ADDRESS_CALL, key=len, reverse=True)) + r") (?:(?:are|r|such|a|an) )*[a-z]")

# An English word this common is English, not Arabizi read by its consonants ("must" is not مومس,
# "writer" not اريتري); rarer ones ("kalb", "kos") stay readable.  Loaded once per process.
COMMON_ENGLISH_MIN_FREQ = 100


@lru_cache(maxsize=4)
def english_words(min_freq: int) -> frozenset[str]:
    """English words at least this frequent in pyspellchecker's pinned table (read once per threshold)."""
    try:
        import gzip
        import json
        from importlib import resources

        raw = (resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
        freq = json.loads(gzip.decompress(raw))
    except Exception:  # pragma: no cover - the package is a requirement; without it, no filter
        return frozenset()
    return frozenset(w for w, n in freq.items() if n >= min_freq and w.isascii() and w.isalpha())


_common_english: frozenset[str] | None = None


def common_english_words() -> frozenset[str]:
    """The words never read as Arabizi; loaded with the word lists (a Lexicon reads them when built)."""
    global _common_english
    if _common_english is None:
        _common_english = english_words(COMMON_ENGLISH_MIN_FREQ)
    return _common_english


def _original_word(norm: Normalized, i: int, j: int) -> str:
    s, e = norm.span(i, j)
    return norm.original[s:e].lower()


def _is_code(norm: Normalized, i: int, j: int) -> bool:
    """Upper-case letters with digits, or a run of three digits: a code, not a word."""
    s, e = norm.span(i, j)
    word = norm.original[s:e]
    return bool(_DIGIT_RUN.search(word)) or (word.isupper() and any(c.isdigit() for c in word))


_DIGIT_RUN = re.compile(r"[0-9]{3}")


# Short Arabic words that are never half of a broken word ("كل اب" is not "كلاب")
_SHORT_WORDS = frozenset(_n(w) for w in (
    "من", "في", "عن", "على", "ما", "لا", "هو", "هي", "هم", "انا", "اب", "ام", "يا", "ان", "او", "ثم",
    "قد", "لم", "لن", "هل", "بل", "مع", "اي", "ذا", "ده", "دي", "كل", "لك", "له", "لي", "بس", "مش",
    "مو", "شو", "ايش", "الي", "هذا", "هذه", "ذلك", "تلك", "كان", "عند", "بعد", "قبل", "غير", "حتى",
    "اذا", "لو", "انت", "نحن", "هنا", "ليش", "ليه", "مين", "وين", "كيف", "متى", "الا", "الى", "فيه",
    "منه", "بين", "ضد", "عبر", "دون", "تحت", "فوق", "جدا", "كده", "كذا", "اله", "ربي", "اخ", "اخي",
    "يوم", "سنه", "شي", "بدك", "عم", "راح", "مثل", "زي", "كم", "لما", "اما", "وهو", "وهي", "كنت",
))

_LONE_LETTER = re.compile(r"(?:^| )[\u0621-\u064a](?: |$)")

_MODE_FLAGS = {
    # (prefix allowed, suffix allowed, substring anywhere)
    "word": (False, False, False),
    "clitic": (True, True, False),
    "prefix": (True, False, False),
    "suffix": (False, True, False),
    "any": (True, True, True),
}


@dataclass(frozen=True, slots=True)
class _Entry:
    spec: TermSpec
    key: str  # normalised squeezed form
    runs: tuple[int, ...]
    latin: bool
    prefix: bool
    suffix: bool
    anywhere: bool


def _spelled_out(norm: Normalized, i: int, j: int) -> bool:
    """The reader typed text[i:j] with a separator between its letters ("a m o r o n")."""
    raw = norm.original[norm.starts[i]:norm.ends[j - 1]]
    return sum(not c.isalnum() for c in raw) >= j - i - 2


def _is_latin(s: str) -> bool:
    return any("a" <= c <= "z" for c in s) and all(c.isascii() for c in s)


class Lexicon:
    """Compiled word list.  Build once with :meth:`from_terms`, then call :meth:`find`."""

    def __init__(self, entries: list[_Entry], allow_words: Iterable[str] = (),
                 arabizi_stop: Iterable[str] = ()):
        self._entries = entries
        # whole-word single-token entries are looked up by token (a set intersection), the
        # rest goes into Aho-Corasick automatons (all entries, and Latin-only for the leet view)
        words: dict[str, list[int]] = {}
        by_key: dict[str, list[int]] = {}
        latin_keys: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            if not (e.prefix or e.suffix or e.anywhere) and " " not in e.key:
                words.setdefault(e.key, []).append(i)
            else:
                by_key.setdefault(e.key, []).append(i)
                if e.latin:
                    latin_keys.setdefault(e.key, []).append(i)
        self._words = {k: tuple(v) for k, v in words.items()}
        self._word_keys = frozenset(words)
        self._auto = self._automaton(by_key)
        self._auto_latin = self._automaton(latin_keys)
        self._empty = not entries
        self.allow_words = frozenset(w for w in (_n(a) for a in allow_words) if w)
        # Arabizi skeleton index
        skel: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            if e.latin or e.spec.kind not in ARABIZI_KINDS or e.spec.lang == "en" \
                    or e.spec.action not in (BLOCK, SUSPECT):
                continue
            sk = arabic_skeleton(e.key)
            if len(sk) >= 2 and "?" not in sk:
                skel.setdefault(sk, []).append(i)
        self._skel = skel
        # group names and calls in Arabizi ("el shee3a", "atrodo"): looked up only in comments that are
        # clearly Arabizi (never through the English frame), single words; a two-letter skeleton only
        # for a token with an Arabizi digit ("shee3a")
        group_skel: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            if e.latin or e.spec.lang == "en" or e.spec.kind not in ("group", "call") or " " in e.key:
                continue
            sk = arabic_skeleton(e.key)
            if len(sk) >= 2 and "?" not in sk:
                group_skel.setdefault(sk, []).append(i)
        self._group_skel = group_skel
        # single-word Latin violation entries, for masked spellings ("st*pid", "id**t")
        self._latin_words = tuple((e.key, i) for i, e in enumerate(entries)
                                  if e.latin and " " not in e.key and len(e.key) >= 4
                                  and e.spec.kind in VIOLATION_KINDS)
        latin_index: dict[str, list[int]] = {}
        for key, i in self._latin_words:
            latin_index.setdefault(key, []).append(i)
        self._latin_index = {k: tuple(v) for k, v in latin_index.items()}
        self._auto_latin_all = self._automaton(latin_index)
        # the same, spelled backwards ("toidi"), unless that is itself a word
        reversed_keys: dict[str, list[int]] = {}
        for key, i in self._latin_words:
            reversed_keys.setdefault(key[::-1], []).append(i)
        self._latin_reversed = {k: tuple(v) for k, v in reversed_keys.items() if k not in self._words}
        # single-word Arabic violation entries, for masked spellings ("ح*ار")
        self._arabic_words = tuple((e.key, i) for i, e in enumerate(entries)
                                   if not e.latin and " " not in e.key and len(e.key) >= 3
                                   and e.spec.kind in VIOLATION_KINDS and e.spec.action != MARKER)
        self.arabizi_stop = frozenset(w.lower() for w in arabizi_stop)
        # loaded here, with the lists, so that no comment pays for it (a first comment that did
        # once overran the stage budget and was held fail-closed)
        self._english = common_english_words()
        self.terms = tuple(e.spec for e in entries)

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def from_terms(cls, terms: Iterable[TermSpec], allow_words: Iterable[str] | None = None) -> "Lexicon":
        if allow_words is None:
            try:
                from .wordlists import default_allow_words

                allow_words = default_allow_words()
            except Exception:  # pragma: no cover - wordlists missing
                allow_words = ()
        entries: list[_Entry] = []
        seen = set()
        for spec in terms:
            try:
                nt = normalize(spec.term)
            except Exception:  # pragma: no cover
                continue
            key = nt.text.strip()
            if not key:
                continue
            dedupe = (key, spec.category, spec.action, spec.kind)
            if dedupe in seen:
                continue
            seen.add(dedupe)
            latin = _is_latin(key)
            mode = getattr(spec, "affix", "auto") or "auto"
            if mode == "auto":
                if latin:
                    mode = "suffix"
                elif len(key.replace(" ", "")) >= 3 and len(key.split(" ")[0]) >= 3:
                    mode = "clitic"
                elif len(key.split(" ")[-1]) >= 3:
                    mode = "suffix"
                else:
                    mode = "word"
            pre, suf, anywhere = _MODE_FLAGS.get(mode, (False, False, False))
            entries.append(_Entry(spec, key, nt.runs, latin, pre, suf, anywhere))
        try:
            from .wordlists import default_arabizi_stop

            stop = default_arabizi_stop()
        except Exception:  # pragma: no cover
            stop = []
        return cls(entries, allow_words, stop)

    @staticmethod
    def _automaton(by_key: dict[str, list[int]]):
        if not by_key:
            return None
        auto = ahocorasick.Automaton()
        for key, idxs in by_key.items():
            auto.add_word(key, (key, tuple(idxs)))
        auto.make_automaton()
        return auto

    def __len__(self) -> int:
        return len(self._entries)

    # -- matching --------------------------------------------------------------------------
    def find(self, text: "str | Normalized") -> list[Hit]:
        """All hits in ``text`` (a raw string or a :class:`Normalized`), offsets in the original."""
        return self._find(text, innocent=False)

    def innocent(self, text: "str | Normalized") -> list[Hit]:
        """The allow-list phrases in ``text``: known innocent uses of listed words (a Quran verse,
        "لحم الخنزير", "الكلاب الضالة"); ``find`` drops the hits inside them."""
        return self._find(text, innocent=True)

    def _find(self, text: "str | Normalized", innocent: bool) -> list[Hit]:
        norm = text if isinstance(text, Normalized) else normalize(text)
        if not norm.text or self._empty:
            return []
        found: dict[tuple[int, int, str, str], Hit] = {}
        t = norm.text
        self._scan(norm, t, found, self._auto)
        self._scan_words(norm, t, found)
        if " " in t:
            if _LONE_LETTER.search(t):
                self._scan_split(norm, t, found)
            self._scan_halves(norm, t, found)
        if _DIGIT.search(t):
            self._scan_view(norm, t, norm.arabizi_digit_text(), found, self._auto)
        orig = norm.original
        if ("*" in orig or "#" in orig or "%" in orig) and _AR_MASKED.search(orig):
            self._scan_masked_arabic(norm, found)
        if _LATIN.search(t):
            if _MASK.search(norm.original):
                self._scan_masked(norm, t, found)
            self._scan_view(norm, t, norm.leet_text(), found, self._auto_latin)
            self._scan_stray_digits(norm, t, found)
            self._scan_reversed(norm, t, found)
            if " " in t:
                self._scan_latin_halves(norm, t, found)
            if _LONG_LATIN.search(t):
                self._scan_run_together(norm, found)
            if self._skel:
                self._arabizi(norm, found)
                if _MIXED_WORD.search(t):
                    self._scan_mixed(norm, t, found)
        # longest span first; on the same span the more specific (longer) entry first, so
        # "حيوانات" as listed wins over "حيوان" + the plural suffix
        hits = sorted(found.values(), key=lambda h: (h.start, -(h.end - h.start), -len(h.term)))
        allow = [h for h in hits if h.kind == "allow"]
        if innocent:
            return allow
        if allow:
            # a literal-sense marker inside an allow phrase stays: it, too, says the words are
            # innocent ("عربية كارو وحمار": the cart is allowed, and it makes the donkey literal)
            hits = [h for h in hits if h.kind != "allow" and (h.kind == "literal" or not any(
                a.start <= h.start and h.end <= a.end for a in allow))]
        return _drop_contained(hits)

    def _scan_view(self, norm: Normalized, t: str, view: str, found: dict, auto) -> None:
        """Scan a same-length reading of ``t`` (digits or leetspeak read as letters), if it differs."""
        if view != t:
            self._scan(norm, view, found, auto)
            self._scan_words(norm, view, found)
            # digits read as letters can double a letter the keys have squeezed ("r3fug33s")
            pos = 0
            for tok in view.split(" "):
                sq = _DOUBLED_LATIN.sub(r"\1", tok)
                if sq != tok:
                    for ix in self._words.get(sq, ()):
                        self._add(norm, pos, pos + len(tok), self._entries[ix], found)
                pos += len(tok) + 1

    def _scan_words(self, norm: Normalized, t: str, found: dict) -> None:
        toks = t.split(" ")
        common = self._word_keys.intersection(toks)
        if not common:
            return
        runs = norm.runs
        pos = 0
        for tok in toks:
            if tok in common:
                for ix in self._words[tok]:
                    e = self._entries[ix]
                    if e.latin and any(r > 1 and runs[pos + k] < r for k, r in enumerate(e.runs)):
                        continue
                    self._add(norm, pos, pos + len(tok), e, found)
            pos += len(tok) + 1

    def _scan_masked(self, norm: Normalized, t: str, found: dict) -> None:
        """A Latin word with letters masked by asterisks or similar ("st*pid", "id**t"): the
        normaliser drops the mask; each mask character stands for one letter here, and the word
        is matched when the listed violations that fit (an English inflection allowed) all belong
        to one rule."""
        for m in LATIN_TOKEN.finditer(t):  # ("m0therf*cker": the digit is part of the word)
            i, j = m.span()
            # read the word as the reader wrote it: a mask may sit between letters the normaliser
            # squeezed together ("k*ke" normalises to "ke")
            raw = norm.original[norm.starts[i]:norm.ends[j - 1]].lower()
            if not _MASK.search(raw):
                continue
            raw = raw.translate(LEET_TABLE)  # "m0therf*cker": leetspeak digits are letters too
            raw = _DOUBLED_LATIN.sub(r"\1", raw)  # keys are squeezed too ("shitty" -> "shity")
            pattern = "".join("[a-z]{%d}" % len(run) if _MASK.match(run) else re.escape(run)
                              for run in _MASK_OR_LETTER.findall(raw))
            rx = re.compile(pattern)
            best = self._agreed_fit([ix for key, ix in self._latin_words
                                     if rx.fullmatch(key) or any(rx.fullmatch(key + suf) for suf in EN_SUFFIXES)])
            if best is not None:
                self._add(norm, i, j, self._entries[best], found)

    def _agreed_fit(self, fits: list[int]) -> int | None:
        """Of the listed words a masked spelling fits ("f***ing": fucking, fuck + ing; "ح*ار"), the
        one to report when they all belong to one rule (a block entry first), else None."""
        if not fits or len({self._entries[ix].spec.category for ix in fits}) != 1:
            return None
        return min(fits, key=lambda ix: self._entries[ix].spec.action != BLOCK)

    def _latin_violation(self, word: str) -> tuple[int, ...]:
        """Listed single-word Latin violations that ``word`` is, an English ending allowed."""
        got = self._latin_index.get(word)
        if got:
            return got
        for suf in ("s", "es", "ing", "ed", "er", "ers"):
            if word.endswith(suf) and len(word) - len(suf) >= 4:
                got = self._latin_index.get(word[:-len(suf)])
                if got:
                    return got
        return ()

    def _scan_latin_halves(self, norm: Normalized, t: str, found: dict) -> None:
        """An English word broken in two ("para sites", "fu ckers", "crip ple"): joined when the
        whole is a listed violation of six letters or more and one half at least is no English
        word; a guess, so suspect until aimed."""
        english = self._english
        for m in _LATIN_PAIR.finditer(t):  # overlapping pairs: the lookahead holds the second word
            a, b = m.group(1), m.group(2)
            if len(a) + len(b) < 6 or (a in english and b in english):
                continue
            for ix in self._latin_violation(a + b):
                self._add_guess(norm, m.start(1), m.start(1) + len(a) + 1 + len(b), self._entries[ix].spec, found)

    def _scan_run_together(self, norm: Normalized, found: dict) -> None:
        """Words run together into one long Latin token, often in leetspeak
        ("y0uar3ap4th3t1cl14r", "#authorisanidiot"): listed violations of four letters or more
        inside a token of twelve or more that is no English word (links, handles and e-mail
        addresses left alone); a guess, so suspect until aimed."""
        auto = self._auto_latin_all
        if auto is None:
            return
        view = norm.leet_text()
        masked = [m.span() for m in _LINK_OR_HANDLE.finditer(norm.original)]
        for m in _LONG_LATIN.finditer(view):
            i, j = m.span()
            tok = m.group(0)
            if tok in self._english or _original_word(norm, i, j) in self._english:
                continue
            if masked and any(a <= norm.starts[i] < b for a, b in masked):
                continue
            for end_idx, (key, idxs) in auto.iter(tok):
                s0 = i + end_idx - len(key) + 1
                for ix in idxs:
                    self._add_guess(norm, s0, i + end_idx + 1, self._entries[ix].spec, found)

    def _scan_stray_digits(self, norm: Normalized, t: str, found: dict) -> None:
        """A stray digit typed into an English word ("id1iot", "ver1min"): read without it; a
        guess, so suspect until aimed."""
        for m in _DIGIT_INSIDE_LATIN.finditer(t):
            plain = _DIGIT.sub("", m.group(0))
            if len(plain) < 4:
                continue
            for ix in self._latin_violation(plain):
                self._add_guess(norm, m.start(), m.end(), self._entries[ix].spec, found)

    def _scan_reversed(self, norm: Normalized, t: str, found: dict) -> None:
        """A Latin word written backwards ("toidi", "kcuf"): read back to front when it is no
        English word and the reversed word is a listed violation of four letters or more; a
        guess, so suspect until aimed."""
        english = self._english
        reversed_keys = self._latin_reversed
        for m in _WHOLE_LATIN_WORD.finditer(t):
            tok = m.group(0)
            if tok not in reversed_keys or tok in english:
                continue
            raw = _original_word(norm, m.start(), m.end())
            # only plain letters as typed (not leetspeak, a handle or a hashtag: "@GIN0Oo")
            if not raw.isalpha() or norm.original[max(0, norm.starts[m.start()] - 1):norm.starts[m.start()]] in "@#":
                continue
            for ix in reversed_keys[tok]:
                self._add_guess(norm, m.start(), m.end(), self._entries[ix].spec, found)

    def _scan_masked_arabic(self, norm: Normalized, found: dict) -> None:
        """An Arabic word with a letter masked ("ح*ار", "أ*ا"): the normaliser drops the mask
        (right for "ك*لب", where it was put between letters); here each mask character stands
        for one letter instead, and the word is matched when the listed violations that fit all
        belong to one rule."""
        for m in _AR_MASKED_WORD.finditer(norm.original):
            raw = m.group(0)
            # three letters seen at least: "ع*ن بعد" is «عن» with a star in it, not a masked «عفن»
            if not _AR_MASKED.search(raw) or sum(c not in "*#%" for c in raw) < 3:
                continue
            pattern = "".join("[\u0621-\u064a]{%d}" % len(run) if _MASK.match(run) else re.escape(_n(run))
                              for run in _AR_MASK_OR_LETTERS.findall(raw))
            rx = re.compile(pattern)
            best = self._agreed_fit([ix for key, ix in self._arabic_words if rx.fullmatch(key)])
            if best is not None:
                spec = self._entries[best].spec
                s0, en = m.span()
                k2 = (s0, en, spec.term, spec.kind)
                if k2 not in found:
                    found[k2] = Hit(s0, en, raw, spec.term, spec.category, spec.action, spec.kind)

    def _scan_split(self, norm: Normalized, t: str, found: dict) -> None:
        """A word split before or after its last / first letter ("كل ب", "ك لب") or in three short
        pieces ("ح ما ر"): a lone Arabic letter (not the conjunction و) joined to its neighbours
        is matched when the joined word is exactly a listed violation."""
        auto = self._auto
        if auto is None:
            return
        toks = t.split(" ")
        starts = []
        pos = 0
        for tok in toks:
            starts.append(pos)
            pos += len(tok) + 1
        for k, tok in enumerate(toks):
            if len(tok) != 1 or tok == "و" or not ("\u0621" <= tok <= "\u064a"):
                continue
            if norm.runs[starts[k]] > 1:  # a squeezed run ("ههههه" laughter), not a lone letter
                continue
            # the letter and one neighbour, or three short pieces ("ح ما ر")
            for a, b in ((k - 1, k), (k, k + 1), (k - 2, k), (k - 1, k + 1), (k, k + 2)):
                if a < 0 or b >= len(toks):
                    continue
                pieces = toks[a:b + 1]
                if len(pieces) == 3 and any(len(p) > 2 for p in pieces):
                    continue
                joined = "".join(pieces)
                if len(joined) < 3:
                    continue
                got = auto.get(joined, None)
                if not got:
                    continue
                for ix in got[1]:
                    e = self._entries[ix]
                    if e.spec.kind in VIOLATION_KINDS and not e.latin:
                        self._add(norm, starts[a], starts[b] + len(toks[b]), e, found)
    def _scan_halves(self, norm: Normalized, t: str, found: dict) -> None:
        """A word broken in two short halves ("حم ار", "خنا زير", across a line break): joined when
        neither half is a common word and the whole is exactly a listed violation; a guess, so
        an insult read this way is suspect (a block only when aimed)."""
        auto = self._auto
        if auto is None:
            return
        words = self._words
        for m in _SHORT_PAIR.finditer(t):  # overlapping pairs of short words (C-level scan)
            a, b = m.group(1), m.group(2)
            if a in _SHORT_WORDS or b in _SHORT_WORDS:
                continue
            if not ("\u0621" <= a[0] <= "\u064a" and "\u0621" <= b[-1] <= "\u064a"):
                continue
            got = auto.get(a + b, None)
            idxs = (got[1] if got else ()) + words.get(a + b, ())
            for ix in idxs:
                e = self._entries[ix]
                if e.spec.kind in VIOLATION_KINDS and not e.latin and e.spec.action != MARKER:
                    spec = e.spec
                    i = m.start(1)
                    s0, en = norm.span(i, i + len(a) + 1 + len(b))
                    key = (s0, en, spec.term, spec.kind)
                    if key not in found:
                        found[key] = Hit(s0, en, norm.original[s0:en], spec.term, spec.category,
                                         SUSPECT if spec.kind in ("insult", "dehumanise") else spec.action,
                                         spec.kind)

    def _scan_mixed(self, norm: Normalized, t: str, found: dict) -> None:
        """Arabic and Latin letters mixed inside one word ("حمar", "kalب"): the Latin part read as
        Arabizi, the whole compared by consonant skeleton with the listed violations.  Nobody
        writes a word that way but to hide it; still a reading by skeleton, so an insult found
        this way is suspect, a block only when aimed (as for Arabizi)."""
        for m in _MIXED_TOKEN.finditer(t):
            tok = m.group(0)
            if not (_LATIN.search(tok) and _ARABIC_LETTERS.search(tok)):
                continue
            head = _ARABIC_HEAD.match(tok)
            if head and head.group(0) in AR_PREFIXES and not _ARABIC_LETTERS.search(tok, head.end()):
                continue  # a Latin word with an Arabic article or clitic ("الiPhone", "بالm4")
            variants = [""]
            for run in _SCRIPT_RUN.findall(tok):
                if run[0].isascii():
                    reps = arabizi_skeleton(run)
                else:
                    reps = [run.translate(_AR_CONSONANTS)]
                variants = [v + r for v in variants for r in reps][:8]
            entries: list[int] = []
            for v in variants:
                sk = arabic_skeleton(v)
                if len(sk) >= 2 and "?" not in sk:  # a two-letter skeleton too ("غbي"): the mix is the sign
                    entries.extend(self._skel.get(sk, ()))
            i, j = m.span()
            for ix in dict.fromkeys(entries):
                self._add_guess(norm, i, j, self._entries[ix].spec, found)

    def _add_guess(self, norm: Normalized, i: int, j: int, spec: TermSpec, found: dict) -> None:
        """Add a hit read by consonant skeleton: a listed insult or obscenity found that way is
        suspect (a block only when the target rules see it aimed)."""
        s, en = norm.span(i, j)
        k2 = (s, en, spec.term, spec.kind)
        action = SUSPECT if spec.kind in ("insult", "dehumanise", "obscene") and spec.action == BLOCK \
            else spec.action
        if k2 not in found:
            found[k2] = Hit(s, en, norm.original[s:en], spec.term, spec.category, action, spec.kind)

    def _add(self, norm: Normalized, i: int, j: int, e: _Entry, found: dict) -> None:
        s, en = norm.span(i, j)
        spec = e.spec
        k2 = (s, en, spec.term, spec.kind)
        if k2 not in found:
            found[k2] = Hit(s, en, norm.original[s:en], spec.term, spec.category,
                            spec.action, spec.kind)

    def _scan(self, norm: Normalized, t: str, found: dict, auto) -> None:
        if auto is None:
            return
        n = len(t)
        runs = norm.runs
        entries = self._entries
        for end_idx, (key, idxs) in auto.iter(t):
            i = end_idx - len(key) + 1
            j = end_idx + 1
            left_glued = i > 0 and t[i - 1].isalnum()
            right_glued = j < n and t[j].isalnum()
            ws = i
            if left_glued:
                ws = i - 1
                while ws > 0 and t[ws - 1].isalnum():
                    ws -= 1
            we = j
            if right_glued:
                while we < n and t[we].isalnum():
                    we += 1
            for ix in idxs:
                e = entries[ix]
                if e.latin:
                    # doubled letters of the term must be doubled in the text
                    ok = True
                    for k, r in enumerate(e.runs):
                        if r > 1 and runs[i + k] < r:
                            ok = False
                            break
                    if not ok:
                        continue
                if not e.anywhere:
                    if left_glued:
                        if e.latin:
                            # "a m o r o n": the article, spelled out with the word, was joined to it
                            if not (t[ws:i] in ("a", "an") and _spelled_out(norm, ws, we)):
                                continue
                        elif not e.prefix:
                            continue
                        pre = t[ws:i]
                        if not e.latin and pre not in AR_PREFIXES and not (
                            runs[i] >= 2 and (pre + key[0]) in AR_PREFIXES
                        ) and not (
                            # vocative glued to a word starting with alef: "يابن" = "يا ابن"
                            pre == "ي" and key[0] == "ا"
                        ):
                            continue
                    if right_glued:
                        if not e.suffix:
                            continue
                        suf = t[j:we]
                        sufset = EN_SUFFIXES if e.latin else AR_SUFFIXES
                        if suf not in sufset and not (
                            runs[j - 1] >= 2 and (key[-1] + suf) in sufset
                        ) and not (
                            # Egyptian spelling of nisba plurals: المصرين for المصريين
                            suf == "ن" and key[-1] == "ي" and e.spec.kind == "group"
                        ):
                            continue
                    if (left_glued or right_glued) and (
                            t[ws:we] in self.allow_words or t[i:we] in self.allow_words):
                        continue
                # quote the whole word as the reader wrote it (clitics included)
                s, en = norm.span(ws, we) if not e.anywhere else norm.span(i, j)
                spec = e.spec
                k2 = (s, en, spec.term, spec.kind)
                if k2 not in found:
                    found[k2] = Hit(s, en, norm.original[s:en], spec.term, spec.category,
                                    spec.action, spec.kind)

    def _arabizi(self, norm: Normalized, found: dict) -> None:
        toks = arabizi_tokens(norm, force=bool(_FRAMED_LATIN.search(norm.text)))
        if not toks:
            return
        signal = (any(d for *_, d in toks) or any(tok in ARABIZI_SIGNALS for _, _, tok, _ in toks)
                  # a very short all-Latin comment ("kalb!") on an Arabic site is Arabizi
                  or (len(toks) <= 2 and norm.text.count(" ") + 1 == len(toks)))
        if not signal:
            # English framing: only the token right after "a" / "you" / "such" ... is a candidate
            words = norm.text.split(" ")
            framed = []
            for i, j, tok, has_digit in toks:
                k = norm.text.count(" ", 0, i)
                if k and words[k - 1].replace("'", "") in _ADDRESS_FRAME:
                    framed.append((i, j, tok, has_digit))
            if not framed:
                return
            toks = framed
        english = self._english
        for i, j, tok, has_digit in toks:
            if tok in ARABIZI_SIGNALS or tok in self.arabizi_stop:
                continue
            if not has_digit and (tok in english or _original_word(norm, i, j) in english):
                continue  # "applied" is squeezed to "aplied": look at what was typed too
            if has_digit and _is_code(norm, i, j):
                continue  # a product or discount code ("MA909", "6ZZZ"), not Arabizi
            cands = [tok]
            prefixed = set()
            for p in ("al", "el", "il", "ya", "l", "w", "b"):
                if tok.startswith(p) and len(tok) - len(p) >= 3 and tok[len(p):] not in self.arabizi_stop:
                    cands.append(tok[len(p):])
                    prefixed.add(tok[len(p):])
            hit_entries: list[int] = []
            # not product codes or handles ("HD2", "AA76", "bO22D"): one digit at most, not at the end
            consonant_digit = any(ch in "356789" for ch in tok)
            if signal and sum(ch.isdigit() for ch in tok) <= 1 and not tok[-1:].isdigit():
                for c in cands:
                    for sk in arabizi_skeleton(c):
                        # plural / feminine endings: "souriyeen", "masreyeen", "lag2een"
                        for o, x in [(sk, "")] + [(sk[:-len(x)], x) for x in ("ين", "ن", "ت", "ه") if sk.endswith(x)]:
                            # a two-letter stem only with an Arabizi digit or a plural ending
                            # read off ("soreyeen" = السوريين; "manta2a" is no يمني + ت)
                            # (a "2" read as a hamza adds no letter: "na2eb" is no two-letter group)
                            if len(o) >= 3 or (len(o) == 2 and (consonant_digit or x in ("ين", "ن"))):
                                hit_entries.extend(self._group_skel.get(o, ()))
            for c in cands:
                for sk in arabizi_skeleton(c):
                    if "?" in sk:
                        continue
                    options = [sk]
                    for suf in ("ك", "ه", "كم", "هم", "ن", "ت", "ي"):
                        if sk.endswith(suf) and len(sk) - len(suf) >= 2:
                            options.append(sk[: -len(suf)])
                    for o in options:
                        if len(o) < 3 and not has_digit and not any(x in tok for x in ("kh", "gh", "sh")):
                            continue
                        if len(o) < 3 and (c in prefixed or o != sk):
                            # "b5eer" (بخير) is not ب + a two-letter word, "5allina" (خلينا) not
                            # a two-letter word + a suffix
                            continue
                        if len(o) < 2:
                            continue
                        hit_entries.extend(self._skel.get(o, ()))
                if hit_entries:
                    break
            # a consonant skeleton is a guess ("l7mar" may be a real donkey, "l7amra" is
            # Marrakech): an insult read this way is suspect, a block only when aimed
            for ix in dict.fromkeys(hit_entries):
                self._add_guess(norm, i, j, self._entries[ix].spec, found)


VIOLATION_KINDS = frozenset(("insult", "obscene", "sacred_insult", "dehumanise", "slur", "threat"))


def _drop_contained(hits: list[Hit]) -> list[Hit]:
    """Drop a hit inside another one that explains it: same kind (e.g. "كلب" inside
    "ابن الكلب"), or both violation kinds (e.g. "يلعن" inside "يلعن دينك")."""
    if len(hits) < 2:
        return hits
    kept: list[Hit] = []
    for h in hits:  # sorted by start, longest first
        if any(k.start <= h.start and h.end <= k.end and (
                k.kind == h.kind or (k.kind in VIOLATION_KINDS and h.kind in VIOLATION_KINDS))
               for k in kept):
            continue
        kept.append(h)
    return kept
