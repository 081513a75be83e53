"""Build corpus/<NNN>-lv.txt and .json from the Latvian sentences.

One-off builder for issue 28 (staged data), the Latvian counterpart of
``annotations/parallel/en/tools/build_texts.py``. Sentence i of the Latvian list renders
sentence i of the original (translated from the original language, not through English); the
text between sentences (and before the first / after the last) is copied EXACTLY from the
original's sentence offsets, so both versions share their layout. The script only computes
offsets: the sentences themselves are hand work (LV below).

Run from the repository root:  python annotations/parallel/lv/tools/build_texts.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "en" / "tools"))
from versions import write_versions  # noqa: E402  (the one builder of every language's versions)

LV = {
"003-uk": [
"Kamjanske un Vupertāle kļūst par partnerpilsētām",
"Pilsētas mērs Andrijs Bilousovs atrodas oficiālā vizītē Vupertāles pilsētā, Vācijas Federatīvajā Republikā.",
"“Mūsu partnerība ar Vupertāles pilsētu aizsākās 2023. gadā Servisa dienesta «Pilsētas vienotā pasaulē» (SKEW) atbalsta programmas ietvaros.",
"Kopš tā laika esam aizvadījuši vairākas tiešsaistes tikšanās, īstenojuši humanitāras iniciatīvas un noteikuši turpmākās sadarbības virzienus.",
"Šā gada maijā mūsu pilsēta uzņēma Vupertāles delegāciju, un šajā laikā tika apstiprināta kopīga ieinteresētība partnerattiecību attīstīšanā.",
"Jūlijā Vupertāles pilsētas dome pieņēma lēmumu par oficiāla partnerības projekta uzsākšanu ar Kamjanski.",
"Tikos ar Vupertāles mēru Ūvi Šneidevindu un pirmo vietnieku Haineru Frāgemanu.",
"Apspriedām mūsu sadarbības galvenos virzienus un nākotnes projektus, kas veicinās Kamjanskes attīstību.",
"Vizītes laikā kopā ar pilsētas domes sekretāri Natāliju Ktitarovu un ekonomikas departamenta direktori Halinu Jermolenko piedalījos pasākumos par godu Vācijas vienotības dienai, kā arī sadraudzības pilsētu fokusgrupas darbā.",
"Šādas tikšanās padziļina attiecības starp mūsu pilsētām.",
"Partnerība ar Vupertāli paver papildu iespējas piedalīties starptautiskos projektos, īstenot kopienas atbalsta programmas, piesaistīt jaunas idejas un praksi, kas tieši strādās mūsu kopienas attīstības labā.",
"Rīt notiks svinīga Sadarbības līguma starp Kamjanski un Vupertāli parakstīšana — svarīgs solis, kas atver jaunu posmu mūsu pilsētu starptautisko saišu un partnerības attīstībā”, – pastāstīja pilsētas mērs.",
"Olena",
],
"001-ru": [
"Četru delegāciju oficiālās vizītes ietvaros apgabala centrā Heihes pilsētas veselības aprūpes pārstāvji apmeklēja medicīnas un atveseļošanās iestādes Južnosahalinskā.",
"Viesus no Ķīnas pavadīja vicemēre Jeļena Fedorova un sociālās politikas departamenta direktore Elvīra Jurkova, vēsta ziņu aģentūra SakhalinMedia, atsaucoties uz Južnosahalinskas administrācijas preses dienestu.",
"Kā norādīja Jeļena Fedorova, apgabala centrs šodien ir atvērts starptautiskai sadarbībai dažādās jomās.",
"Un īpaša uzmanība pašlaik tiek pievērsta veselības aprūpes jautājumiem.",
"Liels darbs tiek veikts gubernatora Valērija Limarenko projekta \"Rūpes. Aizsardzība. Cieņa\" ietvaros, kas cita starpā dod spēcīgu impulsu medicīnas pakalpojumu kvalitātes uzlabošanai.",
"Proti, lietišķās programmas gaitā viesiem no Debesu impērijas tika prezentētas veselības aprūpes iespējas un resursu potenciāls pašvaldības un reģionālajā līmenī.",
"Vairāku Heihes medicīnas iestāžu vadītāji iepazīšanās ekskursijā viesojās Sahalinas apgabala onkoloģiskajā dispanserā, Centrālajā poliklīnikā, kā arī apmeklēja sanatorijas \"Aralija\" un \"Sinegorskije mineraļnije vodi\", kur varēja novērtēt veselības uzlabošanas metodes, medicīnas pakalpojumu veidus, pacientu rehabilitācijas programmas un tā tālāk.",
"— Mums bija prieks parādīt ķīniešu kolēģiem savu resursu potenciālu.",
"Novadījām viņiem ekskursiju pa sanatorijas teritoriju, apskatījām procedūru kabinetus.",
"Tāpat mūsu viesi varēja novērtēt ne tikai brīnišķīgo vietējo klimatu, bet arī dabisko ārstniecisko dūņu un minerālūdens paraugus.",
"Turklāt, protams, apspriedām sadarbības un pieredzes apmaiņas iespējas, — pastāstīja AS \"Sanatorija \"Sinegorskije mineraļnije vodi\" ģenerāldirektors Aleksejs Peškovs.",
"Mijiedarbība ar ārvalstu kolēģiem un partneriem — tā vienmēr ir vērtīga pieredze un labas iespējas pašvaldības sociālekonomiskajai attīstībai, sadarbības aktivizēšanai dažādos virzienos un starptautisko saišu stiprināšanai.",
"— Iepriecina, ka uz Južnosahalinsku atlido speciālisti no dažādām pilsētām un valstīm, lai apgūtu mūsu pieredzi, un mums ir iespēja apmainīties ar labāko praksi, tostarp arī starptautiskā līmenī.",
"Šodien, kad Južnosahalinska koncentrējas uz medicīnas tūrisma attīstību, tas mums ir īpaši aktuāli, — uzsvēra Elvīra Jurkova.",
"Ķīniešu delegācijas oficiālās vizītes rezultātā tika iezīmētas turpmākās sadarbības perspektīvas.",
"Heihes pilsētas medicīnas kopienas pārstāvji arī ierosināja vairākus virzienus medicīnas jomā, kurus viņi varētu praktizēt Južnosahalinskā.",
],
"004-vi": [
"19. oktobrī Ngujens Vans Nens - Politbiroja loceklis, Hošiminas pilsētas partijas komitejas sekretārs - vadīja Hošiminas pilsētas partijas komitejas Pastāvīgās valdes darba delegāciju, kas devās apciemot Dongtapas provinces vadību, pateikties tai un dalīties ar to pieredzē Covid-19 epidēmijas novēršanā un apkarošanā.",
"Tā ir viena no 32 Hošiminas pilsētas partijas komitejas Pastāvīgās valdes delegācijām, kas pirmajā kārtā dodas apciemot vietējās pašvaldības.",
"Pēc sekretāra Ngujena Vana Nena teiktā, Covid-19 pandēmija uzbruka tik pēkšņi un attīstījās tik neprognozējami, ka Hošimina tika pārsteigta nesagatavota.",
"Tomēr, pateicoties visas valsts, tostarp Dongtapas provinces, kopīgajiem pūliņiem un ieguldījumam, Hošimina pakāpeniski ir stabilizējusies un soli pa solim pārņem situāciju savā kontrolē, lai atgrieztos pie jaunās normalitātes.",
"Hošiminas pilsētas partijas komitejas sekretārs Ngujens Vans Nens pateicas Dongtapas provinces partijas organizācijai un iedzīvotājiem par atbalstu Hošiminai",
"Konkrēti, Dongtapa pēc savas iniciatīvas rīkoja programmu \"Dongtapa sūta mīlestību – Pārvarot Covid-19 pandēmiju\", pasniedzot 1200 dāvanu komplektus Dongtapas novadnieku biedrības Hošiminā biedriem, kuri Covid-19 epidēmijas dēļ nonākuši grūtībās; un nosūtīja desmitiem tonnu \"Dongtapas lauksaimniecības produkti, daloties mīlestībā\" Hošiminas un Binzuongas provinces iedzīvotājiem.",
"Province arī noorganizēja medicīnas darbinieku, ārstu un medicīnas studentu darba grupu, lai atbalstītu Hošiminu Covid-19 epidēmijas novēršanā un apkarošanā laikā, kad epidēmiskā situācija provincē uz laiku bija kontrolēta.",
"\"Dongtapa atplestām rokām uzņēma cilvēkus, kas atgriezās no Hošiminas, lai gan epidēmiskā situācija pašā provincē joprojām bija ārkārtīgi sarežģīta.",
"Tas bija skaists, sirsnīgs žests\" - uzsvēra sekretārs Ngujens Vans Nens un atzinīgi novērtēja Dongtapas sirsnīgo līdzdalību un atbalstu.",
"Ieejot jaunā posmā, Hošimina vēlas kopā ar Dongtapas provinci veidot saikni un cieši koordinēt darbību, lai sniegtu atbalstu veselības aprūpē, transportā un sociālajā nodrošinājumā.",
"Tostarp Hošimina ir gatava \"dalīt uguni\" ar Dongtapu vakcīnu un medicīnas aprīkojuma ziņā un sagatavot apstākļus, lai vietējie strādnieki varētu atgriezties darbā Hošiminā...",
"Hošiminas pilsētas partijas komitejas sekretārs Hošiminas partijas organizācijas un iedzīvotāju vārdā pasniedz atbalsta līdzekļus un medicīnas aprīkojumu epidēmijas novēršanas un apkarošanas darbam Dongtapas provincei",
"Dongtapas provinces partijas komitejas sekretārs Le Kuoks Fongs uzsvēra, ka epidēmijas novēršanas un apkarošanas darbā pēdējā laikā Dongtapa vienmēr ir bijusi cieši saistīta ar Hošiminu un Mekongas deltas reģiona apvidiem, jo īpaši ir atkarīga no preču piegādes ķēdēm un darbaspēka resursiem.",
"Dongtapas provinces partijas komitejas sekretārs pateicās Hošiminai par rūpēm, ar kurām tā sūtīja darba delegācijas atbalstam provincei epidēmijas novēršanas un apkarošanas darbā; daudzas organizācijas un uzņēmumi Hošiminā arī ir palīdzējuši un atbalstījuši Dongtapu ar sociālajiem resursiem.",
"Darba sanāksmē abu vietējo pašvaldību vadītāji arī apmainījās ar pieredzi epidēmijas novēršanas un apkarošanas darbā pēdējā laikā, jo īpaši par sasaisti un informācijas apmaiņu turpmāk, lai atjaunotos pēc pandēmijas, drošas, elastīgas pielāgošanās un efektīvas kontroles garā saskaņā ar valdības Rezolūciju Nr. 128.",
],
"002-fa": [
"Guandžou un Sjaņa nosūta uz Isfahānu divus sanitārās palīdzības sūtījumus",
"Isfahānas pašvaldības komunikācijas un starptautisko lietu ģenerāldirektors:",
"Isfahānas saites un sarakste ar sadraudzības pilsētām, lai pārvarētu koronavīrusa radītās problēmas, ir nesušas augļus, un vairāk nekā simts kastes ar higiēnas precēm, tostarp maskām, izolācijas tērpiem un aizsargbrillēm, tika nosūtītas no Sjaņas un Guandžou un nodotas Isfahānas pilsētas rīcībā, lai tās sadalītu medicīnas personālam.",
"Šajā sakarā Sjaņas pilsētas Isfahānai dāvinātās preces ar devīzi \"Draudzība grūtās dienās\" tika nodotas izdalīšanai Isfahānas Medicīnas zinātņu universitātes rīcībā.",
"Kā ziņo mūsu korespondents no Isfahānas, Isfahānas pašvaldības komunikācijas un starptautisko lietu ģenerāldirektors, norādot, ka, koronavīrusam izplatoties, saskārāmies ar slimību, kuras dēļ bija grūti iztēloties situāciju pēc diviem mēnešiem, sacīja: neraugoties uz šo izaicinājumu, mēs varējām redzēt to pilsētu situāciju, kuras slimība skāra pirms mums, un izmantot to pieredzi.",
"Norādot, ka šīs slimības laikā pilsētas ielu dezinficēšanā un dezinfekcijas līdzekļu izvēlē izmantojām citu pasaules pilsētu iniciatīvas, viņš sacīja: var teikt, ka šīs slimības laikā pilsētas nāca cita citai palīgā un spēja cita citu atrast.",
"Isfahānas pašvaldības komunikācijas un starptautisko lietu ģenerāldirektors norādīja: pirms Irānu skāra koronavīruss, Sjaņa kā Isfahānas sadraudzības pilsēta atradās reģionā, kas cīnījās ar šo slimību.",
"Isfahānas mērs jau pirmajās Ķīniešu Jaunā gada dienās uzrakstīja vēstuli Sjaņas (Isfahānas ķīniešu sadraudzības pilsētas) mēram, lai apsveiktu Sjaņas iedzīvotājus un paustu viņiem līdzjūtību, un atbildē mēram tika paziņots, ka Sjaņa saskaras ar daudzām problēmām.",
"Hodžati piebilda: šajā sakarā mēs gatavojāmies palīdzēt Sjaņai, kad arī Irānu skāra koronavīruss, un jautājums par palīdzības nosūtīšanu uz Sjaņu tehnisku iemeslu dēļ un tāpēc, ka mums pašiem valstī bija vajadzīgs aprīkojums, tika atcelts.",
"Norādot, ka Isfahānas pašvaldība komunikācijas jomā līdzās citām organizācijām arī ķērās pie iedzīvotāju izglītošanas un izpratnes veidošanas par koronavīrusu, viņš piebilda: no 98. gada esfanda sākuma līdz 99. gada farvardīna beigām Isfahānas pašvaldība sagatavoja aptuveni 20 dizainu kopumus dažādu kampaņu veidā, un tie tika izvietoti dažādos formātos vai izziņoti un publicēti.",
"Isfahānas pašvaldības komunikācijas un starptautisko lietu ģenerāldirektors uzsvēra: šajās pašās dienās mēs izmantojām pašvaldības starptautisko lietu kapacitāti, lai stiprinātu saites, kas pēdējos gados bija izbalējušas, un sākām saraksti ar Isfahānas sadraudzības pilsētām.",
"Sadraudzības pilsētu līguma noslēgšana starp Isfahānu un Indijas pilsētu Haidarābādu – tuvākajās dienās",
"Hodžati norādīja: Isfahānas pilsētas attiecības ar Barselonu, kuras bija jāstiprina, šajos apstākļos atgriezās ierastajā gultnē un tika atjaunotas.",
"Tā kā Metropolis (Pasaules nozīmīgāko lielpilsētu asociācijas) mītne atrodas Barselonā, šī asociācija izveidoja tīmekļa vietni dalībpilsētu pieredzes apmaiņai par koronavīrusu, un Isfahānas pašvaldība, izmantojot šo iespēju, dalījās ar citām pilsētām savā pieredzē ielu dezinfekcijā, sabiedrības informēšanā un izglītošanā.",
"Isfahānas pašvaldības komunikācijas un starptautisko lietu ģenerāldirektors sacīja: sekojot rīcībai, kas valsts oficiālajā diplomātijā tika veikta, veidojot kampaņu «Nē sankcijām koronavīrusa apstākļos», arī Isfahānas mērs pievienojās šai rīcībai un uzsāka konsultācijas ar sadraudzības pilsētām un pilsētu tīkliem, un asociācijas INTA (Pasaules pilsētattīstības asociācijas) prezidenta vēstījumā tika paziņots, ka mēs, neraugoties uz sankcijām, stāvam līdzās Irānai.",
"Viņš arī paziņoja par meistara Motī akvareļa gleznas sagatavošanu kā pateicības zīmi medmāsām Starptautiskajā medmāsu dienā un sacīja: šīs gleznas kopija tiks uzdāvināta visām Isfahānas pilsētas slimnīcām, kas cīnās ar koronavīrusu, bet darba oriģināls veselības ministra vizītes laikā Isfahānā tiks uzdāvināts Veselības ministrijai.",
"Hodžati paziņoja par Isfahānas pašvaldības lēmumprojekta iesniegšanu par sadraudzības pilsētu līguma noslēgšanu starp Isfahānu un Indijas pilsētu Haidarābādu kā četrpadsmito sadraudzības pilsētu tuvākajās dienās un sacīja: pašvaldība arī pašlaik pievienojas trim pilsētu tīkliem viedās pilsētas, ilgtspējīgas pilsētvides attīstības un mācīšanās pilsētu jomā.",
],
#SENTS
}

TITLES = {  # the original's title in Latvian; None where the original has none
    "001-ru": None,
    "002-fa": 0,
    "003-uk": 0,
    "004-vi": None,
}
PUBLISHERS = {
    "001-ru": "ziņu aģentūra SakhalinMedia",
    "002-fa": None,
    "003-uk": None,
    "004-vi": None,
}
TRANSLATION = (
    "Translated into Latvian by an AI model directly from the original language ({lang}), "
    "not through English or any other translation, sentence by sentence (sentence i renders "
    "sentence i; no merges or splits), under written instructions (issue 28: faithfulness; a "
    "counterpart for every annotated mention where Latvian allows it; names as a "
    "Latvian-language outlet writes them; dates in Latvian conventions). The English version "
    "was not a source: it was compared only after the draft, to check the reading of the "
    "original (its sentences had been seen once before, in the English build tool, while "
    "studying how the English versions were made). The same model then re-read the draft "
    "against the original and corrected it. No human translator was involved. The gold "
    "projected onto it was read a second time, independently, by another AI model "
    "(annotations/parallel/lv/AGREEMENT.md)."
)
LICENCE = (
    "Derived from the original article {doc} (a translation of it): same terms as the original; "
    "see DATASHEET.md. Translationese: not independent Latvian news text."
)


def build(root: Path, docs: list[str] | None = None) -> None:
    write_versions(root, "lv", "Latn", LV, {d: None if t is None else LV[d][0] for d, t in TITLES.items()}, PUBLISHERS, TRANSLATION, LICENCE,
                   docs or ())


if __name__ == "__main__":
    build(Path.cwd(), sys.argv[1:])
