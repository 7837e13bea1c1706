"""Which themes a free-text comment speaks of, by the stems of its words.

Pure Python, no Odoo: the theme model compiles its keywords into a
``ThemeTagger`` and the answers, the recompute button and the benchmark call
``tag()``. Nothing here reads the database.

Terms (one per line in a theme's keywords of a language):

* ``salary``: a word, matched by its Snowball stem in the comment's language,
  so that "salary" and "salaries", "lønn", "lønna" and "lønnen" are one term;
* ``lønn*``: a word prefix, matched on the word as written or on its stem, for
  the compounds of Norwegian ("lønnsnivå", "lønnsøkning");
* ``*lønn``: a word suffix, for compounds that end in the term ("grunnlønn");
* ``pay rise``: a phrase, its words (each one of the forms above) in a row.

The negation rule, kept short on purpose. A negation alone does not cancel a
theme: "not enough recognition", "no training", "never any feedback" speak of
recognition, training and feedback, whose absence is the complaint. What
cancels is a negated problem: a negation word ("no", "never", "ikke",
"ingen"...) followed, at most three words later, by a problem word
("problem", "issue", "complaint", "utsette", "klage"...). Terms from four
words before the negation up to six words after the problem word are then not
counted: "no problem with my manager", "my manager was never an issue",
"ingenting å utsette på lønna". The span stops at the end of the clause (a
punctuation mark, or "but"/"men"), so "no problems with the team, but the pay
was too low" still counts the pay.
"""
import re

import snowballstemmer

# Per language of the taxonomy: its Snowball stemmer, the words that negate,
# the (stems of the) words that name a problem, the conjunctions that end a
# clause and a few frequent words, which tell the language of a comment whose
# writer's language is not one of these.
LANGUAGES = {
    'en_US': {
        'stemmer': 'english',
        'negators': {'no', 'not', 'never', 'nothing', 'none', 'without', 'nobody', 'hardly',
                     'neither', 'nor'},
        'problems': {'problem', 'issu', 'complaint', 'complain', 'troubl', 'concern', 'wrong',
                     'bad', 'fault', 'negat', 'critic', 'worri', 'grievanc', 'conflict'},
        'boundaries': {'but', 'however', 'although', 'though', 'yet', 'whereas'},
        'common': {'the', 'and', 'was', 'were', 'with', 'my', 'is', 'of', 'to', 'it', 'that',
                   'for', 'have', 'had', 'not', 'too', 'very', 'we'},
    },
    'nb_NO': {
        'stemmer': 'norwegian',
        'negators': {'ikke', 'ikkje', 'ingen', 'intet', 'ingenting', 'aldri', 'uten', 'verken',
                     'hverken', 'ingenlunde'},
        'problems': {'problem', 'problemer', 'klag', 'klage', 'utsett', 'utsette', 'negativ',
                     'feil', 'vansk', 'plag', 'kritikk', 'dårlig', 'bekymring', 'trøbbel', 'konflikt'},
        'boundaries': {'men', 'selv', 'derimot', 'likevel', 'mens'},
        'common': {'og', 'var', 'det', 'jeg', 'med', 'er', 'på', 'til', 'som', 'en', 'av',
                   'ikke', 'for', 'har', 'hadde', 'meg', 'vi', 'litt', 'mye'},
    },
}
DEFAULT_LANGUAGE = 'en_US'
NEGATION_REACH = 4      # words after the negation where the problem word may stand
SPAN_BEFORE = 4         # words before the negation that the negated problem covers
SPAN_AFTER = 6          # words after the problem word that it covers
# Words (letters, inner apostrophes: "didn't") and the marks that end a clause.
TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|[.,;:!?()\n\u2013\u2014]")
# The words of a term, split as the comment's words are ("one-on-one" is
# three words), each with its * if it has one.
TERM_WORD = re.compile(r"\*?[^\W\d_]+(?:['\u2019][^\W\d_]+)*\*?")
BOUNDARY_MARKS = set('.,;:!?()\n\u2013\u2014')


def language_of(lang):
    """The taxonomy language for a user language code (``nb_NO``, ``nn_NO``,
    ``en_GB``...), or None when the taxonomy has none for it."""
    if not lang:
        return None
    if lang in LANGUAGES:
        return lang
    prefix = lang.split('_')[0].lower()
    if prefix in ('nb', 'nn', 'no'):
        return 'nb_NO'
    if prefix == 'en':
        return 'en_US'
    return None


def detect_language(text):
    """The taxonomy language whose frequent words the text uses most (the
    default one on a tie): for a comment whose writer's language is unknown."""
    words = TOKEN.findall((text or '').lower())
    best, best_score = DEFAULT_LANGUAGE, 0
    for lang, spec in sorted(LANGUAGES.items()):
        score = sum(1 for word in words if word in spec['common'])
        if score > best_score:
            best, best_score = lang, score
    return best


