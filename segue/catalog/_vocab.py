"""Handwritten vocabulary for synthetic titles, playlists and podcasts, per language.

Faker's lorem words are Latin filler in half its locales; song titles made of
"consequatur sed" would test nothing. These short lists are the words songs are
actually named after (love, night, heart, fire) in each language, with a
romanization for scripts that need one ("夜|Yoru"), so synthetic documents look
like the catalog a search box really faces.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lang:
    """Words of one language. Non-Latin entries are "native|roman"."""

    code: str
    nouns: tuple[str, ...]
    adjs: tuple[str, ...]
    phrases: tuple[str, ...]
    patterns: tuple[str, ...]  # "{n}", "{a} {n}", "{n}の{n2}|{n} no {n2}" ...
    bands: tuple[str, ...] = ()  # band names: "The {b}" style, already with article
    latin: bool = True


def _t(s: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in s.split(";") if w.strip())


LANGS: dict[str, Lang] = {
    "en": Lang(
        "en",
        _t("Love;Heart;Night;Fire;Summer;Dream;Rain;Gold;River;Midnight;Paradise;Ghost;Diamond;"
           "Highway;Ocean;Star;Shadow;Thunder;Angel;Sunset;City;Honey;Storm;Echo;Mirror;"
           "Satellite;Velvet;Neon;Wildflower;Heartbeat;Daylight;Moonlight;Lullaby;Wonderland"),
        _t("Golden;Broken;Electric;Wild;Blue;Lonely;Sweet;Dark;Young;Crazy;Silent;Beautiful;"
           "Burning;Cold;Sunny;Endless;Little;Last"),
        _t("Don't Let Me Go;Hold On;Tonight;I Can't Stop;Say My Name;Dancing Alone;Never Enough;"
           "All Night Long;Take Me Home;One More Time;Stay With Me;Runaway;Feel It;Falling Again;"
           "Come Back to Me;Better Days;Out of Time;What You Need;Don't Look Back;Let It Go"),
        _t("{n};{a} {n};{a} {n};The {n};{n} of {n2};{p};{p};{p};{n} & {n2};{n} in the {n2}"),
        _t("The Foxes;The Wolves;The Kings;The Strangers;The Lions;The Ghosts;The Saints;"
           "The Rebels;The Machines;The Pilots;The Dragons;The Tigers;The Ravens;The Sparrows;"
           "The Knights;The Vultures;The Lovers;The Dreamers;The Satellites;The Comets"),
    ),
    "es": Lang(
        "es",
        _t("Amor;Corazón;Noche;Fuego;Verano;Sueño;Lluvia;Luna;Mar;Cielo;Vida;Baile;Calle;Beso;"
           "Alma;Sol;Ciudad;Estrella;Canción;Playa;Pasión;Madrugada;Perreo;Despedida"),
        _t("Salvaje;Dulce;Azul;Feliz;Triste;Libre;Especial;Imposible;Caliente;Fatal;Brillante;"
           "Gigante"),
        _t("Dime Que Sí;Bésame;Sin Ti;Quédate Conmigo;Otra Vez;Baila Conmigo;No Me Olvides;"
           "Te Quiero;Hasta el Amanecer;Qué Pasó;Tú y Yo;Ya No Más;Échale;Contigo"),
        _t("{n};{n} {a};{n} {a};{p};{p};{n} de {n2};{n} y {n2}"),
        _t("Los Tigres;Los Lobos;Los Ángeles;Los Reyes;Los Caballeros;Los Piratas;Los Bandidos;"
           "Los Hermanos;Los Cometas;Los Gallos"),
    ),
    "pt": Lang(
        "pt",
        _t("Amor;Coração;Saudade;Noite;Verão;Sonho;Chuva;Lua;Mar;Céu;Vida;Beijo;Alma;Sol;"
           "Cidade;Estrela;Praia;Paixão;Menina;Festa;Sertão;Balanço"),
        _t("Azul;Feliz;Triste;Livre;Doce;Selvagem;Especial;Quente;Brilhante;Imortal"),
        _t("Me Leva;Sem Você;Fica Comigo;Só Hoje;Tô Nem Aí;Deixa Acontecer;Vem Dançar;Não Para;"
           "Coisa Boa;Bate Forte"),
        _t("{n};{n} {a};{p};{p};{n} de {n2};{n} e {n2}"),
        _t("Os Lobos;Os Reis;Os Anjos;Os Piratas;Os Cometas;Os Tubarões"),
    ),
    "fr": Lang(
        "fr",
        _t("Amour;Cœur;Nuit;Été;Rêve;Pluie;Lune;Mer;Ciel;Vie;Baiser;Âme;Soleil;Ville;Étoile;"
           "Chanson;Liberté;Larmes;Fête;Mélancolie"),
        _t("Rouge;Triste;Libre;Magique;Fragile;Sauvage;Rose;Calme;Étrange;Facile;Sublime"),
        _t("Ne pars pas;Je t'aime encore;Sans toi;Reste avec moi;Encore une fois;On danse;"
           "Ça va aller;Je ne sais pas;Tout va bien;Là-bas;À demain"),
        _t("{n};{n} {a};{p};{p};{n} de {n2};{n} et {n2}"),
        _t("Les Loups;Les Rois;Les Anges;Les Pirates;Les Étoiles;Les Fantômes"),
    ),
    "de": Lang(
        "de",
        _t("Liebe;Herz;Nacht;Feuer;Sommer;Traum;Regen;Mond;Meer;Himmel;Leben;Kuss;Seele;Sonne;"
           "Stadt;Stern;Lied;Straße;Freiheit;Märchen;Sehnsucht;Heimweh"),
        _t("Wild;Frei;Müde;Blau;Schön;Ewig;Allein;Verrückt;Süß;Größer"),
        _t("Komm zurück;Ich will mehr;Bleib bei mir;Nur noch heute;Alles wird gut;Lass mich los;"
           "Nie wieder;Über den Wolken;Was ist los;Für immer"),
        _t("{n};{p};{p};{n} & {n2};{n} aus {n2};{a} & {a2}"),
        _t("Die Könige;Die Piraten;Die Engel;Die Sterne;Die Geister;Die Wölfe"),
    ),
    "it": Lang(
        "it",
        _t("Amore;Cuore;Notte;Fuoco;Estate;Sogno;Pioggia;Luna;Mare;Cielo;Vita;Bacio;Anima;Sole;"
           "Città;Stella;Canzone;Libertà;Festa;Strada"),
        _t("Dolce;Triste;Felice;Grande;Forte;Speciale;Gentile;Fragile;Ribelle;Blu"),
        _t("Ti amo ancora;Senza di te;Resta con me;Un'altra volta;Non ci penso più;Andiamo via;"
           "Tutto passa;Dimmi di sì;Più di te"),
        _t("{n};{n} {a};{p};{p};{n} di {n2}"),
        _t("I Lupi;I Pirati;Gli Angeli;I Fantasmi"),
    ),
    "sv": Lang(
        "sv",
        _t("Kärlek;Hjärta;Natt;Eld;Sommar;Dröm;Regn;Måne;Hav;Himmel;Liv;Kyss;Själ;Sol;Stad;"
           "Stjärna;Sång;Vinter;Skog;Midsommar"),
        _t("Vild;Blå;Ensam;Söt;Mörk;Ung;Tyst;Vacker;Kall;Fri"),
        _t("Håll om mig;Ikväll;Stanna hos mig;En gång till;Dansa med mig;Kom hem;Aldrig mer;"
           "Hela natten"),
        _t("{n};{a} {n};{p};{p};{n} och {n2}"),
    ),
    "pl": Lang(
        "pl",
        _t("Miłość;Serce;Noc;Ogień;Lato;Sen;Deszcz;Księżyc;Morze;Niebo;Życie;Pocałunek;Dusza;"
           "Słońce;Miasto;Gwiazda;Piosenka;Wolność;Zima;Wiatr"),
        _t("Dziki;Samotny;Wolny;Szalony;Niebieski;Złoty"),
        _t("Nie odchodź;Zostań ze mną;Jeszcze raz;Tańcz ze mną;Wracam do domu;Nigdy więcej;"
           "Cała noc;Kocham cię"),
        _t("{n};{p};{p};{n} i {n2};{a}"),
    ),
    "tr": Lang(
        "tr",
        _t("Aşk;Kalp;Gece;Ateş;Yaz;Rüya;Yağmur;Ay;Deniz;Gökyüzü;Hayat;Öpücük;Ruh;Güneş;Şehir;"
           "Yıldız;Şarkı;Özgürlük;Gözyaşı;Sevda"),
        _t("Kırık;Tatlı;Deli;Yalnız;Karanlık;Genç;Sessiz;Güzel;Soğuk;Mavi"),
        _t("Gitme;Benimle Kal;Bir Daha;Seni Seviyorum;Unutma Beni;Dans Et;Hadi Gel;Yanımda Ol"),
        _t("{n};{a} {n};{p};{p};{n} ve {n2}"),
    ),
    "ru": Lang(
        "ru",
        _t("Любовь;Сердце;Ночь;Огонь;Лето;Сон;Дождь;Луна;Море;Небо;Жизнь;Поцелуй;Душа;Солнце;"
           "Город;Звезда;Песня;Свобода;Зима;Ветер;Весна;Метель"),
        (),
        _t("Не уходи;Останься со мной;Ещё раз;Танцуй со мной;Я люблю тебя;Всё будет хорошо;"
           "Без тебя;Домой;Навсегда;Летим"),
        _t("{n};{p};{p};{n} и {n2}"),
        _t("Северные Волки;Белые Ночи;Ночные Снайперы;Последний Трамвай"),
        latin=False,
    ),
    "uk": Lang(
        "uk",
        _t("Кохання;Серце;Ніч;Вогонь;Літо;Сон;Дощ;Місяць;Море;Небо;Життя;Поцілунок;Душа;Сонце;"
           "Місто;Зоря;Пісня;Воля;Зима;Вітер"),
        (),
        _t("Не йди;Залишся зі мною;Ще раз;Танцюй зі мною;Я тебе кохаю;Все буде добре;Без тебе;"
           "Додому"),
        _t("{n};{p};{p};{n} і {n2}"),
        latin=False,
    ),
    "el": Lang(
        "el",
        _t("Αγάπη;Καρδιά;Νύχτα;Φωτιά;Καλοκαίρι;Όνειρο;Βροχή;Φεγγάρι;Θάλασσα;Ουρανός;Ζωή;Φιλί;"
           "Ψυχή;Ήλιος;Πόλη;Αστέρι;Τραγούδι;Ελευθερία"),
        (),
        _t("Μη φεύγεις;Μείνε μαζί μου;Σ' αγαπώ;Άλλη μια φορά;Χόρεψε μαζί μου;Απόψε"),
        _t("{n};{p};{p};{n} και {n2}"),
        latin=False,
    ),
    "ja": Lang(
        "ja",
        _t("夜|Yoru;恋|Koi;夢|Yume;花火|Hanabi;夏|Natsu;雨|Ame;月|Tsuki;海|Umi;空|Sora;星|Hoshi;"
           "桜|Sakura;心|Kokoro;光|Hikari;風|Kaze;街|Machi;涙|Namida;君|Kimi;青春|Seishun;"
           "東京|Tokyo;未来|Mirai"),
        _t("青い|Aoi;赤い|Akai;優しい|Yasashii;遠い|Tooi;新しい|Atarashii;甘い|Amai;白い|Shiroi;"
           "眠れない|Nemurenai"),
        _t("さよなら|Sayonara;ありがとう|Arigatou;会いたい|Aitai;大丈夫|Daijoubu;ただいま|Tadaima;"
           "もう一度|Mou Ichido;キミに届け|Kimi ni Todoke;ラブソング|Love Song"),
        _t("{n};{a}{n}|{a} {n};{n}の{n2}|{n} no {n2};{p};{p};{n}と{n2}|{n} to {n2}"),
        latin=False,
    ),
    "zh": Lang(
        "zh",
        _t("爱|Ai;心|Xin;夜|Ye;火|Huo;夏天|Xia Tian;梦|Meng;雨|Yu;月亮|Yue Liang;海|Hai;"
           "天空|Tian Kong;生活|Sheng Huo;吻|Wen;灵魂|Ling Hun;太阳|Tai Yang;城市|Cheng Shi;"
           "星星|Xing Xing;歌|Ge;自由|Zi You;青春|Qing Chun;时光|Shi Guang"),
        _t("蓝色|Lan Se;孤独|Gu Du;温柔|Wen Rou;遥远|Yao Yuan;美丽|Mei Li;寂寞|Ji Mo;"
           "疯狂|Feng Kuang;永远|Yong Yuan"),
        _t("我爱你|Wo Ai Ni;不要走|Bu Yao Zou;再见|Zai Jian;想你|Xiang Ni;一起走|Yi Qi Zou;"
           "后来的我们|Hou Lai De Wo Men;晚安|Wan An;说爱你|Shuo Ai Ni"),
        _t("{n};{a}的{n}|{a} De {n};{p};{p};{n}与{n2}|{n} Yu {n2}"),
        latin=False,
    ),
    "ko": Lang(
        "ko",
        _t("사랑|Sarang;마음|Maeum;밤|Bam;불꽃|Bulkkot;여름|Yeoreum;꿈|Kkum;비|Bi;달|Dal;"
           "바다|Bada;하늘|Haneul;별|Byeol;봄|Bom;눈물|Nunmul;노래|Norae;우리|Uri;기억|Gieok;"
           "첫사랑|Cheotsarang"),
        _t("파란|Paran;작은|Jageun;슬픈|Seulpeun;아름다운|Areumdaun;빛나는|Binnaneun;"
           "차가운|Chagaun;달콤한|Dalkomhan;외로운|Oeroun"),
        _t("보고 싶다|Bogo Sipda;사랑해|Saranghae;안녕|Annyeong;괜찮아|Gwaenchana;가지 마|Gaji Ma;"
           "다시 만나|Dasi Manna;좋아해|Joahae"),
        _t("{n};{a} {n};{p};{p};{n}의 {n2}|{n}ui {n2}"),
        latin=False,
    ),
    "ar": Lang(
        "ar",
        _t("حب|Hob;قلب|Alb;ليل|Leil;نار|Nar;صيف|Seif;حلم|Helm;مطر|Matar;قمر|Amar;بحر|Bahr;"
           "سما|Sama;حياة|Hayah;روح|Rouh;شمس|Shams;نجمة|Negma;حبيبي|Habibi;عيون|Oyoun;سهر|Sahar"),
        (),
        _t("يا حبيبي|Ya Habibi;بحبك|Bahebak;ما تروحش|Ma Trohsh;خليك معايا|Khalik Maaya;"
           "تعالى|Taala;وحشتني|Wahashtini;على بالي|Ala Bali;يا ليل|Ya Leil"),
        _t("{n};{p};{p};{n} و{n2}|{n} w {n2}"),
        latin=False,
    ),
    "hi": Lang(
        "hi",
        _t("Dil;Pyaar;Ishq;Raat;Sapna;Baarish;Chaand;Samundar;Aasmaan;Zindagi;Mohabbat;Rooh;"
           "Suraj;Sitara;Gaana;Jaan;Yaad;Safar;Mehfil;Dhadkan"),
        _t("Pehla;Tera;Mera;Deewana;Pagal;Sachcha;Suhana;Bekhabar"),
        _t("Tere Bina Kya;Mujhe Chhod Ke;Aaja Na;Kabhi Kabhi Yun;Saath Chal;Dil Se Dil;Pal Pal;"
           "Tu Hi Tu"),
        _t("{n};{a} {n};{p};{p};{n}-e-{n2}"),
    ),
    "nl": Lang(
        "nl",
        _t("Liefde;Hart;Nacht;Vuur;Zomer;Droom;Regen;Maan;Zee;Hemel;Leven;Kus;Ziel;Zon;Stad;"
           "Ster;Lied;Vrijheid"),
        _t("Wild;Blauw;Eenzaam;Zoet;Donker;Jong;Stil;Mooi"),
        _t("Blijf bij mij;Vanavond;Nog één keer;Dans met mij;Kom naar huis;Nooit meer"),
        _t("{n};{p};{p};{n} en {n2}"),
    ),
    "fi": Lang(
        "fi",
        _t("Rakkaus;Sydän;Yö;Tuli;Kesä;Uni;Sade;Kuu;Meri;Taivas;Elämä;Suudelma;Sielu;Aurinko;"
           "Kaupunki;Tähti;Laulu;Vapaus"),
        _t("Villi;Sininen;Yksinäinen;Makea;Pimeä;Nuori;Hiljainen;Kaunis"),
        _t("Jää luokseni;Tänä yönä;Vielä kerran;Tanssi kanssani;Tule kotiin;Ei koskaan"),
        _t("{n};{a} {n};{p};{p};{n} ja {n2}"),
    ),
    "vi": Lang(
        "vi",
        _t("Tình Yêu;Trái Tim;Đêm;Lửa;Mùa Hè;Giấc Mơ;Mưa;Trăng;Biển;Bầu Trời;Cuộc Sống;Nụ Hôn;"
           "Linh Hồn;Mặt Trời;Thành Phố;Ngôi Sao;Bài Hát;Tự Do"),
        _t("Xanh;Cô Đơn;Ngọt Ngào;Buồn;Đẹp;Lạnh"),
        _t("Đừng Đi;Ở Lại Với Anh;Một Lần Nữa;Anh Yêu Em;Về Nhà;Mãi Mãi"),
        _t("{n};{n} {a};{p};{p};{n} Và {n2}"),
    ),
    "id": Lang(
        "id",
        _t("Cinta;Hati;Malam;Api;Musim Panas;Mimpi;Hujan;Bulan;Laut;Langit;Hidup;Ciuman;Jiwa;"
           "Matahari;Kota;Bintang;Lagu;Rindu"),
        _t("Biru;Sepi;Manis;Gelap;Muda;Indah;Dingin;Liar"),
        _t("Jangan Pergi;Tetap Di Sini;Sekali Lagi;Aku Cinta Kamu;Pulang;Selamanya"),
        _t("{n};{n} {a};{p};{p};{n} dan {n2}"),
    ),
}

# Hanzi simplified -> traditional for the characters used above (zh_TW titles).
TRADITIONAL = str.maketrans({
    "爱": "愛", "梦": "夢", "时": "時", "蓝": "藍", "独": "獨", "丽": "麗", "疯": "瘋", "远": "遠",
    "说": "說", "见": "見", "后": "後", "灵": "靈", "阳": "陽", "遥": "遙", "温": "溫", "与": "與",
    "们": "們",
})


@dataclass(frozen=True)
class Locale:
    """Where a synthetic artist comes from: names, language, market, genre mix."""

    code: str
    lang: str
    market: str
    weight: float
    genres: tuple[tuple[str, float], ...]
    english_titles: float = 0.1  # share of songs titled in English anyway


def _g(s: str) -> tuple[tuple[str, float], ...]:
    out = []
    for part in s.split(";"):
        name, w = part.rsplit(":", 1)
        out.append((name.strip(), float(w)))
    return tuple(out)


LOCALES: tuple[Locale, ...] = (
    Locale("en_US", "en", "US", 18, _g(
        "pop:6;hip-hop:5;rap:2;trap:2;r&b:3;rock:3;indie:2;country:3;alternative:2;edm:1;"
        "metal:1;pop punk:1;folk:1;soul:1;jazz:0.5;blues:0.5;gospel:0.5;lo-fi:1;house:0.5"), 0),
    Locale("en_GB", "en", "GB", 6, _g(
        "pop:4;indie rock:3;rock:2;britpop:1;drill:1;electronic:2;house:1;dance pop:1;"
        "singer-songwriter:1;new wave:0.5;drum and bass:1"), 0),
    Locale("es_MX", "es", "MX", 6, _g(
        "regional mexican:3;corridos:3;norteño:2;ranchera:1;latin pop:3;reggaeton:2;"
        "rock en español:2;cumbia:2"), 0.05),
    Locale("es_ES", "es", "ES", 4, _g(
        "latin pop:3;reggaeton:2;flamenco:2;indie:2;rock en español:1;latin trap:1"), 0.05),
    Locale("pt_BR", "pt", "BR", 6, _g(
        "sertanejo:4;funk carioca:3;mpb:2;bossa nova:1;latin pop:1;pop:1"), 0.05),
    Locale("fr_FR", "fr", "FR", 4, _g(
        "chanson:2;pop:2;rap:3;french house:1;electronic:1;afrobeats:1"), 0.1),
    Locale("de_DE", "de", "DE", 4, _g(
        "schlager:3;rap:2;techno:2;rock:1;pop:2;metal:1;electronic:1"), 0.2),
    Locale("it_IT", "it", "IT", 3, _g("pop:3;rap:1;rock:1;classical:1;dance pop:1"), 0.1),
    Locale("sv_SE", "sv", "SE", 2, _g("pop:3;europop:1;house:1;metal:1;indie:1"), 0.6),
    Locale("pl_PL", "pl", "PL", 2, _g("pop:2;rap:2;rock:1;dance pop:1"), 0.1),
    Locale("tr_TR", "tr", "TR", 3, _g("turkish pop:4;anatolian rock:1;turkish folk:1;rap:1"), 0.05),
    Locale("ru_RU", "ru", "RU", 4, _g("estrada:2;russian rock:3;rap:2;pop:2;electropop:1"), 0.1),
    Locale("uk_UA", "uk", "UA", 2, _g("pop:2;rock:1;rap:1;folk:1"), 0.1),
    Locale("el_GR", "el", "GR", 2, _g("laïko:3;éntekhno:1;pop:2"), 0.05),
    Locale("ja_JP", "ja", "JP", 6,
           _g("j-pop:5;j-rock:2;city pop:1;soundtrack:1;electropop:1"), 0.2),
    Locale("zh_CN", "zh", "CN", 4, _g("mandopop:4;c-pop:2;folk:1;rock:1"), 0.05),
    Locale("zh_TW", "zh", "TW", 2, _g("mandopop:3;c-pop:1;cantopop:1"), 0.05),
    Locale("ko_KR", "ko", "KR", 6, _g("k-pop:6;r&b:1;hip-hop:1;pop:1"), 0.45),
    Locale("ar_AA", "ar", "EG", 3, _g("arabic pop:4;arabic classical:1;raï:1"), 0.05),
    Locale("hi_IN", "hi", "IN", 4, _g("bollywood:5;punjabi:2;qawwali:1;hip-hop:1"), 0.1),
    Locale("nl_NL", "nl", "NL", 1, _g("edm:2;house:1;pop:1"), 0.6),
    Locale("fi_FI", "fi", "FI", 1, _g("metal:2;pop:1;rock:1"), 0.3),
    Locale("vi_VN", "vi", "VN", 2, _g("v-pop:4;r&b:1"), 0.05),
    Locale("id_ID", "id", "ID", 2, _g("pop:3;rock:1"), 0.1),
)

#: Countries a release may also be available in, beyond its home market.
WORLD_MARKETS: tuple[str, ...] = (
    "AR", "AT", "AU", "BE", "BR", "CA", "CH", "CL", "CO", "DE", "DK", "EG", "ES", "FI", "FR",
    "GB", "GR", "ID", "IE", "IN", "IT", "JP", "KR", "MX", "NL", "NO", "NZ", "PH", "PL", "PT",
    "RU", "SA", "SE", "SG", "TR", "TW", "UA", "US", "VN", "ZA",
)

CITIES: tuple[str, ...] = _t(
    "Tokyo;London;Paris;Berlin;Madrid;Mexico City;São Paulo;Buenos Aires;Seoul;Istanbul;"
    "Moscow;Kyiv;Athens;Cairo;Mumbai;Lagos;New York;Los Angeles;Chicago;Nashville;Havana;"
    "Rio de Janeiro;Montréal;Stockholm;Reykjavík;Kraków;Milano;Napoli;Osaka;Shanghai;Taipei;"
    "Hong Kong;Hanoi;Jakarta;Amsterdam;Helsinki;Lisboa;Medellín;San Juan;Kingston")

# Playlists: (name, description) templates per language. Slots: {genre} {Genre}
# {mood} {act} {decade} {city}.
PLAYLISTS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("Rainy day acoustic covers", "Soft acoustic covers for grey afternoons and a cup of tea."),
        ("Upbeat 80s synth for running", "Fast synth-pop from the 1980s to keep your pace up."),
        ("{mood} {Genre}", "{mood} {genre} picked for you. Updated every Friday."),
        ("{Genre} for {act}", "The best {genre} for {act_l}."),
        ("{decade} {Genre} Hits", "All the {decade} {genre} you know by heart."),
        ("{Genre} Essentials", "The {genre} songs everyone should know."),
        ("{city} Nights", "The sound of {city} after dark: {genre} and more."),
        ("Late night drive", "Empty roads, neon lights, {genre} on the radio."),
        ("Sunday morning coffee", "Slow {genre} for a slow start."),
        ("Deep focus", "Instrumental {genre} to help you concentrate."),
        ("Songs to sing in the car", "Loud, happy singalongs. Windows down."),
        ("{mood} {act} mix", "A {mood_l} mix of {genre} for {act_l}."),
        ("Heartbreak {Genre}", "For when it hurts: {genre} about love lost."),
        ("Summer {Genre} {year}", "The {genre} of summer {year}."),
    ),
    "es": (
        ("Música para estudiar", "Canciones tranquilas para concentrarte."),
        ("Música para {act_es}", "Lo mejor del {genre} para {act_es}."),
        ("Éxitos {genre} de los {decade}", "Los clásicos de los {decade} que todos cantamos."),
        ("{Genre} en español", "El mejor {genre} en español, actualizado cada semana."),
        ("Noche de {genre}", "{Genre} para bailar toda la noche."),
        ("Baladas para llorar", "Baladas de desamor para un día gris."),
        ("Lo mejor del {genre}", "Las canciones de {genre} que no pueden faltar."),
    ),
    "pt": (
        ("Músicas para {act_pt}", "As melhores de {genre} para {act_pt}."),
        ("Sextou!", "{Genre} para começar o fim de semana."),
        ("Top {Genre} Brasil", "Os maiores sucessos de {genre} no Brasil."),
        ("Clássicos dos anos {decade_n}", "O melhor de {genre} dos anos {decade_n}."),
    ),
    "fr": (
        ("Musique pour {act_fr}", "Le meilleur de la {genre} pour {act_fr}."),
        ("Chansons françaises des années {decade_n}", "Les classiques des années {decade_n}."),
        ("Soirée {genre}", "De la {genre} pour danser toute la nuit."),
    ),
    "de": (
        ("Musik zum {act_de}", "Die besten {genre}-Songs zum {act_de}."),
        ("{Genre} Party", "Die größten {genre}-Hits für deine Party."),
        ("{Genre} der {decade_n}er", "Die {genre}-Klassiker der {decade_n}er Jahre."),
    ),
    "it": (
        ("Musica per {act_it}", "Il meglio del {genre} per {act_it}."),
        ("Estate italiana", "Tormentoni e {genre} per l'estate."),
    ),
    "ja": (
        ("作業用BGM", "集中したいときの{genre}。"),
        ("{genre}ベスト", "{genre}の名曲を集めました。"),
        ("眠れない夜に", "眠れない夜に聴きたい{genre}。"),
        ("ドライブ用プレイリスト", "ドライブにぴったりの{genre}。"),
    ),
    "ko": (
        ("공부할 때 듣는 노래", "집중할 때 듣기 좋은 {genre}."),
        ("비 오는 날 감성", "비 오는 날 듣기 좋은 {genre}."),
        ("새벽 감성", "새벽에 듣는 {genre}."),
        ("{genre} 명곡", "꼭 들어야 할 {genre} 명곡."),
    ),
    "zh": (
        ("学习专用", "适合学习的{genre}。"),
        ("深夜{genre}", "深夜一个人听的{genre}。"),
        ("下雨天听的歌", "下雨天的{genre}精选。"),
        ("经典华语老歌", "那些年我们一起听过的歌。"),
    ),
    "ru": (
        ("Музыка для {act_ru}", "Лучший {genre} для {act_ru}."),
        ("Хиты 90-х", "Главные хиты девяностых."),
        ("Русский рок: лучшее", "Классика русского рока."),
    ),
    "tr": (
        ("{act_tr} için müzik", "{act_tr} için en iyi {genre}."),
        ("90'lar Türkçe Pop", "Doksanların unutulmaz şarkıları."),
    ),
    "ar": (
        ("أجمل أغاني الحب", "أجمل أغاني {genre} الرومانسية."),
        ("طرب أصيل", "روائع الطرب العربي."),
    ),
    "hi": (
        ("Bollywood Romance", "Romantic Bollywood songs for every mood."),
        ("Punjabi Party", "Bhangra and Punjabi hits to get the party started."),
        ("{decade} Bollywood Hits", "The best Bollywood songs of the {decade}."),
        ("Sufi Nights", "Qawwali and Sufi songs for a quiet night."),
    ),
}
PLAYLIST_LANG_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("en", 45), ("es", 14), ("pt", 7), ("fr", 5), ("de", 5), ("it", 2), ("ja", 5), ("ko", 4),
    ("zh", 3), ("ru", 3), ("tr", 2), ("ar", 2), ("hi", 3),
)
MOODS: tuple[str, ...] = _t(
    "Chill;Happy;Sad;Upbeat;Mellow;Dreamy;Dark;Romantic;Energetic;Feel-Good;Late Night;Cozy")
ACTIVITIES: tuple[str, ...] = _t(
    "Running;Studying;Sleeping;Cooking;Working Out;Road Trips;Focus;Dinner;Parties;Gaming;"
    "Reading;Yoga")
ACT_ES = _t("estudiar;dormir;correr;cocinar;el gimnasio;concentrarse;la fiesta;viajar")
ACT_PT = _t("estudar;dormir;correr;relaxar;treinar;viajar")
ACT_FR = _t("travailler;dormir;courir;se détendre;cuisiner")
ACT_DE = _t("Lernen;Einschlafen;Laufen;Kochen;Entspannen")
ACT_IT = _t("studiare;dormire;correre;rilassarsi")
ACT_RU = _t("учёбы;сна;бега;работы")
ACT_TR = _t("Çalışmak;Uyumak;Koşu;Yolculuk")
DECADES: tuple[str, ...] = _t("60s;70s;80s;90s;2000s;2010s")

# Podcasts: show name and episode templates per language.
PODCAST_TOPICS: dict[str, tuple[str, ...]] = {
    "en": _t("Music History;True Crime;Football;Technology;Cooking;Comedy;News;Science;Film;"
             "Hip-Hop;Jazz;Startups;Mental Health;History;Language Learning"),
    "es": _t("Historia de la Música;Fútbol;Crimen Real;Tecnología;Cocina;Humor;Noticias;Cine"),
    "pt": _t("História da Música;Futebol;Tecnologia;Humor;Notícias;Cinema"),
    "de": _t("Musikgeschichte;Fußball;Technik;Wissenschaft;Nachrichten;Geschichte"),
    "fr": _t("Histoire de la musique;Football;Sciences;Cinéma;Actualités"),
    "ja": _t("音楽史|Ongakushi;映画|Eiga;ニュース|Nyusu;お笑い|Owarai"),
}
SHOWS: dict[str, tuple[str, ...]] = {
    "en": _t("The {Topic} Podcast;{host} & {host2} Talk {Topic};{Topic} Weekly;{Topic} Daily;"
             "Inside {Topic};Behind the {Noun};The {Adj} {Noun} Show;{Topic} Explained"),
    "es": _t("{Topic} en Español;El Podcast de {Topic};{Topic} con {host};Charlas de {Topic}"),
    "pt": _t("Podcast {Topic};{Topic} com {host};Papo de {Topic}"),
    "de": _t("Der {Topic}-Podcast;{Topic} mit {host};{Topic} kompakt"),
    "fr": _t("Le podcast {Topic};{Topic} avec {host};Parlons {Topic}"),
    "ja": _t("{Topic}ラジオ;{host}の{Topic}ナイト"),
}
EPISODES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("Ep. {k}: The Story of {artist}", "{host} tells the story of {artist}, from first gig "
         "to world tour."),
        ("#{k} Why {genre} took over the world", "How {genre} went from local scene to global "
         "charts, with {guest}."),
        ("{year}: the year that changed {genre}", "{host} and {guest} look back at {year}."),
        ("Interview with {guest}", "{guest} joins {host} to talk about {topic_l}."),
        ("Top 10 {genre} albums of the {decade}", "Our ranking of the best {genre} records of "
         "the {decade}. Do you agree?"),
        ("Live from {city}", "Recorded in front of an audience in {city}."),
        ("{topic}: Part {p}", "Part {p} of our series on {topic_l}."),
    ),
    "es": (
        ("Ep. {k}: La historia de {artist}", "{host} cuenta la historia de {artist}."),
        ("Entrevista con {guest}", "{guest} habla con {host} sobre {topic_l}."),
        ("Los mejores discos de {genre}", "Nuestro ranking de {genre}."),
        ("En vivo desde {city}", "Grabado en directo en {city}."),
    ),
    "pt": (
        ("Ep. {k}: A história de {artist}", "{host} conta a história de {artist}."),
        ("Entrevista com {guest}", "{guest} conversa com {host} sobre {topic_l}."),
    ),
    "de": (
        ("Folge {k}: Die Geschichte von {artist}", "{host} erzählt die Geschichte von {artist}."),
        ("Im Gespräch mit {guest}", "{guest} spricht mit {host} über {topic_l}."),
    ),
    "fr": (
        ("Épisode {k} : l'histoire de {artist}", "{host} raconte l'histoire de {artist}."),
        ("Rencontre avec {guest}", "{guest} parle de {topic_l} avec {host}."),
    ),
    "ja": (
        ("第{k}回 {artist}の物語", "{host}が{artist}の歩みを語ります。"),
        ("ゲスト：{guest}", "{guest}をゲストに迎えて{topic}について語ります。"),
    ),
}
EPISODE_LANG_WEIGHTS: tuple[tuple[str, str, float], ...] = (
    ("en", "en_US", 55), ("es", "es_MX", 15), ("pt", "pt_BR", 8), ("de", "de_DE", 8),
    ("fr", "fr_FR", 7), ("ja", "ja_JP", 7),
)
