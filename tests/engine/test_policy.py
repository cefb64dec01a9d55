"""Policy: block/suspect findings, model thresholds, spam and context rules, strict mode,
fail-closed behaviour and versioning.  Stub scorers make the model part deterministic."""
import time

import pytest

from moderation.engine import Context, Engine, EngineConfig, default_engine, evaluate
from moderation.engine.scorer import Score
from moderation.engine.types import BLOCK, SUSPECT, TermSpec

# made-up entries so the tests do not depend on the shipped lists
BLOCK_TERM = TermSpec("زنبركوت", "profanity", BLOCK, "ar", "obscene")
SUSPECT_TERM = TermSpec("فلنكوش", "abuse_person", SUSPECT, "ar", "insult")
TERMS = [BLOCK_TERM, SUSPECT_TERM]
CLEAN = "شكرا للكاتب على هذا المقال المفيد عن الاقتصاد"


class FixedScorer:
    version = "stub-1"

    def __init__(self, p=0.05, category="abuse_person"):
        self.p, self.category = p, category

    def score_full(self, text):
        return Score(self.p, self.category, 0.9)

    def score(self, text):
        return self.p


class BrokenScorer:
    version = "broken"

    def score(self, text):
        raise RuntimeError("model file corrupt")


class NaNScorer:
    def score(self, text):
        return float("nan")


class SlowScorer(FixedScorer):
    def score_full(self, text):
        time.sleep(0.02)
        return super().score_full(text)


def engine(p=0.05, category="abuse_person", **cfg):
    return Engine(lexicon=TERMS, scorer=FixedScorer(p, category), config=EngineConfig(**cfg))


def test_clean_text_is_approved():
    v = engine(0.05).evaluate(CLEAN)
    assert v.decision == "approve"
    assert v.categories == ()
    assert v.version and v.reasons


def test_block_term_rejects_naming_rule_and_quoting_words():
    v = engine(0.01).evaluate("هذا الكلام زنبركوت فعلا")
    assert v.decision == "reject"
    assert v.categories == ("profanity",)
    assert any("profanity" in r and "زنبركوت" in r for r in v.reasons), v.reasons
    assert v.hits and v.hits[0].original == "زنبركوت"


def test_block_term_found_through_elongation_and_diacritics():
    v = engine(0.01).evaluate("هذا الكلام زنبــــركووووت")
    assert v.decision == "reject"


def test_suspect_term_holds_unless_model_confident():
    held = engine(0.30).evaluate("انت فلنكوش")
    assert held.decision == "hold"
    assert any("فلنكوش" in r for r in held.reasons)
    rejected = engine(0.95).evaluate("انت فلنكوش")
    assert rejected.decision == "reject"
    assert "abuse_person" in rejected.categories


def test_model_thresholds():
    assert engine(0.10).evaluate(CLEAN).decision == "approve"
    mid = engine(0.50).evaluate(CLEAN)
    assert mid.decision == "hold" and any("0.50" in r for r in mid.reasons)
    high = engine(0.97, category="racist_incitement").evaluate(CLEAN.replace("شكرا", "هؤلاء"))
    assert high.decision == "reject"
    assert high.categories == ("racist_incitement",)
    assert any("racist_incitement: model score 0.97" in r for r in high.reasons)


def test_model_reject_without_category_defaults_to_abuse_person():
    v = engine(0.97, category="").evaluate("نص ما")
    assert v.decision == "reject" and v.categories == ("abuse_person",)


def test_model_reject_aimed_at_writer():
    ctx = Context(article_writer="سمير الخطيب")
    v = engine(0.97).evaluate("سمير الخطيب لا يفهم شيئا", ctx)
    assert v.decision == "reject" and v.categories == ("abuse_writer",)


@pytest.mark.parametrize("scorer", [BrokenScorer(), NaNScorer()])
def test_fail_closed_when_scorer_breaks(scorer):
    e = Engine(lexicon=TERMS, scorer=scorer)
    v = e.evaluate(CLEAN)
    assert v.decision == "hold"
    assert any("fail-closed" in r and "scorer" in r for r in v.reasons), v.reasons


def test_fail_closed_when_stage_is_too_slow():
    e = Engine(lexicon=TERMS, scorer=SlowScorer(0.01), config=EngineConfig(stage_budget_ms=5))
    v = e.evaluate(CLEAN)
    assert v.decision == "hold"
    assert any("budget" in r for r in v.reasons)


def test_fail_closed_when_lexicon_breaks():
    class BrokenLexicon:
        terms = ()

        def find(self, text):
            raise ValueError("automaton missing")

    e = Engine(lexicon=BrokenLexicon(), scorer=FixedScorer(0.01))
    v = e.evaluate(CLEAN)
    assert v.decision == "hold"
    assert any("word lists" in r for r in v.reasons)


