"""The complement rule of the exit analyses: no figure may be told apart by
subtraction from a figure the same user has already been shown.

The anonymity threshold hides every group of fewer than N interviews. Two
groups that are each large enough but differ by 1 to N-1 interviews would
still describe those few people by difference ("department X" and
"department X except job Y"; a period and the same period plus one month).
So, for a user who is not an exit HR officer, each set of interviews behind
a figure is compared with the sets behind the figures this user has been
shown within the window (``hr.exit.shown.set``), and with the sets shown
before it in the same result: when the two differ by 1 to N-1 interviews the
new figure is hidden like a small group. Identical sets (the same report
printed twice) differ by 0 and are shown.

How the comparison stays cheap: a set is only compared with the stored sets
whose size differs by less than N and whose first interview ids meet its own
(two sets that differ by fewer than N interviews always share one of their N
smallest interviews, see ``DifferenceGuard.close``); the stored members are
read only for those few.

The members of a set are interview ids, for the analysis of answers too:
a set of (interview, area) pairs would tell the areas of one call apart, but
a figure that reads one area only (an average rating over all areas, where
the recommendation adds no rating) would then escape the comparison with
the same area read alone.
"""
from .hr_exit_shown_set import digest_of

# Smallest interview ids kept per stored set: enough for thresholds up to 20.
HEAD_SIZE = 20


class DifferenceGuard(object):
    """The check of the figures of one result, for one user and one analysis.

    ``kind`` names the analysis whose sets are compared: figures of
    different analyses (exits, ratings per area) are not subtracted from
    one another."""

    def __init__(self, env, kind, threshold):
        self.shown_sets = env['hr.exit.shown.set'].sudo()
        self.user = env.user
        self.kind, self.threshold = kind, threshold
        self.by_head = {}     # interview id -> [(ref, size, digest)] of history
        self.members = {}     # ref -> sorted members (history, read on demand)
        self.asked = set()    # interview ids whose history was fetched
        self.indexed = set()  # refs of the history in by_head
        self.to_remember = {}

    @staticmethod
    def difference(members, others):
        """Interviews in one of two sets and not in the other."""
        return len(set(members).symmetric_difference(others))

    def prefetch(self, member_lists):
        """Fetch, in one query, the stored sets that may be close to any of
        these sets."""
        wanted = set()
        for members in member_lists:
            wanted.update(members[:self.threshold])
        wanted -= self.asked
        self.asked |= wanted
        for row_id, size, digest, head in self.shown_sets._fetch_heads(
                self.user, self.kind, wanted):
            ref = ('stored', row_id)
            if ref in self.indexed:
                continue
            self.indexed.add(ref)
            for interview in head[:self.threshold]:
                self.by_head.setdefault(interview, []).append((ref, size, digest))

    def close(self, members, index=None):
        """Whether ``members`` differ by 1 to N-1 interviews from a set of
        the history (or of ``index``, sets of the same result).

        Two sets S and T that differ by at most N-1 interviews share an
        interview x among the N smallest of each: take x the smallest of
        S's N first interviews that is in T (one is, as at most N-1 of them
        are missing from T); every interview of T below x is missing from S
        and every interview of S below x from T, at most N-1 in all."""
        interviews = members
        size = len(interviews)
        if size < self.threshold:
            return False  # the threshold hides it anyway
        digest = digest_of(members)
        compared = set()
        for interview in interviews[:self.threshold]:
            for source in (self.by_head, index or {}):
                for ref, other_size, other_digest in source.get(interview, ()):
                    if ref in compared or other_digest == digest \
                            or abs(other_size - size) >= self.threshold:
                        continue
                    compared.add(ref)
                    if 0 < self.difference(members, self._members(ref)) < self.threshold:
                        return True
        return False

    def _members(self, ref):
        if ref not in self.members:
            self.members.update((('stored', row_id), members or []) for row_id, members in
                                self.shown_sets._fetch_members([ref[1]]).items())
        return self.members[ref]

    def blocked(self, groups):
        """Keys of ``groups`` (``[(key, sorted members)]``, in the order
        they are shown) whose set is close to one seen before or to an
        earlier group of the list."""
        self.prefetch([members for _key, members in groups])
        index, blocked = {}, set()
        for number, (key, members) in enumerate(groups):
            if self.close(members, index):
                blocked.add(key)
                continue
            interviews = members
            if len(interviews) >= self.threshold:
                ref = ('result', number)
                self.members[ref] = members
                for interview in interviews[:self.threshold]:
                    index.setdefault(interview, []).append(
                        (ref, len(interviews), digest_of(members)))
        return blocked

    def remember(self, member_lists):
        """Sets shown to the user: stored by ``save``."""
        for members in member_lists:
            interviews = members
            if interviews:
                self.to_remember[digest_of(members)] = (
                    len(interviews), interviews[:max(HEAD_SIZE, self.threshold)], members)

    def save(self):
        self.shown_sets._remember(self.user, self.kind, list(self.to_remember.values()))
        self.to_remember = {}


def union(member_lists):
    """The sorted members of several sets together."""
    result = set()
    for members in member_lists:
        result.update(members)
    return sorted(result)
