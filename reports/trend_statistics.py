"""The statistics of the trend report: the change tests and the control of
the false discovery rate over all the tests of one report.

A report tests one change per reason and one per area. At 95 % each test
flags a change that is not there one time in twenty: with ten tests about
40 % of the reports would show at least one false "Rising" or "Falling"
(1 - 0.95 ** 10). The p-values of the tests of one report are therefore
adjusted together (Benjamini-Hochberg), and a change is flagged when its
adjusted p-value is below FDR_LEVEL: of the changes flagged, no more than
5 % are expected to be false, however many tests the report runs.
"""
import math

from .welch import incomplete_beta

FDR_LEVEL = 0.05
Z_95 = 1.959964  # two-sided 95 %, for a single test
MIN_EXPECTED = 5  # normal approximation of the two-proportion test
MIN_SAMPLE = 5  # interviews per period before two averages are compared


def two_proportion_z(count1, total1, count0, total0):
    """z statistic of the difference between count1/total1 and count0/total0
    (pooled two-proportion test), or None when the numbers are too small for
    the test to mean anything: an empty period, or fewer than 5 expected
    cases or non-cases in either period."""
    if not total1 or not total0:
        return None
    pooled = float(count1 + count0) / (total1 + total0)
    expected = (total1 * pooled, total1 * (1 - pooled), total0 * pooled, total0 * (1 - pooled))
    if min(expected) < MIN_EXPECTED:
        return None
    error = math.sqrt(pooled * (1 - pooled) * (1.0 / total1 + 1.0 / total0))
    return (float(count1) / total1 - float(count0) / total0) / error


def normal_p_value(z):
    """Two-sided p-value of a standard normal statistic."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def welch_t(sample1, sample0):
    """(t, degrees of freedom) of Welch's test of two means, each sample
    given as (n, sum, sum of squares); None when a sample is smaller than
    MIN_SAMPLE or both have no spread (nothing to test)."""
    moments = []
    for count, total, squares in (sample1, sample0):
        if count < MIN_SAMPLE:
            return None
        mean = float(total) / count
        variance = max(float(squares) - count * mean * mean, 0.0) / (count - 1)
        moments.append((count, mean, variance / count))
    (_n1, mean1, error1), (_n0, mean0, error0) = moments
    if error1 + error0 <= 0:
        return None
    freedom = (error1 + error0) ** 2 / sum(
        error ** 2 / (count - 1) for count, _mean, error in moments if error)
    return (mean1 - mean0) / math.sqrt(error1 + error0), freedom


def t_p_value(t, freedom):
    """Two-sided p-value of Student's t with ``freedom`` degrees of freedom:
    the regularized incomplete beta function I_x(df/2, 1/2), x = df/(df+t^2)."""
    return incomplete_beta(freedom / 2.0, 0.5, freedom / (freedom + t * t))


def benjamini_hochberg(p_values):
    """Adjusted p-values (Benjamini-Hochberg step-up), in the order given:
    the i-th smallest of m p-values becomes min over j >= i of p_(j) * m / j,
    at most 1. A test is significant at FDR q when its adjusted p <= q."""
    count = len(p_values)
    order = sorted(range(count), key=lambda index: p_values[index])
    adjusted = [None] * count
    smallest = 1.0
    for rank in range(count, 0, -1):
        index = order[rank - 1]
        smallest = min(smallest, p_values[index] * count / rank)
        adjusted[index] = smallest
    return adjusted
