"""Build corpus/parallel/uk/<NNN>-uk.txt and .json from the Ukrainian sentences.

One-off builder for issue 28 (staged data), the Ukrainian counterpart of
``annotations/parallel/en/tools/build_texts.py``. Sentence i of the Ukrainian list renders
sentence i of the original (translated from the original language, not through English); the
text between sentences (and before the first / after the last) is copied EXACTLY from the
original's sentence offsets, so both versions share their layout. The script only computes
offsets: the sentences themselves are hand work (UK below).

Run from the repository root:  python annotations/parallel/uk/tools/build_texts.py
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

UK = {
"000-lv": [
"Керівництво Даугавпілса та Харбіна онлайн обговорило можливості розширення співпраці",
"12 серпня голова міської думи Даугавпілса Ігорс Прелатовс і заступниця голови Лівія Янковська онлайн зустрілися з мером Харбіна (Китай) Сунь Чже, керівником Апарату уряду Фан Чженхуей, генеральним директором Бюро закордонних справ Цао Жу, генеральним директором Бюро торгівлі Сунь Юнбінь, генеральним директором Бюро сільського господарства Жень Яньхуей та керівником Першої лікарні Харбіна Лі Хун.",
"Під час віртуального візиту було обговорено можливості розширення співпраці в кількох галузях.",
"Розмова розпочалася з привітання мера Харбіна Сунь Чже на адресу Даугавпілса та його мешканців із нагоди 745-річчя нашого міста.",
"Представники міста-побратима схвально оцінили співпрацю, що вже склалася в економіці, медицині, освіті, культурі та багатьох інших галузях, і закликали продовжувати й розширювати її.",
"Під час розмови пан Сунь Чжі запросив студентів і викладачів Медичного коледжу Даугавпілса та Університету Даугавпілса, а також представників Регіональної лікарні Даугавпілса після скасування спричинених пандемією обмежень відвідати Китай і взяти участь в обміні досвідом із фахівцями Харбіна у сфері охорони здоров’я та реабілітації.",
"Ласкаво просимо також студентів, викладачів і педагогів інших галузей, працівників культури та спортсменів.",
"Голова міської думи Даугавпілса Ігорс Прелатовс подякував за привітання з ювілеєм міста та за допомогу, яку Харбін надав під час надзвичайної ситуації, надіславши медичні маски.",
"Він висловив радість, що нині епідеміологічна ситуація в обох містах стабільна, а це дає змогу не зупинятися, а рухатися вперед, працювати в інтересах мешканців і далі співпрацювати.",
"Заступниця голови думи Лівія Янковська, своєю чергою, подякувала представникам Харбіна за запрошення, а також за тривалу й успішну співпрацю в галузі медицини, високо оцінивши користь, яку приносить обмін досвідом між фахівцями, педагогами та студентами-медиками на міжнародному рівні.",
"Наприкінці зустрічі сторони дійшли висновку, що хоча поки що спілкування можливе лише в дистанційному форматі, це не заважає планувати нові проєкти й працювати над їх утіленням, роблячи співпрацю дедалі продуктивнішою.",
"А ідеї, як це зробити, є і в Даугавпілса, і в Харбіна.",
"Відділ зв’язків із громадськістю та маркетингу міської думи Даугавпілса.",
],
"001-ru": [
"У межах офіційного візиту чотирьох делегацій до обласного центру представники охорони здоров’я міста Хейхе відвідали медичні та оздоровчі заклади в Південно-Сахалінську.",
"Гостей із Китаю супроводжували віцемер Олена Федорова та директорка департаменту соціальної політики Ельвіра Юркова, повідомляє ІА SakhalinMedia з посиланням на пресслужбу адміністрації Південно-Сахалінська.",
"Як зазначила Олена Федорова, обласний центр сьогодні відкритий для міжнародної взаємодії в різних сферах.",
"І особливу увагу зараз приділяють питанням охорони здоров’я.",
"Велика робота ведеться в межах проєкту губернатора Валерія Лімаренка «Турбота. Захист. Повага», який, серед іншого, дає потужний імпульс для поліпшення якості медичних послуг.",
"Так, під час ділової програми гостям із Піднебесної презентували можливості охорони здоров’я та ресурсний потенціал на муніципальному й регіональному рівнях.",
"Керівники низки медичних закладів Хейхе з ознайомчою екскурсією побували в Сахалінському обласному онкологічному диспансері, Центральній поліклініці, а також відвідали санаторії «Аралія» та «Синегорські мінеральні води», де змогли оцінити оздоровчі методики, види медичних послуг, програми реабілітації пацієнтів тощо.",
"— Ми були раді показати китайським колегам свій ресурсний потенціал.",
"Провели для них екскурсію територією санаторію, оглянули процедурні кабінети.",
"Також наші гості змогли оцінити не лише чудовий місцевий клімат, а й зразки природних лікувальних грязей, мінеральної води.",
"Крім того, звісно, обговорили можливості співпраці та обміну досвідом, — розповів генеральний директор АТ «Санаторій „Синегорські мінеральні води“» Олексій Пєшков.",
"Взаємодія з іноземними колегами та партнерами — це завжди цінний досвід і добрі можливості для соціально-економічного розвитку муніципалітету, активізації співпраці за різними напрямами та зміцнення міжнародних зв’язків.",
"— Приємно, що до Південно-Сахалінська прилітають фахівці з різних міст і країн, щоб вивчати наш досвід, і ми маємо змогу обмінюватися найкращими практиками, зокрема й на міжнародному рівні.",
"Сьогодні, коли Південно-Сахалінськ орієнтується на розвиток медичного туризму, це для нас особливо актуально, — наголосила Ельвіра Юркова.",
"За підсумками офіційного візиту китайської делегації було окреслено перспективи подальшої взаємодії.",
"Представники медичної спільноти міста Хейхе також запропонували низку напрямів у галузі медицини, які вони могли б практикувати в Південно-Сахалінську.",
],
}

TITLES = {  # the original's title in Ukrainian; None where the original has none
    "000-lv": UK["000-lv"][0],
    "001-ru": None,
    "002-fa": None,
    "004-vi": None,
}
PUBLISHERS = {
    "000-lv": "Відділ зв’язків із громадськістю та маркетингу міської думи Даугавпілса",
    "001-ru": "Інформаційна агенція SakhalinMedia",
    "002-fa": None,
    "004-vi": None,
}
TRANSLATION = (
    "Translated into Ukrainian by an AI model directly from the original language ({lang}), "
    "not through English or any other translation, sentence by sentence (sentence i renders "
    "sentence i; no merges or splits), under written instructions (issue 28: faithfulness; a "
    "counterpart for every annotated mention where Ukrainian allows it; names as a "
    "Ukrainian-language outlet writes them; dates in Ukrainian conventions). The English version "
    "was consulted only after the draft, to check the reading of the original. No human "
    "translator was involved; a second reading by another AI model is still to be made."
)
LICENCE = (
    "Derived from the original article {doc} (a translation of it): same terms as the original; "
    "see DATASHEET.md. Translationese: not independent Ukrainian news text."
)


def _write(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(content)
    os.replace(tmp, path)


def build(root: Path) -> None:
    out = root / "corpus" / "parallel" / "uk"
    out.mkdir(parents=True, exist_ok=True)
    for doc, sents in UK.items():
        meta = json.loads((root / "corpus" / f"{doc}.json").read_text(encoding="utf-8"))
        text = (root / "corpus" / f"{doc}.txt").read_text(encoding="utf-8")
        spans = meta["sentences"]
        if len(spans) != len(sents):
            sys.exit(f"{doc}: {len(sents)} Ukrainian sentences for {len(spans)} original ones")
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
        uk_text = "".join(parts)
        uk_id = doc.split("-")[0] + "-uk"
        uk_meta = {
            "id": uk_id,
            "language": "uk",
            "script": "Cyrl",
            "original": False,
            "translated_from": doc,
            "title": TITLES[doc],
            "publisher": PUBLISHERS[doc],
            "date": meta.get("date"),
            "translation": TRANSLATION.format(lang=meta["language"]),
            "merges_splits": [],
            "licence": LICENCE.format(doc=doc),
            "sentences": offsets,
            "alignment": [[i, i] for i in range(len(sents))],
        }
        _write(out / f"{uk_id}.txt", uk_text)
        _write(out / f"{uk_id}.json", json.dumps(uk_meta, ensure_ascii=False, indent=2) + "\n")
        print(f"{uk_id}: {len(sents)} sentences, {len(uk_text)} characters")


if __name__ == "__main__":
    build(Path.cwd())
