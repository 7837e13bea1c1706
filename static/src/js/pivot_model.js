odoo.define('hr_exit_interview.pivot_model', function (require) {
"use strict";

/**
 * The exit analyses hide small groups request by request, and the complement
 * rule remembers what the user has already been shown between requests. The
 * pivot view sends one read_group per combination of its row and column
 * groupings, so a cell of a finer combination (an area in one year) may come
 * back while its header (the area over all years) was hidden by an earlier
 * request. The stock pivot then dereferences a header that does not exist and
 * stops with an error dialog. Such a cell is kept out of the table here: it
 * gets a header outside the tree, which is never drawn. The server remains
 * the only judge of what may be shown; this only drops figures.
 */
var core = require('web.core');
var PivotModel = require('web.PivotModel');
var utils = require('web.utils');

var _t = core._t;

PivotModel.include({
    /**
     * A header that is not in the tree: the cells filed under it are never
     * displayed.
     *
     * @private
     * @returns {Object}
     */
    _exitDetachedHeader: function () {
        return {id: utils.generateID(), expanded: false, domain: [], children: [], path: []};
    },
    /**
     * @override
     * The header of a cell whose group another request hid is detached.
     */
    _getHeader: function () {
        return this._super.apply(this, arguments) || this._exitDetachedHeader();
    },
    /**
     * @override
     * A header whose parent group another request hid is detached too.
     */
    _makeHeader: function (value, domain, root, i, j, parent_header) {
        if (value.length && !parent_header && root) {
            var path = [_t("Total")].concat(value.slice(i, j - 1));
            if (!this._findPathInTree(root, path)) {
                return this._exitDetachedHeader();
            }
        }
        return this._super.apply(this, arguments);
    },
});

});
