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
        # interview id -> [(ref, size, digest)]: the sets of the history and
        # of this result, by their first interviews
        self.by_head = {}
        self.members = {}     # ref -> sorted members
        self.known = {}       # digest -> sorted members, of the sets of this result
        self.digests = {}     # id(members) -> (members, digest)
        self.asked = set()    # interview ids whose history was fetched
        self.stored = {}      # digest -> id of the stored sets fetched
        self.fresh = set()    # ... of those marked shown within the hour
        self.indexed = set()  # (id of an index, ref) already indexed
        self.to_remember = {}

    def digest(self, members):
        """The digest of a list of members, computed once per list."""
        entry = self.digests.get(id(members))
        if entry is None:
            entry = self.digests[id(members)] = (members, digest_of(members))
        return entry[1]

    @staticmethod
    def difference(members, others):
        """Interviews in one of two sets and not in the other."""
        return len(set(members).symmetric_difference(others))

    def prefetch(self, member_lists):
        """Fetch, in one query, the stored sets that may be close to any of
        these sets (none is fetched twice; the members of a stored set equal
        to one of these are not read)."""
        wanted = set()
        for members in member_lists:
            wanted.update(members[:self.threshold])
            self.known.setdefault(self.digest(members), members)
        wanted -= self.asked
        self.asked |= wanted
        for row_id, size, digest, head, members, fresh in self.shown_sets._fetch_heads(
                self.user, self.kind, wanted, list(self.known)):
            self.stored[digest] = row_id
            if fresh:
                self.fresh.add(digest)
            if members is None:
                # the set of a group of this result: compared with the
                # others by the threshold's own rules, not indexed
                continue
            ref = ('stored', row_id)
            self.members[ref] = members
            self._index(self.by_head, ref, size, digest, head)

    def _index(self, index, ref, size, digest, head):
        if (id(index), ref) in self.indexed:
            return
        self.indexed.add((id(index), ref))
        for interview in head[:self.threshold]:
            index.setdefault(interview, []).append((ref, size, digest))

    def close(self, members, siblings=None):
        """Whether sorted ``members`` differ by 1 to N-1 interviews from a
        set of the history, one shown earlier in this result, or one of
        ``siblings`` (an index like ``by_head``).

        Two sets S and T that differ by at most N-1 interviews share an
        interview x among the N smallest of each: take x the smallest of
        S's N first interviews that is in T (one is, as at most N-1 of them
        are missing from T); every interview of T below x is missing from S
        and every interview of S below x from T, at most N-1 in all."""
        size = len(members)
        if size < self.threshold:
            return False  # the threshold hides it anyway
        head = members[:self.threshold]
        if not self.asked.issuperset(head):
            self.prefetch([members])
        digest = self.digest(members)
        compared = set()
        for interview in head:
            for index in (self.by_head, siblings or {}):
                for ref, other_size, other_digest in index.get(interview, ()):
                    if ref in compared or other_digest == digest \
                            or abs(other_size - size) >= self.threshold:
                        continue
                    compared.add(ref)
                    if 0 < self.difference(members, self.members[ref]) < self.threshold:
                        return True
        return False

    def blocked(self, groups):
        """Keys of ``groups`` (``[(key, sorted members)]``, siblings in the
        order they are shown) whose set is close to one seen before, shown
        earlier in this result, or of an earlier sibling not blocked: two
        areas answered by nearly the same people are told apart the same
        way the first time and the next."""
        self.prefetch([members for _key, members in groups])
        siblings, blocked = {}, set()
        for number, (key, members) in enumerate(groups):
            if self.close(members, siblings):
                blocked.add(key)
            elif len(members) >= self.threshold:
                ref = ('sibling', number)
                self.members[ref] = members
                self._index(siblings, ref, len(members), self.digest(members), members)
        return blocked

    def check(self, members):
        """One figure about to be shown: False when it must be hidden;
        otherwise it is remembered as shown."""
        if self.close(members):
            return False
        self.remember([members])
        return True

    def remember(self, member_lists):
        """Sets shown to the user: the later sets of this result are
        compared with them, and ``save`` stores them."""
        for members in member_lists:
            if not members:
                continue
            digest = self.digest(members)
            if digest in self.to_remember:
                continue
            self.to_remember[digest] = (
                len(members), members[:max(HEAD_SIZE, self.threshold)], members)
            if len(members) >= self.threshold:
                ref = ('result', len(self.members))
                self.members[ref] = members
                self._index(self.by_head, ref, len(members), digest, members)

    def save(self):
        """Store the sets shown; those stored already are only marked as
        shown again (their members are not sent twice; not at all when
        marked within the hour)."""
        again = [self.stored[digest] for digest in self.to_remember
                 if digest in self.stored and digest not in self.fresh]
        self.shown_sets._remember(self.user, self.kind, [
            value for digest, value in self.to_remember.items() if digest not in self.stored],
            again)
        self.to_remember = {}


def union(member_lists):
    """The sorted members of several sets together."""
    result = set()
    for members in member_lists:
        result.update(members)
    return sorted(result)
