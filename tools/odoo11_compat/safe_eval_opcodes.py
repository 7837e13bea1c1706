"""Opcodes that Python 3.11 uses to encode what Odoo 11.0's safe_eval already
allowed on Python 3.7, keyed by the whitelist they join.

Each group says which 3.7 opcodes it replaces, so that every level allows
exactly the constructs it allowed before (checked against Odoo 11.0 on 3.7 by
the safe_eval parity tool that the test command runs).
"""

ADDED = {
    # literals: POP_TOP, DUP_TOP*, ROT_*, BUILD_* were already allowed here
    '_CONST_OPCODES': [
        'RESUME', 'NOP', 'CACHE',           # function prologue / padding
        'COPY', 'SWAP',                     # DUP_TOP, DUP_TOP_TWO, ROT_*
        'LIST_EXTEND', 'SET_UPDATE',        # list/set literals of >= 3 items
        'LIST_TO_TUPLE', 'DICT_UPDATE',     # tuple/dict literals of >= 3 items
    ],
    # operations on values
    '_EXPR_OPCODES': [
        'BINARY_OP',                        # every BINARY_* / INPLACE_*
        'IS_OP', 'CONTAINS_OP',             # COMPARE_OP "is", "in"
        'FORMAT_VALUE', 'BUILD_STRING',     # '%s %s' % (a, b) compiles to these
    ],
    # calls, control flow, generators, try/except
    '_SAFE_OPCODES': [
        'PUSH_NULL', 'PRECALL', 'CALL', 'KW_NAMES', 'DICT_MERGE',
        'JUMP_BACKWARD', 'JUMP_BACKWARD_NO_INTERRUPT',
        'POP_JUMP_FORWARD_IF_TRUE', 'POP_JUMP_FORWARD_IF_FALSE',
        'POP_JUMP_BACKWARD_IF_TRUE', 'POP_JUMP_BACKWARD_IF_FALSE',
        'POP_JUMP_FORWARD_IF_NONE', 'POP_JUMP_FORWARD_IF_NOT_NONE',
        'POP_JUMP_BACKWARD_IF_NONE', 'POP_JUMP_BACKWARD_IF_NOT_NONE',
        'RETURN_GENERATOR',
        'PUSH_EXC_INFO', 'CHECK_EXC_MATCH', 'RERAISE',
    ],
}

# What 11.0 refused and 3.11 encodes with new opcodes: never add these.
FORBIDDEN = frozenset([
    'BEFORE_WITH',                                          # with
    'MAKE_CELL', 'COPY_FREE_VARS', 'LOAD_DEREF',            # closures
    'LOAD_CLOSURE', 'STORE_DEREF', 'LOAD_CLASSDEREF',
    'SEND',                                                 # yield from / await
    'MATCH_CLASS', 'MATCH_MAPPING', 'MATCH_SEQUENCE', 'MATCH_KEYS',
    'STORE_ATTR', 'DELETE_ATTR',                            # attribute stores
    'IMPORT_NAME', 'IMPORT_FROM', 'IMPORT_STAR',
    'UNPACK_EX', 'LOAD_ASSERTION_ERROR',
    'LOAD_BUILD_CLASS', 'SETUP_ANNOTATIONS',
])
