"""Build corpus/parallel/fa/<NNN>-fa.txt and .json from the Persian sentences.

One-off builder for issue 28 (staged data), the Persian counterpart of
``annotations/parallel/en/tools/build_texts.py``. Sentence i of the Persian list renders
sentence i of the original, translated from the original language directly (not through the
English version); the text between sentences (and before the first / after the last) is copied
EXACTLY from the original's sentence offsets, so both versions share their layout. The script
only computes offsets: the sentences themselves are hand work (FA below).

Run from the repository root:  python annotations/parallel/fa/tools/build_texts.py [DOC ...]
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

FA: dict[str, list[str]] = {
"000-lv": [
"رهبران داوگاوپیلس و هاربین به‌صورت آنلاین درباره فرصت‌های گسترش همکاری گفت‌وگو کردند",
"در 12 اوت، ایگورس پرلاتوفس، رئیس شورای شهر داوگاوپیلس، و لیویا یانکوفسکا، معاون رئیس شورا، به‌صورت آنلاین با سون ژه، شهردار هاربین (چین)، فانگ ژنگ‌هوی، رئیس ستاد دولت، تسائو رو، مدیرکل دفتر امور خارجه، سون یونگ‌بین، مدیرکل اداره بازرگانی، رن یان‌هوی، مدیرکل اداره کشاورزی، و لی هونگ، رئیس بیمارستان شماره 1 هاربین، دیدار کردند.",
"در جریان این بازدید مجازی، فرصت‌های گسترش همکاری در چندین بخش بررسی شد.",
"گفت‌وگو با تبریک شهردار هاربین، سون ژه، به داوگاوپیلس و ساکنان آن به مناسبت هفتصد و چهل و پنجمین سالگرد شهر ما آغاز شد.",
"نمایندگان شهر خواهرخوانده از همکاری تاکنونی در اقتصاد، پزشکی، آموزش، فرهنگ و بسیاری حوزه‌های دیگر قدردانی کردند و خواستار ادامه و گسترش آن شدند.",
"در جریان گفت‌وگو، آقای سون ژی از دانشجویان و استادان کالج پزشکی داوگاوپیلس و دانشگاه داوگاوپیلس و نیز نمایندگان بیمارستان منطقه‌ای داوگاوپیلس دعوت کرد که پس از لغو محدودیت‌های ناشی از همه‌گیری، از چین دیدن کنند و در تبادل تجربه با متخصصان بهداشت و درمان و توانبخشی هاربین شرکت کنند.",
"از دانشجویان، استادان و مربیان سایر رشته‌ها، فعالان فرهنگی و ورزشکاران نیز استقبال می‌شود.",
"ایگورس پرلاتوفس، رئیس شورای شهر داوگاوپیلس، از تبریک به مناسبت سالگرد شهر و نیز از کمکی که هاربین در دوران وضعیت اضطراری با فرستادن ماسک‌های پزشکی ارائه کرد، سپاسگزاری کرد.",
"وی از اینکه وضعیت همه‌گیری در هر دو شهر اکنون پایدار است ابراز خرسندی کرد؛ وضعیتی که به ما امکان می‌دهد متوقف نشویم و رو به جلو حرکت کنیم، در راستای منافع ساکنان کار کنیم و به همکاری ادامه دهیم.",
"لیویا یانکوفسکا، معاون رئیس شورا، نیز به نوبه خود از نمایندگان هاربین برای این دعوت و همچنین برای همکاری طولانی و موفق تاکنونی در حوزه پزشکی سپاسگزاری کرد و دستاوردهای تبادل تجربه میان متخصصان، مربیان و دانشجویان پزشکی در سطح بین‌المللی را بسیار ارزشمند دانست.",
"در پایان نشست، دو طرف به این نتیجه رسیدند که هرچند فعلاً ارتباط تنها از راه دور ممکن است، این مانع برنامه‌ریزی پروژه‌های تازه و کار برای اجرای آنها نمی‌شود و همکاری را روزبه‌روز پربارتر می‌کند.",
"و هم داوگاوپیلس و هم هاربین برای تحقق این امر ایده‌هایی در سر دارند.",
"بخش روابط عمومی و بازاریابی شورای شهر داوگاوپیلس.",
],
"001-ru": [
"در چارچوب سفر رسمی چهار هیئت به مرکز استان، نمایندگان حوزه بهداشت و درمان شهر هیهه از مراکز درمانی و تندرستی در یوژنو-ساخالینسک بازدید کردند.",
"یلنا فدوروا، معاون شهردار، و الویرا یورکووا، مدیر اداره سیاست اجتماعی، مهمانان اعزامی از چین را همراهی کردند؛ این خبر را خبرگزاری SakhalinMedia به نقل از دفتر مطبوعاتی شهرداری یوژنو-ساخالینسک گزارش داده است.",
"به گفته یلنا فدوروا، مرکز استان امروز به روی تعامل بین‌المللی در حوزه‌های گوناگون گشوده است.",
"و اکنون توجه ویژه‌ای به مسائل بهداشت و درمان معطوف است.",
"کار بزرگی در چارچوب پروژه استاندار، والری لیمارنکو، با عنوان «مراقبت. حمایت. احترام» انجام می‌شود که از جمله، انگیزه‌ای نیرومند برای ارتقای کیفیت خدمات پزشکی فراهم می‌کند.",
"بدین ترتیب، در جریان برنامه کاری، ظرفیت‌های حوزه سلامت و توان منابع در سطح شهری و استانی به مهمانانی از امپراتوری آسمانی معرفی شد.",
"مدیران شماری از مراکز درمانی هیهه برای آشنایی، از مرکز انکولوژی استان ساخالین و پلی‌کلینیک مرکزی دیدن کردند و از آسایشگاه‌های «آرالیا» و «آب‌های معدنی سینه‌گورسک» نیز بازدید کردند، جایی که توانستند روش‌های تندرستی، انواع خدمات پزشکی، برنامه‌های توانبخشی بیماران و مانند آن را ارزیابی کنند.",
"— خوشحال بودیم که ظرفیت منابع خود را به همکاران چینی نشان دهیم.",
"برای آنها بازدیدی از محوطه آسایشگاه ترتیب دادیم و اتاق‌های درمان را از نزدیک دیدیم.",
"مهمانان ما همچنین توانستند نه تنها آب و هوای عالی این منطقه، بلکه نمونه‌هایی از گل‌های درمانی طبیعی و آب معدنی را نیز ارزیابی کنند.",
"افزون بر این، البته درباره فرصت‌های همکاری و تبادل تجربه گفت‌وگو کردیم، — آلکسی پشکوف، مدیرعامل شرکت سهامی «آسایشگاه آب‌های معدنی سینه‌گورسک»، چنین گفت.",
"تعامل با همکاران و شرکای خارجی همواره تجربه‌ای ارزشمند و فرصتی خوب برای توسعه اجتماعی-اقتصادی شهر، تقویت همکاری در زمینه‌های مختلف و استحکام پیوندهای بین‌المللی است.",
"— جای خوشحالی است که متخصصانی از شهرها و کشورهای مختلف برای آشنایی با تجربه ما به یوژنو-ساخالینسک سفر می‌کنند و ما این فرصت را داریم که بهترین رویه‌ها را، از جمله در سطح بین‌المللی، با یکدیگر تبادل کنیم.",
"امروز که یوژنو-ساخالینسک بر توسعه گردشگری پزشکی تمرکز کرده است، این موضوع برای ما اهمیتی ویژه دارد، — الویرا یورکووا تأکید کرد.",
"در پی سفر رسمی هیئت چینی، چشم‌انداز تعامل بیشتر ترسیم شد.",
"نمایندگان جامعه پزشکی شهر هیهه همچنین چند حوزه در زمینه پزشکی پیشنهاد کردند که می‌توانند در یوژنو-ساخالینسک به کار گیرند.",
],
"003-uk": [
"کامیانسکه و ووپرتال شهرهای شریک می‌شوند",
"آندری بیلوسوف، شهردار، در سفر رسمی به شهر ووپرتال، جمهوری فدرال آلمان، به سر می‌برد.",
"«شراکت ما با شهر ووپرتال در سال 2023 و در چارچوب برنامه حمایتی آژانس خدماتی \"شهرها در جهانی واحد\" (SKEW) آغاز شد.",
"از آن زمان تاکنون چندین نشست آنلاین برگزار کرده‌ایم، ابتکارهای بشردوستانه‌ای را به اجرا گذاشته‌ایم و زمینه‌های همکاری بیشتر را مشخص کرده‌ایم.",
"در ماه مه امسال، شهر ما میزبان هیئتی از ووپرتال بود که طی آن علاقه مشترک دو طرف به توسعه روابط شراکتی تأیید شد.",
"در ماه ژوئیه، شورای شهر ووپرتال درباره آغاز پروژه رسمی شراکت با کامیانسکه تصمیم گرفت.",
"با شهردار ووپرتال، اووه اشنایدویند، و معاون اول او، هاینر فراگمان، دیدار کردم.",
"درباره محورهای کلیدی همکاری ما و پروژه‌های آینده‌ای که به توسعه کامیانسکه یاری می‌رسانند، گفت‌وگو کردیم.",
"در جریان این سفر، به همراه ناتالیا کتیتارووا، دبیر شورای شهر، و هالینا یرمولنکو، مدیر اداره اقتصاد، در مراسم روز وحدت آلمان و نیز در کار گروه کانونی شهرهای خواهرخوانده شرکت کردم.",
"چنین دیدارهایی روابط میان شهرهای ما را عمیق‌تر می‌کند.",
"شراکت با ووپرتال فرصت‌های تازه‌ای برای مشارکت در پروژه‌های بین‌المللی، اجرای برنامه‌های حمایت از جامعه محلی و جذب ایده‌ها و رویه‌های نو فراهم می‌کند که مستقیماً در خدمت توسعه جامعه ما خواهند بود.",
"فردا مراسم امضای موافقت‌نامه همکاری میان کامیانسکه و ووپرتال برگزار می‌شود — گامی مهم که مرحله تازه‌ای را در توسعه پیوندهای بین‌المللی و شراکت شهرهای ما می‌گشاید»، – شهردار چنین گفت.",
"اولنا",
],
}

TITLES = {  # index of the title sentence (the original's title in Persian); None where the original has none
    "000-lv": 0,
    "001-ru": None,
    "003-uk": 0,
    "004-vi": None,
}
PUBLISHERS = {
    "000-lv": "بخش روابط عمومی و بازاریابی شورای شهر داوگاوپیلس",
    "001-ru": "خبرگزاری SakhalinMedia",
    "003-uk": None,
    "004-vi": None,
}
TRANSLATION = (
    "Translated from the original language ({lang}) directly, not through the English version or any "
    "other translation, sentence by sentence (sentence i renders sentence i; no merges or splits), by "
    "an AI model working under written instructions (faithfulness; natural Persian news prose; names as "
    "a Persian-language outlet writes them; dates in Persian conventions; Latin digits and Persian punctuation as the Persian article 002-fa writes them; a counterpart kept for every "
    "annotated mention where Persian allows it). The English version was not a source: it was seen only "
    "in passing, in the source of the English tools. No human translator was involved. A second, "
    "independent reading is still to be made (issue 28)."
)
LICENCE = (
    "Derived from the original article {doc} (a translation of it): same terms as the original; "
    "see DATASHEET.md. Translationese: not independent Persian news text."
)


def _write(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(content)
    os.replace(tmp, path)


def build(root: Path, docs: list[str]) -> None:
    out = root / "corpus" / "parallel" / "fa"
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs or sorted(FA):
        if doc not in FA:
            sys.exit(f"{doc}: no Persian sentences (known: {sorted(FA)})")
        sents = FA[doc]
        meta = json.loads((root / "corpus" / f"{doc}.json").read_text(encoding="utf-8"))
        text = (root / "corpus" / f"{doc}.txt").read_text(encoding="utf-8")
        spans = meta["sentences"]
        if len(spans) != len(sents):
            sys.exit(f"{doc}: {len(sents)} Persian sentences for {len(spans)} original ones")
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
        fa_text = "".join(parts)
        fa_id = doc.split("-")[0] + "-fa"
        title = TITLES[doc]
        fa_meta = {
            "id": fa_id,
            "language": "fa",
            "script": "Arab",
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
        _write(out / f"{fa_id}.txt", fa_text)
        _write(out / f"{fa_id}.json", json.dumps(fa_meta, ensure_ascii=False, indent=2) + "\n")
        print(f"{fa_id}: {len(sents)} sentences, {len(fa_text)} characters, {len(fa_text.split())} words")


if __name__ == "__main__":
    build(Path.cwd(), sys.argv[1:])
