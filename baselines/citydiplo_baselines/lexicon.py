"""The gazetteer baseline's word lists: event triggers, partner-city cues, future markers
(for Latvian, Russian, Persian, Ukrainian and Vietnamese) and stop words.

The trigger, cue and future-marker lists were written *blind*: by a separate annotator
session that was given only the six event-type definitions and this pattern syntax, and
had no access to the benchmark's texts, annotations or guidelines; it worked from general
knowledge of the languages and standard bilingual dictionaries. They are kept verbatim.
The stop words are each language's most frequent function words.

Pattern syntax: words separated by single spaces, lower case, compared with
``citydiplo_baselines.text.norm`` forms of the tokens; a word ending in ``*`` matches any token that
starts with it ("визит*" matches "визита", "визитом"). Vietnamese entries are syllable
sequences. ZWNJ is the Persian zero-width non-joiner.
"""

from __future__ import annotations

ZWNJ = "\u200c"

TRIGGERS = {
    "lv": {
        "MEET": ("tikšan*", "tikās", "tiksies", "tikties", "sanāksm*", "sarun*",
                 "apsprie*", "pārrunā*", "konferenc*", "videokonferenc*", "diskusij*"),
        "VISIT": ("vizīt*", "apmeklē*", "viesoj*", "viesot*", "ieradā*", "ieradīs*",
                  "delegācij*", "viesus", "brauciens", "darba brauc*"),
        "AGREE": ("līgum*", "memorand*", "parakstī*", "vienošan*", "vienojā*",
                  "noslēdza", "noslēgt*", "deklarācij*", "protokol*"),
        "AID": ("palīdzīb*", "ziedoj*", "ziedot*", "ziedoja", "dāvinā*", "nodeva",
                "nodoti", "nodots", "nosūtīj*", "piegādā*", "humanitār*",
                "ģenerator*", "finansiāl* atbalst*"),
        "INVITE": ("uzaicin*", "aicin*", "ielūg*", "ielūdz*"),
        "COOPERATE": ("sadarbīb*", "sadarbo*", "partnerīb*", "pieredz* apmaiņ*",
                      "apmaiņ*", "attiecības", "attiecību", "saikn*", "kopīg*",
                      "sadraudzīb*", "draudzīb*"),
    },
    "ru": {
        "MEET": ("встреч*", "встрет*", "переговор*", "обсуд*", "обсужд*", "совещан*",
                 "конференц*", "видеоконференц*", "онлайн-встреч*", "бесед*",
                 "заседан*", "дискусс*"),
        "VISIT": ("визит*", "посет*", "посещ*", "прибыл", "прибыла", "прибыло",
                  "побыва*", "делегаци*", "приезд*", "приех*", "поездк*"),
        "AGREE": ("соглашен*", "договор*", "меморандум*", "подписа*", "подписан*",
                  "заключил*", "заключен*", "заключён*", "побратимств*", "протокол*",
                  "декларац*"),
        "AID": ("помощь", "помощи", "гуманитарн*", "пожертвова*", "передал*",
                "отправил*", "доставил*", "выделил*", "генератор*", "безвозмездн*",
                "медикамент*"),
        "INVITE": ("пригла*", "позвал*"),
        "COOPERATE": ("сотрудничеств*", "сотруднича*", "партнерств*", "партнёрств*",
                      "взаимодейств*", "обмен* опыт*", "обмен*", "совместн*",
                      "связей", "отношений", "отношения", "дружб*"),
    },
    "uk": {
        "MEET": ("зустрі*", "переговор*", "обговор*", "нарад*", "конференц*",
                 "відеоконференц*", "онлайн-зустріч*", "розмов*", "засідан*",
                 "дискусі*"),
        "VISIT": ("візит*", "відвіда*", "відвідув*", "відвідин*", "прибул*",
                  "прибуття", "побува*", "делегац*", "приїзд*", "приїха*",
                  "приїжджа*", "поїздк*"),
        "AGREE": ("угод*", "договір", "договор*", "домовлен*", "домовил*",
                  "меморандум*", "підписа*", "підписан*", "уклал*", "укласти",
                  "укладен*", "побратимств*", "протокол*"),
        "AID": ("допомога", "допомоги", "допомогу", "гуманітарн*", "пожертв*",
                "передал*", "передано", "надіслал*", "відправил*", "доставил*",
                "генератор*", "благодійн*", "виділил*", "безоплатн*"),
        "INVITE": ("запроси*", "запрош*"),
        "COOPERATE": ("співпрац*", "співробітництв*", "партнерств*", "взаємоді*",
                      "обмін* досвід*", "обмін*", "спільн*", "зв'язки", "зв'язків",
                      "зв’язки", "зв’язків", "відносин*", "дружб*"),
    },
    "fa": {
        "MEET": ("دیدار*", "ملاقات*", "گفتگو*", "گفت" + ZWNJ + "وگو*", "گفت و گو",
                 "مذاکره*", "مذاکرات*", "نشست*", "جلسه*", "همایش*", "کنفرانس*",
                 "ویدئوکنفرانس*", "رایزنی*"),
        "VISIT": ("بازدید*", "سفر", "سفری", "سفر" + ZWNJ + "*", "مسافرت*", "هیئت*",
                  "هیأت*", "میزبان*", "عزیمت*", "میهمان*", "مهمان*"),
        "AGREE": ("تفاهم" + ZWNJ + "نامه*", "تفاهمنامه*", "تفاهم نامه*",
                  "موافقت" + ZWNJ + "نامه*", "موافقتنامه*", "قرارداد*", "امضا*",
                  "توافق*", "پیمان*", "منعقد*", "انعقاد*", "خواهرخواندگی*",
                  "سند همکاری"),
        "AID": ("کمک*", "اهدا", "اهدای", "اهداء", "بشردوستانه", "محموله*", "تحویل*",
                "امداد*", "هدیه*", "اعطا*", "اعانه*"),
        "INVITE": ("دعوت*", "به دعوت", "دعوت" + ZWNJ + "نامه*"),
        "COOPERATE": ("همکاری*", "مشارکت*", "شراکت*", "تعامل*", "تبادل*",
                      "انتقال تجربه*", "روابط*", "مناسبات*", "پیوند*", "مشترک*"),
    },
    "vi": {
        "MEET": ("gặp gỡ", "gặp mặt", "cuộc gặp", "hội đàm", "hội kiến", "hội nghị",
                 "thảo luận", "tọa đàm", "toạ đàm", "họp", "tiếp xúc", "trao đổi"),
        "VISIT": ("thăm", "chuyến thăm", "đến thăm", "sang thăm", "đoàn đại biểu",
                  "phái đoàn", "đón tiếp", "tiếp đón", "chuyến công tác", "khảo sát"),
        "AGREE": ("ký kết", "kí kết", "lễ ký", "đã ký", "biên bản ghi nhớ",
                  "bản ghi nhớ", "thỏa thuận", "thoả thuận", "hiệp định", "hiệp ước",
                  "hợp đồng", "thiết lập quan hệ"),
        "AID": ("viện trợ", "tài trợ", "hỗ trợ", "trao tặng", "tặng", "quyên góp",
                "ủng hộ", "cứu trợ", "bàn giao", "nhân đạo"),
        "INVITE": ("mời", "lời mời", "thư mời", "mời tham dự"),
        "COOPERATE": ("hợp tác", "đối tác", "quan hệ", "liên kết",
                      "trao đổi kinh nghiệm", "chia sẻ kinh nghiệm", "phối hợp",
                      "hữu nghị", "giao lưu"),
    },
}

