"""tools/prune_addons.py on a tiny fake addons folder."""
import os

import prune_addons


def make_addon(root, name, depends, manifest='__manifest__.py'):
    path = root / name
    path.mkdir()
    (path / manifest).write_text(repr({'name': name, 'depends': depends}))
    (path / '__init__.py').write_text('')
    return path


def listing(path):
    return sorted(os.listdir(str(path))) if path.exists() else []


def test_moves_out_addons_with_missing_dependencies(tmp_path, capsys):
    addons, pruned = tmp_path / 'addons', tmp_path / 'pruned'
    addons.mkdir()
    make_addon(addons, 'base', [])
    make_addon(addons, 'mail', ['base'])
    make_addon(addons, 'old_style', ['mail'], manifest='__openerp__.py')
    make_addon(addons, 'crm_livechat', ['crm', 'mail'])       # crm is in no wheel
    make_addon(addons, 'sale_crm_extra', ['crm_livechat'])     # missing transitively
    (addons / 'not_an_addon').mkdir()                          # no manifest: left alone

    prune_addons.main(str(addons), str(pruned))

    assert listing(addons) == ['base', 'mail', 'not_an_addon', 'old_style']
    assert listing(pruned) == ['crm_livechat', 'sale_crm_extra']
    assert (pruned / 'crm_livechat' / '__manifest__.py').is_file()
    assert '3 addons kept, 2 moved out' in capsys.readouterr().out


def test_idempotent_and_replaces_a_reinstalled_addon(tmp_path, capsys):
    addons, pruned = tmp_path / 'addons', tmp_path / 'pruned'
    addons.mkdir()
    make_addon(addons, 'base', [])
    make_addon(addons, 'crm_livechat', ['crm'])
    prune_addons.main(str(addons), str(pruned))
    prune_addons.main(str(addons), str(pruned))
    assert '1 addons kept, 0 moved out' in capsys.readouterr().out.splitlines()[-1]

    # A later pip install puts the addon back: it is moved out again, replacing the old copy.
    make_addon(addons, 'crm_livechat', ['crm', 'base'])
    prune_addons.main(str(addons), str(pruned))
    assert listing(addons) == ['base']
    assert "'base'" in (pruned / 'crm_livechat' / '__manifest__.py').read_text()


def test_dependency_cycle_terminates(tmp_path):
    addons, pruned = tmp_path / 'addons', tmp_path / 'pruned'
    addons.mkdir()
    make_addon(addons, 'ping', ['pong'])
    make_addon(addons, 'pong', ['ping', 'nowhere'])
    prune_addons.main(str(addons), str(pruned))
    assert listing(addons) == []
    assert listing(pruned) == ['ping', 'pong']
