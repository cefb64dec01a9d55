"""Lexicon matching: boundaries, clitics, evasions, phrases, Arabizi, allow-lists, offsets."""
import pytest

from moderation.engine.lexicon import Lexicon
from moderation.engine.normalize import normalize
from moderation.engine.types import BLOCK, MARKER, SUSPECT, TermSpec
from moderation.engine.wordlists import default_allow_words, default_terms


@pytest.fixture(scope="module")
def lex():
    return Lexicon.from_terms(default_terms())


@pytest.fixture(scope="module")
def small():
    return Lexicon.from_terms([
        TermSpec("كلب", "abuse_person", SUSPECT, "ar", "insult"),
        TermSpec("كلاب", "abuse_person", SUSPECT, "ar", "dehumanise"),
        TermSpec("حمار", "abuse_person", BLOCK, "ar", "insult"),
        TermSpec("ابن الكلب", "abuse_person", BLOCK, "ar", "insult"),
        TermSpec("ass", "profanity", SUSPECT, "en", "obscene", "word"),
        TermSpec("hell", "profanity", SUSPECT, "en", "obscene"),
        TermSpec("shit", "profanity", BLOCK, "en", "obscene"),
        TermSpec("idiot", "abuse_person", SUSPECT, "en", "insult"),
        TermSpec("كس", "profanity", BLOCK, "ar", "obscene"),
    ], allow_words=["كلبش"])


def terms(lexicon, text):
    return [h.term for h in lexicon.find(text)]


# --- word boundaries: innocent words containing a bad substring ---------------------------------

@pytest.mark.parametrize("text", [
    "استقبلنا الكلبشات",   # handcuffs: not dog
    "يكلبش المتهم",
    "مكلبات",             # not a clitic form
    "قلبي معكم",          # heart
])
def test_arabic_dog_not_hit_inside_innocent_words(small, text):
    assert "كلب" not in terms(small, text) and "كلاب" not in terms(small, text)


@pytest.mark.parametrize("text", [
    "كسر الزجاج",          # broke
    "الكسل عدو النجاح",     # laziness
    "كسب الفريق",          # won
    "مكسيكو",
    "عكس ذلك",
])
def test_short_obscene_term_matches_whole_words_only(small, text):
    assert terms(small, text) == []


@pytest.mark.parametrize("text", [
    "a first class assessment of the bass section",
    "hello, shell, hellenic",
    "as you said, we pass",
    "shitake mushrooms",
    "idiotically",  # not an allowed inflection
])
def test_english_innocent_words(small, text):
    assert terms(small, text) == []


def test_english_inflections_and_doubling(small):
    assert terms(small, "you idiots") == ["idiot"]
    assert terms(small, "what the hell") == ["hell"]
    assert terms(small, "asssss") == ["ass"]
    assert terms(small, "ass") == ["ass"]
    assert terms(small, "as") == []  # "ass" squeezes to "as" but the doubling is required


# --- clitics ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,term", [
    ("والكلاب", "كلاب"), ("كلابهم", "كلاب"), ("بالكلاب", "كلاب"), ("للكلاب", "كلاب"),
    ("فالكلب", "كلب"), ("كلبك", "كلب"), ("ياكلب", "كلب"), ("الكلبة", "كلب"),
    ("وحمارهم", "حمار"), ("الحمارين", "حمار"), ("يا حمار", "حمار"),
])
def test_arabic_clitics(small, text, term):
    assert term in terms(small, text)


def test_allow_list_stops_clitic_collision(small):
    assert terms(small, "كلبش") == []
    assert "زمالك" in default_allow_words()


def test_default_lists_avoid_known_collisions(lex):
    for text in ["فاز الزمالك على الاهلي", "سافرت خولة الى دبي", "كاميرا نيكون جديدة",
                 "خدمة الزبون ممتازة", "زمالة الاطباء", "بروتين حيواني", "عصر الجاهلية"]:
        bad = [h for h in lex.find(text) if h.action in (BLOCK, SUSPECT)]
        assert bad == [], (text, bad)


# --- evasions -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "حماااااار", "حَمَارٌ", "حمـــــار", "ح م ا ر", "ح.م.ا.ر", "ح\u200cمار", "\u202bحمار\u202c",
    "حمار!!!", "أنت حمار",
    "حـ ـمـ ـار", "حـ مـ ار",  # broken with tatweel around the gaps
    "حَـ ـمَـ ـار",  # ... with diacritics between the letters and the tatweel
    "7مار", "٧مار", "يا ٧مار",  # one Arabizi digit inside an Arabic word
    "ح مار", "حما ر", "انت حما ر",  # one letter split off the word
])
def test_arabic_evasions(small, text):
    assert "حمار" in terms(small, text)


