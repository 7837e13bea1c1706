"""The anonymity threshold of the exit interview analyses.

Exit interviews are only honest when nobody can trace an answer back to the
person who gave it. The analysis models therefore never show a figure built
from fewer than N interviews (the company's ``exit_anonymity_threshold``) to a
user who is not an exit interview Officer. The rule is enforced inside
``read_group`` itself, so a pivot, a graph, an export of grouped data or any
RPC client all see the same suppressed figures.

What a user who is not an Officer gets:

* Primary suppression: a group of 1 to N-1 interviews is not returned. For the
  answer analysis the count is the number of distinct interviews, not rows.
* Secondary suppression: the total of a grouping (the ungrouped call that every
  pivot makes, or the parent row or column of a cell) is published too, so
  "total minus the groups shown" must not single out a small group. In each
  such line, when the hidden part holds 1 to N-1 interviews, the smallest
  groups still shown are hidden as well until the hidden part reaches N.
* The notice: in a grouping by one field, the hidden groups come back as one
  row labelled "Hidden: groups of fewer than N interviews", which holds the
  figures of all of them together; that row exists only when it reaches N
  itself, which secondary suppression guarantees unless the whole result is
  below N. Cells of a grouping by several fields are simply left out (the
  row and column headers carry the notice). An ungrouped call on fewer than N
  interviews answers with a count of 0 and no figures.
* Consistency: a cell is shown only when the row and column headers it belongs
  to (every split of its group-by fields into a leading and a trailing part)
  are shown in their own calls, so that the web client's pivot never meets a
  cell without its header, and a header total cannot be used to recompute a
  hidden cell.
* Rows one by one: ``read``, ``search`` and every other way to a row's values
  (``name_get``, export, ``search_count``, ``name_search``) are refused,
  because a single row is a single interview; a domain on ``id``, and a
  grouping by ``id``, are refused for the same reason. No result carries a row
  id, and the merged row's ``__domain`` names only the groups that are shown
  (the request minus those groups), never a hidden one.
* The threshold: see ``_anonymity_threshold``, the one place that says which
  company's threshold applies.

Differencing (the complement rule, see ``difference_guard``): two filters
that differ by only a few people ("department X" and "department X except
job Y") are each large enough, but their difference concerns those few. So
a group is also hidden when its interviews differ by 1 to N-1 from a set the
same user was shown in the window (or earlier in the same result), or when
removing one condition of the filter would change it by 1 to N-1; a merged
row, or a part hidden from a published total, must pass the same rule. The
figures computed elsewhere (reports) call ``_exit_difference_guard``.

Officers (and the superuser) see every group: they can read the individual
interviews anyway.
"""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import DEFAULT_SERVER_DATE_FORMAT, DEFAULT_SERVER_DATETIME_FORMAT, OrderedSet, \
    pycompat

from ..models.res_company import MIN_ANONYMITY_THRESHOLD
from ..models.visible_rows import visible_rows_sql
from .difference_guard import HEAD_SIZE, DifferenceGuard, LazySet, union
from .hr_exit_shown_set import DIGEST_SQL

OFFICER_GROUP = 'hr_exit_interview.group_exit_officer'


def suppress_small_groups(counts, threshold, lines, candidates=None, residue_ok=None):
    """Return the set of keys of ``counts`` that may be shown.

    :param counts: ``{key: number of interviews}``
    :param threshold: the smallest number of interviews a figure may describe
    :param lines: ``(keys, additive)`` pairs: groups whose total is published
        elsewhere (their parent group). In each line, the hidden part must end
        up empty or reach the threshold. ``additive`` is True when an
        interview belongs to one group of the line only, so that the hidden
        part is the sum of its groups; otherwise the largest hidden group is
        used as a safe lower bound of the hidden part.
    :param candidates: optional set of keys allowed to be shown at all
    :param residue_ok: optional function of the hidden keys of a line, False
        when their interviews together must not be computable either (the
        complement rule: too close to a result already seen); then the
        smallest groups still shown are hidden as well
    A group of 0 interviews says nothing about anyone and stays visible.
    """
    visible = set(key for key, number in counts.items()
                  if (number == 0 or number >= threshold)
                  and (candidates is None or key in candidates))
    # smallest first, and always in the same order for the same data
    lines = [(sorted(keys, key=lambda key: (counts[key], repr(key))), additive)
             for keys, additive in lines]
    changed = True
    while changed:
        changed = False
        for keys, additive in lines:
            hidden = [key for key in keys if key not in visible]
            residue = hidden_part([counts[key] for key in hidden], additive)
            for key in keys:
                if not (0 < residue < threshold or residue and residue_ok is not None
                        and not residue_ok(hidden)):
                    break
                if key in visible and counts[key]:
                    visible.discard(key)
                    hidden.append(key)
                    changed = True
                    residue = hidden_part([residue, counts[key]], additive)
    return visible


