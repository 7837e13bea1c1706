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

How the comparison stays cheap: a set is only compared with the sets whose
size differs by less than N, that share one of its N smallest interviews
(two sets that differ by fewer than N interviews always do, see
``DifferenceGuard.close``) and whose first interviews do not already differ
by N (``head_difference``). The history is read once per result: the number,
digest and first ids of the sets of the window, then the members of the few
stored sets that pass those tests. A result of ``read_group`` brings its own
sets the same way (``LazySet``): their members are read only when a
comparison, a merged row or a new stored set needs them.

The members of a set are interview ids, for the analysis of answers too:
a set of (interview, area) pairs would tell the areas of one call apart, but
a figure that reads one area only (an average rating over all areas, where
the recommendation adds no rating) would then escape the comparison with
the same area read alone.
"""
import bisect
import threading
import time
from datetime import datetime, timedelta

from odoo import fields

from .hr_exit_shown_set import digest_of

# Smallest interview ids kept per set: HEAD_SIZE, or N when N is higher
# (``DifferenceGuard.head_size``).
HEAD_SIZE = 20


# The index of a user's history, per database, user, analysis and threshold:
# (signature of the stored sets, built at, index, stored, their digests). It
# is rebuilt when the signature changes (a set stored, marked again or
# pruned) and at least every HISTORY_SECONDS (a set leaving the window by
# its age is then dropped; until then it is still compared, which only
# hides more).
_HISTORY = {}
_HISTORY_LOCK = threading.Lock()
HISTORY_SECONDS = 300
HISTORY_ENTRIES = 64


class LazySet(object):
    """Sorted interview ids known by their number and first ids (and,
    for a group of a query, their digest): the ids themselves are read by
    ``load`` (for every set of the same query at once) only when they are
    used, the digest computed only when it is asked for.

    It behaves as the sorted list of its members: ``len``, iteration,
    indexing, and a leading slice within the first ids, which costs nothing."""

    __slots__ = ('size', 'known_digest', 'head', 'load', 'values')

    def __init__(self, size, digest, head, load):
        self.size, self.known_digest, self.head, self.load = size, digest, head or [], load
        self.values = None

    @property
    def digest(self):
        if self.known_digest is None and self.size:
            self.known_digest = digest_of(self.members)
        return self.known_digest

    def __len__(self):
        return self.size

    def __bool__(self):
        return self.size > 0

    __nonzero__ = __bool__

    @property
    def members(self):
        if self.values is None:
            self.load()
        return self.values

    def __iter__(self):
        return iter(self.members)

    def __getitem__(self, index):
        if isinstance(index, slice) and not index.start and index.step is None \
                and index.stop is not None and index.stop >= 0 \
                and (index.stop <= len(self.head) or len(self.head) == self.size):
            return self.head[:index.stop]
        return self.members[index]


class DifferenceGuard(object):
    """The check of the figures of one result, for one user and one analysis.

    ``kind`` names the analysis whose sets are compared: figures of
    different analyses (exits, ratings per area) are not subtracted from
    one another."""

    def __init__(self, env, kind, threshold):
        self.shown_sets = env['hr.exit.shown.set'].sudo()
        self.user = env.user
        self.kind, self.threshold = kind, threshold
        # first interviews kept of a set: at least N (see ``close``)
        self.head_size = max(HEAD_SIZE, threshold)
        # interview id -> [(ref, size, digest, first interviews)]: the sets of
        # the history, and those shown by this result, by their first interviews
        self.history = {}
        self.by_head = {}
        self.history_candidates = {}  # id() of a set -> its candidates of the history
        self.members = {}     # ref -> sorted members; None: a stored set not read yet
        self.known = {}       # digest -> sorted members, of the sets of this result
        self.digests = {}     # id(members) -> (members, digest)
        self.history_read = False
        self.stored_digests = {}  # ref -> digest, of the stored sets
        self.prefetched = set()   # id() of the sets whose candidates were read
        self.kept = []            # ... and the sets themselves
        self.stored = {}      # digest -> (id, shown at) of the stored sets
        self.to_remember = {}

    def digest(self, members, cheap=False):
        """The digest of a list of members, computed once per list (a
        ``LazySet`` brings its own, or computes it when asked). With
        ``cheap``: None rather than reading the members of a ``LazySet``."""
        if isinstance(members, LazySet):
            return members.known_digest if cheap else members.digest
        entry = self.digests.get(id(members))
        if entry is None:
            entry = self.digests[id(members)] = (members, digest_of(members))
        return entry[1]

    @staticmethod
    def difference(members, others):
        """Interviews in one of two sets and not in the other."""
        return len(set(members).symmetric_difference(others))

    def prefetch(self, member_lists):
        """Read the history once (the number, digest and first ids of every
        set of the window, bounded by the window), then in one query the
        members of the stored sets that may be close to one of these sets
        (none is read twice; the members of a stored set equal to a set of
        this result are not read at all)."""
        new = [members for members in member_lists
               if members and id(members) not in self.prefetched]
        for members in new:
            self.prefetched.add(id(members))
            self.kept.append(members)  # no other list gets its id
            digest = self.digest(members, cheap=True)
            if digest:
                self.known.setdefault(digest, members)
        if not self.history_read:
            self.history_read = True
            self._read_history()
        for members in new:
            self.history_candidates[id(members)] = self._candidates(members, [self.history])
        self._read_stored(set(ref for members in new
                              for ref in self.history_candidates[id(members)]))

    def _read_history(self):
        """Index the sets of the window by their first interviews; the index
        is kept in the process (see ``_HISTORY``) while the user's stored
        sets are unchanged, so that the pivot's next request only checks."""
        key = (self.shown_sets.env.cr.dbname, self.user.id, self.kind, self.threshold)
        signature = self.shown_sets._history_signature(self.user, self.kind)
        cached = _HISTORY.get(key)
        if cached is None or cached[0] != signature or cached[1] < time.time() - HISTORY_SECONDS:
            cached = (signature, time.time()) + self._build_history()
            with _HISTORY_LOCK:  # the threads of one server share it
                _HISTORY.pop(key, None)
                while len(_HISTORY) >= HISTORY_ENTRIES:
                    _HISTORY.pop(next(iter(_HISTORY)))
                _HISTORY[key] = cached
        self.history, self.stored, self.stored_digests = cached[2:]

    def _build_history(self):
        """``(index, {digest: (id, shown at)}, {ref: digest})`` of the sets
        of the window."""
        short, index, stored, digests = {}, {}, {}, {}
        for row_id, size, digest, head, shown_at in self.shown_sets._fetch_heads(
                self.user, self.kind):
            # the same set as one of this result: its members are not read
            # again, but it is history all the same (a set close to it is
            # told apart from it, shown again or not)
            ref = ('stored', row_id)
            stored[digest], digests[ref] = (row_id, shown_at), digest
            if len(head) < min(size, self.head_size):
                short[ref] = (size, digest)  # kept when N was lower
            else:
                self._index(index, ref, size, digest, head)
        for row_id, members in self.shown_sets._fetch_members(
                self.user, [ref[1] for ref in short]):
            size, digest = short[('stored', row_id)]
            self._index(index, ('stored', row_id), size, digest, members[:self.head_size])
        return index, stored, digests

    def _read_stored(self, refs):
        """Read the members of the stored sets of ``refs`` not known yet."""
        ids = []
        for ref in refs:
            if ref[0] == 'stored' and self.members.get(ref) is None:
                self.members[ref] = self.known.get(self.stored_digests[ref])
                if self.members[ref] is None:
                    ids.append(ref[1])
        for row_id, members in self.shown_sets._fetch_members(self.user, ids):
            self.members[('stored', row_id)] = members

    def _index(self, index, ref, size, digest, head):
        """Index a set by its first N interviews; ``head`` holds its first
        ``HEAD_SIZE`` (or more) interviews, for ``head_difference``. Each
        set is indexed once: the history when it is read, a sibling in its
        own index, a set of the result once per digest."""
        entry = (ref, size, digest, head)
        for interview in head[:self.threshold]:
            index.setdefault(interview, []).append(entry)

    def _candidates(self, members, indexes):
        """The sets of ``indexes`` (the history, the sets of this result so
        far, siblings: indexes by the first N interviews) that may differ
        from ``members`` by 1 to N-1 interviews: of a size within N-1,
        sharing one of its first N interviews, whose first interviews do not
        already differ by N or more, not the same set (the digest is asked
        for last: that of a union costs its members)."""
        size = len(members)
        if size < self.threshold:
            return []
        head, digest = members[:self.head_size], self.digest(members, cheap=True)
        candidates, seen = [], set()
        for interview in head[:self.threshold]:
            for index in indexes:
                for ref, other_size, other_digest, other_head in index.get(interview, ()):
                    if ref in seen or other_digest == digest \
                            or abs(other_size - size) >= self.threshold:
                        continue
                    seen.add(ref)
                    if head_difference(head, other_head) < self.threshold \
                            and other_digest != self.digest(members):
                        candidates.append(ref)
        return candidates

    def close(self, members, siblings=None):
        """Whether sorted ``members`` differ by 1 to N-1 interviews from a
        set of the history, one shown earlier in this result, or one of
        ``siblings`` (an index like ``by_head``).

        Two sets S and T that differ by at most N-1 interviews share an
        interview x among the N smallest of each: take x the smallest of
        S's N first interviews that is in T (one is, as at most N-1 of them
        are missing from T); every interview of T below x is missing from S
        and every interview of S below x from T, at most N-1 in all."""
        if len(members) < self.threshold:
            return False  # the threshold hides it anyway
        if id(members) not in self.prefetched:
            self.prefetch([members])
        candidates = self.history_candidates[id(members)] + self._candidates(
            members, [self.by_head, siblings or {}])
        self._read_stored(candidates)
        return any(0 < self.difference(members, self.members[ref]) < self.threshold
                   for ref in candidates)

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
                self._index(siblings, ref, len(members), self.digest(members),
                            members[:self.head_size])
        return blocked

    def check(self, members, remember=True):
        """One figure about to be shown: False when it must be hidden;
        otherwise it is remembered as shown, unless ``remember`` is False
        (the caller may still hide it for another reason and remembers it
        once it is sure: a set never shown must not hide a later one)."""
        if self.close(members):
            return False
        if remember:
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
            self.to_remember[digest] = members
            if len(members) >= self.threshold:
                ref = ('result', len(self.members))
                self.members[ref] = members
                self._index(self.by_head, ref, len(members), digest,
                            members[:self.head_size])

    def save(self):
        """Store the sets shown; those stored already are only marked as
        shown again (their members are not sent twice; not at all when
        marked within the hour). Nothing new, no query."""
        new = [(digest, len(members), list(members[:self.head_size]), members)
               for digest, members in self.to_remember.items() if digest not in self.stored]
        hour_ago = fields.Datetime.to_string(datetime.utcnow() - timedelta(hours=1))
        again = [self.stored[digest][0] for digest in self.to_remember
                 if digest in self.stored and self.stored[digest][1] <= hour_ago]
        self.to_remember = {}
        if new or again:
            self.shown_sets._remember(self.user, self.kind, new, again)


def head_difference(head, other_head):
    """A lower bound of the interviews in one of two sets and not in the
    other, from their first interviews only: up to the smaller of their last
    first interviews, both sets are known entirely."""
    if not head or not other_head:
        return 0
    limit = min(head[-1], other_head[-1])
    return len(set(head[:bisect.bisect_right(head, limit)]).symmetric_difference(
        other_head[:bisect.bisect_right(other_head, limit)]))


def union(member_lists, disjoint=False, head_size=HEAD_SIZE):
    """The sorted members of several sets together. With ``disjoint`` (no
    interview in two of the sets) and a ``LazySet`` among them, a
    ``LazySet`` whose number and first ``head_size`` ids come from theirs:
    the members of the parts are read only if its own are."""
    member_lists = list(member_lists)
    if not (disjoint and any(isinstance(members, LazySet) for members in member_lists)):
        return sorted(set().union(*member_lists))
    head = set()
    for members in member_lists:
        # the first ids of a union are among the first ids of its parts
        head.update(members[:head_size])
    result = LazySet(sum(len(members) for members in member_lists), None,
                     sorted(head)[:head_size], None)

    def load():
        result.values = sorted(set().union(*member_lists))
    result.load = load
    return result
