"""Turn word-list hits into rule findings: who or what is insulted, and is it incitement.

``analyse(text, lexicon, context)`` -> :class:`Analysis` with the raw hits and the findings
(category, action, hits, human-readable reason quoting the reader's own words).

Rules (pure Python, no Django):

* ``sacred_insult`` terms -> ``abuse_sacred``; an insult right after a religious referent
  (الاسلام، النبي، دينكم ...) -> ``abuse_sacred`` (suspect).
* A group (sect, religion, ethnicity, nationality, tribe, colour, migrants) within a few words of
  a dehumanising word -> incitement (block); of a call to expel / kill / burn / boycott ->
  incitement with the call's action; of a plain insult -> incitement with the insult's action.
  The group decides ``sectarian_incitement`` or ``racist_incitement``.  A call right after a
  negation ("لا", "not") is not a call; a comment with condemnation markers ("نرفض العنصرية",
  "against racism") is discussing hate, not inciting it: no incitement finding.
* Slurs (racial / sectarian) -> incitement on their own.
* Other insults -> ``abuse_writer`` when the writer is referred to (الكاتب، كاتب المقال, the
  writer's name from the context, or "you" in a top-level comment on an article whose writer
  the context names),
  else ``abuse_person``.  A "suspect" insult becomes "block" when it is aimed: vocative
  ("يا غبي"), second person ("انت غبي") or the writer.
* Threats of violence ("اقتلك") are handled like insults (abuse_person / abuse_writer).
* Softened to "suspect" (held even when the model is confident, never approved): an insult quoted
  or attached with «بـ» right after a reporting or speech verb ("وصف الحكم بالحمار", 'قال "يا حمار"'),
  an animal word in a literal context or owned / eaten by the group named ("حيواناتهم",
  "لا يأكلون الخنازير"); the second person of a quoted poem or proverb aims at nobody.
* Obscene words -> ``profanity`` (and ``abuse_writer`` too when aimed at the writer).
* Context-marker hits (group names, writer references, negation, ...) carry action "marker"
  and never make a finding on their own; only ``findings`` are violations.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon
from .normalize import normalize
from .types import (
    ABUSE_PERSON,
    ABUSE_SACRED,
    ABUSE_WRITER,
    BLOCK,
    MARKER,
    PROFANITY,
    RACIST,
    SECTARIAN,
    SUSPECT,
    Context,
    Hit,
)

__all__ = ["Finding", "Analysis", "analyse", "analyze", "scripture_quote"]


@lru_cache(maxsize=8192)
def _folded(s: str) -> str:
    """The normalised text of a hit's words or of a listed term (asked for many times per comment,
    the same few strings over and over)."""
    return normalize(s).text

# windows, in words
GROUP_WINDOW = 4
CALL_WINDOW = 5
INSULT_GROUP_WINDOW = 3
SACRED_WINDOW = 2
NEGATION_WINDOW = 2
AIM_WINDOW = 3
WRITER_WINDOW = 5

LITERAL_WINDOW = 6
ACT_WINDOW = 2
REPORT_WINDOW = 3
QUOTED_REPORT_WINDOW = 8
_OPEN_SINGLE = re.compile(r"(?:^|(?<=\s))'(?=\S)")
_CLOSE_SINGLE = re.compile(r"(?<=\S)'(?=\s|$|[,.!?;:])")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_EN_AIM_GAP = re.compile(
    r"(?:['’]?re|['’]?s|\s+(?:are|r|is|were|was|remain|look|sound|seem)\b|\s+(?:such|so|a|an|the|absolute|"
    r"absolutely|complete|completely|total|totally|utter|utterly|real|really|big|fucking|damn|"
    r"little|pathetic|typical|bloody|just|nothing\s+but|like))*\s*[,!.]?\s+",
    re.IGNORECASE)
_POSSESSIVE = ("هم", "ها", "هن", "كم", "نا", "ه")  # pronoun suffixes: "حيواناتهم" = their animals
_OWNER_EN = re.compile(r"\b(?:their|his|her|our|my|your)\s+$", re.IGNORECASE)

_VOCATIVE_TAIL = re.compile(r"(?:\s*(?:يا|ya|you)\s*)?$", re.IGNORECASE)
_QUOTES = frozenset("\"'«“”‘’")

# Animal names that double as insults: next to a farming / nature word ("نفوق الخنازير في مزرعة")
# and aimed at nobody, they are read in their literal sense and only held (normalised forms).
ANIMAL_TERMS = frozenset((
    "حمار", "حمير", "الحمار", "جحش", "بغل", "كلب", "كلاب", "خنزير", "خنازير", "قرد", "قرود", "قرده",
    "بقره", "بقر", "ثور", "تيس", "خروف", "خرفان", "بهيم", "بهايم", "بهيمه", "حيوان", "حيوانات", "دابه",
    "ثعلب", "ضبع", "حلوف", "جمل", "بعير", "حشره", "حشرات", "صراصير", "جرذان", "جرذ", "فئران", "مطايا",
    "افاعي", "مطي", "زمال",
    "dog", "dogs", "pig", "pigs", "donkey", "donkeys", "monkey", "monkeys", "cow", "animal", "animals",
    "rat", "rats", "ape", "apes", "cockroaches", "bitch",
))

# a relative pronoun before a religious referent makes the person the subject ("من يستغل الدين")
_RELATIVE = frozenset(("من", "اللي", "الي", "الذي", "الذين", "التي", "يلي", "ممن", "لمن"))
# referents that are also ordinary words: "رب" (master: رب العمل), "دين" (debt)
_WEAK_SACRED = frozenset(("رب", "دين"))
_PUNCT = re.compile(r"[.!?؟،,;؛:()\[\]{}\"'«»“”‘’/|\n]")  # punctuation between two words
_OWNED_BY = frozenset(("ديال", "ديالنا", "ديالي", "تاع", "متاع", "بتاع", "بتاعي", "بتاعنا", "تبع", "تبعي",
                       "تبعنا", "حقي", "حقنا",
                       "عند", "عندي", "عندنا",  # "الحمار عند جدي في الجبل": a donkey someone keeps
                       # "حمارة جدي": my grandfather's donkey (a first-person kin or neighbour owns it)
                       "جدي", "جدتي", "ستي", "سيدي", "ابوي", "ابويا", "عمي", "خالي", "اخوي", "جاري", "جارنا"))
_HAS = frozenset(("عنده", "عندي", "عندها", "عندو"))  # "كان عنده حمار" (not "عندنا حمار": a team's player)
# "انت مش غبي", "you are not an idiot": the insult is denied (not "ما": "ما اغباك" exclaims)
_INSULT_NEGATION = frozenset(("مش", "مو", "ليس", "لست", "لستم", "لستي", "مب", "موش", "مهو", "مهي", "not",
                              "isnt", "arent", "never", "no"))
_NEGATION_GLUE = frozenset(("a", "an", "the", "انت", "انتي", "هو", "هي", "انتم"))
_CURSES = ("يلعن", "ينعل", "لعن", "تبا", "طز", "تفو", "يخرب")
_GENERIC_REPORTERS = frozenset(normalize(w).text for w in (
    "اللي يقول", "من يقول", "اللي بيقول", "الي يقول", "اللي يقولون", "اللي بيقولوا",
    # "شتم الموظفة وقال لها يا بقرة": told to someone else, the vocative is reported
    "قال له", "قال لها", "قال لهم", "قالت له", "قالت لها", "قالوا له", "قالوا لها",
    "تقول له", "تقول لها", "يقول له", "يقولون له",
    # "مين قال إن البنت مكانها المطبخ؟": a stereotype quoted to refute it
    "مين قال"))
# "يا سامي هقتلك 😂": a threat among friends, said laughing
_LAUGHTER = re.compile(r"[\U0001F602\U0001F923\U0001F606\U0001F605]|ه{3,}|\b(?:lol|haha+|hahaha|lmao)\b", re.I)
_SACRED_FILLER = frozenset(("كان", "كانت", "ده", "دي", "هو", "هي", "بتاعكم", "بتاعهم", "تبعكم", "تبعكن",
                            "ديالكم", "ديالهم", "مجرد", "ص", "صلعم", "لم", "يكن", "الا", "لو", "موجود", "يبقي",
                            "was", "is", "a", "an", "just", "only", "the", "were", "kan", "are", "no"))
_PLAIN_REFERENTS = frozenset(("اله", "ربنا", "ربكم", "ربهم", "الاله", "مريم", "عيسي", "محمد", "god", "allah",
                              "jesus", "muhammad", "mohammed", "mary", "rabkom", "rabbkom", "nabikom"))
_OATH = frozenset(("ورب", "وحق", "بحق", "والله", "بالله", "تالله"))

# Words a question of religious law uses in their plain sense ("هل لعاب الكلب نجس؟"): next to a
# fiqh word (a "literal" marker: حكم، يجوز، طهارة، المالكية …) and aimed at nobody, they are held.
FIQH_TERMS = frozenset(("نجس", "نجسه", "كافر", "كفار", "مرتد", "زاني", "زانيه", "زنا", "الزنا", "الخنزير",
                        "خنزير", "الكلب", "كلب"))

# Citing scripture (a verse, a hadith, the Gospel) often repeats words the model has learnt from
# insults ("القردة والخنازير"); such a comment is held for a moderator rather than rejected by the
# model alone, and a listed word in it that is aimed at nobody ("والحمار ينهق … رواه البخاري") is
# held too.  Matched on the engine's normalised text (letter variants folded, diacritics removed,
# doubled letters squeezed: "الله" reads "اله"), whose offset map gives back the reader's own words.
_SCRIPTURE = re.compile(
    r"(?<!\S)(?:قال (?:اله )?(?:تعالي|عز وجل|سبحانه)|قوله (?:تعالي|عز وجل)|صدق اله العظيم"
    r"|بسم اله الرحمن الرحيم|قال رسول اله|قال (?:النبي|الرسول)(?= )"
    r"|قال (?:السيد )?المسيح|في الانجيل|في القران الكريم|(?:سوره|الايه) \S+(?: (?:الايه|ايه|رقم))?"
    # the Bible by book: "في إنجيل متى", "سفر الأمثال", "المزمور 23", "رسالة بولس"
    r"|انجيل (?:متي|مرقس|لوقا|يوحنا)|سفر (?:التكوين|الخروج|اللاويين|العدد|التثنيه|القضاه|الامثال|المزامير"
    r"|الجامعه|نشيد الانشاد|اشعياء|ارميا|حزقيال|دانيال|ايوب|الرويا|اعمال الرسل)|المزمور|رساله بولس|في التوراه"
    # a hadith: "قال ﷺ" (NFKC spells the ligature out), "رواه البخاري", "في الحديث"
    r"|قال صلي اله عليه وسلم|رواه (?:البخاري|مسلم|الترمذي|ابو داود|النسائي|ابن ماجه|احمد)"
    r"|في الحديث(?: الشريف| الصحيح)?|حديث (?:شريف|صحيح))"
)
_ORNATE_BRACKETS = re.compile("[\ufd3e\ufd3f]")  # ﴿ ﴾ around a Quran verse (not in the normalised text)


def scripture_quote(text: str, norm=None) -> str:
    """The reader's words that cite scripture, or ""."""
    m = _ORNATE_BRACKETS.search(text)
    if m:
        return text[m.start():m.start() + 40].strip()
    norm = norm if norm is not None else normalize(text)
    m = _SCRIPTURE.search(norm.text)
    if not m:
        return ""
    start, end = norm.span(m.start(), m.end())
    return text[start:end]


