"""Words that one period uses more than another: the weighted log-odds ratio
with an informative Dirichlet prior of Monroe, Colaresi and Quinn ("Fightin'
Words", Political Analysis 16(4), 2008, section 3.5).

For a word w with counts y1 (this period, n1 words in all) and y0 (the
previous one, n0), and a prior of a_w pseudo-counts (a0 over all words):

    delta_w = log((y1 + a_w) / (n1 + a0 - y1 - a_w))
              - log((y0 + a_w) / (n0 + a0 - y0 - a_w))
    var_w   ~ 1 / (y1 + a_w) + 1 / (y0 + a_w)
    z_w     = delta_w / sqrt(var_w)

The prior is informative: it follows how often the word is used over both
periods together, scaled: a_w = PRIOR_SCALE * (y1 + y0), so a0 = PRIOR_SCALE *
(n1 + n0). It shrinks rare words towards no difference, which a plain
log-odds ratio would rank first.
"""
import math

PRIOR_SCALE = 0.5


def weighted_log_odds(now, before, totals=None, prior_scale=PRIOR_SCALE):
    """``{word: (delta, z)}`` for the words of ``now`` and ``before``
    (``{word: count}`` each); a positive z means more used now. ``totals``
    are the counts of all words of each period ``(n1, n0)`` when ``now`` and
    ``before`` hold only the words of interest."""
    n1, n0 = totals or (sum(now.values()), sum(before.values()))
    alpha0 = prior_scale * (n1 + n0)
    result = {}
    if not n1 or not n0:
        return result
    for word in set(now) | set(before):
        y1, y0 = now.get(word, 0), before.get(word, 0)
        alpha = prior_scale * (y1 + y0)
        rest1, rest0 = n1 + alpha0 - y1 - alpha, n0 + alpha0 - y0 - alpha
        if not alpha or rest1 <= 0 or rest0 <= 0:
            continue  # no word, or the only one: nothing to compare it with
        delta = math.log((y1 + alpha) / rest1) - math.log((y0 + alpha) / rest0)
        variance = 1.0 / (y1 + alpha) + 1.0 / (y0 + alpha)
        result[word] = (delta, delta / math.sqrt(variance))
    return result
