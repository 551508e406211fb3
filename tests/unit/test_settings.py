import pytest
from click.testing import CliRunner

from darbnica.cli import main
from darbnica.errors import DarbnicaError
from darbnica.paths import Paths
from darbnica.settings import Settings, load_settings, remember
from darbnica.ui.app import DarbnicaApp


def _write(paths: Paths, text: str) -> None:
    paths.settings.parent.mkdir(parents=True, exist_ok=True)
    paths.settings.write_text(text, encoding="utf-8")


def test_no_file_means_defaults(paths: Paths) -> None:
    assert load_settings(paths) == Settings()


def test_settings_are_read(paths: Paths) -> None:
    _write(paths, 'lang = "lv"\nplan = "follow-up-meeting"\npublic_link = "https://example.lv/d/{id}.html"\n')
    settings = load_settings(paths)
    assert (settings.lang, settings.plan, settings.public_link) == (
        "lv",
        "follow-up-meeting",
        "https://example.lv/d/{id}.html",
    )
    assert settings.problems == ()


def test_a_bad_value_is_reported_and_the_rest_is_used(paths: Paths) -> None:
    _write(paths, 'lang = "de"\ntheme = 3\nplan = "follow-up-meeting"\npublic_link = "https://x.lv"\n')
    settings = load_settings(paths)
    assert settings.plan == "follow-up-meeting" and settings.lang is None and settings.public_link is None
    assert sorted(p.params["field"] for p in settings.problems) == ["lang", "public_link", "theme"]


def test_a_broken_file_is_reported_and_defaults_are_used(paths: Paths) -> None:
    _write(paths, "lang = \n")
    settings = load_settings(paths)
    assert settings.lang is None and len(settings.problems) == 1


def test_the_cli_follows_the_settings(paths: Paths) -> None:
    _write(paths, 'lang = "lv"\nplan = "follow-up-meeting"\nnonsense = 1\n')
    runner = CliRunner()
    created = runner.invoke(main, ["new", "Otrā tikšanās"], catch_exceptions=False)
    assert created.exit_code == 0
    listed = runner.invoke(main, ["list", "--json"], catch_exceptions=False)
    assert '"plan": "follow-up-meeting"' in listed.output and '"lang": "lv"' in listed.output


def test_the_halls_wifi_is_read_and_a_name_too_long_for_one_is_reported(paths: Paths) -> None:
    _write(paths, 'wifi_name = "Tautas nams"\nwifi_password = "sēta;1234"\n')
    settings = load_settings(paths)
    assert (settings.wifi_name, settings.wifi_password, settings.problems) == ("Tautas nams", "sēta;1234", ())
    _write(paths, f'wifi_name = "{"x" * 33}"\nwifi_password = "\\u001b[2J"\n')
    settings = load_settings(paths)
    assert settings.wifi_name is None and settings.wifi_password is None
    assert sorted(p.params["field"] for p in settings.problems) == ["wifi_name", "wifi_password"]


def test_a_remembered_choice_changes_only_its_own_line(paths: Paths) -> None:
    remember(paths, "theme", "high-contrast")  # no file yet: one is made
    assert load_settings(paths).theme == "high-contrast"
    _write(paths, '# mans klēpjdators\nlang = "en"  # for now\nplan = "follow-up-meeting"\n\n[extra]\nlang = "x"\n')
    remember(paths, "lang", "lv")
    remember(paths, "theme", "projector-dark")
    text = paths.settings.read_text(encoding="utf-8")
    assert text == (
        '# mans klēpjdators\nlang = "lv"\nplan = "follow-up-meeting"\ntheme = "projector-dark"\n\n[extra]\nlang = "x"\n'
    )
    settings = load_settings(paths)
    assert (settings.lang, settings.theme, settings.plan) == ("lv", "projector-dark", "follow-up-meeting")


def test_a_settings_file_that_cannot_be_read_is_never_written_over(paths: Paths) -> None:
    _write(paths, 'lang = \nplan = "mine"\n')
    with pytest.raises(DarbnicaError):
        remember(paths, "lang", "lv")
    assert paths.settings.read_text(encoding="utf-8") == 'lang = \nplan = "mine"\n'


def test_the_language_and_theme_given_to_the_app_are_remembered(paths: Paths, monkeypatch) -> None:
    monkeypatch.setattr(DarbnicaApp, "run", lambda self: None)  # the app itself is not started here
    runner = CliRunner()
    assert runner.invoke(main, ["--lang", "en", "--theme", "high-contrast"], catch_exceptions=False).exit_code == 0
    settings = load_settings(paths)
    assert (settings.lang, settings.theme) == ("en", "high-contrast")
    # A scripted command's --lang is for that command only.
    assert runner.invoke(main, ["--lang", "lv", "list"], catch_exceptions=False).exit_code == 0
    assert load_settings(paths).lang == "en"


def test_on_a_c_locale_the_app_speaks_latvian_until_told_otherwise(paths: Paths, monkeypatch) -> None:
    started: list[str] = []
    monkeypatch.setattr(DarbnicaApp, "run", lambda self: started.append(self.lang))
    monkeypatch.setenv("LANG", "C")
    runner = CliRunner()
    runner.invoke(main, [], catch_exceptions=False)
    runner.invoke(main, ["--lang", "en"], catch_exceptions=False)
    runner.invoke(main, [], catch_exceptions=False)
    assert started == ["lv", "en", "en"]