def hidden_part(numbers, additive):
    """Interviews in the union of groups of these sizes (a lower bound when
    the groups may share interviews)."""
    if not numbers:
        return 0
    return sum(numbers) if additive else max(numbers)


class HrExitAnonymityMixin(models.AbstractModel):
    """Applies the anonymity threshold to ``read_group`` of an analysis model
    and closes the other ways to individual rows; see the module docstring."""

    _name = 'hr.exit.anonymity.mixin'
    _description = 'Exit Analysis Anonymity Threshold'

    # Column of the model's table that names the interview a row belongs to.
    _anonymity_interview_column = 'id'
    # Fields whose value can differ between rows of the same interview (the
    # area of an answer...): along them, groups may share interviews.
    _anonymity_row_fields = ()

    @api.model
    def _anonymity_applies(self):
        return self.env.uid != SUPERUSER_ID and not self.env.user.has_group(OFFICER_GROUP)

    @api.model
    def _anonymity_threshold(self, companies=None):
        """The one anonymity threshold of every analysis (pivot, graph, trend
        report): the strictest ``exit_anonymity_threshold`` of the companies
        whose data the figures may contain, never below the minimum.

        Those companies are the ones the user's record rules reach (the
        current company and its children), narrowed to ``companies`` when the
        request fixes them (the trend report's company, a pivot filtered on
        the company). The threshold never depends on the data found: if it
        did, whether a stricter company's interview matches a filter would
        show through the figures that a lower threshold lets out.
        """
        Company = self.env['res.company'].sudo()
        reach = Company.search([('id', 'child_of', [self.env.user.company_id.id])])
        shown = reach & Company.browse(companies.ids) if companies is not None else reach
        return max([MIN_ANONYMITY_THRESHOLD]
                   + (shown or reach).mapped('exit_anonymity_threshold'))

    @api.model
    def _anonymity_domain_companies(self, domain):
        """The companies a domain restricts the rows to, when it is a plain
        conjunction with ``company_id`` terms (what a pivot filtered on the
        company sends); None when it does not say."""
        terms = expression.normalize_domain(domain or [])
        if any(term in (expression.OR_OPERATOR, expression.NOT_OPERATOR) for term in terms):
            return None
        ids = None
        for term in terms:
            if not expression.is_leaf(term) or expression.is_operator(term) \
                    or term[0] != 'company_id' or term[1] not in ('=', 'in'):
                continue
            values = term[2] if isinstance(term[2], (list, tuple)) else [term[2]]
            if not all(isinstance(value, int) and not isinstance(value, bool)
                       for value in values):
                continue
            ids = set(values) if ids is None else ids & set(values)
        return None if ids is None else self.env['res.company'].browse(sorted(ids))

    def _anonymity_refuse_rows(self):
        if self._anonymity_applies():
            raise AccessError(_('The exit interview analysis shows grouped figures only: use '
                                'the pivot or graph view. Individual rows are reserved to HR '
                                'officers.'))

    @api.multi
    def read(self, fields=None, load='_classic_read'):
        self._anonymity_refuse_rows()
        return super(HrExitAnonymityMixin, self).read(fields=fields, load=load)

    @api.multi
    def _read_from_database(self, field_names, inherited_field_names=None):
        # Every read of a row's values ends here (name_get, export, a field
        # of a browsed record), not only read().
        self._anonymity_refuse_rows()
        return super(HrExitAnonymityMixin, self)._read_from_database(
            field_names, inherited_field_names or [])

    @api.multi
    def exists(self):
        # which ids are rows says which interviews have a departure, which
        # answers were answered
        self._anonymity_refuse_rows()
        return super(HrExitAnonymityMixin, self).exists()

    @api.multi
    def get_metadata(self):
        self._anonymity_refuse_rows()
        return super(HrExitAnonymityMixin, self).get_metadata()

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        self._anonymity_refuse_rows()
        return super(HrExitAnonymityMixin, self)._search(
            args, offset=offset, limit=limit, order=order, count=count,
            access_rights_uid=access_rights_uid)

    @api.model
    def _anonymity_check_request(self, domain, groupby):
        """Refuse what could only point at a row: a grouping by ``id`` or by
        what is no column (for everyone: a clear message rather than a
        database error), a filter on ``id`` (for whom the threshold applies)."""
        for level in groupby:
            field = self._fields.get(level.split(':')[0].strip())
            if field is None or field.name == 'id' or not (field.store and field.column_type):
                raise UserError(_('The exit interview analysis cannot be grouped by "%s": '
                                  'choose a departure fact, a period or a score.') % level)
        if not self._anonymity_applies():
            return
        for leaf in domain or []:
            if expression.is_leaf(leaf) and not expression.is_operator(leaf) \
                    and str(leaf[0]).split('.')[0] == 'id':
                raise AccessError(_('The exit interview analysis cannot be filtered on '
                                    'individual rows.'))

    @api.model
    def _read_group_raw(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                        lazy=True):
        groupby = [groupby] if isinstance(groupby, pycompat.string_types) \
            else list(OrderedSet(groupby or []))
        self._anonymity_check_request(domain, groupby)
        result = super(HrExitAnonymityMixin, self)._read_group_raw(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        for group in result:
            # the smallest row id of the group, which Odoo keeps when ungrouped
            group.pop('id', None)
        if not self._anonymity_applies():
            return result
        levels = groupby[:1] if lazy else groupby
        threshold = self._anonymity_threshold(self._anonymity_domain_companies(domain))
        sets = self._anonymity_counts(domain or [], levels, members=True,
                                      head_size=max(HEAD_SIZE, threshold))
        counts = dict((piece, dict((key, value[0]) for key, value in cells.items()))
                      for piece, cells in sets.items())
        guard = self._difference_guard_new(threshold)
        blocked, removals = self._difference_blocked(guard, domain or [], levels, sets,
                                                     threshold)
        full = (0, len(levels))
        members = dict((key, value[1]) for key, value in sets[full].items())
        if not levels:
            size = counts[full].get((), 0)
            if size < threshold or () in blocked[full]:
                for group in result:
                    for name in group:
                        group[name] = 0 if name == '__count' else False
                    group['__anonymity_hidden'] = True
                    group['__anonymity_reason'] = 'threshold' if size < threshold \
                        else 'difference'
            else:
                guard.remember(list(members.values()))
            guard.save()
            return result
        residues = {}
        additive = self._anonymity_additive(levels)
        hidden_set = self._difference_hidden_set(sets, levels, additive, guard)

        def residue_ok(keys):
            """The hidden groups together are no figure to hide either."""
            keys = frozenset(keys)
            if keys not in residues:
                residues[keys] = not any(
                    0 < hidden_part([removed.get(key, 0) for key in keys], additive) < threshold
                    for removed in removals) \
                    and not guard.close(hidden_set(keys))
            return residues[keys]

        visible = self._anonymity_visible(counts, levels, threshold, blocked, residue_ok)
        shown, hidden = [], []
        for group, key in zip(result, self._anonymity_group_keys(result, levels)):
            if key in visible:
                shown.append(group)
                guard.remember([members[key]])
            else:
                hidden.append(group)
        if hidden and len(levels) == 1 and not limit:
            hidden_keys = set(counts[full]) - visible
            if hidden_part([counts[full][key] for key in hidden_keys],
                           self._anonymity_additive(levels)) >= threshold \
                    and residue_ok(hidden_keys):
                reasons = set('threshold' if counts[full][key] < threshold else 'difference'
                              for key in hidden_keys
                              if key in blocked[full] or counts[full][key] < threshold)
                shown.append(self._anonymity_merged_group(domain, fields, groupby, lazy, shown,
                                                          len(hidden), threshold, reasons))
                guard.remember([hidden_set(hidden_keys)])
        guard.save()
        return shown

    @api.model
    def _anonymity_merged_group(self, domain, fields, groupby, lazy, shown, hidden, threshold,
                                reasons=('threshold',)):
        """One group with the figures of all the hidden groups together.

        Its domain is the request minus the groups shown: it selects exactly
        the hidden groups, and names none of them. Its label says why they
        are hidden: ``reasons`` holds 'threshold' (small groups) and/or
        'difference' (too close to a result already seen)."""
        merged_domain = expression.normalize_domain(domain or [])
        if shown:
            merged_domain = expression.AND([merged_domain, [expression.NOT_OPERATOR] + (
                expression.OR([expression.normalize_domain(group['__domain'])
                               for group in shown]))])
        totals = super(HrExitAnonymityMixin, self)._read_group_raw(
            merged_domain, fields, [], lazy=False)[0]
        level = groupby[0]
        fname = level.split(':')[0]
        if 'difference' not in reasons:
            label = _('Hidden: groups of fewer than %d interviews') % threshold
        elif 'threshold' in reasons:
            label = _('Hidden: groups of fewer than %d interviews, or too close to a result you '
                      'have already seen') % threshold
        else:
            label = _('Hidden: too close to a result you have already seen')
        merged = dict((name, value) for name, value in totals.items()
                      if name not in ('id', '__count'))
        if self._fields[fname].type in ('many2one', 'date', 'datetime'):
            merged[level] = (False, label)
        else:
            merged[level] = label
        if lazy and not self.env.context.get('group_by_no_leaf'):
            merged[fname + '_count'] = totals['__count']
        else:
            merged['__count'] = totals['__count']
        merged['__domain'] = merged_domain
        if lazy and len(groupby) > 1:
            merged['__context'] = {'group_by': groupby[1:]}
        merged['__anonymity_hidden'] = hidden
        return merged

    @api.model
    def _anonymity_group_keys(self, groups, levels):
        """The key of each group of a raw read_group result: its values of
        ``levels``, as ``_anonymity_counts`` returns them."""
        types = [self._fields[level.split(':')[0]].type for level in levels]

        def raw(value, ftype):
            if not value:
                return False
            if ftype == 'many2one':
                return value[0]
            if ftype in ('date', 'datetime'):
                return value[0].split('/')[0]  # ('first day/next first day', label)
            return value

        return [tuple(raw(group[level], ftype) for level, ftype in zip(levels, types))
                for group in groups]

    @api.model
    def _anonymity_counts(self, domain, levels, members=False, exclude=None,
                          head_size=HEAD_SIZE):
        """Distinct interviews per group of every contiguous slice of
        ``levels``, in one query: ``{(i, j): {key: count}}`` where the key
        holds the values of ``levels[i:j]``; ``(0, 0)`` is the total.

        With ``members``, each value is ``(count, LazySet)``: the group's
        sorted interview ids, of which the query brings only the digest and
        the first ``head_size``; the others are read in one more query, for
        every group at once, when something needs them (see
        ``difference_guard``). With ``exclude`` (a domain), only the rows of
        interviews that have no row in ``exclude`` count: the interviews a
        filter removed."""
        rows, params = visible_rows_sql(self, domain)
        if exclude is not None:
            excluded, excluded_params = visible_rows_sql(self, exclude)
            member = self._difference_member_sql()
            rows += ' AND %s NOT IN (SELECT %s %s)' % (member, member, excluded)
            params = params + excluded_params
        # the expressions of the grouping, as read_group writes them
        annotated = [self._read_group_process_groupby(level, self._where_calc([]))
                     for level in levels]
        exprs = [gb['qualified_field'] for gb in annotated]
        size = len(exprs)
        if self._anonymity_interview_column == 'id':
            count = 'COUNT(*)'
        else:
            count = 'COUNT(DISTINCT "%s"."%s")' % (self._table, self._anonymity_interview_column)
        # one row per interview: no DISTINCT to sort out
        ids = 'array_agg(%s%s ORDER BY %s)' % (
            '' if self._anonymity_interview_column == 'id' else 'DISTINCT ',
            self._difference_member_sql(), self._difference_member_sql())
        slices = [(i, j) for i in range(size) for j in range(i + 1, size + 1)]
        # GROUPING() sets the bit of every argument left out of the grouping
        # set, the first argument being the most significant bit.
        masks = dict((sum(1 << (size - 1 - n) for n in range(size) if not i <= n < j), (i, j))
                     for i, j in slices + [(0, 0)])

        def query(figures):
            """``[((i, j), key, figures...)]`` of every group."""
            if exprs:
                select = ', '.join(exprs + ['GROUPING(%s)' % ', '.join(exprs), figures])
                grouping = ' GROUP BY GROUPING SETS (%s)' % ', '.join(
                    ['()'] + ['(%s)' % ', '.join(exprs[i:j]) for i, j in slices])
            else:
                select, grouping = '0, %s' % figures, ''
            self.env.cr.execute('SELECT %s %s%s' % (select, rows, grouping), params)
            for row in self.env.cr.fetchall():
                i, j = masks[row[size]]
                key = tuple(self._anonymity_sql_key(row[n], annotated[n]['type'])
                            for n in range(i, j))
                yield ((i, j), key) + tuple(row[size + 1:])

        counts = dict((piece, {}) for piece in masks.values())
        if not members:
            for piece, key, number in query(count):
                counts[piece][key] = number
            return counts

        def load():
            """The members of every group, for the LazySets of this result."""
            # the total of no row at all: array_agg gives NULL, not an empty list
            for piece, key, ids_of_group in query(ids):
                counts[piece][key][1].values = ids_of_group or []

        for piece, key, number, digest, head in query(', '.join([
                count, DIGEST_SQL % ids, '(%s)[1:%d]' % (ids, head_size)])):
            counts[piece][key] = (number, LazySet(number, digest, head, load))
        return counts

    @staticmethod
    def _anonymity_sql_key(value, ftype):
        if value is None or value is False:
            return False
        # Odoo's cursor returns dates and timestamps as strings.
        if ftype == 'date':
            return value[:10] if isinstance(value, pycompat.string_types) \
                else value.strftime(DEFAULT_SERVER_DATE_FORMAT)
        if ftype == 'datetime':
            return value[:19] if isinstance(value, pycompat.string_types) \
                else value.strftime(DEFAULT_SERVER_DATETIME_FORMAT)
        return value

    @api.model
    def _anonymity_additive(self, levels):
        """Whether an interview falls in one group only when grouping by ``levels``."""
        return not any(level.split(':')[0] in self._anonymity_row_fields for level in levels)

    @api.model
    def _anonymity_visible(self, counts, levels, threshold, blocked=None, residue_ok=None):
        """Keys of the groups of ``levels`` that may be shown: never those of
        ``blocked`` (``{(i, j): keys}``, the complement rule), and in the
        lines of the groups themselves (not of their headers), never a
        hidden part that ``residue_ok`` refuses."""
        memo = {}

        def visible(i, j):
            if (i, j) in memo:
                return memo[(i, j)]
            cells = counts[(i, j)]
            candidates = set(cells) - (blocked or {}).get((i, j), set())
            lines = [(list(cells), self._anonymity_additive(levels[i:j]))] if j - i == 1 else []
            for split in range(i + 1, j):
                heads, tails = visible(i, split), visible(split, j)
                cut = split - i
                candidates = set(key for key in candidates
                                 if key[:cut] in heads and key[cut:] in tails)
                # A line varies the fields that its parent does not fix.
                for parent, varying in ((slice(None, cut), levels[split:j]),
                                        (slice(cut, None), levels[i:split])):
                    by_parent = {}
                    for key in cells:
                        by_parent.setdefault(key[parent], []).append(key)
                    additive = self._anonymity_additive(varying)
                    lines.extend((keys, additive) for keys in by_parent.values())
            memo[(i, j)] = suppress_small_groups(
                cells, threshold, lines, candidates,
                residue_ok if (i, j) == (0, len(levels)) else None)
            return memo[(i, j)]

        return visible(0, len(levels))

    # ------------------------------------------------------------------
    # The complement rule (see difference_guard)
    # ------------------------------------------------------------------

    @api.model
    def _exit_difference_guard(self, groups, threshold=None):
        """The complement rule for figures computed outside ``read_group``
        (a report section, a dashboard): call it with the groups about to be
        shown, after the threshold, and hide the keys it returns.

        :param groups: ``[(key, members)]`` in the order they are shown;
            members are the sorted ids of the interviews behind the figure
        :param threshold: the threshold of the figures (default: the user's)
        :return: the keys to hide (differing by 1 to N-1 interviews from a
            set already shown to the user, or from an earlier group); the
            others are remembered as shown. Officers and the superuser: none.
        """
        if not self._anonymity_applies():
            return set()
        guard = self._difference_guard_new(threshold or self._anonymity_threshold())
        blocked = guard.blocked(groups)
        guard.remember([members for key, members in groups if key not in blocked])
        guard.save()
        return blocked

    @api.model
    def _difference_guard_new(self, threshold):
        """A guard over this model's sets for the current user."""
        return DifferenceGuard(self.env, self._name, threshold)

    @api.model
    def _difference_member_sql(self):
        """The SQL of the interview of a row: what the sets are made of."""
        return '"%s"."%s"' % (self._table, self._anonymity_interview_column)

    @api.model
    def _difference_blocked(self, guard, domain, levels, sets, threshold):
        """``({(i, j): keys}, removals)``: the keys of the groups of every
        slice of ``levels`` that the complement rule hides, and per condition
        of the filter the interviews its removal adds to each group of the
        whole of ``levels``. Hidden:

        * a group whose set differs by 1 to N-1 interviews from a set this
          user was shown in the window (or from an earlier group of the
          same slice);
        * a group that one condition of the filter, removed, would change by
          1 to N-1 interviews (one query per condition of the filter)."""
        guard.prefetch([value[1] for cells in sets.values() for value in cells.values()])
        blocked = {}
        for piece, cells in sets.items():
            ordered = sorted(cells.items(), key=lambda item: repr(item[0]))
            blocked[piece] = guard.blocked([(key, value[1]) for key, value in ordered])
        conditions = self._difference_conditions(domain)
        removals = []
        for number in range(len(conditions)):
            rest = expression.AND(conditions[:number] + conditions[number + 1:]) \
                if len(conditions) > 1 else []
            removed = self._anonymity_counts(rest, levels, exclude=domain)
            for piece, cells in removed.items():
                blocked[piece].update(key for key, count in cells.items()
                                      if 0 < count < threshold and key in sets[piece])
            removals.append(removed[(0, len(levels))])
        return blocked, removals

    @api.model
    def _difference_hidden_set(self, sets, levels, additive, guard):
        """A function of keys of groups of the whole of ``levels`` that
        gives the interviews of those groups together. When they are all
        the groups under one parent (a row, a column, the total), that is
        the parent's own set, whose digest the query brought; otherwise
        their union, whose digest costs its members."""
        size = len(levels)
        parents = [((0, 0), lambda key: ())] + [
            ((0, cut), lambda key, cut=cut: key[:cut]) for cut in range(1, size)] + [
            ((cut, size), lambda key, cut=cut: key[cut:]) for cut in range(1, size)]
        full = sets[(0, size)]
        lines = {}
        for piece, parent in parents:
            for key in full:
                lines.setdefault((piece, parent(key)), set()).add(key)

        def hidden_set(keys):
            keys = set(keys)
            if additive and keys:
                sample = next(iter(keys))
                for piece, parent in parents:
                    value = parent(sample)
                    if lines[(piece, value)] == keys and value in sets[piece]:
                        return sets[piece][value][1]
            return union((full[key][1] for key in keys), additive, guard.head_size)
        return hidden_set

    @staticmethod
    def _difference_conditions(domain):
        """The conditions of a filter: the operands of its outermost AND,
        each a domain (an OR or a NOT is one condition)."""
        terms = expression.normalize_domain(domain or [])

        def operand(position):
            token = terms[position]
            if token == expression.NOT_OPERATOR:
                inner, after = operand(position + 1)
                return [token] + inner, after
            if token in (expression.AND_OPERATOR, expression.OR_OPERATOR):
                left, after = operand(position + 1)
                right, after = operand(after)
                return [token] + left + right, after
            return [token], position + 1

        def conjunction(position):
            if terms[position] == expression.AND_OPERATOR:
                left, after = conjunction(position + 1)
                right, after = conjunction(after)
                return left + right, after
            single, after = operand(position)
            return [single], after

        conditions, _after = conjunction(0)
        return [condition for condition in conditions
                if condition not in ([expression.TRUE_LEAF], [list(expression.TRUE_LEAF)])]
