"""``chirogate registry`` through the real console entry point (subprocesses)."""

from __future__ import annotations

import json

from helpers import assert_clean_error


def _register(cli, tmp_path, name="chiro-no-v2", *extra):
    g = tmp_path / f"{name}.q8_0.gguf"
    g.write_bytes(b"GGUF" + name.encode())
    return cli("registry", "register", name, "--family", "chiro-no", "--kind", "candidate", "--base", "tiny",
               "--artifact", f"gguf={g}", *extra)


def test_register_list_show_history_alias(cli, tmp_path):
    prompt = tmp_path / "system.txt"
    prompt.write_text("Du er en klinisk dokumentasjonsassistent.", encoding="utf-8")
    r = _register(cli, tmp_path, "chiro-no-v2", "--system-prompt-file", str(prompt))
    assert r.code == 0, r.err
    assert "registered chiro-no-v2" in r.out
    assert cli("registry", "alias", "set", "chiro-no", "candidate", "chiro-no-v2").code == 0
    listed = json.loads(cli("registry", "list", "--json").out)
    assert [(m["name"], m["aliases"]) for m in listed] == [("chiro-no-v2", ["chiro-no@candidate"])]
    table = cli("registry", "list").out
    assert "chiro-no-v2" in table and "chiro-no@candidate" in table
    shown = json.loads(cli("registry", "show", "chiro-no@candidate", "--json").out)
    assert shown["model"]["system_prompt"].startswith("Du er")
    assert shown["artifacts"][0]["kind"] == "gguf"
    hist = json.loads(cli("registry", "history", "chiro-no-v2", "--json").out)
    assert [e["action"] for e in hist] == ["model.register", "artifact.add", "alias.set"]


def test_verify_exit_1_names_altered_file(cli, tmp_path, chirogate_home):
    assert _register(cli, tmp_path).code == 0
    ok = cli("registry", "verify")
    assert ok.code == 0 and "all intact" in ok.out
    [obj] = [p for p in (chirogate_home / "artifacts" / "objects").rglob("*") if p.is_file()]
    obj.write_bytes(b"GGUF a different model")
    bad = cli("registry", "verify", "chiro-no-v2")
    assert bad.code == 1
    assert "ALTERED" in bad.err and str(obj) in bad.err
    assert json.loads(cli("registry", "verify", "--json").out)["problems"][0]["path"] == str(obj)


def test_bad_inputs_are_one_line_errors(cli, tmp_path, chirogate_home):
    assert_clean_error(cli("registry", "show", "ghost"), "unknown model 'ghost'")
    assert_clean_error(cli("registry", "show", "chiro-no@production"), "unknown alias 'chiro-no@production'")
    assert_clean_error(cli("registry", "register", "x", "--family", "f", "--kind", "candidate", "--base", "b",
                           "--artifact", f"gguf={tmp_path / 'nope.gguf'}"), "nope.gguf", "does not exist")
    assert_clean_error(cli("registry", "register", "x", "--family", "f", "--kind", "candidate", "--base", "b",
                           "--artifact", "gguf"), "KIND=PATH")
    assert _register(cli, tmp_path).code == 0
    assert_clean_error(_register(cli, tmp_path), "already registered")
    assert_clean_error(cli("registry", "alias", "set", "chiro-no", "candidate", "ghost"), "ghost")
    events = json.loads(cli("registry", "history", "chiro-no-v2", "--json").out)
    assert len(events) == 2  # register + artifact, nothing from the failures


def test_not_sqlite_and_unwritable_home(cli, tmp_path):
    home = tmp_path / "h"
    home.mkdir()
    (home / "registry.db").write_text("junk")
    assert_clean_error(cli("registry", "list", env={"CHIROGATE_HOME": str(home)}), "not a SQLite database")
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    assert_clean_error(cli("registry", "list", env={"CHIROGATE_HOME": str(blocker / "home")}),
                       "cannot create CHIROGATE_HOME")


def test_every_command_has_help(cli):
    from gate.cli import cli as group
    import click

    def walk(cmd, path):
        yield path, cmd
        if isinstance(cmd, click.Group):
            ctx = click.Context(cmd)
            for name in cmd.list_commands(ctx):
                yield from walk(cmd.get_command(ctx, name), path + [name])

    for path, cmd in walk(group, []):
        assert (cmd.help or "").strip(), f"chirogate {' '.join(path)} has no help text"
