"""Value types shared by every stage of the moderation engine (pure Python, no Django)."""
from __future__ import annotations

from dataclasses import dataclass, field

# Category codes are a DESIGN.md contract.
ABUSE_WRITER = "abuse_writer"
ABUSE_PERSON = "abuse_person"
ABUSE_SACRED = "abuse_sacred"
SECTARIAN = "sectarian_incitement"
RACIST = "racist_incitement"
PROFANITY = "profanity"
SPAM = "spam"
CATEGORIES = (ABUSE_WRITER, ABUSE_PERSON, ABUSE_SACRED, SECTARIAN, RACIST, PROFANITY, SPAM)

# Decisions are a DESIGN.md contract.
APPROVE, HOLD, REJECT, SPAM_DECISION = "approve", "hold", "reject", "spam"
DECISIONS = (APPROVE, HOLD, REJECT, SPAM_DECISION)

BLOCK, SUSPECT = "block", "suspect"
# Action of word-list entries that are context markers, never violations on their own
# (group names, writer references, condemnation markers, second person, negation).
MARKER = "marker"


# What a word-list entry is (README, "kinds"): the target rules read only these; any other value
# would make a term that silently never matches a rule, so the admin and the API refuse it.
TERM_KINDS = (
    # make findings
    "insult", "threat", "obscene", "sacred_insult", "dehumanise", "slur", "call", "sacred_predicate",
    # context markers
    "group", "writer_ref", "second_person", "vocative", "sacred", "negation", "condemn", "report",
    "endorse", "quote", "literal", "act", "allow",
)
AFFIX_MODES = ("auto", "word", "clitic", "prefix", "suffix", "any")


@dataclass(frozen=True, slots=True)
class TermSpec:
    """One word-list entry as data: where it comes from does not matter to the engine."""

    term: str
    category: str
    action: str = BLOCK  # BLOCK rejects, SUSPECT holds
    lang: str = "ar"
    kind: str = "insult"  # e.g. insult, group, call (incitement verbs), writer_ref, ... (lexicon decides)
    # how the term may be glued to other letters: "auto" (Arabic >= 3 letters: clitic prefixes
    # and suffixes; shorter Arabic: whole word; Latin: inflection suffixes), "word" (whole word
    # only), "clitic", "prefix" (clitic prefixes only), "suffix" (suffixes only), "any" (substring)
    affix: str = "auto"


@dataclass(frozen=True, slots=True)
class Hit:
    """A word-list match, mapped back to the original text."""

    start: int  # offsets into the ORIGINAL text
    end: int
    original: str  # text[start:end] as the reader wrote it
    term: str  # the list entry that matched
    category: str
    action: str
    kind: str = "insult"


@dataclass(frozen=True, slots=True)
class Context:
    """What the engine may know besides the text; every field optional."""

    author_name: str = ""
    article_title: str = ""
    article_writer: str = ""
    is_reply: bool = False
    strict: bool = False  # article in strict moderation: anything not clearly clean is held


@dataclass(frozen=True, slots=True)
class Verdict:
    decision: str
    categories: tuple[str, ...] = ()
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    hits: tuple[Hit, ...] = ()
    version: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)
