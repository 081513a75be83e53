"""The gazetteer baseline's hand-written word lists: event triggers, partner-city cues,
future markers and stop words, for Latvian, Russian, Persian, Ukrainian and Vietnamese.

Sources: general knowledge of the five languages and standard bilingual dictionaries
(the translations of English "meet, meeting, talks, discuss; visit; agreement, sign,
memorandum; aid, help, donate, gift; invite, invitation; cooperate, cooperation,
partnership, exchange, relations; sister city, twin town"; of the future auxiliaries;
and of each language's most frequent function words). Nothing here was taken from the
benchmark's texts or annotations: the lists name the everyday diplomatic vocabulary of
each language, and deliberately leave out generic verbs of sending, giving and support,
which a lexicon cannot tell apart from their non-diplomatic uses.

Pattern syntax: words separated by spaces, compared with ``baselines.text.norm`` forms of
the tokens; a word ending in ``*`` matches any token that starts with it (this is how the
inflected languages' endings are covered: "визит*" matches "визита", "визитом").
"""

from __future__ import annotations

TRIGGERS: dict[str, dict[str, tuple[str, ...]]] = {
    "lv": {
        "MEET": ("tikās", "tikāmies", "tikties", "tiksies", "tikšan*", "sarun*", "apspried*",
                 "pārrunā*", "sanāksm*", "konferenc*"),
        "VISIT": ("vizīt*", "apmeklē*", "apmeklēj*", "viesoj*", "viesos"),
        "AGREE": ("līgum*", "parakst*", "memorand*", "vienojā*", "vienošan*"),
        "AID": ("palīdzīb*", "palīdzēj*", "palīdzēt", "ziedoj*", "ziedot*", "dāvinā*", "dāvan*"),
        "INVITE": ("uzaicin*", "ielūg*"),
        "COOPERATE": ("sadarb*", "partnerīb*", "apmaiņ*", "attiecīb*"),
    },
    "ru": {
        "MEET": ("встреч*", "встрет*", "переговор*", "обсуд*", "обсужд*", "совещани*", "конференц*"),
        "VISIT": ("визит*", "посет*", "посещ*", "побыва*", "прибыл", "прибыла", "прибытие", "прибытия", "прилет*",
                  "приезд*", "приехал*"),
        "AGREE": ("соглашени*", "подписа*", "подписан*", "договор*", "меморандум*"),
        "AID": ("помощ*", "помог*", "пожертв*", "подар*"),
        "INVITE": ("приглас*", "приглаш*"),
        "COOPERATE": ("сотруднич*", "партнерств*", "взаимодейств*", "обмен*", "кооперац*", "отношени*"),
    },
    "uk": {
        "MEET": ("зустр*", "переговор*", "обговор*", "нарад*", "конференц*"),
        "VISIT": ("візит*", "відвід*", "прибув", "прибула", "прибули", "прибуття", "приїзд*", "приїха*", "прилет*", "приліт*"),
        "AGREE": ("угод*", "підписа*", "підписан*", "меморандум*", "договор*", "договір*", "домовл*"),
        "AID": ("допомог*", "допомаг*", "пожертв*", "подарун*", "подару*"),
        "INVITE": ("запрош*", "запроси*"),
        "COOPERATE": ("співпрац*", "співробітництв*", "партнерств*", "взаємод*", "обмін*", "відносин*"),
    },
    "fa": {
        "MEET": ("دیدار*", "ملاقات*", "گفتگو*", "گفتوگو*", "مذاکره*", "مذاکرات*", "رایزنی*",
                 "جلسه*", "کنفرانس*"),
        "VISIT": ("سفر", "سفری", "بازدید*", "میزبانی*"),
        "AGREE": ("توافق*", "تفاهم*", "امضا*", "قرارداد*", "موافقتنامه*", "عقد"),
        "AID": ("کمک*", "اهدا*", "امداد*", "هدیه*", "یاری*"),
        "INVITE": ("دعوت*",),
        "COOPERATE": ("همکاری*", "تعامل*", "مشارکت*", "تبادل*", "روابط"),
    },
    "vi": {
        "MEET": ("gặp", "gặp gỡ", "hội đàm", "hội kiến", "tiếp xúc", "hội nghị", "họp",
                 "cuộc họp", "thảo luận"),
        "VISIT": ("thăm", "viếng thăm", "thăm hỏi", "đón tiếp", "tiếp đón"),
        "AGREE": ("ký kết", "thỏa thuận", "thoả thuận", "biên bản ghi nhớ", "hiệp định"),
        "AID": ("hỗ trợ", "viện trợ", "tặng", "trao tặng", "ủng hộ", "quyên góp", "cứu trợ", "giúp đỡ"),
        "INVITE": ("mời", "lời mời"),
        "COOPERATE": ("hợp tác", "phối hợp", "trao đổi", "chia sẻ", "kết nối", "quan hệ", "giao lưu"),
    },
}

# Substrings of the normalised sentence (tokens joined by spaces) that say two cities are
# sister, twin or partner cities.
TWINNING_CUES: dict[str, tuple[str, ...]] = {
    "lv": ("sadraudzības pilsēt", "māspilsēt", "partnerpilsēt", "dvīņpilsēt"),
    "ru": ("побратим", "-партнер", "города-партнер"),
    "uk": ("побратим", "-партнер", "міста-партнер"),
    "fa": ("خواهرخوانده", "خواهرخواندگی"),
    "vi": ("kết nghĩa",),
}

# Words that mark an event as planned or future (future auxiliaries, "plan", "will").
FUTURE_MARKERS: dict[str, tuple[str, ...]] = {
    "lv": ("tiks", "būs", "plāno*", "plānot*", "nākotnē", "nākamaj*"),
    "ru": ("будет", "будут", "планир*", "намер*", "предстоящ*", "состоится"),
    "uk": ("буде", "будуть", "відбудеться", "планує*", "плануют*", "заплан*", "наміри", "має намір"),
    "fa": ("خواهد", "خواهند", "قرار است", "برنامه", "آینده"),
    "vi": ("sẽ", "dự kiến", "kế hoạch", "mong muốn", "sắp"),
}

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
