"""Build corpus/parallel/ru/<NNN>-ru.txt and .json from the translated Russian sentences.

One-off builder for issue 28 (staged data), the Russian counterpart of
``annotations/parallel/en/tools/build_texts.py``. Sentence i of the Russian list renders
sentence i of the original, translated from the original language directly (not through the
English version); the text between sentences (and before the first / after the last) is copied
EXACTLY from the original's sentence offsets, so both versions share their layout. The script
only computes offsets: the sentences themselves are hand work (RU below).

Run from the repository root:  python annotations/parallel/ru/tools/build_texts.py [DOC ...]
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

RU: dict[str, list[str]] = {
"000-lv": [
"Руководство Даугавпилса и Харбина обсудило в режиме онлайн возможности расширения сотрудничества",
"12 августа председатель городской думы Даугавпилса Игорь Прелатов и заместитель председателя Ливия Янковская встретились в режиме онлайн с мэром Харбина (Китай) Сунь Чжэ, начальником Аппарата правительства Фан Чжэнхуэй, генеральным директором Бюро иностранных дел Цао Жу, генеральным директором Бюро торговли Сунь Юнбинь, генеральным директором Бюро сельского хозяйства Жэнь Яньхуэй и руководителем Первой больницы Харбина Ли Хун.",
"В ходе виртуального визита были обсуждены возможности расширения сотрудничества в ряде отраслей.",
"Беседа началась с поздравления мэра Харбина Сунь Чжэ Даугавпилсу и его жителям с 745-летием нашего города.",
"Представители города-побратима высоко оценили сложившееся сотрудничество в экономике, медицине, образовании, культуре и многих других сферах и призвали его продолжать и расширять.",
"В ходе беседы господин Сунь Чжи пригласил студентов и преподавателей Даугавпилсского медицинского колледжа, Даугавпилсского университета, а также представителей Даугавпилсской региональной больницы после отмены вызванных пандемией ограничений посетить Китай и принять участие в обмене опытом со специалистами Харбина в области здравоохранения и реабилитации.",
"Приглашаются также студенты, преподаватели и педагоги других отраслей, работники культуры и спортсмены.",
"Председатель городской думы Даугавпилса Игорь Прелатов поблагодарил за поздравление с юбилеем города и за помощь, которую Харбин оказал во время чрезвычайной ситуации, прислав медицинские маски.",
"Он выразил радость, что в настоящее время эпидемиологическая ситуация в обоих городах стабильна, это позволяет не останавливаться и двигаться вперед, работать в интересах жителей и продолжать сотрудничать.",
"Заместитель председателя думы Ливия Янковская, в свою очередь, поблагодарила представителей Харбина за приглашение, а также за многолетнее и успешное сотрудничество в области медицины, высоко оценив пользу, которую приносит обмен опытом специалистов, педагогов и студентов-медиков на международном уровне.",
"В завершение встречи стороны пришли к выводу, что, хотя пока общение возможно только в дистанционном формате, это не мешает планировать новые проекты и работать над их реализацией, делая сотрудничество все более продуктивным.",
"И идеи, как это сделать, есть и у Даугавпилса, и у Харбина.",
"Отдел по связям с общественностью и маркетингу городской думы Даугавпилса.",
],
"003-uk": [
"Каменское и Вупперталь становятся городами-партнерами",
"Городской голова Андрей Белоусов находится с официальным визитом в городе Вупперталь, Федеративная Республика Германия.",
"«Наше партнерство с городом Вупперталь берет свое начало в 2023 году, в рамках программы поддержки Сервисной службы „Города в едином мире“ (SKEW).",
"С тех пор мы провели ряд встреч в режиме онлайн, реализовали гуманитарные инициативы и определили направления для дальнейшего сотрудничества.",
"В мае этого года наш город принимал делегацию Вупперталя, во время пребывания которой была подтверждена общая заинтересованность в развитии партнерских отношений.",
"В июле городской совет Вупперталя принял решение о запуске официального партнерского проекта с Каменским.",
"Встретился с мэром Вупперталя Уве Шнайдевиндом и первым заместителем Хайнером Фрагеманном.",
"Обсудили ключевые направления нашего сотрудничества и будущие проекты, которые будут способствовать развитию Каменского.",
"Во время визита вместе с секретарем городского совета Натальей Ктитаровой и директором департамента экономики Галиной Ермоленко принял участие в мероприятиях по случаю Дня германского единства, а также в работе фокус-группы городов-побратимов.",
"Такие встречи углубляют отношения между нашими городами.",
"Партнерство с Вупперталем открывает дополнительные возможности для участия в международных проектах, реализации программ поддержки общины, привлечения новых идей и практик, которые будут непосредственно работать на развитие нашей общины.",
"Завтра состоится торжественное подписание Договора о сотрудничестве между Каменским и Вупперталем — важный шаг, открывающий новый этап в развитии международных связей и партнерства наших городов», – рассказал мэр города.",
"Елена",
],
}

TITLES = {  # the original's title in Russian; None where the original has none
    "000-lv": 0,
    "001-ru": None,
    "002-fa": 0,
    "003-uk": 0,
    "004-vi": None,
}
PUBLISHERS = {
    "000-lv": "Отдел по связям с общественностью и маркетингу городской думы Даугавпилса",
    "002-fa": None,
    "003-uk": None,
    "004-vi": None,
}
TRANSLATION = (
    "Translated from the original language ({lang}) directly, not through the English version or any "
    "other translation, sentence by sentence (sentence i renders sentence i; no merges or splits), by "
    "an AI model working under written instructions (faithfulness; natural Russian news prose; names as "
    "a Russian-language outlet writes them; dates in Russian conventions; a counterpart kept for every "
    "annotated mention where Russian allows it). The English version was consulted only after the "
    "draft, to check the reading of the original. No human translator was involved. A second, "
    "independent reading is still to be made (issue 28)."
)
LICENCE = (
    "Derived from the original article {doc} (a translation of it): same terms as the original; "
    "see DATASHEET.md. Translationese: not independent Russian news text."
)


def _write(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(content)
    os.replace(tmp, path)


def build(root: Path, docs: list[str]) -> None:
    out = root / "corpus" / "parallel" / "ru"
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs or list(RU):
        if doc not in RU:
            sys.exit(f"{doc}: no Russian sentences (known: {sorted(RU)})")
        sents = RU[doc]
        meta = json.loads((root / "corpus" / f"{doc}.json").read_text(encoding="utf-8"))
        text = (root / "corpus" / f"{doc}.txt").read_text(encoding="utf-8")
        spans = meta["sentences"]
        if len(spans) != len(sents):
            sys.exit(f"{doc}: {len(sents)} Russian sentences for {len(spans)} original ones")
        seps = [text[: spans[0][0]]]
        seps += [text[spans[i][1]: spans[i + 1][0]] for i in range(len(spans) - 1)]
        seps.append(text[spans[-1][1]:])
        parts: list[str] = []
        offsets: list[list[int]] = []
        pos = 0
        for i, sent in enumerate(sents):
            if sent != sent.strip() or "\n" in sent:
                sys.exit(f"{doc} sentence {i + 1}: surrounding space or line break")
            parts.append(seps[i])
            pos += len(seps[i])
            offsets.append([pos, pos + len(sent)])
            parts.append(sent)
            pos += len(sent)
        parts.append(seps[-1])
        ru_text = "".join(parts)
        ru_id = doc.split("-")[0] + "-ru"
        title = TITLES[doc]
        ru_meta = {
            "id": ru_id,
            "language": "ru",
            "script": "Cyrl",
            "original": False,
            "translated_from": doc,
            "title": None if title is None else sents[title],
            "publisher": PUBLISHERS[doc],
            "date": meta.get("date"),
            "translation": TRANSLATION.format(lang=meta["language"]),
            "merges_splits": [],
            "licence": LICENCE.format(doc=doc),
            "sentences": offsets,
            "alignment": [[i, i] for i in range(len(sents))],
        }
        _write(out / f"{ru_id}.txt", ru_text)
        _write(out / f"{ru_id}.json", json.dumps(ru_meta, ensure_ascii=False, indent=2) + "\n")
        print(f"{ru_id}: {len(sents)} sentences, {len(ru_text)} characters, {len(ru_text.split())} words")


if __name__ == "__main__":
    build(Path.cwd(), sys.argv[1:])