TWINNING_CUES = {
    "lv": ("sadraudzības pilsēt", "sadarbības pilsēt", "partnerpilsēt",
           "partnerības pilsēt", "māsas pilsēt", "māspilsēt", "dvīņu pilsēt",
           "dvīņpilsēt", "draudzības pilsēt"),
    "ru": ("побратим", "породнен", "породнён", "город-партн", "города-партн",
           "городом-партн", "городов-партн", "городами-партн", "городу-партн",
           "городе-партн", "городам-партн"),
    "uk": ("побратим", "поріднен", "місто-партнер", "міста-партнер",
           "містом-партнер", "міст-партнер", "містами-партнер", "місту-партнер",
           "містах-партнер", "містам-партнер"),
    "fa": ("خواهرخوانده", "خواهر خوانده", "خواهر" + ZWNJ + "خوانده",
           "خواهرخواندگی", "خواهر" + ZWNJ + "خواندگی", "شهرهای دوست", "شهر دوست"),
    "vi": ("kết nghĩa", "thành phố anh em", "thành phố đối tác", "thành phố chị em",
           "thành phố hữu nghị", "thành phố song sinh"),
}

FUTURE_MARKERS = {
    "lv": ("būs", "tiks", "notiks", "plāno*", "plāns", "iecer*", "paredzēt*",
           "rīt", "rītdien*", "nākam*", "gaidām*", "drīzumā", "gatavojas"),
    "ru": ("будет", "будут", "состоится", "состоятся", "пройдет", "пройдёт",
           "планиру*", "планы", "запланирова*", "намерен*", "намерева*", "завтра",
           "следующ*", "предстоящ*", "ближайш*", "собирается", "собираются"),
    "uk": ("буде", "будуть", "відбудеться", "відбудуться", "плану*", "плани",
           "запланова*", "намір*", "завтра", "наступн*", "майбутн*", "найближч*",
           "збирається", "збираються"),
    "fa": ("خواهد*", "خواهند*", "خواهیم*", "قرار است", "برنامه" + ZWNJ + "ریزی*",
           "برنامه ریزی*", "قصد*", "فردا", "آینده", "آتی", "بعدی",
           "پیش" + ZWNJ + "رو", "پیش رو", "در نظر دارد", "درنظر دارد"),
    "vi": ("sẽ", "dự kiến", "kế hoạch", "dự định", "ngày mai", "sắp", "sắp tới",
           "tuần tới", "tháng tới", "năm tới", "tuần sau", "tháng sau", "năm sau",
           "chuẩn bị"),
}

del ZWNJ

# Frequent words that must never be read as a place name, even when a GeoNames alternate
# name happens to spell them (capitalised at the start of a sentence, or in Persian, which
# has no capitals).
STOPWORDS: dict[str, frozenset[str]] = {
    "lv": frozenset("""un ar arī par no uz pie ka kā bet vai jo tas tā tie tās šis šī ir bija būs
        tika tiek pēc pirms laikā kopā gan ne nav kas kur kad mēs viņi viņš viņa mūsu savu sava
        pilsēta pilsētas valsts gads gadā""".split()),
    "ru": frozenset("""и в во на с со по к ко о об от до из за для при что как это этот эта эти
        так также но или а же был была были будет есть его ее их мы они он она наш город
        города страна год году""".split()),
    "uk": frozenset("""і й та в у на з із зі до від для при що як це цей ця ці також але або а ж
        був була були буде є його її їх ми вони він вона наш місто міста країна рік році""".split()),
    "fa": frozenset("""و در به از که این آن با را است برای یک تا بر هم نیز خود ما او وی ها های
        شد شده کرد کرده می سال روز شهر شهرهای کشور مردم دو سه چند همه بین پس پیش اما یا
        """.split()),
    "vi": frozenset("""và của với cho các những là có được trong này đã đang sẽ để từ khi tại về
        theo như người năm ngày tháng thành phố tỉnh nước""".split()),
}