def test_arabizi_digit_quote_and_numbers_left_alone(small):
    (hit,) = [h for h in small.find("يا ٧مار") if h.term == "حمار"]
    assert hit.original == "٧مار"
    # numbers and digits standing apart are not letters
    for text in ["سنة 2020م", "الساعة 7 مساء", "٢٥كيلو", "7 7 7"]:
        norm = normalize(text)
        assert norm.arabizi_digit_text() == norm.text, text
    assert normalize("خن7ير و 3مار").arabizi_digit_text().split() == ["خنحير", "و", "عمار"]


def test_word_split_in_three_short_pieces(small):
    (hit,) = [h for h in small.find("الكاتب ده ح ما ر") if h.term == "حمار"]
    assert hit.original == "ح ما ر"
    # ordinary short words around a lone letter stay apart
    assert [h for h in small.find("هل ما ر أيت") if h.action != MARKER] == []


@pytest.mark.parametrize("text,category", [
    ("you are a st*pid clown", "abuse_person"), ("id**t", "abuse_person"),
    ("f***ing hell", "profanity"), ("sh*tty article", "profanity")])
def test_masked_latin_letters(lex, text, category):
    hits = [h for h in lex.find(text) if h.action != MARKER and "*" in h.original]
    assert hits and hits[0].category == category, hits


@pytest.mark.parametrize("text", ["great w*rk team", "the p*per is good", "#1 news site",
                                  "50% of readers agree", "rated 5* by critics"])
def test_masks_that_fit_no_listed_word_are_left_alone(lex, text):
    assert [h for h in lex.find(text) if h.action != MARKER] == []


def test_split_word_quote_covers_both_pieces(small):
    (hit,) = [h for h in small.find("انت كل ب") if h.term == "كلب"]
    assert hit.original == "كل ب"
    assert small.find("الله ـــ أكبر") == [] and small.find("ذهبت الى ع الشاطئ") == []


@pytest.mark.parametrize("text", ["you are a kalb", "you're such a kalb", "u r a kalb"])
def test_arabizi_word_in_an_english_insult_frame(small, text):
    assert {"كلب", "كلاب"} & set(terms(small, text))


@pytest.mark.parametrize("text", ["you are a kind person", "what a cool kid", "a calm talk"])
def test_english_frame_does_not_read_english_words_as_arabizi(small, text):
    assert terms(small, text) == []


@pytest.mark.parametrize("text", ["sh1t", "s.h.i.t", "s h i t", "SHIT", "shiiiit", "$hit", "ѕhіt", "sh\u200bit"])
def test_english_evasions(small, text):
    assert terms(small, text) == ["shit"]


@pytest.mark.parametrize("text", ["انت حمar", "يا 7مar", "enta 7mار", "ya kaلb"])
def test_arabic_and_latin_mixed_inside_one_word(small, text):
    hits = [h for h in small.find(text) if h.term in ("حمار", "كلب", "كلاب")]
    assert hits, text
    # read by consonant skeleton: a guess, so suspect until the target rules see it aimed
    assert all(h.action == SUSPECT for h in hits)


@pytest.mark.parametrize("text", ["الiPhone الجديد", "تطبيق واتسapp", "شركة Kalbach للسيارات"])
def test_mixed_script_brand_names_are_not_read_as_insults(lex, text):
    assert [h for h in lex.find(text) if h.action != MARKER] == [], text


@pytest.mark.parametrize("text", ["you are a m o r o n", "what a m-o-r-o-n", "such an i d i o t"])
def test_spelled_out_word_after_the_article(lex, text):
    assert any(h.category == "abuse_person" for h in lex.find(text)), text


@pytest.mark.parametrize("text", ["a moron", "amoron", "anidiot"])
def test_article_is_not_glued_to_a_word_typed_whole(lex, text):
    # only a word the reader spelled out letter by letter has its article joined to it
    hits = lex.find(text)
    assert (text == "a moron") == bool(hits), (text, hits)


def test_phrase_tolerates_punctuation_and_spaces(small):
    assert "ابن الكلب" in terms(small, "ابن ...   الكلب")
    assert "ابن الكلب" in terms(small, "ابن-الكلب")


def test_phrase_hides_contained_single_word(small):
    assert terms(small, "يا ابن الكلب") == ["ابن الكلب"]


# --- Arabizi ------------------------------------------------------------------------------