def test_block_still_rejects_when_scorer_breaks():
    v = Engine(lexicon=TERMS, scorer=BrokenScorer()).evaluate("زنبركوت")
    assert v.decision == "reject"


def test_empty_and_invalid_input():
    e = engine(0.01)
    for text in ("", "   ", "\u200b\u200f \n"):
        v = e.evaluate(text)
        assert v.decision == "spam" and "empty" in v.reasons[0]
    v = e.evaluate(None)  # type: ignore[arg-type]
    assert v.decision == "hold"


def test_too_many_links_holds():
    v = engine(0.01).evaluate("اقرأ http://a.example.com/x و http://b.example.org/y و www.c-site.net")
    assert v.decision == "hold"
    assert any(r.startswith("links:") for r in v.reasons)
    assert engine(0.01).evaluate("المصدر https://news.example.com/a").decision == "approve"


def test_link_farm_is_spam():
    links = " ".join(f"http://site{i}.com/offer" for i in range(6))
    v = engine(0.01).evaluate("شوفوا " + links)
    assert v.decision == "spam" and v.categories == ("spam",)


def test_phone_with_money_words_is_spam():
    v = engine(0.01).evaluate("اربح 500 دولار يوميا تواصل واتساب 0551234567")
    assert v.decision == "spam"
    assert any("0551234567" in r for r in v.reasons)
    arabic_digits = engine(0.01).evaluate("للتواصل واتساب ٠٥٥١٢٣٤٥٦٧")
    assert arabic_digits.decision == "spam"


def test_numbers_in_news_talk_are_not_spam():
    v = engine(0.01).evaluate("ارتفع عدد السكان إلى 10 ملايين في عام 2024 حسب التقرير")
    assert v.decision == "approve"


def test_word_flood_is_spam_and_char_flood_holds():
    v = engine(0.01).evaluate(" ".join(["اشتركوا"] * 40))
    assert v.decision == "spam"
    v = engine(0.01).evaluate("لا" + "!" * 80)
    assert v.decision == "hold" and any("flood" in r for r in v.reasons)


def test_shouting_holds():
    v = engine(0.01).evaluate("THIS IS THE WORST ARTICLE I HAVE EVER READ IN MY LIFE")
    assert v.decision == "hold" and any("shouting" in r for r in v.reasons)
    assert engine(0.01).evaluate("This is a fine article about NASA and the UN").decision == "approve"


def test_strict_mode_holds_anything_not_clearly_clean():
    e = engine(0.15)
    assert e.evaluate(CLEAN).decision == "approve"
    v = e.evaluate(CLEAN, Context(strict=True))
    assert v.decision == "hold" and any("strict" in r for r in v.reasons)
    assert engine(0.02).evaluate(CLEAN, Context(strict=True)).decision == "approve"
    assert engine(0.02).evaluate("زنبركوت", Context(strict=True)).decision == "reject"


def test_version_changes_with_terms_model_and_config():
    a = Engine(lexicon=TERMS, scorer=FixedScorer())
    b = Engine(lexicon=TERMS + [TermSpec("قلقاسوت", "abuse_person", BLOCK)], scorer=FixedScorer())
    c = Engine(lexicon=[TermSpec("زنبركوت", "profanity", SUSPECT, "ar", "obscene"), SUSPECT_TERM],
               scorer=FixedScorer())
    d = Engine(lexicon=TERMS, scorer=FixedScorer(), config=EngineConfig(reject_above=0.95))
    assert len({a.version, b.version, c.version, d.version}) == 4
    assert Engine(lexicon=list(TERMS), scorer=FixedScorer()).version == a.version
    assert "stub-1" in a.version
    # the Latin words never read as Arabizi change decisions, so they are part of the digest too
    from moderation.engine.lexicon import Lexicon

    lex = Lexicon.from_terms(TERMS)
    other = Lexicon(lex._entries, lex.allow_words, sorted(lex.arabizi_stop) + ["qalqasot"])
    assert Engine(lexicon=other, scorer=FixedScorer()).version != a.version


def test_config_validation_and_settings_mapping():
    cfg = EngineConfig.from_mapping({"approve_below": 0.1, "max_links": 1})
    assert cfg.approve_below == 0.1 and cfg.max_links == 1
    with pytest.raises(ValueError):
        EngineConfig.from_mapping({"aprove_below": 0.1})
    with pytest.raises(ValueError):
        EngineConfig(approve_below=0.9, reject_above=0.5)


