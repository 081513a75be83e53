"""The gazetteer baseline's word lists: event triggers, partner-city cues, future markers
(for Latvian, Russian, Persian, Ukrainian and Vietnamese) and stop words.

The trigger, cue and future-marker lists were written *blind*: by a separate annotator
session that was given only the six event-type definitions and this pattern syntax, and
had no access to the benchmark's texts, annotations or guidelines; it worked from general
knowledge of the languages and standard bilingual dictionaries. They are kept verbatim.

The stop words (``STOPWORDS``) were written blind as well, by another session that never
opened the benchmark's texts, annotations, guidelines or baseline files
(``baselines/README.md``, "Blind resources"), and are copied verbatim. Its description:

STOPWORDS[lang] holds 60-150 frequent lowercase words per language that
must never be read as a one-word place name, even when some gazetteer lists
a village spelled the same way: prepositions ("в", "у", "uz", "در", "tại"),
conjunctions ("и", "та", "un", "و", "và"), pronouns, the copula and
auxiliaries ("был", "є", "ir", "است", "là"), particles, the most frequent
adverbs, and very frequent generic nouns in their commonest news forms
("город, города, городе", "місто, міста, місті", "pilsēta, pilsētā",
"شهر، کشور، استان", "thành, phố, tỉnh, huyện").

Compare after lowercasing (where the script has case), Unicode NFC, and the
character folding of the language (``text.norm``; Persian: Arabic ي/ك -> Persian ی/ک).  The list
only blocks ONE-word matches; multi-word names containing these words
("Thành phố Hồ Chí Minh", "Нижний Новгород") are unaffected.  Vietnamese
entries are single syllables as written between spaces.

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

# Words that must never be read as a one-word place name (``places``): written blind (see the
# module docstring), copied verbatim from the blind session's ``blind_resources.py``. Compared
# in ``citydiplo_baselines.text.norm`` form.
STOPWORDS: dict[str, frozenset[str]] = {
    # Latvian: prepositions, conjunctions, pronouns, būt/tikt forms,
    # particles, frequent adverbs, frequent generic nouns in their commonest
    # news forms (nom./gen./loc.).
    "lv": frozenset({
        "un", "vai", "bet", "ka", "kas", "kā", "ar", "par", "no", "uz",
        "pie", "pēc", "līdz", "pret", "bez", "starp", "pa", "aiz", "zem",
        "virs", "caur", "ap", "gar", "pirms", "kopš", "es", "tu", "viņš",
        "viņa", "mēs", "jūs", "viņi", "viņas", "viņu", "viņam", "tas", "tā",
        "tie", "tās", "šis", "šī", "šie", "šīs", "to", "tam", "tiem", "sevi",
        "savu", "sava", "savs", "ko", "kur", "kad", "kurš", "kura", "kuri",
        "kuras", "kuru", "ir", "bija", "būs", "būt", "nav", "nebija", "tiek",
        "tika", "tiks", "var", "jā", "nē", "arī", "jau", "vēl", "tikai",
        "pat", "gan", "ne", "lai", "ja", "jo", "tad", "tur", "šeit", "tagad",
        "ļoti", "vairāk", "vairs", "tāpēc", "taču", "tomēr", "pilsēta",
        "pilsētas", "pilsētā", "valsts", "valstī", "valstis", "gads", "gada",
        "gadā", "gadu", "diena", "dienā", "dienas", "cilvēki", "cilvēku",
        "valdība", "valdības", "novads", "novada", "novadā", "pagasts",
        "pagastā", "ciems", "ciemā", "iedzīvotāji", "iedzīvotāju", "ministrs",
        "prezidents", "rajons", "apgabals", "laiks", "laikā", "centrs",
        "centrā", "daļa", "vieta",
    }),
    # Russian
    "ru": frozenset({
        "и", "в", "во", "не", "на", "с", "со", "что", "как", "а", "но", "по",
        "к", "ко", "у", "из", "за", "от", "о", "об", "обо", "до", "для",
        "при", "без", "над", "под", "про", "через", "между", "после",
        "перед", "же", "ли", "бы", "да", "нет", "ни", "или", "то", "это",
        "этот", "эта", "эти", "этого", "этом", "тот", "та", "те", "он",
        "она", "оно", "они", "его", "её", "ее", "их", "им", "ему", "ей",
        "мы", "вы", "я", "ты", "нас", "вас", "был", "была", "было", "были",
        "быть", "будет", "будут", "есть", "является", "уже", "ещё", "еще",
        "также", "так", "только", "очень", "где", "когда", "здесь", "там",
        "который", "которая", "которые", "которых", "все", "всё", "всех",
        "весь", "свой", "своих", "своей", "может", "можно", "тоже", "более",
        "время", "год", "года", "году", "лет", "день", "дня", "город",
        "города", "городе", "страна", "страны", "стране", "люди", "людей",
        "человек", "правительство", "правительства", "область", "области",
        "район", "района", "районе", "край", "края", "республика",
        "республики", "президент", "глава", "село", "поселок", "посёлок",
        "деревня",
    }),
    # Ukrainian
    "uk": frozenset({
        "і", "й", "та", "в", "у", "на", "з", "із", "зі", "до", "від", "для",
        "по", "про", "за", "під", "над", "при", "без", "через", "між",
        "після", "перед", "що", "як", "а", "але", "чи", "або", "не", "ні",
        "же", "ж", "б", "би", "вже", "ще", "також", "тільки", "лише",
        "дуже", "так", "тут", "там", "де", "коли", "він", "вона", "воно",
        "вони", "його", "її", "їх", "їм", "йому", "ній", "ми", "ви", "я",
        "ти", "нас", "вас", "цей", "ця", "це", "ці", "цього", "цієї",
        "цьому", "той", "те", "ті", "який", "яка", "яке", "які", "якого",
        "свій", "свого", "своїх", "був", "була", "було", "були", "бути",
        "буде", "будуть", "є", "має", "можна", "може", "рік", "року",
        "році", "роки", "років", "день", "дня", "місто", "міста", "місті",
        "країна", "країни", "країні", "люди", "людей", "людина", "уряд",
        "уряду", "область", "області", "район", "району", "районі",
        "громада", "громади", "президент", "село", "селище", "голова",
        "час", "часу", "частина", "тому", "адже",
    }),
    # Persian (standard Persian ی and ک, no diacritics).  Includes clitic
    # plural/ezafe pieces that some tokenisers split off (ها، های، ای) and
    # common nouns that are also frequent village names (آب، ده، باغ، کوه).
    "fa": frozenset({
        "و", "در", "به", "از", "که", "با", "این", "آن", "را", "برای", "تا",
        "بر", "یا", "هم", "نیز", "اما", "ولی", "اگر", "چه", "چون", "پس",
        "بین", "روی", "زیر", "درباره", "پیش", "بعد", "قبل", "هنوز",
        "همچنین", "بود", "است", "هست", "نیست", "شد", "شود", "شده", "می",
        "نمی", "کرد", "کرده", "کند", "کنند", "کردند", "داد", "دارد",
        "دارند", "داشت", "خواهد", "باید", "گفت", "ها", "های", "ای", "یک",
        "دو", "سه", "او", "ما", "شما", "آنها", "ایشان", "من", "تو", "وی",
        "خود", "همه", "هر", "چند", "بسیار", "خیلی", "دیگر", "اکنون",
        "حالا", "اینکه", "همین", "همان", "چنین", "سال", "روز", "ماه",
        "هفته", "شهر", "کشور", "استان", "شهرستان", "بخش", "دهستان", "روستا",
        "ده", "مردم", "دولت", "مجلس", "وزیر", "وزارت", "رئیس", "جمهور",
        "جمهوری", "اسلامی", "ملی", "مرکز", "منطقه", "آب", "باغ", "کوه",
        "کار", "راه", "خانه", "نام", "جا", "سر", "دست", "بالا", "پایین",
        "شمال", "جنوب", "شرق", "غرب",
    }),
    # Vietnamese: single syllables (NFC, full diacritics).  Includes the
    # syllables of frequent generic compounds (thành phố, chính phủ, quốc
    # gia, thủ tướng ...) and the compass words, which occur alone as
    # gazetteer entries but in text are almost always ordinary words.
    "vi": frozenset({
        "và", "của", "là", "có", "các", "những", "được", "bị", "trong",
        "cho", "với", "không", "này", "đó", "kia", "khi", "đã", "sẽ", "đang",
        "vẫn", "người", "một", "hai", "ba", "về", "từ", "tại", "đến", "theo",
        "như", "cũng", "nhưng", "hay", "hoặc", "thì", "mà", "để", "ra",
        "vào", "lên", "xuống", "nên", "vì", "nếu", "rất", "nhiều", "ít",
        "ông", "bà", "anh", "chị", "em", "họ", "chúng", "tôi", "ta", "mình",
        "ai", "gì", "nào", "đâu", "sao", "năm", "tháng", "ngày", "tuần",
        "giờ", "thành", "phố", "tỉnh", "huyện", "xã", "quận", "phường",
        "thị", "nước", "quốc", "gia", "chính", "phủ", "dân", "nhà", "sau",
        "trước", "trên", "dưới", "giữa", "cùng", "lại", "đây", "đi", "nhất",
        "làm", "việc", "bộ", "trưởng", "thủ", "tướng", "chủ", "tịch",
        "tổng", "thống", "cả", "mỗi", "mới", "còn", "đều", "chỉ", "thế",
        "vậy", "nay", "qua", "tới", "rồi", "hơn", "lớn", "nhỏ", "hiện",
        "số", "phải", "ngoài", "sự", "cuộc", "điều", "vùng", "khu", "miền",
        "nam", "bắc", "đông", "tây", "trung",
    }),
}