def test_arabizi_matches_arabic_terms(small):
    assert "حمار" in terms(small, "enta 7mar")
    assert "حمار" in terms(small, "ya 7maaar")
    assert {"كلب", "كلاب"} & set(terms(small, "ya kalb"))  # same consonant skeleton
    assert {"كلب", "كلاب"} & set(terms(small, "ya klab"))  # same consonant skeleton


def test_arabizi_needs_a_signal(small):
    # plain English words are not read as Arabizi
    assert terms(small, "the club was great") == []
    assert terms(small, "my neighbour kalb is here") == []  # English sentence, no Arabizi signal
    assert {"كلب", "كلاب"} & set(terms(small, "kalb!"))  # a one-word Latin comment is Arabizi


def test_arabizi_stop_words(lex):
    for text in ["thank you", "monkey", "zebra", "six", "born"]:
        assert [h for h in lex.find(text) if h.action != MARKER] == [], text


def test_default_arabizi_entries(lex):
    ts = terms(lex, "enta sharmoota")
    assert "sharmoota" in ts
    assert any(h.action == BLOCK for h in lex.find("ya 3ars"))


# --- offsets and quoting -------------------------------------------------------------------

def test_hits_quote_the_original_text(small):
    text = "قال لي: يا  حمـــااار!"
    [h] = small.find(text)
    assert h.original == "حمـــااار"
    assert text[h.start:h.end] == h.original
    text2 = "  هؤلاء والكلاب سواء"
    [h2] = small.find(text2)
    assert h2.original == "والكلاب"  # the whole word as written, clitic included


def test_hits_carry_term_metadata(small):
    [h] = small.find("حمار")
    assert (h.term, h.category, h.action, h.kind) == ("حمار", "abuse_person", BLOCK, "insult")


# --- default lists ------------------------------------------------------------------------

def test_default_terms_are_well_formed():
    ts = default_terms()
    assert len(ts) > 300
    cats = {t.category for t in ts}
    assert {"abuse_writer", "abuse_person", "abuse_sacred", "sectarian_incitement",
            "racist_incitement", "profanity"} <= cats
    kinds = {t.kind for t in ts}
    assert {"insult", "obscene", "sacred_insult", "group", "dehumanise", "call", "writer_ref",
            "condemn"} <= kinds
    for t in ts:
        assert t.action in (BLOCK, SUSPECT, MARKER)
        if t.kind in ("group", "writer_ref", "condemn", "negation", "second_person"):
            assert t.action == MARKER, t


def test_pious_phrases_and_quran_quotes_have_no_violation_hits(lex):
    for text in [
        "مَثَلُ الَّذِينَ حُمِّلُوا التَّوْرَاةَ ثُمَّ لَمْ يَحْمِلُوهَا كَمَثَلِ الْحِمَارِ يَحْمِلُ أَسْفَارًا",
        "إِنَّ أَنكَرَ الْأَصْوَاتِ لَصَوْتُ الْحَمِيرِ",
        "وَكَلْبُهُم بَاسِطٌ ذِرَاعَيْهِ بِالْوَصِيدِ",
        "ألا لعنة الله على الظالمين",
        "الله يلعن الظالمين والفاسدين",
        "حسبي الله ونعم الوكيل",
    ]:
        bad = [h for h in lex.find(text) if h.action in (BLOCK, SUSPECT)]
        assert bad == [], (text, bad)


def test_lexicon_accepts_plain_iterables_and_odd_input():
    lx = Lexicon.from_terms(iter([TermSpec("خنزير", "abuse_person", SUSPECT)]))
    assert len(lx) == 1
    assert lx.find("") == []
    assert lx.find("\x00\ud800") == []
    empty = Lexicon.from_terms([])
    assert empty.find("حمار") == []


def test_arabizi_2_is_read_as_hamza_or_qaf():
    from moderation.engine.normalize import arabizi_skeleton

    assert "حقر" in arabizi_skeleton("7a2eer")  # حقير, the qaf said as a glottal stop
    assert {"ل", "قل"} <= set(arabizi_skeleton("2alil"))  # both readings are kept


def test_arabizi_group_names_and_calls(lex):
    kinds = {(h.term, h.kind) for h in lex.find("atrodo el lag2een")}
    assert ("اطردوا", "call") in kinds and any(k == "group" for _, k in kinds), kinds
    assert any(h.kind == "group" for h in lex.find("el shee3a kelab"))
    # product codes, handles and names are not group words
    for text in ["HD1 / HD2 on bein", "code AA76 and bO22D", "Nasr Waheed", "+Najoua Sa3d"]:
        assert [h for h in lex.find(text) if h.kind in ("group", "call")] == [], text