def parse_terms(terms):
    """The terms of a keyword text, one per line; blank lines and lines
    starting with # are left out."""
    result = []
    for line in (terms or '').splitlines():
        line = ' '.join(line.strip().lower().split())
        if line and not line.startswith('#'):
            result.append(line)
    return result


class _Language(object):
    """The compiled terms of one language."""

    def __init__(self, lang):
        spec = LANGUAGES[lang]
        self.stemmer = snowballstemmer.stemmer(spec['stemmer'])
        self.negators = spec['negators']
        self.problems = spec['problems']
        self.boundaries = spec['boundaries']
        self.exact = {}      # stem -> [(theme, rest of the phrase)]
        self.prefixes = {}   # prefix -> [(theme, rest)]
        self.suffixes = {}   # suffix -> [(theme, rest)]
        self.lengths = set()
        self.words = {}      # word -> (stem, [(theme, rest)]): the per-word cache

    def stem(self, word):
        return self.stemmer.stemWord(word)

    def pattern(self, word):
        """A word of a term as ``(kind, text)``: kind is '=', '^' or '$'."""
        if len(word) > 1 and word.endswith('*') and not word.startswith('*'):
            return '^', word[:-1]
        if len(word) > 1 and word.startswith('*') and not word.endswith('*'):
            return '$', word[1:]
        word = word.strip('*')
        return '=', self.stem(word)

    def add(self, theme, term):
        words = [self.pattern(word) for word in TERM_WORD.findall(term)]
        if not words:
            return
        (kind, text), rest = words[0], tuple(words[1:])
        table = {'=': self.exact, '^': self.prefixes, '$': self.suffixes}[kind]
        table.setdefault(text, []).append((theme, rest))
        if kind != '=':
            self.lengths.add(len(text))

    def lookup(self, word):
        """``(stem, [(theme, rest of the phrase)])`` of the terms whose first
        word matches ``word``; cached, a comment's words being mostly known."""
        cached = self.words.get(word)
        if cached is not None:
            return cached
        stem = self.stem(word)
        starts = list(self.exact.get(stem, ()))
        for length in self.lengths:
            for form in set((word, stem)):
                if len(form) >= length:
                    starts.extend(self.prefixes.get(form[:length], ()))
                    starts.extend(self.suffixes.get(form[-length:], ()))
        result = (stem, starts)
        if len(self.words) < 500000:
            self.words[word] = result
        return result

    @staticmethod
    def matches(pattern, word, stem):
        kind, text = pattern
        if kind == '=':
            return stem == text
        if kind == '^':
            return word.startswith(text) or stem.startswith(text)
        return word.endswith(text) or stem.endswith(text)


class ThemeTagger(object):
    """Tags comments with the themes whose terms they contain.

    :param keywords: iterable of ``(theme, lang, terms)``, ``terms`` a text
        of one term per line; ``theme`` is any hashable (the theme's id).
    """

    def __init__(self, keywords):
        self.languages = {}
        for theme, lang, terms in keywords:
            if lang not in LANGUAGES:
                continue
            language = self.languages.get(lang)
            if language is None:
                language = self.languages[lang] = _Language(lang)
            for term in parse_terms(terms):
                language.add(theme, term)

    def tag(self, text, lang):
        """The set of themes of ``text`` written in ``lang`` (a taxonomy
        language; another one is told from the text)."""
        if not text:
            return set()
        lang = language_of(lang) or detect_language(text)
        language = self.languages.get(lang)
        if language is None:
            return set()
        words = TOKEN.findall(text.lower())
        entries = [None if word in BOUNDARY_MARKS or word in language.boundaries
                   else language.lookup(word) for word in words]
        cleared = self._cleared(language, words, entries)
        themes = set()
        for index, entry in enumerate(entries):
            if entry is None or not entry[1] or index in cleared:
                continue
            for theme, rest in entry[1]:
                if theme not in themes and self._rest_matches(language, words, entries,
                                                              index + 1, rest):
                    themes.add(theme)
        return themes

    @staticmethod
    def _rest_matches(language, words, entries, start, rest):
        if start + len(rest) > len(words):
            return False
        for offset, pattern in enumerate(rest):
            entry = entries[start + offset]
            if entry is None or not language.matches(pattern, words[start + offset], entry[0]):
                return False
        return True

    @staticmethod
    def _cleared(language, words, entries):
        """Positions covered by a negated problem (see the module docstring)."""
        cleared = set()
        for index, word in enumerate(words):
            if word not in language.negators and not word.endswith("n't") \
                    and not word.endswith("n\u2019t"):
                continue
            for step in range(1, NEGATION_REACH + 1):
                position = index + step
                if position >= len(words) or entries[position] is None:
                    break
                if entries[position][0] in language.problems or words[position] in \
                        language.problems:
                    first = index
                    while first > 0 and index - first < SPAN_BEFORE \
                            and entries[first - 1] is not None:
                        first -= 1
                    last = position
                    while last + 1 < len(words) and last - position < SPAN_AFTER \
                            and entries[last + 1] is not None:
                        last += 1
                    cleared.update(range(first, last + 1))
                    break
        return cleared