def test_check_is_fast_and_matches_evaluate():
    e = engine(0.01)
    t0 = time.perf_counter()
    v = e.check("هذا الكلام زنبركوت")
    assert (time.perf_counter() - t0) < 0.05
    assert v.decision == e.evaluate("هذا الكلام زنبركوت").decision == "reject"


# --- the shipped engine (default word lists + shipped model) --------------------------------
def test_default_engine_end_to_end():
    e = default_engine()
    assert e is default_engine()
    assert "terms-" in e.version and "scorer-" in e.version and "none" not in e.version
    ok = evaluate("مقال ممتاز ومعلومات مفيدة، شكرا لكم")
    assert ok.decision == "approve", ok.reasons
    bad = evaluate("يا حمار يا حقير انت وامثالك زبالة")
    assert bad.decision == "reject", bad.reasons
    assert bad.categories and bad.reasons
    t0 = time.perf_counter()
    e.check("تعليق قصير للتجربة")
    assert time.perf_counter() - t0 < 0.05


def test_model_category_refines_a_plain_insult_finding():
    terms = TERMS + [TermSpec("قلقاسوت", "abuse_person", BLOCK, "ar", "insult")]
    racist = Engine(lexicon=terms, scorer=FixedScorer(0.95, "racist_incitement"))
    v = racist.evaluate("هؤلاء قلقاسوت")
    assert v.decision == "reject"
    assert v.categories[0] == "racist_incitement" and "abuse_person" in v.categories
    # a low model score never relabels the finding
    low = Engine(lexicon=terms, scorer=FixedScorer(0.05, "racist_incitement"))
    assert low.evaluate("هؤلاء قلقاسوت").categories == ("abuse_person",)


def test_model_category_refines_an_obscene_word_aimed_at_a_group():
    racist = engine(p=0.95, category="racist_incitement")
    v = racist.evaluate("هؤلاء زنبركوت")
    assert v.decision == "reject"
    assert v.categories[0] == "racist_incitement" and "profanity" in v.categories
    # a guess of plain abuse does not replace the more specific profanity finding
    assert engine(p=0.95, category="abuse_person").evaluate("هؤلاء زنبركوت").categories == ("profanity",)


def test_scripture_quote_turns_a_model_reject_into_a_hold():
    quoted = engine(p=0.97).evaluate("قال تعالى: كلام منقول من الآية")
    assert quoted.decision == "hold"
    assert any("scripture" in r for r in quoted.reasons)
    assert engine(p=0.97).evaluate("كلام عادي بلا اقتباس").decision == "reject"
    # suspect word + confident model: also held when the comment quotes scripture
    assert engine(p=0.97).evaluate("صدق الله العظيم فلنكوش").decision == "hold"
    # a block-list word aimed at nobody is held in a comment that quotes scripture (the verse or
    # hadith may be where it comes from); said to someone it is rejected whatever the comment quotes
    assert engine(p=0.97).evaluate("قال تعالى كذا، زنبركوت").decision == "hold"
    from moderation.engine import default_engine
    assert default_engine().evaluate("قال تعالى كذا، وانت يا حمار").decision == "reject"


def test_listed_innocent_phrase_turns_a_model_reject_into_a_hold():
    terms = TERMS + [TermSpec("فلنكوش مشوي", "abuse_person", "marker", "ar", "allow")]
    e = Engine(lexicon=terms, scorer=FixedScorer(0.97))
    v = e.evaluate("اكلنا فلنكوش مشوي في المطعم")
    assert v.decision == "hold" and any("innocent use" in r for r in v.reasons), v.reasons
    assert e.lexicon.innocent("اكلنا فلنكوش مشوي")[0].original == "فلنكوش مشوي"
    assert e.lexicon.find("اكلنا فلنكوش مشوي") == []


def test_discussing_hate_is_never_approved_blind():
    terms = [TermSpec("قومستان", "racist_incitement", "marker", "ar", "group"),
             TermSpec("زواحفيون", "abuse_person", SUSPECT, "ar", "dehumanise"),
             TermSpec("نستنكر", "racist_incitement", "marker", "ar", "condemn")]
    e = Engine(lexicon=terms, scorer=FixedScorer(0.05))
    # condemnation next to the dehumanising word: no incitement finding, but held, not approved
    v = e.evaluate("نستنكر من يصف قومستان بانهم زواحفيون")
    assert v.decision == "hold" and "discusses hate" in v.reasons[0]
    assert "قومستان" in v.reasons[0] and "زواحفيون" in v.reasons[0]
    # a group named without any dehumanising word or call is plain news talk
    assert e.evaluate("نستنكر ما حدث لأهالي قومستان").decision == "approve"