def test_default_lists_name_each_term_once_per_rule_and_kind():
    # the database keeps one row per (term, category, kind): a second line could disagree on the action
    from collections import Counter

    counts = Counter((t.term, t.category, t.kind) for t in default_terms())
    assert [k for k, n in counts.items() if n > 1] == []


def test_the_english_word_table_is_loaded_with_the_lists_not_by_a_comment():
    # a lazy load inside the first English comment once overran the stage budget (fail-closed hold)
    from moderation.engine import lexicon as lexmod
    lexmod._common_english = None
    lex = Lexicon.from_terms(default_terms())
    assert lexmod._common_english is not None and "must" in lex._english


def test_every_default_term_has_a_kind_and_affix_the_engine_reads():
    from moderation.engine.types import AFFIX_MODES, TERM_KINDS
    assert {t.kind for t in default_terms()} <= set(TERM_KINDS)
    assert {getattr(t, "affix", "auto") or "auto" for t in default_terms()} <= set(AFFIX_MODES)


def test_a_latin_word_written_backwards(lex):
    (hit,) = [h for h in lex.find("The editor is a toidi") if h.term == "idiot"]
    assert hit.original == "toidi" and hit.action == SUSPECT  # a guess: a block only when aimed
    for text in ("I was so stressed", "we live here", "@GIN0Oo", "#toidi"):
        assert [h for h in lex.find(text) if h.action != MARKER] == [], text


def test_a_letter_masked_inside_an_arabic_word(lex):
    (hit,) = [h for h in lex.find("يا ح*ار") if h.action != MARKER]
    assert hit.term == "حمار" and hit.original == "ح*ار"
    # a hashtag is no mask, and two letters seen are too few to guess from
    for text in ("#حب_الوطن", "التعليم ع*ن بعد"):
        assert [h for h in lex.find(text) if h.action != MARKER] == [], text


@pytest.mark.parametrize("text", ["ya 3ammi 5allina nentekheb 7ada jdid", "Khalti Zubaida, allah ykhalliha"])
def test_arabizi_two_letter_stem_after_a_suffix_is_not_a_word(lex, text):
    # خلينا (let us), يخليها (may God keep her), خالتي (my aunt) share an insult's consonants
    assert [h for h in lex.find(text) if h.action != MARKER] == [], text
    assert any(h.category == "abuse_person" for h in lex.find("ya 5awal"))


def test_an_english_word_broken_in_two(lex):
    hits = [h for h in lex.find("These mother fu ckers in parliament") if h.category == "profanity"]
    assert hits and hits[0].original == "fu ckers" and hits[0].action == SUSPECT
    assert [h.term for h in lex.find("he is a bas tard")] == ["bastard"]
    # two English words that happen to spell a listed one together are left alone
    assert [h for h in lex.find("the dick head of the committee") if h.term == "dickhead"] == []


def test_words_run_together_in_leetspeak(lex):
    hits = lex.find("y0uar3ap4th3t1cl14randac0ward, stop writing")
    assert {"pathetic", "liar"} <= {h.term for h in hits}
    # a long English word, a link and a handle are not read inside
    for text in ("the internationalisation of trade", "https://example.com/assassinationbureau",
                 "@idiotproofmarketing"):
        assert [h for h in lex.find(text) if h.action != MARKER] == [], text


def test_an_arabizi_feminine_ending_leaves_no_two_letter_group(lex):
    assert not [h for h in lex.find("lazem n6ardhom mn el manta2a") if h.kind == "group"]
    assert any(h.kind == "group" for h in lex.find("el soreyeen lazem yerga3o"))


def test_a_stray_digit_typed_into_an_english_word(lex):
    (hit,) = [h for h in lex.find("the author is clearly an id1iot") if h.term == "idiot"]
    assert hit.original == "id1iot" and hit.action == SUSPECT
    assert [h for h in lex.find("new ps5games and co2emissions") if h.action != MARKER] == []


def test_arabizi_signal_words_around_an_article(lex):
    # "your article is trash like your face": no digit, but the words around it are Arabizi
    assert any(h.term == "زباله" for h in lex.find("magalak zbala mithl wayhak"))
    assert [h for h in lex.find("the zebra crossing") if h.action != MARKER] == []


def test_leetspeak_that_doubles_a_squeezed_letter(lex):
    assert any(h.term == "refugees" for h in lex.find("r3fug33s = r@ts"))
