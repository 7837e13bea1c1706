"""The rows a user may read, as SQL: the one place where a domain and the
record rules become plain SQL, for the figures the ORM cannot express
(grouping sets, percentiles, sub-selects of ids)."""


def visible_rows_sql(model, domain):
    """Return ``(sql, params)``: ``FROM ... WHERE ...`` over the rows of
    ``model`` that match ``domain`` and that ``model``'s user may read
    (access rights checked, record rules applied, ``active_test`` of its
    context respected).

    Callers put their own SELECT in front and may append ``AND`` conditions,
    GROUP BY or ORDER BY (the conditions of the WHERE clause are enclosed in
    parentheses); nothing they write is passed in, so whatever they select,
    the rows are those the user may read."""
    model.check_access_rights('read')
    query = model._where_calc(domain)
    model._apply_ir_rules(query, 'read')
    from_clause, where_clause, params = query.get_sql()
    return 'FROM %s WHERE (%s)' % (from_clause, where_clause or 'TRUE'), params