_INSULT_KINDS = frozenset(("insult", "dehumanise", "threat"))
# kinds that can produce a finding; a comment with none of them has no finding
_ACTIVE_KINDS = frozenset(("insult", "dehumanise", "threat", "obscene", "sacred_insult", "slur",
                           "call", "sacred_predicate"))


@dataclass(frozen=True, slots=True)
class Finding:
    category: str
    action: str  # "block" or "suspect"
    hits: tuple[Hit, ...]
    reason: str
    # the words are probably not the commenter's own insult (reported speech, a literal animal):
    # a moderator decides even when the model is confident
    softened: bool = False


@dataclass(frozen=True, slots=True)
class Analysis:
    hits: tuple[Hit, ...]
    findings: tuple[Finding, ...]

    @property
    def categories(self) -> tuple[str, ...]:
        """Categories of all findings, first occurrence order, no duplicates."""
        return tuple(dict.fromkeys(f.category for f in self.findings))

    def categories_for(self, action: str | None = None) -> tuple[str, ...]:
        """Categories with at least one finding of ``action`` (all findings if None)."""
        return tuple(dict.fromkeys(f.category for f in self.findings
                                   if action is None or f.action == action))

    @property
    def action(self) -> str | None:
        """"block" if any finding blocks, "suspect" if any holds, else None."""
        if any(f.action == BLOCK for f in self.findings):
            return BLOCK
        if self.findings:
            return SUSPECT
        return None

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(f.reason for f in self.findings)

    @property
    def violation_hits(self) -> tuple[Hit, ...]:
        """Block / suspect hits that are part of a finding (markers such as group names excluded)."""
        seen: dict[tuple, Hit] = {}
        for f in self.findings:
            for h in f.hits:
                if h.action in (BLOCK, SUSPECT):
                    seen.setdefault((h.start, h.end, h.term, h.kind), h)
        return tuple(sorted(seen.values(), key=lambda h: h.start))


