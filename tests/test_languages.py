"""Each paragraph's language, and rules kept to the prose they can judge: English-only rules leave other
languages' words alone, CN01 leaves other scripts alone, a whole Spanish document keeps every word."""
from __future__ import annotations

import dataclasses
import re

from corpusclean.core.analysis import analyze_text
from corpusclean.core.config import Settings
from corpusclean.core.document import Document
from corpusclean.core.findings import DocResult
from corpusclean.core.rule import RuleContext
from corpusclean.run.plan import build_plan
from corpusclean.run.stages import collect, finalize, process

EN = ("The committee met on Tuesday to discuss the new budget for the coming year. Several members said "
      "that teh plan would not work without more money from the government.")
ES = ("La ciudad está llena de gente durante el verano, pero en invierno las calles se quedan vacías. "
      "Muchos vecinos prefieren dejar sus casas y viajar al sur del país.")
FR = ("Le petit village se trouve au bord de la rivière, entre les collines et la forêt. Les habitants "
      "travaillent dans les champs pendant la journée et se retrouvent le soir au café.")
DE = ("Die Stadt liegt an einem großen Fluss und hat viele alte Häuser aus dem Mittelalter. Im Sommer "
      "kommen jedes Jahr tausende Besucher, um die Kirche und das Schloss zu sehen.")
PT = ("A cidade fica perto do mar e tem muitas praias bonitas onde as famílias passam o fim de semana. "
      "Os pescadores saem de manhã cedo e voltam com o barco cheio de peixe.")
RU = ("Город стоит на берегу большой реки, и летом здесь очень много туристов. Жители города любят "
      "гулять в парке и пить чай в маленьких кафе на главной улице.")
EN2 = ("Most of the visitors arrive by train in the morning and leave again before dinner. The local "
       "council hopes that a new hotel will persuade some of them to stay for the night.")


def run(docs: dict[str, str], settings: Settings = Settings(), unsafe: bool = True) -> dict[str, DocResult]:
    plan = build_plan(dataclasses.replace(settings, unsafe_fixes=unsafe), apply=True)
    documents = [Document(doc_id, text) for doc_id, text in docs.items()]
    stats = finalize(collect(documents, plan)) if plan.needs else {}
    return {doc.id: process(doc, plan, stats) for doc in documents}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_each_paragraph_gets_its_language():
    paragraphs = [EN, ES, FR, DE, PT, RU, EN2]
    text = "\n\n".join(paragraphs) + "\n"
    analysis = analyze_text(text, "markdown")
    got = {p: analysis.language_at(text.index(p) + 10) for p in paragraphs}
    assert [got[p].code for p in paragraphs] == ["eng", "spa", "fra", "deu", "por", "rus", "eng"]
    assert [got[p].script for p in paragraphs] == ["Latin"] * 5 + ["Cyrillic", "Latin"]
    assert all(got[p].reliable and not got[p].inherited for p in (EN, ES, FR, DE, PT, EN2))
    # only the paragraphs that depart from the document's language are listed
    departing = [b.language.code for b in analysis.blocks]
    assert analysis.language.code not in departing
    assert set(departing) | {analysis.language.code} == {"eng", "spa", "fra", "deu", "por", "rus"}
    assert analysis.language_at(text.index("pero")).code == "spa"
    assert analysis.language_at(text.index("Schloss")).code == "deu"


def test_a_short_paragraph_takes_its_documents_language():
    text = f"{EN}\n\n{EN2}\n\nSee you.\n"
    analysis = analyze_text(text, "plain")
    assert analysis.language.code == "eng"
    assert analysis.language_at(text.index("See you")) == analysis.language


def test_english_rules_skip_other_languages_but_fix_english_typos():
    text = "\n\n".join([EN, ES, FR, DE, PT]) + "\n"
    result = run({"doc.md": text})["doc.md"]
    assert result.cleaned == text.replace("that teh plan", "that the plan")
    assert {detail for reason, detail, _ in result.suppressed if reason == "other language"} == {
        "spa", "fra", "deu", "por"}


def test_a_spanish_word_in_an_english_corpus_is_not_made_english():
    # `dejar` and `pero` look like typos to an English dictionary (`deja`, `per`/`peso`)
    docs = {"en.txt": f"{EN}\n\n{EN2}\n", "mixed.txt": f"{EN2}\n\n{ES}\n"}
    results = run(docs)
    assert results["mixed.txt"].cleaned == docs["mixed.txt"]
    assert [(r, d) for r, d, _ in results["mixed.txt"].suppressed] == [("other language", "spa")]
    assert results["en.txt"].cleaned == docs["en.txt"].replace("teh plan", "the plan")


def test_a_whole_spanish_document_keeps_every_word():
    text = (f"{ES}\n\nEl alcalde dijo ayer que el nuevo puente estará listo antes de la navidad, aunque muchos "
            "vecinos no lo creen. La obra empezó hace tres años y todavía falta dinero para terminarla.\n\n"
            "Los niños juegan en la plaza hasta muy tarde, mientras sus padres charlan en las terrazas de los "
            "bares. Nadie quiere volver a casa cuando hace tanto calor.   \n")
    for doc_id in ("noticia.md", "nota.txt"):  # each alone: the corpus attests nothing
        result = run({doc_id: text})[doc_id]
        assert result.language == "spa"
        assert words(result.cleaned) == words(text)
        assert result.cleaned == text.replace("calor.   \n", "calor.\n")  # layout rules still run
        assert ("other language", "spa") in {(r, d) for r, d, _ in result.suppressed}


def test_cn01_leaves_cyrillic_words_alone_and_still_unifies_latin_names():
    company = "Компания ГазПром объявила. Компания ГазПром, ГазПром и ГазПром выросла."
    docs = {f"ru{i}.txt": f"{EN2}\n\n{company}\n\n{RU}\n" for i in range(4)}
    docs["ru4.txt"] = f"{EN2}\n\nКомпания Газпром объявила вчера.\n\n{RU}\n"
    docs["en.txt"] = "The Rafiqa Wall stood. Rafiqa Wall, Rafiqa Wall. The Rafiqah Wall fell.\n"
    settings = Settings(select=("CN01",))
    results = run(docs, settings)
    for doc_id, text in docs.items():
        if doc_id.startswith("ru"):
            assert results[doc_id].cleaned == text
            # CN01 is for English prose: a Russian paragraph (or a short one in Cyrillic) is not
            assert {(r, d) for r, d, _ in results[doc_id].suppressed} <= {("other language", "rus"),
                                                                         ("other language", "Cyrillic")}
            assert results[doc_id].suppressed
    assert results["en.txt"].cleaned == docs["en.txt"].replace("Rafiqah", "Rafiqa")

    # what the guard stops: the rule on its own would rewrite Cyrillic words into one cluster
    plan = build_plan(dataclasses.replace(settings, unsafe_fixes=True), apply=True)
    documents = [Document(doc_id, text) for doc_id, text in docs.items()]
    context = RuleContext(stats=finalize(collect(documents, plan)))
    [rule] = plan.rules
    rule.prepare(context)
    unguarded = [f.matched for f in rule.check(documents[4], context)]
    assert "Газпром" in unguarded