def test_scripture_reason_quotes_what_the_reader_wrote():
    v = engine(p=0.97).evaluate("قَالَ تَعَالَى: كلام منقول من الآية")
    assert v.decision == "hold"
    assert any("«قَالَ تَعَالَى»" in r for r in v.reasons), v.reasons


def test_arabic_in_a_legacy_code_page_is_judged_as_arabic():
    from moderation.engine import default_engine

    garbled = "انت حمار يا فسل".encode("cp1256").decode("cp1252")
    v = default_engine().evaluate(garbled)
    assert v.decision == "reject"
    assert any(r.startswith("encoding:") for r in v.reasons)
    (hit,) = [h for h in v.hits if h.term == "حمار"]
    assert garbled[hit.start:hit.end] == "ÍãÇÑ"  # offsets still fit what the reader sent
    clean = "المقال ممتاز وشكرا للكاتب".encode("cp1256").decode("cp1252")
    assert default_engine().evaluate(clean).decision == "approve"


# --- property: the whole engine on odd text ---------------------------------------------------
from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

_engine_alphabet = st.sampled_from(list(
    "كلبحمارشرموطةخنزيريا انتالكاتبالشيعةاللاجئين ـًّ\u200c*#%\"'«»“”.،!?0123579٣٧"
    "abcdefikmnorstuyABCXYZ ÇäÊÍãÑíÝÓá\n😀"
)) | st.characters()


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=_engine_alphabet, max_size=120))
def test_property_engine_never_fails_closed_on_odd_text_and_hits_point_into_it(text):
    from moderation.engine import default_engine

    v = default_engine().evaluate(text)
    assert not any(r.startswith("fail-closed") for r in v.reasons), v.reasons
    for h in v.hits:
        assert 0 <= h.start <= h.end <= len(text)


@pytest.mark.parametrize("text", [
    "موعد الامتحان 2024-06-12 والنتائج 2024-07-01 حسب الوزارة",
    "الميزانية 2 500 000 000 درهم و12.500.000 جنيه للصحة",
    "للتبرع: الحساب SA03 8000 0000 6080 1016 7519 باسم الهلال الأحمر",
    "للاستفسار اتصلوا بالرقم الموحد للوزارة 920033360 على الواتساب",
    "سعر الدولار اليوم 48.5 جنيه، الرابط الرسمي للنشرة https://www.cbe.org.eg",
])
def test_dates_amounts_accounts_and_official_numbers_are_not_spam(text):
    from moderation.engine import default_engine
    assert default_engine().evaluate(text).decision != "spam", default_engine().evaluate(text).reasons


def test_a_phone_number_with_ad_words_is_still_spam():
    from moderation.engine import default_engine
    v = default_engine().evaluate("اربح 500 دولار يوميا من البيت، للتواصل واتساب 0551234567")
    assert v.decision == "spam", v.reasons


class CollectingScorer(FixedScorer):
    """A scorer during which the process collects garbage over a big heap."""

    heap = [[i] for i in range(300_000)]

    def score_full(self, text):
        import gc
        gc.collect()
        return super().score_full(text)


def test_a_garbage_collection_pause_is_not_a_slow_stage():
    # a full collection over a big heap takes several ms here, far over a 1 ms budget; it is the
    # process's pause, not the scorer being slow, so the comment is not held fail-closed
    e = Engine(lexicon=TERMS, scorer=CollectingScorer(0.05), config=EngineConfig(stage_budget_ms=1.0))
    v = e.evaluate(CLEAN)
    assert not any(r.startswith("fail-closed") for r in v.reasons), v.reasons
    assert v.decision == "approve"


def test_a_generalisation_about_a_group_quoted_to_refute_it_is_not_rejected_by_the_model():
    from moderation.engine import default_engine
    v = default_engine().evaluate('تعميم "كل الأفغان إرهابيين" أو "كل الباكستانيين مجرمين" كذب وتحريض، '
                                  'والجريمة لا دين ولا جنسية لها')
    assert v.decision == "hold", v.reasons


def test_a_slur_named_as_a_word_in_arabizi_is_held():
    from moderation.engine import default_engine
    v = default_engine().evaluate('ya gama3a balash kelmet "rawafed" di betfara2 ben el nas')
    assert v.decision == "hold", v.reasons
    assert default_engine().evaluate("el shee3a rawafed").decision == "reject"


def test_a_model_reject_that_calls_the_writer_by_first_name_is_abuse_writer():
    from moderation.engine import default_engine
    from moderation.engine.types import Context

    v = default_engine().evaluate("يا دينا يا فاشلة، روحي اقعدي في بيتك أحسن", Context(article_writer="دينا فؤاد"))
    assert v.decision == "reject" and v.categories[0] == "abuse_writer", v.reasons