def _q(h: Hit) -> str:
    return "«" + h.original.strip() + "»"


def _list(action: str) -> str:
    return "block list" if action == BLOCK else "suspect list"


_NON_WORD = re.compile(r"\s+")


def analyse(text: str, lexicon: Lexicon, context: Context | None = None) -> Analysis:
    """Find rule violations in ``text``; never raises on odd input."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    norm = normalize(text)
    hits = tuple(lexicon.find(norm))
    if _EMOJI_HINT.search(text):
        hits = tuple(sorted(hits + _emoji_hits(text), key=lambda h: h.start))
    if not any(h.kind in _ACTIVE_KINDS for h in hits):
        return Analysis(hits, ())  # only context markers (or nothing): no finding

    # word index of each hit: spaces before its first normalised character
    t = norm.text
    starts = norm.starts
    widx: dict[int, int] = {}

    def _word_at(o: int) -> int:
        w = widx.get(o)
        if w is None:
            w = t.count(" ", 0, bisect_left(starts, o))
            widx[o] = w
        return w

    def wi(h: Hit) -> int:
        return _word_at(h.start)

    def wj(h: Hit) -> int:  # last word of the hit
        return _word_at(h.end - 1) if h.end - 1 > h.start else _word_at(h.start)

    def ends_clause_of(a: Hit, b: Hit) -> bool:
        """``b`` comes after ``a`` in the same clause, within PREDICATE_GROUP_WINDOW words: the
        predicate of the clause ``a`` opens ("Africans in our neighbourhood are like cockroaches")."""
        return wj(a) < wi(b) and wi(b) - wj(a) <= PREDICATE_GROUP_WINDOW and not _clause_break(text, a, b)

    def dist(a: Hit, b: Hit) -> int:
        if wj(a) < wi(b):
            return wi(b) - wj(a)
        if wj(b) < wi(a):
            return wi(a) - wj(b)
        return 0

    by_kind: dict[str, list[Hit]] = {}
    for h in hits:
        by_kind.setdefault(h.kind, []).append(h)
    groups = by_kind.get("group", [])
    slurs = by_kind.get("slur", [])
    calls = by_kind.get("call", [])
    negs = by_kind.get("negation", [])
    condemns = by_kind.get("condemn", [])
    writer_refs = by_kind.get("writer_ref", [])
    second = by_kind.get("second_person", [])
    vocs = by_kind.get("vocative", [])
    sacred = by_kind.get("sacred", [])
    literal = by_kind.get("literal", [])
    insults = [h for h in hits if h.kind in _INSULT_KINDS]
    # a dehumanising word listed as a marker only counts next to a group ("عبيد")
    standalone = [h for h in insults if h.action != MARKER]
    obscene = by_kind.get("obscene", [])

    findings: list[Finding] = []
    consumed: set[int] = set()  # ids of insult hits already explained by a finding

    words = t.split(" ")
    # "كلبي أنقذ ابني", "حماري": an animal with the first-person "my" glued to it is one the
    # writer keeps; it puts the animal words near it in their literal sense, as a farm word does
    # (not in a comment that calls or speaks to someone, "يا كلبي", "انت كلبي", nor in a bare reply);
    # so does an animal someone has ("أبويا كان عنده حمار … ولما الحمار مات")
    def had_by(h: Hit) -> str:
        """"أبويا كان عنده حمار": the word before the animal says someone has it."""
        k = wi(h) - 1
        return words[k] if k >= 0 and words[k] in _HAS else ""

    if len(words) >= 4 and not vocs and not second:
        literal = literal + [h for h in insults if h.term in ANIMAL_TERMS and (
            _folded(h.original) == _folded(h.term) + "ي" or had_by(h))]

    # -- reported speech (used by every rule below) -------------------------------------------
    # وصف، نعت، قال، the word … (markers of kind "report"); not the "wrote" of "whoever wrote this"
    reporters = [c for c in by_kind.get("report", ()) if not any(
        w.start <= c.start and c.end <= w.end for w in by_kind.get("writer_ref", ()))]
    # "... قال "هم جراد" وكان محقا": the commenter adopts what they report, so it is not softened
    endorsed = bool(by_kind.get("endorse"))

    def reported_by(h: Hit, is_quoted: bool):
        """The reporting verb when the insult is what someone else was called ("وصف الحكم
        بالحمار", 'he said "you idiot"'): the insult follows the verb closely and is attached
        with «بـ» or quoted."""
        if (h.kind == "threat" and not is_quoted) or not reporters or endorsed:
            return None  # a threat is reported only inside quotation marks
        # a quotation may come a little later in the same sentence ('يصف فيها البعض الشعب الآخر
        # بأنه "شعب حقير"')
        latin = _folded(h.original)[:1].isascii()
        reach = QUOTED_REPORT_WINDOW if (is_quoted or latin) else REPORT_WINDOW
        verb = next((c for c in reporters if wj(c) < wi(h) and wi(h) - wj(c) <= reach
                     and not _SENTENCE_END.search(text, c.end, h.start)), None)
        if verb is None:
            return None
        word = _folded(h.original)
        if is_quoted or latin or _folded(verb.term) in _GENERIC_REPORTERS or (word.startswith("ب") and not _folded(h.term).startswith("ب")):
            return verb
        return None

    def mentioned(h: Hit) -> bool:
        """The insult sits in a short quotation of its own ('اتقال لها "يا بقرة"', 'هتافات "يا
        زبالة"', 'calling her a "whore"'): the word is named or reported, not said to anyone here."""
        if endorsed:
            return False
        spans = []
        for o, c in (('"', '"'), ("«", "»"), ("“", "”"), ("‘", "’")):
            i = text.rfind(o, max(0, h.start - 30), h.start)
            if i < 0 or (o == c and text.count('"', 0, i) % 2):
                continue  # none, or that mark closes an earlier quotation
            spans.append((i, text.find(c, h.end, h.end + 40)))
        # single quotes double as apostrophes (Arabizi "3'abi"): an opening one follows a space, a
        # closing one precedes a space or punctuation ("3ib ngoulou 'kahlouch' l ay wa7ed")
        # (the search ends one past the quote, so its look-ahead sees the quoted word)
        opening = [m.start() for m in _OPEN_SINGLE.finditer(text, max(0, h.start - 30), h.start + 1)]
        closing = _CLOSE_SINGLE.search(text, h.end, h.end + 40)
        if opening and closing:
            spans.append((opening[-1], closing.start()))
        for i, j in spans:
            if j >= 0 and len(text[i + 1:j].split()) <= 6:
                # a quotation that opens the sentence is the commenter's own ('. "يا حمار" هذا ما اقوله لك')
                return text[:i].rstrip()[-1:] not in ("", ".", "!", "?", "؟", "\n")
        return False

    def generic_report(h: Hit) -> bool:
        """"اللي يقول للناس يا حمار ما تربى": whoever says it is being judged, nobody is called."""
        return any(_folded(c.term) in _GENERIC_REPORTERS and wj(c) < wi(h)
                   and wi(h) - wj(c) <= REPORT_WINDOW + 1 for c in reporters)

    def quoted(h: Hit) -> bool:
        """The insult (with its vocative, if any) opens a quotation («"يا حمير"», «"idiot"») or
        sits inside one ('"يا حمار يا بهيم"')."""
        before = _VOCATIVE_TAIL.sub("", text[max(0, h.start - 8):h.start])
        if before[-1:] in _QUOTES:
            return True
        seg = text[max(0, h.start - 80):h.start]
        if seg.count('"') % 2:
            return True
        # single quotes double as apostrophes: an opening one follows a space, a closing one
        # precedes a space or punctuation
        opened = [m.end() for m in _OPEN_SINGLE.finditer(seg)]
        if opened and not _CLOSE_SINGLE.search(seg, opened[-1]):
            return True
        return any(seg.rfind(o) > seg.rfind(c) for o, c in (("«", "»"), ("“", "”")))


    # -- sacred ------------------------------------------------------------------------------
    for h in by_kind.get("sacred_insult", []):
        # "Saying the prophet was a pedophile is a lazy smear": reported to be refuted
        verb = reported_by(h, quoted(h))
        if verb is not None:
            findings.append(Finding(ABUSE_SACRED, SUSPECT, (h,), f"{ABUSE_SACRED}: {_q(h)} (insult to "
                                    f"religion reported after \"{verb.original}\": a moderator decides)",
                                    softened=True))
            continue
        findings.append(Finding(ABUSE_SACRED, h.action, (h,),
                                f"{ABUSE_SACRED}: {_q(h)} (insult to religion, {_list(h.action)})"))

    def vocative_form(h: Hit) -> bool:
        """The insult is a call to someone: «يا جهلة», «ياجهله», «ايها المنافقين»."""
        glued = _folded(h.original).replace(" ", "")
        if glued.startswith("يا") and not _folded(h.term).startswith("يا"):
            return True
        return wi(h) > 0 and words[wi(h) - 1] in ("يا", "ايها", "ya")

    def predicate_gap(ref_end: int, start: int) -> int:
        """Words between a referent and what is said of it, linking words not counted."""
        return start - ref_end - sum(1 for w in words[ref_end + 1:start] if w in _SACRED_FILLER)

    for s in sacred:
        # "من يتاجر بالدين حقير": the insult is aimed at whoever exploits religion, not at it
        # "ورب الكعبة ..." is an oath: what follows is said of someone else
        if any(w in _RELATIVE for w in words[max(0, wi(s) - 2):wi(s)]) or (
                wi(s) and words[wi(s) - 1] in _OATH):
            continue
        for h in standalone + obscene:
            if id(h) in consumed or vocative_form(h):  # "... الاسلام يا جهلة": said to people
                continue
            if wj(h) < wi(s) and wi(s) - wj(h) == 1 and _folded(h.term).startswith(_CURSES):
                # a curse right before the referent: "يلعن ابو الكعبة"
                findings.append(Finding(ABUSE_SACRED, BLOCK, (h, s), f"{ABUSE_SACRED}: {_q(h)} + {_q(s)} "
                                        f"(curse on a religious referent)"))
                consumed.add(id(h))
                break
            # words that only link the referent to its predicate do not count ("نبيكم كان كذاب",
            # "دينكم ده زبالة", "Jesus was a bastard")
            gap = predicate_gap(wj(s), wi(h))
            if wi(h) >= wj(s) and 0 < gap <= SACRED_WINDOW:
                # a block word blocks; said right after the referent ("الصحابة كلاب", "نبيكم
                # كذاب"), a suspect insult is its predicate: block too, unless punctuation sits
                # between or the referent is the bare "رب" / "دين" (also master and debt)
                action = BLOCK if h.action == BLOCK or (
                    gap == 1 and s.term not in _WEAK_SACRED
                    and not _PUNCT.search(text, s.end, h.start)) else SUSPECT
                findings.append(Finding(ABUSE_SACRED, action, (s, h),
                                        f"{ABUSE_SACRED}: {_q(s)} + {_q(h)} (insult to a religious referent)"))
                consumed.add(id(h))
                break

    # words that insult a religious referent without being insults ("نائم", "أمير حرب", "a petty
    # tyrant", "no virgin"): markers of kind "sacred_predicate", held when they follow a referent
    # closely; the referent may also be God or a prophet named plainly (الله، ربنا، مريم، Jesus), which
    # are not referents for ordinary insults ("وعد الله المنافقين" is a verse)
    for h in by_kind.get("sacred_predicate", []):
        if any(f for f in findings if h in f.hits):
            continue
        target = next((s for s in sacred if wj(s) < wi(h) and predicate_gap(wj(s), wi(h)) <= SACRED_WINDOW), None)
        if target is None and not _folded(h.original).startswith(("ال", "وال", "بال", "فال", "لل")):
            # "النبي الذي تتحدثون عنه لم يكن إلا رجلا مصابا بالصرع": the predicate of the clause the
            # referent opens, a little further on (held anyway, so a longer reach costs little); a
            # definite noun there is something else the sentence speaks of ("ربنا … يعاقب الظالم")
            target = next((s for s in sacred if ends_clause_of(s, h)), None)
        name = target.original if target is not None else next(
            (words[k] for k in range(max(0, wi(h) - 6), wi(h))
             if words[k] in _PLAIN_REFERENTS and predicate_gap(k, wi(h)) <= SACRED_WINDOW), None)
        if name is not None:
            verb = reported_by(h, quoted(h))
            findings.append(Finding(ABUSE_SACRED, SUSPECT, (h,) if target is None else (target, h),
                                    f"{ABUSE_SACRED}: «{name}» + {_q(h)} (said of a religious referent"
                                    + (f", reported after \"{verb.original}\"" if verb else "")
                                    + ": a moderator decides)", softened=verb is not None))

    # -- incitement --------------------------------------------------------------------------
    condemned = bool(condemns)

    # (the basmala opens many ordinary comments: it quotes nothing)
    scripture = scripture_quote(text, norm) if (standalone or obscene) else ""
    if scripture and _folded(scripture).startswith("بسم"):
        scripture = ""
    acts = by_kind.get("act", [])
    act_described: dict[int, Hit] = {}  # word index of an insult that qualifies an act -> the act

    def described_act(h: Hit):
        """"هجوم إرهابي جبان وحقير", "a cowardly attack": the insult qualifies an act or event
        (right after it, or after one adjective; then the next insult in the chain too)."""
        # an adjective qualifies the act; a noun ("كلام حمار مثلك") still names a person
        if not acts or h.kind != "insult" or h.term in ANIMAL_TERMS:
            return None
        m = next((m for m in acts if wj(m) < wi(h) and wi(h) - wj(m) <= ACT_WINDOW
                  and not _clause_break(text, m, h)), None)
        if m is None:
            m = act_described.get(wi(h) - 1)
        if m is not None:
            act_described[wj(h)] = m
        return m

    def denied(h: Hit) -> str | None:
        """"انت مش غبي", "you are not an idiot": a negation right before the insult (or before
        its article / "you"); never for a vocative ("مش هرحمك ياقذره")."""
        if h.kind != "insult" or vocative_form(h):
            return None
        k = wi(h)
        if k >= 1 and words[k - 1] in _INSULT_NEGATION:
            return words[k - 1]
        if k >= 2 and words[k - 2] in _INSULT_NEGATION and words[k - 1] in _NEGATION_GLUE:
            return words[k - 2]
        return None

    def owned_by(h: Hit) -> str:
        """"الحمار ديال جدي", "الكلب بتاعنا": an animal someone owns (the possessive particle)."""
        if h.term not in ANIMAL_TERMS:
            return ""
        k = wj(h) + 1
        if k < len(words) and words[k] in _OWNED_BY:
            return words[k]
        return had_by(h)

    def literal_sense(h: Hit):
        if h.term not in ANIMAL_TERMS and h.term not in FIQH_TERMS:
            return None
        return next((m for m in literal if dist(m, h) <= LITERAL_WINDOW), None)

    def animal_of_theirs(h: Hit) -> str:
        """Why an animal word next to a group may be the animal itself: it is owned ("their
        animals", "حيواناتهم") or eaten / farmed / hunted (a literal marker nearby)."""
        if h.term not in ANIMAL_TERMS:
            return ""
        word = _folded(h.original).replace(" ", "")
        term = _folded(h.term).replace(" ", "")
        if word != term and word.endswith(_POSSESSIVE) and not term.endswith(_POSSESSIVE):
            return "the animals belong to someone"
        before = _OWNER_EN.search(text, max(0, h.start - 8), h.start)
        if before:
            return "the animals belong to someone"
        lit = literal_sense(h)
        return f"\"{lit.original}\" suggests the animal itself" if lit is not None else ""

    def negated(c: Hit) -> bool:
        # not across a clause: "Copts مش مننا، boycott their shops"
        return any(wj(n) < wi(c) and wi(c) - wj(n) <= NEGATION_WINDOW and not _clause_break(text, n, c)
                   for n in negs)

    live_calls = [c for c in calls if not negated(c) and not _indicative(c)]
    incite: list[Finding] = []
    for g in groups + slurs:
        cat = _group_rule(g)
        # dehumanising words / insults next to the group
        for h in insults:
            if id(h) in consumed:
                continue
            d = dist(g, h)
            if h.original in _EMOJI_WORDS and (d > EMOJI_GROUP_WINDOW or _adjective(g)):
                continue  # "الجزيرة العربية 🐍": an adjective, not a people
            if h.kind == "dehumanise" and (d <= GROUP_WINDOW or (
                    ends_clause_of(g, h) and _after_copula(words, wi(h)))):
                why = animal_of_theirs(h)
                if why:  # "اللاجئون عبروا مع حيواناتهم", "المسلمون لا يأكلون الخنازير"
                    incite.append(Finding(cat, SUSPECT, (g, h), f"{cat}: {_q(h)} + {_q(g)} "
                                          f"(dehumanising a group? {why}: a moderator decides)",
                                          softened=True))
                else:
                    incite.append(Finding(cat, BLOCK, (g, h),
                                          f"{cat}: {_q(h)} + {_q(g)} (dehumanising a group)"))
                consumed.add(id(h))
            elif h.kind == "insult" and d <= INSULT_GROUP_WINDOW and not _clause_break(text, g, h) \
                    and not (quoted(h) and mentioned(h)):  # 'يكتبون "زبالة" على صفحات البنات'
                action = BLOCK if (h.action == BLOCK or (g.kind == "slur" and g.action == BLOCK)) else h.action
                incite.append(Finding(cat, action, (g, h),
                                      f"{cat}: {_q(h)} + {_q(g)} (insult against a group)"))
                consumed.add(id(h))
        for c in live_calls:
            if id(c) in consumed:
                continue
            inside = (g.start <= c.start and c.end <= g.end) or (c.start <= g.start and g.end <= c.end)
            if inside and not (c.start <= g.start and g.end <= c.end and c.end - c.start > g.end - g.start):
                continue  # the same words listed twice (a slur that is also a call): not a pair;
                # a slogan that holds the group ("migrants out") is one
            # a call that is the predicate of the clause the group opens pairs a little further on
            # ("Shia are a fifth column and should be purged from the army")
            if dist(g, c) <= CALL_WINDOW or (ends_clause_of(g, c) and not _adjective(g)):
                # a block slur stays a block whatever the call's strength ("muzzies ... deported")
                action = BLOCK if (c.action == BLOCK or (g.kind == "slur" and g.action == BLOCK)) else c.action
                incite.append(Finding(cat, action, (c, g),
                                      f"{cat}: {_q(c)} + {_q(g)} (call against a group)"))
                consumed.add(id(c))
    # "the Muslims moving here ... they are animals", "الأفارقة ... اطردوهم": a call or dehumanising
    # word about "them" refers to the group named earlier in the comment
    if groups:
        paired = {id(h) for f in incite for h in f.hits}
        for h in live_calls + [x for x in insults if x.kind == "dehumanise"]:
            if id(h) in paired or id(h) in consumed:
                continue
            if not _refers_to_them(h, words, wi(h)):
                continue
            g = next((g for g in reversed(groups) if wj(g) < wi(h) and wi(h) - wj(g) <= ANAPHORA_WINDOW), None)
            if g is None:
                continue
            cat = _group_rule(g)
            action = BLOCK if h.action == BLOCK else SUSPECT
            what = "call against" if h.kind == "call" else "dehumanising"
            incite.append(Finding(cat, action, (g, h), f"{cat}: {_q(h)} + {_q(g)} ({what} a group named "
                                  f"earlier in the comment)"))
            consumed.add(id(h))

    # 'تعليقات "ارجعوا لبلادكم" مؤلمة', 'الأمازيغ ليسوا "برابرة"': the call or dehumanising word sits in a
    # short quotation of its own, named rather than said: held
    for n, f in enumerate(incite):
        words_said = [h for h in f.hits if h.kind not in ("group", "slur")]
        if f.action == BLOCK and words_said and all(quoted(h) and mentioned(h) for h in words_said):
            incite[n] = Finding(f.category, SUSPECT, f.hits, f.reason + " [in quotation marks, named rather "
                                "than said: a moderator decides]", softened=True)
    if reporters and not endorsed:
        # "the minister said migrants should be deported", "قال النائب يجب ترحيلهم", "اللي قال عن
        # السودانيين عبيد": a call or a dehumanising word the comment reports is news or a quote until
        # a moderator reads it: held, never approved
        for n, f in enumerate(incite):
            pair = [h for h in f.hits if h.kind in ("call", "group", "dehumanise")]
            if f.action != BLOCK or len(pair) < 2 or any(h.kind == "slur" for h in f.hits):
                continue
            first = min(wi(h) for h in pair)
            # inside quotation marks the reported words may come a little further on ("was told by a
            # bus driver to 'go back to your country, you dirty refugee'"), never past the sentence
            reach = REPORT_WINDOW
            if all(quoted(h) for h in pair):  # counted to where the quotation opens
                start = min(h.start for h in pair)
                opened = max(text.rfind(q, 0, start) for q in "'\"«“")
                first, reach = (_word_at(opened) if opened >= 0 else first), QUOTED_REPORT_WINDOW
            verb = next((r for r in reporters if wj(r) < first and first - wj(r) <= reach
                         and not _SENTENCE_END.search(text, r.end, min(h.start for h in pair))), None)
            if verb is not None:
                incite[n] = Finding(f.category, SUSPECT, f.hits, f.reason + f" [reported after "
                                    f"\"{verb.original}\": a moderator decides]", softened=True)
    for s in slurs:
        cat = SECTARIAN if s.category == SECTARIAN else RACIST
        if not any(s in f.hits for f in incite):
            verb = reported_by(s, True) if quoted(s) else None  # 'li kay9ol "3azzi"': the slur is named
            if verb is None and quoted(s) and mentioned(s):  # 'balash "rafidi" w "nasibi"'
                incite.append(Finding(cat, SUSPECT, (s,), f"{cat}: {_q(s)} (slur in quotation marks, named "
                                      f"rather than said: a moderator decides)", softened=True))
                continue
            if verb is not None:
                incite.append(Finding(cat, SUSPECT, (s,), f"{cat}: {_q(s)} (slur quoted after "
                                      f"\"{verb.original}\": a moderator decides)", softened=True))
                continue
            incite.append(Finding(cat, s.action, (s,), f"{cat}: {_q(s)} (slur, {_list(s.action)})"))
    if condemned and incite:
        # Discussing or condemning hate is not hate: a finding next to the condemnation ("نرفض دعوات طرد
        # ...") is dropped (a block slur is still held). One far from it is held for a moderator instead
        # of dropped, so a condemnation word elsewhere in the comment cannot launder a call to expel.
        kept = []
        for f in incite:
            near = any(dist(cm, h) <= CALL_WINDOW and not _clause_break(text, cm, h) for cm in condemns for h in f.hits)
            if not near:
                kept.append(Finding(f.category, SUSPECT, f.hits,
                                    f.reason + " [the comment also condemns hate: held for a moderator]",
                                    softened=True))
            elif any(h.kind == "slur" for h in f.hits) and f.action == BLOCK:
                kept.append(Finding(f.category, SUSPECT, f.hits,
                                    f.reason + " [in a comment that condemns hate]", softened=True))
        incite = kept
    findings.extend(incite)

    # -- targets of remaining insults -------------------------------------------------------
    writer_named = _writer_named(norm.text, context)
    # "you" in a top-level comment on an article with a known writer addresses the writer
    top_level = bool(context is not None and not context.is_reply and context.article_writer)

    def near_second(h: Hit) -> bool:
        for m in second:
            if wj(m) <= wi(h) and wi(h) - wj(m) <= AIM_WINDOW:
                return True
            if m.end <= h.start and _EN_AIM_GAP.fullmatch(text, m.end, h.start):
                return True  # "you are an absolute idiot": only a verb "to be" and intensifiers between
            if wi(m) >= wj(h) and wi(m) - wj(h) <= 1:
                return True
        return False

    def vocative(h: Hit) -> bool:
        glued = _folded(h.original).replace(" ", "")
        if glued.startswith("يا") and len(glued) > len(h.term):
            return True
        # "يا شيخنا لو الكلب لمس ثوبي": a definite noun further on is what the sentence is about,
        # not the person called ("يا عيال الكلب", "يا بيوت الدعارة": one noun between still is)
        definite = glued.startswith(("ال", "وال", "فال", "بال", "لل"))
        return any(wj(m) <= wi(h) and wi(h) - wj(m) <= (2 if definite else AIM_WINDOW) for m in vocs)

    def addressed(h: Hit) -> bool:
        """Vocative or second person: said to someone's face."""
        return vocative(h) or near_second(h)

    def writer_target(h: Hit) -> tuple[bool, tuple[Hit, ...], str]:
        if context is not None and context.is_reply and near_second(h):
            return False, (), ""  # a reply: "you" is the other commenter ("you're an idiot, the writer is right")
        refs = sorted((w for w in writer_refs if dist(w, h) <= WRITER_WINDOW),
                      key=lambda w: dist(w, h))
        if refs:
            return True, (refs[0],), " + " + _q(refs[0])
        # a comment that opens by calling the writer ("يا أستاذ، انت …", "ya kateb …"): its "you" is the writer
        opener = next((w for w in writer_refs if wi(w) == 0 and _folded(w.original).startswith(("يا", "ya"))), None)
        if opener is not None and (near_second(h) or vocative(h)):
            return True, (opener,), " + " + _q(opener)
        if writer_named:
            return True, (), " + «" + context.article_writer + "»"  # type: ignore[union-attr]
        if top_level and (near_second(h) or vocative(h)):
            return True, (), " (addressed in a top-level comment)"
        return False, (), ""

    def softened_because(h: Hit, is_aimed: bool, noun: str) -> str:
        """Why an insult is probably not the commenter's own ("" when it is): reported speech
        ("الكاتب وصف الوزير بالحمار"; 'من يكتب "يا حمير" لغيره': the vocative is inside the
        quotation), a denial, a quoted verse, an act it describes, an animal in its literal sense."""
        is_quoted = quoted(h)
        verb = reported_by(h, is_quoted) if (is_quoted or not addressed(h) or generic_report(h)) else None
        if verb is not None:
            return f"{noun} reported after \"{verb.original}\": a moderator decides"
        if is_quoted and mentioned(h):
            return f"{noun} in quotation marks, named rather than said to anyone: a moderator decides"
        denial = denied(h)
        if denial is not None:
            return f"{noun} after \"{denial}\": denied, not said? a moderator decides"
        if h.kind == "threat" and _LAUGHTER.search(text):
            return "threat said laughing, perhaps in jest: a moderator decides"
        if is_aimed:
            return ""
        if scripture:
            return f"{noun} in a comment that quotes scripture («{scripture}»): a moderator decides"
        act = described_act(h)
        if act is not None:
            return f"{noun} describing \"{act.original}\", an act rather than a person: a moderator decides"
        sense = literal_sense(h)
        # the context word is not in «»: the nudge quotes «» words to the reader as the problem
        hint = sense.original if sense is not None else owned_by(h)
        return f"{noun}, but \"{hint}\" suggests the animal itself" if hint else ""

    # a line of poetry or a proverb ("قال الشاعر", "المثل يقول") speaks to "you" in general: its
    # "أنت" does not aim a suspect word at anyone (a vocative or the writer still does; a block word
    # blocks anyway)
    quoting = bool(by_kind.get("quote"))
    for h in standalone:
        if id(h) in consumed:
            continue
        is_aimed = (vocative(h) or (near_second(h) and not quoting) or writer_named
                    or any(dist(w, h) <= WRITER_WINDOW for w in writer_refs))
        action = BLOCK if (h.action == BLOCK or is_aimed) else SUSPECT
        noun = "threat" if h.kind == "threat" else "insult"
        why = softened_because(h, is_aimed, noun)
        if why:
            findings.append(Finding(ABUSE_PERSON, SUSPECT, (h,), f"{ABUSE_PERSON}: {_q(h)} ({why})",
                                    softened=True))
            continue
        to_writer, refs, wq = writer_target(h)
        if to_writer:
            findings.append(Finding(ABUSE_WRITER, action, (h,) + refs,
                                    f"{ABUSE_WRITER}: {_q(h)}{wq} ({noun} aimed at the writer)"))
        else:
            what = (f"{noun} aimed at a person" if is_aimed and h.action != BLOCK
                    else f"{noun}, {_list(h.action)}")
            findings.append(Finding(ABUSE_PERSON, action, (h,), f"{ABUSE_PERSON}: {_q(h)} ({what})"))

    for h in obscene:
        if id(h) in consumed:
            continue
        # 'the word "fuck"', 'قال "..."', "the court heard he called her a stupid bitch": mentioned
        is_quoted = quoted(h)
        verb = reported_by(h, is_quoted) if (is_quoted or not addressed(h)) else None
        if verb is None and scripture and not addressed(h):
            findings.append(Finding(PROFANITY, SUSPECT, (h,), f"{PROFANITY}: {_q(h)} (in a comment that "
                                    f"quotes scripture («{scripture}»): a moderator decides)", softened=True))
            continue
        sense = literal_sense(h) if verb is None and not addressed(h) else None
        if sense is not None:  # "the bitch had seven puppies": a dog breeder's word
            findings.append(Finding(PROFANITY, SUSPECT, (h,), f"{PROFANITY}: {_q(h)} (but \"{sense.original}\" "
                                    f"suggests the animal itself: a moderator decides)", softened=True))
            continue
        if verb is None and is_quoted and mentioned(h):
            findings.append(Finding(PROFANITY, SUSPECT, (h,), f"{PROFANITY}: {_q(h)} (in quotation marks, "
                                    f"named rather than said to anyone: a moderator decides)", softened=True))
            continue
        if verb is not None:
            findings.append(Finding(PROFANITY, SUSPECT, (h,), f"{PROFANITY}: {_q(h)} (quoted after "
                                    f"\"{verb.original}\": a moderator decides)", softened=True))
            continue
        findings.append(Finding(PROFANITY, h.action, (h,), f"{PROFANITY}: {_q(h)} ({_list(h.action)})"))
        to_writer, refs, wq = writer_target(h)
        if to_writer:
            findings.append(Finding(ABUSE_WRITER, h.action, (h,) + refs,
                                    f"{ABUSE_WRITER}: {_q(h)}{wq} (obscenity aimed at the writer)"))

    return Analysis(hits, tuple(findings))


analyze = analyse


# "the Africans in our neighbourhood are like cockroaches": a dehumanising word that is the
# predicate of the clause the group opens pairs with it over a longer stretch of words
PREDICATE_GROUP_WINDOW = 8
_COPULA = frozenset(("are", "were", "like", "مثل", "زي", "متل", "كانهم", "كانهن", "زيهم", "مثلهم", "هم"))


def _after_copula(words: list[str], k: int) -> bool:
    """One of the two words before word ``k`` links a subject to it ("are like", "هم مثل")."""
    return any(w in _COPULA for w in words[max(0, k - 2):k])


_CLAUSE = re.compile(r"[.!?؟،,;؛:\n]")

ANAPHORA_WINDOW = 30
_PRONOUNS = frozenset(("they", "them", "theyre", "these", "those", "هم", "هولاء", "هاولاء", "هدول",
                       "هذول", "هاذول", "دول", "كلهم", "انهم", "هما"))


# Animal emoji as a dehumanising word ("الأفارقة 🐒", "السوريين 🐀"): a marker, so it counts only right
# next to a group name (EMOJI_GROUP_WINDOW); the middle finger as an insult.
_EMOJI_WORDS = {"🐷": "خنازير", "🐖": "خنازير", "🐽": "خنازير", "🐒": "قرود", "🐵": "قرود", "🦍": "قرود",
                "🐀": "جرذان", "🐁": "جرذان", "🐍": "افاعي", "🪳": "صراصير", "🦟": "حشرات", "🐛": "حشرات"}
_EMOJI_HINT = re.compile("[" + "".join(_EMOJI_WORDS) + "🖕]")
EMOJI_GROUP_WINDOW = 2


def _adjective(g: Hit) -> bool:
    """A feminine group adjective ("العربية", "الصينية") qualifies a noun, it names no people."""
    return _folded(g.original).endswith("يه")


def _emoji_hits(text: str) -> tuple[Hit, ...]:
    out = []
    for m in _EMOJI_HINT.finditer(text):
        e = m.group(0)
        if e == "🖕":
            out.append(Hit(m.start(), m.end(), e, "🖕", ABUSE_PERSON, SUSPECT, "insult"))
        else:
            out.append(Hit(m.start(), m.end(), e, _EMOJI_WORDS[e], ABUSE_PERSON, MARKER, "dehumanise"))
    return tuple(out)


def _indicative(c: Hit) -> bool:
    """"لما بيرجعوا بلادهم" (when they go back home): the dialect present بـ before a verb listed
    as a call ("يرجعوا بلادهم") makes it a statement, not a call."""
    word = _folded(c.original)
    term = _folded(c.term)
    return word[:1] == "ب" and term[:1] in ("ي", "ت") and word[1:2] == term[:1]


def _group_rule(g: Hit) -> str:
    """The rule hate against this group breaks: its own (a sect, an ethnicity; women and other
    groups this site files under abuse_person), racist incitement when the list says nothing else."""
    return g.category if g.category in (SECTARIAN, RACIST, ABUSE_PERSON) else RACIST


def _refers_to_them(h: Hit, words: list[str], start: int) -> bool:
    """The hit is about "them": it has the pronoun in it ("kick them out", "اطردوهم") or one
    right before it ("they are animals", "هم حشرات")."""
    own = _folded(h.original)
    # a verb with "them" attached ("اطردوهم"), not a noun with "their" ("بلادهم"); a call listed
    # with its "them" ("يجب ترحيلهم": deporting them)
    if any(w in _PRONOUNS for w in own.split(" ")) or own.endswith("وهم") or (
            h.kind == "call" and _folded(h.term).endswith("هم")):
        return True
    # Arabizi "them" attached ("raj3ohom", "khasshom ykhrjo"), and "they must" (خاصهم، لازمهم)
    if any(w.endswith(("hom", "houm", "hum")) or w in ("خاصهم", "لازمهم") for w in own.split(" ")):
        return True
    return any(w in _PRONOUNS for w in words[max(0, start - 4):start])  # "they should all be driven out"


def _clause_break(text: str, a: Hit, b: Hit) -> bool:
    """Sentence punctuation between two hits (a plain insult there is not about the group)."""
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return lo < hi and bool(_CLAUSE.search(text, lo, hi))


def _writer_named(norm_text: str, context: Context | None) -> bool:
    if context is None or not context.article_writer:
        return False
    name = normalize(context.article_writer).text
    if not name:
        return False
    cands = [name]
    parts = name.split(" ")
    if len(parts) > 1 and len(parts[-1]) >= 4:
        cands.append(parts[-1])
    for c in cands:
        if re.search(r"(?<!\w)(?:ال|يا|ل|و|ب)?" + re.escape(c) + r"(?!\w)", norm_text):
            return True
    # the first name alone only when the writer is called by it: "يا سامي", "استاذ سامي"
    if len(parts) > 1 and len(parts[0]) >= 3:
        called = r"(?<!\w)(?:يا ?|استاذ |الاستاذ |يا استاذ )" + re.escape(parts[0]) + r"(?!\w)"
        return bool(re.search(called, norm_text))
    return False
