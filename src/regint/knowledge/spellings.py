"""Other spellings of the region's places, states and leaders, so that a search finds them all.

Central Asian names reach English through Russian, through the states' own Latin alphabets and
through older romanisations, and some places were renamed. Each group below lists one-word
spellings of the same name; the first is the form the knowledge base uses. Search folds every
word of a query and of a record to that form, so ``Ashkhabad`` finds Ashgabat and
``Krasnovodsk`` finds Turkmenbashi. Names of two words (Nur-Sultan, Alma-Ata) are searched as
written. Sources: the BGN/PCGN romanisation tables and the renamings recorded in the
knowledge base's own events (for example ``ev_201903_renaming``).

>>> canonical("Ashkhabad")
'ashgabat'
>>> canonical("tokaev")
'tokayev'
>>> canonical("Kazan")
'kazan'
"""

from __future__ import annotations

SPELLINGS: tuple[tuple[str, ...], ...] = (
    # capitals and cities, with their Soviet-era names
    ("ashgabat", "ashkhabad", "ashgabad", "ashabad", "askhabad", "poltoratsk"),
    ("bishkek", "frunze", "pishpek"),
    ("astana", "akmola", "aqmola", "akmolinsk", "tselinograd"),
    ("dushanbe", "stalinabad"),
    ("tashkent", "toshkent"),
    ("turkmenbashi", "turkmenbashy", "krasnovodsk"),
    ("khujand", "khodjent", "khojand", "khodzhent", "leninabad"),
    ("samarkand", "samarqand"),
    ("bukhara", "buxoro", "bokhara"),
    ("fergana", "ferghana"),
    ("almaty", "almaata"),
    ("rogun", "roghun"),
    # states
    ("kazakhstan", "kazakstan", "qazaqstan"),
    ("kyrgyzstan", "kirghizia", "kirgizia", "kyrgyzia", "kirghizstan"),
    ("tajikistan", "tadjikistan", "tadzhikistan"),
    ("turkmenistan", "turkmenia"),
    ("uzbekistan", "uzbekiston", "ozbekiston"),
    # heads of state
    ("nazarbayev", "nazarbaev"),
    ("tokayev", "tokaev"),
    ("mirziyoyev", "mirziyoev"),
    ("rahmon", "rakhmon"),
    ("rahmonov", "rakhmonov"),
    ("berdimuhamedov", "berdymukhamedov", "berdimuhamedow", "berdymuhamedov"),
    ("atambayev", "atambaev"),
    ("jeenbekov", "zheenbekov"),
    ("japarov", "zhaparov"),
    ("bakiyev", "bakiev"),
    ("akayev", "akaev"),
)

_CANONICAL: dict[str, str] = {variant: group[0] for group in SPELLINGS for variant in group[1:]}


def canonical(word: str) -> str:
    """The knowledge base's spelling of ``word`` (lower case), or ``word`` lower-cased."""
    lowered = word.lower()
    return _CANONICAL.get(lowered, lowered)
