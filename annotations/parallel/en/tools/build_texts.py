"""Build corpus/<NNN>-en.txt and .json from the reviewed English sentences.

One-off builder for issue 27 (staged data). Sentence i of the English list renders sentence i
of the original; the text between sentences (and before the first / after the last) is copied
EXACTLY from the original's sentence offsets, so both versions share their layout. The script
only computes offsets: the sentences themselves are hand work (EN below).

Run from the repository root:  python annotations/parallel/en/tools/build_texts.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from versions import write_versions  # noqa: E402  (the one builder of every language's versions)

EN = {
"000-lv": [
"The leadership of Daugavpils and Harbin discussed opportunities for expanding cooperation online",
"On 12 August, Daugavpils City Council Chairman Igors Prelatovs and Deputy Chairwoman Līvija Jankovska met online with the Mayor of Harbin (China), Sun Zhe, the Chief of the Government Staff, Fang Zhenghui, the Director General of the Foreign Affairs Office, Cao Ru, the Director General of the Commerce Bureau, Sun Yongbin, the Director General of the Agriculture Bureau, Ren Yanhui, and the head of Harbin No. 1 Hospital, Li Hong.",
"During the virtual visit, opportunities for expanding cooperation in several sectors were discussed.",
"The conversation began with congratulations from Harbin Mayor Sun Zhe to Daugavpils and its residents on our city's 745th anniversary.",
"The representatives of the twin city praised the cooperation so far in the economy, medicine, education, culture and many other fields, and called for it to be continued and expanded.",
"During the conversation, Mr Sun Zhi invited students and teachers of the Daugavpils Medical College and Daugavpils University, as well as representatives of Daugavpils Regional Hospital, to visit China once the restrictions caused by the pandemic are lifted and to take part in an exchange of experience with Harbin health care and rehabilitation specialists.",
"Students, teachers and educators from other sectors, cultural workers and athletes are also welcome.",
"Daugavpils City Council Chairman Igors Prelatovs expressed thanks for the congratulations on the city's anniversary and for the help that Harbin provided during the state of emergency by sending medical masks.",
"He expressed his pleasure that the epidemiological situation in both cities is currently stable, which makes it possible not to stop but to move forward, to work in the interests of the residents and to continue cooperating.",
"Deputy Council Chairwoman Līvija Jankovska, for her part, thanked the representatives of Harbin for the invitation and for the long and successful cooperation so far in the field of medicine, highly appreciating the benefits brought by the exchange of experience among specialists, teachers and medical students at the international level.",
"At the end of the meeting, the sides concluded that although for now communication is possible only in a remote format, this does not prevent them from planning new projects and working on their implementation, making the cooperation ever more productive.",
"And both Daugavpils and Harbin have ideas on how to do it.",
"Public Relations and Marketing Department of Daugavpils City Council.",
],
"001-ru": [
"As part of an official visit of four delegations to the regional centre, health representatives of the city of Heihe visited medical and health-improvement facilities in Yuzhno-Sakhalinsk.",
"The guests from China were accompanied by Deputy Mayor Yelena Fedorova and the director of the social policy department, Elvira Yurkova, the SakhalinMedia news agency reports, citing the press service of the Yuzhno-Sakhalinsk administration.",
"As Yelena Fedorova noted, the regional centre today is open to international cooperation in various fields.",
"And special attention is now being paid to health care issues.",
"Much work is being done under the project of Governor Valery Limarenko \"Care. Protection. Respect\", which, among other things, gives a powerful impetus to improving the quality of medical services.",
"Thus, during the business programme, the guests from the Celestial Empire were presented with the health care opportunities and the resource potential at the municipal and regional levels.",
"The heads of a number of Heihe medical institutions paid a familiarisation visit to the Sakhalin Regional Oncology Dispensary and the Central Polyclinic, and also visited the sanatoriums \"Aralia\" and \"Sinegorskiye Mineralnye Vody\", where they were able to assess health-improvement methods, types of medical services, patient rehabilitation programmes and so on.",
"— We were glad to show our Chinese colleagues our resource potential.",
"We gave them a tour of the sanatorium grounds and looked at the treatment rooms.",
"Our guests were also able to appreciate not only the wonderful local climate but also samples of natural healing mud and mineral water.",
"Besides that, of course, we discussed opportunities for cooperation and exchange of experience, — said Alexei Peshkov, general director of the JSC Sanatorium \"Sinegorskiye Mineralnye Vody\".",
"Interaction with foreign colleagues and partners is always a valuable experience and good opportunities for the socio-economic development of the municipality, for stepping up cooperation in various areas and for strengthening international ties.",
"— It is gratifying that specialists from different cities and countries fly to Yuzhno-Sakhalinsk to study our experience, and that we have the opportunity to exchange best practices, including at the international level.",
"Today, when Yuzhno-Sakhalinsk is focusing on the development of medical tourism, this is especially relevant for us, — stressed Elvira Yurkova.",
"Following the official visit of the Chinese delegation, prospects for further cooperation were outlined.",
"Representatives of the medical community of the city of Heihe also proposed a number of areas in the field of medicine that they could practise in Yuzhno-Sakhalinsk.",
],
"002-fa": [
"Guangzhou and Xi'an send two shipments of health aid to Isfahan",
"Director General of Communications and International Affairs of Isfahan Municipality:",
"The ties and correspondence of Isfahan with its sister cities to overcome the problems caused by the coronavirus have borne fruit, and more than one hundred boxes of health items, including masks, isolation gowns and goggles, have been sent from Xi'an and Guangzhou and placed at the disposal of the city of Isfahan to be distributed among the medical staff.",
"In this connection, the items donated by the city of Xi'an to Isfahan with the slogan \"Friendship in days of hardship\" were placed at the disposal of Isfahan University of Medical Sciences for distribution.",
"According to our correspondent from Isfahan, the Director General of Communications and International Affairs of Isfahan Municipality, stating that with the outbreak of the coronavirus we were faced with a disease that made it difficult to picture the situation two months ahead, said: despite this challenge we could see the situation of the cities that had been hit before us and use their experience.",
"Noting that in this disease we used the initiatives of other cities of the world for disinfecting the city's thoroughfares and for the kind of disinfectants to use, he said: it can be said that in this disease cities came to each other's aid and were able to find each other.",
"The Director General of Communications and International Affairs of Isfahan Municipality stated: before Iran was hit by the coronavirus, Xi'an, as the sister city of Isfahan, was in a region that was struggling with this disease.",
"In the very first days of the Chinese New Year, the Mayor of Isfahan wrote a letter to the Mayor of Xi'an (the Chinese sister city of Isfahan) to congratulate and express sympathy with the people of Xi'an, in reply to which the mayor was told that Xi'an was facing many problems.",
"Hojjati added: to this end we were preparing ourselves to help Xi'an when Iran too was hit by the coronavirus, and the matter of sending aid to Xi'an was called off for technical reasons and because of the need we had for equipment at home.",
"Noting that Isfahan Municipality, alongside other organisations, also undertook in the field of communications to educate the public and raise awareness about the coronavirus, he added: from the beginning of Esfand 1398 to the end of Farvardin 1399, about 20 sets of designs in the form of various campaigns were prepared by Isfahan Municipality and installed, or announced and published, in various formats.",
"The Director General of Communications and International Affairs of Isfahan Municipality stated: in these same days we used the capacity of the municipality's international affairs to strengthen ties that had faded in recent years, and began corresponding with the sister cities of Isfahan.",
"Sister-city agreement between Isfahan and the city of Hyderabad, India, to be concluded in the coming days",
"Hojjati stated: the relations of the city of Isfahan with Barcelona, which needed strengthening, returned to normal in these circumstances and were re-established.",
"Given that the headquarters of Metropolis (the Association of the World's Major Metropolises) is in Barcelona, this association launched a website for the member cities to share their experiences of the coronavirus, and Isfahan Municipality, using this opportunity, shared its experience in disinfecting thoroughfares, public information and education with other cities.",
"The Director General of Communications and International Affairs of Isfahan Municipality said: following the action taken in the country's official diplomacy to form the campaign \"No to sanctions in the coronavirus situation\", the Mayor of Isfahan also joined this action and entered into consultations with the sister cities and city networks, and in a message from the president of INTA (the International Urban Development Association) it was announced that we stand by Iran despite the sanctions.",
"He also announced the preparation of a watercolour painting by master Motie as a token of appreciation for nurses on International Nurses Day and said: a copy of this painting will be donated to all hospitals dealing with the coronavirus in the city of Isfahan, and the original of the work will be donated to the Ministry of Health during the visit of the Minister of Health to Isfahan.",
"Hojjati announced the submission of a bill by Isfahan Municipality on concluding a sister-city agreement between Isfahan and the city of Hyderabad, India, as the fourteenth sister city in the coming days, and said: the municipality is also in the process of joining three city networks in the fields of the smart city, sustainable urban development and learning cities.",
],
"003-uk": [
"Kamianske and Wuppertal become partner cities",
"Mayor Andriy Bilousov is on an official visit to the city of Wuppertal, Federal Republic of Germany.",
"“Our partnership with the city of Wuppertal dates back to 2023, within the support programme of the Service Agency ‘Communities in One World’ (SKEW).",
"Since then we have held a number of online meetings, implemented humanitarian initiatives and identified areas for further cooperation.",
"In May this year our city hosted a delegation from Wuppertal, during which a shared interest in developing partnership relations was confirmed.",
"In July, the Wuppertal City Council adopted a decision to launch an official partnership project with Kamianske.",
"I met with the Mayor of Wuppertal, Uwe Schneidewind, and the First Deputy, Heiner Fragemann.",
"We discussed the key areas of our cooperation and future projects that will contribute to the development of Kamianske.",
"During the visit, together with the secretary of the city council, Natalia Ktitarova, and the director of the economy department, Halyna Yermolenko, I took part in the events marking the Day of German Unity, as well as in the work of the focus group of twin cities.",
"Such meetings deepen the relations between our cities.",
"The partnership with Wuppertal opens up additional opportunities for taking part in international projects, implementing community support programmes and attracting new ideas and practices that will work directly for the development of our community.",
"Tomorrow the ceremonial signing of the Agreement on Cooperation between Kamianske and Wuppertal will take place — an important step that opens a new stage in the development of the international ties and partnership of our cities,” the mayor of the city said.",
"Olena",
],
"004-vi": [
"On 19 October, Mr Nguyen Van Nen – member of the Politburo, Secretary of the Ho Chi Minh City Party Committee – led a working delegation of the Standing Board of the HCMC Party Committee to visit, thank and share experience in Covid-19 prevention and control with the leaders of Dong Thap province.",
"This is one of the 32 delegations in the first round of the Standing Board of the Ho Chi Minh City Party Committee to visit localities.",
"According to Secretary Nguyen Van Nen, the Covid-19 pandemic struck so suddenly and evolved so unpredictably that HCMC was caught off guard.",
"However, thanks to the joint efforts and contributions of the whole country, including Dong Thap province, Ho Chi Minh City has gradually stabilised and is gradually bringing the situation under control to return to a new normal.",
"Secretary of the Ho Chi Minh City Party Committee Nguyen Van Nen thanks the Party organisation and people of Dong Thap province for supporting HCMC",
"Specifically, Dong Thap proactively organised the programme \"Dong Thap sends love – Overcoming the Covid-19 pandemic\", presenting 1,200 gift packages to members of the Dong Thap Hometown Association in Ho Chi Minh City facing difficulties due to the Covid-19 epidemic; and sent dozens of tonnes of \"Dong Thap farm produce, sharing love\" to the people of Ho Chi Minh City and Binh Duong province.",
"The province also organised a working team of medical workers, doctors and medical students to support Ho Chi Minh City in preventing and controlling the Covid-19 epidemic at a time when the epidemic situation in the province was temporarily under control.",
"\"Dong Thap opened its arms to welcome people returning from Ho Chi Minh City while the epidemic situation in the locality was still extremely difficult.",
"That was a fine, kind-hearted gesture,\" Secretary Nguyen Van Nen stressed, welcoming the wholehearted sharing and support of Dong Thap.",
"Entering a new phase, Ho Chi Minh City wishes to connect and coordinate closely with Dong Thap province to provide support in health care, transport and social welfare.",
"In particular, HCMC is ready to \"share the fire\" with Dong Thap in vaccines, medical equipment, and preparing the conditions for local workers to return to HCMC to work...",
"The Secretary of the Ho Chi Minh City Party Committee, on behalf of the Party organisation and people of HCMC, presents support funds, medical equipment for epidemic prevention and control to Dong Thap province",
"Secretary of the Dong Thap Provincial Party Committee Le Quoc Phong stressed that in epidemic prevention and control work over the past period, Dong Thap has always been placed in relation to Ho Chi Minh City and the localities in the Mekong Delta region, being especially subject to the influence of supply chains of goods and labour resources.",
"The Secretary of the Dong Thap Provincial Party Committee thanked Ho Chi Minh City for its attention in sending working delegations to support the province in epidemic prevention and control; many organisations and businesses in HCMC have also aided and supported Dong Thap with social resources.",
"At the working session, the leaders of the two localities also exchanged experience in epidemic prevention and control over the past period, especially on connecting and exchanging information in the coming time to recover after the pandemic, in the spirit of safe, flexible adaptation and effective control under Resolution 128 of the Government.",
],
}

TITLES = {  # the original's title in English; None where the original has none
    "000-lv": EN["000-lv"][0],
    "001-ru": None,
    "002-fa": EN["002-fa"][0],
    "003-uk": EN["003-uk"][0],
    "004-vi": None,
}
PUBLISHERS = {
    "000-lv": "Daugavpils City Council Public Relations and Marketing Department",
    "001-ru": "SakhalinMedia news agency",
    "002-fa": None,
    "003-uk": None,
    "004-vi": None,
}
TRANSLATION = (
    "Translated from the original language ({lang}), not through another translation, sentence by "
    "sentence (sentence i renders sentence i; no merges or splits), by an AI model working under "
    "written instructions (faithfulness; names as an English-language outlet writes them; dates "
    "in English conventions). The draft was then read beside the original, sentence by sentence, "
    "and corrected by a second AI model acting as translator/annotator (review for issue 27). "
    "No human translator was involved."
)
LICENCE = (
    "Derived from the original article {doc} (a translation of it): same terms as the original; "
    "see DATASHEET.md. Translationese: not independent English news text."
)


def build(root: Path, docs: list[str] | None = None) -> None:
    write_versions(root, "en", "Latn", EN, TITLES, PUBLISHERS, TRANSLATION, LICENCE,
                   docs or ())


if __name__ == "__main__":
    build(Path.cwd(), sys.argv[1:])
